//! The figures behind the service-gap map and the reports, kept fast at city scale.
//!
//! Requests are grouped into fixed periods of 28 days (`PERIOD_SECS`, counted from the Unix epoch).
//! For each period that has ended, `case_stats` holds sums per (area, language, needs), per
//! (area, language), per area and per needs (`Grain`), `race_stats` per race/ethnicity answer (migration
//! 0010), `channel_stats` per channel (migration 0014) and `population_stats` per set of covered
//! populations (migration 0022, `populations`). A range of dates is then read as the
//! built periods wholly inside it plus, straight from `cases`, everything else: the days at
//! either end, the current period, and any period changed since it was built (triggers mark
//! those in the same transaction as the change, so figures are never stale). `refresh` builds
//! marked periods in the background.
//!
//! Every figure is defined once, as SQL over one case (`METRICS`), and the same expressions build
//! the stored sums and read the days not yet built, so the two can never disagree.
//!
//! Here: the sums and how a range is split; `read` reads a range's tallies, `build` the stored
//! periods.

mod build;
pub mod populations;
mod read;

use std::collections::BTreeSet;

pub use build::{build_period, refresh, start};
pub use read::{by_populations, cells, cells_by, channels, races, Grain};

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

/// The stored sums: name and what it adds up for one case (`c` the case, `o` its outcome, `t`
/// its contacts' totals).
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
        // Contacts (`t`, the case's `contact_totals`, migration 0016). Minutes of contacts
        // logged before minutes were asked are unknown: the minutes per resident are taken over
        // the residents whose every contact has its minutes, never counting unknown as zero.
        m.push(("served".into(), flag("t.contacts > 0")));
        m.push(("minutes".into(), "COALESCE(t.minutes, 0)".into()));
        m.push((
            "timed_served".into(),
            flag("t.contacts > 0 AND t.untimed = 0"),
        ));
        m.push((
            "timed_minutes".into(),
            "CASE WHEN t.untimed = 0 THEN t.minutes ELSE 0 END".into(),
        ));
        m.push(("untimed_served".into(), flag("t.untimed > 0")));
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
    pub const SERVED: usize = C90_YES + 1;
    pub const MINUTES: usize = SERVED + 1;
    pub const TIMED_SERVED: usize = MINUTES + 1;
    pub const TIMED_MINUTES: usize = TIMED_SERVED + 1;
    pub const UNTIMED_SERVED: usize = TIMED_MINUTES + 1;
    pub const LEN: usize = UNTIMED_SERVED + 1;
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
    /// Residents with at least one contact logged.
    pub fn served(&self) -> i64 {
        self.0[at::SERVED]
    }
    /// Minutes of the contacts whose minutes are known.
    pub fn minutes(&self) -> i64 {
        self.0[at::MINUTES]
    }
    /// Residents served whose every contact has its minutes: what the minutes per resident
    /// are taken over.
    pub fn timed_served(&self) -> i64 {
        self.0[at::TIMED_SERVED]
    }
    /// Mean minutes per resident served, over `timed_served` residents.
    pub fn minutes_per_resident(&self) -> Option<f64> {
        ratio(self.0[at::TIMED_MINUTES], self.timed_served())
    }
    /// Residents served with at least one contact of unknown length.
    pub fn untimed_served(&self) -> i64 {
        self.0[at::UNTIMED_SERVED]
    }

    /// Requests with a first contact, by waiting time: counts per `WAIT_BOUNDS` bucket.
    pub fn waits(&self) -> &[i64] {
        &self.0[at::WAITS..at::WAITS + WAIT_BUCKETS]
    }

    /// Waiting time to first contact (seconds) at quantile `q` (0.5 the median), estimated from
    /// the buckets by linear interpolation; `None` when no request has had a first contact.
    pub fn wait_quantile(&self, q: f64) -> Option<f64> {
        quantile(&self.0[at::WAITS..at::WAITS + WAIT_BUCKETS], q)
    }

    /// One request's contacts: `timed` minutes of contacts with minutes, and whether some had
    /// none; for tests.
    #[cfg(test)]
    pub(crate) fn with_contacts(mut self, minutes: i64, untimed: bool) -> Self {
        self.0[at::SERVED] = 1;
        self.0[at::MINUTES] = minutes;
        self.0[at::TIMED_SERVED] = i64::from(!untimed);
        self.0[at::TIMED_MINUTES] = if untimed { 0 } else { minutes };
        self.0[at::UNTIMED_SERVED] = i64::from(untimed);
        self
    }

    /// The same request resolved, connected at home or not; for tests.
    #[cfg(test)]
    pub(crate) fn resolved_as(mut self, connected: bool) -> Self {
        self.0[at::RESOLVED] = 1;
        self.0[at::CONNECTED] = i64::from(connected);
        self
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
        assert_eq!(metrics()[at::UNTIMED_SERVED].0, "untimed_served");
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
