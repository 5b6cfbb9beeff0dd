//! Navigators' weekly office hours at sites, and the days sites are closed. A navigator is in
//! one place at a time, so their hours never overlap, at one site or across two: the check and
//! the write happen under one lock per navigator, on every instance.

use sqlx::Row;

use super::form::{ClosureValues, HoursValues};
use crate::db::Db;

/// One navigator's hours on one weekday at one site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hours {
    pub id: i64,
    pub site_id: i64,
    pub site_name: String,
    pub navigator_id: i64,
    pub navigator_name: String,
    /// ISO weekday: 1 Monday .. 7 Sunday.
    pub weekday: i64,
    pub start_minute: i64,
    pub end_minute: i64,
}

const HOURS_SELECT: &str = "SELECT h.id, h.site_id, s.name AS site_name, h.navigator_id, \
       u.name AS navigator_name, h.weekday, h.start_minute, h.end_minute \
     FROM office_hours h JOIN sites s ON s.id = h.site_id \
     JOIN navigators n ON n.id = h.navigator_id JOIN users u ON u.id = n.user_id";

fn hours_row(r: &sqlx::any::AnyRow) -> sqlx::Result<Hours> {
    Ok(Hours {
        id: r.try_get("id")?,
        site_id: r.try_get("site_id")?,
        site_name: r.try_get("site_name")?,
        navigator_id: r.try_get("navigator_id")?,
        navigator_name: r.try_get("navigator_name")?,
        weekday: r.try_get("weekday")?,
        start_minute: r.try_get("start_minute")?,
        end_minute: r.try_get("end_minute")?,
    })
}

/// A site's office hours, by weekday, start and navigator.
pub async fn hours_at(db: &Db, site_id: i64) -> sqlx::Result<Vec<Hours>> {
    let sql = format!(
        "{HOURS_SELECT} WHERE h.site_id = $1 \
         ORDER BY h.weekday, h.start_minute, u.name, h.id"
    );
    let rows = sqlx::query(&sql).bind(site_id).fetch_all(&db.pool).await?;
    rows.iter().map(hours_row).collect()
}

/// Every site's office hours, by site, weekday and start (what the HSDS export writes).
pub async fn all_hours(db: &Db) -> sqlx::Result<Vec<Hours>> {
    let sql = format!("{HOURS_SELECT} ORDER BY s.name, h.weekday, h.start_minute, u.name, h.id");
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await?;
    rows.iter().map(hours_row).collect()
}

/// The navigators who may keep hours: active profiles, by name (id, name).
pub async fn navigators(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT n.id, u.name FROM navigators n JOIN users u ON u.id = n.user_id \
         WHERE n.active = 1 ORDER BY u.name, n.id",
    )
    .fetch_all(&db.pool)
    .await
}

/// Hours that would overlap ones the navigator keeps already: nothing is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap(pub Hours);

/// The first of the navigator's hours (at any site) that `v` overlaps, read on `conn`.
pub(crate) async fn overlap_in(
    conn: &mut sqlx::AnyConnection,
    v: &HoursValues,
) -> sqlx::Result<Option<Hours>> {
    let sql = format!(
        "{HOURS_SELECT} WHERE h.navigator_id = $1 AND h.weekday = $2 \
           AND h.start_minute < $3 AND $4 < h.end_minute \
         ORDER BY h.start_minute, h.id LIMIT 1"
    );
    let row = sqlx::query(&sql)
        .bind(v.navigator_id)
        .bind(v.weekday)
        .bind(v.end_minute)
        .bind(v.start_minute)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(hours_row).transpose()
}

/// Takes the navigator's hours lock in the caller's write transaction, so two saves of their
/// hours (on any instance) check for overlaps one after the other.
pub(crate) async fn lock_navigator(
    conn: &mut sqlx::AnyConnection,
    navigator_id: i64,
) -> sqlx::Result<()> {
    crate::db::lock_key(conn, &format!("office_hours:{navigator_id}")).await
}

/// Adds office hours at `site_id` unless they overlap the navigator's others; returns the new
/// row's id.
pub async fn add_hours(
    db: &Db,
    site_id: i64,
    v: &HoursValues,
) -> sqlx::Result<Result<i64, Overlap>> {
    let mut tx = db.begin_write().await?;
    lock_navigator(&mut tx, v.navigator_id).await?;
    if let Some(existing) = overlap_in(&mut tx, v).await? {
        return Ok(Err(Overlap(existing)));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, end_minute) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(site_id)
    .bind(v.navigator_id)
    .bind(v.weekday)
    .bind(v.start_minute)
    .bind(v.end_minute)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    db.note_change();
    Ok(Ok(id))
}

/// Removes hours `id` from site `site_id`; false when there were none. Appointments already
/// booked in them stay booked.
pub async fn delete_hours(db: &Db, site_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM office_hours WHERE id = $1 AND site_id = $2")
        .bind(id)
        .bind(site_id)
        .execute(&db.pool)
        .await?
        .rows_affected()
        > 0;
    if done {
        db.note_change();
    }
    Ok(done)
}

/// A day a site (or every site) is closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closure {
    pub id: i64,
    /// `None`: every site.
    pub site_id: Option<i64>,
    pub site_name: Option<String>,
    /// The local date, `YYYY-MM-DD`.
    pub day: String,
    pub reason: String,
}

/// Closures from `from` (a local date, `YYYY-MM-DD`) on, by day; for one site (with the
/// closures of every site) or, `site` None, all of them.
pub async fn closures(db: &Db, site: Option<i64>, from: &str) -> sqlx::Result<Vec<Closure>> {
    let rows = sqlx::query(
        "SELECT c.id, c.site_id, s.name AS site_name, c.day, c.reason \
         FROM site_closures c LEFT JOIN sites s ON s.id = c.site_id \
         WHERE c.day >= $1 AND ($2 = 0 OR c.site_id IS NULL OR c.site_id = $2) \
         ORDER BY c.day, s.name, c.id",
    )
    .bind(from)
    .bind(site.unwrap_or(0))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Closure {
                id: r.try_get("id")?,
                site_id: r.try_get("site_id")?,
                site_name: r.try_get("site_name")?,
                day: r.try_get("day")?,
                reason: r.try_get("reason")?,
            })
        })
        .collect()
}

/// Adds a closure; `false` when that site (or every site) is closed that day already.
pub async fn add_closure(db: &Db, v: &ClosureValues) -> sqlx::Result<bool> {
    let added = sqlx::query("INSERT INTO site_closures (site_id, day, reason) VALUES ($1, $2, $3)")
        .bind(v.site_id)
        .bind(v.day.to_string())
        .bind(&v.reason)
        .execute(&db.pool)
        .await;
    match added {
        Ok(_) => {
            db.note_change();
            Ok(true)
        }
        Err(err) if crate::db::is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Removes closure `id`; false when there was none.
pub async fn delete_closure(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM site_closures WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?
        .rows_affected()
        > 0;
    if done {
        db.note_change();
    }
    Ok(done)
}
