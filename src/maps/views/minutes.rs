//! The reports' time spent with residents: the minutes of contacts, the residents served and the
//! minutes per resident served, for everyone and by need, language and area (what digital
//! navigator programs report to funders).

use maud::{html, Markup};

use super::reports::{group_label, shown_count, shown_number};
use crate::maps::reports::{Line, Report};
use crate::web::Ctx;

/// The breakdowns of the minutes, in the order the page shows them.
const DIMENSIONS: [&str; 3] = ["need", "language", "area"];

const COLUMNS: [&str; 4] = [
    "reports-col-served",
    "reports-col-minutes",
    "reports-col-minutes-per",
    "reports-col-untimed",
];

pub fn minutes_section(ctx: &Ctx, report: &Report, areas: &[(i64, String)]) -> Markup {
    let e = &report.everyone;
    html! {
        h2 #minutes { (ctx.t("reports-minutes-title")) }
        p { (ctx.t("reports-minutes-intro")) }
        dl.figures {
            dt { (ctx.t("reports-served")) } dd { (shown_count(ctx, e.served)) }
            dt { (ctx.t("reports-minutes")) } dd { (shown_count(ctx, e.minutes)) }
            dt { (ctx.t("reports-minutes-per")) } dd { (shown_number(ctx, e.minutes_per_resident, 1)) }
            dt { (ctx.t("reports-untimed")) } dd { (shown_count(ctx, e.untimed_served)) }
        }
        @for dimension in DIMENSIONS {
            (table(ctx, report, dimension, areas))
        }
    }
}

fn table(ctx: &Ctx, report: &Report, dimension: &str, areas: &[(i64, String)]) -> Markup {
    let lines = match dimension {
        "need" => &report.need_lines,
        "language" => &report.by_language,
        _ => &report.by_area,
    };
    super::breakdown_table(
        ctx,
        "minutes",
        dimension,
        &COLUMNS,
        cells(ctx, &report.everyone),
        lines
            .iter()
            .map(|l| (label(ctx, dimension, &l.key, areas), cells(ctx, l)))
            .collect(),
    )
}

fn label(ctx: &Ctx, dimension: &str, key: &str, areas: &[(i64, String)]) -> String {
    match dimension {
        "need" => ctx.t(&format!("need-{key}")),
        _ => group_label(ctx, dimension, key, areas),
    }
}

fn cells(ctx: &Ctx, l: &Line) -> Markup {
    html! {
        td { (shown_count(ctx, l.served)) }
        td { (shown_count(ctx, l.minutes)) }
        td { (shown_number(ctx, l.minutes_per_resident, 1)) }
        td { (shown_count(ctx, l.untimed_served)) }
    }
}
