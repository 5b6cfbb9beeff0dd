//! Sites in the database: the list, one site, the writes, and the sites other features offer
//! (a contact's place, a program's site). Office hours and closures are in `schedule`.

use sqlx::Row;

use super::form::{SiteForm, SiteValues};
use crate::db::Db;

/// A site a navigator may meet a resident at, or a program may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub id: i64,
    pub name: String,
}

fn site(r: &sqlx::any::AnyRow) -> Result<Site, sqlx::Error> {
    Ok(Site {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
    })
}

/// The sites open for contacts and appointments, by name.
pub async fn active_sites(db: &Db) -> Result<Vec<Site>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name FROM sites WHERE active = 1 ORDER BY name, id")
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(site).collect()
}

/// Every site, open or not, by name: what a program or a closure may name.
pub async fn all_sites(db: &Db) -> Result<Vec<Site>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name FROM sites ORDER BY name, id")
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(site).collect()
}

/// The site `id`, if it exists and is open for contacts.
pub async fn active_site(db: &Db, id: i64) -> Result<Option<Site>, sqlx::Error> {
    let row = sqlx::query("SELECT id, name FROM sites WHERE id = $1 AND active = 1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(site).transpose()
}

/// One line of the list.
#[derive(Clone, Debug)]
pub struct SiteLine {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub area: Option<String>,
    /// Language codes, comma-separated as stored.
    pub languages: String,
    pub slot_minutes: i64,
    pub active: bool,
    /// How many weekly office hours navigators keep there.
    pub hours: i64,
}

/// Every site by name (a city has tens, not thousands).
pub async fn list(db: &Db) -> sqlx::Result<Vec<SiteLine>> {
    let rows = sqlx::query(
        "SELECT s.id, s.name, s.address, a.name AS area, s.languages, s.slot_minutes, s.active, \
                (SELECT COUNT(*) FROM office_hours h WHERE h.site_id = s.id) AS hours \
         FROM sites s LEFT JOIN areas a ON a.id = s.area_id ORDER BY s.name, s.id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SiteLine {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                address: r.try_get("address")?,
                area: r.try_get("area")?,
                languages: r.try_get("languages")?,
                slot_minutes: r.try_get("slot_minutes")?,
                active: r.try_get::<i64, _>("active")? != 0,
                hours: r.try_get("hours")?,
            })
        })
        .collect()
}

/// One site as its form shows it.
#[derive(Clone, Debug)]
pub struct SiteDetail {
    pub id: i64,
    pub version: i64,
    pub form: SiteForm,
}

fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `f64`'s text is the shortest that reads back as the same number, so saving the form again
/// stores exactly what was there.
fn degrees_text(n: Option<f64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

pub async fn detail(db: &Db, id: i64) -> sqlx::Result<Option<SiteDetail>> {
    let Some(r) = sqlx::query(
        "SELECT id, version, name, address, lat, lon, area_id, accessibility, languages, \
                slot_minutes, active \
         FROM sites WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(SiteDetail {
        id: r.try_get("id")?,
        version: r.try_get("version")?,
        form: SiteForm {
            name: r.try_get("name")?,
            address: r.try_get("address")?,
            lat: degrees_text(r.try_get("lat")?),
            lon: degrees_text(r.try_get("lon")?),
            area: r
                .try_get::<Option<i64>, _>("area_id")?
                .map(|a| a.to_string())
                .unwrap_or_default(),
            accessibility: r.try_get("accessibility")?,
            languages: split(&r.try_get::<String, _>("languages")?),
            slot_minutes: r.try_get::<i64, _>("slot_minutes")?.to_string(),
            active: r.try_get::<i64, _>("active")? != 0,
        },
    }))
}

/// Why a save was refused: `Duplicate` when another site has this name.
pub use crate::db::SaveError;

/// The area a site lies in: the one chosen, else the one its point falls in (as a case's
/// address is placed), else none.
pub async fn area_for(db: &Db, v: &SiteValues) -> sqlx::Result<Option<i64>> {
    if v.area_id.is_some() {
        return Ok(v.area_id);
    }
    let Some((lat, lon)) = v.point else {
        return Ok(None);
    };
    Ok(crate::areas::AreaIndex::load(db).await?.locate(lat, lon))
}

/// Writes a new site (`existing` None) or saves one still at `version`; returns its id.
pub async fn save(
    db: &Db,
    existing: Option<(i64, i64)>,
    v: &SiteValues,
    now: i64,
) -> Result<i64, SaveError> {
    let area = area_for(db, v).await?;
    let mut conn = db.pool.acquire().await?;
    let id = write_in(&mut conn, existing, v, area, now).await?;
    db.note_change();
    Ok(id)
}

/// Inserts a site (`existing` None) or updates one still at its version, on the caller's
/// connection or transaction, with `area` already resolved; returns its id.
pub(crate) async fn write_in(
    conn: &mut sqlx::AnyConnection,
    existing: Option<(i64, i64)>,
    v: &SiteValues,
    area: Option<i64>,
    now: i64,
) -> Result<i64, SaveError> {
    let sql = match existing {
        None => {
            "INSERT INTO sites (name, address, lat, lon, area_id, accessibility, languages, \
               slot_minutes, active, created_at, updated_at) \
             VALUES ($1, $2, CASE WHEN $11 = 1 THEN CAST($3 AS DOUBLE PRECISION) END, \
               CASE WHEN $11 = 1 THEN CAST($4 AS DOUBLE PRECISION) END, $5, $6, $7, $8, $9, \
               $10, $10) RETURNING id"
        }
        Some(_) => {
            "UPDATE sites SET name = $1, address = $2, \
               lat = CASE WHEN $11 = 1 THEN CAST($3 AS DOUBLE PRECISION) END, \
               lon = CASE WHEN $11 = 1 THEN CAST($4 AS DOUBLE PRECISION) END, area_id = $5, \
               accessibility = $6, languages = $7, slot_minutes = $8, active = $9, \
               updated_at = $10, version = version + 1 \
             WHERE id = $12 AND version = $13 RETURNING id"
        }
    };
    // Through `Any`, PostgreSQL gets a missing coordinate as a `real` parameter and a present
    // one as `double precision`, and a statement prepared for one refuses the other: the
    // coordinates are always numbers, and `$11` says whether there is a point.
    let (lat, lon) = v.point.unwrap_or_default();
    let mut query = sqlx::query_scalar(sql)
        .bind(&v.name)
        .bind(&v.address)
        .bind(lat)
        .bind(lon)
        .bind(area)
        .bind(&v.accessibility)
        .bind(v.languages_text())
        .bind(v.slot_minutes)
        .bind(i64::from(v.active))
        .bind(now)
        .bind(i64::from(v.point.is_some()));
    if let Some((id, version)) = existing {
        query = query.bind(id).bind(version);
    }
    query
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SaveError::Stale)
}

/// What became of a request to delete a site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deleted {
    Yes,
    NotFound,
    /// Residents are booked there from now on (this many): they would lose their place.
    Booked(i64),
    /// Past appointments, contacts, walk-ins or programs name it: the history would lose it.
    InUse,
}

/// Deletes a site that nothing names, with its office hours and closures; a site with
/// bookings to come, or a history, stays (marking it inactive is the way to retire it).
pub async fn delete(db: &Db, id: i64, now: i64) -> sqlx::Result<Deleted> {
    let mut tx = db.begin_write().await?;
    // On PostgreSQL the row lock makes a booking made meanwhile wait, then find no site; on
    // SQLite the write transaction already keeps every other writer out.
    let lock = match db.backend {
        crate::db::Backend::Postgres => "SELECT id FROM sites WHERE id = $1 FOR UPDATE",
        crate::db::Backend::Sqlite => "SELECT id FROM sites WHERE id = $1",
    };
    let found: Option<i64> = sqlx::query_scalar(lock)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if found.is_none() {
        return Ok(Deleted::NotFound);
    }
    let booked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE site_id = $1 AND ends_at > $2 \
         AND status IN ('booked', 'confirmed')",
    )
    .bind(id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if booked > 0 {
        return Ok(Deleted::Booked(booked));
    }
    let named: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM appointments WHERE site_id = $1) \
              + (SELECT COUNT(*) FROM contacts WHERE site_id = $1) \
              + (SELECT COUNT(*) FROM walk_ins WHERE site_id = $1) \
              + (SELECT COUNT(*) FROM programs WHERE site_id = $1)",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if named > 0 {
        return Ok(Deleted::InUse);
    }
    for sql in [
        "DELETE FROM office_hours WHERE site_id = $1",
        "DELETE FROM site_closures WHERE site_id = $1",
        "DELETE FROM sites WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    db.note_change();
    Ok(Deleted::Yes)
}
