//! Sites out as HSDS 3.0 locations with their office hours as schedules.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use sqlx::Row;

use super::super::form::clock;
use super::super::schedule;
use super::{addresses, location_id, stable_id, DAYS};
use crate::db::Db;
use crate::i18n::Lang;

/// Every site as an HSDS 3.0 location with its office hours, by name.
pub async fn export(db: &Db, tz: &jiff::tz::TimeZone, today: &str) -> anyhow::Result<Value> {
    let rows = sqlx::query(
        "SELECT s.id, s.name, s.address, s.lat, s.lon, s.accessibility, s.languages, \
                s.slot_minutes, s.active, a.name AS area \
         FROM sites s LEFT JOIN areas a ON a.id = s.area_id ORDER BY s.name, s.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let hours = schedule::all_hours(db).await?;
    let emails: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT n.id, u.email FROM navigators n JOIN users u ON u.id = n.user_id",
    )
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .collect();
    let closures = schedule::closures(db, None, today).await?;
    let zone = tz.iana_name().unwrap_or("UTC");
    let mut locations = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let name: String = r.try_get("name")?;
        let lid = location_id(&name);
        let nested = |kind: &str, key: &str| stable_id(&[kind, &name, key]);
        let mut location = Map::new();
        location.insert("id".into(), lid.clone().into());
        location.insert("location_type".into(), "physical".into());
        location.insert("name".into(), name.clone().into());
        if let (Some(lat), Some(lon)) = (
            r.try_get::<Option<f64>, _>("lat")?,
            r.try_get::<Option<f64>, _>("lon")?,
        ) {
            location.insert("latitude".into(), lat.into());
            location.insert("longitude".into(), lon.into());
        }
        location.insert(
            "addresses".into(),
            addresses(&lid, &r.try_get::<String, _>("address")?).into(),
        );
        let languages: Vec<Value> = r
            .try_get::<String, _>("languages")?
            .split(',')
            .filter_map(Lang::parse)
            .map(|l| {
                json!({
                    "id": nested("language", l.code()),
                    "location_id": lid,
                    "name": l.info().native_name,
                    "code": l.code(),
                })
            })
            .collect();
        location.insert("languages".into(), languages.into());
        let accessibility: String = r.try_get("accessibility")?;
        let accessibility: Vec<Value> = if accessibility.is_empty() {
            vec![]
        } else {
            vec![json!({
                "id": nested("accessibility", ""),
                "location_id": lid,
                "description": accessibility,
            })]
        };
        location.insert("accessibility".into(), accessibility.into());
        let schedules: Vec<Value> = hours
            .iter()
            .filter(|h| h.site_id == id)
            .map(|h| {
                let navigator = emails.get(&h.navigator_id).cloned().unwrap_or_default();
                let day = DAYS[(h.weekday - 1) as usize];
                let (opens, closes) = (clock(h.start_minute), clock(h.end_minute));
                json!({
                    "id": nested("schedule", &format!("{navigator} {day} {opens}")),
                    "location_id": lid,
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": day,
                    "opens_at": opens,
                    "closes_at": closes,
                    "description": format!("{day} {opens}-{closes} ({zone}), with {}", h.navigator_name),
                    "x_navdesk_navigator": navigator,
                    "x_navdesk_timezone": zone,
                })
            })
            .collect();
        location.insert("schedules".into(), schedules.into());
        location.insert(
            "x_navdesk_slot_minutes".into(),
            r.try_get::<i64, _>("slot_minutes")?.into(),
        );
        location.insert(
            "x_navdesk_active".into(),
            (r.try_get::<i64, _>("active")? != 0).into(),
        );
        location.insert(
            "x_navdesk_area".into(),
            r.try_get::<Option<String>, _>("area")?.into(),
        );
        let own: Vec<Value> = closures
            .iter()
            .filter(|c| c.site_id == Some(id))
            .map(|c| json!({ "day": c.day, "reason": c.reason }))
            .collect();
        location.insert("x_navdesk_closures".into(), own.into());
        locations.push(Value::Object(location));
    }
    Ok(Value::Array(locations))
}
