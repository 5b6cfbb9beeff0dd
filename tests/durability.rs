//! The real server is killed (SIGKILL) in the middle of a storm of requests for help and started
//! again, three times, on SQLite and on PostgreSQL. Every request answered with its reference
//! code is stored whole (resident, case, needs, the confirmation text when the resident agreed
//! to texts); a request that got no answer may or may not be stored, but never in part; and the
//! restarted server takes new requests.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::server::Server;
use common::Backend;
use navdesk::db::Db;

/// Residents sending at the same moment.
const CLIENTS: usize = 48;
const ROUNDS: usize = 3;
const LANGUAGES: [&str; 6] = ["en", "es", "ar", "am", "ln", "vi"];
const NEEDS: [&[&str]; 5] = [
    &["internet"],
    &["device"],
    &["tech_support"],
    &["device", "internet"],
    &["tech_support", "device", "internet"],
];
const RACES: [&[&str]; 5] = [
    &[],
    &["black"],
    &["white", "hispanic"],
    &["prefer_not_to_say"],
    &["asian", "pacific_islander", "other"],
];
const NAME_PREFIX: &str = "Storm Résident ";

/// What request number `i` sends, and what must be stored for it.
struct Request {
    name: String,
    /// As typed; stored in E.164 as `e164`.
    phone: String,
    e164: String,
    needs: &'static [&'static str],
    language: &'static str,
    details: String,
    race: &'static [&'static str],
    sms_consent: bool,
}

impl Request {
    fn new(i: usize) -> Self {
        let (exchange, line) = (200 + i / 10_000, i % 10_000);
        Request {
            name: format!("{NAME_PREFIX}{i:05}"),
            phone: format!("(720) {exchange:03}-{line:04}"),
            e164: format!("+1720{exchange:03}{line:04}"),
            needs: NEEDS[i % NEEDS.len()],
            language: LANGUAGES[i % LANGUAGES.len()],
            details: format!("Request {i}: our only laptop broke.\nNecesitamos ayuda — شكرا"),
            race: RACES[i % RACES.len()],
            sms_consent: i % 3 != 0,
        }
    }

    fn form(&self) -> String {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("name", &self.name)
            .append_pair("phone", &self.phone)
            .append_pair(
                "contact_method",
                if self.sms_consent { "sms" } else { "call" },
            )
            .append_pair("language", self.language)
            .append_pair("zip", "80205")
            .append_pair("details", &self.details)
            .append_pair("website", "");
        for need in self.needs {
            form.append_pair("needs", need);
        }
        for race in self.race {
            form.append_pair("race_ethnicity", race);
        }
        if self.sms_consent {
            form.append_pair("sms_consent", "yes");
        }
        form.finish()
    }
}

/// A resident behind the trusted proxy: each request from an address of its own.
fn forwarded_for(i: usize) -> String {
    format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)
}

#[derive(Clone, Debug)]
enum Answer {
    /// `303` to `/help/{ref}`.
    Stored(String),
    /// The connection failed or was cut: the server died before it answered.
    Unanswered,
    /// Any other answer: never right here.
    Other(u16, String),
}

async fn send(client: &reqwest::Client, base: &str, i: usize) -> Answer {
    let sent = client
        .post(format!("{base}/help"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", forwarded_for(i))
        .body(Request::new(i).form())
        .send()
        .await;
    let Ok(resp) = sent else {
        return Answer::Unanswered;
    };
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    match location.strip_prefix("/help/") {
        Some(code) if status == 303 => Answer::Stored(code.to_owned()),
        _ => Answer::Other(status, location),
    }
}

/// A number in `0..n` that differs from run to run.
fn random_below(n: usize) -> usize {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as usize;
    nanos % n
}

/// Sends requests from `CLIENTS` residents at once, numbered on from `next`, until `stored`
/// of them were answered with a reference code; then kills the server mid-storm. Returns every
/// request's answer.
async fn storm_then_kill(
    server: &mut Server,
    next: &Arc<AtomicUsize>,
    stored: usize,
) -> Vec<(usize, Answer)> {
    let answers: Arc<Mutex<Vec<(usize, Answer)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let codes = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (answers, stop, codes, next) =
            (answers.clone(), stop.clone(), codes.clone(), next.clone());
        let base = server.base.clone();
        clients.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(120))
                .build()
                .unwrap();
            while !stop.load(Ordering::Acquire) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let answer = send(&client, &base, i).await;
                if matches!(answer, Answer::Stored(_)) {
                    codes.fetch_add(1, Ordering::Relaxed);
                }
                answers.lock().unwrap().push((i, answer));
            }
        }));
    }
    let started = Instant::now();
    while codes.load(Ordering::Relaxed) < stored {
        if started.elapsed() > Duration::from_secs(180) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // No new requests from here: those in flight are cut by the kill.
    stop.store(true, Ordering::Release);
    server.kill();
    for client in clients {
        client.await.unwrap();
    }
    let answers = answers.lock().unwrap().clone();
    let got = answers
        .iter()
        .filter(|(_, a)| matches!(a, Answer::Stored(_)))
        .count();
    assert!(
        got >= stored,
        "the storm got {stored} reference codes in 3 minutes (got {got}):\n{}",
        server.log()
    );
    answers
}

/// One stored request as read back from the database.
#[derive(Debug)]
struct Row {
    code: String,
    needs: String,
    details: String,
    case_language: String,
    name: String,
    phone: Option<String>,
    language: String,
    race: String,
    consent_at: Option<i64>,
    confirmations: i64,
    created_events: i64,
}

fn codes(list: &str) -> Vec<String> {
    let mut codes: Vec<String> = list
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    codes.sort();
    codes
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut codes: Vec<String> = list.iter().map(|c| c.to_string()).collect();
    codes.sort();
    codes
}

/// `Row` as the query reads it.
type RowTuple = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<i64>,
    i64,
    i64,
);

async fn stored_requests(db: &Db) -> Vec<Row> {
    let rows: Vec<RowTuple> = sqlx::query_as(
        "SELECT c.ref_code, c.needs, c.details, c.language, r.name, r.phone, r.language, \
             r.race_ethnicity, r.sms_consent_at, \
             (SELECT COUNT(*) FROM sms_messages m WHERE m.case_id = c.id \
              AND m.kind = 'confirmation' AND m.direction = 'out' AND m.to_number = r.phone \
              AND m.body LIKE '%' || c.ref_code || '%'), \
             (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created') \
             FROM cases c JOIN residents r ON r.id = c.resident_id",
    )
    .fetch_all(&db.pool)
    .await
    .expect("stored requests");
    rows.into_iter()
        .map(|r| Row {
            code: r.0,
            needs: r.1,
            details: r.2,
            case_language: r.3,
            name: r.4,
            phone: r.5,
            language: r.6,
            race: r.7,
            consent_at: r.8,
            confirmations: r.9,
            created_events: r.10,
        })
        .collect()
}

/// Whole-database checks: nothing exists in part.
async fn nothing_half_written(db: &Db) {
    let checks = [
        (
            "cases without their resident",
            "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS \
             (SELECT 1 FROM residents r WHERE r.id = c.resident_id)",
        ),
        (
            "residents without a case",
            "SELECT COUNT(*) FROM residents r WHERE NOT EXISTS \
             (SELECT 1 FROM cases c WHERE c.resident_id = r.id)",
        ),
        (
            "cases without needs",
            "SELECT COUNT(*) FROM cases WHERE needs = ''",
        ),
        (
            "cases without their first timeline event",
            "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS \
             (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created')",
        ),
        (
            "texts without their case",
            "SELECT COUNT(*) FROM sms_messages m WHERE m.case_id IS NULL OR NOT EXISTS \
             (SELECT 1 FROM cases c WHERE c.id = m.case_id)",
        ),
        (
            "timeline events without their case",
            "SELECT COUNT(*) FROM case_events e WHERE NOT EXISTS \
             (SELECT 1 FROM cases c WHERE c.id = e.case_id)",
        ),
        (
            "reference codes used twice",
            "SELECT COUNT(*) FROM (SELECT ref_code FROM cases GROUP BY ref_code \
             HAVING COUNT(*) > 1) twice",
        ),
        (
            "residents who agreed to texts without their confirmation, or the other way round",
            "SELECT COUNT(*) FROM cases c JOIN residents r ON r.id = c.resident_id WHERE \
             (r.sms_consent_at IS NULL) = EXISTS (SELECT 1 FROM sms_messages m \
              WHERE m.case_id = c.id AND m.kind = 'confirmation')",
        ),
    ];
    for (what, sql) in checks {
        let n: i64 = sqlx::query_scalar(sql)
            .fetch_one(&db.pool)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(n, 0, "{what}: {n}");
    }
}

/// Every request answered with a code is stored whole under it; every stored request is one
/// that was sent, stored once and whole.
async fn every_answered_request_is_whole(db: &Db, answers: &[(usize, Answer)]) {
    let rows = stored_requests(db).await;
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    let mut by_index: HashMap<usize, &str> = HashMap::new();
    for row in &rows {
        let i: usize = row
            .name
            .strip_prefix(NAME_PREFIX)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a stored request that was never sent: {row:?}"));
        let sent = Request::new(i);
        let whole = row.phone.as_deref() == Some(sent.e164.as_str())
            && codes(&row.needs) == sorted(sent.needs)
            && row.details == sent.details
            && row.language == sent.language
            && row.case_language == sent.language
            && codes(&row.race) == sorted(sent.race)
            && row.consent_at.is_some() == sent.sms_consent
            && row.confirmations == i64::from(sent.sms_consent)
            && row.created_events == 1;
        assert!(whole, "request {i} is stored whole: {row:?}");
        assert!(
            by_index.insert(i, &row.code).is_none(),
            "request {i} is stored once"
        );
        by_code.insert(&row.code, i);
    }
    for (i, answer) in answers {
        match answer {
            Answer::Stored(code) => assert_eq!(
                by_code.get(code.as_str()),
                Some(i),
                "request {i}, answered with {code}, is stored under that code"
            ),
            Answer::Unanswered => {}
            Answer::Other(status, location) => {
                panic!("request {i} was answered {status} {location:?}")
            }
        }
    }
}

async fn nothing_lost_under_sigkill(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let started = Instant::now();
    let env = [("NAVDESK_TRUSTED_PROXIES", "127.0.0.1/32")];
    let mut server = Server::start_async(&url, &[], &env).await;
    server.wait_ready().await;
    let db = navdesk::db::connect(&url).await.unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let mut answers = Vec::new();
    for round in 0..ROUNDS {
        let stored = 150 + random_below(200);
        answers.extend(storm_then_kill(&mut server, &next, stored).await);
        server = Server::start_async(&url, &[], &env).await;
        server.wait_ready().await;
        every_answered_request_is_whole(&db, &answers).await;
        nothing_half_written(&db).await;
        let unanswered = answers
            .iter()
            .filter(|(_, a)| matches!(a, Answer::Unanswered))
            .count();
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!(
                "{backend:?} round {round}: {} requests, {unanswered} unanswered, {:?}\n",
                answers.len(),
                started.elapsed()
            ),
        );
    }

    // The restarted server takes new requests and shows the old ones.
    let client = common::staff::browser();
    let i = next.fetch_add(1, Ordering::Relaxed);
    let answer = send(&client, &server.base, i).await;
    let Answer::Stored(code) = &answer else {
        panic!("a new request after the restarts is stored: {answer:?}");
    };
    let page = client
        .get(server.url(&format!("/help/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(code.as_str()));
    for (_, answer) in answers.iter().step_by(97) {
        if let Answer::Stored(old) = answer {
            let page = client
                .get(server.url(&format!("/help/{old}")))
                .send()
                .await
                .unwrap();
            assert_eq!(page.status(), 200, "{old} is shown after the restarts");
        }
    }
    answers.push((i, answer));
    every_answered_request_is_whole(&db, &answers).await;
    nothing_half_written(&db).await;
    server.kill();

    if backend == Backend::Sqlite {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(check, "ok", "the SQLite file is intact");
    }
    db.pool.close().await;
}

for_each_backend!(nothing_lost_under_sigkill,);
