//! The phone line: Twilio Voice webhooks answered with TwiML. A caller picks a language, then
//! what they need; that files a callback request as a case (channel `phone`, their number,
//! contact by call), and they may leave a voice message, whose link goes on the case's
//! timeline.
//!
//! `POST /voice/inbound` answers a new call; `/voice/language`, `/voice/need` and
//! `/voice/recorded` are the steps after it. Each is held to the webhook rate and accepted
//! only with a valid `X-Twilio-Signature` (403 and nothing stored without), exactly as the
//! text webhooks are. A step for a call we do not know (no `CallSid`, or one no
//! `/voice/inbound` began) gets a TwiML apology and a hang-up, not an error a caller would
//! hear as "an application error has occurred", and stores nothing.
//! `GET /voice/prompts/{lang}/{file}` serves the recorded prompts (see `menu`).

pub mod calls;
pub mod menu;
pub mod twiml;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::areas::placement::Placer;
use crate::domain::PhoneNumber;
use crate::i18n::Lang;
use crate::sms::webhooks::{field, refused, verified};
use crate::web::{check_rate, ClientIp, Shared};
use calls::Filed;
use menu::{Prompt, Speaker};
use twiml::Twiml;

/// Answers not on a menu before the line says goodbye: the menu is heard three times.
const MAX_MISSES: i64 = 3;

/// What the phone line needs beyond what every route shares.
#[derive(Clone)]
pub struct VoiceState {
    pub shared: Shared,
    /// Takes each filed case on to matching, eligibility and auto-assignment.
    pub placer: Placer,
}

impl std::ops::Deref for VoiceState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl FromRef<VoiceState> for Shared {
    fn from_ref(state: &VoiceState) -> Shared {
        state.shared.clone()
    }
}

pub fn router() -> Router<VoiceState> {
    Router::new()
        .route("/voice/inbound", post(inbound))
        .route("/voice/language", post(language))
        .route("/voice/need", post(need))
        .route("/voice/recorded", post(recorded))
        .route("/voice/prompts/{lang}/{file}", get(prompt))
}

/// A webhook's checked form and call id: taken only within the webhook rate (429 past it),
/// with a valid signature (403 without) and a usable `CallSid` (an apology without one).
struct Step {
    form: Vec<(String, String)>,
    sid: String,
}

impl Step {
    fn field(&self, name: &str) -> &str {
        field(&self.form, name).unwrap_or_default()
    }

    /// Whether the caller pressed anything (Twilio follows the `<Redirect>` when they do not).
    fn pressed(&self) -> bool {
        !self.field("Digits").is_empty()
    }
}

impl FromRequest<VoiceState> for Step {
    type Rejection = Response;

    async fn from_request(request: Request, state: &VoiceState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Ok(ClientIp(ip)) = ClientIp::from_request_parts(&mut parts, state).await;
        if let Err(limited) = check_rate(&state.webhook_limiter, ip, "webhooks") {
            return Err(limited.into_response());
        }
        let (headers, uri) = (parts.headers.clone(), parts.uri.clone());
        let body = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Some(form) = verified(state, &headers, &uri, &body) else {
            return Err(refused());
        };
        let sid = field(&form, "CallSid").unwrap_or_default();
        // Twilio's are "CA" and 32 hex digits; anything else is no call of ours.
        if sid.is_empty() || sid.len() > 64 || !sid.bytes().all(|b| b.is_ascii_alphanumeric()) {
            tracing::warn!("voice webhook without a usable CallSid");
            return Err(apology(state, "voice-call-unknown"));
        }
        let sid = sid.to_owned();
        Ok(Step { form, sid })
    }
}

/// A step of a call `/voice/inbound` began, with what the call has chosen so far.
struct CallStep(Step, calls::Call);

impl FromRequest<VoiceState> for CallStep {
    type Rejection = Response;

    async fn from_request(request: Request, state: &VoiceState) -> Result<Self, Response> {
        let step = Step::from_request(request, state).await?;
        match calls::find(&state.db, &step.sid).await {
            Ok(Some(call)) => Ok(CallStep(step, call)),
            Ok(None) => {
                tracing::warn!(sid = step.sid, "voice webhook for a call we do not know");
                Err(apology(state, "voice-call-unknown"))
            }
            Err(err) => Err(failed(state, err)),
        }
    }
}

fn speaker(state: &VoiceState) -> Speaker<'_> {
    Speaker {
        i18n: &state.i18n,
        prompts: state.config.voice_prompts.as_ref(),
        public_url: &state.config.public_url,
    }
}

fn apology(state: &VoiceState, message: &str) -> Response {
    speaker(state).english_goodbye(message).into_response()
}

/// A storage failure: logged, and the caller asked to call again (Twilio would otherwise
/// play its own error message).
fn failed(state: &VoiceState, err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "voice webhook not handled");
    apology(state, "voice-call-failed")
}

/// A key not on the menu, or none: the menu again (`again`, told whether to say sorry), or
/// goodbye once there have been too many.
async fn not_on_menu(
    state: &VoiceState,
    step: &Step,
    lang: Lang,
    again: impl FnOnce(bool) -> Twiml,
) -> Response {
    match calls::missed(&state.db, &step.sid, crate::db::now()).await {
        Ok(misses) if misses >= MAX_MISSES => speaker(state)
            .goodbye(Twiml::new(), lang, Prompt::NoChoice)
            .into_response(),
        Ok(_) => again(step.pressed()).into_response(),
        Err(err) => failed(state, err),
    }
}

async fn inbound(State(state): State<VoiceState>, step: Step) -> Response {
    // A withheld number comes as "anonymous" or a short code: no number, no callback.
    let from = crate::domain::without_control_chars(step.field("From"));
    let Ok(from) = PhoneNumber::parse(&from) else {
        tracing::info!(sid = step.sid, "call from a number we cannot call back");
        return apology(&state, "voice-no-number");
    };
    if let Err(err) = calls::start(&state.db, &step.sid, &from, crate::db::now()).await {
        return failed(&state, err);
    }
    tracing::info!(sid = step.sid, "call answered");
    speaker(&state).language_menu(false).into_response()
}

async fn language(State(state): State<VoiceState>, CallStep(step, _): CallStep) -> Response {
    let speaker = speaker(&state);
    let Some(lang) = menu::language_of_digits(step.field("Digits")) else {
        return not_on_menu(&state, &step, Lang::EN, |sorry| {
            speaker.language_menu(sorry)
        })
        .await;
    };
    if let Err(err) = calls::choose_language(&state.db, &step.sid, lang, crate::db::now()).await {
        return failed(&state, err);
    }
    speaker.needs_menu(lang, false).into_response()
}

async fn need(State(state): State<VoiceState>, CallStep(step, call): CallStep) -> Response {
    let speaker = speaker(&state);
    // No language yet: this step came out of turn, so the caller starts at the first menu.
    let Some(lang) = call.language else {
        return speaker.language_menu(false).into_response();
    };
    if call.case_id.is_some() {
        return speaker.record(lang).into_response();
    }
    let Some(need) = menu::need_of_digits(step.field("Digits")) else {
        return not_on_menu(&state, &step, lang, |sorry| speaker.needs_menu(lang, sorry)).await;
    };
    let now = crate::db::now();
    match calls::file_callback(&state.db, &step.sid, &call, lang, need, now).await {
        Ok(Filed::New(case_id)) => state.placer.notify(case_id),
        Ok(Filed::Before) => tracing::info!(sid = step.sid, "callback filed before; not again"),
        Err(err) => return failed(&state, err),
    }
    speaker.record(lang).into_response()
}

async fn recorded(State(state): State<VoiceState>, CallStep(step, call): CallStep) -> Response {
    let lang = call.language.unwrap_or(Lang::EN);
    match (call.case_id, recording_url(step.field("RecordingUrl"))) {
        (Some(case_id), Some(url)) => {
            let sid = step.field("RecordingSid");
            let message = calls::Message {
                url,
                seconds: step.field("RecordingDuration").trim().parse().ok(),
                sid: Some(sid).filter(|s| {
                    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric())
                }),
            };
            let now = crate::db::now();
            match calls::add_message(&state.db, &step.sid, case_id, &message, now).await {
                Ok(added) => tracing::info!(sid = step.sid, case_id, added, "voice message"),
                Err(err) => return failed(&state, err),
            }
        }
        (case_id, _) => tracing::info!(sid = step.sid, ?case_id, "no voice message to keep"),
    }
    speaker(&state)
        .goodbye(Twiml::new(), lang, Prompt::Goodbye)
        .into_response()
}

/// A recording's link, if it is one a navigator may safely be sent to: https, one line, no
/// spaces, of a sane length.
pub fn recording_url(url: &str) -> Option<&str> {
    let ok = url.len() <= 500
        && url.strip_prefix("https://").is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_graphic() && c != '"')
        });
    ok.then_some(url)
}

/// `GET /voice/prompts/{lang}/{file}`: a recorded prompt, for Twilio to play. Only the
/// prompts' own names are served, so no other file of the folder can be asked for.
async fn prompt(
    State(state): State<VoiceState>,
    Path((lang, file)): Path<(String, String)>,
) -> Response {
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let (Some(dir), Some(lang)) = (state.config.voice_prompts.as_ref(), Lang::parse(&lang)) else {
        return not_found();
    };
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return not_found();
    };
    let known = Prompt::ALL.iter().any(|p| p.file() == stem);
    let Some((_, content_type)) = menu::AUDIO.iter().find(|(e, _)| *e == ext) else {
        return not_found();
    };
    if !known {
        return not_found();
    }
    match tokio::fs::read(dir.join(lang.code()).join(&file)).await {
        Ok(audio) => (
            StatusCode::OK,
            [
                ("content-type", *content_type),
                ("cache-control", "public, max-age=300"),
            ],
            audio,
        )
            .into_response(),
        Err(_) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_https_links_are_kept() {
        let good = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1";
        assert_eq!(recording_url(good), Some(good));
        for bad in [
            "",
            "http://api.twilio.com/r",
            "https://",
            "javascript:alert(1)",
            "https://a.example/r x",
            "https://a.example/\u{0}",
            "https://a.example/\"onclick",
            "https://a.example/\u{202e}",
        ] {
            assert_eq!(recording_url(bad), None, "{bad:?}");
        }
        assert_eq!(
            recording_url(&format!("https://a.example/{}", "r".repeat(600))),
            None
        );
    }
}
