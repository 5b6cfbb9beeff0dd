//! Programs as HSDS 3.0 services: each program read once (`programs`), then written as a
//! service, its organization and its service at a location by the functions below, which the
//! file export and an API share. What the schema types as a string or a number is left out
//! when navdesk has no value (never written as `null`).

use serde_json::{json, Map, Value};
use sqlx::Row;

use crate::db::Db;
use crate::domain::{split_codes, Benefit};
use crate::i18n::Lang;
use crate::sites::hsds::{addresses, location_id, stable_id};

/// A program as HSDS sees it: every stored field it writes, with its site and areas.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub id: i64,
    pub organization: String,
    pub name: String,
    pub description: String,
    /// Category codes (`internet_plan`, `device`, `training`).
    pub categories: Vec<String>,
    pub max_income_pct_fpg: Option<i64>,
    pub qualifying_benefits: Vec<Benefit>,
    pub min_age: Option<i64>,
    pub languages: Vec<Lang>,
    pub cost: String,
    pub url: Option<String>,
    pub phone: Option<String>,
    pub application_process: String,
    /// Places now (from the inventory when the program has devices); `None`: not limited.
    pub capacity_available: Option<i64>,
    /// `active` or `inactive`.
    pub status: String,
    pub last_verified_at: Option<i64>,
    pub site: Option<ProgramSite>,
    /// Area names, sorted.
    pub areas: Vec<String>,
}

/// Where a program's residents go.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramSite {
    pub name: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Which programs `programs` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only active programs (what residents and other directories may be shown).
    Active,
}

/// Programs by organization and name.
pub async fn programs(db: &Db, scope: Scope) -> anyhow::Result<Vec<Program>> {
    let only_active = match scope {
        Scope::All => "",
        Scope::Active => "WHERE p.status = 'active' ",
    };
    let rows = sqlx::query(&format!(
        "SELECT p.id, organization, p.name, description, categories, max_income_pct_fpg, \
                qualifying_benefits, min_age, p.languages, cost, url, phone, \
                application_process, {} AS capacity_available, status, last_verified_at, \
                s.name AS site_name, s.address AS site_address, s.lat AS site_lat, \
                s.lon AS site_lon \
         FROM programs p LEFT JOIN sites s ON s.id = p.site_id {only_active}\
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
    let mut programs = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let site = match r.try_get::<Option<String>, _>("site_name")? {
            None => None,
            Some(name) => Some(ProgramSite {
                name,
                address: r.try_get("site_address")?,
                lat: r.try_get("site_lat")?,
                lon: r.try_get("site_lon")?,
            }),
        };
        programs.push(Program {
            id,
            organization: r.try_get("organization")?,
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            categories: r
                .try_get::<String, _>("categories")?
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            max_income_pct_fpg: r.try_get("max_income_pct_fpg")?,
            qualifying_benefits: split_codes(
                &r.try_get::<String, _>("qualifying_benefits")?,
                Benefit::parse,
            ),
            min_age: r.try_get("min_age")?,
            languages: r
                .try_get::<String, _>("languages")?
                .split(',')
                .filter_map(Lang::parse)
                .collect(),
            cost: r.try_get("cost")?,
            url: r.try_get("url")?,
            phone: r.try_get("phone")?,
            application_process: r.try_get("application_process")?,
            capacity_available: r.try_get("capacity_available")?,
            status: r.try_get("status")?,
            last_verified_at: r.try_get("last_verified_at")?,
            site,
            areas: areas
                .iter()
                .filter(|(p, _)| *p == id)
                .map(|(_, a)| a.clone())
                .collect(),
        });
    }
    Ok(programs)
}

/// Every program as an HSDS 3.0 service (the file `navdesk programs export` writes).
pub async fn export(db: &Db) -> anyhow::Result<Value> {
    let programs = programs(db, Scope::All).await?;
    Ok(Value::Array(programs.iter().map(service_json).collect()))
}

/// The service id of a program: the same for the same organization and name everywhere.
pub fn service_id(organization: &str, name: &str) -> String {
    stable_id(&["service", organization, name])
}

/// The id of an organization, from its name.
pub fn organization_id(organization: &str) -> String {
    stable_id(&["organization", organization])
}

/// The organization as HSDS writes it (`description` is required; navdesk keeps none, so it
/// says what the organization offers here).
pub fn organization_json(organization: &str) -> Value {
    json!({
        "id": organization_id(organization),
        "name": organization,
        "description": format!("{organization}: digital-equity programs listed by the city's digital navigators."),
    })
}

fn nested(p: &Program, kind: &str, key: &str) -> String {
    stable_id(&[kind, &p.organization, &p.name, key])
}

fn timestamp(secs: i64) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_second(secs).ok()
}

/// The eligibility rules as one English sentence, for people reading the file.
pub(super) fn eligibility_description(
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

/// The program's location (its site), or `None` when it has no site.
pub fn location_json(p: &Program) -> Option<Value> {
    let site = p.site.as_ref()?;
    let lid = location_id(&site.name);
    let mut location = Map::new();
    location.insert("id".into(), lid.clone().into());
    location.insert("location_type".into(), "physical".into());
    location.insert(
        "organization_id".into(),
        organization_id(&p.organization).into(),
    );
    location.insert("name".into(), site.name.clone().into());
    if let (Some(lat), Some(lon)) = (site.lat, site.lon) {
        location.insert("latitude".into(), lat.into());
        location.insert("longitude".into(), lon.into());
    }
    location.insert("addresses".into(), addresses(&lid, &site.address).into());
    Some(Value::Object(location))
}

/// The program at its site as an HSDS `service_at_location` (with the location nested), or
/// `None` when it has no site.
pub fn service_at_location_json(p: &Program) -> Option<Value> {
    let location = location_json(p)?;
    Some(json!({
        "id": nested(p, "service_at_location", ""),
        "service_id": service_id(&p.organization, &p.name),
        "location_id": location["id"],
        "location": location,
    }))
}

/// One program as a fully nested HSDS 3.0 service, with navdesk's own fields as `x_navdesk_*`.
pub fn service_json(p: &Program) -> Value {
    let sid = service_id(&p.organization, &p.name);
    let mut s = Map::new();
    let mut put = |key: &str, value: Value| {
        s.insert(key.to_owned(), value);
    };
    put("id", sid.clone().into());
    put("organization_id", organization_id(&p.organization).into());
    put("name", p.name.clone().into());
    put("description", p.description.clone().into());
    if let Some(url) = &p.url {
        put("url", url.clone().into());
    }
    put("status", p.status.clone().into());
    put("application_process", p.application_process.clone().into());
    put(
        "eligibility_description",
        eligibility_description(p.max_income_pct_fpg, &p.qualifying_benefits, p.min_age).into(),
    );
    if let Some(age) = p.min_age {
        put("minimum_age", age.into());
    }
    let verified = p.last_verified_at.and_then(timestamp);
    if let Some(t) = verified {
        put(
            "assured_date",
            t.to_zoned(jiff::tz::TimeZone::UTC)
                .date()
                .to_string()
                .into(),
        );
        put("last_modified", t.to_string().into());
    }
    put("organization", organization_json(&p.organization));
    put(
        "service_areas",
        p.areas
            .iter()
            .map(|area| {
                json!({ "id": nested(p, "service_area", area), "service_id": sid, "name": area })
            })
            .collect(),
    );
    put(
        "languages",
        p.languages
            .iter()
            .map(|l| {
                json!({
                    "id": nested(p, "language", l.code()),
                    "service_id": sid,
                    "name": l.info().native_name,
                    "code": l.code(),
                })
            })
            .collect(),
    );
    put(
        "cost_options",
        if p.cost.is_empty() {
            vec![]
        } else {
            vec![json!({
                "id": nested(p, "cost_option", ""),
                "service_id": sid,
                "amount_description": p.cost,
            })]
        }
        .into(),
    );
    put(
        "phones",
        p.phone
            .iter()
            .map(|number| {
                json!({
                    "id": nested(p, "phone", ""),
                    "service_id": sid,
                    "number": number,
                    "type": "voice",
                })
            })
            .collect(),
    );
    put(
        "service_at_locations",
        service_at_location_json(p).into_iter().collect(),
    );
    put("x_navdesk_categories", json!(p.categories));
    put("x_navdesk_max_income_pct_fpg", json!(p.max_income_pct_fpg));
    put(
        "x_navdesk_qualifying_benefits",
        json!(p
            .qualifying_benefits
            .iter()
            .map(|b| b.code())
            .collect::<Vec<_>>()),
    );
    put("x_navdesk_capacity_available", json!(p.capacity_available));
    put(
        "x_navdesk_last_verified_at",
        json!(verified.map(|t| t.to_string())),
    );
    Value::Object(s)
}
