//! Real headless Chromium for browser tests, driven through WebDriver (fantoccini).
//!
//! `Browser::start()` runs `chromedriver` as a child process on a free loopback port, opens a
//! Chromium session with a fresh profile and a phone-sized viewport (320 × 640 CSS pixels),
//! and cleans everything up when dropped, also when a test panics. A missing binary skips the
//! "browser" tier (or fails it under `NAVDESK_REQUIRE_ALL_TIERS=1`).
//!
//! Environment: `CHROMEDRIVER` (default `/usr/bin/chromedriver`), `CHROME` (default
//! `/usr/bin/chromium`), `NAVDESK_AXE_JS` (default `node_modules/axe-core/axe.min.js` in the
//! crate's folder).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::common::skip;

/// The phone we pretend to be, in CSS pixels: the narrowest screen we support, which is also
/// what a 640 px wide window shows at 200% zoom.
pub const PHONE_WIDTH: u32 = 320;
pub const PHONE_HEIGHT: u32 = 640;

/// How long to wait for a page, an element or chromedriver itself.
pub const WAIT: Duration = Duration::from_secs(20);

/// The accessibility standards every page must meet.
pub const AXE_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A program named by an environment variable (or its default), if it exists here.
fn program(var: &str, default: &str) -> Result<PathBuf, String> {
    let value = std::env::var(var).unwrap_or_else(|_| default.to_owned());
    let candidates: Vec<PathBuf> = if value.contains('/') {
        vec![PathBuf::from(&value)]
    } else {
        std::env::var_os("PATH")
            .map(|path| {
                std::env::split_paths(&path)
                    .map(|d| d.join(&value))
                    .collect()
            })
            .unwrap_or_default()
    };
    candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| {
        format!("{var}={value} was not found (install chromium and chromium-driver, or set {var})")
    })
}

/// The axe-core script, or `None` (after a skip line) when it is not installed.
pub fn axe_source() -> Option<String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = std::env::var_os("NAVDESK_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("node_modules/axe-core/axe.min.js"));
    let path = manifest_dir.join(path);
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(err) => {
            skip(
                "browser",
                &format!(
                    "axe-core is not at {} ({err}); run `npm install` or set NAVDESK_AXE_JS",
                    path.display()
                ),
            );
            None
        }
    }
}

/// Where screenshots go: `target/screenshots/`, created on first use.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

/// Owns the chromedriver process and the temporary profile; on drop it ends the WebDriver
/// session (which quits Chromium), stops chromedriver and removes the folder.
struct Driver {
    child: Child,
    port: u16,
    dir: PathBuf,
    keep_dir: bool,
    session: Option<String>,
}

impl Driver {
    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("chromedriver.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            // A blocking request: this may run while a panic unwinds through the runtime.
            let _ = delete_session(self.port, &session);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.keep_dir {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `DELETE /session/{id}` with std only, so that it works from `Drop`.
fn delete_session(port: u16, session: &str) -> std::io::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(15)))?;
    write!(
        stream,
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    Ok(())
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Starts chromedriver and waits until it accepts connections; `None` if it exited first
/// (for example because another process took the port in the meantime).
fn start_driver(chromedriver: &Path, dir: &Path) -> Option<Driver> {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .arg(format!(
            "--log-path={}",
            dir.join("chromedriver.log").display()
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", chromedriver.display()));
    let mut driver = Driver {
        child,
        port,
        dir: dir.to_owned(),
        keep_dir: false,
        session: None,
    };
    let deadline = Instant::now() + WAIT;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    while Instant::now() < deadline {
        if let Ok(Some(status)) = driver.child.try_wait() {
            eprintln!(
                "chromedriver exited early ({status}):\n{}",
                driver.log_tail()
            );
            // The folder stays for the next attempt.
            driver.keep_dir = true;
            return None;
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Some(driver);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "chromedriver did not listen on port {port} within {WAIT:?}:\n{}",
        driver.log_tail()
    );
}

/// A Chromium session at phone size. Call `quit` at the end; dropping it also cleans up.
pub struct Browser {
    pub client: Client,
    /// The app's base URL, e.g. `http://127.0.0.1:41234`.
    pub base: String,
    driver: Driver,
    /// The screen size asked for by `viewport`, laid out again after each `open` (a new
    /// document gets chromedriver's phone emulation back).
    screen: std::sync::Mutex<Option<(u32, u32)>>,
}

impl Browser {
    /// Starts chromedriver and Chromium, or skips the browser tier when either is missing.
    pub async fn start(base: &str) -> Option<Browser> {
        // Both ring and aws-lc-rs are linked in: name the TLS provider the WebDriver client uses
        // (an error only means another test installed it first).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let chromedriver = match program("CHROMEDRIVER", "/usr/bin/chromedriver") {
            Ok(p) => p,
            Err(why) => {
                skip("browser", &why);
                return None;
            }
        };
        let chrome = match program("CHROME", "/usr/bin/chromium") {
            Ok(p) => p,
            Err(why) => {
                skip("browser", &why);
                return None;
            }
        };

        let dir = std::env::temp_dir().join(format!(
            "navdesk_browser_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let profile = dir.join("profile");
        std::fs::create_dir_all(&profile).expect("create a browser profile folder");

        let mut driver = None;
        for _ in 0..3 {
            driver = start_driver(&chromedriver, &dir);
            if driver.is_some() {
                break;
            }
        }
        let mut driver = driver.expect("chromedriver starts");

        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "timeouts".into(),
            json!({ "script": 60_000, "pageLoad": 30_000, "implicit": 0 }),
        );
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chrome,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    format!("--window-size={PHONE_WIDTH},{PHONE_HEIGHT}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                // A desktop window can't be narrower than 500 px; emulate the phone's
                // viewport so that pages are laid out (and screenshotted) at 320 px.
                "mobileEmulation": {
                    "deviceMetrics": {
                        "width": PHONE_WIDTH,
                        "height": PHONE_HEIGHT,
                        "pixelRatio": 1.0,
                        "mobile": true,
                        "touch": true
                    }
                }
            }),
        );
        let url = format!("http://127.0.0.1:{}", driver.port);
        let client = match ClientBuilder::rustls()
            .expect("TLS roots for the WebDriver client")
            .capabilities(caps)
            .connect(&url)
            .await
        {
            Ok(client) => client,
            Err(err) => panic!(
                "could not open a Chromium session through chromedriver: {err}\n{}",
                driver.log_tail()
            ),
        };
        driver.session = client.session_id().await.ok().flatten();
        Some(Browser {
            client,
            base: base.trim_end_matches('/').to_owned(),
            driver,
            screen: std::sync::Mutex::new(None),
        })
    }

    /// Ends the session (Chromium quits) and stops chromedriver.
    pub async fn quit(mut self) {
        if self.client.clone().close().await.is_ok() {
            self.driver.session = None;
        }
    }

    /// Opens a path of the app and waits for the page to load.
    pub async fn open(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("could not open {url}: {e}"));
        let screen = *self.screen.lock().expect("screen size");
        if let Some((width, height)) = screen {
            self.emulate(width, height).await;
        }
    }

    /// The current URL's path.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("current URL")
            .path()
            .to_owned()
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => panic!("no element matches `{css}` on {}: {e}", self.here().await),
        }
    }

    /// Waits for an element, e.g. one on the page a click leads to.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let started = std::time::Instant::now();
        loop {
            match self
                .client
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css(css))
                .await
            {
                Ok(el) => return el,
                // A look-up that began while a click was still navigating is aborted by that
                // navigation ("aborted by navigation"): look again on the new page.
                Err(_) if started.elapsed() < WAIT => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => panic!("`{css}` did not appear on {}: {e}", self.here().await),
            }
        }
    }

    /// Where we are, for messages: URL and title.
    pub async fn here(&self) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        let title = self.client.title().await.unwrap_or_default();
        format!("{url} ({title:?})")
    }

    /// Types into a field, which WebDriver focuses first (as a person tabbing to it would).
    /// The field is not clicked: under a full suite's load a click at a field's middle was
    /// seen to land on the form's submit button as the page finished its layout, posting the
    /// form half filled in. A field drawn again between being found and typed into ("stale
    /// element") is found again and typed into anew; what it then holds is the caller's to
    /// check.
    pub async fn type_into(&self, css: &str, text: &str) {
        let started = Instant::now();
        loop {
            let field = self.find(css).await;
            match field.send_keys(text).await {
                Ok(()) => return,
                Err(e) if e.is_stale_element_reference() && started.elapsed() < WAIT => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => panic!("type into `{css}` on {}: {e}", self.here().await),
            }
        }
    }

    /// Ticks a checkbox or radio by clicking its label (which also proves the label is tied
    /// to it), and checks that it is now selected.
    pub async fn tick(&self, input_id: &str) {
        let label = self.find(&format!("label[for='{input_id}']")).await;
        self.press(&label, &format!("the label of #{input_id}"))
            .await;
        let input = self.find(&format!("#{input_id}")).await;
        assert!(
            input.is_selected().await.expect("is_selected"),
            "clicking the label of #{input_id} did not select it"
        );
    }

    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.press(&element, css).await;
    }

    /// Clicks an element as a person would once they can see it: a click that lands on
    /// something else drawn over it for the moment (a page still settling its layout while the
    /// machine is busy) is tried again, scrolled to the middle of the window, after the next
    /// frame is drawn, until the element itself takes it.
    pub async fn press(&self, element: &fantoccini::elements::Element, what: &str) {
        if let Err(e) = self.try_press(element).await {
            panic!("click `{what}` on {}: {e}", self.here().await);
        }
    }

    /// `press`, with what went wrong given back rather than a panic.
    async fn try_press(
        &self,
        element: &fantoccini::elements::Element,
    ) -> Result<(), fantoccini::error::CmdError> {
        let started = Instant::now();
        loop {
            match element.clone().click().await {
                Ok(_) => return Ok(()),
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::ElementClickIntercepted
                        && started.elapsed() < WAIT =>
                {
                    let script = "const [el, done] = arguments; \
                                  el.scrollIntoView({block: 'center'}); \
                                  requestAnimationFrame(() => requestAnimationFrame(done));";
                    let arg = serde_json::to_value(element).expect("an element as JSON");
                    self.client.execute_async(script, vec![arg]).await?;
                }
                Err(e) => return Err(e),
            }
        }
    }

    pub async fn js(&self, script: &str) -> Value {
        match self.client.execute(script, vec![]).await {
            Ok(v) => v,
            Err(e) => panic!("script failed on {}: {e}", self.here().await),
        }
    }

    /// The HTTP status of the document now shown.
    pub async fn http_status(&self) -> u64 {
        self.js("return performance.getEntriesByType('navigation')[0].responseStatus;")
            .await
            .as_u64()
            .expect("a numeric responseStatus")
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
    }

    /// A PNG of the whole page (not only the viewport) at the phone's width.
    pub async fn full_page_screenshot(&self) -> Vec<u8> {
        let metrics = self.cdp("Page.getLayoutMetrics", json!({})).await;
        let size = &metrics["cssContentSize"];
        let width = size["width"]
            .as_f64()
            .unwrap_or(f64::from(PHONE_WIDTH))
            .ceil();
        let height = size["height"]
            .as_f64()
            .unwrap_or(f64::from(PHONE_HEIGHT))
            .ceil();
        let shot = self
            .cdp(
                "Page.captureScreenshot",
                json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 }
                }),
            )
            .await;
        let data = shot["data"].as_str().expect("screenshot data");
        base64_decode(data).expect("screenshot is base64")
    }

    /// The page's width and the viewport's, in CSS pixels: a page wider than the viewport
    /// scrolls sideways.
    pub async fn page_and_viewport_width(&self) -> (u64, u64) {
        let v = self
            .js("return [document.documentElement.scrollWidth, window.innerWidth];")
            .await;
        (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
    }

    /// Lays pages out at `width`×`height` CSS pixels: a phone's screen when narrower than 600,
    /// a desk's otherwise. Stays for the pages `open` opens until changed.
    pub async fn viewport(&self, width: u32, height: u32) {
        *self.screen.lock().expect("screen size") = Some((width, height));
        self.emulate(width, height).await;
    }

    async fn emulate(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 600
            }),
        )
        .await;
    }

    /// A PNG of what the screen shows now (the first screen of the page, unscrolled).
    pub async fn screen_shot(&self) -> Vec<u8> {
        self.js("window.scrollTo(0, 0); return 0;").await;
        let shot = self
            .cdp("Page.captureScreenshot", json!({ "format": "png" }))
            .await;
        base64_decode(shot["data"].as_str().expect("screenshot data")).expect("base64")
    }

    /// Checks that the page does not scroll sideways at the current viewport, then saves the
    /// first screen as `target/screenshots/{name}.png` and the whole page as
    /// `{name}-full.png`.
    pub async fn fits_and_screenshot(&self, name: &str) {
        let (scroll_width, inner_width) = self.page_and_viewport_width().await;
        assert!(
            scroll_width <= inner_width,
            "{name}: the page is {scroll_width} px wide on a {inner_width} px screen, so it scrolls sideways"
        );
        let dir = screenshot_dir();
        for (file, png) in [
            (format!("{name}.png"), self.screen_shot().await),
            (
                format!("{name}-full.png"),
                self.full_page_screenshot().await,
            ),
        ] {
            // The whole page is as wide as its content: a desk's scroll bar is not in it.
            let (w, h) = png_size(&png).expect("a PNG");
            assert!(
                u64::from(w) <= inner_width && u64::from(w) + 20 >= inner_width,
                "{file}: screenshot width {w} on a {inner_width} px screen"
            );
            std::fs::write(dir.join(&file), &png).expect("write screenshot");
            eprintln!("screenshot {file} ({w}x{h})");
        }
    }

    /// Checks that the page fits the phone (no sideways scrolling), then saves a full-page
    /// screenshot as `target/screenshots/{name}.png`.
    pub async fn fits_phone_and_screenshot(&self, name: &str) {
        let (scroll_width, inner_width) = self.page_and_viewport_width().await;
        assert_eq!(
            inner_width,
            u64::from(PHONE_WIDTH),
            "the viewport is a phone's"
        );
        assert!(
            scroll_width <= inner_width,
            "{name}: the page is {scroll_width} px wide on a {inner_width} px phone, so it scrolls sideways"
        );
        let png = self.full_page_screenshot().await;
        let (w, h) = png_size(&png).expect("a PNG");
        assert_eq!(w, PHONE_WIDTH, "{name}: screenshot width");
        assert!(
            h >= 300,
            "{name}: screenshot of {w}x{h} is too short to be a page"
        );
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, &png).expect("write screenshot");
        eprintln!("screenshot {} ({w}x{h})", path.display());
    }

    /// Signs in on the English login page by typing, as staff do.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.open("/login?lang=en").await;
        self.type_into("#f-email", email).await;
        self.type_into("#f-password", password).await;
        self.click("form[action='/login'] button[type=submit]")
            .await;
        self.wait_for("nav.staff-nav").await;
    }

    /// The text of the first element matching `css`, without Fluent's isolation marks.
    pub async fn text_of(&self, css: &str) -> String {
        clean(&self.find(css).await.text().await.unwrap())
    }

    /// Fails the test, naming `page`, when axe-core (if available) finds a violation.
    pub async fn no_axe_violations(&self, axe: Option<&str>, page: &str) {
        if let Some(axe) = axe {
            let result = self.axe(axe).await;
            assert!(
                result.violations.is_empty(),
                "{page}: {:#?}",
                result.violations
            );
        }
    }

    /// Injects axe-core into the current page and runs it for `AXE_TAGS`.
    pub async fn axe(&self, axe_source: &str) -> AxeResult {
        // WebDriver's scripts run outside the page's CSP, which forbids inline script.
        self.client
            .execute(axe_source, vec![])
            .await
            .unwrap_or_else(|e| panic!("could not inject axe-core: {e}"));
        let script = r#"
            const [tags, done] = arguments;
            axe.run(document, { runOnly: { type: 'tag', values: tags } })
              .then(r => done({
                passes: r.passes.length,
                incomplete: r.incomplete.map(v => v.id),
                violations: r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                  nodes: v.nodes.map(n => ({
                    target: n.target.map(t => String(t)),
                    html: n.html,
                    summary: n.failureSummary || ''
                  }))
                }))
              }))
              .catch(e => done({ error: String(e && e.stack || e) }));
        "#;
        let out = self
            .client
            .execute_async(script, vec![json!(AXE_TAGS)])
            .await
            .unwrap_or_else(|e| panic!("axe.run failed: {e}"));
        if let Some(err) = out.get("error") {
            panic!("axe.run failed on {}: {err}", self.here().await);
        }
        serde_json::from_value(out).expect("axe results")
    }
}

/// What we keep of `axe.run`'s results.
#[derive(Debug, serde::Deserialize)]
pub struct AxeResult {
    pub passes: usize,
    pub incomplete: Vec<String>,
    pub violations: Vec<AxeViolation>,
}

#[derive(Debug, serde::Deserialize)]
pub struct AxeViolation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    pub nodes: Vec<AxeNode>,
}

#[derive(Debug, serde::Deserialize)]
pub struct AxeNode {
    pub target: Vec<String>,
    pub html: String,
    pub summary: String,
}

impl std::fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "  {} ({}): {}\n    {}",
            self.id,
            self.impact.as_deref().unwrap_or("unknown impact"),
            self.help,
            self.help_url
        )?;
        for node in &self.nodes {
            writeln!(f, "    - {}", node.target.join(" > "))?;
            writeln!(f, "      {}", node.html)?;
            for line in node.summary.lines() {
                writeln!(f, "      {line}")?;
            }
        }
        Ok(())
    }
}

/// chromedriver's `POST /session/{id}/goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &reqwest::Url,
        session_id: Option<&str>,
    ) -> Result<reqwest::Url, url_error::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &reqwest::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

/// `url::ParseError`, reached through reqwest (which uses the same `url` crate as fantoccini).
mod url_error {
    pub type ParseError = <reqwest::Url as std::str::FromStr>::Err;
}

/// Standard base64 with padding, as Chrome sends screenshots.
fn base64_decode(input: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let bytes: Vec<u8> = input.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let trimmed: &[u8] = {
        let end = bytes.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
        &bytes[..end]
    };
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    for chunk in trimmed.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= value(c)? << (18 - 6 * i);
        }
        let n = match chunk.len() {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => return None,
        };
        out.extend_from_slice(&acc.to_be_bytes()[1..1 + n]);
    }
    Some(out)
}

/// A PNG's width and height from its header.
/// Page text without Fluent's isolation marks.
pub fn clean(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&png[16..20]), be(&png[20..24])))
}

#[test]
fn base64_decodes_what_chrome_sends() {
    assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
    assert_eq!(base64_decode("aGVsbG8h").unwrap(), b"hello!");
    assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
    assert_eq!(base64_decode("").unwrap(), b"");
    assert!(base64_decode("a").is_none());
    assert!(base64_decode("a*==").is_none());
}
