//! What a resident sees of appointments: the section of the confirmation and status pages (the
//! booked appointment, or free times to choose from), and the pages a booking answers with when
//! it could not be made. No JavaScript: a radio group and a button.

use maud::{html, Markup};

use super::slots::Slot;
use super::store::Appointment;
use crate::domain::RefCode;
use crate::web::form::{alert, error_summary, field_id, FieldError};
use crate::web::layout::page;
use crate::web::Ctx;

/// The radio group's name: the contract of `POST /help/{ref}/appointment`.
pub const SLOT_FIELD: &str = "slot";

fn when(ctx: &Ctx, at: i64) -> String {
    super::display::when(&ctx.tr(), &ctx.state.config.timezone, at)
}

fn action(code: &RefCode) -> String {
    format!("/help/{code}/appointment")
}

/// The appointment section of the confirmation and status pages.
pub fn section(
    ctx: &Ctx,
    code: &RefCode,
    upcoming: Option<&Appointment>,
    slots: &[Slot],
) -> Markup {
    html! {
        section #appointment aria-labelledby="appt-title" {
            h2 #appt-title { (ctx.t("appt-title")) }
            @if let Some(a) = upcoming {
                (booked(ctx, code, a))
                @if !slots.is_empty() {
                    p { strong { (ctx.t("appt-move-title")) } }
                    (form(ctx, code, slots, &[], "appt-move-submit"))
                }
            } @else if slots.is_empty() {
                p { (ctx.t("appt-none")) }
            } @else {
                p { (ctx.t("appt-intro")) }
                (form(ctx, code, slots, &[], "appt-submit"))
            }
        }
    }
}

fn booked(ctx: &Ctx, code: &RefCode, a: &Appointment) -> Markup {
    html! {
        div.refcode-box.appointment {
            p { (ctx.t("appt-booked-intro")) }
            p.lead { strong { (when(ctx, a.starts_at)) } }
            // Names and addresses are written left to right, also on a right-to-left page.
            p { strong { bdi { (a.site_name) } } @if !a.site_address.is_empty() { br; bdi { (a.site_address) } } }
            @if !a.site_accessibility.is_empty() {
                p { (ctx.tr().ta("appt-accessibility", &[("notes", a.site_accessibility.as_str().into())])) }
            }
            p { (ctx.t("appt-booked-bring")) }
        }
        form method="post" action=(action(code)) {
            input type="hidden" name="cancel" value="yes";
            p { button.secondary type="submit" { (ctx.t("appt-cancel")) } }
        }
    }
}

/// The free times, by site (nearest first), as one radio group.
fn form(ctx: &Ctx, code: &RefCode, slots: &[Slot], errors: &[FieldError], submit: &str) -> Markup {
    let id = field_id(SLOT_FIELD);
    let error = errors.iter().find(|e| e.field == SLOT_FIELD);
    let first = slots.first().map(Slot::value);
    let mut sites: Vec<(&Slot, Vec<&Slot>)> = Vec::new();
    for slot in slots {
        match sites.last_mut() {
            Some((first, group)) if first.site_id == slot.site_id => group.push(slot),
            _ => sites.push((slot, vec![slot])),
        }
    }
    html! {
        form method="post" action=(action(code)) novalidate {
            fieldset.field.choices.has-error[error.is_some()] id={ (id) "-group" }
                aria-describedby=[error.map(|_| format!("{id}-error"))] {
                legend { (ctx.t("appt-choose")) }
                @if let Some(e) = error {
                    p.error id={ (id) "-error" } { (ctx.t(e.message)) }
                }
                @for (i, (site, group)) in sites.iter().enumerate() {
                    @let site_id = format!("appt-site-{i}");
                    div.site-slots role="group" aria-labelledby=(site_id) {
                        h3 id=(site_id) { bdi { (site.site_name) } }
                        @if !site.site_address.is_empty() {
                            p.hint { bdi { (site.site_address) } }
                        }
                        @if !site.site_accessibility.is_empty() {
                            p.hint { (ctx.tr().ta("appt-accessibility", &[("notes", site.site_accessibility.as_str().into())])) }
                        }
                        @for slot in group {
                            @let value = slot.value();
                            // The first radio takes the field's id, so the error summary's
                            // link focuses it.
                            @let option_id = if first.as_ref() == Some(&value) { id.clone() } else { format!("{id}-{value}") };
                            div.choice {
                                input type="radio" id=(option_id) name=(SLOT_FIELD) value=(value);
                                label for=(option_id) { (when(ctx, slot.starts_at)) }
                            }
                        }
                    }
                }
            }
            p { button type="submit" { (ctx.t(submit)) } }
        }
    }
}

/// Why a booking was not made, on a page of its own with other times to choose from.
pub enum Refusal {
    /// 409: someone else took it, or it is no longer free (past, closed).
    Taken,
    /// 422: no time chosen, or not one that was offered.
    Invalid,
}

pub fn refused(ctx: &Ctx, code: &RefCode, why: Refusal, slots: &[Slot]) -> Markup {
    let errors = match why {
        Refusal::Invalid => vec![FieldError {
            field: SLOT_FIELD,
            message: "appt-error-choose",
        }],
        Refusal::Taken => Vec::new(),
    };
    let title = match why {
        Refusal::Taken => ctx.t("appt-taken-title"),
        Refusal::Invalid => format!("{}: {}", ctx.t("error-title-prefix"), ctx.t("appt-title")),
    };
    page(
        ctx,
        &title,
        html! {
            h1 { (ctx.t("appt-title")) }
            @match why {
                Refusal::Taken => (alert(&ctx.t("appt-taken-title"), &ctx.t("appt-taken"))),
                Refusal::Invalid => (error_summary(ctx, &errors)),
            }
            @if slots.is_empty() {
                p { (ctx.t("appt-none")) }
            } @else {
                (form(ctx, code, slots, &errors, "appt-submit"))
            }
            p { a href={ "/help/" (code) } { (ctx.t("appt-back")) } }
        },
    )
}
