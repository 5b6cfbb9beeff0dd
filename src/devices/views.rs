//! Pages of the inventory: the list with its filters, summary and spreadsheet upload; a new
//! device's form; one device with its form, its status and its history. Texts are in
//! `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::form::DeviceForm;
use super::inventory::ListQuery;
use super::model::{Condition, Kind, Status};
use super::spreadsheet::{Problem, COLUMNS};
use super::store::{Device, HistoryEntry};
use crate::auth::CurrentUser;
use crate::i18n::Lang;
use crate::web::form::{alert, error_summary, FieldError, Input, Select};
use crate::web::staff::{csrf_field, staff_page};
use crate::web::table::PagedTable;
use crate::web::Ctx;

/// The programs and sites a device may name: (id, name), by name.
#[derive(Clone, Debug, Default)]
pub struct Choices {
    pub programs: Vec<(i64, String)>,
    pub sites: Vec<(i64, String)>,
}

/// What the list page shows.
pub struct ListPage<'a> {
    pub query: &'a ListQuery,
    pub devices: &'a [Device],
    pub page: i64,
    pub more: bool,
    pub counts: &'a [(Status, i64)],
    pub choices: &'a Choices,
    /// May change the inventory: the links to add, download and upload.
    pub manager: bool,
    /// How many devices an upload just added.
    pub imported: Option<i64>,
    /// What is wrong with the file just uploaded (nothing was stored).
    pub problems: &'a [Problem],
}

const COLUMNS_SHOWN: [&str; 7] = [
    "devices-col-tag",
    "devices-col-kind",
    "devices-col-serial",
    "devices-col-program",
    "devices-col-site",
    "devices-col-condition",
    "devices-col-status",
];

fn title_with_errors(ctx: &Ctx, title: &str, failed: bool) -> String {
    if failed {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    } else {
        title.to_owned()
    }
}

/// Options of a select: "any" (or "none") first, then `items`.
fn options(
    first: String,
    items: impl Iterator<Item = (String, String)>,
) -> Vec<(String, String, Option<&'static str>)> {
    std::iter::once((String::new(), first, None))
        .chain(items.map(|(value, text)| (value, text, None)))
        .collect()
}

fn named(list: &[(i64, String)]) -> impl Iterator<Item = (String, String)> + '_ {
    list.iter().map(|(id, name)| (id.to_string(), name.clone()))
}

fn coded<T: Copy>(
    ctx: &Ctx,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> String,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_owned(), ctx.t(&label(*v))))
        .collect()
}

pub fn list(ctx: &Ctx, user: &CurrentUser, p: &ListPage<'_>) -> Markup {
    let heading = ctx.t("devices-title");
    let title = title_with_errors(ctx, &heading, !p.problems.is_empty());
    let q = p.query;
    let link = |n: i64| q.link(n);
    let table = PagedTable::new(ctx, &COLUMNS_SHOWN, p.page, p.more)
        .caption("devices-caption", "devices-caption")
        .when_empty("devices-empty")
        .pages("devices-pages", &link)
        .render(p.devices, |d| {
            html! {
                tr {
                    th scope="row" { a href={ "/devices/" (d.id) } dir="auto" { (d.asset_tag) } }
                    td { (ctx.t(&d.kind.label())) }
                    td dir="auto" { (d.serial) }
                    td { (d.program_name) }
                    td { (d.site_name.clone().unwrap_or_default()) }
                    td { (ctx.t(&d.condition.label())) }
                    td { (ctx.t(&d.status.label())) }
                }
            }
        });
    let any = || ctx.t("devices-filter-any");
    staff_page(
        ctx,
        user,
        &title,
        &heading,
        html! { div.inventory {
            @if let Some(n) = p.imported {
                div.notice role="status" { p { (ctx.tr().ta("devices-imported", &[("count", n.into())])) } }
            }
            @if !p.problems.is_empty() {
                (problems(ctx, p.problems))
            }
            @if !p.counts.is_empty() {
                p.devices-counts {
                    @for (i, (status, n)) in p.counts.iter().enumerate() {
                        @if i > 0 { " · " }
                        (ctx.t(&status.label())) ": " (ctx.tr().number(*n))
                    }
                }
            }
            @if p.manager {
                p {
                    a href="/devices/new" { (ctx.t("devices-new-link")) }
                    " · "
                    a href="/devices/export.csv" download="devices.csv" { (ctx.t("devices-download")) }
                    " · "
                    a href="#import" { (ctx.t("devices-import")) }
                }
            }
            form.filters method="get" action="/devices" role="search" aria-label=(ctx.t("devices-filter-title")) {
                (Input::new("q", ctx.t("devices-search"), &q.q).hint(ctx.t("devices-search-hint")).kind("search").render(ctx, &[]))
                (Select { name: "kind", label: ctx.t("devices-col-kind"), hint: None,
                    options: options(any(), coded(ctx, Kind::ALL, Kind::code, Kind::label).into_iter()),
                    selected: &|v| v == q.kind }.render(ctx, &[]))
                (Select { name: "status", label: ctx.t("devices-col-status"), hint: None,
                    options: options(any(), coded(ctx, Status::ALL, Status::code, Status::label).into_iter()),
                    selected: &|v| v == q.status }.render(ctx, &[]))
                (Select { name: "program", label: ctx.t("devices-col-program"), hint: None,
                    options: options(any(), named(&p.choices.programs)),
                    selected: &|v| v == q.program }.render(ctx, &[]))
                (Select { name: "site", label: ctx.t("devices-col-site"), hint: None,
                    options: options(any(), named(&p.choices.sites)),
                    selected: &|v| v == q.site }.render(ctx, &[]))
                p {
                    button type="submit" { (ctx.t("devices-filter-submit")) }
                    " "
                    a href="/devices" { (ctx.t("devices-filter-clear")) }
                }
            }
            (table)
            @if p.manager {
                (import_form(ctx, user))
            }
        } },
    )
}

/// Why an uploaded file stored nothing, one line per problem.
fn problems(ctx: &Ctx, problems: &[Problem]) -> Markup {
    html! {
        div.error-summary role="alert" aria-labelledby="import-problems" tabindex="-1" autofocus {
            h2 #import-problems { (ctx.t("devices-import-refused")) }
            ul {
                @for problem in problems {
                    @let (id, args) = problem.message();
                    li { (ctx.tr().ta(id, &args)) }
                }
            }
        }
    }
}

fn import_form(ctx: &Ctx, user: &CurrentUser) -> Markup {
    html! {
        section aria-labelledby="import" {
            h2 id="import" { (ctx.t("devices-import")) }
            p.hint id="f-file-hint" {
                (ctx.tr().ta("devices-import-hint", &[("columns", COLUMNS.join(", ").into())]))
            }
            form method="post" action="/devices/import" enctype="multipart/form-data" {
                (csrf_field(&user.csrf_token))
                div.field {
                    label for="f-file" { (ctx.t("devices-import-file")) }
                    input id="f-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="f-file-hint";
                }
                p { button type="submit" { (ctx.t("devices-import-submit")) } }
            }
        }
    }
}

/// The fields of the device form.
fn fields(ctx: &Ctx, form: &DeviceForm, choices: &Choices, errors: &[FieldError]) -> Markup {
    html! {
        (Input::new("asset_tag", ctx.t("devices-tag"), &form.asset_tag)
            .hint(ctx.t("devices-tag-hint")).ltr().required().render(ctx, errors))
        (Select { name: "kind", label: ctx.t("devices-col-kind"), hint: None,
            options: coded(ctx, Kind::ALL, Kind::code, Kind::label).into_iter().map(|(v, t)| (v, t, None)).collect(),
            selected: &|v| v == form.kind }.render(ctx, errors))
        (Input::new("serial", ctx.t("devices-col-serial"), &form.serial).ltr().render(ctx, errors))
        (Select { name: "program", label: ctx.t("devices-col-program"), hint: Some(ctx.t("devices-program-hint")),
            options: options(ctx.t("admin-choose"), named(&choices.programs)),
            selected: &|v| v == form.program }.render(ctx, errors))
        (Select { name: "site", label: ctx.t("devices-col-site"), hint: Some(ctx.t("devices-site-hint")),
            options: options(ctx.t("devices-no-site"), named(&choices.sites)),
            selected: &|v| v == form.site }.render(ctx, errors))
        (Select { name: "condition", label: ctx.t("devices-col-condition"), hint: None,
            options: coded(ctx, Condition::ALL, Condition::code, Condition::label).into_iter().map(|(v, t)| (v, t, None)).collect(),
            selected: &|v| v == form.condition }.render(ctx, errors))
        (Input::new("notes", ctx.t("devices-notes"), &form.notes)
            .hint(ctx.t("devices-notes-hint")).textarea().render(ctx, errors))
    }
}

pub fn new_page(
    ctx: &Ctx,
    user: &CurrentUser,
    form: &DeviceForm,
    choices: &Choices,
    errors: &[FieldError],
) -> Markup {
    let heading = ctx.t("devices-new-title");
    let title = title_with_errors(ctx, &heading, !errors.is_empty());
    staff_page(
        ctx,
        user,
        &title,
        &heading,
        html! {
            (error_summary(ctx, errors))
            form method="post" action="/devices/new" novalidate {
                (csrf_field(&user.csrf_token))
                (fields(ctx, form, choices, errors))
                p { button type="submit" { (ctx.t("devices-add")) } }
            }
            p { a href="/devices" { (ctx.t("devices-back")) } }
        },
    )
}

/// What a device's page says above its form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Notice {
    #[default]
    None,
    Saved,
    StatusChanged,
    /// Someone else changed the device after the page was drawn: it shows theirs now.
    Conflict,
    /// A resident has it: the loan brings it back.
    OnLoan,
    NotByHand,
    NoteTooLong,
}

/// What a device's page shows.
pub struct DevicePage<'a> {
    pub device: &'a Device,
    pub history: &'a [HistoryEntry],
    /// May change it: the forms.
    pub manager: bool,
    pub form: &'a DeviceForm,
    pub version: i64,
    pub choices: &'a Choices,
    pub errors: &'a [FieldError],
    pub notice: Notice,
}

pub fn device_page(ctx: &Ctx, user: &CurrentUser, p: &DevicePage<'_>) -> Markup {
    let d = p.device;
    let heading = ctx.tr().ta(
        "devices-device-title",
        &[("tag", d.asset_tag.as_str().into())],
    );
    let failed = !p.errors.is_empty()
        || matches!(
            p.notice,
            Notice::Conflict | Notice::OnLoan | Notice::NotByHand | Notice::NoteTooLong
        );
    let title = title_with_errors(ctx, &heading, failed);
    let refused = |message: &str| alert(&ctx.t("devices-status-refused"), &ctx.t(message));
    staff_page(
        ctx,
        user,
        &title,
        &heading,
        html! {
            @match p.notice {
                Notice::Saved => div.notice role="status" { p { (ctx.t("devices-saved")) } },
                Notice::StatusChanged => div.notice role="status" { p { (ctx.t("devices-status-changed")) } },
                Notice::Conflict => (alert(&ctx.t("admin-conflict-title"), &ctx.t("devices-conflict"))),
                Notice::OnLoan => (refused("devices-status-on-loan")),
                Notice::NotByHand => (refused("devices-status-not-by-hand")),
                Notice::NoteTooLong => (refused("device-error-notes")),
                Notice::None => {},
            }
            dl.device-summary {
                dt { (ctx.t("devices-col-status")) } dd { (ctx.t(&d.status.label())) }
                dt { (ctx.t("devices-col-kind")) } dd { (ctx.t(&d.kind.label())) }
                dt { (ctx.t("devices-col-program")) } dd { a href={ "/programs/" (d.program_id) } { (d.program_name) } }
                dt { (ctx.t("devices-col-site")) } dd { (d.site_name.clone().unwrap_or_else(|| ctx.t("devices-no-site"))) }
                dt { (ctx.t("devices-col-condition")) } dd { (ctx.t(&d.condition.label())) }
                @if !d.serial.is_empty() {
                    dt { (ctx.t("devices-col-serial")) } dd dir="ltr" { (d.serial) }
                }
                @if !p.manager && !d.notes.is_empty() {
                    dt { (ctx.t("devices-notes")) } dd { (d.notes) }
                }
            }
            @if p.manager {
                (status_section(ctx, user, p))
                section aria-labelledby="edit" {
                    h2 id="edit" { (ctx.t("devices-edit")) }
                    (error_summary(ctx, p.errors))
                    form method="post" action={ "/devices/" (d.id) } novalidate {
                        (csrf_field(&user.csrf_token))
                        input type="hidden" name="version" value=(p.version);
                        (fields(ctx, p.form, p.choices, p.errors))
                        p { button type="submit" { (ctx.t("admin-save")) } }
                    }
                }
            }
            (history(ctx, p.history))
            p { a href="/devices" { (ctx.t("devices-back")) } }
        },
    )
}

/// The status set by hand, and retiring in one press.
fn status_section(ctx: &Ctx, user: &CurrentUser, p: &DevicePage<'_>) -> Markup {
    let d = p.device;
    let action = format!("/devices/{}/status", d.id);
    html! {
        section aria-labelledby="status" {
            h2 id="status" { (ctx.t("devices-status")) }
            @if d.status == Status::OnLoan {
                p.hint { (ctx.t("devices-status-on-loan")) }
            } @else {
                form method="post" action=(action) {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="version" value=(d.version);
                    (Select { name: "status", label: ctx.t("devices-status-new"), hint: None,
                        options: coded(ctx, Status::SET_BY_HAND, Status::code, Status::label).into_iter().map(|(v, t)| (v, t, None)).collect(),
                        selected: &|v| v == d.status.code() }.render(ctx, &[]))
                    (Input::new("note", ctx.t("devices-status-note"), "").hint(ctx.t("devices-status-note-hint")).render(ctx, &[]))
                    p { button type="submit" { (ctx.t("devices-status-submit")) } }
                }
                @if d.status != Status::Retired {
                    form method="post" action=(action) {
                        (csrf_field(&user.csrf_token))
                        input type="hidden" name="version" value=(d.version);
                        input type="hidden" name="status" value=(Status::Retired.code());
                        p.hint id="retire-hint" { (ctx.t("devices-retire-hint")) }
                        p { button.secondary type="submit" aria-describedby="retire-hint" { (ctx.t("devices-retire")) } }
                    }
                }
            }
        }
    }
}

/// A status code from the history, named (an unknown one as stored).
fn status_name(ctx: &Ctx, code: &str) -> String {
    Status::parse(code).map_or_else(|| code.to_owned(), |s| ctx.t(&s.label()))
}

/// What happened, named: `device-event-<action>` (lending's own words included), else the
/// action as stored, so a history written by a newer version still reads.
fn action_name(ctx: &Ctx, action: &str) -> String {
    let id = format!("device-event-{action}");
    if ctx.state.i18n.has(Lang::EN, &id) {
        ctx.t(&id)
    } else {
        action.to_owned()
    }
}

/// The fields an edit changed (stored as their names, comma-separated), named.
fn changed_fields(ctx: &Ctx, detail: &str) -> String {
    detail
        .split(',')
        .map(|field| match field.trim() {
            "asset_tag" => ctx.t("devices-col-tag"),
            "notes" => ctx.t("devices-notes"),
            other => ctx.t(&format!("devices-col-{other}")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn history(ctx: &Ctx, entries: &[HistoryEntry]) -> Markup {
    html! {
        section aria-labelledby="history" {
            h2 id="history" { (ctx.t("devices-history")) }
            @if entries.is_empty() {
                p { (ctx.t("devices-history-none")) }
            } @else {
                // Focusable, so a keyboard can scroll it on a narrow screen (it has no links).
                div.table-wrap tabindex="0" role="region" aria-labelledby="history" {
                    table aria-labelledby="history" {
                        thead { tr {
                            th scope="col" { (ctx.t("devices-history-when")) }
                            th scope="col" { (ctx.t("devices-history-who")) }
                            th scope="col" { (ctx.t("devices-history-what")) }
                            th scope="col" { (ctx.t("devices-history-detail")) }
                        } }
                        tbody {
                            @for e in entries {
                                tr {
                                    td { (crate::web::format::when(ctx, e.at)) }
                                    td { (e.user_name.clone().unwrap_or_else(|| ctx.t("case-event-no-actor"))) }
                                    td { (action_name(ctx, &e.action)) }
                                    td {
                                        @if let (Some(from), Some(to)) = (&e.from_status, &e.to_status) {
                                            (status_name(ctx, from)) " → " (status_name(ctx, to))
                                        } @else if let Some(to) = &e.to_status {
                                            (status_name(ctx, to))
                                        }
                                        @if let Some(loan) = e.loan_id {
                                            " " (ctx.tr().ta("devices-history-loan", &[("loan", loan.into())]))
                                        }
                                        @if !e.detail.is_empty() {
                                            @if e.from_status.is_some() || e.to_status.is_some() || e.loan_id.is_some() { " · " }
                                            @if e.action == "edited" { (changed_fields(ctx, &e.detail)) } @else { (e.detail) }
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
