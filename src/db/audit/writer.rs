//! Group commit for the audit log's view records. Every page that shows a resident's data
//! writes a row before it is sent; one writer task stores all the rows waiting (up to
//! `MAX_BATCH`) in one transaction and answers each page after the commit, so many staff
//! reading cases at once cost one fsync per batch instead of one each (see
//! `intake::writer` for the same idea on the request form).

use tokio::sync::{mpsc, oneshot};

use crate::db::Db;

pub const MAX_BATCH: usize = 256;
const QUEUE: usize = 4096;

struct View {
    user_id: i64,
    action: &'static str,
    case_id: i64,
    at: i64,
    reply: oneshot::Sender<Result<(), sqlx::Error>>,
}

/// A handle on the writer task; cheap to clone.
#[derive(Clone, Debug)]
pub struct AuditWriter {
    queue: mpsc::Sender<View>,
}

impl AuditWriter {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: Db) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, rx));
        Self { queue }
    }

    /// Records `action` by `user_id` on a case (and its resident); returns once it is durable.
    pub async fn record(
        &self,
        user_id: i64,
        action: &'static str,
        case_id: i64,
        at: i64,
    ) -> Result<(), sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        let view = View {
            user_id,
            action,
            case_id,
            at,
            reply,
        };
        self.queue
            .send(view)
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answer.await.map_err(|_| sqlx::Error::WorkerCrashed)?
    }
}

async fn run(db: Db, mut rx: mpsc::Receiver<View>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let result = write_batch(&db, &batch).await;
        if let Err(err) = &result {
            tracing::error!(error = %err, size = batch.len(), "audit batch failed");
        }
        for view in batch.drain(..) {
            let answer = match &result {
                Ok(()) => Ok(()),
                Err(err) => Err(sqlx::Error::Protocol(format!(
                    "audit row not stored: {err}"
                ))),
            };
            let _ = view.reply.send(answer);
        }
    }
}

async fn write_batch(db: &Db, batch: &[View]) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    for v in batch {
        super::record_in(&mut tx, v.user_id, v.action, v.case_id, v.at).await?;
    }
    tx.commit().await
}
