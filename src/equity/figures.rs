//! The dashboard's figures: the requests of the last twelve months and of each of its four
//! quarters, broken down as `/reports` breaks them down (from the same stored sums, suppressed
//! the same way), protected against working a hidden quarter out of the year, and the answer to
//! "does identity still predict the outcome?" (see `findings`).

use jiff::civil::Date;
use jiff::ToSpan;

use super::findings::{findings, Finding};
use crate::db::Db;
use crate::maps::reports::{self, Line, Report, Shown};

/// The breakdowns, in the order the page shows them (the codes `group_label` knows).
pub const DIMENSIONS: [&str; 4] = ["area", "language", "race", "channel"];

/// The breakdowns whose groups split everyone (race answers may name several groups).
const ADDITIVE: [&str; 3] = ["area", "language", "channel"];

/// Requests made from `from` to `to` (inclusive) and what became of them.
#[derive(Clone, Debug)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub report: Report,
}

/// Everything the page and its CSV show.
#[derive(Clone, Debug)]
pub struct Dashboard {
    pub year: Period,
    /// The year's four quarters, oldest first; the last ends today.
    pub quarters: Vec<Period>,
    /// Each identity against each outcome, in `Identity::ALL` × `Outcome::ALL` order.
    pub findings: Vec<Finding>,
    /// Every area's id and name.
    pub areas: Vec<(i64, String)>,
}

/// The twelve months that end `today` (from the day after the same date a year before), and
/// their four quarters of three months (the last ending today).
pub fn periods(today: Date) -> ((Date, Date), Vec<(Date, Date)>) {
    let from = today
        .checked_sub(1.year())
        .and_then(|d| d.tomorrow())
        .unwrap_or(today);
    let quarters = (0..4)
        .map(|i: i64| {
            let start = from.checked_add((3 * i).months()).unwrap_or(from);
            let end = if i == 3 {
                today
            } else {
                from.checked_add((3 * i + 3).months())
                    .and_then(|d| d.yesterday())
                    .unwrap_or(today)
            };
            (start, end)
        })
        .collect();
    ((from, today), quarters)
}

/// The dashboard for the twelve months ending `today` (in the help desk's time zone `tz`).
pub async fn build(db: &Db, tz: &jiff::tz::TimeZone, today: Date) -> sqlx::Result<Dashboard> {
    let ((from, to), quarters) = periods(today);
    let bounds = |(a, b): (Date, Date)| crate::maps::query::bounds(tz, a, b);
    let (y0, y1) = bounds((from, to));
    let q: Vec<(i64, i64)> = quarters.iter().map(|&p| bounds(p)).collect();
    let ((year, races), q0, q1, q2, q3, areas) = tokio::try_join!(
        reports::build_with_races(db, y0, y1),
        reports::build(db, q[0].0, q[0].1),
        reports::build(db, q[1].0, q[1].1),
        reports::build(db, q[2].0, q[2].1),
        reports::build(db, q[3].0, q[3].1),
        reports::area_names(db),
    )?;
    let mut quarter_reports = vec![q0, q1, q2, q3];
    protect_over_time(&year, &mut quarter_reports);
    let findings = findings(&year, &races);
    Ok(Dashboard {
        year: Period {
            from,
            to,
            report: year,
        },
        quarters: quarters
            .into_iter()
            .zip(quarter_reports)
            .map(|((from, to), report)| Period { from, to, report })
            .collect(),
        findings,
        areas,
    })
}

/// A breakdown's groups in a report.
pub fn lines<'a>(report: &'a Report, dimension: &str) -> &'a [Line] {
    match dimension {
        "area" => &report.by_area,
        "language" => &report.by_language,
        "race" => &report.by_race,
        _ => &report.by_channel,
    }
}

fn lines_mut<'a>(report: &'a mut Report, dimension: &str) -> &'a mut [Line] {
    match dimension {
        "area" => &mut report.by_area,
        "language" => &mut report.by_language,
        "race" => &mut report.by_race,
        _ => &mut report.by_channel,
    }
}

/// A group's quarters add up to its year, as each quarter's groups add up to the quarter: one
/// hidden count in either would be given away by the others. Each report already hides a second
/// group beside a lone hidden one (`reports::protect_by_subtraction`); here a group whose year
/// and quarters hold exactly one hidden count has its next smallest quarter hidden too, and the
/// two rules take turns until neither hides anything more.
pub fn protect_over_time(year: &Report, quarters: &mut [Report]) {
    loop {
        let mut changed = protect_row(
            year.everyone.residents,
            quarters.iter_mut().map(|q| &mut q.everyone).collect(),
        );
        for dimension in DIMENSIONS {
            for group in lines(year, dimension) {
                let row: Vec<&mut Line> = quarters
                    .iter_mut()
                    .filter_map(|q| {
                        lines_mut(q, dimension)
                            .iter_mut()
                            .find(|l| l.key == group.key)
                    })
                    .collect();
                changed |= protect_row(group.residents, row);
            }
        }
        for quarter in quarters.iter_mut() {
            let total = quarter.total.clone();
            for dimension in ADDITIVE {
                let lines = lines_mut(quarter, dimension);
                let before = hidden(lines.iter());
                reports::protect_by_subtraction(lines, &total);
                changed |= hidden(lines.iter()) != before;
            }
        }
        if !changed {
            return;
        }
    }
}

fn hidden<'a>(lines: impl Iterator<Item = &'a Line>) -> usize {
    lines.filter(|l| l.residents == Shown::Suppressed).count()
}

/// One group's year and quarters: when exactly one of them is hidden, the smallest quarter still
/// shown is hidden too. Whether anything was.
fn protect_row(year: Shown<i64>, mut quarters: Vec<&mut Line>) -> bool {
    let lone = usize::from(year == Shown::Suppressed) + hidden(quarters.iter().map(|l| &**l));
    if lone != 1 {
        return false;
    }
    match quarters
        .iter_mut()
        .filter(|l| matches!(l.residents, Shown::Value(_)))
        .min_by_key(|l| l.tally.requests())
    {
        Some(next) => {
            next.residents = Shown::Suppressed;
            next.devices = Shown::Suppressed;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::stats::Tally;

    #[test]
    fn a_year_is_four_quarters_ending_today() {
        let ((from, to), q) = periods(jiff::civil::date(2026, 12, 4));
        assert_eq!(
            (from, to),
            (
                jiff::civil::date(2025, 12, 5),
                jiff::civil::date(2026, 12, 4)
            )
        );
        let dates: Vec<(String, String)> = q
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                ("2025-12-05", "2026-03-04"),
                ("2026-03-05", "2026-06-04"),
                ("2026-06-05", "2026-09-04"),
                ("2026-09-05", "2026-12-04"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    fn line(key: &str, n: i64) -> Line {
        let mut t = Tally::default();
        for _ in 0..n {
            t += &Tally::one(false, None);
        }
        Line::new(key, &t)
    }

    fn report(lines: Vec<Line>) -> Report {
        let mut r = reports::assemble(&[], &[], &[], &[]);
        let mut total = Tally::default();
        for l in &lines {
            total += &l.tally;
        }
        r.everyone = Line::new("", &total);
        r.total = total;
        r.by_language = lines;
        r
    }

    fn shown(r: &Report) -> Vec<(String, bool)> {
        r.by_language
            .iter()
            .map(|l| (l.key.clone(), matches!(l.residents, Shown::Value(_))))
            .collect()
    }

    #[test]
    fn a_hidden_quarter_cannot_be_worked_out_from_the_year() {
        // English: 12 + 12 + 12 + 5 = 41 in the year; Spanish 20 in every quarter.
        let year = report(vec![line("en", 41), line("es", 80)]);
        let mut quarters: Vec<Report> = [12, 12, 12, 5]
            .iter()
            .map(|&n| report(vec![line("en", n), line("es", 20)]))
            .collect();
        // Each quarter alone: the last hides English's 5 and so Spanish's 20 (25 - 5).
        for q in quarters.iter_mut() {
            let total = q.total.clone();
            reports::protect_by_subtraction(&mut q.by_language, &total);
        }
        protect_over_time(&year, &mut quarters);
        // English's year (41) minus its three shown quarters would give the fourth: a second
        // quarter is hidden, and then, as that quarter's groups add up to its total, Spanish in
        // it too; Spanish's year then has two hidden quarters.
        let hidden: Vec<Vec<(String, bool)>> = quarters.iter().map(shown).collect();
        assert_eq!(hidden[3], [("en".into(), false), ("es".into(), false)]);
        let en_hidden = hidden.iter().filter(|q| !q[0].1).count();
        let es_hidden = hidden.iter().filter(|q| !q[1].1).count();
        assert!(en_hidden >= 2 && es_hidden >= 2, "{hidden:?}");
        for q in &quarters {
            let n = q
                .by_language
                .iter()
                .filter(|l| l.residents == Shown::Suppressed)
                .count();
            assert_ne!(
                n, 1,
                "a quarter with one hidden group gives it away: {hidden:?}"
            );
        }
    }
}
