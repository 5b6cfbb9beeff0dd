//! The day at a glance: what a navigator's own open cases need today, and each active
//! navigator's load for a supervisor. Each is one query on the index `cases_navigator_status`
//! (a test in `tests/cases.rs` checks the plans), with the states defined as the caseload
//! defines them (`Due`, `CALL_BACK`, `UNREAD_REPLY`).

use sqlx::Row;

use super::list::{lines, lines_query, rows, Due, List, Val, Where, CALL_BACK, UNREAD_REPLY};
use super::{CaseLine, ASSIGNED_OPEN};
use crate::db::Db;

/// How many of a navigator's own open cases are in each state of the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCounts {
    pub first_contacts_overdue: i64,
    pub follow_ups_due: i64,
    pub unread_replies: i64,
    pub call_backs: i64,
}

/// One active navigator's load, as the supervisor's table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavigatorLoad {
    pub id: i64,
    pub name: String,
    pub capacity: i64,
    pub open_cases: i64,
    pub first_contacts_overdue: i64,
    pub follow_ups_due: i64,
    pub unread_replies: i64,
    /// When the oldest of their open cases came in.
    pub oldest_created_at: Option<i64>,
}

/// The counting columns both queries share, for the cases `c` (binds added to `w`).
fn state_counts(w: &mut Where, now: i64, first_contact_secs: i64) -> String {
    let overdue = w.bind(Val::Int(now - first_contact_secs));
    let now = w.bind(Val::Int(now));
    let rank = Due::rank_sql(&overdue, &now);
    format!(
        "COUNT(CASE WHEN {rank} = 0 THEN 1 END) AS first_contacts_overdue, \
         COUNT(CASE WHEN {rank} = 1 THEN 1 END) AS follow_ups_due, \
         COUNT(CASE WHEN {UNREAD_REPLY} THEN 1 END) AS unread_replies"
    )
}

/// The query behind `day_counts` and its binds.
pub fn day_counts_query(
    navigator_id: i64,
    now: i64,
    first_contact_secs: i64,
) -> (String, Vec<Val>) {
    let mut w = List::Mine(navigator_id).where_clause(now);
    let counts = state_counts(&mut w, now, first_contact_secs);
    let sql = format!(
        "SELECT {counts}, COUNT(CASE WHEN {CALL_BACK} THEN 1 END) AS call_backs \
         FROM cases c WHERE {}",
        w.sql()
    );
    (sql, w.binds)
}

/// What a navigator's own open cases need today.
pub async fn day_counts(
    db: &Db,
    navigator_id: i64,
    now: i64,
    first_contact_secs: i64,
) -> Result<DayCounts, sqlx::Error> {
    let found = rows(db, day_counts_query(navigator_id, now, first_contact_secs)).await?;
    let Some(r) = found.first() else {
        return Ok(DayCounts::default());
    };
    Ok(DayCounts {
        first_contacts_overdue: r.try_get("first_contacts_overdue")?,
        follow_ups_due: r.try_get("follow_ups_due")?,
        unread_replies: r.try_get("unread_replies")?,
        call_backs: r.try_get("call_backs")?,
    })
}

/// The query behind `day_lines` and its binds.
pub fn day_lines_query(navigator_id: i64, now: i64, first_contact_secs: i64) -> (String, Vec<Val>) {
    let mut w = List::Mine(navigator_id).where_clause(now);
    let overdue = w.bind(Val::Int(now - first_contact_secs));
    let now = w.bind(Val::Int(now));
    let rank = Due::rank_sql(&overdue, &now);
    w.and(format!("({rank} < 2 OR {UNREAD_REPLY})"));
    let order = format!("{rank}, COALESCE(c.follow_up_at, c.created_at), c.id");
    lines_query("cases c", w, &order, 0)
}

/// A navigator's own open cases whose first contact is overdue, whose follow-up is due or
/// with a reply unread: most urgent first, a page of them at most (the counts say how many
/// there are in all). Call-backs are the lists' own (`call_backs`).
pub async fn day_lines(
    db: &Db,
    navigator_id: i64,
    now: i64,
    first_contact_secs: i64,
) -> Result<Vec<CaseLine>, sqlx::Error> {
    lines(db, day_lines_query(navigator_id, now, first_contact_secs)).await
}

/// The query behind `navigator_loads` and its binds: every active navigator grouped with
/// their open cases, in one query.
pub fn navigator_loads_query(now: i64, first_contact_secs: i64) -> (String, Vec<Val>) {
    let mut w = Where::default();
    let counts = state_counts(&mut w, now, first_contact_secs);
    let sql = format!(
        "SELECT n.id, u.name, n.capacity, COUNT(c.id) AS open_cases, {counts}, \
         MIN(c.created_at) AS oldest_created_at \
         FROM navigators n JOIN users u ON u.id = n.user_id \
         LEFT JOIN cases c ON c.navigator_id = n.id AND c.status IN {ASSIGNED_OPEN} \
         WHERE n.active = 1 AND u.disabled = 0 \
         GROUP BY n.id, u.name, n.capacity ORDER BY u.name, n.id"
    );
    (sql, w.binds)
}

/// Every active navigator (with an enabled account) and their load, by name.
pub async fn navigator_loads(
    db: &Db,
    now: i64,
    first_contact_secs: i64,
) -> Result<Vec<NavigatorLoad>, sqlx::Error> {
    rows(db, navigator_loads_query(now, first_contact_secs))
        .await?
        .iter()
        .map(|r| {
            Ok(NavigatorLoad {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                capacity: r.try_get("capacity")?,
                open_cases: r.try_get("open_cases")?,
                first_contacts_overdue: r.try_get("first_contacts_overdue")?,
                follow_ups_due: r.try_get("follow_ups_due")?,
                unread_replies: r.try_get("unread_replies")?,
                oldest_created_at: r.try_get("oldest_created_at")?,
            })
        })
        .collect()
}
