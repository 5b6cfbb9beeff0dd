//! The text line: asking for help by text message, as good a way in as the form. `POST
//! /sms/inbound` is routed here. Each text, in one transaction that takes the number's lock:
//!
//! 1. is stored once per provider message (a retried webhook changes nothing);
//! 2. STOP (any language, at any step) opts out and ends a conversation, its answers deleted;
//!    START and HELP are answered as ever;
//! 3. inside a conversation, answers its question ([`dialogue`]) and gets the next one, or
//!    files the request exactly as the form does ([`store::file`]);
//! 4. outside one, a NEW keyword, or any text from a number with no open case that answers no
//!    follow-up question, opens a conversation; anything else is a reply for the number's case
//!    (`sms::webhooks::answer_reply`).
//!
//! Every answer goes through the outbox at once (it answers what the resident just did, so
//! quiet hours do not hold it). Conversations live in the database, so a restart or another
//! instance carries on where the last text left off; the number's lock keeps two texts that
//! arrive together in order. A conversation idle for a day ends with one text saying how to
//! start again ([`store::expire_idle`]).

pub mod dialogue;
pub mod store;
pub mod writer;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use crate::areas::choices::AreaCache;
use crate::areas::placement::Placer;
use crate::i18n::Lang;
use crate::sms::keywords::{Keywords, Meaning};
use crate::sms::outbox::{Kind, NewText};
use crate::sms::webhooks::{self, Inbound, NewestCase};
use crate::web::{check_rate, ClientIp, Shared};
use dialogue::{Commands, Conversation, Places, Step, Turn};

/// What the text line needs beyond what every route shares.
#[derive(Clone)]
pub struct TextlineState {
    pub shared: Shared,
    /// Wakes the text worker when an answer is queued.
    pub outbox: crate::sms::worker::Outbox,
    /// Hands a filed request to placement (matching, eligibility, auto-assignment).
    pub placer: Placer,
    /// The areas a resident may name, as the form offers them.
    pub areas: Arc<AreaCache>,
    pub words: Arc<Words>,
    /// On SQLite, stores texts many to a commit (see `writer`); `None` on PostgreSQL.
    pub writer: Option<writer::TextWriter>,
}

impl TextlineState {
    /// The state, with the text line's writer started where the database wants one.
    pub fn start(
        shared: Shared,
        outbox: crate::sms::worker::Outbox,
        placer: Placer,
        areas: Arc<AreaCache>,
    ) -> Self {
        let mut state = Self {
            words: Arc::new(Words::from_i18n(&shared.i18n)),
            shared,
            outbox,
            placer,
            areas,
            writer: None,
        };
        state.writer = writer::TextWriter::start(state.clone());
        state
    }
}

impl FromRef<TextlineState> for Shared {
    fn from_ref(state: &TextlineState) -> Shared {
        state.shared.clone()
    }
}

/// Every language's keywords, read once from the translations.
#[derive(Debug)]
pub struct Words {
    pub keywords: Keywords,
    pub commands: Commands,
    /// Replies about an appointment (confirm, cancel, another time).
    pub appointments: crate::reminders::words::AppointmentWords,
    /// Replies asking for more time with a lent device (issue 18).
    pub more_time: crate::devices::loan_replies::MoreTimeWords,
}

impl Words {
    pub fn from_i18n(i18n: &crate::i18n::I18n) -> Self {
        Self {
            keywords: Keywords::from_i18n(i18n),
            commands: Commands::from_i18n(i18n),
            appointments: crate::reminders::words::AppointmentWords::from_i18n(i18n),
            more_time: crate::devices::loan_replies::MoreTimeWords::from_i18n(i18n),
        }
    }
}

pub fn router() -> Router<TextlineState> {
    Router::new().route("/sms/inbound", post(inbound))
}

async fn inbound(
    State(state): State<TextlineState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    if let Err(limited) = check_rate(&state.shared.webhook_limiter, ip, "webhooks") {
        return limited.into_response();
    }
    let Some(form) = webhooks::verified(&state.shared, &headers, &uri, &body) else {
        return webhooks::refused();
    };
    let field = |name| webhooks::field(&form, name);
    let (Some(from), Some(sid)) = (field("From"), field("MessageSid")) else {
        return (StatusCode::BAD_REQUEST, "From and MessageSid are required").into_response();
    };
    if from.trim().is_empty() || sid.trim().is_empty() {
        return (StatusCode::BAD_REQUEST, "From and MessageSid are required").into_response();
    }
    // A NUL (PostgreSQL refuses it) or other control character is no part of a text.
    let text = crate::domain::without_control_chars(field("Body").unwrap_or_default());
    let text = Inbound {
        from,
        to: field("To").unwrap_or_default(),
        sid,
        text: &text,
    };
    match handle(&state, &text, crate::db::now()).await {
        Ok(()) => webhooks::twiml_ok(),
        Err(err) => {
            tracing::error!(error = %err, "inbound text not stored");
            // The provider tries again later; nothing was stored.
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Handles one text as described at the top of this module, at time `now`, and returns once
/// it is durably stored with its answer. On SQLite the text line's writer stores it with the
/// texts that arrived with it, in one transaction (see `writer`); on PostgreSQL each text has
/// its own transaction, holding its number's lock.
pub async fn handle(
    state: &TextlineState,
    text: &Inbound<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    if let Some(writer) = &state.writer {
        return writer.submit(text, now).await;
    }
    let areas = state.areas.get(&state.shared.db).await?;
    let mut tx = state.shared.db.begin_write().await?;
    let handled = handle_in(&mut tx, state, &areas, text, now).await?;
    tx.commit().await?;
    after_commit(state, &[handled]);
    Ok(())
}

/// What one text did, for what follows its commit.
#[derive(Clone, Copy, Debug, Default)]
pub struct Handled {
    /// A case filed by this text, for placement.
    filed: Option<i64>,
    /// Something was stored (not a webhook seen before).
    stored: bool,
}

/// Wakes the text worker and hands filed cases to placement, once their commit is durable.
fn after_commit(state: &TextlineState, handled: &[Handled]) {
    if handled.iter().any(|h| h.stored) {
        state.shared.db.note_change();
        state.outbox.wake();
    }
    for case_id in handled.iter().filter_map(|h| h.filed) {
        state.placer.notify(case_id);
    }
}

/// Handles one text on the caller's transaction (see `handle`).
async fn handle_in(
    tx: &mut sqlx::AnyConnection,
    state: &TextlineState,
    areas: &[crate::areas::choices::AreaChoice],
    text: &Inbound<'_>,
    now: i64,
) -> Result<Handled, sqlx::Error> {
    let shared = &state.shared;
    crate::db::lock_key(tx, text.from).await?;
    let Some(sms_id) = webhooks::store_inbound(tx, text, now).await? else {
        tracing::info!(sid = text.sid, "inbound text seen before; ignored");
        return Ok(Handled::default());
    };
    let opted_out = crate::sms::worker::is_opted_out_on(tx, text.from).await?;
    let conversation = store::load(tx, text.from).await?;
    let mut meaning = state.words.keywords.meaning(text.text, opted_out);
    // "Huy" and "Dung" are names as well as Vietnamese opt-out words: asked for a name, they
    // are a name (the question says how to stop).
    if meaning == Meaning::OptOut
        && conversation.as_ref().is_some_and(|c| c.step == Step::Name)
        && crate::sms::keywords::is_whole_reply_only(text.text)
    {
        meaning = Meaning::Other(text.text.trim().to_owned());
    }
    // The number's case matters to a keyword, and to a text that is not part of a
    // conversation; an answer inside one has no use for it.
    let keyword = matches!(meaning, Meaning::OptOut | Meaning::OptIn | Meaning::Help);
    let case = if keyword || (conversation.is_none() && !opted_out) {
        webhooks::newest_case(tx, text.from).await?
    } else {
        None
    };
    let mut filed = None;
    // A reply the old way (to the number's newest case, if any, in a language), or none when
    // the text belongs to a conversation.
    let in_conversation = conversation.as_ref().map(|c| c.lang());
    let reply: Option<(Option<&NewestCase>, Option<Lang>, &str)> = match (&meaning, &conversation) {
        (Meaning::OptOut, Some(stored)) => {
            store::forget(tx, text.from, stored.started_at).await?;
            Some((case.as_ref(), in_conversation, "conversation_stopped"))
        }
        _ if keyword => Some((case.as_ref(), in_conversation, "keyword")),
        // Nothing can be texted back to a number that said STOP.
        _ if opted_out => Some((None, None, "opted_out")),
        (_, Some(_)) => None,
        // A reply about an appointment (after STOP, START and HELP, before anything else).
        (_, None)
            if crate::reminders::replies::answer(
                tx,
                shared,
                &state.words.appointments,
                text,
                sms_id,
                &meaning,
                now,
            )
            .await? =>
        {
            Some((None, None, "appointment"))
        }
        // A reply asking for more time with a lent device (issue 18), answered the same way.
        (_, None)
            if crate::devices::loan_replies::answer(
                tx,
                shared,
                &state.words.more_time,
                text,
                sms_id,
                &meaning,
                now,
            )
            .await? =>
        {
            Some((None, None, "loan"))
        }
        (_, None) => {
            let new = state.words.commands.command(text.text) == Some(dialogue::Command::New);
            let open_case = case.as_ref().is_some_and(|c| c.open);
            let answers_question =
                matches!(meaning, Meaning::Digit(_) | Meaning::Yes | Meaning::No)
                    && crate::sms::followups::last_question(tx, text.from, now)
                        .await?
                        .is_some();
            (!new && (open_case || answers_question)).then_some((case.as_ref(), None, "reply"))
        }
    };
    let what = if let Some((_, _, what @ ("appointment" | "loan"))) = reply {
        // Answered, and on the timeline, by `reminders::replies` or `devices::loan_replies`.
        what
    } else if let Some((case, lang, what)) = reply {
        webhooks::answer_reply(
            tx, shared, text, sms_id, &meaning, opted_out, case, lang, now,
        )
        .await?;
        what
    } else if let Some(stored) = &conversation {
        let places = Places {
            areas,
            zip_outside: zip_outside(tx, shared, stored, text.text).await?,
        };
        let turn = dialogue::answer(
            &stored.conversation,
            text.text,
            &meaning,
            &state.words.commands,
            places,
        );
        match turn {
            Turn::Ask { next, again } => {
                store::save(tx, text.from, &next, stored.started_at, text.sid, now).await?;
                let message = again.unwrap_or(dialogue::question(next.step));
                queue_answer(tx, state, text, next.lang(), message, now).await?;
                "conversation"
            }
            Turn::Done(done) => {
                filed = store::file(tx, state, text, &done, stored.started_at, areas, now).await?;
                if filed.is_some() {
                    "filed"
                } else {
                    "refused"
                }
            }
        }
    } else {
        let opened = Conversation::open(text.text, &state.words.commands);
        store::save(tx, text.from, &opened, now, text.sid, now).await?;
        let message = dialogue::question(opened.step);
        queue_answer(tx, state, text, opened.lang(), message, now).await?;
        "conversation_opened"
    };
    tracing::info!(
        sid = text.sid,
        meaning = webhooks::meaning_code(&meaning),
        what,
        "inbound text stored"
    );
    Ok(Handled {
        filed,
        stored: true,
    })
}

/// Whether the ZIP code in an answer to the place question lies outside the service region,
/// by its centroid (ZIP codes without a known centroid are taken, as the form takes them).
async fn zip_outside(
    conn: &mut sqlx::AnyConnection,
    shared: &Shared,
    stored: &store::Stored,
    text: &str,
) -> Result<bool, sqlx::Error> {
    if stored.conversation.step != Step::Place {
        return Ok(false);
    }
    let Some(zip) = dialogue::zip_in(text) else {
        return Ok(false);
    };
    let point: Option<(f64, f64)> =
        sqlx::query_as("SELECT lat, lon FROM zip_centroids WHERE zip = $1")
            .bind(zip.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(point.is_some_and(|(lat, lon)| !shared.config.placement.service_region.contains(lon, lat)))
}

/// A text of the text line in `lang`, with the values its messages use.
pub fn render(shared: &Shared, lang: Lang, message: &str, code: Option<&str>) -> String {
    shared.i18n.format_sms(
        lang,
        message,
        &[
            ("menu", crate::i18n::language_menu().into()),
            ("phone", shared.config.help_phone.clone().into()),
            ("url", format!("{}/status", shared.config.public_url).into()),
            ("code", code.unwrap_or_default().to_owned().into()),
        ],
    )
}

/// Queues the answer to `text` (one per provider message), to go out at once.
async fn queue_answer(
    tx: &mut sqlx::AnyConnection,
    state: &TextlineState,
    text: &Inbound<'_>,
    lang: Lang,
    message: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let answer = NewText {
        case_id: None,
        resident_id: None,
        to: text.from.to_owned(),
        body: render(&state.shared, lang, message, None),
        kind: Kind::Intake,
        immediate: true,
        not_before: now,
        idempotency_key: format!("in-{}-reply", text.sid),
        created_by: None,
    };
    crate::sms::outbox::enqueue_on(tx, &answer, now).await?;
    Ok(())
}
