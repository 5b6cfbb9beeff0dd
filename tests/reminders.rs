//! Appointment texts on SQLite and on PostgreSQL (`reminders`), with an injected clock for the
//! planned ones: reminders at the right local time across both daylight-saving changes, at
//! the edge of quiet hours and never at night, once even with two instances planning; the
//! replies that confirm, cancel or ask for another time; booking by text in every language,
//! a number not offered; and the one kind text after a no-show. Texts go through the fake
//! provider on 127.0.0.1.

mod common;

use common::sms::{field, post_signed, received, with_fake_twilio_and};
use common::{Backend, TestApp};
use navdesk::config::SendingWindow;
use navdesk::i18n::{I18n, Lang};
use navdesk::reminders::{plan_due, Settings};

const LANGS: [&str; 6] = ["en", "es", "ar", "am", "ln", "vi"];

fn denver() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("America/Denver").unwrap()
}

/// A local time in Denver as Unix seconds.
fn local(at: &str) -> i64 {
    let dt: jiff::civil::DateTime = at.parse().unwrap();
    dt.to_zoned(denver()).unwrap().timestamp().as_second()
}

fn settings(window: SendingWindow) -> Settings {
    Settings {
        timezone: denver(),
        window,
        leads: Default::default(),
        help_phone: "(720) 555-0100".into(),
    }
}

/// A resident (by the form, in `lang`, with texts agreed) and a navigator speaking every
/// language at a site open every day 09:00–17:00 in 30-minute slots: (case, navigator, site).
async fn setup(app: &TestApp, lang: &'static str, phone: &'static str) -> (i64, i64, i64) {
    let mut form: Vec<(&str, &str)> = common::valid_form()
        .into_iter()
        .filter(|(k, _)| *k != "language" && *k != "phone")
        .collect();
    form.push(("language", lang));
    form.push(("phone", phone));
    let resp = app.post_form("/help", &form).await;
    assert_eq!(resp.status(), 303);
    let (case_id, _) = common::stored_case(app, &resp).await;
    let site: Option<i64> = app
        .one(
            "SELECT MAX(id) FROM sites WHERE name = 'Central Library'",
            (),
        )
        .await;
    let site = match site {
        Some(id) => id,
        None => {
            app.one(
                "INSERT INTO sites (name, address, active, created_at, updated_at) \
                 VALUES ('Central Library', '10 W 14th Ave', 1, 0, 0) RETURNING id",
                (),
            )
            .await
        }
    };
    let navigator: Option<i64> = app
        .one(
            "SELECT MAX(id) FROM navigators WHERE skills = 'reminders'",
            (),
        )
        .await;
    let navigator = match navigator {
        Some(id) => id,
        None => {
            let user: i64 = app
                .one(
                    "INSERT INTO users (email, name, role, created_at) \
                     VALUES ('nav@example.org', 'Nav', 'navigator', 0) RETURNING id",
                    (),
                )
                .await;
            let id: i64 = app
                .one(
                    "INSERT INTO navigators (user_id, languages, skills) \
                     VALUES ($1, 'en,es,ar,am,ln,vi', 'reminders') RETURNING id",
                    (user,),
                )
                .await;
            for day in 1..=7_i64 {
                app.exec(
                    "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, \
                       end_minute) VALUES ($1, $2, $3, 540, 1020)",
                    (site, id, day),
                )
                .await;
            }
            id
        }
    };
    (case_id, navigator, site)
}

async fn book(app: &TestApp, ids: (i64, i64, i64), starts_at: i64, created_at: i64) -> i64 {
    let (case_id, navigator, site) = ids;
    app.one(
        "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, \
           status, booked_via, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'booked', 'staff', $6, $6) RETURNING id",
        (
            case_id,
            navigator,
            site,
            starts_at,
            starts_at + 1800,
            created_at,
        ),
    )
    .await
}

/// The reminders queued for appointment `id`: (key, body, not before).
async fn queued(app: &TestApp, id: i64) -> Vec<(String, String, i64)> {
    app.rows(
        "SELECT idempotency_key, body, next_attempt_at FROM sms_messages \
         WHERE kind = 'reminder' AND idempotency_key LIKE $1 ORDER BY id",
        (format!("appointment-{id}-%"),),
    )
    .await
}

async fn reminders_across_both_changes_and_quiet_hours(backend: Backend) {
    let Some((app, _got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let i18n = I18n::load().unwrap();
    let s = settings(SendingWindow::default());
    let ids = setup(&app, "es", "(303) 555-0123").await;
    let booked_at = navdesk::db::now();
    // 2027-03-14 and 2027-11-07 are the Sundays the clocks change in Denver.
    for (starts, day_before, soon) in [
        ("2027-03-14T10:00", "2027-03-13T10:00", "2027-03-14T08:00"),
        ("2027-11-07T10:00", "2027-11-06T10:00", "2027-11-07T08:00"),
    ] {
        let id = book(&app, ids, local(starts), booked_at).await;
        let at = local(day_before);
        assert_eq!(plan_due(&app.db, &i18n, &s, at - 60).await.unwrap(), 0);
        assert_eq!(
            plan_due(&app.db, &i18n, &s, at).await.unwrap(),
            1,
            "{starts}"
        );
        assert_eq!(
            plan_due(&app.db, &i18n, &s, at + 60).await.unwrap(),
            0,
            "once"
        );
        let texts = queued(&app, id).await;
        assert_eq!(texts.len(), 1);
        assert!(texts[0].0.ends_with("day-before"));
        assert!(
            texts[0].1.contains("domingo") && texts[0].1.contains("10:00"),
            "{}",
            texts[0].1
        );
        assert!(texts[0].1.contains("Central Library") && texts[0].1.contains("10 W 14th Ave"));
        // Soon: 07:00 is quiet; at the window's opening, 08:00 local.
        assert_eq!(
            plan_due(&app.db, &i18n, &s, local(soon) - 60)
                .await
                .unwrap(),
            0
        );
        assert_eq!(plan_due(&app.db, &i18n, &s, local(soon)).await.unwrap(), 1);
        let texts = queued(&app, id).await;
        assert_eq!(texts.len(), 2);
        assert!(texts[1].1.contains("hoy a las 10:00"), "{}", texts[1].1);
    }

    // 21:30: the evening before at 20:45, not at 21:30 and not at night.
    let id = book(&app, ids, local("2027-01-15T21:30"), booked_at).await;
    assert_eq!(
        plan_due(&app.db, &i18n, &s, local("2027-01-14T20:44"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        plan_due(&app.db, &i18n, &s, local("2027-01-14T20:45"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(queued(&app, id).await.len(), 1);
    // 08:15: no soon reminder at all (the opening leaves a quarter hour); nothing at night.
    let id = book(&app, ids, local("2027-01-20T08:15"), booked_at).await;
    assert_eq!(
        plan_due(&app.db, &i18n, &s, local("2027-01-19T08:15"))
            .await
            .unwrap(),
        1
    );
    for at in ["2027-01-19T23:00", "2027-01-20T05:15", "2027-01-20T08:00"] {
        assert_eq!(
            plan_due(&app.db, &i18n, &s, local(at)).await.unwrap(),
            0,
            "{at}"
        );
    }
    assert_eq!(queued(&app, id).await.len(), 1);

    // Opted out (STOP) or no consent: nothing.
    let id = book(&app, ids, local("2027-02-10T12:00"), booked_at).await;
    app.exec(
        "INSERT INTO sms_opt_outs (phone, source, opted_out_at) VALUES ('+13035550123', 'keyword', 0)",
        (),
    )
    .await;
    assert_eq!(
        plan_due(&app.db, &i18n, &s, local("2027-02-09T12:00"))
            .await
            .unwrap(),
        0
    );
    app.exec("DELETE FROM sms_opt_outs", ()).await;
    app.exec("UPDATE residents SET sms_consent_at = NULL", ())
        .await;
    assert_eq!(
        plan_due(&app.db, &i18n, &s, local("2027-02-09T12:00"))
            .await
            .unwrap(),
        0
    );
    assert!(queued(&app, id).await.is_empty());
}

async fn never_twice_with_two_instances(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let (base, _got) = common::sms::fake_twilio().await;
    let one = common::spawn_on(&url, |c| common::sms::send_through(c, base.clone())).await;
    let two = common::spawn_on(&url, |c| common::sms::send_through(c, base.clone())).await;
    let i18n = I18n::load().unwrap();
    let s = settings(SendingWindow::default());
    let ids = setup(&one, "en", "(303) 555-0124").await;
    let now = navdesk::db::now();
    let mut appointments = Vec::new();
    for day in 0..10 {
        let starts = local("2027-04-05T11:00") + day * 86_400;
        appointments.push(book(&one, ids, starts, now).await);
    }
    for day in 0..10 {
        let at = local("2027-04-04T11:00") + day * 86_400;
        let (a, b) = tokio::join!(
            plan_due(&one.db, &i18n, &s, at),
            plan_due(&two.db, &i18n, &s, at)
        );
        assert_eq!(
            a.unwrap() + b.unwrap(),
            1,
            "day {day}: one reminder, one instance"
        );
    }
    for id in appointments {
        assert_eq!(queued(&one, id).await.len(), 1);
    }
}

async fn reply(app: &TestApp, from: &str, sid: &str, body: &str) {
    let resp = post_signed(
        app,
        "/sms/inbound",
        &[
            ("MessageSid", sid),
            ("From", from),
            ("To", common::sms::FROM),
            ("Body", body),
        ],
        None,
    )
    .await;
    assert_eq!(resp.status(), 200);
}

/// The body of the `n`th text the fake got.
async fn nth(got: &common::sms::Received, n: usize) -> String {
    let texts = received(got, n).await;
    assert!(texts.len() >= n, "text {n} sent");
    field(&texts[n - 1], "Body").unwrap().to_owned()
}

async fn status(app: &TestApp, id: i64) -> String {
    app.one("SELECT status FROM appointments WHERE id = $1", (id,))
        .await
}

async fn confirm_cancel_and_another_time(backend: Backend) {
    let Some((app, got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let from = "+13035550123";
    let ids = setup(&app, "es", "(303) 555-0123").await;
    nth(&got, 1).await; // the confirmation
    let now = navdesk::db::now();
    let starts = (now / 1800 + 48) * 1800;
    let id = book(&app, ids, starts, now).await;

    reply(&app, from, "SMc1", "Ok").await;
    assert!(nth(&got, 2).await.contains("confirmada"));
    assert_eq!(status(&app, id).await, "confirmed");

    reply(&app, from, "SMc2", "No voy").await;
    assert!(nth(&got, 3).await.contains("cancelada"));
    assert_eq!(status(&app, id).await, "cancelled");
    // The slot is free at once: another resident can have it.
    book(&app, ids, starts, now).await;
    app.exec("DELETE FROM appointments WHERE id <> $1", (id,))
        .await;

    // Another time: three numbered times; "2" books the second; "7" was never offered.
    reply(&app, from, "SMc3", "cambiar").await;
    let offer = nth(&got, 4).await;
    assert!(
        offer.contains("\n1) ") && offer.contains("\n3) "),
        "{offer}"
    );
    reply(&app, from, "SMc4", "7").await;
    assert!(nth(&got, 5).await.contains("del 1 al 3"));
    assert_eq!(app.count("appointments WHERE status = 'booked'").await, 0);
    reply(&app, from, "SMc5", "2").await;
    assert!(nth(&got, 6).await.starts_with("Tiene cita"));
    assert_eq!(app.count("appointments WHERE booked_via = 'text'").await, 1);
    // The offer is answered: "2" again is a clear no, nothing more booked.
    reply(&app, from, "SMc6", "2").await;
    assert!(nth(&got, 7).await.contains("CAMBIAR"));
    assert_eq!(app.count("appointments WHERE booked_via = 'text'").await, 1);
    // Asking again and picking moves the booking: one upcoming appointment, the old one
    // cancelled, as a booking on the web would.
    reply(&app, from, "SMc8", "cambiar").await;
    assert!(nth(&got, 8).await.contains("\n1) "));
    reply(&app, from, "SMc9", "1").await;
    assert!(nth(&got, 9).await.starts_with("Tiene cita"));
    assert_eq!(
        app.count("appointments WHERE status IN ('booked', 'confirmed')")
            .await,
        1
    );
    assert_eq!(
        app.count("appointments WHERE booked_via = 'text' AND status = 'cancelled'")
            .await,
        1
    );
    // Each reply is on the timeline, and each change as the case page tells it, by text.
    assert_eq!(
        app.count("case_events WHERE kind = 'sms_in'").await,
        8,
        "every reply on the timeline"
    );
    for (kind, n) in [
        ("appointment_status", 1),
        ("appointment_cancelled", 1),
        ("appointment_booked", 1),
        ("appointment_moved", 1),
    ] {
        assert_eq!(
            app.count(&format!("case_events WHERE kind = '{kind}'"))
                .await,
            n,
            "{kind}"
        );
    }
    assert_eq!(
        app.count(
            "case_events WHERE kind IN ('appointment_booked', 'appointment_moved') \
                   AND data LIKE '%\"via\":\"text\"%'"
        )
        .await,
        2
    );
    // STOP stays first.
    reply(&app, from, "SMc7", "STOP").await;
    assert_eq!(app.count("sms_opt_outs").await, 1);
}

async fn text_booking_in_every_language(backend: Backend) {
    let Some((app, got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let i18n = I18n::load().unwrap();
    let phones = [
        ("(303) 555-0131", "+13035550131"),
        ("(303) 555-0132", "+13035550132"),
        ("(303) 555-0133", "+13035550133"),
        ("(303) 555-0134", "+13035550134"),
        ("(303) 555-0135", "+13035550135"),
        ("(303) 555-0136", "+13035550136"),
    ];
    let mut n = 0;
    for (i, code) in LANGS.iter().enumerate() {
        let lang = Lang::parse(code).unwrap();
        let (form_phone, from) = phones[i];
        let (case_id, _, _) = setup(&app, code, form_phone).await;
        n += 1;
        nth(&got, n).await; // the confirmation
        let word = i18n.format_sms(lang, "sms-keywords-another-time", &[]);
        let word = word.split(',').next().unwrap().trim().to_owned();
        reply(&app, from, &format!("SMl{i}a"), &word).await;
        n += 1;
        let offer = nth(&got, n).await;
        let opening = i18n.format_sms(lang, "sms-slot-offer", &[("slots", "".into())]);
        assert_eq!(
            offer.lines().next(),
            opening.lines().next(),
            "{code}: {offer}"
        );
        reply(&app, from, &format!("SMl{i}b"), "2").await;
        n += 1;
        let answer = nth(&got, n).await;
        let (starts_at, site, address): (i64, String, String) = app
            .row(
                "SELECT a.starts_at, s.name, s.address FROM appointments a \
                 JOIN sites s ON s.id = a.site_id WHERE a.case_id = $1 AND a.status = 'booked'",
                (case_id,),
            )
            .await;
        let place = navdesk::reminders::texts::Place {
            starts_at,
            site,
            address,
        };
        let expected = navdesk::reminders::texts::about(
            &i18n,
            lang,
            &denver(),
            "sms-appointment-booked",
            Some(&place),
            &[],
        );
        assert_eq!(answer, expected, "{code}");
        // The second time of the offer.
        assert!(offer.contains(&format!(
            "2) {}",
            navdesk::reminders::texts::when(&i18n, lang, &denver(), starts_at)
        )));
    }
}

async fn one_kind_text_after_a_no_show(backend: Backend) {
    let Some((app, got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let i18n = I18n::load().unwrap();
    let s = settings(SendingWindow::Off);
    let ids = setup(&app, "es", "(303) 555-0123").await;
    nth(&got, 1).await;
    let now = navdesk::db::now();
    let id = book(&app, ids, now - 3600, now - 86_400).await;
    app.exec(
        "UPDATE appointments SET status = 'no_show' WHERE id = $1",
        (id,),
    )
    .await;
    assert_eq!(plan_due(&app.db, &i18n, &s, now).await.unwrap(), 1);
    assert_eq!(
        plan_due(&app.db, &i18n, &s, now + 60).await.unwrap(),
        0,
        "once"
    );
    let text: String = app
        .one("SELECT body FROM sms_messages WHERE kind = 'no_show'", ())
        .await;
    assert!(
        text.contains("No pasa nada") && text.contains("\n1) "),
        "{text}"
    );
    assert_eq!(app.count("slot_offers").await, 1);
}

on_both_backends!(;
    reminders_across_both_changes_and_quiet_hours,
    never_twice_with_two_instances,
    confirm_cancel_and_another_time,
    text_booking_in_every_language,
    one_kind_text_after_a_no_show,
);
