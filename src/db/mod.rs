//! The database: one pool (sqlx `Any`) for SQLite and PostgreSQL, migrations, and the little
//! that differs between the two backends. Queries everywhere else use portable SQL with `$n`
//! placeholders, which both drivers understand.

pub mod audit;
pub mod cache;
pub mod events;
mod json_rows;
pub use json_rows::parse_json_rows;
mod links;
mod paging;
// Issue 18, part C: a program's places from its devices.
pub mod stock;

pub use links::LinkTable;
pub use paging::Page;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A cheap-to-clone handle on the pool.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Moves on after every change made through this app instance (see `note_change`), so
    /// figures cached here can tell they may be out of date.
    changes: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// On SQLite, the turn of this process's `begin_write` transactions (see there).
    write_turn: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// A transaction begun with `Db::begin_write`: use it as a connection; `commit` or
/// `rollback` ends it (dropping it rolls back), and with it this process's write turn.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

impl Db {
    /// Says that data changed through this instance: counts cached before are not reused.
    pub fn note_change(&self) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::Release);
    }

    /// How many changes this instance has noted; compare two readings to see if anything
    /// changed in between.
    pub fn changes(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::Acquire)
    }

    /// A transaction that reads and then writes. On SQLite it takes the write lock at its
    /// start (`BEGIN IMMEDIATE`), waiting for another writer as long as the busy timeout
    /// allows: a plain `BEGIN` that has read cannot wait for the lock when it first writes,
    /// and fails at once with "database is locked" if another process wrote meanwhile.
    ///
    /// On SQLite, this process's `begin_write` transactions also take turns before they ask
    /// for a connection: many at once (a burst of texts, each its own transaction) would
    /// otherwise hold every pooled connection while SQLite's busy handler puts all but one
    /// to sleep, in steps that grow to 100 ms; the lock then sits free while they sleep,
    /// and everything else waits for a connection. Taking turns here, each starts the
    /// moment the last one ends. PostgreSQL locks rows, not the database: no turns there.
    /// This process's write turn (see `begin_write`), for a write made outside such a
    /// transaction: a background task's statement that runs often (the text worker's). Hold
    /// it only across the write, and never while holding a `WriteTx`. `None` on PostgreSQL.
    pub async fn write_turn(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_turn.clone().lock_owned().await),
            Backend::Postgres => None,
        }
    }

    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let turn = self.write_turn().await;
                Ok(WriteTx {
                    tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                    _turn: turn,
                })
            }
            Backend::Postgres => Ok(WriteTx {
                tx: self.pool.begin().await?,
                _turn: None,
            }),
        }
    }
}

impl Backend {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            anyhow::bail!(
                "DATABASE_URL must start with sqlite:// or postgres:// (got a URL starting {:?})",
                url.split(':').next().unwrap_or_default()
            )
        }
    }
}

/// Connects, creating a SQLite file and its folder when they do not exist yet.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(url)?;
    let url = match backend {
        Backend::Sqlite => prepare_sqlite_url(url)?,
        Backend::Postgres => url.to_owned(),
    };
    let options = AnyConnectOptions::from_str(&url)
        .context("DATABASE_URL is not a valid database URL")?
        .log_statements(tracing::log::LevelFilter::Trace)
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
    let pool_options = match backend {
        Backend::Sqlite => AnyPoolOptions::new()
            .max_connections(4)
            // sqlx pings a connection each time it leaves the pool, to find one whose server
            // went away: a file has no server, and on SQLite each ping is a round trip to the
            // connection's own thread (two thread wake-ups before every query).
            .test_before_acquire(false)
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers work during a write; synchronous=FULL makes a commit
                    // survive power loss before we confirm a request to a resident. No memory
                    // map: mapped pages of a growing file count as the server's own memory
                    // (a 10-minute campaign-day run reached 220 MB), while pages read with
                    // read() stay in the kernel's cache, shared and reclaimable. Each
                    // connection keeps 4 MB of pages itself, so the server stays under 100 MB
                    // however large the database.
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    // Turning a new file to WAL needs it to itself for a moment, and SQLite
                    // may answer "database is locked" without waiting when another process
                    // opens it at the same time (two instances starting on a new database).
                    let mut attempt = 0;
                    loop {
                        attempt += 1;
                        match conn.execute("PRAGMA journal_mode = WAL").await {
                            Err(sqlx::Error::Database(e)) if attempt < 50 && is_busy(&*e) => {
                                tokio::time::sleep(Duration::from_millis(100)).await;
                            }
                            done => break done.map(drop)?,
                        }
                    }
                    conn.execute(
                        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                         PRAGMA cache_size = -4000; PRAGMA mmap_size = 0;",
                    )
                    .await?;
                    Ok(())
                })
            }),
        Backend::Postgres => AnyPoolOptions::new().max_connections(16),
    };
    let pool = pool_options
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .with_context(|| format!("could not open the {backend:?} database"))?;
    Ok(Db {
        pool,
        backend,
        changes: Default::default(),
        write_turn: Default::default(),
    })
}

/// `sqlite://data/navdesk.db` → creates `data/` and asks SQLite to create the file.
fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Ok(url.to_owned());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create the folder {}", parent.display()))?;
        }
    }
    let mode = if query.contains("mode=") {
        ""
    } else {
        "mode=rwc"
    };
    let sep = if query.is_empty() || mode.is_empty() {
        ""
    } else {
        "&"
    };
    Ok(format!("sqlite://{path}?{query}{sep}{mode}"))
}

/// Brings the schema up to date. Safe to run from several processes at once: on PostgreSQL
/// sqlx takes an advisory lock; on SQLite, where it takes none, every migration runs inside
/// one transaction that holds the write lock from its start, so a second migrator waits for the
/// first and then finds nothing left to do (without it, both applied the first missing
/// migration and one failed with "table ... already exists").
pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    match db.backend {
        Backend::Postgres => POSTGRES_MIGRATIONS
            .run(&db.pool)
            .await
            .context("database migration failed"),
        Backend::Sqlite => {
            // Another process migrating a large database may hold the lock for longer than
            // the busy timeout: wait for it, up to two minutes.
            const ATTEMPTS: u32 = 12;
            let mut attempt = 0;
            loop {
                attempt += 1;
                let mut conn = db.pool.acquire().await?;
                let mut tx = match conn.begin_with("BEGIN IMMEDIATE").await {
                    Ok(tx) => tx,
                    Err(sqlx::Error::Database(e)) if attempt < ATTEMPTS && is_busy(&*e) => {
                        tracing::info!(
                            "another process holds the database's write lock; waiting to migrate"
                        );
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                    Err(err) => {
                        return Err(err)
                            .context("database migration failed: could not lock the database")
                    }
                };
                SQLITE_MIGRATIONS
                    .run(&mut *tx)
                    .await
                    .context("database migration failed")?;
                return tx
                    .commit()
                    .await
                    .context("database migration failed: could not commit");
            }
        }
    }
}

/// SQLite's SQLITE_BUSY (or one of its extended codes): another connection holds the lock.
fn is_busy(err: &dyn sqlx::error::DatabaseError) -> bool {
    err.code()
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| c & 0xff == 5)
}

/// Connects and migrates: what every command does before it works.
pub async fn open(url: &str) -> anyhow::Result<Db> {
    let db = connect(url).await?;
    migrate(&db).await?;
    Ok(db)
}

/// Seconds since the Unix epoch: how every timestamp is stored, the same on both backends.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// `INSERT INTO table (cols) VALUES (...), (...)` for `rows` rows, then `tail` (a `RETURNING`
/// or `ON CONFLICT` clause, or nothing). SQLite gets anonymous `?` placeholders: sqlx looks
/// each `$n` up by name, which SQLite does with a linear scan, so numbered placeholders make a
/// statement of thousands of values quadratic. Values are bound row by row, column by column.
///
/// Run such statements with `.persistent(false)`: each number of rows is a statement of its
/// own, and caching every size on every connection keeps megabytes of prepared statements.
pub fn multi_insert(
    backend: Backend,
    table: &str,
    cols: &[&str],
    rows: usize,
    tail: &str,
) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    use std::fmt::Write;
                    let _ = write!(sql, "${n}");
                }
            }
        }
        sql.push(')');
    }
    sql.push_str(tail);
    sql
}

/// Which database a connection talks to.
pub fn backend_of(conn: &sqlx::AnyConnection) -> Backend {
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    }
}

/// Makes the caller's transaction the only one working on `key` (a phone number) until it
/// ends, across every app instance. PostgreSQL takes a transaction-scoped advisory lock;
/// SQLite needs nothing more, as a transaction begun with `Db::begin_write` already holds
/// the one write lock.
pub async fn lock_key(conn: &mut sqlx::AnyConnection, key: &str) -> Result<(), sqlx::Error> {
    if backend_of(conn) == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text")
            .bind(key)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// True when a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Why a record edited through a form (a program, a site, a device) was not saved; nothing is
/// stored. The store's own doc says which value must be unique.
#[derive(Debug)]
pub enum SaveError {
    /// Another record has the value that must be unique (a name, an asset tag).
    Duplicate,
    /// Someone else saved the record after the form was drawn (or it is gone).
    Stale,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for SaveError {
    fn from(err: sqlx::Error) -> Self {
        if is_unique_violation(&err) {
            Self::Duplicate
        } else {
            Self::Db(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:").unwrap(),
            "sqlite::memory:"
        );
        let dir = std::env::temp_dir().join(format!("navdesk-url-{}", std::process::id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        let prepared = prepare_sqlite_url(&url).unwrap();
        assert!(prepared.ends_with("x.db?mode=rwc"), "{prepared}");
        assert!(dir.is_dir());
        let kept = prepare_sqlite_url(&format!("{url}?mode=ro")).unwrap();
        assert!(kept.ends_with("?mode=ro"), "{kept}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn batch_inserts_number_every_value_on_postgres_and_not_on_sqlite() {
        assert_eq!(
            multi_insert(Backend::Postgres, "t", &["a", "b"], 2, " RETURNING id"),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id"
        );
        assert_eq!(
            multi_insert(Backend::Sqlite, "t", &["a", "b"], 2, ""),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn backend_comes_from_the_url() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        let err = Backend::from_url("mysql://h/db").unwrap_err().to_string();
        assert!(err.contains("sqlite://"), "{err}");
    }
}
