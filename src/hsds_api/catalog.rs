//! What the API publishes, made from the programs' HSDS export (`programs::hsds`): the active
//! services, their organizations and service-at-locations, and navdesk's categories as a
//! taxonomy; with the filters and the paging object of the HSDS API. Pure: no database here.
//!
//! Each service gains `attributes` linking it to its categories' taxonomy terms (the export
//! names them only in `x_navdesk_categories`), so `taxonomy_term_id` means what HSDS says.

use serde_json::{json, Map, Value};

use super::query::ListQuery;
use crate::domain::ProgramCategory;
use crate::sites::hsds::stable_id;

/// The taxonomy our categories form.
const TAXONOMY_NAME: &str = "navdesk program categories";

pub fn taxonomy_id() -> String {
    stable_id(&["taxonomy", TAXONOMY_NAME])
}

pub fn term_id(category: ProgramCategory) -> String {
    stable_id(&["taxonomy_term", TAXONOMY_NAME, category.code()])
}

fn term_description(category: ProgramCategory) -> &'static str {
    match category {
        ProgramCategory::InternetPlan => {
            "A home internet plan, often discounted for households with low income."
        }
        ProgramCategory::Device => "A computer, tablet or hotspot, lent or given.",
        ProgramCategory::Training => {
            "Help and classes for using a computer, a phone and the internet."
        }
    }
}

/// Where a postcode is: its centroid, and the area that holds it (none: outside them all).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub lat: f64,
    pub lon: f64,
    pub area: Option<String>,
}

/// Everything published, as of one reading of the programs.
#[derive(Debug)]
pub struct Catalog {
    services: Vec<Value>,
    taxonomy: Value,
    terms: Vec<Value>,
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// Whether every search word is somewhere in `haystack` (lowercased).
fn found(words: &[String], haystack: &str) -> bool {
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// The same value without the keys named.
fn without(value: &Value, keys: &[&str]) -> Value {
    match value {
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

impl Catalog {
    /// The catalogue from `exported` (a list of HSDS services, as `programs::hsds::export`
    /// writes them): only active services are kept. `term_name` names a category in English.
    pub fn new(exported: Value, term_name: impl Fn(ProgramCategory) -> String) -> Self {
        let taxonomy = json!({
            "id": taxonomy_id(),
            "name": TAXONOMY_NAME,
            "description": "What a digital navigator program offers: home internet plans, \
                            devices, and training.",
            "version": "1",
        });
        let terms: Vec<Value> = ProgramCategory::ALL
            .iter()
            .map(|&c| {
                json!({
                    "id": term_id(c),
                    "code": c.code(),
                    "name": term_name(c),
                    "description": term_description(c),
                    "taxonomy": TAXONOMY_NAME,
                    "taxonomy_id": taxonomy_id(),
                    "language": "en",
                })
            })
            .collect();
        let services = match exported {
            Value::Array(services) => services,
            _ => Vec::new(),
        }
        .into_iter()
        .filter(|s| text(s, "status") == "active")
        .map(|mut service| {
            let sid = text(&service, "id").to_owned();
            let attributes: Vec<Value> = list(&service, "x_navdesk_categories")
                .iter()
                .filter_map(|c| c.as_str().and_then(ProgramCategory::parse))
                .map(|c| {
                    json!({
                        "id": stable_id(&["attribute", &sid, c.code()]),
                        "link_id": sid,
                        "link_entity": "service",
                        "taxonomy_term_id": term_id(c),
                        "taxonomy_term": terms[ProgramCategory::ALL.iter().position(|&x| x == c).unwrap_or(0)],
                    })
                })
                .collect();
            if let Value::Object(o) = &mut service {
                o.insert("attributes".into(), attributes.into());
            }
            service
        })
        .collect();
        Self {
            services,
            taxonomy,
            terms,
        }
    }

    fn term_ids(service: &Value) -> impl Iterator<Item = &str> {
        list(service, "attributes")
            .iter()
            .map(|a| text(a, "taxonomy_term_id"))
    }

    fn service_haystack(service: &Value) -> String {
        let mut hay = [
            text(service, "name"),
            text(service, "alternate_name"),
            text(service, "description"),
            service
                .get("organization")
                .map(|o| text(o, "name"))
                .unwrap_or_default(),
        ]
        .join("\n");
        for attribute in list(service, "attributes") {
            if let Some(term) = attribute.get("taxonomy_term") {
                hay.push('\n');
                hay.push_str(text(term, "name"));
            }
        }
        hay.to_lowercase()
    }

    /// Whether a service passes the service filters of `q`.
    fn service_matches(&self, service: &Value, q: &ListQuery) -> bool {
        if !found(&q.search, &Self::service_haystack(service)) {
            return false;
        }
        if let Some(org) = &q.organization_id {
            if text(service, "organization_id") != org {
                return false;
            }
        }
        if let Some(term) = &q.taxonomy_term_id {
            if !Self::term_ids(service).any(|t| t == term) {
                return false;
            }
        }
        if q.taxonomy_id.is_some() && Self::term_ids(service).next().is_none() {
            return false;
        }
        if let Some(after) = q.modified_after {
            let modified = text(service, "last_modified").parse::<jiff::Timestamp>();
            if !modified.is_ok_and(|m| m >= after) {
                return false;
            }
        }
        true
    }

    /// Whether a filter names an id this catalogue's taxonomy does not have: the taxonomy is
    /// fixed and listed, so such an id is a mistake worth saying (an organization id that
    /// matches nothing is not: it may have no active program today).
    pub fn unknown_taxonomy_id(&self, q: &ListQuery) -> Option<(&'static str, String)> {
        if let Some(id) = q.taxonomy_id.as_deref() {
            if id != text(&self.taxonomy, "id") {
                return Some(("taxonomy_id", id.to_owned()));
            }
        }
        for (name, id) in [
            ("taxonomy_term_id", q.taxonomy_term_id.as_deref()),
            ("parent_id", q.parent_id.as_deref()),
        ] {
            if let Some(id) = id {
                if self.term(id).is_none() {
                    return Some((name, id.to_owned()));
                }
            }
        }
        None
    }

    /// The services passing `q`, borrowed: a page copies only what it shows.
    pub fn services(&self, q: &ListQuery) -> Vec<&Value> {
        self.services
            .iter()
            .filter(|s| self.service_matches(s, q))
            .collect()
    }

    pub fn service(&self, id: &str) -> Option<Value> {
        self.services.iter().find(|s| text(s, "id") == id).cloned()
    }

    /// Each organization with an active service once, in the services' order, as the
    /// organization list shows it (its own fields, no nested lists).
    pub fn organizations(&self, q: &ListQuery) -> Vec<Value> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for service in &self.services {
            let Some(Value::Object(org)) = service.get("organization") else {
                continue;
            };
            let id = org.get("id").and_then(Value::as_str).unwrap_or_default();
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let own: Map<String, Value> = org
                .iter()
                .filter(|(_, v)| !v.is_array() && !v.is_object())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let hay = format!(
                "{}\n{}",
                text(&service["organization"], "name"),
                text(&service["organization"], "description")
            )
            .to_lowercase();
            if found(&q.search, &hay) {
                out.push(Value::Object(own));
            }
        }
        out
    }

    /// One organization with its active services (each without the organization again).
    pub fn organization(&self, id: &str) -> Option<Value> {
        let services: Vec<&Value> = self
            .services
            .iter()
            .filter(|s| text(s, "organization_id") == id)
            .collect();
        let first = services.first()?;
        let mut org = first.get("organization")?.clone();
        let nested: Vec<Value> = services
            .iter()
            .map(|s| without(s, &["organization"]))
            .collect();
        if let Value::Object(o) = &mut org {
            o.insert("services".into(), nested.into());
        }
        Some(org)
    }

    /// Every service at a location, with its location and its service (without the service's
    /// list of locations, which this is one of).
    fn all_service_at_locations(&self) -> impl Iterator<Item = (Value, &Value)> + '_ {
        self.services.iter().flat_map(|service| {
            let nested = without(service, &["service_at_locations"]);
            list(service, "service_at_locations")
                .iter()
                .map(move |sal| {
                    let mut sal = sal.clone();
                    if let Value::Object(o) = &mut sal {
                        o.insert("service".into(), nested.clone());
                    }
                    (sal, service)
                })
                .collect::<Vec<_>>()
        })
    }

    /// The services at locations that pass `q`'s service filters and are near `place`: in
    /// the service's areas when it names any, and within `q.proximity` meters when given.
    pub fn service_at_locations(&self, q: &ListQuery, place: Option<&Place>) -> Vec<Value> {
        self.all_service_at_locations()
            .filter(|(sal, service)| {
                let location = sal.get("location").cloned().unwrap_or_default();
                let hay = format!(
                    "{}\n{}",
                    text(&location, "name"),
                    list(&location, "addresses")
                        .iter()
                        .map(|a| text(a, "address_1"))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
                .to_lowercase();
                let words: Vec<String> = q
                    .search
                    .iter()
                    .filter(|w| !hay.contains(w.as_str()))
                    .cloned()
                    .collect();
                let rest = ListQuery {
                    search: words,
                    ..q.clone()
                };
                self.service_matches(service, &rest) && near(place, q.proximity, service, &location)
            })
            .map(|(sal, _)| sal)
            .collect()
    }

    pub fn service_at_location(&self, id: &str) -> Option<Value> {
        self.all_service_at_locations()
            .find(|(sal, _)| text(sal, "id") == id)
            .map(|(sal, _)| sal)
    }

    pub fn taxonomies(&self, q: &ListQuery) -> Vec<Value> {
        let hay = format!(
            "{}\n{}",
            text(&self.taxonomy, "name"),
            text(&self.taxonomy, "description")
        )
        .to_lowercase();
        if found(&q.search, &hay) {
            vec![self.taxonomy.clone()]
        } else {
            vec![]
        }
    }

    pub fn taxonomy(&self, id: &str) -> Option<Value> {
        (text(&self.taxonomy, "id") == id).then(|| self.taxonomy.clone())
    }

    /// The terms passing `q`: every term is at the top of the taxonomy, so one asked for
    /// under a parent finds none.
    pub fn terms(&self, q: &ListQuery) -> Vec<Value> {
        if q.parent_id.is_some() {
            return vec![];
        }
        self.terms
            .iter()
            .filter(|t| {
                let hay = format!(
                    "{}\n{}\n{}",
                    text(t, "code"),
                    text(t, "name"),
                    text(t, "description")
                )
                .to_lowercase();
                found(&q.search, &hay)
            })
            .cloned()
            .collect()
    }

    pub fn term(&self, id: &str) -> Option<Value> {
        self.terms.iter().find(|t| text(t, "id") == id).cloned()
    }
}

/// Whether a service's location suits someone at `place`.
fn near(place: Option<&Place>, proximity: Option<f64>, service: &Value, location: &Value) -> bool {
    let Some(place) = place else {
        return true;
    };
    let areas: Vec<&str> = list(service, "service_areas")
        .iter()
        .map(|a| text(a, "name"))
        .collect();
    if !areas.is_empty() && !place.area.as_deref().is_some_and(|a| areas.contains(&a)) {
        return false;
    }
    let Some(meters) = proximity else {
        return true;
    };
    let point = (
        location.get("latitude").and_then(Value::as_f64),
        location.get("longitude").and_then(Value::as_f64),
    );
    match point {
        (Some(lat), Some(lon)) => {
            crate::matching::navigators::distance_km((place.lat, place.lon), (lat, lon)) * 1000.0
                <= meters
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(name: &str, org: &str, categories: &[&str], status: &str) -> Value {
        let sid = stable_id(&["service", org, name]);
        json!({
            "id": sid,
            "organization_id": stable_id(&["organization", org]),
            "name": name,
            "description": format!("{name} for everyone"),
            "status": status,
            "last_modified": "2025-06-01T12:00:00Z",
            "organization": { "id": stable_id(&["organization", org]), "name": org, "description": "" },
            "service_areas": [{ "id": stable_id(&["a", name]), "service_id": sid, "name": "Five Points" }],
            "service_at_locations": [{
                "id": stable_id(&["sal", name]),
                "service_id": sid,
                "location_id": stable_id(&["location", name]),
                "location": { "id": stable_id(&["location", name]), "location_type": "physical",
                              "name": format!("{name} branch"), "latitude": 39.75, "longitude": -104.98 },
            }],
            "x_navdesk_categories": categories,
        })
    }

    fn catalog() -> Catalog {
        Catalog::new(
            json!([
                service(
                    "Internet Essentials",
                    "Comcast",
                    &["internet_plan"],
                    "active"
                ),
                service("Laptops", "Library", &["device", "training"], "active"),
                service("Old plan", "Comcast", &["internet_plan"], "inactive"),
            ]),
            |c| c.code().to_owned(),
        )
    }

    fn names<V: std::borrow::Borrow<Value>>(values: &[V]) -> Vec<&str> {
        values.iter().map(|v| text(v.borrow(), "name")).collect()
    }

    #[test]
    fn only_active_services_with_their_terms() {
        let c = catalog();
        let all = c.services(&ListQuery::default());
        assert_eq!(names(&all), ["Internet Essentials", "Laptops"]);
        let terms: Vec<&str> = Catalog::term_ids(all[1]).collect();
        assert_eq!(
            terms,
            [
                term_id(ProgramCategory::Device),
                term_id(ProgramCategory::Training)
            ]
        );
        assert_eq!(
            names(&c.organizations(&ListQuery::default())),
            ["Comcast", "Library"]
        );
        let org = c
            .organization(&stable_id(&["organization", "Comcast"]))
            .unwrap();
        assert_eq!(
            names(org["services"].as_array().unwrap()),
            ["Internet Essentials"]
        );
        assert!(org["services"][0].get("organization").is_none());
    }

    #[test]
    fn filters_combine_as_and() {
        let c = catalog();
        let q = |f: &dyn Fn(&mut ListQuery)| {
            let mut q = ListQuery::default();
            f(&mut q);
            names(&c.services(&q)).join(",")
        };
        assert_eq!(q(&|q| q.search = vec!["laptops".into()]), "Laptops");
        assert_eq!(
            q(&|q| q.search = vec!["comcast".into(), "internet".into()]),
            "Internet Essentials"
        );
        assert_eq!(
            q(&|q| q.search = vec!["comcast".into(), "laptops".into()]),
            ""
        );
        assert_eq!(
            q(&|q| q.taxonomy_term_id = Some(term_id(ProgramCategory::Training))),
            "Laptops"
        );
        assert_eq!(
            q(&|q| {
                q.taxonomy_term_id = Some(term_id(ProgramCategory::Training));
                q.organization_id = Some(stable_id(&["organization", "Comcast"]));
            }),
            ""
        );
        assert_eq!(
            q(&|q| q.modified_after = Some("2025-06-01T12:00:00Z".parse().unwrap())),
            "Internet Essentials,Laptops"
        );
        assert_eq!(
            q(&|q| q.modified_after = Some("2025-06-01T12:00:01Z".parse().unwrap())),
            ""
        );
    }

    #[test]
    fn places_filter_service_at_locations() {
        let c = catalog();
        let q = ListQuery::default();
        let inside = Place {
            lat: 39.75,
            lon: -104.99,
            area: Some("Five Points".into()),
        };
        let outside = Place {
            area: Some("Westwood".into()),
            ..inside.clone()
        };
        assert_eq!(c.service_at_locations(&q, Some(&inside)).len(), 2);
        assert_eq!(c.service_at_locations(&q, Some(&outside)).len(), 0);
        // About 850 m east of the locations.
        let near = ListQuery {
            proximity: Some(1000.0),
            ..q.clone()
        };
        assert_eq!(c.service_at_locations(&near, Some(&inside)).len(), 2);
        let nearer = ListQuery {
            proximity: Some(500.0),
            ..q.clone()
        };
        assert_eq!(c.service_at_locations(&nearer, Some(&inside)).len(), 0);
        let sal = &c.service_at_locations(&q, None)[0];
        assert_eq!(text(&sal["service"], "name"), "Internet Essentials");
        assert!(sal["service"].get("service_at_locations").is_none());
        assert_eq!(
            c.service_at_location(text(sal, "id"))
                .as_ref()
                .map(|s| text(s, "id")),
            Some(text(sal, "id"))
        );
    }
}
