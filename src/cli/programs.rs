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
    /// Read a JSON list of HSDS 3.0 services: a program with the same organization and name is
    /// updated, others are added. Any problem refuses the whole file.
    Import {
        /// The JSON file.
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
            let doc: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not valid JSON", file.display()))?;
            let db = crate::db::open(database_url).await?;
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
