//! Funder figures for the covered populations (issue 19): for the requests made in a period, the
//! residents in each population digital equity programs report on, what became of their requests
//! (connected at home, a device received, resolved) and the minutes of help, with small groups
//! suppressed as every figure of `/reports` is. Read from the stored sums by set of populations
//! (`stats::populations`), so a year at city scale reads a few hundred rows.
//!
//! A resident may be in several populations, so the populations' lines do not add up to
//! everyone. Two more lines do: residents in at least one population and residents in none
//! that their answers show; those two are protected against working a hidden count out by
//! subtraction from everyone, as the breakdowns of `/reports` are.

use super::reports::{
    protect_by_subtraction, protect_served_by_subtraction, suppress, Line, Shown,
};
use super::stats::{self, populations::ALL, Tally};
use crate::db::Db;

/// The key of the line for residents in at least one population.
pub const ANY: &str = "any";
/// The key of the line for residents in no population their answers show.
pub const NONE: &str = "none";

/// One population's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct PopulationLine {
    /// The population's code (`stats::populations::ALL`), `ANY`, `NONE`, or empty for
    /// everyone. Residents, devices, minutes and the rest as `/reports` shows them.
    pub line: Line,
    /// Residents connected at home.
    pub connected: Shown<i64>,
    /// Of the requests, the share resolved.
    pub resolved_share: Shown<f64>,
}

impl PopulationLine {
    pub fn new(key: &str, t: &Tally) -> Self {
        let requests = t.requests();
        Self {
            line: Line::new(key, t),
            connected: suppress(requests, Some(t.connected())),
            resolved_share: suppress(
                requests,
                (requests > 0).then(|| t.resolved() as f64 / requests as f64),
            ),
        }
    }

    pub fn key(&self) -> &str {
        &self.line.key
    }
}

/// Everything the populations part of the report shows.
#[derive(Clone, Debug)]
pub struct Figures {
    pub everyone: PopulationLine,
    /// In `stats::populations::ALL` order.
    pub populations: Vec<PopulationLine>,
    /// Residents in at least one population, then in none: these two add up to everyone.
    pub any: PopulationLine,
    pub none: PopulationLine,
}

/// The figures of the requests made in `[from, to)`.
pub async fn build(db: &Db, from: i64, to: i64) -> sqlx::Result<Figures> {
    Ok(assemble(&stats::by_populations(db, from, to).await?))
}

/// Puts the figures together from tallies by set of populations (bits).
pub fn assemble(rows: &[(i64, Tally)]) -> Figures {
    let mut total = Tally::default();
    let mut each = vec![Tally::default(); ALL.len()];
    let (mut any, mut none) = (Tally::default(), Tally::default());
    for (bits, t) in rows {
        total += t;
        if *bits == 0 {
            none += t;
        } else {
            any += t;
        }
        for (p, sum) in ALL.iter().zip(each.iter_mut()) {
            if bits & p.bit != 0 {
                *sum += t;
            }
        }
    }
    let mut split = [
        PopulationLine::new(ANY, &any),
        PopulationLine::new(NONE, &none),
    ];
    let mut lines: Vec<Line> = split.iter().map(|p| p.line.clone()).collect();
    protect_by_subtraction(&mut lines, &total);
    protect_served_by_subtraction(&mut lines, &total);
    for (p, line) in split.iter_mut().zip(lines) {
        // A count hidden to keep the other from being worked out hides its outcomes' counts too.
        if line.residents == Shown::Suppressed && p.line.residents != Shown::Suppressed {
            p.connected = Shown::Suppressed;
        }
        p.line = line;
    }
    let [any, none] = split;
    Figures {
        everyone: PopulationLine::new("", &total),
        populations: ALL
            .iter()
            .zip(&each)
            .map(|(p, t)| PopulationLine::new(p.code, t))
            .collect(),
        any,
        none,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many(n: i64) -> Tally {
        let mut t = Tally::default();
        for _ in 0..n {
            t += &Tally::one(false, None);
        }
        t
    }

    #[test]
    fn each_population_counts_every_resident_in_it() {
        // 20 low income veterans, 12 low income, 5 rural, 30 in none.
        let rows = vec![
            (0, many(30)),
            (1, many(12)),
            (1 | 4, many(20)),
            (64, many(5)),
        ];
        let f = assemble(&rows);
        let get = |code: &str| {
            f.populations
                .iter()
                .find(|p| p.key() == code)
                .unwrap()
                .line
                .residents
        };
        assert_eq!(get("low_income"), Shown::Value(32));
        assert_eq!(get("veteran"), Shown::Value(20));
        assert_eq!(get("rural"), Shown::Suppressed);
        assert_eq!(get("disability"), Shown::None);
        assert_eq!(f.everyone.line.residents, Shown::Value(67));
        assert_eq!(f.any.line.residents, Shown::Value(37));
        assert_eq!(f.none.line.residents, Shown::Value(30));
    }

    #[test]
    fn a_small_any_or_none_hides_the_other() {
        let f = assemble(&[(0, many(40)), (8, many(4))]);
        assert_eq!(f.any.line.residents, Shown::Suppressed);
        assert_eq!(
            f.none.line.residents,
            Shown::Suppressed,
            "everyone minus none would give the four away"
        );
        assert_eq!(f.none.connected, Shown::Suppressed);
        assert_eq!(f.everyone.line.residents, Shown::Value(44));
    }
}
