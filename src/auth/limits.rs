//! Failed sign-ins, counted in the database per account and per client address over a
//! window, so that guessing is slowed the same way however many app instances serve it.

use std::net::IpAddr;

use sha2::{Digest, Sha256};

use crate::config::AuthConfig;
use crate::db::Db;

/// The key an email address is counted under: the SHA-256 of its trimmed, lower-cased form.
pub fn account_key(email: &str) -> String {
    Sha256::digest(email.trim().to_lowercase().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How long until `count` failures, the oldest at `oldest`, fall below `max` again; `None`
/// while under the limit.
pub fn wait_secs(count: i64, oldest: Option<i64>, max: i64, now: i64, window: i64) -> Option<u64> {
    if count < max {
        return None;
    }
    let oldest = oldest.unwrap_or(now);
    Some(u64::try_from(oldest + window - now).unwrap_or(0).max(1))
}

async fn failures(
    db: &Db,
    column: &str,
    value: &str,
    since: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    // `column` is one of two names written below, never input.
    let sql = format!(
        "SELECT COUNT(*), MIN(created_at) FROM login_failures WHERE {column} = $1 AND created_at > $2"
    );
    sqlx::query_as(&sql)
        .bind(value)
        .bind(since)
        .fetch_one(&db.pool)
        .await
}

/// Seconds to wait before this account or this address may try again, if either has failed
/// too often within the window.
pub async fn blocked_for(
    db: &Db,
    account: &str,
    ip: IpAddr,
    now: i64,
    cfg: &AuthConfig,
) -> sqlx::Result<Option<u64>> {
    let since = now - cfg.failure_window_secs;
    let (by_account, oldest_account) = failures(db, "account_key", account, since).await?;
    let (by_ip, oldest_ip) = failures(db, "client_ip", &ip.to_string(), since).await?;
    let window = cfg.failure_window_secs;
    let waits = [
        wait_secs(
            by_account,
            oldest_account,
            cfg.max_failures_per_account,
            now,
            window,
        ),
        wait_secs(by_ip, oldest_ip, cfg.max_failures_per_address, now, window),
    ];
    Ok(waits.into_iter().flatten().max())
}

/// Counts one failed attempt, and forgets failures older than the window.
pub async fn record_failure(
    db: &Db,
    account: &str,
    ip: IpAddr,
    now: i64,
    cfg: &AuthConfig,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO login_failures (account_key, client_ip, created_at) VALUES ($1, $2, $3)",
    )
    .bind(account)
    .bind(ip.to_string())
    .bind(now)
    .execute(&db.pool)
    .await?;
    sqlx::query("DELETE FROM login_failures WHERE created_at <= $1")
        .bind(now - cfg.failure_window_secs)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// After a successful sign-in the account starts afresh (its address does not).
pub async fn clear_account(db: &Db, account: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE account_key = $1")
        .bind(account)
        .execute(&db.pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_counted_by_normalized_email() {
        assert_eq!(
            account_key(" Ana@Example.org "),
            account_key("ana@example.org")
        );
        assert_ne!(
            account_key("ana@example.org"),
            account_key("ann@example.org")
        );
        assert_eq!(account_key("x").len(), 64);
    }

    #[test]
    fn waiting_lasts_until_the_oldest_failure_leaves_the_window() {
        let now = 10_000;
        assert_eq!(wait_secs(4, Some(now - 10), 5, now, 900), None);
        assert_eq!(wait_secs(5, Some(now - 100), 5, now, 900), Some(800));
        assert_eq!(wait_secs(5, Some(now - 900), 5, now, 900), Some(1));
        assert_eq!(wait_secs(7, None, 5, now, 900), Some(900));
    }
}
