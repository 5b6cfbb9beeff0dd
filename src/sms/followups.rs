//! Follow-up texts and what the answers to them change.
//!
//! Every minute each app instance looks for what is due and stores it in the outbox under a
//! key naming the case or referral and the question, so a text is planned once however many
//! instances look and however often:
//!
//! - "still working on it", when a request has waited unassigned for 2 days;
//! - "did you apply? 1 yes, 2 no, 3 I need help", 3 days after a referral;
//! - "is your internet still working?", 30 and 90 days after a case was resolved with the
//!   resident connected at home;
//! - "how happy are you, 1 to 5", when a case is closed.
//!
//! Only residents who agreed to texts, and whose number has not said STOP, get them; the outbox
//! worker holds them for quiet hours. A question is asked only within a week of when it fell
//! due, so a server that was off for a month does not ask stale questions.
//!
//! `apply_answer` reads a structured reply (a digit, yes or no in any language) against the
//! last question sent to that number and updates the referral or outcome.

use sqlx::Row;

use super::keywords::Meaning;
use super::outbox::{self, Kind, NewText};
use crate::db::Db;
use crate::i18n::{I18n, Lang};

const DAY: i64 = 86_400;

use crate::config::Followups;

/// Residents who may get texts: they agreed, and their number has not said STOP.
pub const REACHABLE: &str = "r.phone IS NOT NULL AND r.sms_consent_at IS NOT NULL \
     AND NOT EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = r.phone)";

/// One follow-up to plan.
struct Due {
    key: String,
    case_id: i64,
    resident_id: i64,
    phone: String,
    language: Lang,
    kind: Kind,
    message: &'static str,
    code: String,
    program: Option<String>,
}

async fn rows(db: &Db, sql: &str, binds: &[i64]) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
    let mut query = sqlx::query(sql);
    for b in binds {
        query = query.bind(*b);
    }
    query.fetch_all(&db.pool).await
}

/// Stores every follow-up due at `now` that is not yet stored; returns how many it stored.
pub async fn plan_due(
    db: &Db,
    i18n: &I18n,
    schedule: &Followups,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let mut due = Vec::new();
    let base = "c.id AS case_id, r.id AS resident_id, r.phone, c.language, c.ref_code";

    // Waiting unassigned for two days.
    if let Some(after) = schedule.still_waiting_after {
        let since = now - after;
        for r in rows(
            db,
            &format!(
                "SELECT {base} FROM cases c JOIN residents r ON r.id = c.resident_id \
                 WHERE c.status = 'new' AND c.navigator_id IS NULL \
                   AND c.created_at <= $1 AND c.created_at > $2 AND {REACHABLE}"
            ),
            &[since, since - schedule.stale_after],
        )
        .await?
        {
            due.push(read(
                &r,
                "still-waiting",
                Kind::StillWaiting,
                "sms-still-waiting",
                None,
            )?);
        }
    }

    // Referred three days ago, no news since.
    if let Some(after) = schedule.did_you_apply_after {
        let since = now - after;
        for r in rows(
            db,
            &format!(
                "SELECT {base}, f.id AS referral_id, p.name AS program FROM referrals f \
                 JOIN cases c ON c.id = f.case_id JOIN residents r ON r.id = c.resident_id \
                 JOIN programs p ON p.id = f.program_id \
                 WHERE f.status = 'referred' AND f.updated_at <= $1 AND f.updated_at > $2 \
                   AND {REACHABLE}"
            ),
            &[since, since - schedule.stale_after],
        )
        .await?
        {
            let referral: i64 = r.try_get("referral_id")?;
            let mut d = read(
                &r,
                "",
                Kind::DidYouApply,
                "sms-did-you-apply",
                r.try_get("program")?,
            )?;
            d.key = format!("referral-{referral}-did-you-apply");
            due.push(d);
        }
    }

    // Still connected, 30 and 90 days after the case was resolved connected at home.
    for &days in &schedule.connected_checks {
        let since = now - days * DAY;
        for r in rows(
            db,
            &format!(
                "SELECT {base} FROM cases c JOIN residents r ON r.id = c.resident_id \
                 JOIN outcomes o ON o.case_id = c.id \
                 WHERE c.resolved_at <= $1 AND c.resolved_at > $2 \
                   AND o.connected_at_home = 1 AND {REACHABLE}"
            ),
            &[since, since - schedule.stale_after],
        )
        .await?
        {
            due.push(read(
                &r,
                &format!("connected-{days}"),
                Kind::StillConnected,
                "sms-still-connected",
                None,
            )?);
        }
    }

    // Closed: how happy were they with the help?
    if schedule.satisfaction {
        for r in rows(
            db,
            &format!(
                "SELECT {base} FROM cases c JOIN residents r ON r.id = c.resident_id \
                 WHERE c.closed_at <= $1 AND c.closed_at > $2 AND c.status = 'closed' \
                   AND {REACHABLE}"
            ),
            &[now, now - schedule.stale_after],
        )
        .await?
        {
            due.push(read(
                &r,
                "satisfaction",
                Kind::Satisfaction,
                "sms-satisfaction",
                None,
            )?);
        }
    }

    let mut stored = 0;
    for d in due {
        let body = i18n.format_sms(
            d.language,
            d.message,
            &[
                ("code", d.code.clone().into()),
                ("program", d.program.clone().unwrap_or_default().into()),
            ],
        );
        let text = NewText {
            case_id: Some(d.case_id),
            resident_id: Some(d.resident_id),
            to: d.phone,
            body,
            kind: d.kind,
            immediate: false,
            not_before: now,
            idempotency_key: d.key,
            created_by: None,
        };
        if outbox::enqueue(db, &text, now).await?.is_some() {
            stored += 1;
        }
    }
    if stored > 0 {
        tracing::info!(stored, "follow-up texts planned");
    }
    Ok(stored)
}

fn read(
    r: &sqlx::any::AnyRow,
    what: &str,
    kind: Kind,
    message: &'static str,
    program: Option<String>,
) -> Result<Due, sqlx::Error> {
    let case_id: i64 = r.try_get("case_id")?;
    let language: String = r.try_get("language")?;
    Ok(Due {
        key: format!("case-{case_id}-{what}"),
        case_id,
        resident_id: r.try_get("resident_id")?,
        phone: r.try_get("phone")?,
        language: Lang::parse(&language).unwrap_or(Lang::EN),
        kind,
        message,
        code: r.try_get("ref_code")?,
        program,
    })
}

/// Plans follow-ups every minute until its task is aborted.
pub fn start(
    db: Db,
    i18n: std::sync::Arc<I18n>,
    schedule: Followups,
    outbox: super::worker::Outbox,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let minute = std::time::Duration::from_secs(60);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
        loop {
            every.tick().await;
            match plan_due(&db, &i18n, &schedule, crate::db::now()).await {
                Ok(0) => {}
                Ok(_) => outbox.wake(),
                Err(err) => tracing::warn!(error = %err, "follow-ups not planned this minute"),
            }
        }
    })
}

/// What an answer changed, for the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The referral moved to `applied`.
    Applied {
        referral_id: i64,
    },
    /// `connected_30_days` / `connected_90_days` set.
    StillConnected {
        days: i64,
        yes: bool,
    },
    Satisfaction(i64),
    /// An answer that asks for a person ("3, I need help", "no" to still connected).
    NeedsHelp,
    /// Not an answer to a question we asked lately.
    Nothing,
}

/// The last follow-up question texted to `phone` in the past two weeks that a reply may
/// answer: its kind, idempotency key and case.
pub async fn last_question(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
    now: i64,
) -> Result<Option<(String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, idempotency_key, case_id FROM sms_messages \
         WHERE to_number = $1 AND direction = 'out' \
           AND kind IN ('did_you_apply', 'still_connected', 'satisfaction') \
           AND created_at > $2 AND status NOT IN ('scheduled', 'cancelled', 'failed') \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(phone)
    .bind(now - 14 * DAY)
    .fetch_optional(&mut *conn)
    .await
}

/// Reads `meaning` as the answer to the last question texted to `phone` in the past two
/// weeks, and records it on `tx`. The caller puts the reply on the timeline.
pub async fn apply_answer(
    tx: &mut sqlx::AnyConnection,
    phone: &str,
    meaning: &Meaning,
    now: i64,
) -> Result<Applied, sqlx::Error> {
    let Some((kind, key, Some(case_id))) = last_question(tx, phone, now).await? else {
        return Ok(Applied::Nothing);
    };
    let yes = matches!(meaning, Meaning::Yes | Meaning::Digit(1));
    let no = matches!(meaning, Meaning::No | Meaning::Digit(2));
    match kind.as_str() {
        "did_you_apply" => {
            let referral_id: Option<i64> = key
                .strip_prefix("referral-")
                .and_then(|k| k.strip_suffix("-did-you-apply"))
                .and_then(|id| id.parse().ok());
            let Some(referral_id) = referral_id else {
                return Ok(Applied::Nothing);
            };
            if yes {
                let moved = sqlx::query(
                    "UPDATE referrals SET status = 'applied', updated_at = $1 \
                     WHERE id = $2 AND status = 'referred'",
                )
                .bind(now)
                .bind(referral_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved == 1 {
                    let program: String = sqlx::query_scalar(
                        "SELECT p.name FROM referrals f JOIN programs p ON p.id = f.program_id \
                         WHERE f.id = $1",
                    )
                    .bind(referral_id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let data = serde_json::json!({
                        "referral_id": referral_id, "program": program,
                        "from": "referred", "to": "applied", "by": "resident_text"
                    });
                    crate::db::events::append_system_event(tx, case_id, "referral", "", &data, now)
                        .await?;
                }
                Ok(Applied::Applied { referral_id })
            } else if matches!(meaning, Meaning::Digit(3)) {
                Ok(Applied::NeedsHelp)
            } else {
                Ok(Applied::Nothing)
            }
        }
        "still_connected" if yes || no => {
            let days: i64 = if key.ends_with("-connected-90") {
                90
            } else {
                30
            };
            let column = if days == 90 {
                "connected_90_days"
            } else {
                "connected_30_days"
            };
            sqlx::query(&format!(
                "INSERT INTO outcomes (case_id, {column}, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (case_id) DO UPDATE SET {column} = excluded.{column}, \
                   updated_at = excluded.updated_at"
            ))
            .bind(case_id)
            .bind(i64::from(yes))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if yes {
                Ok(Applied::StillConnected { days, yes })
            } else {
                Ok(Applied::NeedsHelp)
            }
        }
        "satisfaction" => match meaning {
            Meaning::Digit(n) if (1..=5).contains(n) => {
                sqlx::query(
                    "INSERT INTO outcomes (case_id, satisfaction, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (case_id) DO UPDATE SET satisfaction = excluded.satisfaction, \
                       updated_at = excluded.updated_at",
                )
                .bind(case_id)
                .bind(i64::from(*n))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                Ok(Applied::Satisfaction(i64::from(*n)))
            }
            _ => Ok(Applied::Nothing),
        },
        _ => Ok(Applied::Nothing),
    }
}
