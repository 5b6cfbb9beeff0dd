//! Program eligibility: whether a household qualifies for a resource program, and why, as
//! structured reasons that pages translate. Also the poverty guideline table the income limits
//! are measured against, checked when it is built. No I/O here.
//!
//! A program's financial rule is met by any qualifying benefit the household receives
//! (categorical eligibility) or by annual income (monthly × 12) at or under its percentage of
//! the poverty guideline for the household's size; a program with neither rule is open to all.
//! Age, area and status can rule a household out; a program with no places left is still shown
//! as one the household qualifies for, with a reason saying so.
//!
//! `assess` decides one program. A page that shows every program prepares them once as a
//! `ProgramSet` and decides them all for a household at once: the same decisions (a test holds
//! them to the rules as first written), fast enough for thousands of programs per request.

use std::collections::{BTreeMap, HashMap};

use crate::domain::{AgeBand, Benefit};
use crate::i18n::Lang;

/// What we know about a household, as the request form collected it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Household {
    pub size: Option<i64>,
    /// Whole dollars a month, before taxes.
    pub monthly_income: Option<i64>,
    pub benefits: Vec<Benefit>,
    pub age_band: Option<AgeBand>,
    pub area_id: Option<i64>,
    pub language: Option<Lang>,
}

/// A program's rules, as stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramRules {
    /// Eligible at or under this percentage of the poverty guideline.
    pub max_income_pct_fpg: Option<i64>,
    pub qualifying_benefits: Vec<Benefit>,
    pub min_age: Option<i64>,
    pub languages: Vec<Lang>,
    /// Empty: offered everywhere.
    pub area_ids: Vec<i64>,
    /// `None`: not limited.
    pub capacity_available: Option<i64>,
    pub active: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Eligible,
    /// Nothing rules the household out, but something we need to know is missing.
    MayQualify,
    NotEligible,
}

/// One reason behind a decision; views turn each into a sentence in the resident's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The household receives this qualifying benefit.
    Benefit(Benefit),
    /// Annual income is within the limit: this percentage of the guideline (rounded up).
    Income {
        pct_of_guideline: i64,
    },
    /// The program has no income or benefit rule.
    OpenToAll,
    /// Qualifies, but the program has no places left right now.
    NoCapacity,
    /// The program is offered in the household's language.
    InYourLanguage,
    /// The program is not offered in the household's language (does not rule anyone out).
    NotInYourLanguage,
    IncomeTooHigh {
        pct_of_guideline: i64,
        max_pct: i64,
    },
    /// Only households receiving a qualifying benefit can join, and none was given.
    NoQualifyingBenefit,
    TooYoung {
        min_age: i64,
    },
    OutsideArea,
    /// The program is not taking anyone (inactive).
    Closed,
    /// Income decides, and the income was not given.
    IncomeUnknown,
    /// Income decides, and the household size was not given.
    HouseholdSizeUnknown,
    /// Income decides, and no poverty guideline table is loaded.
    GuidelinesMissing,
    /// The program has a minimum age and the age band is unknown or spans it.
    AgeUnknown {
        min_age: i64,
    },
    /// The program serves some areas only and the household's area is unknown.
    AreaUnknown,
}

/// A verdict and the reasons for it: for `Eligible`, why the household qualifies; for
/// `MayQualify`, what is missing (and what already qualifies); for `NotEligible`, every rule
/// not met. Notes on places left and language come last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// True when the program has no places left right now.
    pub fn no_places_left(&self) -> bool {
        self.reasons.contains(&Reason::NoCapacity)
    }
}

/// The lowest and highest age in a band (`None`: no upper bound).
pub fn age_bounds(band: AgeBand) -> (i64, Option<i64>) {
    match band {
        AgeBand::Under18 => (0, Some(17)),
        AgeBand::A18To24 => (18, Some(24)),
        AgeBand::A25To44 => (25, Some(44)),
        AgeBand::A45To59 => (45, Some(59)),
        AgeBand::A60To64 => (60, Some(64)),
        AgeBand::A65Plus => (65, None),
        AgeBand::A45To64 => (45, Some(64)),
    }
}

/// Decides whether `household` qualifies for `program`; `guidelines` is the newest poverty
/// guideline table, if any is loaded. To decide many programs, prepare them once as a
/// [`ProgramSet`] (the same decisions, without the work repeated per program).
pub fn assess(
    household: &Household,
    program: &ProgramRules,
    guidelines: Option<&PovertyGuidelines>,
) -> Decision {
    let set = ProgramSet::new(std::slice::from_ref(program));
    let applicant = Applicant::new(household, guidelines);
    let entry = set.decide(&applicant, set.served(&applicant), 0);
    Decision {
        verdict: entry.verdict(),
        reasons: set.reasons(&applicant, entry).collect(),
    }
}

/// Programs' rules prepared once for deciding them for many households: each program flat and
/// small (sets as bits, limits as numbers), the areas as an index from area to the programs
/// offered there. Deciding thousands of programs then reads memory in order, allocates
/// nothing per program, and has no branch that depends on the program to mispredict.
#[derive(Clone, Debug, Default)]
pub struct ProgramSet {
    programs: Vec<Prepared>,
    /// Each program's qualifying benefits in its own order (which the reasons keep).
    benefits: Vec<Benefit>,
    /// For each area some program is limited to, one bit per program offered there.
    by_area: HashMap<i64, Vec<u64>>,
}

/// One program's rules, prepared.
#[derive(Clone, Copy, Debug)]
struct Prepared {
    /// Meaningful when `has_income_rule`.
    max_income_pct_fpg: i64,
    /// 0: no minimum.
    min_age: i64,
    language_bits: u64,
    /// The program's qualifying benefits: a range of `ProgramSet::benefits`.
    benefits: (u32, u32),
    benefit_bits: u16,
    has_income_rule: bool,
    has_areas: bool,
    no_places_left: bool,
    active: bool,
}

fn benefit_bit(benefit: Benefit) -> u16 {
    1 << (benefit as u16)
}

fn language_bit(lang: Lang) -> u64 {
    // Six languages today: far from 64.
    1u64.checked_shl(lang.index() as u32).unwrap_or(0)
}

/// The reasons a decision may carry, one bit each, numbered in the order [`Decision`] lists
/// them: a verdict's reasons are its bits from the lowest up.
mod bit {
    pub const CLOSED: u16 = 1 << 0;
    pub const NO_QUALIFYING_BENEFIT: u16 = 1 << 1;
    pub const INCOME_TOO_HIGH: u16 = 1 << 2;
    pub const TOO_YOUNG: u16 = 1 << 3;
    pub const OUTSIDE_AREA: u16 = 1 << 4;
    pub const INCOME_UNKNOWN: u16 = 1 << 5;
    pub const HOUSEHOLD_SIZE_UNKNOWN: u16 = 1 << 6;
    pub const GUIDELINES_MISSING: u16 = 1 << 7;
    pub const AGE_UNKNOWN: u16 = 1 << 8;
    pub const AREA_UNKNOWN: u16 = 1 << 9;
    pub const OPEN_TO_ALL: u16 = 1 << 10;
    /// Each qualifying benefit received, in the program's order.
    pub const BENEFITS: u16 = 1 << 11;
    pub const INCOME: u16 = 1 << 12;
    pub const NO_CAPACITY: u16 = 1 << 13;
    pub const IN_YOUR_LANGUAGE: u16 = 1 << 14;
    pub const NOT_IN_YOUR_LANGUAGE: u16 = 1 << 15;
}

/// `then` when `cond`, else nothing: a bit set without a branch.
fn when(cond: bool, then: u16) -> u16 {
    u16::from(cond) * then
}

impl ProgramSet {
    pub fn new(rules: &[ProgramRules]) -> Self {
        let words = rules.len().div_ceil(64);
        let mut set = ProgramSet {
            programs: Vec::with_capacity(rules.len()),
            ..ProgramSet::default()
        };
        for (i, r) in rules.iter().enumerate() {
            let start = set.benefits.len() as u32;
            set.benefits.extend_from_slice(&r.qualifying_benefits);
            for area in &r.area_ids {
                set.by_area.entry(*area).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
            }
            set.programs.push(Prepared {
                max_income_pct_fpg: r.max_income_pct_fpg.unwrap_or(0),
                min_age: r.min_age.filter(|a| *a > 0).unwrap_or(0),
                language_bits: r
                    .languages
                    .iter()
                    .fold(0, |bits, l| bits | language_bit(*l)),
                benefits: (start, set.benefits.len() as u32),
                benefit_bits: r
                    .qualifying_benefits
                    .iter()
                    .fold(0, |bits, b| bits | benefit_bit(*b)),
                has_income_rule: r.max_income_pct_fpg.is_some(),
                has_areas: !r.area_ids.is_empty(),
                no_places_left: r.capacity_available.is_some_and(|c| c <= 0),
                active: r.active,
            });
        }
        set
    }

    pub fn len(&self) -> usize {
        self.programs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.programs.is_empty()
    }

    /// Decides every program for `household` (as [`assess`] would, one by one), ordered
    /// eligible, may qualify, not eligible, keeping the programs' order within each verdict.
    pub fn assess_all(
        &self,
        household: &Household,
        guidelines: Option<&PovertyGuidelines>,
    ) -> Assessments<'_> {
        let applicant = Applicant::new(household, guidelines);
        let served = self.served(&applicant);
        let mut decided = Vec::with_capacity(self.programs.len());
        let mut counts = [0; 3];
        for i in 0..self.programs.len() {
            let entry = self.decide(&applicant, served, i);
            counts[usize::from(entry.verdict)] += 1;
            decided.push(entry);
        }
        // A stable partition by verdict: each entry straight to its place, no sort.
        let mut next = [0, counts[0], counts[0] + counts[1]];
        let mut entries = vec![Entry::default(); decided.len()];
        for entry in decided {
            let at = &mut next[usize::from(entry.verdict)];
            entries[*at] = entry;
            *at += 1;
        }
        Assessments {
            set: self,
            applicant,
            entries,
        }
    }

    /// Which programs are offered in the household's area (bits), if it has one.
    fn served(&self, applicant: &Applicant) -> &[u64] {
        applicant
            .area_id
            .and_then(|area| self.by_area.get(&area))
            .map_or(&[], Vec::as_slice)
    }

    /// Decides program `i`. Every rule is worked out, met or not, and the results combined
    /// as bits: which rules a program has varies from one to the next, and a branch on it
    /// would be mispredicted half the time.
    fn decide(&self, a: &Applicant, served: &[u64], i: usize) -> Entry {
        let p = &self.programs[i];

        // Money: no rule at all; a qualifying benefit received; or income, if known.
        let open = !p.has_income_rule & (p.benefit_bits == 0);
        let by_benefit = !open & (p.benefit_bits & a.benefit_bits != 0);
        let by_income = !open & !by_benefit & p.has_income_rule;
        let no_qualifying_benefit = !open & !by_benefit & !p.has_income_rule;
        let within = i128::from(p.max_income_pct_fpg) >= a.pct_needed;
        let income_met = by_income & a.income_known & within;
        let income_too_high = by_income & a.income_known & !within;
        let income_unknown = by_income & !a.income_known;

        let has_min_age = p.min_age > 0;
        let age_met = !has_min_age | (a.age_known & (a.age_low >= p.min_age));
        let too_young = has_min_age & a.age_known & (a.age_high < p.min_age);
        let age_unknown = !age_met & !too_young;

        let in_area = served
            .get(i / 64)
            .is_some_and(|word| (word >> (i % 64)) & 1 != 0);
        let outside_area = p.has_areas & a.area_id.is_some() & !in_area;
        let area_unknown = p.has_areas & a.area_id.is_none();

        let offered_in_language = p.language_bits & a.language_bit != 0;
        let failed = when(!p.active, bit::CLOSED)
            | when(no_qualifying_benefit, bit::NO_QUALIFYING_BENEFIT)
            | when(income_too_high, bit::INCOME_TOO_HIGH)
            | when(too_young, bit::TOO_YOUNG)
            | when(outside_area, bit::OUTSIDE_AREA);
        let unknown = when(income_unknown, a.income_unknown)
            | when(age_unknown, bit::AGE_UNKNOWN)
            | when(area_unknown, bit::AREA_UNKNOWN);
        let otherwise = unknown
            | when(open, bit::OPEN_TO_ALL)
            | when(by_benefit, bit::BENEFITS)
            | when(income_met, bit::INCOME)
            | when(p.no_places_left, bit::NO_CAPACITY)
            | when(
                a.language_known & offered_in_language,
                bit::IN_YOUR_LANGUAGE,
            )
            | when(
                a.language_known & !offered_in_language,
                bit::NOT_IN_YOUR_LANGUAGE,
            );
        // A rule not met decides alone, with no notes.
        let is_failed = failed != 0;
        let mask = u16::from(is_failed).wrapping_neg();
        Entry {
            program: i as u32,
            verdict: 2 * u8::from(is_failed) + u8::from(!is_failed & (unknown != 0)),
            reasons: (failed & mask) | (otherwise & !mask),
        }
    }

    /// The reasons of one decision, written out from its bits.
    fn reasons<'s>(&'s self, applicant: &'s Applicant, entry: Entry) -> Reasons<'s> {
        Reasons {
            bits: entry.reasons,
            set: self,
            program: entry.program as usize,
            benefits: [].iter(),
            applicant,
        }
    }
}

/// Decisions for many programs for one household: a verdict and the reasons as bits for each,
/// written out as [`Reason`]s when read.
#[derive(Clone, Debug)]
pub struct Assessments<'s> {
    set: &'s ProgramSet,
    applicant: Applicant,
    /// Eligible first, then may qualify, then not eligible; the programs' order within each.
    entries: Vec<Entry>,
}

/// One program's decision: the verdict (0 eligible, 1 may qualify, 2 not eligible, which is
/// also the order shown) and its reasons as bits.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    program: u32,
    verdict: u8,
    reasons: u16,
}

impl Entry {
    fn verdict(self) -> Verdict {
        match self.verdict {
            0 => Verdict::Eligible,
            1 => Verdict::MayQualify,
            _ => Verdict::NotEligible,
        }
    }
}

impl Assessments<'_> {
    /// (index of the program in the set, verdict, reasons), eligible first, then may qualify,
    /// then not eligible; the programs' order holds within each verdict.
    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = (usize, Verdict, impl Iterator<Item = Reason> + '_)> + '_
    {
        self.entries.iter().map(|e| {
            (
                e.program as usize,
                e.verdict(),
                self.set.reasons(&self.applicant, *e),
            )
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The reasons of one decision, lowest bit first.
struct Reasons<'s> {
    bits: u16,
    /// The program's rules are read only for the few reasons that need them: most decisions
    /// are written out from their bits alone.
    set: &'s ProgramSet,
    program: usize,
    /// The program's qualifying benefits still to walk, once `BENEFITS` is reached.
    benefits: std::slice::Iter<'s, Benefit>,
    applicant: &'s Applicant,
}

impl Iterator for Reasons<'_> {
    type Item = Reason;

    #[inline]
    fn next(&mut self) -> Option<Reason> {
        let a = self.applicant;
        loop {
            if let Some(b) = self
                .benefits
                .by_ref()
                .find(|b| benefit_bit(**b) & a.benefit_bits != 0)
            {
                return Some(Reason::Benefit(*b));
            }
            if self.bits == 0 {
                return None;
            }
            let lowest = self.bits.trailing_zeros() as usize;
            self.bits &= self.bits - 1;
            // Most reasons carry nothing: a table look-up, not a jump on which one it is.
            if let Some(reason) = PLAIN_REASONS[lowest] {
                return Some(reason);
            }
            let p = &self.set.programs[self.program];
            return Some(match 1 << lowest {
                bit::INCOME_TOO_HIGH => Reason::IncomeTooHigh {
                    pct_of_guideline: a.pct_of_guideline,
                    max_pct: p.max_income_pct_fpg,
                },
                bit::TOO_YOUNG => Reason::TooYoung { min_age: p.min_age },
                bit::AGE_UNKNOWN => Reason::AgeUnknown { min_age: p.min_age },
                bit::INCOME => Reason::Income {
                    pct_of_guideline: a.pct_of_guideline,
                },
                // BENEFITS: walk the program's qualifying benefits.
                _ => {
                    self.benefits =
                        self.set.benefits[p.benefits.0 as usize..p.benefits.1 as usize].iter();
                    continue;
                }
            });
        }
    }
}

/// The reason of each bit that needs no figures, by bit number.
const PLAIN_REASONS: [Option<Reason>; 16] = [
    Some(Reason::Closed),
    Some(Reason::NoQualifyingBenefit),
    None,
    None,
    Some(Reason::OutsideArea),
    Some(Reason::IncomeUnknown),
    Some(Reason::HouseholdSizeUnknown),
    Some(Reason::GuidelinesMissing),
    None,
    Some(Reason::AreaUnknown),
    Some(Reason::OpenToAll),
    None,
    None,
    Some(Reason::NoCapacity),
    Some(Reason::InYourLanguage),
    Some(Reason::NotInYourLanguage),
];

/// A household's facts prepared once for deciding many programs: its benefits and language as
/// bits, its age band's bounds, and its income against the guideline for its size.
#[derive(Clone, Copy, Debug)]
struct Applicant {
    benefit_bits: u16,
    language_bit: u64,
    language_known: bool,
    age_known: bool,
    age_low: i64,
    /// `i64::MAX` for a band without an upper bound.
    age_high: i64,
    area_id: Option<i64>,
    income_known: bool,
    /// The lowest whole percentage of the guideline the income is within: a program's limit
    /// at or above it is met (exactly the comparison in whole cents).
    pct_needed: i128,
    /// `pct_needed`, as reasons give it.
    pct_of_guideline: i64,
    /// The reason bit when income is not known: which fact is missing.
    income_unknown: u16,
}

impl Applicant {
    fn new(household: &Household, guidelines: Option<&PovertyGuidelines>) -> Self {
        let (low, high) = household.age_band.map_or((0, None), age_bounds);
        let income = (|| {
            let monthly = household.monthly_income.ok_or(bit::INCOME_UNKNOWN)?;
            let size = household.size.ok_or(bit::HOUSEHOLD_SIZE_UNKNOWN)?;
            let guideline = guidelines
                .ok_or(bit::GUIDELINES_MISSING)?
                .annual_cents(size);
            // Whole cents: no rounding before the comparison, so "at the limit" is exact.
            let annual_cents = i128::from(monthly.max(0)) * 12 * 100;
            let guideline = i128::from(guideline.max(1));
            Ok((annual_cents * 100 + guideline - 1) / guideline)
        })();
        let pct_needed = income.unwrap_or(0);
        Self {
            benefit_bits: household
                .benefits
                .iter()
                .fold(0, |bits, b| bits | benefit_bit(*b)),
            language_bit: household.language.map_or(0, language_bit),
            language_known: household.language.is_some(),
            age_known: household.age_band.is_some(),
            age_low: low,
            age_high: high.unwrap_or(i64::MAX),
            area_id: household.area_id,
            income_known: income.is_ok(),
            pct_needed,
            pct_of_guideline: i64::try_from(pct_needed).unwrap_or(i64::MAX),
            income_unknown: income.err().unwrap_or(0),
        }
    }
}

/// One year's poverty guidelines: an amount for each household size from 1 up, and the amount
/// added for each further person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PovertyGuidelines {
    pub year: i64,
    /// Annual cents for household sizes 1, 2, 3, ...
    by_size: Vec<i64>,
    each_additional_cents: i64,
}

/// Why a guideline table was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GuidelineError {
    #[error("the year {0} is not plausible (1960 to 2200)")]
    BadYear(i64),
    #[error("household size {0} appears more than once")]
    DuplicateSize(i64),
    #[error("household size {0} is missing (sizes must run from 1 without gaps)")]
    MissingSize(i64),
    #[error("household size {0} is not valid (1 or more, or 0 for each additional person)")]
    BadSize(i64),
    #[error("the amount for household size {0} must be more than zero")]
    BadAmount(i64),
    #[error("the amount for each additional person (household size 0) is missing")]
    MissingIncrement,
    #[error("the guideline for household size {0} is lower than for a smaller household")]
    NotIncreasing(i64),
}

/// The household size that stands for "each additional person" in tables and files.
pub const EACH_ADDITIONAL: i64 = 0;

impl PovertyGuidelines {
    /// Builds a table from (household size, annual cents) rows, where size 0 is the amount for
    /// each additional person. Sizes must run from 1 without gaps or repeats and grow.
    pub fn new(year: i64, rows: &[(i64, i64)]) -> Result<Self, GuidelineError> {
        if !(1960..=2200).contains(&year) {
            return Err(GuidelineError::BadYear(year));
        }
        let mut sizes = BTreeMap::new();
        for &(size, cents) in rows {
            if !(0..=1000).contains(&size) {
                return Err(GuidelineError::BadSize(size));
            }
            if cents <= 0 {
                return Err(GuidelineError::BadAmount(size));
            }
            if sizes.insert(size, cents).is_some() {
                return Err(GuidelineError::DuplicateSize(size));
            }
        }
        let each_additional_cents = sizes
            .remove(&EACH_ADDITIONAL)
            .ok_or(GuidelineError::MissingIncrement)?;
        let mut by_size = Vec::with_capacity(sizes.len());
        for (expected, (size, cents)) in (1..).zip(sizes) {
            if size != expected {
                return Err(GuidelineError::MissingSize(expected));
            }
            if by_size.last().is_some_and(|last| cents < *last) {
                return Err(GuidelineError::NotIncreasing(size));
            }
            by_size.push(cents);
        }
        if by_size.is_empty() {
            return Err(GuidelineError::MissingSize(1));
        }
        Ok(Self {
            year,
            by_size,
            each_additional_cents,
        })
    }

    /// The guideline for a household (sizes under 1 count as 1); beyond the table's largest
    /// size, the increment is added for each further person.
    pub fn annual_cents(&self, household_size: i64) -> i64 {
        let size = household_size.max(1);
        let listed = self.by_size.len() as i64;
        let last = self.by_size[self.by_size.len() - 1];
        match usize::try_from(size - 1) {
            Ok(i) if i < self.by_size.len() => self.by_size[i],
            _ => last.saturating_add((size - listed).saturating_mul(self.each_additional_cents)),
        }
    }

    /// The rows as stored: sizes from 1, then size 0 for each additional person.
    pub fn rows(&self) -> Vec<(i64, i64)> {
        (1..)
            .zip(self.by_size.iter().copied())
            .chain([(EACH_ADDITIONAL, self.each_additional_cents)])
            .collect()
    }
}

#[cfg(test)]
#[path = "eligibility_tests.rs"]
mod tests;
