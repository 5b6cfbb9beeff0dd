//! The site's day page: who is waiting and for how long, the day's appointments with their
//! marks, the walk-ins, and the two-field form that adds one.

use maud::{html, Markup};

use super::store::{Booked, Site, WalkIn};
use crate::auth::CurrentUser;
use crate::cases::visits::{clock, mark_button, status_buttons};
use crate::domain::Need;
use crate::i18n::Lang;
use crate::web::form::{error_summary, FieldError, Input, Select};
use crate::web::staff::{csrf_field, staff_page};
use crate::web::Ctx;

/// Everything the page shows.
pub struct Day<'a> {
    pub site: &'a Site,
    pub now: i64,
    pub booked: &'a [Booked],
    pub walk_ins: &'a [WalkIn],
}

/// The walk-in form as typed.
#[derive(Clone, Debug, Default)]
pub struct WalkInForm {
    pub name: String,
    pub need: String,
}

fn minutes_waiting(ctx: &Ctx, since: i64, now: i64) -> String {
    ctx.tr().ta(
        "siteday-minutes",
        &[("minutes", ((now - since).max(0) / 60).into())],
    )
}

fn language_name(code: &str) -> String {
    Lang::parse(code).map_or_else(|| code.to_owned(), |l| l.info().native_name.to_owned())
}

fn needs_text(ctx: &Ctx, codes: &str) -> String {
    crate::domain::split_codes(codes, Need::parse)
        .iter()
        .map(|n| ctx.t(&format!("need-{}", n.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

fn waiting(ctx: &Ctx, day: &Day) -> Markup {
    let tr = ctx.tr();
    let mut lines: Vec<(i64, String)> = day
        .booked
        .iter()
        .filter(|b| matches!(b.status.as_str(), "booked" | "confirmed"))
        .filter_map(|b| {
            b.arrived_at.map(|at| {
                let what = tr.ta(
                    "siteday-waiting-appointment",
                    &[
                        ("code", b.ref_code.clone().into()),
                        ("time", clock(ctx, b.starts_at).into()),
                    ],
                );
                (at, what)
            })
        })
        .collect();
    lines.extend(
        day.walk_ins
            .iter()
            .filter(|w| w.seen_at.is_none())
            .map(|w| {
                let what = tr.ta(
                    "siteday-waiting-walk-in",
                    &[("name", w.name.clone().into())],
                );
                (w.arrived_at, what)
            }),
    );
    lines.sort();
    html! {
        section aria-labelledby="siteday-waiting" {
            h2 #siteday-waiting { (ctx.t("siteday-waiting-title")) }
            @if lines.is_empty() {
                p { (ctx.t("siteday-waiting-none")) }
            } @else {
                ol.waiting {
                    @for (since, what) in &lines {
                        li { (what) ": " strong { (minutes_waiting(ctx, *since, day.now)) } }
                    }
                }
            }
        }
    }
}

fn appointments(ctx: &Ctx, user: &CurrentUser, day: &Day) -> Markup {
    let site = day.site.id;
    html! {
        section aria-labelledby="siteday-booked" {
            h2 #siteday-booked { (ctx.t("siteday-booked-title")) }
            @if day.booked.is_empty() {
                p { (ctx.t("siteday-booked-none")) }
            } @else {
                div.table-wrap {
                    table aria-labelledby="siteday-booked" {
                        thead { tr {
                            th scope="col" { (ctx.t("siteday-col-time")) }
                            th scope="col" { (ctx.t("siteday-col-code")) }
                            th scope="col" { (ctx.t("siteday-col-language")) }
                            th scope="col" { (ctx.t("siteday-col-navigator")) }
                            th scope="col" { (ctx.t("siteday-col-status")) }
                            th scope="col" { (ctx.t("siteday-col-actions")) }
                        } }
                        tbody {
                            @for b in day.booked {
                                @let expected = matches!(b.status.as_str(), "booked" | "confirmed");
                                tr {
                                    td { (clock(ctx, b.starts_at)) }
                                    th scope="row" { a href={ "/cases/" (b.case_id) } dir="ltr" { (b.ref_code) } }
                                    td { (language_name(&b.language)) }
                                    td { (b.navigator) }
                                    td {
                                        (ctx.t(&format!("siteday-status-{}", b.status)))
                                        @if let Some(at) = b.arrived_at {
                                            br;
                                            span.small { (ctx.tr().ta("siteday-arrived-at", &[("time", clock(ctx, at).into())])) }
                                        }
                                    }
                                    td {
                                        @if expected {
                                            @if b.arrived_at.is_none() {
                                                (mark_button(user, &format!("/sites/{site}/today/appointments/{}/arrived", b.id), &[],
                                                    &ctx.t("siteday-mark-arrived"),
                                                    &ctx.tr().ta("siteday-mark-arrived-label", &[("code", b.ref_code.clone().into())])))
                                            }
                                            (status_buttons(ctx, user, (site, b.id), &b.ref_code, "site"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn walk_ins(ctx: &Ctx, user: &CurrentUser, day: &Day) -> Markup {
    let site = day.site.id;
    let tr = ctx.tr();
    html! {
        section aria-labelledby="siteday-walk-ins" {
            h2 #siteday-walk-ins { (ctx.t("siteday-walk-ins-title")) }
            @if day.walk_ins.is_empty() {
                p { (ctx.t("siteday-walk-ins-none")) }
            } @else {
                div.table-wrap {
                    table aria-labelledby="siteday-walk-ins" {
                        thead { tr {
                            th scope="col" { (ctx.t("siteday-col-arrived")) }
                            th scope="col" { (ctx.t("siteday-col-name")) }
                            th scope="col" { (ctx.t("siteday-col-needs")) }
                            th scope="col" { (ctx.t("siteday-col-seen")) }
                        } }
                        tbody {
                            @for w in day.walk_ins {
                                tr {
                                    td { (clock(ctx, w.arrived_at)) }
                                    th scope="row" { a href={ "/cases/" (w.case_id) } { (w.name) } }
                                    td { (needs_text(ctx, &w.needs)) }
                                    td {
                                        @match (w.seen_at, &w.seen_by) {
                                            (Some(at), Some(by)) => (tr.ta("siteday-seen-by", &[("name", by.clone().into()), ("time", clock(ctx, at).into())])),
                                            (Some(at), None) => (clock(ctx, at)),
                                            (None, _) => {
                                                (mark_button(user, &format!("/sites/{site}/today/walk-ins/{}/seen", w.id), &[],
                                                    &ctx.t("siteday-mark-seen"),
                                                    &tr.ta("siteday-mark-seen-label", &[("name", w.name.clone().into())])))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn add_walk_in(
    ctx: &Ctx,
    user: &CurrentUser,
    site: i64,
    form: &WalkInForm,
    errors: &[FieldError],
) -> Markup {
    let mut options = vec![(String::new(), ctx.t("siteday-need-choose"), None)];
    options.extend(Need::ALL.iter().map(|n| {
        (
            n.code().to_owned(),
            ctx.t(&format!("need-{}", n.code())),
            None,
        )
    }));
    let selected = |v: &str| v == form.need;
    html! {
        section aria-labelledby="siteday-add" {
            h2 #siteday-add { (ctx.t("siteday-add-title")) }
            form method="post" action={ "/sites/" (site) "/today/walk-ins" } novalidate {
                (csrf_field(&user.csrf_token))
                (Input::new("name", ctx.t("siteday-add-name"), &form.name).autocomplete("off").required().render(ctx, errors))
                (Select {
                    name: "need",
                    label: ctx.t("siteday-add-need"),
                    hint: None,
                    options,
                    selected: &selected,
                }.render(ctx, errors))
                p { button type="submit" { (ctx.t("siteday-add-submit")) } }
            }
        }
    }
}

pub fn day_page(
    ctx: &Ctx,
    user: &CurrentUser,
    day: &Day,
    form: &WalkInForm,
    errors: &[FieldError],
) -> Markup {
    let heading = ctx.tr().ta(
        "siteday-title",
        &[
            ("site", day.site.name.clone().into()),
            ("date", crate::web::format::format_date(ctx, day.now).into()),
        ],
    );
    let title = if errors.is_empty() {
        heading.clone()
    } else {
        format!("{}: {heading}", ctx.t("error-title-prefix"))
    };
    staff_page(
        ctx,
        user,
        &title,
        &heading,
        html! {
            div.siteday {
                (error_summary(ctx, errors))
                (waiting(ctx, day))
                (appointments(ctx, user, day))
                (walk_ins(ctx, user, day))
                (add_walk_in(ctx, user, day.site.id, form, errors))
            }
        },
    )
}
