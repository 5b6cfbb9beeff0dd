//! A small read-through cache for data every page shows and that may be a few seconds old
//! (area names, navigators with their loads). Each app instance has its own; nothing here may
//! decide a permission or a write.

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct TtlCache<T> {
    ttl: Duration,
    cached: RwLock<Option<(Instant, Arc<T>)>>,
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
        if let Ok(cached) = self.cached.read() {
            if let Some((_, value)) = cached.as_ref().filter(|(at, _)| at.elapsed() < self.ttl) {
                return Ok(value.clone());
            }
        }
        let value = Arc::new(load().await?);
        if let Ok(mut cached) = self.cached.write() {
            *cached = Some((Instant::now(), value.clone()));
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
}
