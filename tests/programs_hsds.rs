//! Programs out to Open Referral HSDS 3.0 JSON and back, on both backends: every service we
//! write validates against the standard's schemas, every field we store survives the round
//! trip, what others publish is read in every shape (what cannot be mapped becoming a draft),
//! and a bad file changes nothing.

mod common;

use common::hsds as schemas;
use common::TestApp;
use navdesk::programs::hsds;
use serde_json::{json, Value};

/// Every stored column but the id, and the program's areas by name.
#[derive(Debug, PartialEq)]
struct ProgramRow {
    columns: Vec<String>,
    areas: Vec<String>,
}

const COLUMNS: &[&str] = &[
    "organization",
    "name",
    "description",
    "categories",
    "max_income_pct_fpg",
    "qualifying_benefits",
    "min_age",
    "languages",
    "cost",
    "url",
    "phone",
    "application_process",
    "capacity_available",
    "site_id",
    "status",
    "last_verified_at",
    "version",
];
const NUMBERS: &[&str] = &[
    "max_income_pct_fpg",
    "min_age",
    "capacity_available",
    "site_id",
    "last_verified_at",
    "version",
];

async fn program_rows(app: &TestApp) -> Vec<ProgramRow> {
    use sqlx::Row;
    let sql = format!(
        "SELECT id, {} FROM programs ORDER BY organization, name",
        COLUMNS.join(", ")
    );
    let rows = sqlx::query(&sql).fetch_all(&app.db.pool).await.unwrap();
    let mut out = Vec::new();
    for r in rows {
        let id: i64 = r.get("id");
        let columns = COLUMNS
            .iter()
            .map(|c| {
                if NUMBERS.contains(c) {
                    format!("{c}={:?}", r.get::<Option<i64>, _>(*c))
                } else {
                    format!("{c}={:?}", r.get::<Option<String>, _>(*c))
                }
            })
            .collect();
        let areas: Vec<String> = app
            .all(
                "SELECT a.name FROM program_areas pa JOIN areas a ON a.id = pa.area_id \
             WHERE pa.program_id = $1 ORDER BY a.name",
                (id,),
            )
            .await;
        out.push(ProgramRow { columns, areas });
    }
    out
}

async fn seed(app: &TestApp) {
    let pool = &app.db.pool;
    let mut area = std::collections::HashMap::new();
    for name in ["Five Points", "Montbello", "Westwood"] {
        let id: i64 = sqlx::query_scalar("INSERT INTO areas (name) VALUES ($1) RETURNING id")
            .bind(name)
            .fetch_one(pool)
            .await
            .unwrap();
        area.insert(name, id);
    }
    let full: i64 = sqlx::query_scalar(
        "INSERT INTO programs (organization, name, description, categories, max_income_pct_fpg, \
           qualifying_benefits, min_age, languages, cost, url, phone, application_process, \
           capacity_available, status, last_verified_at) \
         VALUES ('Comcast', 'Internet Essentials', 'Home internet for $9.95 a month.', \
           'internet_plan,device', 200, 'snap,medicaid,school_lunch', 18, 'en,es,ar', \
           '$9.95 a month; no contract', 'https://www.internetessentials.com', '+18558468376', \
           'Apply online or by phone; bring proof of a benefit.', 25, 'active', 1750001234) \
         RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    for name in ["Five Points", "Westwood"] {
        sqlx::query("INSERT INTO program_areas (program_id, area_id) VALUES ($1, $2)")
            .bind(full)
            .bind(area[name])
            .execute(pool)
            .await
            .unwrap();
    }
    sqlx::query(
        "INSERT INTO programs (organization, name, categories, languages, capacity_available, \
           status) \
         VALUES ('Denver Public Library', 'Laptop loans', 'device', 'en', 0, 'inactive')",
    )
    .execute(pool)
    .await
    .unwrap();
    let site: i64 = sqlx::query_scalar(
        "INSERT INTO sites (name, address, lat, lon, created_at, updated_at) \
         VALUES ('Montbello Branch Library', '12955 Albrook Dr, Denver, CO 80239', 39.7836, \
           -104.838, 0, 0) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO programs (organization, name, description, categories, languages, \
           min_age, application_process, site_id) \
         VALUES ('Denver Public Library', 'Tech help for seniors', 'Weekly classes.', \
           'training', 'en,es,am,ln,vi', 60, 'Walk in on Tuesdays.', $1)",
    )
    .bind(site)
    .execute(pool)
    .await
    .unwrap();
}

async fn wipe(app: &TestApp) {
    app.exec("DELETE FROM audit_log WHERE program_id IS NOT NULL", ())
        .await;
    app.exec("DELETE FROM program_areas", ()).await;
    app.exec("DELETE FROM programs", ()).await;
}

fn service<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc.as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {doc:#}"))
}

async fn programs_survive_an_hsds_round_trip(app: TestApp) {
    seed(&app).await;
    let rows = program_rows(&app).await;
    let first = hsds::export(&app.db).await.unwrap();
    assert_eq!(first.as_array().unwrap().len(), 3);
    schemas::assert_each_valid("service", &first, "the export's service");

    let ie = service(&first, "Internet Essentials");
    assert_eq!(ie["organization"]["name"], "Comcast");
    assert_eq!(ie["organization_id"], ie["organization"]["id"]);
    assert_eq!(ie["x_navdesk_max_income_pct_fpg"], 200);
    assert_eq!(
        ie["x_navdesk_qualifying_benefits"],
        serde_json::json!(["snap", "medicaid", "school_lunch"])
    );
    assert_eq!(ie["minimum_age"], 18);
    assert_eq!(ie["x_navdesk_capacity_available"], 25);
    assert_eq!(ie["service_areas"][1]["name"], "Westwood");
    assert_eq!(ie["languages"][2]["code"], "ar");
    assert_eq!(ie["phones"][0]["number"], "+18558468376");
    assert_eq!(
        ie["cost_options"][0]["amount_description"],
        "$9.95 a month; no contract"
    );
    assert_eq!(ie["assured_date"], "2025-06-15");
    assert_eq!(ie["status"], "active");
    let eligibility = ie["eligibility_description"].as_str().unwrap();
    assert!(
        eligibility.contains("200% of the federal poverty guideline"),
        "{eligibility}"
    );
    let loans = service(&first, "Laptop loans");
    assert_eq!(loans["x_navdesk_capacity_available"], 0);
    assert_eq!(loans["status"], "inactive");
    // What the program does not have is left out, never written as null.
    for key in ["url", "minimum_age", "assured_date", "last_modified"] {
        assert!(loans.get(key).is_none(), "{key} in {loans:#}");
    }
    assert_eq!(loans["phones"], serde_json::json!([]));
    assert_eq!(loans["service_at_locations"], serde_json::json!([]));
    let seniors = service(&first, "Tech help for seniors");
    let location = &seniors["service_at_locations"][0]["location"];
    assert_eq!(
        seniors["service_at_locations"][0]["location_id"],
        location["id"]
    );
    assert_eq!(location["addresses"][0]["city"], "Denver");
    assert_eq!(location["addresses"][0]["state_province"], "CO");
    assert_eq!(location["addresses"][0]["postal_code"], "80239");
    assert_eq!(location["latitude"], 39.7836);
    assert_eq!(location["longitude"], -104.838);
    assert_eq!(location["location_type"], "physical");
    assert_eq!(location["name"], "Montbello Branch Library");
    assert_eq!(location["addresses"][0]["address_1"], "12955 Albrook Dr");
    // Only active programs with coordinates are sites on the map.
    let sites = navdesk::programs::store::sites(&app.db).await.unwrap();
    assert_eq!(
        sites
            .iter()
            .map(|s| (s.name.as_str(), s.organization.as_str(), s.lat, s.lon))
            .collect::<Vec<_>>(),
        vec![(
            "Tech help for seniors",
            "Denver Public Library",
            39.7836,
            -104.838
        )]
    );
    assert_eq!(sites[0].languages, "en,es,am,ln,vi");

    wipe(&app).await;
    let report = hsds::import(&app.db, &first).await.unwrap();
    assert_eq!(
        (report.created(), report.updated(), report.drafts()),
        (3, 0, 0)
    );
    assert!(
        report
            .services
            .iter()
            .all(|s| s.left_out.is_empty() && s.not_kept.is_empty()),
        "{report}"
    );
    assert_eq!(hsds::export(&app.db).await.unwrap(), first);
    assert_eq!(program_rows(&app).await, rows);

    // Into a database without the site: the program's location becomes a site again.
    wipe(&app).await;
    app.exec("DELETE FROM sites", ()).await;
    let report = hsds::import(&app.db, &first).await.unwrap();
    assert_eq!((report.created(), report.updated()), (3, 0));
    assert_eq!(hsds::export(&app.db).await.unwrap(), first);
    let site: (String, String, f64, f64) = app
        .row("SELECT name, address, lat, lon FROM sites", ())
        .await;
    assert_eq!(
        site,
        (
            "Montbello Branch Library".to_owned(),
            "12955 Albrook Dr, Denver, CO 80239".to_owned(),
            39.7836,
            -104.838
        )
    );

    // Importing the same file again updates in place: nothing is added.
    let report = hsds::import(&app.db, &first).await.unwrap();
    assert_eq!(
        (report.created(), report.updated(), report.drafts()),
        (0, 3, 0)
    );
    assert_eq!(hsds::export(&app.db).await.unwrap(), first);
    assert_eq!(app.count("programs").await, 3);
    app.stop().await;
}

const UUID: &str = "ac148810-d857-441c-9679-408f346de14b";

/// A device for `program`, available.
async fn add_device(app: &TestApp, program: i64, tag: &str) {
    app.exec(
        "INSERT INTO devices (asset_tag, kind, program_id, created_at, updated_at) \
         VALUES ($1, 'laptop', $2, 0, 0)",
        (tag, program),
    )
    .await;
}

/// The demo's programs and sites, and programs at the edges (no web address, no phone, no
/// site, no areas, places from the inventory, a site without a point or with an address in
/// no usual form), written as HSDS: every service and location validates.
async fn every_service_written_validates(app: TestApp) {
    navdesk::demo::seed(&app.db).await.unwrap();
    app.exec(
        "INSERT INTO programs (organization, name, categories, status) \
         VALUES ('Edge', 'Nowhere', 'training', 'inactive')",
        (),
    )
    .await;
    app.exec(
        "INSERT INTO sites (name, address, created_at, updated_at) \
         VALUES ('Mobile lab', 'Wherever the van parks', 0, 0)",
        (),
    )
    .await;
    let edge: i64 = app
        .one(
            "INSERT INTO programs (organization, name, categories, languages, site_id) \
             VALUES ('Edge', 'Bare', 'device', '', (SELECT id FROM sites WHERE name = \
             'Mobile lab')) RETURNING id",
            (),
        )
        .await;
    add_device(&app, edge, "EDGE-1").await;
    add_device(&app, edge, "EDGE-2").await;
    let doc = hsds::export(&app.db).await.unwrap();
    schemas::assert_each_valid("service", &doc, "the export's service");
    let services = doc.as_array().unwrap();
    assert!(services.len() > 5, "the demo has programs");
    let bare = service(&doc, "Bare");
    assert_eq!(bare["x_navdesk_capacity_available"], 2);
    assert_eq!(bare["languages"], json!([]));
    let location = &bare["service_at_locations"][0]["location"];
    assert!(location.get("latitude").is_none(), "{location:#}");
    assert_eq!(
        location["addresses"][0]["address_1"],
        "Wherever the van parks"
    );
    assert_eq!(location["addresses"][0]["city"], "");

    // One program at a time, as an API answers it.
    let programs = hsds::programs(&app.db, hsds::Scope::Active).await.unwrap();
    assert!(programs.iter().all(|p| p.status == "active"));
    for p in &programs {
        let service = hsds::service_json(p);
        schemas::assert_valid("service", &service, &format!("service {:?}", p.name));
        schemas::assert_valid("service_list", &service, &format!("service {:?}", p.name));
        let organization = hsds::organization_json(&p.organization);
        schemas::assert_valid("organization", &organization, "an organization");
        schemas::assert_valid("organization_list", &organization, "an organization");
        if let Some(sal) = hsds::service_at_location_json(p) {
            schemas::assert_valid("service_at_location", &sal, "a service at a location");
            schemas::assert_valid("location", &sal["location"], "a location");
        }
    }

    // Sites as locations, with their office hours.
    let tz = common::denver();
    let sites = navdesk::sites::hsds::export(&app.db, &tz, "2025-11-20")
        .await
        .unwrap();
    assert!(sites.as_array().unwrap().len() > 3);
    schemas::assert_each_valid("location", &sites, "the sites export's location");
    app.stop().await;
}

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

async fn a_bad_file_changes_nothing_and_names_the_service(app: TestApp) {
    seed(&app).await;
    let before = hsds::export(&app.db).await.unwrap();
    let mut doc = before.clone();
    {
        let services = doc.as_array_mut().unwrap();
        // A good change that must not be applied either.
        services[0]["description"] = "Changed".into();
        services[1].as_object_mut().unwrap().remove("id");
        services[2]["name"] = "  ".into();
        services.push(before[0].clone());
        services.push(json!("not a service"));
    }
    let err = format!("{:#}", hsds::import(&app.db, &doc).await.unwrap_err());
    for needle in [
        "service #2: has no id",
        "service #3: has no name",
        "service #4 (\"Internet Essentials\"): appears more than once",
        "service #5: not a JSON object",
        "nothing was imported",
    ] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
    assert_eq!(hsds::export(&app.db).await.unwrap(), before);

    for (text, needle) in [
        ("[{\"id\": \"1\", \"name\": \"x\"},\n {\"id\": ", "line 2"),
        (
            "{\"id\": \"1\", \"name\": \"a\"}\n{\"id\": \"2\", \"name\": }\n",
            "line 2 is not valid JSON",
        ),
        ("42", "HSDS services"),
        ("{\"contents\": 3}", "contents must be a JSON list"),
        ("[]", "holds no service"),
    ] {
        let err = format!("{:#}", hsds::import_text(&app.db, text).await.unwrap_err());
        assert!(err.contains(needle), "{needle} in {err}");
    }
    assert_eq!(hsds::export(&app.db).await.unwrap(), before);
    app.stop().await;
}

on_both_backends!(
    programs_survive_an_hsds_round_trip,
    every_service_written_validates,
    what_others_publish_is_read_in_every_shape,
    what_cannot_be_mapped_becomes_a_draft_until_a_supervisor_saves_it,
    a_bad_file_changes_nothing_and_names_the_service,
);
