//! One case's page: what staff know of the case and its resident, who it is with (and who
//! would fit), and the forms that record the work; its longer sections live beside it.

use maud::{html, Markup};

use super::contact::contact_fields;
use super::timeline::{explain_reasons, timeline};
use super::{case_form, language_name, multiline, navigator_options, status_label};
use super::{outcome, programs};
use crate::auth::CurrentUser;
use crate::cases::outcome::{Outcome, OutcomeInput};
use crate::cases::store::{CaseDetail, Event, NavigatorChoice, ProgramChoice, Referral, Site};
use crate::cases::texts;
use crate::cases::transitions::{is_open, status_choices, Access};
use crate::domain::{CaseStatus, CloseReason};
use crate::programs::matches::ProgramMatch;
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{error_summary, Input, Select};
use crate::web::format::format_date;
use crate::web::format::when;
use crate::web::layout::page;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

/// What the forms of a case page show after a refused post.
#[derive(Debug, Default)]
pub struct CaseForms<'a> {
    pub note: &'a str,
    /// The note typed into the contact form.
    pub contact_note: &'a str,
    /// The contact's minutes and place as typed.
    pub contact_minutes: &'a str,
    pub contact_place: &'a str,
    /// The status chosen in the status form.
    pub status: &'a str,
    /// The follow-up date as typed (`None`: show the stored one).
    pub follow_up: Option<&'a str>,
    pub program: &'a str,
    pub referral_note: &'a str,
    /// The outcome form as typed (`None`: show the stored outcome).
    pub outcome: Option<OutcomeInput>,
    pub errors: Vec<FieldError>,
    /// The case changed since the user's form was drawn.
    pub conflict: bool,
    /// The free text typed into the texting form.
    pub text_message: &'a str,
}

impl CaseForms<'_> {
    /// Records what is wrong with `field`, for the page drawn again to show.
    pub fn add_error(&mut self, field: &'static str, message: &'static str) {
        self.errors.push(FieldError { field, message });
    }
}

/// Everything a case page shows.
pub struct CasePage {
    pub case: CaseDetail,
    /// Texts to and from the resident, and what may be sent.
    pub texts: Option<texts::Panel>,
    pub access: Access,
    pub events: Vec<Event>,
    pub referrals: Vec<Referral>,
    /// Every active program with its decision for the case's household: eligible first, then
    /// may qualify, then not eligible.
    pub eligibility: Vec<ProgramMatch>,
    /// Programs the case may be referred to (empty unless the user may change the case).
    pub programs: Vec<ProgramChoice>,
    pub outcome: Outcome,
    /// The sites a contact may have happened at (empty unless the user may change the case).
    pub sites: Vec<Site>,
    /// Navigators the case may be given to (supervisors only).
    pub navigators: Vec<NavigatorChoice>,
    /// The navigators who best fit an unassigned case (supervisors only).
    pub suggestions: Vec<Suggestion>,
}

/// A navigator who fits a request, and why.
pub struct Suggestion {
    pub name: String,
    pub found: crate::matching::navigators::Match,
}

/// "speaks Amharic, 2.1 km away, 4 of 12 cases", in the staff member's language.
fn explain(ctx: &Ctx, case: &CaseDetail, m: &crate::matching::navigators::Match) -> String {
    explain_reasons(ctx, case.area.as_deref(), &m.reasons)
}

fn take_form(ctx: &Ctx, user: &CurrentUser, id: i64, ref_code: &str) -> Markup {
    html! {
        form.inline method="post" action={ "/cases/" (id) "/take" } {
            (csrf_field(&user.csrf_token))
            button type="submit" { (ctx.tr().ta("cases-take", &[("ref", ref_code.into())])) }
        }
    }
}

fn needs_text(ctx: &Ctx, needs: &[crate::domain::Need]) -> String {
    needs
        .iter()
        .map(|n| ctx.t(&format!("need-{}", n.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn case_page(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let access = p.access;
    let tr = ctx.tr();
    let heading = tr.ta("case-title", &[("ref", case.ref_code.as_str().into())]);
    let title = if forms.errors.is_empty() && !forms.conflict {
        heading.clone()
    } else {
        format!("{}: {heading}", ctx.t("error-title-prefix"))
    };
    let not_given = || ctx.t("case-not-given");
    // Erased (retention or on request): say so where the personal data was.
    let erased = case.erased_at.map(|at| {
        ctx.tr()
            .ta("case-erased", &[("date", when(ctx, at).into())])
    });
    let accessibility = if case.accessibility.is_empty() {
        ctx.t("case-none")
    } else {
        case.accessibility
            .iter()
            .map(|a| ctx.t(&format!("access-{}", a.code())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    page(
        ctx,
        &title,
        html! {
            p { a href="/cases" { (ctx.t("case-back")) } }
            h1 { (heading) }
            @if forms.conflict {
                (alert(&ctx.t("case-conflict-title"), &ctx.t("case-conflict")))
            }
            (error_summary(ctx, &forms.errors))
            @if case.unread_reply() {
                p.flag { strong { (ctx.t("case-unread-reply")) } }
            }
            @if let Some(phone) = case.call_back() {
                p.flag { strong { (ctx.t("case-call-back")) } " " a href={ "tel:" (phone) } dir="ltr" { (phone) } }
            }
            dl.summary {
                dt { (ctx.t("case-status")) }
                dd {
                    (status_label(ctx, case.status))
                    @if let Some(reason) = case.close_reason {
                        " (" (ctx.t(&format!("close-reason-{}", reason.code()))) ")"
                    }
                }
                @if let Some(channel) = case.channel {
                    dt { (ctx.t("case-channel")) }
                    dd { (ctx.t(&format!("channel-{}", channel.code()))) }
                }
                dt { (ctx.t("case-navigator")) }
                dd { (case.navigator.clone().unwrap_or_else(|| ctx.t("case-unassigned"))) }
                dt { (ctx.t("case-received")) }
                dd { (when(ctx, case.created_at)) }
                dt { (ctx.t("case-first-contact")) }
                dd { (case.first_contact_at.map_or_else(|| ctx.t("case-not-yet"), |at| when(ctx, at))) }
                dt { (ctx.t("case-follow-up")) }
                dd { (case.follow_up_at.map_or_else(|| ctx.t("case-none"), |at| format_date(ctx, at))) }
            }
            @if access == Access::Take {
                p { (ctx.t("case-take-intro")) }
                (take_form(ctx, user, case.id, &case.ref_code))
            }
            @if !p.suggestions.is_empty() {
                h2 { (ctx.t("match-title")) }
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
            } @else if case.navigator_id.is_none() && !p.navigators.is_empty() && is_open(case.status) {
                p { (ctx.t("match-none")) }
            }
            @if !p.navigators.is_empty() && is_open(case.status) {
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
            h2 { (ctx.t("case-resident")) }
            @if let Some(erased) = &erased {
                p { strong { (erased) } }
            }
            dl.summary {
                dt { (ctx.t("case-name")) }
                dd { @match &erased { Some(e) => (e), None => (case.resident_name) } }
                dt { (ctx.t("case-phone")) }
                dd dir="ltr" {
                    @match &case.phone {
                        Some(phone) => a href={ "tel:" (phone) } { (phone) },
                        None => (not_given()),
                    }
                }
                dt { (ctx.t("case-email")) } dd dir="ltr" { (case.email.clone().unwrap_or_else(not_given)) }
                dt { (ctx.t("case-language")) } dd { (language_name(&case.language)) }
                dt { (ctx.t("case-contact-method")) }
                dd { (case.contact_method.map_or_else(not_given, |m| ctx.t(&format!("contact-{}", m.code())))) }
                dt { (ctx.t("case-area")) } dd { (case.area.clone().unwrap_or_else(not_given)) }
                dt { (ctx.t("case-zip")) } dd { (case.zip.clone().unwrap_or_else(not_given)) }
                dt { (ctx.t("case-needs")) } dd { (needs_text(ctx, &case.needs)) }
                dt { (ctx.t("case-details")) }
                dd { @if case.details.is_empty() { (ctx.t("case-none")) } @else { (multiline(&case.details)) } }
                dt { (ctx.t("case-accessibility")) } dd { (accessibility) }
            }
            @if access == Access::Full {
                (contact_form(ctx, user, case, &p.sites, forms))
                (note_form(ctx, user, case, forms))
                (status_form(ctx, user, case, forms))
                (follow_up_form(ctx, user, case, forms))
            }
            (programs::eligibility(ctx, user, p))
            (programs::referrals(ctx, user, p, forms))
            (outcome::section(ctx, user, p, forms))
            @if let Some(t) = &p.texts {
                (texts::section(ctx, user, case, t, forms, access == Access::Full))
            }
            (timeline(ctx, &p.events))
        },
    )
}

fn follow_up_form(
    ctx: &Ctx,
    user: &CurrentUser,
    case: &CaseDetail,
    forms: &CaseForms<'_>,
) -> Markup {
    let stored = case
        .follow_up_at
        .and_then(|at| jiff::Timestamp::from_second(at).ok())
        .map(|ts| {
            ts.to_zoned(ctx.state.config.timezone.clone())
                .date()
                .to_string()
        })
        .unwrap_or_default();
    let value = forms.follow_up.unwrap_or(&stored);
    html! {
        h2 { (ctx.t("case-follow-up-title")) }
        (case_form(user, case, "follow-up", html! {
            (Input::new("follow_up", ctx.t("case-follow-up-label"), value)
                .hint(ctx.t("case-follow-up-hint")).kind("date").ltr().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-follow-up-submit")) } }
        }))
    }
}

fn note_form(ctx: &Ctx, user: &CurrentUser, case: &CaseDetail, forms: &CaseForms<'_>) -> Markup {
    html! {
        h2 { (ctx.t("case-note-title")) }
        (case_form(user, case, "notes", html! {
            (Input::new("note", ctx.t("case-note-label"), forms.note)
                .hint(ctx.t("case-note-hint")).textarea().required().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-note-submit")) } }
        }))
    }
}

fn status_form(ctx: &Ctx, user: &CurrentUser, case: &CaseDetail, forms: &CaseForms<'_>) -> Markup {
    let options: Vec<_> = status_choices(case.status)
        .map(|s| (s.code().to_owned(), status_label(ctx, s), None))
        .collect();
    html! {
        h2 { (ctx.t("case-status-title")) }
        @if options.is_empty() {
            p { (ctx.t("case-status-take-first")) }
        } @else {
            (case_form(user, case, "status", html! {
                (Select { name: "status", label: ctx.t("case-status-label"), hint: None, options, selected: &|v| v == forms.status }
                    .render(ctx, &forms.errors))
                @if status_choices(case.status).any(|s| s == CaseStatus::Closed) {
                    (Select {
                        name: "close_reason",
                        label: ctx.t("case-close-reason-label"),
                        hint: Some(ctx.t("case-close-reason-hint")),
                        options: std::iter::once((String::new(), ctx.t("case-close-reason-choose"), None))
                            .chain(CloseReason::ALL.iter().map(|r| (r.code().to_owned(), ctx.t(&format!("close-reason-{}", r.code())), None)))
                            .collect(),
                        selected: &|_| false,
                    }.render(ctx, &forms.errors))
                }
                p { button type="submit" { (ctx.t("case-status-submit")) } }
            }))
        }
    }
}

fn contact_form(
    ctx: &Ctx,
    user: &CurrentUser,
    case: &CaseDetail,
    sites: &[Site],
    forms: &CaseForms<'_>,
) -> Markup {
    html! {
        h2 { (ctx.t("case-contact-title")) }
        (case_form(user, case, "contacts", html! {
            (contact_fields(ctx, sites, forms))
            (Input::new("contact_note", ctx.t("case-contact-note-label"), forms.contact_note)
                .hint(ctx.t("case-note-hint")).textarea().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-contact-submit")) } }
        }))
    }
}
