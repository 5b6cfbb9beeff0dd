//! Sites as Open Referral HSDS 3.0 JSON: `export` writes every site as a `location` with its
//! navigators' office hours as `schedules`; `import` reads such a list back (upsert by name,
//! each imported site's hours replaced by the file's, all or nothing), for `navdesk sites
//! export` / `navdesk sites import` and the sites page's download.
//!
//! | HSDS 3.0 location field | navdesk site |
//! | --- | --- |
//! | `id`, nested `id`s | derived from the name (SHA-256, UUID form): the same in every database, and the same as a program's `location` at that site |
//! | `location_type` | `physical` |
//! | `name`, `latitude`, `longitude` | `name`, `lat`, `lon` (no point: the two keys are left out) |
//! | `addresses[]` | `address` in its parts when written "street, city, ST 12345", else whole in `address_1` (see `programs::hsds`); on import the parts are joined |
//! | `languages[]` `{id, location_id, name, code}` | `languages` |
//! | `accessibility[]` `{id, location_id, description}` | `accessibility` (one entry; on import the descriptions are joined) |
//! | `schedules[]` | one per office hours: `freq` `WEEKLY`, `wkst` `MO`, `byday` (`MO`..`SU`; on import a list is one row per day), `opens_at` / `closes_at` as local `HH:MM` in the city's time zone (named in `description` and `x_navdesk_timezone`: a fixed UTC offset would be wrong for half the year), `x_navdesk_navigator` (the navigator's email) |
//! | `x_navdesk_slot_minutes`, `x_navdesk_active`, `x_navdesk_area` (area name) | `slot_minutes`, `active`, `area_id` (on import an area unknown here is an error; none: found from the point) |
//! | `x_navdesk_closures[]` `{day, reason}` | the site's own closures from today on (closures of every site are not a location's) |
//!
//! On import a schedule is refused unless it is `WEEKLY` with `interval` 1 (or none) and
//! times of day; an offset on a time must be one the city's zone uses. A schedule whose
//! `valid_to` has passed is skipped, as is one without `x_navdesk_navigator` (another system's
//! opening hours: navdesk keeps navigators' hours, not a building's).

mod export;
mod import;

pub use export::export;
pub use import::{import, ImportSummary};

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// A stable identifier in UUID form for the things named by `parts`.
pub fn stable_id(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0x1f]);
    }
    let h = hash.finalize();
    let hex: String = h[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The id of the location for the site named `name`.
pub fn location_id(name: &str) -> String {
    stable_id(&["location", name])
}

/// A site's address as HSDS `addresses`: "street, city, ST 12345" in its parts (which HSDS
/// requires), any other address whole in `address_1` with the parts empty rather than guessed.
/// `address_line` joins the parts back to the same line.
pub fn addresses(location_id: &str, address: &str) -> Vec<Value> {
    if address.is_empty() {
        return vec![];
    }
    let (street, city, state, postal) = address_parts(address).unwrap_or((address, "", "", ""));
    vec![json!({
        "id": stable_id(&["address", location_id]),
        "location_id": location_id,
        "address_1": street,
        "city": city,
        "state_province": state,
        "postal_code": postal,
        "country": "US",
        "address_type": "physical",
    })]
}

/// "1357 Broadway, Denver, CO 80203" as (street, city, state, ZIP code), when it is written so.
fn address_parts(address: &str) -> Option<(&str, &str, &str, &str)> {
    let (rest, region) = address.rsplit_once(", ")?;
    let (street, city) = rest.rsplit_once(", ")?;
    let (state, postal) = region.split_once(' ')?;
    let zip = |z: &str| z.len() == 5 && z.bytes().all(|b| b.is_ascii_digit());
    let postal_ok = match postal.split_once('-') {
        Some((five, four)) => {
            zip(five) && four.len() == 4 && four.bytes().all(|b| b.is_ascii_digit())
        }
        None => zip(postal),
    };
    let ok = !street.trim().is_empty()
        && street == street.trim()
        && !city.trim().is_empty()
        && city == city.trim()
        && state.len() == 2
        && state.bytes().all(|b| b.is_ascii_uppercase())
        && postal_ok;
    ok.then_some((street, city, state, postal))
}

/// The first of a location's `addresses` as one line, its parts joined the way people write
/// them ("1357 Broadway, Denver, CO 80203").
pub fn address_line(location: &Map<String, Value>) -> String {
    let Some(a) = location
        .get("addresses")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_object)
    else {
        return String::new();
    };
    let part = |key: &str| {
        a.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let region = [part("state_province"), part("postal_code")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [part("address_1"), part("address_2"), part("city"), region]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A coordinate of a location as the form's text ("" when absent); through `f64` so a tiny
/// number reads as decimals, not JSON's "1e-5".
pub fn degrees(location: &Map<String, Value>, key: &str, problems: &mut Vec<String>) -> String {
    match location.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::Number(n)) => n.as_f64().map(|f| f.to_string()).unwrap_or_default(),
        Some(_) => {
            problems.push(format!("location {key} must be a number or null"));
            String::new()
        }
    }
}

pub(super) const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_written_in_its_parts_and_read_back_whole() {
        let cases = [
            (
                "1357 Broadway, Denver, CO 80203",
                ("1357 Broadway", "Denver", "CO", "80203"),
            ),
            (
                "Suite 2, 100 Main St, Denver, CO 80203-1234",
                ("Suite 2, 100 Main St", "Denver", "CO", "80203-1234"),
            ),
            (
                "Wherever the van parks",
                ("Wherever the van parks", "", "", ""),
            ),
            (
                "1 Main St, Denver, Colorado 80203",
                ("1 Main St, Denver, Colorado 80203", "", "", ""),
            ),
            (
                "1 Main St, Denver, CO 8020",
                ("1 Main St, Denver, CO 8020", "", "", ""),
            ),
        ];
        for (line, (street, city, state, postal)) in cases {
            let written = addresses("id", line);
            let a = &written[0];
            assert_eq!(
                (
                    &a["address_1"],
                    &a["city"],
                    &a["state_province"],
                    &a["postal_code"]
                ),
                (&json!(street), &json!(city), &json!(state), &json!(postal)),
                "{line}"
            );
            let location: Map<String, Value> = [("addresses".to_owned(), Value::Array(written))]
                .into_iter()
                .collect();
            assert_eq!(address_line(&location), line);
        }
        assert!(addresses("id", "").is_empty());
    }
}
