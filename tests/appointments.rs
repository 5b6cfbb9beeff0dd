//! Booking appointments through the store, on SQLite and PostgreSQL: a slot booked, moved,
//! cancelled and freed; a slot in the past, on a closed day, outside the hours or with a
//! navigator who does not speak the language refused with nothing stored. The race for the
//! last slot is in `appointments_web`.

mod common;

use common::appointments::{hours, site};
use common::staff::{new_case, ANA, BEN};
use common::TestApp;
use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use navdesk::appointments::slots::{free_slots, Seeker, SlotKey};
use navdesk::appointments::store::{self, BookError, BookedVia, Status};

fn denver() -> TimeZone {
    TimeZone::get("America/Denver").unwrap()
}

/// Local time in Denver, as UTC seconds.
fn local(day: Date, hh: i8, mm: i8) -> i64 {
    day.at(hh, mm, 0, 0)
        .to_zoned(denver())
        .unwrap()
        .timestamp()
        .as_second()
}

/// Monday 2030-01-07, 08:00 in Denver: the clock these tests book by.
fn monday_morning() -> i64 {
    local(date(2030, 1, 7), 8, 0)
}

/// A navigator (en, es) with Wednesday 09:00-10:00 at a new site: two slots that week.
async fn wednesday_hours(app: &TestApp) -> (i64, i64) {
    let navigator = app.with_user(ANA).create().await.navigator_id.unwrap();
    let site = site(app, "Central Library").await;
    hours(app, navigator, site, 3, 540, 600).await;
    (navigator, site)
}

async fn slots_for(app: &TestApp, case_id: i64, now: i64) -> Vec<SlotKey> {
    let seeker = Seeker::for_case(&app.db, case_id).await.unwrap().unwrap();
    free_slots(&app.db, &denver(), &seeker, now, 7, 10)
        .await
        .unwrap()
        .iter()
        .map(|s| s.key())
        .collect()
}

async fn booked_moved_and_cancelled(app: TestApp) {
    let (navigator, site) = wednesday_hours(&app).await;
    let (case_id, _) = new_case(&app, "Rosa Díaz", monday_morning()).await;
    let now = monday_morning();
    let wednesday = date(2030, 1, 9);
    let slots = slots_for(&app, case_id, now).await;
    assert_eq!(
        slots.iter().map(|k| k.starts_at).collect::<Vec<_>>(),
        vec![local(wednesday, 9, 0), local(wednesday, 9, 30)]
    );
    assert!(slots
        .iter()
        .all(|k| k.navigator_id == navigator && k.site_id == site));

    let first = store::book(&app.db, &denver(), case_id, &slots[0], BookedVia::Web, now)
        .await
        .unwrap();
    assert_eq!(first.status, Status::Booked);
    assert_eq!(first.ends_at - first.starts_at, 1800);
    assert_eq!(first.site_name, "Central Library");
    let upcoming = store::upcoming_for_case(&app.db, case_id, now)
        .await
        .unwrap();
    assert_eq!(upcoming.as_ref().map(|a| a.id), Some(first.id));
    // Booked slots are no longer offered, to anyone.
    let (other, _) = new_case(&app, "Luis Ortega", now).await;
    assert_eq!(slots_for(&app, other, now).await, vec![slots[1]]);

    // Booking again moves the appointment: the old one is cancelled, its slot free again.
    let second = store::book(&app.db, &denver(), case_id, &slots[1], BookedVia::Text, now)
        .await
        .unwrap();
    let statuses: Vec<(i64, String)> = app
        .rows(
            "SELECT id, status FROM appointments WHERE case_id = $1 ORDER BY id",
            (case_id,),
        )
        .await;
    assert_eq!(
        statuses,
        vec![
            (first.id, "cancelled".to_owned()),
            (second.id, "booked".to_owned())
        ]
    );
    assert_eq!(slots_for(&app, other, now).await, vec![slots[0]]);
    let kinds: Vec<String> = app
        .all(
            "SELECT kind FROM case_events WHERE case_id = $1 AND kind LIKE 'appointment%' \
             ORDER BY id",
            (case_id,),
        )
        .await;
    assert_eq!(kinds, ["appointment_booked", "appointment_moved"]);

    // Confirmed, then cancelled: the slot is free at once, and a cancelled one stays so.
    assert!(
        store::set_status(&app.db, second.id, Status::Confirmed, None, now)
            .await
            .unwrap()
    );
    assert!(store::cancel(&app.db, second.id, None, now).await.unwrap());
    assert!(!store::cancel(&app.db, second.id, None, now).await.unwrap());
    assert!(
        !store::set_status(&app.db, second.id, Status::Attended, None, now)
            .await
            .unwrap()
    );
    assert_eq!(slots_for(&app, other, now).await, slots);
    assert!(store::upcoming_for_case(&app.db, case_id, now)
        .await
        .unwrap()
        .is_none());
}

async fn staff_booking_is_on_the_timeline_and_in_the_audit_log(app: TestApp) {
    let (_, _) = wednesday_hours(&app).await;
    let ben = app.with_user(BEN).create().await;
    let now = monday_morning();
    let (case_id, _) = new_case(&app, "Rosa Díaz", now).await;
    let slots = slots_for(&app, case_id, now).await;
    let via = BookedVia::Staff {
        user_id: ben.user_id,
    };
    let booked = store::book(&app.db, &denver(), case_id, &slots[0], via, now)
        .await
        .unwrap();
    assert_eq!(booked.booked_via, "staff");
    let (actor, data): (Option<i64>, String) = app
        .row(
            "SELECT actor_user_id, data FROM case_events WHERE case_id = $1 \
             AND kind = 'appointment_booked'",
            (case_id,),
        )
        .await;
    assert_eq!(actor, Some(ben.user_id));
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data["site"], "Central Library");
    assert_eq!(data["starts_at"], booked.starts_at);
    let audited: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE case_id = $1 AND user_id = $2",
            (case_id, ben.user_id),
        )
        .await;
    assert_eq!(audited, 1);
}

async fn bad_slots_are_refused_and_nothing_is_stored(app: TestApp) {
    let (navigator, site) = wednesday_hours(&app).await;
    let now = monday_morning();
    let (case_id, _) = new_case(&app, "Rosa Díaz", now).await;
    let wednesday = date(2030, 1, 9);
    let key = |starts_at| SlotKey {
        navigator_id: navigator,
        site_id: site,
        starts_at,
    };
    let book = |key: SlotKey, now: i64| {
        let db = app.db.clone();
        async move { store::book(&db, &denver(), case_id, &key, BookedVia::Web, now).await }
    };
    let good = key(local(wednesday, 9, 0));

    // Past: the clock is after the slot's start.
    let after = local(wednesday, 9, 5);
    assert!(matches!(book(good, after).await, Err(BookError::Past)));
    // Off the grid of slots, outside the hours, another weekday.
    for starts_at in [
        local(wednesday, 9, 10),
        local(wednesday, 10, 0),
        local(date(2030, 1, 10), 9, 0),
    ] {
        let got = book(key(starts_at), now).await;
        assert!(matches!(got, Err(BookError::Unavailable)), "{got:?}");
    }
    // Another navigator's or another site's slot that is no one's hours.
    let wrong_site = SlotKey {
        site_id: site + 100,
        ..good
    };
    assert!(matches!(
        book(wrong_site, now).await,
        Err(BookError::Unavailable)
    ));
    let no_case = store::book(&app.db, &denver(), 999_999, &good, BookedVia::Web, now).await;
    assert!(matches!(no_case, Err(BookError::NoCase)));
    // A navigator who speaks neither Spanish nor is asked to bring an interpreter.
    app.exec(
        "UPDATE navigators SET languages = 'en,vi' WHERE id = $1",
        (navigator,),
    )
    .await;
    assert!(matches!(book(good, now).await, Err(BookError::Unavailable)));
    assert!(slots_for(&app, case_id, now).await.is_empty());
    // With an interpreter asked for, any language will do.
    app.exec(
        "UPDATE residents SET accessibility = 'interpreter' \
         WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
        (case_id,),
    )
    .await;
    assert_eq!(slots_for(&app, case_id, now).await.len(), 2);
    app.exec(
        "UPDATE residents SET accessibility = '' \
         WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
        (case_id,),
    )
    .await;
    app.exec(
        "UPDATE navigators SET languages = 'en,es' WHERE id = $1",
        (navigator,),
    )
    .await;
    // A closed day: the site's, then every site's.
    app.exec(
        "INSERT INTO site_closures (site_id, day, reason) VALUES ($1, '2030-01-09', 'Inventory')",
        (site,),
    )
    .await;
    assert!(matches!(book(good, now).await, Err(BookError::Closed)));
    assert!(slots_for(&app, case_id, now).await.is_empty());
    app.exec("DELETE FROM site_closures", ()).await;
    app.exec(
        "INSERT INTO site_closures (site_id, day, reason) VALUES (NULL, '2030-01-09', 'Holiday')",
        (),
    )
    .await;
    assert!(matches!(book(good, now).await, Err(BookError::Closed)));
    // An inactive navigator is offered nowhere and cannot be booked.
    app.exec("DELETE FROM site_closures", ()).await;
    app.exec(
        "UPDATE navigators SET active = 0 WHERE id = $1",
        (navigator,),
    )
    .await;
    assert!(matches!(book(good, now).await, Err(BookError::Unavailable)));
    assert!(slots_for(&app, case_id, now).await.is_empty());

    assert_eq!(app.count("appointments").await, 0);
    let events: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE kind LIKE 'appointment%'",
            (),
        )
        .await;
    assert_eq!(events, 0);
}

on_both_backends!(
    booked_moved_and_cancelled,
    staff_booking_is_on_the_timeline_and_in_the_audit_log,
    bad_slots_are_refused_and_nothing_is_stored,
);
