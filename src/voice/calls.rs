//! Calls in progress (`voice_calls`), one row a `CallSid`: every step of a call reads and
//! moves its row, so any app instance may answer any step, and a step the provider sends
//! again (a retry) finds what the first one did. Filing the callback and putting the voice
//! message on the timeline each happen once, guarded by the row.

use sqlx::Row;

use crate::db::Db;
use crate::domain::{Channel, Need, PhoneNumber};
use crate::i18n::Lang;
use crate::intake::form::RawRequest;

/// How long a call's row is kept after its last step. Calls last minutes; the case a call
/// filed keeps what a navigator needs.
const KEEP_SECS: i64 = 24 * 3600;

/// What a call has chosen so far.
#[derive(Clone, Debug)]
pub struct Call {
    pub from: String,
    pub language: Option<Lang>,
    pub case_id: Option<i64>,
}

/// Notes a new call (nothing if this `CallSid` is known: the provider sent the first step
/// again), and forgets calls whose last step is more than a day old.
pub async fn start(db: &Db, sid: &str, from: &PhoneNumber, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM voice_calls WHERE updated_at < $1")
        .bind(now - KEEP_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO voice_calls (call_sid, from_number, created_at, updated_at) \
         VALUES ($1, $2, $3, $3) ON CONFLICT (call_sid) DO NOTHING",
    )
    .bind(sid)
    .bind(from.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

pub async fn find(db: &Db, sid: &str) -> Result<Option<Call>, sqlx::Error> {
    let row =
        sqlx::query("SELECT from_number, language, case_id FROM voice_calls WHERE call_sid = $1")
            .bind(sid)
            .fetch_optional(&db.pool)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let language: Option<String> = row.try_get("language")?;
    Ok(Some(Call {
        from: row.try_get("from_number")?,
        language: language.as_deref().and_then(Lang::parse),
        case_id: row.try_get("case_id")?,
    }))
}

/// The caller chose a language: the needs menu starts afresh. Once a case is filed its
/// language stays.
pub async fn choose_language(db: &Db, sid: &str, lang: Lang, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE voice_calls SET language = $1, misses = 0, updated_at = $2 \
         WHERE call_sid = $3 AND case_id IS NULL",
    )
    .bind(lang.code())
    .bind(now)
    .bind(sid)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// One more answer that is not on the menu; how many there have been at this step.
pub async fn missed(db: &Db, sid: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE voice_calls SET misses = misses + 1, updated_at = $1 WHERE call_sid = $2 \
         RETURNING misses",
    )
    .bind(now)
    .bind(sid)
    .fetch_one(&db.pool)
    .await
}

/// What filing a callback came to.
#[derive(Debug)]
pub enum Filed {
    /// A new case, to hand to placement.
    New(i64),
    /// This call filed one before (a retried step, or two at once): nothing more was stored.
    Before,
}

/// Files the caller's callback request the way the request form files one (same validation,
/// same inserts), with the call's row claimed in the same transaction, so a call files at
/// most one case. The caller's number stands for their name: it is what a navigator dials,
/// and it reads the same in every staff language.
pub async fn file_callback(
    db: &Db,
    sid: &str,
    call: &Call,
    lang: Lang,
    need: Need,
    now: i64,
) -> anyhow::Result<Filed> {
    let mut raw = RawRequest {
        name: call.from.clone(),
        phone: call.from.clone(),
        contact_method: "call".into(),
        language: lang.code().into(),
        needs: vec![need.code().into()],
        ..RawRequest::default()
    };
    if super::menu::needs_interpreter(lang) {
        raw.accessibility
            .push(crate::domain::Accessibility::Interpreter.code().into());
    }
    let request = crate::intake::form::validate_callback(&raw, lang, &[]).map_err(|errors| {
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.message)).collect();
        anyhow::anyhow!("a callback request did not pass validation: {fields:?}")
    })?;
    let mut tx = db.pool.begin().await?;
    // The claim comes first: a second filing of this call waits here for the first to
    // commit, then finds the case filed.
    if !claim(&mut tx, sid, Claim::Need, need.code(), now).await? {
        return Ok(Filed::Before);
    }
    let (case_id, code) =
        crate::intake::store::insert_request_in(&mut tx, &request, Channel::Phone, now).await?;
    sqlx::query("UPDATE voice_calls SET case_id = $1 WHERE call_sid = $2")
        .bind(case_id)
        .bind(sid)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(case = %code, language = lang.code(), need = need.code(), "callback request filed by phone");
    Ok(Filed::New(case_id))
}

/// A voice message: where the provider keeps it, how long it is, and its id there.
#[derive(Clone, Debug)]
pub struct Message<'a> {
    pub url: &'a str,
    pub seconds: Option<i64>,
    pub sid: Option<&'a str>,
}

/// Puts the voice message on the timeline of the case the call filed, once: a retried
/// webhook finds it there. The link is the event's body, so erasing the resident's data
/// (which clears event bodies) removes it too. Whether it was put there now.
pub async fn add_message(
    db: &Db,
    sid: &str,
    case_id: i64,
    message: &Message<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    if !claim(
        &mut tx,
        sid,
        Claim::Recording,
        message.sid.unwrap_or(message.url),
        now,
    )
    .await?
    {
        return Ok(false);
    }
    let data = serde_json::json!({ "seconds": message.seconds, "recording_sid": message.sid });
    crate::db::events::append_system_event(
        &mut tx,
        case_id,
        "voice_message",
        message.url,
        &data,
        now,
    )
    .await?;
    // Flags the case for its navigator until they open it, as a text from the resident does.
    sqlx::query("UPDATE cases SET last_reply_at = $1 WHERE id = $2")
        .bind(now)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// What a step does once a call.
#[derive(Clone, Copy)]
enum Claim {
    /// Files the callback (the need, with the case after it).
    Need,
    /// Keeps the voice message.
    Recording,
}

/// Marks the call's row as having done `what` (with `value`) unless it has, inside the
/// caller's transaction; whether this transaction got it. The row stays locked until the
/// commit, so a retry sent at the same time waits and then finds it done.
async fn claim(
    conn: &mut sqlx::AnyConnection,
    sid: &str,
    what: Claim,
    value: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let sql = match what {
        Claim::Need => {
            "UPDATE voice_calls SET need = $1, misses = 0, updated_at = $2 \
             WHERE call_sid = $3 AND case_id IS NULL"
        }
        Claim::Recording => {
            "UPDATE voice_calls SET recording = $1, updated_at = $2 \
             WHERE call_sid = $3 AND recording IS NULL"
        }
    };
    let claimed = sqlx::query(sql)
        .bind(value)
        .bind(now)
        .bind(sid)
        .execute(conn)
        .await?;
    Ok(claimed.rows_affected() == 1)
}
