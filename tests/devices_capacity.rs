//! Capacity that is true (issue 18): a program with devices in the inventory has as many
//! places as it has devices available, wherever places are read (eligibility on the
//! resident's confirmation page, the case page's referral form, the program pages, the HSDS
//! export); when the last one is lent the next resident sees no places left and a referral is
//! recorded as `no_capacity`. Devices are inserted directly: the stores are other parts' work.

mod common;

use common::staff::{hidden, new_case, text, ANA, DANA};
use common::{stored_case, valid_form, TestApp};
use navdesk::cases::store::program_choices;

/// A device of `program` with `status`; its id.
async fn device(app: &TestApp, tag: &str, program: i64, status: &str) -> i64 {
    app.one(
        "INSERT INTO devices (asset_tag, kind, program_id, status, created_at, updated_at) \
         VALUES ($1, 'hotspot', $2, $3, 0, 0) RETURNING id",
        (tag, program, status),
    )
    .await
}

/// An active program open to everyone, in English and Spanish, with `typed` places on its form.
async fn program(app: &TestApp, name: &str, typed: Option<i64>) -> i64 {
    app.one(
        "INSERT INTO programs (organization, name, categories, languages, capacity_available) \
         VALUES ('Denver Public Library', $1, 'device', 'en,es', $2) RETURNING id",
        (name, typed),
    )
    .await
}

/// A device changes status as a lend or a return would (through a POST, which tells this
/// instance's caches).
async fn set_status(app: &TestApp, device: i64, status: &str) {
    app.exec(
        "UPDATE devices SET status = $1 WHERE id = $2",
        (status, device),
    )
    .await;
    app.db.note_change();
}

async fn places_are_the_available_devices(app: TestApp) {
    let hotspots = program(&app, "Hotspot lending", Some(7)).await;
    let tablets = program(&app, "Tablet loans", Some(3)).await;
    let plans = program(&app, "Discount plans", None).await;
    for (tag, status) in [
        ("HS-1", "available"),
        ("HS-2", "available"),
        ("HS-3", "on_loan"),
        ("HS-4", "in_repair"),
        ("HS-5", "retired"),
        ("HS-6", "lost"),
    ] {
        device(&app, tag, hotspots, status).await;
    }
    // Only retired devices: the program's own number still counts.
    device(&app, "TB-1", tablets, "retired").await;

    let choices = program_choices(&app.db).await.unwrap();
    let places = |id: i64| {
        let c = choices.iter().find(|c| c.id == id).unwrap();
        (c.capacity_available, c.from_inventory)
    };
    assert_eq!(places(hotspots), (Some(2), true));
    assert_eq!(places(tablets), (Some(3), false));
    assert_eq!(places(plans), (None, false));

    let hsds = navdesk::programs::hsds::export(&app.db).await.unwrap();
    let exported = |name: &str| {
        hsds.as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap()["x_navdesk_capacity_available"]
            .clone()
    };
    assert_eq!(exported("Hotspot lending"), 2);
    assert_eq!(exported("Tablet loans"), 3);

    // The program pages say where the number comes from, and offer no field to type it.
    let dana = app.with_user(DANA).await;
    let (_, list) = dana.page("/programs").await;
    assert!(list.contains("2 available, from the inventory"), "{list}");
    let (status, page) = dana.page(&format!("/programs/{hotspots}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("2 available, from the inventory"), "{page}");
    assert!(!page.contains("name=\"capacity_available\""));
    let (_, tablet_page) = dana.page(&format!("/programs/{tablets}")).await;
    assert!(tablet_page.contains("name=\"capacity_available\""));

    // Saving the program keeps its typed number (for when it has no devices any more).
    let fields = [
        ("csrf_token", hidden(&page, "csrf_token")),
        ("version", hidden(&page, "version")),
        ("organization", "Denver Public Library".into()),
        ("name", "Hotspot lending".into()),
        ("categories", "device".into()),
        ("languages", "en".into()),
        ("languages", "es".into()),
        ("status", "active".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = dana.post(&format!("/programs/{hotspots}"), &fields).await;
    assert_eq!(resp.status(), 303);
    let typed: Option<i64> = app
        .one(
            "SELECT capacity_available FROM programs WHERE id = $1",
            (hotspots,),
        )
        .await;
    assert_eq!(typed, Some(7));
    app.stop().await;
}

/// The confirmation page of a new request, in English.
async fn confirmation(app: &TestApp) -> String {
    let resp = app.post_form("/help", &valid_form()).await;
    assert_eq!(resp.status(), 303);
    let (_, code) = stored_case(app, &resp).await;
    let resp = app
        .get_with(&format!("/help/{code}"), "cookie", "lang=en")
        .await;
    assert_eq!(resp.status(), 200);
    text(&resp.text().await.unwrap())
}

async fn the_last_device_lent_leaves_no_places(app: TestApp) {
    let hotspots = program(&app, "Hotspot lending", Some(5)).await;
    let last = device(&app, "HS-1", hotspots, "available").await;
    device(&app, "HS-2", hotspots, "on_loan").await;

    let page = confirmation(&app).await;
    assert!(page.contains("Hotspot lending"), "{page}");
    assert!(!page.contains("no places left right now"), "{page}");

    set_status(&app, last, "on_loan").await;
    let page = confirmation(&app).await;
    assert!(page.contains("Hotspot lending"), "{page}");
    assert!(page.contains("no places left right now"), "{page}");

    // A navigator's referral to it now is recorded as no capacity, whatever status was chosen.
    let ana = app.with_user(ANA).await;
    let (case, _) = new_case(&app, "Rosa Díaz", navdesk::db::now()).await;
    app.assign(case, &ana, "in_progress").await;
    let (_, body) = ana.page(&format!("/cases/{case}")).await;
    assert!(
        body.contains("Hotspot lending (Denver Public Library) · no places left now"),
        "{body}"
    );
    let refer = async |case: i64| {
        let resp = ana
            .post_case(
                case,
                "referrals",
                &[
                    ("program", &hotspots.to_string()),
                    ("referral_status", "referred"),
                ],
            )
            .await;
        assert_eq!(resp.status(), 303);
        let status: String = app
            .one(
                "SELECT status FROM referrals WHERE case_id = $1 AND program_id = $2",
                (case, hotspots),
            )
            .await;
        status
    };
    assert_eq!(refer(case).await, "no_capacity");

    // Returned: a place again, and a referral is what the navigator chose.
    set_status(&app, last, "available").await;
    let (other, _) = new_case(&app, "Tomás Vega", navdesk::db::now()).await;
    app.assign(other, &ana, "in_progress").await;
    assert_eq!(refer(other).await, "referred");
    let page = confirmation(&app).await;
    assert!(!page.contains("no places left right now"), "{page}");
    app.stop().await;
}

on_both_backends!(
    places_are_the_available_devices,
    the_last_device_lent_leaves_no_places
);
