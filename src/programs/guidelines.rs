//! The poverty guideline table in the database: the newest year for eligibility, and the CSV
//! import that replaces one year's table in one transaction (`navdesk
//! import-poverty-guidelines`), so a new year's guidelines need no new build.

use anyhow::Context;

use crate::db::Db;
use crate::matching::eligibility::{PovertyGuidelines, EACH_ADDITIONAL};

/// The newest year's guidelines, or `None` when the table is empty.
pub async fn newest(db: &Db) -> anyhow::Result<Option<PovertyGuidelines>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT year, household_size, annual_income_cents FROM poverty_guidelines \
         WHERE year = (SELECT MAX(year) FROM poverty_guidelines) ORDER BY household_size",
    )
    .fetch_all(&db.pool)
    .await?;
    let Some(&(year, _, _)) = rows.first() else {
        return Ok(None);
    };
    let sizes: Vec<(i64, i64)> = rows.iter().map(|&(_, s, c)| (s, c)).collect();
    let table = PovertyGuidelines::new(year, &sizes)
        .with_context(|| format!("the stored poverty guidelines for {year} are not valid"))?;
    Ok(Some(table))
}

/// Dollars as people write them (`15650`, `15,650`, `$15,650.00`) in whole cents.
fn dollars_to_cents(raw: &str) -> Option<i64> {
    let cleaned: String = raw
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (whole, cents) = cleaned.split_once('.').unwrap_or((&cleaned, "00"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(cents) || cents.len() > 2 || whole.len() > 12 {
        return None;
    }
    let cents: i64 = format!("{cents:0<2}").parse().ok()?;
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

/// Reads `household_size,annual_income` rows (a header line first). The size is a whole
/// number, or `0` / `additional` for the amount added per person beyond the largest size;
/// the income is in dollars a year. Checks the table as a whole too.
pub fn parse_csv(year: i64, text: &str) -> anyhow::Result<PovertyGuidelines> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .context("cannot read the header line")?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .with_context(|| format!("the header line has no {name} column"))
    };
    let (size_col, income_col) = (column("household_size")?, column("annual_income")?);
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.with_context(|| format!("line {line}: not valid CSV"))?;
        let size_text = record.get(size_col).unwrap_or_default();
        let size = match size_text.to_ascii_lowercase().as_str() {
            "additional" | "each_additional" => EACH_ADDITIONAL,
            s => s.parse().ok().with_context(|| {
                format!("line {line}: household_size {size_text:?} is not a whole number")
            })?,
        };
        let income_text = record.get(income_col).unwrap_or_default();
        let cents = dollars_to_cents(income_text).with_context(|| {
            format!("line {line}: annual_income {income_text:?} is not an amount in dollars")
        })?;
        rows.push((size, cents));
    }
    Ok(PovertyGuidelines::new(year, &rows)?)
}

/// Replaces `year`'s guidelines with the table in `text`, all or nothing; returns the table.
pub async fn import(db: &Db, year: i64, text: &str) -> anyhow::Result<PovertyGuidelines> {
    let table = parse_csv(year, text)?;
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM poverty_guidelines WHERE year = $1")
        .bind(year)
        .execute(&mut *tx)
        .await?;
    for (size, cents) in table.rows() {
        sqlx::query(
            "INSERT INTO poverty_guidelines (year, household_size, annual_income_cents) \
             VALUES ($1, $2, $3)",
        )
        .bind(year)
        .bind(size)
        .bind(cents)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    tracing::info!(
        year,
        sizes = table.rows().len() - 1,
        "poverty guidelines replaced"
    );
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_dollars() {
        for (raw, want) in [
            ("15650", Some(1_565_000)),
            ("$15,650", Some(1_565_000)),
            ("15650.5", Some(1_565_050)),
            ("15650.05", Some(1_565_005)),
            ("abc", None),
            ("", None),
            ("-5", None),
            ("1.234", None),
            ("1e5", None),
        ] {
            assert_eq!(dollars_to_cents(raw), want, "{raw}");
        }
    }

    #[test]
    fn csv_files() {
        let good = "household_size,annual_income\n1,15650\n2,\"21,150\"\nadditional,5500\n";
        let table = parse_csv(2025, good).unwrap();
        assert_eq!(table.annual_cents(3), 2_665_000);
        for (bad, needle) in [
            ("household_size,annual_income\n1,lots\n0,5500\n", "line 2"),
            (
                "household_size,annual_income\none,15650\n0,5500\n",
                "whole number",
            ),
            (
                "household_size,annual_income\n1,15650\n3,26650\n0,5500\n",
                "size 2 is missing",
            ),
            (
                "household_size,annual_income\n1,15650\n1,15650\n0,5500\n",
                "more than once",
            ),
            (
                "household_size,annual_income\n1,15650\n",
                "additional person",
            ),
            ("size,income\n1,15650\n0,5500\n", "household_size column"),
        ] {
            let err = format!("{:#}", parse_csv(2025, bad).unwrap_err());
            assert!(err.contains(needle), "{bad}: {err}");
        }
    }
}
