//! Devices in the reports (issue 18): for a period, the devices lent, given, returned and lost,
//! those on loan and overdue at its end, and the mean days a returned loan lasted; for everyone
//! and by kind, program, language and area. The loans keep the resident's language and area
//! when retention removes the resident, so these figures do not change. Small groups are
//! suppressed as every other figure of the reports is. Also each area's devices available at
//! its sites, for the service-gap map.

use std::collections::{BTreeMap, HashMap};

use super::reports::{suppress, Shown};
use crate::db::Db;

/// The kinds of device, in the order the reports list them.
pub const KINDS: [&str; 5] = ["hotspot", "laptop", "chromebook", "tablet", "other"];

/// What became of a group's loans in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every loan or gift the period touched (lent or given then, ended then, or out at its
    /// end): the figures' base, as each is one resident.
    pub loans: i64,
    pub lent: i64,
    pub given: i64,
    pub returned: i64,
    pub lost: i64,
    /// Lent and not back at the end of the period (or now, for a period not over).
    pub on_loan: i64,
    /// Of those on loan, the ones past their due day.
    pub overdue: i64,
    /// Seconds the loans returned in the period lasted, together.
    pub returned_seconds: i64,
}

impl std::ops::AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, o: &Counts) {
        self.loans += o.loans;
        self.lent += o.lent;
        self.given += o.given;
        self.returned += o.returned;
        self.lost += o.lost;
        self.on_loan += o.on_loan;
        self.overdue += o.overdue;
        self.returned_seconds += o.returned_seconds;
    }
}

/// One group's line as the report shows it: a group of fewer than `MIN_RESIDENTS` loans shows
/// no figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Kind code, program id, language code or area id; empty for everyone (or no area).
    pub key: String,
    pub lent: Shown<i64>,
    pub given: Shown<i64>,
    pub returned: Shown<i64>,
    pub lost: Shown<i64>,
    pub on_loan: Shown<i64>,
    pub overdue: Shown<i64>,
    /// Mean days a loan returned in the period lasted.
    pub mean_loan_days: Shown<f64>,
    pub counts: Counts,
}

impl Line {
    pub fn new(key: impl Into<String>, c: Counts) -> Self {
        let base = c.loans;
        Line {
            key: key.into(),
            lent: suppress(base, Some(c.lent)),
            given: suppress(base, Some(c.given)),
            returned: suppress(base, Some(c.returned)),
            lost: suppress(base, Some(c.lost)),
            on_loan: suppress(base, Some(c.on_loan)),
            overdue: suppress(base, Some(c.overdue)),
            mean_loan_days: suppress(
                c.returned,
                (c.returned > 0).then(|| c.returned_seconds as f64 / c.returned as f64 / 86_400.0),
            ),
            counts: c,
        }
    }
}

/// The devices part of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub everyone: Line,
    pub by_kind: Vec<Line>,
    pub by_program: Vec<Line>,
    pub by_language: Vec<Line>,
    pub by_area: Vec<Line>,
    /// Every program's id and name, for the program breakdown.
    pub programs: Vec<(i64, String)>,
}

/// One group of loans as the database sums them: kind, program, language, area, counts.
pub type Group = (String, i64, String, Option<i64>, Counts);

/// The loans of `[from, to)`; "on loan" and "overdue" are as of `at` (the end of the period, or
/// now when it is not over), whose local day is `day` ('YYYY-MM-DD').
pub async fn build(db: &Db, (from, to): (i64, i64), at: i64, day: &str) -> sqlx::Result<Figures> {
    let in_period = |column: &str| format!("{column} >= $1 AND {column} < $2");
    let out_at = "l.kind = 'loan' AND l.lent_at < $3 AND (l.ended_at IS NULL OR l.ended_at >= $3)";
    let sum = |cond: &str, then: &str| {
        format!("CAST(SUM(CASE WHEN {cond} THEN {then} ELSE 0 END) AS BIGINT)")
    };
    let returned = format!("l.ended_how = 'returned' AND {}", in_period("l.ended_at"));
    let sql = format!(
        "SELECT d.kind, d.program_id, l.language, l.area_id, COUNT(*) AS loans, \
                {lent} AS lent, {given} AS given, {returned_n} AS returned, {lost} AS lost, \
                {on_loan} AS on_loan, {overdue} AS overdue, {seconds} AS returned_seconds \
         FROM loans l JOIN devices d ON d.id = l.device_id \
         WHERE ({lent_at}) OR ({ended_at}) OR ({out_at}) \
         GROUP BY d.kind, d.program_id, l.language, l.area_id",
        lent = sum(
            &format!("l.kind = 'loan' AND {}", in_period("l.lent_at")),
            "1"
        ),
        given = sum(
            &format!("l.kind = 'gift' AND {}", in_period("l.lent_at")),
            "1"
        ),
        returned_n = sum(&returned, "1"),
        lost = sum(
            &format!("l.ended_how = 'lost' AND {}", in_period("l.ended_at")),
            "1"
        ),
        on_loan = sum(out_at, "1"),
        overdue = sum(&format!("{out_at} AND l.due_on < $4"), "1"),
        seconds = sum(&returned, "l.ended_at - l.lent_at"),
        lent_at = in_period("l.lent_at"),
        ended_at = in_period("l.ended_at"),
    );
    let groups = sqlx::query_as::<
        _,
        (
            String,
            i64,
            String,
            Option<i64>,
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
        ),
    >(&sql)
    .bind(from)
    .bind(to)
    .bind(at)
    .bind(day)
    .fetch_all(&db.pool);
    let programs =
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM programs ORDER BY name")
            .fetch_all(&db.pool);
    let (groups, programs) = tokio::try_join!(groups, programs)?;
    let groups: Vec<Group> = groups
        .into_iter()
        .map(
            |(
                kind,
                program,
                language,
                area,
                loans,
                lent,
                given,
                returned,
                lost,
                on_loan,
                overdue,
                returned_seconds,
            )| {
                let counts = Counts {
                    loans,
                    lent,
                    given,
                    returned,
                    lost,
                    on_loan,
                    overdue,
                    returned_seconds,
                };
                (kind, program, language, area, counts)
            },
        )
        .collect();
    Ok(assemble(&groups, programs))
}

/// Puts the figures together from the counts of each kind, program, language and area.
pub fn assemble(groups: &[Group], programs: Vec<(i64, String)>) -> Figures {
    let mut everyone = Counts::default();
    let mut by_kind: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_program: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_language: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_area: BTreeMap<String, Counts> = BTreeMap::new();
    for (kind, program, language, area, c) in groups {
        everyone += c;
        *by_kind.entry(kind.clone()).or_default() += c;
        *by_program.entry(program.to_string()).or_default() += c;
        *by_language.entry(language.clone()).or_default() += c;
        let area = area.map(|a| a.to_string()).unwrap_or_default();
        *by_area.entry(area).or_default() += c;
    }
    let lines = |m: BTreeMap<String, Counts>| -> Vec<Line> {
        let mut lines: Vec<Line> = m.into_iter().map(|(k, c)| Line::new(k, c)).collect();
        // Busiest first; a suppressed group goes last, as its size is not shown.
        lines.sort_by_key(|l| {
            std::cmp::Reverse(match l.lent {
                Shown::Value(_) => l.counts.loans,
                _ => -1,
            })
        });
        lines
    };
    // Kinds in their own order, each listed (a kind nobody borrowed reads as none).
    let by_kind = KINDS
        .iter()
        .map(|k| Line::new(*k, by_kind.remove(*k).unwrap_or_default()))
        .collect();
    Figures {
        everyone: Line::new("", everyone),
        by_kind,
        by_program: lines(by_program),
        by_language: lines(by_language),
        by_area: lines(by_area),
        programs,
    }
}

/// Devices available now at the active sites of each area (by area id), of active programs:
/// what a resident there could borrow nearby.
pub async fn available_by_area(db: &Db) -> sqlx::Result<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT s.area_id, COUNT(*) FROM devices d \
         JOIN sites s ON s.id = d.site_id JOIN programs p ON p.id = d.program_id \
         WHERE d.status = 'available' AND s.active = 1 AND p.status = 'active' \
           AND s.area_id IS NOT NULL \
         GROUP BY s.area_id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(loans: i64, lent: i64, returned: i64, days: i64) -> Counts {
        Counts {
            loans,
            lent,
            returned,
            on_loan: lent - returned,
            returned_seconds: returned * days * 86_400,
            ..Counts::default()
        }
    }

    fn group(kind: &str, program: i64, lang: &str, area: Option<i64>, c: Counts) -> Group {
        (kind.to_owned(), program, lang.to_owned(), area, c)
    }

    #[test]
    fn counts_each_group_and_suppresses_small_ones() {
        let groups = vec![
            group("hotspot", 1, "es", Some(7), counts(12, 12, 6, 14)),
            group("laptop", 2, "es", Some(7), counts(4, 4, 2, 28)),
            group("hotspot", 1, "en", None, counts(3, 3, 0, 0)),
        ];
        let f = assemble(&groups, vec![(1, "Hotspots".into()), (2, "Laptops".into())]);
        assert_eq!(f.everyone.lent, Shown::Value(19));
        assert_eq!(f.everyone.returned, Shown::Value(8));
        assert_eq!(f.everyone.on_loan, Shown::Value(11));
        // Eight loans returned: too few for a mean.
        assert_eq!(f.everyone.mean_loan_days, Shown::Suppressed);
        let kinds: Vec<&str> = f.by_kind.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(kinds, KINDS);
        let kind = |k: &str| f.by_kind.iter().find(|l| l.key == k).unwrap();
        assert_eq!(kind("hotspot").lent, Shown::Value(15));
        assert_eq!(kind("laptop").lent, Shown::Suppressed);
        assert_eq!(kind("tablet").lent, Shown::None);
        let lang = |k: &str| f.by_language.iter().find(|l| l.key == k).unwrap();
        assert_eq!(lang("es").returned, Shown::Value(8));
        assert_eq!(lang("en").lent, Shown::Suppressed);
        // The busiest group comes first; no area is its own group.
        assert_eq!(f.by_area[0].key, "7");
        assert_eq!(f.by_area[1].key, "");
        assert_eq!(f.by_program[0].key, "1");
    }

    #[test]
    fn the_mean_loan_is_over_the_loans_returned() {
        let f = assemble(
            &[
                group("hotspot", 1, "es", None, counts(20, 20, 8, 14)),
                group("hotspot", 1, "vi", None, counts(5, 5, 4, 28)),
            ],
            vec![],
        );
        // 8 × 14 + 4 × 28 = 224 days over 12 loans.
        let mean = f.everyone.mean_loan_days.value().copied().unwrap();
        assert!((mean - 224.0 / 12.0).abs() < 1e-9, "{mean}");
    }
}
