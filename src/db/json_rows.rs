//! A query's rows read as one row: a JSON array holding one array per row.
//!
//! sqlx's SQLite driver runs each connection on a thread of its own and hands every row across
//! to the async side on its own, so a page of 50 lines costs about 50 thread wake-ups: on two
//! cores that was most of a caseload's time (measured with `perf stat`: ~60 context switches
//! a `/cases` request). Aggregated in the database, a list is one row, whatever its length.

use super::Backend;
use serde::de::DeserializeOwned;

impl Backend {
    /// `SELECT` wrapping `inner` (a query whose result columns are named `columns`) so that it
    /// answers one row, one text column: `[[col1, col2, ...], ...]` in `inner`'s order (`[]`
    /// when it finds nothing).
    pub fn json_rows_sql(self, inner: &str, columns: &[&str]) -> String {
        self.json_rows(inner, columns, true)
    }

    /// [`Backend::json_rows_sql`] for rows whose order does not matter: on PostgreSQL it saves
    /// numbering them (a window over every row) and sorting them again.
    pub fn json_rows_sql_any_order(self, inner: &str, columns: &[&str]) -> String {
        self.json_rows(inner, columns, false)
    }

    fn json_rows(self, inner: &str, columns: &[&str], ordered: bool) -> String {
        let cols = columns
            .iter()
            .map(|c| format!("t.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        match self {
            // An aggregate reads an ordered subquery in its order.
            Backend::Sqlite => {
                format!("SELECT COALESCE(json_group_array(json_array({cols})), '[]') FROM ({inner}) t")
            }
            // `WITH ORDINALITY` is not available on a subquery; the row number over the inner
            // query's own order keeps it.
            Backend::Postgres if ordered => format!(
                "SELECT COALESCE(json_agg(json_build_array({cols}) ORDER BY t.json_row), '[]'::json)::text \
                 FROM (SELECT i.*, ROW_NUMBER() OVER () AS json_row FROM ({inner}) i) t"
            ),
            Backend::Postgres => format!(
                "SELECT COALESCE(json_agg(json_build_array({cols})), '[]'::json)::text \
                 FROM ({inner}) t"
            ),
        }
    }
}

/// Reads the text `json_rows_sql` answers as one `T` (a tuple, in the columns' order) a row.
pub fn parse_json_rows<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, sqlx::Error> {
    serde_json::from_str(text).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
