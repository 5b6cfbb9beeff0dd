//! The caseload's queries: lists (each served by an index), one case with its resident and
//! timeline, and the changes (take, note, status, contact), each in one transaction with the
//! event it appends and its audit row, and guarded by the case's `version`.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Db;
use crate::domain::{split_codes, Accessibility, CaseStatus, ContactMethod, Need};

pub const PAGE_SIZE: i64 = 50;

/// The open statuses of a case that has a navigator, as SQL text (fixed, not user input).
const ASSIGNED_OPEN: &str = "('assigned', 'in_progress', 'waiting_on_resident', 'referred')";
const ALL_OPEN: &str = "('new', 'assigned', 'in_progress', 'waiting_on_resident', 'referred')";

/// One line of a caseload.
#[derive(Clone, Debug)]
pub struct CaseLine {
    pub id: i64,
    pub ref_code: String,
    pub area: Option<String>,
    pub needs: Vec<Need>,
    pub language: String,
    pub status: CaseStatus,
    pub created_at: i64,
    pub navigator: Option<String>,
}

/// Which caseload list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// Open cases assigned to this navigator row (index `cases_navigator_status`).
    Mine(i64),
    /// New cases without a navigator (index `cases_status_created`).
    Unassigned,
    /// Every open case (index `cases_status_created`).
    AllOpen,
}

impl List {
    fn filter(self) -> String {
        match self {
            List::Mine(_) => format!("c.navigator_id = $1 AND c.status IN {ASSIGNED_OPEN}"),
            List::Unassigned => "c.status = 'new' AND c.navigator_id IS NULL".to_owned(),
            List::AllOpen => format!("c.status IN {ALL_OPEN}"),
        }
    }

    /// The navigator row a list is for, bound as `$1`.
    pub fn navigator(self) -> Option<i64> {
        match self {
            List::Mine(id) => Some(id),
            _ => None,
        }
    }
}

fn status_of(row: &AnyRow) -> Result<CaseStatus, sqlx::Error> {
    let status: String = row.try_get("status")?;
    CaseStatus::parse(&status)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown case status {status:?}").into()))
}

/// The query behind `list`: its parameters are the navigator row (for `Mine`), the page
/// size and the offset. Public so a test can check that the database plans it on an index.
pub fn list_sql(which: List) -> String {
    let (limit_at, offset_at) = match which.navigator() {
        Some(_) => (2, 3),
        None => (1, 2),
    };
    format!(
        "SELECT c.id, c.ref_code, c.needs, c.language, c.status, c.created_at, \
         a.name AS area_name, u.name AS navigator_name \
         FROM cases c \
         LEFT JOIN areas a ON a.id = c.area_id \
         LEFT JOIN navigators n ON n.id = c.navigator_id \
         LEFT JOIN users u ON u.id = n.user_id \
         WHERE {} ORDER BY c.created_at, c.id LIMIT ${limit_at} OFFSET ${offset_at}",
        which.filter()
    )
}

/// The query behind `count`; its one parameter is the navigator row (for `Mine`).
pub fn count_sql(which: List) -> String {
    format!("SELECT COUNT(*) FROM cases c WHERE {}", which.filter())
}

/// Cases of a list, oldest first, `PAGE_SIZE` a page (`page` counts from 1).
pub async fn list(db: &Db, which: List, page: i64) -> Result<Vec<CaseLine>, sqlx::Error> {
    let offset = (page.max(1) - 1) * PAGE_SIZE;
    let sql = list_sql(which);
    let mut query = sqlx::query(&sql);
    if let Some(nav) = which.navigator() {
        query = query.bind(nav);
    }
    let rows = query
        .bind(PAGE_SIZE)
        .bind(offset)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(CaseLine {
                id: r.try_get("id")?,
                ref_code: r.try_get("ref_code")?,
                area: r.try_get("area_name")?,
                needs: split_codes(&r.try_get::<String, _>("needs")?, Need::parse),
                language: r.try_get("language")?,
                status: status_of(r)?,
                created_at: r.try_get("created_at")?,
                navigator: r.try_get("navigator_name")?,
            })
        })
        .collect()
}

pub async fn count(db: &Db, which: List) -> Result<i64, sqlx::Error> {
    let sql = count_sql(which);
    let mut query = sqlx::query_scalar(&sql);
    if let Some(nav) = which.navigator() {
        query = query.bind(nav);
    }
    query.fetch_one(&db.pool).await
}

/// The navigator row of a user, if they have one.
pub async fn navigator_of_user(db: &Db, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM navigators WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
}

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
}

pub async fn case_detail(db: &Db, id: i64) -> Result<Option<CaseDetail>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.id, c.ref_code, c.status, c.version, c.navigator_id, c.needs, c.details, \
         c.language, c.created_at, c.first_contact_at, a.name AS area_name, u.name AS navigator_name, \
         r.name AS resident_name, r.phone, r.email, r.contact_method, r.zip, r.accessibility \
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
    }))
}

/// One entry of a case's timeline.
#[derive(Clone, Debug)]
pub struct Event {
    pub kind: String,
    pub actor: Option<String>,
    pub body: String,
    pub data: serde_json::Value,
    pub created_at: i64,
}

pub async fn timeline(db: &Db, case_id: i64) -> Result<Vec<Event>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.kind, e.body, e.data, e.created_at, u.name AS actor_name \
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id \
         WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Event {
                kind: r.try_get("kind")?,
                actor: r.try_get("actor_name")?,
                body: r.try_get("body")?,
                data: serde_json::from_str(&r.try_get::<String, _>("data")?)
                    .unwrap_or(serde_json::Value::Null),
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// A timeline event, written with the change it records.
struct NewEvent<'a> {
    case_id: i64,
    kind: &'a str,
    actor_user_id: i64,
    body: &'a str,
    data: serde_json::Value,
    now: i64,
}

/// Runs `update`, a guarded UPDATE of one case, and when it changed exactly that case, appends
/// `event` and its audit row in the same transaction. `false` when the guard failed (another
/// change came first): nothing is written then.
async fn change_with_event<'q>(
    db: &Db,
    update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    event: NewEvent<'_>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    if update.execute(&mut *tx).await?.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.case_id)
    .bind(event.kind)
    .bind(event.actor_user_id)
    .bind(event.body)
    .bind(event.data.to_string())
    .bind(event.now)
    .execute(&mut *tx)
    .await?;
    let action = audit_action(event.kind);
    crate::audit::record_in(
        &mut tx,
        event.actor_user_id,
        action,
        event.case_id,
        event.now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

impl Change {
    fn from_written(written: bool) -> Self {
        if written {
            Change::Done
        } else {
            Change::Stale
        }
    }
}

/// The audit log's name for the change that appends an event of `kind`.
fn audit_action(kind: &str) -> &'static str {
    match kind {
        "assignment" => "take_case",
        "note" => "add_note",
        "status_change" => "change_status",
        "contact" => "log_contact",
        _ => "change_case",
    }
}

/// Gives an unassigned new case to a navigator. `false` when it is no longer unassigned
/// (another navigator was quicker): nothing changes then.
pub async fn take(
    db: &Db,
    case_id: i64,
    navigator_id: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let update = sqlx::query(
        "UPDATE cases SET navigator_id = $1, status = 'assigned', version = version + 1, \
         updated_at = $2 WHERE id = $3 AND navigator_id IS NULL AND status = 'new'",
    )
    .bind(navigator_id)
    .bind(now)
    .bind(case_id);
    let event = NewEvent {
        case_id,
        kind: "assignment",
        actor_user_id: user_id,
        body: "",
        data: serde_json::json!({ "navigator_id": navigator_id }),
        now,
    };
    change_with_event(db, update, event).await
}

/// The outcome of a change guarded by the version the user saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Done,
    /// Someone changed the case since the form was drawn; nothing was written.
    Stale,
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
    let update = sqlx::query(
        "UPDATE cases SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(case_id)
    .bind(version);
    let event = NewEvent {
        case_id,
        kind: "note",
        actor_user_id: user_id,
        body: note,
        data: serde_json::json!({}),
        now,
    };
    Ok(Change::from_written(
        change_with_event(db, update, event).await?,
    ))
}

/// Moves a case from `from` to `to`, if it is still at `version` (and so still at `from`).
/// The caller has checked that the move is allowed.
pub async fn change_status(
    db: &Db,
    case_id: i64,
    version: i64,
    from: CaseStatus,
    to: CaseStatus,
    user_id: i64,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let resolved_at = (to == CaseStatus::Resolved).then_some(now);
    let closed_at = (to == CaseStatus::Closed).then_some(now);
    let update = sqlx::query(
        "UPDATE cases SET status = $1, version = version + 1, updated_at = $2, \
         resolved_at = COALESCE($3, resolved_at), closed_at = COALESCE($4, closed_at) \
         WHERE id = $5 AND version = $6 AND status = $7",
    )
    .bind(to.code())
    .bind(now)
    .bind(resolved_at)
    .bind(closed_at)
    .bind(case_id)
    .bind(version)
    .bind(from.code());
    let event = NewEvent {
        case_id,
        kind: "status_change",
        actor_user_id: user_id,
        body: "",
        data: serde_json::json!({ "from": from.code(), "to": to.code() }),
        now,
    };
    Ok(Change::from_written(
        change_with_event(db, update, event).await?,
    ))
}

/// How a navigator reached (or was reached by) the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactChannel {
    Phone,
    Text,
    InPerson,
    Email,
}

impl ContactChannel {
    pub const ALL: [ContactChannel; 4] = [
        ContactChannel::Phone,
        ContactChannel::Text,
        ContactChannel::InPerson,
        ContactChannel::Email,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactChannel::Phone => "phone",
            ContactChannel::Text => "text",
            ContactChannel::InPerson => "in_person",
            ContactChannel::Email => "email",
        }
    }

    pub fn parse(code: &str) -> Option<ContactChannel> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Logs a contact with the resident, if the case is still at `version`; the first one also
/// sets `first_contact_at`, later ones leave it.
pub async fn log_contact(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    channel: ContactChannel,
    note: &str,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let update = sqlx::query(
        "UPDATE cases SET version = version + 1, updated_at = $1, \
         first_contact_at = COALESCE(first_contact_at, $2) WHERE id = $3 AND version = $4",
    )
    .bind(now)
    .bind(now)
    .bind(case_id)
    .bind(version);
    let event = NewEvent {
        case_id,
        kind: "contact",
        actor_user_id: user_id,
        body: note,
        data: serde_json::json!({ "channel": channel.code() }),
        now,
    };
    Ok(Change::from_written(
        change_with_event(db, update, event).await?,
    ))
}
