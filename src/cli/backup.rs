//! `navdesk backup`: a checked copy of a SQLite database while the server keeps running.

use std::path::Path;

use anyhow::Context;

/// Checks everything that can be checked before touching the database, so a refused backup
/// changes nothing: PostgreSQL is refused before connecting, an existing FILE is never
/// overwritten (a backup must not destroy an older one).
pub async fn backup(database_url: &str, file: &Path) -> anyhow::Result<()> {
    use sqlx::{ConnectOptions as _, Connection as _};
    if crate::db::Backend::from_url(database_url)? == crate::db::Backend::Postgres {
        anyhow::bail!(
            "navdesk backup copies SQLite databases only; for PostgreSQL use \
             `pg_dump --format=custom --file=navdesk.dump \"$DATABASE_URL\"` and restore with \
             `pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" navdesk.dump`"
        );
    }
    if file.exists() {
        anyhow::bail!(
            "{} already exists: a backup never overwrites a file; choose a new name",
            file.display()
        );
    }
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    anyhow::ensure!(
        folder.is_dir(),
        "the folder {} does not exist (for {})",
        folder.display(),
        file.display()
    );
    let path = file
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", file.display()))?;
    let db = crate::db::open(database_url).await?;
    let started = std::time::Instant::now();
    // VACUUM INTO writes one consistent snapshot (a read transaction) while the server goes on
    // reading and writing. The target is written as a string literal with its quotes doubled
    // (a path like /srv/o'brien/copy.db still works): that form is what SQLite documents for
    // VACUUM INTO, and does not depend on how the Any driver binds parameters. SQLite itself
    // also refuses a target that exists and is not empty, so a file that appeared since the
    // check above is still not overwritten.
    let literal = format!("'{}'", path.replace('\'', "''"));
    sqlx::query(&format!("VACUUM INTO {literal}"))
        .execute(&db.pool)
        .await
        .with_context(|| format!("could not write the backup {}", file.display()))?;
    db.pool.close().await;
    let elapsed = started.elapsed();

    // Open the copy on its own, read-only (not through the app's pool, which would turn on
    // WAL and write to it), and make sure it is whole before saying it is a backup.
    // Options rather than a URL, so a path with `?`, `#` or `%` in it is taken as it is.
    let mut copy = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("could not open the backup {}", file.display()))?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut copy)
        .await
        .with_context(|| format!("could not check the backup {}", file.display()))?;
    anyhow::ensure!(
        check == "ok",
        "the backup {} failed its integrity check: {check}",
        file.display()
    );
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&mut copy)
        .await?;
    copy.close().await?;
    let bytes = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    tracing::info!(file = %file.display(), bytes, cases, "backup written");
    say!(
        "backup written to {}: {:.1} MB, {cases} cases, integrity ok ({:.1} s)",
        file.display(),
        bytes as f64 / 1_000_000.0,
        elapsed.as_secs_f64()
    );
    Ok(())
}
