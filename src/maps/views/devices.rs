//! The reports' devices: lent, given, returned and lost in the period, on loan and overdue at
//! its end, and the mean days of a loan, for everyone and by kind, program, language and area.

use maud::{html, Markup};

use super::reports::{group_label, shown_count, shown_number};
use crate::maps::devices::{Figures, Line};
use crate::web::Ctx;

/// The breakdowns, in the order the page shows them.
const DIMENSIONS: [&str; 4] = ["kind", "program", "language", "area"];

const COLUMNS: [&str; 7] = [
    "reports-col-lent",
    "reports-col-given",
    "reports-col-returned",
    "reports-col-lost",
    "reports-col-on-loan",
    "reports-col-overdue",
    "reports-col-loan-days",
];

pub fn devices_section(ctx: &Ctx, f: &Figures, areas: &[(i64, String)], csv_query: &str) -> Markup {
    let e = &f.everyone;
    html! {
        h2 #devices { (ctx.t("reports-devices-title")) }
        p { (ctx.t("reports-devices-intro")) }
        dl.figures {
            @for (column, value) in COLUMNS.iter().zip(figures(ctx, e)) {
                dt { (ctx.t(column)) } dd { (value) }
            }
        }
        (super::part_download(ctx, "devices", csv_query))
        @for dimension in DIMENSIONS {
            (table(ctx, f, dimension, areas))
        }
    }
}

fn table(ctx: &Ctx, f: &Figures, dimension: &str, areas: &[(i64, String)]) -> Markup {
    let lines = match dimension {
        "kind" => &f.by_kind,
        "program" => &f.by_program,
        "language" => &f.by_language,
        _ => &f.by_area,
    };
    super::breakdown_table(
        ctx,
        "devices",
        dimension,
        &COLUMNS,
        cells(ctx, &f.everyone),
        lines
            .iter()
            .map(|l| (label(ctx, f, dimension, &l.key, areas), cells(ctx, l)))
            .collect(),
    )
}

/// A group's name: a kind's, a program's, a language's own, an area's.
pub fn label(
    ctx: &Ctx,
    f: &Figures,
    dimension: &str,
    key: &str,
    areas: &[(i64, String)],
) -> String {
    match dimension {
        "kind" => ctx.t(&format!("reports-device-kind-{key}")),
        "program" => super::name_of(&f.programs, key),
        _ => group_label(ctx, dimension, key, areas),
    }
}

/// A line's figures as the page writes them, in `COLUMNS` order.
fn figures(ctx: &Ctx, l: &Line) -> [String; 7] {
    [
        shown_count(ctx, l.lent),
        shown_count(ctx, l.given),
        shown_count(ctx, l.returned),
        shown_count(ctx, l.lost),
        shown_count(ctx, l.on_loan),
        shown_count(ctx, l.overdue),
        shown_number(ctx, l.mean_loan_days, 1),
    ]
}

fn cells(ctx: &Ctx, l: &Line) -> Markup {
    html! {
        @for value in figures(ctx, l) {
            td { (value) }
        }
    }
}
