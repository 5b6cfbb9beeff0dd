//! Texting the resident from the case page: the texts of the case both ways with their
//! status and segment count, ready-made texts in the resident's language (each sent with one
//! press), and a box for free text. A text goes through the outbox like any other: quiet hours,
//! opt-outs and the sender's rate hold.

use super::CaseCtx;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use rand::Rng;

use super::page::posted;
use super::store::CaseDetail;
use super::views::CaseForms;
use crate::auth::{CurrentUser, StaffForm};
use crate::i18n::Lang;
use crate::sms::outbox::{self, Kind, NewText};
use crate::web::form::FieldError;
use crate::web::form::Input;
use crate::web::staff::csrf_field;
use crate::web::{AppResult, Ctx};

/// The longest text a navigator may send, in characters (about seven segments).
const MAX_TEXT_CHARS: usize = 1000;

/// Ready-made texts, by their message id in `sms.ftl`.
const TEMPLATES: [&str; 3] = [
    "sms-template-call-back",
    "sms-template-documents",
    "sms-still-waiting",
];

/// Whether the resident can be texted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    Yes,
    NoPhone,
    NoConsent,
    /// Said STOP at this time.
    OptedOut(i64),
}

/// One text of the case.
#[derive(Clone, Debug)]
pub struct TextLine {
    pub incoming: bool,
    pub body: String,
    pub status: String,
    pub at: i64,
    pub segments: usize,
}

/// What the case page shows about texts.
#[derive(Clone, Debug)]
pub struct Panel {
    pub reach: Reach,
    pub texts: Vec<TextLine>,
    /// (template id, its text in the resident's language, segments).
    pub templates: Vec<(&'static str, String, usize)>,
    /// A fresh key for this page's forms: pressing twice sends once.
    pub key: String,
}

fn template_text(ctx: &Ctx, case: &CaseDetail, id: &str) -> String {
    let lang = Lang::parse(&case.language).unwrap_or(Lang::EN);
    ctx.state.i18n.format_sms(
        lang,
        id,
        &[
            ("code", case.ref_code.clone().into()),
            ("phone", ctx.state.config.help_phone.clone().into()),
        ],
    )
}

pub async fn panel(ctx: &Ctx, case: &CaseDetail) -> AppResult<Panel> {
    let db = &ctx.state.db;
    // One row for up to 50 texts (see `crate::db::json_rows`).
    let sql = db.backend.json_rows_sql(
        "SELECT direction, body, status, created_at FROM sms_messages WHERE case_id = $1 \
         ORDER BY id DESC LIMIT 50",
        &["direction", "body", "status", "created_at"],
    );
    let text: String = sqlx::query_scalar(&sql)
        .bind(case.id)
        .fetch_one(&db.pool)
        .await?;
    let texts = crate::db::parse_json_rows::<(String, String, String, i64)>(&text)?
        .into_iter()
        .map(|(direction, body, status, at)| TextLine {
            incoming: direction == "in",
            segments: crate::i18n::segments::count(&body).segments,
            body,
            status,
            at,
        })
        .collect();
    let reach = match &case.phone {
        None => Reach::NoPhone,
        Some(phone) => {
            let (stopped, consent): (Option<i64>, Option<i64>) = sqlx::query_as(
                "SELECT (SELECT opted_out_at FROM sms_opt_outs WHERE phone = $1), \
                 (SELECT sms_consent_at FROM residents WHERE id = $2)",
            )
            .bind(phone)
            .bind(case.resident_id)
            .fetch_one(&db.pool)
            .await?;
            match (stopped, consent) {
                (Some(at), _) => Reach::OptedOut(at),
                (None, None) => Reach::NoConsent,
                (None, Some(_)) => Reach::Yes,
            }
        }
    };
    let templates = TEMPLATES
        .iter()
        .map(|id| {
            let text = template_text(ctx, case, id);
            let segments = crate::i18n::segments::count(&text).segments;
            (*id, text, segments)
        })
        .collect();
    Ok(Panel {
        reach,
        texts,
        templates,
        key: format!("{:016x}", rand::rng().random::<u64>()),
    })
}

/// `POST /cases/{id}/texts`: a template (`template`) or free text (`message`) to the resident.
pub async fn send(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    // Texts are not guarded by the case's version: a text is sent whatever changed meanwhile.
    let (id, user, case, _) = posted(&ctx, &id, &form).await?;
    let message = form.get("message").trim();
    let template = form.get("template");
    let body = if TEMPLATES.contains(&template) {
        template_text(&ctx, &case, template)
    } else {
        message.to_owned()
    };
    let panel = panel(&ctx, &case).await?;
    let problem = if panel.reach != Reach::Yes {
        Some("case-text-error-unreachable")
    } else if body.is_empty() {
        Some("case-text-error-empty")
    } else if body.chars().count() > MAX_TEXT_CHARS {
        Some("case-text-error-too-long")
    } else {
        None
    };
    if let Some(message_id) = problem {
        let forms = CaseForms {
            text_message: message,
            errors: vec![FieldError {
                field: "message",
                message: message_id,
            }],
            ..CaseForms::default()
        };
        return super::page::render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms)
            .await;
    }
    let key = form.get("text_key");
    let key = if !key.is_empty() && key.len() <= 32 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        key.to_owned()
    } else {
        format!("{:016x}", rand::rng().random::<u64>())
    };
    let now = crate::db::now();
    let text = NewText {
        case_id: Some(id),
        resident_id: Some(case.resident_id),
        to: case.phone.clone().unwrap_or_default(),
        body,
        kind: Kind::Staff,
        // Not an answer to something the resident just did: quiet hours apply.
        immediate: false,
        not_before: now,
        idempotency_key: format!("staff-{id}-{key}"),
        created_by: Some(user.id),
    };
    let stored = outbox::enqueue(&ctx.state.db, &text, now).await?;
    if stored.is_some() {
        ctx.state
            .audit
            .record(user.id, "send_text", id, now)
            .await?;
        ctx.cases.outbox.wake();
        tracing::info!(
            user_id = user.id,
            case_id = id,
            "text to the resident stored"
        );
    }
    Ok(Redirect::to(&format!("/cases/{id}#texts")).into_response())
}

fn status_label(ctx: &Ctx, status: &str) -> String {
    match status {
        "scheduled" | "sending" | "queued" | "sent" | "delivered" | "undelivered" | "failed"
        | "cancelled" | "received" => ctx.t(&format!("case-text-status-{status}")),
        other => other.to_owned(),
    }
}

pub fn section(
    ctx: &Ctx,
    user: &CurrentUser,
    case: &CaseDetail,
    panel: &Panel,
    forms: &CaseForms<'_>,
    can_send: bool,
) -> Markup {
    let tr = ctx.tr();
    html! {
        @match panel.reach {
            Reach::Yes => {}
            Reach::NoPhone => p { (ctx.t("case-texts-no-phone")) },
            Reach::NoConsent => p { (ctx.t("case-texts-no-consent")) },
            Reach::OptedOut(at) => p.notice {
                (tr.ta("case-texts-opted-out", &[("when", crate::web::format::when(ctx, at).into())]))
            },
        }
        @if panel.texts.is_empty() {
            p { (ctx.t("case-texts-none")) }
        } @else {
            ol.texts {
                @for t in &panel.texts {
                    li {
                        p.meta {
                            strong { (ctx.t(if t.incoming { "case-text-from-resident" } else { "case-text-to-resident" })) }
                            " · " (crate::web::format::when(ctx, t.at))
                            " · " (status_label(ctx, &t.status))
                            @if !t.incoming {
                                " · " (tr.ta("case-text-segments", &[("count", (t.segments as i64).into())]))
                            }
                        }
                        p.note { (t.body) }
                    }
                }
            }
        }
        @if can_send && panel.reach == Reach::Yes {
            h3 { (ctx.t("case-texts-templates")) }
            ul.templates {
                @for (n, (id, text, segments)) in panel.templates.iter().enumerate() {
                    li {
                        p.note { (text) }
                        form.inline method="post" action={ "/cases/" (case.id) "/texts" } {
                            (csrf_field(&user.csrf_token))
                            input type="hidden" name="template" value=(id);
                            input type="hidden" name="text_key" value=(format!("{}{:x}", panel.key, n + 1));
                            button type="submit" aria-label=(tr.ta("case-text-send-template", &[("text", text.clone().into())])) {
                                (ctx.t("case-text-send"))
                            }
                            " " (tr.ta("case-text-segments", &[("count", (*segments as i64).into())]))
                        }
                    }
                }
            }
            h3 { (ctx.t("case-texts-write")) }
            form method="post" action={ "/cases/" (case.id) "/texts" } novalidate {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="text_key" value=(panel.key);
                (Input::new("message", ctx.t("case-text-message-label"), forms.text_message)
                    .hint(ctx.t("case-text-message-hint")).textarea().required().render(ctx, &forms.errors))
                p { button type="submit" { (ctx.t("case-text-send")) } }
            }
        }
    }
}
