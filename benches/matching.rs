//! Matching at city scale: one request against 10,000 navigators and 5,000 programs (the best
//! navigators and every program's decision with its reasons, as the case page needs them,
//! from rules already loaded), and every one of 100,000 open cases re-matched in turn
//! (capacity counted as cases are given out).
//!
//!   cargo bench --bench matching
//!
//! Targets on a 2-core machine: one match (navigators and programs) < 200 µs; the 100,000
//! re-match < 5 s.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use navdesk::domain::{AgeBand, Benefit, Need};
use navdesk::i18n::Lang;
use navdesk::matching::eligibility::{
    Assessments, Household, PovertyGuidelines, ProgramRules, ProgramSet,
};
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

fn some<T: Copy>(rng: &mut StdRng, all: &[T], p: f64) -> Vec<T> {
    all.iter().copied().filter(|_| rng.random_bool(p)).collect()
}

/// Programs as a city might hold them: most with an income limit or qualifying benefits, some
/// for older residents, a third in a few areas only, some with no places left.
fn programs(n: usize, rng: &mut StdRng) -> Vec<ProgramRules> {
    let langs: Vec<Lang> = Lang::all().collect();
    (0..n)
        .map(|_| ProgramRules {
            max_income_pct_fpg: rng
                .random_bool(0.7)
                .then(|| [135, 150, 200, 250][rng.random_range(0..4)]),
            qualifying_benefits: some(rng, Benefit::ALL, 0.3),
            min_age: rng.random_bool(0.1).then_some(60),
            languages: std::iter::once(Lang::EN)
                .chain(some(rng, &langs[1..], 0.3))
                .collect(),
            area_ids: if rng.random_bool(0.3) {
                let first = rng.random_range(0..AREAS);
                (0..rng.random_range(1..6))
                    .map(|k| (first + k) % AREAS + 1)
                    .collect()
            } else {
                Vec::new()
            },
            capacity_available: rng.random_bool(0.5).then(|| rng.random_range(0..20)),
            active: true,
        })
        .collect()
}

/// The household behind a request, as the form collects it.
fn household(request: &Request, rng: &mut StdRng) -> Household {
    Household {
        size: rng.random_bool(0.9).then(|| rng.random_range(1..=8)),
        monthly_income: rng.random_bool(0.8).then(|| rng.random_range(0..9_000)),
        benefits: some(rng, Benefit::ALL, 0.15),
        age_band: rng
            .random_bool(0.8)
            .then(|| AgeBand::ASKED[rng.random_range(0..AgeBand::ASKED.len())]),
        area_id: request.area_id,
        language: Lang::parse(&request.language),
    }
}

/// The 2025 HHS guidelines for the 48 contiguous states.
fn guidelines() -> PovertyGuidelines {
    let dollars = [
        15_650, 21_150, 26_650, 32_150, 37_650, 43_150, 48_650, 54_150,
    ];
    let mut rows: Vec<(i64, i64)> = (1..).zip(dollars.map(|d| d * 100)).collect();
    rows.push((0, 550_000));
    PovertyGuidelines::new(2025, &rows).expect("the 2025 table")
}

/// Every program's verdict and every one of its reasons, read as the case page reads them
/// (the page then words them).
fn every_reason(decisions: &Assessments) -> usize {
    decisions
        .iter()
        .map(|(program, verdict, reasons)| {
            program + verdict as usize + reasons.map(std::hint::black_box).count()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(7);
    let pool = Pool::new(navigators(10_000, &mut rng));
    // Prepared once, as rules loaded from the database would be.
    let programs = ProgramSet::new(&programs(5_000, &mut rng));
    let guidelines = guidelines();
    let requests: Vec<(Request, Household)> = (0..1_000)
        .map(|_| {
            let r = request(&mut rng);
            let h = household(&r, &mut rng);
            (r, h)
        })
        .collect();
    let mut i = 0;
    c.bench_function("match one request among 10,000 navigators (best 5)", |b| {
        b.iter(|| {
            i = (i + 1) % requests.len();
            pool.best(&requests[i].0, 5)
        })
    });
    c.bench_function("decide 5,000 programs for one household", |b| {
        b.iter(|| {
            i = (i + 1) % requests.len();
            every_reason(&programs.assess_all(&requests[i].1, Some(&guidelines)))
        })
    });
    c.bench_function(
        "match one request: 10,000 navigators (best 5) and 5,000 programs",
        |b| {
            b.iter(|| {
                i = (i + 1) % requests.len();
                let (request, household) = &requests[i];
                (
                    pool.best(request, 5),
                    every_reason(&programs.assess_all(household, Some(&guidelines))),
                )
            })
        },
    );

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
