//! Data at city scale for load tests (`navdesk seed-load`): many navigators with their areas,
//! and many past and open cases spread over two years, written in large batches. Every staff
//! account it makes shares one password and an address under `load.navdesk.example`, so the
//! data is easy to recognize and never mistaken for real residents.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::Row;

use crate::db::Db;
use crate::domain::{DeviceType, RefCode};

/// The e-mail domain of every account this module makes.
pub const DOMAIN: &str = "load.navdesk.example";

/// Rows per INSERT: well under both backends' limits on bound parameters.
const BATCH: usize = 500;

#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub cases: usize,
    pub navigators: usize,
    /// Random seed, so two runs make the same data.
    pub seed: u64,
}

/// What was made, for the operator.
#[derive(Debug)]
pub struct Seeded {
    pub navigators: usize,
    pub cases: usize,
    pub areas: usize,
    /// A navigator's and the supervisor's sign-in address.
    pub navigator_email: String,
    pub supervisor_email: String,
}

const LANGS: &[&str] = &["en", "es", "ar", "am", "ln", "vi"];
const NEEDS: &[&str] = &[
    "internet",
    "device",
    "tech_support",
    "internet,device",
    "device,tech_support",
];
const FIRST: &[&str] = &[
    "Ana", "Tomás", "Rosa", "Mehret", "Linh", "Omar", "Grace", "Jean", "Fatima", "Luis",
];
const LAST: &[&str] = &[
    "Díaz", "Vega", "Bekele", "Nguyen", "Haddad", "Mbala", "Johnson", "Lopez", "Tran", "Kim",
];

/// `INSERT INTO table (cols) VALUES (...), (...)` for `rows` rows, numbered from `$1`.
fn multi_insert(table: &str, cols: &[&str], rows: usize, returning: bool) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            sql.push_str(&format!("${n}"));
        }
        sql.push(')');
    }
    if returning {
        sql.push_str(" RETURNING id");
    }
    sql
}

/// A value for a batch insert.
enum V {
    I(Option<i64>),
    T(Option<String>),
}

async fn insert_batch(
    tx: &mut sqlx::AnyConnection,
    table: &str,
    cols: &[&str],
    rows: &[Vec<V>],
    returning: bool,
) -> Result<Vec<i64>, sqlx::Error> {
    let sql = multi_insert(table, cols, rows.len(), returning);
    let mut q = sqlx::query(&sql);
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

/// Makes `scale.navigators` navigators (plus one supervisor) and `scale.cases` cases with
/// their residents and timelines. Uses the areas already in the database, or the demo's
/// neighborhoods when there are none. Refuses to run twice on one database.
pub async fn seed(db: &Db, scale: Scale, password: &str) -> anyhow::Result<Seeded> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email LIKE $1")
        .bind(format!("%@{DOMAIN}"))
        .fetch_one(&db.pool)
        .await?;
    anyhow::ensure!(existing == 0, "this database already has load-test data");
    let hash = crate::auth::password::hash_password_blocking(password.to_owned()).await?;
    let now = crate::db::now();
    let mut rng = StdRng::seed_from_u64(scale.seed);

    crate::demo::ensure_areas(db).await?;
    let areas: Vec<i64> = sqlx::query_scalar("SELECT id FROM areas ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    anyhow::ensure!(!areas.is_empty(), "no areas");

    let mut conn = db.pool.acquire().await?;
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let supervisor_email = format!("supervisor@{DOMAIN}");
    sqlx::query(
        "INSERT INTO users (email, name, password_hash, role, language, created_at) \
         VALUES ($1, 'Load Supervisor', $2, 'supervisor', 'en', $3)",
    )
    .bind(&supervisor_email)
    .bind(&hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut navigator_ids = Vec::with_capacity(scale.navigators);
    for chunk_start in (0..scale.navigators).step_by(BATCH) {
        let rows: Vec<Vec<V>> = (chunk_start..(chunk_start + BATCH).min(scale.navigators))
            .map(|i| {
                vec![
                    V::T(Some(format!("nav{:04}@{DOMAIN}", i + 1))),
                    V::T(Some(format!(
                        "{} {} {}",
                        FIRST[i % FIRST.len()],
                        LAST[(i / FIRST.len()) % LAST.len()],
                        i + 1
                    ))),
                    V::T(Some(hash.clone())),
                    V::T(Some("navigator".into())),
                    V::T(Some("en".into())),
                    V::I(Some(now)),
                ]
            })
            .collect();
        let users = insert_batch(
            &mut tx,
            "users",
            &[
                "email",
                "name",
                "password_hash",
                "role",
                "language",
                "created_at",
            ],
            &rows,
            true,
        )
        .await?;
        let rows: Vec<Vec<V>> = users
            .iter()
            .map(|&user_id| {
                let second = LANGS[rng.random_range(1..LANGS.len())];
                vec![
                    V::I(Some(user_id)),
                    V::T(Some(format!("en,{second}"))),
                    V::T(Some("internet,device,tech_support".into())),
                    V::I(Some(40)),
                ]
            })
            .collect();
        navigator_ids.extend(
            insert_batch(
                &mut tx,
                "navigators",
                &["user_id", "languages", "skills", "capacity"],
                &rows,
                true,
            )
            .await?,
        );
    }
    for (i, &nav) in navigator_ids.iter().enumerate() {
        // Each covers two or three neighboring areas.
        let first = i % areas.len();
        let count = 2 + i % 2;
        for k in 0..count.min(areas.len()) {
            sqlx::query("INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)")
                .bind(nav)
                .bind(areas[(first + k) % areas.len()])
                .execute(&mut *tx)
                .await?;
        }
    }

    let two_years = 2 * 365 * 86_400;
    for chunk_start in (0..scale.cases).step_by(BATCH) {
        let n = (chunk_start + BATCH).min(scale.cases) - chunk_start;
        struct Plan {
            created: i64,
            lang: &'static str,
            area: i64,
            status: &'static str,
            navigator: Option<i64>,
            first_contact: Option<i64>,
            needs: &'static str,
        }
        let plans: Vec<Plan> = (0..n)
            .map(|_| {
                // Requests arrive evenly over two years. Older cases are closed but for a few
                // that linger; the last month's are mostly open.
                let age = rng.random_range(0..two_years);
                let created = now - age;
                let recent = age < 30 * 86_400;
                let roll: f64 = rng.random();
                let status = if recent {
                    match roll {
                        r if r < 0.25 => "new",
                        r if r < 0.45 => "assigned",
                        r if r < 0.75 => "in_progress",
                        r if r < 0.85 => "waiting_on_resident",
                        r if r < 0.95 => "referred",
                        _ => "resolved",
                    }
                } else if roll < 0.97 {
                    "closed"
                } else if roll < 0.99 {
                    "resolved"
                } else {
                    "in_progress"
                };
                let navigator = (status != "new")
                    .then(|| navigator_ids[rng.random_range(0..navigator_ids.len())]);
                let first_contact = (navigator.is_some()
                    && (status != "assigned" || rng.random_bool(0.3)))
                .then(|| created + rng.random_range(3_600..6 * 86_400));
                Plan {
                    created,
                    lang: LANGS[if rng.random_bool(0.55) {
                        0
                    } else {
                        rng.random_range(0..LANGS.len())
                    }],
                    area: areas[rng.random_range(0..areas.len())],
                    status,
                    navigator,
                    first_contact,
                    needs: NEEDS[rng.random_range(0..NEEDS.len())],
                }
            })
            .collect();
        let residents: Vec<Vec<V>> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let k = chunk_start + i;
                vec![
                    V::T(Some(format!(
                        "{} {}",
                        FIRST[k % FIRST.len()],
                        LAST[(k / 7) % LAST.len()]
                    ))),
                    V::T(Some(format!("+1720555{:04}", k % 10_000))),
                    V::T(Some(p.lang.into())),
                    V::T(Some("sms".into())),
                    V::I(Some(p.area)),
                    V::I(Some(rng.random_range(1..7))),
                    V::I(Some(rng.random_range(0..6_000))),
                    V::I(Some(p.created)),
                ]
            })
            .collect();
        let resident_ids = insert_batch(
            &mut tx,
            "residents",
            &[
                "name",
                "phone",
                "language",
                "contact_method",
                "area_id",
                "household_size",
                "monthly_income",
                "created_at",
            ],
            &residents,
            true,
        )
        .await?;
        let cases: Vec<Vec<V>> = plans
            .iter()
            .zip(&resident_ids)
            .map(|(p, &resident)| {
                let closed = matches!(p.status, "closed").then_some(p.created + 20 * 86_400);
                let resolved =
                    matches!(p.status, "closed" | "resolved").then_some(p.created + 15 * 86_400);
                vec![
                    V::T(Some(RefCode::generate().as_str().to_owned())),
                    V::I(Some(resident)),
                    V::T(Some(p.needs.into())),
                    V::T(Some(p.status.into())),
                    V::T(closed.map(|_| "helped".to_owned())),
                    V::I(p.navigator),
                    V::T(Some("web".into())),
                    V::T(Some(p.lang.into())),
                    V::I(Some(p.area)),
                    V::I(Some(p.created)),
                    V::I(Some(p.created)),
                    V::I(p.first_contact),
                    V::I(resolved),
                    V::I(closed),
                    // Seeded cases carry their area already: nothing for the placement worker.
                    V::I(Some(p.created)),
                ]
            })
            .collect();
        let case_ids = insert_batch(
            &mut tx,
            "cases",
            &[
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
            ],
            &cases,
            true,
        )
        .await?;
        let mut events: Vec<Vec<V>> = Vec::with_capacity(n * 3);
        let mut outcomes: Vec<Vec<V>> = Vec::new();
        for (p, &case) in plans.iter().zip(&case_ids) {
            events.push(vec![
                V::I(Some(case)),
                V::T(Some("created".into())),
                V::I(None),
                V::T(Some(String::new())),
                V::T(Some("{\"channel\":\"web\"}".into())),
                V::I(Some(p.created)),
            ]);
            if let Some(nav) = p.navigator {
                events.push(vec![
                    V::I(Some(case)),
                    V::T(Some("assignment".into())),
                    V::I(None),
                    V::T(Some(String::new())),
                    V::T(Some(format!("{{\"navigator_id\":{nav}}}"))),
                    V::I(Some(p.created + 600)),
                ]);
            }
            if let Some(at) = p.first_contact {
                events.push(vec![
                    V::I(Some(case)),
                    V::T(Some("contact".into())),
                    V::I(None),
                    V::T(Some("Called and talked it through.".into())),
                    V::T(Some("{\"channel\":\"phone\"}".into())),
                    V::I(Some(at)),
                ]);
            }
            if p.status == "closed" {
                let device = DeviceType::ALL[rng.random_range(0..DeviceType::ALL.len())];
                outcomes.push(vec![
                    V::I(Some(case)),
                    V::I(Some(i64::from(rng.random_bool(0.7)))),
                    V::T(Some(device.code().into())),
                    V::I(Some(rng.random_range(0..6))),
                    V::I(Some(rng.random_range(1..4))),
                    V::I(Some(rng.random_range(2..6))),
                    V::I(Some(p.created + 20 * 86_400)),
                ]);
            }
        }
        for rows in events.chunks(BATCH) {
            insert_batch(
                &mut tx,
                "case_events",
                &[
                    "case_id",
                    "kind",
                    "actor_user_id",
                    "body",
                    "data",
                    "created_at",
                ],
                rows,
                false,
            )
            .await?;
        }
        for rows in outcomes.chunks(BATCH) {
            insert_batch(
                &mut tx,
                "outcomes",
                &[
                    "case_id",
                    "connected_at_home",
                    "device_type",
                    "training_sessions",
                    "skill_at_intake",
                    "skill_at_close",
                    "updated_at",
                ],
                rows,
                false,
            )
            .await?;
        }
    }
    tx.commit().await?;
    // Fresh statistics, so the planner knows the tables' new sizes.
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    Ok(Seeded {
        navigators: navigator_ids.len(),
        cases: scale.cases,
        areas: areas.len(),
        navigator_email: format!("nav0001@{DOMAIN}"),
        supervisor_email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_inserts_number_every_value() {
        assert_eq!(
            multi_insert("t", &["a", "b"], 2, true),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id"
        );
    }
}
