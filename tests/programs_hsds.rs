//! Programs out to Open Referral HSDS 3.0 JSON and back, on both backends: every field we
//! store survives the round trip, and a bad file changes nothing.

mod common;

use common::TestApp;
use navdesk::programs::hsds;
use serde_json::Value;

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
    assert_eq!(loans["url"], Value::Null);
    assert_eq!(loans["phones"], serde_json::json!([]));
    assert_eq!(loans["service_at_locations"], serde_json::json!([]));
    let seniors = service(&first, "Tech help for seniors");
    let location = &seniors["service_at_locations"][0]["location"];
    assert_eq!(
        seniors["service_at_locations"][0]["location_id"],
        location["id"]
    );
    assert_eq!(location["latitude"], 39.7836);
    assert_eq!(location["longitude"], -104.838);
    assert_eq!(location["location_type"], "physical");
    assert_eq!(location["name"], "Montbello Branch Library");
    assert_eq!(
        location["addresses"][0]["address_1"],
        "12955 Albrook Dr, Denver, CO 80239"
    );
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
    let summary = hsds::import(&app.db, &first).await.unwrap();
    assert_eq!((summary.created, summary.updated), (3, 0));
    assert_eq!(hsds::export(&app.db).await.unwrap(), first);
    assert_eq!(program_rows(&app).await, rows);

    // Into a database without the site: the program's location becomes a site again.
    wipe(&app).await;
    app.exec("DELETE FROM sites", ()).await;
    let summary = hsds::import(&app.db, &first).await.unwrap();
    assert_eq!((summary.created, summary.updated), (3, 0));
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
    let summary = hsds::import(&app.db, &first).await.unwrap();
    assert_eq!((summary.created, summary.updated), (0, 3));
    assert_eq!(hsds::export(&app.db).await.unwrap(), first);
    assert_eq!(app.count("programs").await, 3);
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
        services[1]["x_navdesk_max_income_pct_fpg"] = "lots".into();
        services[2]["service_areas"] = serde_json::json!([{ "name": "Atlantis" }]);
        let mut copy = services[0].clone();
        copy["x_navdesk_categories"] = serde_json::json!(["spaceships"]);
        copy["service_at_locations"] =
            serde_json::json!([{ "location": { "latitude": 123.5, "longitude": -104.9 } }]);
        services.push(copy);
        services.push(before[0].clone());
    }
    let err = format!("{:#}", hsds::import(&app.db, &doc).await.unwrap_err());
    for needle in [
        "service \"Laptop loans\": x_navdesk_max_income_pct_fpg must be a number",
        "service \"Tech help for seniors\": service area \"Atlantis\" is not an area here",
        "service \"Internet Essentials\": location lat: Enter a latitude",
        "service \"Internet Essentials\": categories",
        "service \"Internet Essentials\": appears more than once",
        "nothing was imported",
    ] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
    assert_eq!(hsds::export(&app.db).await.unwrap(), before);

    let err = hsds::import(&app.db, &serde_json::json!({ "services": [] }))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("JSON list"), "{err}");
    app.stop().await;
}

on_both_backends!(
    programs_survive_an_hsds_round_trip,
    a_bad_file_changes_nothing_and_names_the_service,
);
