//! Texts about lent devices on SQLite and PostgreSQL, with an injected clock: one before the due
//! day, then late ones every few days up to the configured number, never at night, in each of
//! the six languages, none without consent or after STOP, once even with two instances
//! planning; an extension starts them again. A reply asking for more time flags the loan,
//! reaches the navigator as an unread reply on the case, and is answered in the resident's
//! language.

mod common;

use common::loans::device;
use common::sms::{nth, reply, with_fake_twilio_and};
use common::staff::ANA;
use common::{denver, local, Backend, TestApp};
use navdesk::config::SendingWindow;
use navdesk::devices::loan_texts::{plan_due, Settings};
use navdesk::i18n::I18n;

fn settings(overdue_texts: i64) -> Settings {
    Settings {
        timezone: denver(),
        window: SendingWindow::default(),
        overdue_texts,
    }
}

/// A resident's request (by the form, in `lang`, texts agreed); the case's id.
async fn resident(app: &TestApp, lang: &'static str, phone: &'static str) -> i64 {
    let mut form: Vec<(&str, &str)> = common::valid_form()
        .into_iter()
        .filter(|(k, _)| *k != "language" && *k != "phone")
        .collect();
    form.push(("language", lang));
    form.push(("phone", phone));
    let resp = app.post_form("/help", &form).await;
    assert_eq!(resp.status(), 303);
    common::stored_case(app, &resp).await.0
}

/// A hotspot `tag` lent to the case on `lent` (local), due back on `due`; the loan's id.
async fn lent(app: &TestApp, case: i64, tag: &str, lent: &str, due: &str) -> i64 {
    let program: Option<i64> = app.one("SELECT MAX(id) FROM programs", ()).await;
    let program = match program {
        Some(id) => id,
        None => app.program("City IT", "Hotspot lending").await,
    };
    let hotspot = device(app, tag, "hotspot", program, "on_loan").await;
    app.one(
        "INSERT INTO loans (device_id, case_id, kind, language, lent_at, due_on) \
         SELECT $1, id, 'loan', language, $2, $3 FROM cases WHERE id = $4 RETURNING id",
        (hotspot, local(lent), due, case),
    )
    .await
}

/// The loan texts queued for loan `id`: (key, body).
async fn queued(app: &TestApp, id: i64) -> Vec<(String, String)> {
    app.rows(
        "SELECT idempotency_key, body FROM sms_messages \
         WHERE kind = 'loan_reminder' AND idempotency_key LIKE $1 ORDER BY id",
        (format!("loan-{id}-%"),),
    )
    .await
}

async fn before_the_day_then_late_up_to_the_limit(backend: Backend) {
    let Some((app, _got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let i18n = I18n::load().unwrap();
    let s = settings(3);
    let case = resident(&app, "es", "(303) 555-0123").await;
    // Due on Wednesday 2027-03-10; the clocks change on Sunday the 14th.
    let loan = lent(&app, case, "HS-0001", "2027-02-20T10:00", "2027-03-10").await;
    let plan = |at: &'static str| {
        let (db, i18n, s) = (&app.db, &i18n, &s);
        async move { plan_due(db, i18n, s, local(at)).await.unwrap() }
    };
    assert_eq!(
        plan("2027-03-07T12:00").await,
        0,
        "three days before: not yet"
    );
    assert_eq!(plan("2027-03-08T06:00").await, 0, "never at night");
    assert_eq!(
        plan("2027-03-08T08:00").await,
        1,
        "two days before, at the opening"
    );
    assert_eq!(plan("2027-03-08T08:01").await, 0);
    assert_eq!(
        plan("2027-03-10T12:00").await,
        0,
        "on the day: said already"
    );
    let texts = queued(&app, loan).await;
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].0, format!("loan-{loan}-due-2027-03-10"));
    assert!(
        texts[0].1.contains(
            "devuelva su punto de acceso a internet (hotspot) (HS-0001) a más tardar el miércoles 10/03"
        ),
        "{}",
        texts[0].1
    );
    assert!(texts[0].1.contains("MAS TIEMPO"));

    assert_eq!(plan("2027-03-11T07:59").await, 0, "never at night");
    assert_eq!(plan("2027-03-11T08:00").await, 1, "late: the morning after");
    assert_eq!(plan("2027-03-12T12:00").await, 0, "a few days apart");
    // Three days of real time after 08:00 MST is 09:00 MDT on the 14th.
    assert_eq!(plan("2027-03-14T08:30").await, 0);
    assert_eq!(plan("2027-03-14T09:00").await, 1);
    assert_eq!(plan("2027-03-17T12:00").await, 1);
    assert_eq!(
        plan("2027-03-20T12:00").await,
        0,
        "three late texts at most"
    );
    assert_eq!(plan("2027-04-20T12:00").await, 0);
    let texts = queued(&app, loan).await;
    assert_eq!(texts.len(), 4);
    assert!(
        texts[1].1.contains("debía devolverse el miércoles 10/03"),
        "{}",
        texts[1].1
    );
    let (count, last): (i64, Option<i64>) = app
        .row(
            "SELECT overdue_texts, overdue_texted_at FROM loans WHERE id = $1",
            (loan,),
        )
        .await;
    assert_eq!((count, last), (3, Some(local("2027-03-17T12:00"))));

    // Extended: the texts start again from the new day.
    let user = app.with_user(ANA).create().await.user_id;
    let new_due: jiff::civil::Date = "2027-04-30".parse().unwrap();
    navdesk::devices::loans::extend(
        &app.db,
        case,
        loan,
        new_due,
        user,
        local("2027-04-20T12:00"),
    )
    .await
    .unwrap();
    assert_eq!(plan("2027-04-28T09:00").await, 1);
    assert_eq!(
        queued(&app, loan).await.last().unwrap().0,
        format!("loan-{loan}-due-2027-04-30")
    );
    // Returned: nothing more.
    navdesk::devices::loans::end(
        &app.db,
        case,
        loan,
        navdesk::devices::loans::Ending::Returned {
            condition: navdesk::devices::model::Condition::Good,
        },
        user,
        local("2027-04-29T09:00"),
    )
    .await
    .unwrap();
    assert_eq!(plan("2027-05-02T12:00").await, 0);
    assert_eq!(queued(&app, loan).await.len(), 5);

    // No late texts when the limit is 0; none after STOP or without consent.
    let other = lent(&app, case, "HS-0002", "2027-05-01T10:00", "2027-05-10").await;
    assert_eq!(
        plan_due(&app.db, &i18n, &settings(0), local("2027-05-11T12:00"))
            .await
            .unwrap(),
        0
    );
    app.exec(
        "INSERT INTO sms_opt_outs (phone, source, opted_out_at) VALUES ('+13035550123', 'keyword', 0)",
        (),
    )
    .await;
    assert_eq!(plan("2027-05-11T12:00").await, 0);
    app.exec("DELETE FROM sms_opt_outs", ()).await;
    app.exec("UPDATE residents SET sms_consent_at = NULL", ())
        .await;
    assert_eq!(plan("2027-05-11T12:00").await, 0);
    assert!(queued(&app, other).await.is_empty());
}

async fn in_every_language(backend: Backend) {
    let Some((app, _got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let i18n = I18n::load().unwrap();
    let expect = [
        (
            "en",
            "(303) 555-0141",
            "please return the hotspot (HS-en) by Wednesday, March 10.",
        ),
        ("es", "(303) 555-0142", "a más tardar el miércoles 10/03"),
        (
            "ar",
            "(303) 555-0143",
            "يرجى إعادة جهاز نقطة الاتصال بالإنترنت (HS-ar)",
        ),
        ("am", "(303) 555-0144", "እባክዎ የኢንተርኔት ሆትስፖት (HS-am)"),
        (
            "ln",
            "(303) 555-0145",
            "svp zongisa hotspot ya internet (HS-ln)",
        ),
        (
            "vi",
            "(303) 555-0146",
            "xin vui lòng trả lại thiết bị phát wifi (hotspot) (HS-vi)",
        ),
    ];
    let mut loans = Vec::new();
    for (lang, phone, _) in expect {
        let case = resident(&app, lang, phone).await;
        loans.push(
            lent(
                &app,
                case,
                &format!("HS-{lang}"),
                "2027-02-20T10:00",
                "2027-03-10",
            )
            .await,
        );
    }
    let at = local("2027-03-09T10:00");
    assert_eq!(plan_due(&app.db, &i18n, &settings(3), at).await.unwrap(), 6);
    for ((lang, _, text), loan) in expect.iter().zip(loans) {
        let body = &queued(&app, loan).await[0].1;
        assert!(common::staff::text(body).contains(text), "{lang}: {body}");
    }
}

async fn once_with_two_instances(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let (base, _got) = common::sms::fake_twilio().await;
    let one = common::spawn_on(&url, |c| common::sms::send_through(c, base.clone())).await;
    let two = common::spawn_on(&url, |c| common::sms::send_through(c, base.clone())).await;
    let i18n = I18n::load().unwrap();
    let s = settings(3);
    let case = resident(&one, "en", "(303) 555-0124").await;
    let mut loans = Vec::new();
    for i in 0..10 {
        let due = format!("2027-04-{:02}", 10 + i);
        loans.push(lent(&one, case, &format!("HS-{i}"), "2027-03-01T10:00", &due).await);
    }
    for day in 0..10 {
        let at = local("2027-04-08T11:00") + day * 86_400;
        let (a, b) = tokio::join!(
            plan_due(&one.db, &i18n, &s, at),
            plan_due(&two.db, &i18n, &s, at)
        );
        // Each day one loan is two days from due; loan i is late from day i + 3, then every
        // third day, three times.
        let late = (0..10_i64)
            .filter(|i| day >= i + 3 && (day - i - 3) % 3 == 0 && (day - i - 3) / 3 < 3)
            .count();
        assert_eq!(
            a.unwrap() + b.unwrap(),
            1 + late,
            "day {day}: each text once"
        );
    }
    for loan in loans {
        let keys: Vec<String> = queued(&one, loan)
            .await
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        assert_eq!(
            keys.iter().filter(|k| k.contains("-due-")).count(),
            1,
            "{keys:?}"
        );
    }
    let duplicates: i64 = one
        .one(
            "SELECT COUNT(*) FROM (SELECT idempotency_key FROM sms_messages \
             GROUP BY idempotency_key HAVING COUNT(*) > 1) d",
            (),
        )
        .await;
    assert_eq!(duplicates, 0);
}

async fn more_time_reaches_the_navigator(backend: Backend) {
    let Some((app, got)) = with_fake_twilio_and(backend, |_| {}).await else {
        return;
    };
    let from = "+13035550123";
    let case = resident(&app, "es", "(303) 555-0123").await;
    nth(&got, 1).await; // the confirmation
    let ana = app.with_user(ANA).await;
    app.assign(case, &ana, "in_progress").await;
    let now = navdesk::db::now();
    let tomorrow = jiff::Timestamp::from_second(now + 86_400)
        .unwrap()
        .to_zoned(denver())
        .date()
        .to_string();
    let loan = lent(&app, case, "HS-0001", "2027-01-01T10:00", &tomorrow).await;
    // The page was opened before the reply: nothing unread.
    ana.page(&format!("/cases/{case}")).await;

    reply(&app, from, "SMm1", "Más tiempo").await;
    let answer = nth(&got, 2).await;
    assert!(
        answer.contains("Le dijimos a su navegador que necesita más tiempo con su punto de acceso"),
        "{answer}"
    );
    let asked: Option<i64> = app
        .one(
            "SELECT extension_asked_at FROM loans WHERE id = $1",
            (loan,),
        )
        .await;
    assert!(asked.is_some());
    let (kind, body, data): (String, String, String) = app
        .row(
            "SELECT kind, body, data FROM case_events WHERE case_id = $1 AND kind = 'sms_in' \
             ORDER BY id DESC LIMIT 1",
            (case,),
        )
        .await;
    assert_eq!((kind.as_str(), body.as_str()), ("sms_in", "Más tiempo"));
    assert!(data.contains("loan_more_time"), "{data}");
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    assert!(
        page.contains("The resident asked by text for more time"),
        "{page}"
    );
    assert!(page.contains("The resident has replied since you last opened this case."));
    let actions: Vec<String> = app
        .all("SELECT action FROM device_events ORDER BY id", ())
        .await;
    assert_eq!(actions, ["more_time_asked"]);

    // Extending answers it.
    let token = common::staff::hidden(&page, "csrf_token");
    let later = jiff::Timestamp::from_second(now + 20 * 86_400)
        .unwrap()
        .to_zoned(denver())
        .date()
        .to_string();
    let resp = ana
        .post(
            &format!("/cases/{case}/devices/{loan}"),
            &[
                ("csrf_token", &token),
                ("action", "extend"),
                ("due_on", &later),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let asked: Option<i64> = app
        .one(
            "SELECT extension_asked_at FROM loans WHERE id = $1",
            (loan,),
        )
        .await;
    assert_eq!(asked, None);

    // From a number with no device out, the same words are an ordinary reply; STOP stays first.
    app.exec("UPDATE loans SET ended_at = 1, ended_how = 'returned'", ())
        .await;
    reply(&app, from, "SMm2", "more time").await;
    let (body, data): (String, String) = app
        .row(
            "SELECT body, data FROM case_events WHERE case_id = $1 AND kind = 'sms_in' \
             ORDER BY id DESC LIMIT 1",
            (case,),
        )
        .await;
    assert_eq!(body, "more time");
    assert!(!data.contains("loan_more_time"), "{data}");
    reply(&app, from, "SMm3", "STOP").await;
    assert_eq!(app.count("sms_opt_outs").await, 1);
}

for_each_backend!(
    before_the_day_then_late_up_to_the_limit,
    in_every_language,
    once_with_two_instances,
    more_time_reaches_the_navigator,
);
