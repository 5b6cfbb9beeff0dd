//! The phone line over HTTP, on SQLite and on PostgreSQL, as Twilio drives it: signed webhooks
//! in, TwiML out, each answer read by a strict XML parser for what the caller hears and where
//! Twilio goes next. A caller who picks a language and a need has a callback case (channel
//! `phone`, their number, contact by call) that placement and auto-assignment take on; their
//! voice message is a link on the case page; Amharic and Lingala callers hear recorded prompts
//! (or English) and are called back with an interpreter. Retries file once; forged requests
//! and calls we do not know store nothing.

mod common;

use common::sms::{post_signed, with_fake_twilio_and};
use common::Backend;
use common::TestApp;

const RECORDING: &str =
    "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Recordings/RE0001";

/// What one TwiML answer makes Twilio do.
#[derive(Debug, Default)]
struct Answer {
    /// Each `<Say>` (voice, language, text) and `<Play>` ("play", "", URL), in order.
    heard: Vec<(String, String, String)>,
    /// `<Gather>`: its action and `numDigits`.
    gather: Option<(String, String)>,
    record: Option<String>,
    redirect: Option<String>,
    hangup: bool,
}

impl Answer {
    fn texts(&self) -> Vec<&str> {
        self.heard.iter().map(|(_, _, t)| t.as_str()).collect()
    }

    fn says(&self, needle: &str) -> bool {
        self.heard.iter().any(|(_, _, t)| t.contains(needle))
    }
}

async fn twiml(resp: reqwest::Response) -> Answer {
    assert_eq!(resp.status(), 200);
    let content_type = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/xml"), "{content_type}");
    let body = resp.text().await.unwrap();
    let doc = roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "Response", "{body}");
    let mut answer = Answer::default();
    for node in root.descendants().filter(|n| n.is_element()) {
        let attr = |name| node.attribute(name).unwrap_or_default().to_owned();
        let text = node.text().unwrap_or_default().to_owned();
        match node.tag_name().name() {
            "Say" => answer.heard.push((attr("voice"), attr("language"), text)),
            "Play" => answer.heard.push(("play".into(), String::new(), text)),
            "Gather" => answer.gather = Some((attr("action"), attr("numDigits"))),
            "Record" => answer.record = Some(attr("action")),
            "Redirect" => answer.redirect = Some(text),
            "Hangup" => answer.hangup = true,
            "Response" => {}
            other => panic!("unexpected verb {other}: {body}"),
        }
    }
    answer
}

/// A step of the call `sid` from `from`, signed, with more parameters.
async fn step(app: &TestApp, path: &str, sid: &str, from: &str, more: &[(&str, &str)]) -> Answer {
    let resp = post_signed(app, path, &call_params(sid, from, more), None).await;
    twiml(resp).await
}

fn call_params<'a>(
    sid: &'a str,
    from: &'a str,
    more: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut params = vec![
        ("CallSid", sid),
        ("From", from),
        ("To", common::sms::FROM),
        ("AccountSid", "AC00000000000000000000000000000001"),
        ("CallStatus", "in-progress"),
    ];
    params.extend_from_slice(more);
    params
}

async fn phone_line(
    backend: Backend,
    configure: impl FnOnce(&mut navdesk::config::Config),
) -> Option<TestApp> {
    Some(with_fake_twilio_and(backend, configure).await?.0)
}

/// Calls, picks a language and a need; the case filed.
async fn call_and_choose(
    app: &TestApp,
    sid: &str,
    from: &str,
    language: &str,
    need: &str,
) -> (Answer, Answer, Answer) {
    let menu = step(app, "/voice/inbound", sid, from, &[]).await;
    let needs = step(app, "/voice/language", sid, from, &[("Digits", language)]).await;
    let record = step(app, "/voice/need", sid, from, &[("Digits", need)]).await;
    (menu, needs, record)
}

/// The case a call filed: id, channel, language, needs, phone, name, contact method, consent,
/// accessibility.
type Filed = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
);

async fn filed(app: &TestApp, sid: &str) -> Filed {
    app.row(
        "SELECT c.id, c.channel, c.language, c.needs, r.phone, r.name, r.contact_method, \
                r.sms_consent_at, r.accessibility \
         FROM voice_calls v JOIN cases c ON c.id = v.case_id JOIN residents r ON r.id = c.resident_id \
         WHERE v.call_sid = $1",
        (sid,),
    )
    .await
}

async fn callers_in_four_voices_get_a_callback(backend: Backend) {
    let Some(app) = phone_line(backend, |_| {}).await else {
        return;
    };
    let table = [
        // digit, code, voice, language, "press 1" in the language, a word of the record prompt
        (
            "1",
            "en",
            "Polly.Joanna",
            "en-US",
            "press 1",
            "call you back",
        ),
        (
            "2",
            "es",
            "Polly.Lupe",
            "es-US",
            "oprima 1",
            "devolverá la llamada",
        ),
        ("3", "ar", "Polly.Zeina", "arb", "اضغط 1", "سيتصل بك"),
        (
            "6",
            "vi",
            "Google.vi-VN-Standard-A",
            "vi-VN",
            "bấm số 1",
            "gọi lại",
        ),
    ];
    for (i, (digit, code, voice, language, press_1, call_back)) in table.into_iter().enumerate() {
        let sid = format!("CA{i:032}");
        let from = format!("+1303555010{i}");
        let (menu, needs, record) = call_and_choose(&app, &sid, &from, digit, "2").await;

        // Six lines, in the order of LOCALES, each in its own language and voice.
        assert_eq!(menu.gather, Some(("/voice/language".into(), "1".into())));
        assert_eq!(
            menu.redirect.as_deref(),
            Some("/voice/language"),
            "no key: asked again"
        );
        let lines = menu.texts();
        assert_eq!(lines.len(), 6, "{menu:?}");
        assert_eq!(lines[0], "For English, press 1.");
        assert_eq!(lines[1], "Para español, oprima 2.");
        assert_eq!(lines[2], "للعربية، اضغط 3.");
        assert_eq!(
            lines[3], "For Amharic, press 4.",
            "no voice, no recording: English"
        );
        assert_eq!(lines[4], "For Lingala, press 5.");
        assert_eq!(lines[5], "Tiếng Việt, bấm số 6.");
        let voices: Vec<_> = menu
            .heard
            .iter()
            .map(|(v, l, _)| (v.as_str(), l.as_str()))
            .collect();
        assert_eq!(voices[2], ("Polly.Zeina", "arb"));
        assert_eq!(voices[3], ("Polly.Joanna", "en-US"));
        assert_eq!(voices[5], ("Google.vi-VN-Standard-A", "vi-VN"));

        // The needs menu in the chosen language.
        assert_eq!(
            needs.gather,
            Some(("/voice/need".into(), "1".into())),
            "{code}"
        );
        assert_eq!(needs.redirect.as_deref(), Some("/voice/need"));
        assert_eq!(needs.heard.len(), 1);
        let (v, l, text) = &needs.heard[0];
        assert_eq!((v.as_str(), l.as_str()), (voice, language), "{code}");
        assert!(text.contains(press_1), "{code}: {text}");

        // What happens next, and the recording.
        assert_eq!(record.record.as_deref(), Some("/voice/recorded"), "{code}");
        assert!(record.says(call_back), "{code}: {record:?}");
        assert!(record.hangup, "a caller who records nothing hears goodbye");
        assert_eq!(record.heard[0].1, language);

        let (_, channel, lang, needs, phone, name, method, consent, access) =
            filed(&app, &sid).await;
        assert_eq!(
            (
                channel.as_str(),
                lang.as_str(),
                needs.as_str(),
                phone.as_str(),
                method.as_str()
            ),
            ("phone", code, "device", from.as_str(), "call")
        );
        assert_eq!(name, from, "the number is the name a navigator sees");
        assert_eq!(consent, None, "a call is no consent to texts");
        assert_eq!(access, "", "{code}: Twilio speaks it, no interpreter");
    }
    // Each case goes on to placement, as a form's does.
    common::eventually(
        async || app.count("cases WHERE placed_at IS NULL").await,
        |n| *n == 0,
    )
    .await;
    app.stop().await;
}

async fn the_voice_message_is_a_link_on_the_case_page(backend: Backend) {
    let Some(app) = phone_line(backend, |c| {
        c.auto_assign = navdesk::config::AutoAssign::Best
    })
    .await
    else {
        return;
    };
    let ana = app.with_user(common::staff::ANA).await;
    let (sid, from) = ("CA00000000000000000000000000000abc", "+13035550177");
    call_and_choose(&app, sid, from, "2", "1").await;
    let done = step(
        &app,
        "/voice/recorded",
        sid,
        from,
        &[
            ("RecordingUrl", RECORDING),
            ("RecordingDuration", "14"),
            ("RecordingSid", "RE0001"),
        ],
    )
    .await;
    assert!(done.hangup && done.record.is_none() && done.gather.is_none());
    assert!(done.says("Gracias por llamar"), "{done:?}");
    let (case_id, ..) = filed(&app, sid).await;

    // A Spanish caller goes to the navigator who speaks Spanish, as a form would.
    let assigned = common::eventually(
        async || {
            app.one::<Option<i64>>("SELECT navigator_id FROM cases WHERE id = $1", (case_id,))
                .await
        },
        Option::is_some,
    )
    .await;
    assert_eq!(assigned, ana.navigator_id);

    let body = ana
        .get(&format!("/cases/{case_id}"))
        .await
        .text()
        .await
        .unwrap();
    let link = format!("<a href=\"{RECORDING}\" rel=\"noreferrer\">");
    assert!(body.contains(&link), "{body}");
    let text = common::staff::text(&body);
    assert!(text.contains("Listen to the voice message"), "{text}");
    assert!(
        text.contains("Voice message from the caller (14 s)"),
        "{text}"
    );
    app.stop().await;
}

async fn amharic_and_lingala_callers_hear_recordings_or_english(backend: Backend) {
    let prompts =
        std::env::temp_dir().join(format!("navdesk-voice-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(prompts.join("am")).unwrap();
    std::fs::write(prompts.join("am/language.mp3"), b"ID3 language").unwrap();
    std::fs::write(prompts.join("am/needs.mp3"), b"ID3 needs").unwrap();
    std::fs::write(prompts.join("am/secret.txt"), b"not a prompt").unwrap();
    let dir = prompts.clone();
    let Some(app) = phone_line(backend, move |c| c.voice_prompts = Some(dir)).await else {
        return;
    };
    let recording = |file: &str| app.url(&format!("/voice/prompts/am/{file}"));

    let sid = "CA000000000000000000000000000000a4";
    let (menu, needs, record) = call_and_choose(&app, sid, "+13035550144", "4", "3").await;
    assert_eq!(
        menu.heard[3],
        ("play".into(), String::new(), recording("language.mp3"))
    );
    assert_eq!(
        menu.texts()[4],
        "For Lingala, press 5.",
        "no Lingala recording"
    );
    assert_eq!(
        needs.heard,
        vec![("play".into(), String::new(), recording("needs.mp3"))]
    );
    assert_eq!(needs.gather, Some(("/voice/need".into(), "1".into())));
    // No record.mp3: the English words instead.
    assert_eq!(record.heard[0].0, "Polly.Joanna");
    assert!(record.says("call you back"));
    assert_eq!(record.record.as_deref(), Some("/voice/recorded"));
    let (_, channel, lang, needs, .., access) = filed(&app, sid).await;
    assert_eq!(
        (channel.as_str(), lang.as_str(), needs.as_str()),
        ("phone", "am", "tech_support")
    );
    assert_eq!(access, "interpreter");

    // Twilio fetches the recordings from us; nothing else of the folder is served.
    let resp = app.get("/voice/prompts/am/language.mp3").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "audio/mpeg");
    assert_eq!(resp.bytes().await.unwrap().as_ref(), b"ID3 language");
    for path in [
        "/voice/prompts/am/secret.txt",
        "/voice/prompts/am/record.mp3",
        "/voice/prompts/xx/language.mp3",
        "/voice/prompts/am/..%2Fam%2Flanguage.mp3",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }

    // Lingala: nothing recorded, so English throughout, and an interpreter on the callback.
    let sid = "CA000000000000000000000000000000a5";
    let (_, needs, record) = call_and_choose(&app, sid, "+13035550155", "5", "1").await;
    assert_eq!(needs.heard[0].0, "Polly.Joanna");
    assert!(needs.says("For help getting internet at home, press 1."));
    assert!(record.says("call you back"));
    let (_, _, lang, .., access) = filed(&app, sid).await;
    assert_eq!((lang.as_str(), access.as_str()), ("ln", "interpreter"));
    app.stop().await;
    let _ = std::fs::remove_dir_all(prompts);
}

async fn retried_webhooks_file_once(backend: Backend) {
    let Some(app) = phone_line(backend, |_| {}).await else {
        return;
    };
    let (sid, from) = ("CA0000000000000000000000000000re17", "+13035550166");
    step(&app, "/voice/inbound", sid, from, &[]).await;
    step(&app, "/voice/inbound", sid, from, &[]).await;
    step(&app, "/voice/language", sid, from, &[("Digits", "1")]).await;
    // The same step sent again, twice at once and once more after.
    let params = call_params(sid, from, &[("Digits", "1")]);
    let (a, b) = tokio::join!(
        post_signed(&app, "/voice/need", &params, None),
        post_signed(&app, "/voice/need", &params, None)
    );
    for answer in [
        twiml(a).await,
        twiml(b).await,
        step(&app, "/voice/need", sid, from, &[("Digits", "1")]).await,
    ] {
        assert_eq!(
            answer.record.as_deref(),
            Some("/voice/recorded"),
            "the caller hears the same"
        );
    }
    assert_eq!(app.count("cases").await, 1);
    assert_eq!(app.count("residents").await, 1);
    assert_eq!(app.count("voice_calls").await, 1);
    let (case_id, ..) = filed(&app, sid).await;
    let before = app.events(case_id).await;
    let message = [
        ("RecordingUrl", RECORDING),
        ("RecordingDuration", "3"),
        ("RecordingSid", "RE0001"),
    ];
    for _ in 0..2 {
        assert!(
            step(&app, "/voice/recorded", sid, from, &message)
                .await
                .hangup
        );
    }
    assert_eq!(
        app.events(case_id).await,
        before + 1,
        "one voice message on the timeline"
    );
    app.stop().await;
}

async fn forged_requests_store_nothing(backend: Backend) {
    let Some(app) = phone_line(backend, |_| {}).await else {
        return;
    };
    let (sid, from) = ("CA0000000000000000000000000000f0f0", "+13035550188");
    for path in [
        "/voice/inbound",
        "/voice/language",
        "/voice/need",
        "/voice/recorded",
    ] {
        let params = call_params(sid, from, &[("Digits", "1"), ("RecordingUrl", RECORDING)]);
        for signature in [Some(""), Some("bm90IGEgc2lnbmF0dXJl"), Some("garbage!")] {
            let resp = post_signed(&app, path, &params, signature).await;
            assert_eq!(resp.status(), 403, "{path} {signature:?}");
        }
    }
    // Signed for other parameters than those sent.
    let signed = navdesk::sms::signature::sign(
        common::sms::AUTH_TOKEN,
        &app.url("/voice/inbound"),
        &call_params(sid, "+13035550100", &[]),
    );
    let resp = post_signed(
        &app,
        "/voice/inbound",
        &call_params(sid, from, &[]),
        Some(&signed),
    )
    .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("voice_calls").await, 0);
    assert_eq!(app.count("cases").await, 0);
    app.stop().await;
}

async fn unknown_calls_and_bad_keys_are_refused_cleanly(backend: Backend) {
    let Some(app) = phone_line(backend, |_| {}).await else {
        return;
    };
    let from = "+13035550199";
    // A step of a call that never began, or with no usable CallSid: an apology, then hang up.
    for (path, sid) in [
        ("/voice/language", "CA0000000000000000000000000000dead"),
        ("/voice/need", "CA0000000000000000000000000000dead"),
        ("/voice/recorded", "CA0000000000000000000000000000dead"),
        ("/voice/inbound", ""),
        ("/voice/inbound", "CA\u{0}1"),
    ] {
        let answer = step(
            &app,
            path,
            sid,
            from,
            &[("Digits", "1"), ("RecordingUrl", RECORDING)],
        )
        .await;
        assert!(
            answer.hangup && answer.gather.is_none() && answer.record.is_none(),
            "{path}"
        );
        assert!(answer.says("Please call again"), "{path}: {answer:?}");
    }
    // No number to call back: said so, nothing kept.
    for withheld in ["anonymous", "", "+266696687", "266696687\u{202e}"] {
        let answer = step(
            &app,
            "/voice/inbound",
            "CA00000000000000000000000000000n0",
            withheld,
            &[],
        )
        .await;
        assert!(
            answer.hangup && answer.says("cannot call you back"),
            "{withheld:?}"
        );
    }
    assert_eq!(app.count("voice_calls").await, 0);

    // Keys not on the menu: the menu again, with a word of apology, three times at most.
    let sid = "CA0000000000000000000000000000bad1";
    let menu = step(&app, "/voice/inbound", sid, "+1 303\u{7}555 0199", &[]).await;
    assert!(menu.gather.is_some());
    let again = step(&app, "/voice/language", sid, from, &[("Digits", "9")]).await;
    assert_eq!(again.texts()[0], "Sorry, that is not one of the choices.");
    assert_eq!(again.gather, Some(("/voice/language".into(), "1".into())));
    // No key at all (Twilio follows the Redirect): the menu again, without the apology.
    let silent = step(&app, "/voice/language", sid, from, &[]).await;
    assert_eq!(silent.texts()[0], "For English, press 1.");
    let last = step(&app, "/voice/language", sid, from, &[("Digits", "\u{1}1")]).await;
    assert!(last.hangup && last.gather.is_none(), "{last:?}");
    assert!(last.says("Please call again"));

    // The needs menu out of turn sends the caller back to the languages.
    let sid = "CA0000000000000000000000000000bad2";
    step(&app, "/voice/inbound", sid, from, &[]).await;
    let early = step(&app, "/voice/need", sid, from, &[("Digits", "1")]).await;
    assert_eq!(early.gather, Some(("/voice/language".into(), "1".into())));
    step(&app, "/voice/language", sid, from, &[("Digits", "2")]).await;
    let wrong = step(&app, "/voice/need", sid, from, &[("Digits", "7")]).await;
    assert_eq!(
        wrong.texts()[0],
        "Lo sentimos, esa no es una de las opciones."
    );
    assert_eq!(wrong.gather, Some(("/voice/need".into(), "1".into())));
    assert_eq!(app.count("cases").await, 0, "nothing filed without a need");

    // A call that files: its number stored without the control character it came with, and
    // a recording link that is not one is not kept.
    step(&app, "/voice/need", sid, from, &[("Digits", "1")]).await;
    let (case_id, .., phone, _, _, _, _) = filed(&app, "CA0000000000000000000000000000bad2").await;
    assert_eq!(phone, from);
    let before = app.events(case_id).await;
    for url in [
        "",
        "javascript:alert(1)",
        "http://api.twilio.com/r",
        "https://a.example/\u{0}",
    ] {
        let answer = step(&app, "/voice/recorded", sid, from, &[("RecordingUrl", url)]).await;
        assert!(answer.hangup, "{url:?}");
    }
    assert_eq!(app.events(case_id).await, before, "no voice message kept");
    // The first call's number reached voice_calls cleaned.
    let first: String = app
        .one(
            "SELECT from_number FROM voice_calls WHERE call_sid = $1",
            ("CA0000000000000000000000000000bad1",),
        )
        .await;
    assert_eq!(first, from);
    app.stop().await;
}

for_each_backend!(
    callers_in_four_voices_get_a_callback,
    the_voice_message_is_a_link_on_the_case_page,
    amharic_and_lingala_callers_hear_recordings_or_english,
    retried_webhooks_file_once,
    forged_requests_store_nothing,
    unknown_calls_and_bad_keys_are_refused_cleanly,
);
