//! A small read-through cache for data every page shows and that may be a few seconds old
//! (area names, navigators with their loads). Each app instance has its own; nothing here may
//! decide a permission or a write.

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct TtlCache<T> {
    ttl: Duration,
    cached: RwLock<Option<(Instant, u64, Arc<T>)>>,
}

impl<T> TtlCache<T> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            cached: RwLock::new(None),
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
        if let Ok(cached) = self.cached.read() {
            if let Some((_, _, value)) = cached
                .as_ref()
                .filter(|(at, made, _)| *made == generation && at.elapsed() < self.ttl)
            {
                return Ok(value.clone());
            }
        }
        let value = Arc::new(load().await?);
        if let Ok(mut cached) = self.cached.write() {
            *cached = Some((Instant::now(), generation, value.clone()));
        }
        Ok(value)
    }

    /// Forgets the value: the next `get` loads it again (after a change made here).
    pub fn clear(&self) {
        if let Ok(mut cached) = self.cached.write() {
            *cached = None;
        }
    }
}

/// Counts of long lists (a supervisor's filtered cases), reused for a few seconds as long as
/// nothing changed through this app instance. A change made on another instance shows in the
/// count within the TTL; the list itself is always read fresh.
#[derive(Debug)]
pub struct CountCache {
    ttl: Duration,
    entries: std::sync::Mutex<std::collections::HashMap<String, (Instant, u64, i64)>>,
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
        if let Ok(entries) = self.entries.lock() {
            if let Some((at, made_at, count)) = entries.get(&key) {
                if *made_at == generation && at.elapsed() < self.ttl {
                    return Ok(*count);
                }
            }
        }
        let count = load().await?;
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_COUNTS {
                entries.clear();
            }
            entries.insert(key, (Instant::now(), generation, count));
        }
        Ok(count)
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
