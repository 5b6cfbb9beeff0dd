//! The case page's devices (issue 18): the loans and gifts of the case, each open loan with
//! its check-in, extension and loss buttons, the form to lend or give a device in stock, and
//! their events on the timeline.

use maud::{html, Markup};

use super::case_page::{CaseForms, CasePage};
use crate::auth::CurrentUser;
use crate::devices::loans::{self, Loan};
use crate::devices::model::Condition;
use crate::web::form::{choices, field_id, Choice, Input, Select};
use crate::web::format::format_date;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

/// The fields of the lending form; a refused post opens the group.
pub const FIELDS: &[&str] = &["device", "how", "due_on", "loan"];

/// A local day (`YYYY-MM-DD`) as the page's language writes dates.
fn day(ctx: &Ctx, iso: &str) -> String {
    let tz = &ctx.state.config.timezone;
    iso.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            d.to_datetime(jiff::civil::Time::midnight())
                .to_zoned(tz.clone())
                .ok()
        })
        .map_or_else(
            || iso.to_owned(),
            |z| format_date(ctx, z.timestamp().as_second()),
        )
}

fn kind_label(ctx: &Ctx, kind: &str) -> String {
    ctx.t(&format!("loan-device-{kind}"))
}

/// "HS-0001 (hotspot): lent, due back January 9, 2026" and the like.
fn state(ctx: &Ctx, loan: &Loan, today: jiff::civil::Date) -> String {
    let due = day(ctx, loan.due_on.as_deref().unwrap_or_default());
    let ended = loan
        .ended_at
        .map(|at| format_date(ctx, at))
        .unwrap_or_default();
    let id = match (loan.kind.as_str(), loan.ended_how.as_deref()) {
        ("gift", _) => "loan-state-given",
        (_, Some("returned")) => "loan-state-returned",
        (_, Some(_)) => "loan-state-lost",
        _ if loan.is_overdue(today) => "loan-state-overdue",
        _ => "loan-state-due",
    };
    let condition = loan
        .return_condition
        .as_deref()
        .map(|c| ctx.t(&format!("loan-condition-{c}")))
        .unwrap_or_default();
    ctx.tr().ta(
        id,
        &[
            ("tag", loan.asset_tag.as_str().into()),
            ("kind", kind_label(ctx, &loan.device_kind).into()),
            ("due", due.into()),
            ("ended", ended.into()),
            ("condition", condition.into()),
        ],
    )
}

/// Loans late back or with a request for more time, as items of the next step list.
pub fn next_step(ctx: &Ctx, p: &CasePage) -> Markup {
    let today = loans::today(&ctx.state.config.timezone, crate::db::now());
    html! {
        @for loan in p.loans.iter().filter(|l| l.is_overdue(today) || (l.is_open() && l.extension_asked_at.is_some())) {
            li.flag {
                strong { (state(ctx, loan, today)) }
                " " a href="#act-devices" { (ctx.t("loan-next-see")) }
            }
        }
    }
}

/// The group's body.
pub fn group(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let today = loans::today(&ctx.state.config.timezone, crate::db::now());
    let loan_error = forms.errors.iter().find(|e| e.field == "loan");
    html! {
        @if let Some(e) = loan_error {
            p.error id=(field_id("loan")) tabindex="-1" { (ctx.t(e.message)) }
        }
        @if p.loans.is_empty() {
            p { (ctx.t("loan-none")) }
        } @else {
            ul.loans {
                @for loan in &p.loans {
                    li {
                        @if loan.is_overdue(today) {
                            strong.flag { (state(ctx, loan, today)) }
                        } @else {
                            strong { (state(ctx, loan, today)) }
                        }
                        @if loan.is_open() && loan.extension_asked_at.is_some() {
                            br; (ctx.t("loan-more-time-asked"))
                        }
                        @if loan.is_open() { (open_loan(ctx, user, case.id, loan)) }
                    }
                }
            }
        }
        @if crate::cases::transitions::is_open(case.status) {
            h3 { (ctx.t("loan-lend-title")) }
            @if !p.stock_shown {
                p { a href={ "/cases/" (case.id) "?lend=1#act-devices" } { (ctx.t("loan-show-stock")) } }
            } @else if p.lendable.is_empty() {
                p { (ctx.t("loan-no-stock")) }
            } @else {
                (lend_form(ctx, user, p, forms))
            }
        }
    }
}

/// Check in (with the condition it came back in), extend, or mark lost.
fn open_loan(ctx: &Ctx, user: &CurrentUser, case_id: i64, loan: &Loan) -> Markup {
    let action = format!("/cases/{case_id}/devices/{}", loan.id);
    let due_id = format!("f-due-{}", loan.id);
    let tag = loan.asset_tag.as_str();
    let tr = ctx.tr();
    let conditions: Vec<_> = Condition::ALL
        .iter()
        .map(|c| {
            let code = c.code();
            (
                code.to_owned(),
                ctx.t(&format!("loan-condition-{code}")),
                None,
            )
        })
        .collect();
    html! {
        form.loan-action method="post" action=(action) {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="action" value="return";
            (Select {
                name: "condition",
                label: tr.ta("loan-condition-label", &[("tag", tag.into())]),
                hint: None,
                options: conditions,
                selected: &|v| v == "good",
            }.render_with_id(ctx, &[], &format!("f-condition-{}", loan.id)))
            button type="submit" { (tr.ta("loan-return", &[("tag", tag.into())])) }
        }
        form.loan-action method="post" action=(action) {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="action" value="extend";
            div.field {
                label for=(due_id) { (tr.ta("loan-extend-label", &[("tag", tag.into())])) }
                input id=(due_id) name="due_on" type="date" value=(loan.due_on.clone().unwrap_or_default());
            }
            button.secondary type="submit" { (tr.ta("loan-extend", &[("tag", tag.into())])) }
        }
        form.loan-action method="post" action=(action) {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="action" value="lost";
            button.secondary type="submit" { (tr.ta("loan-lost", &[("tag", tag.into())])) }
        }
    }
}

fn lend_form(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let options = std::iter::once((String::new(), ctx.t("loan-choose-device"), None))
        .chain(p.lendable.iter().map(|d| {
            let mut text = format!(
                "{} · {} · {}",
                d.asset_tag,
                kind_label(ctx, &d.kind),
                d.program
            );
            if let Some(site) = &d.site {
                text.push_str(" · ");
                text.push_str(site);
            }
            (d.id.to_string(), text, None)
        }))
        .collect();
    let how = if forms.how.is_empty() {
        "loan"
    } else {
        forms.how
    };
    html! {
        form method="post" action={ "/cases/" (p.case.id) "/devices" } novalidate {
            (csrf_field(&user.csrf_token))
            (Select {
                name: "device",
                label: ctx.t("loan-device-label"),
                hint: Some(ctx.t("loan-device-hint")),
                options,
                selected: &|v| v == forms.device,
            }.render(ctx, &forms.errors))
            (choices(ctx, &forms.errors, "how", "radio", &ctx.t("loan-how-label"), None,
                &[
                    Choice { code: "loan".into(), label: ctx.t("loan-how-loan"), hint: None },
                    Choice { code: "gift".into(), label: ctx.t("loan-how-gift"), hint: None },
                ],
                |v| v == how))
            (Input::new("due_on", ctx.t("loan-due-label"), forms.due_on)
                .kind("date")
                .hint(ctx.t("loan-due-hint"))
                .render(ctx, &forms.errors))
            p { button type="submit" { (ctx.t("loan-submit")) } }
        }
    }
}

/// A device event on the timeline, or `None` for another kind.
pub fn event_text(ctx: &Ctx, kind: &str, data: &serde_json::Value) -> Option<String> {
    let id = match kind {
        "device_lent" => "case-event-device-lent",
        "device_given" => "case-event-device-given",
        "device_returned" => "case-event-device-returned",
        "device_lost" => "case-event-device-lost",
        "device_extended" => "case-event-device-extended",
        _ => return None,
    };
    let text = |key: &str| data[key].as_str().unwrap_or_default().to_owned();
    let condition = match data["condition"].as_str() {
        Some(c) => ctx.t(&format!("loan-condition-{c}")),
        None => String::new(),
    };
    Some(ctx.tr().ta(
        id,
        &[
            ("tag", text("asset_tag").into()),
            ("kind", kind_label(ctx, &text("device_kind")).into()),
            ("due", day(ctx, &text("due_on")).into()),
            ("from", day(ctx, &text("from")).into()),
            ("condition", condition.into()),
        ],
    ))
}
