//! `AreaIndex`: which area a point lies in. An R-tree of the areas' bounding boxes narrows the
//! search to a few candidates; the exact test is `geo::Contains` on the polygon. Shapes are kept
//! in a local projection (kilometres), so the tolerance below is a distance on the ground.

use std::sync::Arc;

use geo::{BoundingRect, Contains, Distance, Euclidean, MultiPolygon, Point};
use geojson::GeometryValue;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use sqlx::Row;

use super::projection::LocalProjection;
use crate::db::Db;

/// How far outside every polygon a point may be and still be given the nearest area: it covers
/// points on a shared boundary, slivers between neighborhoods and geocodes that land just across
/// the city limit.
pub const DEFAULT_TOLERANCE_KM: f64 = 0.25;

type BoxEntry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// A spatial index over the areas that have a shape; cheap to clone (shared behind an `Arc`).
/// Areas stored without geometry (only a name and centroid) are not in it.
#[derive(Clone, Debug)]
pub struct AreaIndex(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    projection: LocalProjection,
    boxes: RTree<BoxEntry>,
    /// (area id, shape in kilometres), in the order the R-tree's entries point to.
    shapes: Vec<(i64, MultiPolygon<f64>)>,
    tolerance_km: f64,
}

impl AreaIndex {
    /// Builds the index from (area id, lon/lat shape) pairs.
    pub fn from_areas(areas: impl IntoIterator<Item = (i64, MultiPolygon<f64>)>) -> Self {
        Self::with_tolerance(areas, DEFAULT_TOLERANCE_KM)
    }

    /// Like `from_areas`, with another tolerance (kilometres) for points outside every polygon.
    pub fn with_tolerance(
        areas: impl IntoIterator<Item = (i64, MultiPolygon<f64>)>,
        tolerance_km: f64,
    ) -> Self {
        let areas: Vec<_> = areas
            .into_iter()
            .filter(|(_, shape)| shape.bounding_rect().is_some())
            .collect();
        // Project around the middle of everything, so east-west kilometres are right here.
        let projection = areas
            .iter()
            .filter_map(|(_, s)| s.bounding_rect())
            .reduce(|a, b| {
                geo::Rect::new(
                    geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                    geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                )
            })
            .map_or(LocalProjection::new(0.0, 0.0), |r| {
                LocalProjection::new(r.center().y, r.center().x)
            });
        let shapes: Vec<_> = areas
            .iter()
            .map(|(id, shape)| (*id, projection.project_shape(shape)))
            .collect();
        let boxes = shapes
            .iter()
            .enumerate()
            .filter_map(|(i, (_, shape))| {
                let r = shape.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i,
                ))
            })
            .collect();
        Self(Arc::new(Inner {
            projection,
            boxes: RTree::bulk_load(boxes),
            shapes,
            tolerance_km,
        }))
    }

    /// Reads every area with a geometry from the database. A geometry that cannot be read is
    /// logged and left out rather than stopping the server.
    pub async fn load(db: &Db) -> Result<Self, sqlx::Error> {
        let rows = sqlx::query("SELECT id, geometry FROM areas WHERE geometry IS NOT NULL")
            .fetch_all(&db.pool)
            .await?;
        let mut areas = Vec::with_capacity(rows.len());
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let text: String = row.try_get("geometry")?;
            match shape_from_geojson(&text) {
                Some(shape) => areas.push((id, shape)),
                None => tracing::warn!(area_id = id, "area geometry is not a (Multi)Polygon"),
            }
        }
        Ok(Self::from_areas(areas))
    }

    /// The area the point lies in; failing that, the area whose boundary is nearest, if it is
    /// within the tolerance; otherwise `None`.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<i64> {
        let inner = &*self.0;
        let c = inner.projection.project(lat, lon);
        let point = Point::from(c);
        if let Some(hit) = inner
            .boxes
            .locate_all_at_point(&[c.x, c.y])
            .find(|e| inner.shapes[e.data].1.contains(&point))
        {
            return Some(inner.shapes[hit.data].0);
        }
        let t = inner.tolerance_km;
        let near = AABB::from_corners([c.x - t, c.y - t], [c.x + t, c.y + t]);
        inner
            .boxes
            .locate_in_envelope_intersecting(&near)
            .map(|e| {
                let (id, shape) = &inner.shapes[e.data];
                let d = shape
                    .0
                    .iter()
                    .map(|p| Euclidean.distance(&point, p))
                    .fold(f64::INFINITY, f64::min);
                (d, *id)
            })
            .filter(|(d, _)| *d <= t)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
    }

    /// How many areas the index holds.
    pub fn len(&self) -> usize {
        self.0.shapes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.shapes.is_empty()
    }
}

/// A stored GeoJSON Polygon or MultiPolygon as a geo shape.
pub fn shape_from_geojson(text: &str) -> Option<MultiPolygon<f64>> {
    let geometry: geojson::Geometry = text.parse().ok()?;
    let polygons = match &geometry.value {
        GeometryValue::Polygon { coordinates } => std::slice::from_ref(coordinates),
        GeometryValue::MultiPolygon { coordinates } => coordinates.as_slice(),
        _ => return None,
    };
    let ok = polygons
        .iter()
        .flatten()
        .flatten()
        .all(|p| p.as_slice().len() >= 2);
    ok.then(|| {
        MultiPolygon(
            polygons
                .iter()
                .map(|r| super::import::to_polygon(r))
                .collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square(x0: f64, y0: f64, size: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![
            (x: x0, y: y0),
            (x: x0 + size, y: y0),
            (x: x0 + size, y: y0 + size),
            (x: x0, y: y0 + size),
            (x: x0, y: y0),
        ]])
    }

    #[test]
    fn points_locate_inside_near_or_nowhere() {
        // Two 0.1° squares side by side near Denver, with a gap of 0.001° (about 85 m) between.
        let index = AreaIndex::from_areas([
            (1, square(-105.0, 39.7, 0.1)),
            (2, square(-104.899, 39.7, 0.1)),
        ]);
        assert_eq!(index.len(), 2);
        let cases = [
            ("inside the first", 39.75, -104.95, Some(1)),
            ("inside the second", 39.75, -104.85, Some(2)),
            ("in the gap, nearer the second", 39.75, -104.8992, Some(2)),
            ("just outside, within 250 m", 39.699, -104.95, Some(1)),
            ("a kilometre outside", 39.69, -104.95, None),
            ("far away", 0.0, 0.0, None),
        ];
        for (what, lat, lon, expected) in cases {
            assert_eq!(index.locate(lat, lon), expected, "{what}");
        }
        let empty = AreaIndex::from_areas([]);
        assert!(empty.is_empty());
        assert_eq!(empty.locate(39.75, -104.95), None);
    }

    #[test]
    fn stored_geometry_reads_back() {
        let shape = shape_from_geojson(
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]}"#,
        )
        .unwrap();
        assert_eq!(shape.0.len(), 1);
        assert!(shape_from_geojson(r#"{"type":"Point","coordinates":[0,0]}"#).is_none());
        assert!(shape_from_geojson("not json").is_none());
    }

    #[test]
    fn a_point_in_five_points_locates_to_five_points() {
        let Some(text) = super::super::tests::denver_geojson() else {
            return;
        };
        let options = super::super::ImportOptions {
            name_property: "NBHD_NAME".into(),
            id_property: Some("NBHD_ID".into()),
        };
        let areas = super::super::parse_areas(&text, &options).unwrap();
        assert_eq!(areas.len(), 78);
        let index = AreaIndex::from_areas(
            areas
                .iter()
                .enumerate()
                .map(|(i, a)| (i as i64, a.shape.clone())),
        );
        let name = |id: Option<i64>| id.map(|i| areas[i as usize].name.as_str());
        assert_eq!(name(index.locate(39.7555, -104.9776)), Some("Five Points"));
        assert_eq!(name(index.locate(39.7392, -104.9849)), Some("Capitol Hill"));
        // Every neighborhood's centroid of a convex-enough shape lies in it; at least the
        // index finds an area for each.
        for area in &areas {
            let c = area.centroid.unwrap();
            assert!(index.locate(c.y(), c.x()).is_some(), "{}", area.name);
        }
        // Pacific Ocean.
        assert_eq!(index.locate(30.0, -140.0), None);
    }
}
