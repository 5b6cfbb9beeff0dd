//! SMS in tests: a fake Twilio on 127.0.0.1 that accepts every text and keeps its form
//! fields, an app configured to send through it, and signed webhook posts.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{Backend, TestApp};
use navdesk::config::Secret;

pub const AUTH_TOKEN: &str = "fake-token";
pub const FROM: &str = "+17205550100";

/// The form fields of every text the fake received.
pub type Received = Arc<Mutex<Vec<Vec<(String, String)>>>>;

/// A fake Twilio on 127.0.0.1 that accepts every text and keeps what it got (form fields).
pub async fn fake_twilio() -> (String, Received) {
    let (base, got, _) = fake_twilio_down_until(None).await;
    (base, got)
}

/// Like `fake_twilio`, taking `delay` over each text, as a real provider takes some time: a
/// worker cannot then drain a whole queue before another has started.
pub async fn fake_twilio_taking(delay: Duration) -> (String, Received) {
    let (base, got, _) = fake_twilio_with(None, delay).await;
    (base, got)
}

/// Like `fake_twilio`, but answering 500 to every text until `down_until`; also counts the
/// texts it refused.
pub async fn fake_twilio_down_until(
    down_until: Option<std::time::Instant>,
) -> (String, Received, Arc<std::sync::atomic::AtomicUsize>) {
    fake_twilio_with(down_until, Duration::ZERO).await
}

/// Like `fake_twilio_down_until`, but down (answering 500) while the returned switch is on.
pub async fn fake_twilio_switched() -> (
    String,
    Received,
    Arc<std::sync::atomic::AtomicUsize>,
    Arc<std::sync::atomic::AtomicBool>,
) {
    let down = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let (base, got, refused) = fake_twilio_on(None, Duration::ZERO, down.clone()).await;
    (base, got, refused, down)
}

async fn fake_twilio_with(
    down_until: Option<std::time::Instant>,
    delay: Duration,
) -> (String, Received, Arc<std::sync::atomic::AtomicUsize>) {
    fake_twilio_on(down_until, delay, Arc::default()).await
}

async fn fake_twilio_on(
    down_until: Option<std::time::Instant>,
    delay: Duration,
    down: Arc<std::sync::atomic::AtomicBool>,
) -> (String, Received, Arc<std::sync::atomic::AtomicUsize>) {
    use axum::extract::{Form, State};
    use std::sync::atomic::{AtomicUsize, Ordering};
    #[derive(Clone)]
    struct Fake {
        got: Received,
        refused: Arc<AtomicUsize>,
        down_until: Option<std::time::Instant>,
        down: Arc<std::sync::atomic::AtomicBool>,
        delay: Duration,
    }
    async fn messages(
        State(fake): State<Fake>,
        Form(form): Form<Vec<(String, String)>>,
    ) -> (
        axum::http::StatusCode,
        [(&'static str, &'static str); 1],
        String,
    ) {
        if !fake.delay.is_zero() {
            tokio::time::sleep(fake.delay).await;
        }
        if fake
            .down_until
            .is_some_and(|t| std::time::Instant::now() < t)
            || fake.down.load(Ordering::SeqCst)
        {
            fake.refused.fetch_add(1, Ordering::SeqCst);
            return (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                [("content-type", "application/json")],
                serde_json::json!({ "code": 20500, "message": "Internal Server Error" })
                    .to_string(),
            );
        }
        let n = {
            let mut got = fake.got.lock().unwrap();
            got.push(form);
            got.len()
        };
        (
            axum::http::StatusCode::CREATED,
            [("content-type", "application/json")],
            serde_json::json!({ "sid": format!("SM{n:032}"), "status": "queued" }).to_string(),
        )
    }
    let fake = Fake {
        got: Arc::default(),
        refused: Arc::default(),
        down_until,
        down,
        delay,
    };
    let app = axum::Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Messages.json",
            axum::routing::post(messages),
        )
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, fake.got, fake.refused)
}

pub async fn with_fake_twilio(backend: Backend) -> Option<(TestApp, Received)> {
    with_fake_twilio_and(backend, |_| {}).await
}

/// Like `with_fake_twilio`, with a chance to change the configuration too.
pub async fn with_fake_twilio_and(
    backend: Backend,
    configure: impl FnOnce(&mut navdesk::config::Config),
) -> Option<(TestApp, Received)> {
    let (base, got) = fake_twilio().await;
    let app = super::spawn_with(backend, |c| {
        send_through(c, base);
        configure(c);
    })
    .await?;
    Some((app, got))
}

/// Sends texts through the fake at `base`, as the test account, and takes its webhooks.
pub fn send_through(c: &mut navdesk::config::Config, base: String) {
    c.sms.base_url = base;
    c.sms.account_sid = Some("AC00000000000000000000000000000001".into());
    c.sms.auth_token = Some(Secret::new(AUTH_TOKEN));
    c.sms.from = Some(FROM.into());
}

/// What the fake has received, once that is `n` texts (or `WAIT` has passed).
pub async fn received(got: &Received, n: usize) -> Vec<Vec<(String, String)>> {
    super::eventually(
        async || got.lock().unwrap().clone(),
        |texts| texts.len() >= n,
    )
    .await
}

/// Waits until no text waits in the outbox any more: each is handed to the provider (and
/// recorded so) or given up. How many still wait, for the test to assert on.
pub async fn outbox_drained(app: &TestApp) -> i64 {
    let waiting = "sms_messages WHERE direction = 'out' AND status IN ('scheduled', 'sending')";
    super::eventually(async || app.count(waiting).await, |n| *n == 0).await
}

pub fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Posts `params` to the webhook at `path` as Twilio would, signed with the test auth token
/// (or with `signature` when given, to test refusals).
pub async fn post_signed(
    app: &TestApp,
    path: &str,
    params: &[(&str, &str)],
    signature: Option<&str>,
) -> reqwest::Response {
    let url = app.url(path);
    let signed = navdesk::sms::signature::sign(AUTH_TOKEN, &url, params);
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let mut request = app
        .client
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    match signature {
        Some("") => {}
        Some(other) => request = request.header("x-twilio-signature", other),
        None => request = request.header("x-twilio-signature", signed),
    }
    request.send().await.expect("POST failed")
}

/// A text from `from` to the service number, posted signed as the provider would.
pub async fn reply(app: &TestApp, from: &str, sid: &str, body: &str) {
    let resp = post_signed(
        app,
        "/sms/inbound",
        &[
            ("MessageSid", sid),
            ("From", from),
            ("To", FROM),
            ("Body", body),
        ],
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
}

/// The body of the `n`th text the fake got.
pub async fn nth(got: &Received, n: usize) -> String {
    let texts = received(got, n).await;
    assert!(texts.len() >= n, "text {n} sent");
    field(&texts[n - 1], "Body").unwrap().to_owned()
}
