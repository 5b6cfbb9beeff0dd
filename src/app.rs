//! The application: every feature's routes under one router with the layers every answer
//! goes through, the state they share, and `Application`, which binds an address (port 0 in
//! tests) and serves until a shutdown signal.

use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, StatusCode};
use axum::routing::get;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::areas::choices::AreaCache;
use crate::cases::CasesState;
use crate::config::Config;
use crate::db::cache::{CountCache, TtlCache};
use crate::db::Db;
use crate::equity::EquityState;
use crate::i18n::I18n;
use crate::intake::IntakeState;
use crate::maps::MapsState;
use crate::programs::matches::CatalogCache;
use crate::sms::SmsState;
use crate::textline::TextlineState;
use crate::voice::VoiceState;
use crate::web::Shared;
use crate::workers::Workers;
use crate::{
    audit, auth, calendar, cases, db, intake, maps, metrics, navigators, programs, siteday, sms,
    telemetry, textline, users, voice, web,
};

/// The largest request body we read; larger ones get `413`.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole application's state: what every route shares, each feature's own, and the
/// background tasks. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub shared: Shared,
    pub intake: IntakeState,
    pub cases: CasesState,
    pub sms: SmsState,
    pub maps: MapsState,
    pub textline: TextlineState,
    pub voice: VoiceState,
    /// The public equity dashboard (issue 19).
    pub equity: EquityState,
    /// Keeps the background tasks running while any clone lives.
    pub workers: Arc<Workers>,
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl AppState {
    /// Builds the state and starts the background tasks (see `workers`), so call it inside a
    /// Tokio runtime.
    pub fn new(db: Db, config: Config) -> anyhow::Result<Self> {
        let shared = Shared::new(db, config, Arc::new(I18n::load()?))?;
        let workers = Arc::new(Workers::start(&shared)?);
        let areas = Arc::new(AreaCache::new(Duration::from_secs(60)));
        let catalog = Arc::new(CatalogCache::new(Duration::from_secs(10)));
        Ok(Self {
            textline: TextlineState::start(
                shared.clone(),
                workers.outbox.clone(),
                workers.placer.clone(),
                areas.clone(),
            ),
            intake: IntakeState {
                shared: shared.clone(),
                writer: workers.intake.clone(),
                areas: areas.clone(),
                catalog: catalog.clone(),
            },
            cases: CasesState {
                shared: shared.clone(),
                areas,
                placer: workers.placer.clone(),
                outbox: workers.outbox.clone(),
                catalog,
                list_counts: Arc::new(CountCache::new(Duration::from_secs(5))),
                navigator_loads: Arc::new(crate::cases::LoadsCache::new(Duration::from_secs(5))),
            },
            sms: SmsState {
                shared: shared.clone(),
                outbox: workers.outbox.clone(),
            },
            maps: MapsState {
                shared: shared.clone(),
                map_areas: Arc::new(TtlCache::new(Duration::from_secs(60))),
            },
            voice: VoiceState {
                shared: shared.clone(),
                placer: workers.placer.clone(),
            },
            equity: EquityState::new(shared.clone()),
            shared,
            workers,
        })
    }
}

/// How often the rate limiters forget addresses they no longer hold back.
pub const LIMITER_SWEEP_EVERY: Duration = Duration::from_secs(60);

/// Every request that may change data (anything but GET and HEAD) moves the database's change
/// counter on once it is answered, so counts cached before it are not shown again.
async fn note_changes(
    axum::extract::State(state): axum::extract::State<Shared>,
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
    let shared = state.shared.clone();
    let router = Router::new()
        .merge(intake::router().with_state(state.intake))
        .merge(cases::router().with_state(state.cases))
        .merge(sms::webhooks::router().with_state(state.sms))
        .merge(textline::router().with_state(state.textline))
        .merge(maps::router().with_state(state.maps))
        .merge(voice::router().with_state(state.voice))
        .merge(crate::equity::router().with_state(state.equity))
        // Issue 19, part B: the public HSDS 3.0 API.
        .merge(
            crate::hsds_api::router().with_state(crate::hsds_api::HsdsState::new(shared.clone())),
        )
        .merge(
            Router::new()
                .merge(auth::router())
                .merge(audit::router())
                .merge(navigators::router())
                .merge(programs::router())
                // Sites, office hours and closures (issue 17).
                .merge(crate::sites::router())
                .merge(users::router())
                // Issue 17, part C: calendar feeds, and each site's day.
                .merge(calendar::router())
                .merge(siteday::router())
                .merge(crate::appointments::router())
                // Issue 18, part A: the device inventory.
                .merge(crate::devices::router())
                .route("/assets/{name}", get(web::assets::serve))
                .route("/healthz", get(|| async { "ok" }))
                .route("/readyz", get(readyz))
                .with_state(shared.clone()),
        );
    let state = shared;

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
    if state.config.metrics_addr.is_some() {
        router.layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
    } else {
        router
    }
}

/// `GET /readyz`: ready when the database answers.
async fn readyz(State(state): State<Shared>) -> (StatusCode, &'static str) {
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
            let router = metrics::router(self.state.metrics.clone(), self.state.db.clone());
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
