//! The SMS outbox against the real database, on SQLite and on PostgreSQL: a text is stored
//! once per idempotency key, claimed by one worker at a time (also with several claiming at
//! once), claimed again when its worker's lease runs out, never moved backwards by a late
//! status callback, and spaced by the sender's rate limit.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::sms::{field, received, with_fake_twilio};
use common::{Backend, TestApp};
use navdesk::sms::outbox::{self, Kind, NewText, Status};

fn text(key: &str, not_before: i64) -> NewText {
    NewText {
        case_id: None,
        resident_id: None,
        to: "+13035550123".into(),
        body: format!("Hello {key}"),
        kind: Kind::Staff,
        immediate: false,
        not_before,
        idempotency_key: key.into(),
        created_by: None,
    }
}

async fn row(app: &TestApp, id: i64) -> (String, i64, Option<String>) {
    app.row(
        "SELECT status, attempts, provider_sid FROM sms_messages WHERE id = $1",
        (id,),
    )
    .await
}

async fn a_text_is_stored_once_and_claimed_by_one_worker(app: TestApp) {
    let now = 1_800_000_000;
    let first = outbox::enqueue(&app.db, &text("case-1-confirmation", now), now)
        .await
        .unwrap()
        .expect("stored");
    let again = outbox::enqueue(&app.db, &text("case-1-confirmation", now), now)
        .await
        .unwrap();
    assert_eq!(again, None, "the same key stores nothing more");
    let later = outbox::enqueue(&app.db, &text("case-1-follow-up", now + 3600), now)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(app.count("sms_messages").await, 2);

    let claimed = outbox::claim(&app.db, "a", now, 60, 10).await.unwrap();
    assert_eq!(claimed.len(), 1, "only what is due");
    assert_eq!(claimed[0].id, first);
    assert_eq!(claimed[0].attempts, 1);
    assert_eq!(claimed[0].body, "Hello case-1-confirmation");
    assert!(
        outbox::claim(&app.db, "b", now + 1, 60, 10)
            .await
            .unwrap()
            .is_empty(),
        "a claimed text is nobody else's while its lease lasts"
    );

    // Worker a dies; after the lease, b claims the text again.
    let retaken = outbox::claim(&app.db, "b", now + 61, 60, 10).await.unwrap();
    assert_eq!(
        retaken.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![first]
    );
    assert_eq!(retaken[0].attempts, 2);
    // a comes back to life: its answer changes nothing; b's is recorded.
    assert!(!outbox::record_sent(
        &app.db,
        first,
        "a",
        "+17205550000",
        "SMa",
        Status::Queued,
        now + 62
    )
    .await
    .unwrap());
    assert!(outbox::record_sent(
        &app.db,
        first,
        "b",
        "+17205550000",
        "SMb",
        Status::Queued,
        now + 62
    )
    .await
    .unwrap());
    assert_eq!(
        row(&app, first).await,
        ("queued".to_owned(), 2, Some("SMb".to_owned()))
    );
    assert!(
        outbox::claim(&app.db, "c", now + 1000, 60, 10)
            .await
            .unwrap()
            .iter()
            .all(|c| c.id != first),
        "a sent text is never claimed again"
    );

    // The follow-up: quiet hours put it back without counting an attempt; a temporary error
    // counts one; a permanent one ends it.
    let claimed = outbox::claim(&app.db, "c", now + 3600, 60, 10)
        .await
        .unwrap();
    assert_eq!(
        claimed.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![later]
    );
    assert!(outbox::record_retry(
        &app.db,
        later,
        "c",
        now + 7200,
        false,
        None,
        None,
        now + 3600
    )
    .await
    .unwrap());
    assert_eq!(row(&app, later).await, ("scheduled".to_owned(), 0, None));
    assert!(outbox::claim(&app.db, "c", now + 7199, 60, 10)
        .await
        .unwrap()
        .is_empty());
    outbox::claim(&app.db, "c", now + 7200, 60, 10)
        .await
        .unwrap();
    outbox::record_retry(
        &app.db,
        later,
        "c",
        now + 7300,
        true,
        Some(20429),
        Some("Too many requests"),
        now + 7200,
    )
    .await
    .unwrap();
    assert_eq!(row(&app, later).await, ("scheduled".to_owned(), 1, None));
    outbox::claim(&app.db, "c", now + 7300, 60, 10)
        .await
        .unwrap();
    assert!(outbox::record_final(
        &app.db,
        later,
        "c",
        Status::Failed,
        Some(21211),
        Some("invalid number"),
        now + 7300
    )
    .await
    .unwrap());
    assert_eq!(row(&app, later).await, ("failed".to_owned(), 2, None));
    assert!(outbox::claim(&app.db, "c", now + 99_999, 60, 10)
        .await
        .unwrap()
        .is_empty());
    app.stop().await;
}

/// Four workers claiming at once, in small batches, until nothing is left: every text is
/// claimed by exactly one of them.
async fn workers_claiming_at_once_never_share_a_text(app: TestApp) {
    let now = 1_800_000_000;
    for i in 0..300 {
        outbox::enqueue(&app.db, &text(&format!("k{i}"), now - i), now)
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for w in 0..4 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let worker = format!("w{w}");
            let mut mine = Vec::new();
            let mut empty = 0;
            while empty < 3 {
                let got = outbox::claim(&db, &worker, now, 60, 7).await.unwrap();
                if got.is_empty() {
                    empty += 1;
                    tokio::task::yield_now().await;
                }
                mine.extend(got.into_iter().map(|c| c.id));
            }
            mine
        }));
    }
    let mut seen: HashMap<i64, usize> = HashMap::new();
    for t in tasks {
        let ids = t.await.unwrap();
        for id in ids {
            *seen.entry(id).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), 300, "every text claimed");
    assert!(seen.values().all(|&n| n == 1), "none claimed twice");
    let attempts: i64 = app
        .one("SELECT CAST(SUM(attempts) AS BIGINT) FROM sms_messages", ())
        .await;
    assert_eq!(attempts, 300);
    app.stop().await;
}

async fn status_callbacks_never_move_a_text_back(app: TestApp) {
    let now = 1_800_000_000;
    let id = outbox::enqueue(&app.db, &text("k", now), now)
        .await
        .unwrap()
        .unwrap();
    outbox::claim(&app.db, "w", now, 60, 1).await.unwrap();
    outbox::record_sent(&app.db, id, "w", "+17205550000", "SM1", Status::Queued, now)
        .await
        .unwrap();
    let apply = |status: Status, by_id: bool| {
        let db = app.db.clone();
        async move {
            outbox::record_status(&db, by_id.then_some(id), "SM1", status, None, now)
                .await
                .unwrap()
        }
    };
    assert!(apply(Status::Delivered, true).await, "queued → delivered");
    assert!(
        !apply(Status::Sent, false).await,
        "a late 'sent' is ignored"
    );
    assert!(!apply(Status::Failed, true).await, "a final state stays");
    assert_eq!(row(&app, id).await.0, "delivered");
    // An unknown provider id changes nothing.
    assert!(
        !outbox::record_status(&app.db, None, "SMnope", Status::Sent, None, now)
            .await
            .unwrap()
    );
    app.stop().await;
}

async fn a_sender_is_held_to_its_rate(app: TestApp) {
    let now = 1_800_000_000_000;
    let mut slots = Vec::new();
    for _ in 0..3 {
        slots.push(
            outbox::take_send_slot(&app.db, "+17205550000", now, 1000)
                .await
                .unwrap(),
        );
    }
    assert_eq!(slots, vec![now, now + 1000, now + 2000]);
    // Another sender has its own allowance; a quiet sender starts from now again.
    assert_eq!(
        outbox::take_send_slot(&app.db, "MG123", now, 1000)
            .await
            .unwrap(),
        now
    );
    assert_eq!(
        outbox::take_send_slot(&app.db, "+17205550000", now + 60_000, 2000)
            .await
            .unwrap(),
        now + 60_000
    );
    app.stop().await;
}

/// The resident who agreed to texts gets the confirmation with their code at once, in their
/// language; it is on the case's timeline; a number that said STOP gets nothing.
async fn a_resident_who_agreed_gets_the_confirmation_at_once(backend: Backend) {
    let Some((app, got)) = with_fake_twilio(backend).await else {
        return;
    };
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    let code = common::ref_code(&resp);
    let texts = received(&got, 1).await;
    assert_eq!(texts.len(), 1, "one confirmation");
    let text = &texts[0];
    assert_eq!(field(text, "To"), Some("+13035550123"));
    assert_eq!(field(text, "From"), Some("+17205550100"));
    let body = field(text, "Body").unwrap();
    assert!(body.contains(&code), "{body}");
    assert!(
        body.starts_with("Navegadores Digitales de Denver: recibimos"),
        "in Spanish: {body}"
    );
    assert!(
        body.contains("ALTO"),
        "the resident learns how to stop texts: {body}"
    );
    let callback = field(text, "StatusCallback").unwrap();
    assert!(callback.contains("/sms/status?id="), "{callback}");
    // Recorded as handed to the provider, on the case's timeline.
    let status: String = common::eventually(
        async || {
            app.one(
                "SELECT status FROM sms_messages WHERE kind = 'confirmation'",
                (),
            )
            .await
        },
        |status| status == "queued",
    )
    .await;
    assert_eq!(status, "queued");
    let events: i64 = common::eventually(
        async || {
            app.one(
                "SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id \
                 WHERE c.ref_code = $1 AND e.kind = 'sms_out'",
                (&code,),
            )
            .await
        },
        |events| *events > 0,
    )
    .await;
    assert_eq!(events, 1, "on the case's timeline");

    // Without consent: no text. A number that said STOP: the text is cancelled, not sent.
    let mut no_consent = common::valid_form();
    no_consent.retain(|(k, _)| *k != "sms_consent" && *k != "contact_method");
    no_consent.push(("contact_method", "call"));
    assert_eq!(app.post_form("/help", &no_consent).await.status(), 303);
    navdesk::sms::worker::opt_out(&app.db, "+13035550123", "keyword", navdesk::db::now())
        .await
        .unwrap();
    assert_eq!(
        app.post_form("/help", &common::valid_form()).await.status(),
        303
    );
    let cancelled = common::eventually(
        async || app.count("sms_messages WHERE status = 'cancelled'").await,
        |cancelled| *cancelled == 1,
    )
    .await;
    assert_eq!(
        cancelled, 1,
        "the opted-out number's confirmation is cancelled"
    );
    assert_eq!(
        app.count("sms_messages").await,
        2,
        "no text without consent"
    );
    assert_eq!(got.lock().unwrap().len(), 1, "nothing more was sent");
    app.stop().await;
}

on_both_backends!(
    a_text_is_stored_once_and_claimed_by_one_worker,
    workers_claiming_at_once_never_share_a_text,
    status_callbacks_never_move_a_text_back,
    a_sender_is_held_to_its_rate;
    // These start what they need themselves.
    a_resident_who_agreed_gets_the_confirmation_at_once,
    two_instances_send_each_text_once,
    texts_get_through_a_provider_outage,
);

/// Two app instances on one database, both sending: each of 1,000 texts reaches the provider
/// exactly once, and both instances take part.
async fn two_instances_send_each_text_once(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    // 5 ms a text: one worker alone would need seconds, so the other surely takes part.
    let (base, got) = common::sms::fake_twilio_taking(Duration::from_millis(5)).await;
    let config = || {
        let mut c = navdesk::config::Config::for_database(url.clone());
        c.sms.base_url = base.clone();
        c.sms.account_sid = Some("AC00000000000000000000000000000001".into());
        c.sms.auth_token = Some(navdesk::config::Secret::new(common::sms::AUTH_TOKEN));
        c.sms.from = Some(common::sms::FROM.into());
        c.sms.segments_per_second = 100_000.0;
        c
    };
    let first = navdesk::Application::build(config()).await.unwrap();
    let second = navdesk::Application::build(config()).await.unwrap();
    let db = first.state().db.clone();
    let now = navdesk::db::now();
    for i in 0..1000 {
        let mut t = text(&format!("bulk-{i}"), now);
        t.immediate = true;
        outbox::enqueue(&db, &t, now).await.unwrap();
    }
    first.state().workers.outbox.wake();
    second.state().workers.outbox.wake();
    // Every text recorded as handed over: none is left for a worker to send again.
    let left = "sms_messages WHERE status <> 'queued'";
    let count = async || -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {left}"))
            .fetch_one(&db.pool)
            .await
            .unwrap()
    };
    common::poll_until(Duration::from_secs(60), count, |left| *left == 0).await;
    let sent = got.lock().unwrap().len();
    let bodies: Vec<String> = got
        .lock()
        .unwrap()
        .iter()
        .filter_map(|f| common::sms::field(f, "Body").map(str::to_owned))
        .collect();
    let mut once: HashMap<&str, usize> = HashMap::new();
    for b in &bodies {
        *once.entry(b.as_str()).or_default() += 1;
    }
    assert_eq!(sent, 1000, "every text sent");
    assert_eq!(bodies.len(), 1000, "none sent twice");
    assert!(once.values().all(|&n| n == 1));
    let workers: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT claimed_by) FROM sms_messages WHERE status = 'queued'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(workers, 2, "both instances sent");
    let left: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {left}"))
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "every text recorded as handed over");
}

/// The provider answers 500 for a minute, then recovers: every text gets through, once each,
/// after retries that back off (none given up).
async fn texts_get_through_a_provider_outage(backend: Backend) {
    let down_until = std::time::Instant::now() + Duration::from_secs(60);
    let (base, got, refused) = common::sms::fake_twilio_down_until(Some(down_until)).await;
    let Some(app) = common::spawn_with(backend, |c| {
        c.sms.base_url = base;
        c.sms.account_sid = Some("AC00000000000000000000000000000001".into());
        c.sms.auth_token = Some(navdesk::config::Secret::new(common::sms::AUTH_TOKEN));
        c.sms.from = Some(common::sms::FROM.into());
        c.sms.segments_per_second = 1000.0;
        c.sms.retry_first = Duration::from_secs(4);
        c.sms.retry_max = Duration::from_secs(16);
    })
    .await
    else {
        return;
    };
    let now = navdesk::db::now();
    for i in 0..20 {
        let mut t = text(&format!("outage-{i}"), now);
        t.immediate = true;
        outbox::enqueue(&app.db, &t, now).await.unwrap();
    }
    // The outage lasts a minute, and retries back off up to 16 s.
    let sent = common::poll_until(
        Duration::from_secs(120),
        async || got.lock().unwrap().len(),
        |sent| *sent >= 20,
    )
    .await;
    assert!(
        std::time::Instant::now() >= down_until,
        "nothing got through while the provider was down"
    );
    assert_eq!(sent, 20, "every text got through after the outage");
    assert!(
        refused.load(std::sync::atomic::Ordering::SeqCst) >= 20,
        "each was refused first"
    );
    let bodies: std::collections::HashSet<String> = got
        .lock()
        .unwrap()
        .iter()
        .filter_map(|f| common::sms::field(f, "Body").map(str::to_owned))
        .collect();
    assert_eq!(bodies.len(), 20, "none twice");
    // The provider has them all; the last may not be recorded as handed over yet.
    let (queued, min_attempts): (i64, i64) = common::eventually(
        async || {
            app.row(
                "SELECT COUNT(*), COALESCE(MIN(attempts), 0) FROM sms_messages \
                 WHERE status = 'queued'",
                (),
            )
            .await
        },
        |(queued, _)| *queued == 20,
    )
    .await;
    assert_eq!(queued, 20);
    assert!(min_attempts >= 2, "retried, not given up");
    app.stop().await;
}
