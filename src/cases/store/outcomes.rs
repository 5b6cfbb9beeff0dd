//! A case's outcome: what the help achieved, read and recorded (all of it at once, as the
//! form shows it), guarded by the case's version.

use sqlx::Row;

use super::case::{write_moves, StatusMove};
use super::change::{append_event, begin_change, bump_version, Change, NewEvent};
use crate::cases::outcome::{DeviceTypeCode, Outcome};
use crate::db::Db;
use crate::domain::DeviceType;

/// The case's outcome so far, or the empty one.
pub async fn outcome(db: &Db, case_id: i64) -> Result<Outcome, sqlx::Error> {
    let row = sqlx::query(
        "SELECT connected_at_home, plan, monthly_cost_cents, device_type, training_sessions, \
         skill_at_intake, skill_at_close FROM outcomes WHERE case_id = $1",
    )
    .bind(case_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else {
        return Ok(Outcome::default());
    };
    Ok(Outcome {
        connected_at_home: r
            .try_get::<Option<i64>, _>("connected_at_home")?
            .map(|v| v != 0),
        plan: r.try_get("plan")?,
        monthly_cost_cents: r.try_get("monthly_cost_cents")?,
        device_type: r
            .try_get::<Option<String>, _>("device_type")?
            .as_deref()
            .and_then(DeviceType::parse)
            .map(DeviceTypeCode),
        training_sessions: r.try_get("training_sessions")?,
        skill_at_intake: r.try_get("skill_at_intake")?,
        skill_at_close: r.try_get("skill_at_close")?,
    })
}

/// Records the case's outcome (all of it, as the form shows it), and the status moves that
/// close the case with it (`closes`, possibly none), if the case is still at `version`.
pub async fn save_outcome(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    outcome: &Outcome,
    closes: &[StatusMove],
    now: i64,
) -> Result<Change, sqlx::Error> {
    let update = bump_version(case_id, version, now);
    let Some(mut tx) = begin_change(db, update).await? else {
        return Ok(Change::Stale);
    };
    sqlx::query(
        "INSERT INTO outcomes (case_id, connected_at_home, plan, monthly_cost_cents, device_type, \
         training_sessions, skill_at_intake, skill_at_close, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (case_id) DO UPDATE SET connected_at_home = excluded.connected_at_home, \
         plan = excluded.plan, monthly_cost_cents = excluded.monthly_cost_cents, \
         device_type = excluded.device_type, training_sessions = excluded.training_sessions, \
         skill_at_intake = excluded.skill_at_intake, skill_at_close = excluded.skill_at_close, \
         updated_at = excluded.updated_at",
    )
    .bind(case_id)
    .bind(outcome.connected_at_home.map(i64::from))
    .bind(&outcome.plan)
    .bind(outcome.monthly_cost_cents)
    .bind(outcome.device_type.map(|d| d.0.code()))
    .bind(outcome.training_sessions)
    .bind(outcome.skill_at_intake)
    .bind(outcome.skill_at_close)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let event = NewEvent::new(case_id, "outcome", user_id, now)
        .with_data(serde_json::to_value(outcome).unwrap_or_default());
    let recorded = append_event(&mut tx, event).await?;
    match write_moves(&mut tx, closes, case_id, user_id, now).await? {
        Some(last) => {
            tx.commit().await?;
            Ok(Change::Done(last.unwrap_or(recorded)))
        }
        None => {
            tx.rollback().await?;
            Ok(Change::Stale)
        }
    }
}
