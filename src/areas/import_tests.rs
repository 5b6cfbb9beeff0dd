use super::*;
use geo::Winding;

fn options() -> ImportOptions {
    ImportOptions {
        name_property: "name".into(),
        id_property: None,
    }
}

const SQUARE: &str = "[[[0,0],[0,1],[1,1],[1,0],[0,0]]]";

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

fn feature(properties: &str, geometry_type: &str, coordinates: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{properties},"geometry":{{"type":"{geometry_type}","coordinates":{coordinates}}}}}"#
    )
}

#[test]
fn bad_files_name_the_problem_and_the_feature() {
    let good = feature(r#"{"name":"A"}"#, "Polygon", SQUARE);
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "not a FeatureCollection",
            feature(r#"{"name":"A"}"#, "Polygon", SQUARE),
            "not a FeatureCollection",
        ),
        ("not JSON", "{nope".into(), "not GeoJSON"),
        (
            "missing name",
            collection(&[
                good.clone(),
                r#"{"type":"Feature","id":"x7","properties":{"other":"B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}}"#.into(),
            ]),
            "features[1] (id x7): it has no \"name\" property",
        ),
        (
            "bad geometry type",
            collection(&[feature(r#"{"name":"P"}"#, "Point", "[1,2]")]),
            "features[0] (\"P\"): its geometry is a Point",
        ),
        (
            "unclosed ring",
            collection(&[feature(
                r#"{"name":"U"}"#,
                "Polygon",
                "[[[0,0],[0,1],[1,1],[1,0],[0.5,0]]]",
            )]),
            "features[0] (\"U\"): polygon 0, ring 0 is not closed",
        ),
        (
            "too few positions",
            collection(&[feature(r#"{"name":"T"}"#, "Polygon", "[[[0,0],[0,1],[0,0]]]")]),
            "ring 0 has 3 positions",
        ),
        (
            "latitude out of range",
            collection(&[feature(
                r#"{"name":"O"}"#,
                "Polygon",
                "[[[0,0],[0,91],[1,1],[1,0],[0,0]]]",
            )]),
            "position 1 is not a longitude and latitude within range",
        ),
        (
            "self-intersection",
            collection(&[feature(
                r#"{"name":"Bow"}"#,
                "Polygon",
                "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]",
            )]),
            "self-intersection",
        ),
        (
            "duplicate name",
            collection(&[good.clone(), good.clone()]),
            "features[1] (\"A\"): another feature has the same name",
        ),
        (
            "bad households",
            collection(&[feature(r#"{"name":"H","households":-3}"#, "Polygon", SQUARE)]),
            "\"households\" must be a whole number",
        ),
        ("empty", collection(&[]), "no features"),
        // Found by the geojson fuzz target: geo's validation accepts a ring on one line.
        (
            "a ring on one line",
            collection(&[feature(
                r#"{"name":"Line"}"#,
                "Polygon",
                "[[[0,0],[0,0],[0,2],[0,1],[0,0]]]",
            )]),
            "features[0] (\"Line\"): polygon 0, ring 0 encloses no area",
        ),
        (
            "a hole on one line",
            collection(&[feature(
                r#"{"name":"Flat hole"}"#,
                "MultiPolygon",
                "[[[[5,5],[6,5],[6,6],[5,5]]],[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,2],[3,3],[1,1]]]]",
            )]),
            "polygon 1, ring 1 encloses no area",
        ),
    ];
    for (what, text, expected) in cases {
        let err = parse_areas(&text, &options()).expect_err(what).to_string();
        assert!(
            err.contains(expected),
            "{what}: {err:?} should contain {expected:?}"
        );
    }
}

#[test]
fn rings_are_stored_counter_clockwise_with_clockwise_holes() {
    // Outer ring clockwise, hole counter-clockwise: both the wrong way round for RFC 7946.
    let text = collection(&[feature(
        r#"{"name":"Ring","households":120,"households_no_internet":15}"#,
        "Polygon",
        "[[[0,0],[0,4],[4,4],[4,0],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]",
    )]);
    let areas = parse_areas(&text, &options()).unwrap();
    let polygon = &areas[0].shape.0[0];
    assert!(polygon.exterior().is_ccw());
    assert!(polygon.interiors()[0].is_cw());
    assert_eq!(areas[0].households, Some(120));
    assert_eq!(areas[0].households_no_internet, Some(15));
    let stored: Value = serde_json::from_str(&areas[0].geometry_json()).unwrap();
    assert_eq!(stored["type"], "Polygon");
    assert_eq!(stored["coordinates"][0][1], json!([4.0, 0.0]), "{stored}");
    let centroid = areas[0].centroid.unwrap();
    assert!(centroid.x() > 1.9 && centroid.y() > 1.9, "{centroid:?}");
}

#[test]
fn ids_may_be_numbers_and_are_required_when_asked_for() {
    let options = ImportOptions {
        name_property: "name".into(),
        id_property: Some("code".into()),
    };
    let text = collection(&[feature(r#"{"name":"A","code":17}"#, "Polygon", SQUARE)]);
    assert_eq!(
        parse_areas(&text, &options).unwrap()[0]
            .external_id
            .as_deref(),
        Some("17")
    );
    let text = collection(&[feature(r#"{"name":"A"}"#, "Polygon", SQUARE)]);
    let err = parse_areas(&text, &options).unwrap_err().to_string();
    assert!(err.contains("no \"code\" property"), "{err}");
}

#[test]
fn rural_is_read_as_a_yes_or_no() {
    let feature = |rural: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"Ring"{rural}}},"geometry":{{"type":"Polygon","coordinates":[[[-105.0,39.7],[-104.98,39.7],[-104.98,39.72],[-105.0,39.72],[-105.0,39.7]]]}}}}]}}"#
        )
    };
    let options = options();
    for (given, want) in [
        ("", None),
        (r#","rural":null"#, None),
        (r#","rural":true"#, Some(true)),
        (r#","rural":0"#, Some(false)),
        (r#","rural":"Yes""#, Some(true)),
    ] {
        let areas = parse_areas(&feature(given), &options).unwrap();
        assert_eq!(areas[0].rural, want, "{given}");
    }
    let err = parse_areas(&feature(r#","rural":"often""#), &options).unwrap_err();
    assert!(err.to_string().contains("rural"), "{err}");
}
