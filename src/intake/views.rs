//! Resident-facing pages: landing, request form, confirmation, status.

use maud::{html, Markup};

use super::form::RawRequest;
use super::store::CaseSummary;
use crate::areas::choices::AreaChoice;
use crate::domain::{
    Accessibility, AgeBand, Answer, Benefit, ConsentHow, ContactMethod, Need, RaceEthnicity,
};
use crate::i18n::Lang;
use crate::web::form::FieldError;
use crate::web::form::{choices, error_summary, Choice, Input, Select};
use crate::web::format::format_date;
use crate::web::layout::page;
use crate::web::Ctx;

pub fn landing(ctx: &Ctx) -> Markup {
    page(
        ctx,
        &ctx.t("landing-title"),
        html! {
            h1 { (ctx.t("landing-title")) }
            p.lead { (ctx.t("landing-intro")) }
            ul.needs-list {
                @for need in Need::ALL {
                    li {
                        strong { (ctx.t(&format!("need-{}", need.code()))) }
                        br;
                        (ctx.t(&format!("need-{}-hint", need.code())))
                    }
                }
            }
            p { a.button href="/help" { (ctx.t("landing-get-help")) } }
            p { (ctx.t("landing-free")) }
            h2 { (ctx.t("landing-already-title")) }
            p { a href="/status" { (ctx.t("landing-check-status")) } }
        },
    )
}

fn options<T: Copy>(
    ctx: &Ctx,
    all: &[T],
    code: fn(T) -> &'static str,
    prefix: &str,
    hints: bool,
) -> Vec<Choice> {
    all.iter()
        .map(|item| {
            let code = code(*item);
            Choice {
                code: code.into(),
                label: ctx.t(&format!("{prefix}-{code}")),
                hint: hints.then(|| ctx.t(&format!("{prefix}-{code}-hint"))),
            }
        })
        .collect()
}

/// What the request form adds when staff record a request taken by phone or in person.
pub struct StaffIntake<'a> {
    pub csrf_token: &'a str,
    /// `phone` or `walk_in`, as chosen.
    pub channel: &'a str,
    pub consent_how: &'a str,
    /// Whether "assign to me" is ticked; `None` when the user is not a navigator.
    pub assign_me: Option<bool>,
    /// Set when staff correct the answers of a request already made (`/cases/{id}/answers`)
    /// rather than record a new one.
    pub correcting: Option<Correcting>,
}

/// The case whose answers are corrected, at the version the form was drawn from.
pub struct Correcting {
    pub case_id: i64,
    pub version: i64,
    /// Someone changed the case since the form was opened: say so above the form.
    pub conflict: bool,
}

/// The request form, empty or as submitted with its errors; with `staff`, the version staff
/// fill in for a resident, posted to `/cases/new`.
pub fn request_form(
    ctx: &Ctx,
    raw: &RawRequest,
    errors: &[FieldError],
    areas: &[AreaChoice],
    staff: Option<&StaffIntake<'_>>,
) -> Markup {
    let correcting = staff.and_then(|st| st.correcting.as_ref());
    let title = ctx.t(match (staff, correcting) {
        (_, Some(_)) => "case-answers-title",
        (Some(_), None) => "intake-staff-title",
        (None, _) => "form-title",
    });
    let title = if errors.is_empty() {
        title
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    let chosen_language = Lang::parse(&raw.language).unwrap_or(ctx.lang);
    let method = |m: ContactMethod| -> bool { raw.contact_method == m.code() };
    page(
        ctx,
        &title,
        html! {
            @if let Some(c) = correcting {
                p { a href={ "/cases/" (c.case_id) } { (ctx.t("case-answers-back")) } }
                h1 { (ctx.t("case-answers-title")) }
                p { (ctx.t("case-answers-intro")) }
                @if c.conflict {
                    div.error-summary role="alert" tabindex="-1" {
                        h2 { (ctx.t("case-conflict-title")) }
                        p { (ctx.t("case-answers-conflict")) }
                    }
                }
            } @else if staff.is_some() {
                p { a href="/cases" { (ctx.t("case-back")) } }
                h1 { (ctx.t("intake-staff-title")) }
                p { (ctx.t("intake-staff-intro")) }
            } @else {
                h1 { (ctx.t("form-title")) }
                p { (ctx.t("form-intro")) }
            }
            (error_summary(ctx, errors))
            @let action = match (staff, correcting) {
                (_, Some(c)) => format!("/cases/{}/answers", c.case_id),
                (Some(_), None) => "/cases/new".to_owned(),
                (None, _) => "/help".to_owned(),
            };
            form method="post" action=(action) novalidate {
                @if let Some(c) = correcting {
                    input type="hidden" name="version" value=(c.version);
                }
                @if let Some(st) = staff {
                    input type="hidden" name="csrf_token" value=(st.csrf_token);
                }
                @if let (Some(st), None) = (staff, correcting) {
                    (choices(ctx, errors, "channel", "radio", &ctx.t("intake-staff-how"), None,
                        &[
                            Choice { code: "phone".into(), label: ctx.t("intake-staff-channel-phone"), hint: None },
                            Choice { code: "walk_in".into(), label: ctx.t("intake-staff-channel-walk_in"), hint: None },
                        ],
                        |c| c == st.channel))
                }
                fieldset.section {
                    legend { h2 { (ctx.t("form-section-you")) } }
                    (Input::new("name", ctx.t("form-name"), &raw.name)
                        .hint(ctx.t("form-name-hint")).autocomplete("name").required().render(ctx, errors))
                    (Select {
                        name: "language",
                        label: ctx.t("form-language"),
                        hint: Some(ctx.t("form-language-hint")),
                        options: Lang::all()
                            .map(|l| (l.code().to_owned(), l.info().native_name.to_owned(), Some(l.code())))
                            .collect(),
                        selected: &|v| v == chosen_language.code(),
                    }.render(ctx, errors))
                }
                fieldset.section {
                    legend { h2 { (ctx.t("form-section-contact")) } }
                    p.hint { (ctx.t("form-contact-hint")) }
                    (Input::new("phone", ctx.t("form-phone"), &raw.phone)
                        .hint(ctx.t("form-phone-hint")).kind("tel").autocomplete("tel").ltr().render(ctx, errors))
                    (Input::new("email", ctx.t("form-email"), &raw.email)
                        .kind("email").autocomplete("email").ltr().render(ctx, errors))
                    (choices(ctx, errors, "contact_method", "radio", &ctx.t("form-contact-method"), None,
                        &options(ctx, ContactMethod::ALL, ContactMethod::code, "contact", false),
                        |c| ContactMethod::parse(c).is_some_and(method)))
                    (choices(ctx, errors, "sms_consent", "checkbox", &ctx.t("form-sms-consent-legend"), None,
                        &[Choice { code: "yes".into(), label: ctx.t("form-sms-consent"), hint: Some(ctx.t("form-sms-consent-hint")) }],
                        |_| raw.sms_consent == "yes"))
                    @if let Some(st) = staff {
                        (Select {
                            name: "consent_how",
                            label: ctx.t("intake-staff-consent-how"),
                            hint: Some(ctx.t("intake-staff-consent-how-hint")),
                            options: std::iter::once((String::new(), ctx.t("intake-staff-consent-how-choose"), None))
                                .chain(ConsentHow::ALL.iter().map(|h| (h.code().to_owned(), ctx.t(&format!("consent-how-{}", h.code())), None)))
                                .collect(),
                            selected: &|v| v == st.consent_how,
                        }.render(ctx, errors))
                    }
                }
                fieldset.section {
                    legend { h2 { (ctx.t("form-section-where")) } }
                    p.hint { (ctx.t("form-where-hint")) }
                    (Select {
                        name: "area",
                        label: ctx.t("form-area"),
                        hint: None,
                        options: std::iter::once((String::new(), ctx.t("form-area-none"), None))
                            .chain(areas.iter().map(|a| (a.id.to_string(), a.name.clone(), None)))
                            .collect(),
                        selected: &|v| !v.is_empty() && (raw.area == v || areas.iter().any(|a| a.id.to_string() == v && a.name.eq_ignore_ascii_case(&raw.area))),
                    }.render(ctx, errors))
                    (Input::new("zip", ctx.t("form-zip"), &raw.zip)
                        .autocomplete("postal-code").numeric().ltr().render(ctx, errors))
                    (Input::new("address", ctx.t("form-address"), &raw.address)
                        .hint(ctx.t("form-address-hint")).autocomplete("address-line1").render(ctx, errors))
                }
                fieldset.section {
                    legend { h2 { (ctx.t("form-section-needs")) } }
                    (choices(ctx, errors, "needs", "checkbox", &ctx.t("form-needs"), Some(&ctx.t("form-needs-hint")),
                        &options(ctx, Need::ALL, Need::code, "need", true), |c| raw.has(&raw.needs, c)))
                    (Input::new("details", ctx.t("form-details"), &raw.details)
                        .hint(ctx.t("form-details-hint")).textarea().render(ctx, errors))
                }
                fieldset.section {
                    legend { h2 { (ctx.t("form-section-household")) } }
                    p.hint { (ctx.t("form-household-hint")) }
                    (Input::new("household_size", ctx.t("form-household-size"), &raw.household_size)
                        .numeric().render(ctx, errors))
                    (Input::new("monthly_income", ctx.t("form-income"), &raw.monthly_income)
                        .hint(ctx.t("form-income-hint")).numeric().render(ctx, errors))
                    (choices(ctx, errors, "benefits", "checkbox", &ctx.t("form-benefits"), Some(&ctx.t("form-benefits-hint")),
                        &options(ctx, Benefit::ALL, Benefit::code, "benefit", false), |c| raw.has(&raw.benefits, c)))
                    (choices(ctx, errors, "age_band", "radio", &ctx.t("form-age"), None,
                        &options(ctx, AgeBand::ASKED, AgeBand::code, "age", false), |c| raw.age_band == c))
                }
                fieldset.section {
                    legend { h2 { (ctx.t("form-section-optional")) } }
                    (choices(ctx, errors, "accessibility", "checkbox", &ctx.t("form-accessibility"), None,
                        &options(ctx, Accessibility::ALL, Accessibility::code, "access", false), |c| raw.has(&raw.accessibility, c)))
                    // The form promises these answers are never shown with the resident's
                    // name: correcting a request leaves them unseen and as given.
                    @if correcting.is_some() {
                        p.hint { (ctx.t("case-answers-private")) }
                    } @else {
                        (choices(ctx, errors, "race_ethnicity", "checkbox", &ctx.t("form-race"), Some(&ctx.t("form-race-hint")),
                            &options(ctx, RaceEthnicity::ALL, RaceEthnicity::code, "race", false), |c| raw.has(&raw.race_ethnicity, c)))
                        (choices(ctx, errors, "veteran", "radio", &ctx.t("form-veteran"), Some(&ctx.t("form-veteran-hint")),
                            &options(ctx, Answer::ALL, Answer::code, "answer", false), |c| raw.veteran.trim() == c))
                        (choices(ctx, errors, "disability", "radio", &ctx.t("form-disability"), Some(&ctx.t("form-disability-hint")),
                            &options(ctx, Answer::ALL, Answer::code, "answer", false), |c| raw.disability.trim() == c))
                    }
                }
                @if let Some(st) = staff {
                    @if let Some(assign_me) = st.assign_me {
                        (choices(ctx, errors, "assign_me", "checkbox", &ctx.t("intake-staff-assign-legend"), None,
                            &[Choice { code: "yes".into(), label: ctx.t("intake-staff-assign-me"), hint: None }],
                            |_| assign_me))
                    }
                    p { button type="submit" { (ctx.t(if correcting.is_some() { "case-answers-submit" } else { "intake-staff-submit" })) } }
                } @else {
                    div.hp {
                        label for="f-website" { (ctx.t("form-honeypot")) }
                        input #f-website name="website" type="text" value="" tabindex="-1" autocomplete="off";
                    }
                    p { button type="submit" { (ctx.t("form-submit")) } }
                }
            }
        },
    )
}

fn status_text(ctx: &Ctx, summary: &CaseSummary) -> String {
    ctx.t(&format!("status-{}", summary.status.code()))
}

pub fn confirmation(
    ctx: &Ctx,
    summary: &CaseSummary,
    programs: &[crate::programs::matches::ProgramMatch],
    texts_stopped: bool,
    appointment: Markup,
) -> Markup {
    let tr = ctx.tr();
    let contact = match summary.contact_method {
        ContactMethod::Sms => "confirm-next-sms",
        ContactMethod::Call => "confirm-next-call",
        ContactMethod::Email => "confirm-next-email",
    };
    page(
        ctx,
        &ctx.t("confirm-title"),
        html! {
            h1 { (ctx.t("confirm-title")) }
            div.refcode-box {
                p { (ctx.t("confirm-code-intro")) }
                p.refcode dir="ltr" data-ref=(summary.code) { (summary.code.grouped()) }
                p { (ctx.t("confirm-code-keep")) }
            }
            h2 { (ctx.t("confirm-next-title")) }
            ol.steps {
                @if texts_stopped {
                    li { (ctx.t("confirm-sms-stopped")) }
                } @else {
                    li { (ctx.t(contact)) }
                }
                li { (ctx.t("confirm-next-navigator")) }
                li { (ctx.t("confirm-next-status")) }
            }
            (appointment)
            h2 { (ctx.t("confirm-asked-title")) }
            ul {
                @for need in &summary.needs {
                    li { (ctx.t(&format!("need-{}", need.code()))) }
                }
            }
            h2 { (ctx.t("confirm-programs-title")) }
            @if programs.is_empty() {
                p { (ctx.t("confirm-programs-none")) }
            } @else {
                p { (ctx.t("confirm-programs-intro")) }
                ul.programs {
                    @for p in programs {
                        li {
                            strong { (p.name) } " (" (p.organization) ")"
                            br;
                            (crate::programs::matches::verdict_text(&tr, p.decision.verdict))
                            @let reasons: Vec<String> = p.decision.reasons.iter().map(|r| crate::programs::matches::reason_text(&tr, *r)).collect();
                            @if !reasons.is_empty() { ": " (reasons.join("; ")) }
                        }
                    }
                }
            }
            p { a.button href="/status" { (ctx.t("nav-check-status")) } }
        },
    )
}

/// The status look-up form; `not_found` shows the one answer for a wrong code or phone.
pub fn status_form(
    ctx: &Ctx,
    code: &str,
    last4: &str,
    errors: &[FieldError],
    not_found: bool,
) -> Markup {
    page(
        ctx,
        &ctx.t("status-title"),
        html! {
            h1 { (ctx.t("status-title")) }
            p { (ctx.t("status-intro")) }
            @if not_found {
                div.error-summary role="alert" tabindex="-1" {
                    h2 { (ctx.t("status-not-found-title")) }
                    p { (ctx.t("status-not-found")) }
                }
            }
            (error_summary(ctx, errors))
            form method="post" action="/status" novalidate {
                (Input::new("ref", ctx.t("status-ref"), code).hint(ctx.t("status-ref-hint"))
                    .autocomplete("off").ltr().required().render(ctx, errors))
                (Input::new("phone_last4", ctx.t("status-last4"), last4).hint(ctx.t("status-last4-hint"))
                    .autocomplete("off").numeric().ltr().required().render(ctx, errors))
                p { button type="submit" { (ctx.t("status-submit")) } }
            }
        },
    )
}

/// The case's status, and `appointment`: the booked one or times to choose from.
pub fn status_result(ctx: &Ctx, summary: &CaseSummary, appointment: Markup) -> Markup {
    page(
        ctx,
        &ctx.t("status-result-title"),
        html! {
            h1 { (ctx.t("status-result-title")) }
            dl.summary {
                dt { (ctx.t("status-ref")) }
                dd dir="ltr" { (summary.code.grouped()) }
                dt { (ctx.t("status-submitted")) }
                dd {
                    (format_date(ctx, summary.created_at)) " "
                    span.small { (ctx.tr().ta("status-age", &[("days", ((crate::db::now() - summary.created_at).max(0) / 86_400).into())])) }
                }
                dt { (ctx.t("status-current")) }
                dd { strong { (status_text(ctx, summary)) } }
                @if let Some(at) = summary.first_contact_at {
                    dt { (ctx.t("status-first-contact")) }
                    dd { (format_date(ctx, at)) }
                }
            }
            p { (ctx.t(&format!("status-{}-next", summary.status.code()))) }
            (appointment)
            p { a href="/help" { (ctx.t("status-new-request")) } }
        },
    )
}
