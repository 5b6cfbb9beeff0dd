//! Matching at city scale: one request against 10,000 navigators, and every one of 100,000
//! open cases re-matched in turn (capacity counted as cases are given out).
//!
//!   cargo bench --bench matching
//!
//! Targets on a 2-core machine: one match < 200 µs; the 100,000 re-match < 5 s.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use navdesk::domain::Need;
use navdesk::matching::navigators::{Candidate, Pool, Request};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const LANGS: &[&str] = &["en", "es", "ar", "am", "ln", "vi"];
const AREAS: i64 = 78;
/// Denver's bounding box, roughly.
const LAT: (f64, f64) = (39.61, 39.92);
const LON: (f64, f64) = (-105.11, -104.60);

fn place(rng: &mut StdRng) -> (f64, f64) {
    (
        rng.random_range(LAT.0..LAT.1),
        rng.random_range(LON.0..LON.1),
    )
}

fn navigators(n: usize, rng: &mut StdRng) -> Vec<Candidate> {
    (0..n)
        .map(|i| {
            let first = rng.random_range(0..AREAS);
            let skills: Vec<Need> = Need::ALL
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.8))
                .collect();
            let radius = rng.random_bool(0.2);
            Candidate {
                navigator_id: i as i64 + 1,
                name: format!("Navigator {i}"),
                languages: vec!["en".into(), LANGS[rng.random_range(0..LANGS.len())].into()],
                skills,
                home: Some(place(rng)),
                travel_radius_km: radius.then(|| rng.random_range(3.0..15.0)),
                areas: (0..rng.random_range(1..4))
                    .map(|k| (first + k) % AREAS + 1)
                    .collect(),
                capacity: 30,
                open_cases: rng.random_range(0..30),
                active: rng.random_bool(0.95),
            }
        })
        .collect()
}

fn request(rng: &mut StdRng) -> Request {
    Request {
        language: LANGS[if rng.random_bool(0.5) {
            0
        } else {
            rng.random_range(0..LANGS.len())
        }]
        .into(),
        interpreter: rng.random_bool(0.05),
        needs: vec![Need::ALL[rng.random_range(0..Need::ALL.len())]],
        area_id: Some(rng.random_range(1..=AREAS)),
        location: Some(place(rng)),
        past_navigators: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(7);
    let pool = Pool::new(navigators(10_000, &mut rng));
    let requests: Vec<Request> = (0..1_000).map(|_| request(&mut rng)).collect();
    let mut i = 0;
    c.bench_function("match one request among 10,000 navigators (best 5)", |b| {
        b.iter(|| {
            i = (i + 1) % requests.len();
            pool.best(&requests[i], 5)
        })
    });

    // Re-matching: enough room for every case (10,000 navigators × 30 places).
    let mut rng = StdRng::seed_from_u64(8);
    let mut candidates = navigators(10_000, &mut rng);
    for c in &mut candidates {
        c.open_cases = 0;
    }
    let open: Vec<Request> = (0..100_000).map(|_| request(&mut rng)).collect();
    let mut group = c.benchmark_group("re-match");
    group.sample_size(10);
    group.bench_function("100,000 open cases among 10,000 navigators", |b| {
        b.iter_batched(
            || Pool::new(candidates.clone()),
            |mut pool| pool.assign_all(&open),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
