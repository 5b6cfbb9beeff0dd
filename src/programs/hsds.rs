//! Programs as Open Referral HSDS 3.0 JSON: `export` writes every program as a `service`,
//! `import` reads such a list back (upsert by organization and name, all or nothing), so a
//! program directory can be shared with 211 and other HSDS systems (`navdesk programs export`,
//! `navdesk programs import`).
//!
//! The mapping, one service per program:
//!
//! | HSDS 3.0 service field | navdesk program |
//! | --- | --- |
//! | `id`, `organization_id`, nested `id`s | derived from organization and name (SHA-256, UUID form), so the same program has the same ids in every database |
//! | `name`, `description`, `url`, `application_process` | the same fields (`url` null when none) |
//! | `status` | `active` or `inactive` (on import, `defunct` and `temporarily closed` are inactive) |
//! | `organization` `{id, name}` | `organization` |
//! | `service_areas[]` `{id, service_id, name}` | `program_areas`, by area name (on import each name must be an area here) |
//! | `languages[]` `{id, service_id, name, code}` | `languages` (our codes; `name` is the language's own name) |
//! | `cost_options[]` `{id, service_id, amount_description}` | `cost` (free text; none when empty) |
//! | `phones[]` `{id, service_id, number, type: "voice"}` | `phone` (E.164) |
//! | `minimum_age` | `min_age` |
//! | `eligibility_description` | written from the rules below in English on export; ignored on import |
//! | `assured_date` (UTC date), `last_modified` | `last_verified_at` (we keep no separate modification time) |
//! | `x_navdesk_last_verified_at` | `last_verified_at` exactly (RFC 3339); on import it wins over `assured_date` |
//! | `x_navdesk_max_income_pct_fpg` | `max_income_pct_fpg` (number or null) |
//! | `x_navdesk_qualifying_benefits` | `qualifying_benefits` (our benefit codes) |
//! | `x_navdesk_categories` | `categories` (`internet_plan`, `device`, `training`) |
//! | `x_navdesk_capacity_available` | `capacity_available` (null: not limited); on export, a program with devices in the inventory gives its available devices |
//! | `service_at_locations[]` `{id, service_id, location_id, location}` | the program's site: one entry when it has one, none otherwise (on import only the first is read) |
//! | `location` `{id, location_type: "physical", organization_id, name, latitude, longitude, addresses}` | the site (`sites::hsds` writes the same `id` for it): `name`, `lat`, `lon` (null when none; on import both or neither), `address`. On import a site of that name is used as it is; otherwise one is added (named after the program when the location has no name) |
//! | `addresses[]` `{id, location_id, address_1, city, state_province, postal_code, country, address_type: "physical"}` | the site's `address`, whole in `address_1` (we keep it as one line, so `city`, `state_province` and `postal_code` are empty and `country` is `US`); on import the first address's `address_1`, `address_2`, `city` and `state_province postal_code` are joined with ", " |
//!
//! Fields we do not keep (schedules, contacts, funding, a location's phones, ...) are not
//! exported and are ignored on import.

use std::collections::{BTreeSet, HashMap};

use anyhow::Context;
use serde_json::{json, Map, Value};
use sqlx::Row;

use super::form::{self, ProgramForm};
use crate::db::Db;
use crate::domain::{split_codes, Benefit};
use crate::i18n::{I18n, Lang};
use crate::sites::form::{SiteForm, SiteValues};
use crate::sites::hsds::{address_line, addresses, degrees, location_id, stable_id};

fn timestamp(secs: i64) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_second(secs).ok()
}

/// The eligibility rules as one English sentence, for people reading the file.
fn eligibility_description(
    max_pct: Option<i64>,
    benefits: &[Benefit],
    min_age: Option<i64>,
) -> String {
    let mut parts = Vec::new();
    let codes: Vec<&str> = benefits.iter().map(|b| b.code()).collect();
    match (max_pct, codes.is_empty()) {
        (Some(pct), true) => parts.push(format!(
            "Household income at or under {pct}% of the federal poverty guideline."
        )),
        (Some(pct), false) => parts.push(format!(
            "Household income at or under {pct}% of the federal poverty guideline, or receives \
             one of: {}.",
            codes.join(", ")
        )),
        (None, false) => parts.push(format!("Receives one of: {}.", codes.join(", "))),
        (None, true) => parts.push("Open to all.".to_owned()),
    }
    if let Some(age) = min_age {
        parts.push(format!("Age {age} or older."));
    }
    parts.join(" ")
}

/// Every program as an HSDS 3.0 service, by organization and name.
pub async fn export(db: &Db) -> anyhow::Result<Value> {
    let rows = sqlx::query(&format!(
        "SELECT p.id, organization, p.name, description, categories, max_income_pct_fpg, \
                qualifying_benefits, min_age, p.languages, cost, url, phone, \
                application_process, {} AS capacity_available, status, last_verified_at, \
                s.name AS site_name, s.address AS site_address, s.lat AS site_lat, \
                s.lon AS site_lon \
         FROM programs p LEFT JOIN sites s ON s.id = p.site_id \
         ORDER BY organization, p.name, p.id",
        crate::db::stock::places("p")
    ))
    .fetch_all(&db.pool)
    .await?;
    let areas: Vec<(i64, String)> = sqlx::query_as(
        "SELECT pa.program_id, a.name FROM program_areas pa JOIN areas a ON a.id = pa.area_id \
         ORDER BY a.name",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut services = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let organization: String = r.try_get("organization")?;
        let name: String = r.try_get("name")?;
        let sid = stable_id(&["service", &organization, &name]);
        let oid = stable_id(&["organization", &organization]);
        let nested = |kind: &str, key: &str| stable_id(&[kind, &organization, &name, key]);
        let benefits = split_codes(
            &r.try_get::<String, _>("qualifying_benefits")?,
            Benefit::parse,
        );
        let max_pct: Option<i64> = r.try_get("max_income_pct_fpg")?;
        let min_age: Option<i64> = r.try_get("min_age")?;
        let categories: Vec<String> = r
            .try_get::<String, _>("categories")?
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let languages: Vec<Value> = r
            .try_get::<String, _>("languages")?
            .split(',')
            .filter_map(Lang::parse)
            .map(|l| {
                json!({
                    "id": nested("language", l.code()),
                    "service_id": sid,
                    "name": l.info().native_name,
                    "code": l.code(),
                })
            })
            .collect();
        let service_areas: Vec<Value> = areas
            .iter()
            .filter(|(p, _)| *p == id)
            .map(|(_, area)| {
                json!({ "id": nested("service_area", area), "service_id": sid, "name": area })
            })
            .collect();
        let cost: String = r.try_get("cost")?;
        let cost_options: Vec<Value> = if cost.is_empty() {
            vec![]
        } else {
            vec![json!({
                "id": nested("cost_option", ""),
                "service_id": sid,
                "amount_description": cost,
            })]
        };
        let phones: Vec<Value> = r
            .try_get::<Option<String>, _>("phone")?
            .into_iter()
            .map(|number| {
                json!({
                    "id": nested("phone", ""),
                    "service_id": sid,
                    "number": number,
                    "type": "voice",
                })
            })
            .collect();
        let site_name: Option<String> = r.try_get("site_name")?;
        let service_at_locations: Vec<Value> = match site_name {
            None => vec![],
            Some(site_name) => {
                let lid = location_id(&site_name);
                let address: String = r.try_get("site_address")?;
                vec![json!({
                    "id": nested("service_at_location", ""),
                    "service_id": sid,
                    "location_id": lid,
                    "location": {
                        "id": lid,
                        "location_type": "physical",
                        "organization_id": oid,
                        "name": site_name,
                        "latitude": r.try_get::<Option<f64>, _>("site_lat")?,
                        "longitude": r.try_get::<Option<f64>, _>("site_lon")?,
                        "addresses": addresses(&lid, &address),
                    },
                })]
            }
        };
        let verified = r
            .try_get::<Option<i64>, _>("last_verified_at")?
            .and_then(timestamp);
        services.push(json!({
            "id": sid,
            "organization_id": oid,
            "name": name,
            "description": r.try_get::<String, _>("description")?,
            "url": r.try_get::<Option<String>, _>("url")?,
            "status": r.try_get::<String, _>("status")?,
            "application_process": r.try_get::<String, _>("application_process")?,
            "eligibility_description": eligibility_description(max_pct, &benefits, min_age),
            "minimum_age": min_age,
            "assured_date": verified.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string()),
            "last_modified": verified.map(|t| t.to_string()),
            "organization": { "id": oid, "name": organization },
            "service_areas": service_areas,
            "languages": languages,
            "cost_options": cost_options,
            "phones": phones,
            "service_at_locations": service_at_locations,
            "x_navdesk_categories": categories,
            "x_navdesk_max_income_pct_fpg": max_pct,
            "x_navdesk_qualifying_benefits": benefits.iter().map(|b| b.code()).collect::<Vec<_>>(),
            "x_navdesk_capacity_available": r.try_get::<Option<i64>, _>("capacity_available")?,
            "x_navdesk_last_verified_at": verified.map(|t| t.to_string()),
        }));
    }
    Ok(Value::Array(services))
}

/// What an import changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
}

/// A service read from the file, checked and ready to store.
struct Incoming {
    values: form::ProgramValues,
    last_verified_at: Option<i64>,
    /// Where residents go: found by name, or added when no site has it.
    site: Option<SiteValues>,
}

/// Reads one service into the program form (and the verification time), or says what is
/// wrong with it.
fn read_service(
    service: &Map<String, Value>,
    area_ids: &HashMap<&str, i64>,
) -> Result<(ProgramForm, Option<i64>, Option<SiteForm>), Vec<String>> {
    let mut problems = Vec::new();
    let text = |key: &str, problems: &mut Vec<String>| match service.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            problems.push(format!("{key} must be text"));
            String::new()
        }
    };
    let number = |key: &str, problems: &mut Vec<String>| match service.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => {
            problems.push(format!("{key} must be a number or null"));
            String::new()
        }
    };
    let list = |key: &str, problems: &mut Vec<String>| -> Vec<Map<String, Value>> {
        match service.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| match item {
                    Value::Object(o) => Some(o.clone()),
                    _ => {
                        problems.push(format!("each of {key} must be an object"));
                        None
                    }
                })
                .collect(),
            Some(_) => {
                problems.push(format!("{key} must be a list"));
                Vec::new()
            }
        }
    };
    let field = |item: &Map<String, Value>, key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let codes = |key: &str, problems: &mut Vec<String>| -> Vec<String> {
        match service.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(_) => {
                problems.push(format!("{key} must be a list of codes"));
                Vec::new()
            }
        }
    };

    let organization = match service.get("organization") {
        Some(Value::Object(o)) => field(o, "name"),
        _ => String::new(),
    };
    let mut areas = Vec::new();
    for area in list("service_areas", &mut problems) {
        let name = field(&area, "name");
        match area_ids.get(name.as_str()) {
            Some(id) => areas.push(id.to_string()),
            None => problems.push(format!("service area {name:?} is not an area here")),
        }
    }
    let site = read_site(&list("service_at_locations", &mut problems), &mut problems);
    let status = match text("status", &mut problems).as_str() {
        "active" => "active",
        "inactive" | "defunct" | "temporarily closed" => "inactive",
        other => {
            problems.push(format!("status {other:?} is not an HSDS status"));
            "active"
        }
    };
    let form = ProgramForm {
        organization,
        name: text("name", &mut problems),
        description: text("description", &mut problems),
        categories: codes("x_navdesk_categories", &mut problems),
        max_income_pct_fpg: number("x_navdesk_max_income_pct_fpg", &mut problems),
        qualifying_benefits: codes("x_navdesk_qualifying_benefits", &mut problems),
        min_age: number("minimum_age", &mut problems),
        languages: list("languages", &mut problems)
            .iter()
            .map(|l| field(l, "code"))
            .collect(),
        cost: list("cost_options", &mut problems)
            .iter()
            .map(|c| field(c, "amount_description"))
            .collect::<Vec<_>>()
            .join("; "),
        url: text("url", &mut problems),
        phone: list("phones", &mut problems)
            .first()
            .map(|p| field(p, "number"))
            .unwrap_or_default(),
        application_process: text("application_process", &mut problems),
        capacity_available: number("x_navdesk_capacity_available", &mut problems),
        site: String::new(),
        status: status.to_owned(),
        areas,
    };
    let exact = text("x_navdesk_last_verified_at", &mut problems);
    let date = text("assured_date", &mut problems);
    let last_verified_at = if !exact.is_empty() {
        match exact.parse::<jiff::Timestamp>() {
            Ok(t) => Some(t.as_second()),
            Err(_) => {
                problems.push(format!(
                    "x_navdesk_last_verified_at {exact:?} is not a time"
                ));
                None
            }
        }
    } else if !date.is_empty() {
        match date
            .parse::<jiff::civil::Date>()
            .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC))
        {
            Ok(z) => Some(z.timestamp().as_second()),
            Err(_) => {
                problems.push(format!("assured_date {date:?} is not a date"));
                None
            }
        }
    } else {
        None
    };
    if problems.is_empty() {
        Ok((form, last_verified_at, site))
    } else {
        Err(problems)
    }
}

/// The site of the first of a service's `service_at_locations` as the site form (its name
/// blank when the location has none), or `None`; the site's check judges the numbers.
fn read_site(
    service_at_locations: &[Map<String, Value>],
    problems: &mut Vec<String>,
) -> Option<SiteForm> {
    let location = service_at_locations
        .first()
        .and_then(|sal| sal.get("location"))
        .and_then(Value::as_object)?;
    Some(SiteForm {
        name: location
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned(),
        address: address_line(location),
        lat: degrees(location, "latitude", problems),
        lon: degrees(location, "longitude", problems),
        slot_minutes: "30".into(),
        active: true,
        ..SiteForm::default()
    })
}

/// Checks every service in `doc` (a list of HSDS services), then writes them all in one
/// transaction: a program with the same organization and name is updated, others are added.
/// Any problem refuses the whole file, naming each service and what is wrong with it.
pub async fn import(db: &Db, doc: &Value) -> anyhow::Result<ImportSummary> {
    let services = doc
        .as_array()
        .context("the file must hold a JSON list of HSDS services")?;
    let areas = crate::areas::choices::areas(db).await?;
    let by_name: HashMap<&str, i64> = areas.iter().map(|a| (a.name.as_str(), a.id)).collect();
    let known: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let i18n = I18n::load()?;
    let en = i18n.tr(Lang::EN);
    let mut problems = Vec::new();
    let mut incoming = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, service) in services.iter().enumerate() {
        let label = service.get("name").and_then(Value::as_str).map_or_else(
            || format!("service #{}", i + 1),
            |n| format!("service {n:?}"),
        );
        let Value::Object(service) = service else {
            problems.push(format!("{label}: not a JSON object"));
            continue;
        };
        let named = |prefix: &str, errors: Vec<crate::web::form::FieldError>| -> Vec<String> {
            errors
                .iter()
                .map(|e| format!("{prefix}{}: {}", e.field, en.t(e.message)))
                .collect()
        };
        let checked = read_service(service, &by_name).and_then(|(form, verified, site)| {
            let values = form::check(&form, &known, &[]).map_err(|e| named("", e));
            let site = site
                .map(|mut site| {
                    if site.name.is_empty() {
                        site.name = form.name.trim().to_owned();
                    }
                    crate::sites::form::check(&site, &[]).map_err(|e| named("location ", e))
                })
                .transpose();
            match (values, site) {
                (Ok(values), Ok(site)) => Ok(Incoming {
                    values,
                    last_verified_at: verified,
                    site,
                }),
                (values, site) => Err([values.err(), site.err()]
                    .into_iter()
                    .flatten()
                    .flatten()
                    .collect()),
            }
        });
        match checked {
            Ok(program) => {
                let key = (
                    program.values.organization.clone(),
                    program.values.name.clone(),
                );
                if !seen.insert(key) {
                    problems.push(format!(
                        "{label}: appears more than once for the same organization"
                    ));
                }
                incoming.push(program);
            }
            Err(list) => problems.extend(list.iter().map(|p| format!("{label}: {p}"))),
        }
    }
    if !problems.is_empty() {
        anyhow::bail!(
            "nothing was imported; {} problem(s):\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    let mut summary = ImportSummary::default();
    let index = crate::areas::AreaIndex::load(db).await?;
    let now = crate::db::now();
    let mut tx = db.pool.begin().await?;
    for program in &mut incoming {
        if let Some(site) = &program.site {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE name = $1")
                .bind(&site.name)
                .fetch_optional(&mut *tx)
                .await?;
            program.values.site_id = Some(match found {
                Some(id) => id,
                None => {
                    let area = site.point.and_then(|(lat, lon)| index.locate(lat, lon));
                    crate::sites::store::write_in(&mut tx, None, site, area, now)
                        .await
                        .map_err(|e| {
                            anyhow::anyhow!("site {:?} could not be added: {e:?}", site.name)
                        })?
                }
            });
        }
        let v = &program.values;
        let existing: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, version FROM programs WHERE organization = $1 AND name = $2",
        )
        .bind(&v.organization)
        .bind(&v.name)
        .fetch_optional(&mut *tx)
        .await?;
        let id = super::store::write_in(&mut tx, existing, v)
            .await
            .map_err(|e| match e {
                super::store::SaveError::Db(err) => anyhow::Error::from(err),
                other => anyhow::anyhow!("program {:?} could not be saved: {other:?}", v.name),
            })?;
        sqlx::query("UPDATE programs SET last_verified_at = $1 WHERE id = $2")
            .bind(program.last_verified_at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if existing.is_some() {
            summary.updated += 1;
        } else {
            summary.created += 1;
        }
    }
    tx.commit().await?;
    tracing::info!(
        created = summary.created,
        updated = summary.updated,
        "programs imported"
    );
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_read_from_the_first_location() {
        let read = |sal: Value| {
            let mut problems = Vec::new();
            let list: Vec<Map<String, Value>> = sal
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_object().unwrap().clone())
                .collect();
            let site = read_site(&list, &mut problems).map(|s| (s.name, s.address, s.lat, s.lon));
            (site, problems)
        };
        assert_eq!(read(json!([])), (None, vec![]));
        assert_eq!(read(json!([{ "id": "x" }])), (None, vec![]));
        // Another system's address in parts, and a tiny number that JSON writes with an exponent.
        let (site, problems) = read(json!([{ "location": {
            "name": "Main Library",
            "latitude": 39.7392,
            "longitude": 0.00001,
            "addresses": [{ "address_1": "1357 Broadway", "address_2": "", "city": "Denver",
                            "state_province": "CO", "postal_code": "80203" }],
        }}]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            site,
            Some((
                "Main Library".to_owned(),
                "1357 Broadway, Denver, CO 80203".to_owned(),
                "39.7392".to_owned(),
                "0.00001".to_owned()
            ))
        );
        let (_, problems) = read(json!([{ "location": { "latitude": "39.7" } }]));
        assert_eq!(problems, ["location latitude must be a number or null"]);
    }

    #[test]
    fn eligibility_is_described() {
        assert_eq!(
            eligibility_description(Some(200), &[Benefit::Snap, Benefit::Ssi], Some(18)),
            "Household income at or under 200% of the federal poverty guideline, or receives \
             one of: snap, ssi. Age 18 or older."
        );
        assert_eq!(eligibility_description(None, &[], None), "Open to all.");
    }
}
