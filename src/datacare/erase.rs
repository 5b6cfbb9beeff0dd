//! Erasure: the one routine that removes a resident's personal data (see the module's
//! documentation for what goes and what stays), the retention job built on it, erasing on
//! request, and the preview `erase-resident` shows first.

use serde_json::json;

use super::{audit_each_in, id_list, Selector, BATCH};
use crate::db::Db;
use crate::domain::CaseStatus;

/// A case that keeps its resident's data: open, or closed (resolved) at or after `$1`, or with
/// a device lent and not back yet (the program must know whom to ask for it).
const STILL_NEEDED: &str = "c.status NOT IN ('closed', 'resolved') \
     OR (c.status = 'closed' AND (c.closed_at IS NULL OR c.closed_at >= $1)) \
     OR (c.status = 'resolved' AND (c.resolved_at IS NULL OR c.resolved_at >= $1)) \
     OR EXISTS (SELECT 1 FROM loans l \
                WHERE l.case_id = c.id AND l.kind = 'loan' AND l.ended_at IS NULL)";

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
    out.residents = claim(conn, &list, scope, now).await?;
    if out.residents.is_empty() {
        return Ok(out);
    }
    let claimed = id_list(&out.residents);
    let cases = format!("SELECT id FROM cases WHERE resident_id IN ({claimed})");
    if scope == Scope::OnRequest {
        out.cases_closed = close_open_cases(conn, &claimed, &cases, now).await?;
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

    // Who had a device goes; the loan stays, anonymous, with the language and area copied at
    // lending (the reports' devices figures), and the device keeps its history.
    sqlx::query(&format!(
        "UPDATE loans SET case_id = NULL WHERE case_id IN ({cases})"
    ))
    .execute(&mut *conn)
    .await?;

    let numbers = numbers_of_their_own(conn, phones, &out.residents).await?;
    out.texts_cancelled = clear_texts(conn, &claimed, &cases, &numbers, now).await?;
    Ok(out)
}

/// Clears the residents' own columns; the first run to clear a resident is the one that counts
/// them. Returns their ids, in order.
async fn claim(
    conn: &mut sqlx::AnyConnection,
    list: &str,
    scope: Scope,
    now: i64,
) -> sqlx::Result<Vec<i64>> {
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
         age_band = NULL, accessibility = '', veteran = NULL, disability = NULL, erased_at = $1 \
         WHERE id IN ({list}) AND erased_at IS NULL{guard} RETURNING id"
    );
    let mut claim = sqlx::query_scalar(&claim_sql).bind(now);
    if let Scope::ClosedBefore(cutoff) = scope {
        claim = claim.bind(cutoff);
    }
    let mut ids: Vec<i64> = claim.fetch_all(&mut *conn).await?;
    ids.sort_unstable();
    Ok(ids)
}

/// Closes the open cases of the `claimed` residents (`declined`, with a status change on each
/// timeline) and withdraws their referrals still under way. Returns how many cases it closed.
async fn close_open_cases(
    conn: &mut sqlx::AnyConnection,
    claimed: &str,
    cases: &str,
    now: i64,
) -> sqlx::Result<usize> {
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
        crate::db::events::append_system_event(
            &mut *conn,
            *case_id,
            "status_change",
            "",
            &data,
            now,
        )
        .await?;
    }
    sqlx::query(&format!(
        "UPDATE referrals SET status = 'withdrawn', updated_at = $1 WHERE case_id IN ({cases}) \
         AND status IN ('suggested', 'referred', 'applied')"
    ))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(open.len())
}

/// The numbers of the cleared `residents`, unless a resident not cleared still uses one (that
/// resident's texts are theirs to keep).
async fn numbers_of_their_own(
    conn: &mut sqlx::AnyConnection,
    phones: Vec<(i64, Option<String>)>,
    residents: &[i64],
) -> sqlx::Result<Vec<String>> {
    let mut numbers = Vec::new();
    for (id, phone) in phones {
        let Some(phone) = phone.filter(|_| residents.contains(&id)) else {
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
    Ok(numbers)
}

/// Cancels the texts not yet sent to the `claimed` residents, their `cases` or their `numbers`,
/// and clears every such text's body, number and error. Returns how many it cancelled.
async fn clear_texts(
    conn: &mut sqlx::AnyConnection,
    claimed: &str,
    cases: &str,
    numbers: &[String],
    now: i64,
) -> sqlx::Result<u64> {
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
    let clear = format!(
        "UPDATE sms_messages SET body = '', error_message = NULL, updated_at = $1, \
         to_number = CASE WHEN direction = 'out' THEN '' ELSE to_number END, \
         from_number = CASE WHEN direction = 'in' THEN '' ELSE from_number END \
         WHERE ({texts}) AND (body <> '' OR error_message IS NOT NULL \
         OR (direction = 'out' AND to_number <> '') OR (direction = 'in' AND from_number <> ''))"
    );
    let cancelled = execute_binding_numbers(conn, &cancel, now, numbers).await?;
    execute_binding_numbers(conn, &clear, now, numbers).await?;
    Ok(cancelled)
}

/// Runs `sql` with `now` as `$1` and the `numbers` after it; returns the rows it changed.
async fn execute_binding_numbers(
    conn: &mut sqlx::AnyConnection,
    sql: &str,
    now: i64,
    numbers: &[String],
) -> sqlx::Result<u64> {
    let mut q = sqlx::query(sql).bind(now);
    for n in numbers {
        q = q.bind(n.clone());
    }
    Ok(q.execute(&mut *conn).await?.rows_affected())
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
                        crate::db::audit::record_actor_in(
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
