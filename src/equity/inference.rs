//! Does identity still predict the outcome? The statistics behind the dashboard's answer, from
//! counts alone (the stored sums hold counts per group and waits in `WAIT_BOUNDS` bins, never a
//! resident's own figures). Pure functions: no I/O here.
//!
//! - Being connected: a chi-square test of independence over groups × (connected, not), and the
//!   risk ratio between the groups furthest apart with Katz's log interval.
//! - Waiting: a Kruskal-Wallis test over the binned waits (each bin a run of ties, so midranks
//!   and the tie correction are exact for bins), and the risk ratio of waiting longer than the
//!   bin boundary nearest the usual wait for everyone compared, between the groups furthest
//!   apart, with the same interval.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::maps::stats::WAIT_BOUNDS;

/// The two-sided 95 % point of the standard normal distribution.
const Z_95: f64 = 1.959_963_984_540_054;

/// Differences with a p-value under this are taken as larger than chance.
pub const ALPHA: f64 = 0.05;

/// A test's statistic, its degrees of freedom and p-value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Test {
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
}

impl Test {
    /// No evidence at all (nothing varies): statistic 0, p = 1.
    fn none(df: f64) -> Test {
        Test {
            statistic: 0.0,
            df,
            p: 1.0,
        }
    }

    pub fn significant(&self) -> bool {
        self.p < ALPHA
    }
}

/// The chance of a chi-square with `df` degrees of freedom reaching `x` or more.
pub fn chi_square_sf(x: f64, df: f64) -> f64 {
    if !(x.is_finite() && df > 0.0) || x <= 0.0 {
        return 1.0;
    }
    ChiSquared::new(df).map_or(1.0, |d| d.sf(x).clamp(0.0, 1.0))
}

/// Pearson's chi-square test of independence of a table of counts (rows are groups), without a
/// continuity correction. Rows and columns that are all zero are left out: they carry no
/// information and would make an expected count zero.
pub fn chi_square_independence(table: &[Vec<i64>]) -> Test {
    let cols = table.iter().map(Vec::len).max().unwrap_or(0);
    let rows: Vec<&Vec<i64>> = table.iter().filter(|r| r.iter().sum::<i64>() > 0).collect();
    let col_sums: Vec<i64> = (0..cols)
        .map(|j| rows.iter().map(|r| r.get(j).copied().unwrap_or(0)).sum())
        .collect();
    let kept: Vec<usize> = (0..cols).filter(|&j| col_sums[j] > 0).collect();
    if rows.len() < 2 || kept.len() < 2 {
        return Test::none(0.0);
    }
    let n: f64 = col_sums.iter().sum::<i64>() as f64;
    let mut statistic = 0.0;
    for r in &rows {
        let row_sum = r.iter().sum::<i64>() as f64;
        for &j in &kept {
            let expected = row_sum * col_sums[j] as f64 / n;
            let observed = r.get(j).copied().unwrap_or(0) as f64;
            statistic += (observed - expected).powi(2) / expected;
        }
    }
    let df = ((rows.len() - 1) * (kept.len() - 1)) as f64;
    Test {
        statistic,
        df,
        p: chi_square_sf(statistic, df),
    }
}

/// The Kruskal-Wallis H test over groups of binned values (each row a group's counts per bin,
/// bins in order). Every value in a bin is a tie, ranked at the bin's midrank, and H is divided
/// by the usual tie correction, so this is the test on the values as the bins keep them (the
/// same as `scipy.stats.kruskal` on the bin numbers). Groups without values are left out.
pub fn kruskal_wallis_binned(groups: &[Vec<i64>]) -> Test {
    let groups: Vec<&Vec<i64>> = groups
        .iter()
        .filter(|g| g.iter().sum::<i64>() > 0)
        .collect();
    if groups.len() < 2 {
        return Test::none(0.0);
    }
    let df = (groups.len() - 1) as f64;
    let bins = groups.iter().map(|g| g.len()).max().unwrap_or(0);
    let totals: Vec<f64> = (0..bins)
        .map(|b| {
            groups
                .iter()
                .map(|g| g.get(b).copied().unwrap_or(0))
                .sum::<i64>() as f64
        })
        .collect();
    let n: f64 = totals.iter().sum();
    // The midrank of each bin: the ranks below it, plus the middle of its own run.
    let mut below = 0.0;
    let midranks: Vec<f64> = totals
        .iter()
        .map(|&t| {
            let mid = below + (t + 1.0) / 2.0;
            below += t;
            mid
        })
        .collect();
    let sum_sq: f64 = groups
        .iter()
        .map(|g| {
            let size = g.iter().sum::<i64>() as f64;
            let rank_sum: f64 = g.iter().zip(&midranks).map(|(&c, &r)| c as f64 * r).sum();
            rank_sum * rank_sum / size
        })
        .sum();
    let h = 12.0 / (n * (n + 1.0)) * sum_sq - 3.0 * (n + 1.0);
    let ties: f64 = totals.iter().map(|&t| t * t * t - t).sum();
    let correction = 1.0 - ties / (n * n * n - n);
    if correction <= 0.0 || !h.is_finite() {
        // Every value is the same: no difference to find.
        return Test::none(df);
    }
    let statistic = (h / correction).max(0.0);
    Test {
        statistic,
        df,
        p: chi_square_sf(statistic, df),
    }
}

/// A ratio with its 95 % confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratio {
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
}

/// The risk ratio of `a` of `n1` against `c` of `n2`, with Katz's log interval:
/// exp(ln RR ± 1.96 √(1/a − 1/n1 + 1/c − 1/n2)). When either count is zero, half is added to
/// every cell (Haldane's correction), so the ratio and its interval stay finite.
pub fn risk_ratio(a: i64, n1: i64, c: i64, n2: i64) -> Option<Ratio> {
    if n1 <= 0 || n2 <= 0 || a < 0 || c < 0 || a > n1 || c > n2 {
        return None;
    }
    let (a, n1, c, n2) = if a == 0 || c == 0 {
        (
            a as f64 + 0.5,
            n1 as f64 + 1.0,
            c as f64 + 0.5,
            n2 as f64 + 1.0,
        )
    } else {
        (a as f64, n1 as f64, c as f64, n2 as f64)
    };
    let ratio = (a / n1) / (c / n2);
    let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).max(0.0).sqrt();
    Some(Ratio {
        ratio,
        low: (ratio.ln() - Z_95 * se).exp(),
        high: (ratio.ln() + Z_95 * se).exp(),
    })
}

/// The bin boundary (an index into `WAIT_BOUNDS`) that splits the waits of `bins` (counts per
/// bin) closest to half and half: the shares waiting longer than it are then the most telling.
/// `None` without waits.
pub fn split_boundary(bins: &[i64]) -> Option<usize> {
    let n: i64 = bins.iter().sum();
    if n <= 0 {
        return None;
    }
    let mut below = 0i64;
    // (boundary, waits below it, how far that is from half, doubled: whole numbers compare
    // exactly)
    let mut best: Option<(usize, i64, i64)> = None;
    for (i, _) in WAIT_BOUNDS.iter().enumerate() {
        below += bins.get(i).copied().unwrap_or(0);
        let off = (2 * below - n).abs();
        // Of boundaries that split the waits the same way, the last: "more than 2 days" says
        // more than "more than an hour" of the same residents.
        if best.is_none_or(|(_, b, o)| off < o || b == below) {
            best = Some((i, below, off));
        }
    }
    best.map(|(i, _, _)| i)
}

/// Of `bins`, how many waited at least `WAIT_BOUNDS[boundary]`, and how many waited at all.
pub fn waited_longer(bins: &[i64], boundary: usize) -> (i64, i64) {
    let longer = bins.iter().skip(boundary + 1).sum();
    (longer, bins.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1e-300)
    }

    #[test]
    fn chi_square_tail_matches_scipy() {
        // scipy.stats.chi2.sf(3.84, 1) = 0.05004352124870519
        assert!(close(
            chi_square_sf(3.84, 1.0),
            0.050_043_521_248_705_19,
            1e-9
        ));
        // scipy.stats.chi2.sf(10.0, 4) = 0.04042768199451279
        assert!(close(
            chi_square_sf(10.0, 4.0),
            0.040_427_681_994_512_79,
            1e-9
        ));
        assert_eq!(chi_square_sf(0.0, 3.0), 1.0);
        assert_eq!(chi_square_sf(f64::NAN, 3.0), 1.0);
    }

    #[test]
    fn independence_matches_scipy() {
        // scipy.stats.chi2_contingency([[30, 10], [20, 25], [12, 30]], correction=False)
        // -> statistic 18.209135846232616, dof 2, pvalue 0.00011115689089535338
        let t = chi_square_independence(&[vec![30, 10], vec![20, 25], vec![12, 30]]);
        assert!(close(t.statistic, 18.209_135_846_232_616, 1e-9), "{t:?}");
        assert_eq!(t.df, 2.0);
        assert!(close(t.p, 1.111_568_908_953_533_8e-4, 1e-6), "{t:?}");
        assert!(t.significant());
        // scipy.stats.chi2_contingency([[40, 60], [42, 58]], correction=False)
        // -> statistic 0.0826787928896238, dof 1, pvalue 0.7736994895068448
        let t = chi_square_independence(&[vec![40, 60], vec![42, 58]]);
        assert!(close(t.statistic, 0.082_678_792_889_623_8, 1e-9), "{t:?}");
        assert!(close(t.p, 0.773_699_489_506_844_8, 1e-9), "{t:?}");
        assert!(!t.significant());
        // A group with no one, or an outcome no one had, tells nothing and is left out.
        let t = chi_square_independence(&[vec![30, 10], vec![0, 0], vec![20, 25], vec![12, 30]]);
        assert!(close(t.statistic, 18.209_135_846_232_616, 1e-9));
        assert_eq!(
            chi_square_independence(&[vec![0, 10], vec![0, 30]]),
            Test::none(0.0)
        );
        assert_eq!(chi_square_independence(&[vec![3, 10]]), Test::none(0.0));
    }

    #[test]
    fn kruskal_wallis_from_bins_matches_scipy() {
        // Bins 0..4 as values: group a has 5 in bin 0, 3 in bin 1, 2 in bin 2; b 1, 2, 4, 3;
        // c 0, 1, 2, 6, 4.
        // scipy.stats.kruskal([0]*5+[1]*3+[2]*2, [0]+[1]*2+[2]*4+[3]*3,
        //                     [1]+[2]*2+[3]*6+[4]*4)
        // -> statistic 17.5559298245614, pvalue 0.00015409135574985045
        let groups = vec![
            vec![5, 3, 2, 0, 0],
            vec![1, 2, 4, 3, 0],
            vec![0, 1, 2, 6, 4],
        ];
        let t = kruskal_wallis_binned(&groups);
        assert!(close(t.statistic, 17.555_929_824_561_4, 1e-9), "{t:?}");
        assert_eq!(t.df, 2.0);
        assert!(close(t.p, 1.540_913_557_498_504_5e-4, 1e-6), "{t:?}");
        // Two groups waiting alike.
        // scipy.stats.kruskal([0]*4+[1]*6+[2]*5, [0]*5+[1]*5+[2]*5)
        // -> statistic 0.04845446950708904, pvalue 0.8257747711680773
        let t = kruskal_wallis_binned(&[vec![4, 6, 5], vec![5, 5, 5]]);
        assert!(close(t.statistic, 0.048_454_469_507_089_04, 1e-9), "{t:?}");
        assert!(close(t.p, 0.825_774_771_168_077_3, 1e-9), "{t:?}");
        // Everyone in one bin: nothing differs (scipy answers nan; we answer "no difference").
        assert_eq!(
            kruskal_wallis_binned(&[vec![0, 7], vec![0, 9]]),
            Test::none(1.0)
        );
        assert_eq!(kruskal_wallis_binned(&[vec![3, 4]]), Test::none(0.0));
    }

    #[test]
    fn risk_ratio_matches_katz_by_hand_and_scipy() {
        // 30 of 40 against 12 of 42: RR = 0.75 / (12/42) = 2.625;
        // se = sqrt(1/30 - 1/40 + 1/12 - 1/42) = 0.2606; exp(ln 2.625 ± 1.96 se).
        // scipy.stats.contingency.relative_risk(30, 40, 12, 42).confidence_interval(0.95)
        // -> relative_risk 2.625, low 1.5754201002824038, high 4.373833365947795
        let r = risk_ratio(30, 40, 12, 42).unwrap();
        assert!(close(r.ratio, 2.625, 1e-12));
        assert!(close(r.low, 1.575_420_100_282_403_8, 1e-9), "{r:?}");
        assert!(close(r.high, 4.373_833_365_947_795, 1e-9), "{r:?}");
        // A zero count: half added to each cell (2.5 of 21 against 0.5 of 31).
        let r = risk_ratio(2, 20, 0, 30).unwrap();
        assert!(close(r.ratio, (2.5 / 21.0) / (0.5 / 31.0), 1e-12));
        assert!(r.low < r.ratio && r.ratio < r.high && r.high.is_finite());
        assert_eq!(risk_ratio(1, 0, 1, 2), None);
        assert_eq!(risk_ratio(3, 2, 1, 2), None);
    }

    #[test]
    fn the_split_is_the_boundary_nearest_half() {
        let mut bins = vec![0i64; WAIT_BOUNDS.len() + 1];
        // 10 within the hour, 10 from 2 to 3 days, 10 after a week: below any boundary up to
        // "2 days" are 10 of 30, below "3 days" to "7 days" 20 of 30, as far from half; the
        // first split is kept, at its last boundary.
        bins[0] = 10;
        bins[8] = 10;
        bins[12] = 10;
        let b = split_boundary(&bins).unwrap();
        assert_eq!(WAIT_BOUNDS[b], 2 * 86_400);
        assert_eq!(waited_longer(&bins, b), (20, 30));
        bins[0] = 20;
        let b = split_boundary(&bins).unwrap();
        assert_eq!(
            WAIT_BOUNDS[b],
            2 * 86_400,
            "20 of 40 within the hour, none until 2 days"
        );
        assert_eq!(waited_longer(&bins, b), (20, 40));
        assert_eq!(split_boundary(&[0; 19]), None);
    }
}
