//! The actions beside a case: each group folded (`<details>`) until a navigator opens it, and
//! drawn open when a post from it was refused, so its errors and the typed values show. The
//! forms that record a contact (with the status and follow-up day it leads to), a note, or a
//! status are here; programs, the outcome and texts have files of their own.

use maud::{html, Markup};

use super::case_page::{explain, CaseForms, CasePage};
use super::contact::contact_fields;
use super::{case_form, navigator_options, outcome, programs, status_label};
use crate::auth::CurrentUser;
use crate::cases::store::{CaseDetail, Site};
use crate::cases::texts;
use crate::cases::transitions::{contact_status_choices, is_open, status_choices, Access};
use crate::domain::CaseStatus;
use crate::web::form::{Input, Select};
use crate::web::staff::csrf_field;
use crate::web::Ctx;

/// One folded group: `id` names its heading (for links and labels), `open` unfolds it.
fn group(id: &str, title: &str, open: bool, body: Markup) -> Markup {
    html! {
        details.group open[open] {
            summary { h2 id=(id) { (title) } }
            div.group-body { (body) }
        }
    }
}

/// The action panel: every group this user may use on the case.
pub fn panel(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let full = p.access == Access::Full;
    // After a stale form, the group the user was typing in stays open with what they typed.
    let typed = |values: &[&str]| forms.conflict && values.iter().any(|v| !v.is_empty());
    html! {
        section.case-actions #actions aria-labelledby="actions-title" {
            h2.visually-hidden #actions-title { (ctx.t("case-actions-title")) }
            @if full {
                (group("act-contact", &ctx.t("case-contact-title"),
                    forms.refused_any(&["channel", "place", "minutes", "contact_note", "next_status", "follow_up"])
                        || typed(&[forms.contact_place, forms.contact_minutes, forms.contact_note]),
                    contact_form(ctx, user, case, &p.sites, forms)))
                (group("act-note", &ctx.t("case-note-title"),
                    forms.refused_any(&["note"]) || typed(&[forms.note]),
                    note_form(ctx, user, case, forms)))
            }
            (group("programs", &ctx.t("case-programs-group"),
                forms.refused_any(&["program", "referral_status", "referral_note"])
                    || typed(&[forms.program, forms.referral_note]),
                html! {
                    (programs::eligibility(ctx, user, p))
                    (programs::referrals(ctx, user, p, forms))
                }))
            (group("act-outcome", &ctx.t(if full { "outcome-group" } else { "outcome-title" }),
                forms.refused_any(outcome::FIELDS) || (forms.conflict && forms.outcome.is_some()),
                outcome::section(ctx, user, p, forms)))
            @if full {
                (group("act-status", &ctx.t("case-status-title"),
                    forms.refused_any(&["status"]) || typed(&[forms.status]),
                    status_form(ctx, user, case, forms)))
            }
            @if let Some(t) = &p.texts {
                (group("texts", &ctx.t("case-texts-title"),
                    case.unread_reply() || forms.refused_any(&["message"])
                        || typed(&[forms.text_message]),
                    texts::section(ctx, user, case, t, forms, full)))
            }
            // Appointments (issue 17): book, move or cancel.
            @if full && (is_open(case.status) || p.appointment.is_some()) {
                (group("act-appointment", &ctx.t("case-appt-group"),
                    forms.refused_any(&["slot"]) || forms.show_slots,
                    super::appointment::group(ctx, user, p, forms)))
            }
            // Devices (issue 18): lend or give, check in, extend, mark lost.
            @if full && (is_open(case.status) || !p.loans.is_empty()) {
                (group("act-devices", &ctx.t("loan-group"),
                    // A device out is something to act on: its buttons stay at hand.
                    forms.refused_any(super::devices::FIELDS) || forms.show_stock
                        || p.loans.iter().any(|l| l.is_open()),
                    super::devices::group(ctx, user, p, forms)))
            }
            @if !p.navigators.is_empty() && is_open(case.status) {
                (group("act-assign", &ctx.t("case-assign-group"),
                    forms.refused_any(&["navigator"]) || case.navigator_id.is_none(),
                    assign(ctx, user, p, forms)))
            }
        }
    }
}

/// Who would fit an unassigned case, each with a button that gives it to them, and the list of
/// every navigator to give it to another.
fn assign(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    html! {
        @if !p.suggestions.is_empty() {
            h3 { (ctx.t("match-title")) }
            ul.suggestions {
                @for s in &p.suggestions {
                    li {
                        form.inline method="post" action={ "/cases/" (case.id) "/assign" } {
                            (csrf_field(&user.csrf_token))
                            input type="hidden" name="version" value=(case.version);
                            input type="hidden" name="navigator" value=(s.found.navigator_id);
                            strong { (s.name) } ": " (explain(ctx, case, &s.found)) " "
                            button type="submit" { (ctx.tr().ta("match-assign", &[("name", s.name.as_str().into())])) }
                        }
                    }
                }
            }
        } @else if case.navigator_id.is_none() {
            p { (ctx.t("match-none")) }
        }
        (case_form(user, case, "assign", html! {
            (Select {
                name: "navigator",
                label: ctx.t("reassign-one-label"),
                hint: None,
                options: navigator_options(ctx, &p.navigators),
                selected: &|v| case.navigator_id.is_some_and(|id| id.to_string() == v),
            }.render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("reassign-one-submit")) } }
        }))
    }
}

fn note_form(ctx: &Ctx, user: &CurrentUser, case: &CaseDetail, forms: &CaseForms<'_>) -> Markup {
    case_form(
        user,
        case,
        "notes",
        html! {
            (Input::new("note", ctx.t("case-note-label"), forms.note)
                .hint(ctx.t("case-note-hint")).textarea().required().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-note-submit")) } }
        },
    )
}

/// A status move without a contact (resolving, reopening, waiting on a program). Closing is
/// not offered here: it goes with the outcome and its reason.
fn status_form(ctx: &Ctx, user: &CurrentUser, case: &CaseDetail, forms: &CaseForms<'_>) -> Markup {
    let options: Vec<_> = contact_status_choices(case.status)
        .map(|s| (s.code().to_owned(), status_label(ctx, s), None))
        .collect();
    html! {
        @if options.is_empty() {
            @if status_choices(case.status).any(|s| s == CaseStatus::Closed) {
                p { a href="#act-outcome" { (ctx.t("case-status-close-with-outcome")) } }
            } @else {
                p { (ctx.t("case-status-take-first")) }
            }
        } @else {
            (case_form(user, case, "status", html! {
                (Select { name: "status", label: ctx.t("case-status-label"), hint: None, options, selected: &|v| v == forms.status }
                    .render(ctx, &forms.errors))
                p { button type="submit" { (ctx.t("case-status-submit")) } }
            }))
        }
    }
}

/// A contact with the resident in one submission: how, the note, the status it leads to and
/// the next follow-up day. Fields are rendered one after another in `fields` so the form takes
/// more (time spent, place) without changing its shape.
fn contact_form(
    ctx: &Ctx,
    user: &CurrentUser,
    case: &CaseDetail,
    sites: &[Site],
    forms: &CaseForms<'_>,
) -> Markup {
    let statuses: Vec<_> =
        std::iter::once((String::new(), ctx.t("case-contact-status-same"), None))
            .chain(
                contact_status_choices(case.status)
                    .map(|s| (s.code().to_owned(), status_label(ctx, s), None)),
            )
            .collect();
    let stored = stored_day(ctx, case.follow_up_at);
    let follow_up = forms.follow_up.unwrap_or(&stored);
    let fields = [
        contact_fields(ctx, sites, forms),
        Input::new(
            "contact_note",
            ctx.t("case-contact-note-label"),
            forms.contact_note,
        )
        .hint(ctx.t("case-note-hint"))
        .textarea()
        .render(ctx, &forms.errors),
        Select {
            name: "next_status",
            label: ctx.t("case-contact-status-label"),
            hint: None,
            options: statuses,
            selected: &|v| v == forms.next_status,
        }
        .render(ctx, &forms.errors),
        Input::new("follow_up", ctx.t("case-follow-up-label"), follow_up)
            .hint(ctx.t("case-contact-follow-up-hint"))
            .kind("date")
            .ltr()
            .render(ctx, &forms.errors),
    ];
    html! {
        (case_form(user, case, "contacts", html! {
            @for field in fields { (field) }
            p { button type="submit" { (ctx.t("case-contact-submit")) } }
        }))
        @if case.follow_up_at.is_some() {
            // Clearing the day is its own small form: an empty date in the contact form leaves it.
            (case_form(user, case, "follow-up", html! {
                input type="hidden" name="follow_up" value="";
                p { button.secondary type="submit" { (ctx.t("case-follow-up-clear")) } }
            }))
        }
    }
}

/// The follow-up day stored for a case, as a date field shows it (`YYYY-MM-DD`), or "".
pub fn stored_day(ctx: &Ctx, at: Option<i64>) -> String {
    at.and_then(|at| jiff::Timestamp::from_second(at).ok())
        .map(|ts| {
            ts.to_zoned(ctx.state.config.timezone.clone())
                .date()
                .to_string()
        })
        .unwrap_or_default()
}
