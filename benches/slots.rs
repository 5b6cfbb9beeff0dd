//! Slot search at city scale: one resident's free appointment times over 50 sites and 200
//! navigators' weekly hours for 14 days, with bookings and closures, read from a SQLite
//! database as a page does (`free_slots` and `offer`), and laid out from a schedule already
//! read (`Schedule::free`).
//!
//!   cargo bench --bench slots
//!   DATABASE_URL=postgres://... cargo bench --bench slots   # an empty PostgreSQL database
//!
//! Target on a 2-core machine: one search, database included, < 5 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::tz::TimeZone;
use navdesk::appointments::slots::{self, Seeker};
use navdesk::db::Db;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const SITES: i64 = 50;
const NAVIGATORS: i64 = 200;
const DAYS: u32 = 14;
const LANGS: &[&str] = &["en", "es", "ar", "am", "ln", "vi"];

/// Denver's bounding box, roughly.
fn place(rng: &mut StdRng) -> (f64, f64) {
    (
        rng.random_range(39.61..39.92),
        rng.random_range(-105.11..-104.60),
    )
}

/// 50 sites; 200 navigators (English and one other language), each at one or two sites on
/// weekdays with a morning and an afternoon block, some on Saturdays; a city holiday and a
/// site's closure; about one slot in five booked.
async fn seed(db: &Db, now: i64, tz: &TimeZone) {
    let mut rng = StdRng::seed_from_u64(17);
    let mut tx = db.pool.begin().await.unwrap();
    for s in 1..=SITES {
        let (lat, lon) = place(&mut rng);
        sqlx::query(
            "INSERT INTO sites (id, name, address, lat, lon, accessibility, slot_minutes, \
             active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'Step-free entrance', \
             $6, 1, 0, 0)",
        )
        .bind(s)
        .bind(format!("Branch Library {s}"))
        .bind(format!("{s}00 Colfax Ave"))
        .bind(lat)
        .bind(lon)
        .bind(if s % 5 == 0 { 45_i64 } else { 30 })
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    let mut bookings = Vec::new();
    for n in 1..=NAVIGATORS {
        sqlx::query(
            "INSERT INTO users (id, email, name, role, created_at) \
             VALUES ($1, $2, $3, 'navigator', 0)",
        )
        .bind(n)
        .bind(format!("nav{n}@navdesk.example"))
        .bind(format!("Navigator {n}"))
        .execute(&mut *tx)
        .await
        .unwrap();
        let other = LANGS[rng.random_range(0..LANGS.len())];
        sqlx::query(
            "INSERT INTO navigators (id, user_id, languages, skills) \
             VALUES ($1, $1, $2, 'internet,device,tech_support')",
        )
        .bind(n)
        .bind(format!("en,{other}"))
        .execute(&mut *tx)
        .await
        .unwrap();
        let home = rng.random_range(1..=SITES);
        let second = rng.random_range(1..=SITES);
        for weekday in 1..=6_i64 {
            if weekday == 6 && !rng.random_bool(0.3) {
                continue;
            }
            let blocks: [(i64, i64, i64); 2] = [(home, 540, 720), (second, 780, 1020)];
            for (site, from, to) in blocks {
                sqlx::query(
                    "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, \
                     end_minute) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(site)
                .bind(n)
                .bind(weekday)
                .bind(from)
                .bind(to)
                .execute(&mut *tx)
                .await
                .unwrap();
            }
        }
        bookings.push((n, home));
    }
    let first_day = slots::local_day(tz, now).unwrap();
    let holiday = first_day + jiff::Span::new().days(4);
    sqlx::query("INSERT INTO site_closures (site_id, day) VALUES (NULL, $1), (7, $2)")
        .bind(holiday.to_string())
        .bind((first_day + jiff::Span::new().days(2)).to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    // A resident to book for, and bookings of their navigators' morning slots.
    sqlx::query(
        "INSERT INTO residents (id, name, language, contact_method, lat, lon, created_at) \
         VALUES (1, 'Bench Resident', 'es', 'sms', 39.74, -104.99, 0)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO cases (id, ref_code, resident_id, needs, channel, language, created_at, \
         updated_at) VALUES (1, 'BENCH234', 1, 'internet', 'web', 'es', 0, 0)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    let mut booked = 0;
    for day in 0..DAYS {
        let date = first_day + jiff::Span::new().days(i64::from(day));
        for &(navigator, site) in &bookings {
            for minute in [540_i64, 600, 660] {
                if !rng.random_bool(0.2) {
                    continue;
                }
                let start = date
                    .at((minute / 60) as i8, 0, 0, 0)
                    .to_zoned(tz.clone())
                    .unwrap()
                    .timestamp()
                    .as_second();
                sqlx::query(
                    "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, \
                     ends_at, status, booked_via, created_at, updated_at) \
                     VALUES (1, $1, $2, $3, $4, 'cancelled', 'web', 0, 0)",
                )
                .bind(navigator)
                .bind(site)
                .bind(start)
                .bind(start + 1800)
                .execute(&mut *tx)
                .await
                .unwrap();
                booked += 1;
            }
        }
    }
    // Booked for other cases: the search only cares that the slot is taken.
    sqlx::query("UPDATE appointments SET status = 'booked' WHERE id % 10 <> 0")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    println!("seeded {SITES} sites, {NAVIGATORS} navigators, {booked} appointments");
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = std::env::temp_dir().join(format!("navdesk-slots-bench-{}", std::process::id()));
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/navdesk.db", dir.display()));
    let tz = TimeZone::get("America/Denver").unwrap();
    let now = jiff::Timestamp::now().as_second();
    let (db, seeker) = runtime.block_on(async {
        let db = navdesk::db::open(&url).await.unwrap();
        seed(&db, now, &tz).await;
        let seeker = Seeker::for_case(&db, 1).await.unwrap().unwrap();
        (db, seeker)
    });
    let first_day = slots::local_day(&tz, now).unwrap();
    let schedule = runtime
        .block_on(slots::load(&db, &tz, &seeker, first_day, DAYS))
        .unwrap();
    let all = schedule.free(&seeker, &tz, first_day, DAYS, now, usize::MAX, usize::MAX);
    println!(
        "{} office-hour blocks that fit a Spanish speaker, {} free slots in {DAYS} days",
        schedule.hours.len(),
        all.len()
    );

    let mut group = c.benchmark_group("slots");
    group.bench_function("free_slots 10, from the database", |b| {
        b.iter(|| {
            runtime
                .block_on(slots::free_slots(&db, &tz, &seeker, now, DAYS, 10))
                .unwrap()
        })
    });
    group.bench_function("offer 3 sites x 4, from the database", |b| {
        b.iter(|| {
            runtime
                .block_on(slots::offer(&db, &tz, &seeker, now, DAYS, 3, 4))
                .unwrap()
        })
    });
    group.bench_function("every free slot in 14 days, laid out", |b| {
        b.iter(|| schedule.free(&seeker, &tz, first_day, DAYS, now, usize::MAX, usize::MAX))
    });
    group.finish();
    std::fs::remove_dir_all(dir).ok();
}

criterion_group!(benches, bench);
criterion_main!(benches);
