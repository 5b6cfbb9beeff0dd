//! The device inventory over HTTP, on SQLite and on PostgreSQL: supervisors add, edit (a stale
//! form refused), change the status of and retire devices, each change in the device's
//! history; navigators read the list and a device but change nothing; a device a resident
//! has on loan keeps its status; the list's filters and pages.

mod common;

use common::appointments::site;
use common::staff::{hidden, text, Staff, ANA};
use common::{location, TestApp};
use navdesk::auth::Role;

async fn post_with_csrf(who: &Staff, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = who.csrf().await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    who.post(path, &form).await
}

fn device_form<'a>(tag: &'a str, program: &'a str, site: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("asset_tag", tag),
        ("kind", "hotspot"),
        ("serial", "SN-1"),
        ("program", program),
        ("site", site),
        ("condition", "good"),
        ("notes", "Charger in the box."),
    ]
}

/// The device's status, version and how many lines its history has.
async fn state(app: &TestApp, id: i64) -> (String, i64, i64) {
    let (status, version): (String, i64) = app
        .row("SELECT status, version FROM devices WHERE id = $1", (id,))
        .await;
    let events: i64 = app
        .one(
            "SELECT COUNT(*) FROM device_events WHERE device_id = $1",
            (id,),
        )
        .await;
    (status, version, events)
}

async fn supervisors_add_edit_and_retire_devices_with_their_history(app: TestApp) {
    let program = app
        .program("Denver Public Library", "Hotspot lending")
        .await;
    let central = site(&app, "Central Library").await;
    let montbello = site(&app, "Montbello Branch Library").await;
    let (program, central, montbello) = (
        program.to_string(),
        central.to_string(),
        montbello.to_string(),
    );
    let nav = app.with_user(ANA).await;
    let sup = app.with_user(Role::Supervisor).await;

    // Navigators read the list but change nothing.
    let (status, page) = nav.page("/devices").await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/devices\""), "in the staff bar");
    assert!(!page.contains("/devices/new"), "no link to add");
    assert_eq!(nav.get("/devices/new").await.status(), 403);
    assert_eq!(nav.get("/devices/export.csv").await.status(), 403);
    let resp = post_with_csrf(&nav, "/devices/new", &device_form("HS-1", &program, "")).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("devices").await, 0);

    // A bad form: 422, what was typed kept, nothing stored.
    let resp = post_with_csrf(&sup, "/devices/new", &device_form(" ", "999", "")).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Enter the asset tag."), "{body}");
    assert!(body.contains("Choose the program that owns the device."));
    assert!(body.contains("Charger in the box."), "notes kept");
    assert_eq!(app.count("devices").await, 0);

    let resp = post_with_csrf(
        &sup,
        "/devices/new",
        &device_form("HS-0001", &program, &central),
    )
    .await;
    assert_eq!(resp.status(), 303);
    let at = location(&resp);
    let id: i64 = app
        .one("SELECT id FROM devices WHERE asset_tag = 'HS-0001'", ())
        .await;
    assert_eq!(at, format!("/devices/{id}?saved=1"));
    assert_eq!(state(&app, id).await, ("available".into(), 1, 1));

    // Asset tags are unique in any case.
    let resp = post_with_csrf(&sup, "/devices/new", &device_form("hs-0001", &program, "")).await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Another device has this asset tag."));
    assert_eq!(app.count("devices").await, 1);

    // An edit from the page as drawn; then one from a page drawn before it is refused.
    let (_, page) = sup.page(&format!("/devices/{id}")).await;
    assert_eq!(hidden(&page, "version"), "1");
    let mut edit = device_form("HS-0001", &program, &montbello);
    edit.retain(|(k, _)| *k != "condition");
    edit.push(("condition", "fair"));
    edit.push(("version", "1"));
    let resp = post_with_csrf(&sup, &format!("/devices/{id}"), &edit).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(state(&app, id).await, ("available".into(), 2, 2));
    let resp = post_with_csrf(&sup, &format!("/devices/{id}"), &edit).await;
    assert_eq!(resp.status(), 409);
    assert!(text(&resp.text().await.unwrap()).contains("Someone else changed this device"));
    assert_eq!(state(&app, id).await, ("available".into(), 2, 2));

    // Out of service by hand, with a reason; a status only lending sets is refused.
    let path = format!("/devices/{id}/status");
    let fields = [
        ("status", "in_repair"),
        ("version", "2"),
        ("note", "Does not charge"),
    ];
    let resp = post_with_csrf(&sup, &path, &fields).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(state(&app, id).await, ("in_repair".into(), 3, 3));
    let resp = post_with_csrf(&sup, &path, &[("status", "on_loan"), ("version", "3")]).await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("only from a resident's case"));
    let resp = post_with_csrf(&sup, &path, &[("status", "retired"), ("version", "3")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(state(&app, id).await, ("retired".into(), 4, 4));

    // The history, newest first, as a navigator reads it: who, what, from what to what.
    let (status, page) = nav.page(&format!("/devices/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("name=\"version\""),
        "no forms for a navigator"
    );
    let history = &page[page.find("id=\"history\"").expect("a history")..];
    let order: Vec<usize> = [
        "In repair → Retired",
        "Available → In repair · Does not charge",
        "Edited",
        "Site, Condition",
        "Added",
    ]
    .iter()
    .map(|s| {
        history
            .find(s)
            .unwrap_or_else(|| panic!("{s} in {history}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    assert!(history.contains("Sam Sup"));
}

async fn a_device_out_on_loan_keeps_its_status(app: TestApp) {
    let program = app
        .program("Denver Public Library", "Hotspot lending")
        .await;
    let sup = app.with_user(Role::Supervisor).await;
    let id: i64 = app
        .one(
            "INSERT INTO devices (asset_tag, kind, program_id, status, created_at, updated_at) \
             VALUES ('HS-7', 'hotspot', $1, 'on_loan', 0, 0) RETURNING id",
            (program,),
        )
        .await;
    app.exec(
        "INSERT INTO loans (device_id, kind, language, lent_at, due_on) \
         VALUES ($1, 'loan', 'es', 0, '2030-01-01')",
        (id,),
    )
    .await;
    let (_, page) = sup.page(&format!("/devices/{id}")).await;
    assert!(page.contains("check it back in, or mark it lost, from their case"));
    assert!(
        !page.contains("Retire this device"),
        "no button that would fail"
    );
    for status in ["available", "retired", "lost"] {
        let fields = [("status", status), ("version", "1")];
        let resp = post_with_csrf(&sup, &format!("/devices/{id}/status"), &fields).await;
        assert_eq!(resp.status(), 409, "{status}");
    }
    assert_eq!(state(&app, id).await, ("on_loan".into(), 1, 0));

    // Once the loan has ended, the device is the supervisor's again.
    app.exec(
        "UPDATE loans SET ended_at = 1, ended_how = 'returned' WHERE device_id = $1",
        (id,),
    )
    .await;
    let fields = [("status", "available"), ("version", "1")];
    let resp = post_with_csrf(&sup, &format!("/devices/{id}/status"), &fields).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(state(&app, id).await, ("available".into(), 2, 1));
}

/// How many devices a list page shows.
fn rows(page: &str) -> usize {
    page.matches("<th scope=\"row\">").count()
}

async fn the_list_filters_and_pages(app: TestApp) {
    let hotspots = app
        .program("Denver Public Library", "Hotspot lending")
        .await;
    let computers = app.program("PCs for People", "Refurbished computers").await;
    let central = site(&app, "Central Library").await;
    // 120 devices: hotspots at the library (every fifth in repair), laptops at no site.
    for n in 0..120i64 {
        let (kind, program, site, prefix) = if n % 2 == 0 {
            ("hotspot", hotspots, central, "HS")
        } else {
            ("laptop", computers, 0, "LT")
        };
        let status = if n % 10 == 0 {
            "in_repair"
        } else {
            "available"
        };
        app.exec(
            "INSERT INTO devices (asset_tag, kind, serial, program_id, site_id, status, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, CASE WHEN $5 = 0 THEN NULL ELSE $5 END, $6, 0, 0)",
            (
                format!("{prefix}-{n:04}"),
                kind,
                format!("SER{n:05}"),
                program,
                site,
                status,
            ),
        )
        .await;
    }
    let nav = app.with_user(ANA).await;
    let (_, page) = nav.page("/devices").await;
    assert_eq!(rows(&page), 50);
    assert!(page.contains("Available: 108") && page.contains("In repair: 12"));
    assert!(page.contains("rel=\"next\""));
    let (_, last) = nav.page("/devices?page=3").await;
    assert_eq!(rows(&last), 20);
    assert!(!last.contains("rel=\"next\""));

    let (_, page) = nav.page("/devices?kind=laptop").await;
    assert_eq!(rows(&page), 50);
    assert!(!page.contains(">HS-"));
    let (_, page) = nav.page("/devices?kind=laptop&page=2").await;
    assert_eq!(rows(&page), 10);
    let (_, page) = nav
        .page(&format!("/devices?status=in_repair&program={hotspots}"))
        .await;
    assert_eq!(rows(&page), 12, "every tenth is even: all hotspots");
    let (_, page) = nav
        .page(&format!("/devices?site={central}&q=ser0001"))
        .await;
    // SER00010 .. SER00019, of which the even ones are at the library.
    assert_eq!(rows(&page), 5);
    assert!(page.contains("value=\"ser0001\""), "the search is kept");
    let (_, page) = nav.page("/devices?q=lt-0003").await;
    assert_eq!(rows(&page), 1, "tags in any case");
    let (_, page) = nav.page("/devices?q=%25").await;
    assert_eq!(rows(&page), 0, "a % is taken literally");
    let (_, page) = nav.page("/devices?program=nonsense").await;
    assert!(page.contains("No devices match."));
    // The pages' links keep the filters.
    let (_, page) = nav.page("/devices?kind=laptop").await;
    assert!(
        page.contains("href=\"/devices?kind=laptop&amp;page=2\""),
        "{page}"
    );
}

on_both_backends!(
    supervisors_add_edit_and_retire_devices_with_their_history,
    a_device_out_on_loan_keeps_its_status,
    the_list_filters_and_pages,
);
