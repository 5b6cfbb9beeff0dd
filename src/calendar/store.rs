//! A navigator's calendar link and what their feed lists, read straight from `appointments`.

use sqlx::Row;

use crate::db::audit::{record_staff_in, Target};
use crate::db::Db;

/// The navigator's current link token, if they have one.
pub async fn token_of(db: &Db, navigator_id: i64) -> sqlx::Result<Option<String>> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "SELECT calendar_token FROM navigators WHERE id = $1",
    )
    .bind(navigator_id)
    .fetch_optional(&db.pool)
    .await?
    .flatten())
}

/// Gives the navigator a new link token (`Some`) or none (`None`: the old link stops
/// answering), with its audit row, in one transaction.
pub async fn set_token(
    db: &Db,
    navigator_id: i64,
    token: Option<&str>,
    actor: i64,
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE navigators SET calendar_token = $1 WHERE id = $2")
        .bind(token)
        .bind(navigator_id)
        .execute(&mut *tx)
        .await?;
    let action = if token.is_some() {
        "make_calendar_link"
    } else {
        "revoke_calendar_link"
    };
    record_staff_in(&mut tx, actor, action, Target::User(actor), now).await?;
    tx.commit().await
}

/// Whose feed a token opens: a navigator whose account is still enabled.
#[derive(Clone, Debug)]
pub struct Owner {
    pub navigator_id: i64,
    pub name: String,
    /// The staff member's own language, for the feed's words.
    pub language: String,
}

pub async fn owner(db: &Db, token: &str) -> sqlx::Result<Option<Owner>> {
    let row = sqlx::query(
        "SELECT n.id, u.name, u.language FROM navigators n JOIN users u ON u.id = n.user_id \
         WHERE n.calendar_token = $1 AND u.disabled = 0",
    )
    .bind(token)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(Owner {
            navigator_id: r.try_get("id")?,
            name: r.try_get("name")?,
            language: r.try_get("language")?,
        })
    })
    .transpose()
}

/// One appointment as the feed tells it: nothing about the resident but the case's code and
/// language.
#[derive(Clone, Debug)]
pub struct FeedLine {
    pub id: i64,
    pub case_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub updated_at: i64,
    pub status: String,
    pub ref_code: String,
    pub language: String,
    pub site: String,
    pub site_address: String,
}

/// The most appointments one feed lists.
const FEED_LIMIT: i64 = 2000;

/// The navigator's appointments starting in `[from, to)`, cancelled ones too (so calendars
/// that had them drop them), soonest first.
pub async fn feed(db: &Db, navigator_id: i64, from: i64, to: i64) -> sqlx::Result<Vec<FeedLine>> {
    let rows = sqlx::query(
        "SELECT a.id, a.case_id, a.starts_at, a.ends_at, a.updated_at, a.status, c.ref_code, \
                c.language, s.name AS site, s.address AS site_address \
         FROM appointments a JOIN cases c ON c.id = a.case_id JOIN sites s ON s.id = a.site_id \
         WHERE a.navigator_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 \
         ORDER BY a.starts_at, a.id LIMIT $4",
    )
    .bind(navigator_id)
    .bind(from)
    .bind(to)
    .bind(FEED_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FeedLine {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                starts_at: r.try_get("starts_at")?,
                ends_at: r.try_get("ends_at")?,
                updated_at: r.try_get("updated_at")?,
                status: r.try_get("status")?,
                ref_code: r.try_get("ref_code")?,
                language: r.try_get("language")?,
                site: r.try_get("site")?,
                site_address: r.try_get("site_address")?,
            })
        })
        .collect()
}
