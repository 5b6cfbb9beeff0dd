//! Checks JSON against Open Referral's HSDS 3.0 JSON Schemas (credit: "Open Referral HSDS",
//! CC BY-SA 4.0), loaded by path from the shared folder `../shared/data/hsds-3.0/` beside the
//! repository (or `NAVDESK_HSDS_SCHEMAS`). Nothing is ever fetched: the schemas' references
//! (relative ones between the object files, and the OpenAPI document's links to the compiled
//! files online) are read from that folder, and any other reference fails.
//!
//! Where the folder is not there the "HSDS schemas" tier is skipped with a printed line (and
//! `validate` answers `Ok`), or fails under `NAVDESK_REQUIRE_ALL_TIERS=1`.
//!
//! Schema names (`SCHEMAS`):
//! - `service`, `organization`, `service_at_location`: the compiled, fully nested objects (what
//!   `/services/{id}` and the file export answer);
//! - `service_list`, `organization_list`, `service_at_location_list`: the compiled items of the
//!   paged lists (and of ndjson lines);
//! - `location`, `taxonomy`, `taxonomy_term` and every other object file of the folder
//!   (`schedule`, `address`, `phone`, ...), with their references;
//! - `page`: the standard's paging object alone; `service_page`, `organization_page`,
//!   `service_at_location_page`, `taxonomy_page`, `taxonomy_term_page`: the answers of the list
//!   routes exactly as the OpenAPI document gives them (the paging object with `contents`);
//! - `api_root`: the answer of the API's root (`version`, `profile`, `openapi_url`).
//!
//! Formats (`uuid`, `uri`, `email`, `date-time`) are checked too: a reader that does will
//! refuse an id that is not a UUID.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{json, Value};

/// Where the schemas say they live; their references are resolved against it, to the folder.
const BASE: &str = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";

/// The schema names `validate` knows besides the object files of the folder.
pub const SCHEMAS: &[&str] = &[
    "service",
    "organization",
    "service_at_location",
    "service_list",
    "organization_list",
    "service_at_location_list",
    "location",
    "taxonomy",
    "taxonomy_term",
    "page",
    "service_page",
    "organization_page",
    "service_at_location_page",
    "taxonomy_page",
    "taxonomy_term_page",
    "api_root",
];

/// The folder of the schemas: `NAVDESK_HSDS_SCHEMAS`, or the shared one beside the repository.
pub fn schema_dir() -> PathBuf {
    std::env::var_os("NAVDESK_HSDS_SCHEMAS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/hsds-3.0"))
}

/// Whether the schemas are there; when not, says so once (skipping the tier, or failing it
/// when every tier is required).
pub fn available() -> bool {
    schemas().is_some()
}

/// Checks `value` as the schema `schema` (see the module's list): every error, each as
/// "JSON pointer: message" (the pointer "" is the value itself). `Ok` when the schemas are not
/// there (the tier is skipped with a printed line). Panics on a name no schema has.
pub fn validate(schema: &str, value: &Value) -> Result<(), Vec<String>> {
    let Some(schemas) = schemas() else {
        return Ok(());
    };
    let validator = schemas.validator(schema);
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| {
            let mut message = e.to_string();
            if message.chars().count() > 300 {
                message = message.chars().take(300).collect::<String>() + "...";
            }
            format!("{}: {message}", e.instance_path().as_str())
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Panics, listing every error, unless `value` is valid as `schema`; `what` names the value in
/// the message ("the export's service \"Lab\"").
pub fn assert_valid(schema: &str, value: &Value, what: &str) {
    if let Err(errors) = validate(schema, value) {
        panic!(
            "{what} is not a valid HSDS 3.0 {schema}: {} error(s):\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }
}

/// `assert_valid` for each item of a JSON list, named by `what` and its `name` (or index).
pub fn assert_each_valid(schema: &str, list: &Value, what: &str) {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not a JSON list"));
    for (i, item) in items.iter().enumerate() {
        let label = item
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("#{i}"), |n| format!("{n:?}"));
        assert_valid(schema, item, &format!("{what} {label}"));
    }
}

struct Schemas {
    dir: PathBuf,
    built: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

fn schemas() -> Option<&'static Schemas> {
    static SCHEMAS: OnceLock<Option<Schemas>> = OnceLock::new();
    let found = SCHEMAS.get_or_init(|| {
        let dir = schema_dir();
        if dir.join("compiled/service.json").is_file() && dir.join("openapi.json").is_file() {
            Some(Schemas {
                dir,
                built: Mutex::new(HashMap::new()),
            })
        } else {
            None
        }
    });
    if found.is_none() {
        // Said (or failed) at every call, so each test that relies on it shows why.
        super::skip(
            "HSDS schemas",
            &format!(
                "{} holds no HSDS 3.0 schemas (set NAVDESK_HSDS_SCHEMAS)",
                schema_dir().display()
            ),
        );
    }
    found.as_ref()
}

/// The schema a name stands for, as a reference into the folder.
fn reference(name: &str, dir: &Path) -> Value {
    let operation = |path: &str| {
        json!({
            "$ref": format!(
                "{BASE}openapi.json#/paths/{}/get/responses/200/content/application~1json/schema",
                path.replace('~', "~0").replace('/', "~1")
            )
        })
    };
    match name {
        "service"
        | "organization"
        | "service_at_location"
        | "service_list"
        | "organization_list"
        | "service_at_location_list" => {
            json!({ "$ref": format!("{BASE}compiled/{name}.json") })
        }
        "page" => json!({ "$ref": format!("{BASE}openapi.json#/components/schemas/Page") }),
        "service_page" => operation("/services"),
        "organization_page" => operation("/organizations"),
        "service_at_location_page" => operation("/service_at_locations"),
        "taxonomy_page" => operation("/taxonomies"),
        "taxonomy_term_page" => operation("/taxonomy_terms"),
        "api_root" => operation("/"),
        object
            if !object.is_empty()
                && object.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && object != "openapi"
                && dir.join(format!("{object}.json")).is_file() =>
        {
            json!({ "$ref": format!("{BASE}{object}.json") })
        }
        other => panic!("no HSDS schema is called {other:?} (see tests/common/hsds.rs)"),
    }
}

impl Schemas {
    fn validator(&self, name: &str) -> Arc<jsonschema::Validator> {
        let mut built = self.built.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = built.get(name) {
            return v.clone();
        }
        let schema = reference(name, &self.dir);
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .with_retriever(Folder(self.dir.clone()))
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("the HSDS schema {name:?} does not load: {e}"));
        let validator = Arc::new(validator);
        built.insert(name.to_owned(), validator.clone());
        validator
    }
}

/// Reads the schemas' references from the folder; refuses anything else (never fetches).
struct Folder(PathBuf);

impl jsonschema::Retrieve for Folder {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let uri = uri.as_str();
        let relative = uri
            .strip_prefix(BASE)
            .map(|rest| rest.split('#').next().unwrap_or_default())
            .filter(|rest| {
                rest.ends_with(".json")
                    && rest
                        .split('/')
                        .all(|part| !part.is_empty() && part != ".." && part != ".")
            })
            .ok_or_else(|| format!("{uri} is not an HSDS schema file (nothing is fetched)"))?;
        let path = self.0.join(relative);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?)
    }
}
