//! What a resident may ask for, from the command line: `retention` (the hourly job, run now),
//! `export-resident` and `erase-resident`.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use crate::config::RetentionDays;

#[derive(Args)]
pub struct RetentionArgs {
    /// Only count the residents and cases that would be cleared; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Days after closing before personal data is removed, or `off`.
    #[arg(long = "days", env = "NAVDESK_RETENTION_DAYS", value_name = "RETENTION",
          default_value_t = RetentionDays::DEFAULT)]
    retention: RetentionDays,
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
pub struct ExportResidentArgs {
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
pub struct EraseResidentArgs {
    #[command(flatten)]
    selector: ResidentSelector,
    /// Who asked for the removal (e.g. the staff member handling the request), for the audit log.
    #[arg(long, value_name = "TEXT")]
    requested_by: String,
    /// Really remove; without it, only print what would be removed.
    #[arg(long)]
    yes: bool,
}

pub async fn retention(database_url: &str, args: RetentionArgs) -> anyhow::Result<()> {
    let now = crate::db::now();
    let Some(cutoff) = args.retention.cutoff(now) else {
        say!("retention is off (NAVDESK_RETENTION_DAYS=off): nothing was removed");
        return Ok(());
    };
    let db = crate::db::open(database_url).await?;
    let run = crate::datacare::run_retention(&db, cutoff, now, args.dry_run).await?;
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
) -> anyhow::Result<(crate::db::Db, crate::datacare::Selector, Vec<i64>, String)> {
    let chosen =
        crate::datacare::Selector::parse(selector.reference.as_deref(), selector.phone.as_deref())?;
    let actor = crate::datacare::actor(requested_by, command)?;
    let db = crate::db::open(database_url).await?;
    let ids = crate::datacare::find(&db, &chosen).await?;
    anyhow::ensure!(!ids.is_empty(), "no resident matches the {chosen}");
    Ok((db, chosen, ids, actor))
}

pub async fn export_resident(database_url: &str, args: ExportResidentArgs) -> anyhow::Result<()> {
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
    let now = crate::db::now();
    let doc = crate::datacare::export(&db, &ids, now).await?;
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    // Audited before anything is shown or written.
    crate::datacare::audit_each(&db, &actor, "export_resident", &selector, &ids, now).await?;
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
        None => super::print_document(&text)?,
    }
    Ok(())
}

pub async fn erase_resident(database_url: &str, args: EraseResidentArgs) -> anyhow::Result<()> {
    let (db, selector, ids, actor) = select_resident(
        database_url,
        &args.selector,
        &args.requested_by,
        "erase-resident",
    )
    .await?;
    if !args.yes {
        let p = crate::datacare::preview(&db, &ids).await?;
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
        crate::datacare::erase_on_request(&db, &actor, &selector, &ids, crate::db::now()).await?;
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
