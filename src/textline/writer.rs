//! Group commit for the text line on SQLite, as the request form has (`intake::writer`): one
//! task takes every text waiting (up to `MAX_BATCH`), handles each inside its own savepoint of
//! one transaction, in the order they arrived, and answers each webhook once the commit is
//! durable. A text that fails is rolled back to its savepoint alone and its webhook gets 503
//! (the provider sends it again); the others stand.
//!
//! Why: SQLite has one write lock and each commit waits for the disk. A transaction a text,
//! with hundreds of residents answering at once, queued every text behind the disk's
//! slowest moments; one commit for all the texts that arrived meanwhile keeps the wait near
//! one commit's. One task also keeps one number's texts in the order they came.
//! PostgreSQL needs none of this: texts of different numbers commit side by side there.

use sqlx::Connection;
use tokio::sync::{mpsc, oneshot};

use super::{handle_in, Handled, TextlineState};
use crate::sms::webhooks::Inbound;

/// The most texts committed together.
pub const MAX_BATCH: usize = 64;
/// Texts that may wait for the writer before webhooks wait too.
const QUEUE: usize = 1024;

/// A text as the webhook received it, owned so it can wait for the writer.
struct Job {
    from: String,
    to: String,
    sid: String,
    text: String,
    now: i64,
    done: oneshot::Sender<Result<(), sqlx::Error>>,
}

impl Job {
    fn inbound(&self) -> Inbound<'_> {
        Inbound {
            from: &self.from,
            to: &self.to,
            sid: &self.sid,
            text: &self.text,
        }
    }
}

/// A handle on the writer task; cheap to clone. The task ends when every handle is dropped.
#[derive(Clone, Debug)]
pub struct TextWriter {
    queue: mpsc::Sender<Job>,
}

impl TextWriter {
    /// Starts the writer on the current Tokio runtime when the database is SQLite; `None` on
    /// PostgreSQL, where each text commits on its own.
    pub fn start(state: TextlineState) -> Option<Self> {
        if state.shared.db.backend != crate::db::Backend::Sqlite {
            return None;
        }
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(state, rx));
        Some(Self { queue })
    }

    /// Stores `text` with the others waiting and returns once its commit is durable.
    pub async fn submit(&self, text: &Inbound<'_>, now: i64) -> Result<(), sqlx::Error> {
        let (done, answer) = oneshot::channel();
        let job = Job {
            from: text.from.to_owned(),
            to: text.to.to_owned(),
            sid: text.sid.to_owned(),
            text: text.text.to_owned(),
            now,
            done,
        };
        let stopped = || sqlx::Error::Protocol("the text line's writer has stopped".into());
        self.queue.send(job).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn run(state: TextlineState, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        match write(&state, &jobs).await {
            Ok(results) => {
                let handled: Vec<Handled> = results
                    .iter()
                    .filter_map(|r| r.as_ref().ok().copied())
                    .collect();
                super::after_commit(&state, &handled);
                for (job, result) in jobs.into_iter().zip(results) {
                    let _ = job.done.send(result.map(drop));
                }
            }
            Err(err) => {
                tracing::error!(error = %err, texts = jobs.len(), "a batch of texts was not stored");
                let reason = err.to_string();
                for job in jobs {
                    let _ = job.done.send(Err(sqlx::Error::Protocol(reason.clone())));
                }
            }
        }
    }
}

/// Handles `jobs` in one transaction, each in its own savepoint. The outer `Err` is the
/// transaction's (nothing stored); the inner ones are each text's (that text alone undone).
async fn write(
    state: &TextlineState,
    jobs: &[Job],
) -> Result<Vec<Result<Handled, sqlx::Error>>, sqlx::Error> {
    let db = &state.shared.db;
    let areas = state.areas.get(db).await?;
    let mut tx = db.begin_write().await?;
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        let mut savepoint = Connection::begin(&mut *tx).await?;
        match handle_in(&mut savepoint, state, &areas, &job.inbound(), job.now).await {
            Ok(handled) => {
                savepoint.commit().await?;
                results.push(Ok(handled));
            }
            Err(err) => {
                savepoint.rollback().await?;
                tracing::warn!(sid = job.sid, error = %err, "a text was not stored");
                results.push(Err(err));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}
