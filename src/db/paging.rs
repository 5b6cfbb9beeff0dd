//! Lists read a page at a time with `LIMIT` and `OFFSET`. One row more than a page is read, so
//! a page knows whether another follows without counting the whole table.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::Any;

use super::Db;

/// Page `number` (counting from 1) of a list, `size` rows a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    number: i64,
    size: i64,
}

impl Page {
    /// A number below 1 is the first page.
    pub fn new(number: i64, size: i64) -> Page {
        Page {
            number: number.max(1),
            size,
        }
    }

    /// Reads this page with `query`, binding its `LIMIT` and `OFFSET` as the last two
    /// parameters: the page's rows, and whether another page follows.
    pub async fn fetch<'q>(
        self,
        db: &Db,
        query: Query<'q, Any, AnyArguments<'q>>,
    ) -> sqlx::Result<(Vec<AnyRow>, bool)> {
        let mut rows = query
            .bind(self.size + 1)
            .bind((self.number - 1) * self.size)
            .fetch_all(&db.pool)
            .await?;
        let more = rows.len() as i64 > self.size;
        rows.truncate(self.size as usize);
        Ok((rows, more))
    }
}
