//! Which programs a household may join: loads the active programs' rules and the newest
//! poverty guidelines, asks `matching::eligibility` about each, and words the reasons in the
//! resident's language. The confirmation page and the case page show these.

use sqlx::Row;

use crate::db::Db;
use crate::domain::{split_codes, AgeBand, Benefit};
use crate::i18n::{Lang, Tr};
use crate::matching::eligibility::{
    Decision, Household, ProgramRules, ProgramSet, Reason, Verdict,
};

/// A program with the decision for one household.
#[derive(Clone, Debug)]
pub struct ProgramMatch {
    pub program_id: i64,
    pub organization: String,
    pub name: String,
    pub url: Option<String>,
    pub phone: Option<String>,
    pub decision: Decision,
}

/// The household of a stored resident (for the case page), or `None` when there is no such
/// resident.
pub async fn household_of_resident(db: &Db, resident_id: i64) -> anyhow::Result<Option<Household>> {
    let Some(r) = sqlx::query(
        "SELECT household_size, monthly_income, benefits, age_band, area_id, language \
         FROM residents WHERE id = $1",
    )
    .bind(resident_id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(Household {
        size: r.try_get("household_size")?,
        monthly_income: r.try_get("monthly_income")?,
        benefits: split_codes(&r.try_get::<String, _>("benefits")?, Benefit::parse),
        age_band: r
            .try_get::<Option<String>, _>("age_band")?
            .as_deref()
            .and_then(AgeBand::parse),
        area_id: r.try_get("area_id")?,
        language: Lang::parse(&r.try_get::<String, _>("language")?),
    }))
}

fn languages(text: &str) -> Vec<Lang> {
    text.split(',').filter_map(Lang::parse).collect()
}

/// A program as the lists show it: id, organization, name, URL, phone.
type Listed = (i64, String, String, Option<String>, Option<String>);

/// Every active program's rules, prepared for deciding many households, with the newest
/// poverty guidelines. Built from the database; cached for a few seconds by the app.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// The programs, in the order shown within a verdict.
    programs: Vec<Listed>,
    set: ProgramSet,
    guidelines: Option<crate::matching::eligibility::PovertyGuidelines>,
}

/// The catalog, a few seconds old at most and made again after any change through this
/// instance (`Db::changes`): the confirmation and case pages read it on every view.
#[derive(Debug)]
pub struct CatalogCache(crate::db::cache::TtlCache<Catalog>);

impl CatalogCache {
    pub fn new(ttl: std::time::Duration) -> Self {
        Self(crate::db::cache::TtlCache::new(ttl))
    }

    pub async fn get(&self, db: &Db) -> anyhow::Result<std::sync::Arc<Catalog>> {
        self.0.get_at(db.changes(), || load_catalog(db)).await
    }
}

/// Reads the active programs and the newest guidelines.
pub async fn load_catalog(db: &Db) -> anyhow::Result<Catalog> {
    let guidelines = super::guidelines::newest(db).await?;
    // Places from the inventory where the program has devices (issue 18).
    let rows = sqlx::query(&format!(
        "SELECT id, organization, name, url, phone, max_income_pct_fpg, qualifying_benefits, \
                min_age, languages, {} AS capacity_available, status \
         FROM programs WHERE status = 'active' ORDER BY organization, name, id",
        crate::db::stock::places("programs")
    ))
    .fetch_all(&db.pool)
    .await?;
    let mut areas: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (program, area) in
        sqlx::query_as::<_, (i64, i64)>("SELECT program_id, area_id FROM program_areas")
            .fetch_all(&db.pool)
            .await?
    {
        areas.entry(program).or_default().push(area);
    }
    let mut programs = Vec::with_capacity(rows.len());
    let mut rules = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        rules.push(ProgramRules {
            max_income_pct_fpg: r.try_get("max_income_pct_fpg")?,
            qualifying_benefits: split_codes(
                &r.try_get::<String, _>("qualifying_benefits")?,
                Benefit::parse,
            ),
            min_age: r.try_get("min_age")?,
            languages: languages(&r.try_get::<String, _>("languages")?),
            area_ids: areas.remove(&id).unwrap_or_default(),
            capacity_available: r.try_get("capacity_available")?,
            active: r.try_get::<String, _>("status")? == "active",
        });
        programs.push((
            id,
            r.try_get::<String, _>("organization")?,
            r.try_get::<String, _>("name")?,
            r.try_get::<Option<String>, _>("url")?,
            r.try_get::<Option<String>, _>("phone")?,
        ));
    }
    Ok(Catalog {
        programs,
        set: ProgramSet::new(&rules),
        guidelines,
    })
}

impl Catalog {
    /// Every program with its decision for `household`: those the household qualifies for
    /// first, then those it may qualify for, then the rest; by organization and name within
    /// each. Programs with no places left are included (their decision says so).
    pub fn for_household(&self, household: &Household) -> Vec<ProgramMatch> {
        // Already ordered by verdict; the query's order holds within each.
        self.set
            .assess_all(household, self.guidelines.as_ref())
            .iter()
            .map(|(i, verdict, reasons)| {
                let (program_id, organization, name, url, phone) = self.programs[i].clone();
                ProgramMatch {
                    program_id,
                    organization,
                    name,
                    url,
                    phone,
                    decision: Decision {
                        verdict,
                        reasons: reasons.collect(),
                    },
                }
            })
            .collect()
    }
}

/// `Catalog::for_household` on a catalogue read just now.
pub async fn for_household(db: &Db, household: &Household) -> anyhow::Result<Vec<ProgramMatch>> {
    Ok(load_catalog(db).await?.for_household(household))
}

/// The heading for a verdict, in the resident's language.
pub fn verdict_text(tr: &Tr, verdict: Verdict) -> String {
    tr.t(match verdict {
        Verdict::Eligible => "eligibility-eligible",
        Verdict::MayQualify => "eligibility-may-qualify",
        Verdict::NotEligible => "eligibility-not-eligible",
    })
}

/// One reason as a phrase in the resident's language ("because you receive SNAP ...").
pub fn reason_text(tr: &Tr, reason: Reason) -> String {
    match reason {
        Reason::Benefit(b) => tr.ta(
            "eligibility-because-benefit",
            &[("benefit", tr.t(&format!("benefit-{}", b.code())).into())],
        ),
        Reason::Income { .. } => tr.t("eligibility-because-income"),
        Reason::OpenToAll => tr.t("eligibility-open-to-all"),
        Reason::NoCapacity => tr.t("eligibility-no-capacity"),
        Reason::InYourLanguage => tr.t("eligibility-in-your-language"),
        Reason::NotInYourLanguage => tr.t("eligibility-not-in-your-language"),
        Reason::IncomeTooHigh { .. } => tr.t("eligibility-income-too-high"),
        Reason::NoQualifyingBenefit => tr.t("eligibility-no-qualifying-benefit"),
        Reason::TooYoung { min_age } => {
            tr.ta("eligibility-too-young", &[("min_age", min_age.into())])
        }
        Reason::OutsideArea => tr.t("eligibility-outside-area"),
        Reason::Closed => tr.t("eligibility-closed"),
        Reason::IncomeUnknown | Reason::GuidelinesMissing => tr.t("eligibility-income-unknown"),
        Reason::HouseholdSizeUnknown => tr.t("eligibility-household-size-unknown"),
        Reason::AgeUnknown { min_age } => {
            tr.ta("eligibility-age-unknown", &[("min_age", min_age.into())])
        }
        Reason::AreaUnknown => tr.t("eligibility-area-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::I18n;

    /// Every reason has its words in every language, with the benefit's own label inside.
    #[test]
    fn every_reason_is_worded_in_every_language() {
        let i18n = I18n::load().unwrap();
        let reasons = [
            Reason::Benefit(Benefit::Snap),
            Reason::Income {
                pct_of_guideline: 150,
            },
            Reason::OpenToAll,
            Reason::NoCapacity,
            Reason::InYourLanguage,
            Reason::NotInYourLanguage,
            Reason::IncomeTooHigh {
                pct_of_guideline: 250,
                max_pct: 200,
            },
            Reason::NoQualifyingBenefit,
            Reason::TooYoung { min_age: 65 },
            Reason::OutsideArea,
            Reason::Closed,
            Reason::IncomeUnknown,
            Reason::GuidelinesMissing,
            Reason::HouseholdSizeUnknown,
            Reason::AgeUnknown { min_age: 65 },
            Reason::AreaUnknown,
        ];
        for lang in Lang::all() {
            let tr = i18n.tr(lang);
            for reason in reasons {
                let text = reason_text(&tr, reason);
                assert!(
                    !text.is_empty() && !text.starts_with("eligibility-"),
                    "{} {reason:?}: {text}",
                    lang.code()
                );
            }
            let snap = reason_text(&tr, Reason::Benefit(Benefit::Snap));
            assert!(snap.contains(&tr.t("benefit-snap")), "{snap}");
            let age = reason_text(&tr, Reason::TooYoung { min_age: 65 });
            assert!(age.contains("65") || age.contains("٦٥"), "{age}");
            for verdict in [Verdict::Eligible, Verdict::MayQualify, Verdict::NotEligible] {
                assert!(!verdict_text(&tr, verdict).starts_with("eligibility-"));
            }
        }
        let en = i18n.tr(Lang::EN);
        assert_eq!(
            reason_text(&en, Reason::Benefit(Benefit::Snap)),
            "because you receive \u{2068}SNAP (food stamps)\u{2069}"
        );
    }
}
