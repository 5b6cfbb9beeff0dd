//! Placement: where each new request's resident is. Intake never waits for a geocoder; once a
//! request is committed its case id is handed to this worker (a task fed by a channel), which
//! geocodes the resident, stores the point, gives resident and case the area the point lies in
//! (when they did not choose one: a chosen area wins) and marks the case placed.
//!
//! The worker also sweeps for unplaced cases at start and every `sweep_every`, so a crash
//! between commit and placement, a full queue or a geocoder outage only delays placement.
//! Every instance sweeps: a case is claimed by a guarded UPDATE (a lease in `place_after`)
//! and placed by another (`WHERE placed_at IS NULL`), so two instances never both place it.

use std::sync::{Arc, RwLock, Weak};
use std::time::{Duration, Instant};

use sqlx::Row;
use tokio::sync::{mpsc, Semaphore};

use super::geocode::{Found, GeocodeError, Geocoder, Query};
use super::AreaIndex;
use crate::config::PlacementConfig;
use crate::db::Db;
use crate::{AppState, AppStateInner};

/// Case ids that may wait for the worker; beyond that, `notify` drops them and the next sweep
/// places them (a full queue must never slow an intake).
const QUEUE: usize = 4096;
/// Cases claimed and stored together.
const BATCH: usize = 64;
/// Look-ups in flight at once (each may wait up to the Census timeout).
const CONCURRENCY: usize = 16;
/// Cases one sweep claims at most.
const SWEEP_BATCH: usize = 256;
/// The area index is read again after this long, to see areas imported meanwhile.
const INDEX_TTL: Duration = Duration::from_secs(60);

/// A handle on the placement worker; cheap to clone.
#[derive(Clone, Debug)]
pub struct Placer {
    queue: mpsc::Sender<i64>,
}

/// The receiving end, until the worker starts.
pub struct PlacerQueue(mpsc::Receiver<i64>);

impl Placer {
    pub fn channel() -> (Self, PlacerQueue) {
        let (queue, rx) = mpsc::channel(QUEUE);
        (Self { queue }, PlacerQueue(rx))
    }

    /// Asks for a committed case to be placed. Never waits: when the queue is full or the
    /// worker has stopped, the sweep places the case later.
    pub fn notify(&self, case_id: i64) {
        if self.queue.try_send(case_id).is_err() {
            tracing::debug!(case_id, "placement queue full; the sweep will place it");
        }
    }
}

/// Hand-off: called once for every case this instance has just placed (with or without a
/// point), after the placement is committed. Auto-assignment is wired in here.
pub async fn on_placed(state: &AppState, case_id: i64) {
    let _ = (state, case_id);
}

/// What became of one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Placed now, by us.
    Placed,
    /// Not ours to place: already placed, or claimed by another worker.
    Skipped,
    /// The geocoder did not answer; tried again after a back-off.
    Retry,
}

/// Everything placement needs; shared by the worker task and its look-ups.
pub struct Worker {
    db: Db,
    geocoder: Box<dyn Geocoder>,
    config: PlacementConfig,
    index: RwLock<Option<(Instant, AreaIndex)>>,
}

impl Worker {
    pub fn new(db: Db, geocoder: Box<dyn Geocoder>, config: PlacementConfig) -> Arc<Self> {
        Arc::new(Self {
            db,
            geocoder,
            config,
            index: RwLock::new(None),
        })
    }

    /// The area index, read again when it is old or was empty.
    async fn index(&self) -> Result<AreaIndex, sqlx::Error> {
        if let Ok(cached) = self.index.read() {
            if let Some((at, index)) = cached.as_ref() {
                if at.elapsed() < INDEX_TTL && !index.is_empty() {
                    return Ok(index.clone());
                }
            }
        }
        let index = AreaIndex::load(&self.db).await?;
        if let Ok(mut cached) = self.index.write() {
            *cached = Some((Instant::now(), index.clone()));
        }
        Ok(index)
    }

    /// Places one case (see `place_batch`).
    pub async fn place(self: &Arc<Self>, case_id: i64, now: i64) -> Result<Outcome, sqlx::Error> {
        let outcomes = self.place_batch(&[case_id], now).await?;
        Ok(outcomes.first().map_or(Outcome::Skipped, |(_, o)| *o))
    }

    /// Claims the cases not yet placed nor claimed by another worker, locates them (at once,
    /// up to `CONCURRENCY`) and stores the results in one transaction: two commits a batch,
    /// so placement takes little of SQLite's one write lock from intake.
    pub async fn place_batch(
        self: &Arc<Self>,
        ids: &[i64],
        now: i64,
    ) -> Result<Vec<(i64, Outcome)>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let timeout = i64::try_from(self.config.census_timeout.as_secs()).unwrap_or(60);
        let lease = now + timeout * 2 + 60;
        let sql = format!(
            "UPDATE cases SET place_after = $1 WHERE placed_at IS NULL \
             AND (place_after IS NULL OR place_after <= $2) AND id IN ({}) RETURNING id",
            placeholders(3, ids.len())
        );
        let mut claim = sqlx::query_scalar::<_, i64>(&sql).bind(lease).bind(now);
        for id in ids {
            claim = claim.bind(*id);
        }
        let claimed = claim.fetch_all(&self.db.pool).await?;
        let mut outcomes: Vec<(i64, Outcome)> = ids
            .iter()
            .filter(|id| !claimed.contains(id))
            .map(|id| (*id, Outcome::Skipped))
            .collect();
        if claimed.is_empty() {
            return Ok(outcomes);
        }
        let sql = format!(
            "SELECT c.id, c.place_attempts, r.id AS resident_id, r.address, r.zip, r.area_id \
             FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id IN ({})",
            placeholders(1, claimed.len())
        );
        let mut read = sqlx::query(&sql);
        for id in &claimed {
            read = read.bind(*id);
        }
        let slots = Arc::new(Semaphore::new(CONCURRENCY));
        let mut lookups = tokio::task::JoinSet::new();
        for row in read.fetch_all(&self.db.pool).await? {
            let claim = Claim {
                case_id: row.try_get("id")?,
                attempts: row.try_get("place_attempts")?,
                resident_id: row.try_get("resident_id")?,
                query: Query {
                    address: row.try_get("address")?,
                    zip: row.try_get("zip")?,
                    area_id: row.try_get("area_id")?,
                },
            };
            let worker = self.clone();
            let slots = slots.clone();
            lookups.spawn(async move {
                let _slot = slots.acquire_owned().await;
                let result = worker.geocoder.locate(&claim.query).await;
                (claim, result)
            });
        }
        let mut located = Vec::with_capacity(claimed.len());
        while let Some(joined) = lookups.join_next().await {
            match joined {
                Ok(done) => located.push(done),
                // The case's lease runs out and the sweep tries it again.
                Err(err) => tracing::error!(error = %err, "a geocoder task failed"),
            }
        }
        let index = if located
            .iter()
            .any(|(c, r)| c.query.area_id.is_none() && matches!(r, Ok(Some(_))))
        {
            Some(self.index().await?)
        } else {
            None
        };

        let mut tx = self.db.pool.begin().await?;
        for (claim, result) in located {
            let case_id = claim.case_id;
            let found = match result {
                Ok(found) => found,
                Err(GeocodeError::Database(err)) => {
                    tracing::error!(case_id, error = %err, "placing a case failed; the sweep retries it");
                    outcomes.push((case_id, Outcome::Retry));
                    continue;
                }
                Err(err) if claim.attempts + 1 < self.config.max_attempts => {
                    let wait = backoff(self.config.retry_after, claim.attempts);
                    tracing::warn!(case_id, attempt = claim.attempts + 1, retry_in_secs = wait.as_secs(), error = %err, "case not placed yet");
                    sqlx::query(
                        "UPDATE cases SET place_attempts = place_attempts + 1, place_after = $1 \
                         WHERE id = $2 AND placed_at IS NULL",
                    )
                    .bind(now + i64::try_from(wait.as_secs()).unwrap_or(3600))
                    .bind(case_id)
                    .execute(&mut *tx)
                    .await?;
                    outcomes.push((case_id, Outcome::Retry));
                    continue;
                }
                Err(err) => {
                    tracing::warn!(case_id, attempts = claim.attempts + 1, error = %err, "case cannot be located; placed without a point");
                    None
                }
            };
            let area = match (claim.query.area_id, found, &index) {
                (Some(chosen), _, _) => Some(chosen),
                (None, Some(f), Some(index)) => index.locate(f.point.lat, f.point.lon),
                _ => None,
            };
            let placed = finish(&mut tx, &claim, found, area, now).await?;
            if placed {
                tracing::info!(
                    case_id,
                    source = found.map_or("none", |f| f.source.code()),
                    area_id = area,
                    "case placed"
                );
            }
            let outcome = if placed {
                Outcome::Placed
            } else {
                Outcome::Skipped
            };
            outcomes.push((case_id, outcome));
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    /// Unplaced cases that are due (never claimed, or their lease or back-off has run out).
    pub async fn due(&self, now: i64) -> Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT id FROM cases WHERE placed_at IS NULL \
             AND (place_after IS NULL OR place_after <= $1) ORDER BY id LIMIT $2",
        )
        .bind(now)
        .bind(SWEEP_BATCH as i64)
        .fetch_all(&self.db.pool)
        .await
    }
}

/// A case this worker has claimed, with what its resident gave.
struct Claim {
    case_id: i64,
    attempts: i64,
    resident_id: i64,
    query: Query,
}

/// `$first, $first+1, ...`: `count` bind parameters for an `IN (...)` list.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Stores the point and area and marks the case placed, unless it already was.
async fn finish(
    tx: &mut sqlx::AnyConnection,
    claim: &Claim,
    found: Option<Found>,
    area: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE cases SET placed_at = $1, place_after = NULL, area_id = COALESCE(area_id, $2) \
         WHERE id = $3 AND placed_at IS NULL",
    )
    .bind(now)
    .bind(area)
    .bind(claim.case_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let (lat, lon) = found.map(|f| (f.point.lat, f.point.lon)).unzip();
    sqlx::query(
        "UPDATE residents SET lat = COALESCE($1, lat), lon = COALESCE($2, lon), \
         area_id = COALESCE(area_id, $3) WHERE id = $4",
    )
    .bind(lat)
    .bind(lon)
    .bind(area)
    .bind(claim.resident_id)
    .execute(&mut *tx)
    .await?;
    Ok(true)
}

/// The wait before retry number `attempts + 1`: doubling from `first`, at most an hour.
fn backoff(first: Duration, attempts: i64) -> Duration {
    let factor = 1u32 << attempts.clamp(0, 16);
    first.saturating_mul(factor).min(Duration::from_secs(3600))
}

/// Starts the worker on the current Tokio runtime. It holds the state weakly, so it ends when
/// the application's state is dropped.
pub(crate) fn start(state: Weak<AppStateInner>, queue: PlacerQueue, worker: Arc<Worker>) {
    tokio::spawn(run(state, queue.0, worker));
}

async fn run(state: Weak<AppStateInner>, mut rx: mpsc::Receiver<i64>, worker: Arc<Worker>) {
    let mut sweep = tokio::time::interval(worker.config.sweep_every);
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ids = Vec::new();
    loop {
        tokio::select! {
            n = rx.recv_many(&mut ids, BATCH) => {
                if n == 0 || place_and_hand_on(&worker, &state, &ids).await == Flow::Gone {
                    break;
                }
                ids.clear();
            }
            _ = sweep.tick() => {
                // Until nothing is due: a backlog (the queue overflowed, an outage ended) is
                // worked off now, not a batch per tick.
                loop {
                    let due = match worker.due(crate::db::now()).await {
                        Ok(due) => due,
                        Err(err) => {
                            tracing::error!(error = %err, "placement sweep failed");
                            break;
                        }
                    };
                    if due.is_empty() {
                        break;
                    }
                    tracing::info!(count = due.len(), "placing cases found by the sweep");
                    match place_and_hand_on(&worker, &state, &due).await {
                        Flow::Gone => return,
                        Flow::Failed => break,
                        Flow::Done if due.len() < SWEEP_BATCH => break,
                        Flow::Done => {}
                    }
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Done,
    /// A batch failed (the database, most likely): the sweep waits for its next tick.
    Failed,
    /// The application has stopped.
    Gone,
}

/// Places the cases and hands each one placed on.
async fn place_and_hand_on(worker: &Arc<Worker>, state: &Weak<AppStateInner>, ids: &[i64]) -> Flow {
    for batch in ids.chunks(BATCH) {
        match worker.place_batch(batch, crate::db::now()).await {
            Ok(outcomes) => {
                let Some(inner) = state.upgrade() else {
                    return Flow::Gone;
                };
                let state = AppState(inner);
                for (case_id, outcome) in outcomes {
                    if outcome == Outcome::Placed {
                        on_placed(&state, case_id).await;
                    }
                }
            }
            // Claimed cases are tried again when their lease runs out.
            Err(err) => {
                tracing::error!(error = %err, "placing cases failed");
                return Flow::Failed;
            }
        }
    }
    if state.strong_count() > 0 {
        Flow::Done
    } else {
        Flow::Gone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_an_hour() {
        let first = Duration::from_secs(60);
        let waits: Vec<u64> = (0..8).map(|a| backoff(first, a).as_secs()).collect();
        assert_eq!(waits, [60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(first, 1000).as_secs(), 3600);
    }
}
