//! What the benchmarks share: a fake Twilio-compatible Messages API on 127.0.0.1 that accepts
//! every text at once and counts them, and settings read from the environment.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub async fn fake_twilio(count: Arc<AtomicUsize>) -> String {
    async fn create(
        axum::extract::State(count): axum::extract::State<Arc<AtomicUsize>>,
    ) -> (
        axum::http::StatusCode,
        [(&'static str, &'static str); 1],
        String,
    ) {
        let n = count.fetch_add(1, Ordering::SeqCst) + 1;
        (
            axum::http::StatusCode::CREATED,
            [("content-type", "application/json")],
            format!("{{\"sid\":\"SM{n:032}\",\"status\":\"queued\"}}"),
        )
    }
    let app = axum::Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Messages.json",
            axum::routing::post(create),
        )
        .with_state(count);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}
