//! Writing the drawn data: staff first, then cases oldest first with their residents, timelines
//! and outcomes, in multi-row INSERTs of `BATCH` rows.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::Rng;
use sqlx::{AnyConnection, Row};

use super::draw::{self, AreaProfile, Plan, FIRST, LANGS, LAST};
use super::{BATCH, CASES_PER_COMMIT, DOMAIN, SPAN_SECS};
use crate::db::Backend;
use crate::domain::RefCode;

/// A value for a batch insert.
pub(super) enum V {
    I(Option<i64>),
    T(Option<String>),
}

pub(super) fn text(s: &str) -> V {
    V::T(Some(s.to_owned()))
}

const USER_COLUMNS: &[&str] = &[
    "email",
    "name",
    "password_hash",
    "role",
    "language",
    "created_at",
];
const NAVIGATOR_COLUMNS: &[&str] = &["user_id", "languages", "skills", "capacity"];
const RESIDENT_COLUMNS: &[&str] = &[
    "name",
    "phone",
    "language",
    "contact_method",
    "area_id",
    "household_size",
    "monthly_income",
    "benefits",
    "age_band",
    "race_ethnicity",
    "veteran",
    "disability",
    "created_at",
];
const CASE_COLUMNS: &[&str] = &[
    "ref_code",
    "resident_id",
    "needs",
    "status",
    "close_reason",
    "navigator_id",
    "channel",
    "language",
    "area_id",
    "created_at",
    "updated_at",
    "first_contact_at",
    "resolved_at",
    "closed_at",
    "placed_at",
];
const EVENT_COLUMNS: &[&str] = &[
    "case_id",
    "kind",
    "actor_user_id",
    "body",
    "data",
    "created_at",
];
const OUTCOME_COLUMNS: &[&str] = &[
    "case_id",
    "connected_at_home",
    "plan",
    "monthly_cost_cents",
    "device_type",
    "training_sessions",
    "skill_at_intake",
    "skill_at_close",
    "connected_30_days",
    "connected_90_days",
    "updated_at",
];

/// Inserts `rows` into `cols` of `table`; with `returning`, the new rows' ids in order.
pub(super) async fn insert_batch(
    tx: &mut AnyConnection,
    backend: Backend,
    table: &str,
    cols: &[&str],
    rows: &[Vec<V>],
    returning: bool,
) -> Result<Vec<i64>, sqlx::Error> {
    let tail = if returning { " RETURNING id" } else { "" };
    let sql = crate::db::multi_insert(backend, table, cols, rows.len(), tail);
    let mut q = sqlx::query(&sql).persistent(false);
    for row in rows {
        for v in row {
            q = match v {
                V::I(i) => q.bind(*i),
                V::T(t) => q.bind(t.clone()),
            };
        }
    }
    if returning {
        let out = q.fetch_all(&mut *tx).await?;
        out.iter().map(|r| r.try_get::<i64, _>("id")).collect()
    } else {
        q.execute(&mut *tx).await?;
        Ok(Vec::new())
    }
}

/// What the city's cases are drawn against.
pub(super) struct City<'a> {
    pub(super) backend: Backend,
    pub(super) now: i64,
    pub(super) areas: &'a [AreaProfile],
}

/// The staff made: every navigator, and who covers each area (by index in `City::areas`).
pub(super) struct Staff {
    pub(super) navigators: Vec<i64>,
    pub(super) by_area: Vec<Vec<i64>>,
}

/// The supervisor and `count` navigators, in one transaction. Each navigator covers two or three
/// neighboring areas; a case goes to one who covers its area (or anyone, when there are fewer
/// navigators than areas).
pub(super) async fn staff(
    conn: &mut AnyConnection,
    city: &City<'_>,
    rng: &mut StdRng,
    count: usize,
    hash: &str,
) -> anyhow::Result<Staff> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO users (email, name, password_hash, role, language, created_at) \
         VALUES ($1, 'Load Supervisor', $2, 'supervisor', 'en', $3)",
    )
    .bind(format!("supervisor@{DOMAIN}"))
    .bind(hash)
    .bind(city.now)
    .execute(&mut *tx)
    .await?;
    let mut navigators = Vec::with_capacity(count);
    for chunk_start in (0..count).step_by(BATCH) {
        let rows: Vec<Vec<V>> = (chunk_start..(chunk_start + BATCH).min(count))
            .map(|i| {
                vec![
                    V::T(Some(format!("nav{:04}@{DOMAIN}", i + 1))),
                    V::T(Some(format!(
                        "{} {} {}",
                        FIRST[i % FIRST.len()],
                        LAST[(i / FIRST.len()) % LAST.len()],
                        i + 1
                    ))),
                    text(hash),
                    text("navigator"),
                    text("en"),
                    V::I(Some(city.now)),
                ]
            })
            .collect();
        let users = insert_batch(&mut tx, city.backend, "users", USER_COLUMNS, &rows, true).await?;
        let rows: Vec<Vec<V>> = users
            .iter()
            .map(|&user_id| {
                let second = LANGS[rng.random_range(1..LANGS.len())];
                vec![
                    V::I(Some(user_id)),
                    V::T(Some(format!("en,{second}"))),
                    text("internet,device,tech_support"),
                    V::I(Some(40)),
                ]
            })
            .collect();
        let ids = insert_batch(
            &mut tx,
            city.backend,
            "navigators",
            NAVIGATOR_COLUMNS,
            &rows,
            true,
        )
        .await?;
        navigators.extend(ids);
    }
    let by_area = cover_areas(&mut tx, city.areas, &navigators).await?;
    tx.commit().await?;
    Ok(Staff {
        navigators,
        by_area,
    })
}

/// Gives each navigator two or three neighboring areas; returns who covers each area (everyone,
/// for an area no one was given).
async fn cover_areas(
    tx: &mut AnyConnection,
    areas: &[AreaProfile],
    navigators: &[i64],
) -> sqlx::Result<Vec<Vec<i64>>> {
    let mut by_area: Vec<Vec<i64>> = vec![Vec::new(); areas.len()];
    for (i, &nav) in navigators.iter().enumerate() {
        let first = i % areas.len();
        let count = 2 + i % 2;
        for k in 0..count.min(areas.len()) {
            let area = (first + k) % areas.len();
            by_area[area].push(nav);
            sqlx::query("INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)")
                .bind(nav)
                .bind(areas[area].id)
                .execute(&mut *tx)
                .await?;
        }
    }
    for local in &mut by_area {
        if local.is_empty() {
            local.extend_from_slice(navigators);
        }
    }
    Ok(by_area)
}

/// `count` cases spread evenly over the last `SPAN_SECS`, oldest first (so ids follow creation as
/// they do in real use, and the indexes on creation time only ever grow at their end), committed
/// every `CASES_PER_COMMIT`.
pub(super) async fn cases(
    conn: &mut AnyConnection,
    city: &City<'_>,
    staff: &Staff,
    rng: &mut StdRng,
    count: usize,
) -> anyhow::Result<()> {
    let area_weights: Vec<f64> = city.areas.iter().map(|a| a.demand).collect();
    let start = city.now - SPAN_SECS;
    let mut ref_codes = HashSet::with_capacity(count);
    let step = SPAN_SECS as f64 / count.max(1) as f64;
    for commit_start in (0..count).step_by(CASES_PER_COMMIT) {
        let commit_end = (commit_start + CASES_PER_COMMIT).min(count);
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        for chunk_start in (commit_start..commit_end).step_by(BATCH) {
            let plans: Vec<Plan> = (chunk_start..(chunk_start + BATCH).min(commit_end))
                .map(|k| {
                    let created = start + ((k as f64 + rng.random::<f64>()) * step) as i64;
                    draw::plan_case(
                        rng,
                        created,
                        city.now,
                        city.areas,
                        &area_weights,
                        &staff.by_area,
                    )
                })
                .collect();
            write_batch(&mut tx, city, rng, chunk_start, &plans, &mut ref_codes).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// One batch of planned cases (the first is case number `first`): their residents, the cases,
/// their timelines and outcomes.
async fn write_batch(
    tx: &mut AnyConnection,
    city: &City<'_>,
    rng: &mut StdRng,
    first: usize,
    plans: &[Plan],
    ref_codes: &mut HashSet<String>,
) -> anyhow::Result<()> {
    let residents: Vec<Vec<V>> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| draw::resident(rng, first + i, p, &city.areas[p.area]))
        .collect();
    let resident_ids = insert_batch(
        tx,
        city.backend,
        "residents",
        RESIDENT_COLUMNS,
        &residents,
        true,
    )
    .await?;
    let cases: Vec<Vec<V>> = plans
        .iter()
        .zip(&resident_ids)
        .map(|(p, &resident)| case_row(p, resident, city, unique_ref_code(rng, ref_codes)))
        .collect();
    let case_ids = insert_batch(tx, city.backend, "cases", CASE_COLUMNS, &cases, true).await?;
    let events: Vec<Vec<V>> = plans
        .iter()
        .zip(&case_ids)
        .flat_map(|(p, &case)| timeline(p, case))
        .collect();
    let outcomes: Vec<Vec<V>> = plans
        .iter()
        .zip(&case_ids)
        .filter_map(|(p, &case)| draw::outcome(rng, case, p, city.now))
        .collect();
    for rows in events.chunks(BATCH) {
        insert_batch(tx, city.backend, "case_events", EVENT_COLUMNS, rows, false).await?;
    }
    for rows in outcomes.chunks(BATCH) {
        insert_batch(tx, city.backend, "outcomes", OUTCOME_COLUMNS, rows, false).await?;
    }
    Ok(())
}

/// A reference code not given out before in this run. Among a million random codes of eight
/// characters two are likely to be the same; the database would refuse the second.
fn unique_ref_code(rng: &mut StdRng, issued: &mut HashSet<String>) -> String {
    loop {
        let code = RefCode::generate_with(rng).as_str().to_owned();
        if issued.insert(code.clone()) {
            return code;
        }
    }
}

fn case_row(p: &Plan, resident: i64, city: &City<'_>, ref_code: String) -> Vec<V> {
    let updated = p.closed.or(p.resolved).or(p.first_contact);
    vec![
        V::T(Some(ref_code)),
        V::I(Some(resident)),
        text(p.needs),
        text(p.status),
        V::T(p.close_reason.map(str::to_owned)),
        V::I(p.navigator),
        text("web"),
        text(p.lang),
        V::I(Some(city.areas[p.area].id)),
        V::I(Some(p.created)),
        V::I(Some(updated.unwrap_or(p.created))),
        V::I(p.first_contact),
        V::I(p.resolved),
        V::I(p.closed),
        // Seeded cases carry their area already: nothing for the placement worker.
        V::I(Some(p.created)),
    ]
}

/// The case's timeline: created, assigned (when it has a navigator), first contact (when
/// there was one).
fn timeline(p: &Plan, case: i64) -> Vec<Vec<V>> {
    let event = |kind: &str, body: &str, data: String, at: i64| {
        vec![
            V::I(Some(case)),
            text(kind),
            V::I(None),
            text(body),
            V::T(Some(data)),
            V::I(Some(at)),
        ]
    };
    let mut events = vec![event(
        "created",
        "",
        "{\"channel\":\"web\"}".into(),
        p.created,
    )];
    if let Some(nav) = p.navigator {
        events.push(event(
            "assignment",
            "",
            format!("{{\"navigator_id\":{nav}}}"),
            p.created + 600,
        ));
    }
    if let Some(at) = p.first_contact {
        events.push(event(
            "contact",
            "Called and talked it through.",
            "{\"channel\":\"phone\"}".into(),
            at,
        ));
    }
    events
}
