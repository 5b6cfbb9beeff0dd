//! Data care: how long residents' personal data is kept, and what a resident may ask for (a copy
//! of everything held about them, or its removal).
//!
//! **One erasure routine** (`erase`) serves the retention job (`run_retention`: residents whose
//! every case was closed, or resolved and never closed, longer ago than `NAVDESK_RETENTION_DAYS`)
//! and `navdesk erase-resident` (at once, on request). Retention waits while a resident still
//! has a device lent to them (a loan not returned or marked lost).
//!
//! What it **removes**:
//! - the resident's name, phone, email, street address, exact point (lat/lon) and ZIP, household
//!   size, monthly income, benefits, age band, accessibility needs and the answers to the
//!   optional veteran and disability questions;
//! - each case's details (free text);
//! - the free text of every timeline event (notes, texts' bodies, referral notes), the referrals'
//!   notes and the outcome's plan name;
//! - who had a device: each loan or gift of theirs loses its case (`loans.case_id` NULL) and
//!   stays as an anonymous one, with the language and area copied at lending, so the reports'
//!   device figures do not change; the device keeps its history (which names no resident);
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
//!
//! Here: the settings, who a request is about, the audit entries and the retention job's loop;
//! `erase` removes, `export` gathers a resident's data.

mod erase;
mod export;

use std::fmt;

use crate::config::RetentionDays;
use crate::db::Db;
use crate::domain::{PhoneNumber, RefCode};

pub use erase::{
    due_for_retention, erase, erase_on_request, preview, run_retention, Erased, Preview,
    RetentionRun, Scope,
};
pub use export::export;

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
        crate::db::audit::record_actor_in(conn, Some(actor), action, case_id, Some(id), None, now)
            .await?;
    }
    Ok(())
}

/// Runs the retention job now and then every hour, on this instance (several instances may:
/// each resident is cleared once). `days` off: nothing runs.
pub fn start(db: Db, days: RetentionDays) -> Option<tokio::task::JoinHandle<()>> {
    if days.0.is_none() {
        tracing::info!("retention is off (NAVDESK_RETENTION_DAYS=off)");
        return None;
    }
    Some(tokio::spawn(async move {
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
    }))
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
