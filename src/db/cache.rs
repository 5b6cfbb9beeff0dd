//! A small read-through cache for data every page shows and that may be a few seconds old
//! (area names, navigators with their loads, the public equity figures). Each app instance has
//! its own; nothing here may decide a permission or a write.
//!
//! A value is made by one request at a time: when there is none yet (or a change made the one
//! kept unusable), the first request makes it and the others wait for its answer rather than
//! each asking the database the same. When a value has only grown older than its TTL, one
//! request makes it again while the others go on with the old one for those few milliseconds:
//! otherwise every page asked during the remake would wait for it, and a slow remake (the
//! navigators' loads over 100,000 cases) would stall a whole desk's worth of pages every few
//! seconds. `get_or_remake_behind` goes further for values that take long to make (the equity
//! figures over a million cases): the remake runs in the background and no request waits for it.
//! A change through this instance (`Db::changes`) is never served stale: the next request makes
//! the value again.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct TtlCache<T> {
    ttl: Duration,
    cached: RwLock<Option<(Instant, u64, Arc<T>)>>,
    /// A request (or a background task) is making an outgrown value again.
    remaking: Arc<AtomicBool>,
    /// Held while a value is made from nothing, so that one request makes it.
    making: tokio::sync::Mutex<()>,
}

/// Clears the remaking flag however the remake ends (an error, or the request dropped).
struct Remaking(Arc<AtomicBool>);

impl Drop for Remaking {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

/// What the cache holds for a generation.
enum Kept<T> {
    Fresh(Arc<T>),
    /// Outgrown, and this request is the one to make it again.
    Remake(Arc<T>, Remaking),
    /// Outgrown, and another request is making it again.
    Old(Arc<T>),
    Nothing,
}

impl<T> TtlCache<T> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            cached: RwLock::new(None),
            remaking: Arc::new(AtomicBool::new(false)),
            making: tokio::sync::Mutex::new(()),
        }
    }

    fn kept(&self, generation: u64) -> Kept<T> {
        let Ok(cached) = self.cached.read() else {
            return Kept::Nothing;
        };
        match cached.as_ref().filter(|(_, made, _)| *made == generation) {
            None => Kept::Nothing,
            Some((at, _, value)) if at.elapsed() < self.ttl => Kept::Fresh(value.clone()),
            Some((_, _, value)) => {
                if self.remaking.swap(true, Ordering::AcqRel) {
                    Kept::Old(value.clone())
                } else {
                    Kept::Remake(value.clone(), Remaking(self.remaking.clone()))
                }
            }
        }
    }

    /// Keeps `value`, unless a value of a later generation is kept already (a slow remake
    /// that ends after a change).
    fn keep(&self, generation: u64, value: &Arc<T>) {
        if let Ok(mut cached) = self.cached.write() {
            if cached
                .as_ref()
                .is_none_or(|(_, kept, _)| *kept <= generation)
            {
                *cached = Some((Instant::now(), generation, value.clone()));
            }
        }
    }

    /// The cached value while it is younger than the TTL, else a fresh one from `load`.
    pub async fn get<F, Fut, E>(&self, load: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        self.get_at(0, load).await
    }

    /// Like `get`, but a value made at another `generation` (see `Db::changes`) is made again.
    pub async fn get_at<F, Fut, E>(&self, generation: u64, load: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        match self.kept(generation) {
            Kept::Fresh(value) | Kept::Old(value) => Ok(value),
            Kept::Remake(_, _remaking) => {
                let value = Arc::new(load().await?);
                self.keep(generation, &value);
                Ok(value)
            }
            Kept::Nothing => self.make(generation, load).await,
        }
    }

    /// Makes the value for `generation` from nothing, one request at a time: those that waited
    /// take the value the one before them made.
    async fn make<F, Fut, E>(&self, generation: u64, load: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let _making = self.making.lock().await;
        if let Kept::Fresh(value) | Kept::Old(value) | Kept::Remake(value, _) =
            self.kept(generation)
        {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        self.keep(generation, &value);
        Ok(value)
    }

    /// Forgets the value: the next `get` loads it again (after a change made here).
    pub fn clear(&self) {
        if let Ok(mut cached) = self.cached.write() {
            *cached = None;
        }
    }
}

impl<T: Send + Sync + 'static> TtlCache<T> {
    /// Like `get_at`, but an outgrown value is made again in the background: every request
    /// answers with the value kept, and only the first request of a new generation waits.
    /// A background remake that fails is logged, and the next request tries again.
    pub async fn get_or_remake_behind<F, Fut, E>(
        self: &Arc<Self>,
        generation: u64,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
        E: std::fmt::Display + Send + 'static,
    {
        match self.kept(generation) {
            Kept::Fresh(value) | Kept::Old(value) => Ok(value),
            Kept::Remake(value, remaking) => {
                let cache = self.clone();
                tokio::spawn(async move {
                    let _remaking = remaking;
                    match load().await {
                        Ok(made) => cache.keep(generation, &Arc::new(made)),
                        Err(err) => {
                            tracing::warn!(error = %err, "a cached value could not be made again")
                        }
                    }
                });
                Ok(value)
            }
            Kept::Nothing => self.make(generation, load).await,
        }
    }
}

/// Counts of long lists (a supervisor's filtered cases), reused for a few seconds as long as
/// nothing changed through this app instance. A change made on another instance shows in the
/// count within the TTL; the list itself is always read fresh. An outgrown count is counted
/// again by one request while the others keep the old one, as in `TtlCache`.
#[derive(Debug)]
pub struct CountCache {
    ttl: Duration,
    entries: std::sync::Mutex<std::collections::HashMap<String, CountEntry>>,
}

#[derive(Debug)]
struct CountEntry {
    at: Instant,
    generation: u64,
    count: i64,
    /// A request is counting this list again.
    recounting: bool,
}

/// Different lists counted at once, at most; past it the cache starts again empty.
const MAX_COUNTS: usize = 4096;

impl CountCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Default::default(),
        }
    }

    /// The count for `key`, cached while younger than the TTL and made at the same
    /// `generation` (see `Db::changes`), else a fresh one from `load`.
    pub async fn get<F, Fut, E>(&self, key: String, generation: u64, load: F) -> Result<i64, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<i64, E>>,
    {
        if let Ok(mut entries) = self.entries.lock() {
            if let Some(entry) = entries.get_mut(&key) {
                if entry.generation == generation {
                    if entry.at.elapsed() < self.ttl || entry.recounting {
                        return Ok(entry.count);
                    }
                    entry.recounting = true;
                }
            }
        }
        let counted = load().await;
        if let Ok(mut entries) = self.entries.lock() {
            match counted {
                Ok(count) => {
                    if entries.len() >= MAX_COUNTS {
                        entries.clear();
                    }
                    let entry = CountEntry {
                        at: Instant::now(),
                        generation,
                        count,
                        recounting: false,
                    };
                    entries.insert(key, entry);
                }
                Err(_) => {
                    if let Some(entry) = entries.get_mut(&key) {
                        entry.recounting = false;
                    }
                }
            }
        }
        counted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn loads_once_within_the_ttl_and_again_after_clear() {
        let cache = TtlCache::new(Duration::from_secs(60));
        let mut loads = 0;
        for _ in 0..3 {
            let v = cache
                .get(|| {
                    loads += 1;
                    async { Ok::<_, ()>(7) }
                })
                .await
                .unwrap();
            assert_eq!(*v, 7);
        }
        assert_eq!(loads, 1);
        cache.clear();
        cache.get(|| async { Ok::<_, ()>(8) }).await.unwrap();
        assert_eq!(*cache.get(|| async { Ok::<_, ()>(9) }).await.unwrap(), 8);
    }

    #[tokio::test]
    async fn an_outgrown_value_is_made_again_by_one_request_while_others_keep_it() {
        let cache = TtlCache::new(Duration::ZERO);
        assert_eq!(*cache.get(|| async { Ok::<_, ()>(1) }).await.unwrap(), 1);
        // A slow remake in flight: a request meanwhile gets the old value without waiting.
        let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
        let (finish_tx, finish_rx) = tokio::sync::oneshot::channel::<()>();
        let remake = cache.get(|| async move {
            started_tx.send(()).unwrap();
            finish_rx.await.unwrap();
            Ok::<_, ()>(2)
        });
        let other = async {
            started_rx.await.unwrap();
            let seen = *cache.get(|| async { Ok::<_, ()>(99) }).await.unwrap();
            finish_tx.send(()).unwrap();
            seen
        };
        let (remade, seen) = tokio::join!(remake, other);
        assert_eq!(
            *remade.unwrap(),
            2,
            "the remaking request gets the new value"
        );
        assert_eq!(
            seen, 1,
            "the other kept the old one while it was being made"
        );
        // Once made, and the remake over, the next outgrown read makes it again.
        assert_eq!(*cache.get(|| async { Ok::<_, ()>(3) }).await.unwrap(), 3);
        // A failed remake leaves the way open for the next request.
        assert!(cache.get(|| async { Err::<i32, _>(()) }).await.is_err());
        assert_eq!(*cache.get(|| async { Ok::<_, ()>(4) }).await.unwrap(), 4);
        // A change is never served stale, even while a remake is running elsewhere.
        assert_eq!(
            *cache.get_at(1, || async { Ok::<_, ()>(5) }).await.unwrap(),
            5
        );
    }

    #[tokio::test]
    async fn a_value_is_made_from_nothing_by_one_request_while_the_others_wait() {
        let cache = TtlCache::new(Duration::from_secs(60));
        let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
        let (finish_tx, finish_rx) = tokio::sync::oneshot::channel::<()>();
        let first = cache.get_at(3, || async move {
            started_tx.send(()).unwrap();
            finish_rx.await.unwrap();
            Ok::<_, ()>(1)
        });
        let others = async {
            started_rx.await.unwrap();
            // Polled first by `join!`, so it is waiting for the first one's answer when that is
            // let go.
            let (second, ()) = tokio::join!(cache.get_at(3, || async { Ok::<_, ()>(99) }), async {
                finish_tx.send(()).unwrap();
            });
            second
        };
        let (first, second) = tokio::join!(first, others);
        assert_eq!(*first.unwrap(), 1);
        assert_eq!(*second.unwrap(), 1, "took the first request's value");
        // A failure is not kept: the next request makes it.
        let empty = TtlCache::<i32>::new(Duration::from_secs(60));
        assert!(empty.get(|| async { Err::<i32, _>("down") }).await.is_err());
        assert_eq!(*empty.get(|| async { Ok::<_, &str>(5) }).await.unwrap(), 5);
    }

    /// Waits until the background remake has ended (its value kept, or its error logged).
    async fn remake_over<T>(cache: &TtlCache<T>) {
        let over = async {
            while cache.remaking.load(Ordering::Acquire) {
                tokio::task::yield_now().await;
            }
        };
        tokio::time::timeout(Duration::from_secs(30), over)
            .await
            .expect("the background remake ends");
    }

    #[tokio::test]
    async fn a_slow_value_is_made_again_in_the_background() {
        let cache = Arc::new(TtlCache::new(Duration::ZERO));
        let made = cache
            .get_or_remake_behind(1, || async { Ok::<_, String>(1) })
            .await;
        assert_eq!(*made.unwrap(), 1, "the first request makes it and waits");
        let (finish_tx, finish_rx) = tokio::sync::oneshot::channel::<()>();
        let old = cache
            .get_or_remake_behind(1, || async move {
                finish_rx.await.unwrap();
                Ok::<_, String>(2)
            })
            .await;
        assert_eq!(*old.unwrap(), 1, "answered at once with the value kept");
        let meanwhile = cache
            .get_or_remake_behind(1, || async { Ok::<_, String>(99) })
            .await;
        assert_eq!(*meanwhile.unwrap(), 1, "one remake at a time");
        finish_tx.send(()).unwrap();
        remake_over(&cache).await;
        let kept = cache.cached.read().unwrap().as_ref().map(|k| *k.2);
        assert_eq!(kept, Some(2), "kept for the next request");
        // A failed remake keeps the old value and lets the next request try again.
        let failed = cache
            .get_or_remake_behind(1, || async { Err::<i32, _>("down".to_string()) })
            .await;
        assert_eq!(*failed.unwrap(), 2);
        remake_over(&cache).await;
        // A new generation is never answered with the old value.
        let changed = cache
            .get_or_remake_behind(2, || async { Ok::<_, String>(7) })
            .await;
        assert_eq!(*changed.unwrap(), 7);
    }

    #[tokio::test]
    async fn an_outgrown_count_is_counted_again_by_one_request() {
        let cache = CountCache::new(Duration::ZERO);
        assert_eq!(
            cache.get("a".into(), 0, || async { Ok::<_, ()>(1) }).await,
            Ok(1)
        );
        let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
        let (finish_tx, finish_rx) = tokio::sync::oneshot::channel::<()>();
        let recount = cache.get("a".into(), 0, || async move {
            started_tx.send(()).unwrap();
            finish_rx.await.unwrap();
            Ok::<_, ()>(2)
        });
        let other = async {
            started_rx.await.unwrap();
            let seen = cache.get("a".into(), 0, || async { Ok::<_, ()>(99) }).await;
            let changed = cache.get("a".into(), 1, || async { Ok::<_, ()>(7) }).await;
            finish_tx.send(()).unwrap();
            (seen, changed)
        };
        let (recounted, (seen, changed)) = tokio::join!(recount, other);
        assert_eq!(recounted, Ok(2));
        assert_eq!(seen, Ok(1), "kept the old count while it was counted again");
        assert_eq!(changed, Ok(7), "a change is counted, not served stale");
    }

    #[tokio::test]
    async fn counts_are_reused_until_a_change_or_the_ttl() {
        let cache = CountCache::new(Duration::from_secs(60));
        let load = |n: i64| move || async move { Ok::<_, ()>(n) };
        assert_eq!(cache.get("a".into(), 0, load(1)).await, Ok(1));
        assert_eq!(cache.get("a".into(), 0, load(2)).await, Ok(1), "reused");
        assert_eq!(
            cache.get("b".into(), 0, load(3)).await,
            Ok(3),
            "another list"
        );
        assert_eq!(
            cache.get("a".into(), 1, load(4)).await,
            Ok(4),
            "a change: counted again"
        );
        let short = CountCache::new(Duration::ZERO);
        assert_eq!(short.get("a".into(), 0, load(5)).await, Ok(5));
        assert_eq!(
            short.get("a".into(), 0, load(6)).await,
            Ok(6),
            "too old: counted again"
        );
        let err: Result<i64, &str> = cache.get("c".into(), 0, || async { Err("down") }).await;
        assert_eq!(err, Err("down"), "a failed count is not cached");
        assert_eq!(cache.get("c".into(), 0, load(7)).await, Ok(7));
    }
}
