//! How long `AreaIndex::locate` takes for a random point in Denver among its 78 statistical
//! neighborhoods (target: under 10 µs). Reads `../shared/data/denver_statistical_neighborhoods.geojson`
//! from the crate root, or the file named by `NAVDESK_AREAS_GEOJSON`; skips when neither is there.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use navdesk::areas::{parse_areas, AreaIndex, ImportOptions};
use navdesk::config::Bbox;
use rand::{Rng, SeedableRng};

fn locate(c: &mut Criterion) {
    let path = std::env::var("NAVDESK_AREAS_GEOJSON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/denver_statistical_neighborhoods.geojson"
        )
        .to_owned()
    });
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: no areas file at {path} (set NAVDESK_AREAS_GEOJSON)");
        return;
    };
    let options = ImportOptions {
        name_property: "NBHD_NAME".into(),
        id_property: None,
    };
    let areas = parse_areas(&text, &options).expect("the Denver file imports");
    let index = AreaIndex::from_areas(
        areas
            .into_iter()
            .enumerate()
            .map(|(i, a)| (i as i64, a.shape)),
    );
    let b = Bbox::DENVER;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let points: Vec<(f64, f64)> = (0..4096)
        .map(|_| {
            (
                rng.random_range(b.min_lat..b.max_lat),
                rng.random_range(b.min_lon..b.max_lon),
            )
        })
        .collect();
    let inside: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(lat, lon)| index.locate(*lat, *lon).is_some())
        .collect();
    // Denver fills about a quarter of its bounding box, so most random points miss every
    // neighborhood; points that hit one are measured on their own too.
    println!(
        "{} of {} random points in the bbox fall in a neighborhood",
        inside.len(),
        points.len()
    );
    for (name, sample) in [
        ("locate/random point in Denver's bbox", &points),
        ("locate/random point inside a neighborhood", &inside),
    ] {
        let mut next = sample.iter().cycle();
        c.bench_function(name, |bench| {
            bench.iter(|| {
                let (lat, lon) = next.next().copied().unwrap_or_default();
                black_box(index.locate(black_box(lat), black_box(lon)))
            })
        });
    }
}

criterion_group!(benches, locate);
criterion_main!(benches);
