//! The random population: each area's mix of residents and demand, and each case's course
//! (status, navigator, waits, outcome), all drawn from the one generator so a seed makes the
//! same city every time.

use rand::rngs::StdRng;
use rand::Rng;

use super::write::{text, V};
use super::DAY;
use crate::domain::{DeviceType, RaceEthnicity};

pub(super) const LANGS: &[&str] = &["en", "es", "ar", "am", "ln", "vi"];
/// Median days to first contact by language, in `LANGS` order: few navigators speak Amharic or
/// Lingala, so those residents wait longest.
const LANG_WAIT_DAYS: [f64; 6] = [1.0, 1.4, 2.6, 3.6, 4.2, 1.9];
const NEEDS: &[&str] = &[
    "internet",
    "device",
    "tech_support",
    "internet,device",
    "device,tech_support",
];
pub(super) const FIRST: &[&str] = &[
    "Ana", "Tomás", "Rosa", "Mehret", "Linh", "Omar", "Grace", "Jean", "Fatima", "Luis",
];
pub(super) const LAST: &[&str] = &[
    "Díaz", "Vega", "Bekele", "Nguyen", "Haddad", "Mbala", "Johnson", "Lopez", "Tran", "Kim",
];
/// Internet plans a navigator signs residents up for, with their monthly cost in cents.
const PLANS: &[(&str, i64)] = &[
    ("Internet Essentials", 995),
    ("Spectrum Internet Assist", 1_799),
    ("Access from AT&T", 3_000),
    ("Lifeline wireless", 0),
    ("Low-income fiber", 1_500),
];

/// Race/ethnicity in `RaceEthnicity::ALL` order, without prefer_not_to_say: the mix among
/// English speakers in an average area.
const BASE_MIX: [f64; 8] = [1.5, 3.5, 9.0, 25.0, 1.0, 0.3, 55.0, 4.0];
const HISPANIC: usize = 3;
const BLACK: usize = 2;
/// Denver statistical neighborhoods with a large Hispanic or Black population, so the imported
/// boundaries get a recognizable map. Other area sets just get the random differences.
const MOSTLY_HISPANIC: &[&str] = &[
    "Westwood",
    "Valverde",
    "Villa Park",
    "Barnum",
    "Barnum West",
    "Sun Valley",
    "Globeville",
    "Elyria Swansea",
    "Athmar Park",
    "Ruby Hill",
    "College View - South Platte",
    "Mar Lee",
    "Harvey Park",
    "Montbello",
    "Sunnyside",
    "Lincoln Park",
    "Chaffee Park",
    "Regis",
    "Overland",
    "Godsman",
    "West Colfax",
    "Kennedy",
];
const LARGELY_BLACK: &[&str] = &[
    "Montbello",
    "Gateway - Green Valley Ranch",
    "Northeast Park Hill",
    "North Park Hill",
    "Skyland",
    "Whittier",
    "Clayton",
    "Cole",
    "East Colfax",
    "Hampden",
];

/// What sets one area apart, drawn once per area.
pub(super) struct AreaProfile {
    pub(super) id: i64,
    /// Relative number of requests.
    pub(super) demand: f64,
    /// Multiplies every wait there: some areas have too few navigators.
    wait_factor: f64,
    /// Race/ethnicity weights among English speakers (`BASE_MIX` order).
    pub(super) mix: [f64; 8],
    /// Weights of `LANGS`.
    langs: [f64; 6],
}

pub(super) fn area_profile(rng: &mut StdRng, id: i64, name: &str) -> AreaProfile {
    let mut spread = |lo: f64, hi: f64| rng.random_range(lo..hi).exp();
    let mut mix = BASE_MIX;
    mix[HISPANIC] *= spread(-1.0, 1.0);
    mix[BLACK] *= spread(-1.2, 1.0);
    mix[1] *= spread(-0.8, 1.0);
    if MOSTLY_HISPANIC.contains(&name) {
        mix[HISPANIC] *= 4.0;
    }
    if LARGELY_BLACK.contains(&name) {
        mix[BLACK] *= 4.0;
    }
    let total: f64 = mix.iter().sum();
    let hispanic_share = mix[HISPANIC] / total;
    let black_share = mix[BLACK] / total;
    // Immigrant communities cluster, and Spanish is spoken where Hispanic residents live.
    let es = 0.06 + 0.6 * hispanic_share;
    let ar = 0.02 * spread(-1.0, 1.5);
    let am = (0.015 + 0.1 * black_share) * spread(-1.0, 1.5);
    let ln = (0.01 + 0.05 * black_share) * spread(-1.0, 1.5);
    let vi = 0.03 * spread(-1.0, 1.5);
    let en = (1.0 - es - ar - am - ln - vi).max(0.2);
    AreaProfile {
        id,
        demand: spread(-0.9, 0.9),
        wait_factor: spread(-0.4, 0.7),
        mix,
        langs: [en, es, ar, am, ln, vi],
    }
}

/// An index drawn with the given weights.
fn pick(rng: &mut impl Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random_range(0.0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// Roughly standard normal (sum of four uniforms): enough for a spread of waiting times.
fn normal(rng: &mut impl Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| rng.random::<f64>()).sum();
    (sum - 2.0) * 3f64.sqrt()
}

/// A resident's race/ethnicity as stored: codes in `RaceEthnicity::ALL` order. About 15% leave
/// it empty, a few prefer not to say, a few choose two.
fn race_ethnicity(rng: &mut impl Rng, lang: &str, area_mix: &[f64; 8]) -> String {
    let roll: f64 = rng.random();
    if roll < 0.15 {
        return String::new();
    }
    if roll < 0.18 {
        return RaceEthnicity::PreferNotToSay.code().to_owned();
    }
    let by_language: [f64; 8] = match lang {
        "es" => [2.0, 0.0, 2.0, 90.0, 0.0, 0.0, 3.0, 3.0],
        "ar" => [0.0, 0.0, 10.0, 0.0, 80.0, 0.0, 5.0, 5.0],
        "am" | "ln" => [0.0, 0.0, 95.0, 0.0, 0.0, 0.0, 0.0, 5.0],
        "vi" => [0.0, 97.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0],
        _ => *area_mix,
    };
    let mut chosen = vec![RaceEthnicity::ALL[pick(rng, &by_language)]];
    if rng.random_bool(0.04) {
        let second = RaceEthnicity::ALL[pick(rng, area_mix)];
        if second != chosen[0] {
            chosen.push(second);
        }
    }
    chosen.sort();
    chosen
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// An age band code, or None for the few who skip it.
fn age_band(rng: &mut impl Rng) -> Option<&'static str> {
    const BANDS: [(&str, f64); 6] = [
        ("under_18", 2.0),
        ("18_24", 9.0),
        ("25_44", 31.0),
        ("45_59", 20.0),
        ("60_64", 8.0),
        ("65_plus", 25.0),
    ];
    if rng.random_bool(0.05) {
        return None;
    }
    let weights: Vec<f64> = BANDS.iter().map(|b| b.1).collect();
    Some(BANDS[pick(rng, &weights)].0)
}

/// An answer to an optional yes-or-no question (veteran, disability): `yes` for about `yes` of
/// those who answer; about one in six leaves it, and a few prefer not to say.
fn optional_answer(rng: &mut impl Rng, yes: f64) -> Option<String> {
    let roll: f64 = rng.random();
    let answer = if roll < 0.16 {
        return None;
    } else if roll < 0.20 {
        "prefer_not"
    } else if rng.random_bool(yes) {
        "yes"
    } else {
        "no"
    };
    Some(answer.to_owned())
}

/// Benefits in `Benefit::ALL` order: the more common ones for lower incomes, SSI and VA for
/// older residents, school lunch for larger households.
fn benefits(rng: &mut impl Rng, monthly_income: i64, household: i64, age: Option<&str>) -> String {
    let poor = monthly_income < 2_500;
    let older = age == Some("65_plus");
    let odds = [
        ("snap", if poor { 0.45 } else { 0.12 }),
        ("medicaid", if poor { 0.5 } else { 0.18 }),
        ("wic", if household >= 3 { 0.12 } else { 0.02 }),
        ("ssi", if older { 0.2 } else { 0.04 }),
        ("lifeline", 0.08),
        ("public_housing", if poor { 0.12 } else { 0.02 }),
        ("school_lunch", if household >= 3 { 0.35 } else { 0.0 }),
        ("pell", if age == Some("18_24") { 0.25 } else { 0.01 }),
        ("va", if older { 0.08 } else { 0.03 }),
    ];
    odds.iter()
        .filter(|(_, p)| rng.random_bool(*p))
        .map(|(code, _)| *code)
        .collect::<Vec<_>>()
        .join(",")
}

/// The row of the resident who made case `k` (see `write::RESIDENT_COLUMNS`).
pub(super) fn resident(rng: &mut StdRng, k: usize, p: &Plan, area: &AreaProfile) -> Vec<V> {
    let household = rng.random_range(1..7);
    let income = rng.random_range(0..6_000);
    let age = age_band(rng);
    let older = age == Some("65_plus");
    vec![
        V::T(Some(format!(
            "{} {}",
            FIRST[k % FIRST.len()],
            LAST[(k / 7) % LAST.len()]
        ))),
        V::T(Some(format!("+1720555{:04}", k % 10_000))),
        text(p.lang),
        text("sms"),
        V::I(Some(area.id)),
        V::I(Some(household)),
        V::I(Some(income)),
        V::T(Some(benefits(rng, income, household, age))),
        V::T(age.map(str::to_owned)),
        V::T(Some(race_ethnicity(rng, p.lang, &area.mix))),
        V::T(optional_answer(rng, if older { 0.18 } else { 0.05 })),
        V::T(optional_answer(rng, if older { 0.35 } else { 0.11 })),
        V::I(Some(p.created)),
    ]
}

/// One case as planned before it is written.
pub(super) struct Plan {
    pub(super) created: i64,
    pub(super) lang: &'static str,
    pub(super) area: usize,
    pub(super) status: &'static str,
    pub(super) close_reason: Option<&'static str>,
    pub(super) navigator: Option<i64>,
    pub(super) first_contact: Option<i64>,
    pub(super) resolved: Option<i64>,
    pub(super) closed: Option<i64>,
    pub(super) needs: &'static str,
}

pub(super) fn plan_case(
    rng: &mut StdRng,
    created: i64,
    now: i64,
    areas: &[AreaProfile],
    area_weights: &[f64],
    area_navigators: &[Vec<i64>],
) -> Plan {
    let area = pick(rng, area_weights);
    let profile = &areas[area];
    let lang_index = pick(rng, &profile.langs);
    let lang = LANGS[lang_index];
    // Older cases are closed but for a few that linger; the last month's are mostly open.
    let recent = now - created < 30 * DAY;
    let roll: f64 = rng.random();
    let mut status = if recent {
        match roll {
            r if r < 0.25 => "new",
            r if r < 0.45 => "assigned",
            r if r < 0.75 => "in_progress",
            r if r < 0.85 => "waiting_on_resident",
            r if r < 0.95 => "referred",
            _ => "resolved",
        }
    } else if roll < 0.97 {
        "closed"
    } else if roll < 0.99 {
        "resolved"
    } else {
        "in_progress"
    };
    let navigator = (status != "new").then(|| {
        let local = &area_navigators[area];
        local[rng.random_range(0..local.len())]
    });
    let median = LANG_WAIT_DAYS[lang_index] * profile.wait_factor * DAY as f64;
    let wait = ((median * (0.7 * normal(rng)).exp()) as i64).clamp(900, 40 * DAY);
    let mut first_contact = (navigator.is_some() && (status != "assigned" || rng.random_bool(0.3)))
        .then_some(created + wait);
    if first_contact.is_some_and(|at| at > now) {
        // Not reached yet: the case still waits with its navigator.
        first_contact = None;
        status = "assigned";
    }
    let finished = matches!(status, "resolved" | "closed");
    let resolved = finished.then(|| {
        let from = first_contact.unwrap_or(created + wait);
        (from + rng.random_range(DAY..30 * DAY)).min(now)
    });
    let closed = (status == "closed")
        .then(|| resolved.map(|at| (at + rng.random_range(DAY..10 * DAY)).min(now)))
        .flatten();
    let close_reason = closed.map(|_| match rng.random_range(0..100) {
        0..80 => "helped",
        80..88 => "unreachable",
        88..92 => "declined",
        92..97 => "referred_out",
        97..99 => "moved_away",
        _ => "other",
    });
    Plan {
        created,
        lang,
        area,
        status,
        close_reason,
        navigator,
        first_contact,
        resolved,
        closed,
        needs: NEEDS[rng.random_range(0..NEEDS.len())],
    }
}

/// The outcome row of a finished case, or None when there is nothing to record (the resident
/// could not be reached, declined or moved away).
pub(super) fn outcome(rng: &mut StdRng, case: i64, p: &Plan, now: i64) -> Option<Vec<V>> {
    let resolved = p.resolved?;
    if matches!(
        p.close_reason,
        Some("unreachable" | "declined" | "moved_away")
    ) {
        return None;
    }
    let wants_internet = p.needs.contains("internet");
    let wants_device = p.needs.contains("device");
    let wants_training = p.needs.contains("tech_support");
    let connected = rng.random_bool(if wants_internet { 0.75 } else { 0.9 });
    let plan = (wants_internet && connected).then(|| PLANS[rng.random_range(0..PLANS.len())]);
    let device = (wants_device && rng.random_bool(0.85))
        .then(|| DeviceType::ALL[rng.random_range(0..DeviceType::ALL.len())]);
    let training = if wants_training {
        rng.random_range(1..7)
    } else {
        rng.random_range(0..3)
    };
    let intake = rng.random_range(1..4);
    let close = (intake + rng.random_range(0..3)).min(5);
    // A follow-up is asked for only once its day has come, and not every resident answers.
    let follow_up = |rng: &mut StdRng, days: i64, answers: f64| {
        (resolved + days * DAY <= now && rng.random_bool(answers))
            .then(|| i64::from(rng.random_bool(if connected { 0.9 } else { 0.3 })))
    };
    let connected_30 = follow_up(rng, 30, 0.7);
    let connected_90 = follow_up(rng, 90, 0.55);
    let updated = if connected_90.is_some() {
        resolved + 90 * DAY
    } else if connected_30.is_some() {
        resolved + 30 * DAY
    } else {
        p.closed.unwrap_or(resolved)
    };
    Some(vec![
        V::I(Some(case)),
        V::I(Some(i64::from(connected))),
        text(plan.map_or("", |p| p.0)),
        V::I(plan.map(|p| p.1)),
        V::T(device.map(|d| d.code().to_owned())),
        V::I(Some(training)),
        V::I(Some(intake)),
        V::I(Some(close)),
        V::I(connected_30),
        V::I(connected_90),
        V::I(Some(updated.min(now))),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn race_ethnicity_is_stored_as_known_codes_in_order() {
        let mut rng = StdRng::seed_from_u64(7);
        let mut empty = 0;
        for i in 0..2_000 {
            let lang = LANGS[i % LANGS.len()];
            let stored = race_ethnicity(&mut rng, lang, &BASE_MIX);
            if stored.is_empty() {
                empty += 1;
                continue;
            }
            let parsed: Vec<RaceEthnicity> = stored
                .split(',')
                .map(|c| RaceEthnicity::parse(c).expect(c))
                .collect();
            assert!(parsed.windows(2).all(|w| w[0] < w[1]), "{stored}");
        }
        assert!((200..400).contains(&empty), "{empty} of 2000 empty");
    }

    #[test]
    fn spanish_speakers_are_mostly_hispanic() {
        let mut rng = StdRng::seed_from_u64(3);
        let hispanic = (0..1_000)
            .filter(|_| race_ethnicity(&mut rng, "es", &BASE_MIX).contains("hispanic"))
            .count();
        assert!(hispanic > 650, "{hispanic}");
    }
}
