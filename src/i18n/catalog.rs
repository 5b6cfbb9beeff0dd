//! The translation workflow: checking every language against English, and exporting and
//! importing one language as CSV (key, English, translation, status) for translators.
//!
//! English is the source: its files name every message, and its comments and order are kept
//! when an import rewrites a language's files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

use super::{sources, Lang, LOCALES};

/// Where Fluent files come from: a `locales/` folder on disk, or the copy built into the binary.
#[derive(Clone, Debug)]
pub enum Source {
    Embedded,
    Dir(PathBuf),
}

impl Source {
    /// The files of one language as (file name, text), e.g. ("main.ftl", "...").
    pub fn files(&self, code: &str) -> anyhow::Result<Vec<(String, String)>> {
        match self {
            Source::Embedded => {
                let lang = Lang::parse(code).with_context(|| format!("unknown language {code}"))?;
                Ok(sources(lang)
                    .into_iter()
                    .map(|(name, text)| (name.rsplit('/').next().unwrap_or(&name).to_owned(), text))
                    .collect())
            }
            Source::Dir(dir) => {
                let dir = dir.join(code);
                let mut files = Vec::new();
                let entries = match std::fs::read_dir(&dir) {
                    Ok(entries) => entries,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
                    Err(e) => {
                        return Err(e).with_context(|| format!("cannot read {}", dir.display()))
                    }
                };
                for entry in entries {
                    let path = entry?.path();
                    if path.extension().is_some_and(|e| e == "ftl") {
                        let text = std::fs::read_to_string(&path)
                            .with_context(|| format!("cannot read {}", path.display()))?;
                        let name = path
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned();
                        files.push((name, text));
                    }
                }
                files.sort();
                Ok(files)
            }
        }
    }
}

/// One message as the catalog sees it.
#[derive(Clone, Debug)]
pub struct Message {
    pub file: String,
    /// The Fluent source of the value (what follows `id = `), possibly several lines.
    pub value: String,
    pub variables: BTreeSet<String>,
}

/// Every message of one language by id, or the errors that stop the files from parsing.
pub fn messages(files: &[(String, String)]) -> Result<BTreeMap<String, Message>, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((_, errs)) => {
                for e in errs {
                    let line = text[..e.pos.start.min(text.len())].matches('\n').count() + 1;
                    errors.push(format!("{name}:{line}: {:?}", e.kind));
                }
                continue;
            }
        };
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let id = m.id.name.to_owned();
                let mut variables = BTreeSet::new();
                if let Some(p) = &m.value {
                    collect_variables(p, &mut variables);
                }
                let value = serialize_value(m);
                if out.contains_key(&id) {
                    errors.push(format!("{name}: {id} is defined twice"));
                }
                out.insert(
                    id,
                    Message {
                        file: name.clone(),
                        value,
                        variables,
                    },
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn serialize_value(message: ast::Message<&str>) -> String {
    let id = message.id.name;
    let resource = ast::Resource {
        body: vec![Entry::Message(ast::Message {
            comment: None,
            ..message
        })],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    text.strip_prefix(id)
        .and_then(|t| t.strip_prefix(" ="))
        .map(|t| t.strip_prefix(' ').unwrap_or(t))
        .unwrap_or(&text)
        .trim_end_matches('\n')
        .to_owned()
}

fn collect_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, out);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            collect_inline(selector, out);
            for v in variants {
                collect_variables(&v.value, out);
            }
        }
        Expression::Inline(inline) => collect_inline(inline, out),
    }
}

fn collect_inline(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                collect_inline(a, out);
            }
            for a in &arguments.named {
                collect_inline(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, out),
        _ => {}
    }
}

/// A problem `navdesk i18n check` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Syntax {
        lang: String,
        error: String,
    },
    Missing {
        lang: String,
        id: String,
    },
    Extra {
        lang: String,
        id: String,
    },
    Variables {
        lang: String,
        id: String,
        english: Vec<String>,
        found: Vec<String>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax { lang, error } => write!(f, "{lang}: Fluent syntax error: {error}"),
            Problem::Missing { lang, id } => write!(f, "{lang}: missing message {id}"),
            Problem::Extra { lang, id } => write!(f, "{lang}: message {id} is not in English"),
            Problem::Variables {
                lang,
                id,
                english,
                found,
            } => write!(
                f,
                "{lang}: {id} uses the variables {found:?} but English uses {english:?}"
            ),
        }
    }
}

/// Staff pages live in this file. Only these languages must translate it; elsewhere staff see
/// English for what is missing. Every other file is resident-facing and must be complete.
pub const STAFF_FILE: &str = "staff.ftl";
pub const STAFF_LANGUAGES: &[&str] = &["en", "es"];

/// Compares one language's messages with English's.
pub fn compare(
    lang: &str,
    english: &BTreeMap<String, Message>,
    theirs: &BTreeMap<String, Message>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (id, en) in english {
        match theirs.get(id) {
            None if en.file == STAFF_FILE && !STAFF_LANGUAGES.contains(&lang) => {}
            None => problems.push(Problem::Missing {
                lang: lang.into(),
                id: id.clone(),
            }),
            Some(m) if m.variables != en.variables => problems.push(Problem::Variables {
                lang: lang.into(),
                id: id.clone(),
                english: en.variables.iter().cloned().collect(),
                found: m.variables.iter().cloned().collect(),
            }),
            Some(_) => {}
        }
    }
    for id in theirs.keys().filter(|id| !english.contains_key(*id)) {
        problems.push(Problem::Extra {
            lang: lang.into(),
            id: id.clone(),
        });
    }
    problems
}

fn parsed(source: &Source, code: &str) -> Result<BTreeMap<String, Message>, Vec<Problem>> {
    let files = source.files(code).map_err(|e| {
        vec![Problem::Syntax {
            lang: code.into(),
            error: format!("{e:#}"),
        }]
    })?;
    messages(&files).map_err(|errors| {
        errors
            .into_iter()
            .map(|error| Problem::Syntax {
                lang: code.into(),
                error,
            })
            .collect()
    })
}

/// Every problem in every language.
pub fn check(source: &Source) -> Vec<Problem> {
    let english = match parsed(source, "en") {
        Ok(m) => m,
        Err(problems) => return problems,
    };
    let mut problems = Vec::new();
    for locale in LOCALES.iter().skip(1) {
        match parsed(source, locale.code) {
            Ok(theirs) => problems.extend(compare(locale.code, &english, &theirs)),
            Err(p) => problems.extend(p),
        }
    }
    problems
}

/// Review status of each (language, file) from `STATUS.md`'s table rows
/// `| code | file | status | ... |`.
pub fn review_status(status_md: &str) -> BTreeMap<(String, String), String> {
    status_md
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            (cells.len() >= 3 && cells[1].ends_with(".ftl")).then(|| {
                (
                    (cells[0].to_owned(), cells[1].to_owned()),
                    cells[2].to_owned(),
                )
            })
        })
        .collect()
}

/// Writes one language as CSV: key, English, translation, status.
pub fn export(
    source: &Source,
    code: &str,
    status_md: &str,
    out: impl std::io::Write,
) -> anyhow::Result<()> {
    if Lang::parse(code).is_none() {
        bail!("unknown language {code:?}; known: {}", codes());
    }
    let english = parsed(source, "en").map_err(report)?;
    let theirs = parsed(source, code).map_err(report)?;
    let statuses = review_status(status_md);
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["key", "english", "translation", "status"])?;
    for (id, en) in &english {
        let (translation, status) = match theirs.get(id) {
            Some(m) => (
                m.value.as_str(),
                statuses
                    .get(&(code.to_owned(), m.file.clone()))
                    .map(String::as_str)
                    .unwrap_or("draft"),
            ),
            None => ("", "missing"),
        };
        csv.write_record([id.as_str(), en.value.as_str(), translation, status])?;
    }
    csv.flush()?;
    Ok(())
}

fn report(problems: Vec<Problem>) -> anyhow::Error {
    anyhow::anyhow!(
        "{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    )
}

fn codes() -> String {
    LOCALES
        .iter()
        .map(|l| l.code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a translator's CSV and rewrites the language's files under `dir`, in English's order
/// and with English's comments. Refuses the whole file, writing nothing, if any row would
/// break a message. Returns how many messages changed.
pub fn import(dir: &Path, code: &str, csv_text: &str) -> anyhow::Result<usize> {
    if Lang::parse(code).is_none() || code == "en" {
        bail!(
            "cannot import into {code:?}; translatable languages: {}",
            codes()
        );
    }
    let source = Source::Dir(dir.to_owned());
    let english_files = source.files("en")?;
    let english = parsed(&source, "en").map_err(report)?;
    let mut theirs = parsed(&source, code).map_err(report)?;

    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("the CSV has no {name:?} column"))
    };
    let (key_col, translation_col) = (col("key")?, col("translation")?);
    let mut errors = Vec::new();
    let mut changed = 0;
    for (row, record) in reader.records().enumerate() {
        let record = record?;
        let line = row + 2;
        let key = record.get(key_col).unwrap_or_default().trim();
        let translation = record.get(translation_col).unwrap_or_default();
        if translation.trim().is_empty() {
            continue;
        }
        let Some(en) = english.get(key) else {
            errors.push(format!("line {line}: {key:?} is not an English message"));
            continue;
        };
        let text = format!("{key} = {translation}\n");
        let parsed = match messages(&[(en.file.clone(), text)]) {
            Ok(m) => m,
            Err(errs) => {
                errors.push(format!("line {line}: {key}: {}", errs.join("; ")));
                continue;
            }
        };
        let Some(message) = parsed.get(key).filter(|_| parsed.len() == 1) else {
            errors.push(format!(
                "line {line}: {key}: the translation must be one message value"
            ));
            continue;
        };
        if message.variables != en.variables {
            errors.push(format!(
                "line {line}: {key} uses the variables {:?} but English uses {:?}",
                message.variables, en.variables
            ));
            continue;
        }
        if theirs.get(key).map(|m| &m.value) != Some(&message.value) {
            changed += 1;
        }
        theirs.insert(key.to_owned(), message.clone());
    }
    if !errors.is_empty() {
        bail!("nothing imported:\n{}", errors.join("\n"));
    }

    let out_dir = dir.join(code);
    std::fs::create_dir_all(&out_dir)?;
    for (file, text) in &english_files {
        let rendered = render_like_english(text, &theirs);
        std::fs::write(out_dir.join(file), rendered)
            .with_context(|| format!("cannot write {}/{file}", out_dir.display()))?;
    }
    Ok(changed)
}

/// English's file with each message's value replaced by the translation (messages without
/// one are left out, so `check` reports them).
fn render_like_english(english_text: &str, translations: &BTreeMap<String, Message>) -> String {
    let Ok(resource) = fluent_syntax::parser::parse(english_text) else {
        return String::new();
    };
    let mut out = String::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                if let Some(t) = translations.get(m.id.name) {
                    if let Some(comment) = m.comment {
                        let body = vec![Entry::Comment(comment)];
                        let text = fluent_syntax::serializer::serialize(&ast::Resource { body });
                        out.push_str(text.trim_matches('\n'));
                        out.push('\n');
                    }
                    let sep = if t.value.starts_with('\n') { "" } else { " " };
                    out.push_str(&format!("{} ={sep}{}\n", m.id.name, t.value));
                }
            }
            Entry::GroupComment(_) | Entry::ResourceComment(_) | Entry::Comment(_) => {
                let text =
                    fluent_syntax::serializer::serialize(&ast::Resource { body: vec![entry] });
                if !out.is_empty()
                    && !out.ends_with("\n\n")
                    && !matches!(text.chars().nth(1), Some('#') | None)
                {
                    out.push('\n');
                }
                out.push_str(text.trim_start_matches('\n'));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<(String, String)> {
        vec![("main.ftl".into(), text.into())]
    }

    #[test]
    fn the_built_in_translations_pass_the_check() {
        let problems = check(&Source::Embedded);
        assert!(
            problems.is_empty(),
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn check_finds_missing_extra_and_variable_problems() {
        let en = messages(&files(
            "a = A\nb = B { $x }\nc = { $n ->\n    [one] one\n   *[other] { $n } many\n}\n",
        ))
        .unwrap();
        let xx = messages(&files(
            "a = A\nb = B { $y }\nc = { $n ->\n   *[other] { $n }\n}\nd = D\n",
        ))
        .unwrap();
        let problems = compare("xx", &en, &xx);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(matches!(&problems[0], Problem::Variables { id, .. } if id == "b"));
        assert!(matches!(&problems[1], Problem::Extra { id, .. } if id == "d"));
        let xx = messages(&files("a = A\n")).unwrap();
        assert_eq!(compare("xx", &en, &xx).len(), 2);
        // Staff messages may be missing, except in the staff languages.
        let staff = vec![("staff.ftl".to_owned(), "s = Staff\n".to_owned())];
        let en = messages(&staff).unwrap();
        let none = BTreeMap::new();
        assert!(compare("ar", &en, &none).is_empty());
        assert_eq!(compare("es", &en, &none).len(), 1);
        let errors = messages(&files("a = A\nb = { $x\n")).unwrap_err();
        assert!(
            errors[0].starts_with("main.ftl:") && errors[0].contains("Expected"),
            "{errors:?}"
        );
    }

    #[test]
    fn export_then_import_round_trips_and_bad_rows_change_nothing() {
        let dir = std::env::temp_dir().join(format!("navdesk-catalog-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::create_dir_all(dir.join("es")).unwrap();
        let en = "## Group\n\n# about a\na = Hello\nb = { $n ->\n    [one] { $n } day\n   *[other] { $n } days\n}\nc = C { $x }\n";
        std::fs::write(dir.join("en/main.ftl"), en).unwrap();
        std::fs::write(dir.join("es/main.ftl"), "a = Hola\n").unwrap();
        let source = Source::Dir(dir.clone());
        let mut csv = Vec::new();
        export(
            &source,
            "es",
            "| es | main.ftl | reviewed | Ana | 2026-11 |",
            &mut csv,
        )
        .unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("key,english,translation,status\n"), "{csv}");
        assert!(csv.contains("a,Hello,Hola,reviewed"), "{csv}");
        assert!(csv.contains("c,C { $x },,missing"), "{csv}");

        // A translator fills the gaps in a spreadsheet.
        let mut filled = csv::Writer::from_writer(Vec::new());
        for record in csv::Reader::from_reader(csv.as_bytes()).records() {
            let record = record.unwrap();
            let translation = match &record[0] {
                "b" => "{ $n ->\n    [one] { $n } día\n   *[other] { $n } días\n}",
                "c" => "Ce { $x }",
                _ => &record[2],
            };
            filled
                .write_record([&record[0], &record[1], translation, "draft"])
                .unwrap();
        }
        let filled = String::from_utf8(filled.into_inner().unwrap()).unwrap();
        let filled = format!("key,english,translation,status\n{filled}");
        assert_eq!(import(&dir, "es", &filled).unwrap(), 2);
        let written = std::fs::read_to_string(dir.join("es/main.ftl")).unwrap();
        assert!(written.contains("# about a\na = Hola\n"), "{written}");
        assert!(written.contains("[one] { $n } día"), "{written}");
        assert!(check_dir_lang(&dir, "es").is_empty());

        // A row that would break a message refuses the whole file.
        for bad in [
            "key,translation\na,Hola { $nombre }\n",
            "key,translation\na,Hola {\n",
            "key,translation\nzzz,Hola\n",
        ] {
            let err = import(&dir, "es", bad).unwrap_err().to_string();
            assert!(err.contains("nothing imported"), "{err}");
            assert_eq!(
                std::fs::read_to_string(dir.join("es/main.ftl")).unwrap(),
                written
            );
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    fn check_dir_lang(dir: &Path, code: &str) -> Vec<Problem> {
        let source = Source::Dir(dir.to_owned());
        compare(
            code,
            &parsed(&source, "en").unwrap(),
            &parsed(&source, code).unwrap(),
        )
    }
}
