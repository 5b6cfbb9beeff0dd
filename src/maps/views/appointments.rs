//! The reports' appointments: booked, attended, missed and cancelled for everyone and by site,
//! language and area, and the days from a request to its first appointment.

use maud::{html, Markup};

use super::reports::{group_label, shown_count, shown_number, shown_share};
use crate::maps::appointments::{Figures, Line};
use crate::web::Ctx;

/// The breakdowns, in the order the page shows them.
const DIMENSIONS: [&str; 3] = ["site", "language", "area"];

const COLUMNS: [&str; 5] = [
    "reports-col-booked",
    "reports-col-attended",
    "reports-col-no-show",
    "reports-col-cancelled",
    "reports-col-attended-share",
];

pub fn appointments_section(
    ctx: &Ctx,
    f: &Figures,
    areas: &[(i64, String)],
    csv_query: &str,
) -> Markup {
    let e = &f.everyone;
    html! {
        h2 #appointments { (ctx.t("reports-appointments-title")) }
        p { (ctx.t("reports-appointments-intro")) }
        dl.figures {
            dt { (ctx.t("reports-col-booked")) } dd { (shown_count(ctx, e.booked)) }
            dt { (ctx.t("reports-col-attended")) } dd { (shown_count(ctx, e.attended)) }
            dt { (ctx.t("reports-col-no-show")) } dd { (shown_count(ctx, e.no_show)) }
            dt { (ctx.t("reports-col-cancelled")) } dd { (shown_count(ctx, e.cancelled)) }
            dt { (ctx.t("reports-col-attended-share")) } dd { (shown_share(ctx, e.attended_share)) }
            dt { (ctx.t("reports-days-to-appointment")) }
            dd { (shown_number(ctx, f.median_days_to_first, 1)) }
            dt { (ctx.t("reports-days-to-appointment-p90")) }
            dd { (shown_number(ctx, f.p90_days_to_first, 1)) }
        }
        (super::part_download(ctx, "appointments", csv_query))
        @for dimension in DIMENSIONS {
            (table(ctx, f, dimension, areas))
        }
    }
}

fn table(ctx: &Ctx, f: &Figures, dimension: &str, areas: &[(i64, String)]) -> Markup {
    let lines = match dimension {
        "site" => &f.by_site,
        "language" => &f.by_language,
        _ => &f.by_area,
    };
    super::breakdown_table(
        ctx,
        "appointments",
        dimension,
        &COLUMNS,
        cells(ctx, &f.everyone),
        lines
            .iter()
            .map(|l| (label(ctx, f, dimension, &l.key, areas), cells(ctx, l)))
            .collect(),
    )
}

/// A group's name: a site's, a language's own, an area's.
pub fn label(
    ctx: &Ctx,
    f: &Figures,
    dimension: &str,
    key: &str,
    areas: &[(i64, String)],
) -> String {
    match dimension {
        "site" => super::name_of(&f.sites, key),
        _ => group_label(ctx, dimension, key, areas),
    }
}

fn cells(ctx: &Ctx, l: &Line) -> Markup {
    html! {
        td { (shown_count(ctx, l.booked)) }
        td { (shown_count(ctx, l.attended)) }
        td { (shown_count(ctx, l.no_show)) }
        td { (shown_count(ctx, l.cancelled)) }
        td { (shown_share(ctx, l.attended_share)) }
    }
}
