//! Resource programs in the database: the list, one program with its areas, and the writes,
//! each one transaction with its audit row.

use sqlx::Row;

use super::form::{ProgramForm, ProgramValues};
use crate::db::audit::{record_staff_in, Target};
use crate::db::{stock, Db, LinkTable, Page};

/// Programs on one page of the list.
pub const PAGE_SIZE: i64 = 50;

/// One line of the list.
#[derive(Clone, Debug)]
pub struct ProgramLine {
    pub id: i64,
    pub organization: String,
    pub name: String,
    pub categories: String,
    pub capacity_available: Option<i64>,
    /// The places are the program's available devices (issue 18).
    pub from_inventory: bool,
    pub status: String,
    /// Imported as a draft and not saved by anyone since (see `draft_sql`).
    pub draft: bool,
    pub last_verified_at: Option<i64>,
}

/// SQL that is 1 when the programs row `program` is a draft: inactive, imported as a draft
/// (`programs::hsds`), and not changed, checked or imported again since (nothing later in the
/// audit log about it). Found through the audit log's index on `user_id` (imports have none)
/// and, after the import's entry, its ids in order.
pub fn draft_sql(program: &str) -> String {
    format!(
        "CASE WHEN {program}.status = 'inactive' AND EXISTS (\
            SELECT 1 FROM audit_log draft_d \
            WHERE draft_d.user_id IS NULL AND draft_d.program_id = {program}.id \
              AND draft_d.action = '{}' \
              AND NOT EXISTS (SELECT 1 FROM audit_log draft_e \
                              WHERE draft_e.id > draft_d.id \
                                AND draft_e.program_id = {program}.id)) \
         THEN 1 ELSE 0 END",
        super::hsds::IMPORTED_DRAFT
    )
}

/// By organization and name, `PAGE_SIZE` a page (`page` counts from 1), plus whether there is
/// more.
pub async fn list(db: &Db, page: i64) -> sqlx::Result<(Vec<ProgramLine>, bool)> {
    let sql = format!(
        "SELECT id, organization, name, categories, {} AS capacity_available, \
                {} AS from_inventory, status, {} AS draft, last_verified_at \
         FROM programs ORDER BY organization, name, id LIMIT $1 OFFSET $2",
        stock::places("programs"),
        stock::from_inventory("programs"),
        draft_sql("programs"),
    );
    let (rows, more) = Page::new(page, PAGE_SIZE)
        .fetch(db, sqlx::query(&sql))
        .await?;
    let lines = rows
        .iter()
        .map(|r| {
            Ok(ProgramLine {
                id: r.try_get("id")?,
                organization: r.try_get("organization")?,
                name: r.try_get("name")?,
                categories: r.try_get("categories")?,
                capacity_available: r.try_get("capacity_available")?,
                from_inventory: r.try_get::<i64, _>("from_inventory")? == 1,
                status: r.try_get("status")?,
                draft: r.try_get::<i64, _>("draft")? == 1,
                last_verified_at: r.try_get("last_verified_at")?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok((lines, more))
}

/// One program as its form shows it.
#[derive(Clone, Debug)]
pub struct ProgramDetail {
    pub id: i64,
    pub version: i64,
    pub last_verified_at: Option<i64>,
    /// `Some(available devices)` when the program's places come from the inventory: its form
    /// then shows them instead of the number typed by hand (issue 18).
    pub inventory: Option<i64>,
    pub form: ProgramForm,
}

fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

fn number_text(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

pub async fn detail(db: &Db, id: i64) -> sqlx::Result<Option<ProgramDetail>> {
    let Some(r) = sqlx::query(&format!(
        "SELECT id, organization, name, description, categories, max_income_pct_fpg, \
                qualifying_benefits, min_age, languages, cost, url, phone, application_process, \
                capacity_available, {} AS places, \
                {} AS from_inventory, \
                site_id, status, last_verified_at, version \
         FROM programs WHERE id = $1",
        stock::places("programs"),
        stock::from_inventory("programs"),
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let areas = AREAS.linked(db, id).await?;
    Ok(Some(ProgramDetail {
        id: r.try_get("id")?,
        version: r.try_get("version")?,
        last_verified_at: r.try_get("last_verified_at")?,
        inventory: if r.try_get::<i64, _>("from_inventory")? == 1 {
            r.try_get("places")?
        } else {
            None
        },
        form: ProgramForm {
            organization: r.try_get("organization")?,
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            categories: split(&r.try_get::<String, _>("categories")?),
            max_income_pct_fpg: number_text(r.try_get("max_income_pct_fpg")?),
            qualifying_benefits: split(&r.try_get::<String, _>("qualifying_benefits")?),
            min_age: number_text(r.try_get("min_age")?),
            languages: split(&r.try_get::<String, _>("languages")?),
            cost: r.try_get("cost")?,
            url: r.try_get::<Option<String>, _>("url")?.unwrap_or_default(),
            phone: r.try_get::<Option<String>, _>("phone")?.unwrap_or_default(),
            application_process: r.try_get("application_process")?,
            capacity_available: number_text(r.try_get("capacity_available")?),
            site: number_text(r.try_get("site_id")?),
            status: r.try_get("status")?,
            areas: areas.iter().map(i64::to_string).collect(),
        },
    }))
}

/// Why a save was refused: `Duplicate` when another program has this organization and name.
pub use crate::db::SaveError;

/// The areas each program serves.
const AREAS: LinkTable = LinkTable {
    table: "program_areas",
    owner: "program_id",
    linked: "area_id",
};

/// Writes a new program (`id` None) or saves one still at `version`; returns its id.
pub async fn save(
    db: &Db,
    existing: Option<(i64, i64)>,
    v: &ProgramValues,
    actor: i64,
    now: i64,
) -> Result<i64, SaveError> {
    let mut tx = db.pool.begin().await?;
    let id = write_in(&mut tx, existing, v).await?;
    let action = if existing.is_some() {
        "edit_program"
    } else {
        "create_program"
    };
    record_staff_in(&mut tx, actor, action, Target::Program(id), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a program (`existing` None) or updates one still at its version, with its areas,
/// inside the caller's transaction; returns its id.
pub(crate) async fn write_in(
    conn: &mut sqlx::AnyConnection,
    existing: Option<(i64, i64)>,
    v: &ProgramValues,
) -> Result<i64, SaveError> {
    let sql = match existing {
        None => {
            "INSERT INTO programs (organization, name, description, categories, \
               max_income_pct_fpg, qualifying_benefits, min_age, languages, cost, url, phone, \
               application_process, capacity_available, status, site_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             RETURNING id"
        }
        Some(_) => {
            "UPDATE programs SET organization = $1, name = $2, description = $3, categories = $4, \
               max_income_pct_fpg = $5, qualifying_benefits = $6, min_age = $7, languages = $8, \
               cost = $9, url = $10, phone = $11, application_process = $12, \
               capacity_available = $13, status = $14, site_id = $15, version = version + 1 \
             WHERE id = $16 AND version = $17 RETURNING id"
        }
    };
    // Not a cached prepared statement: through `Any`, PostgreSQL may get a missing value as
    // another type than a present one, and a statement prepared for one refuses the other.
    let mut query = sqlx::query_scalar(sql)
        .persistent(false)
        .bind(&v.organization)
        .bind(&v.name)
        .bind(&v.description)
        .bind(v.categories_text())
        .bind(v.max_income_pct_fpg)
        .bind(v.benefits_text())
        .bind(v.min_age)
        .bind(v.languages_text())
        .bind(&v.cost)
        .bind(v.url.clone())
        .bind(v.phone.as_ref().map(|p| p.as_str().to_owned()))
        .bind(&v.application_process)
        .bind(v.capacity_available)
        .bind(v.status())
        .bind(v.site_id);
    if let Some((id, version)) = existing {
        query = query.bind(id).bind(version);
    }
    let id: i64 = query
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SaveError::Stale)?;
    AREAS.replace(conn, id, &v.area_ids).await?;
    Ok(id)
}

/// An active program at a site on the map: the service-gap map's optional overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub id: i64,
    pub name: String,
    pub organization: String,
    /// Category codes, comma-separated as stored.
    pub categories: String,
    /// Language codes, comma-separated as stored.
    pub languages: String,
    pub lat: f64,
    pub lon: f64,
}

/// Every active program at an active site with both coordinates, by organization and name.
/// Inactive programs and sites are left out: a place residents cannot use would hide a gap on
/// the map.
pub async fn sites(db: &Db) -> sqlx::Result<Vec<Site>> {
    let rows = sqlx::query(
        "SELECT p.id, p.name, p.organization, p.categories, p.languages, s.lat, s.lon \
         FROM programs p JOIN sites s ON s.id = p.site_id \
         WHERE p.status = 'active' AND s.active = 1 AND s.lat IS NOT NULL \
           AND s.lon IS NOT NULL \
         ORDER BY p.organization, p.name, p.id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Site {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                organization: r.try_get("organization")?,
                categories: r.try_get("categories")?,
                languages: r.try_get("languages")?,
                lat: r.try_get("lat")?,
                lon: r.try_get("lon")?,
            })
        })
        .collect()
}

/// Marks a program checked with its provider at `now`; false when there is no such program.
pub async fn mark_verified(db: &Db, id: i64, actor: i64, now: i64) -> sqlx::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let changed = sqlx::query("UPDATE programs SET last_verified_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    record_staff_in(&mut tx, actor, "verify_program", Target::Program(id), now).await?;
    tx.commit().await?;
    Ok(true)
}
