//! A site's day in the database: the site, its appointments and walk-ins between two
//! instants, and the marks staff put on them (arrived, seen). Attended and no-show go
//! through `appointments::store::set_status`, which writes the case's timeline.

use sqlx::Row;

use crate::db::Db;
use crate::domain::{Channel, RefCode};
use crate::intake::form::NewRequest;

/// The site a day page is about.
#[derive(Clone, Debug)]
pub struct Site {
    pub id: i64,
    pub name: String,
    /// Language codes on offer, in the order the site lists them.
    pub languages: Vec<crate::i18n::Lang>,
    pub area_id: Option<i64>,
}

pub async fn site(db: &Db, id: i64) -> sqlx::Result<Option<Site>> {
    let row = sqlx::query("SELECT id, name, languages, area_id FROM sites WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| {
        Ok(Site {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            languages: crate::domain::split_codes(&r.try_get::<String, _>("languages")?, |c| {
                crate::i18n::Lang::parse(c)
            }),
            area_id: r.try_get("area_id")?,
        })
    })
    .transpose()
}

/// One appointment of the day.
#[derive(Clone, Debug)]
pub struct Booked {
    pub id: i64,
    pub case_id: i64,
    pub starts_at: i64,
    pub status: String,
    pub arrived_at: Option<i64>,
    pub ref_code: String,
    pub language: String,
    pub navigator: String,
}

/// The site's appointments starting in `[from, to)`, cancelled ones left out, by time.
pub async fn booked(db: &Db, site_id: i64, from: i64, to: i64) -> sqlx::Result<Vec<Booked>> {
    let rows = sqlx::query(
        "SELECT a.id, a.case_id, a.starts_at, a.status, a.arrived_at, c.ref_code, c.language, \
                u.name AS navigator \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
           JOIN navigators n ON n.id = a.navigator_id JOIN users u ON u.id = n.user_id \
         WHERE a.site_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 \
           AND a.status <> 'cancelled' \
         ORDER BY a.starts_at, u.name, a.id",
    )
    .bind(site_id)
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Booked {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                starts_at: r.try_get("starts_at")?,
                status: r.try_get("status")?,
                arrived_at: r.try_get("arrived_at")?,
                ref_code: r.try_get("ref_code")?,
                language: r.try_get("language")?,
                navigator: r.try_get("navigator")?,
            })
        })
        .collect()
}

/// One resident who came without an appointment.
#[derive(Clone, Debug)]
pub struct WalkIn {
    pub id: i64,
    pub case_id: i64,
    pub arrived_at: i64,
    pub seen_at: Option<i64>,
    pub seen_by: Option<String>,
    pub name: String,
    pub needs: String,
    pub ref_code: String,
}

/// The site's walk-ins arrived in `[from, to)`, first come first.
pub async fn walk_ins(db: &Db, site_id: i64, from: i64, to: i64) -> sqlx::Result<Vec<WalkIn>> {
    let rows = sqlx::query(
        "SELECT w.id, w.case_id, w.arrived_at, w.seen_at, u.name AS seen_by, r.name, c.needs, \
                c.ref_code \
         FROM walk_ins w JOIN cases c ON c.id = w.case_id \
           JOIN residents r ON r.id = c.resident_id \
           LEFT JOIN users u ON u.id = w.seen_by_user_id \
         WHERE w.site_id = $1 AND w.arrived_at >= $2 AND w.arrived_at < $3 \
         ORDER BY w.arrived_at, w.id",
    )
    .bind(site_id)
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(WalkIn {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                arrived_at: r.try_get("arrived_at")?,
                seen_at: r.try_get("seen_at")?,
                seen_by: r.try_get("seen_by")?,
                name: r.try_get("name")?,
                needs: r.try_get("needs")?,
                ref_code: r.try_get("ref_code")?,
            })
        })
        .collect()
}

/// Stores a walk-in in one transaction: their request as staff record one (resident and
/// case, channel walk-in, given to `assign_to` when a navigator adds them) and their arrival
/// at the site. Returns the case's id and code.
pub async fn add_walk_in(
    db: &Db,
    site_id: i64,
    request: &NewRequest,
    user_id: i64,
    assign_to: Option<i64>,
    now: i64,
) -> sqlx::Result<(i64, RefCode)> {
    let mut tx = db.pool.begin().await?;
    let (case_id, code) = crate::cases::store::record_staff_request_in(
        &mut tx,
        request,
        Channel::WalkIn,
        None,
        user_id,
        assign_to,
        now,
    )
    .await?;
    sqlx::query("INSERT INTO walk_ins (site_id, case_id, arrived_at) VALUES ($1, $2, $3)")
        .bind(site_id)
        .bind(case_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((case_id, code))
}

/// Marks a walk-in seen by `user_id`; false when it is not this site's or was seen already.
pub async fn mark_seen(
    db: &Db,
    site_id: i64,
    walk_in: i64,
    user_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE walk_ins SET seen_at = $1, seen_by_user_id = $2 \
         WHERE id = $3 AND site_id = $4 AND seen_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(walk_in)
    .bind(site_id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Notes that the resident of an appointment at this site has arrived; false when it is not
/// this site's, not expected (cancelled or marked already) or noted before.
pub async fn mark_arrived(db: &Db, site_id: i64, appointment: i64, now: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE appointments SET arrived_at = $1, updated_at = $1 \
         WHERE id = $2 AND site_id = $3 AND arrived_at IS NULL \
           AND status IN ('booked', 'confirmed')",
    )
    .bind(now)
    .bind(appointment)
    .bind(site_id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
