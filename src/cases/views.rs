//! Staff pages for cases: the caseload (my cases, the queue, or all open cases) and one case
//! with its resident, timeline and forms. Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::store::{CaseDetail, CaseLine, ContactChannel, Event};
use super::transitions::{status_choices, Access};
use crate::auth::views::{alert, csrf_field, signed_in_as};
use crate::auth::CurrentUser;
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::intake::form::FieldError;
use crate::intake::views::format_date;
use crate::web::form::{error_summary, Input, Select};
use crate::web::layout::page;
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
    /// Whether this user has a navigator row (and so may take cases).
    pub is_navigator: bool,
    pub sections: Vec<Section>,
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
                            a href={ "/cases?page=" (load.page - 1) } rel="prev" { (ctx.t("cases-previous")) }
                            " "
                        }
                        @if load.page < load.pages {
                            a href={ "/cases?page=" (load.page + 1) } rel="next" { (ctx.t("cases-next")) }
                        }
                    }
                }
            }
        },
    )
}

fn case_table(ctx: &Ctx, user: &CurrentUser, load: &Caseload, s: &Section) -> Markup {
    let show_navigator = s.kind == SectionKind::AllOpen;
    let show_take = s.kind == SectionKind::Queue && load.is_navigator;
    let tr = ctx.tr();
    html! {
        div.table-wrap {
            table aria-labelledby={ "cases-" (s.kind.code()) } {
                thead {
                    tr {
                        th scope="col" { (ctx.t("cases-col-ref")) }
                        th scope="col" { (ctx.t("cases-col-area")) }
                        th scope="col" { (ctx.t("cases-col-needs")) }
                        th scope="col" { (ctx.t("cases-col-language")) }
                        th scope="col" { (ctx.t("cases-col-status")) }
                        th scope="col" { (ctx.t("cases-col-waiting")) }
                        @if show_navigator { th scope="col" { (ctx.t("cases-col-navigator")) } }
                        @if show_take { th scope="col" { (ctx.t("cases-col-action")) } }
                    }
                }
                tbody {
                    @for line in &s.lines {
                        tr {
                            th scope="row" { a href={ "/cases/" (line.id) } { (line.ref_code) } }
                            td { (line.area.clone().unwrap_or_else(|| ctx.t("case-not-given"))) }
                            td { (needs_text(ctx, &line.needs)) }
                            td { (language_name(&line.language)) }
                            td { (status_label(ctx, line.status)) }
                            td { (tr.ta("cases-days", &[("days", ((load.now - line.created_at).max(0) / 86_400).into())])) }
                            @if show_navigator {
                                td { (line.navigator.clone().unwrap_or_else(|| ctx.t("case-unassigned"))) }
                            }
                            @if show_take { td { (take_form(ctx, user, line.id, &line.ref_code)) } }
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
    pub errors: Vec<FieldError>,
    /// The case changed since the user's form was drawn.
    pub conflict: bool,
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
        "status_change" => tr.ta(
            "case-event-status-change",
            &[("from", status("from").into()), ("to", status("to").into())],
        ),
        other => tr.ta("case-event-other", &[("kind", other.into())]),
    }
}

pub fn case_page(
    ctx: &Ctx,
    user: &CurrentUser,
    case: &CaseDetail,
    events: &[Event],
    access: Access,
    forms: &CaseForms<'_>,
) -> Markup {
    let tr = ctx.tr();
    let heading = tr.ta("case-title", &[("ref", case.ref_code.as_str().into())]);
    let title = if forms.errors.is_empty() && !forms.conflict {
        heading.clone()
    } else {
        format!("{}: {heading}", ctx.t("error-title-prefix"))
    };
    let not_given = || ctx.t("case-not-given");
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
            dl.summary {
                dt { (ctx.t("case-status")) } dd { (status_label(ctx, case.status)) }
                dt { (ctx.t("case-navigator")) }
                dd { (case.navigator.clone().unwrap_or_else(|| ctx.t("case-unassigned"))) }
                dt { (ctx.t("case-received")) } dd { (when(ctx, case.created_at)) }
                dt { (ctx.t("case-first-contact")) }
                dd { (case.first_contact_at.map_or_else(|| ctx.t("case-not-yet"), |at| when(ctx, at))) }
            }
            @if access == Access::Take {
                p { (ctx.t("case-take-intro")) }
                (take_form(ctx, user, case.id, &case.ref_code))
            }
            h2 { (ctx.t("case-resident")) }
            dl.summary {
                dt { (ctx.t("case-name")) } dd { (case.resident_name) }
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
            }
            h2 { (ctx.t("case-timeline")) }
            ol.timeline {
                @for e in events {
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
                (Select { name: "status", label: ctx.t("case-status-label"), hint: None, options, selected: &|_| false }
                    .render(ctx, &forms.errors))
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
