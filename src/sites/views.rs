//! Pages for sites: the list with the closures, and one site's form with its office hours.
//! Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::form::{clock, ClosureForm, HoursForm, SiteForm};
use super::schedule::{Closure, Hours};
use super::store::{Site, SiteLine};
use crate::areas::choices::AreaChoice;
use crate::auth::CurrentUser;
use crate::domain::split_codes;
use crate::i18n::Lang;
use crate::web::form::{alert, choices, error_summary, Choice, FieldError, Input, Select};
use crate::web::staff::{csrf_field, staff_page};
use crate::web::table::{yes_no, PagedTable};
use crate::web::Ctx;

fn language_names(codes: &str) -> String {
    split_codes(codes, Lang::parse)
        .iter()
        .map(|l| l.info().native_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The weekday's name (ISO 1 Monday .. 7 Sunday).
pub fn weekday_name(ctx: &Ctx, weekday: i64) -> String {
    ctx.t(&format!("sites-weekday-{weekday}"))
}

fn title_with_errors(ctx: &Ctx, title: &str, failed: bool) -> String {
    if failed {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    } else {
        title.to_owned()
    }
}

const COLUMNS: [&str; 6] = [
    "sites-col-name",
    "sites-col-area",
    "sites-col-languages",
    "sites-col-slot",
    "sites-col-hours",
    "sites-col-active",
];

/// The list page's closure form, with what was typed and its errors.
pub struct ClosureEntry<'a> {
    pub form: &'a ClosureForm,
    pub errors: &'a [FieldError],
    /// A notice above the list (a message id), after a change.
    pub notice: Option<&'static str>,
}

pub fn list(
    ctx: &Ctx,
    user: &CurrentUser,
    lines: &[SiteLine],
    closures: &[Closure],
    sites: &[Site],
    entry: &ClosureEntry<'_>,
) -> Markup {
    let heading = ctx.t("sites-title");
    let title = title_with_errors(ctx, &heading, !entry.errors.is_empty());
    let table = PagedTable::new(ctx, &COLUMNS, 1, false)
        .caption("sites-caption", "sites-caption")
        .when_empty("sites-empty")
        .render(lines, |s| {
            html! {
                tr {
                    th scope="row" {
                        a href={ "/sites/" (s.id) } { (s.name) }
                        @if !s.address.is_empty() { br; small { (s.address) } }
                    }
                    td { (s.area.clone().unwrap_or_default()) }
                    td { (language_names(&s.languages)) }
                    td { (ctx.tr().ta("sites-minutes", &[("minutes", s.slot_minutes.into())])) }
                    td { (s.hours) }
                    td { (yes_no(ctx, s.active)) }
                }
            }
        });
    staff_page(
        ctx,
        user,
        &title,
        &heading,
        html! {
            @if let Some(notice) = entry.notice {
                div.notice role="status" { p { (ctx.t(notice)) } }
            }
            p {
                a href="/sites/new" { (ctx.t("sites-new-link")) }
                " · "
                a href="/sites/hsds.json" download="sites-hsds.json" { (ctx.t("sites-download")) }
            }
            (table)
            section aria-labelledby="closures" {
                h2 id="closures" { (ctx.t("sites-closures")) }
                p.hint { (ctx.t("sites-closures-hint")) }
                (closure_list(ctx, user, closures, true))
                (closure_form(ctx, user, sites, entry))
            }
        },
    )
}

/// The closures to come, each with a button that removes it (when `removable`).
fn closure_list(ctx: &Ctx, user: &CurrentUser, closures: &[Closure], removable: bool) -> Markup {
    html! {
        @if closures.is_empty() {
            p { (ctx.t("sites-closures-none")) }
        } @else {
            ul.closures {
                @for c in closures {
                    li {
                        (c.day) " · "
                        (c.site_name.clone().unwrap_or_else(|| ctx.t("sites-closure-all")))
                        @if !c.reason.is_empty() { " · " (c.reason) }
                        @if removable {
                            form.inline method="post" action={ "/sites/closures/" (c.id) "/delete" } {
                                (csrf_field(&user.csrf_token))
                                button.secondary type="submit" { (ctx.t("sites-remove")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn closure_form(ctx: &Ctx, user: &CurrentUser, sites: &[Site], entry: &ClosureEntry<'_>) -> Markup {
    let form = entry.form;
    let errors = entry.errors;
    html! {
        (error_summary(ctx, errors))
        form method="post" action="/sites/closures" novalidate {
            (csrf_field(&user.csrf_token))
            (Input::new("day", ctx.t("sites-closure-day"), &form.day)
                .kind("date").hint(ctx.t("sites-closure-day-hint")).ltr().required().render(ctx, errors))
            (Select {
                name: "site",
                label: ctx.t("sites-closure-site"),
                hint: None,
                options: std::iter::once((String::new(), ctx.t("sites-closure-all"), None))
                    .chain(sites.iter().map(|s| (s.id.to_string(), s.name.clone(), None)))
                    .collect(),
                selected: &|v| v == form.site,
            }.render(ctx, errors))
            (Input::new("reason", ctx.t("sites-closure-reason"), &form.reason)
                .hint(ctx.t("sites-closure-reason-hint")).render(ctx, errors))
            p { button type="submit" { (ctx.t("sites-closure-add")) } }
        }
    }
}

/// Which form: a new site or an existing one.
#[derive(Clone, Copy, Debug)]
pub enum Mode<'a> {
    New,
    Edit {
        id: i64,
        name: &'a str,
        version: i64,
    },
}

/// What the page says above the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Notice {
    #[default]
    None,
    Saved,
    /// Someone else saved the site after the form was drawn: it shows theirs now.
    Conflict,
    HoursAdded,
    HoursRemoved,
    /// Not deleted: this many residents are booked there.
    Booked(i64),
    /// Not deleted: its history names it.
    InUse,
}

/// A site's office hours and the form that adds some, for an existing site.
pub struct HoursPart<'a> {
    pub hours: &'a [Hours],
    pub closures: &'a [Closure],
    pub navigators: &'a [(i64, String)],
    pub form: &'a HoursForm,
    pub errors: &'a [FieldError],
    /// The hours the ones just sent would overlap (nothing was stored).
    pub overlap: Option<&'a Hours>,
}

#[allow(clippy::too_many_arguments)]
pub fn form_page(
    ctx: &Ctx,
    user: &CurrentUser,
    mode: Mode<'_>,
    form: &SiteForm,
    areas: &[AreaChoice],
    errors: &[FieldError],
    notice: Notice,
    hours: Option<&HoursPart<'_>>,
) -> Markup {
    let heading = match mode {
        Mode::New => ctx.t("sites-new-title"),
        Mode::Edit { name, .. } => ctx.tr().ta("sites-edit-title", &[("name", name.into())]),
    };
    let failed = !errors.is_empty()
        || hours.is_some_and(|h| !h.errors.is_empty())
        || matches!(notice, Notice::Conflict | Notice::Booked(_) | Notice::InUse);
    let title = title_with_errors(ctx, &heading, failed);
    let action = match mode {
        Mode::New => "/sites/new".to_owned(),
        Mode::Edit { id, .. } => format!("/sites/{id}"),
    };
    let language_choices: Vec<Choice> = Lang::all()
        .map(|l| Choice {
            code: l.code().into(),
            label: l.info().native_name.to_owned(),
            hint: None,
        })
        .collect();
    let refused = |message: String| alert(&ctx.t("sites-delete-refused-title"), &message);
    staff_page(
        ctx,
        user,
        &title,
        &heading,
        html! {
            @match notice {
                Notice::Saved => div.notice role="status" { p { (ctx.t("sites-saved")) } },
                Notice::HoursAdded => div.notice role="status" { p { (ctx.t("sites-hours-added")) } },
                Notice::HoursRemoved => div.notice role="status" { p { (ctx.t("sites-hours-removed")) } },
                Notice::Conflict => (alert(&ctx.t("admin-conflict-title"), &ctx.t("sites-conflict"))),
                Notice::Booked(n) => (refused(ctx.tr().ta("sites-delete-booked", &[("count", n.into())]))),
                Notice::InUse => (refused(ctx.t("sites-delete-in-use"))),
                Notice::None => {},
            }
            (error_summary(ctx, errors))
            form method="post" action=(action) novalidate {
                (csrf_field(&user.csrf_token))
                @if let Mode::Edit { version, .. } = mode {
                    input type="hidden" name="version" value=(version);
                }
                (Input::new("name", ctx.t("sites-name"), &form.name).required().render(ctx, errors))
                (Input::new("address", ctx.t("sites-address"), &form.address)
                    .hint(ctx.t("sites-address-hint")).render(ctx, errors))
                fieldset.section {
                    legend { h2 { (ctx.t("sites-point")) } }
                    p.hint { (ctx.t("sites-point-hint")) }
                    (Input::new("lat", ctx.t("sites-lat"), &form.lat).ltr().render(ctx, errors))
                    (Input::new("lon", ctx.t("sites-lon"), &form.lon).ltr().render(ctx, errors))
                    (Select {
                        name: "area",
                        label: ctx.t("sites-area"),
                        hint: Some(ctx.t("sites-area-hint")),
                        options: std::iter::once((String::new(), ctx.t("sites-area-from-point"), None))
                            .chain(areas.iter().map(|a| (a.id.to_string(), a.name.clone(), None)))
                            .collect(),
                        selected: &|v| v == form.area,
                    }.render(ctx, errors))
                }
                (Input::new("accessibility", ctx.t("sites-accessibility"), &form.accessibility)
                    .hint(ctx.t("sites-accessibility-hint")).textarea().render(ctx, errors))
                (choices(ctx, errors, "languages", "checkbox", &ctx.t("sites-languages"), None,
                    &language_choices, |code| form.languages.iter().any(|l| l == code)))
                (Input::new("slot_minutes", ctx.t("sites-slot"), &form.slot_minutes)
                    .hint(ctx.t("sites-slot-hint")).numeric().ltr().required().render(ctx, errors))
                (choices(ctx, errors, "active", "checkbox", &ctx.t("sites-active-legend"), None,
                    &[Choice { code: "yes".into(), label: ctx.t("sites-active"), hint: Some(ctx.t("sites-active-hint")) }],
                    |_| form.active))
                p { button type="submit" { (ctx.t("admin-save")) } }
            }
            @if let (Mode::Edit { id, .. }, Some(part)) = (mode, hours) {
                (hours_section(ctx, user, id, part))
                section aria-labelledby="site-closures" {
                    h2 id="site-closures" { (ctx.t("sites-closures")) }
                    (closure_list(ctx, user, part.closures, false))
                    p { a href="/sites#closures" { (ctx.t("sites-closures-manage")) } }
                }
                section aria-labelledby="delete-site" {
                    h2 id="delete-site" { (ctx.t("sites-delete")) }
                    p.hint { (ctx.t("sites-delete-hint")) }
                    form method="post" action={ "/sites/" (id) "/delete" } {
                        (csrf_field(&user.csrf_token))
                        button.secondary type="submit" { (ctx.t("sites-delete")) }
                    }
                }
            }
            p { a href="/sites" { (ctx.t("sites-back")) } }
        },
    )
}

fn hours_section(ctx: &Ctx, user: &CurrentUser, site_id: i64, part: &HoursPart<'_>) -> Markup {
    let errors = part.errors;
    let form = part.form;
    html! {
        section aria-labelledby="hours" {
            h2 id="hours" { (ctx.t("sites-hours")) }
            p.hint { (ctx.t("sites-hours-hint")) }
            @if part.hours.is_empty() {
                p { (ctx.t("sites-hours-none")) }
            } @else {
                div.table-wrap {
                    table {
                        caption { (ctx.t("sites-hours")) }
                        thead { tr {
                            th scope="col" { (ctx.t("sites-hours-weekday")) }
                            th scope="col" { (ctx.t("sites-hours-time")) }
                            th scope="col" { (ctx.t("sites-hours-navigator")) }
                            th scope="col" { span.visually-hidden { (ctx.t("sites-remove")) } }
                        } }
                        tbody {
                            @for h in part.hours {
                                tr {
                                    th scope="row" { (weekday_name(ctx, h.weekday)) }
                                    td dir="ltr" { (clock(h.start_minute)) "–" (clock(h.end_minute)) }
                                    td { (h.navigator_name) }
                                    td {
                                        form.inline method="post" action={ "/sites/" (site_id) "/hours/" (h.id) "/delete" } {
                                            (csrf_field(&user.csrf_token))
                                            button.secondary type="submit" { (ctx.t("sites-remove")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (ctx.t("sites-hours-add")) }
            @if let Some(o) = part.overlap {
                (alert(&ctx.t("sites-hours-overlap-title"), &ctx.tr().ta("sites-hours-overlap", &[
                    ("navigator", o.navigator_name.as_str().into()),
                    ("site", o.site_name.as_str().into()),
                    ("weekday", weekday_name(ctx, o.weekday).into()),
                    ("start", clock(o.start_minute).into()),
                    ("end", clock(o.end_minute).into()),
                ])))
            }
            (error_summary(ctx, errors))
            form method="post" action={ "/sites/" (site_id) "/hours" } novalidate {
                (csrf_field(&user.csrf_token))
                (Select {
                    name: "navigator",
                    label: ctx.t("sites-hours-navigator"),
                    hint: None,
                    options: std::iter::once((String::new(), ctx.t("admin-choose"), None))
                        .chain(part.navigators.iter().map(|(id, name)| (id.to_string(), name.clone(), None)))
                        .collect(),
                    selected: &|v| v == form.navigator,
                }.render(ctx, errors))
                (Select {
                    name: "weekday",
                    label: ctx.t("sites-hours-weekday"),
                    hint: None,
                    options: (1..=7).map(|d| (d.to_string(), weekday_name(ctx, d), None)).collect(),
                    selected: &|v| v == form.weekday,
                }.render(ctx, errors))
                (Input::new("start", ctx.t("sites-hours-start"), &form.start)
                    .kind("time").hint(ctx.t("sites-hours-time-hint")).ltr().required().render(ctx, errors))
                (Input::new("end", ctx.t("sites-hours-end"), &form.end)
                    .kind("time").ltr().required().render(ctx, errors))
                p { button type="submit" { (ctx.t("sites-hours-add")) } }
            }
        }
    }
}
