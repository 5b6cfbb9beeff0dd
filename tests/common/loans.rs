//! Devices for lending tests, written straight to the database (the inventory's own pages and
//! import are tested on their own).
#![allow(dead_code)]

use super::TestApp;

/// A device of `kind` owned by `program`, in `status`; its id.
pub async fn device(app: &TestApp, tag: &str, kind: &str, program: i64, status: &str) -> i64 {
    app.one(
        "INSERT INTO devices (asset_tag, kind, program_id, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, 0) RETURNING id",
        (tag, kind, program, status),
    )
    .await
}

/// A device's status now.
pub async fn status(app: &TestApp, device: i64) -> String {
    app.one("SELECT status FROM devices WHERE id = $1", (device,))
        .await
}

/// The city's date `days` from today, `YYYY-MM-DD`.
pub fn day(days: i64) -> String {
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let today = jiff::Timestamp::now().to_zoned(tz).date();
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

/// A `YYYY-MM-DD` day as the English staff pages write it ("January 9, 2027").
pub fn shown(iso: &str) -> String {
    let day: jiff::civil::Date = iso.parse().unwrap();
    day.strftime("%B %-d, %Y").to_string()
}
