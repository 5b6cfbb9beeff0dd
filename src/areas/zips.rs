//! ZIP code centroids for the offline geocoder, read by `navdesk import-zips FILE`: the US
//! Census Gazetteer ZCTA file (tab-separated, columns GEOID, INTPTLAT, INTPTLONG among others)
//! or a plain `zip,lat,lon` CSV. Every row is checked before anything is written, so a file with
//! one bad row imports nothing and the error names its line; storing is an upsert, so importing
//! the same file again changes nothing.

use std::collections::HashMap;

use crate::db::Db;
use crate::domain::Zip;

/// One ZIP code's point.
#[derive(Clone, Debug, PartialEq)]
pub struct ZipCentroid {
    pub zip: String,
    pub lat: f64,
    pub lon: f64,
}

/// Why a ZIP file cannot be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ZipFileError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the header has no {0} column (a Census Gazetteer ZCTA file has GEOID, INTPTLAT and \
         INTPTLONG; a CSV has zip,lat,lon)"
    )]
    MissingColumn(&'static str),
    #[error("line {line}: {problem}")]
    Line { line: u64, problem: String },
    #[error("the file has a header but no ZIP codes")]
    NoRows,
}

/// The columns holding the ZIP, latitude and longitude.
struct Columns {
    zip: usize,
    lat: usize,
    lon: usize,
}

/// Parses and checks a whole file: every row is a ZIP with a point, or nothing is returned.
pub fn parse_zip_centroids(text: &str) -> Result<Vec<ZipCentroid>, ZipFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .ok_or(ZipFileError::Empty)?;
    let delimiter = if first.contains('\t') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let line_error = |e: csv::Error| ZipFileError::Line {
        line: e.position().map_or(0, |p| p.line()),
        problem: e.to_string(),
    };
    let mut records = reader
        .records()
        .filter(|r| r.as_ref().map_or(true, |r| !r.iter().all(str::is_empty)));
    let first = records
        .next()
        .ok_or(ZipFileError::Empty)?
        .map_err(line_error)?;
    let (columns, first_is_data) = header(&first, delimiter)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::new();
    if first_is_data {
        rows.push(row(&first, &columns, &mut seen)?);
    }
    for record in records {
        rows.push(row(&record.map_err(line_error)?, &columns, &mut seen)?);
    }
    if rows.is_empty() {
        return Err(ZipFileError::NoRows);
    }
    Ok(rows)
}

/// Finds the columns by name in a header row. A CSV whose first field is a ZIP has no header:
/// its columns are zip,lat,lon in that order, and the row is data (the `bool`).
fn header(record: &csv::StringRecord, delimiter: u8) -> Result<(Columns, bool), ZipFileError> {
    if delimiter == b',' && Zip::parse(record.get(0).unwrap_or_default()).is_some() {
        let columns = Columns {
            zip: 0,
            lat: 1,
            lon: 2,
        };
        return Ok((columns, true));
    }
    let find = |names: &[&str], shown: &'static str| {
        record
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
            .ok_or(ZipFileError::MissingColumn(shown))
    };
    let columns = if delimiter == b'\t' {
        Columns {
            zip: find(&["GEOID"], "GEOID")?,
            lat: find(&["INTPTLAT"], "INTPTLAT")?,
            lon: find(&["INTPTLONG"], "INTPTLONG")?,
        }
    } else {
        Columns {
            zip: find(&["zip", "zipcode", "zcta"], "zip")?,
            lat: find(&["lat", "latitude"], "lat")?,
            lon: find(&["lon", "lng", "longitude"], "lon")?,
        }
    };
    Ok((columns, false))
}

fn row(
    record: &csv::StringRecord,
    cols: &Columns,
    seen: &mut HashMap<String, u64>,
) -> Result<ZipCentroid, ZipFileError> {
    let line = record.position().map_or(0, |p| p.line());
    let fail = |problem: String| ZipFileError::Line { line, problem };
    let field = |i: usize| record.get(i).unwrap_or_default();
    let zip = Zip::parse(field(cols.zip))
        .ok_or_else(|| fail(format!("{:?} is not a 5-digit ZIP code", field(cols.zip))))?;
    let number = |i: usize, what: &str, limit: f64| {
        field(i)
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= limit)
            .ok_or_else(|| fail(format!("{:?} is not a {what}", field(i))))
    };
    let lat = number(cols.lat, "latitude (-90 to 90)", 90.0)?;
    let lon = number(cols.lon, "longitude (-180 to 180)", 180.0)?;
    if let Some(before) = seen.insert(zip.as_str().to_owned(), line) {
        return Err(fail(format!(
            "ZIP {} is also on line {before}",
            zip.as_str()
        )));
    }
    Ok(ZipCentroid {
        zip: zip.as_str().to_owned(),
        lat,
        lon,
    })
}

/// How a ZIP import went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ZipCounts {
    pub created: usize,
    pub updated: usize,
}

/// Rows per INSERT: well under both backends' limits on bound parameters.
const BATCH: usize = 300;

/// Writes the centroids in one transaction: a ZIP already stored gets the new point.
pub async fn store_zip_centroids(db: &Db, rows: &[ZipCentroid]) -> anyhow::Result<ZipCounts> {
    let mut tx = db.pool.begin().await?;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM zip_centroids")
        .fetch_one(&mut *tx)
        .await?;
    for chunk in rows.chunks(BATCH) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO zip_centroids (zip, lat, lon) VALUES {} \
             ON CONFLICT (zip) DO UPDATE SET lat = excluded.lat, lon = excluded.lon",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for r in chunk {
            query = query.bind(&r.zip).bind(r.lat).bind(r.lon);
        }
        query.execute(&mut *tx).await?;
    }
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM zip_centroids")
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    let created = usize::try_from(after - before).unwrap_or(0);
    Ok(ZipCounts {
        created,
        updated: rows.len().saturating_sub(created),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head of the 2023 Gazetteer ZCTA file: tab-separated, the last header cell padded.
    const GAZETTEER: &str = "GEOID\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG                                                                                                               \n\
        80202\t4689390\t14335\t1.811\t0.006\t39.749169\t-104.994067                 \n\
        80205\t10697366\t0\t4.130\t0.000\t39.758960\t-104.962530\n";

    #[test]
    fn the_census_gazetteer_file_reads_by_column_name() {
        let rows = parse_zip_centroids(GAZETTEER).unwrap();
        assert_eq!(
            rows,
            vec![
                ZipCentroid {
                    zip: "80202".into(),
                    lat: 39.749169,
                    lon: -104.994067
                },
                ZipCentroid {
                    zip: "80205".into(),
                    lat: 39.75896,
                    lon: -104.96253
                },
            ]
        );
    }

    #[test]
    fn a_plain_csv_reads_with_or_without_a_header() {
        for text in [
            "zip,lat,lon\n80205,39.75896,-104.96253\n\n80202,39.749169,-104.994067\n",
            "\u{feff}ZIP, Latitude, Longitude\r\n80205,39.75896,-104.96253\r\n80202,39.749169,-104.994067\r\n",
            "80205,39.75896,-104.96253\n80202,39.749169,-104.994067",
            "lon,zip,lat\n-104.96253,80205,39.75896\n-104.994067,80202,39.749169\n",
        ] {
            let rows = parse_zip_centroids(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(rows.len(), 2, "{text:?}");
            assert_eq!(rows[0].zip, "80205");
            assert_eq!((rows[0].lat, rows[0].lon), (39.75896, -104.96253));
            assert_eq!(rows[1].zip, "80202");
        }
    }

    #[test]
    fn bad_rows_name_their_line() {
        let cases = [
            ("", "the file is empty"),
            ("zip,lat,lon\n", "no ZIP codes"),
            ("postcode,lat,lon\n80205,39.7,-104.9\n", "no zip column"),
            ("GEOID\tINTPTLAT\n80205\t39.7\n", "no INTPTLONG column"),
            (
                "zip,lat,lon\n80205,39.7,-104.9\n8020,39.7,-104.9\n",
                "line 3: \"8020\" is not a 5-digit ZIP",
            ),
            (
                "zip,lat,lon\n80205,north,-104.9\n",
                "line 2: \"north\" is not a latitude",
            ),
            (
                "zip,lat,lon\n80205,39.7,-204.9\n",
                "line 2: \"-204.9\" is not a longitude",
            ),
            (
                "zip,lat,lon\n80205,39.7\n",
                "line 2: \"\" is not a longitude",
            ),
            (
                "zip,lat,lon\n80205,39.7,-104.9\n80202,39.7,-104.9\n80205,39.8,-104.9\n",
                "line 4: ZIP 80205 is also on line 2",
            ),
            (
                "GEOID\tINTPTLAT\tINTPTLONG\n80205\t39.7\tNaN\n",
                "line 2: \"NaN\" is not a longitude",
            ),
        ];
        for (text, expected) in cases {
            let err = parse_zip_centroids(text).expect_err(text).to_string();
            assert!(
                err.contains(expected),
                "{text:?}: {err:?} should contain {expected:?}"
            );
        }
    }
}
