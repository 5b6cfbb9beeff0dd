//! The downloads of `/map` and `/reports`: the areas as GeoJSON with their figures, and each
//! page's table as CSV. Files are for programs and spreadsheets, so figures are plain numbers and
//! groups are codes, the same in every language.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use geo::orient::Direction;
use geo::{LineString, MultiPolygon, Orient};
use serde_json::{json, Map, Value};

use super::figures::AreaFigures;
use super::reports::{self, Report, Shown};
use super::svg::AreaShape;
use crate::web::{AppError, AppResult};

/// A file to save, never kept by a cache (it holds the figures of the moment).
fn download(body: String, content_type: &'static str, filename: &str) -> Response {
    let mut resp = (StatusCode::OK, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A CSV file to download: a header line, then the rows.
pub fn csv_download(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    filename: &str,
) -> AppResult<Response> {
    let fail = |e: String| AppError::Other(anyhow::anyhow!(e));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(|e| fail(e.to_string()))?;
    for row in rows {
        out.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()))
            .map_err(|e| fail(e.to_string()))?;
    }
    let bytes = out.into_inner().map_err(|e| fail(e.to_string()))?;
    Ok(download(
        String::from_utf8_lossy(&bytes).into_owned(),
        "text/csv; charset=utf-8",
        filename,
    ))
}

fn round(value: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (value * f).round() / f
}

/// `/map.geojson`: every area's shape with its figures as properties.
pub fn map_geojson(shapes: &[AreaShape], figures: &[AreaFigures]) -> Response {
    let body = feature_collection(shapes, |id| {
        let mut props = Map::new();
        if let Some(f) = figures.iter().find(|f| f.id == id) {
            props.insert("name".into(), json!(f.name));
            props.insert("requests".into(), json!(f.requests));
            props.insert("open".into(), json!(f.open));
            props.insert("unmet".into(), json!(f.unmet));
            props.insert(
                "median_days_to_first_contact".into(),
                json!(f.median_wait_days.map(|d| round(d, 2))),
            );
            props.insert("contacted".into(), json!(f.contacted));
            props.insert("navigator_capacity".into(), json!(round(f.capacity, 2)));
            props.insert("programs".into(), json!(f.programs));
            props.insert("gap_score".into(), json!(round(f.gap, 3)));
            props.insert("households".into(), json!(f.households));
            props.insert(
                "households_no_internet".into(),
                json!(f.households_no_internet),
            );
        }
        props
    });
    download(body, "application/geo+json", "navdesk-map.geojson")
}

/// The map table's columns, as the CSV names them.
const MAP_COLUMNS: [&str; 12] = [
    "area_id",
    "area",
    "requests",
    "open",
    "unmet",
    "median_days_to_first_contact",
    "contacted",
    "navigator_capacity",
    "programs",
    "gap_score",
    "free_appointment_slots_14_days",
    "devices_available_nearby",
];

/// `/map.csv`: the map's table, in the table's order.
pub fn map_csv(sorted: &[&AreaFigures]) -> AppResult<Response> {
    let rows = sorted.iter().map(|f| {
        vec![
            f.id.to_string(),
            f.name.clone(),
            f.requests.to_string(),
            f.open.to_string(),
            f.unmet.to_string(),
            f.median_wait_days
                .map(|d| format!("{d:.2}"))
                .unwrap_or_default(),
            f.contacted.to_string(),
            format!("{:.2}", f.capacity),
            f.programs.to_string(),
            format!("{:.3}", f.gap),
            f.free_slots.to_string(),
            f.devices_available.to_string(),
        ]
    });
    csv_download(&MAP_COLUMNS, rows, "navdesk-map.csv")
}

/// A cell a spreadsheet would run as a formula (a name typed as `=HYPERLINK(..)`, `+`, `-`,
/// `@`, or a tab or carriage return first) is written with a leading apostrophe, so it opens as
/// text; numbers, negative ones too, are left as they are.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One row a group of each breakdown (everyone first, as `all`): the breakdown, the group (by
/// code for `coded` breakdowns, else by `name`), then the line's `figures`.
fn breakdown_rows<L>(
    breakdowns: &[(&str, &[L])],
    key: impl Fn(&L) -> &str,
    coded: &[&str],
    name: impl Fn(&str, &str) -> String,
    figures: impl Fn(&str, &L) -> Vec<String>,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (dimension, lines) in breakdowns {
        for l in *lines {
            let group = match *dimension {
                "all" => String::new(),
                d if coded.contains(&d) => key(l).to_owned(),
                d => name(d, key(l)),
            };
            let mut row = vec![dimension.to_string(), group];
            row.extend(figures(dimension, l));
            out.push(row);
        }
    }
    out
}

/// `/reports/devices.csv`: everyone, then each breakdown's groups (kinds by code, programs and
/// areas by name, languages by code).
pub fn devices_csv(
    f: &super::devices::Figures,
    name: impl Fn(&str, &str) -> String,
) -> AppResult<Response> {
    let breakdowns = [
        ("all", std::slice::from_ref(&f.everyone)),
        ("kind", &f.by_kind[..]),
        ("program", &f.by_program[..]),
        ("language", &f.by_language[..]),
        ("area", &f.by_area[..]),
    ];
    let out = breakdown_rows(
        &breakdowns,
        |l| &l.key,
        &["kind", "language"],
        name,
        |_, l| {
            vec![
                count(l.lent),
                count(l.given),
                count(l.returned),
                count(l.lost),
                count(l.on_loan),
                count(l.overdue),
                number(l.mean_loan_days, 2),
            ]
        },
    );
    csv_download(
        &[
            "breakdown",
            "group",
            "lent",
            "given",
            "returned",
            "lost",
            "on_loan",
            "overdue",
            "mean_loan_days",
        ],
        out,
        "navdesk-devices.csv",
    )
}

/// A count as a CSV cell: a suppressed figure is written "<11", a figure with nothing behind it
/// left empty.
pub fn count(v: Shown<i64>) -> String {
    match v {
        Shown::Value(n) => n.to_string(),
        Shown::Suppressed => format!("<{}", reports::MIN_RESIDENTS),
        Shown::None => String::new(),
    }
}

/// A number as a CSV cell, to `digits` decimals (suppressed or empty as `count`).
pub fn number(v: Shown<f64>, digits: usize) -> String {
    match v {
        Shown::Value(n) => format!("{n:.digits$}"),
        other => count(match other {
            Shown::Suppressed => Shown::Suppressed,
            _ => Shown::None,
        }),
    }
}

/// The report's columns, as the CSV names them.
const REPORT_COLUMNS: [&str; 14] = [
    "breakdown",
    "group",
    "residents",
    "median_days_to_first_contact",
    "p90_days_to_first_contact",
    "connected_at_home_share",
    "devices",
    "skill_gain",
    "still_connected_30_days_share",
    "still_connected_90_days_share",
    "residents_served",
    "contact_minutes",
    "minutes_per_resident_served",
    "residents_served_minutes_unknown",
];

/// `/reports.csv`: everyone, then each breakdown's groups (the needs last: a request naming
/// several counts in each); `area_name` names an area group.
pub fn report_csv(report: &Report, area_name: impl Fn(&str) -> String) -> AppResult<Response> {
    let breakdowns = [
        ("all", std::slice::from_ref(&report.everyone)),
        ("area", &report.by_area[..]),
        ("language", &report.by_language[..]),
        ("race_ethnicity", &report.by_race[..]),
        ("channel", &report.by_channel[..]),
        ("need", &report.need_lines[..]),
    ];
    let mut out = Vec::new();
    for (dimension, lines) in breakdowns {
        for l in lines {
            let group = match dimension {
                "all" => String::new(),
                "area" => area_name(&l.key),
                // Codes, not words, so a spreadsheet reads the same in every language.
                _ if l.key.is_empty() => "not_answered".to_owned(),
                _ => l.key.clone(),
            };
            out.push(vec![
                dimension.to_owned(),
                group,
                count(l.residents),
                number(l.median_wait_days, 2),
                number(l.p90_wait_days, 2),
                number(l.connected_share, 3),
                count(l.devices),
                number(l.skill_gain, 2),
                number(l.still_connected_30, 3),
                number(l.still_connected_90, 3),
                count(l.served),
                count(l.minutes),
                number(l.minutes_per_resident, 1),
                count(l.untimed_served),
            ]);
        }
    }
    csv_download(&REPORT_COLUMNS, out, "navdesk-report.csv")
}

/// `/reports/populations.csv`: everyone, each covered population (a resident may be in
/// several), then those in at least one and those in none; populations by code.
pub fn populations_csv(f: &super::populations::Figures) -> AppResult<Response> {
    let rows = std::iter::once(&f.everyone)
        .chain(&f.populations)
        .chain([&f.any, &f.none])
        .map(|p| {
            let l = &p.line;
            vec![
                if l.key.is_empty() {
                    "all".to_owned()
                } else {
                    l.key.clone()
                },
                count(l.residents),
                count(p.connected),
                count(l.devices),
                number(p.resolved_share, 3),
                count(l.served),
                count(l.minutes),
                number(l.minutes_per_resident, 1),
            ]
        });
    csv_download(
        &[
            "population",
            "residents",
            "connected_at_home",
            "devices_received",
            "resolved_share",
            "residents_served",
            "contact_minutes",
            "minutes_per_resident_served",
        ],
        rows,
        "navdesk-populations.csv",
    )
}

/// `/reports/appointments.csv`: everyone, then each breakdown's groups (sites and areas by
/// name, languages by code).
pub fn appointments_csv(
    f: &super::appointments::Figures,
    name: impl Fn(&str, &str) -> String,
) -> AppResult<Response> {
    let breakdowns = [
        ("all", std::slice::from_ref(&f.everyone)),
        ("site", &f.by_site[..]),
        ("language", &f.by_language[..]),
        ("area", &f.by_area[..]),
    ];
    let out = breakdown_rows(
        &breakdowns,
        |l| &l.key,
        &["language"],
        name,
        |dimension, l| {
            vec![
                count(l.booked),
                count(l.attended),
                count(l.no_show),
                count(l.cancelled),
                number(l.attended_share, 3),
                if dimension == "all" {
                    number(f.median_days_to_first, 2)
                } else {
                    String::new()
                },
            ]
        },
    );
    csv_download(
        &[
            "breakdown",
            "group",
            "booked",
            "attended",
            "no_show",
            "cancelled",
            "attended_share",
            "median_days_to_first_appointment",
        ],
        out,
        "navdesk-appointments.csv",
    )
}

/// Areas as an RFC 7946 GeoJSON FeatureCollection: one Feature per area with `id` = the area's
/// id and the caller's properties; its shape (outer rings counter-clockwise, holes clockwise, as
/// the RFC asks) or, for an area known only by its centroid, a Point; an area with neither has a
/// null geometry, so the file still lists every area's figures. Coordinates are rounded to 6
/// decimals (about 10 cm); there is no `crs` member (RFC 7946 coordinates are always WGS84).
pub fn feature_collection(
    areas: &[AreaShape],
    properties: impl Fn(i64) -> Map<String, Value>,
) -> String {
    let features: Vec<Value> = areas
        .iter()
        .map(|area| {
            let geometry = match (&area.shape, area.centroid) {
                (Some(shape), _) if !shape.0.is_empty() => shape_geometry(shape),
                (_, Some((lat, lon))) => json!({
                    "type": "Point",
                    "coordinates": [round6(lon), round6(lat)],
                }),
                _ => Value::Null,
            };
            json!({
                "type": "Feature",
                "id": area.id,
                "geometry": geometry,
                "properties": properties(area.id),
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

fn shape_geometry(shape: &MultiPolygon<f64>) -> Value {
    let ring = |r: &LineString<f64>| -> Value {
        r.coords()
            .map(|c| json!([round6(c.x), round6(c.y)]))
            .collect()
    };
    let mut polygons: Vec<Value> = shape
        .orient(Direction::Default)
        .iter()
        .map(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(ring)
                .collect()
        })
        .collect();
    if polygons.len() == 1 {
        json!({ "type": "Polygon", "coordinates": polygons.remove(0) })
    } else {
        json!({ "type": "MultiPolygon", "coordinates": polygons })
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;

    #[test]
    fn feature_collection_orients_rings_and_rounds() {
        // Clockwise outside (as Denver's file has it), a counter-clockwise hole.
        let shape = MultiPolygon(vec![geo::Polygon::new(
            LineString::from(vec![
                (-105.0, 39.7),
                (-105.0, 39.8),
                (-104.9, 39.8),
                (-104.9, 39.7),
                (-105.0, 39.7),
            ]),
            vec![LineString::from(vec![
                (-104.98, 39.72),
                (-104.92, 39.72),
                (-104.92, 39.78),
                (-104.98, 39.78),
                (-104.98, 39.72),
            ])],
        )]);
        let areas = vec![
            AreaShape {
                id: 7,
                name: "Ring & hole".into(),
                shape: Some(shape),
                centroid: None,
            },
            AreaShape {
                id: 8,
                name: "Only a centroid".into(),
                shape: None,
                centroid: Some((39.123_456_789, -104.987_654_321)),
            },
            AreaShape {
                id: 9,
                name: "Nowhere".into(),
                shape: None,
                centroid: None,
            },
        ];
        let text = feature_collection(&areas, |id| {
            let mut props = Map::new();
            props.insert("requests".into(), json!(id * 2));
            props
        });
        assert!(!text.contains("crs"));
        let collection: geojson::FeatureCollection = text.parse().unwrap();
        assert_eq!(collection.features.len(), 3);
        let first = &collection.features[0];
        assert_eq!(first.id, Some(geojson::feature::Id::Number(7.into())));
        assert_eq!(first.property("requests"), Some(&json!(14)));
        let shape = crate::areas::shape_from_geojson(
            &serde_json::to_string(first.geometry.as_ref().unwrap()).unwrap(),
        )
        .unwrap();
        let polygon = &shape.0[0];
        assert!(
            polygon.exterior().signed_area_of_ring() > 0.0,
            "outer ring is ccw"
        );
        assert!(
            polygon.interiors()[0].signed_area_of_ring() < 0.0,
            "hole is cw"
        );
        let point = collection.features[1].geometry.as_ref().unwrap();
        match &point.value {
            geojson::GeometryValue::Point { coordinates } => {
                assert_eq!(coordinates.as_slice(), [-104.987654, 39.123457]);
            }
            other => panic!("{other:?}"),
        }
        assert!(collection.features[2].geometry.is_none());
    }

    #[test]
    fn formula_cells_open_as_text() {
        for (cell, safe) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tFive Points", "'\tFive Points"),
            ("\rFive Points", "'\rFive Points"),
            ("-1.5", "-1.5"),
            ("<11", "<11"),
            ("Five Points", "Five Points"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
    }

    /// Signed area of a ring alone (positive when counter-clockwise).
    trait RingArea {
        fn signed_area_of_ring(&self) -> f64;
    }

    impl RingArea for LineString<f64> {
        fn signed_area_of_ring(&self) -> f64 {
            geo::Polygon::new(self.clone(), vec![]).signed_area()
        }
    }
}
