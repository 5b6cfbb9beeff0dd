//! The server is killed (SIGKILL) in the middle of sending texts and started again, on SQLite
//! and on PostgreSQL: no text is lost and none is sent twice, also the one the provider took
//! just before the kill, whose answer never reached us (the restarted worker asks the provider
//! before sending it again).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::Json;
use common::server::Server;
use common::Backend;
use navdesk::sms::outbox::{self, Kind, NewText};

const TEXTS: usize = 30;
/// The text the fake takes and then holds its answer back for, while the test kills the server.
const SLOW: &str = "text-5";

type Got = Arc<Mutex<Vec<(String, String)>>>;

async fn create(
    State(got): State<Got>,
    Form(form): Form<Vec<(String, String)>>,
) -> (StatusCode, Json<serde_json::Value>) {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (to, body) = (field("To"), field("Body"));
    let n = {
        let mut got = got.lock().unwrap();
        got.push((to.clone(), body.clone()));
        got.len()
    };
    if body == SLOW {
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
    (
        StatusCode::CREATED,
        Json(serde_json::json!({ "sid": format!("SM{n:032}"), "status": "queued" })),
    )
}

/// Twilio's message list: every text the fake took.
async fn list(State(got): State<Got>) -> Json<serde_json::Value> {
    let messages: Vec<serde_json::Value> = got
        .lock()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, (to, body))| {
            serde_json::json!({ "sid": format!("SM{:032}", i + 1), "to": to, "body": body })
        })
        .collect();
    Json(serde_json::json!({ "messages": messages }))
}

async fn fake() -> (String, Got) {
    let got: Got = Arc::default();
    let app = axum::Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Messages.json",
            axum::routing::post(create).get(list),
        )
        .with_state(got.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, got)
}

async fn serve(url: &str, fake: &str) -> Server {
    Server::start_async(
        url,
        &[],
        &[
            ("NAVDESK_SMS_BASE_URL", fake),
            ("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000001"),
            ("TWILIO_AUTH_TOKEN", "fake-token"),
            ("NAVDESK_SMS_FROM", "+17205550100"),
            ("NAVDESK_SMS_RATE", "1000"),
            ("NAVDESK_SMS_LEASE_SECS", "3"),
        ],
    )
    .await
}

async fn killed_mid_send_nothing_lost_nothing_twice(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let db = navdesk::db::open(&url).await.unwrap();
    let now = navdesk::db::now();
    for i in 0..TEXTS {
        let text = NewText {
            case_id: None,
            resident_id: None,
            to: format!("+1303555{:04}", 1000 + i),
            body: format!("text-{i}"),
            kind: Kind::Staff,
            immediate: true,
            not_before: now,
            idempotency_key: format!("crash-{i}"),
            created_by: None,
        };
        outbox::enqueue(&db, &text, now).await.unwrap();
    }
    let (base, got) = fake().await;

    let mut first = serve(&url, &base).await;
    let taken = common::eventually(
        async || got.lock().unwrap().iter().any(|(_, b)| b == SLOW),
        |taken| *taken,
    )
    .await;
    first.kill(); // SIGKILL, while the provider holds its answer to SLOW
    assert!(taken, "the provider took the slow text before the kill");

    let mut second = serve(&url, &base).await;
    // Until every text is recorded as handed over, the slow one too once its lease has run out
    // and the provider was asked: nothing is left then that could go twice.
    let recorded = async || -> (i64, i64) {
        sqlx::query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(in_doubt), 0) AS BIGINT) FROM sms_messages \
             WHERE status = 'queued'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap()
    };
    let (recorded, in_doubt) = common::poll_until(Duration::from_secs(40), recorded, |(n, _)| {
        *n == TEXTS as i64
    })
    .await;
    second.kill();
    let all = {
        let got = got.lock().unwrap();
        (0..TEXTS).all(|i| {
            let body = format!("text-{i}");
            got.iter().any(|(_, b)| *b == body)
        })
    };

    let bodies: Vec<String> = got.lock().unwrap().iter().map(|(_, b)| b.clone()).collect();
    assert!(all, "every text was sent: {bodies:?}");
    for i in 0..TEXTS {
        let body = format!("text-{i}");
        assert_eq!(
            bodies.iter().filter(|b| **b == body).count(),
            1,
            "{body} sent once: {bodies:?}"
        );
    }
    assert_eq!(recorded, TEXTS as i64, "every text recorded as handed over");
    assert!(
        in_doubt >= 1,
        "the slow text was found in doubt and looked up"
    );
    db.pool.close().await;
}

for_each_backend!(killed_mid_send_nothing_lost_nothing_twice,);
