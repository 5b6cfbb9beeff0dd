//! Programs as Open Referral HSDS 3.0 JSON: `export` writes every program as a `service`
//! (valid against the standard's compiled schema; `service_json`, `organization_json` and
//! `service_at_location_json` write one program for an API), `import` reads services back in
//! every shape the standard uses (upsert by organization and name, in one transaction), so a
//! program directory can be shared with 211 and other HSDS systems (`navdesk programs export`,
//! `navdesk programs import`). What an import cannot map makes a draft (see `import`).
//!
//! The mapping, one service per program:
//!
//! | HSDS 3.0 service field | navdesk program |
//! | --- | --- |
//! | `id`, `organization_id`, nested `id`s | derived from organization and name (SHA-256, UUID form), so the same program has the same ids in every database |
//! | `name`, `description`, `url`, `application_process` | the same fields (`url` left out when none) |
//! | `status` | `active` or `inactive` (on import, `defunct` and `temporarily closed` are inactive) |
//! | `organization` `{id, name, description}` | `organization` (the description, required by HSDS, says what it offers here) |
//! | `service_areas[]` `{id, service_id, name}` | `program_areas`, by area name (on import each name must be an area here) |
//! | `languages[]` `{id, service_id, name, code}` | `languages` (our codes; `name` is the language's own name) |
//! | `cost_options[]` `{id, service_id, amount_description}` | `cost` (free text; none when empty) |
//! | `phones[]` `{id, service_id, number, type: "voice"}` | `phone` (E.164) |
//! | `minimum_age` | `min_age` (left out when none) |
//! | `eligibility_description` | written from the rules below in English on export; ignored on import |
//! | `assured_date` (UTC date), `last_modified` | `last_verified_at` (we keep no separate modification time; both left out when never checked) |
//! | `x_navdesk_last_verified_at` | `last_verified_at` exactly (RFC 3339); on import it wins over `assured_date` |
//! | `x_navdesk_max_income_pct_fpg` | `max_income_pct_fpg` (number or null) |
//! | `x_navdesk_qualifying_benefits` | `qualifying_benefits` (our benefit codes) |
//! | `x_navdesk_categories` | `categories` (`internet_plan`, `device`, `training`) |
//! | `x_navdesk_capacity_available` | `capacity_available` (null: not limited); on export, a program with devices in the inventory gives its available devices |
//! | `service_at_locations[]` `{id, service_id, location_id, location}` | the program's site: one entry when it has one, none otherwise (on import only the first is read) |
//! | `location` `{id, location_type: "physical", organization_id, name, latitude, longitude, addresses}` | the site (`sites::hsds` writes the same `id` for it): `name`, `lat`, `lon` (left out when none; on import both or neither), `address`. On import a site of that name is used as it is; otherwise one is added (named after the program when the location has no name) |
//! | `addresses[]` `{id, location_id, address_1, city, state_province, postal_code, country, address_type: "physical"}` | the site's `address` (kept as one line): "street, city, ST 12345" in its parts, any other whole in `address_1` with the parts empty; `country` is `US`; on import the first address's `address_1`, `address_2`, `city` and `state_province postal_code` are joined with ", " |
//!
//! Fields we do not keep (schedules, contacts, funding, a location's phones, ...) are not
//! exported; on import the report names them.
//!
//! On import, a service from another system rarely carries navdesk's own fields: no
//! categories, a language navdesk does not offer, a service area described in words or named
//! after no area here, eligibility in words only, a value the program form refuses. Such a
//! service is stored as a draft (inactive) program with what could be read, and the report
//! says per service what was left out and why; the audit log records `import_program_draft`,
//! and the program stays a draft on the programs page until a supervisor saves it. A draft
//! never replaces an active program of the same organization and name (it would take the
//! program away from residents): that program is left as it was, and the report says so. Only a
//! file that is not JSON, a service without `id` or `name` (or an unusable organization or
//! name), or the same program twice refuses the whole file.

mod export;
mod import;
mod read;

pub use export::{
    export, location_json, organization_id, organization_json, programs, service_at_location_json,
    service_id, service_json, Program, ProgramSite, Scope,
};
pub use import::{import, import_text, ImportReport, ServiceReport, IMPORTED, IMPORTED_DRAFT};
pub use read::{services_in_text, services_in_value};

use super::form;

#[cfg(test)]
mod tests {
    use super::export::eligibility_description;
    use super::read::read_site;
    use crate::domain::Benefit;
    use serde_json::{json, Map, Value};

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

    #[test]
    fn every_shape_of_the_standard_is_read_with_where_each_service_is() {
        use super::services_in_text;
        let one = r#"{"id": "a", "name": "A"}"#;
        let positions = |text: &str| -> Vec<String> {
            services_in_text(text)
                .unwrap()
                .into_iter()
                .map(|(at, _)| at)
                .collect()
        };
        assert_eq!(positions(one), ["the service"]);
        assert_eq!(
            positions(&format!("[{one}, {one}]")),
            ["service #1", "service #2"]
        );
        assert_eq!(
            positions(&format!("{{\"total_items\": 1, \"contents\": [{one}]}}")),
            ["contents #1"]
        );
        assert_eq!(
            positions(&format!("{one}\n\n{one}\n")),
            ["line 1", "line 3"]
        );
        let broken_line = format!("{one}\n{{\"id\": ");
        for (text, needle) in [
            ("[{\"id\": 1,\n", "line 2"),
            (broken_line.as_str(), "line 2 is not valid JSON"),
            ("\"services\"", "HSDS services"),
        ] {
            let err = format!("{:#}", services_in_text(text).unwrap_err());
            assert!(err.contains(needle), "{needle} in {err}");
        }
    }
}
