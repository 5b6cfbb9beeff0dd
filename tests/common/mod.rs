//! The test harness: starts the real application on port 0 against a fresh database (a new
//! SQLite file, or a new PostgreSQL database when `NAVDESK_TEST_POSTGRES_URL` names a server
//! we may create databases on), and gives tests an HTTP client that does not follow redirects.
//!
//! A tier whose service is missing is skipped with a printed line, unless
//! `NAVDESK_REQUIRE_ALL_TIERS=1` (as in CI), where a skip is a failure.
#![allow(dead_code)]

pub mod appointments;
pub mod hsds;
pub mod hsds_api;
pub mod loans;
pub mod programs;
pub mod server;
pub mod siteday;
pub mod sms;
pub mod staff;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use navdesk::config::Config;
use navdesk::db::Db;
use sqlx::any::{Any, AnyArguments, AnyRow};
use sqlx::{Arguments, Connection};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub addr: SocketAddr,
    /// The metrics listener's address, when the configuration asked for one.
    pub metrics_addr: Option<SocketAddr>,
    pub base: String,
    pub db: Db,
    pub client: reqwest::Client,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("GET failed")
    }

    /// `GET path` with one more header (a language, a cookie, a cache validator).
    pub async fn get_with(&self, path: &str, name: &str, value: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header(name, value)
            .send()
            .await
            .expect("GET failed")
    }

    /// Posts a form given as (name, value) pairs; repeated names are repeated fields.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST failed")
    }

    /// The one value `sql` reads (a count, an id, a status), with `params` bound to `$1`, `$2`...
    pub async fn one<'q, T>(&self, sql: &'q str, params: impl Params<'q>) -> T
    where
        T: Send + Unpin + for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any>,
    {
        self.row::<(T,)>(sql, params).await.0
    }

    /// Every value `sql` reads.
    pub async fn all<'q, T>(&self, sql: &'q str, params: impl Params<'q>) -> Vec<T>
    where
        T: Send + Unpin + for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any>,
    {
        let rows = self.rows::<(T,)>(sql, params).await;
        rows.into_iter().map(|(value,)| value).collect()
    }

    /// The one row `sql` reads, as a tuple.
    pub async fn row<'q, T>(&self, sql: &'q str, params: impl Params<'q>) -> T
    where
        T: Send + Unpin + for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        let mut rows = self.rows(sql, params).await;
        assert!(!rows.is_empty(), "{sql}: no row");
        rows.swap_remove(0)
    }

    /// Every row `sql` reads.
    pub async fn rows<'q, T>(&self, sql: &'q str, params: impl Params<'q>) -> Vec<T>
    where
        T: Send + Unpin + for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        sqlx::query_as_with(sql, params.arguments())
            .fetch_all(&self.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Runs `sql` (set-up a test needs that no page offers, or a clock moved back).
    pub async fn exec<'q>(&self, sql: &'q str, params: impl Params<'q>) {
        sqlx::query_with(sql, params.arguments())
            .execute(&self.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.db.pool)
            .await
            .expect("count")
    }

    /// Stops the server, letting requests in flight finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(handle) = self.server.take() {
            handle.await.expect("server task").expect("server");
        }
    }
}

/// How long a test waits for what the app does on its own time (a text sent, a case placed, a
/// row written) before calling it missing. A wait ends as soon as its state is there, so this
/// only bounds a failing test: generous, because a loaded CI machine is slow.
pub const WAIT: Duration = Duration::from_secs(30);

/// Reads `read` again every 20 ms until `done` holds or `limit` has passed; returns the last
/// reading, for the test to assert on (so a failure says what the test expected).
pub async fn poll_until<T>(
    limit: Duration,
    mut read: impl AsyncFnMut() -> T,
    done: impl Fn(&T) -> bool,
) -> T {
    let started = Instant::now();
    loop {
        let value = read().await;
        if done(&value) || started.elapsed() >= limit {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `poll_until` with the usual limit, `WAIT`.
pub async fn eventually<T>(read: impl AsyncFnMut() -> T, done: impl Fn(&T) -> bool) -> T {
    poll_until(WAIT, read, done).await
}

/// What a test binds to a query's `$1`, `$2`...: a tuple of values, `()` for none.
pub trait Params<'q> {
    fn arguments(self) -> AnyArguments<'q>;
}

macro_rules! params {
    ($($name:ident),*) => {
        impl<'q, $($name),*> Params<'q> for ($($name,)*)
        where
            $($name: 'q + Send + sqlx::Encode<'q, Any> + sqlx::Type<Any>,)*
        {
            #[allow(non_snake_case, unused_mut)]
            fn arguments(self) -> AnyArguments<'q> {
                let ($($name,)*) = self;
                let mut arguments = AnyArguments::default();
                $(arguments.add($name).expect("a value sqlx can bind");)*
                arguments
            }
        }
    };
}

params!();
params!(A);
params!(A, B);
params!(A, B, C);
params!(A, B, C, D);
params!(A, B, C, D, E);
params!(A, B, C, D, E, F);
params!(A, B, C, D, E, F, G);
params!(A, B, C, D, E, F, G, H);
params!(A, B, C, D, E, F, G, H, I);
params!(A, B, C, D, E, F, G, H, I, J);
params!(A, B, C, D, E, F, G, H, I, J, K);
params!(A, B, C, D, E, F, G, H, I, J, K, L);

pub fn require_all_tiers() -> bool {
    std::env::var("NAVDESK_REQUIRE_ALL_TIERS").is_ok_and(|v| v == "1")
}

/// Skips a tier with a printed line, or fails when every tier is required.
pub fn skip(tier: &str, why: &str) {
    if require_all_tiers() {
        panic!("the {tier} tier must run (NAVDESK_REQUIRE_ALL_TIERS=1) but {why}");
    }
    // Straight to stderr: the test harness hides `eprintln!` output of passing tests.
    let _ = writeln!(std::io::stderr(), "SKIPPED {tier} tier: {why}");
}

/// The demo city's time zone, in which tests with a clock of their own set the time.
pub fn denver() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("America/Denver").unwrap()
}

/// A local time in Denver (`2027-03-14T09:00`) as Unix seconds.
pub fn local(at: &str) -> i64 {
    let dt: jiff::civil::DateTime = at.parse().unwrap();
    dt.to_zoned(denver()).unwrap().timestamp().as_second()
}

/// The shared file of Denver's 78 neighborhoods (or `NAVDESK_AREAS_GEOJSON`), or `None` with a
/// printed line when it is not there.
#[allow(dead_code)]
pub fn denver_geojson_path() -> Option<String> {
    let path = std::env::var("NAVDESK_AREAS_GEOJSON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/denver_statistical_neighborhoods.geojson"
        )
        .to_owned()
    });
    if std::path::Path::new(&path).is_file() {
        Some(path)
    } else {
        skip("Denver areas", &format!("{path} is not there"));
        None
    }
}

/// Imports Denver's neighborhoods into `db` as `navdesk import-areas` would; `None` (skipped
/// with a line) when the shared file is not there.
#[allow(dead_code)]
pub async fn import_denver(db: &Db) -> Option<()> {
    let text = std::fs::read_to_string(denver_geojson_path()?).expect("Denver file reads");
    let options = navdesk::areas::ImportOptions {
        name_property: "NBHD_NAME".into(),
        id_property: Some("NBHD_ID".into()),
    };
    let areas = navdesk::areas::parse_areas(&text, &options).expect("Denver file parses");
    navdesk::areas::store_areas(db, &areas, options.match_by())
        .await
        .expect("Denver areas stored");
    Some(())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "navdesk_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        rand_suffix()
    )
}

fn rand_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{nanos:x}")
}

/// The process that made a test database or folder (its name is `navdesk_test_<pid>_...`)
/// is gone: Linux only (elsewhere nothing is ever called gone).
fn made_by_a_finished_run(name: &str) -> bool {
    let Some(pid) = name
        .strip_prefix("navdesk_test_")
        .and_then(|rest| rest.split('_').next())
        .and_then(|pid| pid.parse::<u32>().ok())
    else {
        return false;
    };
    pid != std::process::id()
        && std::path::Path::new("/proc/self").exists()
        && !std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Tests never drop what they make (a failing test must leave its database to look at), so
/// the first test of a run removes what earlier, finished runs left: SQLite folders in the
/// temporary directory and PostgreSQL databases.
async fn clean_up_after_finished_runs(admin: Option<&mut sqlx::PgConnection>) {
    if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if made_by_a_finished_run(&name) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    if let Some(conn) = admin {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT datname FROM pg_database WHERE datname LIKE 'navdesk\\_test\\_%'",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_default();
        for name in names.iter().filter(|n| made_by_a_finished_run(n)) {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                .execute(&mut *conn)
                .await;
        }
    }
}

static CLEANED_FILES: std::sync::Once = std::sync::Once::new();
static CLEANED_DATABASES: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

/// A URL for a new, empty database, or `None` when that backend is not available here.
pub async fn fresh_database_url(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            if !CLEANED_FILES.is_completed() {
                clean_up_after_finished_runs(None).await;
                CLEANED_FILES.call_once(|| {});
            }
            let dir = std::env::temp_dir().join(unique_name());
            Some(format!("sqlite://{}/navdesk.db", dir.display()))
        }
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var("NAVDESK_TEST_POSTGRES_URL") else {
                skip("PostgreSQL", "NAVDESK_TEST_POSTGRES_URL is not set");
                return None;
            };
            let name = unique_name();
            let mut conn = match sqlx::PgConnection::connect(&admin_url).await {
                Ok(conn) => conn,
                Err(err) => {
                    skip(
                        "PostgreSQL",
                        &format!("cannot connect to {admin_url}: {err}"),
                    );
                    return None;
                }
            };
            CLEANED_DATABASES
                .get_or_init(|| clean_up_after_finished_runs(Some(&mut conn)))
                .await;
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (server, _) = admin_url
                .rsplit_once('/')
                .expect("NAVDESK_TEST_POSTGRES_URL ends with /DATABASE");
            let query = admin_url
                .split_once('?')
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            Some(format!("{server}/{name}{query}"))
        }
    }
}

/// Starts the application on a fresh database of the given backend.
pub async fn spawn(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |_| {}).await
}

/// Like `spawn`, with a chance to change the configuration first.
pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let url = fresh_database_url(backend).await?;
    Some(spawn_on(&url, configure).await)
}

/// Starts the application on the database at `url`, which may be in use by other instances.
pub async fn spawn_on(url: &str, configure: impl FnOnce(&mut Config)) -> TestApp {
    navdesk::telemetry::init_for_tests();
    let mut config = Config::for_database(url.to_owned());
    configure(&mut config);
    let app = navdesk::Application::build(config)
        .await
        .expect("application starts");
    let addr = app.local_addr();
    let metrics_addr = app.metrics_addr();
    let db = app.state().db.clone();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    TestApp {
        addr,
        metrics_addr,
        base: format!("http://{addr}"),
        db,
        client,
        shutdown: Some(tx),
        server: Some(server),
    }
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL; after a `;`,
/// each named `async fn(Backend)`, for tests that start what they need themselves.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)? $(; $($own:ident),* $(,)?)?) => {
        $crate::on_both_backends!(@backend sqlite Sqlite; $($name),*; $($($own),*)?);
        $crate::on_both_backends!(@backend postgres Postgres; $($name),*; $($($own),*)?);
    };
    (@backend $module:ident $backend:ident; $($name:ident),*; $($own:ident),*) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let backend = $crate::common::Backend::$backend;
                    if let Some(app) = $crate::common::spawn(backend).await {
                        super::$name(app).await;
                    }
                }
            )*
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $own() {
                    super::$own($crate::common::Backend::$backend).await;
                }
            )*
        }
    };
}

/// Runs each named `async fn(Backend)` once with SQLite and once with PostgreSQL: for tests
/// that start their apps themselves.
#[macro_export]
macro_rules! for_each_backend {
    ($($name:ident),* $(,)?) => {
        $crate::on_both_backends!(; $($name),*);
    };
}

/// A complete, valid request form.
pub fn valid_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Ana Pérez"),
        ("phone", "(303) 555-0123"),
        ("contact_method", "sms"),
        ("sms_consent", "yes"),
        ("language", "es"),
        ("zip", "80205"),
        ("needs", "internet"),
        ("needs", "device"),
        ("household_size", "4"),
        ("monthly_income", "1800"),
        ("benefits", "snap"),
        ("details", "Mi hijo necesita internet para la escuela."),
        ("website", ""),
    ]
}

/// The form with one field replaced (or added).
pub fn form_with(field: &'static str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut form: Vec<_> = valid_form()
        .into_iter()
        .filter(|(k, _)| *k != field)
        .collect();
    form.push((field, value));
    form
}

/// Visible text that is the same in every language: the languages' own names, benefit
/// programs' names, the program's name (the Lingala translation keeps it as a proper name),
/// "No" (the same in Spanish), and text without letters.
pub fn same_in_every_language(text: &str) -> bool {
    const KEEP: &[&str] = &[
        "English",
        "Español",
        "العربية",
        "አማርኛ",
        "Lingála",
        "Tiếng Việt",
        "WIC",
        "SSI",
        "Lifeline",
        "Denver Digital Navigators",
        // The answer "No" is spelled the same in Spanish.
        "No",
    ];
    KEEP.contains(&text)
        || text.chars().all(|c| !c.is_alphabetic())
        || text.starts_with("Medicaid")
        || text.starts_with("SNAP")
}

/// The case a `303` from `POST /help` points to: its id and reference code.
pub async fn stored_case(app: &TestApp, resp: &reqwest::Response) -> (i64, String) {
    let code = ref_code(resp);
    let id: i64 = sqlx::query_scalar("SELECT id FROM cases WHERE ref_code = $1")
        .bind(&code)
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("no case stored under {code}: {e}"));
    (id, code)
}

/// A status look-up that finds nothing: a code nobody has, with a phone that is no one's.
pub const WRONG_GUESS: &[(&str, &str)] = &[("ref", "ABCD2345"), ("phone_last4", "0000")];

/// The reference code a `303` from `POST /help` points to.
pub fn ref_code(resp: &reqwest::Response) -> String {
    location(resp).trim_start_matches("/help/").to_owned()
}

/// Where a redirect answer sends the browser.
pub fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get("location")
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

/// A CSV export as `who` downloads it: answered 200 as `text/csv`; its text, and each line by
/// column name.
pub async fn csv_rows(
    who: &staff::Staff,
    path: &str,
) -> (String, Vec<std::collections::BTreeMap<String, String>>) {
    let resp = who.get(path).await;
    assert_eq!(resp.status(), 200, "{path}");
    assert!(resp
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = resp.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows = reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect();
    (body, rows)
}
