//! Prometheus metrics on their own listener (`NAVDESK_METRICS_ADDR`): what a scrape shows after
//! requests and texts, read back by parsing the exposition, on SQLite and PostgreSQL.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use common::sms::{fake_twilio_switched, AUTH_TOKEN, FROM};
use common::{valid_form, Backend, TestApp};
use navdesk::config::Secret;
use navdesk::sms::outbox;

/// One line of the exposition: a sample's name, its labels and its value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Parses the text exposition format (OpenMetrics or Prometheus 0.0.4): comment lines are
/// skipped, every other line must be `name{label="value",...} value [timestamp]`.
fn parse(text: &str) -> Vec<Sample> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| parse_line(line).unwrap_or_else(|| panic!("not a sample line: {line:?}")))
        .collect()
}

fn parse_line(line: &str) -> Option<Sample> {
    let name_end = line.find(['{', ' '])?;
    let name = &line[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    {
        return None;
    }
    let mut labels = BTreeMap::new();
    let mut rest = &line[name_end..];
    if let Some(after) = rest.strip_prefix('{') {
        let mut chars = after.char_indices().peekable();
        loop {
            // A label name up to `=`, then a quoted value with \\, \" and \n escapes.
            let (start, first) = chars.next()?;
            if first == '}' {
                rest = &after[start + 1..];
                break;
            }
            let mut key = String::from(first);
            loop {
                let (_, c) = chars.next()?;
                if c == '=' {
                    break;
                }
                key.push(c);
            }
            if chars.next()?.1 != '"' {
                return None;
            }
            let mut value = String::new();
            loop {
                match chars.next()?.1 {
                    '"' => break,
                    '\\' => match chars.next()?.1 {
                        'n' => value.push('\n'),
                        c @ ('\\' | '"') => value.push(c),
                        _ => return None,
                    },
                    c => value.push(c),
                }
            }
            labels.insert(key, value);
            match chars.next()? {
                (_, ',') => {}
                (i, '}') => {
                    rest = &after[i + 1..];
                    break;
                }
                _ => return None,
            }
        }
    }
    let mut fields = rest.strip_prefix(' ')?.split(' ');
    let value = fields.next()?.parse::<f64>().ok()?;
    if fields.count() > 1 {
        return None;
    }
    Some(Sample {
        name: name.to_owned(),
        labels,
        value,
    })
}

struct Scrape(Vec<Sample>);

impl Scrape {
    /// The value of the sample with exactly these labels; 0 when there is none (a counter
    /// not yet incremented has no series).
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let want: BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let found: Vec<&Sample> = self
            .0
            .iter()
            .filter(|s| s.name == name && s.labels == want)
            .collect();
        assert!(found.len() <= 1, "one series for {name}{labels:?}");
        found.first().map_or(0.0, |s| s.value)
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|s| s.name == name)
    }
}

async fn scrape(app: &TestApp) -> Scrape {
    let addr = app.metrics_addr.expect("a metrics listener");
    let resp = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .expect("scrape");
    assert_eq!(resp.status(), 200);
    let content_type = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    let body = resp.text().await.unwrap();
    assert!(body.ends_with("# EOF\n"), "the exposition is complete");
    Scrape(parse(&body))
}

async fn spawn_measured(backend: Backend) -> Option<TestApp> {
    common::spawn_with(backend, |c| {
        c.metrics_addr = Some(([127, 0, 0, 1], 0).into())
    })
    .await
}

const REQUESTS: &str = "navdesk_http_requests_total";
const DURATION: &str = "navdesk_http_request_duration_seconds";

async fn requests_are_counted_by_route_template(backend: Backend) {
    let Some(app) = spawn_measured(backend).await else {
        return;
    };
    let metrics_addr = app.metrics_addr.unwrap();
    assert_ne!(
        metrics_addr.port(),
        app.addr.port(),
        "a listener of its own"
    );
    let before = scrape(&app).await;

    let n = 5;
    for _ in 0..n {
        assert_eq!(app.get("/help").await.status(), 200);
    }
    assert_eq!(app.get("/no-such-page").await.status(), 404);
    assert_eq!(
        app.get("/metrics").await.status(),
        404,
        "the public listener does not serve metrics"
    );
    let case_status = app.get("/cases/12345").await.status().as_u16();
    assert_eq!(app.get("/help/ZZZZZZZZ").await.status(), 404);
    let posted = app.post_form("/help", &valid_form()).await.status();
    assert_eq!(posted, 303);

    let after = scrape(&app).await;
    let rose = |name: &str, labels: &[(&str, &str)]| {
        after.value(name, labels) - before.value(name, labels)
    };
    let help = [("method", "GET"), ("route", "/help")];
    assert_eq!(
        rose(REQUESTS, &[help[0], help[1], ("status", "200")]),
        n as f64
    );
    assert_eq!(
        rose(
            REQUESTS,
            &[("method", "GET"), ("route", "unmatched"), ("status", "404")]
        ),
        2.0,
        "/no-such-page and /metrics"
    );
    let case_status = case_status.to_string();
    assert_eq!(
        rose(
            REQUESTS,
            &[
                ("method", "GET"),
                ("route", "/cases/{id}"),
                ("status", &case_status)
            ]
        ),
        1.0
    );
    assert_eq!(
        rose(
            REQUESTS,
            &[
                ("method", "GET"),
                ("route", "/help/{code}"),
                ("status", "404")
            ]
        ),
        1.0
    );
    assert_eq!(
        rose(
            REQUESTS,
            &[("method", "POST"), ("route", "/help"), ("status", "303")]
        ),
        1.0
    );

    // The latency histogram saw each GET /help once, in its buckets too.
    let count = rose(&format!("{DURATION}_count"), &help);
    assert_eq!(count, n as f64);
    let le = |bound: &str| {
        after.value(
            &format!("{DURATION}_bucket"),
            &[help[0], help[1], ("le", bound)],
        )
    };
    assert_eq!(le("+Inf"), after.value(&format!("{DURATION}_count"), &help));
    assert_eq!(le("10.0"), le("+Inf"), "no GET /help took 10 s");
    assert!(le("0.001") <= le("0.01") && le("0.01") <= le("10.0"));
    assert!(after.value(&format!("{DURATION}_sum"), &help) > 0.0);

    // Routes are templates: no raw path, and the scrapes themselves are not counted.
    let routes: Vec<&str> = after
        .0
        .iter()
        .filter_map(|s| s.labels.get("route").map(String::as_str))
        .collect();
    for raw in ["12345", "ZZZZZZZZ", "no-such-page", "/metrics"] {
        assert!(
            !routes.iter().any(|r| r.contains(raw)),
            "{raw} in a route label: {routes:?}"
        );
    }
    // What the database knows is read at scrape time.
    assert!(after.has("navdesk_outbox_texts"));
    // The database pool is shown; one request was stored in one batch.
    assert!(after.value("navdesk_db_pool_connections", &[]) >= 1.0);
    assert_eq!(rose("navdesk_intake_batch_size_count", &[]), 1.0);
    app.stop().await;
}

/// Texts waiting while the provider is down show in the outbox gauge, as many as the outbox
/// holds; once it is back, the sent counter reaches the number sent.
async fn outbox_depth_and_texts_sent(backend: Backend) {
    let (base, got, refused, down) = fake_twilio_switched().await;
    let Some(app) = common::spawn_with(backend, |c| {
        c.sms.base_url = base;
        c.sms.account_sid = Some("AC00000000000000000000000000000001".into());
        c.sms.auth_token = Some(Secret::new(AUTH_TOKEN));
        c.sms.from = Some(FROM.into());
        c.sms.segments_per_second = 1000.0;
        // A failed text waits 4 to 6 s: long enough to read the outbox while it waits.
        c.sms.retry_first = Duration::from_secs(5);
        c.metrics_addr = Some(([127, 0, 0, 1], 0).into());
    })
    .await
    else {
        return;
    };
    let n = 3;
    for _ in 0..n {
        assert_eq!(app.post_form("/help", &valid_form()).await.status(), 303);
    }
    // Each confirmation is tried once, refused, and put back to wait.
    let waiting = "SELECT COUNT(*) FROM sms_messages WHERE status = 'scheduled' AND attempts = 1";
    let scheduled = common::eventually(
        async || -> i64 { app.one(waiting, ()).await },
        |scheduled| *scheduled == n,
    )
    .await;
    assert_eq!(scheduled, n, "every confirmation failed once and waits");
    let seen = scrape(&app).await;
    let in_outbox: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE status IN ('scheduled', 'sending')",
            (),
        )
        .await;
    let texts = "navdesk_outbox_texts";
    assert_eq!(seen.value(texts, &[("status", "scheduled")]), n as f64);
    assert_eq!(seen.value(texts, &[("status", "sending")]), 0.0);
    assert_eq!(in_outbox, n, "the gauge is the outbox");
    assert_eq!(
        seen.value("navdesk_texts_total", &[("status", "retry")]),
        refused.load(Ordering::SeqCst) as f64
    );
    assert_eq!(
        seen.value("navdesk_texts_total", &[("status", "sent")]),
        0.0
    );
    assert_eq!(
        seen.value("navdesk_outbox_overdue_seconds", &[]),
        0.0,
        "their retries are not due yet"
    );

    down.store(false, Ordering::SeqCst);
    let sent = common::eventually(
        async || scrape(&app).await,
        |sent| sent.value("navdesk_texts_total", &[("status", "sent")]) >= n as f64,
    )
    .await;
    let delivered = got.lock().unwrap().len();
    assert_eq!(delivered, n as usize);
    assert_eq!(
        sent.value("navdesk_texts_total", &[("status", "sent")]),
        delivered as f64
    );
    assert_eq!(sent.value(texts, &[("status", "scheduled")]), 0.0);
    let gone: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE status NOT IN ('scheduled', 'sending')",
            (),
        )
        .await;
    assert_eq!(gone, n);
    app.stop().await;
}

/// The scrape's outbox figures, straight from a database with no worker touching it: the
/// waiting and claimed texts, the longest overdue, a text reclaimed after its worker died.
async fn outbox_depth_reads_the_outbox(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let db = navdesk::db::open(&url).await.expect("database");
    let now = 1_800_000_000;
    let text = |key: &str, due: i64| outbox::NewText {
        case_id: None,
        resident_id: None,
        to: "+13035550123".into(),
        body: format!("Hello {key}"),
        kind: outbox::Kind::Staff,
        immediate: true,
        not_before: due,
        idempotency_key: key.into(),
        created_by: None,
    };
    // Sent long ago: history, not depth.
    outbox::enqueue(&db, &text("sent", now - 1000), now - 1000)
        .await
        .unwrap();
    let claimed = outbox::claim(&db, "w1", now - 900, 60, 1).await.unwrap();
    assert!(outbox::record_sent(
        &db,
        claimed[0].id,
        "w1",
        FROM,
        "SM1",
        outbox::Status::Queued,
        now
    )
    .await
    .unwrap());
    // Claimed by a worker that died, then claimed again: in doubt.
    outbox::enqueue(&db, &text("doubt", now - 300), now - 300)
        .await
        .unwrap();
    assert_eq!(
        outbox::claim(&db, "w1", now - 200, 60, 1)
            .await
            .unwrap()
            .len(),
        1
    );
    let again = outbox::claim(&db, "w2", now - 100, 60, 1).await.unwrap();
    assert!(again[0].in_doubt);
    // Waiting: one a minute overdue, one for later.
    outbox::enqueue(&db, &text("due", now - 60), now - 60)
        .await
        .unwrap();
    outbox::enqueue(&db, &text("later", now + 3600), now)
        .await
        .unwrap();

    let depth = navdesk::metrics::outbox_depth(&db, now).await.unwrap();
    assert_eq!(depth.by_status, vec![("scheduled", 2), ("sending", 1)]);
    assert_eq!(depth.overdue_secs, 60);
    assert_eq!(depth.in_doubt, 1);

    // Nothing is due yet: not overdue.
    let early = navdesk::metrics::outbox_depth(&db, now - 61).await.unwrap();
    assert_eq!(early.overdue_secs, 0);
}

/// Without a metrics address there is no metrics listener.
async fn no_metrics_listener_by_default(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    assert_eq!(app.metrics_addr, None);
    assert_eq!(app.get("/metrics").await.status(), 404);
    app.stop().await;
}

#[test]
fn the_parser_reads_labels_with_escapes_and_refuses_garbage() {
    let samples = parse(
        "# TYPE x counter\nx_total{a=\"1\",b=\"q\\\"uote\\\\\"} 3\ny 4.5 1700000000\n# EOF\n",
    );
    assert_eq!(samples.len(), 2);
    assert_eq!(samples[0].name, "x_total");
    assert_eq!(samples[0].labels["b"], "q\"uote\\");
    assert_eq!(samples[0].value, 3.0);
    assert_eq!(samples[1].value, 4.5);
    for bad in ["x{a=\"1\" 3", "x{a=1} 3", "x", "x 3 4 5", "x{a=\"1\"}3"] {
        assert!(parse_line(bad).is_none(), "{bad}");
    }
}

for_each_backend!(
    requests_are_counted_by_route_template,
    outbox_depth_and_texts_sent,
    outbox_depth_reads_the_outbox,
    no_metrics_listener_by_default,
);
