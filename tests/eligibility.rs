//! Program eligibility against the real database: the seeded poverty guidelines, replacing a
//! year from CSV (all or nothing), and the programs a household is matched with.

mod common;

use common::TestApp;
use navdesk::domain::{AgeBand, Benefit};
use navdesk::matching::eligibility::{Household, Reason, Verdict};
use navdesk::programs::{guidelines, matches};

async fn guideline_rows(app: &TestApp) -> Vec<(i64, i64, i64)> {
    app.rows(
        "SELECT year, household_size, annual_income_cents FROM poverty_guidelines \
         ORDER BY year, household_size",
        (),
    )
    .await
}

async fn seeded_2025_guidelines_cover_any_household(app: TestApp) {
    let table = guidelines::newest(&app.db).await.unwrap().expect("seeded");
    assert_eq!(table.year, 2025);
    assert_eq!(table.annual_cents(1), 1_565_000);
    assert_eq!(table.annual_cents(4), 3_215_000);
    assert_eq!(table.annual_cents(12), 7_615_000);
    app.stop().await;
}

async fn a_year_is_replaced_from_csv_all_or_nothing(app: TestApp) {
    let before = guideline_rows(&app).await;
    for (bad, needle) in [
        (
            "household_size,annual_income\n1,16000\n2,abc\n0,5600\n",
            "line 3",
        ),
        (
            "household_size,annual_income\n1,16000\n3,27000\n0,5600\n",
            "size 2 is missing",
        ),
        (
            "household_size,annual_income\n1,16000\n1,16000\n0,5600\n",
            "more than once",
        ),
        (
            "household_size,annual_income\n1,16000\n2,21500\n",
            "additional person",
        ),
    ] {
        let err = guidelines::import(&app.db, 2026, bad).await.unwrap_err();
        assert!(format!("{err:#}").contains(needle), "{bad}: {err:#}");
        assert_eq!(
            guideline_rows(&app).await,
            before,
            "nothing changed after {bad}"
        );
    }

    let csv = "household_size,annual_income\n1,16000\n2,\"21,600\"\n3,27200\nadditional,5600\n";
    guidelines::import(&app.db, 2026, csv).await.unwrap();
    let table = guidelines::newest(&app.db).await.unwrap().unwrap();
    assert_eq!(table.year, 2026);
    assert_eq!(table.annual_cents(2), 2_160_000);
    assert_eq!(table.annual_cents(5), 2_720_000 + 2 * 560_000);
    // Importing the year again replaces it rather than adding to it.
    let smaller = "household_size,annual_income\n1,16100\n0,5700\n";
    guidelines::import(&app.db, 2026, smaller).await.unwrap();
    let rows = guideline_rows(&app).await;
    assert_eq!(
        rows.iter().filter(|r| r.0 == 2026).collect::<Vec<_>>(),
        vec![&(2026, 0, 570_000), &(2026, 1, 1_610_000)]
    );
    assert_eq!(rows.iter().filter(|r| r.0 == 2025).count(), 9);
    app.stop().await;
}

async fn insert_program(app: &TestApp, name: &str, sql_rules: &str) -> i64 {
    let sql = format!(
        "INSERT INTO programs (organization, name, categories, max_income_pct_fpg, \
           qualifying_benefits, min_age, languages, capacity_available, status) \
         VALUES ('Test Org', $1, 'internet_plan', {sql_rules}) RETURNING id"
    );
    app.one(&sql, (name,)).await
}

async fn households_are_matched_with_active_programs(app: TestApp) {
    let area: i64 = app
        .one(
            "INSERT INTO areas (name) VALUES ('Five Points') RETURNING id",
            (),
        )
        .await;
    let other: i64 = app
        .one(
            "INSERT INTO areas (name) VALUES ('Montbello') RETURNING id",
            (),
        )
        .await;
    let discount = insert_program(
        &app,
        "Discount plan",
        "200, 'snap,medicaid', NULL, 'en,es', NULL, 'active'",
    )
    .await;
    let devices = insert_program(&app, "Free laptops", "NULL, '', NULL, 'en', 0, 'active'").await;
    let seniors =
        insert_program(&app, "Seniors online", "NULL, '', 65, 'en', NULL, 'active'").await;
    let local = insert_program(
        &app,
        "Montbello wifi",
        "NULL, '', NULL, 'en', NULL, 'active'",
    )
    .await;
    insert_program(&app, "Closed", "NULL, '', NULL, 'en', NULL, 'inactive'").await;
    app.exec(
        "INSERT INTO program_areas (program_id, area_id) VALUES ($1, $2)",
        (local, other),
    )
    .await;

    let household = Household {
        size: Some(4),
        monthly_income: None,
        benefits: vec![Benefit::Snap],
        age_band: Some(AgeBand::A25To44),
        area_id: Some(area),
        language: navdesk::i18n::Lang::parse("es"),
    };
    let resident: i64 = app
        .one(
            "INSERT INTO residents (name, language, contact_method, area_id, household_size, \
           benefits, age_band, created_at) \
         VALUES ('Ana', 'es', 'sms', $1, 4, 'snap', '25_44', 0) RETURNING id",
            (area,),
        )
        .await;
    let stored = matches::household_of_resident(&app.db, resident)
        .await
        .unwrap();
    assert_eq!(stored.as_ref(), Some(&household));
    assert_eq!(
        matches::household_of_resident(&app.db, resident + 1)
            .await
            .unwrap(),
        None
    );
    let found = matches::for_household(&app.db, &household).await.unwrap();
    let got: Vec<(i64, Verdict, Vec<Reason>)> = found
        .iter()
        .map(|m| (m.program_id, m.decision.verdict, m.decision.reasons.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                discount,
                Verdict::Eligible,
                vec![Reason::Benefit(Benefit::Snap), Reason::InYourLanguage]
            ),
            (
                devices,
                Verdict::Eligible,
                vec![
                    Reason::OpenToAll,
                    Reason::NoCapacity,
                    Reason::NotInYourLanguage
                ]
            ),
            (local, Verdict::NotEligible, vec![Reason::OutsideArea]),
            (
                seniors,
                Verdict::NotEligible,
                vec![Reason::TooYoung { min_age: 65 }]
            ),
        ]
    );

    // Income alone decides for someone without benefits: 4 people, 200% of 32,150 a year.
    let by_income = |monthly| Household {
        benefits: vec![],
        monthly_income: Some(monthly),
        ..household.clone()
    };
    let verdict = |found: Vec<matches::ProgramMatch>| {
        found
            .iter()
            .find(|m| m.program_id == discount)
            .unwrap()
            .decision
            .verdict
    };
    let at_limit = matches::for_household(&app.db, &by_income(5358))
        .await
        .unwrap();
    assert_eq!(verdict(at_limit), Verdict::Eligible);
    let over = matches::for_household(&app.db, &by_income(5359))
        .await
        .unwrap();
    assert_eq!(verdict(over), Verdict::NotEligible);
    app.stop().await;
}

/// The confirmation page lists what the household may qualify for, with reasons in the
/// resident's language, marks a full program, and leaves out what they do not qualify for.
async fn the_confirmation_page_lists_programs_with_reasons(app: TestApp) {
    insert_program(
        &app,
        "Internet Essentials",
        "NULL, 'snap', NULL, 'en,es', NULL, 'active'",
    )
    .await;
    insert_program(
        &app,
        "Laptop loan",
        "NULL, 'snap', NULL, 'en,es', 0, 'active'",
    )
    .await;
    insert_program(&app, "Seniors only", "NULL, '', 65, 'en', NULL, 'active'").await;
    insert_program(
        &app,
        "Veterans only",
        "NULL, 'va', NULL, 'en', NULL, 'active'",
    )
    .await;
    let mut form = common::valid_form();
    form.push(("age_band", "25_44"));
    let resp = app.post_form("/help?lang=es", &form).await;
    assert_eq!(resp.status(), 303);
    let page = app
        .get(&format!("{}?lang=es", common::location(&resp)))
        .await;
    assert_eq!(page.status(), 200);
    let body = page
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        body.contains("Programas para los que podría calificar"),
        "{body}"
    );
    assert!(body.contains("<strong>Internet Essentials</strong>"));
    assert!(
        body.contains("porque usted recibe SNAP (cupones de alimentos)"),
        "{body}"
    );
    assert!(
        body.contains("no quedan lugares por ahora"),
        "the full program says so"
    );
    assert!(
        body.contains("<strong>Laptop loan</strong>"),
        "a full program is shown, not hidden"
    );
    assert!(!body.contains("Seniors only"), "not eligible: left off");
    assert!(!body.contains("Veterans only"), "not eligible: left off");
    app.stop().await;
}

on_both_backends!(
    the_confirmation_page_lists_programs_with_reasons,
    seeded_2025_guidelines_cover_any_household,
    a_year_is_replaced_from_csv_all_or_nothing,
    households_are_matched_with_active_programs,
);
