use super::*;
use crate::domain::Benefit as B;
use Reason::*;
use Verdict::*;

/// The 2025 HHS guidelines for the 48 contiguous states, as the migration seeds them.
fn guidelines_2025() -> PovertyGuidelines {
    let dollars = [
        15_650, 21_150, 26_650, 32_150, 37_650, 43_150, 48_650, 54_150,
    ];
    let mut rows: Vec<(i64, i64)> = (1..).zip(dollars.map(|d| d * 100)).collect();
    rows.push((0, 550_000));
    PovertyGuidelines::new(2025, &rows).unwrap()
}

fn household(size: i64, monthly: Option<i64>) -> Household {
    Household {
        size: Some(size),
        monthly_income: monthly,
        ..Household::default()
    }
}

fn income_program(max_pct: i64) -> ProgramRules {
    ProgramRules {
        max_income_pct_fpg: Some(max_pct),
        active: true,
        ..ProgramRules::default()
    }
}

#[test]
fn guideline_sizes_beyond_the_table_add_the_increment() {
    let g = guidelines_2025();
    assert_eq!(g.annual_cents(1), 1_565_000);
    assert_eq!(g.annual_cents(8), 5_415_000);
    assert_eq!(g.annual_cents(9), 5_965_000);
    // 15,650 + 11 × 5,500
    assert_eq!(g.annual_cents(12), 7_615_000);
    assert_eq!(g.annual_cents(0), 1_565_000);
    assert_eq!(g.rows().len(), 9);
    assert_eq!(PovertyGuidelines::new(2025, &g.rows()), Ok(g));
}

#[test]
fn guideline_tables_are_checked() {
    use GuidelineError::*;
    let cases: &[(&[(i64, i64)], GuidelineError)] = &[
        (&[(1, 100), (1, 200), (0, 50)], DuplicateSize(1)),
        (&[(1, 100), (3, 300), (0, 50)], MissingSize(2)),
        (&[(2, 100), (0, 50)], MissingSize(1)),
        (&[(0, 50)], MissingSize(1)),
        (&[(1, 100), (2, 200)], MissingIncrement),
        (&[(1, 100), (0, 0)], BadAmount(0)),
        (&[(-1, 100), (0, 50)], BadSize(-1)),
        (&[(1, 200), (2, 100), (0, 50)], NotIncreasing(2)),
        (&[(1, 100), (0, 50), (0, 60)], DuplicateSize(0)),
    ];
    for (rows, want) in cases {
        assert_eq!(
            PovertyGuidelines::new(2025, rows).as_ref(),
            Err(want),
            "{rows:?}"
        );
    }
    assert_eq!(
        PovertyGuidelines::new(25, &[(1, 1), (0, 1)]),
        Err(BadYear(25))
    );
}

#[test]
fn income_rules() {
    let g = guidelines_2025();
    // (household size, monthly income, max %, verdict, first reason)
    let cases: &[(i64, Option<i64>, i64, Verdict, Reason)] = &[
        // 2 people: 200% of 21,150 is 42,300 a year, 3,525 a month: at the limit.
        (
            2,
            Some(3525),
            200,
            Eligible,
            Income {
                pct_of_guideline: 200,
            },
        ),
        // One dollar a month over.
        (
            2,
            Some(3526),
            200,
            NotEligible,
            IncomeTooHigh {
                pct_of_guideline: 201,
                max_pct: 200,
            },
        ),
        // 1 person: 240% of 15,650 is 37,560 a year, 3,130 a month.
        (
            1,
            Some(3130),
            240,
            Eligible,
            Income {
                pct_of_guideline: 240,
            },
        ),
        (
            1,
            Some(3131),
            240,
            NotEligible,
            IncomeTooHigh {
                pct_of_guideline: 241,
                max_pct: 240,
            },
        ),
        // 12 people: 120% of 76,150 is 91,380 a year, 7,615 a month.
        (
            12,
            Some(7615),
            120,
            Eligible,
            Income {
                pct_of_guideline: 120,
            },
        ),
        (
            12,
            Some(7616),
            120,
            NotEligible,
            IncomeTooHigh {
                pct_of_guideline: 121,
                max_pct: 120,
            },
        ),
        (
            3,
            Some(0),
            100,
            Eligible,
            Income {
                pct_of_guideline: 0,
            },
        ),
        (3, None, 200, MayQualify, IncomeUnknown),
    ];
    for &(size, monthly, max_pct, verdict, reason) in cases {
        let d = assess(
            &household(size, monthly),
            &income_program(max_pct),
            Some(&g),
        );
        assert_eq!(d.verdict, verdict, "{size} {monthly:?} {max_pct}: {d:?}");
        assert_eq!(d.reasons[0], reason, "{size} {monthly:?} {max_pct}");
    }
}

#[test]
fn benefits_income_and_missing_facts() {
    let g = guidelines_2025();
    let snap_or_income = ProgramRules {
        max_income_pct_fpg: Some(200),
        qualifying_benefits: vec![B::Snap, B::Medicaid],
        active: true,
        ..ProgramRules::default()
    };
    let benefits_only = ProgramRules {
        max_income_pct_fpg: None,
        ..snap_or_income.clone()
    };
    let with_snap = |size: Option<i64>, monthly: Option<i64>| Household {
        size,
        monthly_income: monthly,
        benefits: vec![B::Wic, B::Snap],
        ..Household::default()
    };
    let none = |size: Option<i64>, monthly: Option<i64>| Household {
        size,
        monthly_income: monthly,
        ..Household::default()
    };
    let open = ProgramRules {
        active: true,
        ..ProgramRules::default()
    };
    let closed = ProgramRules::default();
    let cases: Vec<(
        &str,
        Household,
        &ProgramRules,
        Option<&PovertyGuidelines>,
        Decision,
    )> = vec![
        (
            "a benefit qualifies without income",
            with_snap(None, None),
            &snap_or_income,
            Some(&g),
            Decision {
                verdict: Eligible,
                reasons: vec![Benefit(B::Snap)],
            },
        ),
        (
            "a benefit qualifies even with income over the limit",
            with_snap(Some(1), Some(9000)),
            &snap_or_income,
            Some(&g),
            Decision {
                verdict: Eligible,
                reasons: vec![Benefit(B::Snap)],
            },
        ),
        (
            "no income, no benefit: may qualify",
            none(Some(3), None),
            &snap_or_income,
            Some(&g),
            Decision {
                verdict: MayQualify,
                reasons: vec![IncomeUnknown],
            },
        ),
        (
            "income but no household size",
            none(None, Some(1000)),
            &snap_or_income,
            Some(&g),
            Decision {
                verdict: MayQualify,
                reasons: vec![HouseholdSizeUnknown],
            },
        ),
        (
            "no guideline table loaded",
            none(Some(2), Some(1000)),
            &snap_or_income,
            None,
            Decision {
                verdict: MayQualify,
                reasons: vec![GuidelinesMissing],
            },
        ),
        (
            "benefits only, one received",
            with_snap(None, None),
            &benefits_only,
            None,
            Decision {
                verdict: Eligible,
                reasons: vec![Benefit(B::Snap)],
            },
        ),
        (
            "benefits only, none received",
            none(Some(1), Some(100)),
            &benefits_only,
            Some(&g),
            Decision {
                verdict: NotEligible,
                reasons: vec![NoQualifyingBenefit],
            },
        ),
        (
            "no rules: open to all",
            none(None, None),
            &open,
            None,
            Decision {
                verdict: Eligible,
                reasons: vec![OpenToAll],
            },
        ),
        (
            "inactive programs take no one",
            none(None, None),
            &closed,
            None,
            Decision {
                verdict: NotEligible,
                reasons: vec![Closed],
            },
        ),
    ];
    for (what, h, p, g, want) in cases {
        assert_eq!(assess(&h, p, g), want, "{what}");
    }
}

#[test]
fn age_area_capacity_and_language() {
    let open = ProgramRules {
        active: true,
        ..ProgramRules::default()
    };
    let aged = |min_age| ProgramRules {
        min_age: Some(min_age),
        ..open.clone()
    };
    let in_band = |band| Household {
        age_band: Some(band),
        ..Household::default()
    };
    let in_area = |area| Household {
        area_id: area,
        ..Household::default()
    };
    let areas = ProgramRules {
        area_ids: vec![3, 7],
        ..open.clone()
    };
    let es = Lang::parse("es").unwrap();
    let cases: Vec<(&str, Household, ProgramRules, Verdict, Vec<Reason>)> = vec![
        (
            "band starts at the minimum",
            in_band(AgeBand::A65Plus),
            aged(65),
            Eligible,
            vec![OpenToAll],
        ),
        (
            "band above the minimum",
            in_band(AgeBand::A25To44),
            aged(18),
            Eligible,
            vec![OpenToAll],
        ),
        (
            "band below the minimum",
            in_band(AgeBand::A45To64),
            aged(65),
            NotEligible,
            vec![TooYoung { min_age: 65 }],
        ),
        (
            "60 to 64 for a program from 60",
            in_band(AgeBand::A60To64),
            aged(60),
            Eligible,
            vec![OpenToAll],
        ),
        (
            "45 to 59 for a program from 60",
            in_band(AgeBand::A45To59),
            aged(60),
            NotEligible,
            vec![TooYoung { min_age: 60 }],
        ),
        (
            "an answer of 45 to 64, given before the form split it at 60",
            in_band(AgeBand::A45To64),
            aged(60),
            MayQualify,
            vec![AgeUnknown { min_age: 60 }, OpenToAll],
        ),
        (
            "under 18 for an adults' program",
            in_band(AgeBand::Under18),
            aged(18),
            NotEligible,
            vec![TooYoung { min_age: 18 }],
        ),
        (
            "band spans the minimum",
            in_band(AgeBand::A18To24),
            aged(21),
            MayQualify,
            vec![AgeUnknown { min_age: 21 }, OpenToAll],
        ),
        (
            "age not given",
            Household::default(),
            aged(18),
            MayQualify,
            vec![AgeUnknown { min_age: 18 }, OpenToAll],
        ),
        (
            "inside the areas",
            in_area(Some(7)),
            areas.clone(),
            Eligible,
            vec![OpenToAll],
        ),
        (
            "outside the areas",
            in_area(Some(4)),
            areas.clone(),
            NotEligible,
            vec![OutsideArea],
        ),
        (
            "area not known",
            in_area(None),
            areas.clone(),
            MayQualify,
            vec![AreaUnknown, OpenToAll],
        ),
        (
            "no areas: everywhere",
            in_area(Some(4)),
            open.clone(),
            Eligible,
            vec![OpenToAll],
        ),
        (
            "no places left is shown, not hidden",
            Household::default(),
            ProgramRules {
                capacity_available: Some(0),
                ..open.clone()
            },
            Eligible,
            vec![OpenToAll, NoCapacity],
        ),
        (
            "places left",
            Household::default(),
            ProgramRules {
                capacity_available: Some(2),
                ..open.clone()
            },
            Eligible,
            vec![OpenToAll],
        ),
        (
            "offered in the household's language",
            Household {
                language: Some(es),
                ..Household::default()
            },
            ProgramRules {
                languages: vec![Lang::EN, es],
                ..open.clone()
            },
            Eligible,
            vec![OpenToAll, InYourLanguage],
        ),
        (
            "not offered in the household's language",
            Household {
                language: Some(es),
                ..Household::default()
            },
            ProgramRules {
                languages: vec![Lang::EN],
                ..open.clone()
            },
            Eligible,
            vec![OpenToAll, NotInYourLanguage],
        ),
        (
            "every failed rule is given; no notes on a program ruled out",
            Household {
                age_band: Some(AgeBand::Under18),
                area_id: Some(1),
                language: Some(es),
                ..Household::default()
            },
            ProgramRules {
                min_age: Some(18),
                capacity_available: Some(0),
                ..areas.clone()
            },
            NotEligible,
            vec![TooYoung { min_age: 18 }, OutsideArea],
        ),
    ];
    for (what, h, p, verdict, reasons) in cases {
        let d = assess(&h, &p, None);
        assert_eq!(d, Decision { verdict, reasons }, "{what}");
    }
    let full = assess(
        &Household::default(),
        &ProgramRules {
            capacity_available: Some(0),
            ..open
        },
        None,
    );
    assert!(full.no_places_left());
}

/// The decision rules as first written, one program at a time with a vector per rule: the
/// yardstick the prepared, batched path must match exactly.
mod reference {
    use super::super::*;

    /// Decides whether `household` qualifies for `program`; `guidelines` is the newest poverty
    /// guideline table, if any is loaded.
    pub(super) fn assess(
        household: &Household,
        program: &ProgramRules,
        guidelines: Option<&PovertyGuidelines>,
    ) -> Decision {
        let mut met = Vec::new();
        let mut failed = Vec::new();
        let mut unknown = Vec::new();

        if !program.active {
            failed.push(Reason::Closed);
        }

        let benefits: Vec<Reason> = program
            .qualifying_benefits
            .iter()
            .filter(|b| household.benefits.contains(b))
            .map(|b| Reason::Benefit(*b))
            .collect();
        match (
            program.max_income_pct_fpg,
            program.qualifying_benefits.is_empty(),
        ) {
            (None, true) => met.push(Reason::OpenToAll),
            _ if !benefits.is_empty() => met.extend(benefits),
            (None, false) => failed.push(Reason::NoQualifyingBenefit),
            (Some(max_pct), _) => match income_test(household, max_pct, guidelines) {
                Ok(reason @ Reason::Income { .. }) => met.push(reason),
                Ok(reason @ Reason::IncomeTooHigh { .. }) => failed.push(reason),
                Ok(reason) | Err(reason) => unknown.push(reason),
            },
        }

        if let Some(min_age) = program.min_age.filter(|a| *a > 0) {
            match household.age_band.map(age_bounds) {
                Some((low, _)) if low >= min_age => {}
                Some((_, Some(high))) if high < min_age => {
                    failed.push(Reason::TooYoung { min_age })
                }
                _ => unknown.push(Reason::AgeUnknown { min_age }),
            }
        }

        if !program.area_ids.is_empty() {
            match household.area_id {
                Some(area) if program.area_ids.contains(&area) => {}
                Some(_) => failed.push(Reason::OutsideArea),
                None => unknown.push(Reason::AreaUnknown),
            }
        }

        let (verdict, mut reasons) = if !failed.is_empty() {
            (Verdict::NotEligible, failed)
        } else if !unknown.is_empty() {
            unknown.extend(met);
            (Verdict::MayQualify, unknown)
        } else {
            (Verdict::Eligible, met)
        };
        if verdict != Verdict::NotEligible {
            if program.capacity_available.is_some_and(|c| c <= 0) {
                reasons.push(Reason::NoCapacity);
            }
            if let Some(lang) = household.language {
                reasons.push(if program.languages.contains(&lang) {
                    Reason::InYourLanguage
                } else {
                    Reason::NotInYourLanguage
                });
            }
        }
        Decision { verdict, reasons }
    }

    /// `Ok(Income)` or `Ok(IncomeTooHigh)` when income decides; `Err` names what is missing.
    fn income_test(
        household: &Household,
        max_pct: i64,
        guidelines: Option<&PovertyGuidelines>,
    ) -> Result<Reason, Reason> {
        let monthly = household.monthly_income.ok_or(Reason::IncomeUnknown)?;
        let size = household.size.ok_or(Reason::HouseholdSizeUnknown)?;
        let guideline = guidelines
            .ok_or(Reason::GuidelinesMissing)?
            .annual_cents(size);
        // Whole cents in i128: no rounding before the comparison, so "at the limit" is exact.
        let annual_cents = i128::from(monthly.max(0)) * 12 * 100;
        let guideline = i128::from(guideline.max(1));
        let pct_of_guideline =
            i64::try_from((annual_cents * 100 + guideline - 1) / guideline).unwrap_or(i64::MAX);
        if annual_cents * 100 <= i128::from(max_pct) * guideline {
            Ok(Reason::Income { pct_of_guideline })
        } else {
            Ok(Reason::IncomeTooHigh {
                pct_of_guideline,
                max_pct,
            })
        }
    }
}

fn pick<T: Copy>(rng: &mut rand::rngs::StdRng, all: &[T], p: f64) -> Vec<T> {
    use rand::Rng;
    all.iter().copied().filter(|_| rng.random_bool(p)).collect()
}

/// Random households and programs, including the edges (no facts at all, income exactly at
/// a limit, duplicated benefits, no places, closed): the fast path decides each exactly as
/// the reference does, and `assess_all` orders them as a stable sort by verdict would.
#[test]
fn prepared_and_batched_decisions_match_the_reference() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let g = guidelines_2025();
    let langs: Vec<Lang> = Lang::all().collect();
    let programs: Vec<ProgramRules> = (0..400)
        .map(|_| ProgramRules {
            max_income_pct_fpg: rng.random_bool(0.6).then(|| rng.random_range(0..=400)),
            qualifying_benefits: {
                let mut b = pick(&mut rng, B::ALL, 0.25);
                if rng.random_bool(0.05) {
                    b.extend(b.clone());
                }
                b
            },
            min_age: rng.random_bool(0.3).then(|| rng.random_range(-1..=70)),
            languages: pick(&mut rng, &langs, 0.4),
            area_ids: (0..rng.random_range(0..4))
                .map(|_| rng.random_range(1..=6))
                .collect(),
            capacity_available: rng.random_bool(0.5).then(|| rng.random_range(-1..3)),
            active: rng.random_bool(0.9),
        })
        .collect();
    let set = ProgramSet::new(&programs);
    assert_eq!(set.len(), programs.len());
    // Every verdict and every kind of reason comes up, so the comparison covers them all.
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..300 {
        let size = rng.random_bool(0.8).then(|| rng.random_range(0..=13));
        let household = Household {
            size,
            monthly_income: match rng.random_range(0..5) {
                0 => None,
                // Exactly 200% of the guideline for the size, a month.
                1 => size.map(|s| g.annual_cents(s) * 2 / 1200),
                2 => Some(-5),
                _ => Some(rng.random_range(0..12_000)),
            },
            benefits: pick(&mut rng, B::ALL, 0.15),
            age_band: rng
                .random_bool(0.7)
                .then(|| AgeBand::ASKED[rng.random_range(0..AgeBand::ASKED.len())]),
            area_id: rng.random_bool(0.8).then(|| rng.random_range(1..=6)),
            language: rng
                .random_bool(0.9)
                .then(|| langs[rng.random_range(0..langs.len())]),
        };
        let table = (round % 7 != 0).then_some(&g);
        for p in &programs {
            let d = assess(&household, p, table);
            seen.insert(format!("{:?}", d.verdict));
            for r in d.reasons {
                seen.insert(
                    format!("{r:?}")
                        .split([' ', '('])
                        .next()
                        .unwrap()
                        .to_owned(),
                );
            }
        }
        let mut want: Vec<(usize, Decision)> = programs
            .iter()
            .map(|p| reference::assess(&household, p, table))
            .enumerate()
            .collect();
        for (i, p) in programs.iter().enumerate() {
            assert_eq!(
                assess(&household, p, table),
                want[i].1,
                "{household:?} {p:?}"
            );
        }
        want.sort_by_key(|(_, d)| d.verdict as u8);
        let got: Vec<(usize, Decision)> = set
            .assess_all(&household, table)
            .iter()
            .map(|(i, verdict, reasons)| {
                (
                    i,
                    Decision {
                        verdict,
                        reasons: reasons.collect(),
                    },
                )
            })
            .collect();
        assert_eq!(got, want, "{household:?}");
    }
    assert_eq!(seen.len(), 3 + 16, "{seen:?}");
    assert!(ProgramSet::new(&[])
        .assess_all(&Household::default(), None)
        .is_empty());
}
