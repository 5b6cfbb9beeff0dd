//! The caseload's queries: lists (each served by an index), one case with its resident and
//! timeline, and the changes (take, note, status, contact), each in one transaction with the
//! event it appends and its audit row, and guarded by the case's `version`.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::outcome::{DeviceTypeCode, Outcome};
use crate::db::Db;
use crate::domain::staff::QueueProfile;
use crate::domain::{
    split_codes, Accessibility, CaseStatus, Channel, CloseReason, ContactMethod, DeviceType, Need,
    ReferralStatus,
};

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
    pub first_contact_at: Option<i64>,
    pub follow_up_at: Option<i64>,
    /// A text from the resident that their navigator has not opened yet.
    pub unread_reply: bool,
}

/// What is due on a case, most urgent first: the order of a navigator's own list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// Nobody has been in touch yet, and the time allowed for a first contact has passed.
    FirstContactOverdue,
    /// The follow-up day has come.
    FollowUp,
    /// Nobody has been in touch yet.
    New,
    Nothing,
}

impl Due {
    pub fn code(self) -> &'static str {
        match self {
            Due::FirstContactOverdue => "first_contact_overdue",
            Due::FollowUp => "follow_up",
            Due::New => "new",
            Due::Nothing => "nothing",
        }
    }

    /// What is due on a case at `now`, when a first contact is owed within `first_contact_secs`.
    pub fn of(line: &CaseLine, now: i64, first_contact_secs: i64) -> Due {
        if line.first_contact_at.is_none() && line.created_at <= now - first_contact_secs {
            Due::FirstContactOverdue
        } else if line.follow_up_at.is_some_and(|at| at <= now) {
            Due::FollowUp
        } else if line.first_contact_at.is_none() {
            Due::New
        } else {
            Due::Nothing
        }
    }
}

/// A value bound to a query built at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    Int(i64),
    Text(String),
}

/// A WHERE clause built at run time, with its binds numbered `$1`, `$2`, ...
#[derive(Clone, Debug, Default)]
struct Where {
    conds: Vec<String>,
    binds: Vec<Val>,
}

impl Where {
    fn bind(&mut self, v: Val) -> String {
        self.binds.push(v);
        format!("${}", self.binds.len())
    }

    fn and(&mut self, cond: impl Into<String>) {
        self.conds.push(cond.into());
    }

    fn sql(&self) -> String {
        if self.conds.is_empty() {
            "1 = 1".to_owned()
        } else {
            self.conds.join(" AND ")
        }
    }
}

impl QueueProfile {
    /// The cases this navigator can help with: in their areas, languages and skills.
    fn conditions(&self, w: &mut Where) {
        let profile = self;
        let nav = w.bind(Val::Int(profile.navigator_id));
        w.and(format!(
            "(c.area_id IS NULL \
             OR NOT EXISTS (SELECT 1 FROM navigator_areas na WHERE na.navigator_id = {nav}) \
             OR c.area_id IN (SELECT na.area_id FROM navigator_areas na WHERE na.navigator_id = {nav}))"
        ));
        let langs: Vec<String> = profile
            .languages
            .iter()
            .map(|l| w.bind(Val::Text(l.clone())))
            .collect();
        if langs.is_empty() {
            w.and("1 = 0");
        } else {
            w.and(format!("c.language IN ({})", langs.join(", ")));
        }
        for need in Need::ALL.iter().filter(|n| !profile.skills.contains(n)) {
            w.and(format!("NOT {}", needs_contain(*need)));
        }
    }
}

/// Which cases a supervisor's list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every case not resolved or closed.
    #[default]
    Open,
    One(CaseStatus),
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavigatorFilter {
    Unassigned,
    Is(i64),
}

/// What a search box finds a case by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Search {
    Ref(String),
    /// An E.164 phone number.
    Phone(String),
    /// Part of the resident's name, any case.
    Name(String),
}

impl Search {
    /// Reads a search box: a reference code, else a phone number, else a name.
    pub fn parse(raw: &str) -> Option<Search> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        if let Some(code) = crate::domain::RefCode::parse(raw) {
            return Some(Search::Ref(code.as_str().to_owned()));
        }
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        if digits >= 7 {
            if let Ok(phone) = crate::domain::PhoneNumber::parse(raw) {
                return Some(Search::Phone(phone.as_str().to_owned()));
            }
        }
        Some(Search::Name(raw.chars().take(100).collect()))
    }
}

/// A supervisor's filters and search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: StatusFilter,
    pub need: Option<Need>,
    pub language: Option<String>,
    pub area: Option<i64>,
    pub navigator: Option<NavigatorFilter>,
    /// Open longer than this many days.
    pub waiting_days: Option<i64>,
    pub search: Option<Search>,
}

/// Which caseload list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum List {
    /// Open cases assigned to this navigator row, most urgent first (index
    /// `cases_navigator_status`).
    Mine(i64),
    /// New unassigned cases this navigator can help: in their areas (or anywhere, when they
    /// have none; a case with no area stays visible to all), in a language they speak, and
    /// needing only skills they have (index `cases_status_created`).
    Queue(QueueProfile),
    /// A supervisor's view of every case, filtered.
    All(Filter),
}

/// `c.needs` (codes joined by commas) includes `need`. No need code is part of another (a
/// unit test holds us to that), so a plain substring test is exact and cheaper than matching
/// whole items. Need codes are fixed words, never user input.
fn needs_contain(need: Need) -> String {
    format!("c.needs LIKE '%{}%'", need.code())
}

/// `text LIKE pattern` where `pattern` is typed by a person: `%`, `_` and `\` match themselves.
fn like_escaped(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl List {
    fn where_clause(&self, now: i64) -> Where {
        let mut w = Where::default();
        match self {
            List::Mine(nav) => {
                let nav = w.bind(Val::Int(*nav));
                w.and(format!(
                    "c.navigator_id = {nav} AND c.status IN {ASSIGNED_OPEN}"
                ));
            }
            List::Queue(profile) => {
                // `+` keeps SQLite off the (navigator_id, status) index, whose rows would each
                // need a look-up in the table, and on `cases_status_created`, which holds every
                // column the queue filters on, in the order it is shown.
                w.and("c.status = 'new' AND +c.navigator_id IS NULL");
                profile.conditions(&mut w);
            }
            List::All(f) => {
                match f.status {
                    // The generated `is_open` column (index `cases_open_created`).
                    StatusFilter::Open => w.and("c.is_open = 1"),
                    StatusFilter::One(s) => {
                        let s = w.bind(Val::Text(s.code().to_owned()));
                        w.and(format!("c.status = {s}"));
                    }
                    StatusFilter::Any => {}
                }
                if let Some(need) = f.need {
                    w.and(needs_contain(need));
                }
                if let Some(lang) = &f.language {
                    let l = w.bind(Val::Text(lang.clone()));
                    w.and(format!("c.language = {l}"));
                }
                if let Some(area) = f.area {
                    let a = w.bind(Val::Int(area));
                    w.and(format!("c.area_id = {a}"));
                }
                match f.navigator {
                    Some(NavigatorFilter::Unassigned) => w.and("c.navigator_id IS NULL"),
                    Some(NavigatorFilter::Is(id)) => {
                        let n = w.bind(Val::Int(id));
                        w.and(format!("c.navigator_id = {n}"));
                    }
                    None => {}
                }
                if let Some(days) = f.waiting_days {
                    // To the minute, so the same filter asked twice in a minute is the same
                    // query (its count may be reused).
                    let before = w.bind(Val::Int(now - now.rem_euclid(60) - days * 86_400));
                    w.and(format!("c.created_at < {before}"));
                }
                match &f.search {
                    Some(Search::Ref(code)) => {
                        let c = w.bind(Val::Text(code.clone()));
                        w.and(format!("c.ref_code = {c}"));
                    }
                    Some(Search::Phone(phone)) => {
                        let p = w.bind(Val::Text(phone.clone()));
                        w.and(format!(
                            "c.resident_id IN (SELECT id FROM residents WHERE phone = {p})"
                        ));
                    }
                    Some(Search::Name(name)) => {
                        let n = w.bind(Val::Text(format!(
                            "%{}%",
                            like_escaped(&name.to_lowercase())
                        )));
                        w.and(format!(
                            "c.resident_id IN (SELECT id FROM residents WHERE LOWER(name) LIKE {n} ESCAPE '\\')"
                        ));
                    }
                    None => {}
                }
            }
        }
        w
    }
}

fn status_of(row: &AnyRow) -> Result<CaseStatus, sqlx::Error> {
    let status: String = row.try_get("status")?;
    CaseStatus::parse(&status)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown case status {status:?}").into()))
}

/// The query behind `list` and its binds. Public so a test can check that the database plans
/// it on an index.
pub fn list_query(
    which: &List,
    page: i64,
    now: i64,
    first_contact_secs: i64,
) -> (String, Vec<Val>) {
    let mut w = which.where_clause(now);
    let order = match which {
        List::Mine(_) => {
            let overdue = w.bind(Val::Int(now - first_contact_secs));
            let now = w.bind(Val::Int(now));
            format!(
                "CASE WHEN c.first_contact_at IS NULL AND c.created_at <= {overdue} THEN 0 \
                 WHEN c.follow_up_at IS NOT NULL AND c.follow_up_at <= {now} THEN 1 \
                 WHEN c.first_contact_at IS NULL THEN 2 ELSE 3 END, \
                 COALESCE(c.follow_up_at, c.created_at), c.id"
            )
        }
        _ => "c.created_at, c.id".to_owned(),
    };
    let limit = w.bind(Val::Int(PAGE_SIZE));
    let offset = w.bind(Val::Int((page.max(1) - 1) * PAGE_SIZE));
    let sql = format!(
        "SELECT c.id, c.ref_code, c.needs, c.language, c.status, c.created_at, \
         c.first_contact_at, c.follow_up_at, c.last_reply_at, c.reply_seen_at, \
         a.name AS area_name, u.name AS navigator_name \
         FROM cases c \
         LEFT JOIN areas a ON a.id = c.area_id \
         LEFT JOIN navigators n ON n.id = c.navigator_id \
         LEFT JOIN users u ON u.id = n.user_id \
         WHERE {} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        w.sql()
    );
    (sql, w.binds)
}

/// The query behind `count` and its binds.
pub fn count_query(which: &List, now: i64) -> (String, Vec<Val>) {
    let w = which.where_clause(now);
    (
        format!("SELECT COUNT(*) FROM cases c WHERE {}", w.sql()),
        w.binds,
    )
}

/// Binds run-time values to a query (or scalar query), in order.
macro_rules! bind_vals {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for v in $binds {
            query = match v {
                Val::Int(i) => query.bind(i),
                Val::Text(t) => query.bind(t),
            };
        }
        query
    }};
}

/// Cases of a list, `PAGE_SIZE` a page (`page` counts from 1).
pub async fn list(
    db: &Db,
    which: &List,
    page: i64,
    now: i64,
    first_contact_secs: i64,
) -> Result<Vec<CaseLine>, sqlx::Error> {
    let (sql, binds) = list_query(which, page, now, first_contact_secs);
    let rows = bind_vals!(sqlx::query(&sql), binds)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            let last_reply_at: Option<i64> = r.try_get("last_reply_at")?;
            let reply_seen_at: Option<i64> = r.try_get("reply_seen_at")?;
            Ok(CaseLine {
                id: r.try_get("id")?,
                ref_code: r.try_get("ref_code")?,
                area: r.try_get("area_name")?,
                needs: split_codes(&r.try_get::<String, _>("needs")?, Need::parse),
                language: r.try_get("language")?,
                status: status_of(r)?,
                created_at: r.try_get("created_at")?,
                navigator: r.try_get("navigator_name")?,
                first_contact_at: r.try_get("first_contact_at")?,
                follow_up_at: r.try_get("follow_up_at")?,
                unread_reply: last_reply_at
                    .is_some_and(|at| reply_seen_at.is_none_or(|seen| seen < at)),
            })
        })
        .collect()
}

pub async fn count(db: &Db, which: &List, now: i64) -> Result<i64, sqlx::Error> {
    let (sql, binds) = count_query(which, now);
    bind_vals!(sqlx::query_scalar(&sql), binds)
        .fetch_one(&db.pool)
        .await
}

/// Whether a case is one this navigator can help with (its area, language and needs), be it
/// still waiting in the queue or taken a moment ago.
pub async fn in_queue(db: &Db, profile: &QueueProfile, case_id: i64) -> Result<bool, sqlx::Error> {
    let mut w = Where::default();
    profile.conditions(&mut w);
    let id = w.bind(Val::Int(case_id));
    w.and(format!("c.id = {id}"));
    let sql = format!("SELECT COUNT(*) FROM cases c WHERE {}", w.sql());
    let found: i64 = bind_vals!(sqlx::query_scalar(&sql), w.binds)
        .fetch_one(&db.pool)
        .await?;
    Ok(found > 0)
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

/// The guarded UPDATE of a change that only adds to a case (a note, a referral, an outcome):
/// it moves the version on, if the case is still at `version`.
fn bump_version<'q>(
    case_id: i64,
    version: i64,
    now: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
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
async fn begin_change<'q>(
    db: &Db,
    update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<Option<sqlx::Transaction<'static, sqlx::Any>>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    if update.execute(&mut *tx).await?.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(None);
    }
    Ok(Some(tx))
}

/// Appends `event` and its audit row, and commits.
async fn finish_change(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    event: NewEvent<'_>,
) -> Result<(), sqlx::Error> {
    append_event(&mut tx, event).await?;
    tx.commit().await
}

/// Appends `event` and its audit row inside the caller's transaction.
async fn append_event(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event: NewEvent<'_>,
) -> Result<(), sqlx::Error> {
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
    .execute(&mut **tx)
    .await?;
    let action = audit_action(event.kind);
    crate::db::audit::record_in(tx, event.actor_user_id, action, event.case_id, event.now).await
}

/// A guarded change with nothing more to write than its event: `false` when the guard failed.
async fn change_with_event<'q>(
    db: &Db,
    update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    event: NewEvent<'_>,
) -> Result<bool, sqlx::Error> {
    match begin_change(db, update).await? {
        Some(tx) => {
            finish_change(tx, event).await?;
            Ok(true)
        }
        None => Ok(false),
    }
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
        "referral" => "change_referral",
        "outcome" => "record_outcome",
        "follow_up" => "set_follow_up",
        "reassignment" => "reassign_case",
        "release" => "release_case",
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
    let update = bump_version(case_id, version, now);
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
#[allow(clippy::too_many_arguments)]
pub async fn change_status(
    db: &Db,
    case_id: i64,
    version: i64,
    from: CaseStatus,
    to: CaseStatus,
    close_reason: Option<CloseReason>,
    user_id: i64,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let resolved_at = (to == CaseStatus::Resolved).then_some(now);
    let closed_at = (to == CaseStatus::Closed).then_some(now);
    // The reason belongs to the close; reopening clears it (the timeline keeps it).
    let close_reason = close_reason
        .filter(|_| to == CaseStatus::Closed)
        .map(|r| r.code());
    let update = sqlx::query(
        "UPDATE cases SET status = $1, version = version + 1, updated_at = $2, \
         resolved_at = COALESCE($3, resolved_at), closed_at = COALESCE($4, closed_at), \
         close_reason = $5 WHERE id = $6 AND version = $7 AND status = $8",
    )
    .bind(to.code())
    .bind(now)
    .bind(resolved_at)
    .bind(closed_at)
    .bind(close_reason)
    .bind(case_id)
    .bind(version)
    .bind(from.code());
    let mut data = serde_json::json!({ "from": from.code(), "to": to.code() });
    if let Some(reason) = close_reason {
        data["reason"] = reason.into();
    }
    let event = NewEvent {
        case_id,
        kind: "status_change",
        actor_user_id: user_id,
        body: "",
        data,
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
    due: Option<(i64, &str)>,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let update = sqlx::query(
        "UPDATE cases SET follow_up_at = $1, version = version + 1, updated_at = $2 \
         WHERE id = $3 AND version = $4",
    )
    .bind(due.map(|(at, _)| at))
    .bind(now)
    .bind(case_id)
    .bind(version);
    let event = NewEvent {
        case_id,
        kind: "follow_up",
        actor_user_id: user_id,
        body: "",
        data: serde_json::json!({ "on": due.map(|(_, day)| day) }),
        now,
    };
    Ok(Change::from_written(
        change_with_event(db, update, event).await?,
    ))
}

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
    /// `Some(0)`: no capacity left now (still offered, and shown as such).
    pub capacity_available: Option<i64>,
}

/// Active programs, by organization and name.
pub async fn program_choices(db: &Db) -> Result<Vec<ProgramChoice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, name, organization, capacity_available FROM programs \
         WHERE status = 'active' ORDER BY organization, name",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ProgramChoice {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                organization: r.try_get("organization")?,
                capacity_available: r.try_get("capacity_available")?,
            })
        })
        .collect()
}

/// What became of a referral change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferralChange {
    Done,
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
    let update = bump_version(case_id, version, now);
    let Some(mut tx) = begin_change(db, update).await? else {
        return Ok(ReferralChange::Stale);
    };
    let inserted = sqlx::query(
        "INSERT INTO referrals (case_id, program_id, status, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (case_id, program_id) DO NOTHING",
    )
    .bind(case_id)
    .bind(program.id)
    .bind(status.code())
    .bind(note)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        tx.rollback().await?;
        return Ok(ReferralChange::Refused);
    }
    let event = NewEvent {
        case_id,
        kind: "referral",
        actor_user_id: user_id,
        body: note,
        data: serde_json::json!({
            "program_id": program.id,
            "program": program.name,
            "to": status.code(),
        }),
        now,
    };
    finish_change(tx, event).await?;
    Ok(ReferralChange::Done)
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
    let update = bump_version(case_id, version, now);
    let Some(mut tx) = begin_change(db, update).await? else {
        return Ok(ReferralChange::Stale);
    };
    let changed = sqlx::query(
        "UPDATE referrals SET status = $1, updated_at = $2 WHERE id = $3 AND case_id = $4",
    )
    .bind(to.code())
    .bind(now)
    .bind(referral.id)
    .bind(case_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        tx.rollback().await?;
        return Ok(ReferralChange::Refused);
    }
    let event = NewEvent {
        case_id,
        kind: "referral",
        actor_user_id: user_id,
        body: note,
        data: serde_json::json!({
            "program_id": referral.program_id,
            "program": referral.program,
            "from": referral.status.code(),
            "to": to.code(),
        }),
        now,
    };
    finish_change(tx, event).await?;
    Ok(ReferralChange::Done)
}

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

/// Records the case's outcome (all of it, as the form shows it), if the case is still at
/// `version`.
pub async fn save_outcome(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    outcome: &Outcome,
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
    let event = NewEvent {
        case_id,
        kind: "outcome",
        actor_user_id: user_id,
        body: "",
        data: serde_json::to_value(outcome).unwrap_or_default(),
        now,
    };
    finish_change(tx, event).await?;
    Ok(Change::Done)
}

/// An active navigator a case may be given to, with their open cases against capacity.
#[derive(Clone, Debug)]
pub struct NavigatorChoice {
    pub id: i64,
    pub name: String,
    pub open_cases: i64,
    pub capacity: i64,
}

/// Active navigators with enabled accounts, by name.
pub async fn navigator_choices(db: &Db) -> Result<Vec<NavigatorChoice>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT n.id, u.name, n.capacity, \
         (SELECT COUNT(*) FROM cases c WHERE c.navigator_id = n.id AND c.status IN {ASSIGNED_OPEN}) \
         AS open_cases \
         FROM navigators n JOIN users u ON u.id = n.user_id \
         WHERE n.active = 1 AND u.disabled = 0 ORDER BY u.name, n.id"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(NavigatorChoice {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                open_cases: r.try_get("open_cases")?,
                capacity: r.try_get("capacity")?,
            })
        })
        .collect()
}

/// Gives open cases to a navigator, all in one transaction, each with its timeline event and
/// audit row. A new case becomes assigned; others keep their status. Cases that are closed,
/// resolved, unknown or already theirs are left alone. Returns how many changed.
pub async fn reassign(
    db: &Db,
    case_ids: &[i64],
    to: &NavigatorChoice,
    user_id: i64,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let mut changed = 0;
    for &case_id in case_ids {
        let from: Option<Option<i64>> = sqlx::query_scalar(&format!(
            "SELECT navigator_id FROM cases WHERE id = $1 AND status IN {ALL_OPEN}"
        ))
        .bind(case_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(from) = from else { continue };
        if from == Some(to.id) {
            continue;
        }
        let updated = sqlx::query(&format!(
            "UPDATE cases SET navigator_id = $1, \
             status = CASE WHEN status = 'new' THEN 'assigned' ELSE status END, \
             version = version + 1, updated_at = $2 WHERE id = $3 AND status IN {ALL_OPEN}"
        ))
        .bind(to.id)
        .bind(now)
        .bind(case_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            continue;
        }
        append_event(
            &mut tx,
            NewEvent {
                case_id,
                kind: "reassignment",
                actor_user_id: user_id,
                body: "",
                data: serde_json::json!({ "from": from, "to": to.id, "to_name": to.name }),
                now,
            },
        )
        .await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(changed)
}

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
    let (case_id, code) =
        crate::intake::store::insert_request_in(&mut tx, request, channel, now).await?;
    sqlx::query("UPDATE cases SET recorded_by = $1 WHERE id = $2")
        .bind(user_id)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE case_events SET actor_user_id = $1 WHERE case_id = $2 AND kind = 'created'",
    )
    .bind(user_id)
    .bind(case_id)
    .execute(&mut *tx)
    .await?;
    if let Some(how) = consent_how.filter(|_| request.sms_consent) {
        sqlx::query(
            "UPDATE residents SET sms_consent_source = $1 \
             WHERE id = (SELECT resident_id FROM cases WHERE id = $2)",
        )
        .bind(format!("staff_{}", how.code()))
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    }
    crate::db::audit::record_in(&mut tx, user_id, "record_request", case_id, now).await?;
    if let Some(navigator_id) = assign_to {
        sqlx::query(
            "UPDATE cases SET navigator_id = $1, status = 'assigned', version = version + 1 \
             WHERE id = $2",
        )
        .bind(navigator_id)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
        append_event(
            &mut tx,
            NewEvent {
                case_id,
                kind: "assignment",
                actor_user_id: user_id,
                body: "",
                data: serde_json::json!({ "navigator_id": navigator_id }),
                now,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok((case_id, code))
}

/// Every active navigator with what matching reads (languages, skills, home, radius, areas,
/// open cases against capacity).
pub async fn match_candidates(
    db: &Db,
) -> Result<Vec<crate::matching::navigators::Candidate>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT n.id, u.name, n.languages, n.skills, n.home_lat, n.home_lon, n.travel_radius_km, \
         n.capacity, \
         (SELECT COUNT(*) FROM cases c WHERE c.navigator_id = n.id AND c.status IN {ASSIGNED_OPEN}) \
         AS open_cases \
         FROM navigators n JOIN users u ON u.id = n.user_id \
         WHERE n.active = 1 AND u.disabled = 0 ORDER BY n.id"
    ))
    .fetch_all(&db.pool)
    .await?;
    let links: Vec<(i64, i64)> =
        sqlx::query_as("SELECT navigator_id, area_id FROM navigator_areas ORDER BY navigator_id")
            .fetch_all(&db.pool)
            .await?;
    let mut areas: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (navigator, area) in links {
        areas.entry(navigator).or_default().push(area);
    }
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let lat: Option<f64> = r.try_get("home_lat")?;
            let lon: Option<f64> = r.try_get("home_lon")?;
            Ok(crate::matching::navigators::Candidate {
                navigator_id: id,
                name: r.try_get("name")?,
                languages: r
                    .try_get::<String, _>("languages")?
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                skills: split_codes(&r.try_get::<String, _>("skills")?, Need::parse),
                home: lat.zip(lon),
                travel_radius_km: r.try_get("travel_radius_km")?,
                areas: areas.remove(&id).unwrap_or_default(),
                capacity: r.try_get("capacity")?,
                open_cases: r.try_get("open_cases")?,
                active: true,
            })
        })
        .collect()
}

/// A case as matching reads it: its language, needs and place, whether the resident asked for
/// an interpreter, and the navigators of the household's other cases (same phone number).
pub async fn match_request(
    db: &Db,
    case_id: i64,
) -> Result<Option<crate::matching::navigators::Request>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.language, c.needs, c.area_id, r.lat, r.lon, r.accessibility, r.phone \
         FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let phone: Option<String> = r.try_get("phone")?;
    let past_navigators: Vec<i64> = match &phone {
        Some(phone) => sqlx::query_scalar(
            "SELECT DISTINCT c.navigator_id FROM cases c JOIN residents r ON r.id = c.resident_id \
             WHERE r.phone = $1 AND c.id <> $2 AND c.navigator_id IS NOT NULL",
        )
        .bind(phone)
        .bind(case_id)
        .fetch_all(&db.pool)
        .await?,
        None => Vec::new(),
    };
    let lat: Option<f64> = r.try_get("lat")?;
    let lon: Option<f64> = r.try_get("lon")?;
    Ok(Some(crate::matching::navigators::Request {
        language: r.try_get("language")?,
        interpreter: split_codes(
            &r.try_get::<String, _>("accessibility")?,
            Accessibility::parse,
        )
        .contains(&Accessibility::Interpreter),
        needs: split_codes(&r.try_get::<String, _>("needs")?, Need::parse),
        area_id: r.try_get("area_id")?,
        location: lat.zip(lon),
        past_navigators,
    }))
}

/// Appends an event that navdesk itself made (no person named), on the caller's connection.
pub async fn append_system_event(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    kind: &str,
    body: &str,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
         VALUES ($1, $2, NULL, $3, $4, $5)",
    )
    .bind(case_id)
    .bind(kind)
    .bind(body)
    .bind(data.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives a new, unassigned case to `navigator_id` on navdesk's own account (no person did
/// it), with a timeline event carrying `data` (who and why). `false`, with nothing written,
/// when the case is no longer new and unassigned, or the navigator is no longer active or has
/// no room left. The navigator's row is locked first, so two app instances assigning at once
/// cannot both take a navigator's last place.
pub async fn auto_assign(
    db: &Db,
    case_id: i64,
    navigator_id: i64,
    data: serde_json::Value,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let locked =
        sqlx::query("UPDATE navigators SET capacity = capacity WHERE id = $1 AND active = 1")
            .bind(navigator_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    let assigned = locked == 1
        && sqlx::query(&format!(
            "UPDATE cases SET navigator_id = $1, status = 'assigned', version = version + 1, \
             updated_at = $2 WHERE id = $3 AND navigator_id IS NULL AND status = 'new' \
             AND (SELECT COUNT(*) FROM cases o WHERE o.navigator_id = $1 AND o.status IN {ASSIGNED_OPEN}) \
                 < (SELECT capacity FROM navigators WHERE id = $1)"
        ))
        .bind(navigator_id)
        .bind(now)
        .bind(case_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
    if !assigned {
        tx.rollback().await?;
        return Ok(false);
    }
    append_system_event(&mut tx, case_id, "auto_assignment", "", &data, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Takes every open case away from a navigator who is no longer active (profile deactivated
/// or account disabled), inside the caller's transaction: each goes back to `new` and
/// unassigned, with a timeline event and an audit row for `user_id`, who made the change.
/// Returns the cases released, for matching to place again.
pub async fn release_cases_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    navigator_id: i64,
    user_id: i64,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let from_name: String = sqlx::query_scalar(
        "SELECT u.name FROM navigators n JOIN users u ON u.id = n.user_id WHERE n.id = $1",
    )
    .bind(navigator_id)
    .fetch_optional(&mut **tx)
    .await?
    .unwrap_or_default();
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM cases WHERE navigator_id = $1 AND status IN {ALL_OPEN} ORDER BY created_at, id"
    ))
    .bind(navigator_id)
    .fetch_all(&mut **tx)
    .await?;
    for &case_id in &ids {
        sqlx::query(
            "UPDATE cases SET navigator_id = NULL, status = 'new', version = version + 1, \
             updated_at = $1 WHERE id = $2",
        )
        .bind(now)
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
        append_event(
            tx,
            NewEvent {
                case_id,
                kind: "release",
                actor_user_id: user_id,
                body: "",
                data: serde_json::json!({ "from": navigator_id, "from_name": from_name }),
                now,
            },
        )
        .await?;
    }
    Ok(ids)
}

/// The navigator profile of a staff account, if it has one.
pub async fn navigator_of_user(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM navigators WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `needs_contain` tests a substring: it is exact only while no need code is part of
    /// another (a new code like "net" would break it).
    #[test]
    fn no_need_code_is_part_of_another() {
        for a in Need::ALL {
            for b in Need::ALL {
                if a != b {
                    assert!(
                        !a.code().contains(b.code()),
                        "{} contains {}",
                        a.code(),
                        b.code()
                    );
                }
            }
        }
    }
}
