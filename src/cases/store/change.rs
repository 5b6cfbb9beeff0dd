//! How a person's change to a case is written: a guarded UPDATE (the case is still at the
//! version the user saw, or still unassigned), the timeline event it appends and its audit
//! row, all in one transaction. Events navdesk makes itself are appended here too.

use crate::db::Db;

/// A statement on `cases`, built by the change that runs it.
pub(super) type Update<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;
pub(super) type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// The outcome of a change guarded by the version the user saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Written; the id of the last event it appended (where the page scrolls to).
    Done(i64),
    /// Someone changed the case since the form was drawn; nothing was written.
    Stale,
}

/// A timeline event, written with the change it records.
pub(super) struct NewEvent<'a> {
    case_id: i64,
    kind: &'a str,
    actor_user_id: i64,
    body: &'a str,
    data: serde_json::Value,
    now: i64,
}

impl<'a> NewEvent<'a> {
    /// An event of `kind` by `actor_user_id`, with no text and empty data.
    pub(super) fn new(case_id: i64, kind: &'a str, actor_user_id: i64, now: i64) -> Self {
        NewEvent {
            case_id,
            kind,
            actor_user_id,
            body: "",
            data: serde_json::json!({}),
            now,
        }
    }

    pub(super) fn with_body(self, body: &'a str) -> Self {
        NewEvent { body, ..self }
    }

    pub(super) fn with_data(self, data: serde_json::Value) -> Self {
        NewEvent { data, ..self }
    }
}

/// The guarded UPDATE of a change that only adds to a case (a note, a referral, an outcome):
/// it moves the version on, if the case is still at `version`.
pub(super) fn bump_version<'q>(case_id: i64, version: i64, now: i64) -> Update<'q> {
    sqlx::query(
        "UPDATE cases SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(case_id)
    .bind(version)
}

/// Runs `update`, a guarded UPDATE of one case, in a new transaction. `None` when the guard
/// failed (another change came first): nothing is written then. Otherwise the caller may add
/// its own statements and ends with `finish_change`.
pub(super) async fn begin_change(db: &Db, update: Update<'_>) -> Result<Option<Tx>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    if update.execute(&mut *tx).await?.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(None);
    }
    Ok(Some(tx))
}

/// Appends `event` and its audit row, and commits; the event's id.
pub(super) async fn finish_change(mut tx: Tx, event: NewEvent<'_>) -> Result<i64, sqlx::Error> {
    let id = append_event(&mut tx, event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Appends `event` and its audit row inside the caller's transaction; the event's id.
pub(super) async fn append_event(tx: &mut Tx, event: NewEvent<'_>) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(event.case_id)
    .bind(event.kind)
    .bind(event.actor_user_id)
    .bind(event.body)
    .bind(event.data.to_string())
    .bind(event.now)
    .fetch_one(&mut **tx)
    .await?;
    let action = audit_action(event.kind);
    crate::db::audit::record_in(tx, event.actor_user_id, action, event.case_id, event.now).await?;
    Ok(id)
}

/// A guarded change with nothing more to write than its event: `Stale` when the guard failed.
pub(super) async fn change_with_event(
    db: &Db,
    update: Update<'_>,
    event: NewEvent<'_>,
) -> Result<Change, sqlx::Error> {
    match begin_change(db, update).await? {
        Some(tx) => Ok(Change::Done(finish_change(tx, event).await?)),
        None => Ok(Change::Stale),
    }
}

/// The audit log's name for the change that appends an event of `kind`.
fn audit_action(kind: &str) -> &'static str {
    match kind {
        "assignment" => "take_case",
        "note" => "add_note",
        "status_change" => "change_status",
        "contact" => "log_contact",
        "referral" => "change_referral",
        "outcome" => "record_outcome",
        "follow_up" => "set_follow_up",
        "reassignment" => "reassign_case",
        "release" => "release_case",
        "answers" => "correct_answers",
        _ => "change_case",
    }
}
