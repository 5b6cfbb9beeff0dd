//! `navdesk devices`: the inventory in and out as a spreadsheet (CSV), with the columns
//! `asset_tag,kind,serial,program,site,condition,status`, program and site by name.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum DevicesCommand {
    /// Add the devices of a CSV file. Every row is checked first (a known program and site by
    /// name, an asset tag used nowhere else, a known kind, condition and status): one problem
    /// and nothing is added; each problem names its line and column.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Write every device as CSV, by asset tag: the file `import` reads. Cells a spreadsheet
    /// would run as a formula start with a `'`.
    Export {
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub async fn devices(database_url: &str, command: DevicesCommand) -> anyhow::Result<()> {
    use crate::devices::spreadsheet::{self, ImportError};
    match command {
        DevicesCommand::Import { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let db = crate::db::open(database_url).await?;
            match spreadsheet::import(&db, &bytes, None, crate::db::now()).await {
                Ok(n) => {
                    say!("{n} device(s) added from {}", file.display());
                    Ok(())
                }
                Err(ImportError::Problems(problems)) => {
                    let i18n = crate::i18n::I18n::load()?;
                    let tr = i18n.tr(crate::i18n::Lang::EN);
                    let lines: Vec<String> = problems
                        .iter()
                        .map(|p| {
                            let (id, args) = p.message();
                            // Fluent isolates each variable for right-to-left pages; a terminal
                            // shows the marks as noise.
                            tr.ta(id, &args).replace(['\u{2068}', '\u{2069}'], "")
                        })
                        .collect();
                    anyhow::bail!(
                        "{} was not imported, nothing was added:\n{}",
                        file.display(),
                        lines.join("\n")
                    )
                }
                Err(ImportError::Db(err)) => Err(err.into()),
            }
        }
        DevicesCommand::Export { out } => {
            let db = crate::db::open(database_url).await?;
            let bytes = spreadsheet::export(&db).await?;
            let text = String::from_utf8(bytes)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, &text)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    let count = text.lines().count().saturating_sub(1);
                    say!("{count} device(s) written to {}", path.display());
                }
                None => super::print_document(&text)?,
            }
            Ok(())
        }
    }
}
