//! `navdesk sites`: sites with their office hours in and out as Open Referral HSDS 3.0
//! locations with schedules.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum SitesCommand {
    /// Write every site as a JSON list of HSDS 3.0 locations, its office hours as schedules.
    Export {
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        zone: Zone,
    },
    /// Read a JSON list of HSDS 3.0 locations: a site with the same name is updated and its
    /// office hours replaced by the file's, others are added. Any problem refuses the whole
    /// file.
    Import {
        /// The JSON file.
        file: PathBuf,
        #[command(flatten)]
        zone: Zone,
    },
}

/// The city's time zone: office hours are in its local time.
#[derive(Args)]
pub struct Zone {
    #[arg(long, env = "NAVDESK_TIMEZONE", default_value = "America/Denver")]
    timezone: String,
}

impl Zone {
    fn get(&self) -> anyhow::Result<(jiff::tz::TimeZone, jiff::civil::Date)> {
        let tz = jiff::tz::TimeZone::get(&self.timezone)
            .with_context(|| format!("unknown time zone {:?}", self.timezone))?;
        let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
        Ok((tz, today))
    }
}

pub async fn sites(database_url: &str, command: SitesCommand) -> anyhow::Result<()> {
    use crate::sites::hsds;
    match command {
        SitesCommand::Export { out, zone } => {
            let (tz, today) = zone.get()?;
            let db = crate::db::open(database_url).await?;
            let doc = hsds::export(&db, &tz, &today.to_string()).await?;
            let count = doc.as_array().map_or(0, Vec::len);
            let mut text = serde_json::to_string_pretty(&doc)?;
            text.push('\n');
            match out {
                Some(path) => {
                    std::fs::write(&path, text)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    say!("{count} site(s) written to {}", path.display());
                }
                None => super::print_document(&text)?,
            }
            Ok(())
        }
        SitesCommand::Import { file, zone } => {
            let (tz, today) = zone.get()?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let doc: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not valid JSON", file.display()))?;
            let db = crate::db::open(database_url).await?;
            let summary = hsds::import(&db, &doc, &tz, today).await?;
            say!(
                "sites imported: {} added, {} updated, {} office hours, {} schedule(s) skipped",
                summary.created,
                summary.updated,
                summary.hours,
                summary.skipped
            );
            Ok(())
        }
    }
}
