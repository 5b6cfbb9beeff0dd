//! The markup of the supervisor's pages: `/map` and `/reports`.

mod appointments;
// Issue 18, part C.
mod devices;
mod map;
mod minutes;
mod populations;
mod reports;

use jiff::civil::Date;
use maud::{html, Markup};

use crate::auth::CurrentUser;
use crate::web::form::error_summary;
use crate::web::form::FieldError;
use crate::web::layout::page;
use crate::web::staff::signed_in_as;
use crate::web::Ctx;

/// The state's cache of drawn areas names its type by this path.
pub use super::svg::MapAreas;
pub use appointments::label as appointment_group_label;
pub use devices::label as device_group_label;
pub use map::map_view;
pub use populations::label as population_label;
pub use reports::{group_label, reports_view};

/// A supervisor's page: its heading, who is signed in, the errors in its filters, then `body`.
fn supervisor_page(
    ctx: &Ctx,
    user: &CurrentUser,
    title: &str,
    errors: &[FieldError],
    body: Markup,
) -> Markup {
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            (signed_in_as(ctx, user))
            (error_summary(ctx, errors))
            (body)
        },
    )
}

/// "From 2024-01-01 to 2024-12-31": the period a page shows.
fn range_text(ctx: &Ctx, from: Date, to: Date) -> String {
    ctx.tr().ta(
        "map-range",
        &[
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
        ],
    )
}

/// The link to one part of the report as CSV (`/reports/{part}.csv`), for the period of
/// `csv_query`.
fn part_download(ctx: &Ctx, part: &str, csv_query: &str) -> Markup {
    html! {
        p.downloads {
            a href={ "/reports/" (part) ".csv?" (csv_query) } download={ "navdesk-" (part) ".csv" } {
                (ctx.t(&format!("reports-{part}-csv")))
            }
        }
    }
}

/// The name of the entry of `named` (sites, programs) whose id is `key`, or `key` itself.
fn name_of(named: &[(i64, String)], key: &str) -> String {
    named
        .iter()
        .find(|(id, _)| id.to_string() == key)
        .map(|(_, name)| name.clone())
        .unwrap_or_else(|| key.to_owned())
}

/// A breakdown's table of one part of the report (`minutes`, `appointments`, ...), in a section
/// headed by the message `reports-{part}-by-{dimension}`: the group column named by
/// `dimension`, then `columns` (message ids), a first row for everyone, then one row a group
/// (its label and its cells). Its wrapper is focusable, so a keyboard can scroll a table wider
/// than the screen.
fn breakdown_table(
    ctx: &Ctx,
    part: &str,
    dimension: &str,
    columns: &[&str],
    everyone: Markup,
    rows: Vec<(String, Markup)>,
) -> Markup {
    let id = format!("{part}-by-{dimension}");
    let heading = ctx.t(&format!("reports-{id}"));
    html! {
        section.breakdown aria-labelledby=(id) {
            h3 id=(id) { (heading) }
            div.table-wrap tabindex="0" role="region" aria-labelledby=(id) {
                table {
                    thead {
                        tr {
                            th scope="col" { (ctx.t(&format!("reports-col-{dimension}"))) }
                            @for column in columns {
                                th scope="col" { (ctx.t(column)) }
                            }
                        }
                    }
                    tbody {
                        tr.everyone {
                            th scope="row" { (ctx.t("reports-everyone")) }
                            (everyone)
                        }
                        @for (label, cells) in rows {
                            tr {
                                th scope="row" { (label) }
                                (cells)
                            }
                        }
                    }
                }
            }
        }
    }
}
