//! The soak driver behind `scripts/soak.sh`: a paced, mixed workload against a running navdesk
//! for a long while, checking every answer, and watching the server's memory.
//!
//! It serves a fake Twilio Messages API on `SOAK_FAKE_ADDR` (the server's `NAVDESK_SMS_BASE_URL`)
//! that accepts every text with a fresh `sid` and status `queued`, and answers each text with
//! signed status callbacks (`sent`, then mostly `delivered`, sometimes `failed`) to the URL the
//! server gave, a second or two later, as Twilio does. Meanwhile, every second (rates by env):
//!
//!   RATE_SUBMIT  (100)  residents send the request form, `POST /help` (303), and open the
//!                       confirmation it points to (200); SMS_CONSENT (0.7) of them agree to texts
//!   RATE_BROWSE  (50)   `GET /help` and `GET /` (200)
//!   RATE_STATUS  (10)   `POST /status` with a code and last four digits from earlier requests (200)
//!   RATE_STAFF   (20)   navigators and the supervisor open `/cases`, `/cases?page=2` and case pages
//!
//! Each resident comes from their own address (`X-Forwarded-For`; the server must trust
//! 127.0.0.1). Any other answer, a timeout or a refused connection is an error; the first few
//! are printed. Every 10 s a line: requests and errors by kind, p50/p99 over those 10 s, the
//! server's RSS (VmRSS/RssAnon), texts the fake received, and the outbox's backlog when
//! `SOAK_DATABASE_URL` is given. At the end: totals, and the memory verdict: the trend over the
//! second half, by least squares, of VmRSS and of RssAnon (the heap and stacks, where a leak
//! would show). Exits 0 only with no error and flat memory.
//!
//! Started by `scripts/soak.sh`; by hand it needs: SOAK_BASE_URL (the server, also its
//! NAVDESK_PUBLIC_URL), SOAK_FAKE_ADDR, SOAK_SERVER_PID_FILE (waited for: the script starts the
//! server once the fake listens), TWILIO_AUTH_TOKEN, SOAK_PASSWORD, SOAK_SUPERVISOR,
//! SOAK_NAVIGATORS (comma-separated emails), SOAK_SEED_CASES (case ids 1..=N exist). Optional:
//! DURATION (10m), WARMUP (2m), MAX_SLOPE_MB_PER_MIN (1.0), REPORT_EVERY (10s).

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use rand::Rng;

const MAX_PRINTED_ERRORS: u64 = 10;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Submit,
    Confirm,
    Form,
    Landing,
    Status,
    CaseList,
    CasePage,
    Callback,
}

impl Kind {
    const ALL: [Kind; 8] = [
        Kind::Submit,
        Kind::Confirm,
        Kind::Form,
        Kind::Landing,
        Kind::Status,
        Kind::CaseList,
        Kind::CasePage,
        Kind::Callback,
    ];
    fn name(self) -> &'static str {
        match self {
            Kind::Submit => "POST /help",
            Kind::Confirm => "GET /help/{ref}",
            Kind::Form => "GET /help",
            Kind::Landing => "GET /",
            Kind::Status => "POST /status",
            Kind::CaseList => "GET /cases",
            Kind::CasePage => "GET /cases/{id}",
            Kind::Callback => "POST /sms/status",
        }
    }
    fn short(self) -> &'static str {
        match self {
            Kind::Submit => "submit",
            Kind::Confirm => "confirm",
            Kind::Form => "form",
            Kind::Landing => "landing",
            Kind::Status => "status",
            Kind::CaseList => "caselist",
            Kind::CasePage => "case",
            Kind::Callback => "callback",
        }
    }
}

#[derive(Default)]
struct Tally {
    /// Latencies of this interval, microseconds.
    latencies: Vec<u32>,
    errors: u64,
    total: u64,
    total_errors: u64,
    all_latencies_max_us: u32,
}

struct Stats {
    kinds: Mutex<BTreeMap<Kind, Tally>>,
    printed_errors: AtomicU64,
}

impl Stats {
    /// A wrong page behind a right status: an error on a request already counted.
    fn wrong_page(&self, kind: Kind, what: String) {
        {
            let mut kinds = self.kinds.lock().unwrap();
            let t = kinds.entry(kind).or_default();
            t.errors += 1;
            t.total_errors += 1;
        }
        if self.printed_errors.fetch_add(1, Ordering::SeqCst) < MAX_PRINTED_ERRORS {
            eprintln!("ERROR {}: {what}", kind.name());
        }
    }

    fn record(&self, kind: Kind, elapsed: Duration, ok: Result<(), String>) {
        let us = u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX);
        {
            let mut kinds = self.kinds.lock().unwrap();
            let t = kinds.entry(kind).or_default();
            t.latencies.push(us);
            t.total += 1;
            t.all_latencies_max_us = t.all_latencies_max_us.max(us);
            if ok.is_err() {
                t.errors += 1;
                t.total_errors += 1;
            }
        }
        if let Err(what) = ok {
            if self.printed_errors.fetch_add(1, Ordering::SeqCst) < MAX_PRINTED_ERRORS {
                eprintln!("ERROR {}: {what}", kind.name());
            }
        }
    }
}

/// Codes and phone numbers of stored requests, for status look-ups.
struct Residents {
    recent: Mutex<VecDeque<(String, String)>>,
}

struct Shared {
    base: String,
    auth_token: String,
    client: reqwest::Client,
    stats: Stats,
    residents: Residents,
    consented: AtomicU64,
    texts: AtomicU64,
    callbacks_pending: AtomicU64,
    in_flight: AtomicU64,
    seed_cases: i64,
    stopping: AtomicBool,
    consent_share: f64,
}

fn env_f64(name: &str, default: f64) -> anyhow::Result<f64> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .with_context(|| format!("{name}={v:?} is not a number")),
        Err(_) => Ok(default),
    }
}

fn env_required(name: &str) -> anyhow::Result<String> {
    std::env::var(name).with_context(|| format!("{name} must be set (see scripts/soak.sh)"))
}

/// `600`, `90s`, `10m`, `1h` as a duration.
fn parse_duration(name: &str, default: &str) -> anyhow::Result<Duration> {
    let text = std::env::var(name).unwrap_or_else(|_| default.to_owned());
    let t = text.trim();
    let (num, unit) = t.split_at(t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len()));
    let n: f64 = num
        .parse()
        .with_context(|| format!("{name}={text:?}: expected e.g. 600, 90s, 10m"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => bail!("{name}={text:?}: the unit must be s, m or h"),
    };
    if !(secs.is_finite() && secs > 0.0) {
        bail!("{name}={text:?} must be positive");
    }
    Ok(Duration::from_secs_f64(secs))
}

/// An address for one simulated resident, from the private 10/8 block.
fn resident_address() -> String {
    let mut rng = rand::rng();
    format!(
        "10.{}.{}.{}",
        rng.random_range(0..=255u8),
        rng.random_range(0..=255u8),
        rng.random_range(1..=254u8)
    )
}

/// What a status or body mismatch looks like in the error list.
async fn describe(resp: reqwest::Response) -> String {
    let status = resp.status();
    let location = resp
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(|l| format!(" location {l}"))
        .unwrap_or_default();
    let body = resp.text().await.unwrap_or_default();
    let snippet: String = body.chars().take(200).collect();
    format!("{status}{location}: {snippet:?}")
}

/// Sends `request`; an answer with a status in `want` is returned, anything else is an error
/// (`who` is added to its description).
async fn expect(
    shared: &Shared,
    kind: Kind,
    want: &[u16],
    who: &str,
    request: reqwest::RequestBuilder,
) -> Option<reqwest::Response> {
    let start = Instant::now();
    match request.send().await {
        Ok(resp) if want.contains(&resp.status().as_u16()) => {
            shared.stats.record(kind, start.elapsed(), Ok(()));
            Some(resp)
        }
        Ok(resp) => {
            let elapsed = start.elapsed();
            let what = describe(resp).await;
            shared
                .stats
                .record(kind, elapsed, Err(format!("{who}{what}")));
            None
        }
        Err(e) => {
            shared
                .stats
                .record(kind, start.elapsed(), Err(format!("{who}{e:#}")));
            None
        }
    }
}

const LANGS: [&str; 6] = ["en", "es", "vi", "am", "ar", "ln"];
const NEEDS: [&str; 3] = ["internet", "device", "tech_support"];
const BENEFITS: [&str; 9] = [
    "snap",
    "medicaid",
    "wic",
    "ssi",
    "lifeline",
    "public_housing",
    "school_lunch",
    "pell",
    "va",
];
const AGES: [&str; 6] = ["under_18", "18_24", "25_44", "45_59", "60_64", "65_plus"];
const RACES: [&str; 9] = [
    "american_indian",
    "asian",
    "black",
    "hispanic",
    "middle_eastern",
    "pacific_islander",
    "white",
    "other",
    "prefer_not_to_say",
];
const ACCESS: [&str; 4] = ["interpreter", "large_print", "hearing", "screen_reader"];
const ZIPS: [&str; 8] = [
    "80205", "80204", "80219", "80211", "80216", "80239", "80220", "80223",
];
const STREETS: [&str; 6] = [
    "Colfax Ave",
    "Federal Blvd",
    "Downing St",
    "Alameda Ave",
    "Peoria St",
    "York St",
];
const DETAILS: [&str; 5] = [
    "",
    "My kids need internet for school.",
    "Necesito una computadora para buscar trabajo.",
    "Tôi cần giúp đỡ sử dụng điện thoại.",
    "I do not know how to set up email.",
];

/// A valid, varied request form, its phone number's last four digits, and whether the resident
/// agreed to texts.
fn request_form(n: u64, consent_share: f64) -> (Vec<(&'static str, String)>, String, bool) {
    let mut rng = rand::rng();
    let mut form: Vec<(&'static str, String)> = Vec::new();
    let last4 = format!("{:04}", n % 10_000);
    // 555-01xx are fictional; as 303/720-555-NNNN they pass the number parser like load.sh's.
    let area_code = if rng.random_bool(0.5) { "303" } else { "720" };
    let phone = format!("{area_code}-555-{last4}");
    let consent = rng.random_bool(consent_share);
    form.push(("name", format!("Soak Resident {n}")));
    form.push(("phone", phone));
    if consent {
        form.push(("contact_method", "sms".into()));
        form.push(("sms_consent", "yes".into()));
    } else if rng.random_bool(0.5) {
        form.push(("contact_method", "call".into()));
    } else {
        form.push(("contact_method", "email".into()));
        form.push(("email", format!("resident{n}@example.org")));
    }
    form.push(("language", LANGS[rng.random_range(0..LANGS.len())].into()));
    form.push(("zip", ZIPS[rng.random_range(0..ZIPS.len())].into()));
    if rng.random_bool(0.5) {
        form.push((
            "address",
            format!(
                "{} {}",
                rng.random_range(100..9999),
                STREETS[rng.random_range(0..STREETS.len())]
            ),
        ));
    }
    for need in NEEDS {
        if rng.random_bool(0.45) {
            form.push(("needs", need.into()));
        }
    }
    if !form.iter().any(|(k, _)| *k == "needs") {
        form.push(("needs", NEEDS[rng.random_range(0..NEEDS.len())].into()));
    }
    if rng.random_bool(0.8) {
        form.push(("household_size", rng.random_range(1..8).to_string()));
        form.push(("monthly_income", rng.random_range(0..6000).to_string()));
    }
    for b in BENEFITS {
        if rng.random_bool(0.15) {
            form.push(("benefits", b.into()));
        }
    }
    if rng.random_bool(0.7) {
        form.push(("age_band", AGES[rng.random_range(0..AGES.len())].into()));
    }
    if rng.random_bool(0.5) {
        form.push((
            "race_ethnicity",
            RACES[rng.random_range(0..RACES.len())].into(),
        ));
    }
    if rng.random_bool(0.1) {
        form.push((
            "accessibility",
            ACCESS[rng.random_range(0..ACCESS.len())].into(),
        ));
    }
    form.push((
        "details",
        DETAILS[rng.random_range(0..DETAILS.len())].into(),
    ));
    form.push(("website", String::new()));
    (form, last4, consent)
}

async fn submit(shared: Arc<Shared>, n: u64) {
    let (form, last4, consent) = request_form(n, shared.consent_share);
    let ip = resident_address();
    let req = shared
        .client
        .post(format!("{}/help", shared.base))
        .header("x-forwarded-for", &ip)
        .header("accept-language", "en-US,en;q=0.8")
        .form(&form);
    let Some(resp) = expect(&shared, Kind::Submit, &[303], "", req).await else {
        return;
    };
    let Some(location) = resp
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        shared
            .stats
            .wrong_page(Kind::Submit, "303 without a Location".into());
        return;
    };
    if consent {
        shared.consented.fetch_add(1, Ordering::Relaxed);
    }
    if let Some(code) = location.strip_prefix("/help/") {
        let mut recent = shared.residents.recent.lock().unwrap();
        if recent.len() >= 20_000 {
            recent.pop_front();
        }
        recent.push_back((code.to_owned(), last4));
    }
    // The browser follows the redirect to the confirmation.
    let req = shared
        .client
        .get(format!("{}{location}", shared.base))
        .header("x-forwarded-for", &ip)
        .header("accept-encoding", "gzip");
    if let Some(resp) = expect(
        &shared,
        Kind::Confirm,
        &[200],
        &format!("{location}: "),
        req,
    )
    .await
    {
        let _ = resp.bytes().await;
    }
}

async fn browse(shared: Arc<Shared>) {
    let (kind, path, lang) = {
        let mut rng = rand::rng();
        let lang = LANGS[rng.random_range(0..LANGS.len())];
        if rng.random_bool(0.5) {
            (Kind::Form, "/help", lang)
        } else {
            (Kind::Landing, "/", lang)
        }
    };
    let req = shared
        .client
        .get(format!("{}{path}?lang={lang}", shared.base))
        .header("x-forwarded-for", resident_address())
        .header("accept-encoding", "gzip");
    if let Some(resp) = expect(&shared, kind, &[200], &format!("{path}: "), req).await {
        let _ = resp.bytes().await;
    }
}

async fn status_lookup(shared: Arc<Shared>) {
    let pick = {
        let recent = shared.residents.recent.lock().unwrap();
        if recent.is_empty() {
            None
        } else {
            let i = rand::rng().random_range(0..recent.len());
            recent.get(i).cloned()
        }
    };
    let Some((code, last4)) = pick else {
        return;
    };
    let req = shared
        .client
        .post(format!("{}/status", shared.base))
        .header("x-forwarded-for", resident_address())
        .form(&[("ref", code.as_str()), ("phone_last4", last4.as_str())]);
    if let Some(resp) = expect(&shared, Kind::Status, &[200], "", req).await {
        let body = resp.text().await.unwrap_or_default();
        // The page shows the code in two groups of four.
        let (a, b) = code.split_at(code.len() / 2);
        if !(body.contains(a) && body.contains(b)) {
            shared.stats.wrong_page(
                Kind::Status,
                format!("the status page for {code} does not show the code"),
            );
        }
    }
}

/// A page's text, gunzipped when it came compressed (asked for, as browsers do).
async fn text_of(resp: reqwest::Response) -> String {
    let gzip = resp
        .headers()
        .get("content-encoding")
        .is_some_and(|v| v.as_bytes() == b"gzip");
    let bytes = resp.bytes().await.unwrap_or_default();
    if gzip {
        let mut text = String::new();
        let _ =
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text);
        text
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// A signed-in staff member: their own cookie jar, and the case ids their caseload showed.
struct Staff {
    email: String,
    supervisor: bool,
    client: reqwest::Client,
    seen_cases: Mutex<Vec<i64>>,
}

fn case_ids(html: &str) -> Vec<i64> {
    html.split("href=\"/cases/")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            // `/cases/new` and the like have no digits; ids are followed by the closing quote.
            (!digits.is_empty() && rest[digits.len()..].starts_with('"'))
                .then(|| digits.parse().ok())
                .flatten()
        })
        .collect()
}

/// The cases a caseload page lists that stay visible to this person: all of a supervisor's;
/// a navigator's own, not those in their queue (another navigator or auto-assignment may take
/// one a moment later, and then it is no longer theirs to see: 404).
fn lasting_case_ids(html: &str, supervisor: bool) -> Vec<i64> {
    if supervisor {
        case_ids(html)
    } else {
        case_ids(
            html.split("aria-labelledby=\"cases-queue\"")
                .next()
                .unwrap_or_default(),
        )
    }
}

async fn sign_in(
    base: &str,
    email: &str,
    password: &str,
    supervisor: bool,
) -> anyhow::Result<Staff> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()?;
    let ip = resident_address();
    let page = client
        .get(format!("{base}/login"))
        .header("x-forwarded-for", &ip)
        .send()
        .await?
        .text()
        .await?;
    let token = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("no CSRF token on /login")?
        .to_owned();
    let resp = client
        .post(format!("{base}/login"))
        .header("x-forwarded-for", &ip)
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await?;
    if resp.status() != StatusCode::SEE_OTHER {
        bail!("signing in as {email} answered {}", resp.status());
    }
    let staff = Staff {
        email: email.to_owned(),
        supervisor,
        client,
        seen_cases: Mutex::new(Vec::new()),
    };
    let resp = staff.client.get(format!("{base}/cases")).send().await?;
    if resp.status() != StatusCode::OK {
        bail!("GET /cases as {email} answered {}", resp.status());
    }
    let page = resp.text().await?;
    if case_ids(&page).is_empty() && !supervisor {
        bail!("{email}'s /cases lists no case: is their navigator profile missing?");
    }
    *staff.seen_cases.lock().unwrap() = lasting_case_ids(&page, supervisor);
    Ok(staff)
}

async fn staff_view(shared: Arc<Shared>, staff: Arc<Staff>) {
    let (path, kind) = {
        let mut rng = rand::rng();
        let roll: f64 = rng.random();
        let seen = staff.seen_cases.lock().unwrap();
        if roll < 0.35 {
            ("/cases".to_owned(), Kind::CaseList)
        } else if roll < 0.5 {
            ("/cases?page=2".to_owned(), Kind::CaseList)
        } else if staff.supervisor && (seen.is_empty() || rng.random_bool(0.5)) {
            // Any case at all: the supervisor sees every one.
            (
                format!("/cases/{}", rng.random_range(1..=shared.seed_cases.max(1))),
                Kind::CasePage,
            )
        } else if seen.is_empty() {
            ("/cases".to_owned(), Kind::CaseList)
        } else {
            (
                format!("/cases/{}", seen[rng.random_range(0..seen.len())]),
                Kind::CasePage,
            )
        }
    };
    let req = staff
        .client
        .get(format!("{}{path}", shared.base))
        .header("accept-encoding", "gzip");
    let who = format!("{path} as {}: ", staff.email);
    let Some(resp) = expect(&shared, kind, &[200], &who, req).await else {
        return;
    };
    let body = text_of(resp).await;
    if path == "/cases" {
        let ids = lasting_case_ids(&body, staff.supervisor);
        if !ids.is_empty() {
            *staff.seen_cases.lock().unwrap() = ids;
        }
    } else if kind == Kind::CasePage && !body.contains("Timeline") {
        shared
            .stats
            .wrong_page(kind, format!("{path} as {} has no timeline", staff.email));
    }
}

// --- the fake Twilio ------------------------------------------------------------------------

async fn fake_create(
    State(shared): State<Arc<Shared>>,
    Path(_account): Path<String>,
    body: axum::body::Bytes,
) -> impl IntoResponse {
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let get = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let n = shared.texts.fetch_add(1, Ordering::SeqCst) + 1;
    let sid = format!("SM{:016x}{:016x}", rand::rng().random::<u64>(), n);
    let (to, from, text) = (get("To"), get("From"), get("Body"));
    let callback = get("StatusCallback");
    if !callback.is_empty() {
        shared.callbacks_pending.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(status_callbacks(
            shared.clone(),
            callback,
            sid.clone(),
            to.clone(),
            from.clone(),
        ));
    }
    let json = serde_json::json!({
        "sid": sid,
        "status": "queued",
        "to": to,
        "from": from,
        "body": text,
        "num_segments": "1",
        "error_code": null,
        "error_message": null,
    });
    (StatusCode::CREATED, axum::Json(json))
}

/// Twilio's callbacks for one text: `sent` a second or so after it was accepted, then
/// `delivered` (most) or `failed`, or nothing more (a carrier that never reports).
async fn status_callbacks(shared: Arc<Shared>, url: String, sid: String, to: String, from: String) {
    let (first_wait, second_wait, last) = {
        let mut rng = rand::rng();
        let last = match rng.random_range(0..100) {
            0..=91 => Some(("delivered", None)),
            92..=96 => Some(("failed", Some("30008"))),
            _ => None,
        };
        (
            Duration::from_millis(rng.random_range(1000..2000)),
            Duration::from_millis(rng.random_range(300..1000)),
            last,
        )
    };
    tokio::time::sleep(first_wait).await;
    callback(&shared, &url, &sid, &to, &from, "sent", None).await;
    if let Some((status, error)) = last {
        tokio::time::sleep(second_wait).await;
        callback(&shared, &url, &sid, &to, &from, status, error).await;
    }
    shared.callbacks_pending.fetch_sub(1, Ordering::SeqCst);
}

async fn callback(
    shared: &Shared,
    url: &str,
    sid: &str,
    to: &str,
    from: &str,
    status: &str,
    error: Option<&str>,
) {
    let mut params = vec![
        ("AccountSid", "ACsoak"),
        ("ApiVersion", "2010-04-01"),
        ("From", from),
        ("MessageSid", sid),
        ("MessageStatus", status),
        ("SmsSid", sid),
        ("SmsStatus", status),
        ("To", to),
    ];
    if let Some(code) = error {
        params.push(("ErrorCode", code));
    }
    // The server gave its public URL (its base here); sign what Twilio would.
    let Some(path) = url.strip_prefix(&shared.base) else {
        shared.stats.wrong_page(
            Kind::Callback,
            format!(
                "StatusCallback {url:?} is not under {}: NAVDESK_PUBLIC_URL differs",
                shared.base
            ),
        );
        return;
    };
    let signed_url = navdesk::sms::signature::public_request_url(&shared.base, path);
    let signature = navdesk::sms::signature::sign(&shared.auth_token, &signed_url, &params);
    let req = shared
        .client
        .post(url)
        .header(navdesk::sms::signature::SIGNATURE_HEADER, signature)
        .form(&params);
    expect(
        shared,
        Kind::Callback,
        &[200, 204],
        &format!("{status} for {sid}: "),
        req,
    )
    .await;
}

// --- memory and reports ---------------------------------------------------------------------

fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    f64::from(sorted[rank - 1]) / 1000.0
}

/// Least-squares slope of (seconds, MB) in MB per minute.
fn slope_mb_per_min(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    if points.len() < 2 {
        return 0.0;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx == 0.0 {
        0.0
    } else {
        sxy / sxx * 60.0
    }
}

async fn outbox_backlog(pool: &sqlx::AnyPool) -> Option<i64> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    // Texts due but not yet handed to the provider.
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM sms_messages WHERE status IN ('scheduled', 'sending') \
         AND next_attempt_at <= $1",
    )
    .bind(now)
    .fetch_one(pool)
    .await
    .ok()
}

/// Prints one memory figure's line: after warm-up, at the end, maximum, and the least-squares
/// trend over the second half; answers how many samples the trend used and whether it is flat.
fn memory_line(
    name: &str,
    series: &[(f64, f64)],
    warmup: Duration,
    load_secs: f64,
    max_slope: f64,
) -> (usize, bool) {
    let at = |secs: f64| {
        series
            .iter()
            .min_by(|a, b| (a.0 - secs).abs().total_cmp(&(b.0 - secs).abs()))
            .map_or(0.0, |p| p.1)
    };
    let max = series.iter().map(|p| p.1).fold(0.0, f64::max);
    let second_half: Vec<(f64, f64)> = series
        .iter()
        .copied()
        .filter(|(t, _)| *t >= load_secs / 2.0)
        .collect();
    let slope = slope_mb_per_min(&second_half);
    let (after_warmup, end) = (at(warmup.as_secs_f64()), at(load_secs));
    let flat = slope < max_slope;
    println!(
        "  server {name}: {after_warmup:.1} MB after warm-up ({:.0} s), {end:.1} MB at the end \
         ({:+.1} MB), max {max:.1} MB; trend over the second half ({} samples, least squares) \
         {slope:+.3} MB/min ({:+.1} MB per 5 min): {}",
        warmup.as_secs_f64(),
        end - after_warmup,
        second_half.len(),
        slope * 5.0,
        if flat {
            format!("flat (under {max_slope} MB/min)")
        } else {
            format!("GROWING (limit {max_slope} MB/min)")
        }
    );
    (series.len(), flat)
}

/// Runs `make` every `1/rate` seconds (open loop: a slow answer does not slow the arrivals)
/// until `stop`.
fn paced<F, Fut>(
    shared: Arc<Shared>,
    rate: f64,
    stop: Instant,
    make: F,
) -> tokio::task::JoinHandle<()>
where
    F: Fn(u64) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        if rate <= 0.0 {
            return;
        }
        let period = Duration::from_secs_f64(1.0 / rate);
        let start = tokio::time::Instant::now();
        let mut n: u64 = 0;
        loop {
            let at = start + period.mul_f64(n as f64);
            if at.into_std() >= stop {
                break;
            }
            tokio::time::sleep_until(at).await;
            n += 1;
            let shared = shared.clone();
            let fut = make(n);
            shared.in_flight.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                fut.await;
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        }
    })
}

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let passed = runtime.block_on(run())?;
    if !passed {
        std::process::exit(1);
    }
    Ok(())
}

async fn run() -> anyhow::Result<bool> {
    let base = env_required("SOAK_BASE_URL")?
        .trim_end_matches('/')
        .to_owned();
    let fake_addr: SocketAddr = env_required("SOAK_FAKE_ADDR")?
        .parse()
        .context("SOAK_FAKE_ADDR must be HOST:PORT")?;
    let pid_file = env_required("SOAK_SERVER_PID_FILE")?;
    let auth_token = env_required("TWILIO_AUTH_TOKEN")?;
    let password = env_required("SOAK_PASSWORD")?;
    let supervisor = env_required("SOAK_SUPERVISOR")?;
    let navigators: Vec<String> = env_required("SOAK_NAVIGATORS")?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let seed_cases = env_f64("SOAK_SEED_CASES", 0.0)? as i64;
    let duration = parse_duration("DURATION", "10m")?;
    let warmup = parse_duration("WARMUP", "2m")?.min(duration / 2);
    let report_every = parse_duration("REPORT_EVERY", "10s")?;
    let max_slope = env_f64("MAX_SLOPE_MB_PER_MIN", 1.0)?;
    let rates = [
        env_f64("RATE_SUBMIT", 100.0)?,
        env_f64("RATE_BROWSE", 50.0)?,
        env_f64("RATE_STATUS", 10.0)?,
        env_f64("RATE_STAFF", 20.0)?,
    ];
    let consent_share = env_f64("SMS_CONSENT", 0.7)?.clamp(0.0, 1.0);

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(512)
        .build()?;
    let shared = Arc::new(Shared {
        base: base.clone(),
        auth_token,
        client,
        stats: Stats {
            kinds: Mutex::new(BTreeMap::new()),
            printed_errors: AtomicU64::new(0),
        },
        residents: Residents {
            recent: Mutex::new(VecDeque::new()),
        },
        consented: AtomicU64::new(0),
        texts: AtomicU64::new(0),
        callbacks_pending: AtomicU64::new(0),
        in_flight: AtomicU64::new(0),
        seed_cases,
        stopping: AtomicBool::new(false),
        consent_share,
    });

    // The fake provider first: the server is started once it listens.
    let fake = axum::Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Messages.json",
            axum::routing::post(fake_create),
        )
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind(fake_addr)
        .await
        .with_context(|| format!("could not listen on {fake_addr} for the fake Twilio"))?;
    tokio::spawn(async move { axum::serve(listener, fake).await });
    eprintln!("soak: fake Twilio on http://{fake_addr}; waiting for the server");

    let ready_by = Instant::now() + Duration::from_secs(120);
    let pid: u32 = loop {
        if let Some(pid) = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|t| t.trim().parse().ok())
        {
            if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                bail!("the server (pid {pid}) exited before it was ready");
            }
            let ready = shared
                .client
                .get(format!("{base}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                break pid;
            }
        }
        if Instant::now() > ready_by {
            bail!("the server was not ready at {base} within 120 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };

    let mut staff = vec![Arc::new(
        sign_in(&base, &supervisor, &password, true).await?,
    )];
    for email in &navigators {
        staff.push(Arc::new(sign_in(&base, email, &password, false).await?));
    }

    let db = match std::env::var("SOAK_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            sqlx::any::install_default_drivers();
            match sqlx::any::AnyPoolOptions::new()
                .max_connections(1)
                .connect(&url)
                .await
            {
                Ok(pool) => Some(pool),
                Err(e) => {
                    eprintln!("soak: no outbox backlog figures ({e})");
                    None
                }
            }
        }
        _ => None,
    };

    eprintln!(
        "soak: {} for {:?}: per second {} submissions, {} page views, {} status look-ups, {} staff \
         views ({} signed in); server pid {pid}",
        base,
        duration,
        rates[0],
        rates[1],
        rates[2],
        rates[3],
        staff.len()
    );
    let start = Instant::now();
    let stop = start + duration;

    let handles = vec![
        paced(shared.clone(), rates[0], stop, {
            let shared = shared.clone();
            move |n| submit(shared.clone(), n)
        }),
        paced(shared.clone(), rates[1], stop, {
            let shared = shared.clone();
            move |_| browse(shared.clone())
        }),
        paced(shared.clone(), rates[2], stop, {
            let shared = shared.clone();
            move |_| status_lookup(shared.clone())
        }),
        paced(shared.clone(), rates[3], stop, {
            let shared = shared.clone();
            move |n| staff_view(shared.clone(), staff[n as usize % staff.len()].clone())
        }),
    ];

    // Memory samples every second: (seconds since start, VmRSS MB, RssAnon MB).
    let rss_samples: Arc<Mutex<Vec<(f64, f64, f64)>>> = Arc::default();
    let server_gone = Arc::new(AtomicBool::new(false));
    let sampler = {
        let rss_samples = rss_samples.clone();
        let server_gone = server_gone.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            while !shared.stopping.load(Ordering::SeqCst) {
                tick.tick().await;
                match (
                    proc_status_kb(pid, "VmRSS:"),
                    proc_status_kb(pid, "RssAnon:"),
                ) {
                    (Some(rss), Some(anon)) => rss_samples.lock().unwrap().push((
                        start.elapsed().as_secs_f64(),
                        rss as f64 / 1024.0,
                        anon as f64 / 1024.0,
                    )),
                    _ => {
                        server_gone.store(true, Ordering::SeqCst);
                        break;
                    }
                }
            }
        })
    };

    let mut header_printed = false;
    let mut next_report = start + report_every;
    let mut last_texts = 0;
    let mut last_report = start;
    loop {
        if Instant::now() < stop {
            tokio::time::sleep_until(next_report.min(stop).into()).await;
        }
        let done = Instant::now() >= stop;
        // At the end, a last line for the part of an interval left, if any.
        if Instant::now() >= next_report || (done && last_report.elapsed() > Duration::from_secs(1))
        {
            last_report = Instant::now();
            if !header_printed {
                header_printed = true;
                println!(
                    "{:>6} {}  {:>11} {:>8} {:>7} {:>8}",
                    "t(s)",
                    Kind::ALL
                        .iter()
                        .map(|k| format!("{:>23}", format!("{} n/err p50/p99ms", k.short())))
                        .collect::<Vec<_>>()
                        .join(" "),
                    "RSS/anon MB",
                    "texts",
                    "(+)",
                    "backlog"
                );
            }
            let line = {
                let mut kinds = shared.stats.kinds.lock().unwrap();
                Kind::ALL
                    .iter()
                    .map(|k| {
                        let t = kinds.entry(*k).or_default();
                        let mut lat = std::mem::take(&mut t.latencies);
                        lat.sort_unstable();
                        let s = format!(
                            "{}/{} {:.1}/{:.1}",
                            lat.len(),
                            t.errors,
                            percentile(&lat, 0.5),
                            percentile(&lat, 0.99)
                        );
                        t.errors = 0;
                        format!("{s:>23}")
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let rss = match (
                proc_status_kb(pid, "VmRSS:"),
                proc_status_kb(pid, "RssAnon:"),
            ) {
                (Some(rss), Some(anon)) => {
                    format!("{:.1}/{:.1}", rss as f64 / 1024.0, anon as f64 / 1024.0)
                }
                _ => "gone".to_owned(),
            };
            let texts = shared.texts.load(Ordering::SeqCst);
            let backlog = match &db {
                Some(pool) => outbox_backlog(pool)
                    .await
                    .map_or("?".to_owned(), |n| n.to_string()),
                None => "-".to_owned(),
            };
            println!(
                "{:>6.0} {line}  {rss:>11} {texts:>8} {:>7} {backlog:>8}",
                start.elapsed().as_secs_f64(),
                texts - last_texts
            );
            last_texts = texts;
            next_report += report_every;
        }
        if done || server_gone.load(Ordering::SeqCst) {
            break;
        }
    }
    for h in handles {
        let _ = h.await;
    }

    // Let requests in flight finish and the texts sent at the end get their callbacks.
    let drain_by = Instant::now() + Duration::from_secs(60);
    let mut last_texts = shared.texts.load(Ordering::SeqCst);
    let mut quiet_since = Instant::now();
    while Instant::now() < drain_by && !server_gone.load(Ordering::SeqCst) {
        let texts = shared.texts.load(Ordering::SeqCst);
        if texts != last_texts {
            last_texts = texts;
            quiet_since = Instant::now();
        }
        let busy = shared.in_flight.load(Ordering::SeqCst) > 0
            || shared.callbacks_pending.load(Ordering::SeqCst) > 0;
        let backlog = match &db {
            Some(pool) => outbox_backlog(pool).await.unwrap_or(0),
            None => 0,
        };
        // Done when nothing is in flight, the outbox is empty and no text came for 3 s.
        if !busy && backlog == 0 && quiet_since.elapsed() > Duration::from_secs(3) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    shared.stopping.store(true, Ordering::SeqCst);
    let _ = sampler.await;

    // --- the verdict -----------------------------------------------------------------------
    let elapsed = start.elapsed().as_secs_f64();
    let gone = server_gone.load(Ordering::SeqCst) || proc_status_kb(pid, "VmRSS:").is_none();
    let hwm = proc_status_kb(pid, "VmHWM:");
    println!();
    println!(
        "soak: {:.0} s of load, then {:.0} s to drain",
        duration.as_secs_f64(),
        (elapsed - duration.as_secs_f64()).max(0.0)
    );
    let mut errors = 0;
    let mut requests = 0;
    {
        let kinds = shared.stats.kinds.lock().unwrap();
        for k in Kind::ALL {
            let t = kinds.get(&k);
            let (n, e, max) = t.map_or((0, 0, 0), |t| {
                (t.total, t.total_errors, t.all_latencies_max_us)
            });
            requests += n;
            errors += e;
            println!(
                "  {:<20} {:>9} requests ({:>6.1}/s) {:>6} errors   slowest {:>8.1} ms",
                k.name(),
                n,
                n as f64 / duration.as_secs_f64(),
                e,
                f64::from(max) / 1000.0
            );
        }
    }
    let texts = shared.texts.load(Ordering::SeqCst);
    let consented = shared.consented.load(Ordering::SeqCst);
    println!("  all requests         {requests:>9}, errors {errors}");
    println!(
        "  texts received by the fake Twilio: {texts} (requests with consent to texts: {consented}); \
         callbacks still pending: {}; requests still in flight: {}",
        shared.callbacks_pending.load(Ordering::SeqCst),
        shared.in_flight.load(Ordering::SeqCst)
    );
    if let Some(pool) = &db {
        if let Some(n) = outbox_backlog(pool).await {
            println!("  outbox backlog at the end (due, not yet sent): {n}");
        }
    }

    let samples = rss_samples.lock().unwrap().clone();
    let load_secs = duration.as_secs_f64();
    let during = |pick: fn(&(f64, f64, f64)) -> f64| -> Vec<(f64, f64)> {
        samples
            .iter()
            .filter(|s| s.0 <= load_secs)
            .map(|s| (s.0, pick(s)))
            .collect()
    };
    println!(
        "  server peak RSS (VmHWM): {}",
        hwm.map_or("unknown (server gone)".to_owned(), |kb| format!(
            "{:.1} MB",
            kb as f64 / 1024.0
        ))
    );
    // RssAnon is the heap and stacks, where a leak would show; VmRSS adds mapped files (the
    // binary; SQLite reads its file without a memory map). Both must be flat.
    let rss = during(|s| s.1);
    let anon = during(|s| s.2);
    let (_, rss_flat) = memory_line("VmRSS", &rss, warmup, load_secs, max_slope);
    let (samples_used, flat) = memory_line("RssAnon", &anon, warmup, load_secs, max_slope);
    let mut passed = true;
    if gone {
        println!("FAIL: the server is gone");
        passed = false;
    }
    if errors > 0 {
        println!("FAIL: {errors} errors");
        passed = false;
    }
    if !flat || !rss_flat {
        println!("FAIL: memory grows (VmRSS or RssAnon)");
        passed = false;
    }
    if samples_used < 10 {
        println!("FAIL: too few memory samples ({samples_used})");
        passed = false;
    }
    if passed {
        println!("PASS: no error, flat memory");
    }
    Ok(passed)
}
