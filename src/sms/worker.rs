//! The outbox worker: claims due texts, holds back what quiet hours or an opt-out forbid,
//! keeps to the sender's rate, sends through the transport, and records what came of it.
//! Every app instance runs one; the outbox's claims keep them from sending a text twice.

use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

use rand::Rng;
use tokio::sync::Notify;

use super::client::{OutgoingSms, PermanentKind, SendOutcome, Transport};
use super::outbox::{self, Claimed, Kind, Status};
use crate::config::{Config, SendingWindow};
use crate::db::Db;
use crate::metrics::TextResult;

/// How the worker runs; `Default` is what `serve` runs with when nothing is configured.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// The resident's time zone for quiet hours.
    pub timezone: jiff::tz::TimeZone,
    pub window: SendingWindow,
    /// Segments a sender may send per second, over every instance.
    pub segments_per_second: f64,
    /// The sender's number or service (the rate limit's key).
    pub sender: String,
    /// Where the provider reports delivery, e.g. `https://navdesk.example/sms/status`.
    pub status_callback: Option<String>,
    /// A claim lasts this long; a text whose worker died is sent again after it.
    pub lease: Duration,
    /// Attempts before a text that keeps failing for a temporary reason is given up.
    pub max_attempts: i64,
    /// The first retry waits this long; each later one twice as long (with jitter), up to
    /// `max_backoff`.
    pub first_backoff: Duration,
    pub max_backoff: Duration,
    /// How often to look for due texts when nothing wakes the worker.
    pub poll: Duration,
    /// Counts what became of each text (`navdesk_texts_total`).
    pub results: crate::metrics::TextResults,
}

impl WorkerConfig {
    /// The worker as configured: quiet hours in the configured time zone, the sender's pace,
    /// the claim's lease and the retries' back-off.
    pub fn new(config: &Config) -> Self {
        Self {
            timezone: config.timezone.clone(),
            window: config.sms.sending_window,
            segments_per_second: config.sms.segments_per_second,
            sender: "log".into(),
            status_callback: None,
            lease: config.sms.lease,
            max_attempts: 8,
            first_backoff: config.sms.retry_first,
            max_backoff: config.sms.retry_max,
            poll: Duration::from_secs(1),
            results: crate::metrics::TextResults::default(),
        }
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self::new(&Config::default())
    }
}

/// Wakes the worker when a text was stored (rather than at its next poll). Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    wake: Arc<Notify>,
}

impl Outbox {
    /// Says texts may be due now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Runs `plan` with the time every minute, from a minute after the start, until the task
    /// is aborted, waking the worker when it queued texts; `what` names the texts in the log
    /// when a minute fails. For the planners of texts no one asked for (reminders, loans).
    pub fn plan_every_minute<F, Fut>(
        self,
        what: &'static str,
        plan: F,
    ) -> tokio::task::JoinHandle<()>
    where
        F: Fn(i64) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Result<usize, sqlx::Error>> + Send,
    {
        tokio::spawn(async move {
            let minute = std::time::Duration::from_secs(60);
            let mut every = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
            loop {
                every.tick().await;
                match plan(crate::db::now()).await {
                    Ok(0) => {}
                    Ok(_) => self.wake(),
                    Err(err) => tracing::warn!(error = %err, what, "texts not planned this minute"),
                }
            }
        })
    }
}

/// Texts claimed at once by one worker.
const BATCH: i64 = 8;

/// Starts the worker on the current Tokio runtime; it runs until its task is aborted.
pub fn start(
    db: Db,
    transport: Arc<dyn Transport>,
    config: WorkerConfig,
) -> (Outbox, JoinHandle<()>) {
    let outbox = Outbox::default();
    let wake = outbox.wake.clone();
    let worker = format!("w{:016x}", rand::rng().random::<u64>());
    let task = tokio::spawn(async move {
        tracing::info!(%worker, transport = transport.name(), "text worker started");
        loop {
            let now = crate::db::now();
            let sent = match run_once(&db, transport.as_ref(), &config, &worker, now).await {
                Ok(n) => n,
                Err(err) => {
                    tracing::warn!(error = %err, "text worker: database error; trying again");
                    0
                }
            };
            if sent == 0 {
                let _ = tokio::time::timeout(config.poll, wake.notified()).await;
            }
        }
    });
    (outbox, task)
}

/// One round at `now`: claims what is due and deals with each. Returns how many texts it
/// claimed. (Tests pass their own `now` to try quiet hours.)
pub async fn run_once(
    db: &Db,
    transport: &dyn Transport,
    config: &WorkerConfig,
    worker: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let lease = config.lease.as_secs() as i64;
    let claimed = outbox::claim(db, worker, now, lease, BATCH).await?;
    let n = claimed.len();
    for text in claimed {
        deliver(db, transport, config, worker, text, now).await?;
    }
    Ok(n)
}

async fn deliver(
    db: &Db,
    transport: &dyn Transport,
    config: &WorkerConfig,
    worker: &str,
    text: Claimed,
    now: i64,
) -> Result<(), sqlx::Error> {
    // The one text an opted-out resident still gets is the confirmation that they are.
    if text.kind != Kind::OptedOut && is_opted_out(db, &text.to).await? {
        tracing::info!(text_id = text.id, "resident opted out; text cancelled");
        if outbox::record_final(db, text.id, worker, Status::Cancelled, None, None, now).await? {
            config.results.record(TextResult::Cancelled);
        }
        return Ok(());
    }
    if !text.immediate {
        let allowed = config.window.next_allowed(
            jiff::Timestamp::from_second(now).unwrap_or_else(|_| jiff::Timestamp::now()),
            &config.timezone,
        );
        let allowed = allowed.as_second();
        if allowed > now {
            tracing::debug!(text_id = text.id, at = allowed, "quiet hours; text waits");
            if outbox::record_retry(db, text.id, worker, allowed, false, None, None, now).await? {
                config.results.record(TextResult::Deferred);
            }
            return Ok(());
        }
    }
    // Keep to the sender's rate; a slot further off than half the lease goes back to the
    // outbox, so the claim never runs out while the text waits.
    let segments = crate::i18n::segments::count(&text.body).segments.max(1) as f64;
    let cost_ms = (segments * 1000.0 / config.segments_per_second.max(0.001)).ceil() as i64;
    let now_ms = jiff::Timestamp::now().as_millisecond();
    let slot = outbox::take_send_slot(db, &config.sender, now_ms, cost_ms).await?;
    let wait_ms = slot - now_ms;
    if wait_ms > config.lease.as_millis() as i64 / 2 {
        if outbox::record_retry(db, text.id, worker, slot / 1000, false, None, None, now).await? {
            config.results.record(TextResult::Deferred);
        }
        return Ok(());
    }
    if wait_ms > 0 {
        tokio::time::sleep(Duration::from_millis(wait_ms as u64)).await;
    }
    // The last worker died mid-send: if the provider has the text, record it rather than
    // send it twice.
    if text.in_doubt {
        if let Some(sid) = transport
            .find_sent(&text.to, &text.body, text.created_at - 60)
            .await
        {
            let now = crate::db::now();
            if outbox::record_sent(
                db,
                text.id,
                worker,
                &config.sender,
                &sid,
                Status::Queued,
                now,
            )
            .await?
            {
                config.results.record(TextResult::Sent);
                timeline(
                    db,
                    &text,
                    "sms_out",
                    serde_json::json!({ "sms_id": text.id }),
                    now,
                )
                .await?;
            }
            return Ok(());
        }
    }
    let sms = OutgoingSms {
        to: text.to.clone(),
        body: text.body.clone(),
        status_callback: config
            .status_callback
            .as_ref()
            .map(|url| format!("{url}?id={}", text.id)),
        idempotency_key: Some(text.idempotency_key.clone()),
    };
    let outcome = transport.send(&sms).await;
    let now = crate::db::now();
    match outcome {
        SendOutcome::Sent { sid, status } => {
            let status = Status::from_provider(&status).unwrap_or(Status::Queued);
            let sid = if sid.is_empty() {
                format!("unknown-{}", text.id)
            } else {
                sid
            };
            if outbox::record_sent(db, text.id, worker, &config.sender, &sid, status, now).await? {
                config.results.record(TextResult::Sent);
                timeline(
                    db,
                    &text,
                    "sms_out",
                    serde_json::json!({ "sms_id": text.id }),
                    now,
                )
                .await?;
            }
        }
        SendOutcome::Temporary {
            reason,
            retry_after,
        } => {
            if text.attempts >= config.max_attempts {
                tracing::warn!(text_id = text.id, %reason, "text failed after every retry");
                give_up(db, config, worker, &text, None, &reason, now).await?;
            } else {
                let wait = backoff(config, text.attempts).max(retry_after.unwrap_or_default());
                tracing::info!(text_id = text.id, %reason, wait_secs = wait.as_secs(), "text will be retried");
                if outbox::record_retry(
                    db,
                    text.id,
                    worker,
                    now + wait.as_secs().max(1) as i64,
                    true,
                    None,
                    Some(&reason),
                    now,
                )
                .await?
                {
                    config.results.record(TextResult::Retry);
                }
            }
        }
        SendOutcome::Permanent { kind, reason } => {
            let code = match kind {
                PermanentKind::OptedOut => Some(21610),
                PermanentKind::InvalidNumber => None,
                PermanentKind::Landline => Some(30006),
                PermanentKind::Other(code) => code.map(i64::from),
            };
            if kind == PermanentKind::OptedOut {
                opt_out(db, &text.to, "carrier", now).await?;
            }
            tracing::warn!(text_id = text.id, ?kind, %reason, "text refused for good");
            give_up(db, config, worker, &text, code, &reason, now).await?;
        }
    }
    Ok(())
}

/// The wait before attempt `attempts + 1`: doubling from `first_backoff`, capped, with up to
/// a fifth either way of jitter so texts that failed together do not retry together.
pub fn backoff(config: &WorkerConfig, attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 30) as u32 - 1;
    let base = config
        .first_backoff
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(config.max_backoff);
    let jitter = rand::rng().random_range(0.8..1.2);
    base.mul_f64(jitter)
}

async fn give_up(
    db: &Db,
    config: &WorkerConfig,
    worker: &str,
    text: &Claimed,
    code: Option<i64>,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if outbox::record_final(db, text.id, worker, Status::Failed, code, Some(reason), now).await? {
        config.results.record(TextResult::Failed);
        timeline(
            db,
            text,
            "sms_failed",
            serde_json::json!({ "sms_id": text.id, "code": code, "reason": reason }),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Adds a text's event to its case's timeline (navdesk did it, so no person is named).
async fn timeline(
    db: &Db,
    text: &Claimed,
    kind: &str,
    data: serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(case_id) = text.case_id else {
        return Ok(());
    };
    let _turn = db.write_turn().await;
    let mut conn = db.pool.acquire().await?;
    crate::db::events::append_system_event(&mut conn, case_id, kind, &text.body, &data, now).await
}

/// Whether `phone` has said STOP (and not START since).
pub async fn is_opted_out(db: &Db, phone: &str) -> Result<bool, sqlx::Error> {
    is_opted_out_on(&mut *db.pool.acquire().await?, phone).await
}

/// `is_opted_out` on the caller's connection (inside their transaction).
pub async fn is_opted_out_on(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM sms_opt_outs WHERE phone = $1")
        .bind(phone)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

/// Records that `phone` wants no more texts (`source`: `keyword`, `carrier`, `staff`).
pub async fn opt_out(db: &Db, phone: &str, source: &str, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    opt_out_on(&mut tx, phone, source, None, now).await?;
    tx.commit().await
}

/// `opt_out` on the caller's connection (inside their transaction), with the language the
/// resident said it in when known.
pub async fn opt_out_on(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
    source: &str,
    language: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sms_opt_outs (phone, opted_out_at, source, language) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (phone) DO NOTHING",
    )
    .bind(phone)
    .bind(now)
    .bind(source)
    .bind(language)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE residents SET sms_opted_out_at = $1 WHERE phone = $2 AND sms_opted_out_at IS NULL",
    )
    .bind(now)
    .bind(phone)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_with_jitter_up_to_a_cap() {
        let config = WorkerConfig::default();
        for attempts in 1..=12 {
            let wait = backoff(&config, attempts);
            let base = (10.0 * 2f64.powi(attempts as i32 - 1)).min(3600.0);
            let secs = wait.as_secs_f64();
            assert!(
                secs >= base * 0.8 - 1e-9 && secs <= base * 1.2 + 1e-9,
                "attempt {attempts}: {secs} s against {base} s"
            );
        }
        let waits: std::collections::HashSet<u128> =
            (0..20).map(|_| backoff(&config, 3).as_millis()).collect();
        assert!(waits.len() > 1, "jitter spreads retries");
    }
}
