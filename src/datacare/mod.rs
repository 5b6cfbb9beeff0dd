//! Data care: how long residents' personal data is kept, and what a resident may ask for (a copy
//! of everything held about them, or its removal).
//!
//! **One erasure routine** (`erase`) serves the retention job (`run_retention`: residents whose
//! every case was closed, or resolved and never closed, longer ago than `NAVDESK_RETENTION_DAYS`)
//! and `navdesk erase-resident` (at once, on request).
//!
//! What it **removes**:
//! - the resident's name, phone, email, street address, exact point (lat/lon) and ZIP, household
//!   size, monthly income, benefits, age band and accessibility needs;
//! - each case's details (free text);
//! - the free text of every timeline event (notes, texts' bodies, referral notes), the referrals'
//!   notes and the outcome's plan name;
//! - every text to or from the resident (by resident, by case, and unlinked texts from or to
//!   their number when no other resident still uses it): body, the resident's number and the
//!   provider's error message. A text not yet sent is cancelled, so nothing goes to them.
//!
//! What it **keeps**, because the map, the reports and their CSV exports are built from it
//! (`maps::stats` reads cases' dates, statuses, area, language, needs and navigator, the outcome
//! codes, and the residents' race/ethnicity answers), or because it holds nothing personal:
//! the resident's area, language, contact method, race/ethnicity answer, dates of consent and
//! opt-out, and creation time; each case's reference code, needs, status, close reason, dates,
//! area, language, channel and navigator; timeline events' kinds, times and codes (without their
//! text); referrals' programs and statuses; outcome codes, counts and ratings. The resident row
//! gets `erased_at`, and staff see "personal data removed on DATE" instead of blanks.
//!
//! **Opt-outs stay honoured.** A number that said STOP stays in `sms_opt_outs` (number, date,
//! source and language only, with no link to any resident or case): it is what stops that
//! number from being texted again, so the number itself is kept there, in clear.
//!
//! Erasing is safe to repeat and to run from several app instances at once: a resident is
//! claimed by a guarded `UPDATE ... WHERE erased_at IS NULL`, so only one run clears (and counts)
//! them, and clearing a cleared row again changes nothing.

use std::fmt;

use serde_json::{json, Map, Value};
use sqlx::{Column, Row};

use crate::config::RetentionDays;
use crate::db::Db;
use crate::domain::{CaseStatus, PhoneNumber, RefCode};

/// Residents cleared in one transaction, so a run never holds SQLite's write lock for long.
pub const BATCH: usize = 500;

/// How often each app instance runs the retention job.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Which resident a request is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// The resident of the case with this reference code.
    Ref(RefCode),
    /// Every resident with this number (one per request they made).
    Phone(PhoneNumber),
}

impl Selector {
    /// From `--ref` or `--phone` as typed: a reference code as the status page takes it, a phone
    /// number as the request form takes it.
    pub fn parse(reference: Option<&str>, phone: Option<&str>) -> anyhow::Result<Selector> {
        match (reference, phone) {
            (Some(code), None) => RefCode::parse(code).map(Selector::Ref).ok_or_else(|| {
                anyhow::anyhow!(
                    "{code:?} is not a reference code (8 letters and digits, without 0, O, 1 or I)"
                )
            }),
            (None, Some(number)) => PhoneNumber::parse(number)
                .map(Selector::Phone)
                .map_err(|_| anyhow::anyhow!("{number:?} is not a phone number")),
            _ => anyhow::bail!("name the resident with either --ref CODE or --phone NUMBER"),
        }
    }

    /// The case the selector names, for the audit entry.
    fn case_code(&self) -> Option<&str> {
        match self {
            Selector::Ref(code) => Some(code.as_str()),
            Selector::Phone(_) => None,
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Ref(code) => write!(f, "reference code {}", code.as_str()),
            Selector::Phone(phone) => write!(f, "phone {}", phone.as_str()),
        }
    }
}

/// The residents (ids, oldest first) a selector matches, erased or not.
pub async fn find(db: &Db, selector: &Selector) -> sqlx::Result<Vec<i64>> {
    match selector {
        Selector::Ref(code) => {
            sqlx::query_scalar("SELECT resident_id FROM cases WHERE ref_code = $1")
                .bind(code.as_str())
                .fetch_all(&db.pool)
                .await
        }
        Selector::Phone(phone) => {
            sqlx::query_scalar("SELECT id FROM residents WHERE phone = $1 ORDER BY id")
                .bind(phone.as_str())
                .fetch_all(&db.pool)
                .await
        }
    }
}

/// Who asked for an export or an erasure, as the audit log names them: the person given with
/// `--requested-by` and the operating-system user who ran the command.
pub fn actor(requested_by: &str, command: &str) -> anyhow::Result<String> {
    let who = requested_by.trim();
    anyhow::ensure!(
        !who.is_empty(),
        "--requested-by must name who asked (for example the staff member handling the request)"
    );
    let os_user = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into());
    Ok(format!(
        "{who} (navdesk {command}, operating-system user {os_user})"
    ))
}

/// `id1, id2, ...` for an `IN` list: ids are numbers, so they are written into the SQL.
fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A case that keeps its resident's data: open, or closed (resolved) at or after `$1`.
const STILL_NEEDED: &str = "c.status NOT IN ('closed', 'resolved') \
     OR (c.status = 'closed' AND (c.closed_at IS NULL OR c.closed_at >= $1)) \
     OR (c.status = 'resolved' AND (c.resolved_at IS NULL OR c.resolved_at >= $1))";

/// Which residents `erase` may clear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Only those whose every case was closed before this moment (checked again as each
    /// resident is claimed, so a case reopened meanwhile keeps its resident).
    ClosedBefore(i64),
    /// Whatever their cases' state: open cases are closed (`declined`: the resident no longer
    /// wants help) and their referrals still under way withdrawn.
    OnRequest,
}

/// What one `erase` did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// The residents cleared by this call (not those cleared before).
    pub residents: Vec<i64>,
    /// Open cases it closed.
    pub cases_closed: usize,
    /// Texts not yet sent that it cancelled.
    pub texts_cancelled: u64,
}

/// Removes the personal data of `resident_ids` (see the module's documentation for what goes
/// and what stays) inside the caller's transaction. Residents already cleared, or (with
/// `Scope::ClosedBefore`) no longer old enough, are left alone.
pub async fn erase(
    conn: &mut sqlx::AnyConnection,
    resident_ids: &[i64],
    scope: Scope,
    now: i64,
) -> sqlx::Result<Erased> {
    let mut out = Erased::default();
    if resident_ids.is_empty() {
        return Ok(out);
    }
    let list = id_list(resident_ids);
    // Write first: on SQLite a transaction that reads and then writes fails at once when
    // another connection wrote in between, while one that starts by writing waits for the lock
    // (busy_timeout). On PostgreSQL this locks the rows, so a second eraser waits here and then
    // finds them cleared.
    sqlx::query(&format!(
        "UPDATE residents SET erased_at = erased_at WHERE id IN ({list}) AND erased_at IS NULL"
    ))
    .execute(&mut *conn)
    .await?;
    // Their numbers, before they are cleared, for texts that name only the number.
    let phones: Vec<(i64, Option<String>)> = sqlx::query_as(&format!(
        "SELECT id, phone FROM residents WHERE id IN ({list}) AND erased_at IS NULL"
    ))
    .fetch_all(&mut *conn)
    .await?;

    // The claim: the first run to clear a resident is the one that counts them.
    let guard = match scope {
        Scope::ClosedBefore(_) => format!(
            " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.resident_id = residents.id \
             AND ({}))",
            STILL_NEEDED.replace("$1", "$2")
        ),
        Scope::OnRequest => String::new(),
    };
    let claim_sql = format!(
        "UPDATE residents SET name = '', phone = NULL, email = NULL, address = NULL, zip = NULL, \
         lat = NULL, lon = NULL, household_size = NULL, monthly_income = NULL, benefits = '', \
         age_band = NULL, accessibility = '', erased_at = $1 \
         WHERE id IN ({list}) AND erased_at IS NULL{guard} RETURNING id"
    );
    let mut claim = sqlx::query_scalar(&claim_sql).bind(now);
    if let Scope::ClosedBefore(cutoff) = scope {
        claim = claim.bind(cutoff);
    }
    out.residents = claim.fetch_all(&mut *conn).await?;
    out.residents.sort_unstable();
    if out.residents.is_empty() {
        return Ok(out);
    }
    let claimed = id_list(&out.residents);
    let cases = format!("SELECT id FROM cases WHERE resident_id IN ({claimed})");

    if scope == Scope::OnRequest {
        let open: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT id, status FROM cases WHERE resident_id IN ({claimed}) \
             AND status NOT IN ('closed', 'resolved') ORDER BY id"
        ))
        .fetch_all(&mut *conn)
        .await?;
        for (case_id, from) in &open {
            sqlx::query(
                "UPDATE cases SET status = 'closed', close_reason = 'declined', closed_at = $1, \
                 updated_at = $1, version = version + 1, follow_up_at = NULL WHERE id = $2",
            )
            .bind(now)
            .bind(case_id)
            .execute(&mut *conn)
            .await?;
            let data = json!({
                "from": from,
                "to": CaseStatus::Closed.code(),
                "reason": "declined",
                "by": "erasure",
            });
            crate::cases::store::append_system_event(
                &mut *conn,
                *case_id,
                "status_change",
                "",
                &data,
                now,
            )
            .await?;
        }
        out.cases_closed = open.len();
        sqlx::query(&format!(
            "UPDATE referrals SET status = 'withdrawn', updated_at = $1 WHERE case_id IN ({cases}) \
             AND status IN ('suggested', 'referred', 'applied')"
        ))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }

    // Free text no figure reads. The plan's name is not in any figure either; clearing it
    // marks the period for a rebuild that gives the same sums.
    for (table, column, key, ids) in [
        ("cases", "details", "resident_id", &claimed),
        ("case_events", "body", "case_id", &cases),
        ("referrals", "note", "case_id", &cases),
        ("outcomes", "plan", "case_id", &cases),
    ] {
        // Names written here, never input.
        sqlx::query(&format!(
            "UPDATE {table} SET {column} = '' WHERE {key} IN ({ids}) AND {column} <> ''"
        ))
        .execute(&mut *conn)
        .await?;
    }

    // Their numbers, unless a resident not cleared still uses one (that resident's texts are
    // theirs to keep).
    let mut numbers = Vec::new();
    for (id, phone) in phones {
        let Some(phone) = phone.filter(|_| out.residents.contains(&id)) else {
            continue;
        };
        let shared: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM residents WHERE phone = $1 AND erased_at IS NULL LIMIT 1",
        )
        .bind(&phone)
        .fetch_optional(&mut *conn)
        .await?;
        if shared.is_none() && !numbers.contains(&phone) {
            numbers.push(phone);
        }
    }
    let mut texts = format!("resident_id IN ({claimed}) OR case_id IN ({cases})");
    if !numbers.is_empty() {
        // Texts tied to no resident or case (say, from a number we did not know yet), by number.
        let params = (0..numbers.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        texts.push_str(&format!(
            " OR (case_id IS NULL AND resident_id IS NULL \
             AND ((direction = 'in' AND from_number IN ({params})) \
             OR (direction = 'out' AND to_number IN ({params}))))"
        ));
    }
    let cancel = format!(
        "UPDATE sms_messages SET status = 'cancelled', updated_at = $1, lease_until = NULL \
         WHERE status IN ('scheduled', 'sending') AND ({texts})"
    );
    let mut q = sqlx::query(&cancel).bind(now);
    for n in &numbers {
        q = q.bind(n.clone());
    }
    out.texts_cancelled = q.execute(&mut *conn).await?.rows_affected();
    let clear = format!(
        "UPDATE sms_messages SET body = '', error_message = NULL, updated_at = $1, \
         to_number = CASE WHEN direction = 'out' THEN '' ELSE to_number END, \
         from_number = CASE WHEN direction = 'in' THEN '' ELSE from_number END \
         WHERE ({texts}) AND (body <> '' OR error_message IS NOT NULL \
         OR (direction = 'out' AND to_number <> '') OR (direction = 'in' AND from_number <> ''))"
    );
    let mut q = sqlx::query(&clear).bind(now);
    for n in &numbers {
        q = q.bind(n.clone());
    }
    q.execute(&mut *conn).await?;
    Ok(out)
}

/// Residents the retention job would clear now: not cleared yet, with cases, every one of them
/// closed (or resolved) before `cutoff`. At most `limit`, oldest first, from after `after_id`
/// (a run walks the residents once instead of reading the cleared ones again for each batch).
pub async fn due_for_retention(
    db: &Db,
    cutoff: i64,
    after_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(&format!(
        "SELECT r.id FROM residents r WHERE r.id > $2 AND r.erased_at IS NULL \
         AND EXISTS (SELECT 1 FROM cases c WHERE c.resident_id = r.id) \
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.resident_id = r.id AND ({STILL_NEEDED})) \
         ORDER BY r.id LIMIT $3"
    ))
    .bind(cutoff)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// What a retention run found or did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetentionRun {
    /// Residents cleared (or, in a dry run, that would be).
    pub residents: usize,
    /// Their cases.
    pub cases: i64,
}

/// Clears the residents whose cases were all closed before `cutoff`, `BATCH` a transaction.
/// A run that clears anyone writes one audit entry (the system's, `retention_erase`) with the
/// count, in the first batch's transaction, and brings its count up to date in each later one,
/// so every cleared resident is counted even if the run stops half-way. `dry_run`: counts and
/// changes nothing.
pub async fn run_retention(
    db: &Db,
    cutoff: i64,
    now: i64,
    dry_run: bool,
) -> sqlx::Result<RetentionRun> {
    let mut run = RetentionRun::default();
    if dry_run {
        let ids = due_for_retention(db, cutoff, 0, i64::MAX).await?;
        run.residents = ids.len();
        run.cases = count_cases(db, &ids).await?;
        return Ok(run);
    }
    let mut audit_id: Option<i64> = None;
    let mut after_id = 0;
    loop {
        let ids = due_for_retention(db, cutoff, after_id, BATCH as i64).await?;
        let Some(&last) = ids.last() else {
            break;
        };
        after_id = last;
        let mut tx = db.pool.begin().await?;
        let erased = erase(&mut tx, &ids, Scope::ClosedBefore(cutoff), now).await?;
        let n = erased.residents.len() as i64;
        if n > 0 {
            match audit_id {
                None => {
                    audit_id = Some(
                        crate::audit::record_actor_in(
                            &mut tx,
                            None,
                            "retention_erase",
                            None,
                            None,
                            Some(n),
                            now,
                        )
                        .await?,
                    );
                }
                Some(id) => {
                    sqlx::query(
                        "UPDATE audit_log SET residents_count = residents_count + $1 WHERE id = $2",
                    )
                    .bind(n)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        run.residents += erased.residents.len();
        run.cases += count_cases(db, &erased.residents).await?;
    }
    if run.residents > 0 {
        db.note_change();
    }
    Ok(run)
}

async fn count_cases(db: &Db, residents: &[i64]) -> sqlx::Result<i64> {
    let mut total = 0;
    for chunk in residents.chunks(BATCH) {
        total += sqlx::query_scalar::<_, i64>(&format!(
            "SELECT COUNT(*) FROM cases WHERE resident_id IN ({})",
            id_list(chunk)
        ))
        .fetch_one(&db.pool)
        .await?;
    }
    Ok(total)
}

/// Runs the retention job now and then every hour, on this instance (several instances may:
/// each resident is cleared once). `days` off: nothing runs.
pub fn start(db: Db, days: RetentionDays) {
    if days.0.is_none() {
        tracing::info!("retention is off (NAVDESK_RETENTION_DAYS=off)");
        return;
    }
    tokio::spawn(async move {
        loop {
            let now = crate::db::now();
            if let Some(cutoff) = days.cutoff(now) {
                match run_retention(&db, cutoff, now, false).await {
                    Ok(run) if run.residents > 0 => tracing::info!(
                        residents = run.residents,
                        cases = run.cases,
                        days = %days,
                        "retention: personal data of residents whose cases closed long ago removed"
                    ),
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "retention run failed"),
                }
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// Each row as a JSON object: numbers, text and NULL as they are stored.
fn rows_json(rows: &[sqlx::any::AnyRow]) -> Vec<Value> {
    rows.iter()
        .map(|row| {
            let mut object = Map::new();
            for (i, column) in row.columns().iter().enumerate() {
                let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
                    json!(v)
                } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
                    json!(v)
                } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
                    json!(v)
                } else if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
                    json!(v)
                } else {
                    Value::Null
                };
                object.insert(column.name().to_owned(), value);
            }
            Value::Object(object)
        })
        .collect()
}

async fn select(db: &Db, sql: &str, id: i64) -> sqlx::Result<Vec<Value>> {
    let rows = sqlx::query(sql).bind(id).fetch_all(&db.pool).await?;
    Ok(rows_json(&rows))
}

/// Everything held about `resident_ids`: each resident's row, and for each of their cases the
/// case, its needs, timeline, referrals, outcome and texts; texts from or to their numbers
/// that belong to no case; and whether each number is opted out of texts.
pub async fn export(db: &Db, resident_ids: &[i64], now: i64) -> sqlx::Result<Value> {
    let mut residents = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for &id in resident_ids {
        let Some(mut resident) = select(db, "SELECT * FROM residents WHERE id = $1", id)
            .await?
            .pop()
        else {
            continue;
        };
        if let Some(phone) = resident["phone"].as_str() {
            if !numbers.iter().any(|n| n == phone) {
                numbers.push(phone.to_owned());
            }
        }
        let mut cases = Vec::new();
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM cases WHERE resident_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(&db.pool)
                .await?;
        for case_id in ids {
            let Some(mut case) = select(db, "SELECT * FROM cases WHERE id = $1", case_id)
                .await?
                .pop()
            else {
                continue;
            };
            let needs: Vec<String> = case["needs"]
                .as_str()
                .unwrap_or_default()
                .split(',')
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
            case["needs"] = json!(needs);
            case["timeline"] = json!(
                select(
                    db,
                    "SELECT id, kind, actor_user_id, body, data, created_at FROM case_events \
                     WHERE case_id = $1 ORDER BY id",
                    case_id
                )
                .await?
            );
            case["referrals"] = json!(
                select(
                    db,
                    "SELECT f.id, f.program_id, p.organization AS program_organization, \
                     p.name AS program_name, f.status, f.note, f.created_at, f.updated_at \
                     FROM referrals f JOIN programs p ON p.id = f.program_id \
                     WHERE f.case_id = $1 ORDER BY f.id",
                    case_id
                )
                .await?
            );
            case["outcome"] = select(db, "SELECT * FROM outcomes WHERE case_id = $1", case_id)
                .await?
                .pop()
                .unwrap_or(Value::Null);
            case["texts"] = json!(
                select(
                    db,
                    "SELECT id, direction, to_number, from_number, body, kind, status, \
                     created_at, sent_at, error_code, error_message FROM sms_messages \
                     WHERE case_id = $1 ORDER BY id",
                    case_id
                )
                .await?
            );
            cases.push(case);
        }
        resident["cases"] = json!(cases);
        resident["texts_without_a_case"] = json!(
            select(
                db,
                "SELECT id, direction, to_number, from_number, body, kind, status, created_at, \
                 sent_at, error_code, error_message FROM sms_messages \
                 WHERE resident_id = $1 AND case_id IS NULL ORDER BY id",
                id
            )
            .await?
        );
        residents.push(resident);
    }
    let mut by_number = Vec::new();
    for number in &numbers {
        let opt_out = sqlx::query(
            "SELECT phone, opted_out_at, source, language FROM sms_opt_outs WHERE phone = $1",
        )
        .bind(number)
        .fetch_all(&db.pool)
        .await?;
        let unlinked = sqlx::query(
            "SELECT id, direction, to_number, from_number, body, kind, status, created_at, \
             sent_at, error_code, error_message FROM sms_messages \
             WHERE case_id IS NULL AND resident_id IS NULL \
             AND ((direction = 'in' AND from_number = $1) OR (direction = 'out' AND to_number = $1)) \
             ORDER BY id",
        )
        .bind(number)
        .fetch_all(&db.pool)
        .await?;
        by_number.push(json!({
            "phone": number,
            "sms_opt_out": rows_json(&opt_out).pop().unwrap_or(Value::Null),
            "texts_without_a_resident": rows_json(&unlinked),
        }));
    }
    Ok(json!({
        "exported_at": jiff::Timestamp::from_second(now).map(|t| t.to_string()).unwrap_or_default(),
        "residents": residents,
        "phone_numbers": by_number,
    }))
}

/// Writes one audit entry per resident for `action` by `actor`: on the case the selector named,
/// or on the resident.
pub async fn audit_each(
    db: &Db,
    actor: &str,
    action: &str,
    selector: &Selector,
    resident_ids: &[i64],
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = db.pool.begin().await?;
    audit_each_in(&mut tx, actor, action, selector, resident_ids, now).await?;
    tx.commit().await
}

async fn audit_each_in(
    conn: &mut sqlx::AnyConnection,
    actor: &str,
    action: &str,
    selector: &Selector,
    resident_ids: &[i64],
    now: i64,
) -> sqlx::Result<()> {
    let case_id: Option<i64> = match selector.case_code() {
        Some(code) => {
            sqlx::query_scalar("SELECT id FROM cases WHERE ref_code = $1")
                .bind(code)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    for &id in resident_ids {
        crate::audit::record_actor_in(conn, Some(actor), action, case_id, Some(id), None, now)
            .await?;
    }
    Ok(())
}

/// What `erase-resident` would remove: per resident, their cases (code and status), and how
/// many texts and timeline notes there are.
#[derive(Clone, Debug, Default)]
pub struct Preview {
    pub residents: Vec<(i64, bool)>,
    pub cases: Vec<(String, String)>,
    pub texts: i64,
    pub texts_waiting: i64,
}

pub async fn preview(db: &Db, resident_ids: &[i64]) -> sqlx::Result<Preview> {
    let mut p = Preview::default();
    if resident_ids.is_empty() {
        return Ok(p);
    }
    let list = id_list(resident_ids);
    p.residents = sqlx::query_as::<_, (i64, Option<i64>)>(&format!(
        "SELECT id, erased_at FROM residents WHERE id IN ({list}) ORDER BY id"
    ))
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id, erased)| (id, erased.is_some()))
    .collect();
    p.cases = sqlx::query_as(&format!(
        "SELECT ref_code, status FROM cases WHERE resident_id IN ({list}) ORDER BY id"
    ))
    .fetch_all(&db.pool)
    .await?;
    let texts = format!(
        "(resident_id IN ({list}) OR case_id IN (SELECT id FROM cases WHERE resident_id IN ({list})))"
    );
    p.texts = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM sms_messages WHERE {texts}"))
        .fetch_one(&db.pool)
        .await?;
    p.texts_waiting = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM sms_messages WHERE {texts} AND status IN ('scheduled', 'sending')"
    ))
    .fetch_one(&db.pool)
    .await?;
    Ok(p)
}

/// Clears `resident_ids` now, on request, with one audit entry each (`erase_resident`, by
/// `actor`) in the same transaction.
pub async fn erase_on_request(
    db: &Db,
    actor: &str,
    selector: &Selector,
    resident_ids: &[i64],
    now: i64,
) -> sqlx::Result<Erased> {
    let mut tx = db.pool.begin().await?;
    let erased = erase(&mut tx, resident_ids, Scope::OnRequest, now).await?;
    audit_each_in(
        &mut tx,
        actor,
        "erase_resident",
        selector,
        &erased.residents,
        now,
    )
    .await?;
    tx.commit().await?;
    db.note_change();
    Ok(erased)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_like_the_app() {
        assert_eq!(
            Selector::parse(Some("abcd-efgh"), None).unwrap(),
            Selector::Ref(RefCode::parse("ABCDEFGH").unwrap())
        );
        assert_eq!(
            Selector::parse(None, Some("(303) 555-0123")).unwrap(),
            Selector::Phone(PhoneNumber::parse("+13035550123").unwrap())
        );
        assert!(Selector::parse(Some("O0O0O0O0"), None).is_err());
        assert!(Selector::parse(None, Some("call me")).is_err());
        assert!(Selector::parse(None, None).is_err());
    }
}
