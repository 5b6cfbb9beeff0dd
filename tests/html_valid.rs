//! Every page navdesk serves is valid HTML: the Nu Html Checker (`vnu`, the W3C's validator)
//! reads the pages exactly as they were sent and finds no errors. And every page is light: under
//! 30 KB transferred with its stylesheet, compressed as a browser asks for it.
//!
//! The pages are found as a user finds them: on the demo's data, the resident pages in every
//! language (and a refused form), then, signed in as a navigator, a supervisor and an admin,
//! every page their links reach. The checker is the `vnu-jar` npm package run by Java
//! (`NAVDESK_VNU_JAR`, default `node_modules/vnu-jar/build/dist/vnu.jar`); the tier is skipped
//! with a printed line where either is missing, and fails instead in CI.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use common::staff::{browser, create_staff_in, hidden, Staff, PASSWORD};
use common::{skip, valid_form, Backend, TestApp};
use navdesk::auth::Role;
use navdesk::i18n::Lang;

/// The checker, or `None` (skipped with a line) when it or Java is missing.
fn checker() -> Option<PathBuf> {
    let jar = std::env::var_os("NAVDESK_VNU_JAR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/vnu-jar/build/dist/vnu.jar"),
        PathBuf::from,
    );
    if !jar.is_file() {
        skip(
            "HTML validity",
            &format!(
                "{} is not there (npm install, or set NAVDESK_VNU_JAR)",
                jar.display()
            ),
        );
        return None;
    }
    let java = std::process::Command::new("java").arg("-version").output();
    if !java.is_ok_and(|out| out.status.success()) {
        skip("HTML validity", "java is not installed");
        return None;
    }
    Some(jar)
}

/// The pages to check: each URL with the HTML it answered.
#[derive(Default)]
struct Pages {
    found: BTreeMap<String, String>,
    /// How many pages of each shape (path with numbers as `N`, and the query's names) were
    /// taken: two of a shape say as much as two hundred.
    shapes: BTreeMap<String, usize>,
    /// Each crawled page's bytes transferred.
    weights: Vec<(String, usize)>,
}

impl Pages {
    fn add(&mut self, label: String, html: String) {
        self.found.insert(label, html);
    }

    /// Whether `url` is a new page worth fetching.
    fn wants(&mut self, url: &str) -> bool {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let skipped_path = [
            "/logout",
            "/assets/",
            "/sms/",
            "/voice/",
            "/calendar/",
            "/api/",
        ]
        .iter()
        .any(|p| path.starts_with(p));
        let file = [".csv", ".ics", ".json", ".geojson", ".svg", ".png", ".txt"]
            .iter()
            .any(|ext| path.ends_with(ext));
        if skipped_path || file || path == "/metrics" || path.ends_with("z") {
            return false;
        }
        let mut names: Vec<&str> = query
            .split('&')
            .filter_map(|kv| kv.split('=').next())
            .filter(|k| !k.is_empty())
            .collect();
        names.sort_unstable();
        names.dedup();
        let shape = format!(
            "{}?{}",
            path.split('/')
                .map(|seg| if seg.chars().any(|c| c.is_ascii_digit()) {
                    "N"
                } else {
                    seg
                })
                .collect::<Vec<_>>()
                .join("/"),
            names.join("&")
        );
        let seen = self.shapes.entry(shape).or_default();
        *seen += 1;
        *seen <= 2
    }
}

/// Same-site links of a page, as a browser would follow them.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| !href.is_empty())
        .collect()
}

/// Follows every link from `start` with `client`, keeping each HTML page.
async fn crawl(
    app: &TestApp,
    client: &reqwest::Client,
    who: &str,
    start: &[&str],
    pages: &mut Pages,
) {
    let mut queue: VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let resp = client.get(app.url(&url)).send().await.expect("GET");
        let status = resp.status().as_u16();
        let html = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let body = resp.text().await.expect("body");
        assert!(status < 500, "{who} {url}: HTTP {status}");
        if !html {
            continue;
        }
        // A page that answers "not found" or "refused" is checked too, but not followed.
        for link in links(&body).into_iter().filter(|_| status == 200) {
            if !seen.contains(&link) && pages.wants(&link) {
                queue.push_back(link);
            }
        }
        pages.add(format!("{who} {url}"), body);
        let weight = transferred(app, client, &url).await;
        pages.weights.push((format!("{who} {url}"), weight));
    }
}

/// The bytes a browser receives for `url` when it takes gzip, as the network counts them.
async fn transferred(app: &TestApp, client: &reqwest::Client, url: &str) -> usize {
    let resp = client
        .get(app.url(url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("GET");
    resp.bytes().await.expect("body").len()
}

/// What the checker said about the pages: one line per error, naming the page.
fn check(jar: &Path, pages: &Pages) -> Vec<String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-valid");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder for the pages");
    let mut files = Vec::new();
    let mut labels = BTreeMap::new();
    for (i, (label, html)) in pages.found.iter().enumerate() {
        let file = dir.join(format!("page{i:04}.html"));
        std::fs::write(&file, html).expect("write page");
        labels.insert(format!("page{i:04}.html"), label.clone());
        files.push(file);
    }
    let out = std::process::Command::new("java")
        .arg("-Xss4m")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json", "--exit-zero-always"])
        .args(&files)
        .output()
        .expect("vnu runs");
    // The checker writes its report to standard error.
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "the checker's report is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let file = url.rsplit('/').next().unwrap_or_default();
            format!(
                "{} (line {}): {} — {}",
                labels.get(file).map_or(url, String::as_str),
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default().trim()
            )
        })
        .collect()
}

async fn signed_in(app: &TestApp, email: &str, password: &str) -> Staff {
    let staff = Staff {
        client: browser(),
        base: app.base.clone(),
        navigator_id: None,
    };
    assert_eq!(
        staff.sign_in_with(email, password).await,
        303,
        "{email} signs in"
    );
    staff
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_is_valid_html() {
    let Some(jar) = checker() else {
        return;
    };
    // One address asks for every page in six languages: a status lookup allowance as a load
    // test's would be.
    let app = common::spawn_with(Backend::Sqlite, |c| c.status_burst = 1000)
        .await
        .expect("SQLite app");
    let demo = navdesk::demo::seed(&app.db)
        .await
        .expect("demo seeds")
        .expect("first seeding");
    create_staff_in(&app.db, "ada@navdesk.example", "Ada Lee", Role::Admin).await;
    let mut pages = Pages::default();

    // Residents, in every language: the pages, a request sent and a request refused.
    for lang in Lang::all() {
        let code = lang.code();
        let resident = browser();
        crawl(
            &app,
            &resident,
            &format!("resident ({code})"),
            &[
                &format!("/?lang={code}"),
                "/help",
                "/status",
                "/login",
                "/no-such-page",
            ],
            &mut pages,
        )
        .await;
        let sent = resident
            .post(app.url("/help"))
            .form(&valid_form())
            .send()
            .await
            .expect("POST /help");
        assert_eq!(sent.status(), 303, "the demo form is accepted");
        let confirmation = common::location(&sent);
        let body = resident
            .get(app.url(&confirmation))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        pages.add(format!("resident ({code}) /help/{{ref}}"), body);
        let reference = confirmation.rsplit('/').next().unwrap_or_default();
        let found = resident
            .post(app.url("/status"))
            .form(&[("ref", reference), ("phone_last4", "0123")])
            .send()
            .await
            .expect("POST /status");
        assert_eq!(found.status(), 200, "the status lookup finds the request");
        pages.add(
            format!("resident ({code}) /status found"),
            found.text().await.unwrap(),
        );
        let refused = resident
            .post(app.url("/help"))
            .form(&[("name", ""), ("phone", "12"), ("zip", "abc")])
            .send()
            .await
            .expect("POST /help");
        assert_eq!(refused.status(), 422);
        pages.add(
            format!("resident ({code}) /help refused"),
            refused.text().await.unwrap(),
        );
        let status = resident
            .post(app.url("/status"))
            .form(&[("ref", "ZZZZZZZZ"), ("phone_last4", "1")])
            .send()
            .await
            .expect("POST /status");
        pages.add(
            format!("resident ({code}) /status refused"),
            status.text().await.unwrap(),
        );
        // The public equity dashboard, on the demo's figures.
        let equity = resident
            .get(app.url(&format!("/equity?lang={code}")))
            .send()
            .await
            .expect("GET /equity");
        assert_eq!(equity.status(), 200);
        pages.add(
            format!("resident ({code}) /equity"),
            equity.text().await.unwrap(),
        );
    }

    // Staff, as each role finds the pages from where they land.
    let navigator = signed_in(&app, demo.navigator, &demo.password).await;
    crawl(
        &app,
        &navigator.client,
        "navigator",
        &["/cases"],
        &mut pages,
    )
    .await;
    let supervisor = signed_in(&app, demo.supervisor, &demo.password).await;
    crawl(
        &app,
        &supervisor.client,
        "supervisor",
        &["/cases", "/map", "/reports"],
        &mut pages,
    )
    .await;
    let admin = signed_in(&app, "ada@navdesk.example", PASSWORD).await;
    crawl(
        &app,
        &admin.client,
        "admin",
        &["/cases", "/users", "/audit"],
        &mut pages,
    )
    .await;

    // Staff pages drawn again with an error.
    let (_, case_page) = navigator.page("/cases/1").await;
    let csrf = hidden(&case_page, "csrf_token");
    let version = hidden(&case_page, "version");
    let refused = navigator
        .post(
            "/cases/1/notes",
            &[
                ("csrf_token", csrf.as_str()),
                ("version", version.as_str()),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422, "an empty note is refused");
    pages.add(
        "navigator /cases/1 refused note".to_owned(),
        refused.text().await.unwrap(),
    );
    let refused = supervisor.get("/map?from=2026-02-30").await;
    assert_eq!(refused.status(), 422, "an impossible date is refused");
    pages.add(
        "supervisor /map refused".to_owned(),
        refused.text().await.unwrap(),
    );
    let refused = navigator
        .post(
            "/login",
            &[
                ("csrf_token", csrf.as_str()),
                ("email", "x"),
                ("password", ""),
            ],
        )
        .await;
    pages.add("sign-in refused".to_owned(), refused.text().await.unwrap());

    let staff_pages = pages
        .found
        .keys()
        .filter(|k| !k.starts_with("resident"))
        .count();
    assert!(
        pages.found.len() >= 40 && staff_pages >= 20,
        "the crawl reaches the pages ({} in all, {staff_pages} staff): {:?}",
        pages.found.len(),
        pages.found.keys().collect::<Vec<_>>()
    );
    let stylesheet = {
        let (_, home) = navigator.page("/cases").await;
        let href = home
            .split("href=\"/assets/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a stylesheet");
        transferred(&app, &navigator.client, &format!("/assets/{href}")).await
    };
    let heavy: Vec<String> = pages
        .weights
        .iter()
        .filter(|(_, bytes)| bytes + stylesheet >= 30 * 1024)
        .map(|(page, bytes)| format!("{page}: {} bytes with the stylesheet", bytes + stylesheet))
        .collect();
    let heaviest = pages.weights.iter().max_by_key(|(_, b)| *b).expect("pages");
    eprintln!(
        "heaviest page: {} ({} bytes, {} with the stylesheet)",
        heaviest.0,
        heaviest.1,
        heaviest.1 + stylesheet
    );
    assert!(
        heavy.is_empty(),
        "pages over 30 KB transferred:\n{}",
        heavy.join("\n")
    );

    let errors = check(&jar, &pages);
    eprintln!(
        "Nu Html Checker: {} pages, {} errors; pages:\n  {}",
        pages.found.len(),
        errors.len(),
        pages.found.keys().cloned().collect::<Vec<_>>().join("\n  ")
    );
    assert!(
        errors.is_empty(),
        "the Nu Html Checker found errors:\n{}",
        errors.join("\n")
    );
    app.stop().await;
}
