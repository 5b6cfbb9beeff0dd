//! Reading the tallies of a range of days: its built periods from the stored sums, the rest
//! straight from `cases`, by area, language and needs, by race/ethnicity answer or by channel.

use std::collections::{BTreeSet, HashMap};

use sqlx::Row;

use super::{at, metrics, plan, Cell, Filter, Tally, PERIOD_SECS};
use crate::db::Db;

/// Periods built since their last change, within `[lo, hi)`.
async fn clean_periods(db: &Db, from: i64, to: i64) -> sqlx::Result<BTreeSet<i64>> {
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT period FROM stats_periods WHERE dirty = 0 AND period >= $1 AND period < $2",
    )
    .bind(from.div_euclid(PERIOD_SECS))
    .bind(to.div_euclid(PERIOD_SECS) + 1)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

pub(super) fn sum_list(n: usize, raw: bool) -> String {
    metrics()[..n]
        .iter()
        .map(|(name, expr)| {
            if raw {
                format!("CAST(SUM({expr}) AS BIGINT) AS {name}")
            } else {
                format!("CAST(SUM({name}) AS BIGINT) AS {name}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn read_tally(row: &sqlx::any::AnyRow, n: usize) -> sqlx::Result<Tally> {
    let mut t = Tally::default();
    for (i, (name, _)) in metrics()[..n].iter().enumerate() {
        t.0[i] = row.try_get::<Option<i64>, _>(name.as_str())?.unwrap_or(0);
    }
    Ok(t)
}

/// How finely figures are split. The stored sums keep every grain (the `grain` column), so a map
/// of all requests reads 78 rows a period rather than every area × language × needs, and the
/// report's lines by need read a few dozen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    /// Area, language and needs.
    Full = 0,
    /// Area and language.
    AreaLanguage = 1,
    /// Area only.
    Area = 2,
    /// Needs only (the area left blank, as if not placed).
    Needs = 3,
}

impl Grain {
    pub(super) const ALL: [Grain; 4] =
        [Grain::Full, Grain::AreaLanguage, Grain::Area, Grain::Needs];

    fn keys(self) -> &'static [&'static str] {
        match self {
            Grain::Full => &["area_id", "language", "needs"],
            Grain::AreaLanguage => &["area_id", "language"],
            Grain::Area => &["area_id"],
            Grain::Needs => &["needs"],
        }
    }

    fn keeps(self, key: &str) -> bool {
        self.keys().contains(&key)
    }

    /// The stored grain to read `self` from when also filtering on `filtered` columns.
    fn stored_for(self, filtered: &[&str]) -> Grain {
        let keys: Vec<&str> = self.keys().iter().chain(filtered).copied().collect();
        Grain::keeping(&keys)
    }

    /// The grain with the fewest rows that keeps every one of `keys` (needs combinations are
    /// fewer than areas).
    fn keeping(keys: &[&str]) -> Grain {
        [Grain::Needs, Grain::Area, Grain::AreaLanguage, Grain::Full]
            .into_iter()
            .find(|g| keys.iter().all(|key| g.keeps(key)))
            .unwrap_or(Grain::Full)
    }

    /// The same cell with what this grain does not keep left blank.
    pub(super) fn coarsen(self, cell: &Cell) -> Cell {
        Cell {
            area_id: cell.area_id.filter(|_| self.keeps("area_id")),
            language: if self.keeps("language") {
                cell.language.clone()
            } else {
                String::new()
            },
            needs: if self.keeps("needs") {
                cell.needs.clone()
            } else {
                String::new()
            },
        }
    }
}

/// What figures are grouped by: cells of some grain, the race/ethnicity answer, or the channel
/// the request came by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Grouping {
    Cells(Grain),
    Race,
    Channel,
    /// The covered populations a request's resident belongs to (`super::populations`).
    Populations,
}

impl Grouping {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Grouping::Cells(grain) => grain.keys(),
            Grouping::Race => &["race_ethnicity"],
            Grouping::Channel => &["channel"],
            Grouping::Populations => &["populations"],
        }
    }

    /// The table of stored sums for this grouping.
    pub(super) fn table(self) -> &'static str {
        match self {
            Grouping::Cells(_) => "case_stats",
            Grouping::Race => "race_stats",
            Grouping::Channel => "channel_stats",
            Grouping::Populations => "population_stats",
        }
    }

    pub(super) fn raw_keys(self) -> String {
        match self {
            Grouping::Cells(grain) => grain
                .keys()
                .iter()
                .map(|k| format!("c.{k}"))
                .collect::<Vec<_>>()
                .join(", "),
            Grouping::Race => "r.race_ethnicity".into(),
            Grouping::Channel => "c.channel".into(),
            Grouping::Populations => format!("{} AS populations", super::populations::key_sql()),
        }
    }

    /// What a stretch of days read from `cases` is grouped by: the keys of `raw_keys`, or the
    /// name a computed key is given there.
    pub(super) fn raw_group_keys(self) -> String {
        match self {
            Grouping::Populations => "populations".into(),
            other => other.raw_keys(),
        }
    }

    /// What a stretch of days is read from. With joins, the ids the stretch's cases (and their
    /// residents) fall between are bound as `$4`-`$5` (and `$6`-`$7`) and repeated on the
    /// joined tables: always true, but it lets PostgreSQL read a slice of `outcomes` and
    /// `residents` by key instead of all of them (ids grow with time, so the slice is narrow).
    pub(super) fn raw_from(self, db: &Db, outcomes: bool) -> String {
        // SQLite's planner, with the statistics of a big table, may walk (area, created) for
        // every area instead of the covering index made for these reads: a third slower.
        let mut from = String::from(match db.backend {
            crate::db::Backend::Sqlite => "cases c INDEXED BY cases_stats",
            crate::db::Backend::Postgres => "cases c",
        });
        if matches!(self, Grouping::Race | Grouping::Populations) {
            from.push_str(" JOIN residents r ON r.id = c.resident_id AND r.id BETWEEN $6 AND $7");
        }
        if self == Grouping::Populations {
            from.push_str(" LEFT JOIN areas a ON a.id = c.area_id");
        }
        if outcomes {
            from.push_str(
                " LEFT JOIN outcomes o ON o.case_id = c.id AND o.case_id BETWEEN $4 AND $5 \
                 LEFT JOIN contact_totals t ON t.case_id = c.id AND t.case_id BETWEEN $4 AND $5",
            );
        }
        from
    }

    /// How many parameters `raw_from` and the stretch take before the filters.
    fn raw_params(self, outcomes: bool) -> usize {
        match (self, outcomes) {
            (Grouping::Race | Grouping::Populations, _) => 7,
            (_, true) => 5,
            _ => 3,
        }
    }

    /// Binds the ids of `[start, end)`'s cases (and residents) that `raw_from` asks for;
    /// `None` when the stretch has no cases at all.
    pub(super) async fn bind_bounds<'q>(
        self,
        db: &Db,
        outcomes: bool,
        (start, end): (i64, i64),
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::Result<Option<sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>>> {
        let params = self.raw_params(outcomes);
        if params == 3 {
            return Ok(Some(q));
        }
        // `+ 0`: PostgreSQL would answer a bare MIN(id) by walking the id index from one end,
        // testing each row's date: most of the table. This reads the stretch once.
        let residents = if params == 7 {
            "MIN(resident_id + 0), MAX(resident_id + 0)"
        } else {
            "0, 0"
        };
        let (lo, hi, r_lo, r_hi): (Option<i64>, Option<i64>, Option<i64>, Option<i64>) =
            sqlx::query_as(&format!(
                "SELECT MIN(id + 0), MAX(id + 0), {residents} FROM cases \
                 WHERE created_at >= $1 AND created_at < $2"
            ))
            .bind(start)
            .bind(end)
            .fetch_one(&db.pool)
            .await?;
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Ok(None);
        };
        let q = q.bind(lo).bind(hi);
        Ok(Some(if params == 7 {
            q.bind(r_lo.unwrap_or(0)).bind(r_hi.unwrap_or(0))
        } else {
            q
        }))
    }

    /// A key read at a finer grouping, as this one keeps it.
    fn coarsen(self, key: &Key) -> Key {
        match (self, key) {
            (Grouping::Cells(grain), Key::Cell(cell)) => Key::Cell(grain.coarsen(cell)),
            _ => key.clone(),
        }
    }

    pub(super) fn key(self, row: &sqlx::any::AnyRow) -> sqlx::Result<Key> {
        Ok(match self {
            Grouping::Cells(grain) => Key::Cell(Cell {
                area_id: if grain.keeps("area_id") {
                    row.try_get("area_id")?
                } else {
                    None
                },
                language: if grain.keeps("language") {
                    row.try_get("language")?
                } else {
                    String::new()
                },
                needs: if grain.keeps("needs") {
                    row.try_get("needs")?
                } else {
                    String::new()
                },
            }),
            Grouping::Race => Key::Race(row.try_get("race_ethnicity")?),
            Grouping::Channel => Key::Channel(row.try_get("channel")?),
            Grouping::Populations => Key::Populations(row.try_get("populations")?),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Cell(Cell),
    Race(String),
    Channel(String),
    Populations(i64),
}

/// Filters as SQL on `prefix` columns, with their values bound after the first `bound`.
fn filter_sql(filter: &Filter, prefix: &str, bound: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    if let Some(language) = &filter.language {
        binds.push(language.clone());
        sql.push_str(&format!(" AND {prefix}language = ${}", bound + binds.len()));
    }
    if let Some(need) = &filter.need {
        binds.push(format!("%,{need},%"));
        sql.push_str(&format!(
            " AND (',' || {prefix}needs || ',') LIKE ${}",
            bound + binds.len()
        ));
    }
    (sql, binds)
}

/// The first `n` sums (see `metrics`) of the requests `filter` selects, by each of `groupings`
/// (one map each, in order). The stored periods are read at each grouping's own grain; the days
/// read from `cases` are read once, at a grouping fine enough for all (`raw_grouping`), and added
/// up into each, as reading the same cases once per grouping costs most of a report.
async fn tallies(
    db: &Db,
    filter: &Filter,
    groupings: &[Grouping],
    n: usize,
) -> sqlx::Result<Vec<HashMap<Key, Tally>>> {
    let outcomes = n > at::RESOLVED;
    let clean = clean_periods(db, filter.from, filter.to).await?;
    let plan = plan(filter.from, filter.to, filter.unmet_before, &clean);
    let mut out: Vec<HashMap<Key, Tally>> = vec![HashMap::new(); groupings.len()];

    if !plan.periods.is_empty() {
        let list = plan
            .periods
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let (where_sql, binds) = filter_sql(filter, "", 0);
        for (grouping, out) in groupings.iter().zip(out.iter_mut()) {
            let keys = grouping.keys().join(", ");
            let grain = match grouping {
                // The smallest stored grain that still has the columns wanted and filtered on.
                Grouping::Cells(wanted) => {
                    format!(
                        " AND grain = {}",
                        wanted.stored_for(&filtered(filter)) as i64
                    )
                }
                // These tables have no language or needs: `by_answer` never passes a filter.
                Grouping::Race | Grouping::Channel | Grouping::Populations => String::new(),
            };
            let sql = format!(
                "SELECT {keys}, {sums} FROM {table} WHERE period IN ({list}){grain}{where_sql} \
                 GROUP BY {keys}",
                sums = sum_list(n, false),
                table = grouping.table(),
            );
            let mut q = sqlx::query(&sql);
            for b in &binds {
                q = q.bind(b.clone());
            }
            for row in q.fetch_all(&db.pool).await? {
                *out.entry(grouping.key(&row)?).or_default() += &read_tally(&row, n)?;
            }
        }
    }
    let raw = raw_grouping(groupings);
    let (where_sql, binds) = filter_sql(filter, "c.", raw.raw_params(outcomes));
    let sql = format!(
        "SELECT {keys}, {sums} FROM {from} \
         WHERE c.created_at >= $1 AND c.created_at < $2{where_sql} GROUP BY {group}",
        keys = raw.raw_keys(),
        group = raw.raw_group_keys(),
        sums = sum_list(n, true),
        from = raw.raw_from(db, outcomes),
    );
    for (start, end) in &plan.raw {
        let q = sqlx::query(&sql)
            .bind(*start)
            .bind(*end)
            .bind(filter.unmet_before);
        let Some(mut q) = raw.bind_bounds(db, outcomes, (*start, *end), q).await? else {
            continue;
        };
        for b in &binds {
            q = q.bind(b.clone());
        }
        for row in q.fetch_all(&db.pool).await? {
            let (key, t) = (raw.key(&row)?, read_tally(&row, n)?);
            for (grouping, out) in groupings.iter().zip(out.iter_mut()) {
                *out.entry(grouping.coarsen(&key)).or_default() += &t;
            }
        }
    }
    Ok(out)
}

/// The columns `filter` selects on.
fn filtered(filter: &Filter) -> Vec<&'static str> {
    [
        filter.language.as_ref().map(|_| "language"),
        filter.need.as_ref().map(|_| "needs"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The grouping the days read from `cases` are read at, for `groupings`: the one itself, or
/// for several grains of cells the coarsest that keeps the keys of all (only cells are ever
/// asked for together).
fn raw_grouping(groupings: &[Grouping]) -> Grouping {
    match groupings {
        [one] => *one,
        _ => {
            let keys: Vec<&str> = groupings
                .iter()
                .flat_map(|g| g.keys().iter().copied())
                .collect();
            Grouping::Cells(Grain::keeping(&keys))
        }
    }
}

/// Tallies of the requests `filter` selects, split to `grain` (what a grain does not keep is
/// blank in each `Cell`). `outcomes: false` leaves out the outcome figures (and their join),
/// which the map does not show.
pub async fn cells(
    db: &Db,
    filter: &Filter,
    grain: Grain,
    outcomes: bool,
) -> sqlx::Result<Vec<(Cell, Tally)>> {
    Ok(cells_by(db, filter, &[grain], outcomes)
        .await?
        .pop()
        .unwrap_or_default())
}

/// `cells` at each of `grains`, reading the days not stored yet once for all.
pub async fn cells_by(
    db: &Db,
    filter: &Filter,
    grains: &[Grain],
    outcomes: bool,
) -> sqlx::Result<Vec<Vec<(Cell, Tally)>>> {
    let n = if outcomes { at::LEN } else { at::MAP_LEN };
    let groupings: Vec<Grouping> = grains.iter().map(|&g| Grouping::Cells(g)).collect();
    Ok(tallies(db, filter, &groupings, n)
        .await?
        .into_iter()
        .map(|found| {
            let mut rows: Vec<(Cell, Tally)> = found
                .into_iter()
                .filter_map(|(k, t)| match k {
                    Key::Cell(c) => Some((c, t)),
                    Key::Race(_) | Key::Channel(_) | Key::Populations(_) => None,
                })
                .collect();
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            rows
        })
        .collect())
}

/// Tallies by race/ethnicity answer (as stored: comma-separated codes, empty when not answered)
/// of the requests made in `[from, to)`.
pub async fn races(db: &Db, from: i64, to: i64) -> sqlx::Result<Vec<(String, Tally)>> {
    by_answer(db, from, to, Grouping::Race).await
}

/// Tallies by channel (`web`, `phone`, `walk_in`, `sms`) of the requests made in `[from, to)`.
pub async fn channels(db: &Db, from: i64, to: i64) -> sqlx::Result<Vec<(String, Tally)>> {
    by_answer(db, from, to, Grouping::Channel).await
}

/// Tallies by the set of covered populations (bits of `super::populations`) of the requests made
/// in `[from, to)`.
pub async fn by_populations(db: &Db, from: i64, to: i64) -> sqlx::Result<Vec<(i64, Tally)>> {
    let filter = Filter {
        from,
        to,
        unmet_before: i64::MAX,
        ..Filter::default()
    };
    let mut rows: Vec<(i64, Tally)> = tallies(db, &filter, &[Grouping::Populations], at::LEN)
        .await?
        .pop()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, t)| match k {
            Key::Populations(bits) => Some((bits, t)),
            _ => None,
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    Ok(rows)
}

/// Tallies of the requests made in `[from, to)` by one column of the request (`Race`, `Channel`).
async fn by_answer(
    db: &Db,
    from: i64,
    to: i64,
    grouping: Grouping,
) -> sqlx::Result<Vec<(String, Tally)>> {
    let filter = Filter {
        from,
        to,
        unmet_before: i64::MAX,
        ..Filter::default()
    };
    let mut rows: Vec<(String, Tally)> = tallies(db, &filter, &[grouping], at::LEN)
        .await?
        .pop()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, t)| match k {
            Key::Race(v) | Key::Channel(v) => Some((v, t)),
            Key::Cell(_) | Key::Populations(_) => None,
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_come_from_the_smallest_stored_grain_that_has_their_columns() {
        assert_eq!(Grain::Needs.stored_for(&[]), Grain::Needs);
        assert_eq!(Grain::Needs.stored_for(&["needs"]), Grain::Needs);
        assert_eq!(Grain::Needs.stored_for(&["language"]), Grain::Full);
        assert_eq!(Grain::Area.stored_for(&[]), Grain::Area);
        assert_eq!(Grain::Area.stored_for(&["language"]), Grain::AreaLanguage);
        assert_eq!(Grain::Area.stored_for(&["needs"]), Grain::Full);
        assert_eq!(Grain::AreaLanguage.stored_for(&[]), Grain::AreaLanguage);
        // A report's areas, languages and needs read the days not stored yet once, by all three.
        let both = [
            Grouping::Cells(Grain::AreaLanguage),
            Grouping::Cells(Grain::Needs),
        ];
        assert_eq!(raw_grouping(&both), Grouping::Cells(Grain::Full));
        assert_eq!(raw_grouping(&[Grouping::Race]), Grouping::Race);
        let cell = Cell {
            area_id: Some(4),
            language: "es".into(),
            needs: "device".into(),
        };
        assert_eq!(
            Grain::Needs.coarsen(&cell),
            Cell {
                area_id: None,
                language: String::new(),
                needs: "device".into()
            }
        );
    }
}
