//! One case's page, a navigator's workspace: the case, its resident and how to reach them,
//! what is due next and the timeline in the main column; the actions beside it (below it on a
//! narrow screen), each group folded until needed. The groups live in `actions`.

use maud::{html, Markup};

use super::timeline::{explain_reasons, timeline};
use super::{actions, language_name, multiline, status_label};
use crate::auth::CurrentUser;
use crate::cases::outcome::{Outcome, OutcomeInput};
use crate::cases::store::{CaseDetail, Event, NavigatorChoice, ProgramChoice, Referral, Site};
use crate::cases::texts;
use crate::cases::transitions::{is_open, Access};
use crate::programs::matches::ProgramMatch;
use crate::web::form::alert;
use crate::web::form::error_summary;
use crate::web::form::FieldError;
use crate::web::format::format_date;
use crate::web::format::when;
use crate::web::layout::page;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

/// What the forms of a case page show after a refused post.
#[derive(Debug, Default)]
pub struct CaseForms<'a> {
    pub note: &'a str,
    /// The contact form as typed: the note, where and how long, the status it leads to.
    pub contact_note: &'a str,
    /// The contact's minutes and place as typed.
    pub contact_minutes: &'a str,
    pub contact_place: &'a str,
    pub next_status: &'a str,
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
    /// The outcome form's "close the case" and its reason, as sent.
    pub close: bool,
    pub close_reason: &'a str,
    /// The page of the timeline shown (from 1; 0 counts as 1).
    pub timeline_page: i64,
    /// The free times to book are searched for and shown (`?book=1`, or a refused booking):
    /// a search on every view of a case would cost each one a few milliseconds.
    pub show_slots: bool,
    /// The lending form as sent (issue 18), and whether the devices in stock are shown
    /// (`?lend=1`, a case that needs a device, or a refused lending).
    pub device: &'a str,
    pub how: &'a str,
    pub due_on: &'a str,
    pub show_stock: bool,
}

impl CaseForms<'_> {
    /// Records what is wrong with `field`, for the page drawn again to show.
    pub fn add_error(&mut self, field: &'static str, message: &'static str) {
        self.errors.push(FieldError { field, message });
    }

    /// Whether one of `fields` was refused: its group is drawn open.
    pub fn refused_any(&self, fields: &[&str]) -> bool {
        self.errors.iter().any(|e| fields.contains(&e.field))
    }
}

/// Everything a case page shows.
pub struct CasePage {
    pub case: CaseDetail,
    /// Texts to and from the resident, and what may be sent.
    pub texts: Option<texts::Panel>,
    pub access: Access,
    /// One page of the timeline, newest first, and whether older events follow.
    pub events: Vec<Event>,
    pub older_events: bool,
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
    /// Appointments come due and waiting for a mark (empty unless the user may change the case).
    pub visits: Vec<crate::cases::visits::Visit>,
    /// The appointment booked for the case, if any, and free times to book (empty unless the
    /// user may change an open case).
    pub appointment: Option<crate::appointments::store::Appointment>,
    pub free_slots: Vec<crate::appointments::slots::Slot>,
    /// The case's loans and gifts of devices, and devices in stock to lend (empty unless the
    /// user may change an open case and asked to see them).
    pub loans: Vec<crate::devices::loans::Loan>,
    pub lendable: Vec<crate::devices::loans::Available>,
    pub stock_shown: bool,
}

/// A navigator who fits a request, and why.
pub struct Suggestion {
    pub name: String,
    pub found: crate::matching::navigators::Match,
}

/// "speaks Amharic, 2.1 km away, 4 of 12 cases", in the staff member's language.
pub(super) fn explain(
    ctx: &Ctx,
    case: &CaseDetail,
    m: &crate::matching::navigators::Match,
) -> String {
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
    let tr = ctx.tr();
    let heading = tr.ta("case-title", &[("ref", case.ref_code.as_str().into())]);
    let title = if forms.errors.is_empty() && !forms.conflict {
        heading.clone()
    } else {
        format!("{}: {heading}", ctx.t("error-title-prefix"))
    };
    page(
        ctx,
        &title,
        html! {
            p.no-print.crumbs {
                a href="/cases" { (ctx.t("case-back")) }
                " · "
                a href="#actions" { (ctx.t("case-jump-actions")) }
            }
            h1 { (heading) }
            @if forms.conflict {
                (alert(&ctx.t("case-conflict-title"), &ctx.t("case-conflict")))
            }
            (error_summary(ctx, &forms.errors))
            div.workspace {
                div.case-main {
                    (next_step(ctx, user, p))
                    (crate::cases::visits::mark_block(ctx, user, &p.visits))
                    div.facts {
                        (case_facts(ctx, case))
                        (resident_facts(ctx, case, p.access == Access::Full))
                    }
                    (timeline(ctx, case.id, &p.events, forms.timeline_page.max(1), p.older_events))
                }
                (actions::panel(ctx, user, p, forms))
            }
        },
    )
}

/// What is due on the case now, most urgent first, or that nothing is; and the take button for
/// a case still in the queue.
fn next_step(ctx: &Ctx, user: &CurrentUser, p: &CasePage) -> Markup {
    let case = &p.case;
    let now = crate::db::now();
    let open = is_open(case.status);
    let overdue = open
        && case.navigator_id.is_some()
        && case.first_contact_at.is_none()
        && case.created_at <= now - ctx.state.config.first_contact_secs;
    let follow_up_due = open && case.follow_up_at.is_some_and(|at| at <= now);
    html! {
        section.next aria-labelledby="next-title" {
            h2 #next-title { (ctx.t("case-next-title")) }
            ul {
                (super::appointment::next_step(ctx, p))
                (super::devices::next_step(ctx, p))
                @if p.access == Access::Take {
                    li { (ctx.t("case-take-intro")) " " (take_form(ctx, user, case.id, &case.ref_code)) }
                }
                @if case.unread_reply() {
                    li.flag { strong { (ctx.t("case-unread-reply")) } " " a href="#texts" { (ctx.t("case-next-read-texts")) } }
                }
                @if let Some(phone) = case.call_back() {
                    li.flag { strong { (ctx.t("case-call-back")) } " " a href={ "tel:" (phone) } dir="ltr" { (phone) } }
                }
                @if overdue {
                    li.flag { strong { (ctx.t("case-next-first-contact-overdue")) } }
                }
                @if open && p.access == Access::Full && case.erased_at.is_none() && case.area.is_none() {
                    li {
                        (ctx.t("case-next-where")) " "
                        a href={ "/cases/" (case.id) "/answers" } { (ctx.t("case-next-where-link")) }
                    }
                }
                @if let Some(at) = case.follow_up_at.filter(|_| open) {
                    li.flag[follow_up_due] {
                        @if follow_up_due { strong { (ctx.t("case-next-follow-up-due")) } " " }
                        (ctx.t("case-follow-up")) " " (format_date(ctx, at))
                    }
                }
                @if case.first_contact_at.is_none() && !overdue && open && p.access != Access::Take {
                    li { (ctx.t("case-next-first-contact")) }
                }
                @if !open {
                    li { (status_label(ctx, case.status)) }
                }
                @if open && p.access != Access::Take && case.first_contact_at.is_some()
                    && case.follow_up_at.is_none() && !case.unread_reply() && case.call_back().is_none() {
                    li { (ctx.t("case-next-plan")) }
                }
            }
        }
    }
}

fn case_facts(ctx: &Ctx, case: &CaseDetail) -> Markup {
    html! {
        section aria-labelledby="case-facts" {
            h2 #case-facts { (ctx.t("case-facts-title")) }
            dl.summary {
                dt { (ctx.t("case-status")) }
                dd {
                    strong { (status_label(ctx, case.status)) }
                    @if let Some(reason) = case.close_reason {
                        " (" (ctx.t(&format!("close-reason-{}", reason.code()))) ")"
                    }
                }
                dt { (ctx.t("case-navigator")) }
                dd { (case.navigator.clone().unwrap_or_else(|| ctx.t("case-unassigned"))) }
                @if let Some(channel) = case.channel {
                    dt { (ctx.t("case-channel")) }
                    dd { (ctx.t(&format!("channel-{}", channel.code()))) }
                }
                dt { (ctx.t("case-received")) }
                dd { (when(ctx, case.created_at)) }
                dt { (ctx.t("case-first-contact")) }
                dd { (case.first_contact_at.map_or_else(|| ctx.t("case-not-yet"), |at| when(ctx, at))) }
                dt { (ctx.t("case-follow-up")) }
                dd { (case.follow_up_at.map_or_else(|| ctx.t("case-none"), |at| format_date(ctx, at))) }
                dt { (ctx.t("case-needs")) } dd { (needs_text(ctx, &case.needs)) }
                dt { (ctx.t("case-details")) }
                dd { @if case.details.is_empty() { (ctx.t("case-none")) } @else { (multiline(&case.details)) } }
            }
        }
    }
}

/// Who the resident is and how to reach them: the number to dial, their language, and whether
/// they need an interpreter or other help, before anything else; and, for those who may change
/// the case (`correctable`), the way to correct the answers.
fn resident_facts(ctx: &Ctx, case: &CaseDetail, correctable: bool) -> Markup {
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
    html! {
        section aria-labelledby="resident-facts" {
            h2 #resident-facts { (ctx.t("case-resident")) }
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
                dt { (ctx.t("case-language")) } dd { (language_name(&case.language)) }
                dt { (ctx.t("case-accessibility")) } dd { (accessibility) }
                dt { (ctx.t("case-contact-method")) }
                dd { (case.contact_method.map_or_else(not_given, |m| ctx.t(&format!("contact-{}", m.code())))) }
                dt { (ctx.t("case-email")) } dd dir="ltr" { (case.email.clone().unwrap_or_else(not_given)) }
                dt { (ctx.t("case-area")) } dd { (case.area.clone().unwrap_or_else(not_given)) }
                dt { (ctx.t("case-zip")) } dd { (case.zip.clone().unwrap_or_else(not_given)) }
            }
            @if erased.is_none() && correctable {
                p.no-print { a href={ "/cases/" (case.id) "/answers" } { (ctx.t("case-answers-link")) } }
            }
        }
    }
}
