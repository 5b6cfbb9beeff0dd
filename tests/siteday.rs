//! A site's day, on SQLite and on PostgreSQL: who is booked, walk-ins added in two fields and
//! marked seen, appointments marked arrived, attended or no-show (from the site's day and the
//! case page); and a navigator made inactive or disabled with future bookings: each cancelled
//! in the same transaction, each resident who takes texts told in their language.

mod common;

use common::staff::{hidden, new_case, text, ANA, BEN, DANA};
use common::TestApp;
use navdesk::db::now;

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// `hour` o'clock today in Denver (the app's default time zone).
fn today_at(hour: i8) -> i64 {
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let today = jiff::Timestamp::from_second(now())
        .unwrap()
        .to_zoned(tz.clone())
        .date();
    today
        .at(hour, 0, 0, 0)
        .to_zoned(tz)
        .unwrap()
        .timestamp()
        .as_second()
}

async fn the_day_shows_bookings_and_takes_walk_ins_and_marks(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let nav = ana.navigator_id.unwrap();
    let area = app.area("Five Points").await;
    let site = app
        .site("Blair-Caldwell Library", "2401 Welton St", "es,en")
        .await;
    app.exec("UPDATE sites SET area_id = $1 WHERE id = $2", (area, site))
        .await;
    let (case, code) = new_case(&app, "Rosa Díaz", now() - DAY).await;
    let appointment = app
        .appointment(case, nav, site, today_at(10), "booked")
        .await;
    let (other, other_code) = new_case(&app, "Eva Luna", now() - DAY).await;
    let second = app
        .appointment(other, nav, site, today_at(11), "confirmed")
        .await;
    let (gone, gone_code) = new_case(&app, "Noa Ríos", now() - DAY).await;
    app.appointment(gone, nav, site, today_at(12), "cancelled")
        .await;
    let (tomorrow, tomorrow_code) = new_case(&app, "Pía Soto", now() - DAY).await;
    app.appointment(tomorrow, nav, site, today_at(10) + DAY, "booked")
        .await;

    let path = format!("/sites/{site}/today");
    let (status, page) = ana.page(&path).await;
    assert_eq!(status, 200);
    assert!(page.len() < 30_000, "{} bytes", page.len());
    for shown in [
        &code,
        &other_code,
        "Ana Navarro",
        "Español",
        "Blair-Caldwell Library",
    ] {
        assert!(page.contains(shown), "{shown} on the day");
    }
    assert!(!page.contains(&gone_code), "cancelled left out");
    assert!(!page.contains(&tomorrow_code), "tomorrow left out");
    assert!(page.contains("Nobody is waiting."));
    let token = hidden(&page, "csrf_token");
    // Her day on /cases lists today's appointments (time, site, code), not tomorrow's.
    let (_, cases) = ana.page("/cases").await;
    let at = cases
        .find("Your appointments today")
        .expect("today's appointments");
    let block = &cases[at..at + cases[at..].find("</section>").unwrap()];
    assert!(block.contains("10:00 at Blair-Caldwell Library") && block.contains(&other_code));
    assert!(!block.contains(&tomorrow_code) && !block.contains(&gone_code));
    // Tomorrow's is in the coming days, with its date.
    let at = cases
        .find("Your appointments in the coming days")
        .expect("the coming days' appointments");
    let block = &cases[at..at + cases[at..].find("</section>").unwrap()];
    assert!(block.contains(&tomorrow_code) && block.contains("Blair-Caldwell Library"));
    assert!(!block.contains(&code) && !block.contains(&gone_code));
    // The case page asks whether they came, with the two marks.
    app.assign(other, &ana, "in_progress").await;
    let (_, case_page) = ana.page(&format!("/cases/{other}")).await;
    assert!(case_page.contains("did they come?"), "{case_page}");
    assert!(case_page.contains(&format!("/sites/{site}/today/appointments/{second}/status")));

    // Arrived: now waiting.
    let resp = ana
        .post(
            &format!("{path}/appointments/{appointment}/arrived"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let arrived: Option<i64> = app
        .one(
            "SELECT arrived_at FROM appointments WHERE id = $1",
            (appointment,),
        )
        .await;
    assert!(arrived.is_some());
    let (_, page) = ana.page(&path).await;
    assert!(
        page.contains(&format!("{code} (appointment at 10:00)")),
        "{page}"
    );

    // A walk-in: a bad form first (nothing stored), then two fields.
    let cases_before = app.count("cases").await;
    let resp = ana
        .post(
            &format!("{path}/walk-ins"),
            &[
                ("csrf_token", token.as_str()),
                ("name", " "),
                ("need", "boats"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("href=\"#f-name\"") && body.contains("href=\"#f-need\""));
    assert_eq!(app.count("cases").await, cases_before);
    let resp = ana
        .post(
            &format!("{path}/walk-ins"),
            &[
                ("csrf_token", token.as_str()),
                ("name", "Tomás Vega"),
                ("need", "device"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (walk_in, channel, area_id, language, navigator): (
        i64,
        String,
        Option<i64>,
        String,
        Option<i64>,
    ) = app
        .row(
            "SELECT w.id, c.channel, c.area_id, c.language, c.navigator_id \
             FROM walk_ins w JOIN cases c ON c.id = w.case_id WHERE w.site_id = $1",
            (site,),
        )
        .await;
    assert_eq!(channel, "walk_in");
    assert_eq!(area_id, Some(area));
    assert_eq!(
        language, "en",
        "the staff member's language, offered at the site"
    );
    assert_eq!(
        navigator,
        Some(nav),
        "given to the navigator who added them"
    );
    let (_, page) = ana.page(&path).await;
    assert!(page.contains("Tomás Vega (walk-in)"));
    assert!(page.contains("A computer or tablet"));
    let resp = ana
        .post(
            &format!("{path}/walk-ins/{walk_in}/seen"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (_, page) = ana.page(&path).await;
    assert!(!page.contains("Tomás Vega (walk-in)"), "no longer waiting");
    assert!(page.contains("Ana Navarro at "));

    // Attended from the site's day, no-show from the case page's form.
    let resp = ana
        .post(
            &format!("{path}/appointments/{appointment}/status"),
            &[("csrf_token", token.as_str()), ("status", "attended")],
        )
        .await;
    assert_eq!(resp.headers()["location"], path.as_str());
    let resp = ana
        .post(
            &format!("{path}/appointments/{second}/status"),
            &[
                ("csrf_token", token.as_str()),
                ("status", "no_show"),
                ("back", "case"),
            ],
        )
        .await;
    assert_eq!(
        resp.headers()["location"],
        format!("/cases/{other}").as_str()
    );
    let statuses: Vec<String> = app
        .all(
            "SELECT status FROM appointments WHERE id IN ($1, $2) ORDER BY id",
            (appointment, second),
        )
        .await;
    assert_eq!(statuses, vec!["attended", "no_show"]);
    let events: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'appointment_status'",
            (case,),
        )
        .await;
    assert_eq!(events, 1, "on the case's timeline");
    // An appointment of another site, or a site that is not there: 404.
    let other_site = app.site("Montbello Library", "", "en").await;
    let resp = ana
        .post(
            &format!("/sites/{other_site}/today/appointments/{appointment}/status"),
            &[("csrf_token", token.as_str()), ("status", "no_show")],
        )
        .await;
    assert_eq!(resp.status(), 404);
    assert_eq!(ana.get("/sites/99999/today").await.status(), 404);
    assert_eq!(app.anonymous().get(&path).await.status(), 303);
}

/// Ana's future bookings, one of them with a resident who stopped texts, one in the past.
async fn bookings(app: &TestApp, nav: i64) -> (Vec<i64>, i64, i64) {
    let site = app
        .site("Blair-Caldwell Library", "2401 Welton St", "es,en")
        .await;
    let mut future = Vec::new();
    for (i, name) in ["Rosa Díaz", "Eva Luna"].iter().enumerate() {
        let (case, _) = new_case(app, name, now() - DAY).await;
        app.exec(
            "UPDATE cases SET language = $1 WHERE id = $2",
            (["es", "vi"][i], case),
        )
        .await;
        future.push(
            app.appointment(case, nav, site, now() + (i as i64 + 1) * DAY, "booked")
                .await,
        );
    }
    let (stopped, _) = new_case(app, "Noa Ríos", now() - DAY).await;
    app.exec(
        "UPDATE residents SET phone = '+13035550199' WHERE id = \
         (SELECT resident_id FROM cases WHERE id = $1)",
        (stopped,),
    )
    .await;
    app.exec(
        "INSERT INTO sms_opt_outs (phone, opted_out_at, source) VALUES ('+13035550199', 0, 'test')",
        (),
    )
    .await;
    let stopped_appointment = app
        .appointment(stopped, nav, site, now() + 3 * DAY, "confirmed")
        .await;
    let (old, _) = new_case(app, "Pía Soto", now() - 9 * DAY).await;
    let past = app
        .appointment(old, nav, site, now() - 2 * HOUR, "booked")
        .await;
    (future, stopped_appointment, past)
}

async fn check_cancelled(app: &TestApp, future: &[i64], stopped: i64, past: i64) {
    for id in future.iter().chain([&stopped]) {
        let status: String = app
            .one("SELECT status FROM appointments WHERE id = $1", (*id,))
            .await;
        assert_eq!(status, "cancelled", "appointment {id}");
    }
    let status: String = app
        .one("SELECT status FROM appointments WHERE id = $1", (past,))
        .await;
    assert_eq!(status, "booked", "the past is left alone");
    let texts: Vec<(String, String)> = app
        .rows(
            "SELECT body, status FROM sms_messages WHERE kind = 'appointment_cancelled' ORDER BY id",
            (),
        )
        .await;
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(
        texts[0].0.contains("cancelada") || texts[0].0.contains("canceló"),
        "Spanish: {}",
        texts[0].0
    );
    assert!(
        texts[1].0.contains("đã bị hủy"),
        "Vietnamese: {}",
        texts[1].0
    );
    assert!(texts.iter().all(|(body, _)| body.contains("/status")));
    // The one who said STOP is not texted: the outbox cancels it.
    common::eventually(
        async || -> String {
            app.one(
                "SELECT status FROM sms_messages WHERE kind = 'appointment_cancelled' \
                 AND to_number = '+13035550199'",
                (),
            )
            .await
        },
        |s| s == "cancelled",
    )
    .await;
    let events: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE kind = 'appointment_cancelled'",
            (),
        )
        .await;
    assert_eq!(events, 3);
}

async fn a_navigator_made_inactive_loses_future_bookings_and_residents_are_told(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let nav = ana.navigator_id.unwrap();
    let (future, stopped, past) = bookings(&app, nav).await;
    let dana = app.with_user(DANA).await;
    let (_, page) = dana.page(&format!("/navigators/{nav}")).await;
    let token = hidden(&page, "csrf_token");
    let version = hidden(&page, "version");
    let resp = dana
        .post(
            &format!("/navigators/{nav}"),
            &[
                ("csrf_token", token.as_str()),
                ("version", version.as_str()),
                ("languages", "en"),
                ("languages", "es"),
                ("skills", "internet"),
                ("capacity", "20"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    check_cancelled(&app, &future, stopped, past).await;
}

async fn a_navigator_disabled_loses_future_bookings_and_residents_are_told(app: TestApp) {
    let ben = app.with_user(BEN).await;
    let nav = ben.navigator_id.unwrap();
    let (future, stopped, past) = bookings(&app, nav).await;
    let admin = app.with_user(navdesk::auth::Role::Admin).await;
    let token = admin.csrf().await;
    let user = app.user_id(BEN.email).await;
    let resp = admin
        .post(
            &format!("/users/{user}/disable"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    check_cancelled(&app, &future, stopped, past).await;
}

on_both_backends!(
    the_day_shows_bookings_and_takes_walk_ins_and_marks,
    a_navigator_made_inactive_loses_future_bookings_and_residents_are_told,
    a_navigator_disabled_loses_future_bookings_and_residents_are_told,
);
