//! The `navdesk` command line: the commands and their flags (`Cli`), and `run`, which runs one.
//! `serve` takes its flags from `Config` itself; each other command lives in the file named
//! after it, with its arguments.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::DEFAULT_DATABASE_URL;

/// Prints a line for the person at the terminal. A closed standard output (a service manager,
/// a pipe whose reader has gone) must not stop the server, so write errors are ignored.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod accounts;
mod backup;
mod datacare;
// Issue 18: the device inventory as CSV.
mod devices;
mod i18n;
mod imports;
mod programs;
mod serve;
mod sites;

#[derive(Parser)]
#[command(
    name = "navdesk",
    version,
    about = "A multilingual help desk for a city's digital navigator program"
)]
pub struct Cli {
    /// Database: sqlite://PATH (created on first run) or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database_url: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application (migrates the database first).
    Serve(Box<serve::ServeArgs>),
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Create a staff account. The password is read from standard input (one line, at least
    /// 12 characters); it is never shown. With --invite, no password: a one-time link is printed
    /// instead, where the person chooses one (valid 7 days).
    CreateUser(accounts::CreateUserArgs),
    /// Fill the database with city-scale data for load tests: navigators (with areas) and
    /// cases over three years. Every account it makes shares the password read from standard
    /// input, under @load.navdesk.example. Never on a database with real residents.
    SeedLoad(accounts::SeedLoadArgs),
    /// Import areas (neighborhoods) from a GeoJSON FeatureCollection of Polygon and
    /// MultiPolygon features, or make a hexagon grid with --hex-grid. Every feature is checked
    /// first: one bad feature and nothing is imported. Importing again updates the same areas.
    ImportAreas(imports::ImportAreasArgs),
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
    I18n(i18n::I18nCommand),
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
    Programs(programs::ProgramsCommand),
    /// Sites with their navigators' office hours as Open Referral HSDS 3.0 locations.
    #[command(subcommand)]
    Sites(sites::SitesCommand),
    /// The device inventory as CSV (asset_tag,kind,serial,program,site,condition,status).
    #[command(subcommand)]
    Devices(devices::DevicesCommand),
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
    Retention(datacare::RetentionArgs),
    /// Print, as JSON, everything held about one resident: their details, every case with its
    /// needs, timeline, referrals, outcome and texts, and their number's opt-out. Audited.
    ExportResident(datacare::ExportResidentArgs),
    /// Remove one resident's personal data now (as the retention job does), closing their open
    /// cases. Without --yes, only prints what would be removed. Audited.
    EraseResident(datacare::EraseResidentArgs),
}

/// Writes a whole document (JSON) to standard output. Unlike `say!`, a failed write is an error:
/// the output is the command's result, going to a file or a pipe.
fn print_document(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("cannot write to standard output")
}

/// Runs the command the command line names.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database_url = cli.database_url;
    let url = database_url.as_str();
    match cli.command {
        Command::Serve(args) => serve::serve(database_url, *args).await,
        Command::Migrate => {
            crate::db::open(url).await?;
            say!("database is up to date");
            Ok(())
        }
        Command::CreateUser(args) => accounts::create_user(url, args).await,
        Command::SeedLoad(args) => accounts::seed_load(url, args).await,
        Command::ImportAreas(args) => imports::import_areas(url, args).await,
        Command::ImportZips { file } => imports::import_zips(url, &file).await,
        Command::I18n(command) => i18n::i18n(command),
        Command::ImportPovertyGuidelines { file, year } => {
            imports::import_poverty_guidelines(url, &file, year).await
        }
        Command::Programs(command) => programs::programs(url, command).await,
        Command::Sites(command) => sites::sites(url, command).await,
        Command::Devices(command) => devices::devices(url, command).await,
        Command::Backup { file } => backup::backup(url, &file).await,
        Command::Retention(args) => datacare::retention(url, args).await,
        Command::ExportResident(args) => datacare::export_resident(url, args).await,
        Command::EraseResident(args) => datacare::erase_resident(url, args).await,
    }
}
