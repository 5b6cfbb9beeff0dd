//! The HSDS 3.0 schema check the other tests use (tests/common/hsds.rs): a known-bad value is
//! refused with each error at its JSON pointer, a minimal valid one is accepted, the object
//! files' relative references and the OpenAPI document's paging object are read from the
//! folder. Skipped with a line where the schemas are not there (failed under
//! `NAVDESK_REQUIRE_ALL_TIERS=1`).

mod common;

use common::hsds as schemas;
use serde_json::json;

const UUID: &str = "ac148810-d857-441c-9679-408f346de14b";

/// The schema check itself: a known-bad service is refused with every error at its place, a
/// minimal one is accepted, and the object files' references are followed from the folder.
#[test]
fn the_schemas_refuse_a_bad_service_and_accept_a_minimal_one() {
    if !schemas::available() {
        return;
    }
    let minimal = json!({ "id": UUID, "name": "Tech help", "status": "active" });
    schemas::assert_valid("service", &minimal, "a minimal service");
    schemas::assert_valid("service_list", &minimal, "a minimal service");
    let bad = json!({
        "id": UUID,
        "name": "Tech help",
        "status": "open",
        "url": null,
        "minimum_age": "12",
        "organization": { "id": UUID, "name": "Library" },
    });
    let errors = schemas::validate("service", &bad).unwrap_err();
    for place in ["/status: ", "/url: ", "/minimum_age: ", "/organization: "] {
        assert!(
            errors.iter().any(|e| e.starts_with(place)),
            "{place} in {errors:#?}"
        );
    }
    let errors = schemas::validate("service", &json!({ "id": "7", "name": "x" })).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(": ") && e.contains("status")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.starts_with("/id: ")), "{errors:?}");

    let address = json!({ "id": UUID, "address_1": "1357 Broadway", "city": "Denver",
        "state_province": "CO", "postal_code": "80203", "country": "US",
        "address_type": "physical" });
    let location = json!({ "id": UUID, "location_type": "physical", "addresses": [address] });
    schemas::assert_valid("location", &location, "a location");
    let errors = schemas::validate(
        "location",
        &json!({ "id": UUID, "location_type": "physical", "addresses": [{ "id": UUID }] }),
    )
    .unwrap_err();
    assert!(
        errors.iter().any(|e| e.starts_with("/addresses/0: ")),
        "{errors:?}"
    );

    let page = json!({ "total_items": 1, "total_pages": 1, "page_number": 1, "size": 1,
        "first_page": true, "last_page": true, "empty": false, "contents": [minimal] });
    schemas::assert_valid("service_page", &page, "a page");
    schemas::assert_valid("page", &page, "a page");
    let errors = schemas::validate(
        "service_page",
        &json!({ "total_items": "1", "contents": [{ "name": "x" }] }),
    )
    .unwrap_err();
    assert!(
        errors.iter().any(|e| e.starts_with("/total_items: ")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("/contents/0: ")),
        "{errors:?}"
    );
    let term = json!({ "id": UUID, "name": "Device", "description": "Devices lent or given" });
    schemas::assert_valid("taxonomy_term", &term, "a taxonomy term");
    assert!(schemas::validate("taxonomy", &json!({ "id": UUID })).is_err());
}
