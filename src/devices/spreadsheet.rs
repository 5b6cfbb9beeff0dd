//! The inventory as a spreadsheet: `asset_tag,kind,serial,program,site,condition,status`,
//! program and site by name. An import adds devices: every row is checked first (against the
//! file's other rows and the devices already stored), and one problem stores nothing; each
//! problem names its line and column. An export writes what an import reads back, with cells
//! a spreadsheet would run as a formula made inert.

use std::collections::{HashMap, HashSet};

use fluent_bundle::FluentValue;

use super::form::{self, DeviceValues};
use super::model::{Condition, Kind, Status};
use crate::db::Db;

/// The file's columns, in the order an export writes them.
pub const COLUMNS: [&str; 7] = [
    "asset_tag",
    "kind",
    "serial",
    "program",
    "site",
    "condition",
    "status",
];

/// At most this many problems are reported: enough to fix a file in a few rounds.
pub const MAX_PROBLEMS: usize = 50;

/// What is wrong with a file, or one of its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// Not a CSV file the reader understands (not UTF-8, unbalanced quotes): its words.
    Unreadable(String),
    Empty,
    NoRows,
    MissingColumn,
    UnknownColumn(String),
    /// The message (`form::asset_tag`, `form::serial`) saying what is wrong with the cell.
    Cell(&'static str),
    Kind(String),
    Condition(String),
    Status(String),
    UnknownProgram(String),
    /// Several programs have this name.
    AmbiguousProgram(String),
    UnknownSite(String),
    /// The asset tag is on an earlier line of the file too.
    DuplicateInFile(u64),
    DuplicateInDatabase(String),
    /// Another import or a supervisor added one of the file's asset tags while it was being
    /// stored: checking it again names the line.
    ChangedMeanwhile,
}

/// One problem: where it is (`line` counts from 1, the header's) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub what: What,
}

impl Problem {
    /// The message saying it, and its variables (`line`, `column`, `value`, `first`).
    pub fn message(&self) -> (&'static str, Vec<(&'static str, FluentValue<'static>)>) {
        let mut args: Vec<(&'static str, FluentValue<'static>)> =
            vec![("line", (self.line as i64).into())];
        if let Some(column) = self.column {
            args.push(("column", column.into()));
        }
        let mut value = |v: &str| args.push(("value", v.to_owned().into()));
        let id = match &self.what {
            What::Unreadable(why) => {
                value(why);
                "devices-csv-unreadable"
            }
            What::Empty => "devices-csv-empty",
            What::NoRows => "devices-csv-no-rows",
            What::MissingColumn => "devices-csv-missing-column",
            What::UnknownColumn(name) => {
                value(name);
                "devices-csv-unknown-column"
            }
            What::Cell("device-error-tag-missing") => "devices-csv-tag-missing",
            What::Cell("device-error-tag") => "devices-csv-tag",
            What::Cell(_) => "devices-csv-serial",
            What::Kind(v) => {
                value(v);
                "devices-csv-kind"
            }
            What::Condition(v) => {
                value(v);
                "devices-csv-condition"
            }
            What::Status(v) => {
                value(v);
                "devices-csv-status"
            }
            What::UnknownProgram(v) => {
                value(v);
                "devices-csv-unknown-program"
            }
            What::AmbiguousProgram(v) => {
                value(v);
                "devices-csv-ambiguous-program"
            }
            What::UnknownSite(v) => {
                value(v);
                "devices-csv-unknown-site"
            }
            What::DuplicateInFile(first) => {
                args.push(("first", (*first as i64).into()));
                "devices-csv-duplicate-in-file"
            }
            What::ChangedMeanwhile => "devices-csv-changed-meanwhile",
            What::DuplicateInDatabase(v) => {
                value(v);
                "devices-csv-duplicate-in-database"
            }
        };
        (id, args)
    }
}

/// A cell as a spreadsheet may safely open it: one that starts as a formula would (`=`, `+`,
/// `-`, `@`, a tab, a carriage return) gets a leading `'`, which spreadsheets show as text.
pub fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// What `spreadsheet_safe` wrote, as it was.
fn unescaped(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if spreadsheet_safe(rest).len() > rest.len() => rest,
        _ => cell,
    }
}

/// The names an import resolves, and the tags already taken (lower case).
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub programs: Vec<(i64, String)>,
    pub sites: Vec<(i64, String)>,
    pub tags: HashSet<String>,
}

/// A row that passed every check: a device (with no notes) and the status it is in.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRow {
    pub device: DeviceValues,
    pub status: Status,
}

/// The ids named `name`: exactly as written first, else in any case.
fn named(list: &[(i64, String)], name: &str) -> Vec<i64> {
    let exact: Vec<i64> = list
        .iter()
        .filter(|(_, n)| n.trim() == name)
        .map(|(id, _)| *id)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let lower = name.to_lowercase();
    list.iter()
        .filter(|(_, n)| n.trim().to_lowercase() == lower)
        .map(|(id, _)| *id)
        .collect()
}

/// Checks a whole file: every row is a device to add, or every problem found (at most
/// `MAX_PROBLEMS`) is returned.
pub fn check(bytes: &[u8], known: &Known) -> Result<Vec<ImportRow>, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let unreadable = |e: csv::Error| Problem {
        line: e.position().map_or(1, |p| p.line()),
        column: None,
        what: What::Unreadable(e.to_string()),
    };
    let mut records = reader
        .records()
        .filter(|r| r.as_ref().map_or(true, |r| !r.iter().all(str::is_empty)));
    let header = match records.next() {
        None => {
            return Err(vec![Problem {
                line: 1,
                column: None,
                what: What::Empty,
            }])
        }
        Some(Err(e)) => return Err(vec![unreadable(e)]),
        Some(Ok(h)) => h,
    };
    let header_line = header.position().map_or(1, |p| p.line());
    let mut problems = Vec::new();
    let mut at = [None; COLUMNS.len()];
    for (pos, name) in header.iter().enumerate() {
        match COLUMNS.iter().position(|c| name.eq_ignore_ascii_case(c)) {
            Some(i) => at[i] = at[i].or(Some(pos)),
            None => problems.push(Problem {
                line: header_line,
                column: None,
                what: What::UnknownColumn(name.to_owned()),
            }),
        }
    }
    for (i, column) in COLUMNS.iter().enumerate() {
        if at[i].is_none() {
            problems.push(Problem {
                line: header_line,
                column: Some(column),
                what: What::MissingColumn,
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let at = at.map(|i| i.unwrap_or_default());
    let mut rows = Vec::new();
    let mut first_seen: HashMap<String, u64> = HashMap::new();
    for record in records {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(unreadable(e));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| unescaped(record.get(at[i]).unwrap_or_default());
        let mut fail = |column: usize, what: What| {
            problems.push(Problem {
                line,
                column: Some(COLUMNS[column]),
                what,
            })
        };
        let tag = form::asset_tag(cell(0)).map_err(|m| fail(0, What::Cell(m)));
        let tag = tag.and_then(|tag| {
            let lower = tag.to_lowercase();
            if let Some(first) = first_seen.get(&lower) {
                fail(0, What::DuplicateInFile(*first));
                Err(())
            } else if known.tags.contains(&lower) {
                fail(0, What::DuplicateInDatabase(tag));
                Err(())
            } else {
                first_seen.insert(lower, line);
                Ok(tag)
            }
        });
        let kind = Kind::parse(cell(1)).ok_or_else(|| fail(1, What::Kind(cell(1).into())));
        let serial = form::serial(cell(2)).map_err(|m| fail(2, What::Cell(m)));
        let program = match named(&known.programs, cell(3)).as_slice() {
            [id] => Ok(*id),
            [] => {
                fail(3, What::UnknownProgram(cell(3).into()));
                Err(())
            }
            _ => {
                fail(3, What::AmbiguousProgram(cell(3).into()));
                Err(())
            }
        };
        let site = match (cell(4), named(&known.sites, cell(4)).as_slice()) {
            ("", _) => Ok(None),
            (_, [id]) => Ok(Some(*id)),
            (name, _) => {
                fail(4, What::UnknownSite(name.into()));
                Err(())
            }
        };
        // A spreadsheet kept by hand may leave these blank: a device in stock, in good order.
        let condition = match cell(5) {
            "" => Ok(Condition::Good),
            raw => Condition::parse(raw).ok_or_else(|| fail(5, What::Condition(raw.into()))),
        };
        let status = match cell(6) {
            "" => Ok(Status::Available),
            raw => Status::parse(raw).ok_or_else(|| fail(6, What::Status(raw.into()))),
        };
        if let (
            Ok(asset_tag),
            Ok(kind),
            Ok(serial),
            Ok(program_id),
            Ok(site_id),
            Ok(condition),
            Ok(status),
        ) = (tag, kind, serial, program, site, condition, status)
        {
            let device = DeviceValues {
                asset_tag,
                kind,
                serial,
                program_id,
                site_id,
                condition,
                notes: String::new(),
            };
            rows.push(ImportRow { device, status });
        }
    }
    problems.truncate(MAX_PROBLEMS);
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(vec![Problem {
            line: header_line,
            column: None,
            what: What::NoRows,
        }]);
    }
    Ok(rows)
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum ImportError {
    Problems(Vec<Problem>),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for ImportError {
    fn from(err: sqlx::Error) -> Self {
        Self::Db(err)
    }
}

/// Rows a statement inserts at once: 9 values each, well under either database's limit.
const CHUNK: usize = 500;

/// Checks the file and adds every device in it with a first line of history, in one
/// transaction; returns how many. `user_id` is who uploaded it (`None`: the command line).
pub async fn import(
    db: &Db,
    bytes: &[u8],
    user_id: Option<i64>,
    now: i64,
) -> Result<usize, ImportError> {
    let mut tx = db.begin_write().await?;
    let programs: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM programs")
        .fetch_all(&mut *tx)
        .await?;
    let sites: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM sites")
        .fetch_all(&mut *tx)
        .await?;
    let tags: Vec<String> = sqlx::query_scalar("SELECT LOWER(asset_tag) FROM devices")
        .fetch_all(&mut *tx)
        .await?;
    let known = Known {
        programs,
        sites,
        tags: tags.into_iter().collect(),
    };
    let rows = check(bytes, &known).map_err(ImportError::Problems)?;
    let backend = db.backend;
    for chunk in rows.chunks(CHUNK) {
        let sql = crate::db::multi_insert(
            backend,
            "devices",
            &[
                "asset_tag",
                "kind",
                "serial",
                "program_id",
                "site_id",
                "condition",
                "status",
                "created_at",
                "updated_at",
            ],
            chunk.len(),
            " RETURNING id, asset_tag",
        );
        let mut query = sqlx::query_as::<_, (i64, String)>(&sql).persistent(false);
        for r in chunk {
            let d = &r.device;
            query = query
                .bind(&d.asset_tag)
                .bind(d.kind.code())
                .bind(&d.serial)
                .bind(d.program_id)
                .bind(d.site_id)
                .bind(d.condition.code())
                .bind(r.status.code())
                .bind(now)
                .bind(now);
        }
        let added = query.fetch_all(&mut *tx).await?;
        let status_of: HashMap<&str, Status> = chunk
            .iter()
            .map(|r| (r.device.asset_tag.as_str(), r.status))
            .collect();
        let sql = crate::db::multi_insert(
            backend,
            "device_events",
            &["device_id", "at", "user_id", "action", "to_status"],
            added.len(),
            "",
        );
        let mut query = sqlx::query(&sql).persistent(false);
        for (id, tag) in &added {
            query = query
                .bind(*id)
                .bind(now)
                .bind(user_id)
                .bind("imported")
                .bind(status_of.get(tag.as_str()).map(|s| s.code()));
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    db.note_change();
    Ok(rows.len())
}

/// asset_tag, kind, serial, program, site, condition, status.
type ExportRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
);

/// Every device as the file an import reads, by asset tag.
pub async fn export(db: &Db) -> anyhow::Result<Vec<u8>> {
    let rows: Vec<ExportRow> = sqlx::query_as(
        "SELECT d.asset_tag, d.kind, d.serial, p.name, s.name, d.condition, d.status \
             FROM devices d JOIN programs p ON p.id = d.program_id \
             LEFT JOIN sites s ON s.id = d.site_id ORDER BY LOWER(d.asset_tag)",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(COLUMNS)?;
    for (tag, kind, serial, program, site, condition, status) in rows {
        let cells = [
            tag,
            kind,
            serial,
            program,
            site.unwrap_or_default(),
            condition,
            status,
        ];
        out.write_record(cells.iter().map(|c| spreadsheet_safe(c)))?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known {
            programs: vec![
                (1, "Hotspot lending".into()),
                (2, "Refurbished computers".into()),
                (3, "Twin".into()),
                (4, "Twin".into()),
            ],
            sites: vec![(10, "Central Library".into())],
            tags: ["hs-0009".to_owned()].into_iter().collect(),
        }
    }

    fn problems(text: &str) -> Vec<(u64, Option<&'static str>, What)> {
        check(text.as_bytes(), &known())
            .unwrap_err()
            .into_iter()
            .map(|p| (p.line, p.column, p.what))
            .collect()
    }

    #[test]
    fn a_good_file_reads_in_any_column_order_with_defaults() {
        let text = "\u{feff}status,asset_tag,kind,serial,program,site,condition\n\
                    On loan,HS-0001,Hotspot,SN1,Hotspot lending,Central Library,fair\n\
                    \n\
                    ,LT-7,laptop,,refurbished computers,,\n";
        let rows = check(text.as_bytes(), &known()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, Status::OnLoan);
        assert_eq!(rows[0].device.site_id, Some(10));
        assert_eq!(rows[1].device.program_id, 2, "a name in another case");
        assert_eq!(rows[1].device.site_id, None);
        assert_eq!(
            (rows[1].device.condition, rows[1].status),
            (Condition::Good, Status::Available)
        );
    }

    #[test]
    fn each_problem_names_its_line_and_column() {
        assert_eq!(
            problems("asset_tag,kind,serial,program,site,condition\n"),
            vec![(1, Some("status"), What::MissingColumn)]
        );
        assert_eq!(
            problems("asset_tag,kind,serial,program,site,condition,status,notes\n"),
            vec![(1, None, What::UnknownColumn("notes".into()))]
        );
        assert_eq!(problems(""), vec![(1, None, What::Empty)]);
        assert_eq!(
            problems("asset_tag,kind,serial,program,site,condition,status\n"),
            vec![(1, None, What::NoRows)]
        );
        let text = "asset_tag,kind,serial,program,site,condition,status\n\
                    HS-1,hotspot,,Hotspot lending,,,\n\
                    hs-1,phone,,Nobody,Attic,mint,borrowed\n\
                    HS-0009,laptop,,Twin,,,\n\
                    ,laptop,,Hotspot lending,,,\n";
        assert_eq!(
            problems(text),
            vec![
                (3, Some("asset_tag"), What::DuplicateInFile(2)),
                (3, Some("kind"), What::Kind("phone".into())),
                (3, Some("program"), What::UnknownProgram("Nobody".into())),
                (3, Some("site"), What::UnknownSite("Attic".into())),
                (3, Some("condition"), What::Condition("mint".into())),
                (3, Some("status"), What::Status("borrowed".into())),
                (
                    4,
                    Some("asset_tag"),
                    What::DuplicateInDatabase("HS-0009".into())
                ),
                (4, Some("program"), What::AmbiguousProgram("Twin".into())),
                (5, Some("asset_tag"), What::Cell("device-error-tag-missing")),
            ]
        );
    }

    #[test]
    fn formula_cells_are_made_inert_and_read_back() {
        for cell in ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let safe = spreadsheet_safe(cell);
            assert!(safe.starts_with('\''), "{cell:?}");
            assert_eq!(unescaped(&safe), cell);
        }
        for cell in ["HS-1", "", "'quoted", "a=b"] {
            assert_eq!(spreadsheet_safe(cell), cell);
            assert_eq!(unescaped(cell), cell);
        }
    }
}
