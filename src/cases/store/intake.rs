//! A request staff took by phone or in person, stored as the public form would store it, with
//! who recorded it and, when asked, the case given to a navigator at once.

use super::change::{append_event, NewEvent};
use crate::db::Db;
use crate::domain::Channel;

/// Stores a request staff took by phone or in person, in one transaction: the resident and
/// case as the public form would, who recorded it and how consent to texts was given, and,
/// when `assign_to` is given, the case assigned to that navigator. Returns the case id and code.
#[allow(clippy::too_many_arguments)]
pub async fn record_staff_request(
    db: &Db,
    request: &crate::intake::form::NewRequest,
    channel: Channel,
    consent_how: Option<crate::domain::ConsentHow>,
    user_id: i64,
    assign_to: Option<i64>,
    now: i64,
) -> Result<(i64, crate::domain::RefCode), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let stored = record_staff_request_in(
        &mut tx,
        request,
        channel,
        consent_how,
        user_id,
        assign_to,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(stored)
}

/// `record_staff_request` inside the caller's transaction (a walk-in's arrival is stored
/// with its case); the caller commits.
#[allow(clippy::too_many_arguments)]
pub async fn record_staff_request_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    request: &crate::intake::form::NewRequest,
    channel: Channel,
    consent_how: Option<crate::domain::ConsentHow>,
    user_id: i64,
    assign_to: Option<i64>,
    now: i64,
) -> Result<(i64, crate::domain::RefCode), sqlx::Error> {
    let (case_id, code) =
        crate::intake::store::insert_request_in(tx, request, channel, now).await?;
    sqlx::query("UPDATE cases SET recorded_by = $1 WHERE id = $2")
        .bind(user_id)
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE case_events SET actor_user_id = $1 WHERE case_id = $2 AND kind = 'created'",
    )
    .bind(user_id)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    if let Some(how) = consent_how.filter(|_| request.sms_consent) {
        sqlx::query(
            "UPDATE residents SET sms_consent_source = $1 \
             WHERE id = (SELECT resident_id FROM cases WHERE id = $2)",
        )
        .bind(format!("staff_{}", how.code()))
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    }
    crate::db::audit::record_in(tx, user_id, "record_request", case_id, now).await?;
    if let Some(navigator_id) = assign_to {
        sqlx::query(
            "UPDATE cases SET navigator_id = $1, status = 'assigned', version = version + 1 \
             WHERE id = $2",
        )
        .bind(navigator_id)
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
        append_event(
            tx,
            NewEvent::new(case_id, "assignment", user_id, now)
                .with_data(serde_json::json!({ "navigator_id": navigator_id })),
        )
        .await?;
    }
    Ok((case_id, code))
}
