//! The attack surface, on SQLite and on PostgreSQL: security headers on every answer (error
//! pages, redirects and exports included; HSTS only over https), per-address rate limits that
//! answer 429 with Retry-After, classic XSS and SQL-injection payloads through every free-text
//! field (stored as plain text, shown escaped, refused where they are not valid), and sign-in's
//! `next=` never leading off the site.

mod common;

use common::sms::{post_signed, with_fake_twilio_and};
use common::staff::{browser, hidden, text, Person, Staff, PASSWORD};
use common::{Backend, TestApp};
use navdesk::auth::Role;
use navdesk::config::{Config, RateLimit};
use std::time::Duration;

const RESIDENT: &str = "+13035550123";

/// Classic payloads: markup, SQL, template syntax, URL schemes, direction overrides, control
/// characters, percent-escapes and one far longer than any field allows.
fn payloads() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".into(),
        "\"><img src=x onerror=alert(1)>".into(),
        "' OR '1'='1".into(),
        "'; DROP TABLE cases; --".into(),
        "Robert'); DROP TABLE residents;--".into(),
        "1; SELECT pg_sleep(5) --".into(),
        "{{7*7}} ${7*7} <%= 7*7 %>".into(),
        "javascript:alert(1)".into(),
        "</textarea><script>alert(1)</script>".into(),
        "<svg/onload=alert(1)>".into(),
        "a\u{202E}gnp.exe\u{202C} \u{200F}עברית".into(),
        "null\u{0}byte".into(),
        "%00%3Cscript%3E".into(),
        "line\r\nSet-Cookie: x=1".into(),
        "&lt;b&gt; &amp; \\ \"quoted\"".into(),
        "Zoë 👩🏽‍💻 ñ".into(),
        "A".repeat(6000),
    ]
}

/// What a field keeps of typed text: trimmed, without control characters (line breaks kept
/// in multi-line fields).
fn cleaned(input: &str, multiline: bool) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !c.is_control() || (multiline && *c == '\n'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Text as the pages write it.
fn escaped(input: &str) -> String {
    input
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Markup a payload could smuggle in, never present raw in any page (escaped, an `onerror=`
/// is only text: the tag around it is what must never appear).
fn assert_no_raw_markup(page: &str, what: &str) {
    for raw in ["<script", "<img src=x", "<svg/"] {
        assert!(!page.contains(raw), "{what}: a page carries {raw:?} raw");
    }
}

/// A value is either kept exactly (as cleaned) and shown escaped, or refused.
fn is_plain_markup(p: &str) -> bool {
    p.contains('<') || p.contains('\'') || p.contains('"')
}

fn same_site_path(location: &str) -> bool {
    let b = location.as_bytes();
    b.first() == Some(&b'/') && !matches!(b.get(1), Some(b'/') | Some(b'\\'))
}

/// One request a minute once a burst of `burst` is spent.
fn one_a_minute(burst: u32) -> RateLimit {
    RateLimit {
        count: 1,
        unit: Duration::from_secs(60),
        burst,
    }
}

async fn spawn_sms(backend: Backend, configure: impl FnOnce(&mut Config)) -> Option<TestApp> {
    with_fake_twilio_and(backend, configure)
        .await
        .map(|(app, _)| app)
}

async fn admin(app: &TestApp) -> Staff {
    app.with_user(Person::admin("root@navdesk.example", "Root Admin"))
        .await
}

fn assert_locked_down(resp: &reqwest::Response, what: &str, https: bool) {
    let h = resp.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-eval"), "{what}: {csp}");
    assert!(
        !csp.contains("script-src"),
        "{what}: scripts allowed: {csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["referrer-policy"], "same-origin", "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    match (h.get("strict-transport-security"), https) {
        (Some(v), true) => assert_eq!(v, "max-age=31536000; includeSubDomains", "{what}"),
        (None, false) => {}
        (v, _) => panic!("{what}: HSTS {v:?} but https is {https}"),
    }
}

/// Every kind of answer carries the headers: pages, redirects, 404, 405, 413, 422, 429,
/// assets, health, exports and webhook answers; and no page has inline script, event
/// handlers or inline styles that the policy would block.
async fn every_answer_is_locked_down(backend: Backend) {
    let Some(app) = spawn_sms(backend, |c| c.help_rate = one_a_minute(1)).await else {
        return;
    };
    let boss = admin(&app).await;
    let mut answers: Vec<(String, reqwest::Response)> = Vec::new();
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    let code = common::ref_code(&resp);
    answers.push(("303 from POST /help".into(), resp));
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 429, "the second request from one address");
    answers.push(("429 from POST /help".into(), resp));
    let case_id: i64 = app
        .one("SELECT id FROM cases WHERE ref_code = $1", (&code,))
        .await;

    let mut html_pages = Vec::new();
    for path in [
        "/".to_owned(),
        "/?lang=ar".to_owned(),
        "/help".to_owned(),
        format!("/help/{code}"),
        "/status".to_owned(),
        "/login".to_owned(),
        "/equity".to_owned(),
        "/equity?lang=ar".to_owned(),
    ] {
        let resp = app.get(&path).await;
        assert_eq!(resp.status(), 200, "{path}");
        html_pages.push(path.clone());
        answers.push((format!("GET {path}"), resp));
    }
    for path in [
        "/cases".to_owned(),
        format!("/cases/{case_id}"),
        format!("/cases/{case_id}/answers"),
        "/cases/new".to_owned(),
        "/map".to_owned(),
        "/reports".to_owned(),
        "/programs".to_owned(),
        "/programs/new".to_owned(),
        "/navigators".to_owned(),
        "/navigators/new".to_owned(),
        "/users".to_owned(),
        "/users/new".to_owned(),
        "/audit".to_owned(),
        "/account/password".to_owned(),
    ] {
        let resp = boss.get(&path).await;
        assert_eq!(resp.status(), 200, "{path}");
        let body = resp.text().await.unwrap();
        check_page_has_no_inline_code(&body, &path);
        let resp = boss.get(&path).await;
        answers.push((format!("staff GET {path}"), resp));
    }
    for path in ["/map.csv", "/map.geojson", "/reports.csv"] {
        let resp = boss.get(path).await;
        assert_eq!(resp.status(), 200, "{path}");
        answers.push((format!("export {path}"), resp));
    }
    // The public dashboard's figures, without signing in.
    let resp = app.get("/equity.csv").await;
    assert_eq!(resp.status(), 200, "/equity.csv");
    answers.push(("public export /equity.csv".into(), resp));
    let home = app.get("/").await.text().await.unwrap();
    let css = home
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.starts_with("/assets/"))
        .expect("a stylesheet")
        .to_owned();
    for path in [css.as_str(), "/healthz", "/readyz"] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), 200, "{path}");
        answers.push((path.to_owned(), resp));
    }
    let resp = app.get("/no-such-page").await;
    assert_eq!(resp.status(), 404);
    answers.push(("404".into(), resp));
    let resp = app.get("/sms/inbound").await;
    assert_eq!(resp.status(), 405);
    answers.push(("405".into(), resp));
    // A client of its own: the server closes a connection whose body it refused to read.
    let resp = reqwest::Client::new()
        .post(app.url("/help"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("details={}", "x".repeat(200 * 1024)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    answers.push(("413".into(), resp));
    let resp = app
        .post_form("/status", &[("ref", "nope"), ("phone_last4", "x")])
        .await;
    assert_eq!(resp.status(), 422);
    answers.push(("422 from /status".into(), resp));
    let resp = boss.get("/cases/999999").await;
    assert_eq!(resp.status(), 404);
    answers.push(("staff 404".into(), resp));
    let resp = app.get("/cases").await;
    assert_eq!(resp.status(), 303, "to sign-in");
    answers.push(("303 to /login".into(), resp));
    let reply = [
        ("MessageSid", "SM00000000000000000000000000000099"),
        ("From", RESIDENT),
        ("To", common::sms::FROM),
        ("Body", "gracias"),
    ];
    let resp = post_signed(&app, "/sms/inbound", &reply, None).await;
    assert_eq!(resp.status(), 200);
    answers.push(("signed webhook".into(), resp));
    let resp = post_signed(&app, "/sms/status", &reply, Some("forged")).await;
    assert_eq!(resp.status(), 403);
    answers.push(("refused webhook".into(), resp));

    for (what, resp) in &answers {
        assert_locked_down(resp, what, false);
    }
    for path in html_pages {
        let body = app.get(&path).await.text().await.unwrap();
        check_page_has_no_inline_code(&body, &path);
    }
    app.stop().await;
}

fn check_page_has_no_inline_code(body: &str, path: &str) {
    let lower = body.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{path} has a script element");
    assert!(!lower.contains(" style="), "{path} has a style attribute");
    assert!(!lower.contains("<style"), "{path} has a style element");
    assert!(
        !lower.contains("javascript:"),
        "{path} has a javascript: URL"
    );
    // Event handler attributes: ` on` + letters + `=` inside a tag.
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        for word in tag.split_whitespace().skip(1) {
            let name = word.split('=').next().unwrap_or_default();
            assert!(
                !(name.starts_with("on") && word.contains('=') && name.len() > 2),
                "{path} has an event handler attribute in <{tag}>"
            );
        }
    }
}

/// Over https (TLS at the proxy), browsers are told never to use plain http; over plain http
/// they are not (the header would be ignored, and would lock out a test server).
async fn hsts_only_over_https(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| {
        c.public_url = "https://help.example.org".into();
    })
    .await
    else {
        return;
    };
    for (path, status) in [
        ("/", 200),
        ("/help", 200),
        ("/nope", 404),
        ("/healthz", 200),
    ] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), status, "{path}");
        assert_locked_down(&resp, path, true);
    }
    // A client of its own: the server closes a connection whose body it refused to read.
    let resp = reqwest::Client::new()
        .post(app.url("/help"))
        .body("x".repeat(100 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    assert_locked_down(&resp, "413", true);
    app.stop().await;
    // Plain http: no HSTS (the other test checks every kind of answer).
    let Some(app) = common::spawn_with(backend, |c| {
        c.public_url = "http://help.example.org".into();
    })
    .await
    else {
        return;
    };
    let resp = app.get("/nope").await;
    assert_locked_down(&resp, "http 404", false);
    app.stop().await;
}

fn retry_after(resp: &reqwest::Response) -> u64 {
    resp.headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// The default limit on requests for help: ten from one address, then 429 with Retry-After,
/// in the resident's language, with nothing stored; other residents behind the same trusted
/// proxy are not held back.
async fn requests_for_help_are_limited_per_address(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| {
        c.help_rate = RateLimit::HELP;
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
    else {
        return;
    };
    let post = |from: &'static str, lang: &'static str| {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(common::valid_form())
            .finish();
        app.client
            .post(app.url(&format!("/help?lang={lang}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-forwarded-for", from)
            .body(body)
            .send()
    };
    for _ in 0..RateLimit::HELP.burst {
        assert_eq!(post("198.51.100.7", "en").await.unwrap().status(), 303);
    }
    let stored = app.count("cases").await;
    assert_eq!(stored, i64::from(RateLimit::HELP.burst));
    let resp = post("198.51.100.7", "es").await.unwrap();
    assert_eq!(resp.status(), 429);
    let wait = retry_after(&resp);
    assert!((1..=7).contains(&wait), "one comes back every 6 s: {wait}");
    assert_locked_down(&resp, "help 429", false);
    let page = text(&resp.text().await.unwrap());
    assert!(page.contains("Demasiados intentos"), "{page}");
    assert!(page.contains("lang=\"es\""));
    assert_eq!(app.count("cases").await, stored, "nothing stored");
    assert_eq!(app.count("residents").await, stored, "nothing stored");
    // A neighbour behind the same proxy.
    assert_eq!(post("198.51.100.8", "en").await.unwrap().status(), 303);
    app.stop().await;
}

/// Webhooks are limited per address before the signature is computed: past the burst even a
/// forged request answers 429, not 403; a bad signature within the allowance is still 403.
async fn webhooks_are_limited_before_the_signature(backend: Backend) {
    let Some(app) = spawn_sms(backend, |c| c.webhook_rate = one_a_minute(3)).await else {
        return;
    };
    let reply = [
        ("MessageSid", "SM00000000000000000000000000000001"),
        ("From", RESIDENT),
        ("To", common::sms::FROM),
        ("Body", "hola"),
    ];
    assert_eq!(
        post_signed(&app, "/sms/inbound", &reply, None)
            .await
            .status(),
        200
    );
    assert_eq!(
        post_signed(&app, "/sms/status", &reply, Some("forged"))
            .await
            .status(),
        403
    );
    assert_eq!(
        post_signed(&app, "/sms/inbound", &reply, Some(""))
            .await
            .status(),
        403
    );
    for path in ["/sms/inbound", "/sms/status"] {
        let resp = post_signed(&app, path, &reply, Some("forged")).await;
        assert_eq!(resp.status(), 429, "{path}");
        assert!(retry_after(&resp) >= 1);
        assert_locked_down(&resp, path, false);
        // A correctly signed one from the same address waits too.
        let resp = post_signed(&app, path, &reply, None).await;
        assert_eq!(resp.status(), 429, "{path}");
    }
    assert_eq!(
        app.count("sms_messages WHERE direction = 'in'").await,
        1,
        "only the first reply stored"
    );
    app.stop().await;
}

/// The look-ups and sign-ins that were already limited still answer 429 with Retry-After.
async fn status_and_sign_in_are_limited(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| {
        c.status_burst = 2;
        c.status_refill_secs = 600;
    })
    .await
    else {
        return;
    };
    for _ in 0..2 {
        let resp = app.post_form("/status", common::WRONG_GUESS).await;
        assert_eq!(resp.status(), 404);
    }
    let resp = app.post_form("/status", common::WRONG_GUESS).await;
    assert_eq!(resp.status(), 429);
    assert!((1..=601).contains(&retry_after(&resp)));
    assert_locked_down(&resp, "status 429", false);

    common::staff::create_staff_in(&app.db, "ana@navdesk.example", "Ana", Role::Navigator).await;
    let who = browser();
    let mut last = 0;
    for _ in 0..=navdesk::config::AuthConfig::default().max_failures_per_account {
        let login = who
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = hidden(&login, "csrf_token");
        let resp = who
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "ana@navdesk.example"),
                ("password", "wrong password!"),
            ])
            .send()
            .await
            .unwrap();
        last = resp.status().as_u16();
        if last == 429 {
            assert!(retry_after(&resp) >= 1);
            assert_locked_down(&resp, "login 429", false);
        }
    }
    assert_eq!(last, 429, "the sixth wrong password in a row");
    app.stop().await;
}

/// A signed-in browser and a fresh one: wherever `next=` points, sign-in lands on our site.
async fn next_never_leaves_the_site(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| {
        c.auth.max_failures_per_address = 10_000;
    })
    .await
    else {
        return;
    };
    common::staff::create_staff_in(&app.db, "ana@navdesk.example", "Ana", Role::Supervisor).await;
    let evil = [
        "//evil.example",
        "https://evil.example",
        "http://evil.example/cases",
        "/\\evil.example",
        "\\\\evil.example",
        "/%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "\t//evil.example",
        " /cases",
        "  //evil.example",
        "/cases\r\nSet-Cookie: owned=1",
        "/cases\r\nLocation: https://evil.example",
        "///evil.example",
        "/.//evil.example",
        "evil.example",
        "data:text/html,<script>alert(1)</script>",
    ];
    let mut all: Vec<&str> = evil.to_vec();
    all.push("/cases?x=1");
    for next in all {
        let who = browser();
        let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        let resp = who
            .get(app.url(&format!("/login?next={encoded}")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{next:?}");
        let page = resp.text().await.unwrap();
        let kept = hidden(&page, "next");
        assert!(
            same_site_path(&kept),
            "{next:?} kept in the form as {kept:?}"
        );
        let token = hidden(&page, "csrf_token");
        let resp = who
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "ana@navdesk.example"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 303, "{next:?}");
        let to = common::location(&resp);
        assert!(same_site_path(&to), "{next:?} led to {to:?}");
        assert!(resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().contains("owned")));
        if next == "/cases?x=1" {
            assert_eq!(to, "/cases?x=1", "a good one is kept");
        } else if next.starts_with("/%") {
            // Percent-escaped slashes are a path on our site (a 404), never another host.
            assert_eq!(to, next, "{next:?}");
        } else {
            assert_eq!(to, "/cases", "{next:?}");
        }
        // Signed in already: GET /login?next= redirects at once, to the same safe place.
        let resp = who
            .get(app.url(&format!("/login?next={encoded}")))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 303, "{next:?}");
        assert_eq!(common::location(&resp), to, "{next:?}");
    }
    app.stop().await;
}

/// Reads one text column of one row.
async fn read_text(app: &TestApp, sql: &str, id: i64) -> String {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn case_version(app: &TestApp, id: i64) -> String {
    let v: i64 = app
        .one("SELECT version FROM cases WHERE id = $1", (id,))
        .await;
    v.to_string()
}

/// Every payload through every free-text field, and as invalid values of coded fields.
async fn payloads_are_plain_text_everywhere(backend: Backend) {
    let Some(app) = spawn_sms(backend, |c| {
        c.status_burst = 100_000;
        c.auth.max_failures_per_address = 100_000;
        c.auth.max_failures_per_account = 100_000;
    })
    .await
    else {
        return;
    };
    let boss = admin(&app).await;
    let payloads = payloads();
    let mut tried = 0usize;

    // The request form: free text kept, coded fields refused.
    let free: &[(&str, &str, usize, bool)] = &[
        // field, column, most characters, multi-line
        ("name", "SELECT r.name FROM residents r", 200, false),
        ("address", "SELECT r.address FROM residents r", 300, false),
        ("details", "SELECT c.details FROM residents r", 2000, true),
    ];
    let coded = [
        "phone",
        "email",
        "zip",
        "contact_method",
        "language",
        "needs",
        "household_size",
        "monthly_income",
        "benefits",
        "age_band",
        "accessibility",
        "area",
        "sms_consent",
    ];
    let mut stored = app.count("cases").await;
    for (field, column, max, multiline) in free {
        for p in &payloads {
            tried += 1;
            let mut form: Vec<(&str, &str)> = common::valid_form()
                .into_iter()
                .filter(|(k, _)| k != field)
                .collect();
            form.push((field, p));
            let resp = app.post_form("/help", &form).await;
            let want = cleaned(p, *multiline);
            let status = resp.status().as_u16();
            if want.chars().count() > *max {
                assert_eq!(status, 422, "{field} = {p:.40?}");
                assert_no_raw_markup(&resp.text().await.unwrap(), field);
                assert_eq!(app.count("cases").await, stored, "nothing stored");
                continue;
            }
            assert_eq!(status, 303, "{field} = {p:?}");
            stored += 1;
            let (id, code) = common::stored_case(&app, &resp).await;
            let sql = format!(
                "{column} JOIN cases c ON c.resident_id = r.id WHERE c.id = $1",
                column = column
            );
            assert_eq!(
                read_text(&app, &sql, id).await,
                want,
                "{field} stored as typed"
            );
            let confirmation = app
                .get(&format!("/help/{code}"))
                .await
                .text()
                .await
                .unwrap();
            assert_no_raw_markup(&confirmation, field);
            let page = text(
                &boss
                    .get(&format!("/cases/{id}"))
                    .await
                    .text()
                    .await
                    .unwrap(),
            );
            assert_no_raw_markup(&page, field);
            if *field != "address" {
                // (The case page does not show the address.)
                for line in want.lines() {
                    assert!(
                        page.contains(&escaped(line)),
                        "{field}: the case page shows {line:?} escaped"
                    );
                }
            }
            // Shown again on a refused form: escaped, as typed.
            let mut bad = form.clone();
            bad.push(("household_size", "many"));
            let resp = app.post_form("/help", &bad).await;
            assert_eq!(resp.status(), 422);
            let page = text(&resp.text().await.unwrap());
            assert_no_raw_markup(&page, field);
            assert!(
                page.contains(&escaped(p.trim())) || page.contains(&escaped(&want)),
                "{field}: the refused form shows {p:?} escaped"
            );
            assert_eq!(app.count("cases").await, stored, "nothing more stored");
        }
    }
    for field in coded {
        for p in &payloads {
            tried += 1;
            let mut form: Vec<(&str, &str)> = common::valid_form()
                .into_iter()
                .filter(|(k, _)| *k != field)
                .collect();
            form.push((field, p));
            if field == "area" {
                form.push(("language", "en"));
            }
            let resp = app.post_form("/help", &form).await;
            assert_eq!(resp.status(), 422, "{field} = {p:.40?}");
            let page = resp.text().await.unwrap();
            assert_no_raw_markup(&page, field);
            assert_eq!(app.count("cases").await, stored, "{field}: nothing stored");
        }
    }

    // Status look-up.
    for p in &payloads {
        for (field, other) in [("ref", "phone_last4"), ("phone_last4", "ref")] {
            tried += 1;
            let resp = app
                .post_form("/status", &[(field, p.as_str()), (other, "1234")])
                .await;
            assert_eq!(resp.status(), 422, "{field} = {p:.40?}");
            assert_no_raw_markup(&resp.text().await.unwrap(), field);
        }
    }

    // Sign-in: nobody gets in, nothing shows raw, the login page keeps the email escaped.
    common::staff::create_staff_in(&app.db, "ana@navdesk.example", "Ana", Role::Navigator).await;
    for p in &payloads {
        for field in ["email", "password", "next"] {
            tried += 1;
            let who = browser();
            let login = who
                .get(app.url("/login"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let token = hidden(&login, "csrf_token");
            let mut form = vec![
                ("csrf_token", token.as_str()),
                ("email", "ana@navdesk.example"),
                ("password", "not the password"),
                ("next", "/cases"),
            ];
            form.retain(|(k, _)| *k != field);
            form.push((field, p));
            let resp = who
                .post(app.url("/login"))
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 401, "{field} = {p:.40?}");
            let page = resp.text().await.unwrap();
            assert_no_raw_markup(&page, field);
        }
    }

    // Staff forms with free text, on one case.
    let (case_id, _) = common::staff::new_case(&app, "Ana Pérez", navdesk::db::now()).await;
    app.exec(
        "UPDATE residents SET phone = $1 WHERE id = (SELECT resident_id FROM cases WHERE id = $2)",
        (RESIDENT, case_id),
    )
    .await;
    let csrf = boss.csrf().await;
    let case_page = format!("/cases/{case_id}");
    for p in &payloads {
        // A note.
        tried += 1;
        let version = case_version(&app, case_id).await;
        let before = app.count("case_events").await;
        let resp = boss
            .post(
                &format!("{case_page}/notes"),
                &[("csrf_token", &csrf), ("version", &version), ("note", p)],
            )
            .await;
        let want = cleaned(p, true);
        if want.chars().count() > 5000 {
            assert_eq!(resp.status(), 422, "note {p:.40?}");
            assert_eq!(app.count("case_events").await, before);
        } else {
            assert_eq!(resp.status(), 303, "note {p:?}");
            let body: String = app
                .one(
                    "SELECT body FROM case_events WHERE case_id = $1 AND kind = 'note' \
                 ORDER BY id DESC LIMIT 1",
                    (case_id,),
                )
                .await;
            assert_eq!(body, want, "note stored as typed");
        }
        // The outcome's plan, with an invalid device type alongside (refused), then alone.
        tried += 2;
        let version = case_version(&app, case_id).await;
        let resp = boss
            .post(
                &format!("{case_page}/outcome"),
                &[
                    ("csrf_token", &csrf),
                    ("version", &version),
                    ("plan", p),
                    ("device_type", p),
                ],
            )
            .await;
        assert_eq!(resp.status(), 422, "device type {p:.40?}");
        assert_no_raw_markup(&resp.text().await.unwrap(), "outcome");
        let resp = boss
            .post(
                &format!("{case_page}/outcome"),
                &[("csrf_token", &csrf), ("version", &version), ("plan", p)],
            )
            .await;
        let want = cleaned(p, false);
        if want.chars().count() > 200 {
            assert_eq!(resp.status(), 422, "plan {p:.40?}");
        } else {
            assert_eq!(resp.status(), 303, "plan {p:?}");
            let plan = read_text(
                &app,
                "SELECT plan FROM outcomes WHERE case_id = $1",
                case_id,
            )
            .await;
            assert_eq!(plan, want, "plan stored as typed");
        }
        // A text from the resident (signed webhook).
        tried += 1;
        let sid = format!("SM{:032}", tried);
        let resp = post_signed(
            &app,
            "/sms/inbound",
            &[
                ("MessageSid", sid.as_str()),
                ("From", RESIDENT),
                ("To", common::sms::FROM),
                ("Body", p),
            ],
            None,
        )
        .await;
        assert_eq!(resp.status(), 200, "text {p:.40?}");
        let body: String = app
            .one(
                "SELECT body FROM sms_messages WHERE provider_sid = $1 AND direction = 'in'",
                (&sid,),
            )
            .await;
        let want: String = p
            .chars()
            .filter(|c| !c.is_control() || *c == '\n')
            .collect();
        assert_eq!(
            body, want,
            "a text is kept as sent, without control characters"
        );
    }
    let page = boss.get(&case_page).await.text().await.unwrap();
    assert_no_raw_markup(&page, "case page");
    assert!(page.contains(&escaped("\"><img src=x onerror=alert(1)>")));

    // Programs: organization, name, description, cost, application process; invalid URL.
    let before = app.count("programs").await;
    let mut programs = before;
    for (i, p) in payloads.iter().enumerate() {
        for field in [
            "organization",
            "name",
            "description",
            "cost",
            "application_process",
        ] {
            tried += 1;
            let org = format!("Org {i} {field}");
            let mut form = vec![
                ("csrf_token", csrf.as_str()),
                ("organization", org.as_str()),
                ("name", "Plan"),
                ("categories", "device"),
                ("languages", "en"),
                ("status", "active"),
            ];
            form.retain(|(k, _)| *k != field);
            form.push((field, p));
            let resp = boss.post("/programs/new", &form).await;
            let status = resp.status().as_u16();
            if status == 303 {
                programs += 1;
                let id: i64 = common::location(&resp)
                    .trim_start_matches("/programs/")
                    .split('?')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let kept = read_text(
                    &app,
                    &format!("SELECT {field} FROM programs WHERE id = $1"),
                    id,
                )
                .await;
                assert!(
                    kept == *p || kept == cleaned(p, true),
                    "{field}: {kept:?} for {p:?}"
                );
                let page = text(
                    &boss
                        .get(&format!("/programs/{id}"))
                        .await
                        .text()
                        .await
                        .unwrap(),
                );
                assert_no_raw_markup(&page, field);
            } else {
                assert_eq!(status, 422, "{field} = {p:.40?}");
                assert_no_raw_markup(&resp.text().await.unwrap(), field);
                if is_plain_markup(p) && p.len() < 100 {
                    panic!("{field}: ordinary text {p:?} refused");
                }
            }
            assert_eq!(app.count("programs").await, programs);
        }
        tried += 1;
        let resp = boss
            .post(
                "/programs/new",
                &[
                    ("csrf_token", csrf.as_str()),
                    ("organization", "Org"),
                    ("name", "Plan"),
                    ("categories", "device"),
                    ("languages", "en"),
                    ("status", "active"),
                    ("url", p),
                ],
            )
            .await;
        assert_eq!(resp.status(), 422, "url {p:.40?}");
        assert_eq!(app.count("programs").await, programs);
    }
    let list = boss.get("/programs").await.text().await.unwrap();
    assert_no_raw_markup(&list, "programs list");

    // Navigator profiles: only coded values; every payload refused.
    let users_before = app.count("users").await;
    for p in &payloads {
        for field in ["languages", "skills", "capacity", "home_lat"] {
            tried += 1;
            let mut form = vec![
                ("csrf_token", csrf.as_str()),
                ("email", "nav@navdesk.example"),
                ("name", "Nav"),
                ("languages", "en"),
                ("skills", "device"),
                ("capacity", "10"),
            ];
            form.retain(|(k, _)| *k != field);
            form.push((field, p));
            let resp = boss.post("/navigators/new", &form).await;
            assert_eq!(resp.status(), 422, "{field} = {p:.40?}");
            assert_no_raw_markup(&resp.text().await.unwrap(), field);
        }
    }
    assert_eq!(app.count("users").await, users_before);

    // New accounts: the name is text, the email must be an email address.
    let mut users = users_before;
    for (i, p) in payloads.iter().enumerate() {
        tried += 2;
        let resp = boss
            .post(
                "/users/new",
                &[
                    ("csrf_token", csrf.as_str()),
                    ("email", p),
                    ("name", "Someone"),
                    ("role", "navigator"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(resp.status(), 422, "email {p:.40?}");
        assert_no_raw_markup(&resp.text().await.unwrap(), "email");
        assert_eq!(app.count("users").await, users);
        let email = format!("person{i}@navdesk.example");
        let resp = boss
            .post(
                "/users/new",
                &[
                    ("csrf_token", csrf.as_str()),
                    ("email", &email),
                    ("name", p),
                    ("role", "navigator"),
                    ("language", "en"),
                ],
            )
            .await;
        let status = resp.status().as_u16();
        assert_no_raw_markup(&resp.text().await.unwrap(), "user name");
        if status == 422 {
            assert!(
                !(is_plain_markup(p) && p.len() < 100),
                "an ordinary name {p:?} refused"
            );
        } else {
            assert!(status == 200 || status == 303, "user {p:?}: {status}");
            users += 1;
            let name: String = app
                .one("SELECT name FROM users WHERE email = $1", (&email,))
                .await;
            assert_eq!(name, cleaned(p, false), "name stored as typed");
        }
        assert_eq!(app.count("users").await, users);
    }
    let list = boss.get("/users").await.text().await.unwrap();
    assert_no_raw_markup(&list, "users list");
    let audit = boss.get("/audit").await.text().await.unwrap();
    assert_no_raw_markup(&audit, "audit");

    // Every table is still there and holds what was added.
    assert_eq!(app.count("cases").await, stored + 1);
    assert_eq!(app.count("residents").await, stored + 1);
    assert_eq!(app.count("programs").await, programs);
    assert_eq!(app.count("users").await, users);
    assert!(tried > 500, "{tried} payload and field pairs");
    eprintln!(
        "{tried} payload/field submissions ({} payloads)",
        payloads.len()
    );
    app.stop().await;
}

for_each_backend!(
    every_answer_is_locked_down,
    hsts_only_over_https,
    requests_for_help_are_limited_per_address,
    webhooks_are_limited_before_the_signature,
    status_and_sign_in_are_limited,
    next_never_leaves_the_site,
    payloads_are_plain_text_everywhere,
    secrets_never_reach_the_logs,
);

/// Everything a process wrote, gathered by two reader threads.
struct Output {
    text: std::sync::Arc<std::sync::Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Output {
    fn of(child: &mut std::process::Child) -> Self {
        use std::io::Read;
        let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut readers = Vec::new();
        let streams: Vec<Box<dyn Read + Send>> = vec![
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for mut stream in streams {
            let text = text.clone();
            readers.push(std::thread::spawn(move || {
                let mut chunk = [0u8; 4096];
                while let Ok(n) = stream.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    text.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&chunk[..n]));
                }
            }));
        }
        Self { text, readers }
    }

    fn now(&self) -> String {
        self.text.lock().unwrap().clone()
    }

    fn finish(self) -> String {
        for reader in self.readers {
            reader.join().unwrap();
        }
        let text = self.text.lock().unwrap().clone();
        text
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_navdesk");
const LOG_PASSWORD: &str = "Tr0ub4dor-&-3-log-secret";
const LOG_AUTH_TOKEN: &str = "tok-5e3c7a91f0d24b6e8a1c-secret";
const LOG_SID: &str = "AC5e3c7a91f0d24b6e8a1c000000log1";
const LOG_PHONE: &str = "+17205550187";
const DB_PASSWORD: &str = "S3cr3t-Navdesk-Logtest-9f41";

/// A fake provider that keeps the Authorization header of every text.
async fn fake_provider() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = seen.clone();
    let app = axum::Router::new().route(
        "/2010-04-01/Accounts/{account}/Messages.json",
        axum::routing::post(move |headers: axum::http::HeaderMap| {
            let keep = keep.clone();
            async move {
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let n = {
                    let mut seen = keep.lock().unwrap();
                    seen.push(auth);
                    seen.len()
                };
                (
                    axum::http::StatusCode::CREATED,
                    [("content-type", "application/json")],
                    format!("{{\"sid\":\"SM{n:032}\",\"status\":\"queued\"}}"),
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, seen)
}

/// A PostgreSQL database owned by a role with a password that appears nowhere else, or `None`
/// (skipped) without a server.
async fn postgres_with_own_password() -> Option<String> {
    use sqlx::Connection;
    let url = common::fresh_database_url(Backend::Postgres).await?;
    let admin_url = std::env::var("NAVDESK_TEST_POSTGRES_URL").ok()?;
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'navdesk_logtest') \
         THEN CREATE ROLE navdesk_logtest LOGIN; END IF; END $$",
    )
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query(&format!(
        "ALTER ROLE navdesk_logtest LOGIN PASSWORD '{DB_PASSWORD}'"
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    let (server, name) = url.rsplit_once('/').unwrap();
    sqlx::query(&format!("ALTER DATABASE {name} OWNER TO navdesk_logtest"))
        .execute(&mut admin)
        .await
        .unwrap();
    let host = server.rsplit_once('@').map_or(server, |(_, h)| h);
    Some(format!(
        "postgres://navdesk_logtest:{DB_PASSWORD}@{host}/{name}"
    ))
}

/// The real binary with `RUST_LOG=debug`, SMS credentials and a staff account: sign-in, a
/// request whose confirmation goes out with Basic auth, signed webhooks, sign-out. Nothing it
/// writes shows a password, the auth token, the Basic credentials, the session cookie, a CSRF
/// token, the resident's full number or the database password.
async fn secrets_never_reach_the_logs(backend: Backend) {
    let url = match backend {
        Backend::Sqlite => common::fresh_database_url(backend).await,
        Backend::Postgres => postgres_with_own_password().await,
    };
    let Some(url) = url else {
        return;
    };
    let mut logs = String::new();

    let mut create = std::process::Command::new(BIN)
        .args(["--database-url", &url, "create-user"])
        .args(["--email", "dana@navdesk.example", "--name", "Dana"])
        .args(["--role", "supervisor"])
        .env("RUST_LOG", "debug")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = create.stdin.take().unwrap();
        writeln!(stdin, "{LOG_PASSWORD}").unwrap();
    }
    let out = create.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    logs.push_str(&String::from_utf8_lossy(&out.stdout));
    logs.push_str(&String::from_utf8_lossy(&out.stderr));

    let (provider, seen) = fake_provider().await;
    let mut server = std::process::Command::new(BIN)
        .args(["--database-url", &url, "serve", "--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "debug")
        .env_remove("NAVDESK_LOG_FORMAT")
        .env("TWILIO_ACCOUNT_SID", LOG_SID)
        .env("TWILIO_AUTH_TOKEN", LOG_AUTH_TOKEN)
        .env("NAVDESK_SMS_BASE_URL", &provider)
        .env("NAVDESK_SMS_FROM", common::sms::FROM)
        .env("NAVDESK_SMS_HOURS", "off")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let output = Output::of(&mut server);
    let started = std::time::Instant::now();
    let base = loop {
        let now = output.now();
        if let Some(base) = now
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
        {
            break base.trim_end_matches('/').to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not start: {now}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };

    // Sign in.
    let who = browser();
    let login = who
        .get(format!("{base}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let login_token = hidden(&login, "csrf_token");
    let resp = who
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", login_token.as_str()),
            ("email", "dana@navdesk.example"),
            ("password", LOG_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303, "signed in");
    let session = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("navdesk_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    assert!(session.len() >= 32);
    let cases = who
        .get(format!("{base}/cases"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden(&cases, "csrf_token");

    // A resident asks for help and agrees to texts: the confirmation goes out.
    let phone_typed = "(720) 555-0187";
    let mut form: Vec<(&str, &str)> = common::valid_form()
        .into_iter()
        .filter(|(k, _)| *k != "phone")
        .collect();
    form.push(("phone", phone_typed));
    let resp = who
        .post(format!("{base}/help"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let code = common::ref_code(&resp);
    let basic = common::eventually(
        async || seen.lock().unwrap().first().cloned(),
        Option::is_some,
    )
    .await
    .expect("a text was sent");
    use base64::Engine;
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{LOG_SID}:{LOG_AUTH_TOKEN}"));
    assert_eq!(basic, format!("Basic {credentials}"), "Basic auth was used");

    // The resident answers; the provider reports delivery (both signed).
    let client = reqwest::Client::new();
    for (path, params) in [
        (
            "/sms/inbound",
            vec![
                ("MessageSid", "SM00000000000000000000000000000777"),
                ("From", LOG_PHONE),
                ("To", common::sms::FROM),
                ("Body", "gracias"),
            ],
        ),
        (
            "/sms/status",
            vec![
                ("MessageSid", "SM00000000000000000000000000000001"),
                ("MessageStatus", "delivered"),
                ("To", LOG_PHONE),
            ],
        ),
    ] {
        let url = format!("{base}{path}");
        let signature = navdesk::sms::signature::sign(LOG_AUTH_TOKEN, &url, &params);
        let resp = client
            .post(&url)
            .header("x-twilio-signature", &signature)
            .form(&params)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{path}: {}", resp.status());
    }
    // Staff read the case and sign out (the CSRF token travels in the form).
    let id = cases_id(&url, &code).await;
    let resp = who.get(format!("{base}/cases/{id}")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let resp = who
        .post(format!("{base}/logout"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);

    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    logs.push_str(&output.finish());

    // The logs were verbose: requests, texts and start-up are all there.
    assert!(logs.contains("navdesk is listening"), "{logs}");
    assert!(logs.contains("DEBUG"), "RUST_LOG=debug took effect");
    assert!(logs.contains("SMS sent"), "{logs}");
    let digits: String = LOG_PHONE.chars().filter(char::is_ascii_digit).collect();
    let secrets = [
        ("the password", LOG_PASSWORD.to_owned()),
        ("the auth token", LOG_AUTH_TOKEN.to_owned()),
        ("the Basic credentials", credentials),
        ("the session cookie", session),
        ("the staff CSRF token", csrf),
        ("the sign-in CSRF token", login_token),
        ("the phone number", LOG_PHONE.to_owned()),
        ("the phone number's digits", digits[1..].to_owned()),
        ("the phone number as typed", phone_typed.to_owned()),
        ("the database password", DB_PASSWORD.to_owned()),
    ];
    for (what, secret) in secrets {
        assert!(
            !logs.contains(&secret),
            "{what} is in the logs:\n{}",
            logs.lines()
                .filter(|l| l.contains(&secret))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    // A database URL that does not work: the error names the problem, not the password.
    if backend == Backend::Postgres {
        let wrong = url.replace("/navdesk_test_", "/no_such_database_");
        let out = std::process::Command::new(BIN)
            .args(["--database-url", &wrong, "migrate"])
            .env("RUST_LOG", "debug")
            .output()
            .unwrap();
        assert!(!out.status.success());
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains(DB_PASSWORD), "{text}");
    }
}

async fn cases_id(url: &str, code: &str) -> i64 {
    let db = navdesk::db::connect(url).await.unwrap();
    sqlx::query_scalar("SELECT id FROM cases WHERE ref_code = $1")
        .bind(code)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}
