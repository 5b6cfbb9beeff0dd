//! Reference data read from files: areas (or a hexagon grid), ZIP centroids and the poverty
//! guidelines. Each file is read and checked whole before the database is touched, so a bad
//! file changes nothing.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use crate::config::Bbox;

#[derive(Args)]
pub struct ImportAreasArgs {
    /// The GeoJSON file (WGS84 longitude/latitude).
    #[arg(required_unless_present = "hex_grid", conflicts_with = "hex_grid")]
    file: Option<PathBuf>,
    /// The feature property holding each area's name.
    #[arg(long, required_unless_present = "hex_grid")]
    name_property: Option<String>,
    /// The feature property holding the source's identifier; re-imports then match areas by
    /// it (so a renamed area keeps its id) instead of by name.
    #[arg(long)]
    id_property: Option<String>,
    /// No boundaries to import: cover the service region with hexagons named "Hex ROW-COL".
    #[arg(long)]
    hex_grid: bool,
    /// The service region for --hex-grid: minlon,minlat,maxlon,maxlat (default: Denver).
    #[arg(long, requires = "hex_grid", default_value_t = Bbox::DENVER)]
    bbox: Bbox,
    /// Hexagon size for --hex-grid: kilometres across, flat side to flat side.
    #[arg(long, requires = "hex_grid", default_value_t = 1.5)]
    size_km: f64,
}

pub async fn import_areas(database_url: &str, args: ImportAreasArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let (counts, source) = match (&args.file, &args.name_property) {
        (Some(file), Some(name_property)) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let options = crate::areas::ImportOptions {
                name_property: name_property.clone(),
                id_property: args.id_property.clone(),
            };
            let areas = crate::areas::parse_areas(&text, &options)
                .with_context(|| format!("{} was not imported", file.display()))?;
            let db = crate::db::open(database_url).await?;
            let counts = crate::areas::store_areas(&db, &areas, options.match_by()).await?;
            (counts, file.display().to_string())
        }
        _ => {
            let db = crate::db::open(database_url).await?;
            let counts = crate::areas::import_hex_grid(&db, args.bbox, args.size_km).await?;
            (counts, format!("a {} km hexagon grid", args.size_km))
        }
    };
    tracing::info!(created = counts.created, updated = counts.updated, %source, "areas imported");
    say!(
        "imported {} areas from {source}: {} created, {} updated ({:.1} s)",
        counts.created + counts.updated,
        counts.created,
        counts.updated,
        started.elapsed().as_secs_f64()
    );
    if counts.cells_removed + counts.cells_kept > 0 {
        say!(
            "they replace the generated hexagon grid: {} cells removed, {} kept without a shape \
             because cases, residents, navigators or programs refer to them",
            counts.cells_removed,
            counts.cells_kept
        );
    }
    Ok(())
}

pub async fn import_zips(database_url: &str, file: &Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let rows = crate::areas::zips::parse_zip_centroids(&text)
        .with_context(|| format!("{} was not imported", file.display()))?;
    let db = crate::db::open(database_url).await?;
    let counts = crate::areas::zips::store_zip_centroids(&db, &rows).await?;
    tracing::info!(created = counts.created, updated = counts.updated, file = %file.display(), "ZIP centroids imported");
    say!(
        "imported {} ZIP codes from {}: {} created, {} updated",
        rows.len(),
        file.display(),
        counts.created,
        counts.updated
    );
    Ok(())
}

pub async fn import_poverty_guidelines(
    database_url: &str,
    file: &Path,
    year: i64,
) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    crate::programs::guidelines::parse_csv(year, &text)
        .with_context(|| format!("{} was not imported", file.display()))?;
    let db = crate::db::open(database_url).await?;
    let table = crate::programs::guidelines::import(&db, year, &text).await?;
    say!(
        "poverty guidelines for {year} replaced: {} household sizes and the amount for each \
         additional person",
        table.rows().len() - 1
    );
    Ok(())
}
