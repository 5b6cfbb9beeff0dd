//! Matching a request to navigators, with no I/O: hard filters, a score, and the reasons
//! staff see ("speaks Amharic, 2.1 km away, 4 of 12 cases").
//!
//! Hard filters: the navigator is active; has the skill for every need; speaks the resident's
//! language, or the resident asked for an interpreter; has capacity left; and covers the
//! resident's area or lives within their travel radius of the resident (a navigator with
//! neither areas nor a radius covers the whole city, and a request with no known place passes
//! this filter). Score (higher is better): room left in the caseload, nearness, and
//! continuity with the household's past navigator.
//!
//! `Pool` indexes navigators by area, so matching one request reads only the navigators who
//! could cover it; that is what keeps re-matching every open case fast.

use std::collections::HashMap;

use crate::domain::Need;

/// A navigator as matching sees them.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub navigator_id: i64,
    pub name: String,
    /// Language codes (`en`, `es`, ...).
    pub languages: Vec<String>,
    pub skills: Vec<Need>,
    /// Home base (lat, lon).
    pub home: Option<(f64, f64)>,
    pub travel_radius_km: Option<f64>,
    pub areas: Vec<i64>,
    pub capacity: i64,
    pub open_cases: i64,
    pub active: bool,
}

/// A request as matching sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub language: String,
    /// The resident asked for an interpreter, so any language will do.
    pub interpreter: bool,
    pub needs: Vec<Need>,
    pub area_id: Option<i64>,
    /// Where the resident is (lat, lon), when known.
    pub location: Option<(f64, f64)>,
    /// Navigators who helped this household before.
    pub past_navigators: Vec<i64>,
}

/// Why a navigator fits, for the explanation staff read. Serialized into the timeline event of
/// an automatic assignment, so it can be worded later in the reader's language.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Reason {
    Speaks(String),
    WithInterpreter,
    CoversArea,
    Distance { km: f64 },
    Load { open: i64, capacity: i64 },
    HelpedBefore,
}

/// One navigator who fits, best first in a list.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub navigator_id: i64,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// Great-circle distance in km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Distance in km on a flat map around the two points: good to metres within a city.
fn city_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let mid_lat = ((a.0 + b.0) / 2.0).to_radians();
    let dy = (a.0 - b.0) * 111.195;
    let dx = (a.1 - b.1) * 111.195 * mid_lat.cos();
    (dx * dx + dy * dy).sqrt()
}

fn need_bit(n: Need) -> u8 {
    match n {
        Need::Internet => 1,
        Need::Device => 2,
        Need::TechSupport => 4,
    }
}

/// What the filters and the score read of a candidate, kept small and together so a scan
/// over thousands stays in the processor's cache.
#[derive(Clone, Copy, Debug)]
struct Entry {
    navigator_id: i64,
    /// One bit for each language the navigator speaks (bits given out by the pool).
    languages: u64,
    home: Option<(f64, f64)>,
    travel_radius_km: Option<f64>,
    capacity: i64,
    open_cases: i64,
    skills: u8,
    citywide: bool,
}

/// What scoring found about one navigator for one request.
#[derive(Clone, Copy, Debug)]
struct Fit {
    index: usize,
    score: f64,
    covers_area: bool,
    distance: Option<f64>,
    helped_before: bool,
}

/// Navigators indexed for matching.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    entries: Vec<Entry>,
    /// The candidates themselves, in the same order, for what is shown.
    candidates: Vec<Candidate>,
    /// Language code → its bit in `Entry::languages` (up to 64 languages).
    language_bits: HashMap<String, u64>,
    /// Area → navigators who cover it by their areas.
    by_area: HashMap<i64, Vec<usize>>,
    /// Navigators who may cover a place by their travel radius, or the whole city.
    elsewhere: Vec<usize>,
}

impl Pool {
    /// Indexes the active navigators; inactive ones never match.
    pub fn new(candidates: Vec<Candidate>) -> Self {
        let mut pool = Pool::default();
        for candidate in candidates.into_iter().filter(|c| c.active) {
            let i = pool.entries.len();
            for area in &candidate.areas {
                pool.by_area.entry(*area).or_default().push(i);
            }
            let has_radius = candidate.home.is_some() && candidate.travel_radius_km.is_some();
            let citywide = candidate.areas.is_empty() && candidate.travel_radius_km.is_none();
            if has_radius || citywide {
                pool.elsewhere.push(i);
            }
            let skills = candidate.skills.iter().fold(0, |m, n| m | need_bit(*n));
            let mut languages = 0;
            for code in &candidate.languages {
                let next = 1u64 << pool.language_bits.len().min(63);
                languages |= *pool.language_bits.entry(code.clone()).or_insert(next);
            }
            pool.entries.push(Entry {
                navigator_id: candidate.navigator_id,
                languages,
                home: candidate.home,
                travel_radius_km: candidate.travel_radius_km,
                capacity: candidate.capacity,
                open_cases: candidate.open_cases,
                skills,
                citywide,
            });
            pool.candidates.push(candidate);
        }
        pool
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every navigator who passes the hard filters for a request, with their score.
    fn fits(&self, request: &Request) -> Vec<Fit> {
        let needs = request.needs.iter().fold(0, |m, n| m | need_bit(*n));
        let language = self
            .language_bits
            .get(&request.language)
            .copied()
            .unwrap_or(0);
        let mut out = Vec::new();
        let mut consider = |i: usize, covers_area: bool| {
            if let Some(fit) = self.fit(i, request, needs, language, covers_area) {
                out.push(fit);
            }
        };
        if request.area_id.is_none() && request.location.is_none() {
            for i in 0..self.entries.len() {
                consider(i, false);
            }
            return out;
        }
        let by_area: &[usize] = request
            .area_id
            .and_then(|a| self.by_area.get(&a))
            .map_or(&[], Vec::as_slice);
        // Those who cover the area by name are seen once, with the area.
        let mut seen = vec![0u64; self.entries.len().div_ceil(64)];
        for &i in by_area {
            seen[i / 64] |= 1 << (i % 64);
            consider(i, true);
        }
        for &i in &self.elsewhere {
            if seen[i / 64] & (1 << (i % 64)) == 0 {
                consider(i, false);
            }
        }
        out
    }

    /// The hard filters and the score of one navigator, without allocating.
    fn fit(
        &self,
        i: usize,
        request: &Request,
        needs: u8,
        language: u64,
        covers_area: bool,
    ) -> Option<Fit> {
        let c = &self.entries[i];
        if needs & !c.skills != 0 || c.open_cases >= c.capacity {
            return None;
        }
        if c.languages & language == 0 && !request.interpreter {
            return None;
        }
        // Across a city the flat-earth distance (longitude scaled by the latitude's cosine)
        // is within a few metres of the great circle, at a fraction of the cost.
        let distance = match (request.location, c.home) {
            (Some(at), Some(home)) => Some(city_km(at, home)),
            _ => None,
        };
        let within_radius = match (distance, c.travel_radius_km) {
            (Some(d), Some(r)) => d <= r,
            _ => false,
        };
        let placeless = request.area_id.is_none() && request.location.is_none();
        if !(covers_area || within_radius || c.citywide || placeless) {
            return None;
        }
        let helped_before = request.past_navigators.contains(&c.navigator_id);
        let room = 1.0 - c.open_cases as f64 / c.capacity.max(1) as f64;
        let nearness = distance.map_or(0.5, |d| (-d / 5.0).exp());
        Some(Fit {
            index: i,
            score: room + nearness + if helped_before { 1.0 } else { 0.0 },
            covers_area,
            distance,
            helped_before,
        })
    }

    fn better(&self, a: &Fit, b: &Fit) -> std::cmp::Ordering {
        b.score.total_cmp(&a.score).then(
            self.entries[a.index]
                .navigator_id
                .cmp(&self.entries[b.index].navigator_id),
        )
    }

    /// The match, with its reasons, of a navigator who fits.
    fn explain(&self, fit: &Fit, request: &Request, language: u64) -> Match {
        let c = &self.entries[fit.index];
        let mut reasons = Vec::with_capacity(5);
        if self.entries[fit.index].languages & language != 0 {
            reasons.push(Reason::Speaks(request.language.clone()));
        } else {
            reasons.push(Reason::WithInterpreter);
        }
        if fit.covers_area {
            reasons.push(Reason::CoversArea);
        }
        if let Some(km) = fit.distance {
            reasons.push(Reason::Distance { km });
        }
        reasons.push(Reason::Load {
            open: c.open_cases,
            capacity: c.capacity,
        });
        if fit.helped_before {
            reasons.push(Reason::HelpedBefore);
        }
        Match {
            navigator_id: c.navigator_id,
            score: fit.score,
            reasons,
        }
    }

    /// The `limit` best navigators for a request, best first.
    pub fn best(&self, request: &Request, limit: usize) -> Vec<Match> {
        let mut found = self.fits(request);
        if limit == 0 {
            return Vec::new();
        }
        if found.len() > limit {
            found.select_nth_unstable_by(limit - 1, |a, b| self.better(a, b));
            found.truncate(limit);
        }
        found.sort_by(|a, b| self.better(a, b));
        let language = self
            .language_bits
            .get(&request.language)
            .copied()
            .unwrap_or(0);
        found
            .iter()
            .map(|fit| self.explain(fit, request, language))
            .collect()
    }

    /// Gives each request its best navigator in turn, counting each assignment against that
    /// navigator's capacity, as a re-match of every open case does. `None` where no one fits.
    pub fn assign_all(&mut self, requests: &[Request]) -> Vec<Option<i64>> {
        requests
            .iter()
            .map(|r| {
                let best = self.fits(r).into_iter().min_by(|a, b| self.better(a, b))?;
                let c = &mut self.entries[best.index];
                c.open_cases += 1;
                self.candidates[best.index].open_cases = c.open_cases;
                Some(c.navigator_id)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn navigator(id: i64) -> Candidate {
        Candidate {
            navigator_id: id,
            name: format!("Navigator {id}"),
            languages: vec!["en".into()],
            skills: Need::ALL.to_vec(),
            home: None,
            travel_radius_km: None,
            areas: vec![1],
            capacity: 10,
            open_cases: 0,
            active: true,
        }
    }

    fn request() -> Request {
        Request {
            language: "en".into(),
            needs: vec![Need::Internet],
            area_id: Some(1),
            ..Request::default()
        }
    }

    const FIVE_POINTS: (f64, f64) = (39.7555, -104.9776);
    const MONTBELLO: (f64, f64) = (39.7836, -104.8216);

    #[test]
    fn distance_between_two_denver_neighborhoods() {
        let d = distance_km(FIVE_POINTS, MONTBELLO);
        assert!((d - 13.7).abs() < 0.3, "{d}");
        assert_eq!(distance_km(FIVE_POINTS, FIVE_POINTS), 0.0);
        // The quick flat-map distance agrees with the great circle across the city.
        let flat = city_km(FIVE_POINTS, MONTBELLO);
        assert!((flat - d).abs() < 0.01, "{flat} vs {d}");
    }

    #[test]
    fn hard_filters() {
        // (what changes, whether navigator 1 still matches)
        type Change = fn(&mut Candidate, &mut Request);
        let table: &[(&str, Change, bool)] = &[
            ("as is", |_, _| {}, true),
            ("inactive", |c, _| c.active = false, false),
            (
                "missing a skill",
                |c, _| c.skills = vec![Need::Device],
                false,
            ),
            (
                "has every skill asked",
                |c, r| {
                    c.skills = vec![Need::Internet, Need::Device];
                    r.needs = vec![Need::Internet, Need::Device];
                },
                true,
            ),
            ("another language", |_, r| r.language = "am".into(), false),
            (
                "another language, interpreter asked",
                |_, r| {
                    r.language = "am".into();
                    r.interpreter = true;
                },
                true,
            ),
            ("full", |c, _| c.open_cases = 10, false),
            ("one place left", |c, _| c.open_cases = 9, true),
            ("another area", |_, r| r.area_id = Some(2), false),
            (
                "another area, within the radius",
                |c, r| {
                    r.area_id = Some(2);
                    r.location = Some(MONTBELLO);
                    c.home = Some(FIVE_POINTS);
                    c.travel_radius_km = Some(15.0);
                },
                true,
            ),
            (
                "another area, beyond the radius",
                |c, r| {
                    r.area_id = Some(2);
                    r.location = Some(MONTBELLO);
                    c.home = Some(FIVE_POINTS);
                    c.travel_radius_km = Some(10.0);
                },
                false,
            ),
            (
                "no areas and no radius: the whole city",
                |c, r| {
                    c.areas.clear();
                    r.area_id = Some(7);
                },
                true,
            ),
            ("a request with no place", |_, r| r.area_id = None, true),
        ];
        for (what, change, want) in table {
            let mut c = navigator(1);
            let mut r = request();
            change(&mut c, &mut r);
            let found = Pool::new(vec![c]).best(&r, 5);
            assert_eq!(!found.is_empty(), *want, "{what}");
        }
    }

    #[test]
    fn the_score_prefers_room_nearness_and_continuity() {
        let mut busy = navigator(1);
        busy.open_cases = 8;
        let free = navigator(2);
        let found = Pool::new(vec![busy.clone(), free.clone()]).best(&request(), 2);
        assert_eq!(found[0].navigator_id, 2, "more room first");

        let mut near = navigator(3);
        near.home = Some(FIVE_POINTS);
        let mut far = navigator(4);
        far.home = Some(MONTBELLO);
        let r = Request {
            location: Some(FIVE_POINTS),
            ..request()
        };
        let found = Pool::new(vec![far, near]).best(&r, 2);
        assert_eq!(found[0].navigator_id, 3, "nearer first");

        let r = Request {
            past_navigators: vec![1],
            ..request()
        };
        let found = Pool::new(vec![busy, free]).best(&r, 2);
        assert_eq!(
            found[0].navigator_id, 1,
            "the household's navigator first, though busier"
        );
        assert!(found[0].reasons.contains(&Reason::HelpedBefore));
    }

    #[test]
    fn reasons_explain_the_match() {
        let mut c = navigator(1);
        c.languages = vec!["en".into(), "am".into()];
        c.home = Some(FIVE_POINTS);
        c.open_cases = 4;
        c.capacity = 12;
        let r = Request {
            language: "am".into(),
            location: Some((39.7700, -104.9776)),
            ..request()
        };
        let found = Pool::new(vec![c]).best(&r, 1);
        let reasons = &found[0].reasons;
        assert_eq!(reasons[0], Reason::Speaks("am".into()));
        assert_eq!(reasons[1], Reason::CoversArea);
        match reasons[2] {
            Reason::Distance { km } => assert!((km - 1.6).abs() < 0.1, "{km}"),
            ref other => panic!("{other:?}"),
        }
        assert_eq!(
            reasons[3],
            Reason::Load {
                open: 4,
                capacity: 12
            }
        );
    }

    #[test]
    fn assigning_in_turn_respects_capacity() {
        let mut a = navigator(1);
        a.capacity = 1;
        let mut b = navigator(2);
        b.capacity = 1;
        let mut pool = Pool::new(vec![a, b]);
        let assigned = pool.assign_all(&[request(), request(), request()]);
        let mut got: Vec<_> = assigned[..2].iter().map(|x| x.unwrap()).collect();
        got.sort();
        assert_eq!(got, [1, 2]);
        assert_eq!(assigned[2], None, "no one has room for the third");
    }

    #[test]
    fn only_the_best_few_come_back_in_order() {
        let candidates: Vec<_> = (1..=50)
            .map(|id| {
                let mut c = navigator(id);
                c.open_cases = id % 10;
                c
            })
            .collect();
        let found = Pool::new(candidates).best(&request(), 5);
        assert_eq!(found.len(), 5);
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(found.iter().all(|m| m.navigator_id % 10 == 0), "{found:?}");
    }
}
