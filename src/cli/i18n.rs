//! `navdesk i18n`: the translation workflow (check every language, export or import one as CSV).

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum I18nCommand {
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

pub fn i18n(command: I18nCommand) -> anyhow::Result<()> {
    use crate::i18n::catalog::{self, Source};
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
                None => crate::i18n::STATUS_MD.to_owned(),
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
