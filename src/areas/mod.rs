//! Areas: importing boundaries from GeoJSON (`navdesk import-areas`), generating a hexagon grid
//! where a city has none, the spatial index that tells which area a point lies in, and where
//! residents are (ZIP centroids, geocoders, the placement worker).

pub mod choices;
pub mod geocode;
mod hexgrid;
mod import;
mod index;
pub mod placement;
mod projection;
pub mod zips;

use crate::config::Bbox;
pub use hexgrid::hex_grid;
pub use import::{
    parse_areas, store_areas, FeatureLabel, ImportCounts, ImportError, ImportOptions, MatchBy,
    NewArea, Problem,
};
pub use index::{shape_from_geojson, AreaIndex, DEFAULT_TOLERANCE_KM};
pub use projection::LocalProjection;

use crate::db::Db;

/// Stores a hexagon grid over `bbox` (cells `size_km` across). Run again with the same region and
/// size, it updates the same cells.
pub async fn import_hex_grid(db: &Db, bbox: Bbox, size_km: f64) -> anyhow::Result<ImportCounts> {
    anyhow::ensure!(
        size_km.is_finite() && (0.1..=50.0).contains(&size_km),
        "--size-km must be between 0.1 and 50"
    );
    store_areas(db, &hex_grid(bbox, size_km), MatchBy::Name).await
}

/// At `serve`: when the database has no areas at all, covers the service region with a hexagon
/// grid so the form, matching and maps have areas; returns how many cells were made. With
/// areas present (imported, generated before, or the demo's), it does nothing.
pub async fn ensure_areas(db: &Db, bbox: Bbox, size_km: f64) -> anyhow::Result<Option<usize>> {
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM areas")
            .fetch_one(&db.pool)
            .await
    };
    if count().await? > 0 {
        return Ok(None);
    }
    match import_hex_grid(db, bbox, size_km).await {
        // None created: another instance starting at the same moment made them just before.
        Ok(counts) => Ok((counts.created > 0).then_some(counts.created)),
        // Another instance starting at the same moment made the same cells first.
        Err(_) if count().await? > 0 => Ok(None),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// Denver's neighborhoods from the shared data folder (or `NAVDESK_AREAS_GEOJSON`), or `None`
    /// with a printed line when the file is not there.
    pub fn denver_geojson() -> Option<String> {
        let path = std::env::var("NAVDESK_AREAS_GEOJSON").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/data/denver_statistical_neighborhoods.geojson"
            )
            .to_owned()
        });
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(err) => {
                use std::io::Write as _;
                let _ = writeln!(std::io::stderr(), "SKIPPED: cannot read {path}: {err}");
                None
            }
        }
    }
}
