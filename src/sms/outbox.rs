//! The durable outbox: every text is a row before it is sent, and this module is the only way
//! rows move.
//!
//! - `enqueue` stores a text under an idempotency key (asking twice stores it once).
//! - `claim` hands due texts to one worker, atomically: the guarded UPDATE re-checks each row's
//!   state, so two app instances on one PostgreSQL never claim the same text, and a text whose
//!   claim ran out (its worker died) is claimed again.
//! - `record_*` store what the provider answered: accepted, try again later, or failed for good.
//! - `record_status` applies a status callback, never moving a text backwards.
//! - `take_send_slot` spaces sends from one sender across every instance (the rate limit).
//!
//! Times are Unix seconds unless named `_ms`.

use sqlx::Row;

use crate::db::Db;

/// Why a text is sent; also how the timeline and staff name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Confirmation,
    StillWaiting,
    DidYouApply,
    StillConnected,
    Satisfaction,
    OptedOut,
    OptedIn,
    Help,
    ReplyReceived,
    /// Written by a navigator on the case page.
    Staff,
    /// A text the resident sent us.
    Inbound,
    /// A question (or the last answer) of a request made by text.
    Intake,
    // Appointments (`reminders`): a reminder before one, the answer to a reply about one,
    // times offered to pick from by number, and the kind text after a missed one.
    Reminder,
    AppointmentReply,
    SlotOffer,
    NoShow,
    /// An appointment cancelled because its navigator is no longer available (`siteday`).
    AppointmentCancelled,
    // Devices (issue 18): a text about a lent device due back soon or late, and the answer to
    // a reply asking for more time.
    LoanReminder,
    LoanReply,
}

impl Kind {
    pub const ALL: [Kind; 19] = [
        Kind::Confirmation,
        Kind::StillWaiting,
        Kind::DidYouApply,
        Kind::StillConnected,
        Kind::Satisfaction,
        Kind::OptedOut,
        Kind::OptedIn,
        Kind::Help,
        Kind::ReplyReceived,
        Kind::Staff,
        Kind::Inbound,
        Kind::Intake,
        Kind::Reminder,
        Kind::AppointmentReply,
        Kind::SlotOffer,
        Kind::NoShow,
        Kind::AppointmentCancelled,
        Kind::LoanReminder,
        Kind::LoanReply,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::StillWaiting => "still_waiting",
            Kind::DidYouApply => "did_you_apply",
            Kind::StillConnected => "still_connected",
            Kind::Satisfaction => "satisfaction",
            Kind::OptedOut => "opted_out",
            Kind::OptedIn => "opted_in",
            Kind::Help => "help",
            Kind::ReplyReceived => "reply_received",
            Kind::Staff => "staff",
            Kind::Inbound => "inbound",
            Kind::Intake => "intake",
            Kind::Reminder => "reminder",
            Kind::AppointmentReply => "appointment_reply",
            Kind::SlotOffer => "slot_offer",
            Kind::NoShow => "no_show",
            Kind::AppointmentCancelled => "appointment_cancelled",
            Kind::LoanReminder => "loan_reminder",
            Kind::LoanReply => "loan_reply",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where a text stands. `Scheduled` and `Sending` are ours (waiting in the outbox; claimed by a
/// worker); the rest follow the provider, in this order: queued → sent → delivered,
/// undelivered or failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Scheduled,
    Sending,
    Queued,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    /// Not sent: the resident opted out before its turn came.
    Cancelled,
    /// A text the resident sent us.
    Received,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Queued => "queued",
            Status::Sent => "sent",
            Status::Delivered => "delivered",
            Status::Undelivered => "undelivered",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
            Status::Received => "received",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Status::Scheduled,
            Status::Sending,
            Status::Queued,
            Status::Sent,
            Status::Delivered,
            Status::Undelivered,
            Status::Failed,
            Status::Cancelled,
            Status::Received,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// A status a provider's callback reports (Twilio's words), as ours. `None` for words that
    /// say nothing about an outgoing text's progress (`receiving`, `read`, unknown ones).
    pub fn from_provider(word: &str) -> Option<Self> {
        match word {
            "accepted" | "scheduled" | "queued" | "sending" => Some(Status::Queued),
            "sent" => Some(Status::Sent),
            "delivered" => Some(Status::Delivered),
            "undelivered" => Some(Status::Undelivered),
            "failed" | "canceled" => Some(Status::Failed),
            _ => None,
        }
    }

    /// How far along a text is; a callback may only move it further. Final states share the
    /// top rank, so a late "delivered" cannot overwrite "failed" or the other way round.
    fn rank(self) -> i64 {
        match self {
            Status::Scheduled => 0,
            Status::Sending => 1,
            Status::Queued => 2,
            Status::Sent => 3,
            Status::Delivered
            | Status::Undelivered
            | Status::Failed
            | Status::Cancelled
            | Status::Received => 4,
        }
    }
}

/// The SQL rank of the `status` column, as `Status::rank`.
const STATUS_RANK_SQL: &str = "CASE status WHEN 'scheduled' THEN 0 WHEN 'sending' THEN 1 \
     WHEN 'queued' THEN 2 WHEN 'sent' THEN 3 ELSE 4 END";

/// A text to store in the outbox.
#[derive(Clone, Debug)]
pub struct NewText {
    pub case_id: Option<i64>,
    pub resident_id: Option<i64>,
    /// E.164.
    pub to: String,
    pub body: String,
    pub kind: Kind,
    /// An answer to something the resident just did: goes out at once, even in quiet hours.
    pub immediate: bool,
    /// Not before this time (a follow-up planned for later); quiet hours may push it further.
    pub not_before: i64,
    /// Unique per text: the same key asked twice stores one text.
    pub idempotency_key: String,
    pub created_by: Option<i64>,
}

/// Stores a text on the caller's connection (inside their transaction, so a text is never
/// stored without what caused it, nor the other way round). Returns its id, or `None` when a
/// text with this idempotency key was stored before (nothing changes then).
pub async fn enqueue_on(
    conn: &mut sqlx::AnyConnection,
    text: &NewText,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sms_messages (direction, case_id, resident_id, to_number, body, kind, \
           status, immediate, next_attempt_at, idempotency_key, created_by, created_at, updated_at) \
         VALUES ('out', $1, $2, $3, $4, $5, 'scheduled', $6, $7, $8, $9, $10, $10) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(text.case_id)
    .bind(text.resident_id)
    .bind(&text.to)
    .bind(&text.body)
    .bind(text.kind.code())
    .bind(i64::from(text.immediate))
    .bind(text.not_before)
    .bind(&text.idempotency_key)
    .bind(text.created_by)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await
}

const TEXT_COLUMNS: &[&str] = &[
    "direction",
    "case_id",
    "resident_id",
    "to_number",
    "body",
    "kind",
    "status",
    "immediate",
    "next_attempt_at",
    "idempotency_key",
    "created_by",
    "created_at",
    "updated_at",
];

/// Stores many texts with one statement on the caller's connection (inside their
/// transaction). A text whose idempotency key was stored before is left out.
pub async fn enqueue_many_on(
    conn: &mut sqlx::AnyConnection,
    texts: &[NewText],
    now: i64,
) -> Result<(), sqlx::Error> {
    if texts.is_empty() {
        return Ok(());
    }
    let sql = crate::db::multi_insert(
        crate::db::backend_of(conn),
        "sms_messages",
        TEXT_COLUMNS,
        texts.len(),
        " ON CONFLICT (idempotency_key) DO NOTHING",
    );
    let mut insert = sqlx::query(&sql).persistent(false);
    for text in texts {
        insert = insert
            .bind("out")
            .bind(text.case_id)
            .bind(text.resident_id)
            .bind(&text.to)
            .bind(&text.body)
            .bind(text.kind.code())
            .bind("scheduled")
            .bind(i64::from(text.immediate))
            .bind(text.not_before)
            .bind(&text.idempotency_key)
            .bind(text.created_by)
            .bind(now)
            .bind(now);
    }
    insert.execute(&mut *conn).await?;
    Ok(())
}

/// `enqueue_on` in a transaction of its own.
pub async fn enqueue(db: &Db, text: &NewText, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    enqueue_on(&mut conn, text, now).await
}

/// A text a worker has claimed and must now send (or put back).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    pub case_id: Option<i64>,
    pub resident_id: Option<i64>,
    pub to: String,
    pub body: String,
    pub kind: Kind,
    pub immediate: bool,
    pub idempotency_key: String,
    /// Counting this one.
    pub attempts: i64,
    /// The last claim ran out while its worker was sending: the text may have gone.
    pub in_doubt: bool,
    pub created_at: i64,
}

/// The condition of a text a worker may claim at `$1` (now).
const CLAIMABLE: &str = "((status = 'scheduled' AND next_attempt_at <= $1) \
     OR (status = 'sending' AND lease_until < $1))";

/// Claims up to `limit` due texts for `worker` until `now + lease_secs`, oldest due first.
/// Safe with any number of workers on any number of instances: the outer WHERE is checked
/// again on each row as it is locked, so a row another worker claimed meanwhile is skipped.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_secs: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let turn = db.write_turn().await;
    let rows = sqlx::query(&format!(
        "UPDATE sms_messages SET status = 'sending', lease_until = $2, claimed_by = $3, \
           attempts = attempts + 1, updated_at = $1, \
           in_doubt = CASE WHEN status = 'sending' THEN 1 ELSE 0 END \
         WHERE id IN (SELECT id FROM sms_messages WHERE {CLAIMABLE} \
                      ORDER BY next_attempt_at, id LIMIT $4) \
           AND {CLAIMABLE} \
         RETURNING id, case_id, resident_id, to_number, body, kind, immediate, \
           idempotency_key, attempts, in_doubt, created_at"
    ))
    .bind(now)
    .bind(now + lease_secs)
    .bind(worker)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    drop(turn);
    let mut claimed = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(Claimed {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                resident_id: r.try_get("resident_id")?,
                to: r.try_get("to_number")?,
                body: r.try_get("body")?,
                kind: Kind::parse(&kind).unwrap_or(Kind::Staff),
                immediate: r.try_get::<i64, _>("immediate")? != 0,
                idempotency_key: r.try_get("idempotency_key")?,
                attempts: r.try_get("attempts")?,
                in_doubt: r.try_get::<i64, _>("in_doubt")? != 0,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// The claim on `id` by `worker`, still held: the condition every `record_*` checks, so a
/// worker whose lease ran out (and whose text another worker took) changes nothing.
const HELD: &str = "id = $1 AND status = 'sending' AND claimed_by = $2";

/// The provider accepted the text.
pub async fn record_sent(
    db: &Db,
    id: i64,
    worker: &str,
    from: &str,
    provider_sid: &str,
    status: Status,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // Written for every text: take turns with the webhooks (see `Db::begin_write`).
    let _turn = db.write_turn().await;
    let done = sqlx::query(&format!(
        "UPDATE sms_messages SET status = $3, provider_sid = $4, from_number = $5, \
           sent_at = $6, updated_at = $6, lease_until = NULL, error_code = NULL, \
           error_message = NULL WHERE {HELD}"
    ))
    .bind(id)
    .bind(worker)
    .bind(status.max(Status::Queued).code())
    .bind(provider_sid)
    .bind(from)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a claimed text back to be tried at `at` (a temporary failure, or quiet hours). When
/// `counts` is false the claim does not count as an attempt (nothing was sent).
#[allow(clippy::too_many_arguments)]
pub async fn record_retry(
    db: &Db,
    id: i64,
    worker: &str,
    at: i64,
    counts: bool,
    error_code: Option<i64>,
    error_message: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // Written for every text: take turns with the webhooks (see `Db::begin_write`).
    let _turn = db.write_turn().await;
    let done = sqlx::query(&format!(
        "UPDATE sms_messages SET status = 'scheduled', next_attempt_at = $3, \
           attempts = attempts - $4, lease_until = NULL, claimed_by = NULL, \
           error_code = $5, error_message = $6, updated_at = $7 WHERE {HELD}"
    ))
    .bind(id)
    .bind(worker)
    .bind(at)
    .bind(i64::from(!counts))
    .bind(error_code)
    .bind(error_message)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The text will not be sent: `Failed` (a permanent error, or retries used up) or `Cancelled`
/// (the resident opted out before its turn).
pub async fn record_final(
    db: &Db,
    id: i64,
    worker: &str,
    status: Status,
    error_code: Option<i64>,
    error_message: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    debug_assert!(matches!(status, Status::Failed | Status::Cancelled));
    let _turn = db.write_turn().await;
    let done = sqlx::query(&format!(
        "UPDATE sms_messages SET status = $3, lease_until = NULL, error_code = $4, \
           error_message = $5, updated_at = $6 WHERE {HELD}"
    ))
    .bind(id)
    .bind(worker)
    .bind(status.code())
    .bind(error_code)
    .bind(error_message)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A status callback for text `id` (or, when the callback carries no id of ours, the one
/// with `provider_sid`): applied only when it moves the text forward, so callbacks arriving
/// out of order never move it back. True when it changed something.
pub async fn record_status(
    db: &Db,
    id: Option<i64>,
    provider_sid: &str,
    status: Status,
    error_code: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let which = if id.is_some() {
        "id = $1"
    } else {
        "provider_sid = $1"
    };
    let sql = format!(
        "UPDATE sms_messages SET status = $2, error_code = COALESCE($3, error_code), \
           provider_sid = COALESCE(provider_sid, $4), updated_at = $5 \
         WHERE {which} AND direction = 'out' AND ({STATUS_RANK_SQL}) < $6"
    );
    let query = match id {
        Some(id) => sqlx::query(&sql).bind(id),
        None => sqlx::query(&sql).bind(provider_sid),
    };
    let _turn = db.write_turn().await;
    let done = query
        .bind(status.code())
        .bind(error_code)
        .bind(provider_sid)
        .bind(now)
        .bind(status.rank())
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The time (milliseconds) at which a text of `cost_ms` from `sender` may go out: now, or
/// later when texts before it still fill the sender's allowance. Every instance shares the
/// reservation in the database, so the rate holds across them.
pub async fn take_send_slot(
    db: &Db,
    sender: &str,
    now_ms: i64,
    cost_ms: i64,
) -> Result<i64, sqlx::Error> {
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO sms_senders (sender, next_free_ms) VALUES ($1, 0) \
         ON CONFLICT (sender) DO NOTHING",
    )
    .bind(sender)
    .execute(&mut *tx)
    .await?;
    let next: i64 = sqlx::query_scalar(
        "UPDATE sms_senders SET next_free_ms = \
           (CASE WHEN next_free_ms > $2 THEN next_free_ms ELSE $2 END) + $3 \
         WHERE sender = $1 RETURNING next_free_ms",
    )
    .bind(sender)
    .bind(now_ms)
    .bind(cost_ms)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(next - cost_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
        }
        assert_eq!(Kind::parse("nonsense"), None);
        for s in [
            Status::Scheduled,
            Status::Sending,
            Status::Queued,
            Status::Sent,
            Status::Delivered,
            Status::Undelivered,
            Status::Failed,
            Status::Cancelled,
            Status::Received,
        ] {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn provider_words_move_forward_only() {
        let order = ["queued", "sending", "sent", "delivered"].map(|w| {
            Status::from_provider(w)
                .map(Status::rank)
                .expect("a known word")
        });
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        for last in ["delivered", "undelivered", "failed"] {
            assert_eq!(Status::from_provider(last).map(Status::rank), Some(4));
        }
        assert_eq!(Status::from_provider("read"), None);
        assert_eq!(Status::from_provider(""), None);
    }
}
