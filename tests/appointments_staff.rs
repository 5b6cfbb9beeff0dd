//! A navigator books for a resident from the case page, on SQLite and PostgreSQL: free times in
//! a folded group, `303` back to the case showing the appointment, `409` when the time was just
//! taken, `422` with nothing stored for a bad value, cancelling; and an appointment the resident
//! booked on the web shows on their navigator's case page, with its timeline entries.

mod common;

use common::appointments::{every_day, site, slot_values};
use common::staff::{new_case, Staff, ANA};
use common::{location, TestApp};
use jiff::tz::TimeZone;
use navdesk::appointments::slots::SlotKey;
use navdesk::appointments::store::{self, BookedVia};

/// Ana, signed in, at Central Library every day, with a case of hers.
async fn ana_with_a_case(app: &TestApp) -> (Staff, i64, String) {
    let ana = app.with_user(ANA).await;
    let central = site(app, "Central Library").await;
    every_day(app, ana.navigator_id.unwrap(), central).await;
    let (case_id, code) = new_case(app, "Rosa Díaz", navdesk::db::now()).await;
    app.assign(case_id, &ana, "assigned").await;
    (ana, case_id, code)
}

async fn statuses(app: &TestApp, case_id: i64) -> Vec<(String, String)> {
    app.rows(
        "SELECT status, booked_via FROM appointments WHERE case_id = $1 ORDER BY id",
        (case_id,),
    )
    .await
}

async fn navigator_books_and_cancels_from_the_case(app: TestApp) {
    let (ana, case_id, _) = ana_with_a_case(&app).await;
    let (status, body) = ana.page(&format!("/cases/{case_id}?book=1")).await;
    assert_eq!(status, 200);
    assert!(body.contains("No appointment booked."));
    let values = slot_values(&body);
    assert!(!values.is_empty() && values.len() <= 4, "{values:?}");

    let resp = ana
        .post_case(case_id, "appointment", &[("slot", &values[0])])
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), format!("/cases/{case_id}#appointment"));
    assert_eq!(
        statuses(&app, case_id).await,
        [("booked".to_owned(), "staff".to_owned())]
    );
    let (_, body) = ana.page(&format!("/cases/{case_id}?book=1")).await;
    assert!(
        body.contains("at Central Library with Ana Navarro"),
        "{body}"
    );
    assert!(body.contains("Booked an appointment:") && body.contains("(booked by staff)"));
    assert!(body.contains("Move the appointment to this time"));

    // Cancelled from the page: the slot is offered again.
    let appointment: i64 = app
        .one("SELECT id FROM appointments WHERE case_id = $1", (case_id,))
        .await;
    let resp = ana
        .post_case(
            case_id,
            "appointment",
            &[("cancel", &appointment.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(statuses(&app, case_id).await[0].0, "cancelled");
    let (_, body) = ana.page(&format!("/cases/{case_id}?book=1")).await;
    assert!(body.contains("Cancelled the appointment of"));
    assert!(slot_values(&body).contains(&values[0]));
}

async fn refused_bookings_store_nothing(app: TestApp) {
    let (ana, case_id, _) = ana_with_a_case(&app).await;
    let (_, body) = ana.page(&format!("/cases/{case_id}?book=1")).await;
    let values = slot_values(&body);
    for bad in ["", "soon", "1-2-3"] {
        let resp = ana
            .post_case(case_id, "appointment", &[("slot", bad)])
            .await;
        assert_eq!(resp.status(), 422, "{bad:?}");
        let page = resp.text().await.unwrap();
        assert!(page.contains("Choose one of the free times"));
        assert!(page.contains("<details class=\"group\" open"));
    }
    // Someone else (a resident on the web) takes the time first.
    let (other, _) = new_case(&app, "Luis Ortega", navdesk::db::now()).await;
    let key = SlotKey::parse(&values[0]).unwrap();
    let tz = TimeZone::get("America/Denver").unwrap();
    store::book(
        &app.db,
        &tz,
        other,
        &key,
        BookedVia::Web,
        navdesk::db::now(),
    )
    .await
    .unwrap();
    let resp = ana
        .post_case(case_id, "appointment", &[("slot", &values[0])])
        .await;
    assert_eq!(resp.status(), 409);
    let page = resp.text().await.unwrap();
    assert!(page.contains("That time was just taken or is no longer free"));
    assert!(!slot_values(&page).contains(&values[0]));
    assert!(statuses(&app, case_id).await.is_empty());
    // An appointment id from another case cancels nothing.
    let theirs: i64 = app
        .one("SELECT id FROM appointments WHERE case_id = $1", (other,))
        .await;
    let resp = ana
        .post_case(case_id, "appointment", &[("cancel", &theirs.to_string())])
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(statuses(&app, other).await[0].0, "booked");
}

async fn a_web_booking_shows_on_the_navigators_case(app: TestApp) {
    let (ana, case_id, code) = ana_with_a_case(&app).await;
    let body = app
        .get(&format!("/help/{code}"))
        .await
        .text()
        .await
        .unwrap();
    let values = slot_values(&body);
    let resp = app
        .post_form(
            &format!("/help/{code}/appointment"),
            &[("slot", &values[1])],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (_, body) = ana.page(&format!("/cases/{case_id}?book=1")).await;
    assert!(body.contains("Appointment: ") && body.contains("at Central Library with Ana Navarro"));
    assert!(body.contains("(booked by the resident on the web)"));
    // In Spanish too.
    let (_, body) = ana.page(&format!("/cases/{case_id}?lang=es")).await;
    assert!(body.contains("Cita: ") && body.contains("en Central Library con Ana Navarro"));
}

on_both_backends!(
    navigator_books_and_cancels_from_the_case,
    refused_bookings_store_nothing,
    a_web_booking_shows_on_the_navigators_case,
);
