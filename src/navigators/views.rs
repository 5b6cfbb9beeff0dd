//! Pages for navigator profiles: the list and the form (new or edit). Texts are in
//! `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::form::NavigatorForm;
use super::store::NavigatorLine;
use crate::areas::choices::AreaChoice;
use crate::auth::CurrentUser;
use crate::domain::{split_codes, Need};
use crate::i18n::Lang;
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{choices, error_summary, Choice, Input, Select};
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

fn skill_names(ctx: &Ctx, codes: &str) -> String {
    split_codes(codes, Need::parse)
        .iter()
        .map(|n| ctx.t(&format!("need-{}", n.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The column headings of the list, in order.
const COLUMNS: [&str; 6] = [
    "navigators-col-name",
    "navigators-col-languages",
    "navigators-col-skills",
    "navigators-col-load",
    "navigators-col-areas",
    "navigators-col-active",
];

pub fn list(
    ctx: &Ctx,
    user: &CurrentUser,
    lines: &[NavigatorLine],
    page_no: i64,
    more: bool,
) -> Markup {
    let title = ctx.t("navigators-title");
    let table = PagedTable::new(ctx, &COLUMNS, page_no, more)
        .when_empty("navigators-empty")
        .pages("navigators-pages", &|n| format!("/navigators?page={n}"))
        .render(lines, |n| row(ctx, n));
    staff_page(
        ctx,
        user,
        &title,
        &title,
        html! {
            p { a href="/navigators/new" { (ctx.t("navigators-new-link")) } }
            (table)
        },
    )
}

fn row(ctx: &Ctx, n: &NavigatorLine) -> Markup {
    let load = ctx.tr().ta(
        "navigators-load",
        &[
            ("open", n.open_cases.into()),
            ("capacity", n.capacity.into()),
        ],
    );
    html! {
        tr {
            th scope="row" { a href={ "/navigators/" (n.id) } { (n.name) } }
            td { (language_names(&n.languages)) }
            td { (skill_names(ctx, &n.skills)) }
            td { (load) }
            td { (n.areas) }
            td { (yes_no(ctx, n.active)) }
        }
    }
}

/// Which form: a new profile (for one of `users`) or an existing one.
pub enum Mode<'a> {
    New {
        users: &'a [(i64, String, String)],
        selected: &'a str,
    },
    Edit {
        id: i64,
        name: &'a str,
        email: &'a str,
        version: i64,
    },
}

/// What the page says above the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Notice {
    #[default]
    None,
    Saved,
    /// Someone else saved this profile after the form was drawn: it shows theirs now.
    Conflict,
}

#[allow(clippy::too_many_arguments)]
pub fn form_page(
    ctx: &Ctx,
    user: &CurrentUser,
    mode: &Mode<'_>,
    form: &NavigatorForm,
    areas: &[AreaChoice],
    errors: &[FieldError],
    notice: Notice,
) -> Markup {
    let title = match mode {
        Mode::New { .. } => ctx.t("navigators-new-title"),
        Mode::Edit { name, .. } => ctx
            .tr()
            .ta("navigators-edit-title", &[("name", (*name).into())]),
    };
    let page_title = if errors.is_empty() && notice != Notice::Conflict {
        title.clone()
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    let action = match mode {
        Mode::New { .. } => "/navigators/new".to_owned(),
        Mode::Edit { id, .. } => format!("/navigators/{id}"),
    };
    let language_choices: Vec<Choice> = Lang::all()
        .map(|l| Choice {
            code: l.code().into(),
            label: l.info().native_name.to_owned(),
            hint: None,
        })
        .collect();
    let skill_choices: Vec<Choice> = Need::ALL
        .iter()
        .map(|n| Choice {
            code: n.code().into(),
            label: ctx.t(&format!("need-{}", n.code())),
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
                Notice::Saved => div.notice role="status" { p { (ctx.t("navigators-saved")) } },
                Notice::Conflict => (alert(&ctx.t("admin-conflict-title"), &ctx.t("navigators-conflict"))),
                Notice::None => {},
            }
            (error_summary(ctx, errors))
            @if let Mode::Edit { email, .. } = mode {
                p { (email) }
            }
            @if let Mode::New { users, .. } = mode {
                @if users.is_empty() {
                    p { (ctx.t("navigators-new-none")) }
                }
            }
            form method="post" action=(action) novalidate {
                (csrf_field(&user.csrf_token))
                @match mode {
                    Mode::Edit { version, .. } => input type="hidden" name="version" value=(version);,
                    Mode::New { users, selected } => {
                        (Select {
                            name: "user_id",
                            label: ctx.t("navigators-user"),
                            hint: Some(ctx.t("navigators-user-hint")),
                            options: std::iter::once((String::new(), ctx.t("admin-choose"), None))
                                .chain(users.iter().map(|(id, name, email)| (id.to_string(), format!("{name} ({email})"), None)))
                                .collect(),
                            selected: &|v| v == *selected,
                        }.render(ctx, errors))
                    }
                }
                (choices(ctx, errors, "languages", "checkbox", &ctx.t("navigators-languages"), None,
                    &language_choices, checked_in(&form.languages)))
                (choices(ctx, errors, "skills", "checkbox", &ctx.t("navigators-skills"), None,
                    &skill_choices, checked_in(&form.skills)))
                (Input::new("capacity", ctx.t("navigators-capacity"), &form.capacity)
                    .hint(ctx.t("navigators-capacity-hint")).numeric().ltr().required().render(ctx, errors))
                fieldset.section {
                    legend { h2 { (ctx.t("navigators-home")) } }
                    p.hint { (ctx.t("navigators-home-hint")) }
                    (Input::new("home_lat", ctx.t("navigators-home-lat"), &form.home_lat).ltr().render(ctx, errors))
                    (Input::new("home_lon", ctx.t("navigators-home-lon"), &form.home_lon).ltr().render(ctx, errors))
                    (Input::new("travel_radius_km", ctx.t("navigators-radius"), &form.travel_radius_km)
                        .hint(ctx.t("navigators-radius-hint")).ltr().render(ctx, errors))
                }
                @if area_choices.is_empty() {
                    p { (ctx.t("admin-no-areas")) }
                } @else {
                    (choices(ctx, errors, "areas", "checkbox", &ctx.t("navigators-areas"), None,
                        &area_choices, checked_in(&form.areas)))
                }
                (choices(ctx, errors, "active", "checkbox", &ctx.t("navigators-active-legend"), None,
                    &[Choice { code: "yes".into(), label: ctx.t("navigators-active"), hint: Some(ctx.t("navigators-active-hint")) }],
                    |_| form.active))
                p { button type="submit" { (ctx.t("admin-save")) } }
            }
            p { a href="/navigators" { (ctx.t("navigators-back")) } }
        },
    )
}
