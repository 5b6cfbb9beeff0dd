//! The reports' covered populations: for each population funders ask about, the residents,
//! what became of their requests and the minutes of help, with how each is counted said plainly.

use maud::{html, Markup};

use super::reports::{shown_count, shown_number, shown_share};
use crate::maps::populations::{Figures, PopulationLine, ANY, NONE};
use crate::maps::stats::populations::INCOME_PCT_OF_GUIDELINE;
use crate::web::Ctx;

const COLUMNS: [&str; 7] = [
    "reports-col-residents",
    "reports-col-connected-count",
    "reports-col-devices",
    "reports-col-resolved-share",
    "reports-col-served",
    "reports-col-minutes",
    "reports-col-minutes-per",
];

pub fn populations_section(ctx: &Ctx, f: &Figures, csv_query: &str) -> Markup {
    let rows: Vec<(String, Markup)> = f
        .populations
        .iter()
        .chain([&f.any, &f.none])
        .map(|p| (label(ctx, p.key()), cells(ctx, p)))
        .collect();
    html! {
        h2 #populations { (ctx.t("reports-populations-title")) }
        p { (ctx.t("reports-populations-intro")) }
        ul {
            li { (ctx.tr().ta("reports-population-low_income-how", &[("pct", INCOME_PCT_OF_GUIDELINE.into())])) }
            li { (ctx.t("reports-population-aged_60_plus-how")) }
            li { (ctx.t("reports-population-answers-how")) }
            li { (ctx.t("reports-population-language_barrier-how")) }
            li { (ctx.t("reports-population-minority-how")) }
            li {
                (ctx.t("reports-population-rural-how")) " "
                a href="/areas" { (ctx.t("reports-populations-areas-link")) }
            }
        }
        (super::part_download(ctx, "populations", csv_query))
        (super::breakdown_table(ctx, "populations", "population", &COLUMNS, cells(ctx, &f.everyone), rows))
    }
}

/// A population's name on the page.
pub fn label(ctx: &Ctx, key: &str) -> String {
    match key {
        ANY => ctx.t("reports-population-any"),
        NONE => ctx.t("reports-population-none"),
        code => ctx.t(&format!("reports-population-{code}")),
    }
}

fn cells(ctx: &Ctx, p: &PopulationLine) -> Markup {
    let l = &p.line;
    html! {
        td { (shown_count(ctx, l.residents)) }
        td { (shown_count(ctx, p.connected)) }
        td { (shown_count(ctx, l.devices)) }
        td { (shown_share(ctx, p.resolved_share)) }
        td { (shown_count(ctx, l.served)) }
        td { (shown_count(ctx, l.minutes)) }
        td { (shown_number(ctx, l.minutes_per_resident, 1)) }
    }
}
