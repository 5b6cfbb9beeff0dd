//! The figures behind the service-gap map and the reports, kept fast at city scale.
//!
//! Requests are grouped into fixed periods of 28 days (`PERIOD_SECS`, counted from the Unix epoch).
//! For each period that has ended, `case_stats` holds sums per (area, language, needs), per
//! (area, language) and per area (`Grain`), and `race_stats` per race/ethnicity answer
//! (migration 0010). A range of dates is then read as the
//! built periods wholly inside it plus, straight from `cases`, everything else: the days at either
//! end, the current period, and any period changed since it was built (triggers mark those in the
//! same transaction as the change, so figures are never stale). `refresh` builds marked periods in
//! the background.
//!
//! Every figure is defined once, as SQL over one case (`METRICS`), and the same expressions build
//! the stored sums and read the days not yet built, so the two can never disagree.

use std::collections::{BTreeSet, HashMap};

use sqlx::Row;

use crate::db::Db;

/// Length of one stored period.
pub const PERIOD_SECS: i64 = 28 * 86_400;

/// A period is built only once it has been over for this long, so a change that was being
/// written as the period ended is in it (see the triggers in migration 0010).
const SETTLE_SECS: i64 = 120;

/// Upper bounds (seconds, exclusive) of the buckets that waiting times to first contact are
/// counted in; the last bucket holds everything from 90 days on. Percentiles are estimated by
/// interpolating inside a bucket, so they are exact to within its width: an hour at first, days
/// later on.
pub const WAIT_BOUNDS: [i64; 18] = [
    3_600,
    2 * 3_600,
    4 * 3_600,
    8 * 3_600,
    12 * 3_600,
    86_400,
    36 * 3_600,
    2 * 86_400,
    3 * 86_400,
    4 * 86_400,
    5 * 86_400,
    7 * 86_400,
    10 * 86_400,
    14 * 86_400,
    21 * 86_400,
    30 * 86_400,
    60 * 86_400,
    90 * 86_400,
];
const WAIT_BUCKETS: usize = WAIT_BOUNDS.len() + 1;

/// Device types as outcomes record them, in the order of the `dev_*` sums.
pub const DEVICES: [&str; 6] = [
    "laptop",
    "desktop",
    "tablet",
    "smartphone",
    "hotspot",
    "other",
];

const OPEN: &str =
    "c.status IN ('new', 'assigned', 'in_progress', 'waiting_on_resident', 'referred')";

/// The stored sums: name and what it adds up for one case (`c` the case, `o` its outcome).
/// `$3` is the moment before which a request without first contact counts as unmet.
fn metrics() -> &'static [(String, String)] {
    static METRICS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    METRICS.get_or_init(|| {
        let flag = |cond: &str| format!("CASE WHEN {cond} THEN 1 ELSE 0 END");
        let mut m: Vec<(String, String)> = vec![
            ("requests".into(), "1".into()),
            ("open_cases".into(), flag(OPEN)),
            (
                "unassigned".into(),
                flag(&format!("{OPEN} AND c.navigator_id IS NULL")),
            ),
            (
                "unmet".into(),
                flag(&format!(
                    "{OPEN} AND (c.navigator_id IS NULL OR \
                     (c.first_contact_at IS NULL AND c.created_at < $3))"
                )),
            ),
            ("contacted".into(), flag("c.first_contact_at IS NOT NULL")),
        ];
        let wait = "c.first_contact_at - c.created_at";
        for i in 0..WAIT_BUCKETS {
            let cond = match i {
                0 => format!("{wait} < {}", WAIT_BOUNDS[0]),
                i if i == WAIT_BOUNDS.len() => format!("{wait} >= {}", WAIT_BOUNDS[i - 1]),
                i => format!(
                    "{wait} >= {} AND {wait} < {}",
                    WAIT_BOUNDS[i - 1],
                    WAIT_BOUNDS[i]
                ),
            };
            m.push((format!("w{i:02}"), flag(&cond)));
        }
        m.push(("resolved".into(), flag("c.resolved_at IS NOT NULL")));
        m.push(("connected".into(), flag("o.connected_at_home = 1")));
        for device in DEVICES {
            m.push((
                format!("dev_{device}"),
                flag(&format!("o.device_type = '{device}'")),
            ));
        }
        m.push((
            "training_sessions".into(),
            "COALESCE(o.training_sessions, 0)".into(),
        ));
        m.push(("trained".into(), flag("o.training_sessions > 0")));
        m.push((
            "skill_pairs".into(),
            flag("o.skill_at_intake IS NOT NULL AND o.skill_at_close IS NOT NULL"),
        ));
        m.push((
            "skill_gain".into(),
            "COALESCE(o.skill_at_close - o.skill_at_intake, 0)".into(),
        ));
        for days in [30, 90] {
            let col = format!("o.connected_{days}_days");
            m.push((
                format!("c{days}_answered"),
                flag(&format!("{col} IS NOT NULL")),
            ));
            m.push((format!("c{days}_yes"), flag(&format!("{col} = 1"))));
        }
        m
    })
}

/// Indexes into a `Tally`, in the order of `metrics()`.
mod at {
    pub const REQUESTS: usize = 0;
    pub const OPEN: usize = 1;
    pub const UNASSIGNED: usize = 2;
    pub const UNMET: usize = 3;
    pub const CONTACTED: usize = 4;
    pub const WAITS: usize = 5;
    pub const RESOLVED: usize = WAITS + super::WAIT_BUCKETS;
    pub const CONNECTED: usize = RESOLVED + 1;
    pub const DEVICES: usize = CONNECTED + 1;
    pub const TRAINING_SESSIONS: usize = DEVICES + super::DEVICES.len();
    pub const TRAINED: usize = TRAINING_SESSIONS + 1;
    pub const SKILL_PAIRS: usize = TRAINED + 1;
    pub const SKILL_GAIN: usize = SKILL_PAIRS + 1;
    pub const C30_ANSWERED: usize = SKILL_GAIN + 1;
    pub const C30_YES: usize = C30_ANSWERED + 1;
    pub const C90_ANSWERED: usize = C30_YES + 1;
    pub const C90_YES: usize = C90_ANSWERED + 1;
    pub const LEN: usize = C90_YES + 1;
    /// The sums a map needs: everything before the outcomes.
    pub const MAP_LEN: usize = RESOLVED;
}

/// The sums for some group of requests. Tallies add up, so any grouping can be made from finer
/// ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally([i64; at::LEN]);

impl Default for Tally {
    fn default() -> Self {
        Self([0; at::LEN])
    }
}

impl std::ops::AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, other: &Tally) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a += b;
        }
    }
}

impl Tally {
    pub fn requests(&self) -> i64 {
        self.0[at::REQUESTS]
    }
    /// Requests still open now.
    pub fn open(&self) -> i64 {
        self.0[at::OPEN]
    }
    /// Open requests no navigator has taken.
    pub fn unassigned(&self) -> i64 {
        self.0[at::UNASSIGNED]
    }
    /// Open requests that are unassigned, or that have waited longer than the chosen number of
    /// days without a first contact.
    pub fn unmet(&self) -> i64 {
        self.0[at::UNMET]
    }
    /// Requests with a first contact.
    pub fn contacted(&self) -> i64 {
        self.0[at::CONTACTED]
    }
    pub fn resolved(&self) -> i64 {
        self.0[at::RESOLVED]
    }
    /// Residents connected at home.
    pub fn connected(&self) -> i64 {
        self.0[at::CONNECTED]
    }
    /// Devices handed out, by type (in the order of `DEVICES`).
    pub fn devices(&self) -> &[i64] {
        &self.0[at::DEVICES..at::DEVICES + DEVICES.len()]
    }
    pub fn training_sessions(&self) -> i64 {
        self.0[at::TRAINING_SESSIONS]
    }
    /// Residents with at least one training session.
    pub fn trained(&self) -> i64 {
        self.0[at::TRAINED]
    }
    /// Residents with a skill rating at intake and at close.
    pub fn skill_pairs(&self) -> i64 {
        self.0[at::SKILL_PAIRS]
    }
    /// Mean gain in self-rated skill (1–5) from intake to close, over `skill_pairs` residents.
    pub fn skill_gain(&self) -> Option<f64> {
        ratio(self.0[at::SKILL_GAIN], self.skill_pairs())
    }
    /// Residents asked at 30 days, and how many were still connected.
    pub fn still_connected_30(&self) -> (i64, i64) {
        (self.0[at::C30_YES], self.0[at::C30_ANSWERED])
    }
    pub fn still_connected_90(&self) -> (i64, i64) {
        (self.0[at::C90_YES], self.0[at::C90_ANSWERED])
    }

    /// Waiting time to first contact (seconds) at quantile `q` (0.5 the median), estimated from
    /// the buckets by linear interpolation; `None` when no request has had a first contact.
    pub fn wait_quantile(&self, q: f64) -> Option<f64> {
        quantile(&self.0[at::WAITS..at::WAITS + WAIT_BUCKETS], q)
    }

    /// A tally of one request with these fields, for tests and for checking by hand.
    #[cfg(test)]
    pub(crate) fn one(open: bool, wait: Option<i64>) -> Self {
        let mut t = Tally::default();
        t.0[at::REQUESTS] = 1;
        t.0[at::OPEN] = i64::from(open);
        if let Some(w) = wait {
            t.0[at::CONTACTED] = 1;
            t.0[at::WAITS + bucket_of(w)] = 1;
        }
        t
    }
}

fn ratio(sum: i64, count: i64) -> Option<f64> {
    (count > 0).then(|| sum as f64 / count as f64)
}

/// The bucket a waiting time (seconds) is counted in.
pub fn bucket_of(wait: i64) -> usize {
    WAIT_BOUNDS.partition_point(|&bound| bound <= wait)
}

/// The value at quantile `q` of counts per `WAIT_BOUNDS` bucket. The bucket holding the rank
/// `q × n` is found and the value placed in it in proportion, as for grouped data; the open last
/// bucket reports its lower bound.
pub fn quantile(buckets: &[i64], q: f64) -> Option<f64> {
    let n: i64 = buckets.iter().sum();
    if n <= 0 || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let rank = q * n as f64;
    let mut below = 0i64;
    for (i, &count) in buckets.iter().enumerate() {
        if count > 0 && (below + count) as f64 >= rank {
            let lo = if i == 0 { 0 } else { WAIT_BOUNDS[i - 1] } as f64;
            let Some(&hi) = WAIT_BOUNDS.get(i) else {
                return Some(lo);
            };
            let within = ((rank - below as f64) / count as f64).clamp(0.0, 1.0);
            return Some(lo + within * (hi as f64 - lo));
        }
        below += count;
    }
    None
}

/// What to count: requests made in `[from, to)` (Unix seconds), optionally of one language and
/// with one need.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub from: i64,
    pub to: i64,
    pub language: Option<String>,
    pub need: Option<String>,
    /// A request without first contact counts as unmet once it was made before this moment.
    pub unmet_before: i64,
}

/// Where one group's requests are: area (none when not placed yet), language and needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    pub area_id: Option<i64>,
    pub language: String,
    pub needs: String,
}

/// How a range of time is read: these built periods, and these stretches from `cases`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub periods: Vec<i64>,
    pub raw: Vec<(i64, i64)>,
}

/// Splits `[from, to)`: a period is read from its stored sums when it lies wholly inside the range,
/// was built since its last change (`clean`) and ended before `unmet_before` (its unmet count was
/// stored without a cut-off); everything else is read from `cases`, in as few stretches as
/// possible.
pub fn plan(from: i64, to: i64, unmet_before: i64, clean: &BTreeSet<i64>) -> Plan {
    let mut out = Plan::default();
    if to <= from {
        return out;
    }
    let mut p = from.div_euclid(PERIOD_SECS);
    while p * PERIOD_SECS < to {
        let (start, end) = (p * PERIOD_SECS, (p + 1) * PERIOD_SECS);
        if start >= from && end <= to && end <= unmet_before && clean.contains(&p) {
            out.periods.push(p);
        } else {
            let (a, b) = (start.max(from), end.min(to));
            match out.raw.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => out.raw.push((a, b)),
            }
        }
        p += 1;
    }
    out
}

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

fn sum_list(n: usize, raw: bool) -> String {
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

fn read_tally(row: &sqlx::any::AnyRow, n: usize) -> sqlx::Result<Tally> {
    let mut t = Tally::default();
    for (i, (name, _)) in metrics()[..n].iter().enumerate() {
        t.0[i] = row.try_get::<Option<i64>, _>(name.as_str())?.unwrap_or(0);
    }
    Ok(t)
}

/// How finely figures are split. The stored sums keep all three (the `grain` column), so a map
/// of all requests reads 78 rows a period rather than every area × language × needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    /// Area, language and needs.
    Full = 0,
    /// Area and language.
    AreaLanguage = 1,
    /// Area only.
    Area = 2,
}

impl Grain {
    const ALL: [Grain; 3] = [Grain::Full, Grain::AreaLanguage, Grain::Area];

    fn keys(self) -> &'static [&'static str] {
        match self {
            Grain::Full => &["area_id", "language", "needs"],
            Grain::AreaLanguage => &["area_id", "language"],
            Grain::Area => &["area_id"],
        }
    }

    /// The same cell with what this grain does not keep left blank.
    fn coarsen(self, cell: &Cell) -> Cell {
        Cell {
            area_id: cell.area_id,
            language: if self <= Grain::AreaLanguage {
                cell.language.clone()
            } else {
                String::new()
            },
            needs: if self == Grain::Full {
                cell.needs.clone()
            } else {
                String::new()
            },
        }
    }
}

/// What figures are grouped by: cells of some grain, or the race/ethnicity answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grouping {
    Cells(Grain),
    Race,
}

impl Grouping {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Grouping::Cells(grain) => grain.keys(),
            Grouping::Race => &["race_ethnicity"],
        }
    }

    fn raw_keys(self) -> String {
        match self {
            Grouping::Cells(grain) => grain
                .keys()
                .iter()
                .map(|k| format!("c.{k}"))
                .collect::<Vec<_>>()
                .join(", "),
            Grouping::Race => "r.race_ethnicity".into(),
        }
    }

    /// What a stretch of days is read from. With joins, the ids the stretch's cases (and their
    /// residents) fall between are bound as `$4`-`$5` (and `$6`-`$7`) and repeated on the
    /// joined tables: always true, but it lets PostgreSQL read a slice of `outcomes` and
    /// `residents` by key instead of all of them (ids grow with time, so the slice is narrow).
    fn raw_from(self, db: &Db, outcomes: bool) -> String {
        // SQLite's planner, with the statistics of a big table, may walk (area, created) for
        // every area instead of the covering index made for these reads: a third slower.
        let mut from = String::from(match db.backend {
            crate::db::Backend::Sqlite => "cases c INDEXED BY cases_stats",
            crate::db::Backend::Postgres => "cases c",
        });
        if self == Grouping::Race {
            from.push_str(" JOIN residents r ON r.id = c.resident_id AND r.id BETWEEN $6 AND $7");
        }
        if outcomes {
            from.push_str(
                " LEFT JOIN outcomes o ON o.case_id = c.id AND o.case_id BETWEEN $4 AND $5",
            );
        }
        from
    }

    /// How many parameters `raw_from` and the stretch take before the filters.
    fn raw_params(self, outcomes: bool) -> usize {
        match (self, outcomes) {
            (Grouping::Race, _) => 7,
            (_, true) => 5,
            _ => 3,
        }
    }

    /// Binds the ids of `[start, end)`'s cases (and residents) that `raw_from` asks for;
    /// `None` when the stretch has no cases at all.
    async fn bind_bounds<'q>(
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

    fn key(self, row: &sqlx::any::AnyRow) -> sqlx::Result<Key> {
        Ok(match self {
            Grouping::Cells(grain) => Key::Cell(Cell {
                area_id: row.try_get("area_id")?,
                language: if grain <= Grain::AreaLanguage {
                    row.try_get("language")?
                } else {
                    String::new()
                },
                needs: if grain == Grain::Full {
                    row.try_get("needs")?
                } else {
                    String::new()
                },
            }),
            Grouping::Race => Key::Race(row.try_get("race_ethnicity")?),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Cell(Cell),
    Race(String),
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

/// The first `n` sums (see `metrics`) of the requests `filter` selects, by `grouping`.
async fn tallies(
    db: &Db,
    filter: &Filter,
    grouping: Grouping,
    n: usize,
) -> sqlx::Result<HashMap<Key, Tally>> {
    let outcomes = n > at::RESOLVED;
    let clean = clean_periods(db, filter.from, filter.to).await?;
    let plan = plan(filter.from, filter.to, filter.unmet_before, &clean);
    let mut out: HashMap<Key, Tally> = HashMap::new();
    let mut add = |rows: Vec<sqlx::any::AnyRow>| -> sqlx::Result<()> {
        for row in rows {
            let t = read_tally(&row, n)?;
            *out.entry(grouping.key(&row)?).or_default() += &t;
        }
        Ok(())
    };
    let keys = grouping.keys().join(", ");

    if !plan.periods.is_empty() {
        let list = plan
            .periods
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let (where_sql, binds) = filter_sql(filter, "", 0);
        let (table, grain) = match grouping {
            // The coarsest stored grain that still has the columns filtered on.
            Grouping::Cells(wanted) => {
                let needed = if filter.need.is_some() {
                    Grain::Full
                } else if filter.language.is_some() {
                    Grain::AreaLanguage
                } else {
                    Grain::Area
                };
                (
                    "case_stats",
                    format!(" AND grain = {}", wanted.min(needed) as i64),
                )
            }
            // `race_stats` has no language or needs: `races` never passes a filter.
            Grouping::Race => ("race_stats", String::new()),
        };
        let sql = format!(
            "SELECT {keys}, {sums} FROM {table} WHERE period IN ({list}){grain}{where_sql} \
             GROUP BY {keys}",
            sums = sum_list(n, false),
        );
        let mut q = sqlx::query(&sql);
        for b in &binds {
            q = q.bind(b.clone());
        }
        add(q.fetch_all(&db.pool).await?)?;
    }
    let (where_sql, binds) = filter_sql(filter, "c.", grouping.raw_params(outcomes));
    let sql = format!(
        "SELECT {keys}, {sums} FROM {from} \
         WHERE c.created_at >= $1 AND c.created_at < $2{where_sql} GROUP BY {keys}",
        keys = grouping.raw_keys(),
        sums = sum_list(n, true),
        from = grouping.raw_from(db, outcomes),
    );
    for (start, end) in &plan.raw {
        let q = sqlx::query(&sql)
            .bind(*start)
            .bind(*end)
            .bind(filter.unmet_before);
        let Some(mut q) = grouping
            .bind_bounds(db, outcomes, (*start, *end), q)
            .await?
        else {
            continue;
        };
        for b in &binds {
            q = q.bind(b.clone());
        }
        add(q.fetch_all(&db.pool).await?)?;
    }
    Ok(out)
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
    let n = if outcomes { at::LEN } else { at::MAP_LEN };
    let mut rows: Vec<(Cell, Tally)> = tallies(db, filter, Grouping::Cells(grain), n)
        .await?
        .into_iter()
        .filter_map(|(k, t)| match k {
            Key::Cell(c) => Some((c, t)),
            Key::Race(_) => None,
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows)
}

/// How many requests in `[from, to)` named each combination of needs (as stored: codes
/// separated by commas).
pub async fn needs(db: &Db, from: i64, to: i64) -> sqlx::Result<Vec<(String, i64)>> {
    let filter = Filter {
        from,
        to,
        unmet_before: i64::MAX,
        ..Filter::default()
    };
    // Only the first sum, `requests`, is read.
    let mut rows: Vec<(String, i64)> = tallies(db, &filter, Grouping::Cells(Grain::Full), 1)
        .await?
        .into_iter()
        .filter_map(|(k, t)| match k {
            Key::Cell(c) => Some((c.needs, t.requests())),
            Key::Race(_) => None,
        })
        .fold(HashMap::<String, i64>::new(), |mut m, (needs, n)| {
            *m.entry(needs).or_default() += n;
            m
        })
        .into_iter()
        .collect();
    rows.sort();
    Ok(rows)
}

/// Tallies by race/ethnicity answer (as stored: comma-separated codes, empty when not answered)
/// of the requests made in `[from, to)`.
pub async fn races(db: &Db, from: i64, to: i64) -> sqlx::Result<Vec<(String, Tally)>> {
    let filter = Filter {
        from,
        to,
        unmet_before: i64::MAX,
        ..Filter::default()
    };
    let mut rows: Vec<(String, Tally)> = tallies(db, &filter, Grouping::Race, at::LEN)
        .await?
        .into_iter()
        .filter_map(|(k, t)| match k {
            Key::Race(r) => Some((r, t)),
            Key::Cell(_) => None,
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows)
}

/// Builds one period's stored sums if it changed since it was last built. Reads without holding
/// the write lock, then writes only if no change came in meanwhile (the mark is a counter); a
/// period changed during the build is left for the next round. True when it was built.
pub async fn build_period(db: &Db, period: i64, now: i64) -> sqlx::Result<bool> {
    let Some(mark): Option<i64> =
        sqlx::query_scalar("SELECT dirty FROM stats_periods WHERE period = $1")
            .bind(period)
            .fetch_optional(&db.pool)
            .await?
    else {
        return Ok(false);
    };
    if mark == 0 {
        return Ok(false);
    }
    let (from, to) = (period * PERIOD_SECS, (period + 1) * PERIOD_SECS);
    // Stored without a cut-off: any open request without contact is unmet once its period is
    // over long enough to be read from here (see `plan`).
    let unmet_before = i64::MAX;
    let mut rows: Vec<(Option<i64>, Key, Tally)> = Vec::new();
    for grouping in [Grouping::Cells(Grain::Full), Grouping::Race] {
        let keys = grouping.raw_keys();
        let sql = format!(
            "SELECT {keys}, {sums} FROM {from_sql} \
             WHERE c.created_at >= $1 AND c.created_at < $2 GROUP BY {keys}",
            sums = sum_list(at::LEN, true),
            from_sql = grouping.raw_from(db, true),
        );
        let q = sqlx::query(&sql).bind(from).bind(to).bind(unmet_before);
        let found = match grouping.bind_bounds(db, true, (from, to), q).await? {
            Some(q) => q.fetch_all(&db.pool).await?,
            None => Vec::new(),
        };
        let mut grains: Vec<HashMap<Cell, Tally>> = vec![HashMap::new(); Grain::ALL.len()];
        for row in &found {
            let tally = read_tally(row, at::LEN)?;
            match grouping.key(row)? {
                Key::Cell(cell) => {
                    for grain in Grain::ALL {
                        *grains[grain as usize]
                            .entry(grain.coarsen(&cell))
                            .or_default() += &tally;
                    }
                }
                race => rows.push((None, race, tally)),
            }
        }
        for grain in Grain::ALL {
            for (cell, tally) in std::mem::take(&mut grains[grain as usize]) {
                rows.push((Some(grain as i64), Key::Cell(cell), tally));
            }
        }
    }

    let mut tx = db.pool.begin().await?;
    let claimed = sqlx::query(
        "UPDATE stats_periods SET dirty = 0, built_at = $1 WHERE period = $2 AND dirty = $3",
    )
    .bind(now)
    .bind(period)
    .bind(mark)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    for (table, key_cols) in [
        ("case_stats", &["grain", "area_id", "language", "needs"][..]),
        ("race_stats", &["race_ethnicity"][..]),
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE period = $1"))
            .bind(period)
            .execute(&mut *tx)
            .await?;
        let set: Vec<&(Option<i64>, Key, Tally)> = rows
            .iter()
            .filter(|(grain, _, _)| grain.is_some() == (table == "case_stats"))
            .collect();
        let cols: Vec<&str> = std::iter::once("period")
            .chain(key_cols.iter().copied())
            .chain(metrics().iter().map(|(name, _)| name.as_str()))
            .collect();
        // Rows per INSERT, well under both backends' limits on bound parameters.
        let per_insert = (4_000 / cols.len()).max(1);
        for chunk in set.chunks(per_insert) {
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
            let mut n = 0;
            for r in 0..chunk.len() {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for c in 0..cols.len() {
                    n += 1;
                    sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
                }
                sql.push(')');
            }
            let mut q = sqlx::query(&sql);
            for (grain, key, tally) in chunk {
                q = q.bind(period);
                q = match key {
                    Key::Cell(cell) => q
                        .bind(grain.unwrap_or(0))
                        .bind(cell.area_id)
                        .bind(cell.language.clone())
                        .bind(cell.needs.clone()),
                    Key::Race(race) => q.bind(race.clone()),
                };
                for v in tally.0 {
                    q = q.bind(v);
                }
            }
            q.execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Marks the ended periods in `[first, last]` that have requests but were never built (a new
/// database, periods that just ended, data loaded in bulk).
async fn discover(db: &Db, first: i64, last: i64) -> sqlx::Result<()> {
    let known: BTreeSet<i64> =
        sqlx::query_scalar("SELECT period FROM stats_periods WHERE period >= $1 AND period <= $2")
            .bind(first)
            .bind(last)
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    for p in first..=last {
        if known.contains(&p) {
            continue;
        }
        let any: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE created_at >= $1 AND created_at < $2 LIMIT 1",
        )
        .bind(p * PERIOD_SECS)
        .bind((p + 1) * PERIOD_SECS)
        .fetch_optional(&db.pool)
        .await?;
        if any.is_some() {
            sqlx::query(
                "INSERT INTO stats_periods (period, dirty) VALUES ($1, 1) \
                 ON CONFLICT (period) DO NOTHING",
            )
            .bind(p)
            .execute(&db.pool)
            .await?;
        }
    }
    Ok(())
}

/// One round of upkeep: marks ended periods not built yet (all of them when `everything`, else
/// the last few) and builds up to `limit` marked ones, oldest first. Returns how many it built.
pub async fn refresh(db: &Db, now: i64, everything: bool, limit: usize) -> sqlx::Result<usize> {
    // The last period that ended long enough ago.
    let last = (now - SETTLE_SECS).div_euclid(PERIOD_SECS) - 1;
    let first = if everything {
        let oldest: Option<i64> = sqlx::query_scalar("SELECT MIN(created_at) FROM cases")
            .fetch_one(&db.pool)
            .await?;
        match oldest {
            Some(at) => at.div_euclid(PERIOD_SECS),
            None => return Ok(0),
        }
    } else {
        last - 2
    };
    if first <= last {
        discover(db, first, last).await?;
    }
    let marked: Vec<i64> = sqlx::query_scalar(
        "SELECT period FROM stats_periods WHERE dirty <> 0 AND period <= $1 ORDER BY period",
    )
    .bind(last)
    .fetch_all(&db.pool)
    .await?;
    let mut built = 0;
    for period in marked.into_iter().take(limit) {
        if build_period(db, period, now).await? {
            built += 1;
        }
    }
    Ok(built)
}

/// Keeps the stored sums built: everything once at start, then every `every`.
pub fn start(db: Db, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut everything = true;
        loop {
            match refresh(&db, crate::db::now(), everything, 64).await {
                Ok(built) if built > 0 => tracing::info!(built, "map figures built"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "could not build map figures"),
            }
            everything = false;
            tokio::time::sleep(every).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_every_wait_once() {
        assert_eq!(bucket_of(0), 0);
        assert_eq!(bucket_of(3_599), 0);
        assert_eq!(bucket_of(3_600), 1);
        assert_eq!(bucket_of(86_399), 5);
        assert_eq!(bucket_of(86_400), 6);
        assert_eq!(bucket_of(90 * 86_400), WAIT_BUCKETS - 1);
        assert_eq!(
            bucket_of(-5),
            0,
            "a contact logged before the request counts as at once"
        );
        assert_eq!(metrics().len(), at::LEN);
        assert_eq!(metrics()[at::RESOLVED].0, "resolved");
        assert_eq!(metrics()[at::C90_YES].0, "c90_yes");
        assert_eq!(metrics()[at::WAITS].0, "w00");
    }

    #[test]
    fn quantiles_interpolate_inside_a_bucket() {
        // Four waits in the 1-2 day bucket (36 h to 48 h is bucket 7: [36 h, 48 h)).
        let mut b = [0i64; WAIT_BUCKETS];
        b[bucket_of(40 * 3600)] = 4;
        let median = quantile(&b, 0.5).unwrap();
        assert!((median - 42.0 * 3600.0).abs() < 1.0, "{median}");
        assert_eq!(quantile(&b, 0.0), Some(36.0 * 3600.0));
        assert_eq!(quantile(&b, 1.0), Some(48.0 * 3600.0));
        // Half within the hour, half after two days: the median is the top of the first bucket.
        let mut b = [0i64; WAIT_BUCKETS];
        b[0] = 2;
        b[bucket_of(50 * 3600)] = 2;
        assert_eq!(quantile(&b, 0.5), Some(3600.0));
        // The 90th percentile of 10 lands in the bucket of the 9th.
        let mut b = [0i64; WAIT_BUCKETS];
        b[0] = 8;
        b[bucket_of(5 * 86_400)] = 2;
        let p90 = quantile(&b, 0.9).unwrap();
        assert!((5.0 * 86_400.0..7.0 * 86_400.0).contains(&p90), "{p90}");
        assert_eq!(quantile(&[0; WAIT_BUCKETS], 0.5), None);
        let mut b = [0i64; WAIT_BUCKETS];
        b[WAIT_BUCKETS - 1] = 3;
        assert_eq!(quantile(&b, 0.5), Some(90.0 * 86_400.0));
    }

    #[test]
    fn tallies_add_up() {
        let mut t = Tally::one(true, Some(100));
        t += &Tally::one(false, None);
        t += &Tally::one(false, Some(200_000));
        assert_eq!((t.requests(), t.open(), t.contacted()), (3, 1, 2));
        assert!(t.wait_quantile(0.5).unwrap() <= 3600.0);
    }

    #[test]
    fn plans_read_built_periods_and_the_rest_from_cases() {
        let p = PERIOD_SECS;
        let clean: BTreeSet<i64> = [10, 11, 12, 14].into_iter().collect();
        // From the middle of period 10 to the middle of 15, unmet cut-off far away.
        let out = plan(10 * p + 5, 15 * p + 7, i64::MAX, &clean);
        assert_eq!(out.periods, vec![11, 12, 14]);
        assert_eq!(
            out.raw,
            vec![(10 * p + 5, 11 * p), (13 * p, 14 * p), (15 * p, 15 * p + 7)]
        );
        // A cut-off inside period 12: 12 and later are read from cases.
        let out = plan(10 * p, 15 * p, 12 * p + 1, &clean);
        assert_eq!(out.periods, vec![10, 11]);
        assert_eq!(out.raw, vec![(12 * p, 15 * p)]);
        // Nothing built: one stretch.
        let out = plan(3, 5 * p, i64::MAX, &BTreeSet::new());
        assert_eq!(
            out,
            Plan {
                periods: vec![],
                raw: vec![(3, 5 * p)]
            }
        );
        assert_eq!(plan(9, 9, i64::MAX, &clean), Plan::default());
    }
}
