//! What every route shares: the database, the configuration, translations, assets, cached
//! pages, the per-address rate limits, the audit writer and the metrics. Features that need
//! more (a writer task, a cache of their own) keep it in a state of their own that holds this
//! one, and the application builds each (see `app`).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::assets::Assets;
use super::pages::PageCache;
use crate::config::Config;
use crate::db::audit::writer::AuditWriter;
use crate::db::Db;
use crate::i18n::I18n;
use crate::metrics::Metrics;

/// How long the cached pages (the landing page, the empty form) are kept.
const PAGE_TTL: Duration = Duration::from_secs(60);

/// Cheap to clone: one `Arc`.
#[derive(Clone)]
pub struct Shared(Arc<SharedInner>);

pub struct SharedInner {
    pub db: Db,
    pub config: Config,
    pub i18n: Arc<I18n>,
    pub assets: Assets,
    pub pages: PageCache,
    /// Status look-ups per client address (`NAVDESK_STATUS_BURST`, refilled slowly).
    pub status_limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Requests for help per client address (`NAVDESK_HELP_RATE`).
    pub help_limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Provider webhooks per client address (`NAVDESK_WEBHOOK_RATE`).
    pub webhook_limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Public HSDS API requests per client address (`NAVDESK_API_RATE`).
    pub api_limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Records who viewed which resident's data, many views to a commit.
    pub audit: AuditWriter,
    /// What `GET /metrics` on the metrics listener shows (see `metrics`).
    pub metrics: Arc<Metrics>,
}

impl Deref for Shared {
    type Target = SharedInner;
    fn deref(&self) -> &SharedInner {
        &self.0
    }
}

impl Shared {
    /// Starts the audit writer, so call it inside a Tokio runtime.
    pub fn new(db: Db, config: Config, i18n: Arc<I18n>) -> anyhow::Result<Self> {
        let burst = NonZeroU32::new(config.status_burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let status = Quota::with_period(Duration::from_secs(config.status_refill_secs.max(1)))
            .ok_or_else(|| anyhow::anyhow!("bad status rate limit"))?
            .allow_burst(burst);
        Ok(Self(Arc::new(SharedInner {
            status_limiter: RateLimiter::keyed(status),
            help_limiter: RateLimiter::keyed(config.help_rate.quota()),
            webhook_limiter: RateLimiter::keyed(config.webhook_rate.quota()),
            api_limiter: RateLimiter::keyed(config.api_rate.quota()),
            audit: AuditWriter::start(db.clone()),
            metrics: Arc::new(Metrics::new()),
            assets: Assets::load(),
            pages: PageCache::new(PAGE_TTL),
            db,
            config,
            i18n,
        })))
    }

    /// Every per-address rate limiter.
    pub fn limiters(&self) -> [&DefaultKeyedRateLimiter<IpAddr>; 4] {
        [
            &self.status_limiter,
            &self.help_limiter,
            &self.webhook_limiter,
            &self.api_limiter,
        ]
    }

    /// Forgets addresses whose allowance is full again and gives the memory back, so the
    /// limiters stay small however many addresses pass.
    pub fn sweep_limiters(&self) {
        for limiter in self.limiters() {
            super::sweep(limiter);
        }
    }
}
