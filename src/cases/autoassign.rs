//! Automatic assignment: a new request goes straight to the navigator who fits it best, when
//! the configured rule allows; otherwise it waits in the queue, where supervisors see the best
//! candidates. Cases of a navigator who stops being active come back through here too.
//!
//! Runs after the request is committed, never inside the resident's submission: matching or
//! the database being slow delays the assignment, not the resident's confirmation.

use crate::db::Db;
use crate::matching::navigators::{Pool, Reason};

use crate::config::AutoAssign;

/// How many of the best navigators to try, in order, when the first has just filled up.
const TRIES: usize = 3;

/// Gives case `case_id` to the navigator who fits it best, if `rule` allows and the case is
/// still new and unassigned. Returns the navigator it went to, or `None` (it stays queued).
pub async fn assign(
    db: &Db,
    rule: AutoAssign,
    case_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    if rule == AutoAssign::Off {
        return Ok(None);
    }
    let Some(request) = super::store::match_request(db, case_id).await? else {
        return Ok(None);
    };
    let candidates = super::store::match_candidates(db).await?;
    let names: std::collections::HashMap<i64, String> = candidates
        .iter()
        .map(|c| (c.navigator_id, c.name.clone()))
        .collect();
    let pool = Pool::new(candidates);
    let area: Option<String> = match request.area_id {
        Some(id) => {
            sqlx::query_scalar("SELECT name FROM areas WHERE id = $1")
                .bind(id)
                .fetch_optional(&db.pool)
                .await?
        }
        None => None,
    };
    let found = pool
        .best(&request, pool.len())
        .into_iter()
        .filter(|m| rule != AutoAssign::Covering || m.reasons.contains(&Reason::CoversArea))
        .take(TRIES);
    for m in found {
        let data = serde_json::json!({
            "navigator_id": m.navigator_id,
            "name": names.get(&m.navigator_id).cloned().unwrap_or_default(),
            "area": area,
            "rule": rule.code(),
            "reasons": m.reasons,
        });
        if super::store::auto_assign(db, case_id, m.navigator_id, data, now).await? {
            db.note_change();
            tracing::info!(
                case_id,
                navigator_id = m.navigator_id,
                rule = rule.code(),
                "case assigned automatically"
            );
            return Ok(Some(m.navigator_id));
        }
        // Either the case was taken meanwhile (then every later try fails the same way and
        // changes nothing) or this navigator just filled up: try the next.
    }
    tracing::info!(
        case_id,
        rule = rule.code(),
        "no navigator fits; the case waits in the queue"
    );
    Ok(None)
}

/// Assigns each case in turn (see `assign`), logging what fails rather than stopping: a case
/// that could not be assigned simply waits in the queue.
pub async fn assign_each(db: &Db, rule: AutoAssign, case_ids: &[i64]) {
    if rule == AutoAssign::Off {
        return;
    }
    for &case_id in case_ids {
        if let Err(err) = assign(db, rule, case_id, crate::db::now()).await {
            tracing::warn!(case_id, error = %err, "automatic assignment failed; the case stays queued");
        }
    }
}

/// `assign_each` on a task of its own, so the request that made the cases never waits for it.
pub fn spawn(db: Db, rule: AutoAssign, case_ids: Vec<i64>) {
    if rule == AutoAssign::Off || case_ids.is_empty() {
        return;
    }
    tokio::spawn(async move { assign_each(&db, rule, &case_ids).await });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_survive_the_timeline_event() {
        let reasons = vec![
            Reason::Speaks("es".into()),
            Reason::CoversArea,
            Reason::Distance { km: 2.5 },
            Reason::Load {
                open: 4,
                capacity: 12,
            },
            Reason::HelpedBefore,
            Reason::WithInterpreter,
        ];
        let stored = serde_json::json!({ "reasons": reasons }).to_string();
        let back: serde_json::Value = serde_json::from_str(&stored).unwrap();
        let read: Vec<Reason> = serde_json::from_value(back["reasons"].clone()).unwrap();
        assert_eq!(read, reasons);
    }
}
