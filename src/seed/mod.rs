//! Data at city scale for load tests (`navdesk seed-load`): many navigators with their areas,
//! and many past and open cases spread over three years, written in large batches. Every staff
//! account it makes shares one password and an address under `load.navdesk.example`, so the
//! data is easy to recognize and never mistaken for real residents.
//!
//! The data is shaped for the supervisor's reports and service-gap map: areas differ in how
//! many requests they send, who lives there and how long their residents wait; languages differ
//! in waiting times (the rarer the language, the longer the wait for a navigator who speaks it);
//! residents carry age band, benefits and race/ethnicity; finished cases carry outcomes, some
//! with unanswered follow-ups. Everything is drawn from one generator seeded by `--seed`.

// Issue 18: the inventory and its loans.
mod devices;
mod draw;
mod write;

use rand::rngs::StdRng;
use rand::SeedableRng;
use sqlx::Row;

use crate::db::{Backend, Db};

/// The e-mail domain of every account this module makes.
pub const DOMAIN: &str = "load.navdesk.example";

/// Rows per INSERT: well under both backends' limits on bound parameters.
const BATCH: usize = 500;

/// Cases per transaction: one transaction for everything would grow SQLite's write-ahead log to
/// the size of the database before a checkpoint could shrink it.
const CASES_PER_COMMIT: usize = 20 * BATCH;

/// How far back the cases reach.
const SPAN_SECS: i64 = 3 * 365 * 86_400;
const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub cases: usize,
    pub navigators: usize,
    /// Devices in the inventory, with their loans.
    pub devices: usize,
    /// Random seed, so two runs make the same data.
    pub seed: u64,
    /// The retention the city keeps (`NAVDESK_RETENTION_DAYS`): the data is left as it stands
    /// once that has run.
    pub retention: crate::config::RetentionDays,
}

/// What was made, for the operator.
#[derive(Debug)]
pub struct Seeded {
    pub navigators: usize,
    pub cases: usize,
    pub areas: usize,
    pub devices: usize,
    pub loans: usize,
    /// Residents whose cases all closed longer ago than the retention, cleared.
    pub cleared: usize,
    /// A navigator's and the supervisor's sign-in address.
    pub navigator_email: String,
    pub supervisor_email: String,
}

/// Makes `scale.navigators` navigators (plus one supervisor) and `scale.cases` cases with
/// their residents and timelines. Uses the areas already in the database, or the demo's
/// neighborhoods when there are none. Refuses to run twice on one database. Commits every
/// `CASES_PER_COMMIT` cases, so an interrupted run leaves part of the data: start again on a
/// fresh database.
pub async fn seed(db: &Db, scale: Scale, password: &str) -> anyhow::Result<Seeded> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email LIKE $1")
        .bind(format!("%@{DOMAIN}"))
        .fetch_one(&db.pool)
        .await?;
    anyhow::ensure!(existing == 0, "this database already has load-test data");
    let hash = crate::auth::password::hash_password_blocking(password.to_owned()).await?;
    let mut rng = StdRng::seed_from_u64(scale.seed);
    let areas = area_profiles(db, &mut rng).await?;
    let city = write::City {
        backend: db.backend,
        now: crate::db::now(),
        areas: &areas,
    };

    let mut conn = db.pool.acquire().await?;
    if db.backend == Backend::Sqlite {
        // The indexes of a million cases do not fit SQLite's usual page cache; with a larger one
        // the random inserts into them (reference codes, residents' phones) stay in memory.
        sqlx::query("PRAGMA cache_size = -524288")
            .execute(&mut *conn)
            .await?;
    }
    let staff = write::staff(&mut conn, &city, &mut rng, scale.navigators, &hash).await?;
    write::cases(&mut conn, &city, &staff, &mut rng, scale.cases).await?;
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let made = devices::devices(&mut tx, &city, &mut rng, scale.devices).await?;
    tx.commit().await?;
    drop(conn);

    // Three years of cases hold some closed longer ago than the city keeps them: they are
    // cleared now, as the hourly job would, so that a server started on this data finds
    // nothing to clear (clearing a year's residents at once would mark its stored sums as
    // changed) and its figures are those of a city that has been running.
    let cleared = match scale.retention.cutoff(city.now) {
        Some(cutoff) => {
            crate::datacare::run_retention(db, cutoff, city.now, false)
                .await?
                .residents
        }
        None => 0,
    };
    // Fresh statistics, so the planner knows the tables' new sizes.
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    // The map's and reports' sums for the past periods, as `serve` would build them at start.
    crate::maps::stats::refresh(db, crate::db::now(), true, usize::MAX).await?;
    Ok(Seeded {
        navigators: staff.navigators.len(),
        cases: scale.cases,
        areas: areas.len(),
        devices: made.devices,
        loans: made.loans,
        cleared,
        navigator_email: format!("nav0001@{DOMAIN}"),
        supervisor_email: format!("supervisor@{DOMAIN}"),
    })
}

/// What sets each area apart, drawn in the order of the areas' ids (the demo's neighborhoods
/// are stored first when there are no areas).
async fn area_profiles(db: &Db, rng: &mut StdRng) -> anyhow::Result<Vec<draw::AreaProfile>> {
    crate::demo::ensure_areas(db).await?;
    let rows = sqlx::query("SELECT id, name FROM areas ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    anyhow::ensure!(!rows.is_empty(), "no areas");
    rows.iter()
        .map(|row| {
            let name: String = row.try_get("name")?;
            Ok(draw::area_profile(rng, row.try_get("id")?, &name))
        })
        .collect()
}
