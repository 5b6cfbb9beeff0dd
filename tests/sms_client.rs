//! The Twilio client against a fake Twilio on 127.0.0.1: what it sends (path, Basic auth, form
//! fields, idempotency header) and how it reads each kind of answer. No real network.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::Engine;

use navdesk::config::Secret;
use navdesk::sms::client::{
    OutgoingSms, PermanentKind, SendOutcome, Transport, TwilioTransport, IDEMPOTENCY_HEADER,
};

const ACCOUNT: &str = "AC00000000000000000000000000000001";
const TOKEN: &str = "fake-auth-token-42";
const FROM: &str = "+17205550100";

/// One request as the fake received it.
#[derive(Clone, Debug)]
struct Received {
    account: String,
    authorization: Option<String>,
    idempotency: Option<String>,
    form: Vec<(String, String)>,
}

impl Received {
    fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Copy)]
enum Answer {
    Created,
    TooManyRequests,
    Refused(u32),
    ServerError,
    Slow,
}

#[derive(Clone)]
struct Fake {
    answer: Answer,
    received: Arc<Mutex<Vec<Received>>>,
}

async fn messages(
    State(fake): State<Fake>,
    Path(account): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    fake.received.lock().unwrap().push(Received {
        account,
        authorization: header("authorization"),
        idempotency: header(IDEMPOTENCY_HEADER),
        form,
    });
    let json = |status: StatusCode, body: serde_json::Value| {
        (
            status,
            [("content-type", "application/json")],
            body.to_string(),
        )
            .into_response()
    };
    match fake.answer {
        Answer::Created => json(
            StatusCode::CREATED,
            serde_json::json!({
                "sid": "SM0123456789abcdef0123456789abcdef",
                "status": "queued",
                "error_code": null,
                "error_message": null,
            }),
        ),
        Answer::TooManyRequests => (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "17"), ("content-type", "application/json")],
            r#"{"code":20429,"message":"Too Many Requests","status":429}"#,
        )
            .into_response(),
        Answer::Refused(code) => json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({
                "code": code,
                "message": "refused by the fake",
                "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
                "status": 400,
            }),
        ),
        Answer::ServerError => (StatusCode::BAD_GATEWAY, "upstream down").into_response(),
        // Answers long after any client here has given up.
        Answer::Slow => {
            tokio::time::sleep(Duration::from_secs(120)).await;
            json(StatusCode::CREATED, serde_json::json!({"sid": "SMlate"}))
        }
    }
}

/// A fake Twilio answering every create with `answer`; its base URL and what it received.
async fn spawn_fake(answer: Answer) -> (String, Arc<Mutex<Vec<Received>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let app = Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Messages.json",
            post(messages),
        )
        .with_state(Fake {
            answer,
            received: received.clone(),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), received)
}

fn transport(base: &str, from: &str, timeout: Duration) -> TwilioTransport {
    TwilioTransport::new(base, ACCOUNT, Secret::new(TOKEN), from, timeout).unwrap()
}

fn text() -> OutgoingSms {
    OutgoingSms {
        to: "+13035550123".into(),
        body: "Your code is K7QM4XPR. ¿Necesita ayuda? Responda AYUDA.".into(),
        status_callback: Some("https://navdesk.example/sms/status".into()),
        idempotency_key: Some("outbox-41".into()),
    }
}

#[tokio::test]
async fn a_created_text_is_sent_with_the_right_request() {
    let (base, received) = spawn_fake(Answer::Created).await;
    let outcome = transport(&base, FROM, Duration::from_secs(5))
        .send(&text())
        .await;
    assert_eq!(
        outcome,
        SendOutcome::Sent {
            sid: "SM0123456789abcdef0123456789abcdef".into(),
            status: "queued".into()
        }
    );

    let received = received.lock().unwrap();
    assert_eq!(received.len(), 1, "one attempt, one request");
    let request = &received[0];
    assert_eq!(request.account, ACCOUNT);
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT}:{TOKEN}"));
    assert_eq!(
        request.authorization.as_deref(),
        Some(format!("Basic {basic}").as_str())
    );
    assert_eq!(request.field("To"), Some("+13035550123"));
    assert_eq!(request.field("From"), Some(FROM));
    assert_eq!(request.field("MessagingServiceSid"), None);
    assert_eq!(request.field("Body"), Some(text().body.as_str()));
    assert_eq!(
        request.field("StatusCallback"),
        Some("https://navdesk.example/sms/status")
    );
    assert_eq!(request.idempotency.as_deref(), Some("outbox-41"));
}

#[tokio::test]
async fn a_messaging_service_sends_its_sid_and_optional_fields_stay_out() {
    let (base, received) = spawn_fake(Answer::Created).await;
    let mut sms = text();
    sms.status_callback = None;
    sms.idempotency_key = None;
    let outcome = transport(&base, "MG99990000", Duration::from_secs(5))
        .send(&sms)
        .await;
    assert!(matches!(outcome, SendOutcome::Sent { .. }), "{outcome:?}");

    let request = received.lock().unwrap()[0].clone();
    assert_eq!(request.field("MessagingServiceSid"), Some("MG99990000"));
    assert_eq!(request.field("From"), None);
    assert_eq!(request.field("StatusCallback"), None);
    assert_eq!(request.idempotency, None);
}

#[tokio::test]
async fn too_many_requests_is_temporary_with_the_wait_asked_for() {
    let (base, _) = spawn_fake(Answer::TooManyRequests).await;
    let outcome = transport(&base, FROM, Duration::from_secs(5))
        .send(&text())
        .await;
    assert_eq!(
        outcome,
        SendOutcome::Temporary {
            reason: "error 20429: Too Many Requests".into(),
            retry_after: Some(Duration::from_secs(17)),
        }
    );
}

#[tokio::test]
async fn a_server_error_is_temporary() {
    let (base, _) = spawn_fake(Answer::ServerError).await;
    let outcome = transport(&base, FROM, Duration::from_secs(5))
        .send(&text())
        .await;
    assert!(
        matches!(outcome, SendOutcome::Temporary { retry_after: None, ref reason } if reason.contains("502")),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn refusals_are_permanent_and_say_what_to_do() {
    for (code, kind) in [
        (21610, PermanentKind::OptedOut),
        (21211, PermanentKind::InvalidNumber),
        (21614, PermanentKind::InvalidNumber),
        (30006, PermanentKind::Landline),
        (21408, PermanentKind::Other(Some(21408))),
    ] {
        let (base, _) = spawn_fake(Answer::Refused(code)).await;
        let outcome = transport(&base, FROM, Duration::from_secs(5))
            .send(&text())
            .await;
        let SendOutcome::Permanent { kind: got, reason } = outcome else {
            panic!("{code}: {outcome:?}");
        };
        assert_eq!(got, kind, "{code}");
        assert!(reason.contains(&code.to_string()), "{reason}");
        assert!(reason.contains("refused by the fake"), "{reason}");
    }
}

#[tokio::test]
async fn a_slow_provider_times_out_as_temporary() {
    let (base, received) = spawn_fake(Answer::Slow).await;
    let started = std::time::Instant::now();
    // Time enough for the request to reach the fake, even on a loaded machine.
    let outcome = transport(&base, FROM, Duration::from_secs(2))
        .send(&text())
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let SendOutcome::Temporary {
        reason,
        retry_after,
    } = outcome
    else {
        panic!("{outcome:?}");
    };
    assert!(reason.starts_with("timed out"), "{reason}");
    assert_eq!(retry_after, None);
    // The request did arrive: a retry may send it twice, which is what the idempotency key is for.
    assert_eq!(received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_closed_port_is_temporary_and_never_shows_the_token() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let transport = transport(&format!("http://{addr}"), FROM, Duration::from_secs(2));
    let outcome = transport.send(&text()).await;
    let SendOutcome::Temporary { reason, .. } = outcome else {
        panic!("{outcome:?}");
    };
    assert!(reason.starts_with("could not connect"), "{reason}");
    assert!(!reason.contains(TOKEN), "{reason}");
    assert!(!format!("{transport:?}").contains(TOKEN));
}
