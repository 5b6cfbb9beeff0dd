//! `navdesk programs import`: services in any of the standard's shapes stored as programs, in
//! one transaction. A program with the same organization and name is updated, others added.
//! What navdesk cannot map makes the program a draft (inactive) for a supervisor to finish,
//! said in the report; only a file that is not JSON, a service without `id` or `name`, or the
//! same program twice refuses the whole file.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde_json::Value;

use super::form::{self, ProgramValues};
use super::read::{id_and_name, read_service, services_in_text, services_in_value, Read};
use crate::db::Db;
use crate::i18n::{I18n, Lang};
use crate::sites::form::SiteValues;

/// The audit actions of an import: a program stored complete, or as a draft.
pub const IMPORTED: &str = "import_program";
pub const IMPORTED_DRAFT: &str = "import_program_draft";

/// What happened to one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceReport {
    /// Where it was in the file ("service #2", "line 3", "contents #1").
    pub position: String,
    pub organization: String,
    pub name: String,
    /// Added (else an existing program was updated, or left unchanged: see `unchanged`).
    pub created: bool,
    /// A draft not stored: an active program has this organization and name, and a draft
    /// would take it away from residents. It is left as it was.
    pub unchanged: bool,
    /// Stored inactive for a supervisor to finish: `left_out` says why.
    pub draft: bool,
    /// What navdesk could not map, and why.
    pub left_out: Vec<String>,
    /// Fields of the service navdesk has no place for.
    pub not_kept: Vec<String>,
}

/// What an import did, service by service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub services: Vec<ServiceReport>,
}

impl ImportReport {
    pub fn created(&self) -> usize {
        self.services.iter().filter(|s| s.created).count()
    }
    pub fn updated(&self) -> usize {
        self.services
            .iter()
            .filter(|s| !s.created && !s.unchanged)
            .count()
    }
    /// Drafts stored.
    pub fn drafts(&self) -> usize {
        self.services
            .iter()
            .filter(|s| s.draft && !s.unchanged)
            .count()
    }
    /// Active programs left as they were (see `ServiceReport::unchanged`).
    pub fn unchanged(&self) -> usize {
        self.services.iter().filter(|s| s.unchanged).count()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.services {
            let done = match (s.created, s.unchanged) {
                (_, true) => "not changed: an active program has this organization and name",
                (true, _) => "added",
                _ => "updated",
            };
            let draft = if s.unchanged {
                " (the file's could only be a draft; change the program by hand)"
            } else if s.draft {
                " as a draft (inactive) for a supervisor to finish"
            } else {
                ""
            };
            writeln!(
                f,
                "{}: {:?} of {:?} {done}{draft}",
                s.position, s.name, s.organization
            )?;
            for why in &s.left_out {
                writeln!(f, "  left out: {why}")?;
            }
            if !s.not_kept.is_empty() {
                writeln!(
                    f,
                    "  not kept (navdesk has no place for them): {}",
                    s.not_kept.join(", ")
                )?;
            }
        }
        write!(
            f,
            "programs imported: {} added, {} updated, {} draft(s) to finish",
            self.created(),
            self.updated(),
            self.drafts()
        )?;
        match self.unchanged() {
            0 => Ok(()),
            n => write!(f, ", {n} active program(s) left as they were"),
        }
    }
}

/// A service checked and ready to store.
struct Incoming {
    report: ServiceReport,
    values: ProgramValues,
    last_verified_at: Option<i64>,
    site: Option<SiteValues>,
}

/// Blanks a form field the check refused, so the rest can be stored.
fn leave_out(form: &mut form::ProgramForm, field: &str) {
    match field {
        "description" => form.description.clear(),
        "categories" => form.categories.clear(),
        "max_income_pct_fpg" => form.max_income_pct_fpg.clear(),
        "qualifying_benefits" => form.qualifying_benefits.clear(),
        "min_age" => form.min_age.clear(),
        "languages" => form.languages.clear(),
        "cost" => form.cost.clear(),
        "url" => form.url.clear(),
        "phone" => form.phone.clear(),
        "application_process" => form.application_process.clear(),
        "capacity_available" => form.capacity_available.clear(),
        "status" => form.status = "inactive".into(),
        "areas" => form.areas.clear(),
        _ => {}
    }
}

/// Checks the read service as the program form does. A field the check refuses is left out
/// (said in `read.left_out`); a program without categories or languages gets none (the form
/// cannot save it so: a supervisor chooses them). Refused only for its organization or name.
fn check(
    read: &mut Read,
    known_areas: &[i64],
    en: &crate::i18n::Tr<'_>,
) -> Result<ProgramValues, Vec<String>> {
    let mut form = read.form.clone();
    let (no_categories, no_languages) = (form.categories.is_empty(), form.languages.is_empty());
    if no_categories {
        form.categories = vec!["training".into()];
    }
    if no_languages {
        form.languages = vec!["en".into()];
    }
    for _ in 0..2 {
        match form::check(&form, known_areas, &[]) {
            Ok(mut values) => {
                if no_categories {
                    values.categories.clear();
                }
                if no_languages {
                    values.languages.clear();
                }
                return Ok(values);
            }
            Err(errors) => {
                let fatal: Vec<String> = errors
                    .iter()
                    .filter(|e| matches!(e.field, "organization" | "name"))
                    .map(|e| format!("{}: {}", e.field, en.t(e.message)))
                    .collect();
                if !fatal.is_empty() {
                    return Err(fatal);
                }
                for e in &errors {
                    read.left_out
                        .push(format!("{}: {}", e.field, en.t(e.message)));
                    leave_out(&mut form, e.field);
                }
            }
        }
    }
    Err(vec!["could not be read as a program".into()])
}

/// Imports a file's text: one service, a JSON list, a page with `contents`, or ndjson.
pub async fn import_text(db: &Db, text: &str) -> anyhow::Result<ImportReport> {
    let services = services_in_text(text)?;
    import_services(db, services).await
}

/// Imports a JSON document: one service, a list of services, or a page with `contents`.
pub async fn import(db: &Db, doc: &Value) -> anyhow::Result<ImportReport> {
    let services = services_in_value(doc)?;
    import_services(db, services).await
}

async fn import_services(db: &Db, services: Vec<(String, Value)>) -> anyhow::Result<ImportReport> {
    let areas = crate::areas::choices::areas(db).await?;
    let by_name: HashMap<&str, i64> = areas.iter().map(|a| (a.name.as_str(), a.id)).collect();
    let known: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let i18n = I18n::load()?;
    let en = i18n.tr(Lang::EN);
    let mut problems = Vec::new();
    let mut incoming = Vec::new();
    let mut seen = BTreeSet::new();
    for (position, service) in &services {
        let (_, name) = match id_and_name(service) {
            Ok(found) => found,
            Err(why) => {
                problems.push(format!("{position}: {why}"));
                continue;
            }
        };
        let label = format!("{position} ({name:?})");
        let Value::Object(service) = service else {
            continue;
        };
        let mut read = read_service(service, &by_name);
        if read.form.organization.is_empty() {
            read.form.organization = "Unknown organization".into();
            read.left_out
                .push("no organization name: it is called \"Unknown organization\"".into());
        }
        let values = match check(&mut read, &known, &en) {
            Ok(values) => values,
            Err(list) => {
                problems.extend(list.iter().map(|p| format!("{label}: {p}")));
                continue;
            }
        };
        let site = read.site.take().and_then(|mut site| {
            if site.name.is_empty() {
                site.name = values.name.clone();
            }
            match crate::sites::form::check(&site, &[]) {
                Ok(site) => Some(site),
                Err(errors) => {
                    read.left_out.extend(errors.iter().map(|e| {
                        format!(
                            "location {}: {} (the location is left out)",
                            e.field,
                            en.t(e.message)
                        )
                    }));
                    None
                }
            }
        });
        if let Some(words) = &read.eligibility_text {
            let ours = super::export::eligibility_description(
                values.max_income_pct_fpg,
                &values.qualifying_benefits,
                values.min_age,
            );
            if *words != ours {
                read.left_out.push(format!(
                    "eligibility is described in words only ({words:?}): set the income limit \
                     and benefits"
                ));
            }
        }
        let draft = !read.left_out.is_empty();
        let mut values = values;
        if draft {
            values.active = false;
        }
        if !seen.insert((values.organization.clone(), values.name.clone())) {
            problems.push(format!(
                "{label}: appears more than once for the same organization"
            ));
        }
        incoming.push(Incoming {
            report: ServiceReport {
                position: position.clone(),
                organization: values.organization.clone(),
                name: values.name.clone(),
                created: true,
                unchanged: false,
                draft,
                left_out: std::mem::take(&mut read.left_out),
                not_kept: std::mem::take(&mut read.not_kept),
            },
            values,
            last_verified_at: read.last_verified_at,
            site,
        });
    }
    if !problems.is_empty() {
        anyhow::bail!(
            "nothing was imported; {} problem(s):\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
    if incoming.is_empty() {
        anyhow::bail!("nothing was imported: the file holds no service");
    }

    let index = crate::areas::AreaIndex::load(db).await?;
    let now = crate::db::now();
    let actor = format!(
        "navdesk programs import, operating-system user {}",
        os_user()
    );
    let mut tx = db.begin_write().await?;
    let mut report = ImportReport::default();
    for program in &mut incoming {
        let existing: Option<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, version, status FROM programs WHERE organization = $1 AND name = $2",
        )
        .bind(&program.values.organization)
        .bind(&program.values.name)
        .fetch_optional(&mut *tx)
        .await?;
        if program.report.draft && existing.as_ref().is_some_and(|e| e.2 == "active") {
            program.report.unchanged = true;
            program.report.created = false;
            report.services.push(program.report.clone());
            continue;
        }
        let existing = existing.map(|(id, version, _)| (id, version));
        if let Some(site) = &program.site {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE name = $1")
                .bind(&site.name)
                .fetch_optional(&mut *tx)
                .await?;
            program.values.site_id = Some(match found {
                Some(id) => id,
                None => {
                    let area = site.point.and_then(|(lat, lon)| index.locate(lat, lon));
                    crate::sites::store::write_in(&mut tx, None, site, area, now)
                        .await
                        .map_err(|e| {
                            anyhow::anyhow!("site {:?} could not be added: {e:?}", site.name)
                        })?
                }
            });
        }
        let v = &program.values;
        let id = super::super::store::write_in(&mut tx, existing, v)
            .await
            .map_err(|e| match e {
                crate::db::SaveError::Db(err) => anyhow::Error::from(err),
                other => anyhow::anyhow!("program {:?} could not be saved: {other:?}", v.name),
            })?;
        sqlx::query("UPDATE programs SET last_verified_at = $1 WHERE id = $2")
            .bind(program.last_verified_at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let action = if program.report.draft {
            IMPORTED_DRAFT
        } else {
            IMPORTED
        };
        sqlx::query(
            "INSERT INTO audit_log (user_id, actor, action, program_id, at) \
             VALUES (NULL, $1, $2, $3, $4)",
        )
        .bind(&actor)
        .bind(action)
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        program.report.created = existing.is_none();
        report.services.push(program.report.clone());
    }
    tx.commit().await?;
    db.note_change();
    tracing::info!(
        created = report.created(),
        updated = report.updated(),
        drafts = report.drafts(),
        unchanged = report.unchanged(),
        "programs imported"
    );
    Ok(report)
}

/// The operating-system user who ran the command, for the audit log.
fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}
