//! What other directories publish as HSDS 3.0, imported on both backends: every shape the
//! standard uses is read, and what navdesk cannot map becomes a draft program, with a report
//! per service, until a supervisor saves it.

mod common;

use common::hsds as schemas;
use common::programs::{seed, wipe};
use common::TestApp;
use navdesk::programs::hsds;
use serde_json::{json, Value};

const UUID: &str = "ac148810-d857-441c-9679-408f346de14b";

/// A service as a 211 publishes it, modelled on Open Referral's own example
/// (`examples/service_full.json`): nested organization, a phone abroad, schedules, a service
/// area described in words, eligibility in words, a language navdesk does not offer.
fn published_service(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "organization_id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
        "name": name,
        "alternate_name": "Computer classes",
        "description": "Free classes on using a computer, email and video calls.",
        "url": "https://example.com/computer-classes",
        "email": "classes@example.com",
        "status": "active",
        "application_process": "Call or walk in.",
        "eligibility_description": "Adults living in the city.",
        "minimum_age": 18,
        "maximum_age": 99,
        "assured_date": "2024-03-01",
        "last_modified": "2024-03-15T10:30:45.123Z",
        "organization": {
            "id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
            "name": "Example Community Center",
            "description": "A community center.",
        },
        "phones": [{ "id": "2ba2ff7c-4ed6-4c9b-97c2-1d1f9a1e3b20", "number": "+44 1234 567890",
                      "type": "telephone" }],
        "schedules": [{ "id": "0c2f1b5e-7a33-4d5c-9bb4-0a4e5f6b7c8d", "freq": "WEEKLY",
                         "byday": "TU", "opens_at": "10:00", "closes_at": "12:00" }],
        "service_areas": [{ "id": "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d",
                             "description": "The whole city and county." }],
        "languages": [{ "id": "b2c3d4e5-f6a7-4b6c-9d8e-0f1a2b3c4d5e", "name": "English",
                         "code": "en" },
                       { "id": "c3d4e5f6-a7b8-4c7d-8e9f-1a2b3c4d5e6f", "name": "French",
                         "code": "fr" }],
        "cost_options": [{ "id": "d4e5f6a7-b8c9-4d8e-9f0a-2b3c4d5e6f7a",
                            "amount_description": "Free" }],
        "funding": [{ "id": "e5f6a7b8-c9d0-4e9f-8a1b-3c4d5e6f7a8b", "source": "City grant" }],
    })
}

fn published() -> Vec<Value> {
    vec![
        published_service(UUID, "Computer classes"),
        published_service(
            "5b5d9a8e-3f2c-4d1e-9a7b-6c5d4e3f2a1b",
            "Video calls for seniors",
        ),
    ]
}

/// The same two services as a single service, a list, a page and ndjson: each is read.
async fn what_others_publish_is_read_in_every_shape(app: TestApp) {
    for service in published() {
        schemas::assert_valid("service", &service, "the published example");
    }
    let list = Value::Array(published());
    let page = json!({ "total_items": 2, "total_pages": 1, "page_number": 1, "size": 2,
        "first_page": true, "last_page": true, "empty": false, "contents": list });
    schemas::assert_valid("service_page", &page, "the published page");
    let ndjson: String = published().iter().map(|s| format!("{s}\n")).collect();
    let shapes = [
        (
            "one service",
            serde_json::to_string_pretty(&published()[0]).unwrap(),
            1,
            "the service",
        ),
        ("a list", list.to_string(), 2, "service #2"),
        (
            "a page",
            serde_json::to_string_pretty(&page).unwrap(),
            2,
            "contents #2",
        ),
        ("ndjson", ndjson, 2, "line 2"),
    ];
    for (shape, text, count, last) in shapes {
        wipe(&app).await;
        let report = hsds::import_text(&app.db, &text)
            .await
            .unwrap_or_else(|e| panic!("{shape}: {e:#}"));
        assert_eq!(
            (report.created(), report.drafts()),
            (count, count),
            "{shape}: {report}"
        );
        assert_eq!(report.services.last().unwrap().position, last, "{shape}");
        assert_eq!(app.count("programs").await, count as i64, "{shape}");
    }
    // And through the JSON value, as a library caller has it.
    wipe(&app).await;
    let report = hsds::import(&app.db, &page).await.unwrap();
    assert_eq!(report.created(), 2);
    app.stop().await;
}

async fn what_cannot_be_mapped_becomes_a_draft_until_a_supervisor_saves_it(app: TestApp) {
    seed(&app).await;
    let mut ours = hsds::export(&app.db).await.unwrap();
    let mut services = published();
    // Our own services with an area that is not here: drafts too, the rest kept; but a draft
    // never replaces an active program (Internet Essentials), only an inactive one.
    for i in [0, 1] {
        ours[i]["service_areas"] = json!([{ "id": UUID, "name": "Atlantis" }]);
        services.push(ours[i].clone());
    }
    let report = hsds::import(&app.db, &Value::Array(services))
        .await
        .unwrap();
    let text = report.to_string();
    assert_eq!(
        (
            report.created(),
            report.updated(),
            report.drafts(),
            report.unchanged()
        ),
        (2, 1, 3, 1),
        "{text}"
    );
    let classes = &report.services[0];
    assert!(classes.draft);
    for why in [
        "no category navdesk knows",
        "language(s) navdesk does not offer: fr",
        "the service area is described in words only (\"The whole city and county.\")",
        "phone: ",
        "eligibility is described in words only (\"Adults living in the city.\")",
    ] {
        assert!(
            classes.left_out.iter().any(|l| l.contains(why)),
            "{why} in {text}"
        );
    }
    assert_eq!(
        classes.not_kept,
        [
            "alternate_name",
            "email",
            "funding",
            "maximum_age",
            "schedules"
        ]
    );
    assert!(
        text.contains(
            "service #1: \"Computer classes\" of \"Example Community Center\" added as a draft"
        ),
        "{text}"
    );
    assert!(text.contains("  left out: "), "{text}");
    assert!(
        text.contains(
            "2 added, 1 updated, 3 draft(s) to finish, 1 active program(s) left as they were"
        ),
        "{text}"
    );
    let ie = &report.services[2];
    assert_eq!(ie.name, "Internet Essentials");
    assert!(ie.unchanged && !report.services[3].unchanged);
    assert!(
        text.contains("\"Internet Essentials\" of \"Comcast\" not changed"),
        "{text}"
    );
    assert_eq!(
        ie.left_out,
        ["service area \"Atlantis\" is not an area here: choose its areas"]
    );

    // Stored inactive, with what could be read.
    let (status, languages, categories, url, phone, min_age): (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
    ) = app
        .row(
            "SELECT status, languages, categories, url, phone, min_age FROM programs \
             WHERE name = 'Computer classes'",
            (),
        )
        .await;
    assert_eq!(
        (
            status.as_str(),
            languages.as_str(),
            categories.as_str(),
            url.as_deref(),
            phone,
            min_age
        ),
        (
            "inactive",
            "en",
            "",
            Some("https://example.com/computer-classes"),
            None,
            Some(18)
        )
    );
    let status_and_areas = |name: &'static str| {
        app.row::<(String, i64)>(
            "SELECT status, (SELECT COUNT(*) FROM program_areas pa WHERE pa.program_id = p.id) \
             FROM programs p WHERE name = $1",
            (name,),
        )
    };
    let (status, areas) = status_and_areas("Laptop loans").await;
    assert_eq!((status.as_str(), areas), ("inactive", 0));
    let (status, areas) = status_and_areas("Internet Essentials").await;
    assert_eq!((status.as_str(), areas), ("active", 2));

    // The programs page shows drafts as drafts, until a supervisor saves one.
    let sup = app.with_user(navdesk::auth::Role::Supervisor).await;
    let (_, page) = sup.page("/programs").await;
    assert_eq!(
        page.matches("Draft: imported, to finish").count(),
        3,
        "{page}"
    );
    let id: i64 = app
        .one("SELECT id FROM programs WHERE name = 'Laptop loans'", ())
        .await;
    let (_, form) = sup.page(&format!("/programs/{id}")).await;
    let version = common::staff::hidden(&form, "version");
    let token = sup.csrf().await;
    let resp = sup
        .post(
            &format!("/programs/{id}"),
            &[
                ("csrf_token", token.as_str()),
                ("version", version.as_str()),
                ("organization", "Denver Public Library"),
                ("name", "Laptop loans"),
                ("categories", "device"),
                ("languages", "en"),
                ("status", "active"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303, "{}", resp.text().await.unwrap());
    let (_, page) = sup.page("/programs").await;
    assert_eq!(
        page.matches("Draft: imported, to finish").count(),
        2,
        "{page}"
    );
    app.stop().await;
}

on_both_backends!(
    what_others_publish_is_read_in_every_shape,
    what_cannot_be_mapped_becomes_a_draft_until_a_supervisor_saves_it,
);
