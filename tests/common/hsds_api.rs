//! The HSDS API's tests share these: a city with two neighborhoods, ZIP codes, sites, active
//! and inactive programs and a resident whose details must never show (the canaries), and
//! reading an answer as a caller would.
#![allow(dead_code)]

use serde_json::Value;

use super::TestApp;

/// A resident who asked for help: none of this may appear in any answer.
pub const CANARY_NAME: &str = "Quintessa Canarywood";
pub const CANARY_PHONE: &str = "(303) 555-0142";
pub const CANARY_PHONE_FORMS: &[&str] = &["3035550142", "303-555-0142", "555-0142", "555 0142"];
pub const CANARY_ADDRESS: &str = "4471 Canary Lane";
pub const CANARY_DETAILS: &str = "my canary laptop broke";

/// A square around a point, as an area's GeoJSON geometry.
pub fn square(lat: f64, lon: f64) -> String {
    let d = 0.02;
    format!(
        r#"{{"type":"Polygon","coordinates":[[[{w},{s}],[{e},{s}],[{e},{n}],[{w},{n}],[{w},{s}]]]}}"#,
        w = lon - d,
        e = lon + d,
        s = lat - d,
        n = lat + d
    )
}

/// Two neighborhoods with ZIP codes in them, two sites, three active programs and an
/// inactive one, and a resident who asked for help.
pub async fn seed(app: &TestApp) {
    let five_points: i64 = app
        .one(
            "INSERT INTO areas (name, geometry) VALUES ('Five Points', $1) RETURNING id",
            (square(39.755, -104.98),),
        )
        .await;
    let westwood: i64 = app
        .one(
            "INSERT INTO areas (name, geometry) VALUES ('Westwood', $1) RETURNING id",
            (square(39.69, -105.04),),
        )
        .await;
    for (zip, lat, lon) in [
        ("80205", 39.757, -104.975),
        ("80219", 39.69, -105.04),
        ("80239", 39.78, -104.83),
    ] {
        app.exec(
            "INSERT INTO zip_centroids (zip, lat, lon) VALUES ($1, $2, $3)",
            (zip, lat, lon),
        )
        .await;
    }
    let library: i64 = app
        .one(
            "INSERT INTO sites (name, address, lat, lon, created_at, updated_at) \
             VALUES ('Blair-Caldwell Library', '2401 Welton St, Denver, CO 80205', 39.7545, \
               -104.9787, 0, 0) RETURNING id",
            (),
        )
        .await;
    let rec: i64 = app
        .one(
            "INSERT INTO sites (name, address, lat, lon, created_at, updated_at) \
             VALUES ('Westwood Rec Center', '1000 S Lowell Blvd, Denver, CO 80219', 39.6905, \
               -105.0345, 0, 0) RETURNING id",
            (),
        )
        .await;
    let essentials: i64 = app
        .one(
            "INSERT INTO programs (organization, name, description, categories, languages, \
               cost, url, phone, status, last_verified_at, site_id) \
             VALUES ('Comcast', 'Internet Essentials', 'Home internet for $9.95 a month.', \
               'internet_plan', 'en,es', '$9.95 a month', 'https://www.internetessentials.com', \
               '+18558468376', 'active', 1750000000, $1) RETURNING id",
            (library,),
        )
        .await;
    app.exec(
        "INSERT INTO program_areas (program_id, area_id) VALUES ($1, $2)",
        (essentials, five_points),
    )
    .await;
    app.exec(
        "INSERT INTO programs (organization, name, description, categories, languages, status, \
           last_verified_at) \
         VALUES ('Denver Public Library', 'Laptop loans', 'Borrow a laptop for six weeks.', \
           'device,training', 'en,es,vi', 'active', 1700000000)",
        (),
    )
    .await;
    let classes: i64 = app
        .one(
            "INSERT INTO programs (organization, name, description, categories, languages, \
               status, site_id) \
             VALUES ('Denver Public Library', 'Tech help', 'Weekly classes for beginners.', \
               'training', 'en,am,ln', 'active', $1) RETURNING id",
            (rec,),
        )
        .await;
    app.exec(
        "INSERT INTO program_areas (program_id, area_id) VALUES ($1, $2)",
        (classes, westwood),
    )
    .await;
    app.exec(
        "INSERT INTO programs (organization, name, description, categories, status, site_id) \
         VALUES ('Old Telecom', 'Retired plan', 'No longer offered.', 'internet_plan', \
           'inactive', $1)",
        (library,),
    )
    .await;

    let mut form: Vec<(&str, &str)> = super::valid_form()
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "name" | "phone" | "address" | "details"))
        .collect();
    form.extend([
        ("name", CANARY_NAME),
        ("phone", CANARY_PHONE),
        ("address", CANARY_ADDRESS),
        ("details", CANARY_DETAILS),
    ]);
    let resp = app.post_form("/help", &form).await;
    assert_eq!(resp.status(), 303, "the resident's request is taken");
}

/// An answer: status, content type and body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn lines(&self) -> Vec<Value> {
        self.body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

pub async fn get(app: &TestApp, path: &str) -> Answer {
    let resp = app.get(path).await;
    Answer {
        status: resp.status().as_u16(),
        content_type: resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default(),
        headers: resp.headers().clone(),
        body: resp.text().await.unwrap(),
    }
}

/// A `200` JSON answer's value.
pub async fn ok(app: &TestApp, path: &str) -> Value {
    let a = get(app, path).await;
    assert_eq!(a.status, 200, "{path}: {}", a.body);
    assert_eq!(a.content_type, "application/json", "{path}");
    a.json()
}

/// A JSON error: its status and the parameter it blames.
pub async fn refused(app: &TestApp, path: &str, status: u16) -> Value {
    let a = get(app, path).await;
    assert_eq!(a.status, status, "{path}: {}", a.body);
    assert_eq!(a.content_type, "application/json", "{path}: {}", a.body);
    let v = a.json();
    assert_eq!(v["status"], status, "{path}");
    assert!(
        v["message"].as_str().is_some_and(|m| m.len() > 10),
        "{path}: {v}"
    );
    v
}

pub fn names(page: &Value) -> Vec<String> {
    page["contents"]
        .as_array()
        .unwrap_or_else(|| panic!("a page: {page}"))
        .iter()
        .map(|s| s["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}
