//! The resident's side over HTTP, against the real server on SQLite and on PostgreSQL.

mod common;

use common::location;

use common::{form_with, valid_form, TestApp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TABLES: &[&str] = &["residents", "cases", "case_events"];

async fn stored_rows(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in TABLES {
        counts.push(app.count(table).await);
    }
    counts
}

/// The `lang` and `dir` of a page's `<html>` element.
fn html_lang(body: &str) -> (String, String) {
    let start = body.find("<html").expect("an <html> element");
    let tag = &body[start..start + body[start..].find('>').unwrap()];
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        let from = tag.find(&key).map(|i| i + key.len()).unwrap_or_default();
        tag[from..].split('"').next().unwrap_or_default().to_owned()
    };
    (attr("lang"), attr("dir"))
}

async fn a_resident_asks_for_help_and_gets_a_reference_code(app: TestApp) {
    let form = app.get("/help?lang=es").await;
    assert_eq!(form.status(), 200);
    let body = form.text().await.unwrap();
    assert_eq!(html_lang(&body), ("es".into(), "ltr".into()));
    assert!(body.contains("Pedir ayuda"), "the form is in Spanish");

    let resp = app.post_form("/help", &valid_form()).await;
    assert_eq!(resp.status(), 303);
    let to = location(&resp);
    let code = to
        .strip_prefix("/help/")
        .expect("redirect to /help/{ref}")
        .to_owned();
    assert_eq!(code.len(), 8);
    assert!(
        code.chars()
            .all(|c| "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".contains(c)),
        "{code}"
    );

    let confirmation = app.get(&to).await;
    assert_eq!(confirmation.status(), 200);
    assert_eq!(confirmation.headers()["cache-control"], "no-store");
    let page = confirmation.text().await.unwrap();
    assert!(
        page.contains(&format!("data-ref=\"{code}\"")),
        "the code is on the page"
    );
    assert!(
        page.contains(&format!("{} {}", &code[..4], &code[4..])),
        "shown in two groups"
    );
    assert!(
        page.contains("Recibimos su solicitud"),
        "in the resident's language"
    );
    assert!(
        !page.contains("Ana"),
        "no personal data on the shareable confirmation page"
    );

    let (name, phone, language, method, consent_at, benefits): (
        String,
        String,
        String,
        String,
        Option<i64>,
        String,
    ) = app
        .row(
            "SELECT name, phone, language, contact_method, sms_consent_at, benefits FROM residents",
            (),
        )
        .await;
    assert_eq!(name, "Ana Pérez");
    assert_eq!(phone, "+13035550123");
    assert_eq!(language, "es");
    assert_eq!(method, "sms");
    assert!(consent_at.is_some(), "consent is recorded with its time");
    assert_eq!(benefits, "snap");
    let (status, needs, channel): (String, String, String) = app
        .row(
            "SELECT status, needs, channel FROM cases WHERE ref_code = $1",
            (&code,),
        )
        .await;
    assert_eq!(
        (status.as_str(), needs.as_str(), channel.as_str()),
        ("new", "internet,device", "web")
    );
    let created: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE kind = 'created'",
            (),
        )
        .await;
    assert_eq!(created, 1, "the timeline starts with its creation");
    app.stop().await;
}

async fn bad_input_gets_422_keeps_values_and_stores_nothing(app: TestApp) {
    let long_name = "n".repeat(10 * 1024);
    type Form = Vec<(&'static str, &'static str)>;
    let cases: Vec<(&str, Form, &str)> = vec![
        ("empty form", vec![], "f-name"),
        ("phone 12", form_with("phone", "12"), "f-phone"),
        (
            "phone with letters",
            form_with("phone", "303-555-HELP"),
            "f-phone",
        ),
        ("zip 8020", form_with("zip", "8020"), "f-zip"),
        (
            "household 0",
            form_with("household_size", "0"),
            "f-household_size",
        ),
        (
            "household 999",
            form_with("household_size", "999"),
            "f-household_size",
        ),
        (
            "income -5",
            form_with("monthly_income", "-5"),
            "f-monthly_income",
        ),
        (
            "10 KB name",
            form_with("name", Box::leak(long_name.into_boxed_str())),
            "f-name",
        ),
        (
            "need root",
            {
                let mut f: Vec<_> = valid_form()
                    .into_iter()
                    .filter(|(k, _)| *k != "needs")
                    .collect();
                f.push(("needs", "root"));
                f
            },
            "f-needs",
        ),
        ("language xx", form_with("language", "xx"), "f-language"),
        (
            "no consent for texts",
            valid_form()
                .into_iter()
                .filter(|(k, _)| *k != "sms_consent")
                .collect(),
            "f-sms_consent",
        ),
        (
            "details over 2,000",
            form_with("details", Box::leak("d".repeat(2001).into_boxed_str())),
            "f-details",
        ),
        ("bad email", form_with("email", "ana@@example"), "f-email"),
    ];
    for (what, form, field) in cases {
        let resp = app.post_form("/help?lang=es", &form).await;
        assert_eq!(resp.status(), 422, "{what}");
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let body = resp.text().await.unwrap();
        assert!(
            body.contains("class=\"error-summary\""),
            "{what}: an error summary"
        );
        assert!(body.contains("Hay un problema"), "{what}: in Spanish");
        assert!(
            body.contains(&format!("href=\"#{field}\"")),
            "{what}: the summary links to {field}"
        );
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "{what}: the error sits by {field}"
        );
        assert!(
            body.contains(&format!("aria-describedby=\"{field}-hint {field}-error\""))
                || body.contains(&format!("aria-describedby=\"{field}-error\"")),
            "{what}: described by its error"
        );
        if what != "empty form" {
            assert!(
                body.contains("value=\"Ana Pérez\"") || what == "10 KB name",
                "{what}: the name is kept"
            );
            assert!(
                body.contains("value=\"80205\"") || what == "zip 8020",
                "{what}: the ZIP is kept"
            );
        }
        assert_eq!(
            stored_rows(&app).await,
            vec![0, 0, 0],
            "{what}: nothing stored"
        );
    }
    app.stop().await;
}

async fn markup_in_a_name_is_stored_as_text_and_shown_escaped(app: TestApp) {
    let evil = "<script>alert(1)</script>";
    // Shown again on an error page: escaped.
    let mut form = form_with("name", evil);
    form.push(("zip", "802"));
    let resp = app.post_form("/help", &form).await;
    assert_eq!(resp.status(), 422);
    let body = resp.text().await.unwrap();
    assert!(!body.contains(evil), "never echoed as markup");
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Stored: exactly as typed.
    let resp = app.post_form("/help", &form_with("name", evil)).await;
    assert_eq!(resp.status(), 303);
    let name: String = app.one("SELECT name FROM residents", ()).await;
    assert_eq!(name, evil);
    app.stop().await;
}

async fn a_filled_honeypot_looks_like_success_and_stores_nothing(app: TestApp) {
    let resp = app
        .post_form("/help", &form_with("website", "http://spam.example"))
        .await;
    assert_eq!(resp.status(), 303);
    assert!(location(&resp).starts_with("/help/"));
    assert_eq!(stored_rows(&app).await, vec![0, 0, 0]);
    assert_eq!(app.get(&location(&resp)).await.status(), 404);
    app.stop().await;
}

async fn status_lookup_needs_the_code_and_the_phone(app: TestApp) {
    let resp = app.post_form("/help", &valid_form()).await;
    let code = common::ref_code(&resp);

    let found = app
        .post_form(
            "/status?lang=en",
            &[("ref", &code.to_lowercase()), ("phone_last4", "0123")],
        )
        .await;
    assert_eq!(found.status(), 200);
    let page = found.text().await.unwrap();
    assert!(
        page.contains("Received. Waiting for a navigator."),
        "shows the status"
    );

    let wrong_phone = app
        .post_form("/status", &[("ref", &code), ("phone_last4", "9999")])
        .await;
    assert_eq!(wrong_phone.status(), 404);
    let wrong_phone = wrong_phone.text().await.unwrap();
    let other = if code.starts_with('Z') { "Y" } else { "Z" };
    let wrong_code = format!("{other}{}", &code[1..]);
    let wrong_code = app
        .post_form("/status", &[("ref", &wrong_code), ("phone_last4", "0123")])
        .await;
    assert_eq!(wrong_code.status(), 404);
    let wrong_code = wrong_code.text().await.unwrap();
    let strip = |page: &str, code: &str, last4: &str| {
        page.replace(&format!("value=\"{code}\""), "value=\"CODE\"")
            .replace(&format!("value=\"{last4}\""), "value=\"LAST\"")
    };
    assert_eq!(
        strip(&wrong_phone, &code, "9999"),
        strip(&wrong_code, &format!("{other}{}", &code[1..]), "0123"),
        "a wrong code and a wrong phone get the same answer"
    );
    let malformed = app
        .post_form("/status", &[("ref", "abc"), ("phone_last4", "12")])
        .await;
    assert_eq!(malformed.status(), 422);
    app.stop().await;
}

async fn pages_follow_the_language_negotiation(app: TestApp) {
    // Accept-Language with q-values.
    let resp = app
        .get_with("/", "accept-language", "en;q=0.3, es-MX;q=0.9")
        .await;
    assert_eq!(html_lang(&resp.text().await.unwrap()).0, "es");
    // ?lang= wins and is remembered in a cookie.
    let resp = app.get("/?lang=en").await;
    assert!(resp.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("lang=en"));
    assert_eq!(html_lang(&resp.text().await.unwrap()).0, "en");
    let resp = app.get_with("/status", "accept-language", "es").await;
    assert_eq!(
        html_lang(&resp.text().await.unwrap()).0,
        "en",
        "the cookie beats Accept-Language"
    );
    // An unknown language falls through to the next rule.
    let fresh = reqwest::Client::new();
    let body = fresh
        .get(app.url("/help?lang=xx"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(html_lang(&body), ("en".into(), "ltr".into()));
    // Every page has a chooser naming each language in itself.
    for path in ["/", "/help", "/status", "/nowhere"] {
        let body = fresh
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            body.contains("lang=\"es\" hreflang=\"es\">Español</a>"),
            "{path}"
        );
        assert!(body.contains("<html lang=\"en\" dir=\"ltr\">"), "{path}");
    }
    app.stop().await;
}

async fn errors_are_pages_in_the_residents_language(app: TestApp) {
    let resp = app.get("/no/such/page?lang=es").await;
    assert_eq!(resp.status(), 404);
    let body = resp.text().await.unwrap();
    assert!(body.contains("No encontramos la página"));
    assert_eq!(html_lang(&body).0, "es");

    assert_eq!(app.get("/help/NOTACODE").await.status(), 404);
    assert_eq!(app.get("/help/ABCD2345").await.status(), 404);

    let big = "x".repeat(70 * 1024);
    let resp = app.post_form("/help", &[("name", big.as_str())]).await;
    assert_eq!(resp.status(), 413);
    assert!(resp.text().await.unwrap().contains("Envió demasiado"));
    assert_eq!(stored_rows(&app).await, vec![0, 0, 0]);
    app.stop().await;
}

async fn pages_are_light_cached_and_locked_down(app: TestApp) {
    for path in ["/", "/help", "/status"] {
        let resp = app.get_with(path, "accept-encoding", "gzip").await;
        assert_eq!(resp.status(), 200, "{path}");
        let h = resp.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h.contains_key("x-request-id"));
        assert_eq!(h["content-encoding"], "gzip", "{path} is compressed");
        let bytes = resp.bytes().await.unwrap();
        assert!(
            bytes.len() < 30 * 1024,
            "{path}: {} bytes transferred",
            bytes.len()
        );
    }
    // The stylesheet has a fingerprinted URL and may be kept for a year.
    let body = app.get("/").await.text().await.unwrap();
    let css = body
        .split("href=\"/assets/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let resp = app.get(&format!("/assets/{css}")).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(app.get("/assets/app.0000000000.css").await.status(), 404);
    // No third-party requests, no script.
    assert!(!body.contains("<script"));
    assert!(!body.contains("http://") && !body.contains("https://"));
    // The empty form can be revalidated cheaply.
    let resp = app.get("/help").await;
    let etag = resp.headers()["etag"].clone();
    let again = app
        .get_with("/help", "if-none-match", etag.to_str().unwrap())
        .await;
    assert_eq!(again.status(), 304);
    app.stop().await;
}

async fn health_and_readiness(app: TestApp) {
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.db.pool.close().await;
    assert_eq!(
        app.get("/readyz").await.status(),
        503,
        "not ready without the database"
    );
    app.stop().await;
}

/// Requests the server has begun to answer when it is told to stop are answered and stored;
/// connections after that are refused. Each held request stops before its body and asks
/// `Expect: 100-continue`: the server's `100 Continue` says its handler is reading the request,
/// so it is in flight for sure, and stays so until the test sends the body.
async fn shutdown_lets_requests_in_flight_finish(app: TestApp) {
    const HELD: usize = 4;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(valid_form())
        .finish();
    let head = format!(
        "POST /help HTTP/1.1\r\nHost: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        app.addr,
        body.len()
    );
    let mut held = Vec::new();
    for _ in 0..HELD {
        let mut conn = TcpStream::connect(app.addr).await.expect("connects");
        conn.write_all(head.as_bytes()).await.unwrap();
        let answer = read_head(&mut conn).await;
        assert!(answer.starts_with("HTTP/1.1 100 Continue"), "{answer}");
        held.push(conn);
    }

    let (addr, db) = (app.addr, app.db.clone());
    let stopping = tokio::spawn(app.stop());
    // Stopped once it refuses new connections.
    let refused = common::eventually(
        async || TcpStream::connect(addr).await.is_err(),
        |refused| *refused,
    )
    .await;
    assert!(refused, "the server stops taking connections");
    let late = reqwest::Client::new()
        .post(format!("http://{addr}/help"))
        .form(&valid_form())
        .send()
        .await;
    let err = late.expect_err("a request after the stop is not accepted");
    assert!(err.is_connect() || err.is_request(), "{err}");
    assert!(
        !stopping.is_finished(),
        "the server waits for the requests it holds"
    );

    let mut confirmed = 0;
    let mut codes = Vec::new();
    for mut conn in held {
        conn.write_all(body.as_bytes()).await.unwrap();
        let answer = read_head(&mut conn).await;
        assert!(
            answer.starts_with("HTTP/1.1 303"),
            "an accepted request is answered, not cut off: {answer}"
        );
        let code = answer
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(name, _)| name.eq_ignore_ascii_case("location"))
            .and_then(|(_, to)| to.trim().strip_prefix("/help/"))
            .expect("a reference code")
            .to_owned();
        codes.push(code);
        confirmed += 1;
    }
    stopping.await.expect("server stopped");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        stored, confirmed,
        "every confirmed request is stored, and only those"
    );
    for code in codes {
        let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE ref_code = $1")
            .bind(&code)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(found, 1, "{code} is stored");
    }
    assert!(confirmed > 0);
}

/// What the server answered on `conn` up to the end of the head (status line and headers).
async fn read_head(conn: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let read = async {
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            let mut chunk = [0; 1024];
            let n = conn.read(&mut chunk).await.expect("read");
            assert!(n > 0, "the server closed the connection");
            got.extend_from_slice(&chunk[..n]);
        }
    };
    tokio::time::timeout(common::WAIT, read)
        .await
        .expect("the server answers");
    String::from_utf8_lossy(&got).into_owned()
}

/// Many submissions at once are committed together, each resident with their own case; one
/// that the database refuses fails alone.
async fn submissions_commit_in_batches_and_a_bad_one_fails_alone(app: TestApp) {
    use navdesk::domain::Channel;
    use navdesk::intake::form::{validate, RawRequest};
    let writer = navdesk::intake::writer::IntakeWriter::start(app.db.clone());
    let raw = RawRequest {
        name: "Batch Test".into(),
        phone: "303-555-0199".into(),
        zip: "80205".into(),
        needs: vec!["device".into()],
        ..RawRequest::default()
    };
    let good = validate(&raw, navdesk::i18n::Lang::EN, &[]).expect("a valid request");
    let mut bad = good.clone();
    bad.area_id = Some(987_654); // no such area: the foreign key refuses it
    let mut handles = Vec::new();
    for i in 0..200 {
        let writer = writer.clone();
        let mut request = if i == 77 { bad.clone() } else { good.clone() };
        request.name = format!("Batch Test {i}");
        request.details = format!("details of {i}");
        handles.push(tokio::spawn(async move {
            writer.submit(request, Channel::Web, 1_700_000_000).await
        }));
    }
    let mut codes = std::collections::HashSet::new();
    let mut failed = 0;
    for (i, h) in handles.into_iter().enumerate() {
        match h.await.unwrap() {
            Ok(code) => {
                let (name, details): (String, String) = app
                    .row(
                        "SELECT r.name, c.details FROM cases c JOIN residents r \
                     ON r.id = c.resident_id WHERE c.ref_code = $1",
                        (code.as_str(),),
                    )
                    .await;
                assert_eq!(
                    name,
                    format!("Batch Test {i}"),
                    "each code leads to its own resident"
                );
                assert_eq!(details, format!("details of {i}"));
                assert!(codes.insert(code), "codes are unique");
            }
            Err(_) => failed += 1,
        }
    }
    assert_eq!(failed, 1, "only the bad request fails");
    assert_eq!(codes.len(), 199);
    assert_eq!(
        app.count("cases").await,
        199,
        "every confirmed request is stored"
    );
    assert_eq!(app.count("residents").await, 199, "nothing half-written");
    assert_eq!(app.count("case_events").await, 199);
    app.stop().await;
}

on_both_backends!(
    submissions_commit_in_batches_and_a_bad_one_fails_alone,
    shutdown_lets_requests_in_flight_finish,
    a_resident_asks_for_help_and_gets_a_reference_code,
    bad_input_gets_422_keeps_values_and_stores_nothing,
    markup_in_a_name_is_stored_as_text_and_shown_escaped,
    a_filled_honeypot_looks_like_success_and_stores_nothing,
    status_lookup_needs_the_code_and_the_phone,
    pages_follow_the_language_negotiation,
    errors_are_pages_in_the_residents_language,
    pages_are_light_cached_and_locked_down,
    health_and_readiness,
);

#[tokio::test]
async fn repeated_status_guesses_are_rate_limited() {
    let Some(app) = common::spawn_with(common::Backend::Sqlite, |c| {
        c.status_burst = 3;
        c.status_refill_secs = 600;
    })
    .await
    else {
        return;
    };
    for _ in 0..3 {
        let resp = app.post_form("/status", common::WRONG_GUESS).await;
        assert_eq!(resp.status(), 404);
    }
    let resp = app.post_form("/status?lang=es", common::WRONG_GUESS).await;
    assert_eq!(resp.status(), 429);
    let wait: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait > 0 && wait <= 600, "{wait}");
    assert!(resp.text().await.unwrap().contains("Demasiados intentos"));
    app.stop().await;
}

/// Behind a trusted proxy each resident has their own allowance (the proxy's X-Forwarded-For);
/// without one configured, the header is the client's own words and changes nothing.
#[tokio::test]
async fn status_limits_follow_the_client_behind_a_trusted_proxy() {
    for trusted in [true, false] {
        let Some(app) = common::spawn_with(common::Backend::Sqlite, |c| {
            c.status_burst = 2;
            c.status_refill_secs = 600;
            if trusted {
                c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
            }
        })
        .await
        else {
            return;
        };
        let guess = |from: &'static str| {
            let body = "ref=ABCD2345&phone_last4=0000";
            app.client
                .post(app.url("/status"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", from)
                .body(body)
                .send()
        };
        for _ in 0..2 {
            assert_eq!(guess("198.51.100.1").await.unwrap().status(), 404);
        }
        assert_eq!(guess("198.51.100.1").await.unwrap().status(), 429);
        // Another resident behind the same proxy.
        let other = guess("198.51.100.2").await.unwrap().status();
        if trusted {
            assert_eq!(
                other, 404,
                "a second resident is not held back by the first"
            );
        } else {
            assert_eq!(other, 429, "an untrusted header does not buy more guesses");
        }
        app.stop().await;
    }
}

/// The visible text of a page: its text nodes and `aria-label`s, trimmed.
fn visible_texts(html: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let body = html.split("<body").nth(1).unwrap_or(html);
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next());
    texts.extend(title.map(str::to_owned));
    for part in body.split('<') {
        let (tag, text) = part.split_once('>').unwrap_or((part, ""));
        if let Some(label) = tag
            .split("aria-label=\"")
            .nth(1)
            .and_then(|l| l.split('"').next())
        {
            texts.push(label.to_owned());
        }
        let text = text.trim();
        if !text.is_empty() {
            texts.push(text.replace("&quot;", "\"").replace("&amp;", "&"));
        }
    }
    texts
}

#[tokio::test]
async fn every_resident_page_is_whole_in_each_language() {
    let Some(app) = common::spawn(common::Backend::Sqlite).await else {
        return;
    };
    let resp = app.post_form("/help", &valid_form()).await;
    let confirmation = location(&resp);
    let code = confirmation.trim_start_matches("/help/");
    let grouped_code = format!("{} {}", &code[..4], &code[4..]);
    let english_pages = {
        let mut pages = Vec::new();
        for path in ["/", "/help", "/status", confirmation.as_str(), "/nowhere"] {
            let body = app
                .get(&format!("{path}?lang=en"))
                .await
                .text()
                .await
                .unwrap();
            pages.push((path, visible_texts(&body)));
        }
        pages
    };
    let mut failures = Vec::new();
    let english_errors = app
        .post_form("/help?lang=en", &[("phone", "12")])
        .await
        .text()
        .await
        .unwrap();
    for (code, dir) in [
        ("es", "ltr"),
        ("ar", "rtl"),
        ("am", "ltr"),
        ("ln", "ltr"),
        ("vi", "ltr"),
    ] {
        let mut pages = Vec::new();
        for (path, english) in &english_pages {
            let body = app
                .get(&format!("{path}?lang={code}"))
                .await
                .text()
                .await
                .unwrap();
            pages.push((path.to_string(), body, english.clone()));
        }
        let errors = app
            .post_form(&format!("/help?lang={code}"), &[("phone", "12")])
            .await;
        assert_eq!(errors.status(), 422);
        pages.push((
            "/help (errors)".into(),
            errors.text().await.unwrap(),
            visible_texts(&english_errors),
        ));
        for (path, body, english) in pages {
            assert_eq!(
                html_lang(&body),
                (code.to_owned(), dir.to_owned()),
                "{code} {path}"
            );
            let left: Vec<_> = visible_texts(&body)
                .into_iter()
                .filter(|t| {
                    english.contains(t) && !common::same_in_every_language(t) && *t != grouped_code
                })
                .collect();
            if !left.is_empty() {
                failures.push(format!("{code} {path} still shows English: {left:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    app.stop().await;
}
