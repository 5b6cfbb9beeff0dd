//! `navdesk programs`: resource programs in and out as Open Referral HSDS 3.0 JSON.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum ProgramsCommand {
    /// Write every program as a JSON list of HSDS 3.0 services.
    Export {
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read HSDS 3.0 services: one service, a JSON list, a page with `contents`, or one service
    /// a line (ndjson). A program with the same organization and name is updated, others are
    /// added. What navdesk cannot map (no categories, a language or service area it does not
    /// know, eligibility in words, ...) makes the program a draft (inactive) for a supervisor to
    /// finish (an active program is never replaced by a draft); the report says per service
    /// what was left out and why. Malformed JSON, a service without id or name, or the same
    /// program twice refuses the whole file.
    Import {
        /// The JSON or ndjson file.
        file: PathBuf,
    },
}

pub async fn programs(database_url: &str, command: ProgramsCommand) -> anyhow::Result<()> {
    use crate::programs::hsds;
    match command {
        ProgramsCommand::Export { out } => {
            let db = crate::db::open(database_url).await?;
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
                None => super::print_document(&text)?,
            }
            Ok(())
        }
        ProgramsCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            // Read before opening the database: a malformed file changes nothing.
            hsds::services_in_text(&text).with_context(|| format!("{}", file.display()))?;
            let db = crate::db::open(database_url).await?;
            let report = hsds::import_text(&db, &text)
                .await
                .with_context(|| format!("{}", file.display()))?;
            say!("{report}");
            Ok(())
        }
    }
}
