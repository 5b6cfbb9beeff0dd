//! Asking for help by text, end to end over HTTP on SQLite and PostgreSQL, with a simulated
//! phone: signed webhooks go in as Twilio would send them, each answer is read from the
//! outbox (queued in the same transaction as the text it answers), and the fake provider on
//! 127.0.0.1 receives every one.

mod common;

use common::sms::{field, post_signed, received, Received, FROM};
use common::{Backend, TestApp};
use navdesk::i18n::{language_menu, I18n, Lang};

/// One resident's phone, texting the app.
struct Phone<'a> {
    app: &'a TestApp,
    number: String,
    sent: u32,
}

impl<'a> Phone<'a> {
    fn new(app: &'a TestApp, number: &str) -> Self {
        Self {
            app,
            number: number.to_owned(),
            sent: 0,
        }
    }

    fn next_sid(&mut self) -> String {
        self.sent += 1;
        format!("SM{}x{:04}", &self.number[1..], self.sent)
    }

    /// Texts `body` and returns the answer queued for it.
    async fn text(&mut self, body: &str) -> String {
        self.send(&[("Body", body)])
            .await
            .unwrap_or_else(|| panic!("no answer to {body:?}"))
    }

    /// Posts a text with these fields (besides the sender's), and returns its answer, if any.
    async fn send(&mut self, fields: &[(&str, &str)]) -> Option<String> {
        let sid = self.next_sid();
        let resp = self.post(&sid, fields).await;
        assert_eq!(resp.status(), 200, "{fields:?}");
        answer_to(self.app, &sid).await
    }

    async fn post(&self, sid: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut params = vec![
            ("MessageSid", sid),
            ("From", self.number.as_str()),
            ("To", FROM),
            ("AccountSid", "AC00000000000000000000000000000001"),
        ];
        params.extend_from_slice(fields);
        post_signed(self.app, "/sms/inbound", &params, None).await
    }

    async fn step(&self) -> Option<String> {
        let steps: Vec<String> = self
            .app
            .all(
                "SELECT step FROM conversations WHERE phone = $1",
                (self.number.clone(),),
            )
            .await;
        steps.into_iter().next()
    }
}

async fn answer_to(app: &TestApp, sid: &str) -> Option<String> {
    let bodies: Vec<String> = app
        .all(
            "SELECT body FROM sms_messages WHERE idempotency_key = $1",
            (format!("in-{sid}-reply"),),
        )
        .await;
    bodies.into_iter().next()
}

fn i18n() -> I18n {
    I18n::load().unwrap()
}

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap()
}

/// A message of the text line as the resident reads it (for messages without values).
fn says(i18n: &I18n, code: &str, id: &str) -> String {
    i18n.format_sms(lang(code), id, &[("menu", language_menu().into())])
}

fn configure(base: String) -> impl FnOnce(&mut navdesk::config::Config) {
    move |c| {
        common::sms::send_through(c, base);
        c.sms.segments_per_second = TEST_SEND_RATE;
    }
}

/// A short code or a toll-free number sends far faster than the default long-code rate; the
/// tests' phone line does, so that waiting for the provider does not pace them.
const TEST_SEND_RATE: f64 = 1000.0;

async fn with_phone_line(backend: Backend) -> Option<(TestApp, Received)> {
    common::sms::with_fake_twilio_and(backend, |c| c.sms.segments_per_second = TEST_SEND_RATE).await
}

/// In each of the six languages, from the menu: a request filed like the form's, its code
/// texted back, the conversation on the case's timeline, and every answer sent.
async fn a_request_by_text_in_every_language(backend: Backend) {
    let Some((app, got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    // (language, its menu number, yes, the needs as typed)
    let people = [
        ("en", "1", "yes", "1 3"),
        ("es", "2", "Sí", "1 3"),
        ("ar", "٣", "نعم", "١ ٣"),
        ("am", "4", "አዎ", "1, 3"),
        ("ln", "5", "Iyo", "13"),
        ("vi", "6", "Có", "1 3"),
    ];
    for (i, (code, choice, yes, needs)) in people.iter().enumerate() {
        let number = format!("+1303555020{i}");
        let mut phone = Phone::new(&app, &number);
        let menu = phone.text("ok").await;
        assert_eq!(menu, says(&i18n, "en", "sms-intake-menu"));
        assert!(
            menu.contains("STOP") && menu.contains("6 Tiếng Việt"),
            "{menu}"
        );
        assert_eq!(
            phone.text(choice).await,
            says(&i18n, code, "sms-intake-hello")
        );
        assert_eq!(
            phone.text("Ana Pérez").await,
            says(&i18n, code, "sms-intake-needs")
        );
        assert_eq!(
            phone.text(needs).await,
            says(&i18n, code, "sms-intake-place")
        );
        assert_eq!(
            phone.text("80205").await,
            says(&i18n, code, "sms-intake-consent")
        );
        let done = phone.text(yes).await;
        assert_eq!(phone.step().await, None, "{code}: the conversation ended");

        let (
            case_id,
            ref_code,
            channel,
            language,
            case_needs,
            resident_phone,
            name,
            zip,
            method,
            consent,
        ): (
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            Option<i64>,
        ) = app
            .row(
                "SELECT c.id, c.ref_code, c.channel, c.language, c.needs, r.phone, r.name, r.zip, \
                   r.contact_method, r.sms_consent_at \
                 FROM cases c JOIN residents r ON r.id = c.resident_id WHERE r.phone = $1",
                (number.clone(),),
            )
            .await;
        assert!(done.contains(&ref_code), "{code}: {done}");
        // The code, what happens next and how to check, in the resident's language.
        let config = navdesk::config::Config::for_database(String::new());
        let expected = i18n.format_sms(
            lang(code),
            "sms-intake-done",
            &[
                ("code", ref_code.clone().into()),
                ("url", app.url("/status").into()),
                ("phone", config.help_phone.into()),
            ],
        );
        assert_eq!(done, expected, "{code}");
        assert_eq!(channel, "sms");
        assert_eq!(language, *code);
        assert_eq!(case_needs, "internet,tech_support", "{code}");
        assert_eq!(resident_phone, number);
        assert_eq!(name, "Ana Pérez");
        assert_eq!(zip, "80205");
        assert_eq!(method, "sms");
        assert!(consent.is_some(), "{code}: yes is consent to follow-ups");
        let source: String = app
            .one(
                "SELECT sms_consent_source FROM residents WHERE phone = $1",
                (number.clone(),),
            )
            .await;
        assert_eq!(source, "sms_conversation", "{code}");
        // The whole conversation is on the timeline: six texts in, and the answers sent.
        let texts_in: i64 = app
            .one(
                "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'sms_in'",
                (case_id,),
            )
            .await;
        assert_eq!(texts_in, 6, "{code}");
        let linked: i64 = app
            .one(
                "SELECT COUNT(*) FROM sms_messages WHERE case_id = $1",
                (case_id,),
            )
            .await;
        assert_eq!(linked, 12, "{code}: six texts in, six answers out");
    }
    // The provider got every answer, each to the number that texted.
    let texts = received(&got, 36).await;
    assert_eq!(texts.len(), 36);
    for i in 0..6 {
        let to = format!("+1303555020{i}");
        let n = texts
            .iter()
            .filter(|t| field(t, "To") == Some(to.as_str()))
            .count();
        assert_eq!(n, 6, "{to}");
    }
    // Each case goes on to placement, as a request from the form does.
    let placed = common::eventually(
        async || {
            app.count("cases WHERE channel = 'sms' AND placed_at IS NOT NULL")
                .await
        },
        |n| *n == 6,
    )
    .await;
    assert_eq!(placed, 6);
    app.stop().await;
}

/// A first text in one of our languages skips the menu; BACK from the name shows it, in that
/// language.
async fn the_first_text_can_choose_the_language(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    let mut phone = Phone::new(&app, "+13035550210");
    assert_eq!(
        phone.text("Hola, necesito ayuda con internet").await,
        says(&i18n, "es", "sms-intake-hello")
    );
    assert_eq!(
        phone.text("atrás").await,
        says(&i18n, "es", "sms-intake-menu")
    );
    let mut phone = Phone::new(&app, "+13035550211");
    assert_eq!(
        phone.text("مرحبا، أحتاج مساعدة").await,
        says(&i18n, "ar", "sms-intake-hello")
    );
    app.stop().await;
}

/// Wrong answers get their question again with a plain reason; BACK and RESTART move about;
/// NO to texts still files the request, as a call-back with no consent to follow-ups.
async fn wrong_answers_back_and_restart(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    navdesk::areas::zips::store_zip_centroids(
        &app.db,
        &[
            navdesk::areas::zips::ZipCentroid {
                zip: "80205".into(),
                lat: 39.76,
                lon: -104.97,
            },
            navdesk::areas::zips::ZipCentroid {
                zip: "10001".into(),
                lat: 40.75,
                lon: -73.99,
            },
        ],
    )
    .await
    .unwrap();
    let i18n = i18n();
    let en = |id| says(&i18n, "en", id);
    let mut phone = Phone::new(&app, "+13035550220");
    assert_eq!(phone.text("ok").await, en("sms-intake-menu"));
    assert_eq!(phone.text("9").await, en("sms-intake-menu-again"));
    assert_eq!(phone.text("").await, en("sms-intake-menu-again"));
    assert_eq!(phone.text("English").await, en("sms-intake-hello"));
    for not_a_name in ["12345", "😀😀😀", "", "\u{202E}\u{202D}", "\u{7}\u{1b}"] {
        assert_eq!(
            phone.text(not_a_name).await,
            en("sms-intake-name-again"),
            "{not_a_name:?}"
        );
    }
    // A photo with no words.
    let media = phone
        .send(&[
            ("NumMedia", "1"),
            ("MediaUrl0", "https://example.test/m.jpg"),
        ])
        .await;
    assert_eq!(media.as_deref(), Some(en("sms-intake-name-again").as_str()));
    assert_eq!(
        phone.text(&"a".repeat(1600)).await,
        en("sms-intake-name-long")
    );
    // Direction overrides and control characters do not reach a navigator's screen.
    assert_eq!(
        phone.text("\u{202E}Ana\u{202C} \u{0}Lee").await,
        en("sms-intake-needs")
    );
    assert_eq!(phone.text("BACK").await, en("sms-intake-hello"));
    assert_eq!(phone.text("Ana Lee").await, en("sms-intake-needs"));
    assert_eq!(phone.text("7").await, en("sms-intake-needs-again"));
    assert_eq!(phone.text("2").await, en("sms-intake-place"));
    assert_eq!(phone.text("10001").await, en("sms-intake-place-outside"));
    assert_eq!(phone.text("the moon").await, en("sms-intake-place-unknown"));
    assert_eq!(phone.text("80205").await, en("sms-intake-consent"));
    assert_eq!(phone.text("maybe").await, en("sms-intake-consent-again"));
    // HELP answers the help text and leaves the question where it was.
    let help = phone.text("HELP").await;
    assert!(help.contains("Denver Digital Navigators"), "{help}");
    assert_eq!(phone.step().await.as_deref(), Some("consent"));
    assert_eq!(phone.text("restart").await, en("sms-intake-menu"));
    assert_eq!(phone.step().await.as_deref(), Some("language"));
    phone.text("1").await;
    phone.text("Bob").await;
    phone.text("1").await;
    phone.text("80205").await;
    let done = phone.text("no").await;
    let (ref_code, name, method, consent, needs): (String, String, String, Option<i64>, String) =
        app.row(
            "SELECT c.ref_code, r.name, r.contact_method, r.sms_consent_at, c.needs \
             FROM cases c JOIN residents r ON r.id = c.resident_id WHERE r.phone = $1",
            ("+13035550220",),
        )
        .await;
    assert!(done.contains(&ref_code), "{done}");
    assert_eq!(name, "Bob");
    assert_eq!(needs, "internet");
    assert_eq!(method, "call", "no texts: a navigator calls");
    assert_eq!(consent, None, "texting us is no consent to follow-ups");
    // Every answer to the resident's own texts goes at once, quiet hours or not.
    let held: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE to_number = $1 AND immediate = 0",
            ("+13035550220",),
        )
        .await;
    assert_eq!(held, 0);
    app.stop().await;
}

/// STOP at any step ends the conversation, deletes what it collected and opts the number out;
/// nothing more is sent to it.
async fn stop_ends_a_conversation_and_forgets_it(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    let number = "+13035550230";
    let mut phone = Phone::new(&app, number);
    phone.text("ok").await;
    phone.text("2").await;
    phone.text("Ana Secreta").await;
    let stopped = phone.text("ALTO").await;
    assert_eq!(
        stopped,
        i18n.format_sms(
            lang("es"),
            "sms-opted-out",
            &[(
                "phone",
                navdesk::config::Config::for_database(String::new())
                    .help_phone
                    .into()
            )]
        )
    );
    assert_eq!(phone.step().await, None);
    let kept: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE body LIKE '%Secreta%'",
            (),
        )
        .await;
    assert_eq!(kept, 0, "the name it collected is deleted");
    let opted_out = app
        .count(&format!("sms_opt_outs WHERE phone = '{number}'"))
        .await;
    assert_eq!(opted_out, 1);
    assert_eq!(phone.send(&[("Body", "hola")]).await, None);
    assert_eq!(
        phone.step().await,
        None,
        "no conversation with a number that said STOP"
    );
    // A Vietnamese name that is also an opt-out word is a name when a name is asked for.
    let mut huy = Phone::new(&app, "+13035550231");
    huy.text("Xin chào, tôi cần giúp đỡ").await;
    assert_eq!(huy.text("Huy").await, says(&i18n, "vi", "sms-intake-needs"));
    app.stop().await;
}

/// A webhook the provider sends again is handled once, even at the same moment; two texts
/// from one number arriving together are handled one after the other.
async fn retried_and_simultaneous_texts(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    let mut phone = Phone::new(&app, "+13035550240");
    phone.text("hello").await;
    let sid = phone.next_sid();
    let fields = [("Body", "Ana")];
    let (a, b) = tokio::join!(phone.post(&sid, &fields), phone.post(&sid, &fields));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    let stored: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE provider_sid = $1",
            (sid.clone(),),
        )
        .await;
    assert_eq!(stored, 1);
    assert_eq!(
        answer_to(&app, &sid).await.as_deref(),
        Some(says(&i18n, "en", "sms-intake-needs").as_str())
    );
    assert_eq!(phone.step().await.as_deref(), Some("needs"));

    // Two answers at once: whichever comes first answers the needs question, the other the
    // place question. Read in parallel, both would have answered the needs question.
    let (one, two) = (phone.next_sid(), phone.next_sid());
    let (a, b) = tokio::join!(
        phone.post(&one, &[("Body", "1")]),
        phone.post(&two, &[("Body", "2")])
    );
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    let mut answers = vec![
        answer_to(&app, &one).await.unwrap(),
        answer_to(&app, &two).await.unwrap(),
    ];
    answers.sort();
    let mut expected = vec![
        says(&i18n, "en", "sms-intake-place"),
        says(&i18n, "en", "sms-intake-place-unknown"),
    ];
    expected.sort();
    assert_eq!(answers, expected);
    assert_eq!(phone.step().await.as_deref(), Some("place"));
    app.stop().await;
}

/// Many residents texting at the same moment (stored many to a commit on SQLite): each text is
/// answered, and each number's texts in the order they were sent.
async fn many_texts_at_once(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    let app = std::sync::Arc::new(app);
    let mut texting = tokio::task::JoinSet::new();
    for i in 0..40 {
        let app = app.clone();
        texting.spawn(async move {
            let mut phone = Phone::new(&app, &format!("+1720555{:04}", 3000 + i));
            let menu = phone.text("ok").await;
            let hello = phone.text("1").await;
            (menu, hello)
        });
    }
    for (menu, hello) in texting.join_all().await {
        assert_eq!(menu, says(&i18n, "en", "sms-intake-menu"));
        assert_eq!(hello, says(&i18n, "en", "sms-intake-hello"));
    }
    let Ok(app) = std::sync::Arc::try_unwrap(app) else {
        panic!("a task still holds the app")
    };
    assert_eq!(app.count("conversations WHERE step = 'name'").await, 40);
    app.stop().await;
}

/// A restart, and two instances on one database, carry the same conversation on.
async fn a_restart_and_two_instances_continue_it(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let (base, got) = common::sms::fake_twilio().await;
    let first = common::spawn_on(&url, configure(base.clone())).await;
    let number = "+13035550250";
    let mut phone = Phone::new(&first, number);
    phone.text("ok").await;
    phone.text("2").await;
    let sent = phone.sent;
    // A text being handed to the provider when its instance stops waits out its claim (the
    // outbox's crash rule); let those two go first, so the count below is about this test.
    assert_eq!(common::sms::outbox_drained(&first).await, 0);
    first.stop().await;

    let one = common::spawn_on(&url, configure(base.clone())).await;
    let two = common::spawn_on(&url, configure(base)).await;
    let mut on_one = Phone::new(&one, number);
    let mut on_two = Phone::new(&two, number);
    on_one.sent = sent;
    on_two.sent = sent + 100;
    let i18n = i18n();
    assert_eq!(
        on_one.text("Ana").await,
        says(&i18n, "es", "sms-intake-needs")
    );
    assert_eq!(
        on_two.text("1").await,
        says(&i18n, "es", "sms-intake-place")
    );
    assert_eq!(
        on_one.text("80205").await,
        says(&i18n, "es", "sms-intake-consent")
    );
    let done = on_two.text("si").await;
    let code: String = one
        .one(
            "SELECT c.ref_code FROM cases c JOIN residents r ON r.id = c.resident_id \
             WHERE r.phone = $1",
            (number,),
        )
        .await;
    assert!(done.contains(&code), "{done}");
    assert_eq!(one.count("cases").await, 1);
    let texts = received(&got, 6).await;
    assert_eq!(texts.len(), 6, "each answer sent once");
    one.stop().await;
    two.stop().await;
}

/// A conversation idle for a day ends with one text saying how to start again (held for quiet
/// hours, as texts navdesk starts are), and what it collected is deleted.
async fn idle_conversations_expire(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    let number = "+13035550260";
    let mut phone = Phone::new(&app, number);
    phone.text("hello").await;
    phone.text("Ana Secreta").await;
    let now = navdesk::db::now();
    let idle = navdesk::textline::store::IDLE_SECS;
    let expire = |at| navdesk::textline::store::expire_idle(&app.db, &i18n, at);
    assert_eq!(
        expire(now + idle - 60).await.unwrap(),
        0,
        "not idle long enough"
    );
    assert_eq!(phone.step().await.as_deref(), Some("needs"));
    assert_eq!(expire(now + idle + 1).await.unwrap(), 1);
    assert_eq!(phone.step().await, None);
    assert_eq!(expire(now + idle + 120).await.unwrap(), 0, "ended once");
    let (body, immediate): (String, i64) = app
        .row(
            "SELECT body, immediate FROM sms_messages \
             WHERE to_number = $1 AND idempotency_key LIKE 'conversation-%-expired'",
            (number,),
        )
        .await;
    assert_eq!(body, says(&i18n, "en", "sms-intake-expired"));
    assert_eq!(immediate, 0, "held back by quiet hours");
    let kept: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE body LIKE '%Secreta%'",
            (),
        )
        .await;
    assert_eq!(kept, 0);
    // NEW starts again from the menu's first question in the resident's words.
    assert_eq!(
        phone.text("NEW").await,
        says(&i18n, "en", "sms-intake-hello")
    );
    app.stop().await;
}

/// Forged or unsigned webhooks are refused and store nothing; a text without a sender is
/// refused cleanly.
async fn forged_and_malformed_webhooks(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let before = app.count("sms_messages").await;
    let params = [
        ("MessageSid", "SMforged1"),
        ("From", "+13035550270"),
        ("Body", "hello"),
    ];
    for signature in [Some(""), Some("bm90IGEgc2lnbmF0dXJl")] {
        let resp = post_signed(&app, "/sms/inbound", &params, signature).await;
        assert_eq!(resp.status(), 403, "{signature:?}");
    }
    let resp = post_signed(
        &app,
        "/sms/inbound",
        &[("MessageSid", "SMnofrom"), ("Body", "hello")],
        None,
    )
    .await;
    assert_eq!(resp.status(), 400);
    assert_eq!(app.count("sms_messages").await, before);
    assert_eq!(app.count("conversations").await, 0);
    app.stop().await;
}

/// A resident with an open case: a text is a reply for its navigator; NUEVO asks for more help.
async fn new_starts_another_request(backend: Backend) {
    let Some((app, _got)) = with_phone_line(backend).await else {
        return;
    };
    let i18n = i18n();
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    let (case_id, _) = common::stored_case(&app, &resp).await;
    let number: String = app
        .one(
            "SELECT r.phone FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = $1",
            (case_id,),
        )
        .await;
    let mut phone = Phone::new(&app, &number);
    assert_eq!(phone.send(&[("Body", "¿Cuándo me llaman?")]).await, None);
    assert_eq!(phone.step().await, None, "a reply, not a new request");
    let replies: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'sms_in'",
            (case_id,),
        )
        .await;
    assert_eq!(replies, 1);
    assert_eq!(
        phone.text("NUEVO").await,
        says(&i18n, "es", "sms-intake-hello")
    );
    phone.text("Ana").await;
    phone.text("2").await;
    phone.text("80205").await;
    phone.text("si").await;
    let cases: i64 = app
        .one(
            "SELECT COUNT(*) FROM cases c JOIN residents r ON r.id = c.resident_id \
             WHERE r.phone = $1",
            (number.clone(),),
        )
        .await;
    assert_eq!(cases, 2);
    app.stop().await;
}

for_each_backend!(
    the_first_text_can_choose_the_language,
    stop_ends_a_conversation_and_forgets_it,
    retried_and_simultaneous_texts,
    idle_conversations_expire,
    forged_and_malformed_webhooks,
    new_starts_another_request,
    many_texts_at_once,
    a_request_by_text_in_every_language,
    wrong_answers_back_and_restart,
    a_restart_and_two_instances_continue_it
);
