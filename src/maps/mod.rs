//! Supervisor service-gap map and reports: `/map` (an SVG drawn on the server, with a table of
//! the same figures), its GeoJSON and CSV exports, and `/reports` with its equity view.

pub mod figures;
pub mod reports;
pub mod stats;
pub mod svg;
pub mod views;

use axum::routing::get;
use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/map", get(views::map_page))
        .route("/map.geojson", get(views::map_geojson))
        .route("/map.csv", get(views::map_csv))
        .route("/reports", get(views::reports_page))
        .route("/reports.csv", get(views::reports_csv))
}
