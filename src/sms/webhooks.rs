//! Twilio's webhooks: `POST /sms/inbound` (a resident's text) and `POST /sms/status` (how a
//! text we sent is doing). Each is accepted only with a valid `X-Twilio-Signature` over our
//! public URL and the posted parameters; without one the answer is 403 and nothing is stored.
//! Without an auth token configured there is nothing to check against, so both refuse.
//! Before the signature is computed, each client address is held to `NAVDESK_WEBHOOK_RATE`
//! (429 with Retry-After past it), so a flood of forged requests costs no hashing.
//!
//! A reply is read for its meaning: STOP and its kin opt the number out at once, with one
//! confirmation in the resident's language; START opts back in; HELP gets the help text;
//! anything else lands on the timeline of the resident's newest case and flags it for the
//! navigator. JSON bodies (`bodySHA256`) are checked too.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use super::keywords::{Keywords, Meaning};
use super::outbox::{self, Kind, NewText, Status};
use super::SmsState;
use crate::i18n::Lang;
use crate::web::{check_rate, ClientIp};

pub fn router() -> Router<SmsState> {
    Router::new()
        .route("/sms/inbound", post(inbound))
        .route("/sms/status", post(status))
}

/// The posted form, if the request really comes from the provider.
fn verified(
    state: &SmsState,
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
) -> Option<Vec<(String, String)>> {
    let token = state.config.sms.auth_token.as_ref()?;
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())?;
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let url = super::signature::public_request_url(&state.config.public_url, path);
    let json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if json {
        if !super::signature::verify_json(token.expose(), &url, body, signature) {
            return None;
        }
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let form = value
            .as_object()?
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                )
            })
            .collect();
        return Some(form);
    }
    let form: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    super::signature::verify_form(token.expose(), &url, &form, signature).then_some(form)
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn refused() -> Response {
    tracing::warn!("webhook with a missing or wrong signature refused");
    (StatusCode::FORBIDDEN, "signature required").into_response()
}

/// An empty TwiML answer: we reply, when we do, through the outbox.
fn twiml_ok() -> Response {
    (
        StatusCode::OK,
        [("content-type", "text/xml")],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
    )
        .into_response()
}

async fn status(
    State(state): State<SmsState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    if let Err(limited) = check_rate(&state.webhook_limiter, ip, "webhooks") {
        return limited.into_response();
    }
    let Some(form) = verified(&state, &headers, &uri, &body) else {
        return refused();
    };
    let id = uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "id")
            .and_then(|(_, v)| v.parse::<i64>().ok())
    });
    let sid = field(&form, "MessageSid").unwrap_or_default();
    let Some(new) = field(&form, "MessageStatus").and_then(Status::from_provider) else {
        return StatusCode::NO_CONTENT.into_response();
    };
    let error = field(&form, "ErrorCode").and_then(|c| c.parse::<i64>().ok());
    let now = crate::db::now();
    match outbox::record_status(&state.db, id, sid, new, error, now).await {
        Ok(changed) => {
            tracing::debug!(?id, sid, status = new.code(), changed, "status callback");
            if error == Some(21610) {
                if let Some(to) = field(&form, "To") {
                    if let Err(err) = super::worker::opt_out(&state.db, to, "carrier", now).await {
                        tracing::error!(error = %err, "could not record an opt-out");
                    }
                }
            }
            StatusCode::NO_CONTENT.into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "status callback not stored");
            // The provider tries again later.
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn inbound(
    State(state): State<SmsState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    if let Err(limited) = check_rate(&state.webhook_limiter, ip, "webhooks") {
        return limited.into_response();
    }
    let Some(form) = verified(&state, &headers, &uri, &body) else {
        return refused();
    };
    let (Some(from), Some(sid)) = (field(&form, "From"), field(&form, "MessageSid")) else {
        return (StatusCode::BAD_REQUEST, "From and MessageSid are required").into_response();
    };
    // A NUL (PostgreSQL refuses it) or other control character is no part of a text.
    let text = crate::domain::without_control_chars(field(&form, "Body").unwrap_or_default());
    let to = field(&form, "To").unwrap_or_default();
    match handle_reply(&state, from, to, sid, &text).await {
        Ok(()) => twiml_ok(),
        Err(err) => {
            tracing::error!(error = %err, "inbound text not stored");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn handle_reply(
    state: &SmsState,
    from: &str,
    to: &str,
    sid: &str,
    text: &str,
) -> Result<(), sqlx::Error> {
    let db = &state.db;
    let now = crate::db::now();
    // The resident's newest case, and the language they asked for help in.
    let case: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT c.id, r.id, c.language FROM cases c JOIN residents r ON r.id = c.resident_id \
         WHERE r.phone = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT 1",
    )
    .bind(from)
    .fetch_optional(&db.pool)
    .await?;
    let lang = case
        .as_ref()
        .and_then(|(_, _, l)| Lang::parse(l))
        .unwrap_or(Lang::EN);
    let mut tx = db.pool.begin().await?;
    // Stored once per provider message: a webhook the provider sends again changes nothing.
    let stored: Option<i64> = sqlx::query_scalar(
        "INSERT INTO sms_messages (direction, case_id, resident_id, to_number, from_number, body, \
           kind, status, next_attempt_at, idempotency_key, provider_sid, created_at, updated_at) \
         VALUES ('in', $1, $2, $3, $4, $5, 'inbound', 'received', $6, $7, $8, $6, $6) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(case.as_ref().map(|c| c.0))
    .bind(case.as_ref().map(|c| c.1))
    .bind(to)
    .bind(from)
    .bind(text)
    .bind(now)
    .bind(format!("in-{sid}"))
    .bind(sid)
    .fetch_optional(&mut *tx)
    .await?;
    if stored.is_none() {
        tx.rollback().await?;
        tracing::info!(sid, "inbound text seen before; ignored");
        return Ok(());
    }
    let opted_out = super::worker::is_opted_out(db, from).await?;
    // The keyword lists come from the translations, which do not change while we run.
    static KEYWORDS: std::sync::OnceLock<Keywords> = std::sync::OnceLock::new();
    let meaning = KEYWORDS
        .get_or_init(|| Keywords::from_i18n(&state.i18n))
        .meaning(text, opted_out);
    let answer = match &meaning {
        Meaning::OptOut => {
            super::worker::opt_out_on(&mut tx, from, "keyword", Some(lang.code()), now).await?;
            // Nothing already waiting goes out.
            sqlx::query(
                "UPDATE sms_messages SET status = 'cancelled', updated_at = $1 \
                 WHERE to_number = $2 AND direction = 'out' AND status = 'scheduled'",
            )
            .bind(now)
            .bind(from)
            .execute(&mut *tx)
            .await?;
            Some((Kind::OptedOut, "sms-opted-out"))
        }
        Meaning::OptIn => {
            sqlx::query("DELETE FROM sms_opt_outs WHERE phone = $1")
                .bind(from)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE residents SET sms_opted_out_at = NULL WHERE phone = $1")
                .bind(from)
                .execute(&mut *tx)
                .await?;
            Some((Kind::OptedIn, "sms-opted-in"))
        }
        Meaning::Help => (!opted_out).then_some((Kind::Help, "sms-help")),
        _ => None,
    };
    let applied = match meaning {
        Meaning::Digit(_) | Meaning::Yes | Meaning::No => {
            super::followups::apply_answer(&mut tx, from, &meaning, now).await?
        }
        _ => super::followups::Applied::Nothing,
    };
    if let Some((case_id, _, _)) = &case {
        let data = serde_json::json!({
            "sms_id": stored,
            "meaning": meaning_code(&meaning),
            "answer": format!("{applied:?}"),
        });
        crate::db::events::append_system_event(&mut tx, *case_id, "sms_in", text, &data, now)
            .await?;
        // A reply that is not a keyword, nor an answer that settled a question, is for the
        // navigator to read.
        let for_navigator = match meaning {
            Meaning::Other(_) => true,
            Meaning::Digit(_) | Meaning::Yes | Meaning::No => matches!(
                applied,
                super::followups::Applied::Nothing | super::followups::Applied::NeedsHelp
            ),
            _ => false,
        };
        if for_navigator {
            // Flags the case for its navigator until they open it.
            sqlx::query("UPDATE cases SET last_reply_at = $1 WHERE id = $2")
                .bind(now)
                .bind(case_id)
                .execute(&mut *tx)
                .await?;
        }
    }
    if let Some((kind, message)) = answer {
        let body = state.i18n.format_sms(
            lang,
            message,
            &[("phone", state.config.help_phone.clone().into())],
        );
        let reply = NewText {
            case_id: case.as_ref().map(|c| c.0),
            resident_id: case.as_ref().map(|c| c.1),
            to: from.to_owned(),
            body,
            kind,
            immediate: true,
            not_before: now,
            idempotency_key: format!("in-{sid}-reply"),
            created_by: None,
        };
        outbox::enqueue_on(&mut tx, &reply, now).await?;
    }
    tx.commit().await?;
    state.db.note_change();
    state.outbox.wake();
    tracing::info!(sid, meaning = meaning_code(&meaning), "inbound text stored");
    Ok(())
}

fn meaning_code(m: &Meaning) -> &'static str {
    match m {
        Meaning::OptOut => "opt_out",
        Meaning::OptIn => "opt_in",
        Meaning::Help => "help",
        Meaning::Digit(_) => "digit",
        Meaning::Yes => "yes",
        Meaning::No => "no",
        Meaning::Other(_) => "other",
    }
}
