//! The figures digital navigator programs report, for the requests made in a period, broken down
//! by area, language, race/ethnicity and the channel requests came by, with small groups
//! suppressed.

use std::collections::BTreeMap;

use super::stats::{self, Cell, Filter, Grain, Tally, DEVICES};
use crate::db::Db;
use crate::domain::{Channel, Need, RaceEthnicity};

/// A figure built from fewer residents than this is not shown: with small counts a reader could
/// tell who a row is about.
pub const MIN_RESIDENTS: i64 = 11;

/// A figure as a report may show it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown<T> {
    Value(T),
    /// Built from fewer than `MIN_RESIDENTS` residents.
    Suppressed,
    /// Nothing to build it from (no resident answered, none had a first contact).
    None,
}

impl<T> Shown<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Shown::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// `value` built from `base` residents, shown only when `base` is large enough.
pub fn suppress<T>(base: i64, value: Option<T>) -> Shown<T> {
    if base <= 0 {
        Shown::None
    } else if base < MIN_RESIDENTS {
        Shown::Suppressed
    } else {
        value.map_or(Shown::None, Shown::Value)
    }
}

/// One group's line: every figure with its own base.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The group's code (area id, language code, race code, channel code; empty for everyone).
    pub key: String,
    pub residents: Shown<i64>,
    pub median_wait_days: Shown<f64>,
    pub p90_wait_days: Shown<f64>,
    /// Of the requests that are resolved, the share connected at home.
    pub connected_share: Shown<f64>,
    pub devices: Shown<i64>,
    /// Mean change in self-rated skill (1–5) from intake to close.
    pub skill_gain: Shown<f64>,
    pub still_connected_30: Shown<f64>,
    pub still_connected_90: Shown<f64>,
    /// Residents with at least one contact logged.
    pub served: Shown<i64>,
    /// Minutes of contacts, of those whose minutes are known (shown only for enough residents
    /// served, as a small group's minutes tell about its few residents).
    pub minutes: Shown<i64>,
    /// Mean minutes per resident served, over the residents whose every contact has minutes.
    pub minutes_per_resident: Shown<f64>,
    /// Residents served with at least one contact of unknown length (logged before minutes).
    pub untimed_served: Shown<i64>,
    /// The figures behind the line, for sorting and for tests (never shown as they are).
    pub tally: Tally,
}

impl Line {
    pub fn new(key: impl Into<String>, t: &Tally) -> Self {
        let days = |q: f64| t.wait_quantile(q).map(|s| s / 86_400.0);
        let share = |(yes, asked): (i64, i64)| {
            suppress(asked, (asked > 0).then(|| yes as f64 / asked as f64))
        };
        Line {
            key: key.into(),
            residents: suppress(t.requests(), Some(t.requests())),
            median_wait_days: suppress(t.contacted(), days(0.5)),
            p90_wait_days: suppress(t.contacted(), days(0.9)),
            connected_share: share((t.connected(), t.resolved())),
            devices: suppress(t.requests(), Some(t.devices().iter().sum())),
            skill_gain: suppress(t.skill_pairs(), t.skill_gain()),
            still_connected_30: share(t.still_connected_30()),
            still_connected_90: share(t.still_connected_90()),
            served: suppress(t.served(), Some(t.served())),
            minutes: suppress(t.served(), Some(t.minutes())),
            minutes_per_resident: suppress(t.timed_served(), t.minutes_per_resident()),
            untimed_served: suppress(t.served(), Some(t.untimed_served()))
                .and_small(t.untimed_served()),
            tally: t.clone(),
        }
    }
}

/// Everything `/reports` shows for one period.
#[derive(Clone, Debug)]
pub struct Report {
    pub total: Tally,
    pub everyone: Line,
    /// Requests naming each need (a request may name several), in `Need::ALL` order.
    pub by_need: Vec<(Need, Shown<i64>)>,
    /// The figures of the requests naming each need, in `Need::ALL` order (keyed by code): a
    /// request naming several counts in each, so these do not add up to everyone.
    pub need_lines: Vec<Line>,
    /// Devices handed out by type, in `DEVICES` order.
    pub devices: Vec<(&'static str, Shown<i64>)>,
    pub by_area: Vec<Line>,
    pub by_language: Vec<Line>,
    /// Each answer counts every resident who chose it, alone or with others; `""` is the
    /// residents who did not answer.
    pub by_race: Vec<Line>,
    /// Web form, phone call, walk-in, text message: every channel, also one with no requests.
    pub by_channel: Vec<Line>,
}

/// Requests made in `[from, to)` and what became of them.
pub async fn build(db: &Db, from: i64, to: i64) -> sqlx::Result<Report> {
    Ok(build_with_races(db, from, to).await?.0)
}

/// `build`, and the tallies by race/ethnicity answer as stored (comma-separated codes, empty
/// when not answered) that its race lines were made from.
pub async fn build_with_races(
    db: &Db,
    from: i64,
    to: i64,
) -> sqlx::Result<(Report, Vec<(String, Tally)>)> {
    let filter = Filter {
        from,
        to,
        unmet_before: to,
        ..Filter::default()
    };
    // The needs apart from areas and languages: the stored area × language × needs are many
    // times the rows of both together.
    let (cells, races, channels) = tokio::try_join!(
        stats::cells_by(db, &filter, &[Grain::AreaLanguage, Grain::Needs], true),
        stats::races(db, from, to),
        stats::channels(db, from, to),
    )?;
    let [cells, by_needs] = <[_; 2]>::try_from(cells).unwrap_or_default();
    Ok((assemble(&cells, &by_needs, &races, &channels), races))
}

/// Every area's id and name, for the groups of the area breakdown.
pub async fn area_names(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM areas")
        .fetch_all(&db.pool)
        .await
}

/// Puts the report together from tallies by area and language (`cells`), by combination of
/// needs (`by_needs`: only each cell's needs are looked at), by race answer and by channel.
pub fn assemble(
    cells: &[(Cell, Tally)],
    by_needs: &[(Cell, Tally)],
    races: &[(String, Tally)],
    channels: &[(String, Tally)],
) -> Report {
    let mut total = Tally::default();
    let mut by_area: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_language: BTreeMap<String, Tally> = BTreeMap::new();
    let mut need_tallies = vec![Tally::default(); Need::ALL.len()];
    for (cell, t) in cells {
        total += t;
        let area = cell.area_id.map(|id| id.to_string()).unwrap_or_default();
        *by_area.entry(area).or_default() += t;
        *by_language.entry(cell.language.clone()).or_default() += t;
    }
    for (cell, t) in by_needs {
        for i in need_positions(&cell.needs) {
            need_tallies[i] += t;
        }
    }
    let mut by_race: BTreeMap<String, Tally> = BTreeMap::new();
    for (answer, t) in races {
        let codes: Vec<&str> = answer
            .split(',')
            .map(str::trim)
            .filter(|c| RaceEthnicity::ALL.iter().any(|r| r.code() == *c))
            .collect();
        if codes.is_empty() {
            *by_race.entry(String::new()).or_default() += t;
        }
        for code in codes {
            *by_race.entry(code.to_owned()).or_default() += t;
        }
    }
    let lines = |groups: BTreeMap<String, Tally>| -> Vec<Line> {
        groups
            .iter()
            .map(|(k, t)| Line::new(k.clone(), t))
            .collect()
    };
    // Every channel has a line, so a channel no one used reads as none rather than missing.
    let mut by_channel: BTreeMap<String, Tally> = Channel::ALL
        .iter()
        .map(|c| (c.code().to_owned(), Tally::default()))
        .collect();
    for (channel, t) in channels {
        *by_channel.entry(channel.clone()).or_default() += t;
    }
    let mut by_area = lines(by_area);
    let mut by_language = lines(by_language);
    let mut by_channel = lines(by_channel);
    for lines in [&mut by_area, &mut by_language, &mut by_channel] {
        protect_by_subtraction(lines, &total);
        protect_served_by_subtraction(lines, &total);
    }
    let base = total.requests();
    Report {
        everyone: Line::new("", &total),
        by_need: Need::ALL
            .iter()
            .zip(&need_tallies)
            .map(|(n, t)| {
                let count = t.requests();
                (*n, suppress(base, Some(count)).and_small(count))
            })
            .collect(),
        devices: DEVICES
            .iter()
            .zip(total.devices())
            .map(|(d, &count)| (*d, suppress(base, Some(count)).and_small(count)))
            .collect(),
        need_lines: Need::ALL
            .iter()
            .zip(&need_tallies)
            .map(|(n, t)| Line::new(n.code(), t))
            .collect(),
        by_area,
        by_language,
        by_race: lines(by_race),
        by_channel,
        total,
    }
}

/// The positions in `Need::ALL` of the needs a request names (codes separated by commas).
fn need_positions(combination: &str) -> impl Iterator<Item = usize> + '_ {
    combination
        .split(',')
        .filter_map(|code| Need::ALL.iter().position(|n| n.code() == code.trim()))
}

impl Shown<i64> {
    /// A count is itself a number of residents: a small one is suppressed too (but zero is
    /// shown: it tells no one anything).
    fn and_small(self, count: i64) -> Self {
        match self {
            Shown::Value(_) if count > 0 && count < MIN_RESIDENTS => Shown::Suppressed,
            other => other,
        }
    }
}

/// Groups that split everyone (areas, languages) add up to the total, so one suppressed count
/// could be worked out from the others. When exactly one is suppressed, the next smallest is
/// suppressed as well.
pub fn protect_by_subtraction(lines: &mut [Line], total: &Tally) {
    if total.requests() < MIN_RESIDENTS {
        return;
    }
    let suppressed = lines
        .iter()
        .filter(|l| l.residents == Shown::Suppressed)
        .count();
    if suppressed != 1 {
        return;
    }
    if let Some(next) = lines
        .iter_mut()
        .filter(|l| matches!(l.residents, Shown::Value(_)))
        .min_by_key(|l| l.tally.requests())
    {
        // Its counts could be worked back the same way; its medians and shares could not.
        next.residents = Shown::Suppressed;
        next.devices = Shown::Suppressed;
    }
}

/// The residents served split everyone served the same way as the residents do: one hidden
/// count would be given away by the others, so the next smallest is hidden with it (and its
/// minutes, which are a sum over the same residents).
pub fn protect_served_by_subtraction(lines: &mut [Line], total: &Tally) {
    if total.served() < MIN_RESIDENTS
        || lines
            .iter()
            .filter(|l| l.served == Shown::Suppressed)
            .count()
            != 1
    {
        return;
    }
    if let Some(next) = lines
        .iter_mut()
        .filter(|l| matches!(l.served, Shown::Value(_)))
        .min_by_key(|l| l.tally.served())
    {
        next.served = Shown::Suppressed;
        next.minutes = Shown::Suppressed;
        next.untimed_served = Shown::Suppressed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_eleven_residents_are_never_shown() {
        assert_eq!(suppress(0, Some(1.0)), Shown::None);
        assert_eq!(suppress(1, Some(1.0)), Shown::Suppressed);
        assert_eq!(suppress(10, Some(1.0)), Shown::Suppressed);
        assert_eq!(suppress(11, Some(1.0)), Shown::Value(1.0));
        assert_eq!(suppress::<f64>(50, None), Shown::None);
        assert_eq!(Shown::Value(3).and_small(3), Shown::Suppressed);
        assert_eq!(Shown::Value(0).and_small(0), Shown::Value(0));
        assert_eq!(Shown::Value(11).and_small(11), Shown::Value(11));
    }

    fn line(key: &str, n: i64) -> Line {
        let mut t = Tally::default();
        for _ in 0..n {
            t += &Tally::one(false, None);
        }
        Line::new(key, &t)
    }

    #[test]
    fn one_suppressed_group_takes_the_next_smallest_with_it() {
        let mut lines = vec![line("a", 40), line("b", 5), line("c", 12), line("d", 30)];
        let mut total = Tally::default();
        for l in &lines {
            total += &l.tally;
        }
        protect_by_subtraction(&mut lines, &total);
        let shown: Vec<bool> = lines
            .iter()
            .map(|l| matches!(l.residents, Shown::Value(_)))
            .collect();
        assert_eq!(shown, vec![true, false, false, true]);
        // Two suppressed already: nothing more to hide.
        let mut lines = vec![line("a", 40), line("b", 5), line("c", 3)];
        protect_by_subtraction(&mut lines, &total);
        assert!(matches!(lines[0].residents, Shown::Value(40)));
    }

    #[test]
    fn every_channel_has_a_line_and_a_small_one_hides_the_next() {
        let many = |n: i64| {
            let mut t = Tally::default();
            for _ in 0..n {
                t += &Tally::one(false, None);
            }
            t
        };
        let cell = Cell {
            area_id: None,
            language: "en".into(),
            needs: "internet".into(),
        };
        let channels = vec![
            ("phone".to_owned(), many(12)),
            ("sms".to_owned(), many(4)),
            ("web".to_owned(), many(30)),
        ];
        let r = assemble(&[(cell, many(46))], &[], &[], &channels);
        let shown: Vec<(&str, Shown<i64>)> = r
            .by_channel
            .iter()
            .map(|l| (l.key.as_str(), l.residents))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("phone", Shown::Suppressed),
                ("sms", Shown::Suppressed),
                ("walk_in", Shown::None),
                ("web", Shown::Value(30)),
            ]
        );
    }

    #[test]
    fn race_answers_count_each_group_chosen() {
        let t = |n: i64| {
            let mut t = Tally::default();
            for _ in 0..n {
                t += &Tally::one(false, None);
            }
            t
        };
        let races = vec![
            ("".to_owned(), t(12)),
            ("black".to_owned(), t(20)),
            ("black,hispanic".to_owned(), t(4)),
            ("hispanic".to_owned(), t(9)),
        ];
        let r = assemble(&[], &[], &races, &[]);
        let get = |k: &str| {
            r.by_race
                .iter()
                .find(|l| l.key == k)
                .unwrap()
                .tally
                .requests()
        };
        assert_eq!(get("black"), 24);
        assert_eq!(get("hispanic"), 13);
        assert_eq!(get(""), 12);
        let hispanic = r.by_race.iter().find(|l| l.key == "hispanic").unwrap();
        assert_eq!(hispanic.residents, Shown::Value(13));
    }

    #[test]
    fn minutes_by_need_language_and_area_as_worked_by_hand() {
        let many = |n: i64, each: Tally| {
            let mut t = Tally::default();
            for _ in 0..n {
                t += &each;
            }
            t
        };
        let cell = |area: i64, language: &str, needs: &str| Cell {
            area_id: Some(area),
            language: language.into(),
            needs: needs.into(),
        };
        // Area 1: twelve English speakers for internet, 30 minutes each; eleven Spanish
        // speakers for internet and a device, ten with 60 minutes and one with 20 minutes known
        // and a contact of unknown length. Area 2: three English speakers for a device, no
        // contact yet.
        let mut es = many(10, Tally::one(false, None).with_contacts(60, false));
        es += &Tally::one(false, None).with_contacts(20, true);
        let cells = vec![
            (
                cell(1, "en", "internet"),
                many(12, Tally::one(false, None).with_contacts(30, false)),
            ),
            (cell(1, "es", "device,internet"), es),
            (cell(2, "en", "device"), many(3, Tally::one(false, None))),
        ];
        let r = assemble(&cells, &cells, &[], &[]);
        let e = &r.everyone;
        assert_eq!(e.served, Shown::Value(23));
        assert_eq!(e.minutes, Shown::Value(12 * 30 + 10 * 60 + 20));
        // Unknown is not zero: the one resident with a contact of unknown length is left out.
        let per = e.minutes_per_resident.value().copied().unwrap();
        assert!((per - 960.0 / 22.0).abs() < 1e-9, "{per}");
        assert_eq!(
            e.untimed_served,
            Shown::Suppressed,
            "one resident is too few"
        );

        let need = |code: &str| r.need_lines.iter().find(|l| l.key == code).unwrap();
        assert_eq!(need("internet").served, Shown::Value(23));
        assert_eq!(need("internet").minutes, Shown::Value(980));
        assert_eq!(need("device").residents, Shown::Value(14));
        assert_eq!(need("device").served, Shown::Value(11));
        assert_eq!(need("device").minutes, Shown::Value(620));
        // Ten residents with every minute known: too few for a mean.
        assert_eq!(need("device").minutes_per_resident, Shown::Suppressed);
        assert_eq!(need("tech_support").served, Shown::None);

        let lang = |code: &str| r.by_language.iter().find(|l| l.key == code).unwrap();
        assert_eq!(lang("en").served, Shown::Value(12));
        assert_eq!(lang("en").minutes_per_resident, Shown::Value(30.0));
        assert_eq!(lang("es").served, Shown::Value(11));
        assert_eq!(lang("es").minutes, Shown::Value(620));

        let area = |id: &str| r.by_area.iter().find(|l| l.key == id).unwrap();
        assert_eq!(area("1").served, Shown::Value(23));
        assert_eq!(area("2").served, Shown::None);
        assert_eq!(area("2").minutes, Shown::None);
    }
}
