//! Staff pages for cases: the caseload (my cases, the queue, or all open cases) and one case
//! with its resident, timeline and forms. Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::outcome::{Outcome, OutcomeInput};
use super::store::{
    CaseDetail, CaseLine, ContactChannel, Due, Event, Filter, NavigatorChoice, ProgramChoice,
    Referral,
};
use super::transitions::{status_choices, Access};
use crate::areas::choices::AreaChoice;
use crate::auth::CurrentUser;
use crate::domain::{CaseStatus, CloseReason, DeviceType, ReferralStatus};
use crate::i18n::Lang;
use crate::matching::eligibility::{Reason, Verdict};
use crate::programs::matches::{reason_text, ProgramMatch};
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{choices, error_summary, Choice, Input, Select};
use crate::web::format::format_date;
use crate::web::layout::page;
use crate::web::staff::{csrf_field, signed_in_as};
use crate::web::Ctx;

/// Which list a caseload section shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Mine,
    Queue,
    AllOpen,
}

impl SectionKind {
    fn code(self) -> &'static str {
        match self {
            SectionKind::Mine => "mine",
            SectionKind::Queue => "queue",
            SectionKind::AllOpen => "all",
        }
    }
}

pub struct Section {
    pub kind: SectionKind,
    pub total: i64,
    pub lines: Vec<CaseLine>,
}

pub struct Caseload {
    pub page: i64,
    pub pages: i64,
    pub now: i64,
    pub first_contact_secs: i64,
    /// Whether this user has a navigator row (and so may take cases).
    pub is_navigator: bool,
    pub sections: Vec<Section>,
    /// A supervisor's filters (`None` for navigators, who have no filter form).
    pub filter: Option<Filter>,
    /// The filter form as typed.
    pub query: FilterForm,
    /// How many cases a bulk reassignment just changed.
    pub reassigned: Option<i64>,
    /// Navigators cases may be given to (supervisors only).
    pub navigators: Vec<NavigatorChoice>,
    pub areas: Vec<AreaChoice>,
    /// What was wrong with a bulk reassignment.
    pub errors: Vec<FieldError>,
}

/// The supervisor's filter form as typed.
#[derive(Clone, Debug, Default)]
pub struct FilterForm {
    pub status: String,
    pub need: String,
    pub language: String,
    pub area: String,
    pub navigator: String,
    pub waiting: String,
    pub q: String,
}

impl FilterForm {
    /// The query string that draws the same list (without the page).
    pub fn query_string(&self) -> String {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &self.status),
            ("need", &self.need),
            ("language", &self.language),
            ("area", &self.area),
            ("navigator", &self.navigator),
            ("waiting", &self.waiting),
            ("q", &self.q),
        ] {
            if !v.is_empty() {
                ser.append_pair(k, v);
            }
        }
        ser.finish()
    }

    fn page_link(&self, page: i64) -> String {
        let q = self.query_string();
        if q.is_empty() {
            format!("/cases?page={page}")
        } else {
            format!("/cases?{q}&page={page}")
        }
    }
}

fn status_label(ctx: &Ctx, status: CaseStatus) -> String {
    ctx.t(&format!("case-status-{}", status.code()))
}

fn language_name(code: &str) -> String {
    Lang::parse(code).map_or_else(|| code.to_owned(), |l| l.info().native_name.to_owned())
}

fn needs_text(ctx: &Ctx, needs: &[crate::domain::Need]) -> String {
    needs
        .iter()
        .map(|n| ctx.t(&format!("need-{}", n.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

fn take_form(ctx: &Ctx, user: &CurrentUser, id: i64, ref_code: &str) -> Markup {
    html! {
        form.inline method="post" action={ "/cases/" (id) "/take" } {
            (csrf_field(&user.csrf_token))
            button type="submit" { (ctx.tr().ta("cases-take", &[("ref", ref_code.into())])) }
        }
    }
}

/// The caseload; `take_conflict` when someone else took a case first.
pub fn caseload(ctx: &Ctx, user: &CurrentUser, load: &Caseload, take_conflict: bool) -> Markup {
    let title = ctx.t("cases-title");
    let tr = ctx.tr();
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (signed_in_as(ctx, user))
            @if take_conflict {
                (alert(&ctx.t("cases-take-conflict-title"), &ctx.t("cases-take-conflict")))
            }
            (error_summary(ctx, &load.errors))
            @if let Some(n) = load.reassigned {
                div.flag role="status" { p { (tr.ta("reassign-done", &[("count", n.into())])) } }
            }
            @if load.filter.is_some() {
                p { a href="/cases/new" { (ctx.t("intake-staff-link")) } }
                (filter_form(ctx, load))
            } @else if load.is_navigator {
                p { a href="/cases/new" { (ctx.t("intake-staff-link")) } }
            }
            @if load.sections.is_empty() {
                p { (ctx.t("cases-no-navigator-profile")) }
            }
            ul.counts {
                @for s in &load.sections {
                    li { (tr.ta(&format!("cases-count-{}", s.kind.code()), &[("count", s.total.into())])) }
                }
            }
            @for s in &load.sections {
                section aria-labelledby={ "cases-" (s.kind.code()) } {
                    h2 id={ "cases-" (s.kind.code()) } { (ctx.t(&format!("cases-{}-title", s.kind.code()))) }
                    @if s.lines.is_empty() {
                        p { (ctx.t(&format!("cases-{}-empty", s.kind.code()))) }
                    } @else if s.kind == SectionKind::AllOpen && !load.navigators.is_empty() {
                        form method="post" action="/cases/reassign" novalidate {
                            (csrf_field(&user.csrf_token))
                            input type="hidden" name="back" value={ "/cases?" (load.query.query_string()) };
                            (case_table(ctx, user, load, s))
                            (Select {
                                name: "navigator",
                                label: ctx.t("reassign-navigator-label"),
                                hint: Some(ctx.t("reassign-hint")),
                                options: navigator_options(ctx, &load.navigators),
                                selected: &|_| false,
                            }.render(ctx, &load.errors))
                            p { button type="submit" { (ctx.t("reassign-submit")) } }
                        }
                    } @else {
                        (case_table(ctx, user, load, s))
                    }
                }
            }
            @if load.pages > 1 {
                nav.pages aria-label=(ctx.t("cases-pages")) {
                    p { (tr.ta("cases-page", &[("page", load.page.into()), ("pages", load.pages.into())])) }
                    p {
                        @if load.page > 1 {
                            a href=(load.query.page_link(load.page - 1)) rel="prev" { (ctx.t("cases-previous")) }
                            " "
                        }
                        @if load.page < load.pages {
                            a href=(load.query.page_link(load.page + 1)) rel="next" { (ctx.t("cases-next")) }
                        }
                    }
                }
            }
        },
    )
}

fn case_table(ctx: &Ctx, user: &CurrentUser, load: &Caseload, s: &Section) -> Markup {
    let show_navigator = s.kind == SectionKind::AllOpen;
    let show_select = show_navigator && !load.navigators.is_empty();
    let show_due = s.kind == SectionKind::Mine;
    let show_take = s.kind == SectionKind::Queue && load.is_navigator;
    let tr = ctx.tr();
    // Each label is made once per table, not once per row: fifty rows would otherwise format
    // the same few messages hundreds of times.
    let need_labels: Vec<(crate::domain::Need, String)> = crate::domain::Need::ALL
        .iter()
        .map(|n| (*n, ctx.t(&format!("need-{}", n.code()))))
        .collect();
    let needs_of = |needs: &[crate::domain::Need]| {
        needs
            .iter()
            .filter_map(|n| {
                need_labels
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let status_labels: Vec<(CaseStatus, String)> = CaseStatus::ALL
        .iter()
        .map(|st| (*st, status_label(ctx, *st)))
        .collect();
    let status_of = |st: CaseStatus| {
        status_labels
            .iter()
            .find(|(k, _)| *k == st)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut day_labels: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    for line in &s.lines {
        let days = (load.now - line.created_at).max(0) / 86_400;
        day_labels
            .entry(days)
            .or_insert_with(|| tr.ta("cases-days", &[("days", days.into())]));
    }
    let not_given = ctx.t("case-not-given");
    let unassigned = ctx.t("case-unassigned");
    // Labels that name the row's reference code: formatted once around a placeholder, which
    // each row replaces with its code.
    const REF: &str = "\u{E000}";
    let take_label = tr.ta("cases-take", &[("ref", REF.into())]);
    let select_label = tr.ta("cases-select-label", &[("ref", REF.into())]);
    let due_labels: Vec<(Due, String)> = [
        Due::FirstContactOverdue,
        Due::FollowUp,
        Due::New,
        Due::Nothing,
    ]
    .into_iter()
    .map(|d| (d, ctx.t(&format!("cases-due-{}", d.code()))))
    .collect();
    html! {
        div.table-wrap {
            table aria-labelledby={ "cases-" (s.kind.code()) } {
                thead {
                    tr {
                        @if show_select { th scope="col" { (ctx.t("cases-col-select")) } }
                        th scope="col" { (ctx.t("cases-col-ref")) }
                        // The button first, so a phone shows it without scrolling the table.
                        @if show_take { th scope="col" { (ctx.t("cases-col-action")) } }
                        @if show_due { th scope="col" { (ctx.t("cases-col-due")) } }
                        th scope="col" { (ctx.t("cases-col-area")) }
                        th scope="col" { (ctx.t("cases-col-needs")) }
                        th scope="col" { (ctx.t("cases-col-language")) }
                        th scope="col" { (ctx.t("cases-col-status")) }
                        th scope="col" { (ctx.t("cases-col-waiting")) }
                        @if show_navigator { th scope="col" { (ctx.t("cases-col-navigator")) } }
                    }
                }
                tbody {
                    @for line in &s.lines {
                        tr {
                            @if show_select {
                                td {
                                    input type="checkbox" name="case" value=(line.id) id={ "f-case-" (line.id) };
                                    label.visually-hidden for={ "f-case-" (line.id) } {
                                        (select_label.replace(REF, &line.ref_code))
                                    }
                                }
                            }
                            th scope="row" {
                                a href={ "/cases/" (line.id) } { (line.ref_code) }
                                @if line.unread_reply { br; strong.due { (ctx.t("cases-unread-reply")) } }
                            }
                            @if show_take {
                                td {
                                    form.inline method="post" action={ "/cases/" (line.id) "/take" } {
                                        (csrf_field(&user.csrf_token))
                                        button type="submit" { (take_label.replace(REF, &line.ref_code)) }
                                    }
                                }
                            }
                            @if show_due {
                                @let due = Due::of(line, load.now, load.first_contact_secs);
                                td.due[due < Due::New] {
                                    (due_labels.iter().find(|(d, _)| *d == due).map_or("", |(_, l)| l.as_str()))
                                }
                            }
                            td { (line.area.as_deref().unwrap_or(&not_given)) }
                            td { (needs_of(&line.needs)) }
                            td { (language_name(&line.language)) }
                            td { (status_of(line.status)) }
                            td { (day_labels.get(&((load.now - line.created_at).max(0) / 86_400)).map_or("", String::as_str)) }
                            @if show_navigator {
                                td { (line.navigator.as_deref().unwrap_or(&unassigned)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the forms of a case page show after a refused post.
#[derive(Debug, Default)]
pub struct CaseForms<'a> {
    pub note: &'a str,
    /// The note typed into the contact form.
    pub contact_note: &'a str,
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

pub(crate) fn when(ctx: &Ctx, epoch_secs: i64) -> String {
    let time = jiff::Timestamp::from_second(epoch_secs)
        .map(|ts| {
            ts.to_zoned(ctx.state.config.timezone.clone())
                .strftime("%H:%M")
                .to_string()
        })
        .unwrap_or_default();
    format!("{} {time}", format_date(ctx, epoch_secs))
}

fn event_text(ctx: &Ctx, event: &Event) -> String {
    let tr = ctx.tr();
    let status = |key: &str| {
        event.data[key]
            .as_str()
            .and_then(CaseStatus::parse)
            .map_or_else(String::new, |s| status_label(ctx, s))
    };
    match event.kind.as_str() {
        "created" => ctx.t("case-event-created"),
        "assignment" => ctx.t("case-event-assignment"),
        "auto_assignment" => {
            let reasons: Vec<crate::matching::navigators::Reason> =
                serde_json::from_value(event.data["reasons"].clone()).unwrap_or_default();
            tr.ta(
                "case-event-auto-assignment",
                &[
                    (
                        "name",
                        event.data["name"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned()
                            .into(),
                    ),
                    (
                        "why",
                        explain_reasons(ctx, event.data["area"].as_str(), &reasons).into(),
                    ),
                ],
            )
        }
        "sms_out" => ctx.t("case-event-sms-out"),
        "sms_in" => ctx.t("case-event-sms-in"),
        "sms_failed" => tr.ta(
            "case-event-sms-failed",
            &[(
                "reason",
                event.data["reason"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
                    .into(),
            )],
        ),
        "release" => tr.ta(
            "case-event-release",
            &[(
                "name",
                event.data["from_name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
                    .into(),
            )],
        ),
        "note" => ctx.t("case-event-note"),
        "contact" => tr.ta(
            "case-event-contact",
            &[(
                "channel",
                event.data["channel"]
                    .as_str()
                    .and_then(ContactChannel::parse)
                    .map_or_else(String::new, |c| {
                        ctx.t(&format!("case-contact-channel-{}", c.code()))
                    })
                    .into(),
            )],
        ),
        "status_change" if event.data["reason"].is_string() => tr.ta(
            "case-event-closed",
            &[
                ("from", status("from").into()),
                (
                    "reason",
                    event.data["reason"]
                        .as_str()
                        .and_then(CloseReason::parse)
                        .map_or_else(String::new, |r| {
                            ctx.t(&format!("close-reason-{}", r.code()))
                        })
                        .into(),
                ),
            ],
        ),
        "status_change" => tr.ta(
            "case-event-status-change",
            &[("from", status("from").into()), ("to", status("to").into())],
        ),
        "referral" => {
            let referral_status = |key: &str| {
                event.data[key]
                    .as_str()
                    .and_then(ReferralStatus::parse)
                    .map_or_else(String::new, |s| {
                        ctx.t(&format!("referral-status-{}", s.code()))
                    })
            };
            let program = event.data["program"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if event.data["from"].is_string() {
                tr.ta(
                    "case-event-referral-change",
                    &[
                        ("program", program.into()),
                        ("from", referral_status("from").into()),
                        ("to", referral_status("to").into()),
                    ],
                )
            } else {
                tr.ta(
                    "case-event-referral",
                    &[
                        ("program", program.into()),
                        ("to", referral_status("to").into()),
                    ],
                )
            }
        }
        "outcome" => ctx.t("case-event-outcome"),
        "follow_up" => match event.data["on"].as_str() {
            Some(day) => tr.ta("case-event-follow-up", &[("day", day.into())]),
            None => ctx.t("case-event-follow-up-cleared"),
        },
        "reassignment" => tr.ta(
            "case-event-reassignment",
            &[(
                "to",
                event.data["to_name"].as_str().unwrap_or_default().into(),
            )],
        ),
        other => tr.ta("case-event-other", &[("kind", other.into())]),
    }
}

/// Everything a case page shows.
pub struct CasePage {
    pub case: CaseDetail,
    /// Texts to and from the resident, and what may be sent.
    pub texts: Option<super::texts::Panel>,
    pub access: Access,
    pub events: Vec<Event>,
    pub referrals: Vec<Referral>,
    /// Every active program with its decision for the case's household: eligible first, then
    /// may qualify, then not eligible.
    pub eligibility: Vec<ProgramMatch>,
    /// Programs the case may be referred to (empty unless the user may change the case).
    pub programs: Vec<ProgramChoice>,
    pub outcome: Outcome,
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

/// Why a navigator fits, in words ("speaks Español, covers Five Points, 0 of 20 cases").
fn explain_reasons(
    ctx: &Ctx,
    area: Option<&str>,
    reasons: &[crate::matching::navigators::Reason],
) -> String {
    use crate::matching::navigators::Reason;
    let tr = ctx.tr();
    reasons
        .iter()
        .map(|r| match r {
            Reason::Speaks(lang) => {
                tr.ta("match-speaks", &[("language", language_name(lang).into())])
            }
            Reason::WithInterpreter => ctx.t("match-interpreter"),
            Reason::CoversArea => tr.ta(
                "match-covers-area",
                &[("area", area.unwrap_or_default().to_owned().into())],
            ),
            Reason::Distance { km } => {
                tr.ta("match-distance", &[("km", format!("{km:.1}").into())])
            }
            Reason::Load { open, capacity } => tr.ta(
                "match-load",
                &[("open", (*open).into()), ("capacity", (*capacity).into())],
            ),
            Reason::HelpedBefore => ctx.t("match-helped-before"),
        })
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
            dl.summary {
                dt { (ctx.t("case-status")) }
                dd {
                    (status_label(ctx, case.status))
                    @if let Some(reason) = case.close_reason {
                        " (" (ctx.t(&format!("close-reason-{}", reason.code()))) ")"
                    }
                }
                dt { (ctx.t("case-navigator")) }
                dd { (case.navigator.clone().unwrap_or_else(|| ctx.t("case-unassigned"))) }
                dt { (ctx.t("case-received")) }
                dd {
                    (when(ctx, case.created_at))
                    @if let Some(channel) = case.channel {
                        " · " (ctx.t(&format!("case-channel-{}", channel.code())))
                    }
                }
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
            } @else if case.navigator_id.is_none() && !p.navigators.is_empty() && super::transitions::is_open(case.status) {
                p { (ctx.t("match-none")) }
            }
            @if !p.navigators.is_empty() && super::transitions::is_open(case.status) {
                form method="post" action={ "/cases/" (case.id) "/assign" } novalidate {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="version" value=(case.version);
                    (Select {
                        name: "navigator",
                        label: ctx.t("reassign-one-label"),
                        hint: None,
                        options: navigator_options(ctx, &p.navigators),
                        selected: &|v| case.navigator_id.is_some_and(|id| id.to_string() == v),
                    }.render(ctx, &forms.errors))
                    p { button type="submit" { (ctx.t("reassign-one-submit")) } }
                }
            }
            h2 { (ctx.t("case-resident")) }
            @if let Some(erased) = &erased {
                p { strong { (erased) } }
            }
            dl.summary {
                dt { (ctx.t("case-name")) }
                dd { @match &erased { Some(e) => (e), None => (case.resident_name) } }
                dt { (ctx.t("case-phone")) } dd dir="ltr" { (case.phone.clone().unwrap_or_else(not_given)) }
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
                (contact_form(ctx, user, case, forms))
                (note_form(ctx, user, case, forms))
                (status_form(ctx, user, case, forms))
                (follow_up_form(ctx, user, case, forms))
            }
            (eligibility_section(ctx, user, p))
            (referrals_section(ctx, user, p, forms))
            (outcome_section(ctx, user, p, forms))
            @if let Some(t) = &p.texts {
                (super::texts::section(ctx, user, case, t, forms, access == Access::Full))
            }
            h2 { (ctx.t("case-timeline")) }
            ol.timeline {
                @for e in &p.events {
                    li {
                        p.meta {
                            strong { (e.actor.clone().unwrap_or_else(|| ctx.t("case-event-no-actor"))) }
                            " · " (when(ctx, e.created_at))
                        }
                        p { (event_text(ctx, e)) }
                        @if !e.body.is_empty() { p.note { (multiline(&e.body)) } }
                    }
                }
            }
        },
    )
}

fn referral_status_label(ctx: &Ctx, status: ReferralStatus) -> String {
    ctx.t(&format!("referral-status-{}", status.code()))
}

fn program_label(ctx: &Ctx, p: &ProgramChoice) -> String {
    let name = format!("{} ({})", p.name, p.organization);
    match p.capacity_available {
        Some(n) if n <= 0 => format!("{name} · {}", ctx.t("referral-no-capacity")),
        _ => name,
    }
}

/// The programs this household may qualify for, each with its verdict and why, and for one it
/// qualifies or may qualify for and is not yet referred to, a button that refers it in one
/// step (the add-referral form's fields, filled in). A list rather than a table, so a phone
/// shows it without scrolling sideways.
fn eligibility_section(ctx: &Ctx, user: &CurrentUser, p: &CasePage) -> Markup {
    let case = &p.case;
    let full = p.access == Access::Full;
    let tr = ctx.tr();
    let verdict_label = |v: Verdict| {
        ctx.t(match v {
            Verdict::Eligible => "case-programs-eligible",
            Verdict::MayQualify => "case-programs-may-qualify",
            Verdict::NotEligible => "case-programs-not-eligible",
        })
    };
    html! {
        h2 id="programs" { (ctx.t("case-programs-title")) }
        @if p.eligibility.is_empty() {
            p { (ctx.t("case-programs-none")) }
        } @else {
            p { (ctx.t("case-programs-intro")) }
            ul.matches aria-labelledby="programs" {
                @for m in &p.eligibility {
                    @let referral = p.referrals.iter().find(|r| r.program_id == m.program_id);
                    li {
                        p { strong { (m.name) } " (" (m.organization) ")" }
                        p {
                            strong { (verdict_label(m.decision.verdict)) }
                            @if m.decision.no_places_left() {
                                " · " strong { (ctx.t("referral-no-capacity")) }
                            }
                        }
                        @let reasons: Vec<String> = m.decision.reasons.iter()
                            .filter(|r| **r != Reason::NoCapacity)
                            .map(|r| reason_text(&tr, *r))
                            .collect();
                        @if !reasons.is_empty() {
                            ul { @for r in &reasons { li { (r) } } }
                        }
                        @if let Some(r) = referral {
                            p { (tr.ta("case-programs-referred", &[("status", referral_status_label(ctx, r.status).into())])) }
                        } @else if full && m.decision.verdict != Verdict::NotEligible {
                            form.refer method="post" action={ "/cases/" (case.id) "/referrals" } {
                                (csrf_field(&user.csrf_token))
                                input type="hidden" name="version" value=(case.version);
                                input type="hidden" name="program" value=(m.program_id);
                                input type="hidden" name="referral_status" value=(ReferralStatus::Referred.code());
                                button type="submit" aria-label=(tr.ta("case-programs-refer-label", &[("program", m.name.as_str().into())])) {
                                    (ctx.t("case-programs-refer"))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn referrals_section(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let full = p.access == Access::Full;
    let offered: Vec<&ProgramChoice> = p
        .programs
        .iter()
        .filter(|pc| !p.referrals.iter().any(|r| r.program_id == pc.id))
        .collect();
    html! {
        h2 id="referrals" { (ctx.t("referral-title")) }
        @if p.referrals.is_empty() {
            p { (ctx.t("referral-none")) }
        } @else {
            div.table-wrap {
                table aria-labelledby="referrals" {
                    thead {
                        tr {
                            th scope="col" { (ctx.t("referral-col-program")) }
                            th scope="col" { (ctx.t("referral-col-status")) }
                            th scope="col" { (ctx.t("referral-col-updated")) }
                            @if full { th scope="col" { (ctx.t("referral-col-change")) } }
                        }
                    }
                    tbody {
                        @for r in &p.referrals {
                            tr {
                                th scope="row" { (r.program) br; small { (r.organization) } }
                                td { (referral_status_label(ctx, r.status)) }
                                td { (format_date(ctx, r.updated_at)) }
                                @if full {
                                    td {
                                        form.inline method="post" action={ "/cases/" (case.id) "/referrals/" (r.id) } {
                                            (csrf_field(&user.csrf_token))
                                            input type="hidden" name="version" value=(case.version);
                                            @let id = format!("f-referral-{}", r.id);
                                            label.visually-hidden for=(id) {
                                                (ctx.tr().ta("referral-change-label", &[("program", r.program.as_str().into())]))
                                            }
                                            select id=(id) name="status" {
                                                @for s in ReferralStatus::ALL {
                                                    option value=(s.code()) selected[*s == r.status] { (referral_status_label(ctx, *s)) }
                                                }
                                            }
                                            " "
                                            button type="submit" { (ctx.t("referral-change-submit")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if full {
            h3 { (ctx.t("referral-add-title")) }
            @if offered.is_empty() {
                p { (ctx.t("referral-no-programs")) }
            } @else {
                form method="post" action={ "/cases/" (case.id) "/referrals" } novalidate {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="version" value=(case.version);
                    (Select {
                        name: "program",
                        label: ctx.t("referral-program-label"),
                        hint: Some(ctx.t("referral-program-hint")),
                        options: std::iter::once((String::new(), ctx.t("referral-program-choose"), None))
                            .chain(offered.iter().map(|pc| (pc.id.to_string(), program_label(ctx, pc), None)))
                            .collect(),
                        selected: &|v| !v.is_empty() && v == forms.program,
                    }.render(ctx, &forms.errors))
                    (Select {
                        name: "referral_status",
                        label: ctx.t("referral-status-label"),
                        hint: None,
                        options: [ReferralStatus::Suggested, ReferralStatus::Referred, ReferralStatus::Applied]
                            .iter()
                            .map(|s| (s.code().to_owned(), referral_status_label(ctx, *s), None))
                            .collect(),
                        selected: &|v| v == ReferralStatus::Referred.code(),
                    }.render(ctx, &forms.errors))
                    (Input::new("referral_note", ctx.t("case-contact-note-label"), forms.referral_note)
                        .textarea().render(ctx, &forms.errors))
                    p { button type="submit" { (ctx.t("referral-add-submit")) } }
                }
            }
        }
    }
}

fn yes_no(ctx: &Ctx, value: Option<bool>) -> String {
    match value {
        Some(true) => ctx.t("outcome-yes"),
        Some(false) => ctx.t("outcome-no"),
        None => ctx.t("outcome-not-recorded"),
    }
}

fn outcome_section(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let o = &p.outcome;
    let tr = ctx.tr();
    let not_recorded = || ctx.t("outcome-not-recorded");
    let number = |n: Option<i64>| n.map_or_else(not_recorded, |n| tr.number(n));
    let input = forms.outcome.clone().unwrap_or_else(|| {
        OutcomeInput::from_outcome(o, |c| format!("{}.{:02}", c / 100, c % 100))
    });
    let skill_options: Vec<Choice> = ["1", "2", "3", "4", "5"]
        .into_iter()
        .map(|code| Choice {
            code: code.into(),
            label: ctx.t(&format!("outcome-skill-{code}")),
            hint: None,
        })
        .collect();
    html! {
        h2 { (ctx.t("outcome-title")) }
        dl.summary {
            dt { (ctx.t("outcome-connected")) } dd { (yes_no(ctx, o.connected_at_home)) }
            dt { (ctx.t("outcome-plan")) } dd { @if o.plan.is_empty() { (not_recorded()) } @else { (o.plan) } }
            dt { (ctx.t("outcome-cost")) } dd { (o.monthly_cost_cents.map_or_else(not_recorded, |c| tr.money(c))) }
            dt { (ctx.t("outcome-device")) }
            dd { (o.device_type.map_or_else(not_recorded, |d| ctx.t(&format!("device-{}", d.0.code())))) }
            dt { (ctx.t("outcome-sessions")) } dd { (number(o.training_sessions)) }
            dt { (ctx.t("outcome-skill-intake")) } dd { (number(o.skill_at_intake)) }
            dt { (ctx.t("outcome-skill-close")) } dd { (number(o.skill_at_close)) }
        }
        @if p.access == Access::Full {
            h3 { (ctx.t("outcome-form-title")) }
            form method="post" action={ "/cases/" (case.id) "/outcome" } novalidate {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="version" value=(case.version);
                (choices(ctx, &forms.errors, "connected_at_home", "radio", &ctx.t("outcome-connected"), None,
                    &[
                        Choice { code: "yes".into(), label: ctx.t("outcome-yes"), hint: None },
                        Choice { code: "no".into(), label: ctx.t("outcome-no"), hint: None },
                        Choice { code: "".into(), label: ctx.t("outcome-not-recorded"), hint: None },
                    ],
                    |c| c == input.connected_at_home))
                (Input::new("plan", ctx.t("outcome-plan"), &input.plan).render(ctx, &forms.errors))
                (Input::new("monthly_cost", ctx.t("outcome-cost"), &input.monthly_cost)
                    .hint(ctx.t("outcome-cost-hint")).ltr().render(ctx, &forms.errors))
                (Select {
                    name: "device_type",
                    label: ctx.t("outcome-device"),
                    hint: None,
                    options: std::iter::once((String::new(), ctx.t("outcome-no-device"), None))
                        .chain(DeviceType::ALL.iter().map(|d| (d.code().to_owned(), ctx.t(&format!("device-{}", d.code())), None)))
                        .collect(),
                    selected: &|v| v == input.device_type,
                }.render(ctx, &forms.errors))
                (Input::new("training_sessions", ctx.t("outcome-sessions"), &input.training_sessions)
                    .numeric().render(ctx, &forms.errors))
                (choices(ctx, &forms.errors, "skill_at_intake", "radio", &ctx.t("outcome-skill-intake"),
                    Some(&ctx.t("outcome-skill-hint")), &skill_options, |c| c == input.skill_at_intake))
                (choices(ctx, &forms.errors, "skill_at_close", "radio", &ctx.t("outcome-skill-close"),
                    Some(&ctx.t("outcome-skill-hint")), &skill_options, |c| c == input.skill_at_close))
                p { button type="submit" { (ctx.t("outcome-submit")) } }
            }
        }
    }
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
        form method="post" action={ "/cases/" (case.id) "/follow-up" } novalidate {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="version" value=(case.version);
            (Input::new("follow_up", ctx.t("case-follow-up-label"), value)
                .hint(ctx.t("case-follow-up-hint")).kind("date").ltr().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-follow-up-submit")) } }
        }
    }
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

fn note_form(ctx: &Ctx, user: &CurrentUser, case: &CaseDetail, forms: &CaseForms<'_>) -> Markup {
    html! {
        h2 { (ctx.t("case-note-title")) }
        form method="post" action={ "/cases/" (case.id) "/notes" } novalidate {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="version" value=(case.version);
            (Input::new("note", ctx.t("case-note-label"), forms.note)
                .hint(ctx.t("case-note-hint")).textarea().required().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-note-submit")) } }
        }
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
            form method="post" action={ "/cases/" (case.id) "/status" } novalidate {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="version" value=(case.version);
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
            }
        }
    }
}

fn contact_form(ctx: &Ctx, user: &CurrentUser, case: &CaseDetail, forms: &CaseForms<'_>) -> Markup {
    let options: Vec<_> = ContactChannel::ALL
        .into_iter()
        .map(|c| {
            (
                c.code().to_owned(),
                ctx.t(&format!("case-contact-channel-{}", c.code())),
                None,
            )
        })
        .collect();
    html! {
        h2 { (ctx.t("case-contact-title")) }
        form method="post" action={ "/cases/" (case.id) "/contacts" } novalidate {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="version" value=(case.version);
            (Select { name: "channel", label: ctx.t("case-contact-channel-label"), hint: None, options, selected: &|_| false }
                .render(ctx, &forms.errors))
            (Input::new("contact_note", ctx.t("case-contact-note-label"), forms.contact_note)
                .hint(ctx.t("case-note-hint")).textarea().render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("case-contact-submit")) } }
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

/// A supervisor's filters and search, as a form that reloads the list (GET).
fn filter_form(ctx: &Ctx, load: &Caseload) -> Markup {
    let q = &load.query;
    let any = || (String::new(), ctx.t("cases-filter-any"), None);
    let statuses: Vec<_> = std::iter::once((String::new(), ctx.t("cases-filter-open"), None))
        .chain(
            CaseStatus::ALL
                .iter()
                .map(|s| (s.code().to_owned(), status_label(ctx, *s), None)),
        )
        .chain(std::iter::once((
            "all".to_owned(),
            ctx.t("cases-filter-all-statuses"),
            None,
        )))
        .collect();
    let needs: Vec<_> = std::iter::once(any())
        .chain(crate::domain::Need::ALL.iter().map(|n| {
            (
                n.code().to_owned(),
                ctx.t(&format!("need-{}", n.code())),
                None,
            )
        }))
        .collect();
    let languages: Vec<_> = std::iter::once(any())
        .chain(Lang::all().map(|l| {
            (
                l.code().to_owned(),
                l.info().native_name.to_owned(),
                Some(l.code()),
            )
        }))
        .collect();
    let areas: Vec<_> = std::iter::once(any())
        .chain(
            load.areas
                .iter()
                .map(|a| (a.id.to_string(), a.name.clone(), None)),
        )
        .collect();
    let navigators: Vec<_> = std::iter::once(any())
        .chain(std::iter::once((
            "none".to_owned(),
            ctx.t("case-unassigned"),
            None,
        )))
        .chain(
            load.navigators
                .iter()
                .map(|n| (n.id.to_string(), n.name.clone(), None)),
        )
        .collect();
    html! {
        form.filters method="get" action="/cases" role="search" aria-label=(ctx.t("cases-filter-title")) {
            (Input::new("q", ctx.t("cases-search-label"), &q.q).hint(ctx.t("cases-search-hint")).kind("search").render(ctx, &[]))
            (Select { name: "status", label: ctx.t("cases-col-status"), hint: None, options: statuses, selected: &|v| v == q.status }.render(ctx, &[]))
            (Select { name: "need", label: ctx.t("cases-col-needs"), hint: None, options: needs, selected: &|v| v == q.need }.render(ctx, &[]))
            (Select { name: "language", label: ctx.t("cases-col-language"), hint: None, options: languages, selected: &|v| v == q.language }.render(ctx, &[]))
            (Select { name: "area", label: ctx.t("cases-col-area"), hint: None, options: areas, selected: &|v| v == q.area }.render(ctx, &[]))
            // The reassign form below has its own `navigator` field, which errors link to.
            (Select { name: "navigator", label: ctx.t("cases-col-navigator"), hint: None, options: navigators, selected: &|v| v == q.navigator }
                .render_with_id(ctx, &[], "f-filter-navigator"))
            (Input::new("waiting", ctx.t("cases-filter-waiting"), &q.waiting).numeric().render(ctx, &[]))
            p {
                button type="submit" { (ctx.t("cases-filter-submit")) }
                " "
                a href="/cases" { (ctx.t("cases-filter-clear")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{I18n, Lang};

    /// The program list on the case page is worded in every language, not only in the two
    /// that must translate staff pages (elsewhere a missing message would show in English).
    #[test]
    fn the_program_list_is_worded_in_every_language() {
        let i18n = I18n::load().unwrap();
        let en = i18n.tr(Lang::EN);
        let keys = [
            "case-programs-title",
            "case-programs-intro",
            "case-programs-none",
            "case-programs-eligible",
            "case-programs-may-qualify",
            "case-programs-not-eligible",
            "case-programs-refer",
        ];
        for lang in Lang::all().filter(|l| *l != Lang::EN) {
            let tr = i18n.tr(lang);
            for key in keys {
                assert_ne!(tr.t(key), en.t(key), "{} {key}", lang.code());
            }
            // The button's accessible name holds its visible word and names the program.
            let refer = tr.t("case-programs-refer");
            let label = tr.ta(
                "case-programs-refer-label",
                &[("program", "Lifeline Plus".into())],
            );
            assert!(
                label.contains(&refer) && label.contains("Lifeline Plus"),
                "{}: {label}",
                lang.code()
            );
            let referred = tr.ta("case-programs-referred", &[("status", "X".into())]);
            assert_ne!(
                referred,
                en.ta("case-programs-referred", &[("status", "X".into())]),
                "{}",
                lang.code()
            );
        }
    }
}
