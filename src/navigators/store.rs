//! Navigator profiles in the database: the list, one profile with its areas, and the writes,
//! each one transaction with its audit row.

use sqlx::Row;

use super::form::{NavigatorForm, NavigatorValues};
use crate::db::audit::{record_staff_in, Target};
use crate::db::{Db, LinkTable, Page};

/// Profiles on one page of the list.
pub const PAGE_SIZE: i64 = 50;

/// One line of the list.
#[derive(Clone, Debug)]
pub struct NavigatorLine {
    pub id: i64,
    pub name: String,
    pub languages: String,
    pub skills: String,
    pub capacity: i64,
    pub open_cases: i64,
    pub areas: i64,
    pub active: bool,
}

/// Alphabetical, `PAGE_SIZE` a page (`page` counts from 1), plus whether there is more.
pub async fn list(db: &Db, page: i64) -> sqlx::Result<(Vec<NavigatorLine>, bool)> {
    // Open means not resolved or closed, as in caseloads.
    let query = sqlx::query(
        "SELECT n.id, u.name, n.languages, n.skills, n.capacity, n.active, \
           (SELECT COUNT(*) FROM cases c WHERE c.navigator_id = n.id \
              AND c.status NOT IN ('resolved', 'closed')) AS open_cases, \
           (SELECT COUNT(*) FROM navigator_areas a WHERE a.navigator_id = n.id) AS areas \
         FROM navigators n JOIN users u ON u.id = n.user_id \
         ORDER BY u.name, n.id LIMIT $1 OFFSET $2",
    );
    let (rows, more) = Page::new(page, PAGE_SIZE).fetch(db, query).await?;
    let lines = rows
        .iter()
        .map(|r| {
            Ok(NavigatorLine {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                languages: r.try_get("languages")?,
                skills: r.try_get("skills")?,
                capacity: r.try_get("capacity")?,
                open_cases: r.try_get("open_cases")?,
                areas: r.try_get("areas")?,
                active: r.try_get::<i64, _>("active")? != 0,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok((lines, more))
}

/// One profile and whose it is.
#[derive(Clone, Debug)]
pub struct NavigatorDetail {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub version: i64,
    pub form: NavigatorForm,
}

fn number_text(n: Option<f64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

pub async fn detail(db: &Db, id: i64) -> sqlx::Result<Option<NavigatorDetail>> {
    let Some(r) = sqlx::query(
        "SELECT n.id, n.user_id, u.name, u.email, n.languages, n.skills, n.capacity, \
                n.home_lat, n.home_lon, n.travel_radius_km, n.active, n.version \
         FROM navigators n JOIN users u ON u.id = n.user_id WHERE n.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let areas = AREAS.linked(db, id).await?;
    Ok(Some(NavigatorDetail {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        version: r.try_get("version")?,
        form: NavigatorForm {
            languages: split(&r.try_get::<String, _>("languages")?),
            skills: split(&r.try_get::<String, _>("skills")?),
            capacity: r.try_get::<i64, _>("capacity")?.to_string(),
            home_lat: number_text(r.try_get("home_lat")?),
            home_lon: number_text(r.try_get("home_lon")?),
            travel_radius_km: number_text(r.try_get("travel_radius_km")?),
            areas: areas.iter().map(i64::to_string).collect(),
            active: r.try_get::<i64, _>("active")? != 0,
        },
    }))
}

/// Accounts of role navigator that have no profile yet (and are not disabled): (id, name, email).
pub async fn users_without_profile(db: &Db) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT u.id, u.name, u.email FROM users u \
         WHERE u.role = 'navigator' AND u.disabled = 0 \
           AND NOT EXISTS (SELECT 1 FROM navigators n WHERE n.user_id = u.id) \
         ORDER BY u.name, u.id",
    )
    .fetch_all(&db.pool)
    .await
}

/// The areas each navigator serves.
const AREAS: LinkTable = LinkTable {
    table: "navigator_areas",
    owner: "navigator_id",
    linked: "area_id",
};

/// Makes the profile of `user_id`; `None` when that account already has one (someone was
/// quicker) — nothing is stored then.
pub async fn create(
    db: &Db,
    user_id: i64,
    values: &NavigatorValues,
    actor: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query_scalar(
        "INSERT INTO navigators (user_id, languages, skills, home_lat, home_lon, \
           travel_radius_km, capacity, active) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM users \
         WHERE id = $1 AND role = 'navigator' RETURNING id",
    )
    // Not cached: through sqlx's `Any`, PostgreSQL gets a missing number as `real` and a
    // present one as `double precision`, and a statement prepared for one refuses the other.
    .persistent(false)
    .bind(user_id)
    .bind(values.languages_text())
    .bind(values.skills_text())
    .bind(values.home.map(|h| h.0))
    .bind(values.home.map(|h| h.1))
    .bind(values.travel_radius_km)
    .bind(values.capacity)
    .bind(i64::from(values.active))
    .fetch_optional(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(Some(id)) => id,
        Ok(None) => return Ok(None),
        Err(err) if crate::db::is_unique_violation(&err) => return Ok(None),
        Err(err) => return Err(err),
    };
    AREAS.replace(&mut tx, id, &values.area_ids).await?;
    record_staff_in(
        &mut tx,
        actor,
        "create_navigator",
        Target::User(user_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Saves a profile and its areas when it is still at `version`; `None` (nothing changed) when
/// someone else saved it since. Saving a profile as inactive returns its open cases to the
/// queue (their ids come back for matching to place again) and cancels its future
/// appointments, each resident told by text (see `siteday::cancel`).
pub async fn update(
    db: &Db,
    id: i64,
    version: i64,
    values: &NavigatorValues,
    actor: i64,
    notice: crate::siteday::cancel::Notice<'_>,
    now: i64,
) -> sqlx::Result<Option<Vec<i64>>> {
    let mut tx = db.pool.begin().await?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE navigators SET languages = $1, skills = $2, home_lat = $3, home_lon = $4, \
           travel_radius_km = $5, capacity = $6, active = $7, version = version + 1 \
         WHERE id = $8 AND version = $9 RETURNING user_id",
    )
    // Not cached, for the reason given in `create`.
    .persistent(false)
    .bind(values.languages_text())
    .bind(values.skills_text())
    .bind(values.home.map(|h| h.0))
    .bind(values.home.map(|h| h.1))
    .bind(values.travel_radius_km)
    .bind(values.capacity)
    .bind(i64::from(values.active))
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    AREAS.replace(&mut tx, id, &values.area_ids).await?;
    record_staff_in(&mut tx, actor, "edit_navigator", Target::User(user_id), now).await?;
    let released = if values.active {
        Vec::new()
    } else {
        crate::siteday::cancel::cancel_future_of(&mut tx, id, notice, now).await?;
        crate::cases::store::release_cases_of(&mut tx, id, actor, now).await?
    };
    tx.commit().await?;
    Ok(Some(released))
}
