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

/// Why a navigator fits, for the explanation staff read.
#[derive(Clone, Debug, PartialEq)]
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

fn need_bit(n: Need) -> u8 {
    match n {
        Need::Internet => 1,
        Need::Device => 2,
        Need::TechSupport => 4,
    }
}

/// A candidate with what the filters read, precomputed.
#[derive(Clone, Debug)]
struct Entry {
    candidate: Candidate,
    skills: u8,
}

/// Navigators indexed for matching.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    entries: Vec<Entry>,
    /// Area → navigators who cover it by their areas.
    by_area: HashMap<i64, Vec<usize>>,
    /// Navigators who may cover a place by their travel radius.
    by_radius: Vec<usize>,
    /// Navigators with neither areas nor a radius: the whole city.
    citywide: Vec<usize>,
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
            if has_radius {
                pool.by_radius.push(i);
            }
            if candidate.areas.is_empty() && !has_radius {
                pool.citywide.push(i);
            }
            let skills = candidate.skills.iter().fold(0, |m, n| m | need_bit(*n));
            pool.entries.push(Entry { candidate, skills });
        }
        pool
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The navigators who could cover a request's place (not yet filtered otherwise).
    fn reachable(&self, request: &Request) -> Vec<usize> {
        if request.area_id.is_none() && request.location.is_none() {
            return (0..self.entries.len()).collect();
        }
        let mut out: Vec<usize> = Vec::new();
        if let Some(area) = request.area_id {
            if let Some(list) = self.by_area.get(&area) {
                out.extend(list);
            }
        }
        out.extend(&self.by_radius);
        out.extend(&self.citywide);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The `limit` best navigators for a request, best first.
    pub fn best(&self, request: &Request, limit: usize) -> Vec<Match> {
        let needs = request.needs.iter().fold(0, |m, n| m | need_bit(*n));
        let mut found: Vec<Match> = self
            .reachable(request)
            .into_iter()
            .filter_map(|i| self.score(&self.entries[i], request, needs))
            .collect();
        let by_score = |a: &Match, b: &Match| {
            b.score
                .total_cmp(&a.score)
                .then(a.navigator_id.cmp(&b.navigator_id))
        };
        if found.len() > limit && limit > 0 {
            found.select_nth_unstable_by(limit - 1, by_score);
            found.truncate(limit);
        }
        found.sort_by(by_score);
        found.truncate(limit);
        found
    }

    /// Whether an entry passes every hard filter, and if so its match.
    fn score(&self, e: &Entry, request: &Request, needs: u8) -> Option<Match> {
        let c = &e.candidate;
        if needs & !e.skills != 0 || c.open_cases >= c.capacity {
            return None;
        }
        let speaks = c.languages.contains(&request.language);
        if !speaks && !request.interpreter {
            return None;
        }
        let covers_area = request.area_id.is_some_and(|a| c.areas.contains(&a));
        let distance = match (request.location, c.home) {
            (Some(at), Some(home)) => Some(distance_km(at, home)),
            _ => None,
        };
        let within_radius = match (distance, c.travel_radius_km) {
            (Some(d), Some(r)) => d <= r,
            _ => false,
        };
        let citywide = c.areas.is_empty() && c.travel_radius_km.is_none();
        let placeless = request.area_id.is_none() && request.location.is_none();
        if !(covers_area || within_radius || citywide || placeless) {
            return None;
        }
        let helped_before = request.past_navigators.contains(&c.navigator_id);
        let room = 1.0 - c.open_cases as f64 / c.capacity.max(1) as f64;
        let nearness = distance.map_or(0.5, |d| (-d / 5.0).exp());
        let score = room + nearness + if helped_before { 1.0 } else { 0.0 };
        let mut reasons = Vec::with_capacity(4);
        if speaks {
            reasons.push(Reason::Speaks(request.language.clone()));
        } else {
            reasons.push(Reason::WithInterpreter);
        }
        if covers_area {
            reasons.push(Reason::CoversArea);
        }
        if let Some(km) = distance {
            reasons.push(Reason::Distance { km });
        }
        reasons.push(Reason::Load {
            open: c.open_cases,
            capacity: c.capacity,
        });
        if helped_before {
            reasons.push(Reason::HelpedBefore);
        }
        Some(Match {
            navigator_id: c.navigator_id,
            score,
            reasons,
        })
    }

    /// Gives each request its best navigator in turn, counting each assignment against that
    /// navigator's capacity, as a re-match of every open case does. `None` where no one fits.
    pub fn assign_all(&mut self, requests: &[Request]) -> Vec<Option<i64>> {
        let index: HashMap<i64, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.candidate.navigator_id, i))
            .collect();
        requests
            .iter()
            .map(|r| {
                let best = self.best(r, 1).into_iter().next()?;
                if let Some(&i) = index.get(&best.navigator_id) {
                    self.entries[i].candidate.open_cases += 1;
                }
                Some(best.navigator_id)
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
