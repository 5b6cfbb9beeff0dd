//! navdesk: a multilingual help desk for a city's digital navigator program.
//!
//! `app(state)` is the whole web application as a router; `Application` binds it to a port
//! (port 0 in tests) and serves it until a shutdown signal.
#![forbid(unsafe_code)]

pub mod areas;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod cli;
pub mod config;
pub mod datacare;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod intake;
pub mod maps;
pub mod matching;
pub mod metrics;
pub mod navigators;
pub mod programs;
pub mod seed;
pub mod sms;
pub mod telemetry;
pub mod users;
pub mod web;

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, StatusCode};
use axum::routing::get;
use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use config::Config;
use db::Db;
use i18n::I18n;
use web::assets::Assets;
use web::pages::PageCache;

/// The largest request body we read; larger ones get `413`.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<AppStateInner>);

pub struct AppStateInner {
    pub db: Db,
    pub config: Config,
    pub i18n: Arc<I18n>,
    pub assets: Assets,
    pub pages: PageCache,
    pub status_limiter: DefaultKeyedRateLimiter<std::net::IpAddr>,
    /// Requests for help per client address (`NAVDESK_HELP_RATE`).
    pub help_limiter: DefaultKeyedRateLimiter<std::net::IpAddr>,
    /// Provider webhooks per client address (`NAVDESK_WEBHOOK_RATE`).
    pub webhook_limiter: DefaultKeyedRateLimiter<std::net::IpAddr>,
    pub intake: intake::writer::IntakeWriter,
    /// Wakes the text worker when a text is stored.
    pub outbox: sms::worker::Outbox,
    /// Locates each stored request afterwards (see `areas::placement`).
    pub placer: areas::placement::Placer,
    pub audit: audit::writer::AuditWriter,
    pub areas: intake::store::AreaCache,
    /// Active navigators with their loads, as the reassignment lists show them.
    pub navigator_choices: db::cache::TtlCache<Vec<cases::store::NavigatorChoice>>,
    /// Active programs prepared for eligibility, a few seconds old at most and made again
    /// after any change through this instance.
    pub programs: db::cache::TtlCache<programs::matches::Catalog>,
    /// Counts of supervisors' case lists, a few seconds old at most.
    pub list_counts: db::cache::CountCache,
    /// The areas' shapes, and as the service-gap map draws them (projected and simplified).
    pub map_areas: db::cache::TtlCache<maps::views::MapAreas>,
    /// What `GET /metrics` on the metrics listener shows (see `metrics`).
    pub metrics: Arc<metrics::Metrics>,
}

impl Deref for AppState {
    type Target = AppStateInner;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl AppState {
    /// Builds the state; starts the request writer and the placement worker, so call it inside
    /// a Tokio runtime.
    pub fn new(db: Db, config: Config) -> anyhow::Result<Self> {
        let burst = NonZeroU32::new(config.status_burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(Duration::from_secs(config.status_refill_secs.max(1)))
            .ok_or_else(|| anyhow::anyhow!("bad status rate limit"))?
            .allow_burst(burst);
        let transport = sms::client::transport_from_config(&config.sms)?;
        let i18n = Arc::new(I18n::load()?);
        let metrics = Arc::new(metrics::Metrics::new());
        let worker = sms::worker::WorkerConfig {
            sender: config.sms.from.clone().unwrap_or_else(|| "log".into()),
            status_callback: Some(format!("{}/sms/status", config.public_url)),
            results: metrics.texts.clone(),
            ..sms::worker::WorkerConfig::new(&config)
        };
        let outbox = sms::worker::start(db.clone(), transport, worker);
        maps::stats::start(db.clone(), Duration::from_secs(30));
        datacare::start(db.clone(), config.retention);
        sms::followups::start(
            db.clone(),
            i18n.clone(),
            config.followups.clone(),
            outbox.clone(),
        );
        let confirmations = intake::writer::Confirmations {
            i18n: i18n.clone(),
            status_url: format!("{}/status", config.public_url),
            outbox: outbox.clone(),
        };
        let geocoder = areas::geocode::from_config(&config.placement, db.clone())?;
        let placing = areas::placement::Worker::new(db.clone(), geocoder, config.placement.clone());
        let (placer, placer_queue) = areas::placement::Placer::channel();
        let inner = Arc::new(AppStateInner {
            intake: intake::writer::IntakeWriter::start_with(
                db.clone(),
                Some(placer.clone()),
                Some(confirmations),
                Some(metrics.intake_batches.clone()),
            ),
            outbox,
            placer,
            audit: audit::writer::AuditWriter::start(db.clone()),
            areas: intake::store::AreaCache::new(Duration::from_secs(60)),
            navigator_choices: db::cache::TtlCache::new(Duration::from_secs(10)),
            list_counts: db::cache::CountCache::new(Duration::from_secs(5)),
            programs: db::cache::TtlCache::new(Duration::from_secs(10)),
            map_areas: db::cache::TtlCache::new(Duration::from_secs(60)),
            db,
            i18n,
            assets: Assets::load(),
            pages: PageCache::new(Duration::from_secs(60)),
            status_limiter: RateLimiter::keyed(quota),
            metrics,
            help_limiter: RateLimiter::keyed(config.help_rate.quota()),
            webhook_limiter: RateLimiter::keyed(config.webhook_rate.quota()),
            config,
        });
        areas::placement::start(Arc::downgrade(&inner), placer_queue, placing);
        Ok(Self(inner))
    }

    /// Every per-address rate limiter.
    pub fn limiters(&self) -> [&DefaultKeyedRateLimiter<std::net::IpAddr>; 3] {
        [
            &self.status_limiter,
            &self.help_limiter,
            &self.webhook_limiter,
        ]
    }

    /// Forgets addresses whose allowance is full again and gives the memory back, so the
    /// limiters stay small however many addresses pass.
    pub fn sweep_limiters(&self) {
        for limiter in self.limiters() {
            web::sweep(limiter);
        }
    }
}

/// How often the rate limiters forget addresses they no longer hold back.
pub const LIMITER_SWEEP_EVERY: Duration = Duration::from_secs(60);

/// Every request that may change data (anything but GET and HEAD) moves the database's change
/// counter on once it is answered, so counts cached before it are not shown again.
async fn note_changes(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let reads_only = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let response = next.run(request).await;
    if !reads_only {
        state.db.note_change();
    }
    response
}

/// The whole application: every route and every layer.
pub fn app(state: AppState) -> Router {
    let x_request_id = HeaderName::from_static("x-request-id");
    let router = Router::new()
        .merge(intake::router())
        .merge(auth::router())
        .merge(cases::router())
        .merge(audit::router())
        .merge(navigators::router())
        .merge(programs::router())
        .merge(users::router())
        .merge(sms::webhooks::router())
        .merge(maps::router())
        .route("/assets/{name}", get(web::assets::serve))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz));

    let https = state.config.public_url.starts_with("https://");
    let router = router
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    web::pages::language_and_error_pages,
                ))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    note_changes,
                ))
                .layer(CatchPanicLayer::new())
                .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(
                    x_request_id.clone(),
                    MakeRequestUuid,
                ))
                .layer(telemetry::trace_layer())
                .layer(PropagateRequestIdLayer::new(x_request_id))
                // Pages are small and made per request: the fastest level saves most of the bytes
                // for a fraction of the time.
                .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest)),
        );
    // Outside the rest, so that every answer carries them: error pages drawn by the middleware
    // above, 413 from the body limit, 500 from a caught panic.
    let router = web::pages::security_headers(https)
        .into_iter()
        .fold(router, |r, (name, value)| {
            r.layer(SetResponseHeaderLayer::if_not_present(name, value))
        });
    // Outermost, so the time counted is the whole answer's; a layer on the router still sees
    // the route template it matched. Only when someone can read the figures.
    let router = if state.config.metrics_addr.is_some() {
        router.layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
    } else {
        router
    };
    router.with_state(state)
}

/// `GET /readyz`: ready when the database answers.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&state.db.pool).await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// A bound server, ready to run: tests build one on port 0 and read its address.
pub struct Application {
    listener: tokio::net::TcpListener,
    /// `GET /metrics`, on its own address (`NAVDESK_METRICS_ADDR`), when configured.
    metrics_listener: Option<tokio::net::TcpListener>,
    state: AppState,
}

impl Application {
    /// Opens (and migrates) the database and binds the address.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = db::open(&config.database_url).await?;
        Self::with_db(config, db).await
    }

    pub async fn with_db(mut config: Config, db: Db) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| anyhow::anyhow!("could not listen on {}: {e}", config.addr))?;
        let metrics_listener = match config.metrics_addr {
            Some(addr) => Some(
                tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|e| anyhow::anyhow!("could not listen for metrics on {addr}: {e}"))?,
            ),
            None => None,
        };
        if config.public_url.is_empty() {
            config.public_url = format!("http://{}", listener.local_addr()?);
        }
        let state = AppState::new(db, config)?;
        Ok(Self {
            listener,
            metrics_listener,
            state,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| self.state.config.addr)
    }

    /// Where `GET /metrics` is served, when a metrics address is configured.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let limiter_state = self.state.clone();
        let sweeper = tokio::spawn(async move {
            let mut every = tokio::time::interval(LIMITER_SWEEP_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                limiter_state.sweep_limiters();
            }
        });
        // The metrics listener stops after the main one has finished its requests, so a
        // scrape can still watch the drain.
        let (stop_metrics, metrics_stopped) = tokio::sync::oneshot::channel::<()>();
        let metrics_server = self.metrics_listener.map(|listener| {
            let router = metrics::router(self.state.clone());
            tokio::spawn(async move {
                axum::serve(listener, router)
                    .with_graceful_shutdown(async move {
                        let _ = metrics_stopped.await;
                    })
                    .await
            })
        });
        let app = app(self.state).into_make_service_with_connect_info::<SocketAddr>();
        let result = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await;
        sweeper.abort();
        let _ = stop_metrics.send(());
        if let Some(server) = metrics_server {
            match server.await {
                Ok(Err(err)) => tracing::warn!(error = %err, "metrics listener failed"),
                Err(err) => tracing::warn!(error = %err, "metrics listener task failed"),
                Ok(Ok(())) => {}
            }
        }
        result.map_err(Into::into)
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
