//! A resident books on the web, on SQLite and PostgreSQL: free times on the confirmation and
//! status pages in their language, `POST /help/{ref}/appointment` answering `303` back to the
//! confirmation (which then shows the appointment, to cancel or move), `409` with other times
//! when the time was just taken, `422` with nothing stored for a bad or missing value; and the
//! race for the last slot, which exactly one of 100 residents wins across two app instances.

mod common;

use common::appointments::{every_day, hours, site, slot_values};
use common::staff::{new_case, ANA};
use common::{location, stored_case, valid_form, Backend, TestApp};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

const WEEKDAYS_ES: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// A navigator at Central Library every day, and a resident's request in Spanish.
async fn open_site_and_request(app: &TestApp) -> (i64, String) {
    let navigator = app.with_user(ANA).create().await.navigator_id.unwrap();
    let central = site(app, "Central Library").await;
    every_day(app, navigator, central).await;
    let resp = app.post_form("/help", &valid_form()).await;
    assert_eq!(resp.status(), 303);
    stored_case(app, &resp).await
}

async fn page(app: &TestApp, path: &str) -> String {
    let resp = app.get(path).await;
    assert_eq!(resp.status(), 200, "{path}");
    resp.text().await.unwrap()
}

async fn book(app: &TestApp, code: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&format!("/help/{code}/appointment"), fields)
        .await
}

async fn statuses(app: &TestApp, case_id: i64) -> Vec<String> {
    app.all(
        "SELECT status FROM appointments WHERE case_id = $1 ORDER BY id",
        (case_id,),
    )
    .await
}

async fn resident_books_moves_and_cancels(app: TestApp) {
    let (case_id, code) = open_site_and_request(&app).await;
    let body = page(&app, &format!("/help/{code}?lang=es")).await;
    assert!(
        body.contains("Reúnase con un navegador en persona"),
        "{body}"
    );
    assert!(body.contains("Central Library") && body.contains("10 W 14th Ave Pkwy"));
    assert!(body.contains("Accesibilidad: "));
    assert!(WEEKDAYS_ES.iter().any(|d| body.contains(d)));
    let values = slot_values(&body);
    assert_eq!(values.len(), 4, "the four soonest at the one site");

    let resp = book(&app, &code, &[("slot", &values[0])]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), format!("/help/{code}#appointment"));
    assert_eq!(statuses(&app, case_id).await, ["booked"]);
    let via: String = app
        .one(
            "SELECT booked_via FROM appointments WHERE case_id = $1",
            (case_id,),
        )
        .await;
    assert_eq!(via, "web");

    let body = page(&app, &format!("/help/{code}?lang=es")).await;
    assert!(body.contains("Su cita está reservada"));
    assert!(body.contains("Cancelar mi cita"));
    assert!(body.contains("Elegir otra hora"));
    let others = slot_values(&body);
    assert!(
        !others.contains(&values[0]),
        "the booked time is not offered again"
    );

    // Moving: the old appointment is cancelled, the new one booked.
    let resp = book(&app, &code, &[("slot", &others[0])]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(statuses(&app, case_id).await, ["cancelled", "booked"]);

    let resp = book(&app, &code, &[("cancel", "yes")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(statuses(&app, case_id).await, ["cancelled", "cancelled"]);
    let body = page(&app, &format!("/help/{code}?lang=es")).await;
    assert!(!body.contains("Su cita está reservada"));
    assert_eq!(slot_values(&body).len(), 4);
}

async fn status_page_offers_times_too(app: TestApp) {
    let (_, code) = open_site_and_request(&app).await;
    let resp = app
        .post_form(
            "/status?lang=es",
            &[("ref", &code), ("phone_last4", "0123")],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert_eq!(slot_values(&body).len(), 4);
    assert!(body.contains(&format!("action=\"/help/{code}/appointment\"")));
}

async fn bad_values_answer_422_and_store_nothing(app: TestApp) {
    let (_, code) = open_site_and_request(&app).await;
    let body = page(&app, &format!("/help/{code}")).await;
    let values = slot_values(&body);
    let bad: [&[(&str, &str)]; 5] = [
        &[],
        &[("slot", "")],
        &[("slot", "tomorrow please")],
        &[("slot", "1-2-3")],
        &[("slot", &values[0]), ("slot", &values[1])],
    ];
    for fields in bad {
        let resp = book(&app, &code, fields).await;
        assert_eq!(resp.status(), 422, "{fields:?}");
        let body = resp.text().await.unwrap();
        assert!(body.contains("error-summary") && body.contains("href=\"#f-slot\""));
        assert!(body.contains("id=\"f-slot\""), "the link's target is there");
        assert_eq!(slot_values(&body).len(), 4, "times to choose from again");
    }
    assert_eq!(app.count("appointments").await, 0);
    let resp = book(&app, "ABCD2345", &[("slot", &values[0])]).await;
    assert_eq!(resp.status(), 404);
}

async fn a_time_just_taken_answers_409_with_other_times(app: TestApp) {
    let (_, first) = open_site_and_request(&app).await;
    let resp = app.post_form("/help", &valid_form()).await;
    let (second_id, second) = stored_case(&app, &resp).await;
    // Both residents see the same times; the first books one.
    let seen = slot_values(&page(&app, &format!("/help/{second}")).await);
    let resp = book(&app, &first, &[("slot", &seen[0])]).await;
    assert_eq!(resp.status(), 303);

    let resp = app
        .post_form(
            &format!("/help/{second}/appointment?lang=es"),
            &[("slot", &seen[0])],
        )
        .await;
    assert_eq!(resp.status(), 409);
    let body = resp.text().await.unwrap();
    assert!(body.contains("Alguien acaba de reservar esa hora"));
    let offered = slot_values(&body);
    assert!(!offered.is_empty() && !offered.contains(&seen[0]));
    assert!(statuses(&app, second_id).await.is_empty());
    let resp = book(&app, &second, &[("slot", &offered[0])]).await;
    assert_eq!(resp.status(), 303);
}

/// 100 residents post the last free time at once, half to each of two instances: one gets
/// `303`, the others `409`, and one appointment is stored.
async fn the_last_slot_goes_to_exactly_one_of_100(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let a = common::spawn_on(&url, |_| {}).await;
    let b = common::spawn_on(&url, |_| {}).await;
    let navigator = a.with_user(ANA).create().await.navigator_id.unwrap();
    let central = site(&a, "Central Library").await;
    // 09:00-09:30 on the weekday three days from now, the one such day in the next two weeks
    // that is not closed.
    let tz = TimeZone::get("America/Denver").unwrap();
    let day = Timestamp::now().to_zoned(tz).date() + 3.days();
    let weekday = i64::from(day.weekday().to_monday_one_offset());
    hours(&a, navigator, central, weekday, 540, 570).await;
    a.exec(
        "INSERT INTO site_closures (site_id, day) VALUES ($1, $2)",
        (central, (day + 7.days()).to_string()),
    )
    .await;
    let mut codes = Vec::new();
    for i in 0..100 {
        codes.push(
            new_case(&a, &format!("Resident {i}"), navdesk::db::now())
                .await
                .1,
        );
    }
    let last = slot_values(&page(&b, &format!("/help/{}", codes[0])).await);
    assert_eq!(last.len(), 1, "one time left");

    let tries: Vec<_> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let app = if i % 2 == 0 { &a } else { &b };
            let (client, url) = (
                app.client.clone(),
                app.url(&format!("/help/{code}/appointment")),
            );
            let body = format!("slot={}", last[0]);
            tokio::spawn(async move {
                client
                    .post(url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tries {
        answers.push(t.await.unwrap());
    }
    let won = answers.iter().filter(|&&s| s == 303).count();
    let taken = answers.iter().filter(|&&s| s == 409).count();
    assert_eq!((won, taken), (1, 99), "{answers:?}");
    assert_eq!(a.count("appointments").await, 1);
    let events: i64 = a
        .one(
            "SELECT COUNT(*) FROM case_events WHERE kind = 'appointment_booked'",
            (),
        )
        .await;
    assert_eq!(events, 1);
}

on_both_backends!(
    resident_books_moves_and_cancels,
    status_page_offers_times_too,
    bad_values_answer_422_and_store_nothing,
    a_time_just_taken_answers_409_with_other_times;
    the_last_slot_goes_to_exactly_one_of_100,
);
