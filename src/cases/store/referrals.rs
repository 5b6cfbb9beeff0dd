//! Referrals of a case to programs: the programs it may be referred to, its referrals, and
//! adding one or moving one on, each guarded by the case's version.

use sqlx::Row;

use super::change::{begin_change, bump_version, finish_change, NewEvent, Update};
use crate::db::Db;
use crate::domain::ReferralStatus;

/// A referral of a case to a program.
#[derive(Clone, Debug)]
pub struct Referral {
    pub id: i64,
    pub program_id: i64,
    pub program: String,
    pub organization: String,
    pub status: ReferralStatus,
    pub note: String,
    pub updated_at: i64,
}

pub async fn referrals(db: &Db, case_id: i64) -> Result<Vec<Referral>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT f.id, f.program_id, f.status, f.note, f.updated_at, p.name, p.organization \
         FROM referrals f JOIN programs p ON p.id = f.program_id \
         WHERE f.case_id = $1 ORDER BY f.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(Referral {
                id: r.try_get("id")?,
                program_id: r.try_get("program_id")?,
                program: r.try_get("name")?,
                organization: r.try_get("organization")?,
                status: ReferralStatus::parse(&status).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown referral status {status:?}").into())
                })?,
                note: r.try_get("note")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .collect()
}

/// A program a case may be referred to.
#[derive(Clone, Debug)]
pub struct ProgramChoice {
    pub id: i64,
    pub name: String,
    pub organization: String,
    /// `Some(0)`: no capacity left now (still offered, and shown as such). Counted from the
    /// program's available devices when it has any in the inventory.
    pub capacity_available: Option<i64>,
    /// The places are the program's available devices, not a number typed by hand.
    pub from_inventory: bool,
}

impl ProgramChoice {
    pub fn no_places_left(&self) -> bool {
        self.capacity_available.is_some_and(|n| n <= 0)
    }

    /// No device left to lend now. Unlike a typed number, which may be out of date (the
    /// navigator may know better), the inventory is the truth: a referral made now is
    /// recorded as `no_capacity`.
    pub fn out_of_stock(&self) -> bool {
        self.from_inventory && self.no_places_left()
    }
}

/// Active programs, by organization and name.
pub async fn program_choices(db: &Db) -> Result<Vec<ProgramChoice>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT id, name, organization, {} AS capacity_available, \
                {} AS from_inventory \
         FROM programs WHERE status = 'active' ORDER BY organization, name",
        crate::db::stock::places("programs"),
        crate::db::stock::from_inventory("programs"),
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ProgramChoice {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                organization: r.try_get("organization")?,
                capacity_available: r.try_get("capacity_available")?,
                from_inventory: r.try_get::<i64, _>("from_inventory")? == 1,
            })
        })
        .collect()
}

/// What became of a referral change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferralChange {
    /// Written; the id of the event it appended.
    Done(i64),
    /// The case changed since the form was drawn.
    Stale,
    /// The case already has a referral to this program (add), or the referral is not this
    /// case's (update).
    Refused,
}

/// Refers a case to a program, if the case is still at `version`.
#[allow(clippy::too_many_arguments)]
pub async fn add_referral(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    program: &ProgramChoice,
    status: ReferralStatus,
    note: &str,
    now: i64,
) -> Result<ReferralChange, sqlx::Error> {
    let insert = sqlx::query(
        "INSERT INTO referrals (case_id, program_id, status, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (case_id, program_id) DO NOTHING",
    )
    .bind(case_id)
    .bind(program.id)
    .bind(status.code())
    .bind(note)
    .bind(now);
    let data = serde_json::json!({
        "program_id": program.id,
        "program": program.name,
        "to": status.code(),
    });
    let event = NewEvent::new(case_id, "referral", user_id, now)
        .with_body(note)
        .with_data(data);
    change_referral(db, bump_version(case_id, version, now), insert, event).await
}

/// Moves one of the case's referrals to `to`, if the case is still at `version`.
#[allow(clippy::too_many_arguments)]
pub async fn update_referral(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    referral: &Referral,
    to: ReferralStatus,
    note: &str,
    now: i64,
) -> Result<ReferralChange, sqlx::Error> {
    let change = sqlx::query(
        "UPDATE referrals SET status = $1, updated_at = $2 WHERE id = $3 AND case_id = $4",
    )
    .bind(to.code())
    .bind(now)
    .bind(referral.id)
    .bind(case_id);
    let data = serde_json::json!({
        "program_id": referral.program_id,
        "program": referral.program,
        "from": referral.status.code(),
        "to": to.code(),
    });
    let event = NewEvent::new(case_id, "referral", user_id, now)
        .with_body(note)
        .with_data(data);
    change_referral(db, bump_version(case_id, version, now), change, event).await
}

/// Runs `update` (the case's guarded UPDATE), then `write` (one row of `referrals`), then
/// appends `event`, in one transaction. Nothing is written when the guard fails (`Stale`) or
/// `write` touches no row (`Refused`).
async fn change_referral(
    db: &Db,
    update: Update<'_>,
    write: Update<'_>,
    event: NewEvent<'_>,
) -> Result<ReferralChange, sqlx::Error> {
    let Some(mut tx) = begin_change(db, update).await? else {
        return Ok(ReferralChange::Stale);
    };
    if write.execute(&mut *tx).await?.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(ReferralChange::Refused);
    }
    Ok(ReferralChange::Done(finish_change(tx, event).await?))
}
