//! Logging: one span per request carrying its id, method and path, so every line a request
//! writes can be found by its request id.

use axum::http::Request;
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};

use axum::http::Response;
use tower_http::trace::{DefaultOnRequest, OnResponse, TraceLayer};
use tracing_subscriber::EnvFilter;

/// Logs to standard error; `NAVDESK_LOG_FORMAT=json` for one JSON object a line. `RUST_LOG`
/// sets the levels (default `info`). Colours only on a terminal: in the journal or a log file
/// they would be escape codes.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let result = if std::env::var("NAVDESK_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.try_init()
    };
    // A second init (tests) keeps the first subscriber.
    let _ = result;
}

/// For tests: logs go through the test harness, shown only for a failing test.
pub fn init_for_tests() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_test_writer()
        .try_init();
}

type MakeSpan = fn(&Request<axum::body::Body>) -> tracing::Span;

pub fn trace_layer(
) -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan, DefaultOnRequest, LogResponse> {
    TraceLayer::new_for_http()
        .make_span_with(request_span as MakeSpan)
        .on_response(LogResponse)
}

/// One line per answer: at `info` for errors, at `debug` for the rest, so that a busy server
/// does not spend its time writing a line per page (`RUST_LOG=tower_http=debug,navdesk=debug`
/// shows every request).
#[derive(Clone, Copy, Debug)]
pub struct LogResponse;

impl<B> OnResponse<B> for LogResponse {
    fn on_response(self, response: &Response<B>, latency: Duration, _span: &tracing::Span) {
        let status = response.status().as_u16();
        let latency_ms = latency.as_secs_f64() * 1000.0;
        if status >= 400 {
            tracing::info!(status, latency_ms, "answered");
        } else {
            tracing::debug!(status, latency_ms, "answered");
        }
    }
}

fn request_span(req: &Request<axum::body::Body>) -> tracing::Span {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", request_id, method = %req.method(), path = req.uri().path())
}
