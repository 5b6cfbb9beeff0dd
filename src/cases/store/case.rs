//! One case as staff see it (the case, its resident and its timeline), and the changes a
//! navigator makes on its page: a note, a status, a follow-up day (a contact is in `contacts`).

use sqlx::Row;

use super::change::{
    append_event, begin_change, bump_version, change_with_event, Change, NewEvent, Tx,
};
use super::status_of;
use crate::db::Db;
use crate::domain::{
    split_codes, Accessibility, CaseStatus, Channel, CloseReason, ContactMethod, Need,
};

/// A case with its resident, as staff see it.
#[derive(Clone, Debug)]
pub struct CaseDetail {
    pub id: i64,
    pub ref_code: String,
    pub status: CaseStatus,
    pub version: i64,
    pub navigator_id: Option<i64>,
    pub navigator: Option<String>,
    pub needs: Vec<Need>,
    pub details: String,
    pub language: String,
    pub created_at: i64,
    pub first_contact_at: Option<i64>,
    pub area: Option<String>,
    pub resident_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contact_method: Option<ContactMethod>,
    pub zip: Option<String>,
    pub accessibility: Vec<Accessibility>,
    pub channel: Option<Channel>,
    pub close_reason: Option<CloseReason>,
    pub follow_up_at: Option<i64>,
    /// The last text from the resident, and when their navigator last saw the case after it.
    pub last_reply_at: Option<i64>,
    pub reply_seen_at: Option<i64>,
    pub resident_id: i64,
    /// When the resident's personal data was removed (retention or on request), if it was.
    pub erased_at: Option<i64>,
}

impl CaseDetail {
    /// A reply from the resident that their navigator has not opened yet.
    pub fn unread_reply(&self) -> bool {
        self.last_reply_at
            .is_some_and(|at| self.reply_seen_at.is_none_or(|seen| seen < at))
    }

    /// The number to dial when the resident phoned and is still waiting for a first call back
    /// (the caseload's call-backs, by the same rule).
    pub fn call_back(&self) -> Option<&str> {
        let waiting = self.channel == Some(Channel::Phone)
            && self.first_contact_at.is_none()
            && crate::cases::transitions::is_open(self.status);
        self.phone.as_deref().filter(|_| waiting)
    }
}

pub async fn case_detail(db: &Db, id: i64) -> Result<Option<CaseDetail>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.id, c.ref_code, c.status, c.version, c.navigator_id, c.needs, c.details, \
         c.language, c.created_at, c.first_contact_at, c.channel, c.close_reason, c.follow_up_at, \
         c.last_reply_at, c.reply_seen_at, c.resident_id, \
         a.name AS area_name, u.name AS navigator_name, \
         r.name AS resident_name, r.phone, r.email, r.contact_method, r.zip, r.accessibility, \
         r.erased_at \
         FROM cases c JOIN residents r ON r.id = c.resident_id \
         LEFT JOIN areas a ON a.id = c.area_id \
         LEFT JOIN navigators n ON n.id = c.navigator_id \
         LEFT JOIN users u ON u.id = n.user_id \
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(CaseDetail {
        id: r.try_get("id")?,
        ref_code: r.try_get("ref_code")?,
        status: status_of(&r)?,
        version: r.try_get("version")?,
        navigator_id: r.try_get("navigator_id")?,
        navigator: r.try_get("navigator_name")?,
        needs: split_codes(&r.try_get::<String, _>("needs")?, Need::parse),
        details: r.try_get("details")?,
        language: r.try_get("language")?,
        created_at: r.try_get("created_at")?,
        first_contact_at: r.try_get("first_contact_at")?,
        area: r.try_get("area_name")?,
        resident_name: r.try_get("resident_name")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        contact_method: ContactMethod::parse(&r.try_get::<String, _>("contact_method")?),
        zip: r.try_get("zip")?,
        accessibility: split_codes(
            &r.try_get::<String, _>("accessibility")?,
            Accessibility::parse,
        ),
        channel: Channel::parse(&r.try_get::<String, _>("channel")?),
        close_reason: r
            .try_get::<Option<String>, _>("close_reason")?
            .as_deref()
            .and_then(CloseReason::parse),
        follow_up_at: r.try_get("follow_up_at")?,
        last_reply_at: r.try_get("last_reply_at")?,
        reply_seen_at: r.try_get("reply_seen_at")?,
        resident_id: r.try_get("resident_id")?,
        erased_at: r.try_get("erased_at")?,
    }))
}

/// One entry of a case's timeline.
#[derive(Clone, Debug)]
pub struct Event {
    /// Its anchor on the case page (`#event-{id}`).
    pub id: i64,
    pub kind: String,
    pub actor: Option<String>,
    pub body: String,
    pub data: serde_json::Value,
    pub created_at: i64,
}

/// How many events a page of the timeline shows.
pub const TIMELINE_PAGE: i64 = 50;

/// Page `page` (from 1) of a case's timeline, newest first, and whether older events follow.
/// Only that page is read (the index on `(case_id, id)` serves it), however long the story.
pub async fn timeline(db: &Db, case_id: i64, page: i64) -> Result<(Vec<Event>, bool), sqlx::Error> {
    // One row for the whole page (see `crate::db::json_rows`): a long history is 50 events.
    let sql = db.backend.json_rows_sql(
        "SELECT e.id, e.kind, e.body, e.data, e.created_at, u.name AS actor_name \
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id \
         WHERE e.case_id = $1 ORDER BY e.id DESC LIMIT $2 OFFSET $3",
        &["id", "kind", "body", "data", "created_at", "actor_name"],
    );
    let text: String = sqlx::query_scalar(&sql)
        .bind(case_id)
        .bind(TIMELINE_PAGE + 1)
        .bind((page.max(1) - 1).saturating_mul(TIMELINE_PAGE))
        .fetch_one(&db.pool)
        .await?;
    type Row = (i64, String, String, String, i64, Option<String>);
    let rows: Vec<Row> = crate::db::parse_json_rows(&text)?;
    let more = rows.len() as i64 > TIMELINE_PAGE;
    let events = rows
        .into_iter()
        .take(TIMELINE_PAGE as usize)
        .map(|(id, kind, body, data, created_at, actor)| Event {
            id,
            kind,
            actor,
            body,
            data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
            created_at,
        })
        .collect();
    Ok((events, more))
}

/// Adds a note, if the case is still at `version`.
pub async fn add_note(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    note: &str,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let update = bump_version(case_id, version, now);
    let event = NewEvent::new(case_id, "note", user_id, now).with_body(note);
    change_with_event(db, update, event).await
}

/// A move of a case's status, written inside a change (after its guarded UPDATE). The caller
/// has checked that the move is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusMove {
    pub from: CaseStatus,
    pub to: CaseStatus,
    /// Why it closes (kept only when `to` is closed; reopening clears it, the timeline keeps it).
    pub close_reason: Option<CloseReason>,
}

impl StatusMove {
    /// Moves the case, if it is still at `from`, and appends the event; `false` (nothing
    /// written) when it is not.
    pub(super) async fn write(
        &self,
        tx: &mut Tx,
        case_id: i64,
        user_id: i64,
        now: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        let resolved_at = (self.to == CaseStatus::Resolved).then_some(now);
        let closed_at = (self.to == CaseStatus::Closed).then_some(now);
        let close_reason = self
            .close_reason
            .filter(|_| self.to == CaseStatus::Closed)
            .map(|r| r.code());
        let moved = sqlx::query(
            "UPDATE cases SET status = $1, resolved_at = COALESCE($2, resolved_at), \
             closed_at = COALESCE($3, closed_at), close_reason = $4 WHERE id = $5 AND status = $6",
        )
        .bind(self.to.code())
        .bind(resolved_at)
        .bind(closed_at)
        .bind(close_reason)
        .bind(case_id)
        .bind(self.from.code())
        .execute(&mut **tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Ok(None);
        }
        let mut data = serde_json::json!({ "from": self.from.code(), "to": self.to.code() });
        if let Some(reason) = close_reason {
            data["reason"] = reason.into();
        }
        let event = NewEvent::new(case_id, "status_change", user_id, now).with_data(data);
        append_event(tx, event).await.map(Some)
    }
}

/// Writes `moves` one after another inside a change: the id of the last event, or `None`
/// (the caller rolls back) when the case was not where a move starts.
pub(super) async fn write_moves(
    tx: &mut Tx,
    moves: &[StatusMove],
    case_id: i64,
    user_id: i64,
    now: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let mut last = None;
    for m in moves {
        match m.write(tx, case_id, user_id, now).await? {
            Some(id) => last = Some(id),
            None => return Ok(None),
        }
    }
    Ok(Some(last))
}

/// Moves a case's status, if it is still at `version` (and so still where the move starts).
pub async fn change_status(
    db: &Db,
    case_id: i64,
    version: i64,
    status: StatusMove,
    user_id: i64,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let Some(mut tx) = begin_change(db, bump_version(case_id, version, now)).await? else {
        return Ok(Change::Stale);
    };
    match status.write(&mut tx, case_id, user_id, now).await? {
        Some(id) => {
            tx.commit().await?;
            Ok(Change::Done(id))
        }
        None => {
            tx.rollback().await?;
            Ok(Change::Stale)
        }
    }
}

/// The day a follow-up falls due, as the epoch second it starts and as `YYYY-MM-DD`; `None`
/// clears it.
pub type FollowUp<'a> = Option<(i64, &'a str)>;

/// The navigator assigned to a case has opened it: replies so far count as read.
pub async fn mark_replies_seen(db: &Db, case_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE cases SET reply_seen_at = $1 WHERE id = $2 AND last_reply_at IS NOT NULL \
         AND (reply_seen_at IS NULL OR reply_seen_at < last_reply_at)",
    )
    .bind(now)
    .bind(case_id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Sets or clears (`None`) the day the navigator means to follow up, as the epoch second at
/// which it falls due.
pub async fn set_follow_up(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    due: FollowUp<'_>,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let Some(mut tx) = begin_change(db, bump_version(case_id, version, now)).await? else {
        return Ok(Change::Stale);
    };
    let id = write_follow_up(&mut tx, case_id, user_id, due, now).await?;
    tx.commit().await?;
    Ok(Change::Done(id))
}

/// Sets the follow-up day inside a change, and appends its event.
pub(super) async fn write_follow_up(
    tx: &mut Tx,
    case_id: i64,
    user_id: i64,
    due: FollowUp<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query("UPDATE cases SET follow_up_at = $1 WHERE id = $2")
        .bind(due.map(|(at, _)| at))
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    let event = NewEvent::new(case_id, "follow_up", user_id, now)
        .with_data(serde_json::json!({ "on": due.map(|(_, day)| day) }));
    append_event(tx, event).await
}
