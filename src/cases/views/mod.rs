//! Staff pages for cases: the caseload (my cases, the queue, or all open cases) and one case
//! with its resident, timeline and forms, each section of it in its own file. Texts are in
//! `locales/<lang>/staff.ftl`.

mod actions;
mod appointment;
mod case_page;
mod caseload;
mod contact;
mod day;
mod devices;
mod outcome;
mod programs;
mod timeline;

use maud::{html, Markup};

use super::store::{CaseDetail, NavigatorChoice};
use crate::auth::CurrentUser;
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

pub use actions::stored_day;
pub use case_page::{case_page, CaseForms, CasePage, Suggestion};
pub use caseload::{caseload, Caseload, FilterForm, Section, SectionKind};
pub use day::{Day, DayGroup, DayKind};

fn status_label(ctx: &Ctx, status: CaseStatus) -> String {
    ctx.t(&format!("case-status-{}", status.code()))
}

fn language_name(code: &str) -> String {
    Lang::parse(code).map_or_else(|| code.to_owned(), |l| l.info().native_name.to_owned())
}

/// Text with its line breaks kept.
fn multiline(text: &str) -> Markup {
    html! {
        @for (i, line) in text.lines().enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

/// The navigators a case may be given to, each with their load.
fn navigator_options(
    ctx: &Ctx,
    navigators: &[NavigatorChoice],
) -> Vec<(String, String, Option<&'static str>)> {
    let tr = ctx.tr();
    std::iter::once((String::new(), ctx.t("reassign-choose"), None))
        .chain(navigators.iter().map(|n| {
            (
                n.id.to_string(),
                tr.ta(
                    "reassign-navigator-option",
                    &[
                        ("name", n.name.as_str().into()),
                        ("open", n.open_cases.into()),
                        ("capacity", n.capacity.into()),
                    ],
                ),
                None,
            )
        }))
        .collect()
}

/// A form that changes the case (`POST /cases/{id}/{action}`), carrying the version it was
/// drawn from so that a change made meanwhile by someone else is not overwritten.
fn case_form(user: &CurrentUser, case: &CaseDetail, action: &str, fields: Markup) -> Markup {
    html! {
        form method="post" action={ "/cases/" (case.id) "/" (action) } novalidate {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="version" value=(case.version);
            (fields)
        }
    }
}
