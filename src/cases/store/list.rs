//! The caseload's lists: a navigator's own cases, their queue, and a supervisor's filtered
//! view of every case, each a query built at run time and served by an index (a test in
//! `tests/cases.rs` checks the plans), with its count and page; and each list's call-backs,
//! which the first page shows on top.

use crate::domain::staff::QueueProfile;

use super::ASSIGNED_OPEN;
use crate::db::{Backend, Db};
use crate::domain::{split_codes, CaseStatus, Channel, Need};

pub const PAGE_SIZE: i64 = 50;

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
    pub channel: Option<Channel>,
    /// The number to dial when the case is a call-back (see `CALL_BACK`).
    pub call_back: Option<String>,
}

/// A request made by phone that is still open and that nobody has called back yet: the
/// caller is waiting for a call. Written as the partial index `cases_call_back` is (migration
/// 0014), so the database can use it.
pub(super) const CALL_BACK: &str =
    "c.channel = 'phone' AND c.first_contact_at IS NULL AND c.is_open = 1";

/// A text from the resident came after their navigator last opened the case (as
/// `CaseLine::unread_reply` reads it).
pub(super) const UNREAD_REPLY: &str = "c.last_reply_at IS NOT NULL \
     AND (c.reply_seen_at IS NULL OR c.reply_seen_at < c.last_reply_at)";

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

    /// `Due::of` in SQL, as its rank (0 for the first variant): `overdue` is the bind holding
    /// `now - first_contact_secs`, `now` the one holding now.
    pub(super) fn rank_sql(overdue: &str, now: &str) -> String {
        format!(
            "CASE WHEN c.first_contact_at IS NULL AND c.created_at <= {overdue} THEN 0 \
             WHEN c.follow_up_at IS NOT NULL AND c.follow_up_at <= {now} THEN 1 \
             WHEN c.first_contact_at IS NULL THEN 2 ELSE 3 END"
        )
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
pub(super) struct Where {
    conds: Vec<String>,
    pub(super) binds: Vec<Val>,
}

impl Where {
    pub(super) fn bind(&mut self, v: Val) -> String {
        self.binds.push(v);
        format!("${}", self.binds.len())
    }

    pub(super) fn and(&mut self, cond: impl Into<String>) {
        self.conds.push(cond.into());
    }

    pub(super) fn sql(&self) -> String {
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
    pub channel: Option<Channel>,
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
    pub(super) fn where_clause(&self, now: i64) -> Where {
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
                if let Some(channel) = f.channel {
                    let c = w.bind(Val::Text(channel.code().to_owned()));
                    w.and(format!("c.channel = {c}"));
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
                "{}, COALESCE(c.follow_up_at, c.created_at), c.id",
                Due::rank_sql(&overdue, &now)
            )
        }
        _ => "c.created_at, c.id".to_owned(),
    };
    let offset = (page.max(1) - 1) * PAGE_SIZE;
    lines_query("cases c", w, &order, offset)
}

/// The call-backs of a list, oldest first (at most a page of them), and its binds.
pub fn call_back_query(which: &List, now: i64, backend: Backend) -> (String, Vec<Val>) {
    let mut w = which.where_clause(now);
    w.and(CALL_BACK);
    // SQLite, without statistics, would rather walk the list's own index (every new or open
    // case, each looked up for its channel) than the few rows of the partial index.
    let from = match backend {
        Backend::Sqlite => "cases c INDEXED BY cases_call_back",
        Backend::Postgres => "cases c",
    };
    lines_query(from, w, "c.created_at, c.id", 0)
}

/// The lines `w` selects from `from` (`cases c`), in `order`, a page from `offset`.
pub(super) fn lines_query(
    from: &str,
    mut w: Where,
    order: &str,
    offset: i64,
) -> (String, Vec<Val>) {
    let limit = w.bind(Val::Int(PAGE_SIZE));
    let offset = w.bind(Val::Int(offset));
    let sql = format!(
        "SELECT c.id, c.ref_code, c.needs, c.language, c.status, c.created_at, \
         c.first_contact_at, c.follow_up_at, c.last_reply_at, c.reply_seen_at, c.channel, \
         CASE WHEN {CALL_BACK} THEN r.phone END AS call_back, \
         a.name AS area_name, u.name AS navigator_name \
         FROM {from} \
         JOIN residents r ON r.id = c.resident_id \
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
    lines(db, list_query(which, page, now, first_contact_secs)).await
}

/// The call-backs of a list, oldest first: at most a page, which the list's first page shows
/// on top.
pub async fn call_backs(db: &Db, which: &List, now: i64) -> Result<Vec<CaseLine>, sqlx::Error> {
    lines(db, call_back_query(which, now, db.backend)).await
}

/// The rows of a query built at run time.
pub(super) async fn rows(
    db: &Db,
    (sql, binds): (String, Vec<Val>),
) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
    bind_vals!(sqlx::query(&sql), binds)
        .fetch_all(&db.pool)
        .await
}

/// The columns `lines_query` selects, in order.
const LINE_COLUMNS: [&str; 14] = [
    "id",
    "ref_code",
    "needs",
    "language",
    "status",
    "created_at",
    "first_contact_at",
    "follow_up_at",
    "last_reply_at",
    "reply_seen_at",
    "channel",
    "call_back",
    "area_name",
    "navigator_name",
];

/// One row of `lines_query`, as `json_rows_sql` hands it over.
type LineRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The lines of a `lines_query`, read as one row (see `crate::db::json_rows`): a page of 50
/// lines is one hand-over from the database, not 50.
pub(super) async fn lines(
    db: &Db,
    (sql, binds): (String, Vec<Val>),
) -> Result<Vec<CaseLine>, sqlx::Error> {
    let sql = db.backend.json_rows_sql(&sql, &LINE_COLUMNS);
    let text: String = bind_vals!(sqlx::query_scalar(&sql), binds)
        .fetch_one(&db.pool)
        .await?;
    crate::db::parse_json_rows::<LineRow>(&text)?
        .into_iter()
        .map(|row| {
            let (id, ref_code, needs, language, status, created_at, first_contact_at) =
                (row.0, row.1, row.2, row.3, row.4, row.5, row.6);
            let (follow_up_at, last_reply_at, reply_seen_at, channel) =
                (row.7, row.8, row.9, row.10);
            let (call_back, area, navigator) = (row.11, row.12, row.13);
            Ok(CaseLine {
                id,
                ref_code,
                area,
                needs: split_codes(&needs, Need::parse),
                language,
                status: CaseStatus::parse(&status).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown case status {status:?}").into())
                })?,
                created_at,
                navigator,
                first_contact_at,
                follow_up_at,
                unread_reply: last_reply_at
                    .is_some_and(|at| reply_seen_at.is_none_or(|seen| seen < at)),
                channel: Channel::parse(&channel),
                call_back,
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
