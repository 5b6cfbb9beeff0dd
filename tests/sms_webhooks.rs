//! Twilio's webhooks over HTTP, on SQLite and on PostgreSQL: only signed requests are taken;
//! STOP silences a number at once (with one confirmation, in the resident's language) until
//! START; a webhook sent twice counts once; other replies reach the case's timeline and flag it;
//! status callbacks move a text forward only.

mod common;

use common::sms::{field, post_signed, received, with_fake_twilio, Received};
use common::{Backend, TestApp};

const RESIDENT: &str = "+13035550123";

/// A resident (Spanish, agreed to texts) with a request, and their confirmation sent.
async fn resident_with_request(app: &TestApp, got: &Received) -> (i64, String) {
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    let (id, code) = common::stored_case(app, &resp).await;
    assert_eq!(received(got, 1).await.len(), 1, "the confirmation");
    let recorded = common::eventually(
        async || {
            count(
                app,
                "SELECT COUNT(*) FROM sms_messages WHERE kind = 'confirmation' AND status = 'queued'",
            )
            .await
        },
        |recorded| *recorded >= 1,
    )
    .await;
    assert_eq!(recorded, 1, "the confirmation is recorded as handed over");
    (id, code)
}

fn reply<'a>(sid: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("MessageSid", sid),
        ("From", RESIDENT),
        ("To", common::sms::FROM),
        ("Body", body),
        ("AccountSid", "AC00000000000000000000000000000001"),
    ]
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.one(sql, ()).await
}

async fn only_signed_webhooks_are_taken(backend: Backend) {
    let Some((app, got)) = with_fake_twilio(backend).await else {
        return;
    };
    resident_with_request(&app, &got).await;
    let before = app.count("sms_messages").await;
    for signature in [Some(""), Some("bm90IGEgc2lnbmF0dXJl"), Some("garbage!")] {
        let resp = post_signed(&app, "/sms/inbound", &reply("SM1", "STOP"), signature).await;
        assert_eq!(resp.status(), 403, "{signature:?}");
        let resp = post_signed(
            &app,
            "/sms/status?id=1",
            &[("MessageSid", "SM1"), ("MessageStatus", "delivered")],
            signature,
        )
        .await;
        assert_eq!(resp.status(), 403, "{signature:?}");
    }
    // Signed for other parameters than those posted: refused too.
    let signed_for_other = navdesk::sms::signature::sign(
        common::sms::AUTH_TOKEN,
        &app.url("/sms/inbound"),
        &reply("SM1", "hello"),
    );
    let resp = post_signed(
        &app,
        "/sms/inbound",
        &reply("SM1", "STOP"),
        Some(&signed_for_other),
    )
    .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("sms_messages").await, before, "nothing stored");
    assert_eq!(app.count("sms_opt_outs").await, 0);
    let status: String = app
        .one("SELECT status FROM sms_messages WHERE id = 1", ())
        .await;
    assert_ne!(status, "delivered");
    app.stop().await;
}

async fn stop_silences_until_start(backend: Backend) {
    let Some((app, got)) = with_fake_twilio(backend).await else {
        return;
    };
    let (case_id, _) = resident_with_request(&app, &got).await;

    let resp = post_signed(
        &app,
        "/sms/inbound",
        &reply("SMin1", "Stop. Thank you"),
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sms_opt_outs").await, 1);
    let texts = received(&got, 2).await;
    assert_eq!(texts.len(), 2, "one confirmation of the opt-out");
    let body = field(&texts[1], "Body").unwrap();
    assert!(
        body.contains("INICIO") || body.contains("START"),
        "how to come back, in Spanish: {body}"
    );
    assert_eq!(field(&texts[1], "To"), Some(RESIDENT));

    // The provider sends the same webhook again: nothing more happens.
    let resp = post_signed(
        &app,
        "/sms/inbound",
        &reply("SMin1", "Stop. Thank you"),
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM sms_messages WHERE direction = 'in'"
        )
        .await,
        1
    );

    // A text for them now is cancelled, not sent; a new web request does not undo the STOP.
    navdesk::sms::outbox::enqueue(
        &app.db,
        &navdesk::sms::outbox::NewText {
            case_id: Some(case_id),
            resident_id: None,
            to: RESIDENT.into(),
            body: "Hola".into(),
            kind: navdesk::sms::outbox::Kind::Staff,
            immediate: true,
            not_before: navdesk::db::now(),
            idempotency_key: "staff-1".into(),
            created_by: None,
        },
        navdesk::db::now(),
    )
    .await
    .unwrap();
    let again = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(again.status(), 303);
    let page = app
        .get(&format!("{}?lang=es", common::location(&again)))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("responda START a cualquier mensaje nuestro"),
        "the page says how to get texts again: {page}"
    );
    assert!(!page.contains("Le enviaremos un mensaje de texto con su código"));
    let cancelled = common::eventually(
        async || {
            count(
                &app,
                "SELECT COUNT(*) FROM sms_messages WHERE status = 'cancelled'",
            )
            .await
        },
        |cancelled| *cancelled == 2,
    )
    .await;
    assert_eq!(cancelled, 2, "the staff text and the new confirmation");
    assert_eq!(got.lock().unwrap().len(), 2, "nothing more went out");

    // START: texts again, with one confirmation.
    let resp = post_signed(&app, "/sms/inbound", &reply("SMin2", "start"), None).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sms_opt_outs").await, 0);
    let texts = received(&got, 3).await;
    assert_eq!(texts.len(), 3);
    app.stop().await;
}

async fn other_replies_reach_the_navigator(backend: Backend) {
    let Some((app, got)) = with_fake_twilio(backend).await else {
        return;
    };
    let (case_id, _) = resident_with_request(&app, &got).await;
    let resp = post_signed(
        &app,
        "/sms/inbound",
        &reply(
            "SMin3",
            "Mi computadora no prende, ¿pueden llamarme mañana?",
        ),
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.unwrap().contains("<Response>"));
    let (body, flagged): (String, Option<i64>) = app
        .row(
            "SELECT e.body, c.last_reply_at FROM case_events e JOIN cases c ON c.id = e.case_id \
         WHERE e.case_id = $1 AND e.kind = 'sms_in'",
            (case_id,),
        )
        .await;
    assert!(body.contains("computadora"));
    assert!(flagged.is_some(), "the case is flagged for its navigator");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sms_opt_outs").await, 0);
    app.stop().await;
}

async fn status_callbacks_move_a_text_forward(backend: Backend) {
    let Some((app, got)) = with_fake_twilio(backend).await else {
        return;
    };
    resident_with_request(&app, &got).await;
    let (id, sid): (i64, String) = app
        .row(
            "SELECT id, provider_sid FROM sms_messages WHERE kind = \
             'confirmation' AND provider_sid IS NOT NULL",
            (),
        )
        .await;
    let path = format!("/sms/status?id={id}");
    for (word, expect) in [
        ("sent", "sent"),
        ("delivered", "delivered"),
        ("sent", "delivered"),
        ("failed", "delivered"),
    ] {
        let resp = post_signed(
            &app,
            &path,
            &[("MessageSid", sid.as_str()), ("MessageStatus", word)],
            None,
        )
        .await;
        assert_eq!(resp.status(), 204, "{word}");
        let status: String = app
            .one("SELECT status FROM sms_messages WHERE id = $1", (id,))
            .await;
        assert_eq!(status, expect, "after {word}");
    }
    app.stop().await;
}

for_each_backend!(
    only_signed_webhooks_are_taken,
    stop_silences_until_start,
    other_replies_reach_the_navigator,
    status_callbacks_move_a_text_forward
);
