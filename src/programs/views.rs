//! Pages for resource programs: the list, one program (read-only for navigators), and the
//! form (new or edit). Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::form::ProgramForm;
use super::store::ProgramLine;
use crate::areas::choices::AreaChoice;
use crate::auth::CurrentUser;
use crate::domain::{split_codes, Benefit, ProgramCategory};
use crate::i18n::Lang;
use crate::sites::store::Site;
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{choices, error_summary, Choice, Input, Select};
use crate::web::format::format_date;
use crate::web::staff::{csrf_field, staff_page};
use crate::web::table::PagedTable;
use crate::web::Ctx;

fn category_names(ctx: &Ctx, codes: &[String]) -> String {
    codes
        .iter()
        .filter_map(|c| ProgramCategory::parse(c))
        .map(|c| ctx.t(&format!("program-category-{}", c.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

fn capacity_text(ctx: &Ctx, capacity: Option<i64>) -> String {
    capacity.map_or_else(|| ctx.t("programs-not-limited"), |c| c.to_string())
}

/// The places of a program whose devices are in the inventory: its available devices.
fn inventory_text(ctx: &Ctx, available: i64) -> String {
    ctx.tr()
        .ta("programs-from-inventory", &[("count", available.into())])
}

/// A program's places as a line of the list or the read-only page shows them.
fn places_text(ctx: &Ctx, capacity: Option<i64>, from_inventory: bool) -> String {
    match capacity {
        Some(n) if from_inventory => inventory_text(ctx, n),
        _ => capacity_text(ctx, capacity),
    }
}

fn verified_text(ctx: &Ctx, at: Option<i64>) -> String {
    at.map_or_else(|| ctx.t("programs-never"), |at| format_date(ctx, at))
}

fn status_text(ctx: &Ctx, status: &str) -> String {
    match status {
        "active" | "inactive" => ctx.t(&format!("program-status-{status}")),
        other => other.to_owned(),
    }
}

/// The column headings of the list, in order.
const COLUMNS: [&str; 6] = [
    "program-name",
    "program-organization",
    "program-categories",
    "program-capacity",
    "program-status",
    "program-last-verified",
];

pub fn list(
    ctx: &Ctx,
    user: &CurrentUser,
    lines: &[ProgramLine],
    page_no: i64,
    more: bool,
    can_edit: bool,
) -> Markup {
    let title = ctx.t("programs-title");
    let table = PagedTable::new(ctx, &COLUMNS, page_no, more)
        .when_empty("programs-empty")
        .pages("programs-pages", &|n| format!("/programs?page={n}"))
        .render(lines, |p| row(ctx, p));
    staff_page(
        ctx,
        user,
        &title,
        &title,
        html! {
            @if can_edit {
                p { a href="/programs/new" { (ctx.t("programs-new-link")) } }
            }
            (table)
            p { (ctx.t("programs-open-data")) " " a href="/api/hsds/" { "/api/hsds/" } }
        },
    )
}

fn row(ctx: &Ctx, p: &ProgramLine) -> Markup {
    let codes: Vec<String> = p.categories.split(',').map(str::to_owned).collect();
    html! {
        tr {
            th scope="row" { a href={ "/programs/" (p.id) } { (p.name) } }
            td { (p.organization) }
            td { (category_names(ctx, &codes)) }
            td { (places_text(ctx, p.capacity_available, p.from_inventory)) }
            td {
                (status_text(ctx, &p.status))
                @if p.draft {
                    " " strong { (ctx.t("program-draft")) }
                }
            }
            td { (verified_text(ctx, p.last_verified_at)) }
        }
    }
}

/// One program for someone who may not change it.
pub fn read_only(
    ctx: &Ctx,
    user: &CurrentUser,
    form: &ProgramForm,
    sites: &[Site],
    (last_verified_at, inventory): (Option<i64>, Option<i64>),
) -> Markup {
    let title = form.name.clone();
    let none = ctx.t("programs-none");
    let or_none = |s: String| if s.trim().is_empty() { none.clone() } else { s };
    let benefits = split_codes(&form.qualifying_benefits.join(","), Benefit::parse)
        .iter()
        .map(|b| ctx.t(&format!("benefit-{}", b.code())))
        .collect::<Vec<_>>()
        .join(", ");
    let languages = split_codes(&form.languages.join(","), Lang::parse)
        .iter()
        .map(|l| l.info().native_name)
        .collect::<Vec<_>>()
        .join(", ");
    staff_page(
        ctx,
        user,
        &title,
        &title,
        html! {
            dl.summary {
                dt { (ctx.t("program-organization")) } dd { (form.organization) }
                dt { (ctx.t("program-description")) } dd { (or_none(form.description.clone())) }
                dt { (ctx.t("program-categories")) } dd { (category_names(ctx, &form.categories)) }
                dt { (ctx.t("program-income")) } dd { (or_none(form.max_income_pct_fpg.clone())) }
                dt { (ctx.t("program-benefits")) } dd { (or_none(benefits)) }
                dt { (ctx.t("program-min-age")) } dd { (or_none(form.min_age.clone())) }
                dt { (ctx.t("program-languages")) } dd { (languages) }
                dt { (ctx.t("program-cost")) } dd { (or_none(form.cost.clone())) }
                dt { (ctx.t("program-url")) }
                dd {
                    @if form.url.is_empty() { (none) } @else { a href=(form.url) dir="ltr" { (form.url) } }
                }
                dt { (ctx.t("program-phone")) } dd dir="ltr" { (or_none(form.phone.clone())) }
                dt { (ctx.t("program-application")) } dd { (or_none(form.application_process.clone())) }
                dt { (ctx.t("program-capacity")) }
                dd { (inventory.map_or_else(|| capacity_text(ctx, form.capacity_available.parse().ok()), |n| inventory_text(ctx, n))) }
                dt { (ctx.t("program-site")) }
                dd { (or_none(sites.iter().find(|s| s.id.to_string() == form.site).map(|s| s.name.clone()).unwrap_or_default())) }
                dt { (ctx.t("program-status")) } dd { (status_text(ctx, &form.status)) }
                dt { (ctx.t("program-last-verified")) } dd { (verified_text(ctx, last_verified_at)) }
            }
            p { a href="/programs" { (ctx.t("programs-back")) } }
        },
    )
}

/// What the form page says above the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Notice {
    #[default]
    None,
    Saved,
    Verified,
    /// Someone else saved the program after the form was drawn: it shows theirs now.
    Conflict,
}

/// An existing program's id, version and last check, or none for a new one.
#[derive(Clone, Copy, Debug)]
pub struct Existing {
    pub id: i64,
    pub version: i64,
    pub last_verified_at: Option<i64>,
    /// `Some(available devices)`: the places come from the inventory, not from the form.
    pub inventory: Option<i64>,
}

fn code_choices<T: Copy>(
    ctx: &Ctx,
    all: &[T],
    code: fn(T) -> &'static str,
    prefix: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|item| Choice {
            code: code(*item).into(),
            label: ctx.t(&format!("{prefix}-{}", code(*item))),
            hint: None,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub fn form_page(
    ctx: &Ctx,
    user: &CurrentUser,
    existing: Option<Existing>,
    form: &ProgramForm,
    (areas, sites): (&[AreaChoice], &[Site]),
    errors: &[FieldError],
    notice: Notice,
) -> Markup {
    let title = match existing {
        None => ctx.t("programs-new-title"),
        Some(_) => ctx.tr().ta(
            "programs-edit-title",
            &[("name", form.name.as_str().into())],
        ),
    };
    let page_title = if errors.is_empty() && notice != Notice::Conflict {
        title.clone()
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    let action = existing.map_or_else(
        || "/programs/new".to_owned(),
        |e| format!("/programs/{}", e.id),
    );
    let language_choices: Vec<Choice> = Lang::all()
        .map(|l| Choice {
            code: l.code().into(),
            label: l.info().native_name.to_owned(),
            hint: None,
        })
        .collect();
    let area_choices: Vec<Choice> = areas
        .iter()
        .map(|a| Choice {
            code: a.id.to_string().into(),
            label: a.name.clone(),
            hint: None,
        })
        .collect();
    let status_choices = vec![
        Choice {
            code: "active".into(),
            label: ctx.t("program-status-active"),
            hint: None,
        },
        Choice {
            code: "inactive".into(),
            label: ctx.t("program-status-inactive"),
            hint: None,
        },
    ];
    let checked_in = |list: &[String]| {
        let list = list.to_vec();
        move |code: &str| list.iter().any(|c| c == code)
    };
    staff_page(
        ctx,
        user,
        &page_title,
        &title,
        html! {
            @match notice {
                Notice::Saved => div.notice role="status" { p { (ctx.t("programs-saved")) } },
                Notice::Verified => div.notice role="status" { p { (ctx.t("programs-verified")) } },
                Notice::Conflict => (alert(&ctx.t("admin-conflict-title"), &ctx.t("programs-conflict"))),
                Notice::None => {},
            }
            (error_summary(ctx, errors))
            @if let Some(e) = existing {
                p { (ctx.t("program-last-verified")) ": " (verified_text(ctx, e.last_verified_at)) }
                form method="post" action={ "/programs/" (e.id) "/verify" } {
                    (csrf_field(&user.csrf_token))
                    p { button type="submit" { (ctx.t("programs-verify")) } }
                }
            }
            form method="post" action=(action) novalidate {
                (csrf_field(&user.csrf_token))
                @if let Some(e) = existing {
                    input type="hidden" name="version" value=(e.version);
                }
                (Input::new("organization", ctx.t("program-organization"), &form.organization).required().render(ctx, errors))
                (Input::new("name", ctx.t("program-name"), &form.name).required().render(ctx, errors))
                (Input::new("description", ctx.t("program-description"), &form.description).textarea().render(ctx, errors))
                (choices(ctx, errors, "categories", "checkbox", &ctx.t("program-categories"), None,
                    &code_choices(ctx, ProgramCategory::ALL, ProgramCategory::code, "program-category"),
                    checked_in(&form.categories)))
                fieldset.section {
                    legend { h2 { (ctx.t("programs-eligibility")) } }
                    (Input::new("max_income_pct_fpg", ctx.t("program-income"), &form.max_income_pct_fpg)
                        .hint(ctx.t("program-income-hint")).numeric().ltr().render(ctx, errors))
                    (choices(ctx, errors, "qualifying_benefits", "checkbox", &ctx.t("program-benefits"),
                        Some(&ctx.t("program-benefits-hint")),
                        &code_choices(ctx, Benefit::ALL, Benefit::code, "benefit"),
                        checked_in(&form.qualifying_benefits)))
                    (Input::new("min_age", ctx.t("program-min-age"), &form.min_age)
                        .hint(ctx.t("program-min-age-hint")).numeric().ltr().render(ctx, errors))
                }
                (choices(ctx, errors, "languages", "checkbox", &ctx.t("program-languages"), None,
                    &language_choices, checked_in(&form.languages)))
                (Input::new("cost", ctx.t("program-cost"), &form.cost).render(ctx, errors))
                (Input::new("url", ctx.t("program-url"), &form.url)
                    .hint(ctx.t("program-url-hint")).kind("url").ltr().render(ctx, errors))
                (Input::new("phone", ctx.t("program-phone"), &form.phone).kind("tel").ltr().render(ctx, errors))
                (Input::new("application_process", ctx.t("program-application"), &form.application_process)
                    .textarea().render(ctx, errors))
                @if let Some((id, n)) = existing.and_then(|e| Some((e.id, e.inventory?))) {
                    div.field {
                        p { strong { (ctx.t("program-capacity")) } ": " (inventory_text(ctx, n)) }
                        p.hint { a href={ "/devices?program=" (id) } { (ctx.t("programs-inventory-link")) } }
                    }
                } @else {
                    (Input::new("capacity_available", ctx.t("program-capacity"), &form.capacity_available)
                        .hint(ctx.t("program-capacity-hint")).numeric().ltr().render(ctx, errors))
                }
                (Select {
                    name: "site",
                    label: ctx.t("program-site"),
                    hint: Some(ctx.t("program-site-hint")),
                    options: std::iter::once((String::new(), ctx.t("program-site-none"), None))
                        .chain(sites.iter().map(|s| (s.id.to_string(), s.name.clone(), None)))
                        .collect(),
                    selected: &|v| v == form.site,
                }.render(ctx, errors))
                (choices(ctx, errors, "status", "radio", &ctx.t("program-status"), None,
                    &status_choices, |c| c == form.status))
                @if area_choices.is_empty() {
                    p { (ctx.t("admin-no-areas")) }
                } @else {
                    (choices(ctx, errors, "areas", "checkbox", &ctx.t("program-areas"), Some(&ctx.t("program-areas-hint")),
                        &area_choices, checked_in(&form.areas)))
                }
                p { button type="submit" { (ctx.t("admin-save")) } }
            }
            p { a href="/programs" { (ctx.t("programs-back")) } }
        },
    )
}
