//! Does identity still predict the outcome? Each identity (race/ethnicity, language,
//! neighborhood) against each outcome (waiting, being connected), over the twelve months'
//! groups large enough to show: the groups furthest apart and the test across all of them (see
//! `inference`).

use std::collections::BTreeMap;

use super::inference::{self, Ratio, Test};
use crate::domain::RaceEthnicity;
use crate::maps::reports::{Line, Report, Shown};
use crate::maps::stats::{Tally, WAIT_BOUNDS};

/// The race/ethnicity group of the residents who chose more than one answer, in the tests.
pub const MORE_THAN_ONE_RACE: &str = "multiple";

/// Who is compared: residents grouped by an identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    Race,
    Language,
    Area,
}

impl Identity {
    pub const ALL: [Identity; 3] = [Identity::Race, Identity::Language, Identity::Area];

    /// The breakdown's code (as in `figures::DIMENSIONS`).
    pub fn dimension(self) -> &'static str {
        match self {
            Identity::Race => "race",
            Identity::Language => "language",
            Identity::Area => "area",
        }
    }
}

/// What is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Days to first contact.
    Waiting,
    /// Connected at home, of the requests resolved.
    Connected,
}

impl Outcome {
    pub const ALL: [Outcome; 2] = [Outcome::Waiting, Outcome::Connected];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Waiting => "waiting",
            Outcome::Connected => "connected",
        }
    }
}

/// Whether one identity predicts one outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub identity: Identity,
    pub outcome: Outcome,
    /// How many groups were large enough to compare.
    pub groups: usize,
    /// `None` with fewer than two groups to compare.
    pub comparison: Option<Comparison>,
}

/// The groups furthest apart, and the test over all the groups compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The group with the highest share (waiting longer than `longer_than`, or connected):
    /// its key, how many of how many.
    pub high: (String, i64, i64),
    /// The group with the lowest share.
    pub low: (String, i64, i64),
    /// The high share over the low, with its 95 % interval.
    pub ratio: Ratio,
    pub test: Test,
    /// For waits: the seconds the shares wait longer than.
    pub longer_than: Option<i64>,
}

/// Each identity against each outcome, over the twelve months' groups large enough to show.
pub fn findings(year: &Report, races: &[(String, Tally)]) -> Vec<Finding> {
    let race_groups = disjoint_races(races);
    let mut out = Vec::new();
    for identity in Identity::ALL {
        let groups: Vec<&Line> = match identity {
            Identity::Race => race_groups.iter().collect(),
            Identity::Language => year.by_language.iter().collect(),
            // Requests not placed in an area are no neighborhood.
            Identity::Area => year.by_area.iter().filter(|l| !l.key.is_empty()).collect(),
        };
        for outcome in Outcome::ALL {
            out.push(compare(identity, outcome, &groups));
        }
    }
    out
}

/// Race/ethnicity groups that do not overlap, as a test of independence needs: each answer
/// chosen alone, and everyone who chose more than one together; those who did not answer (or
/// preferred not to say) are left out.
fn disjoint_races(races: &[(String, Tally)]) -> Vec<Line> {
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    for (answer, t) in races {
        let codes: Vec<&str> = answer
            .split(',')
            .map(str::trim)
            .filter(|c| {
                *c != RaceEthnicity::PreferNotToSay.code()
                    && RaceEthnicity::ALL.iter().any(|r| r.code() == *c)
            })
            .collect();
        let key = match codes.as_slice() {
            [] => continue,
            [one] => (*one).to_owned(),
            _ => MORE_THAN_ONE_RACE.to_owned(),
        };
        *groups.entry(key).or_default() += t;
    }
    groups
        .iter()
        .map(|(k, t)| Line::new(k.clone(), t))
        .collect()
}

/// One identity against one outcome, over the groups whose figure for it is shown (its own base
/// large enough): a suppressed group is never compared, so the answer tells nothing about it.
fn compare(identity: Identity, outcome: Outcome, groups: &[&Line]) -> Finding {
    let shown: Vec<&Line> = groups
        .iter()
        .copied()
        .filter(|l| match outcome {
            Outcome::Waiting => matches!(l.median_wait_days, Shown::Value(_)),
            Outcome::Connected => matches!(l.connected_share, Shown::Value(_)),
        })
        .collect();
    let comparison = (shown.len() >= 2)
        .then(|| match outcome {
            Outcome::Waiting => compare_waits(&shown),
            Outcome::Connected => compare_connected(&shown),
        })
        .flatten();
    Finding {
        identity,
        outcome,
        groups: shown.len(),
        comparison,
    }
}

fn compare_waits(groups: &[&Line]) -> Option<Comparison> {
    let bins: Vec<Vec<i64>> = groups.iter().map(|l| l.tally.waits().to_vec()).collect();
    let mut pooled = vec![0i64; bins.first()?.len()];
    for b in &bins {
        for (p, c) in pooled.iter_mut().zip(b) {
            *p += c;
        }
    }
    let boundary = inference::split_boundary(&pooled)?;
    let counts: Vec<(i64, i64)> = bins
        .iter()
        .map(|b| inference::waited_longer(b, boundary))
        .collect();
    let mut c = furthest_apart(groups, &counts)?;
    c.test = inference::kruskal_wallis_binned(&bins);
    c.longer_than = Some(WAIT_BOUNDS[boundary]);
    Some(c)
}

fn compare_connected(groups: &[&Line]) -> Option<Comparison> {
    let counts: Vec<(i64, i64)> = groups
        .iter()
        .map(|l| (l.tally.connected(), l.tally.resolved()))
        .collect();
    let table: Vec<Vec<i64>> = counts.iter().map(|&(yes, n)| vec![yes, n - yes]).collect();
    let mut c = furthest_apart(groups, &counts)?;
    c.test = inference::chi_square_independence(&table);
    Some(c)
}

/// The groups with the highest and the lowest share `yes / n`, and the ratio of the two (the
/// test is left to the caller).
fn furthest_apart(groups: &[&Line], counts: &[(i64, i64)]) -> Option<Comparison> {
    let share = |i: usize| counts[i].0 as f64 / counts[i].1.max(1) as f64;
    let order = |a: &usize, b: &usize| share(*a).total_cmp(&share(*b));
    let high = (0..counts.len()).max_by(order)?;
    let low = (0..counts.len()).rev().min_by(order)?;
    let ratio =
        inference::risk_ratio(counts[high].0, counts[high].1, counts[low].0, counts[low].1)?;
    let group = |i: usize| (groups[i].key.clone(), counts[i].0, counts[i].1);
    Some(Comparison {
        high: group(high),
        low: group(low),
        ratio,
        test: Test {
            statistic: 0.0,
            df: 0.0,
            p: 1.0,
        },
        longer_than: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waits(key: &str, per_bin: &[(usize, i64)]) -> Line {
        let mut t = Tally::default();
        for &(bin, n) in per_bin {
            for _ in 0..n {
                t += &Tally::one(false, Some(if bin == 0 { 0 } else { WAIT_BOUNDS[bin - 1] }));
            }
        }
        Line::new(key, &t)
    }

    #[test]
    fn waits_compare_the_groups_furthest_apart_over_the_usual_wait() {
        // Amharic: 15 of 20 after 2 days; English: 5 of 20 after 2 days; Spanish 10 of 20.
        let am = waits("am", &[(0, 5), (8, 15)]);
        let en = waits("en", &[(0, 15), (8, 5)]);
        let es = waits("es", &[(0, 10), (8, 10)]);
        let small = waits("ln", &[(8, 4)]);
        let f = compare(
            Identity::Language,
            Outcome::Waiting,
            &[&am, &en, &es, &small],
        );
        assert_eq!(f.groups, 3, "four residents are too few to compare");
        let c = f.comparison.unwrap();
        assert_eq!(c.high, ("am".to_owned(), 15, 20));
        assert_eq!(c.low, ("en".to_owned(), 5, 20));
        assert_eq!(c.longer_than, Some(2 * 86_400));
        assert!((c.ratio.ratio - 3.0).abs() < 1e-12);
        // scipy.stats.kruskal([0]*5+[8]*15, [0]*15+[8]*5, [0]*10+[8]*10)
        // -> statistic 9.83333333333334, pvalue 0.007323501878765384
        assert!(
            (c.test.statistic - 9.833_333_333_333_34).abs() < 1e-9,
            "{c:?}"
        );
        assert!((c.test.p - 0.007_323_501_878_765_384).abs() < 1e-9, "{c:?}");
        assert!(c.test.significant());
        // One group only: nothing to compare.
        let f = compare(Identity::Language, Outcome::Waiting, &[&am, &small]);
        assert_eq!((f.groups, f.comparison), (1, None));
    }

    fn resolved(key: &str, connected: i64, not: i64) -> Line {
        let mut t = Tally::default();
        for i in 0..connected + not {
            t += &Tally::one(false, None).resolved_as(i < connected);
        }
        Line::new(key, &t)
    }

    #[test]
    fn connections_compare_the_groups_furthest_apart() {
        let a = resolved("1", 18, 4);
        let b = resolved("2", 6, 16);
        let c = resolved("3", 11, 11);
        let f = compare(Identity::Area, Outcome::Connected, &[&a, &b, &c]);
        let c = f.comparison.unwrap();
        assert_eq!(
            (c.high, c.low),
            (("1".to_owned(), 18, 22), ("2".to_owned(), 6, 22))
        );
        // scipy.stats.chi2_contingency([[18, 4], [6, 16], [11, 11]], correction=False)
        // -> statistic 13.260829493087558, dof 2, pvalue 0.001319615666471381
        assert!(
            (c.test.statistic - 13.260_829_493_087_558).abs() < 1e-9,
            "{:?}",
            c.test
        );
        assert!((c.test.p - 0.001_319_615_666_471_381).abs() < 1e-9);
        // scipy.stats.contingency.relative_risk(18, 22, 6, 22).confidence_interval(0.95)
        // -> 3.0, low 1.474585783803254, high 6.1034089022526645
        assert!((c.ratio.ratio - 3.0).abs() < 1e-12);
        assert!((c.ratio.low - 1.474_585_783_803_254).abs() < 1e-9);
        assert!((c.ratio.high - 6.103_408_902_252_664_5).abs() < 1e-9);
        assert_eq!(c.longer_than, None);
    }

    #[test]
    fn race_groups_for_the_tests_do_not_overlap() {
        let t = |n: i64| {
            let mut t = Tally::default();
            for _ in 0..n {
                t += &Tally::one(false, None);
            }
            t
        };
        let races = vec![
            (String::new(), t(30)),
            ("black".to_owned(), t(12)),
            ("black,white".to_owned(), t(4)),
            ("asian,hispanic".to_owned(), t(9)),
            ("white".to_owned(), t(20)),
            ("prefer_not_to_say".to_owned(), t(15)),
        ];
        let groups: Vec<(String, i64)> = disjoint_races(&races)
            .iter()
            .map(|l| (l.key.clone(), l.tally.requests()))
            .collect();
        assert_eq!(
            groups,
            [("black", 12), ("multiple", 13), ("white", 20)].map(|(k, n)| (k.to_owned(), n))
        );
    }
}
