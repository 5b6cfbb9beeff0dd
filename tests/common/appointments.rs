//! Sites and office hours for appointment tests, written straight to the database.
#![allow(dead_code)]

use super::TestApp;

/// An active site with 30-minute slots; its id.
pub async fn site(app: &TestApp, name: &str) -> i64 {
    app.one(
        "INSERT INTO sites (name, address, accessibility, slot_minutes, active, created_at, \
         updated_at) VALUES ($1, '10 W 14th Ave Pkwy', 'Step-free entrance', 30, 1, 0, 0) \
         RETURNING id",
        (name,),
    )
    .await
}

/// A navigator's hours at a site on one ISO weekday, in minutes of the local day.
pub async fn hours(app: &TestApp, navigator: i64, site: i64, weekday: i64, from: i64, to: i64) {
    app.exec(
        "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, end_minute) \
         VALUES ($1, $2, $3, $4, $5)",
        (site, navigator, weekday, from, to),
    )
    .await;
}

/// The navigator at the site every day, 08:00 to 20:00: there is always a free time soon.
pub async fn every_day(app: &TestApp, navigator: i64, site: i64) {
    for weekday in 1..=7 {
        hours(app, navigator, site, weekday, 480, 1200).await;
    }
}

/// The values of the `slot` radios on a page, in order.
pub fn slot_values(body: &str) -> Vec<String> {
    body.split("name=\"slot\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}
