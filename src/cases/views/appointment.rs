//! The case page's appointment: the one booked (in the next step list), the folded group to
//! book, move or cancel it, and its events on the timeline.

use maud::{html, Markup};

use super::case_page::{CaseForms, CasePage};
use crate::appointments::display::when;
use crate::appointments::slots::Slot;
use crate::appointments::store::Appointment;
use crate::auth::CurrentUser;
use crate::web::form::field_id;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

fn at(ctx: &Ctx, at: i64) -> String {
    when(&ctx.tr(), &ctx.state.config.timezone, at)
}

/// "Wednesday, January 9, 2030, 9:00 AM at Central Library with Ana Navarro".
pub fn summary(ctx: &Ctx, a: &Appointment) -> String {
    ctx.tr().ta(
        "case-appt-upcoming",
        &[
            ("when", at(ctx, a.starts_at).into()),
            ("site", a.site_name.as_str().into()),
            ("navigator", a.navigator_name.as_str().into()),
        ],
    )
}

/// The booked appointment, as an item of the next step list.
pub fn next_step(ctx: &Ctx, p: &CasePage) -> Markup {
    html! {
        @if let Some(a) = &p.appointment {
            li #appointment { strong { (summary(ctx, a)) } }
        }
    }
}

/// The group's body: the appointment with a cancel button, and the free times to book.
pub fn group(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let action = format!("/cases/{}/appointment", case.id);
    let id = field_id("slot");
    let error = forms.errors.iter().find(|e| e.field == "slot");
    let first = p.free_slots.first().map(Slot::value);
    html! {
        @match &p.appointment {
            Some(a) => {
                p { (summary(ctx, a)) }
                form.inline method="post" action=(action) {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="version" value=(case.version);
                    input type="hidden" name="cancel" value=(a.id);
                    button.secondary type="submit" { (ctx.t("case-appt-cancel")) }
                }
            }
            None => p { (ctx.t("case-appt-none")) },
        }
        @if !forms.show_slots {
            p { a href={ "/cases/" (case.id) "?book=1#act-appointment" } { (ctx.t("case-appt-show-times")) } }
        } @else if p.free_slots.is_empty() {
            p { (ctx.t("case-appt-no-slots")) }
        } @else {
            form method="post" action=(action) novalidate {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="version" value=(case.version);
                fieldset.field.choices.has-error[error.is_some()] id={ (id) "-group" }
                    aria-describedby=[error.map(|_| format!("{id}-error"))] {
                    legend { (ctx.t("case-appt-choose")) }
                    @if let Some(e) = error {
                        p.error id={ (id) "-error" } { (ctx.t(e.message)) }
                    }
                    @for slot in &p.free_slots {
                        @let value = slot.value();
                        @let option_id = if first.as_ref() == Some(&value) { id.clone() } else { format!("{id}-{value}") };
                        div.choice {
                            input type="radio" id=(option_id) name="slot" value=(value);
                            label for=(option_id) { (at(ctx, slot.starts_at)) ", " (slot.site_name) }
                        }
                    }
                }
                p { button type="submit" {
                    (ctx.t(if p.appointment.is_some() { "case-appt-move" } else { "case-appt-book" }))
                } }
            }
        }
    }
}

/// An appointment event on the timeline, or `None` for another kind.
pub fn event_text(ctx: &Ctx, kind: &str, data: &serde_json::Value) -> Option<String> {
    let id = match kind {
        "appointment_booked" => "case-event-appointment-booked",
        "appointment_moved" => "case-event-appointment-moved",
        "appointment_cancelled" => "case-event-appointment-cancelled",
        "appointment_status" => "case-event-appointment-status",
        _ => return None,
    };
    let text = |key: &str| data[key].as_str().unwrap_or_default().to_owned();
    let code = |prefix: &str, key: &str| match data[key].as_str() {
        Some(c) if !c.is_empty() => ctx.t(&format!("{prefix}-{c}")),
        _ => String::new(),
    };
    Some(
        ctx.tr().ta(
            id,
            &[
                (
                    "when",
                    data["starts_at"]
                        .as_i64()
                        .map(|t| at(ctx, t))
                        .unwrap_or_default()
                        .into(),
                ),
                ("site", text("site").into()),
                ("via", code("case-appt-via", "via").into()),
                ("status", code("case-appt-status", "status").into()),
            ],
        ),
    )
}
