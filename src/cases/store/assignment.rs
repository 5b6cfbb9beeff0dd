//! Who a case goes to: a navigator taking it from the queue, a supervisor (re)assigning it,
//! navdesk assigning it by itself, and cases released when their navigator stops; with what
//! matching reads to choose a navigator.

use sqlx::Row;

use super::change::{append_event, change_with_event, Change, NewEvent};
use super::{ALL_OPEN, ASSIGNED_OPEN};
use crate::db::events::append_system_event;
use crate::db::Db;
use crate::domain::{split_codes, Accessibility, Need};

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
    let event = NewEvent::new(case_id, "assignment", user_id, now)
        .with_data(serde_json::json!({ "navigator_id": navigator_id }));
    Ok(matches!(
        change_with_event(db, update, event).await?,
        Change::Done(_)
    ))
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
            NewEvent::new(case_id, "reassignment", user_id, now)
                .with_data(serde_json::json!({ "from": from, "to": to.id, "to_name": to.name })),
        )
        .await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(changed)
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
            NewEvent::new(case_id, "release", user_id, now)
                .with_data(serde_json::json!({ "from": navigator_id, "from_name": from_name })),
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
