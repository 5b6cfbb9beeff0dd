//! Placement: where each new request's resident is. Intake never waits for a geocoder; once a
//! request is committed its case id is handed to this worker (a task fed by a channel), which
//! geocodes the resident, stores the point, gives resident and case the area the point lies in
//! (when they did not choose one: a chosen area wins) and marks the case placed.
//!
//! The worker also sweeps for unplaced cases at start and every `sweep_every`, so a crash
//! between commit and placement, a full queue or a geocoder outage only delays placement.
//! Every instance sweeps: a case is claimed by a guarded UPDATE (a lease in `place_after`)
//! and placed by another (`WHERE placed_at IS NULL`), so two instances never both place it.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use sqlx::Row;
use tokio::sync::{mpsc, Semaphore};
use tokio::task::JoinHandle;

use super::geocode::{Found, GeocodeError, Geocoder, Query};
use super::AreaIndex;
use crate::config::PlacementConfig;
use crate::db::Db;

/// Case ids that may wait for the worker; beyond that, `notify` drops them and the next sweep
/// places them (a full queue must never slow an intake).
const QUEUE: usize = 4096;
/// Cases located and stored together.
const BATCH: usize = 256;
/// How long the worker lets newly stored requests gather before placing them.
const GATHER: Duration = Duration::from_millis(100);
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
/// point), after the placement is committed. The application decides what follows (see
/// `workers`: the case goes to a navigator when the auto-assignment rule allows).
pub type OnPlaced = Arc<
    dyn Fn(i64) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> + Send + Sync,
>;

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

    /// Claims the cases not yet placed nor claimed by another worker (a lease in
    /// `place_after`), then places them as `place_fresh` does. The sweep's way: another
    /// instance may be sweeping the same cases.
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
        let mut outcomes = self.locate_and_store(&claimed, now, true).await?;
        outcomes.extend(
            ids.iter()
                .filter(|id| !claimed.contains(id))
                .map(|id| (*id, Outcome::Skipped)),
        );
        Ok(outcomes)
    }

    /// Places cases just stored (never claimed, so the sweep leaves them alone for a while):
    /// locates them (at once, up to `CONCURRENCY`) and stores every result with one guarded
    /// UPDATE per table in one transaction, so placement adds one commit a batch to what
    /// SQLite's one write lock must carry.
    pub async fn place_fresh(
        self: &Arc<Self>,
        ids: &[i64],
        now: i64,
    ) -> Result<Vec<(i64, Outcome)>, sqlx::Error> {
        self.locate_and_store(ids, now, false).await
    }

    async fn locate_and_store(
        self: &Arc<Self>,
        ids: &[i64],
        now: i64,
        claimed: bool,
    ) -> Result<Vec<(i64, Outcome)>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT c.id, c.place_attempts, r.id AS resident_id, r.address, r.zip, r.area_id \
             FROM cases c JOIN residents r ON r.id = c.resident_id \
             WHERE c.placed_at IS NULL {} AND c.id IN ({})",
            if claimed {
                ""
            } else {
                "AND c.place_after IS NULL"
            },
            placeholders(1, ids.len())
        );
        let mut read = sqlx::query(&sql);
        for id in ids {
            read = read.bind(*id);
        }
        let mut outcomes: Vec<(i64, Outcome)> = Vec::with_capacity(ids.len());
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
        let mut located = Vec::with_capacity(ids.len());
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
        let mut results = Vec::with_capacity(located.len());
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
            results.push(Placement { claim, found, area });
        }
        let placed = finish(&mut tx, &results, now).await?;
        tx.commit().await?;
        for p in &results {
            let case_id = p.claim.case_id;
            if placed.contains(&case_id) {
                tracing::debug!(
                    case_id,
                    source = p.found.map_or("none", |f| f.source.code()),
                    area_id = p.area,
                    "case placed"
                );
                outcomes.push((case_id, Outcome::Placed));
            } else {
                outcomes.push((case_id, Outcome::Skipped));
            }
        }
        let read: Vec<i64> = outcomes.iter().map(|(id, _)| *id).collect();
        outcomes.extend(
            ids.iter()
                .filter(|id| !read.contains(id))
                .map(|id| (*id, Outcome::Skipped)),
        );
        Ok(outcomes)
    }

    /// Unplaced cases that are due: their lease or back-off has run out, or they were never
    /// claimed and are older than two sweeps (younger ones are with the worker intake handed
    /// them to, if it is still running).
    pub async fn due(&self, now: i64) -> Result<Vec<i64>, sqlx::Error> {
        let grace = i64::try_from(self.config.sweep_every.as_secs() * 2).unwrap_or(60);
        sqlx::query_scalar(
            "SELECT id FROM cases WHERE placed_at IS NULL \
             AND ((place_after IS NULL AND created_at <= $1) OR place_after <= $2) \
             ORDER BY id LIMIT $3",
        )
        .bind(now - grace)
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

/// A located case, ready to store.
struct Placement {
    claim: Claim,
    found: Option<Found>,
    area: Option<i64>,
}

/// Marks the cases placed (those not placed meanwhile by someone else) with their areas, and
/// stores their residents' points and areas: one statement per table. Returns the cases
/// placed now.
async fn finish(
    tx: &mut sqlx::AnyConnection,
    placements: &[Placement],
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    if placements.is_empty() {
        return Ok(Vec::new());
    }
    // CASE id WHEN $a THEN $b ...: each case's area, bound two parameters a case after $1.
    let whens: String = (0..placements.len())
        .map(|i| format!(" WHEN ${} THEN ${}", 2 + 2 * i, 3 + 2 * i))
        .collect();
    let ids: Vec<String> = (0..placements.len())
        .map(|i| format!("${}", 2 + 2 * i))
        .collect();
    let sql = format!(
        "UPDATE cases SET placed_at = $1, place_after = NULL, \
         area_id = COALESCE(area_id, CASE id{whens} END) \
         WHERE placed_at IS NULL AND id IN ({}) RETURNING id",
        ids.join(", ")
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(now);
    for p in placements {
        query = query.bind(p.claim.case_id).bind(p.area);
    }
    let placed = query.fetch_all(&mut *tx).await?;
    let residents: Vec<&Placement> = placements
        .iter()
        .filter(|p| placed.contains(&p.claim.case_id))
        .collect();
    if residents.is_empty() {
        return Ok(placed);
    }
    let arm = |column: usize| -> String {
        (0..residents.len())
            .map(|i| format!(" WHEN ${} THEN ${}", 1 + 4 * i, 1 + 4 * i + column))
            .collect()
    };
    let ids: Vec<String> = (0..residents.len())
        .map(|i| format!("${}", 1 + 4 * i))
        .collect();
    let sql = format!(
        "UPDATE residents SET lat = COALESCE(CASE id{} END, lat), \
         lon = COALESCE(CASE id{} END, lon), area_id = COALESCE(area_id, CASE id{} END) \
         WHERE id IN ({})",
        arm(1),
        arm(2),
        arm(3),
        ids.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for p in residents {
        let (lat, lon) = p.found.map(|f| (f.point.lat, f.point.lon)).unzip();
        query = query
            .bind(p.claim.resident_id)
            .bind(lat)
            .bind(lon)
            .bind(p.area);
    }
    query.execute(&mut *tx).await?;
    Ok(placed)
}

/// The wait before retry number `attempts + 1`: doubling from `first`, at most an hour.
fn backoff(first: Duration, attempts: i64) -> Duration {
    let factor = 1u32 << attempts.clamp(0, 16);
    first.saturating_mul(factor).min(Duration::from_secs(3600))
}

/// Starts the worker on the current Tokio runtime: it places the cases handed to it and, every
/// `sweep_every`, those no one placed, and hands each placed case to `on_placed`. It ends when
/// every `Placer` is dropped, or when aborted.
pub fn start(queue: PlacerQueue, worker: Arc<Worker>, on_placed: OnPlaced) -> JoinHandle<()> {
    tokio::spawn(run(queue.0, worker, on_placed))
}

async fn run(mut rx: mpsc::Receiver<i64>, worker: Arc<Worker>, on_placed: OnPlaced) {
    let mut sweep = tokio::time::interval(worker.config.sweep_every);
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ids = Vec::new();
    loop {
        tokio::select! {
            n = rx.recv_many(&mut ids, BATCH) => {
                if n == 0 {
                    break;
                }
                // Let a busy moment's requests gather: fewer, larger batches take SQLite's
                // write lock less often.
                if ids.len() < BATCH {
                    tokio::time::sleep(GATHER).await;
                    while ids.len() < BATCH {
                        match rx.try_recv() {
                            Ok(id) => ids.push(id),
                            Err(_) => break,
                        }
                    }
                }
                // A batch that failed is claimed again by the sweep when its lease runs out.
                place_and_hand_on(&worker, &on_placed, &ids, Source::Fresh).await;
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
                    match place_and_hand_on(&worker, &on_placed, &due, Source::Sweep).await {
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
}

/// Where case ids came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// Just stored, handed over by intake.
    Fresh,
    /// Found by the sweep, which other instances may be running too.
    Sweep,
}

/// Places the cases and hands each one placed on.
async fn place_and_hand_on(
    worker: &Arc<Worker>,
    on_placed: &OnPlaced,
    ids: &[i64],
    source: Source,
) -> Flow {
    for batch in ids.chunks(BATCH) {
        let now = crate::db::now();
        let outcomes = match source {
            Source::Fresh => worker.place_fresh(batch, now).await,
            Source::Sweep => worker.place_batch(batch, now).await,
        };
        match outcomes {
            Ok(outcomes) => {
                for (case_id, outcome) in outcomes {
                    if outcome == Outcome::Placed {
                        on_placed(case_id).await;
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
    Flow::Done
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
