//! Sites in from HSDS 3.0 locations: each imported site's office hours replaced by the
//! file's, all or nothing.

use std::collections::{BTreeSet, HashMap};

use anyhow::Context;
use serde_json::{Map, Value};

use super::super::form::{self, clock, HoursValues, SiteForm, SiteValues};
use super::super::schedule;
use super::{address_line, degrees, DAYS};
use crate::db::Db;
use crate::i18n::{I18n, Lang};

/// What an import changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub hours: usize,
    /// Schedules left out: expired, or without a navigator.
    pub skipped: usize,
}

/// A location read from the file, checked and ready to store.
struct Incoming {
    values: SiteValues,
    /// (navigator email, weekday, start minute, end minute).
    hours: Vec<(String, i64, i64, i64)>,
    closures: Vec<(jiff::civil::Date, String)>,
}

/// A location as read, before the site's check.
struct Read {
    form: SiteForm,
    area: Option<String>,
    hours: Vec<(String, i64, i64, i64)>,
    closures: Vec<(jiff::civil::Date, String)>,
}

/// A time of day of a schedule: "HH:MM" or "HH:MM:SS", with an offset the city uses (or
/// none: local time).
fn time_of_day(raw: &str, offsets: &[String]) -> Option<i64> {
    let (time, offset) = match raw.find(['+', '-', 'Z']) {
        Some(i) => raw.split_at(i),
        None => (raw, ""),
    };
    if !offset.is_empty() && !offsets.iter().any(|o| o == offset) {
        return None;
    }
    let time = match time.len() {
        8 if time.ends_with(":00") => &time[..5],
        _ => time,
    };
    form::minute_of_day(time)
}

/// The UTC offsets the city's zone uses this year, as HSDS writes them ("-07:00").
fn city_offsets(tz: &jiff::tz::TimeZone, today: jiff::civil::Date) -> Vec<String> {
    [1, 7]
        .iter()
        .filter_map(|m| {
            jiff::civil::date(today.year(), *m, 1)
                .to_zoned(tz.clone())
                .ok()
        })
        .map(|z| {
            let secs = z.offset().seconds();
            if secs == 0 {
                "Z".to_owned()
            } else {
                let sign = if secs < 0 { '-' } else { '+' };
                format!(
                    "{sign}{:02}:{:02}",
                    secs.abs() / 3600,
                    secs.abs() % 3600 / 60
                )
            }
        })
        .collect()
}

/// Reads one location's office hours, counting the ones skipped.
fn read_schedules(
    location: &Map<String, Value>,
    today: jiff::civil::Date,
    offsets: &[String],
    skipped: &mut usize,
    problems: &mut Vec<String>,
) -> Vec<(String, i64, i64, i64)> {
    let mut out = Vec::new();
    let list = match location.get("schedules") {
        None | Some(Value::Null) => return out,
        Some(Value::Array(list)) => list,
        Some(_) => {
            problems.push("schedules must be a list".into());
            return out;
        }
    };
    for (i, schedule) in list.iter().enumerate() {
        let n = i + 1;
        let Some(s) = schedule.as_object() else {
            problems.push(format!("schedule #{n}: not a JSON object"));
            continue;
        };
        let text = |key: &str| {
            s.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
        };
        if let Ok(to) = text("valid_to").parse::<jiff::civil::Date>() {
            if to < today {
                *skipped += 1;
                continue;
            }
        }
        let navigator = text("x_navdesk_navigator");
        if navigator.is_empty() {
            *skipped += 1;
            continue;
        }
        if text("freq") != "WEEKLY" {
            problems.push(format!(
                "schedule #{n}: freq {:?} is not WEEKLY",
                text("freq")
            ));
            continue;
        }
        if s.get("interval")
            .and_then(Value::as_f64)
            .is_some_and(|i| i != 1.0)
        {
            problems.push(format!("schedule #{n}: only an interval of 1 week is kept"));
            continue;
        }
        let days: Option<Vec<i64>> = text("byday")
            .split(',')
            .map(|d| {
                DAYS.iter()
                    .position(|x| *x == d.trim())
                    .map(|p| p as i64 + 1)
            })
            .collect();
        let opens = time_of_day(text("opens_at"), offsets);
        let closes = time_of_day(text("closes_at"), offsets);
        match (days, opens, closes) {
            (Some(days), Some(start), Some(end)) if start < end => {
                for day in days {
                    out.push((navigator.to_owned(), day, start, end));
                }
            }
            (None, ..) => problems.push(format!(
                "schedule #{n}: byday {:?} is not a list of days (MO..SU)",
                text("byday")
            )),
            _ => problems.push(format!(
                "schedule #{n}: opens_at {:?} and closes_at {:?} are not times of the day in \
                 order, in the city's time",
                text("opens_at"),
                text("closes_at")
            )),
        }
    }
    out
}

/// Reads one location into the site form, its area's name, hours and closures.
fn read_location(
    location: &Map<String, Value>,
    today: jiff::civil::Date,
    offsets: &[String],
    skipped: &mut usize,
) -> Result<Read, Vec<String>> {
    let mut problems = Vec::new();
    let text = |key: &str| {
        location
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let lat = degrees(location, "latitude", &mut problems);
    let lon = degrees(location, "longitude", &mut problems);
    let objects = |key: &str| -> Vec<Map<String, Value>> {
        location
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_object().cloned()).collect())
            .unwrap_or_default()
    };
    let field = |o: &Map<String, Value>, key: &str| {
        o.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let accessibility = objects("accessibility")
        .iter()
        .map(|a| field(a, "description"))
        .filter(|d| !d.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let slot_minutes = match location.get("x_navdesk_slot_minutes") {
        None | Some(Value::Null) => "30".to_owned(),
        Some(v) => v.to_string(),
    };
    let form = SiteForm {
        name: text("name"),
        address: address_line(location),
        lat,
        lon,
        area: String::new(),
        accessibility,
        languages: objects("languages")
            .iter()
            .map(|l| field(l, "code"))
            .collect(),
        slot_minutes,
        active: location
            .get("x_navdesk_active")
            .and_then(Value::as_bool)
            .unwrap_or(true),
    };
    let area = Some(text("x_navdesk_area")).filter(|a| !a.is_empty());
    let hours = read_schedules(location, today, offsets, skipped, &mut problems);
    let mut closures = Vec::new();
    for c in objects("x_navdesk_closures") {
        match field(&c, "day").parse::<jiff::civil::Date>() {
            Ok(day) if day >= today => closures.push((day, field(&c, "reason"))),
            Ok(_) => {}
            Err(_) => problems.push(format!("closure {:?} is not a date", field(&c, "day"))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Read {
        form,
        area,
        hours,
        closures,
    })
}

/// Checks every location in `doc` (a list of HSDS locations), then writes them all in one
/// transaction: a site with the same name is updated and its office hours replaced by the
/// file's, others are added. Any problem (a bad field, an unknown area or navigator, hours
/// that overlap) refuses the whole file, naming each location and what is wrong with it.
pub async fn import(
    db: &Db,
    doc: &Value,
    tz: &jiff::tz::TimeZone,
    today: jiff::civil::Date,
) -> anyhow::Result<ImportSummary> {
    let locations = doc
        .as_array()
        .context("the file must hold a JSON list of HSDS locations")?;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: HashMap<&str, i64> = areas.iter().map(|a| (a.name.as_str(), a.id)).collect();
    let known: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let navigators: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "SELECT u.email, n.id FROM navigators n JOIN users u ON u.id = n.user_id",
    )
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .collect();
    let i18n = I18n::load()?;
    let en = i18n.tr(Lang::EN);
    let offsets = city_offsets(tz, today);
    let mut summary = ImportSummary::default();
    let mut problems = Vec::new();
    let mut incoming = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, location) in locations.iter().enumerate() {
        let label = location.get("name").and_then(Value::as_str).map_or_else(
            || format!("location #{}", i + 1),
            |n| format!("location {n:?}"),
        );
        let Value::Object(location) = location else {
            problems.push(format!("{label}: not a JSON object"));
            continue;
        };
        let read = read_location(location, today, &offsets, &mut summary.skipped);
        let read = match read {
            Ok(read) => read,
            Err(list) => {
                problems.extend(list.iter().map(|p| format!("{label}: {p}")));
                continue;
            }
        };
        let mut values = match form::check(&read.form, &known) {
            Ok(values) => values,
            Err(errors) => {
                problems.extend(
                    errors
                        .iter()
                        .map(|e| format!("{label}: {}: {}", e.field, en.t(e.message))),
                );
                continue;
            }
        };
        if let Some(area) = &read.area {
            match area_ids.get(area.as_str()) {
                Some(id) => values.area_id = Some(*id),
                None => problems.push(format!("{label}: area {area:?} is not an area here")),
            }
        }
        for (email, ..) in &read.hours {
            if !navigators.contains_key(email) {
                problems.push(format!(
                    "{label}: navigator {email:?} is not a navigator here"
                ));
            }
        }
        if !seen.insert(values.name.clone()) {
            problems.push(format!("{label}: appears more than once"));
        }
        incoming.push(Incoming {
            values,
            hours: read.hours,
            closures: read.closures,
        });
    }
    if !problems.is_empty() {
        anyhow::bail!(
            "nothing was imported; {} problem(s):\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    let mut resolved = Vec::with_capacity(incoming.len());
    for site in &incoming {
        resolved.push(super::super::store::area_for(db, &site.values).await?);
    }
    let now = crate::db::now();
    let mut tx = db.begin_write().await?;
    let mut written = Vec::new();
    for (site, area) in incoming.iter().zip(resolved) {
        let v = &site.values;
        let existing: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, version FROM sites WHERE name = $1")
                .bind(&v.name)
                .fetch_optional(&mut *tx)
                .await?;
        let id = super::super::store::write_in(&mut tx, existing, v, area, now)
            .await
            .map_err(|e| anyhow::anyhow!("location {:?} could not be saved: {e:?}", v.name))?;
        sqlx::query("DELETE FROM office_hours WHERE site_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if existing.is_some() {
            summary.updated += 1;
        } else {
            summary.created += 1;
        }
        written.push((id, site));
    }
    // Every navigator's hours are checked against all their others once the file's are in,
    // so an overlap inside the file and one with a site not in it are both found.
    for (id, site) in &written {
        for (email, weekday, start, end) in &site.hours {
            let v = HoursValues {
                navigator_id: navigators[email],
                weekday: *weekday,
                start_minute: *start,
                end_minute: *end,
            };
            schedule::lock_navigator(&mut tx, v.navigator_id).await?;
            if let Some(other) = schedule::overlap_in(&mut tx, &v).await? {
                problems.push(format!(
                    "location {:?}: {email}'s hours on {} {}-{} overlap their hours at {:?} {}-{}",
                    site.values.name,
                    DAYS[(*weekday - 1) as usize],
                    clock(*start),
                    clock(*end),
                    other.site_name,
                    clock(other.start_minute),
                    clock(other.end_minute),
                ));
                continue;
            }
            sqlx::query(
                "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, \
                   end_minute) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(v.navigator_id)
            .bind(v.weekday)
            .bind(v.start_minute)
            .bind(v.end_minute)
            .execute(&mut *tx)
            .await?;
            summary.hours += 1;
        }
        for (day, reason) in &site.closures {
            sqlx::query(
                "INSERT INTO site_closures (site_id, day, reason) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(day.to_string())
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        }
    }
    if !problems.is_empty() {
        tx.rollback().await?;
        anyhow::bail!(
            "nothing was imported; {} problem(s):\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
    tx.commit().await?;
    db.note_change();
    tracing::info!(
        created = summary.created,
        updated = summary.updated,
        hours = summary.hours,
        skipped = summary.skipped,
        "sites imported"
    );
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::super::stable_id;
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = stable_id(&["service", "Org", "Plan"]);
        assert_eq!(a, stable_id(&["service", "Org", "Plan"]));
        assert_ne!(a, stable_id(&["service", "OrgP", "lan"]));
        assert_eq!(a.len(), 36);
        assert_eq!(a.matches('-').count(), 4);
    }

    #[test]
    fn times_carry_the_citys_offsets_or_none() {
        let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
        let offsets = city_offsets(&tz, jiff::civil::date(2025, 3, 1));
        assert_eq!(offsets, ["-07:00", "-06:00"]);
        assert_eq!(time_of_day("09:00", &offsets), Some(540));
        assert_eq!(time_of_day("09:00:00", &offsets), Some(540));
        assert_eq!(time_of_day("09:00-07:00", &offsets), Some(540));
        assert_eq!(time_of_day("09:00-05:00", &offsets), None);
        assert_eq!(time_of_day("09:00Z", &offsets), None);
        assert_eq!(time_of_day("9am", &offsets), None);
    }
}
