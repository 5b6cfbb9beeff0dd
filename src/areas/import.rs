//! Reading areas from a GeoJSON FeatureCollection: every feature is checked before anything is
//! written, so a file with one bad feature imports nothing and the error names that feature.
//! Storing is an upsert in one transaction, so importing the same file again changes nothing.

use std::collections::HashSet;
use std::fmt;

use geo::{Centroid, Coord, LineString, MultiPolygon, Orient, Polygon, Validation, Winding};
use geojson::{GeoJson, GeometryValue, PolygonType, Position};
use serde_json::{json, Value};

use crate::db::Db;

/// One area ready to store: the shape with RFC 7946 ring orientation (outer rings
/// counter-clockwise, holes clockwise) and its centroid.
#[derive(Clone, Debug, PartialEq)]
pub struct NewArea {
    pub name: String,
    pub external_id: Option<String>,
    pub shape: MultiPolygon<f64>,
    /// Whether the source geometry was a MultiPolygon (stored back the same way).
    pub multi: bool,
    pub centroid: Option<geo::Point<f64>>,
    pub households: Option<i64>,
    pub households_no_internet: Option<i64>,
    /// Whether the area is rural (the optional `rural` property); `None` keeps what is stored.
    pub rural: Option<bool>,
    /// A cell of a generated hexagon grid rather than an imported boundary.
    pub generated: bool,
}

impl NewArea {
    /// Builds an area from a shape, orienting its rings and computing its centroid.
    pub fn new(name: String, shape: MultiPolygon<f64>, multi: bool) -> Self {
        let shape = shape.orient(geo::orient::Direction::Default);
        let centroid = shape.centroid();
        Self {
            name,
            external_id: None,
            shape,
            multi,
            centroid,
            households: None,
            households_no_internet: None,
            rural: None,
            generated: false,
        }
    }

    /// The GeoJSON geometry as stored in `areas.geometry`.
    pub fn geometry_json(&self) -> String {
        let polygon = |p: &Polygon<f64>| -> Value {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(|ring| ring.coords().map(|c| json!([c.x, c.y])).collect::<Value>())
                .collect()
        };
        let value = if self.multi || self.shape.0.len() != 1 {
            json!({"type": "MultiPolygon", "coordinates": self.shape.0.iter().map(polygon).collect::<Value>()})
        } else {
            json!({"type": "Polygon", "coordinates": polygon(&self.shape.0[0])})
        };
        value.to_string()
    }
}

/// Which properties of each feature to read.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The property holding the area's name (required on every feature).
    pub name_property: String,
    /// The property holding the source's own identifier; when given, re-imports match areas by
    /// it (so a renamed area keeps its id), otherwise by name.
    pub id_property: Option<String>,
}

impl ImportOptions {
    /// How a re-import finds the areas it imported before.
    pub fn match_by(&self) -> MatchBy {
        if self.id_property.is_some() {
            MatchBy::ExternalId
        } else {
            MatchBy::Name
        }
    }
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not GeoJSON: {0}")]
    NotGeoJson(String),
    #[error("the file is a GeoJSON {0}, not a FeatureCollection")]
    NotFeatureCollection(&'static str),
    #[error("the FeatureCollection has no features")]
    NoFeatures,
    #[error("{feature}: {problem}")]
    Feature {
        feature: FeatureLabel,
        problem: Problem,
    },
}

/// Names a feature in an error: its position in `features` and any identifier it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureLabel {
    pub index: usize,
    pub id: Option<String>,
    pub name: Option<String>,
}

impl fmt::Display for FeatureLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "feature features[{}]", self.index)?;
        match (&self.id, &self.name) {
            (Some(id), Some(name)) => write!(f, " (id {id}, {name:?})"),
            (Some(id), None) => write!(f, " (id {id})"),
            (None, Some(name)) => write!(f, " ({name:?})"),
            (None, None) => Ok(()),
        }
    }
}

/// What is wrong with one feature.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("it has no {0:?} property (or it is empty)")]
    MissingName(String),
    #[error("it has no {0:?} property (or it is empty)")]
    MissingId(String),
    #[error("the property {0:?} must be a whole number of at least 0")]
    BadCount(&'static str),
    #[error("the property {0:?} must be true or false (or 1 or 0, yes or no)")]
    BadFlag(&'static str),
    #[error("it has no geometry")]
    NoGeometry,
    #[error("its geometry is a {0}; only Polygon and MultiPolygon are areas")]
    GeometryType(&'static str),
    #[error("polygon {polygon}, ring {ring} has {count} positions; a ring needs at least 4")]
    TooFewPositions {
        polygon: usize,
        ring: usize,
        count: usize,
    },
    #[error(
        "polygon {polygon}, ring {ring} is not closed (its last position differs from its first)"
    )]
    RingNotClosed { polygon: usize, ring: usize },
    #[error(
        "polygon {polygon}, ring {ring}, position {position} is not a longitude and latitude \
         within range: {coords:?}"
    )]
    BadCoordinate {
        polygon: usize,
        ring: usize,
        position: usize,
        coords: Vec<f64>,
    },
    #[error("polygon {polygon}, ring {ring} encloses no area (its positions lie on one line)")]
    NoArea { polygon: usize, ring: usize },
    #[error("the geometry is not valid: {0}")]
    Invalid(String),
    #[error("another feature has the same {0} {1:?}")]
    Duplicate(&'static str, String),
}

/// Parses and checks a whole file; either every feature is a valid area or nothing is returned.
pub fn parse_areas(text: &str, options: &ImportOptions) -> Result<Vec<NewArea>, ImportError> {
    let geojson: GeoJson = text
        .parse()
        .map_err(|e: geojson::Error| ImportError::NotGeoJson(e.to_string()))?;
    let collection = match geojson {
        GeoJson::FeatureCollection(fc) => fc,
        GeoJson::Feature(_) => return Err(ImportError::NotFeatureCollection("Feature")),
        GeoJson::Geometry(g) => return Err(ImportError::NotFeatureCollection(g.value.type_name())),
    };
    if collection.features.is_empty() {
        return Err(ImportError::NoFeatures);
    }
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    let mut areas = Vec::with_capacity(collection.features.len());
    for (index, feature) in collection.features.iter().enumerate() {
        let property = |key: &str| feature.properties.as_ref().and_then(|p| p.get(key));
        let name = property(&options.name_property).and_then(text_value);
        let external_id = options
            .id_property
            .as_deref()
            .and_then(property)
            .and_then(text_value);
        let label = FeatureLabel {
            index,
            id: external_id.clone().or_else(|| {
                feature.id.as_ref().map(|id| match id {
                    geojson::feature::Id::String(s) => s.clone(),
                    geojson::feature::Id::Number(n) => n.to_string(),
                })
            }),
            name: name.clone(),
        };
        let fail = |problem| ImportError::Feature {
            feature: label.clone(),
            problem,
        };
        let name = name.ok_or_else(|| fail(Problem::MissingName(options.name_property.clone())))?;
        if let Some(key) = &options.id_property {
            let id = external_id
                .as_ref()
                .ok_or_else(|| fail(Problem::MissingId(key.clone())))?;
            if !ids.insert(id.clone()) {
                return Err(fail(Problem::Duplicate("id", id.clone())));
            }
        }
        if !names.insert(name.clone()) {
            return Err(fail(Problem::Duplicate("name", name)));
        }
        let count = |key: &'static str| match property(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_i64()
                .filter(|n| *n >= 0)
                .map(Some)
                .ok_or_else(|| fail(Problem::BadCount(key))),
        };
        let households = count("households")?;
        let households_no_internet = count("households_no_internet")?;
        let rural = match property("rural") {
            None | Some(Value::Null) => None,
            Some(v) => Some(flag_value(v).ok_or_else(|| fail(Problem::BadFlag("rural")))?),
        };
        let geometry = feature
            .geometry
            .as_ref()
            .ok_or_else(|| fail(Problem::NoGeometry))?;
        let (polygons, multi) = match &geometry.value {
            GeometryValue::Polygon { coordinates } => (std::slice::from_ref(coordinates), false),
            GeometryValue::MultiPolygon { coordinates } => (coordinates.as_slice(), true),
            other => return Err(fail(Problem::GeometryType(other.type_name()))),
        };
        let shape = checked_shape(polygons).map_err(fail)?;
        let mut area = NewArea::new(name, shape, multi);
        area.external_id = external_id;
        area.households = households;
        area.households_no_internet = households_no_internet;
        area.rural = rural;
        areas.push(area);
    }
    Ok(areas)
}

/// A property as a yes or no: a boolean, 1 or 0, or the words true/false, yes/no.
fn flag_value(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A property as text: a non-empty string (trimmed) or a number.
fn text_value(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Checks the positions of each ring (the geo types would silently close an open ring), then
/// the polygons themselves (self-intersections, holes outside, overlapping parts).
fn checked_shape(polygons: &[PolygonType]) -> Result<MultiPolygon<f64>, Problem> {
    if polygons.is_empty() {
        return Err(Problem::Invalid("it has no polygons".into()));
    }
    for (p, rings) in polygons.iter().enumerate() {
        if rings.is_empty() {
            return Err(Problem::Invalid(format!("polygon {p} has no rings")));
        }
        for (r, ring) in rings.iter().enumerate() {
            for (i, pos) in ring.iter().enumerate() {
                let c = pos.as_slice();
                let ok = c.len() >= 2
                    && c.iter().all(|v| v.is_finite())
                    && (-180.0..=180.0).contains(&c[0])
                    && (-90.0..=90.0).contains(&c[1]);
                if !ok {
                    return Err(Problem::BadCoordinate {
                        polygon: p,
                        ring: r,
                        position: i,
                        coords: c.to_vec(),
                    });
                }
            }
            if ring.len() < 4 {
                return Err(Problem::TooFewPositions {
                    polygon: p,
                    ring: r,
                    count: ring.len(),
                });
            }
            if ring.first().map(|c| &c.as_slice()[..2]) != ring.last().map(|c| &c.as_slice()[..2]) {
                return Err(Problem::RingNotClosed {
                    polygon: p,
                    ring: r,
                });
            }
        }
    }
    let shape = MultiPolygon(polygons.iter().map(|rings| to_polygon(rings)).collect());
    shape
        .check_validation()
        .map_err(|e| Problem::Invalid(e.to_string()))?;
    // geo's validation lets a ring whose positions lie on one line through; it has no inside
    // (no point is ever in it) and no orientation.
    for (p, polygon) in shape.0.iter().enumerate() {
        let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
        if let Some(r) = rings
            .into_iter()
            .position(|ring| ring.winding_order().is_none())
        {
            return Err(Problem::NoArea {
                polygon: p,
                ring: r,
            });
        }
    }
    Ok(shape)
}

/// GeoJSON rings to a geo polygon, with no checks (see `checked_shape`).
pub(crate) fn to_polygon(rings: &[Vec<Position>]) -> Polygon<f64> {
    let ring = |r: &Vec<Position>| {
        LineString(
            r.iter()
                .map(|p| Coord {
                    x: p.as_slice()[0],
                    y: p.as_slice()[1],
                })
                .collect(),
        )
    };
    let mut rings = rings.iter().map(ring);
    let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
    Polygon::new(exterior, rings.collect())
}

/// How an import went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
    /// Generated hexagon cells removed because real boundaries came in...
    pub cells_removed: usize,
    /// ...or kept, without their shape, because cases, residents, navigators or programs
    /// refer to them.
    pub cells_kept: usize,
}

/// How stored areas are matched on a re-import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchBy {
    Name,
    ExternalId,
}

/// Writes areas in one transaction: an area that exists (by name, or by external id) is
/// updated in place, so its id and everything that refers to it stay; the others are created.
///
/// Importing real boundaries replaces a generated hexagon grid: cells nothing refers to are
/// deleted; a cell that cases, residents, navigators or programs refer to keeps its row and
/// name (so history still reads) but loses its shape, so it no longer locates points, is no
/// longer drawn and is no longer offered on the form.
pub async fn store_areas(
    db: &Db,
    areas: &[NewArea],
    match_by: MatchBy,
) -> anyhow::Result<ImportCounts> {
    let mut counts = ImportCounts::default();
    // Reads, then writes: on SQLite, hold the write lock from the start, so an import (or a
    // second instance making the same hexagon grid at start) waits for another, then updates.
    let mut tx = db.begin_write().await?;
    for area in areas {
        let existing: Option<i64> = match match_by {
            MatchBy::Name => {
                sqlx::query_scalar("SELECT id FROM areas WHERE name = $1")
                    .bind(&area.name)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            MatchBy::ExternalId => {
                sqlx::query_scalar("SELECT id FROM areas WHERE external_id = $1 ORDER BY id")
                    .bind(&area.external_id)
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        let geometry = area.geometry_json();
        let (lat, lon) = area.centroid.map(|c| (c.y(), c.x())).unzip();
        let query = match existing {
            Some(id) => sqlx::query(
                "UPDATE areas SET name = $1, external_id = COALESCE($2, external_id), \
                 geometry = $3, centroid_lat = $4, centroid_lon = $5, \
                 households = COALESCE($6, households), \
                 households_no_internet = COALESCE($7, households_no_internet), generated = $9, \
                 rural = COALESCE($10, rural) \
                 WHERE id = $8",
            )
            .bind(&area.name)
            .bind(&area.external_id)
            .bind(geometry)
            .bind(lat)
            .bind(lon)
            .bind(area.households)
            .bind(area.households_no_internet)
            .bind(id)
            .bind(i64::from(area.generated))
            .bind(area.rural.map(i64::from)),
            None => sqlx::query(
                "INSERT INTO areas (name, external_id, geometry, centroid_lat, centroid_lon, \
                 households, households_no_internet, generated, rural) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&area.name)
            .bind(&area.external_id)
            .bind(geometry)
            .bind(lat)
            .bind(lon)
            .bind(area.households)
            .bind(area.households_no_internet)
            .bind(i64::from(area.generated))
            .bind(i64::from(area.rural.unwrap_or(false))),
        };
        query.execute(&mut *tx).await?;
        match existing {
            Some(_) => counts.updated += 1,
            None => counts.created += 1,
        }
    }
    if areas.iter().any(|a| !a.generated) {
        let removed = sqlx::query(
            "DELETE FROM areas WHERE generated = 1 \
             AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.area_id = areas.id) \
             AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.area_id = areas.id) \
             AND NOT EXISTS (SELECT 1 FROM navigator_areas n WHERE n.area_id = areas.id) \
             AND NOT EXISTS (SELECT 1 FROM program_areas p WHERE p.area_id = areas.id)",
        )
        .execute(&mut *tx)
        .await?;
        let kept = sqlx::query(
            "UPDATE areas SET geometry = NULL WHERE generated = 1 AND geometry IS NOT NULL",
        )
        .execute(&mut *tx)
        .await?;
        counts.cells_removed = usize::try_from(removed.rows_affected()).unwrap_or(usize::MAX);
        counts.cells_kept = usize::try_from(kept.rows_affected()).unwrap_or(usize::MAX);
    }
    tx.commit().await?;
    Ok(counts)
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
