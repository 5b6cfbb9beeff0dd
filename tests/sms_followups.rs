//! Follow-up texts on SQLite and on PostgreSQL: each planned once when due, only to residents
//! who agreed and did not say STOP; the answers (digits, yes/no in the resident's language)
//! update the referral or the outcome; and quiet hours hold scheduled texts until morning while
//! answers to the resident go at once (with an injected clock).

mod common;

use std::sync::{Arc, Mutex};

use common::sms::{field, post_signed, received, with_fake_twilio_and};
use common::{Backend, TestApp};
use navdesk::config::Followups;
use navdesk::sms::client::{OutgoingSms, SendFuture, SendOutcome, Transport};
use navdesk::sms::followups::plan_due;
use navdesk::sms::outbox::{self, Kind, NewText};
use navdesk::sms::worker::{run_once, WorkerConfig};

const DAY: i64 = 86_400;
const RESIDENT: &str = "+13035550123";

async fn exec(app: &TestApp, sql: &str, binds: &[i64]) {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(&app.db.pool).await.unwrap();
}

async fn scalar(app: &TestApp, sql: &str, bind: i64) -> Option<i64> {
    app.one(sql, (bind,)).await
}

/// Waits until the fake got `n` texts and the last is recorded as handed over; its body.
async fn nth_text(app: &TestApp, got: &common::sms::Received, n: usize) -> String {
    let texts = received(got, n).await;
    assert_eq!(texts.len(), n, "text {n} sent");
    let waiting = common::sms::outbox_drained(app).await;
    assert_eq!(waiting, 0, "text {n} recorded as handed over");
    field(&texts[n - 1], "Body").unwrap().to_owned()
}

async fn answer(app: &TestApp, sid: &str, body: &str) {
    let resp = post_signed(
        app,
        "/sms/inbound",
        &[
            ("MessageSid", sid),
            ("From", RESIDENT),
            ("To", common::sms::FROM),
            ("Body", body),
        ],
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
}

async fn follow_ups_are_planned_once_and_answered(backend: Backend) {
    let Some((app, got)) = with_fake_twilio_and(backend, |c| {
        c.sms.sending_window = navdesk::config::SendingWindow::Off;
    })
    .await
    else {
        return;
    };
    let i18n = navdesk::i18n::I18n::load().unwrap();
    let schedule = Followups::default();
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    nth_text(&app, &got, 1).await; // the confirmation
    let case_id: i64 = app.one("SELECT id FROM cases", ()).await;
    let now = navdesk::db::now();

    // Nothing is due yet; two days unassigned: "still working on it", once.
    assert_eq!(plan_due(&app.db, &i18n, &schedule, now).await.unwrap(), 0);
    exec(
        &app,
        "UPDATE cases SET created_at = $1 WHERE id = $2",
        &[now - 2 * DAY - 60, case_id],
    )
    .await;
    let off = Followups {
        still_waiting_after: None,
        did_you_apply_after: None,
        connected_checks: Vec::new(),
        satisfaction: false,
        ..Followups::default()
    };
    assert_eq!(
        plan_due(&app.db, &i18n, &off, now).await.unwrap(),
        0,
        "follow-ups turned off plan nothing"
    );
    assert_eq!(plan_due(&app.db, &i18n, &schedule, now).await.unwrap(), 1);
    assert_eq!(
        plan_due(&app.db, &i18n, &schedule, now).await.unwrap(),
        0,
        "planned once"
    );
    let body = nth_text(&app, &got, 2).await;
    assert!(
        body.contains("no hemos olvidado") || body.contains("olvidado"),
        "in Spanish: {body}"
    );

    // Referred three days ago: "did you apply?"; "1" marks the referral applied.
    let program: i64 = app
        .one(
            "INSERT INTO programs (organization, name, categories) \
         VALUES ('Comcast', 'Internet Essentials', 'internet_plan') RETURNING id",
            (),
        )
        .await;
    exec(
        &app,
        "INSERT INTO referrals (case_id, program_id, status, created_at, updated_at) \
         VALUES ($1, $2, 'referred', $3, $3)",
        &[case_id, program, now - 3 * DAY - 60],
    )
    .await;
    assert_eq!(plan_due(&app.db, &i18n, &schedule, now).await.unwrap(), 1);
    let body = nth_text(&app, &got, 3).await;
    assert!(body.contains("Internet Essentials"), "{body}");
    answer(&app, "SMa1", "1").await;
    let status: String = app
        .one(
            "SELECT status FROM referrals WHERE case_id = $1",
            (case_id,),
        )
        .await;
    assert_eq!(status, "applied");
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'referral'",
            case_id
        )
        .await,
        Some(1),
        "on the timeline"
    );

    // Resolved 30 days ago, connected at home: "still working?"; "sí" records it.
    exec(
        &app,
        "UPDATE cases SET status = 'resolved', resolved_at = $1 WHERE id = $2",
        &[now - 30 * DAY - 60, case_id],
    )
    .await;
    exec(
        &app,
        "INSERT INTO outcomes (case_id, connected_at_home, updated_at) VALUES ($1, 1, $2)",
        &[case_id, now],
    )
    .await;
    assert_eq!(plan_due(&app.db, &i18n, &schedule, now).await.unwrap(), 1);
    nth_text(&app, &got, 4).await;
    answer(&app, "SMa2", "Sí").await;
    assert_eq!(
        scalar(
            &app,
            "SELECT connected_30_days FROM outcomes WHERE case_id = $1",
            case_id
        )
        .await,
        Some(1)
    );

    // Closed: "how happy, 1 to 5?"; "5" is kept; a word that is no answer flags the case.
    exec(
        &app,
        "UPDATE cases SET status = 'closed', closed_at = $1, last_reply_at = NULL WHERE id = $2",
        &[now - 60, case_id],
    )
    .await;
    assert_eq!(plan_due(&app.db, &i18n, &schedule, now).await.unwrap(), 1);
    nth_text(&app, &got, 5).await;
    answer(&app, "SMa3", "5").await;
    assert_eq!(
        scalar(
            &app,
            "SELECT satisfaction FROM outcomes WHERE case_id = $1",
            case_id
        )
        .await,
        Some(5)
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT last_reply_at FROM cases WHERE id = $1",
            case_id
        )
        .await,
        None,
        "a settled answer needs no navigator"
    );

    // STOP: nothing more is planned for this number.
    answer(&app, "SMa4", "STOP").await;
    exec(
        &app,
        "UPDATE cases SET status = 'new', navigator_id = NULL, created_at = $1, closed_at = NULL WHERE id = $2",
        &[now - 2 * DAY - 120, case_id],
    )
    .await;
    exec(
        &app,
        "DELETE FROM sms_messages WHERE kind = 'still_waiting' AND case_id = $1",
        &[case_id],
    )
    .await;
    assert_eq!(plan_due(&app.db, &i18n, &schedule, now).await.unwrap(), 0);
    app.stop().await;
}

/// A transport that records what it was asked to send and says it was sent.
#[derive(Debug, Default)]
struct Recorder(Mutex<Vec<String>>);

impl Transport for Recorder {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> SendFuture<'a> {
        self.0.lock().unwrap().push(sms.body.clone());
        let n = self.0.lock().unwrap().len();
        Box::pin(async move {
            SendOutcome::Sent {
                sid: format!("SM{n}"),
                status: "queued".into(),
            }
        })
    }
    fn name(&self) -> &'static str {
        "recorder"
    }
}

fn ts(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_second()
}

async fn quiet_hours_hold_scheduled_texts_until_morning(backend: Backend) {
    // No app: nothing else works the outbox while the clock is ours.
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let db = navdesk::db::open(&url).await.unwrap();
    let night = ts("2026-11-22T10:00:00Z"); // 03:00 in Denver
    let morning = ts("2026-11-22T15:00:00Z"); // 08:00 in Denver
    for (key, immediate) in [("follow-up", false), ("answer", true)] {
        let text = NewText {
            case_id: None,
            resident_id: None,
            to: RESIDENT.into(),
            body: key.into(),
            kind: if immediate {
                Kind::Help
            } else {
                Kind::StillWaiting
            },
            immediate,
            not_before: night,
            idempotency_key: key.into(),
            created_by: None,
        };
        outbox::enqueue(&db, &text, night).await.unwrap();
    }
    let sent = Arc::new(Recorder::default());
    let config = WorkerConfig {
        segments_per_second: 1000.0,
        ..WorkerConfig::default()
    };
    run_once(&db, sent.as_ref(), &config, "w", night)
        .await
        .unwrap();
    assert_eq!(
        *sent.0.lock().unwrap(),
        vec!["answer".to_owned()],
        "the answer goes at once"
    );
    let (status, at, attempts): (String, i64, i64) = sqlx::query_as(
        "SELECT status, next_attempt_at, attempts FROM sms_messages WHERE idempotency_key = 'follow-up'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), at, attempts),
        ("scheduled", morning, 0),
        "waits, not dropped"
    );
    run_once(&db, sent.as_ref(), &config, "w", morning - 1)
        .await
        .unwrap();
    assert_eq!(sent.0.lock().unwrap().len(), 1, "not before 08:00");
    run_once(&db, sent.as_ref(), &config, "w", morning)
        .await
        .unwrap();
    assert_eq!(sent.0.lock().unwrap().len(), 2, "at 08:00");
    db.pool.close().await;
}

for_each_backend!(
    follow_ups_are_planned_once_and_answered,
    quiet_hours_hold_scheduled_texts_until_morning
);
