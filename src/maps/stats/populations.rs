//! The covered populations digital equity programs report on, as SQL over one request (`c`),
//! its resident (`r`) and its area (`a`): each request is counted under the set of populations
//! its resident belongs to, one bit a population, so the stored sums hold at most 128 rows a
//! period and every population's figures are added up from them.

/// A covered population: its code (in forms of the CSV and the messages) and its bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Population {
    pub code: &'static str,
    pub bit: i64,
}

/// Every population, in the order the report lists them.
pub const ALL: [Population; 7] = [
    Population {
        code: "low_income",
        bit: 1,
    },
    Population {
        code: "aged_60_plus",
        bit: 2,
    },
    Population {
        code: "veteran",
        bit: 4,
    },
    Population {
        code: "disability",
        bit: 8,
    },
    Population {
        code: "language_barrier",
        bit: 16,
    },
    Population {
        code: "minority",
        bit: 32,
    },
    Population {
        code: "rural",
        bit: 64,
    },
];

/// Household income at or below this percentage of the federal poverty guideline.
pub const INCOME_PCT_OF_GUIDELINE: i64 = 150;

/// The poverty guideline (annual cents) of the resident's household, from the newest year's
/// table: the amount listed for its size, or for the largest size listed plus the amount for
/// each further person (as `PovertyGuidelines::annual_cents`). NULL when the size is unknown.
const GUIDELINE: &str = "(SELECT g.annual_income_cents + \
     CASE WHEN r.household_size > g.household_size \
     THEN (r.household_size - g.household_size) * \
     (SELECT i.annual_income_cents FROM poverty_guidelines i \
      WHERE i.year = g.year AND i.household_size = 0) \
     ELSE 0 END \
     FROM poverty_guidelines g \
     WHERE g.year = (SELECT MAX(year) FROM poverty_guidelines) \
     AND g.household_size >= 1 AND g.household_size <= r.household_size \
     ORDER BY g.household_size DESC LIMIT 1)";

/// The condition for each population, in `ALL` order.
fn conditions() -> [String; 7] {
    let listed = |column: &str, code: &str| format!("(',' || {column} || ',') LIKE '%,{code},%'");
    // Any answer other than White alone (or "prefer not to say") is a racial or ethnic minority.
    let minority = crate::domain::RaceEthnicity::ALL
        .iter()
        .map(|r| r.code())
        .filter(|code| !matches!(*code, "white" | "prefer_not_to_say"))
        .map(|code| listed("r.race_ethnicity", code))
        .collect::<Vec<_>>()
        .join(" OR ");
    [
        // Monthly whole dollars × 12 × 100 cents against the guideline, in whole numbers, so
        // "at the limit" is exact (as eligibility compares).
        format!(
            "r.monthly_income IS NOT NULL AND r.household_size IS NOT NULL \
             AND r.monthly_income * 120000 <= {INCOME_PCT_OF_GUIDELINE} * {GUIDELINE}"
        ),
        // Answers of `45_64`, given before the form asked 60 to 64 apart, cannot tell.
        format!(
            "r.age_band IN ({})",
            crate::domain::AgeBand::ALL
                .iter()
                .filter(|band| band.sixty_or_over())
                .map(|band| format!("'{}'", band.code()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "r.veteran = 'yes'".into(),
        "r.disability = 'yes'".into(),
        // Asked in another language than English, or asked for an interpreter.
        format!(
            "c.language <> 'en' OR {}",
            listed("r.accessibility", "interpreter")
        ),
        minority,
        "a.rural = 1".into(),
    ]
}

/// The set of populations of one request, as a whole number of bits.
pub(super) fn key_sql() -> &'static str {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let parts: Vec<String> = ALL
            .iter()
            .zip(conditions())
            .map(|(p, cond)| format!("CASE WHEN {cond} THEN {} ELSE 0 END", p.bit))
            .collect();
        format!("CAST({} AS BIGINT)", parts.join(" + "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_population_has_its_own_bit() {
        let all = ALL.iter().fold(0, |bits, p| {
            assert_eq!(bits & p.bit, 0, "{}", p.code);
            bits | p.bit
        });
        assert_eq!(all, 127);
        assert!(key_sql().contains("'%,black,%'"));
        assert!(!key_sql().contains("'%,white,%'"));
        assert!(key_sql().contains("r.age_band IN ('60_64', '65_plus')"));
    }
}
