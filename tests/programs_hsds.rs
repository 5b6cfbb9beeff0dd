//! Programs out to Open Referral HSDS 3.0 JSON and back, on both backends: every service we
//! write validates against the standard's schemas, every field we store survives the round
//! trip, and a bad file changes nothing (what others publish: tests/programs_import.rs).

mod common;

use common::hsds as schemas;
use common::programs::{seed, wipe};
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
    a_bad_file_changes_nothing_and_names_the_service,
);
