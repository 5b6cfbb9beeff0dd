//! Twilio's webhooks: `POST /sms/status` (how a text we sent is doing) is routed here; the
//! checks every webhook shares (`verified`, `refused`, `twiml_ok`) and what a resident's text
//! does to an existing case (`store_inbound`, `answer_reply`) are here too, for the text line
//! (`textline`), which routes `POST /sms/inbound` and opens a conversation when a text starts
//! a request. Each webhook is accepted only with a valid `X-Twilio-Signature` over our public
//! URL and the posted parameters; without one the answer is 403 and nothing is stored.
//! Without an auth token configured there is nothing to check against, so they refuse.
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

use super::keywords::Meaning;
use super::outbox::{self, Kind, NewText, Status};
use super::SmsState;
use crate::i18n::Lang;
use crate::web::{check_rate, ClientIp};

pub fn router() -> Router<SmsState> {
    Router::new().route("/sms/status", post(status))
}

/// The posted form, if the request really comes from the provider.
pub fn verified(
    state: &crate::web::Shared,
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

pub fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub fn refused() -> Response {
    tracing::warn!("webhook with a missing or wrong signature refused");
    (StatusCode::FORBIDDEN, "signature required").into_response()
}

/// An empty TwiML answer: we reply, when we do, through the outbox.
pub fn twiml_ok() -> Response {
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

/// A text a resident sent, as the provider posted it.
#[derive(Clone, Copy, Debug)]
pub struct Inbound<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// The provider's id: the same text posted again has the same one.
    pub sid: &'a str,
    pub text: &'a str,
}

/// The newest case of a phone number: its id, its resident, the language they asked in and
/// whether it is still open.
#[derive(Clone, Debug)]
pub struct NewestCase {
    pub case_id: i64,
    pub resident_id: i64,
    pub lang: Lang,
    pub open: bool,
}

pub async fn newest_case(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
) -> Result<Option<NewestCase>, sqlx::Error> {
    let row: Option<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT c.id, r.id, c.language, c.status FROM cases c \
         JOIN residents r ON r.id = c.resident_id \
         WHERE r.phone = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT 1",
    )
    .bind(phone)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(case_id, resident_id, lang, status)| NewestCase {
        case_id,
        resident_id,
        lang: Lang::parse(&lang).unwrap_or(Lang::EN),
        open: !matches!(status.as_str(), "resolved" | "closed"),
    }))
}

/// Stores a resident's text once per provider message, on the caller's transaction (its first
/// write, so on SQLite it takes the write lock before anything is read). `None` when this
/// message was stored before: a webhook the provider sends again changes nothing.
pub async fn store_inbound(
    conn: &mut sqlx::AnyConnection,
    text: &Inbound<'_>,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sms_messages (direction, to_number, from_number, body, kind, status, \
           next_attempt_at, idempotency_key, provider_sid, created_at, updated_at) \
         VALUES ('in', $1, $2, $3, 'inbound', 'received', $4, $5, $6, $4, $4) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(text.to)
    .bind(text.from)
    .bind(text.text)
    .bind(now)
    .bind(format!("in-{}", text.sid))
    .bind(text.sid)
    .fetch_optional(&mut *conn)
    .await
}

/// What a stored text does outside a text-line conversation, on the caller's transaction:
/// opts out, opts in, answers HELP, settles a follow-up question, and lands on the timeline of
/// the number's newest case (flagging it for the navigator when it asks for a person). Queues
/// the answer, if any, in the outbox, in `lang` (else the case's language, else English).
#[allow(clippy::too_many_arguments)]
pub async fn answer_reply(
    tx: &mut sqlx::AnyConnection,
    state: &crate::web::Shared,
    text: &Inbound<'_>,
    sms_id: i64,
    meaning: &Meaning,
    opted_out: bool,
    case: Option<&NewestCase>,
    lang: Option<Lang>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let from = text.from;
    let lang = lang.or(case.map(|c| c.lang)).unwrap_or(Lang::EN);
    if let Some(case) = case {
        sqlx::query("UPDATE sms_messages SET case_id = $1, resident_id = $2 WHERE id = $3")
            .bind(case.case_id)
            .bind(case.resident_id)
            .bind(sms_id)
            .execute(&mut *tx)
            .await?;
    }
    let answer = match meaning {
        Meaning::OptOut => {
            opt_out_now(tx, from, lang, now).await?;
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
            super::followups::apply_answer(tx, from, meaning, now).await?
        }
        _ => super::followups::Applied::Nothing,
    };
    if let Some(case) = case {
        let data = serde_json::json!({
            "sms_id": sms_id,
            "meaning": meaning_code(meaning),
            "answer": format!("{applied:?}"),
        });
        crate::db::events::append_system_event(tx, case.case_id, "sms_in", text.text, &data, now)
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
                .bind(case.case_id)
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
            case_id: case.map(|c| c.case_id),
            resident_id: case.map(|c| c.resident_id),
            to: from.to_owned(),
            body,
            kind,
            immediate: true,
            not_before: now,
            idempotency_key: format!("in-{}-reply", text.sid),
            created_by: None,
        };
        outbox::enqueue_on(tx, &reply, now).await?;
    }
    Ok(())
}

/// Opts `phone` out at once (STOP and its kin): nothing already waiting for it goes out.
pub async fn opt_out_now(
    tx: &mut sqlx::AnyConnection,
    phone: &str,
    lang: Lang,
    now: i64,
) -> Result<(), sqlx::Error> {
    super::worker::opt_out_on(tx, phone, "keyword", Some(lang.code()), now).await?;
    sqlx::query(
        "UPDATE sms_messages SET status = 'cancelled', updated_at = $1 \
         WHERE to_number = $2 AND direction = 'out' AND status = 'scheduled'",
    )
    .bind(now)
    .bind(phone)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub fn meaning_code(m: &Meaning) -> &'static str {
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
