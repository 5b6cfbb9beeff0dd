//! A grid of hexagons over a service region, for a city that has no boundaries to import: maps
//! and matching then work on cells of about the size of a neighborhood. Hexagons are pointy-top,
//! laid out in kilometres on a local projection (so they are regular on the ground, not in
//! degrees), and named "Hex ROW-COL" counting from the south-west corner.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::import::NewArea;
use super::projection::LocalProjection;
use crate::config::Bbox;

/// Hexagons that together cover every point of `bbox`; `size_km` is the distance across
/// (flat side to flat side). The cells around the edge reach past the box.
pub fn hex_grid(bbox: Bbox, size_km: f64) -> Vec<NewArea> {
    let projection = LocalProjection::new(
        (bbox.min_lat + bbox.max_lat) / 2.0,
        (bbox.min_lon + bbox.max_lon) / 2.0,
    );
    let sw = projection.project(bbox.min_lat, bbox.min_lon);
    let ne = projection.project(bbox.max_lat, bbox.max_lon);
    let width = size_km; // pointy-top: across the flats is the horizontal spacing
    let radius = width / 3f64.sqrt(); // center to corner
    let row_step = 1.5 * radius;
    // One row and one column beyond each edge, so the box's edges are covered too.
    let rows = ((ne.y - sw.y) / row_step).ceil() as i64 + 2;
    let cols = ((ne.x - sw.x) / width).ceil() as i64 + 2;
    let mut cells = Vec::new();
    for row in 0..rows {
        let y = sw.y + (row as f64) * row_step;
        let offset = if row % 2 == 1 { width / 2.0 } else { 0.0 };
        for col in 0..cols {
            let x = sw.x + (col as f64) * width - offset;
            let center = Coord { x, y };
            if !hexagon_reaches(center, radius, sw, ne) {
                continue;
            }
            let ring: Vec<Coord<f64>> = (0..=6)
                .map(|k| {
                    // Corners at 30°, 90°, ... counter-clockwise; the last closes the ring.
                    let angle = (30.0 + 60.0 * f64::from(k % 6)).to_radians();
                    projection.unproject(Coord {
                        x: center.x + radius * angle.cos(),
                        y: center.y + radius * angle.sin(),
                    })
                })
                .collect();
            let shape = MultiPolygon(vec![Polygon::new(LineString(ring), Vec::new())]);
            let mut cell = NewArea::new(format!("Hex {}-{}", row + 1, col + 1), shape, false);
            cell.generated = true;
            cells.push(cell);
        }
    }
    cells
}

/// Whether a hexagon's bounding box overlaps the region (cells wholly outside are left out).
fn hexagon_reaches(center: Coord<f64>, radius: f64, sw: Coord<f64>, ne: Coord<f64>) -> bool {
    let half_width = radius * 3f64.sqrt() / 2.0;
    center.x + half_width > sw.x
        && center.x - half_width < ne.x
        && center.y + radius > sw.y
        && center.y - radius < ne.y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::areas::AreaIndex;
    use geo::{Area, Winding};

    #[test]
    fn the_grid_covers_the_region_with_regular_hexagons() {
        let cells = hex_grid(Bbox::DENVER, 1.5);
        assert!((600..1200).contains(&cells.len()), "{} cells", cells.len());
        let names: std::collections::HashSet<_> = cells.iter().map(|c| &c.name).collect();
        assert_eq!(names.len(), cells.len(), "names are unique");
        assert!(names.contains(&"Hex 1-1".to_owned()) || names.contains(&"Hex 1-2".to_owned()));
        // A regular hexagon 1.5 km across has an area of about 1.95 km².
        let projection = LocalProjection::new(39.765, -104.855);
        let first = &cells[0];
        assert!(first.shape.0[0].exterior().is_ccw());
        let area = projection.project_shape(&first.shape).unsigned_area();
        assert!((area - 1.9486).abs() < 0.01, "{area} km²");

        let index = AreaIndex::with_tolerance(
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| (i as i64, c.shape.clone())),
            0.0,
        );
        let b = Bbox::DENVER;
        let steps = 60;
        for i in 0..=steps {
            for j in 0..=steps {
                let lat = b.min_lat + (b.max_lat - b.min_lat) * f64::from(i) / f64::from(steps);
                let lon = b.min_lon + (b.max_lon - b.min_lon) * f64::from(j) / f64::from(steps);
                // On a shared edge, `Contains` says no to both cells; nudge off the lattice.
                let found = index
                    .locate(lat, lon)
                    .or_else(|| index.locate(lat + 1e-7, lon + 1e-7));
                assert!(found.is_some(), "({lat}, {lon}) is in no cell");
            }
        }
    }

    #[test]
    fn the_default_grid_is_a_list_a_resident_can_scan() {
        let cells = hex_grid(Bbox::DENVER, crate::config::DEFAULT_HEX_SIZE_KM);
        assert!((60..=150).contains(&cells.len()), "{} cells", cells.len());
        assert!(cells.iter().all(|c| c.generated));
    }
}
