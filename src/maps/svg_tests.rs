use super::*;
use geo::{polygon, InteriorPoint};

fn square(id: i64, name: &str, lon: f64, lat: f64, size: f64) -> AreaShape {
    AreaShape {
        id,
        name: name.into(),
        shape: Some(MultiPolygon(vec![polygon![
            (x: lon, y: lat),
            (x: lon + size, y: lat),
            (x: lon + size, y: lat + size),
            (x: lon, y: lat + size),
        ]])),
        centroid: None,
    }
}

fn shade(area_id: i64, class: Option<usize>, label: &str) -> Shade {
    Shade {
        area_id,
        class,
        label: label.into(),
        href: format!("/cases?area={area_id}"),
    }
}

/// The rings of path data as absolute points, read back the way a browser does.
fn decode(d: &str) -> Vec<Vec<(i64, i64)>> {
    let mut tokens = Vec::new();
    let mut number = String::new();
    for ch in d.chars() {
        if ch.is_ascii_digit() || (ch == '-' && number.is_empty()) {
            number.push(ch);
            continue;
        }
        if !number.is_empty() {
            tokens.push(std::mem::take(&mut number));
        }
        match ch {
            '-' => number.push(ch),
            'm' | 'l' | 'z' => tokens.push(ch.to_string()),
            ' ' => {}
            other => panic!("unexpected {other:?} in {d}"),
        }
    }
    if !number.is_empty() {
        tokens.push(number);
    }
    let (mut rings, mut ring) = (Vec::new(), Vec::new());
    let (mut at, mut start, mut command) = ((0, 0), (0, 0), 'l');
    let mut tokens = tokens.into_iter();
    while let Some(token) = tokens.next() {
        match token.as_str() {
            "m" | "l" => command = token.chars().next().unwrap(),
            "z" => {
                rings.push(std::mem::take(&mut ring));
                at = start;
            }
            dx => {
                let dx: i64 = dx.parse().unwrap();
                let dy: i64 = tokens.next().unwrap().parse().unwrap();
                at = (at.0 + dx, at.1 + dy);
                if command == 'm' {
                    start = at;
                    // Further pairs after a move-to are line-tos.
                    command = 'l';
                }
                ring.push(at);
            }
        }
    }
    rings
}

fn path_of(basemap: &Basemap, id: i64) -> &str {
    let area = basemap.areas.iter().find(|a| a.id == id).unwrap();
    match &area.outline {
        Outline::Path(d) => d,
        Outline::Dot(..) => panic!("area {id} is a dot"),
    }
}

#[test]
fn class_breaks_handle_the_edge_cases() {
    let empty: Vec<f64> = Vec::new();
    assert_eq!(class_breaks(&[], 5), empty);
    assert_eq!(class_breaks(&[f64::NAN, -1.0, f64::INFINITY], 5), empty);
    assert_eq!(class_breaks(&[4.0, 4.0, 4.0], 5), vec![4.0]);
    // Fewer distinct values than classes: one class each.
    assert_eq!(
        class_breaks(&[0.0, 1.0, 1.0, 2.0, 0.0], 5),
        vec![0.0, 1.0, 2.0]
    );
    // k outside 3..=7 is brought into it.
    let many: Vec<f64> = (0..100).map(f64::from).collect();
    assert_eq!(class_breaks(&many, 1).len(), 3);
    assert_eq!(class_breaks(&many, 12).len(), 7);
}

#[test]
fn class_breaks_of_skewed_counts_are_nice_and_every_class_is_used() {
    let cases: Vec<(Vec<f64>, usize)> = vec![
        (
            vec![
                0., 0., 0., 0., 1., 1., 1., 2., 2., 3., 4., 5., 7., 8., 12., 13., 19., 27., 44.,
                120.,
            ],
            5,
        ),
        ((0..78).map(|i| f64::from(i * i % 97)).collect(), 7),
        ((1..=40).map(|i| f64::from(i) * 0.137).collect(), 4),
        (vec![0.5, 0.25, 3.0, 9.75, 0.125, 1.0, 40.0], 3),
    ];
    for (values, k) in cases {
        let breaks = class_breaks(&values, k);
        assert_eq!(breaks.len(), k, "{breaks:?}");
        assert!(breaks.windows(2).all(|w| w[0] < w[1]), "{breaks:?}");
        let max = values.iter().copied().fold(0.0, f64::max);
        assert_eq!(*breaks.last().unwrap(), max);
        assert_eq!(class_of(max, &breaks), k - 1);
        let mut used = vec![0; k];
        for v in &values {
            used[class_of(*v, &breaks)] += 1;
        }
        assert!(used.iter().all(|n| *n > 0), "{breaks:?}: {used:?}");
    }
    let skewed = [
        0., 0., 0., 0., 1., 1., 1., 2., 2., 3., 4., 5., 7., 8., 12., 13., 19., 27., 44., 120.,
    ];
    // 14 distinct values; quantiles 2, 5, 12, 27 rounded up where the gap to the next
    // allows, then the largest value.
    assert_eq!(class_breaks(&skewed, 5), vec![2.0, 5.0, 15.0, 50.0, 120.0]);
    let rates: Vec<f64> = (1..=40).map(|i| f64::from(i) * 0.137).collect();
    assert_eq!(class_breaks(&rates, 4), vec![2.0, 3.0, 4.5, 5.48]);
}

#[test]
fn class_of_finds_the_first_bound_at_or_above() {
    let breaks = [0.0, 4.0, 9.0, 20.0];
    for (value, class) in [
        (0.0, 0),
        (0.5, 1),
        (4.0, 1),
        (4.1, 2),
        (9.0, 2),
        (19.0, 3),
        (20.0, 3),
        (999.0, 3),
    ] {
        assert_eq!(class_of(value, &breaks), class, "{value}");
    }
    assert_eq!(class_of(3.0, &[]), 0);
}

#[test]
fn class_labels_read_as_ranges() {
    assert_eq!(
        class_labels(&[0.0, 4.0, 5.0, 9.0, 120.0], true),
        ["0", "1–4", "5", "6–9", "10–120"]
    );
    assert_eq!(
        class_labels(&[1.5, 3.0, 5.48], false),
        ["0–1.5", "1.5–3", "3–5.48"]
    );
    assert!(class_labels(&[], true).is_empty());
}

/// WCAG relative luminance of "#rrggbb".
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[test]
fn palettes_get_darker_at_every_step() {
    assert!(palette(0).is_empty());
    assert_eq!(palette(9).len(), 7);
    for n in 1..=7 {
        let fills = palette(n);
        assert_eq!(fills.len(), n);
        let lum: Vec<f64> = fills.iter().map(|f| luminance(f)).collect();
        assert!(lum.windows(2).all(|w| w[0] > w[1]), "{n}: {lum:?}");
    }
    // "No data" must not be mistaken for the darkest class, and has its hatching besides.
    assert!(luminance(NO_DATA_FILL) > luminance(palette(3)[1]));
}

#[test]
fn small_maps_link_every_area_and_escape_names() {
    let areas = vec![
        square(1, "Baker & <Sons>", -105.0, 39.7, 0.01),
        square(2, "Lincoln Park", -104.99, 39.7, 0.01),
        AreaShape {
            id: 3,
            name: "Demo area".into(),
            shape: None,
            centroid: Some((39.715, -104.975)),
        },
    ];
    let basemap = Basemap::build(&areas);
    assert_eq!(basemap.len(), 3);
    let shades = [
        shade(1, Some(2), "Baker & <Sons>: 12 unmet requests"),
        shade(2, None, "Lincoln Park: no data"),
    ];
    let markers = [
        Marker {
            lat: 39.705,
            lon: -104.995,
            kind: MarkerKind::Navigator,
            label: "Ana's home base".into(),
        },
        Marker {
            lat: 39.705,
            lon: -104.985,
            kind: MarkerKind::Program,
            label: "Library <lab>".into(),
        },
    ];
    let svg = render_map(&basemap, &shades, 3, &markers, "Unmet requests").into_string();
    assert_eq!(svg.matches("<a ").count(), 2, "{svg}");
    assert!(svg.contains(r#"aria-label="Baker &amp; &lt;Sons&gt;: 12 unmet requests""#));
    assert!(svg.contains("Library &lt;lab&gt;"));
    assert!(!svg.contains("<Sons>") && !svg.contains("<lab>"));
    assert!(svg.contains(&format!(r##"fill="{}""##, palette(3)[2])));
    // No data and no shade are both hatched; the unshaded demo area is a dot with a name.
    assert_eq!(svg.matches("-nodata)").count(), 2);
    assert!(svg.contains("<title>Demo area</title><circle"));
    assert!(svg.contains(r#"role="group""#) && !svg.contains(r#"role="img""#));
    assert!(!svg.contains("style="));

    // Path data reads back to squares side by side (Baker west of Lincoln Park), each
    // taller than wide by 1 / cos(39.7°) as a square of degrees is on the ground.
    let baker = decode(path_of(&basemap, 1));
    let lincoln = decode(path_of(&basemap, 2));
    assert_eq!((baker.len(), baker[0].len()), (1, 4));
    assert_eq!(baker[0][1].0, lincoln[0][0].0, "{baker:?} {lincoln:?}");
    let (w, h) = (baker[0][1].0 - baker[0][0].0, baker[0][1].1 - baker[0][2].1);
    let expected = 1.0 / 39.7_f64.to_radians().cos();
    assert!(
        (h as f64 / w as f64 / expected - 1.0).abs() < 0.01,
        "{w}×{h}"
    );

    let empty = Basemap::build(&[]);
    assert!(empty.is_empty());
    assert_eq!(empty.point(39.7, -105.0), None);
    assert_eq!(render_map(&empty, &[], 3, &[], "x").into_string(), "");
}

#[test]
fn holes_and_islands_are_separate_subpaths() {
    let shape = MultiPolygon(vec![
        geo::Polygon::new(
            LineString::from(vec![(0.0, 0.0), (0.1, 0.0), (0.1, 0.1), (0.0, 0.1)]),
            vec![LineString::from(vec![
                (0.03, 0.03),
                (0.07, 0.03),
                (0.07, 0.07),
                (0.03, 0.07),
            ])],
        ),
        geo::Polygon::new(
            LineString::from(vec![(0.2, 0.0), (0.3, 0.0), (0.3, 0.1)]),
            vec![],
        ),
    ]);
    let area = AreaShape {
        id: 1,
        name: "Island".into(),
        shape: Some(shape),
        centroid: None,
    };
    let basemap = Basemap::build(&[area]);
    let rings = decode(path_of(&basemap, 1));
    assert_eq!(rings.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 3]);
    // The first square spans a third of the width; the margin is where it starts.
    let xs: Vec<i64> = rings[0].iter().map(|p| p.0).collect();
    assert_eq!(xs.iter().min(), Some(&(MARGIN as i64)));
    let svg = render_map(&basemap, &[shade(1, Some(0), "Island")], 1, &[], "t");
    assert!(svg.into_string().contains(r#"fill-rule="evenodd""#));
}

#[test]
fn legend_is_an_html_list_with_a_hatched_no_data_swatch() {
    let legend = Legend {
        title: "Unmet requests".into(),
        classes: ["0", "1–4", "5–9"]
            .iter()
            .map(|l| LegendClass { label: (*l).into() })
            .collect(),
        no_data_label: "No data <yet>".into(),
    };
    let html = render_legend(&legend).into_string();
    assert_eq!(html.matches("<li>").count(), 4);
    for fill in palette(3) {
        assert!(html.contains(fill), "{fill}");
    }
    assert!(html.contains("No data &lt;yet&gt;"));
    assert!(html.contains(HATCH));
}

fn denver() -> Option<Vec<AreaShape>> {
    let text = crate::areas::tests::denver_geojson()?;
    let options = crate::areas::ImportOptions {
        name_property: "NBHD_NAME".into(),
        id_property: Some("NBHD_ID".into()),
    };
    let areas = crate::areas::parse_areas(&text, &options).unwrap();
    Some(
        areas
            .into_iter()
            .enumerate()
            .map(|(i, a)| AreaShape {
                id: i as i64 + 1,
                name: a.name,
                shape: Some(a.shape),
                centroid: a.centroid.map(|c| (c.y(), c.x())),
            })
            .collect(),
    )
}

#[test]
fn denvers_map_is_small_linked_and_in_proportion() {
    let Some(areas) = denver() else {
        return;
    };
    assert_eq!(areas.len(), 78);
    let basemap = Basemap::build(&areas);
    assert_eq!(basemap.len(), 78);
    let shades: Vec<Shade> = areas
        .iter()
        .map(|a| {
            let class = (a.id % 6 != 0).then_some(a.id as usize % 5);
            shade(a.id, class, &format!("{}: {} unmet requests", a.name, a.id))
        })
        .collect();
    let markers: Vec<Marker> = areas
        .iter()
        .take(20)
        .filter_map(|a| a.centroid)
        .enumerate()
        .map(|(i, (lat, lon))| Marker {
            lat,
            lon,
            kind: if i % 2 == 0 {
                MarkerKind::Navigator
            } else {
                MarkerKind::Program
            },
            label: format!("Marker {i}"),
        })
        .collect();
    let svg = render_map(
        &basemap,
        &shades,
        5,
        &markers,
        "Unmet requests by neighborhood",
    )
    .into_string();
    eprintln!("Denver map: {} bytes", svg.len());

    assert!(svg.len() < 60_000, "{} bytes", svg.len());
    assert_eq!(svg.matches("<a ").count(), 78);
    for area in &areas {
        let href = format!(r#"href="/cases?area={}""#, area.id);
        assert_eq!(svg.matches(&href).count(), 1, "{}", area.name);
    }

    // Proportions: the viewBox (less its margins) has the shape of the city in kilometres,
    // east-west shrunk by cos(latitude), not the shape in degrees.
    let rect = areas
        .iter()
        .filter_map(|a| a.shape.as_ref()?.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })
        .unwrap();
    let projection = LocalProjection::new(rect.center().y, rect.center().x);
    let (lo, hi) = (
        projection.project(rect.min().y, rect.min().x),
        projection.project(rect.max().y, rect.max().x),
    );
    let km_ratio = (hi.y - lo.y) / (hi.x - lo.x);
    let (width, height) = basemap.size();
    let ratio = (height - 2.0 * MARGIN) / (width - 2.0 * MARGIN);
    assert!(
        (ratio / km_ratio - 1.0).abs() < 0.01,
        "{ratio} vs {km_ratio}"
    );
    let degree_ratio = rect.height() / rect.width();
    assert!(
        (ratio / degree_ratio - 1.0).abs() > 0.2,
        "{ratio} vs {degree_ratio}"
    );

    // A point inside each neighborhood lands inside what is drawn for it.
    for area in &areas {
        let inside = area.shape.as_ref().unwrap().interior_point().unwrap();
        let (x, y) = basemap.point(inside.y(), inside.x()).unwrap();
        let points: Vec<(i64, i64)> = decode(path_of(&basemap, area.id))
            .into_iter()
            .flatten()
            .collect();
        let (min, max) = points.iter().fold(
            ((i64::MAX, i64::MAX), (i64::MIN, i64::MIN)),
            |(lo, hi), p| {
                (
                    (lo.0.min(p.0), lo.1.min(p.1)),
                    (hi.0.max(p.0), hi.1.max(p.1)),
                )
            },
        );
        let (min, max) = (
            (min.0 as f64 - 1.0, min.1 as f64 - 1.0),
            (max.0 as f64 + 1.0, max.1 as f64 + 1.0),
        );
        assert!((min.0..=max.0).contains(&x), "{}: x {x}", area.name);
        assert!((min.1..=max.1).contains(&y), "{}: y {y}", area.name);
    }
}
