//! The `navdesk` command: parses the command line, sets up logging and runs one command.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use navdesk::config::{
    Config, GeocoderKind, PlacementConfig, RateLimit, Secret, SmsConfig, DEFAULT_CENSUS_BASE_URL,
    DEFAULT_DATABASE_URL, DEFAULT_HEX_SIZE_KM, DEFAULT_SMS_BASE_URL,
};

/// mimalloc: many small, short-lived allocations per request (rows, strings, HTML) from several
/// threads; it spends less time there than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Prints a line for the person at the terminal. A closed standard output (a service manager,
/// a pipe whose reader has gone) must not stop the server, so write errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "navdesk",
    version,
    about = "A multilingual help desk for a city's digital navigator program"
)]
struct Cli {
    /// Database: sqlite://PATH (created on first run) or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database_url: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application (migrates the database first).
    Serve(Box<ServeArgs>),
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Create a staff account. The password is read from standard input (one line, at least
    /// 12 characters); it is never shown. With --invite, no password: a one-time link is printed
    /// instead, where the person chooses one (valid 7 days).
    CreateUser(CreateUserArgs),
    /// Fill the database with city-scale data for load tests: navigators (with areas) and
    /// cases over three years. Every account it makes shares the password read from standard
    /// input, under @load.navdesk.example. Never on a database with real residents.
    SeedLoad(SeedLoadArgs),
    /// Import areas (neighborhoods) from a GeoJSON FeatureCollection of Polygon and
    /// MultiPolygon features, or make a hexagon grid with --hex-grid. Every feature is checked
    /// first: one bad feature and nothing is imported. Importing again updates the same areas.
    ImportAreas(ImportAreasArgs),
    /// Import ZIP code centroids for the offline geocoder: the US Census Gazetteer ZCTA file
    /// (tab-separated, with the columns GEOID, INTPTLAT and INTPTLONG) or a CSV with the
    /// columns zip,lat,lon. Every row is checked first: one bad row and nothing is imported.
    /// Importing again updates the same ZIP codes.
    ImportZips {
        /// The file.
        file: PathBuf,
    },
    /// Translation workflow: check every language, export or import one as CSV.
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Replace one year's federal poverty guidelines from a CSV file with the columns
    /// household_size,annual_income (dollars a year; household_size 0 or "additional" is the
    /// amount for each additional person). All or nothing; eligibility uses the newest year.
    ImportPovertyGuidelines {
        /// The CSV file.
        file: PathBuf,
        /// The year the guidelines are for.
        #[arg(long)]
        year: i64,
    },
    /// Resource programs as Open Referral HSDS 3.0 JSON, to share with other directories.
    #[command(subcommand)]
    Programs(ProgramsCommand),
    /// Copy a SQLite database to a new file while the server keeps running (VACUUM INTO),
    /// then check the copy. Never overwrites: FILE must not exist, its folder must. On
    /// PostgreSQL, use pg_dump instead (the error says how).
    Backup {
        /// The new file to write.
        file: PathBuf,
    },
    /// Remove the personal data of residents whose cases were all closed (or resolved) longer
    /// ago than NAVDESK_RETENTION_DAYS, keeping what the map and reports count; `serve` does
    /// this every hour. Prints how many residents and cases were cleared.
    Retention(RetentionArgs),
    /// Print, as JSON, everything held about one resident: their details, every case with its
    /// needs, timeline, referrals, outcome and texts, and their number's opt-out. Audited.
    ExportResident(ExportResidentArgs),
    /// Remove one resident's personal data now (as the retention job does), closing their open
    /// cases. Without --yes, only prints what would be removed. Audited.
    EraseResident(EraseResidentArgs),
}

#[derive(Args)]
struct RetentionArgs {
    /// Only count the residents and cases that would be cleared; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Days after closing before personal data is removed, or `off`.
    #[arg(long = "days", env = "NAVDESK_RETENTION_DAYS", default_value = "730")]
    retention: navdesk::datacare::RetentionDays,
}

/// Which resident: one of --ref or --phone.
#[derive(Args)]
#[group(required = true, multiple = false)]
struct ResidentSelector {
    /// The reference code of one of their requests.
    #[arg(long = "ref", value_name = "CODE")]
    reference: Option<String>,
    /// Their phone number, as they would type it (every request made with it).
    #[arg(long, value_name = "NUMBER")]
    phone: Option<String>,
}

#[derive(Args)]
struct ExportResidentArgs {
    #[command(flatten)]
    selector: ResidentSelector,
    /// Who asked for the export (e.g. the staff member handling the request), for the audit log.
    #[arg(long, value_name = "TEXT")]
    requested_by: String,
    /// Where to write (default: standard output). Never overwrites a file.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct EraseResidentArgs {
    #[command(flatten)]
    selector: ResidentSelector,
    /// Who asked for the removal (e.g. the staff member handling the request), for the audit log.
    #[arg(long, value_name = "TEXT")]
    requested_by: String,
    /// Really remove; without it, only print what would be removed.
    #[arg(long)]
    yes: bool,
}

#[derive(Subcommand)]
enum ProgramsCommand {
    /// Write every program as a JSON list of HSDS 3.0 services.
    Export {
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read a JSON list of HSDS 3.0 services: a program with the same organization and name is
    /// updated, others are added. Any problem refuses the whole file.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
}

#[derive(Args)]
struct SeedLoadArgs {
    /// How many cases (each with its resident and timeline).
    #[arg(long, default_value_t = 100_000)]
    cases: usize,
    /// How many navigators.
    #[arg(long, default_value_t = 200)]
    navigators: usize,
    /// Random seed: the same seed makes the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Args)]
struct ImportAreasArgs {
    /// The GeoJSON file (WGS84 longitude/latitude).
    #[arg(required_unless_present = "hex_grid", conflicts_with = "hex_grid")]
    file: Option<PathBuf>,
    /// The feature property holding each area's name.
    #[arg(long, required_unless_present = "hex_grid")]
    name_property: Option<String>,
    /// The feature property holding the source's identifier; re-imports then match areas by
    /// it (so a renamed area keeps its id) instead of by name.
    #[arg(long)]
    id_property: Option<String>,
    /// No boundaries to import: cover the service region with hexagons named "Hex ROW-COL".
    #[arg(long)]
    hex_grid: bool,
    /// The service region for --hex-grid: minlon,minlat,maxlon,maxlat (default: Denver).
    #[arg(
        long,
        requires = "hex_grid",
        default_value = "-105.11,39.61,-104.60,39.92"
    )]
    bbox: navdesk::areas::Bbox,
    /// Hexagon size for --hex-grid: kilometres across, flat side to flat side.
    #[arg(long, requires = "hex_grid", default_value_t = 1.5)]
    size_km: f64,
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Fail on a missing or extra message, a variable that differs from English, or a Fluent
    /// syntax error, in any language.
    Check {
        /// A `locales` folder to check (default: the translations built into this binary).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Write one language as CSV (key, English, current translation, status) for a translator.
    Export {
        #[arg(long)]
        lang: String,
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// A `locales` folder (default: the translations built into this binary).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Read a translator's CSV back into `locales/<lang>/`, refusing a file that would break a
    /// message.
    Import {
        #[arg(long)]
        lang: String,
        /// The CSV file.
        file: PathBuf,
        /// The `locales` folder to write into.
        #[arg(long, default_value = "locales")]
        dir: PathBuf,
    },
}

#[derive(Args)]
struct CreateUserArgs {
    /// The address the person signs in with.
    #[arg(long)]
    email: String,
    /// The person's name, as colleagues see it.
    #[arg(long)]
    name: String,
    /// What the account may do.
    #[arg(long, value_enum)]
    role: RoleArg,
    /// Language of the staff pages for this account (en, es, ...).
    #[arg(long, default_value = "en")]
    language: String,
    /// Make the account without a password and print a one-time invite link (valid 7 days)
    /// where its owner chooses one.
    #[arg(long)]
    invite: bool,
    /// The URL the world uses to reach the server, for the invite link.
    #[arg(
        long,
        env = "NAVDESK_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    public_url: String,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Navigator,
    Supervisor,
    Admin,
}

impl From<RoleArg> for navdesk::auth::Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Navigator => Self::Navigator,
            RoleArg::Supervisor => Self::Supervisor,
            RoleArg::Admin => Self::Admin,
        }
    }
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "NAVDESK_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    /// Address of a second listener serving Prometheus metrics at GET /metrics (request rates
    /// and latencies by route, outbox depth, texts by result), e.g. 127.0.0.1:9464. Keep it
    /// off the public network. Unset: no metrics listener.
    #[arg(long, env = "NAVDESK_METRICS_ADDR")]
    metrics_addr: Option<SocketAddr>,

    /// Seed demonstration data (navigators, programs, past cases) once, so every page has
    /// something to show.
    #[arg(long)]
    demo: bool,

    /// The URL the world uses to reach this server, for links in texts and webhook signatures
    /// (default: http://ADDR).
    #[arg(long, env = "NAVDESK_PUBLIC_URL")]
    public_url: Option<String>,

    /// Time zone for dates shown and for quiet hours.
    #[arg(long, env = "NAVDESK_TIMEZONE", default_value = "America/Denver")]
    timezone: String,

    /// Hours within which a new request should get its first contact; after that it is
    /// shown as overdue.
    #[arg(long, env = "NAVDESK_FIRST_CONTACT_HOURS", default_value_t = 48,
          value_parser = clap::value_parser!(i64).range(1..=24 * 90))]
    first_contact_hours: i64,

    /// When navdesk assigns a new request by itself: `off` (it waits in the queue), `best` (to
    /// the navigator who fits best), or `covering` (only to one whose areas include the
    /// resident's). Default: `off`, or `best` with --demo.
    #[arg(long, env = "NAVDESK_AUTO_ASSIGN", value_parser = parse_auto_assign)]
    auto_assign: Option<navdesk::cases::autoassign::Rule>,

    /// Base URL of the Twilio-compatible SMS API.
    #[arg(long, env = "NAVDESK_SMS_BASE_URL", default_value = DEFAULT_SMS_BASE_URL)]
    sms_base_url: String,

    /// Twilio account SID. Without SMS credentials, texts are stored and shown to staff only.
    #[arg(long, env = "TWILIO_ACCOUNT_SID")]
    twilio_account_sid: Option<String>,

    /// Twilio auth token (never printed).
    #[arg(long, env = "TWILIO_AUTH_TOKEN", hide_env_values = true)]
    twilio_auth_token: Option<Secret>,

    /// Number (E.164) or messaging service texts are sent from.
    #[arg(long, env = "NAVDESK_SMS_FROM")]
    sms_from: Option<String>,

    /// Hours scheduled texts may go out in the resident's time zone, like `08:00-21:00`, or
    /// `off` for any time. Outside them a text waits; it is never dropped.
    #[arg(long, env = "NAVDESK_SMS_HOURS", default_value = "08:00-21:00")]
    sms_hours: navdesk::sms::quiet::SendingWindow,

    /// Days a request waits unassigned before the resident is told "still working on it"
    /// (0: never).
    #[arg(long, env = "NAVDESK_FOLLOWUP_WAITING_DAYS", default_value_t = 2,
          value_parser = clap::value_parser!(i64).range(0..=365))]
    followup_waiting_days: i64,

    /// Days after a referral to ask "did you apply?" (0: never).
    #[arg(long, env = "NAVDESK_FOLLOWUP_APPLY_DAYS", default_value_t = 3,
          value_parser = clap::value_parser!(i64).range(0..=365))]
    followup_apply_days: i64,

    /// Days after a case is resolved to ask whether the internet still works, like `30,90`
    /// (`off`: never).
    #[arg(long, env = "NAVDESK_FOLLOWUP_CONNECTED_DAYS", default_value = "30,90")]
    followup_connected_days: String,

    /// Ask how happy the resident was when their case is closed (`on` or `off`).
    #[arg(long, env = "NAVDESK_FOLLOWUP_SATISFACTION", default_value = "on",
          action = clap::ArgAction::Set, value_parser = parse_on_off)]
    followup_satisfaction: bool,

    /// Proxies in front of navdesk whose X-Forwarded-For header is believed, as addresses or
    /// networks separated by commas (e.g. `127.0.0.1,::1` for a proxy on the same machine).
    /// Empty: the header is ignored and each connecting address is a client.
    #[arg(long, env = "NAVDESK_TRUSTED_PROXIES", default_value = "")]
    trusted_proxies: String,

    /// Requests for help (POST /help) one client address may send: a rate per second or
    /// minute and how many at once, like `10/min,burst=10` (ten at once, then one every six
    /// seconds). Past it the resident sees "too many requests" in their language; nothing
    /// is stored.
    #[arg(long, env = "NAVDESK_HELP_RATE", default_value_t = RateLimit::HELP)]
    help_rate: RateLimit,

    /// Webhook requests (POST /sms/inbound, /sms/status) one client address may send,
    /// counted before the signature is checked, like `500/s,burst=1000`. The provider sends
    /// from many addresses; keep it generous enough for its bursts.
    #[arg(long, env = "NAVDESK_WEBHOOK_RATE", default_value_t = RateLimit::WEBHOOK)]
    webhook_rate: RateLimit,

    /// Whom the service-gap map credits for the area boundaries, as their license asks (for
    /// Denver's neighborhoods: "City and County of Denver Open Data Catalog").
    #[arg(long, env = "NAVDESK_MAP_CREDIT")]
    map_credit: Option<String>,

    /// The phone number residents who text HELP are told to call.
    #[arg(long, env = "NAVDESK_HELP_PHONE", default_value = "311")]
    help_phone: String,

    /// Seconds a worker's claim on a text lasts; a text whose worker died (or whose process
    /// was killed) is tried again after it.
    #[arg(long, env = "NAVDESK_SMS_LEASE_SECS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(2..=3600))]
    sms_lease_secs: u64,

    /// Text segments the sender may send per second, over every app instance together.
    #[arg(long, env = "NAVDESK_SMS_RATE", default_value_t = 1.0, value_parser = parse_rate)]
    sms_rate: f64,

    /// How addresses are located after a request is stored: offline (ZIP and area centroids)
    /// or census (the US Census Geocoder, with centroids when it fails).
    #[arg(long, env = "NAVDESK_GEOCODER", value_enum, default_value = "offline")]
    geocoder: GeocoderKind,

    /// Base URL of the US Census Geocoder.
    #[arg(long, env = "NAVDESK_CENSUS_BASE_URL", default_value = DEFAULT_CENSUS_BASE_URL)]
    census_base_url: String,

    /// Milliseconds one Census look-up may take before centroids are used instead.
    #[arg(long, env = "NAVDESK_GEOCODER_TIMEOUT_MS", default_value_t = 3000,
          value_parser = clap::value_parser!(u64).range(100..=60_000))]
    geocoder_timeout_ms: u64,

    /// The region a hexagon grid covers when the server starts with no areas:
    /// minlon,minlat,maxlon,maxlat (default: Denver).
    #[arg(
        long,
        env = "NAVDESK_SERVICE_REGION",
        default_value = "-105.11,39.61,-104.60,39.92"
    )]
    service_region: navdesk::areas::Bbox,

    /// Size of that grid's hexagons, kilometres across.
    #[arg(long, env = "NAVDESK_HEX_SIZE_KM", default_value_t = DEFAULT_HEX_SIZE_KM)]
    hex_size_km: f64,

    /// Days after a case is closed before the hourly job removes its resident's personal data
    /// (name, contact details, address, free text, texts), keeping what the map and reports
    /// count; `off`: never.
    #[arg(long, env = "NAVDESK_RETENTION_DAYS", default_value = "730")]
    retention_days: navdesk::datacare::RetentionDays,
}

fn parse_on_off(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err(format!("{text:?} is not on or off")),
    }
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 && rate <= 10_000.0 => Ok(rate),
        _ => Err(format!(
            "{text:?} is not a number of segments per second between 0 and 10000"
        )),
    }
}

fn parse_auto_assign(text: &str) -> Result<navdesk::cases::autoassign::Rule, String> {
    navdesk::cases::autoassign::Rule::parse(text)
        .ok_or_else(|| format!("{text:?} is not one of off, best, covering"))
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    navdesk::telemetry::init();
    let runtime = tokio::runtime::Runtime::new().context("could not start the async runtime")?;
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Migrate => {
            navdesk::db::open(&cli.database_url).await?;
            say!("database is up to date");
            Ok(())
        }
        Command::CreateUser(args) => create_user(&cli.database_url, args).await,
        Command::SeedLoad(args) => seed_load(&cli.database_url, args).await,
        Command::Serve(args) => serve(cli.database_url, *args).await,
        Command::ImportAreas(args) => import_areas(&cli.database_url, args).await,
        Command::ImportZips { file } => import_zips(&cli.database_url, &file).await,
        Command::I18n(command) => i18n(command),
        Command::Programs(command) => programs(&cli.database_url, command).await,
        Command::Backup { file } => backup(&cli.database_url, &file).await,
        Command::Retention(args) => retention(&cli.database_url, args).await,
        Command::ExportResident(args) => export_resident(&cli.database_url, args).await,
        Command::EraseResident(args) => erase_resident(&cli.database_url, args).await,
        Command::ImportPovertyGuidelines { file, year } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            // Check the file before touching the database.
            navdesk::programs::guidelines::parse_csv(year, &text)
                .with_context(|| format!("{} was not imported", file.display()))?;
            let db = navdesk::db::open(&cli.database_url).await?;
            let table = navdesk::programs::guidelines::import(&db, year, &text).await?;
            say!(
                "poverty guidelines for {year} replaced: {} household sizes and the amount for \
                 each additional person",
                table.rows().len() - 1
            );
            Ok(())
        }
    }
}

/// Reads and checks the file before touching the database, so a bad file changes nothing.
async fn import_areas(database_url: &str, args: ImportAreasArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let (counts, source) = match (&args.file, &args.name_property) {
        (Some(file), Some(name_property)) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let options = navdesk::areas::ImportOptions {
                name_property: name_property.clone(),
                id_property: args.id_property.clone(),
            };
            let areas = navdesk::areas::parse_areas(&text, &options)
                .with_context(|| format!("{} was not imported", file.display()))?;
            let db = navdesk::db::open(database_url).await?;
            let counts = navdesk::areas::store_areas(&db, &areas, options.match_by()).await?;
            (counts, file.display().to_string())
        }
        _ => {
            let db = navdesk::db::open(database_url).await?;
            let counts = navdesk::areas::import_hex_grid(&db, args.bbox, args.size_km).await?;
            (counts, format!("a {} km hexagon grid", args.size_km))
        }
    };
    tracing::info!(created = counts.created, updated = counts.updated, %source, "areas imported");
    say!(
        "imported {} areas from {source}: {} created, {} updated ({:.1} s)",
        counts.created + counts.updated,
        counts.created,
        counts.updated,
        started.elapsed().as_secs_f64()
    );
    if counts.cells_removed + counts.cells_kept > 0 {
        say!(
            "they replace the generated hexagon grid: {} cells removed, {} kept without a shape \
             because cases, residents, navigators or programs refer to them",
            counts.cells_removed,
            counts.cells_kept
        );
    }
    Ok(())
}

/// Reads and checks the whole file before touching the database.
async fn import_zips(database_url: &str, file: &std::path::Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let rows = navdesk::areas::zips::parse_zip_centroids(&text)
        .with_context(|| format!("{} was not imported", file.display()))?;
    let db = navdesk::db::open(database_url).await?;
    let counts = navdesk::areas::zips::store_zip_centroids(&db, &rows).await?;
    tracing::info!(created = counts.created, updated = counts.updated, file = %file.display(), "ZIP centroids imported");
    say!(
        "imported {} ZIP codes from {}: {} created, {} updated",
        rows.len(),
        file.display(),
        counts.created,
        counts.updated
    );
    Ok(())
}

fn i18n(command: I18nCommand) -> anyhow::Result<()> {
    use navdesk::i18n::catalog::{self, Source};
    let source = |dir: Option<PathBuf>| dir.map_or(Source::Embedded, Source::Dir);
    match command {
        I18nCommand::Check { dir } => {
            let problems = catalog::check(&source(dir));
            for p in &problems {
                eprintln!("{p}");
            }
            if !problems.is_empty() {
                anyhow::bail!("{} translation problem(s)", problems.len());
            }
            say!("translations are complete and consistent");
            Ok(())
        }
        I18nCommand::Export { lang, out, dir } => {
            let status_md = match &dir {
                Some(d) => std::fs::read_to_string(d.join("STATUS.md")).unwrap_or_default(),
                None => navdesk::i18n::STATUS_MD.to_owned(),
            };
            match out {
                Some(path) => {
                    let file = std::fs::File::create(&path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    catalog::export(&source(dir), &lang, &status_md, file)
                }
                None => catalog::export(&source(dir), &lang, &status_md, std::io::stdout().lock()),
            }
        }
        I18nCommand::Import { lang, file, dir } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let changed = catalog::import(&dir, &lang, &text)?;
            say!(
                "{changed} message(s) changed in {}/{lang}; run `navdesk i18n check --dir {}`",
                dir.display(),
                dir.display()
            );
            Ok(())
        }
    }
}

async fn programs(database_url: &str, command: ProgramsCommand) -> anyhow::Result<()> {
    use navdesk::programs::hsds;
    match command {
        ProgramsCommand::Export { out } => {
            let db = navdesk::db::open(database_url).await?;
            let doc = hsds::export(&db).await?;
            let count = doc.as_array().map_or(0, Vec::len);
            let mut text = serde_json::to_string_pretty(&doc)?;
            text.push('\n');
            match out {
                Some(path) => {
                    std::fs::write(&path, text)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    say!("{count} program(s) written to {}", path.display());
                }
                None => {
                    use std::io::Write as _;
                    std::io::stdout()
                        .lock()
                        .write_all(text.as_bytes())
                        .context("cannot write to standard output")?;
                }
            }
            Ok(())
        }
        ProgramsCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let doc: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not valid JSON", file.display()))?;
            let db = navdesk::db::open(database_url).await?;
            let summary = hsds::import(&db, &doc).await?;
            say!(
                "programs imported: {} added, {} updated",
                summary.created,
                summary.updated
            );
            Ok(())
        }
    }
}

/// Checks everything that can be checked before touching the database, so a refused backup
/// changes nothing: PostgreSQL is refused before connecting, an existing FILE is never
/// overwritten (a backup must not destroy an older one).
async fn backup(database_url: &str, file: &std::path::Path) -> anyhow::Result<()> {
    use sqlx::{ConnectOptions as _, Connection as _};
    if navdesk::db::Backend::from_url(database_url)? == navdesk::db::Backend::Postgres {
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
        .unwrap_or(std::path::Path::new("."));
    anyhow::ensure!(
        folder.is_dir(),
        "the folder {} does not exist (for {})",
        folder.display(),
        file.display()
    );
    let path = file
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", file.display()))?;
    let db = navdesk::db::open(database_url).await?;
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

async fn retention(database_url: &str, args: RetentionArgs) -> anyhow::Result<()> {
    let now = navdesk::db::now();
    let Some(cutoff) = args.retention.cutoff(now) else {
        say!("retention is off (NAVDESK_RETENTION_DAYS=off): nothing was removed");
        return Ok(());
    };
    let db = navdesk::db::open(database_url).await?;
    let run = navdesk::datacare::run_retention(&db, cutoff, now, args.dry_run).await?;
    let days = args.retention;
    if args.dry_run {
        say!(
            "dry run: {} resident(s) with {} case(s) closed more than {days} days ago would be \
             cleared; nothing was changed",
            run.residents,
            run.cases
        );
    } else {
        say!(
            "cleared the personal data of {} resident(s) with {} case(s) closed more than {days} \
             days ago",
            run.residents,
            run.cases
        );
    }
    Ok(())
}

/// Checks the selector and --requested-by before touching the database; finds the residents.
async fn select_resident(
    database_url: &str,
    selector: &ResidentSelector,
    requested_by: &str,
    command: &str,
) -> anyhow::Result<(
    navdesk::db::Db,
    navdesk::datacare::Selector,
    Vec<i64>,
    String,
)> {
    let chosen = navdesk::datacare::Selector::parse(
        selector.reference.as_deref(),
        selector.phone.as_deref(),
    )?;
    let actor = navdesk::datacare::actor(requested_by, command)?;
    let db = navdesk::db::open(database_url).await?;
    let ids = navdesk::datacare::find(&db, &chosen).await?;
    anyhow::ensure!(!ids.is_empty(), "no resident matches the {chosen}");
    Ok((db, chosen, ids, actor))
}

async fn export_resident(database_url: &str, args: ExportResidentArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.out {
        anyhow::ensure!(
            !path.exists(),
            "{} already exists: choose a new file name",
            path.display()
        );
    }
    let (db, selector, ids, actor) = select_resident(
        database_url,
        &args.selector,
        &args.requested_by,
        "export-resident",
    )
    .await?;
    let now = navdesk::db::now();
    let doc = navdesk::datacare::export(&db, &ids, now).await?;
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    // Audited before anything is shown or written.
    navdesk::datacare::audit_each(&db, &actor, "export_resident", &selector, &ids, now).await?;
    match &args.out {
        Some(path) => {
            use std::io::Write as _;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            // Personal data: readable by its owner only.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            file.write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            say!(
                "{} resident record(s) for the {selector} written to {}",
                ids.len(),
                path.display()
            );
        }
        None => {
            use std::io::Write as _;
            std::io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .context("cannot write to standard output")?;
        }
    }
    Ok(())
}

async fn erase_resident(database_url: &str, args: EraseResidentArgs) -> anyhow::Result<()> {
    let (db, selector, ids, actor) = select_resident(
        database_url,
        &args.selector,
        &args.requested_by,
        "erase-resident",
    )
    .await?;
    if !args.yes {
        let p = navdesk::datacare::preview(&db, &ids).await?;
        say!(
            "the {selector} matches {} resident record(s):",
            p.residents.len()
        );
        for (id, erased) in &p.residents {
            if *erased {
                say!("  resident {id}: personal data already removed");
            } else {
                say!("  resident {id}");
            }
        }
        for (code, status) in &p.cases {
            let closing = if matches!(status.as_str(), "closed" | "resolved") {
                ""
            } else {
                " (open: would be closed)"
            };
            say!("  case {code}: {status}{closing}");
        }
        say!(
            "would remove: name, phone, email, address, ZIP, household and income details, \
             accessibility needs, case details, timeline and referral notes, and the text of {} \
             message(s) ({} not yet sent would be cancelled)",
            p.texts,
            p.texts_waiting
        );
        say!("nothing was changed; run again with --yes to remove it");
        return Ok(());
    }
    let erased =
        navdesk::datacare::erase_on_request(&db, &actor, &selector, &ids, navdesk::db::now())
            .await?;
    if erased.residents.is_empty() {
        say!("the personal data of the {selector} was already removed; nothing changed");
    } else {
        say!(
            "removed the personal data of {} resident record(s) for the {selector}; {} open \
             case(s) closed, {} unsent text(s) cancelled",
            erased.residents.len(),
            erased.cases_closed,
            erased.texts_cancelled
        );
    }
    Ok(())
}

/// Reads the password first (so a bad one changes nothing), then migrates and creates.
/// A password from standard input: typed without echo at a terminal, else one line.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 12 characters): ")
            .context("could not read the password")
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("could not read the password from standard input")?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}

async fn seed_load(database_url: &str, args: SeedLoadArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.navigators >= 1, "--navigators must be at least 1");
    let password = read_password()?;
    navdesk::auth::password::check_new_password(&password)?;
    let db = navdesk::db::open(database_url).await?;
    let started = std::time::Instant::now();
    let scale = navdesk::seed::Scale {
        cases: args.cases,
        navigators: args.navigators,
        seed: args.seed,
    };
    let seeded = navdesk::seed::seed(&db, scale, &password).await?;
    say!(
        "seeded {} cases and {} navigators over {} areas in {:.1} s; sign in as {} (navigator) \
         or {} (supervisor)",
        seeded.cases,
        seeded.navigators,
        seeded.areas,
        started.elapsed().as_secs_f64(),
        seeded.navigator_email,
        seeded.supervisor_email
    );
    Ok(())
}

async fn create_user(database_url: &str, args: CreateUserArgs) -> anyhow::Result<()> {
    let language = navdesk::i18n::Lang::parse(&args.language)
        .with_context(|| format!("unknown language {:?} for --language", args.language))?;
    if args.invite {
        let db = navdesk::db::open(database_url).await?;
        let new = navdesk::auth::InvitedUser {
            email: &args.email,
            name: &args.name,
            role: args.role.into(),
            language,
        };
        let (id, token) =
            navdesk::auth::create_invited_user(&db, &new, None, navdesk::db::now()).await?;
        say!(
            "created {} account {} (id {id}). Send this one-time link to its owner to choose a \
             password (valid 7 days):\n{}",
            new.role.code(),
            navdesk::auth::users::normalize_email(&args.email),
            navdesk::auth::invites::invite_url(&args.public_url, &token)
        );
        return Ok(());
    }
    let password = read_password()?;
    navdesk::auth::password::check_new_password(&password)?;
    let db = navdesk::db::open(database_url).await?;
    let new = navdesk::auth::NewUser {
        email: &args.email,
        name: &args.name,
        role: args.role.into(),
        language,
        password: &password,
    };
    let id = navdesk::auth::create_user(&db, &new).await?;
    say!(
        "created {} account {} (id {id})",
        new.role.code(),
        navdesk::auth::users::normalize_email(&args.email)
    );
    Ok(())
}

async fn serve(database_url: String, args: ServeArgs) -> anyhow::Result<()> {
    let timezone = jiff::tz::TimeZone::get(&args.timezone)
        .with_context(|| format!("unknown time zone {:?} (NAVDESK_TIMEZONE)", args.timezone))?;
    let mut config = Config::for_database(database_url);
    config.addr = args.addr;
    config.metrics_addr = args.metrics_addr;
    config.timezone = timezone;
    config.first_contact_secs = args.first_contact_hours * 3600;
    config.help_phone = args.help_phone.trim().to_owned();
    config.trusted_proxies = parse_trusted_proxies(&args.trusted_proxies)?;
    config.help_rate = args.help_rate;
    config.webhook_rate = args.webhook_rate;
    config.retention = args.retention_days;
    config.map_credit = args
        .map_credit
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let days = |n: i64| (n > 0).then_some(n * 86_400);
    config.followups = navdesk::sms::followups::Schedule {
        still_waiting_after: days(args.followup_waiting_days),
        did_you_apply_after: days(args.followup_apply_days),
        connected_checks: navdesk::sms::followups::parse_days(&args.followup_connected_days)
            .map_err(|e| anyhow::anyhow!("NAVDESK_FOLLOWUP_CONNECTED_DAYS: {e}"))?,
        satisfaction: args.followup_satisfaction,
        ..navdesk::sms::followups::Schedule::default()
    };
    config.auto_assign = args.auto_assign.unwrap_or(if args.demo {
        navdesk::cases::autoassign::Rule::Best
    } else {
        navdesk::cases::autoassign::Rule::Off
    });
    config.sms = SmsConfig {
        base_url: args.sms_base_url.trim_end_matches('/').to_owned(),
        account_sid: args.twilio_account_sid,
        auth_token: args.twilio_auth_token,
        from: args.sms_from,
        sending_window: args.sms_hours,
        segments_per_second: args.sms_rate,
        retry_first: std::time::Duration::ZERO,
        retry_max: std::time::Duration::ZERO,
        lease: std::time::Duration::from_secs(args.sms_lease_secs),
    };
    if let Some(url) = &args.public_url {
        config.public_url = url.trim_end_matches('/').to_owned();
    }
    anyhow::ensure!(
        args.hex_size_km.is_finite() && (0.1..=50.0).contains(&args.hex_size_km),
        "NAVDESK_HEX_SIZE_KM must be between 0.1 and 50"
    );
    config.placement = PlacementConfig {
        geocoder: args.geocoder,
        census_base_url: args.census_base_url.trim_end_matches('/').to_owned(),
        census_timeout: std::time::Duration::from_millis(args.geocoder_timeout_ms),
        service_region: args.service_region,
        hex_size_km: args.hex_size_km,
        ..PlacementConfig::default()
    };
    let db = navdesk::db::open(&config.database_url).await?;
    if args.demo {
        // The demo's neighborhoods, before a hexagon grid would cover an empty database.
        navdesk::demo::ensure_areas(&db).await?;
    }
    if let Some(cells) =
        navdesk::areas::ensure_areas(&db, args.service_region, args.hex_size_km).await?
    {
        tracing::info!(
            cells,
            region = ?args.service_region,
            size_km = args.hex_size_km,
            "no areas yet: generated a hexagon grid over the service region \
             (import real boundaries with `navdesk import-areas`)"
        );
    }
    let app = navdesk::Application::with_db(config, db).await?;
    let addr = app.local_addr();
    let mut public_url = app.state().config.public_url.clone();
    if addr.ip().is_unspecified() && args.public_url.is_none() {
        public_url = format!("http://127.0.0.1:{}", addr.port());
    }
    let demo_sign_in = if args.demo {
        navdesk::demo::seed(&app.state().db).await?
    } else {
        None
    };
    tracing::info!(%addr, backend = ?app.state().db.backend, "navdesk is listening");
    if let Some(metrics) = app.metrics_addr() {
        tracing::info!(%metrics, "metrics at GET /metrics");
    }
    say!("navdesk is running: open {public_url}/ in a browser (Ctrl-C stops it)");
    if let Some(demo) = demo_sign_in {
        say!(
            "demo data seeded. Staff sign-in at {public_url}/login: {} (supervisor) or {} \
             (navigator), password {} (shown only now)",
            demo.supervisor,
            demo.navigator,
            demo.password
        );
    }
    app.run_until(navdesk::shutdown_signal()).await
}

/// `127.0.0.1, ::1, 172.28.0.0/16` as networks; a single address is a network of one.
fn parse_trusted_proxies(text: &str) -> anyhow::Result<Vec<ipnet::IpNet>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    anyhow::anyhow!(
                        "NAVDESK_TRUSTED_PROXIES: {s:?} is not an address or a network like 10.0.0.0/8"
                    )
                })
        })
        .collect()
}
