//! Devices in the database: the list with its filters, one device with its history, and the
//! writes by hand (add, edit, change of status), each in one transaction with its
//! `device_events` row. Lending writes its own rows (see `record_event_in`).

use sqlx::any::AnyRow;
use sqlx::Row;

use super::form::DeviceValues;
use super::model::{Condition, Kind, Status};
use crate::db::{Db, Page};

/// Devices on one page of the list.
pub const PAGE_SIZE: i64 = 50;

/// One line of the history to write. `detail` never names a resident: a loan is named by
/// `loan_id`.
#[derive(Clone, Debug, Default)]
pub struct NewEvent<'a> {
    pub device_id: i64,
    pub at: i64,
    /// `None`: no signed-in staff member (an import from the command line, a worker).
    pub user_id: Option<i64>,
    /// What happened: `added`, `imported`, `edited`, `status`, or lending's own words.
    pub action: &'a str,
    pub loan_id: Option<i64>,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub detail: &'a str,
}

/// Writes one line of a device's history on the caller's transaction.
pub async fn record_event_in(
    conn: &mut sqlx::AnyConnection,
    e: &NewEvent<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO device_events (device_id, at, user_id, action, loan_id, from_status, \
           to_status, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    // Missing and present values may not share a prepared statement on PostgreSQL (see
    // `programs::store::write_in`).
    .persistent(false)
    .bind(e.device_id)
    .bind(e.at)
    .bind(e.user_id)
    .bind(e.action)
    .bind(e.loan_id)
    .bind(e.from.map(Status::code))
    .bind(e.to.map(Status::code))
    .bind(e.detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn decoded<T>(value: Option<T>, column: &str, raw: &str) -> sqlx::Result<T> {
    value.ok_or_else(|| {
        sqlx::Error::Decode(format!("devices.{column}: unknown code {raw:?}").into())
    })
}

/// A device as its page and the list show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub id: i64,
    pub asset_tag: String,
    pub kind: Kind,
    pub serial: String,
    pub program_id: i64,
    pub program_name: String,
    pub site_id: Option<i64>,
    pub site_name: Option<String>,
    pub condition: Condition,
    pub status: Status,
    pub notes: String,
    pub version: i64,
    pub updated_at: i64,
}

const DEVICE_COLUMNS: &str = "d.id, d.asset_tag, d.kind, d.serial, d.program_id, \
     p.name AS program_name, d.site_id, s.name AS site_name, d.condition, d.status, d.notes, \
     d.version, d.updated_at \
     FROM devices d JOIN programs p ON p.id = d.program_id LEFT JOIN sites s ON s.id = d.site_id";

fn device(r: &AnyRow) -> sqlx::Result<Device> {
    let kind: String = r.try_get("kind")?;
    let condition: String = r.try_get("condition")?;
    let status: String = r.try_get("status")?;
    Ok(Device {
        id: r.try_get("id")?,
        asset_tag: r.try_get("asset_tag")?,
        kind: decoded(Kind::parse(&kind), "kind", &kind)?,
        serial: r.try_get("serial")?,
        program_id: r.try_get("program_id")?,
        program_name: r.try_get("program_name")?,
        site_id: r.try_get("site_id")?,
        site_name: r.try_get("site_name")?,
        condition: decoded(Condition::parse(&condition), "condition", &condition)?,
        status: decoded(Status::parse(&status), "status", &status)?,
        notes: r.try_get("notes")?,
        version: r.try_get("version")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Which devices the list shows: every filter given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub program_id: Option<i64>,
    pub site_id: Option<i64>,
    /// Part of an asset tag or a serial number, in any case.
    pub search: Option<String>,
}

/// `text` as a `LIKE` pattern that matches it anywhere, its own `%`, `_` and `\` taken
/// literally (with `ESCAPE '\'`).
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The devices that match `filter`, by asset tag, `PAGE_SIZE` a page (`page` counts from 1),
/// plus whether there is more. Asset tags are unique in any case, so `LOWER(asset_tag)` alone
/// orders the list, and its index serves the order.
pub async fn list(db: &Db, filter: &Filter, page: i64) -> sqlx::Result<(Vec<Device>, bool)> {
    let mut conditions: Vec<String> = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    if filter.kind.is_some() {
        conditions.push(format!("d.kind = ${}", next()));
    }
    if filter.status.is_some() {
        conditions.push(format!("d.status = ${}", next()));
    }
    if filter.program_id.is_some() {
        conditions.push(format!("d.program_id = ${}", next()));
    }
    if filter.site_id.is_some() {
        conditions.push(format!("d.site_id = ${}", next()));
    }
    if filter.search.is_some() {
        let k = next();
        conditions.push(format!(
            "(LOWER(d.asset_tag) LIKE ${k} ESCAPE '\\' OR LOWER(d.serial) LIKE ${k} ESCAPE '\\')"
        ));
    }
    let where_clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let (limit, offset) = (next(), next());
    let sql = format!(
        "SELECT {DEVICE_COLUMNS} {where_clause} ORDER BY LOWER(d.asset_tag) \
         LIMIT ${limit} OFFSET ${offset}"
    );
    let mut query = sqlx::query(&sql);
    if let Some(kind) = filter.kind {
        query = query.bind(kind.code());
    }
    if let Some(status) = filter.status {
        query = query.bind(status.code());
    }
    if let Some(program) = filter.program_id {
        query = query.bind(program);
    }
    if let Some(site) = filter.site_id {
        query = query.bind(site);
    }
    if let Some(search) = &filter.search {
        query = query.bind(contains_pattern(search));
    }
    let (rows, more) = Page::new(page, PAGE_SIZE).fetch(db, query).await?;
    let devices = rows.iter().map(device).collect::<sqlx::Result<Vec<_>>>()?;
    Ok((devices, more))
}

/// One device.
pub async fn detail(db: &Db, id: i64) -> sqlx::Result<Option<Device>> {
    let row = sqlx::query(&format!("SELECT {DEVICE_COLUMNS} WHERE d.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(device).transpose()
}

/// One line of a device's history as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: i64,
    pub user_name: Option<String>,
    pub action: String,
    pub loan_id: Option<i64>,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub detail: String,
}

/// Everything that happened to a device, newest first.
pub async fn history(db: &Db, device_id: i64) -> sqlx::Result<Vec<HistoryEntry>> {
    let rows = sqlx::query(
        "SELECT e.at, u.name AS user_name, e.action, e.loan_id, e.from_status, e.to_status, \
                e.detail \
         FROM device_events e LEFT JOIN users u ON u.id = e.user_id \
         WHERE e.device_id = $1 ORDER BY e.at DESC, e.id DESC",
    )
    .bind(device_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(HistoryEntry {
                at: r.try_get("at")?,
                user_name: r.try_get("user_name")?,
                action: r.try_get("action")?,
                loan_id: r.try_get("loan_id")?,
                from_status: r.try_get("from_status")?,
                to_status: r.try_get("to_status")?,
                detail: r.try_get("detail")?,
            })
        })
        .collect()
}

/// Why a save was refused: `Duplicate` when another device has this asset tag (in any case).
pub use crate::db::SaveError;

/// Adds a device, available, with the first line of its history; returns its id.
pub async fn add(
    db: &Db,
    v: &DeviceValues,
    user_id: Option<i64>,
    now: i64,
) -> Result<i64, SaveError> {
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO devices (asset_tag, kind, serial, program_id, site_id, condition, status, \
           notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'available', $7, $8, $8) RETURNING id",
    )
    .persistent(false)
    .bind(&v.asset_tag)
    .bind(v.kind.code())
    .bind(&v.serial)
    .bind(v.program_id)
    .bind(v.site_id)
    .bind(v.condition.code())
    .bind(&v.notes)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let event = NewEvent {
        device_id: id,
        at: now,
        user_id,
        action: "added",
        to: Some(Status::Available),
        ..NewEvent::default()
    };
    record_event_in(&mut tx, &event).await?;
    tx.commit().await?;
    db.note_change();
    Ok(id)
}

/// The names of the fields an edit changes, for the history (never their values: notes may
/// say anything).
fn changed_fields(old: &Device, v: &DeviceValues) -> Vec<&'static str> {
    [
        ("asset_tag", old.asset_tag != v.asset_tag),
        ("kind", old.kind != v.kind),
        ("serial", old.serial != v.serial),
        ("program", old.program_id != v.program_id),
        ("site", old.site_id != v.site_id),
        ("condition", old.condition != v.condition),
        ("notes", old.notes != v.notes),
    ]
    .into_iter()
    .filter_map(|(name, changed)| changed.then_some(name))
    .collect()
}

/// Saves a device still at `version` (its status is changed by `set_status` or by lending).
/// Saving it unchanged writes nothing.
pub async fn edit(
    db: &Db,
    id: i64,
    version: i64,
    v: &DeviceValues,
    user_id: Option<i64>,
    now: i64,
) -> Result<(), SaveError> {
    let Some(old) = detail(db, id).await? else {
        return Err(SaveError::Stale);
    };
    if old.version != version {
        return Err(SaveError::Stale);
    }
    let changed = changed_fields(&old, v);
    if changed.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    let saved: Option<i64> = sqlx::query_scalar(
        "UPDATE devices SET asset_tag = $1, kind = $2, serial = $3, program_id = $4, \
           site_id = $5, condition = $6, notes = $7, updated_at = $8, version = version + 1 \
         WHERE id = $9 AND version = $10 RETURNING id",
    )
    .persistent(false)
    .bind(&v.asset_tag)
    .bind(v.kind.code())
    .bind(&v.serial)
    .bind(v.program_id)
    .bind(v.site_id)
    .bind(v.condition.code())
    .bind(&v.notes)
    .bind(now)
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *tx)
    .await?;
    if saved.is_none() {
        return Err(SaveError::Stale);
    }
    let detail = changed.join(", ");
    let event = NewEvent {
        device_id: id,
        at: now,
        user_id,
        action: "edited",
        detail: &detail,
        ..NewEvent::default()
    };
    record_event_in(&mut tx, &event).await?;
    tx.commit().await?;
    db.note_change();
    Ok(())
}

/// What became of a change of status by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChange {
    Done,
    /// Already in that status: nothing written.
    Unchanged,
    NotFound,
    /// Someone else changed the device after the page was drawn.
    Stale,
    /// A resident has it on an open loan: it comes back (or is lost) through the loan.
    OnLoan,
    /// Not a status set by hand (`on_loan`, `given`).
    NotByHand,
}

/// Moves a device still at `version` to `to` (one of `Status::SET_BY_HAND`), with a `note`
/// for its history. Refused while a loan of it is open, so the loan and the device never
/// disagree.
pub async fn set_status(
    db: &Db,
    id: i64,
    version: i64,
    to: Status,
    note: &str,
    user_id: Option<i64>,
    now: i64,
) -> sqlx::Result<StatusChange> {
    if !Status::SET_BY_HAND.contains(&to) {
        return Ok(StatusChange::NotByHand);
    }
    let mut tx = db.begin_write().await?;
    let current: Option<(String, i64)> =
        sqlx::query_as("SELECT status, version FROM devices WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((from, current_version)) = current else {
        return Ok(StatusChange::NotFound);
    };
    if current_version != version {
        return Ok(StatusChange::Stale);
    }
    if from == to.code() {
        return Ok(StatusChange::Unchanged);
    }
    // The loan's own conditional update may have run since the read above: the `WHERE`
    // decides, on the row itself.
    let moved = sqlx::query(
        "UPDATE devices SET status = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 \
           AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.device_id = $3 AND l.ended_at IS NULL)",
    )
    .bind(to.code())
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM loans WHERE device_id = $1 AND ended_at IS NULL",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        return Ok(if open > 0 {
            StatusChange::OnLoan
        } else {
            StatusChange::Stale
        });
    }
    let event = NewEvent {
        device_id: id,
        at: now,
        user_id,
        action: "status",
        from: Status::parse(&from),
        to: Some(to),
        detail: note,
        ..NewEvent::default()
    };
    record_event_in(&mut tx, &event).await?;
    tx.commit().await?;
    db.note_change();
    Ok(StatusChange::Done)
}

/// How many devices are in each status (those with none left out), for the list's summary.
pub async fn counts_by_status(db: &Db) -> sqlx::Result<Vec<(Status, i64)>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM devices GROUP BY status")
            .fetch_all(&db.pool)
            .await?;
    Ok(Status::ALL
        .iter()
        .filter_map(|s| {
            rows.iter()
                .find(|(code, _)| code == s.code())
                .map(|(_, n)| (*s, *n))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_taken_literally() {
        assert_eq!(contains_pattern("HS-1"), "%hs-1%");
        assert_eq!(contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
