//! A case's timeline, newest first and a page at a time: every event, who made it and when,
//! worded in the staff member's language from the event's kind and data. Each entry has an
//! anchor (`#event-{id}`) that a change returns to.

use maud::{html, Markup};

use super::{language_name, multiline, status_label};
use crate::cases::store::Event;
use crate::domain::{CaseStatus, CloseReason, ReferralStatus};
use crate::web::format::when;
use crate::web::layout::pager;
use crate::web::Ctx;

pub fn timeline(ctx: &Ctx, case_id: i64, events: &[Event], page_no: i64, more: bool) -> Markup {
    html! {
        section.timeline-section aria-labelledby="timeline" {
        h2 #timeline { (ctx.t("case-timeline")) }
        @if page_no > 1 {
            p { (ctx.tr().ta("case-timeline-page", &[("page", page_no.into())])) }
        }
        ol.timeline {
            @for e in events {
                li id={ "event-" (e.id) } {
                    p.meta {
                        strong { (e.actor.clone().unwrap_or_else(|| ctx.t("case-event-no-actor"))) }
                        " · " (when(ctx, e.created_at))
                    }
                    p { (event_text(ctx, e)) }
                    @if e.kind == "voice_message" {
                        // The body is the recording's link, kept only if it is plain https.
                        @if let Some(url) = crate::voice::recording_url(&e.body) {
                            p { a href=(url) rel="noreferrer" { (ctx.t("case-event-voice-message-listen")) } }
                        }
                    } @else if !e.body.is_empty() {
                        p.note { (multiline(&e.body)) }
                    }
                }
            }
        }
        (pager(ctx, &ctx.t("case-timeline-pages"), page_no, more, |n| {
            if n == 1 { format!("/cases/{case_id}#timeline") } else { format!("/cases/{case_id}?timeline={n}#timeline") }
        }))
        }
    }
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
        "voice_message" => tr.ta(
            "case-event-voice-message",
            &[(
                "seconds",
                event.data["seconds"]
                    .as_i64()
                    .map_or_else(|| "?".into(), Into::into),
            )],
        ),
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
                crate::cases::contact::describe(ctx, &event.data).into(),
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
        "answers" => {
            let fields: Vec<String> = event.data["fields"]
                .as_array()
                .map(|fields| {
                    fields
                        .iter()
                        .filter_map(|f| f.as_str())
                        .map(|f| ctx.t(&format!("case-answers-field-{f}")))
                        .collect()
                })
                .unwrap_or_default();
            if fields.is_empty() {
                ctx.t("case-event-answers-consent")
            } else {
                tr.ta(
                    "case-event-answers",
                    &[("fields", fields.join(", ").into())],
                )
            }
        }
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
        other => super::appointment::event_text(ctx, other, &event.data)
            .or_else(|| super::devices::event_text(ctx, other, &event.data))
            .unwrap_or_else(|| tr.ta("case-event-other", &[("kind", other.into())])),
    }
}

/// Why a navigator fits, in words ("speaks Español, covers Five Points, 0 of 20 cases").
pub fn explain_reasons(
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
