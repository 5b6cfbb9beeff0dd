//! The outcome on a case page: what the help achieved as recorded so far, and the form that
//! records it and may close the case with it, in one submission.

use maud::{html, Markup};

use super::case_form;
use super::case_page::{CaseForms, CasePage};
use crate::auth::CurrentUser;
use crate::cases::outcome::OutcomeInput;
use crate::cases::transitions::{closing_path, Access};
use crate::domain::{CloseReason, DeviceType};
use crate::web::form::{choices, Choice, Input, Select};
use crate::web::Ctx;

/// The fields of the outcome form: a refused one unfolds its group.
pub const FIELDS: &[&str] = &[
    "connected_at_home",
    "plan",
    "monthly_cost",
    "device_type",
    "training_sessions",
    "skill_at_intake",
    "skill_at_close",
    "close",
    "close_reason",
];

fn yes_no(ctx: &Ctx, value: Option<bool>) -> String {
    match value {
        Some(true) => ctx.t("outcome-yes"),
        Some(false) => ctx.t("outcome-no"),
        None => ctx.t("outcome-not-recorded"),
    }
}

pub fn section(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
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
            (case_form(user, case, "outcome", html! {
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
                @if closing_path(case.status).is_some() || forms.refused_any(&["close", "close_reason"]) {
                    (close_fields(ctx, forms))
                }
                p { button type="submit" { (ctx.t("outcome-submit")) } }
            }))
        }
    }
}

/// "Close the case" and why, at the end of the outcome form: the outcome and the close are
/// one submission.
fn close_fields(ctx: &Ctx, forms: &CaseForms<'_>) -> Markup {
    let close_error = forms.errors.iter().find(|e| e.field == "close");
    html! {
        fieldset.field.close-case.has-error[close_error.is_some()] {
            legend { (ctx.t("outcome-close-legend")) }
            @if let Some(e) = close_error {
                p.error id="f-close-error" { (ctx.t(e.message)) }
            }
            div.choice {
                input type="checkbox" id="f-close" name="close" value="yes" checked[forms.close]
                    aria-describedby=[close_error.map(|_| "f-close-error")];
                label for="f-close" { (ctx.t("outcome-close-label")) }
            }
            (Select {
                name: "close_reason",
                label: ctx.t("case-close-reason-label"),
                hint: Some(ctx.t("case-close-reason-hint")),
                options: std::iter::once((String::new(), ctx.t("case-close-reason-choose"), None))
                    .chain(CloseReason::ALL.iter().map(|r| (r.code().to_owned(), ctx.t(&format!("close-reason-{}", r.code())), None)))
                    .collect(),
                selected: &|v| !v.is_empty() && v == forms.close_reason,
            }.render(ctx, &forms.errors))
        }
    }
}
