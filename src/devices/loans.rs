//! Lending and giving devices to a resident's case, and their return, extension or loss. Each
//! change is one transaction that writes the loan, the device's status and history
//! (`device_events`) and the case's timeline together. A device leaves stock only by the
//! conditional `UPDATE devices .. WHERE status = 'available'`: of two navigators pressing at
//! once, on any number of instances, one gets the row and the other a clear refusal; the
//! partial unique index on open loans backs that up.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use sqlx::Row;

use super::model::Condition;
use crate::db::Db;

/// How far ahead a due date may be set.
pub const MAX_LOAN_DAYS: i64 = 366;

/// Lent until a day, or given for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lending {
    Loan { due_on: Date },
    Gift,
}

impl Lending {
    pub fn code(self) -> &'static str {
        match self {
            Lending::Loan { .. } => "loan",
            Lending::Gift => "gift",
        }
    }

    /// The device's status while it is out this way.
    fn status(self) -> &'static str {
        match self {
            Lending::Loan { .. } => "on_loan",
            Lending::Gift => "given",
        }
    }
}

/// How a loan ends: back in a condition (broken goes to repair), or lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Returned { condition: Condition },
    Lost,
}

/// A loan or gift of a case, with the device's tag and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loan {
    pub id: i64,
    pub device_id: i64,
    /// `None` once retention or erasure removed the resident.
    pub case_id: Option<i64>,
    pub asset_tag: String,
    pub device_kind: String,
    /// `loan` or `gift`.
    pub kind: String,
    pub lent_at: i64,
    pub due_on: Option<String>,
    pub extensions: i64,
    pub ended_at: Option<i64>,
    /// `returned` or `lost`.
    pub ended_how: Option<String>,
    pub return_condition: Option<String>,
    /// The resident asked by text for more time, not answered yet.
    pub extension_asked_at: Option<i64>,
}

impl Loan {
    /// A loan still out (a gift is never "out").
    pub fn is_open(&self) -> bool {
        self.kind == "loan" && self.ended_at.is_none()
    }

    /// Out past its due day (`today` in the city's time zone).
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open()
            && self
                .due_on
                .as_deref()
                .and_then(|d| d.parse::<Date>().ok())
                .is_some_and(|due| due < today)
    }
}

/// A device that may be lent, as the case page offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Available {
    pub id: i64,
    pub asset_tag: String,
    pub kind: String,
    pub program: String,
    pub site: Option<String>,
}

/// Why a device could not be lent, returned or extended. Nothing is stored in any case.
#[derive(Debug, thiserror::Error)]
pub enum LoanError {
    /// The device is not available: its status now (`on_loan`, `in_repair`, `lost`, ...).
    #[error("the device is {0}")]
    NotAvailable(String),
    #[error("no such device")]
    NoDevice,
    /// The due date is before today in the city's time zone, or too far ahead.
    #[error("the due date is not allowed")]
    BadDue,
    /// No open loan of this case by that id (returned meanwhile, or another case's).
    #[error("no such open loan")]
    NoLoan,
    #[error("no such case")]
    NoCase,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The city's date at `now`.
pub fn today(tz: &TimeZone, now: i64) -> Date {
    jiff::Timestamp::from_second(now)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone())
        .date()
}

/// Reads a due date as typed (`YYYY-MM-DD`): from today up to [`MAX_LOAN_DAYS`] ahead.
pub fn due_date(tz: &TimeZone, raw: &str, now: i64) -> Result<Date, LoanError> {
    let day: Date = raw.trim().parse().map_err(|_| LoanError::BadDue)?;
    let today = today(tz, now);
    let last = today
        .checked_add(jiff::Span::new().days(MAX_LOAN_DAYS))
        .map_err(|_| LoanError::BadDue)?;
    if day < today || day > last {
        return Err(LoanError::BadDue);
    }
    Ok(day)
}

/// The outcome's "device received" type for a device kind.
fn received_type(kind: &str) -> &'static str {
    match kind {
        "hotspot" => "hotspot",
        "laptop" | "chromebook" => "laptop",
        "tablet" => "tablet",
        _ => "other",
    }
}

const SELECT: &str =
    "SELECT l.id, l.device_id, l.case_id, d.asset_tag, d.kind AS device_kind, l.kind, \
     l.lent_at, l.due_on, l.extensions, l.ended_at, l.ended_how, l.return_condition, \
     l.extension_asked_at FROM loans l JOIN devices d ON d.id = l.device_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Loan, sqlx::Error> {
    Ok(Loan {
        id: r.try_get("id")?,
        device_id: r.try_get("device_id")?,
        case_id: r.try_get("case_id")?,
        asset_tag: r.try_get("asset_tag")?,
        device_kind: r.try_get("device_kind")?,
        kind: r.try_get("kind")?,
        lent_at: r.try_get("lent_at")?,
        due_on: r.try_get("due_on")?,
        extensions: r.try_get("extensions")?,
        ended_at: r.try_get("ended_at")?,
        ended_how: r.try_get("ended_how")?,
        return_condition: r.try_get("return_condition")?,
        extension_asked_at: r.try_get("extension_asked_at")?,
    })
}

/// The case's loans and gifts: those still out first, then the newest.
pub async fn for_case(db: &Db, case_id: i64) -> Result<Vec<Loan>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE l.case_id = $1 \
         ORDER BY CASE WHEN l.ended_at IS NULL THEN 0 ELSE 1 END, l.lent_at DESC, l.id DESC \
         LIMIT 50"
    ))
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

async fn get_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Option<Loan>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE l.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// At most `limit` available devices for the case: those of programs it is referred to first,
/// then those kept nearest the resident, then those kept nowhere in particular; by kind and
/// tag within each. A few small queries on the indexes rather than one sort of all the stock,
/// so a case page stays fast with thousands of devices.
pub async fn available_for_case(
    db: &Db,
    case_id: i64,
    limit: i64,
) -> Result<Vec<Available>, sqlx::Error> {
    let point: Option<(Option<f64>, Option<f64>)> = sqlx::query_as(
        "SELECT r.lat, r.lon FROM cases c JOIN residents r ON r.id = c.resident_id \
         WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&db.pool)
    .await?;
    let referred: Vec<i64> = sqlx::query_scalar(
        "SELECT program_id FROM referrals WHERE case_id = $1 \
         AND status NOT IN ('denied', 'not_eligible', 'withdrawn') ORDER BY program_id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    let mut sites: Vec<(i64, Option<f64>, Option<f64>)> = sqlx::query_as(
        "SELECT s.id, s.lat, s.lon FROM sites s WHERE EXISTS (SELECT 1 FROM devices d \
         WHERE d.site_id = s.id AND d.status = 'available')",
    )
    .fetch_all(&db.pool)
    .await?;
    if let Some((Some(lat), Some(lon))) = point {
        let away = |s: &(i64, Option<f64>, Option<f64>)| match (s.1, s.2) {
            (Some(a), Some(b)) => (a - lat).powi(2) + (b - lon).powi(2),
            _ => f64::INFINITY,
        };
        sites.sort_by(|x, y| away(x).total_cmp(&away(y)).then(x.0.cmp(&y.0)));
    }
    let groups = referred
        .iter()
        .map(|&p| ("d.program_id = $1", p))
        .chain(sites.iter().map(|s| ("d.site_id = $1", s.0)))
        // Every id is above 0: the same query shape, one parameter of one type.
        .chain(std::iter::once(("d.site_id IS NULL AND d.id > $1", 0)));
    let mut found: Vec<Available> = Vec::new();
    for (filter, value) in groups {
        let left = limit - found.len() as i64;
        if left <= 0 {
            break;
        }
        let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(&format!(
            "SELECT d.id, d.asset_tag, d.kind, p.name, s.name FROM devices d \
             JOIN programs p ON p.id = d.program_id LEFT JOIN sites s ON s.id = d.site_id \
             WHERE {filter} AND d.status = 'available' \
             ORDER BY d.kind, LOWER(d.asset_tag) LIMIT $2"
        ))
        .bind(value)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
        for (id, asset_tag, kind, program, site) in rows {
            if found.len() as i64 >= limit || found.iter().any(|f| f.id == id) {
                continue;
            }
            found.push(Available {
                id,
                asset_tag,
                kind,
                program,
                site,
            });
        }
    }
    Ok(found)
}

/// One row of a device's history, on the caller's transaction.
async fn device_event(
    conn: &mut sqlx::AnyConnection,
    device_id: i64,
    user_id: Option<i64>,
    (action, loan_id): (&str, i64),
    (from, to): (&str, &str),
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO device_events (device_id, at, user_id, action, loan_id, from_status, \
         to_status, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(device_id)
    .bind(now)
    .bind(user_id)
    .bind(action)
    .bind(loan_id)
    .bind(from)
    .bind(to)
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}

fn event_data(loan: &Loan) -> serde_json::Value {
    serde_json::json!({
        "loan_id": loan.id,
        "device_id": loan.device_id,
        "asset_tag": loan.asset_tag,
        "device_kind": loan.device_kind,
        "due_on": loan.due_on,
    })
}

/// Lends or gives device `device_id` to the case, by staff member `user_id`; fills the case's
/// "device received" outcome.
pub async fn lend(
    db: &Db,
    case_id: i64,
    device_id: i64,
    how: Lending,
    user_id: i64,
    now: i64,
) -> Result<Loan, LoanError> {
    let mut tx = db.begin_write().await?;
    let case: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT language, area_id FROM cases WHERE id = $1")
            .bind(case_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (language, area_id) = case.ok_or(LoanError::NoCase)?;
    let taken = sqlx::query(
        "UPDATE devices SET status = $1, version = version + 1, updated_at = $2 \
         WHERE id = $3 AND status = 'available'",
    )
    .bind(how.status())
    .bind(now)
    .bind(device_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !taken {
        let status: Option<String> = sqlx::query_scalar("SELECT status FROM devices WHERE id = $1")
            .bind(device_id)
            .fetch_optional(&mut *tx)
            .await?;
        tx.rollback().await?;
        return Err(status.map_or(LoanError::NoDevice, LoanError::NotAvailable));
    }
    let due_on = match how {
        Lending::Loan { due_on } => Some(due_on.to_string()),
        Lending::Gift => None,
    };
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO loans (device_id, case_id, kind, language, area_id, lent_by_user_id, \
         lent_at, due_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(device_id)
    .bind(case_id)
    .bind(how.code())
    .bind(&language)
    .bind(area_id)
    .bind(user_id)
    .bind(now)
    .bind(&due_on)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(LoanError::NotAvailable("on_loan".into()))
        }
        Err(e) => return Err(e.into()),
    };
    let loan = get_on(&mut tx, id).await?.ok_or(LoanError::NoLoan)?;
    let action = match how {
        Lending::Loan { .. } => "lent",
        Lending::Gift => "given",
    };
    let detail = due_on.as_deref().map(|d| format!("due {d}"));
    device_event(
        &mut tx,
        device_id,
        Some(user_id),
        (action, id),
        ("available", how.status()),
        detail.as_deref().unwrap_or_default(),
        now,
    )
    .await?;
    let kind = format!("device_{action}");
    crate::db::events::append_staff_event(
        &mut tx,
        case_id,
        &kind,
        user_id,
        &event_data(&loan),
        now,
    )
    .await?;
    // The outcome's other answers stay as they are; only the device received is filled.
    sqlx::query(
        "INSERT INTO outcomes (case_id, device_type, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (case_id) DO UPDATE SET device_type = excluded.device_type, \
         updated_at = excluded.updated_at",
    )
    .bind(case_id)
    .bind(received_type(&loan.device_kind))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The case changed under any form opened before: an outcome form saved from an older page
    // is shown back as a conflict instead of writing over the device received.
    sqlx::query("UPDATE cases SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    db.note_change();
    tracing::info!(
        loan = id,
        case = case_id,
        device = device_id,
        how = how.code(),
        "device lent"
    );
    Ok(loan)
}

/// The case's open loan `loan_id`, on the caller's transaction.
async fn open_loan(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    loan_id: i64,
) -> Result<Loan, LoanError> {
    match get_on(conn, loan_id).await? {
        Some(loan) if loan.is_open() && loan.case_id == Some(case_id) => Ok(loan),
        _ => Err(LoanError::NoLoan),
    }
}

/// Ends the case's open loan: the device back (available again, or in repair when it came back
/// broken) or lost.
pub async fn end(
    db: &Db,
    case_id: i64,
    loan_id: i64,
    ending: Ending,
    user_id: i64,
    now: i64,
) -> Result<Loan, LoanError> {
    let mut tx = db.begin_write().await?;
    let loan = open_loan(&mut tx, case_id, loan_id).await?;
    let (how, condition, to) = match ending {
        Ending::Returned { condition } => (
            "returned",
            Some(condition.code()),
            if condition == Condition::Broken {
                "in_repair"
            } else {
                "available"
            },
        ),
        Ending::Lost => ("lost", None, "lost"),
    };
    let ended = sqlx::query(
        "UPDATE loans SET ended_at = $1, ended_how = $2, return_condition = $3 \
         WHERE id = $4 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(how)
    .bind(condition)
    .bind(loan_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !ended {
        tx.rollback().await?;
        return Err(LoanError::NoLoan);
    }
    sqlx::query(
        "UPDATE devices SET status = $1, condition = COALESCE($2, condition), \
         version = version + 1, updated_at = $3 WHERE id = $4",
    )
    .bind(to)
    .bind(condition)
    .bind(now)
    .bind(loan.device_id)
    .execute(&mut *tx)
    .await?;
    let detail = condition.map(|c| format!("condition {c}"));
    device_event(
        &mut tx,
        loan.device_id,
        Some(user_id),
        (how, loan_id),
        ("on_loan", to),
        detail.as_deref().unwrap_or_default(),
        now,
    )
    .await?;
    let mut data = event_data(&loan);
    data["condition"] = condition.into();
    data["to"] = to.into();
    crate::db::events::append_staff_event(
        &mut tx,
        case_id,
        &format!("device_{how}"),
        user_id,
        &data,
        now,
    )
    .await?;
    tx.commit().await?;
    db.note_change();
    tracing::info!(loan = loan_id, case = case_id, how, "loan ended");
    Ok(loan)
}

/// Moves the case's open loan's due day to `due_on`; its reminders start again from there,
/// and a request for more time by text counts as answered.
pub async fn extend(
    db: &Db,
    case_id: i64,
    loan_id: i64,
    due_on: Date,
    user_id: i64,
    now: i64,
) -> Result<Loan, LoanError> {
    let mut tx = db.begin_write().await?;
    let loan = open_loan(&mut tx, case_id, loan_id).await?;
    let due = due_on.to_string();
    sqlx::query(
        "UPDATE loans SET due_on = $1, extensions = extensions + 1, extension_asked_at = NULL, \
         reminded_due_at = NULL, overdue_texts = 0, overdue_texted_at = NULL \
         WHERE id = $2 AND ended_at IS NULL",
    )
    .bind(&due)
    .bind(loan_id)
    .execute(&mut *tx)
    .await?;
    let from = loan.due_on.clone().unwrap_or_default();
    device_event(
        &mut tx,
        loan.device_id,
        Some(user_id),
        ("extended", loan_id),
        ("on_loan", "on_loan"),
        &format!("due {from} -> {due}"),
        now,
    )
    .await?;
    let mut data = event_data(&loan);
    data["from"] = from.into();
    data["due_on"] = due.clone().into();
    crate::db::events::append_staff_event(&mut tx, case_id, "device_extended", user_id, &data, now)
        .await?;
    tx.commit().await?;
    db.note_change();
    tracing::info!(loan = loan_id, case = case_id, due = %due, "loan extended");
    Ok(Loan {
        due_on: Some(due),
        ..loan
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_from_today_in_the_city_up_to_a_year() {
        let tz = TimeZone::get("America/Denver").unwrap();
        // 2026-01-15 23:30 MST is already the 16th in UTC: the city's today is the 15th.
        let now = "2026-01-16T06:30:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second();
        assert_eq!(today(&tz, now).to_string(), "2026-01-15");
        assert!(due_date(&tz, "2026-01-15", now).is_ok());
        assert!(due_date(&tz, " 2026-02-01 ", now).is_ok());
        for bad in ["2026-01-14", "2027-01-17", "", "15/01/2026", "2026-02-30"] {
            assert!(
                matches!(due_date(&tz, bad, now), Err(LoanError::BadDue)),
                "{bad}"
            );
        }
    }

    #[test]
    fn device_kinds_fill_the_outcome() {
        assert_eq!(received_type("hotspot"), "hotspot");
        assert_eq!(received_type("chromebook"), "laptop");
        assert_eq!(received_type("laptop"), "laptop");
        assert_eq!(received_type("tablet"), "tablet");
        assert_eq!(received_type("other"), "other");
    }
}
