//! Prometheus metrics, served on a listener of their own (`NAVDESK_METRICS_ADDR`), never on the
//! public one: request rates and latencies by route, the outbox's depth, texts by result, and
//! the database pool.
//!
//! Kept per application (no global registry), so tests running several apps in one process
//! each read their own figures. Counters and histograms live in `Metrics` and are updated where
//! things happen (the `track` middleware, the text worker); what the database knows (the
//! outbox) is read at scrape time by one bounded query.

use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use sqlx::Row;

use crate::db::Db;

/// What `GET /metrics` answers with: OpenMetrics text, which Prometheus reads natively.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Request durations, seconds: 1 ms to 10 s.
const DURATION_BUCKETS: [f64; 13] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// How long the scrape's outbox query may take before the scrape goes on without it.
const OUTBOX_QUERY_TIMEOUT: Duration = Duration::from_secs(5);

/// The statuses of texts still in the outbox (waiting, or claimed by a worker): the outbox's
/// depth. Later statuses (`queued`, `sent`, `delivered`, ...) are history that grows without
/// bound; `navdesk_texts_total` counts how texts leave the outbox instead.
pub const OUTBOX_STATUSES: [&str; 2] = ["scheduled", "sending"];

/// A request's route: the template axum matched (`/cases/{id}`, never the path itself, so
/// the number of series stays bounded), or none.
#[derive(Clone, Debug)]
pub enum Route {
    Template(MatchedPath),
    Unmatched,
}

impl Route {
    pub fn as_str(&self) -> &str {
        match self {
            Route::Template(path) => path.as_str(),
            Route::Unmatched => "unmatched",
        }
    }
}

impl PartialEq for Route {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Route {}

impl Hash for Route {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.as_str(), encoder)
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: Route,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: Route,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabel {
    status: &'static str,
}

/// A method as a label without allocating: the standard ones by name, anything else "other".
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// What became of a text the worker handled (`navdesk_texts_total{status}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextResult {
    /// The provider took it (or, for a text whose worker died mid-send, already had it).
    Sent,
    /// A temporary failure (429, 5xx, timeout): tried again later.
    Retry,
    /// Not sent, for good: a permanent error, or every retry used.
    Failed,
    /// Not sent: the resident opted out before its turn.
    Cancelled,
    /// Held back, not tried: quiet hours, or the sender's rate.
    Deferred,
}

impl TextResult {
    pub fn code(self) -> &'static str {
        match self {
            TextResult::Sent => "sent",
            TextResult::Retry => "retry",
            TextResult::Failed => "failed",
            TextResult::Cancelled => "cancelled",
            TextResult::Deferred => "deferred",
        }
    }
}

/// Counts texts by result; cheap to clone (the text worker keeps one). A default one counts
/// into nothing anyone reads (for workers started outside an application, as in tests).
#[derive(Clone, Debug, Default)]
pub struct TextResults(Family<StatusLabel, Counter>);

impl TextResults {
    pub fn record(&self, result: TextResult) {
        self.0
            .get_or_create(&StatusLabel {
                status: result.code(),
            })
            .inc();
    }
}

/// One application's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// Texts handled by this instance's worker, by result.
    pub texts: TextResults,
    /// Requests stored together in one transaction by the intake writer.
    pub intake_batches: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("navdesk");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route template and status code",
            requests.clone(),
        );
        let durations: Family<RouteLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(|| Histogram::new(DURATION_BUCKETS));
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request (until the response head), by method and route template",
            durations.clone(),
        );
        let texts = TextResults::default();
        registry.register(
            "texts",
            "Texts this instance's worker handled, by result: sent, retry (a temporary failure), \
             failed (for good), cancelled (opted out), deferred (quiet hours or the sender's rate)",
            texts.0.clone(),
        );
        let intake_batches = Histogram::new([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]);
        registry.register(
            "intake_batch_size",
            "Requests for help stored together in one transaction",
            intake_batches.clone(),
        );
        Self {
            registry,
            requests,
            durations,
            texts,
            intake_batches,
        }
    }

    /// Counts one answered request. A few atomic operations and one histogram observation:
    /// the labels borrow the route template the router already holds.
    fn observe(&self, method: &'static str, route: Route, status: StatusCode, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route: route.clone(),
                status: status.as_u16(),
            })
            .inc();
        self.durations
            .get_or_create(&RouteLabels { method, route })
            .observe(seconds);
    }

    /// The exposition: what this instance counted, then what the database says now.
    pub async fn render(&self, db: &Db) -> Result<String, std::fmt::Error> {
        use prometheus_client::encoding::text;
        // Values read at scrape time go into a registry of their own, made for this scrape:
        // nothing stale is shown when the database does not answer, and two scrapes at once
        // cannot mix their readings.
        let mut now = Registry::with_prefix("navdesk");
        let connections = Gauge::<i64>::default();
        connections.set(i64::from(db.pool.size()));
        now.register(
            "db_pool_connections",
            "Open database connections in this instance's pool",
            connections,
        );
        let idle = Gauge::<i64>::default();
        idle.set(db.pool.num_idle() as i64);
        now.register(
            "db_pool_idle_connections",
            "Open database connections not in use",
            idle,
        );
        match tokio::time::timeout(OUTBOX_QUERY_TIMEOUT, outbox_depth(db, crate::db::now())).await {
            Ok(Ok(depth)) => {
                let texts = Family::<StatusLabel, Gauge>::default();
                for (status, n) in &depth.by_status {
                    texts.get_or_create(&StatusLabel { status }).set(*n);
                }
                now.register(
                    "outbox_texts",
                    "Texts in the outbox (every instance's), by status: scheduled (waiting \
                     for their time or a retry) and sending (claimed by a worker)",
                    texts,
                );
                let overdue = Gauge::<i64>::default();
                overdue.set(depth.overdue_secs);
                now.register(
                    "outbox_overdue_seconds",
                    "How long the text that has waited longest past its time has been due \
                     (0 when none is): grows when texts are not going out",
                    overdue,
                );
                let in_doubt = Gauge::<i64>::default();
                in_doubt.set(depth.in_doubt);
                now.register(
                    "outbox_in_doubt_texts",
                    "Texts being sent again after their worker died mid-send (looked up at the \
                     provider first)",
                    in_doubt,
                );
            }
            Ok(Err(err)) => tracing::warn!(error = %err, "metrics: the outbox could not be read"),
            Err(_) => tracing::warn!("metrics: reading the outbox took too long; left out"),
        }
        let mut body = String::with_capacity(16 * 1024);
        text::encode_registry(&mut body, &self.registry)?;
        text::encode_registry(&mut body, &now)?;
        text::encode_eof(&mut body)?;
        Ok(body)
    }
}

/// The outbox as the scrape shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxDepth {
    /// Every status of `OUTBOX_STATUSES`, 0 when no text has it.
    pub by_status: Vec<(&'static str, i64)>,
    pub overdue_secs: i64,
    pub in_doubt: i64,
}

/// Reads the outbox's depth. Bounded by the texts still in the outbox, not by the table: both
/// queries read only the `sms_messages_due (status, next_attempt_at)` index's entries for
/// those statuses (the first from the index alone), so sent texts, however many, cost nothing.
pub async fn outbox_depth(db: &Db, now: i64) -> Result<OutboxDepth, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT status, COUNT(*) AS n, MIN(next_attempt_at) AS first_due FROM sms_messages \
         WHERE status IN ('scheduled', 'sending') GROUP BY status",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut depth = OutboxDepth {
        by_status: OUTBOX_STATUSES.iter().map(|s| (*s, 0)).collect(),
        ..OutboxDepth::default()
    };
    for row in rows {
        let status: String = row.try_get("status")?;
        let n: i64 = row.try_get("n")?;
        if let Some(slot) = depth.by_status.iter_mut().find(|(s, _)| *s == status) {
            slot.1 = n;
        }
        if status == "scheduled" {
            let first_due: Option<i64> = row.try_get("first_due")?;
            depth.overdue_secs = first_due.map_or(0, |due| (now - due).max(0));
        }
    }
    depth.in_doubt = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sms_messages WHERE status = 'sending' AND in_doubt = 1",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(depth)
}

/// Middleware: counts each request and times it, by method and route template. Added only
/// when a metrics listener is configured.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .cloned()
        .map_or(Route::Unmatched, Route::Template);
    let response = next.run(request).await;
    metrics.observe(
        method,
        route,
        response.status(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The metrics listener's whole application: `GET /metrics`, nothing else.
/// `GET /metrics`, for the metrics listener.
pub fn router(metrics: Arc<Metrics>, db: Db) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(scrape))
        .with_state((metrics, db))
}

async fn scrape(State((metrics, db)): State<(Arc<Metrics>, Db)>) -> Response {
    match metrics.render(&db).await {
        Ok(body) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_labels_without_allocation_and_strange_ones_are_lumped() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::POST), "POST");
        let odd = Method::from_bytes(b"PROPFIND").unwrap();
        assert_eq!(method_label(&odd), "other");
    }

    #[test]
    fn text_results_count_by_status() {
        let metrics = Metrics::new();
        metrics.texts.record(TextResult::Sent);
        metrics.texts.record(TextResult::Sent);
        metrics.texts.record(TextResult::Retry);
        let mut body = String::new();
        prometheus_client::encoding::text::encode(&mut body, &metrics.registry).unwrap();
        assert!(
            body.lines()
                .any(|l| l == "navdesk_texts_total{status=\"sent\"} 2"),
            "{body}"
        );
        assert!(
            body.lines()
                .any(|l| l == "navdesk_texts_total{status=\"retry\"} 1"),
            "{body}"
        );
    }
}
