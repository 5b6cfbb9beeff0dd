//! Group commit for the request form. A writer task takes every waiting submission (up to
//! `MAX_BATCH`) and stores them in one transaction with one statement per table, then answers
//! each submitter after the commit is durable. Should the batch fail as a whole, its
//! submissions are stored again each inside its own savepoint, so that one failure does not
//! sink the others.
//!
//! Why: SQLite has one write lock. Handlers that each ran BEGIN, three INSERTs and COMMIT
//! queued on that lock and slept in its busy-retry back-off; one writer with one fsync per
//! batch stores several times as many requests with a far shorter tail. PostgreSQL takes the
//! same path (fewer commits is cheaper there too) with a few writers at once, and each app
//! instance batches its own.

use sqlx::Acquire;
use tokio::sync::{mpsc, oneshot};

use super::form::NewRequest;
use super::store;
use crate::areas::placement::Placer;
use crate::db::Db;
use crate::domain::{Channel, RefCode};

/// The most submissions committed together.
pub const MAX_BATCH: usize = 64;
/// Batches written at once on PostgreSQL.
const POSTGRES_WRITERS: usize = 4;
/// Submissions that may wait for the writer before senders wait too.
const QUEUE: usize = 1024;

struct Submission {
    request: NewRequest,
    channel: Channel,
    created_at: i64,
    reply: oneshot::Sender<Result<RefCode, sqlx::Error>>,
}

/// A handle on the writer task; cheap to clone. The task ends when every handle is dropped.
#[derive(Clone, Debug)]
pub struct IntakeWriter {
    queue: mpsc::Sender<Submission>,
}

/// What the confirmation text needs: a resident who agreed to texts gets one at once, stored
/// in the outbox in the same transaction as their request (so neither exists without the
/// other).
#[derive(Clone, Debug)]
pub struct Confirmations {
    pub i18n: std::sync::Arc<crate::i18n::I18n>,
    /// Where a resident checks their request (`{public_url}/status`).
    pub status_url: String,
    pub outbox: crate::sms::worker::Outbox,
}

impl Confirmations {
    /// The confirmation text for a stored request, if the resident agreed to texts. Sent at
    /// once (an answer to what they just did), quiet hours or not.
    fn text(
        &self,
        request: &NewRequest,
        case_id: i64,
        code: &RefCode,
        now: i64,
    ) -> Option<crate::sms::outbox::NewText> {
        if !request.sms_consent {
            return None;
        }
        let phone = request.phone.as_ref()?;
        let body = self.i18n.format_sms(
            request.language,
            "sms-confirmation",
            &[
                ("code", code.as_str().to_owned().into()),
                ("url", self.status_url.clone().into()),
            ],
        );
        Some(crate::sms::outbox::NewText {
            case_id: Some(case_id),
            resident_id: None,
            to: phone.as_str().to_owned(),
            body,
            kind: crate::sms::outbox::Kind::Confirmation,
            immediate: true,
            not_before: now,
            idempotency_key: format!("case-{case_id}-confirmation"),
            created_by: None,
        })
    }
}

impl IntakeWriter {
    /// Starts the writer task on the current Tokio runtime. Stored requests are left for the
    /// placement sweep to find, and no confirmation texts are stored.
    pub fn start(db: Db) -> Self {
        Self::start_with(db, None, None, None)
    }

    /// Like `start`, handing each committed request's case to the placement worker and storing
    /// the confirmation text of each resident who agreed to texts, and observing each batch's
    /// size in `batch_sizes` (a metric).
    pub fn start_with(
        db: Db,
        placer: Option<Placer>,
        confirmations: Option<Confirmations>,
        batch_sizes: Option<prometheus_client::metrics::histogram::Histogram>,
    ) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE);
        // SQLite takes one writer at a time, so a second writer would only wait for the lock.
        // PostgreSQL commits several transactions at once: while one batch waits for its
        // commit to reach the disk, the next is gathered and written.
        let writers = match db.backend {
            crate::db::Backend::Sqlite => 1,
            crate::db::Backend::Postgres => POSTGRES_WRITERS,
        };
        let rx = std::sync::Arc::new(tokio::sync::Mutex::new(rx));
        for _ in 0..writers {
            tokio::spawn(run(
                db.clone(),
                rx.clone(),
                placer.clone(),
                confirmations.clone(),
                batch_sizes.clone(),
            ));
        }
        Self { queue }
    }

    /// Stores a request; returns its reference code once the commit is durable.
    pub async fn submit(
        &self,
        request: NewRequest,
        channel: Channel,
        created_at: i64,
    ) -> Result<RefCode, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        let submission = Submission {
            request,
            channel,
            created_at,
            reply,
        };
        self.queue
            .send(submission)
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answer.await.map_err(|_| sqlx::Error::WorkerCrashed)?
    }
}

async fn run(
    db: Db,
    rx: std::sync::Arc<tokio::sync::Mutex<mpsc::Receiver<Submission>>>,
    placer: Option<Placer>,
    confirmations: Option<Confirmations>,
    batch_sizes: Option<prometheus_client::metrics::histogram::Histogram>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    loop {
        // One writer at a time gathers a batch; the lock is let go before the batch is written.
        let gathered = rx.lock().await.recv_many(&mut batch, MAX_BATCH).await;
        if gathered == 0 {
            break;
        }
        let size = batch.len();
        if let Some(sizes) = &batch_sizes {
            sizes.observe(size as f64);
        }
        let results = write_batch(&db, &batch, confirmations.as_ref()).await;
        if let Some(c) = &confirmations {
            c.outbox.wake();
        }
        for (submission, result) in batch.drain(..).zip(results) {
            let result = result.map(|(case_id, code)| {
                if let Some(placer) = &placer {
                    placer.notify(case_id);
                }
                code
            });
            // The submitter may have gone (client hung up); the request is stored all the same.
            let _ = submission.reply.send(result);
        }
        tracing::debug!(size, "request batch committed");
    }
}

/// One result (case id and code) per submission, in order. Each is `Ok` only if the whole
/// batch committed. The batch is stored with one statement per table; should that fail (a
/// bad row), it is stored again one submission at a time, so one failure does not sink the
/// others.
async fn write_batch(
    db: &Db,
    batch: &[Submission],
    confirmations: Option<&Confirmations>,
) -> Vec<Result<(i64, RefCode), sqlx::Error>> {
    match write_together(db, batch, confirmations).await {
        Ok(stored) => stored.into_iter().map(Ok).collect(),
        Err(err) => {
            tracing::warn!(error = %err, size = batch.len(), "a request batch failed as a whole; storing its requests one by one");
            write_one_by_one(db, batch, confirmations).await
        }
    }
}

/// The whole batch in one transaction, a statement a table.
async fn write_together(
    db: &Db,
    batch: &[Submission],
    confirmations: Option<&Confirmations>,
) -> Result<Vec<(i64, RefCode)>, sqlx::Error> {
    let pending: Vec<store::Pending<'_>> = batch
        .iter()
        .map(|s| store::Pending {
            request: &s.request,
            channel: s.channel,
            created_at: s.created_at,
        })
        .collect();
    let mut conn = db.pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let stored = store::insert_requests_in(&mut tx, &pending).await?;
    if let Some(c) = confirmations {
        let texts: Vec<crate::sms::outbox::NewText> = batch
            .iter()
            .zip(&stored)
            .filter_map(|(s, (case_id, code))| c.text(&s.request, *case_id, code, s.created_at))
            .collect();
        let now = batch.iter().map(|s| s.created_at).max().unwrap_or_default();
        crate::sms::outbox::enqueue_many_on(&mut tx, &texts, now).await?;
    }
    tx.commit().await?;
    Ok(stored)
}

/// Each submission in its own savepoint of one transaction.
async fn write_one_by_one(
    db: &Db,
    batch: &[Submission],
    confirmations: Option<&Confirmations>,
) -> Vec<Result<(i64, RefCode), sqlx::Error>> {
    let mut results: Vec<Result<(i64, RefCode), sqlx::Error>> = Vec::with_capacity(batch.len());
    let outcome: Result<(), sqlx::Error> = async {
        let mut conn = db.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        for s in batch {
            let mut savepoint = tx.begin().await?;
            let stored =
                store::insert_request_in(&mut savepoint, &s.request, s.channel, s.created_at).await;
            let stored = match (stored, confirmations) {
                (Ok((case_id, code)), Some(c)) => {
                    match c.text(&s.request, case_id, &code, s.created_at) {
                        Some(text) => {
                            crate::sms::outbox::enqueue_on(&mut savepoint, &text, s.created_at)
                                .await
                                .map(|_| (case_id, code))
                        }
                        None => Ok((case_id, code)),
                    }
                }
                (stored, _) => stored,
            };
            match stored {
                Ok(stored) => {
                    savepoint.commit().await?;
                    results.push(Ok(stored));
                }
                Err(err) => {
                    savepoint.rollback().await?;
                    tracing::error!(error = %err, "a request in a batch failed; the others go on");
                    results.push(Err(err));
                }
            }
        }
        tx.commit().await
    }
    .await;
    match outcome {
        Ok(()) => results,
        Err(err) => {
            tracing::error!(error = %err, size = batch.len(), "request batch failed");
            let message = err.to_string();
            batch
                .iter()
                .map(|_| {
                    Err(sqlx::Error::Protocol(format!(
                        "batch not stored: {message}"
                    )))
                })
                .collect()
        }
    }
}
