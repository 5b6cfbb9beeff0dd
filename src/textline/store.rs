//! Conversations in the database: read and written on the caller's transaction (which holds
//! the number's lock), filed as a request, forgotten on STOP, and expired after a day idle.

use sqlx::Row;

use super::dialogue::{Answers, Conversation, Step};
use super::TextlineState;
use crate::areas::choices::AreaChoice;
use crate::db::Db;
use crate::domain::Channel;
use crate::i18n::{I18n, Lang};
use crate::intake::form::RawRequest;
use crate::sms::outbox::{Kind, NewText};
use crate::sms::webhooks::Inbound;

/// A conversation stays open this long after the last text in it.
pub const IDLE_SECS: i64 = 24 * 60 * 60;

/// A stored conversation and when it began (which texts belong to it).
#[derive(Clone, Debug)]
pub struct Stored {
    pub conversation: Conversation,
    pub started_at: i64,
}

impl std::ops::Deref for Stored {
    type Target = Conversation;
    fn deref(&self) -> &Conversation {
        &self.conversation
    }
}

/// The number's conversation, if one is open. A row that no longer reads (an unknown step,
/// answers that do not parse) counts as none, so the resident starts again rather than stalls.
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT language, step, answers, started_at FROM conversations WHERE phone = $1",
    )
    .bind(phone)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let language: Option<String> = row.try_get("language")?;
    let step: String = row.try_get("step")?;
    let answers: String = row.try_get("answers")?;
    let (Some(step), Ok(answers)) = (
        Step::parse(&step),
        serde_json::from_str::<Answers>(&answers),
    ) else {
        tracing::warn!(
            step,
            "a stored conversation no longer reads; starting again"
        );
        return Ok(None);
    };
    Ok(Some(Stored {
        conversation: Conversation {
            language: language.as_deref().and_then(Lang::parse),
            step,
            answers,
        },
        started_at: row.try_get("started_at")?,
    }))
}

/// Stores the conversation as it now stands (creating it when `started_at` is now).
pub async fn save(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
    conversation: &Conversation,
    started_at: i64,
    sid: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let answers = serde_json::to_string(&conversation.answers)
        .map_err(|e| sqlx::Error::Protocol(format!("answers: {e}")))?;
    sqlx::query(
        "INSERT INTO conversations (phone, language, step, answers, last_sid, started_at, \
           updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (phone) DO UPDATE SET language = excluded.language, step = excluded.step, \
           answers = excluded.answers, last_sid = excluded.last_sid, \
           updated_at = excluded.updated_at",
    )
    .bind(phone)
    .bind(conversation.language.map(|l| l.code()))
    .bind(conversation.step.code())
    .bind(answers)
    .bind(sid)
    .bind(started_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends a conversation that filed nothing and deletes what it collected: its row, and the
/// words of every text the resident sent during it (the rows stay, emptied, so a retried
/// webhook is still known).
pub async fn forget(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
    started_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM conversations WHERE phone = $1")
        .bind(phone)
        .execute(&mut *conn)
        .await?;
    empty_texts(conn, phone, started_at).await
}

/// Empties the words of the texts `phone` sent since `started_at` that no case holds.
async fn empty_texts(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
    started_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sms_messages SET body = '' WHERE direction = 'in' AND from_number = $1 \
           AND case_id IS NULL AND created_at >= $2",
    )
    .bind(phone)
    .bind(started_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Files a finished conversation as the form files a request: the same validation, the same
/// insert (channel `sms`, the sender's number), then the conversation's texts moved onto the
/// new case's timeline and the reference code texted back. Returns the case's id, or `None`
/// when the request could not be taken (the sender's number is not one a navigator can
/// reach); the resident is then told how else to ask.
pub async fn file(
    tx: &mut sqlx::AnyConnection,
    state: &TextlineState,
    text: &Inbound<'_>,
    done: &Conversation,
    started_at: i64,
    areas: &[AreaChoice],
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let lang = done.lang();
    let a = &done.answers;
    let consent = a.consent == Some(true);
    let raw = RawRequest {
        name: a.name.clone().unwrap_or_default(),
        phone: text.from.to_owned(),
        contact_method: if consent { "sms" } else { "call" }.into(),
        language: lang.code().into(),
        zip: a.zip.clone().unwrap_or_default(),
        area: a.area_id.map(|id| id.to_string()).unwrap_or_default(),
        needs: a.needs.clone(),
        sms_consent: if consent { "yes" } else { "" }.into(),
        ..RawRequest::default()
    };
    let request = match crate::intake::form::validate(&raw, lang, areas) {
        Ok(request) => request,
        Err(errors) => {
            tracing::warn!(fields = ?errors.iter().map(|e| e.field).collect::<Vec<_>>(),
                "a request by text did not pass the form's checks");
            forget(tx, text.from, started_at).await?;
            let answer = answer_text(state, text, lang, "sms-intake-refused", None, now);
            crate::sms::outbox::enqueue_on(tx, &answer, now).await?;
            return Ok(None);
        }
    };
    let (case_id, code) =
        crate::intake::store::insert_request_in(tx, &request, Channel::Sms, now).await?;
    let resident_id: i64 = sqlx::query_scalar("SELECT resident_id FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&mut *tx)
        .await?;
    if request.sms_consent {
        // The yes was texted, not ticked on a form: say so where consent is kept.
        sqlx::query("UPDATE residents SET sms_consent_source = 'sms_conversation' WHERE id = $1")
            .bind(resident_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM conversations WHERE phone = $1")
        .bind(text.from)
        .execute(&mut *tx)
        .await?;
    move_to_timeline(tx, text.from, case_id, resident_id, started_at).await?;
    let mut answer = answer_text(
        state,
        text,
        lang,
        "sms-intake-done",
        Some(code.as_str()),
        now,
    );
    answer.case_id = Some(case_id);
    answer.resident_id = Some(resident_id);
    answer.kind = Kind::Confirmation;
    crate::sms::outbox::enqueue_on(tx, &answer, now).await?;
    tracing::info!(case = %code, "request received by text");
    Ok(Some(case_id))
}

fn answer_text(
    state: &TextlineState,
    text: &Inbound<'_>,
    lang: Lang,
    message: &str,
    code: Option<&str>,
    now: i64,
) -> NewText {
    NewText {
        case_id: None,
        resident_id: None,
        to: text.from.to_owned(),
        body: super::render(&state.shared, lang, message, code),
        kind: Kind::Intake,
        immediate: true,
        not_before: now,
        idempotency_key: format!("in-{}-reply", text.sid),
        created_by: None,
    }
}

/// Gives the conversation's texts to the new case, and puts those already exchanged on its
/// timeline at the times they were sent (a text still waiting to go out gets its entry when
/// it is sent, as every text of a case does).
async fn move_to_timeline(
    tx: &mut sqlx::AnyConnection,
    phone: &str,
    case_id: i64,
    resident_id: i64,
    started_at: i64,
) -> Result<(), sqlx::Error> {
    let texts = sqlx::query(
        "SELECT id, direction, body, status, created_at FROM sms_messages \
         WHERE case_id IS NULL AND created_at >= $2 \
           AND ((direction = 'in' AND from_number = $1) OR (direction = 'out' AND to_number = $1)) \
         ORDER BY created_at, id",
    )
    .bind(phone)
    .bind(started_at)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE sms_messages SET case_id = $1, resident_id = $2 \
         WHERE case_id IS NULL AND created_at >= $4 \
           AND ((direction = 'in' AND from_number = $3) OR (direction = 'out' AND to_number = $3))",
    )
    .bind(case_id)
    .bind(resident_id)
    .bind(phone)
    .bind(started_at)
    .execute(&mut *tx)
    .await?;
    for row in texts {
        let id: i64 = row.try_get("id")?;
        let direction: String = row.try_get("direction")?;
        let status: String = row.try_get("status")?;
        let kind = match (direction.as_str(), status.as_str()) {
            ("in", _) => "sms_in",
            (_, "scheduled" | "sending" | "cancelled") => continue,
            _ => "sms_out",
        };
        let body: String = row.try_get("body")?;
        let data = serde_json::json!({ "sms_id": id, "conversation": true });
        let at: i64 = row.try_get("created_at")?;
        crate::db::events::append_system_event(tx, case_id, kind, &body, &data, at).await?;
    }
    Ok(())
}

/// Ends every conversation idle for `IDLE_SECS` at `now`: one text says how to start again
/// (a text navdesk starts, so quiet hours hold it), and what it collected is deleted. Safe
/// on several instances at once: each conversation is ended by whichever deletes it.
pub async fn expire_idle(db: &Db, i18n: &I18n, now: i64) -> Result<usize, sqlx::Error> {
    let idle: Vec<String> = sqlx::query_scalar(
        "SELECT phone FROM conversations WHERE updated_at <= $1 ORDER BY updated_at LIMIT 500",
    )
    .bind(now - IDLE_SECS)
    .fetch_all(&db.pool)
    .await?;
    let mut ended = 0;
    for phone in idle {
        let mut tx = db.begin_write().await?;
        crate::db::lock_key(&mut tx, &phone).await?;
        let gone: Option<(Option<String>, i64)> = sqlx::query_as(
            "DELETE FROM conversations WHERE phone = $1 AND updated_at <= $2 \
             RETURNING language, started_at",
        )
        .bind(&phone)
        .bind(now - IDLE_SECS)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((language, started_at)) = gone else {
            tx.rollback().await?;
            continue;
        };
        empty_texts(&mut tx, &phone, started_at).await?;
        let lang = language
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::EN);
        let text = NewText {
            case_id: None,
            resident_id: None,
            to: phone.clone(),
            body: i18n.format_sms(lang, "sms-intake-expired", &[]),
            kind: Kind::Intake,
            immediate: false,
            not_before: now,
            idempotency_key: format!("conversation-{phone}-{started_at}-expired"),
            created_by: None,
        };
        crate::sms::outbox::enqueue_on(&mut tx, &text, now).await?;
        tx.commit().await?;
        ended += 1;
    }
    if ended > 0 {
        db.note_change();
    }
    Ok(ended)
}

/// Ends idle conversations every minute until its task is aborted.
pub fn start(
    db: Db,
    i18n: std::sync::Arc<I18n>,
    outbox: crate::sms::worker::Outbox,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let minute = std::time::Duration::from_secs(60);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
        loop {
            every.tick().await;
            match expire_idle(&db, &i18n, crate::db::now()).await {
                Ok(0) => {}
                Ok(ended) => {
                    tracing::info!(ended, "idle text conversations ended");
                    outbox.wake();
                }
                Err(err) => {
                    tracing::warn!(error = %err, "idle conversations not ended this minute")
                }
            }
        }
    })
}
