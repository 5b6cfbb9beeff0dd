//! The query parameters of the API's lists, read and checked before anything is looked up:
//! a bad value is a `BadParameter` naming the parameter and what it must be.
//!
//! Parameters combine as AND. A parameter the HSDS OpenAPI does not define (`lang`, a cache
//! buster) is ignored, as HTTP and the OpenAPI document allow; an HSDS parameter that this
//! endpoint does not offer is refused, so that a filter is never silently dropped. An empty
//! value counts as absent; a parameter given twice is refused.

use crate::domain::Zip;

/// Items on a page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: u64 = 50;
/// The most items a page may hold: a whole catalogue in a few pages, or in one ndjson answer.
pub const MAX_PER_PAGE: u64 = 500;
/// The largest `proximity`, in meters: farther than that is the whole region anyway.
pub const MAX_PROXIMITY_M: f64 = 200_000.0;

/// Every query parameter the HSDS 3.0 OpenAPI document defines for its read endpoints.
const HSDS_PARAMETERS: &[&str] = &[
    "search",
    "page",
    "per_page",
    "format",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "minimal",
    "full",
    "full_service",
    "postcode",
    "proximity",
    "top_only",
    "parent_id",
];

/// What an answer is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// A page object with `contents`.
    #[default]
    Json,
    /// Every matching item, one JSON object a line, without paging.
    Ndjson,
}

/// A list's parameters, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    /// Lowercased words; an item matches when it holds every one.
    pub search: Vec<String>,
    /// Counts from 1.
    pub page: u64,
    pub per_page: u64,
    pub format: Format,
    pub modified_after: Option<jiff::Timestamp>,
    pub organization_id: Option<String>,
    pub taxonomy_term_id: Option<String>,
    pub taxonomy_id: Option<String>,
    pub parent_id: Option<String>,
    pub postcode: Option<Zip>,
    /// Meters from the postcode's centroid.
    pub proximity: Option<f64>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            search: Vec::new(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            format: Format::Json,
            modified_after: None,
            organization_id: None,
            taxonomy_term_id: None,
            taxonomy_id: None,
            parent_id: None,
            postcode: None,
            proximity: None,
        }
    }
}

/// A parameter the caller must change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadParameter {
    pub parameter: String,
    pub message: String,
}

fn bad(parameter: &str, message: impl Into<String>) -> BadParameter {
    BadParameter {
        parameter: parameter.to_owned(),
        message: message.into(),
    }
}

/// Whether `text` is an id as HSDS writes them: a UUID, `8-4-4-4-12` hexadecimal digits.
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn id(parameter: &str, value: &str) -> Result<String, BadParameter> {
    if is_uuid(value) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(bad(
            parameter,
            format!("{parameter} must be an id as this API writes them (a UUID), not {value:?}"),
        ))
    }
}

fn whole_number(parameter: &str, value: &str, max: u64) -> Result<u64, BadParameter> {
    match value.parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(bad(
            parameter,
            format!("{parameter} must be a whole number from 1 to {max}, not {value:?}"),
        )),
    }
}

fn boolean(parameter: &str, value: &str) -> Result<bool, BadParameter> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad(
            parameter,
            format!("{parameter} must be true or false, not {value:?}"),
        )),
    }
}

/// A time as `modified_after` takes it: RFC 3339 (`2025-06-01T12:00:00Z`), or a date or a
/// date and time without an offset, read as UTC.
fn time(value: &str) -> Result<jiff::Timestamp, BadParameter> {
    let utc = jiff::tz::TimeZone::UTC;
    value
        .parse::<jiff::Timestamp>()
        .ok()
        .or_else(|| {
            value
                .parse::<jiff::civil::DateTime>()
                .ok()
                .and_then(|dt| dt.to_zoned(utc.clone()).ok())
                .map(|z| z.timestamp())
        })
        .ok_or_else(|| {
            bad(
                "modified_after",
                format!(
                    "modified_after must be a date and time like 2025-06-01T12:00:00Z or a date \
                     like 2025-06-01, not {value:?}"
                ),
            )
        })
}

/// Reads `raw` (the URL's query) for an endpoint that offers the HSDS parameters in `offered`.
pub fn parse(raw: Option<&str>, offered: &[&str]) -> Result<ListQuery, BadParameter> {
    let mut q = ListQuery::default();
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let name = name.as_ref();
        if !HSDS_PARAMETERS.contains(&name) {
            continue;
        }
        if !offered.contains(&name) {
            return Err(bad(
                name,
                format!("{name} is not a parameter of this endpoint (see the OpenAPI document)"),
            ));
        }
        if seen.iter().any(|s| s == name) {
            return Err(bad(name, format!("{name} is given more than once")));
        }
        seen.push(name.to_owned());
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match name {
            "search" => {
                q.search = value
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>();
            }
            "page" => q.page = whole_number(name, value, u64::from(u32::MAX))?,
            "per_page" => q.per_page = whole_number(name, value, MAX_PER_PAGE)?,
            "format" => {
                q.format = match value {
                    "json" => Format::Json,
                    "ndjson" => Format::Ndjson,
                    _ => {
                        return Err(bad(
                            name,
                            format!("format must be json or ndjson, not {value:?}"),
                        ))
                    }
                }
            }
            "modified_after" => q.modified_after = Some(time(value)?),
            "organization_id" => q.organization_id = Some(id(name, value)?),
            "taxonomy_term_id" => q.taxonomy_term_id = Some(id(name, value)?),
            "taxonomy_id" => q.taxonomy_id = Some(id(name, value)?),
            "parent_id" => q.parent_id = Some(id(name, value)?),
            "postcode" => {
                let five = value.split('-').next().unwrap_or(value);
                q.postcode = Some(Zip::parse(five).ok_or_else(|| {
                    bad(
                        name,
                        format!("postcode must be a US ZIP code like 80205, not {value:?}"),
                    )
                })?);
            }
            "proximity" => match value.parse::<f64>() {
                Ok(m) if m.is_finite() && m > 0.0 && m <= MAX_PROXIMITY_M => {
                    q.proximity = Some(m);
                }
                _ => {
                    return Err(bad(
                        name,
                        format!(
                            "proximity must be a distance in meters, more than 0 and at most \
                             {MAX_PROXIMITY_M}, not {value:?}"
                        ),
                    ))
                }
            },
            // We always answer fully nested, and our taxonomy is flat: the switches are
            // checked, and only `minimal=true`, which asks for another shape, is refused.
            "full" | "full_service" | "top_only" | "minimal" => {
                let on = boolean(name, value)?;
                if on && name == "minimal" {
                    return Err(bad(
                        name,
                        "minimal=true is not offered: every answer is fully nested",
                    ));
                }
            }
            _ => {}
        }
    }
    if q.proximity.is_some() && q.postcode.is_none() {
        return Err(bad(
            "proximity",
            "proximity is measured from a postcode's centroid: give postcode too",
        ));
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[&str] = HSDS_PARAMETERS;

    #[test]
    fn good_queries_are_read() {
        let q = parse(
            Some(
                "search=Home+Internet&page=2&per_page=10&format=ndjson&lang=es&\
                 organization_id=0E5A3C1B-1234-4abc-8def-0123456789ab&postcode=80205-1234&\
                 proximity=1500&modified_after=2025-06-01&full=true&minimal=false&taxonomy_id=",
            ),
            ALL,
        )
        .unwrap();
        assert_eq!(q.search, ["home", "internet"]);
        assert_eq!((q.page, q.per_page, q.format), (2, 10, Format::Ndjson));
        assert_eq!(
            q.organization_id.as_deref(),
            Some("0e5a3c1b-1234-4abc-8def-0123456789ab")
        );
        assert_eq!(q.postcode.as_ref().map(Zip::as_str), Some("80205"));
        assert_eq!(q.proximity, Some(1500.0));
        assert_eq!(
            q.modified_after,
            Some("2025-06-01T00:00:00Z".parse().unwrap())
        );
        assert_eq!(q.taxonomy_id, None, "empty is absent");
        assert_eq!(parse(None, &[]).unwrap(), ListQuery::default());
        assert_eq!(
            parse(Some("utm_source=x&lang=ar"), &[]).unwrap(),
            ListQuery::default(),
            "parameters HSDS does not define are ignored"
        );
    }

    #[test]
    fn bad_queries_name_the_parameter() {
        for (query, parameter) in [
            ("page=0", "page"),
            ("page=-1", "page"),
            ("page=two", "page"),
            ("page=99999999999999999999", "page"),
            ("per_page=0", "per_page"),
            ("per_page=501", "per_page"),
            ("per_page=1000000", "per_page"),
            ("format=xml", "format"),
            ("modified_after=yesterday", "modified_after"),
            ("organization_id=42", "organization_id"),
            ("taxonomy_term_id=device", "taxonomy_term_id"),
            ("postcode=8020", "postcode"),
            ("postcode=80205&proximity=-5", "proximity"),
            ("postcode=80205&proximity=NaN", "proximity"),
            ("proximity=500", "proximity"),
            ("full=yes", "full"),
            ("minimal=true", "minimal"),
            ("page=1&page=2", "page"),
        ] {
            let err = parse(Some(query), ALL).unwrap_err();
            assert_eq!(err.parameter, parameter, "{query}: {err:?}");
            assert!(err.message.contains(parameter), "{query}: {err:?}");
        }
        let err = parse(Some("postcode=80205"), &["search"]).unwrap_err();
        assert_eq!(err.parameter, "postcode");
        assert!(err.message.contains("not a parameter of this endpoint"));
    }

    #[test]
    fn ids_are_uuids() {
        assert!(is_uuid("0e5a3c1b-1234-4abc-8def-0123456789ab"));
        for bad in [
            "",
            "42",
            "0e5a3c1b12344abc8def0123456789ab",
            "0e5a3c1b-1234-4abc-8def-0123456789ag",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
