//! Sites and appointments as tests need them, written straight to the tables.
#![allow(dead_code)]

use super::TestApp;

impl TestApp {
    /// A site called `name` at `address`, speaking `languages` (codes joined by commas).
    pub async fn site(&self, name: &str, address: &str, languages: &str) -> i64 {
        self.one(
            "INSERT INTO sites (name, address, languages, created_at, updated_at) \
             VALUES ($1, $2, $3, 0, 0) RETURNING id",
            (name, address, languages),
        )
        .await
    }

    /// An appointment of `case_id` with `navigator_id` at `site_id` from `starts_at`, half an
    /// hour long, in `status`.
    pub async fn appointment(
        &self,
        case_id: i64,
        navigator_id: i64,
        site_id: i64,
        starts_at: i64,
        status: &str,
    ) -> i64 {
        self.one(
            "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, status, \
               booked_via, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'staff', $7, $7) RETURNING id",
            (
                case_id,
                navigator_id,
                site_id,
                starts_at,
                starts_at + 1800,
                status,
                navdesk::db::now(),
            ),
        )
        .await
    }
}
