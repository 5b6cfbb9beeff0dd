//! Supervisor service-gap map and reports: `/map` (an SVG drawn on the server, with a table of
//! the same figures), its GeoJSON and CSV exports, and `/reports` with its equity view.

pub mod figures;
pub mod reports;
pub mod stats;
pub mod svg;
pub mod views;

use std::sync::Arc;

use axum::extract::FromRef;
use axum::routing::get;
use axum::Router;

use crate::db::cache::TtlCache;
use crate::web::Shared;

/// What the map needs beyond what every route shares.
#[derive(Clone)]
pub struct MapsState {
    pub shared: Shared,
    /// The areas' shapes as the map draws them (projected and simplified).
    pub map_areas: Arc<TtlCache<views::MapAreas>>,
}

impl FromRef<MapsState> for Shared {
    fn from_ref(state: &MapsState) -> Shared {
        state.shared.clone()
    }
}

pub fn router() -> Router<MapsState> {
    Router::new()
        .route("/map", get(views::map_page))
        .route("/map.geojson", get(views::map_geojson))
        .route("/map.csv", get(views::map_csv))
        .route("/reports", get(views::reports_page))
        .route("/reports.csv", get(views::reports_csv))
}
