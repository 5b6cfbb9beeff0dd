//! The areas a resident may choose on the request form, and a short-lived cache of them.

use std::sync::Arc;
use std::time::Duration;

use sqlx::Row;

use crate::db::Db;

/// A known service area, for resolving the `area` field.
#[derive(Clone, Debug)]
pub struct AreaChoice {
    pub id: i64,
    pub name: String,
}

/// The list of areas, read again at most once per `ttl` (it changes only on import), so the
/// busiest pages do not query it on every request.
#[derive(Debug)]
pub struct AreaCache(crate::db::cache::TtlCache<Vec<AreaChoice>>);

impl AreaCache {
    pub fn new(ttl: Duration) -> Self {
        Self(crate::db::cache::TtlCache::new(ttl))
    }

    pub async fn get(&self, db: &Db) -> Result<Arc<Vec<AreaChoice>>, sqlx::Error> {
        self.0.get(|| areas(db)).await
    }
}

/// The areas a resident may choose: every area but the hexagon cells that imported boundaries
/// replaced (kept only for the cases that refer to them).
pub async fn areas(db: &Db) -> Result<Vec<AreaChoice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, name FROM areas WHERE generated = 0 OR geometry IS NOT NULL ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AreaChoice {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
            })
        })
        .collect()
}
