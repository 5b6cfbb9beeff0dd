//! A navigator texts the resident from the case page, on SQLite and on PostgreSQL: a ready-made
//! text in the resident's language with one press, or free text; pressing twice sends once;
//! an empty text is refused and sends nothing; a number that said STOP gets nothing and the
//! page says so; a navigator who may not work the case cannot text from it.

mod common;

use common::sms::{field, post_signed, received, with_fake_twilio_and};
use common::staff::{hidden, text, ANA, BEN};
use common::Backend;

/// Every value of the hidden field `name` on a page, in page order.
fn all_hidden(body: &str, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\" value=\"");
    body.match_indices(&marker)
        .map(|(at, _)| {
            body[at + marker.len()..]
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn a_navigator_texts_the_resident(backend: Backend) {
    let Some((app, got)) = with_fake_twilio_and(backend, |c| {
        c.sms.sending_window = navdesk::config::SendingWindow::Off;
        c.help_phone = "720-865-3000".into();
    })
    .await
    else {
        return;
    };
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    let code = common::ref_code(&resp);
    assert_eq!(received(&got, 1).await.len(), 1, "the confirmation");
    let ana = app.with_user(ANA).await;
    let case_id: i64 = app
        .one("SELECT id FROM cases WHERE ref_code = $1", (&code,))
        .await;
    app.exec(
        "UPDATE cases SET navigator_id = $1, status = 'in_progress' WHERE id = $2",
        (ana.navigator_id.unwrap(), case_id),
    )
    .await;
    let path = format!("/cases/{case_id}");
    let post_path = format!("{path}/texts");

    // The case page lists the confirmation and offers ready-made texts in Spanish.
    let (status, page) = ana.page(&path).await;
    assert_eq!(status, 200);
    let page = text(&page);
    assert!(page.contains("id=\"texts\""), "a texts section");
    assert!(
        page.contains("Denver: recibimos su solicitud"),
        "the confirmation is listed"
    );
    assert!(
        page.contains("intentamos llamarle por su solicitud"),
        "{page}"
    );
    assert!(page.contains("720-865-3000"));
    assert!(page.contains("1 segment") || page.contains("2 segments"));

    // One press sends the first ready-made text.
    let token = hidden(&page, "csrf_token");
    let templates = all_hidden(&page, "template");
    let keys = all_hidden(&page, "text_key");
    assert_eq!(templates[0], "sms-template-call-back");
    let resp = ana
        .post(
            &post_path,
            &[
                ("csrf_token", token.as_str()),
                ("template", templates[0].as_str()),
                ("text_key", keys[0].as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let texts = received(&got, 2).await;
    assert_eq!(texts.len(), 2);
    let body = field(&texts[1], "Body").unwrap();
    assert!(
        body.contains(&code) && body.contains("720-865-3000"),
        "{body}"
    );

    // Free text; the same form pressed twice sends once.
    let free_key = keys.last().unwrap().clone();
    let fields = [
        ("csrf_token", token.as_str()),
        ("text_key", free_key.as_str()),
        ("message", "Hola Ana, ¿le queda bien el martes a las 10?"),
    ];
    assert_eq!(ana.post(&post_path, &fields).await.status(), 303);
    assert_eq!(ana.post(&post_path, &fields).await.status(), 303);
    received(&got, 3).await;
    // Nothing left to send: a second text would have been sent by now.
    let pending = common::sms::outbox_drained(&app).await;
    assert_eq!(pending, 0);
    let texts = got.lock().unwrap().clone();
    assert_eq!(texts.len(), 3, "pressed twice, sent once");
    assert_eq!(
        field(&texts[2], "Body"),
        Some("Hola Ana, ¿le queda bien el martes a las 10?")
    );
    let audited: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'send_text'",
            (),
        )
        .await;
    assert_eq!(audited, 2);

    // Nothing to send: 422 and nothing stored.
    let before = app.count("sms_messages").await;
    let resp = ana
        .post(
            &post_path,
            &[
                ("csrf_token", token.as_str()),
                ("text_key", "abc"),
                ("message", "   "),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Write the text to send."));
    assert_eq!(app.count("sms_messages").await, before);

    // Another navigator may not text from this case.
    let ben = app.with_user(BEN).await;
    let (_, ben_page) = ben.page("/cases").await;
    let ben_token = hidden(&ben_page, "csrf_token");
    let resp = ben
        .post(
            &post_path,
            &[("csrf_token", ben_token.as_str()), ("message", "hola")],
        )
        .await;
    assert_eq!(resp.status(), 404);

    // The resident says STOP: the page says so, offers nothing to send, and a post is refused.
    let resp = post_signed(
        &app,
        "/sms/inbound",
        &[
            ("MessageSid", "SMstop"),
            ("From", "+13035550123"),
            ("To", common::sms::FROM),
            ("Body", "STOP"),
        ],
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
    let (_, page) = ana.page(&path).await;
    let page = text(&page);
    assert!(page.contains("This number said STOP"), "{page}");
    assert!(!page.contains("name=\"template\""), "nothing to send");
    let resp = ana
        .post(
            &post_path,
            &[
                ("csrf_token", token.as_str()),
                ("text_key", "abcd"),
                ("message", "hola"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    app.stop().await;
}

for_each_backend!(a_navigator_texts_the_resident,);
