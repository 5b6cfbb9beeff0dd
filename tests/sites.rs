//! Sites over HTTP and as HSDS 3.0, on SQLite and on PostgreSQL: supervisors add and change
//! sites, navigators' office hours (overlaps refused, nothing stored) and closures; a site
//! with bookings is not deleted; sites with their hours go out as HSDS locations and back.

mod common;

use common::staff::{text, Staff, ANA, BEN};
use common::{location, TestApp};
use navdesk::auth::Role;
use navdesk::sites::hsds;
use serde_json::Value;

async fn post_with_csrf(who: &Staff, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = who.csrf().await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    who.post(path, &form).await
}

fn site_form<'a>(name: &'a str, lat: &'a str, lon: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("address", "10 W Fourteenth Ave Pkwy, Denver, CO 80204"),
        ("lat", lat),
        ("lon", lon),
        ("area", ""),
        ("accessibility", "Step-free entrance."),
        ("languages", "en"),
        ("languages", "es"),
        ("slot_minutes", "30"),
        ("active", "yes"),
    ]
}

/// A square area around (39.74, -104.99), so a point inside it is placed there.
async fn area_with_shape(app: &TestApp) -> i64 {
    let id = app.area("Civic Center").await;
    let shape = r#"{"type":"Polygon","coordinates":[[[-105.0,39.73],[-104.98,39.73],[-104.98,39.75],[-105.0,39.75],[-105.0,39.73]]]}"#;
    app.exec("UPDATE areas SET geometry = $1 WHERE id = $2", (shape, id))
        .await;
    id
}

async fn site_id(app: &TestApp, name: &str) -> i64 {
    app.one("SELECT id FROM sites WHERE name = $1", (name,))
        .await
}

async fn supervisors_manage_sites_hours_and_closures(app: TestApp) {
    let area = area_with_shape(&app).await;
    let nav = app.with_user(ANA).await;
    let ben = app.with_user(BEN).create().await;
    let sup = app.with_user(Role::Supervisor).await;
    assert_eq!(nav.get("/sites").await.status(), 403);
    let (status, page) = sup.page("/sites").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("href=\"/sites\""),
        "linked from the staff bar"
    );

    // Bad fields: 422, what was typed kept, nothing stored.
    let mut bad = site_form("Central Library", "39.74", "");
    bad.retain(|(k, _)| *k != "slot_minutes");
    bad.push(("slot_minutes", "5"));
    let resp = post_with_csrf(&sup, "/sites/new", &bad).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Enter both latitude and longitude"), "{body}");
    assert!(body.contains("from 10 to 240"));
    assert!(body.contains("value=\"Central Library\"") && body.contains("value=\"5\""));
    assert_eq!(app.count("sites").await, 0);

    // A good site: its area is found from its point.
    let resp = post_with_csrf(
        &sup,
        "/sites/new",
        &site_form("Central Library", "39.74", "-104.99"),
    )
    .await;
    assert_eq!(resp.status(), 303);
    let central = site_id(&app, "Central Library").await;
    assert_eq!(location(&resp), format!("/sites/{central}?saved=1"));
    let stored: (Option<i64>, String, i64, String) = app
        .row(
            "SELECT area_id, languages, slot_minutes, accessibility FROM sites WHERE id = $1",
            (central,),
        )
        .await;
    assert_eq!(
        stored,
        (
            Some(area),
            "en,es".to_owned(),
            30,
            "Step-free entrance.".to_owned()
        )
    );
    // The same name again is a field error.
    let resp = post_with_csrf(&sup, "/sites/new", &site_form("Central Library", "", "")).await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Another site has this name"));
    let resp = post_with_csrf(
        &sup,
        "/sites/new",
        &site_form("Montbello Branch Library", "", ""),
    )
    .await;
    assert_eq!(resp.status(), 303);
    let montbello = site_id(&app, "Montbello Branch Library").await;

    // An edit at the version drawn is saved; the same stale form again is a conflict.
    let path = format!("/sites/{central}");
    let (_, page) = sup.page(&path).await;
    let version = common::staff::hidden(&page, "version");
    let mut edit = site_form("Central Library", "39.74", "-104.99");
    edit.retain(|(k, _)| *k != "slot_minutes");
    edit.push(("slot_minutes", "45"));
    edit.push(("version", &version));
    assert_eq!(post_with_csrf(&sup, &path, &edit).await.status(), 303);
    assert_eq!(post_with_csrf(&sup, &path, &edit).await.status(), 409);
    let slot: i64 = app
        .one("SELECT slot_minutes FROM sites WHERE id = $1", (central,))
        .await;
    assert_eq!(slot, 45);

    // Office hours: added; then hours overlapping them at another site are refused, naming
    // the hours they overlap; touching hours are fine.
    let ana = nav.navigator_id.unwrap().to_string();
    let hours = |nav: &'static str, day: &'static str, start: &'static str, end: &'static str| {
        vec![
            ("navigator", nav),
            ("weekday", day),
            ("start", start),
            ("end", end),
        ]
    };
    let ana: &'static str = Box::leak(ana.into_boxed_str());
    let resp = post_with_csrf(
        &sup,
        &format!("{path}/hours"),
        &hours(ana, "1", "09:00", "12:00"),
    )
    .await;
    assert_eq!(resp.status(), 303);
    let other = format!("/sites/{montbello}/hours");
    let resp = post_with_csrf(&sup, &other, &hours(ana, "1", "11:30", "13:00")).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(
        body.contains("already keeps hours at Central Library on Monday, 09:00–12:00"),
        "{body}"
    );
    assert!(body.contains("value=\"11:30\""), "what was typed is kept");
    assert_eq!(app.count("office_hours").await, 1);
    let resp = post_with_csrf(&sup, &other, &hours(ana, "1", "12:00", "13:00")).await;
    assert_eq!(resp.status(), 303);
    // Another navigator may keep the same hours; bad times and days are named.
    let ben_id: &'static str = Box::leak(ben.navigator_id.unwrap().to_string().into_boxed_str());
    let resp = post_with_csrf(&sup, &other, &hours(ben_id, "1", "11:30", "13:00")).await;
    assert_eq!(resp.status(), 303);
    let resp = post_with_csrf(&sup, &other, &hours(ben_id, "8", "14:00", "13:00")).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(
        body.contains("Choose a day from the list")
            && body.contains("The end must be after the start")
    );
    assert_eq!(app.count("office_hours").await, 3);
    let (_, page) = sup.page(&path).await;
    assert!(
        page.contains("Monday") && page.contains("09:00–12:00") && page.contains("Ana Navarro")
    );
    // Removing hours.
    let id: i64 = app
        .one("SELECT id FROM office_hours WHERE site_id = $1", (central,))
        .await;
    let resp = post_with_csrf(&sup, &format!("{path}/hours/{id}/delete"), &[]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("office_hours").await, 2);

    // Closures: every site, or one; the same day twice, a past day and a bad date are named.
    let central_text = central.to_string();
    let next_year = format!("{}-11-26", jiff::Zoned::now().year() + 1);
    let closure = |day: &str, site: &str| {
        vec![
            ("day", day.to_owned()),
            ("site", site.to_owned()),
            ("reason", "Thanksgiving".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let sup = &sup;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_with_csrf(sup, "/sites/closures", &fields).await
        }
    };
    assert_eq!(send(closure(&next_year, "")).await.status(), 303);
    assert_eq!(send(closure(&next_year, &central_text)).await.status(), 303);
    let resp = send(closure(&next_year, "")).await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("already closed that day"));
    let resp = send(closure("2001-01-01", "")).await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Choose today or a later day"));
    let resp = send(closure("2030-02-30", "999999")).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Enter a date") && body.contains("Choose a site from the list"));
    assert!(body.contains("value=\"2030-02-30\""));
    assert_eq!(app.count("site_closures").await, 2);
    let (_, page) = sup.page("/sites").await;
    assert!(page.contains(&next_year) && page.contains("Every site"));
    let id: i64 = app
        .one("SELECT id FROM site_closures WHERE site_id IS NULL", ())
        .await;
    let resp = post_with_csrf(&sup, &format!("/sites/closures/{id}/delete"), &[]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(app.count("site_closures").await, 1);
    app.stop().await;
}

async fn a_site_with_bookings_is_not_deleted(app: TestApp) {
    let nav = app.with_user(ANA).await;
    let sup = app.with_user(Role::Supervisor).await;
    for name in ["Central Library", "Montbello Branch Library"] {
        let resp = post_with_csrf(&sup, "/sites/new", &site_form(name, "", "")).await;
        assert_eq!(resp.status(), 303);
    }
    let central = site_id(&app, "Central Library").await;
    let montbello = site_id(&app, "Montbello Branch Library").await;
    let (case_id, _) = common::staff::new_case(&app, "Ana García", navdesk::db::now()).await;
    let soon = navdesk::db::now() + 86_400;
    app.exec(
        "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, status, \
           booked_via, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'booked', 'staff', 0, 0)",
        (case_id, nav.navigator_id.unwrap(), central, soon, soon + 1800),
    )
    .await;
    app.exec(
        "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, end_minute) \
         VALUES ($1, $2, 2, 540, 720)",
        (montbello, nav.navigator_id.unwrap()),
    )
    .await;
    app.exec(
        "INSERT INTO site_closures (site_id, day, reason) VALUES ($1, '2099-01-01', '')",
        (montbello,),
    )
    .await;

    let resp = post_with_csrf(&sup, &format!("/sites/{central}/delete"), &[]).await;
    assert_eq!(resp.status(), 409);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("One resident is booked here"), "{body}");
    assert!(body.contains("Mark the site as not open instead"));
    assert_eq!(app.count("sites").await, 2);
    // Cancelled, the booking no longer holds the site, but its history still does.
    app.exec("UPDATE appointments SET status = 'cancelled'", ())
        .await;
    let resp = post_with_csrf(&sup, &format!("/sites/{central}/delete"), &[]).await;
    assert_eq!(resp.status(), 409);
    assert!(text(&resp.text().await.unwrap()).contains("refer to this site"));
    // A site nothing refers to goes, with its hours and closures.
    let resp = post_with_csrf(&sup, &format!("/sites/{montbello}/delete"), &[]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), "/sites?deleted=1");
    assert_eq!(app.count("sites").await, 1);
    assert_eq!(app.count("office_hours").await, 0);
    assert_eq!(app.count("site_closures").await, 0);
    assert_eq!(
        post_with_csrf(&sup, &format!("/sites/{montbello}/delete"), &[])
            .await
            .status(),
        404
    );
    app.stop().await;
}

/// Fields HSDS 3.0 requires of each object we write (location.json, schedule.json,
/// address.json, language.json, accessibility.json), and the values its enums allow.
fn check_hsds(location: &Value) {
    common::hsds::assert_valid("location", location, "the export's location");
    for key in ["id", "location_type"] {
        assert!(location[key].is_string(), "location {key}: {location:#}");
    }
    assert!(
        ["physical", "postal", "virtual"].contains(&location["location_type"].as_str().unwrap())
    );
    for address in location["addresses"].as_array().unwrap() {
        for key in [
            "id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ] {
            assert!(address[key].is_string(), "address {key}: {address:#}");
        }
    }
    for key in ["languages", "accessibility", "schedules"] {
        for item in location[key].as_array().unwrap() {
            assert!(item["id"].is_string(), "{key} id: {item:#}");
        }
    }
    for s in location["schedules"].as_array().unwrap() {
        assert!(["WEEKLY", "MONTHLY"].contains(&s["freq"].as_str().unwrap()));
        assert!(["MO", "TU", "WE", "TH", "FR", "SA", "SU"].contains(&s["wkst"].as_str().unwrap()));
        assert_eq!(s["location_id"], location["id"]);
    }
}

async fn sites_and_hours_round_trip_through_hsds(app: TestApp) {
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let today = jiff::civil::date(2025, 11, 20);
    let ana = app.with_user(ANA).create().await.navigator_id.unwrap();
    let ben = app.with_user(BEN).create().await.navigator_id.unwrap();
    let area = area_with_shape(&app).await;
    let central: i64 = app
        .one(
            "INSERT INTO sites (name, address, lat, lon, area_id, accessibility, languages, \
               slot_minutes, created_at, updated_at) \
             VALUES ('Central Library', '10 W Fourteenth Ave Pkwy, Denver, CO 80204', 39.74, \
               -104.99, $1, 'Step-free entrance.', 'en,es,ar', 45, 0, 0) RETURNING id",
            (area,),
        )
        .await;
    let montbello: i64 = app
        .one(
            "INSERT INTO sites (name, active, created_at, updated_at) \
             VALUES ('Montbello Branch Library', 0, 0, 0) RETURNING id",
            (),
        )
        .await;
    for (site, nav, day, start, end) in [
        (central, ana, 1_i64, 540_i64, 720_i64),
        (central, ana, 3, 540, 720),
        (central, ben, 1, 600, 900),
        (montbello, ana, 1, 780, 960),
    ] {
        app.exec(
            "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, end_minute) \
             VALUES ($1, $2, $3, $4, $5)",
            (site, nav, day, start, end),
        )
        .await;
    }
    app.exec(
        "INSERT INTO site_closures (site_id, day, reason) VALUES ($1, '2025-11-27', 'Thanksgiving')",
        (central,),
    )
    .await;
    let first = hsds::export(&app.db, &tz, &today.to_string())
        .await
        .unwrap();
    let list = first.as_array().unwrap();
    assert_eq!(list.len(), 2);
    list.iter().for_each(check_hsds);
    let c = &list[0];
    assert_eq!(c["name"], "Central Library");
    assert_eq!(c["latitude"], 39.74);
    assert_eq!(c["x_navdesk_area"], "Civic Center");
    assert_eq!(c["x_navdesk_slot_minutes"], 45);
    assert_eq!(c["languages"][2]["code"], "ar");
    assert_eq!(c["accessibility"][0]["description"], "Step-free entrance.");
    assert_eq!(c["x_navdesk_closures"][0]["day"], "2025-11-27");
    let s = &c["schedules"][0];
    assert_eq!(
        (
            s["byday"].as_str(),
            s["opens_at"].as_str(),
            s["closes_at"].as_str()
        ),
        (Some("MO"), Some("09:00"), Some("12:00"))
    );
    assert_eq!(s["x_navdesk_navigator"], "ana@navdesk.example");
    assert_eq!(s["x_navdesk_timezone"], "America/Denver");
    assert!(
        list[1].get("latitude").is_none(),
        "no point, no coordinates"
    );
    assert_eq!(list[1]["x_navdesk_active"], false);

    // Into a database without them, and again over them: the same export each time.
    for sql in [
        "DELETE FROM office_hours",
        "DELETE FROM site_closures",
        "DELETE FROM sites",
    ] {
        app.exec(sql, ()).await;
    }
    let summary = hsds::import(&app.db, &first, &tz, today).await.unwrap();
    assert_eq!((summary.created, summary.updated, summary.hours), (2, 0, 4));
    assert_eq!(
        hsds::export(&app.db, &tz, &today.to_string())
            .await
            .unwrap(),
        first
    );
    let summary = hsds::import(&app.db, &first, &tz, today).await.unwrap();
    assert_eq!((summary.created, summary.updated, summary.hours), (0, 2, 4));
    assert_eq!(
        hsds::export(&app.db, &tz, &today.to_string())
            .await
            .unwrap(),
        first
    );
    assert_eq!(app.count("office_hours").await, 4);

    // Another system's opening hours (no navigator), a list of days and a time with the
    // city's offset are read; an expired schedule is skipped.
    let mut doc = first.clone();
    doc[1]["schedules"] = serde_json::json!([
        { "id": "x", "freq": "WEEKLY", "byday": "TU,TH", "opens_at": "09:00-07:00",
          "closes_at": "11:00:00", "x_navdesk_navigator": "ben@navdesk.example" },
        { "id": "y", "freq": "WEEKLY", "byday": "MO", "opens_at": "08:00", "closes_at": "20:00" },
        { "id": "z", "freq": "WEEKLY", "byday": "FR", "opens_at": "08:00", "closes_at": "09:00",
          "valid_to": "2025-01-01", "x_navdesk_navigator": "ben@navdesk.example" },
    ]);
    let summary = hsds::import(&app.db, &doc, &tz, today).await.unwrap();
    assert_eq!((summary.hours, summary.skipped), (5, 2));

    // One bad entry and nothing is stored; each problem names its location.
    let before = hsds::export(&app.db, &tz, &today.to_string())
        .await
        .unwrap();
    let mut bad = before.clone();
    bad[0]["accessibility"][0]["description"] = "Changed".into();
    bad[0]["schedules"][0]["freq"] = "MONTHLY".into();
    bad[1]["schedules"][0]["x_navdesk_navigator"] = "nobody@navdesk.example".into();
    let mut off_the_map = bad[1].clone();
    off_the_map["name"] = "Nowhere".into();
    off_the_map["latitude"] = 123.0.into();
    off_the_map["longitude"] = 0.0.into();
    off_the_map["schedules"] = serde_json::json!([]);
    bad.as_array_mut().unwrap().push(off_the_map);
    let err = format!(
        "{:#}",
        hsds::import(&app.db, &bad, &tz, today).await.unwrap_err()
    );
    for needle in [
        "location \"Central Library\": schedule #1: freq \"MONTHLY\" is not WEEKLY",
        "location \"Montbello Branch Library\": navigator \"nobody@navdesk.example\" is not a navigator",
        "location \"Nowhere\": lat: Enter a latitude",
        "nothing was imported",
    ] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
    // Hours that overlap inside the file are found once stored, and rolled back.
    let mut overlapping = before.clone();
    overlapping[1]["schedules"] = serde_json::json!([
        { "id": "o", "freq": "WEEKLY", "byday": "MO", "opens_at": "11:00", "closes_at": "12:30",
          "x_navdesk_navigator": "ana@navdesk.example" },
    ]);
    let err = format!(
        "{:#}",
        hsds::import(&app.db, &overlapping, &tz, today)
            .await
            .unwrap_err()
    );
    assert!(
        err.contains("ana@navdesk.example's hours on MO 11:00-12:30 overlap"),
        "{err}"
    );
    assert_eq!(
        hsds::export(&app.db, &tz, &today.to_string())
            .await
            .unwrap(),
        before
    );

    // The sites page offers the same document to download.
    let sup = app.with_user(Role::Supervisor).await;
    let resp = sup.get("/sites/hsds.json").await;
    assert_eq!(resp.status(), 200);
    let served: Value = resp.json().await.unwrap();
    assert_eq!(served.as_array().unwrap().len(), 2);
    app.stop().await;
}

on_both_backends!(
    supervisors_manage_sites_hours_and_closures,
    a_site_with_bookings_is_not_deleted,
    sites_and_hours_round_trip_through_hsds,
);
