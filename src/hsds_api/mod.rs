//! The public, read-only Open Referral HSDS 3.0 API under `/api/hsds/`, for 211s and
//! directories: the root, `/services`, `/organizations`, `/service_at_locations`,
//! `/taxonomies` and `/taxonomy_terms` (each a paged list and one item by id), and the OpenAPI
//! document that describes them (`/api/hsds/openapi.json`, read that for the rules).
//!
//! Every answer is made by the programs' HSDS serializers (`programs::hsds`) from the
//! active programs only; nothing about residents is read. Answers are JSON (errors too), carry a
//! weak `ETag` and `Cache-Control`, allow any origin (CORS, GET only) and count against a
//! per-address limit of their own (`NAVDESK_API_RATE`).

pub mod catalog;
pub mod paging;
pub mod query;
pub mod respond;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRef, FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use tower_http::cors::{Any, CorsLayer};

use crate::areas::AreaIndex;
use crate::db::cache::TtlCache;
use crate::domain::Zip;
use crate::i18n::Lang;
use crate::web::{AppError, ClientIp, Shared};
use catalog::{Catalog, Place};
use query::{Format, ListQuery};
use respond::{json_answer, ndjson_answer, ApiError, ApiResult};

/// The HSDS version the API follows.
pub const VERSION: &str = "3.0";
/// The base standard: we publish no profile of our own.
pub const PROFILE: &str = "https://openreferral.readthedocs.io/en/3.0/hsds/";

/// The OpenAPI document; its server is filled in with our public address when served.
const OPENAPI: &str = include_str!("openapi.json");

/// The HSDS parameters each list offers (see `query`).
const PAGING: &[&str] = &["search", "page", "per_page", "format"];
const SERVICE_FILTERS: &[&str] = &[
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
];

/// How long the catalogue read for one answer serves the next ones: a change made through
/// another instance (or straight in the database) shows within this.
pub const CATALOG_TTL: Duration = Duration::from_secs(5);

/// The API's state: what every route shares, and the catalogue as last read.
#[derive(Clone)]
pub struct HsdsState {
    pub shared: Shared,
    catalog: Arc<TtlCache<Catalog>>,
}

impl HsdsState {
    pub fn new(shared: Shared) -> Self {
        Self {
            shared,
            catalog: Arc::new(TtlCache::new(CATALOG_TTL)),
        }
    }
}

impl FromRef<HsdsState> for Shared {
    fn from_ref(state: &HsdsState) -> Shared {
        state.shared.clone()
    }
}

pub fn router() -> Router<HsdsState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH, header::ACCEPT])
        .expose_headers([header::ETAG, header::RETRY_AFTER])
        .max_age(Duration::from_secs(24 * 3600));
    Router::new()
        .route("/api/hsds", get(root))
        .route("/api/hsds/", get(root))
        .route("/api/hsds/openapi.json", get(openapi))
        .route("/api/hsds/services", get(services))
        .route("/api/hsds/services/{id}", get(service))
        .route("/api/hsds/organizations", get(organizations))
        .route("/api/hsds/organizations/{id}", get(organization))
        .route("/api/hsds/service_at_locations", get(service_at_locations))
        .route(
            "/api/hsds/service_at_locations/{id}",
            get(service_at_location),
        )
        .route("/api/hsds/taxonomies", get(taxonomies))
        .route("/api/hsds/taxonomies/{id}", get(taxonomy))
        .route("/api/hsds/taxonomy_terms", get(taxonomy_terms))
        .route("/api/hsds/taxonomy_terms/{id}", get(taxonomy_term))
        .route("/api/hsds/{*rest}", get(nothing_here))
        // Route layers: the rest of the application's misses stay HTML pages.
        .route_layer(axum::middleware::from_fn(respond::json_errors))
        .route_layer(cors)
}

/// A request counted against the API's per-address allowance; past it, `429` (as JSON, with
/// `Retry-After`).
struct Limited;

impl<S: Send + Sync> FromRequestParts<S> for Limited
where
    Shared: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        crate::web::check_rate(&Shared::from_ref(state).api_limiter, ip, "hsds api")?;
        Ok(Limited)
    }
}

async fn root(_: Limited, State(state): State<Shared>, headers: HeaderMap) -> Response {
    json_answer(
        &headers,
        &json!({
            "version": VERSION,
            "profile": PROFILE,
            "openapi_url": format!("{}/api/hsds/openapi.json", state.config.public_url),
        }),
    )
}

async fn openapi(_: Limited, State(state): State<Shared>, headers: HeaderMap) -> ApiResult {
    let mut doc: Value = serde_json::from_str(OPENAPI).map_err(anyhow::Error::from)?;
    doc["servers"] = json!([{ "url": format!("{}/api/hsds", state.config.public_url) }]);
    Ok(json_answer(&headers, &doc))
}

async fn nothing_here(_: Limited) -> ApiError {
    ApiError {
        status: axum::http::StatusCode::NOT_FOUND,
        message: "there is nothing at this address; see /api/hsds/openapi.json".into(),
        parameter: None,
    }
}

/// Everything published, read now.
///
/// Kept for `CATALOG_TTL` and read again at once after a change made through this instance
/// (`Db::changes`), so a crawler reading every service one by one does not read every program
/// each time.
async fn published(state: &HsdsState) -> Result<Arc<Catalog>, ApiError> {
    use crate::programs::hsds::{programs, service_json, Scope};
    let shared = &state.shared;
    state
        .catalog
        .get_at(shared.db.changes(), || async {
            let active = programs(&shared.db, Scope::Active).await?;
            let exported = Value::Array(active.iter().map(service_json).collect());
            let en = shared.i18n.tr(Lang::EN);
            Ok(Catalog::new(exported, |c| {
                en.t(&format!("program-category-{}", c.code()))
            }))
        })
        .await
}

/// Reads the query and the catalogue, refusing a taxonomy id the catalogue does not have.
async fn read(
    state: &HsdsState,
    raw: Option<String>,
    offered: &[&str],
) -> Result<(ListQuery, Arc<Catalog>), ApiError> {
    let q = query::parse(raw.as_deref(), offered)?;
    let catalog = published(state).await?;
    if let Some((parameter, id)) = catalog.unknown_taxonomy_id(&q) {
        return Err(ApiError::bad(
            parameter,
            format!("{parameter} {id:?} is not one of ours: see /api/hsds/taxonomy_terms"),
        ));
    }
    Ok((q, catalog))
}

/// A list as the query asks: a page, or every item as ndjson.
fn listed<T: serde::Serialize>(headers: &HeaderMap, items: Vec<T>, q: &ListQuery) -> Response {
    match q.format {
        Format::Json => json_answer(headers, &paging::page(items, q)),
        Format::Ndjson => ndjson_answer(headers, &items),
    }
}

fn found(headers: &HeaderMap, item: Option<Value>, what: &str, id: &str) -> ApiResult {
    item.map(|v| json_answer(headers, &v))
        .ok_or_else(|| ApiError::not_found(what, id))
}

async fn services(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let (q, catalog) = read(&state, raw, SERVICE_FILTERS).await?;
    Ok(listed(&headers, catalog.services(&q), &q))
}

async fn service(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let item = published(&state).await?.service(&id.to_ascii_lowercase());
    found(&headers, item, "active service", &id)
}

async fn organizations(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let offered = [PAGING, &["full", "full_service"]].concat();
    let (q, catalog) = read(&state, raw, &offered).await?;
    Ok(listed(&headers, catalog.organizations(&q), &q))
}

async fn organization(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let item = published(&state)
        .await?
        .organization(&id.to_ascii_lowercase());
    found(&headers, item, "organization with an active service", &id)
}

/// Where a ZIP code is: its centroid (imported with `navdesk import-zips`) and the area
/// holding it.
async fn place(state: &Shared, zip: &Zip) -> Result<Place, ApiError> {
    let point: Option<(f64, f64)> =
        sqlx::query_as("SELECT lat, lon FROM zip_centroids WHERE zip = $1")
            .bind(zip.as_str())
            .fetch_optional(&state.db.pool)
            .await?;
    let (lat, lon) = point.ok_or_else(|| {
        ApiError::bad(
            "postcode",
            format!(
                "postcode {} is not a ZIP code this server knows the place of",
                zip.as_str()
            ),
        )
    })?;
    let area = match AreaIndex::load(&state.db).await?.locate(lat, lon) {
        Some(id) => {
            sqlx::query_scalar("SELECT name FROM areas WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db.pool)
                .await?
        }
        None => None,
    };
    Ok(Place { lat, lon, area })
}

async fn service_at_locations(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let offered = [SERVICE_FILTERS, &["postcode", "proximity"]].concat();
    let (q, catalog) = read(&state, raw, &offered).await?;
    let place = match &q.postcode {
        Some(zip) => Some(place(&state.shared, zip).await?),
        None => None,
    };
    Ok(listed(
        &headers,
        catalog.service_at_locations(&q, place.as_ref()),
        &q,
    ))
}

async fn service_at_location(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let item = published(&state)
        .await?
        .service_at_location(&id.to_ascii_lowercase());
    found(&headers, item, "active service at a location", &id)
}

async fn taxonomies(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let (q, catalog) = read(&state, raw, PAGING).await?;
    Ok(listed(&headers, catalog.taxonomies(&q), &q))
}

async fn taxonomy(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let item = published(&state).await?.taxonomy(&id.to_ascii_lowercase());
    found(&headers, item, "taxonomy", &id)
}

async fn taxonomy_terms(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let offered = [PAGING, &["taxonomy_id", "top_only", "parent_id"]].concat();
    let (q, catalog) = read(&state, raw, &offered).await?;
    Ok(listed(&headers, catalog.terms(&q), &q))
}

async fn taxonomy_term(
    _: Limited,
    State(state): State<HsdsState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let item = published(&state).await?.term(&id.to_ascii_lowercase());
    found(&headers, item, "taxonomy term", &id)
}
