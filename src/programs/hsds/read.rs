//! Reading what other systems publish as HSDS 3.0 services: every shape the standard uses (one
//! service, a JSON list, a page with `contents`, ndjson), then each service into the program
//! form, with what cannot be mapped said in words instead of refusing the service.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::form::ProgramForm;
use crate::sites::form::SiteForm;
use crate::sites::hsds::{address_line, degrees};

/// The services of a document, each with where it is in the file ("service #2", "line 3").
pub fn services_in_value(doc: &Value) -> anyhow::Result<Vec<(String, Value)>> {
    let numbered = |items: &[Value], what: &str| -> Vec<(String, Value)> {
        items
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("{what} #{}", i + 1), s.clone()))
            .collect()
    };
    match doc {
        Value::Array(items) => Ok(numbered(items, "service")),
        Value::Object(o) => match o.get("contents") {
            Some(Value::Array(items)) => Ok(numbered(items, "contents")),
            Some(_) => anyhow::bail!("the page's contents must be a JSON list of HSDS services"),
            None => Ok(vec![("the service".to_owned(), doc.clone())]),
        },
        _ => anyhow::bail!(
            "the file must hold HSDS services: one service, a JSON list, a page with \
             `contents`, or one service a line (ndjson)"
        ),
    }
}

/// The services of a file's text in any of the standard's shapes. Malformed JSON is refused
/// naming its line (and column).
pub fn services_in_text(text: &str) -> anyhow::Result<Vec<(String, Value)>> {
    let whole = serde_json::from_str::<Value>(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    match whole {
        Ok(doc) => services_in_value(&doc),
        Err(err) => {
            // ndjson: more than one line, the first a JSON object on its own.
            let first_is_object = lines
                .first()
                .and_then(|(_, l)| serde_json::from_str::<Value>(l).ok())
                .is_some_and(|v| v.is_object());
            if lines.len() < 2 || !first_is_object {
                anyhow::bail!(
                    "the file is not valid JSON (line {}, column {}): {err}",
                    err.line(),
                    err.column()
                );
            }
            lines
                .iter()
                .map(|(n, line)| {
                    serde_json::from_str::<Value>(line)
                        .map(|v| (format!("line {}", n + 1), v))
                        .map_err(|e| {
                            anyhow::anyhow!(
                                "line {} is not valid JSON (column {}): {e}",
                                n + 1,
                                e.column()
                            )
                        })
                })
                .collect()
        }
    }
}

/// The service's `id` and `name`, or why the file is refused.
pub fn id_and_name(service: &Value) -> Result<(String, String), &'static str> {
    let Value::Object(o) = service else {
        return Err("not a JSON object");
    };
    let text = |key: &str| {
        o.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match (text("id"), text("name")) {
        (Some(id), Some(name)) => Ok((id, name)),
        (None, _) => Err("has no id"),
        (_, None) => Err("has no name"),
    }
}

/// A service read into the program form, with what was left out and why.
pub struct Read {
    pub form: ProgramForm,
    pub last_verified_at: Option<i64>,
    /// The first location, when there is one.
    pub site: Option<SiteForm>,
    /// What navdesk could not map, in words: the program is a draft.
    pub left_out: Vec<String>,
    /// Fields the service has that navdesk does not keep (not a reason for a draft).
    pub not_kept: Vec<String>,
    /// The service's eligibility in words, when navdesk's own rules are not in the file.
    pub eligibility_text: Option<String>,
}

/// The service fields navdesk reads (the rest, when not empty, are reported as not kept).
const READ: &[&str] = &[
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "status",
    "application_process",
    "eligibility_description",
    "minimum_age",
    "assured_date",
    "last_modified",
    "organization",
    "service_areas",
    "languages",
    "cost_options",
    "phones",
    "service_at_locations",
];

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Reads one service (an object with an id and a name) into the program form. Nothing refuses
/// it: a field navdesk cannot read or map is left out, said in `left_out`.
pub fn read_service(service: &Map<String, Value>, area_ids: &HashMap<&str, i64>) -> Read {
    let mut left_out = Vec::new();
    let text = |key: &str, left_out: &mut Vec<String>| match service.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(other) => {
            left_out.push(format!("{key}: {other} is not text"));
            String::new()
        }
    };
    let number = |key: &str, left_out: &mut Vec<String>| match service.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            left_out.push(format!("{key}: {other} is not a number"));
            String::new()
        }
    };
    let list = |key: &str, left_out: &mut Vec<String>| -> Vec<Map<String, Value>> {
        match service.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| match item {
                    Value::Object(o) => Some(o.clone()),
                    other => {
                        left_out.push(format!("{key}: {other} is not an object"));
                        None
                    }
                })
                .collect(),
            Some(other) => {
                left_out.push(format!("{key}: {other} is not a list"));
                Vec::new()
            }
        }
    };
    let field = |item: &Map<String, Value>, key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let codes = |key: &str, left_out: &mut Vec<String>| -> Vec<String> {
        match service.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(other) => {
                left_out.push(format!("{key}: {other} is not a list of codes"));
                Vec::new()
            }
        }
    };

    let organization = match service.get("organization") {
        Some(Value::Object(o)) => field(o, "name"),
        _ => String::new(),
    };
    let mut areas = Vec::new();
    for area in list("service_areas", &mut left_out) {
        let name = field(&area, "name");
        let words = [field(&area, "description"), field(&area, "extent")]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        match area_ids.get(name.as_str()) {
            Some(id) => areas.push(id.to_string()),
            None if name.is_empty() && words.is_empty() => {
                left_out.push("a service area without a name".to_owned())
            }
            None if name.is_empty() => left_out.push(format!(
                "the service area is described in words only ({words:?}): choose its areas"
            )),
            None => left_out.push(format!(
                "service area {name:?} is not an area here: choose its areas"
            )),
        }
    }
    let site = read_site(&list("service_at_locations", &mut left_out), &mut left_out);
    let status = match text("status", &mut left_out).as_str() {
        "active" => "active",
        "inactive" | "defunct" | "temporarily closed" => "inactive",
        other => {
            left_out.push(format!("status {other:?} is not an HSDS status"));
            "inactive"
        }
    };
    let mut categories = Vec::new();
    for code in codes("x_navdesk_categories", &mut left_out) {
        if crate::domain::ProgramCategory::parse(&code).is_some() {
            categories.push(code);
        } else {
            left_out.push(format!("category {code:?} is not one of navdesk's"));
        }
    }
    if categories.is_empty() {
        left_out.push(
            "no category navdesk knows (internet plan, device, training): choose them".to_owned(),
        );
    }
    let mut benefits = Vec::new();
    for code in codes("x_navdesk_qualifying_benefits", &mut left_out) {
        if crate::domain::Benefit::parse(&code).is_some() {
            benefits.push(code);
        } else {
            left_out.push(format!(
                "qualifying benefit {code:?} is not one navdesk knows"
            ));
        }
    }
    let mut languages = Vec::new();
    let mut other_languages = Vec::new();
    for l in list("languages", &mut left_out) {
        let code = field(&l, "code");
        // A code with a region ("es-MX") is read as its language.
        let short = code
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        match crate::i18n::Lang::parse(&short) {
            Some(lang) if !languages.contains(&lang.code().to_owned()) => {
                languages.push(lang.code().to_owned())
            }
            Some(_) => {}
            None => other_languages.push(if code.is_empty() {
                field(&l, "name")
            } else {
                code
            }),
        }
    }
    if !other_languages.is_empty() {
        left_out.push(format!(
            "language(s) navdesk does not offer: {}",
            other_languages.join(", ")
        ));
    }
    if languages.is_empty() {
        left_out
            .push("no language navdesk offers (en, es, vi, ar, am, ln): choose them".to_owned());
    }
    let phones = list("phones", &mut left_out);
    if phones.len() > 1 {
        left_out.push(format!(
            "{} more phone number(s): navdesk keeps one",
            phones.len() - 1
        ));
    }
    let form = ProgramForm {
        organization,
        name: text("name", &mut left_out),
        description: text("description", &mut left_out),
        categories,
        max_income_pct_fpg: number("x_navdesk_max_income_pct_fpg", &mut left_out),
        qualifying_benefits: benefits,
        min_age: number("minimum_age", &mut left_out),
        languages,
        cost: list("cost_options", &mut left_out)
            .iter()
            .map(|c| field(c, "amount_description"))
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        url: text("url", &mut left_out),
        phone: phones
            .first()
            .map(|p| field(p, "number"))
            .unwrap_or_default(),
        application_process: text("application_process", &mut left_out),
        capacity_available: number("x_navdesk_capacity_available", &mut left_out),
        site: String::new(),
        status: status.to_owned(),
        areas,
    };
    let exact = text("x_navdesk_last_verified_at", &mut left_out);
    let date = text("assured_date", &mut left_out);
    let last_verified_at = if !exact.is_empty() {
        match exact.parse::<jiff::Timestamp>() {
            Ok(t) => Some(t.as_second()),
            Err(_) => {
                left_out.push(format!(
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
                left_out.push(format!("assured_date {date:?} is not a date"));
                None
            }
        }
    } else {
        None
    };
    let eligibility = text("eligibility_description", &mut left_out);
    let own_rules = service.contains_key("x_navdesk_max_income_pct_fpg")
        || service.contains_key("x_navdesk_qualifying_benefits");
    let eligibility_text = (!eligibility.is_empty() && !own_rules).then_some(eligibility);
    let not_kept = service
        .iter()
        .filter(|(k, v)| {
            !READ.contains(&k.as_str()) && !k.starts_with("x_navdesk_") && !is_empty(v)
        })
        .map(|(k, _)| k.clone())
        .collect();
    Read {
        form,
        last_verified_at,
        site,
        left_out,
        not_kept,
        eligibility_text,
    }
}

/// The site of the first of a service's `service_at_locations` as the site form (its name
/// blank when the location has none), or `None`; the site's check judges the numbers.
pub fn read_site(
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
