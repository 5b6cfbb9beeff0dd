//! Outbox throughput: how many texts a worker hands to a Twilio-compatible API per second,
//! with no rate limit (a fake on 127.0.0.1 that accepts everything at once).
//!
//!   cargo bench --bench outbox                        # SQLite in a temporary folder
//!   DATABASE_URL=postgres://... cargo bench --bench outbox   # an empty PostgreSQL database
//!   TEXTS=5000 INSTANCES=2 cargo bench --bench outbox
//!
//! Target on a 2-core machine: at least 500 texts per second.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use navdesk::config::Secret;
use navdesk::config::SendingWindow;
use navdesk::sms::client::TwilioTransport;
use navdesk::sms::outbox::{self, Kind, NewText};
use navdesk::sms::worker::{self, WorkerConfig};

use support::{env_usize, fake_twilio};

fn main() {
    let texts = env_usize("TEXTS", 3000);
    let instances = env_usize("INSTANCES", 1).max(1);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async move {
        let dir = std::env::temp_dir().join(format!("navdesk-outbox-bench-{}", std::process::id()));
        let url = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{}/navdesk.db", dir.display()));
        let db = navdesk::db::open(&url).await.unwrap();
        let now = navdesk::db::now();
        let mut conn = db.pool.acquire().await.unwrap();
        for i in 0..texts {
            let text = NewText {
                case_id: None,
                resident_id: None,
                to: format!("+1303555{:04}", i % 10_000),
                body: format!("Denver Digital Navigators: text {i} of the benchmark."),
                kind: Kind::Staff,
                immediate: true,
                not_before: now,
                idempotency_key: format!("bench-{now}-{i}"),
                created_by: None,
            };
            outbox::enqueue_on(&mut conn, &text, now).await.unwrap();
        }
        drop(conn);
        let count = Arc::new(AtomicUsize::new(0));
        let base = fake_twilio(count.clone()).await;
        let config = WorkerConfig {
            window: SendingWindow::Off,
            segments_per_second: 1_000_000.0,
            sender: "+17205550100".into(),
            ..WorkerConfig::default()
        };
        let started = Instant::now();
        let mut handles = Vec::new();
        for _ in 0..instances {
            let transport = TwilioTransport::new(
                &base,
                "AC00000000000000000000000000000001",
                Secret::new("fake-token"),
                "+17205550100",
                Duration::from_secs(5),
            )
            .unwrap();
            handles.push(worker::start(db.clone(), Arc::new(transport), config.clone()));
        }
        for (outbox, _task) in &handles {
            outbox.wake();
        }
        loop {
            let left: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sms_messages WHERE status IN ('scheduled', 'sending')",
            )
            .fetch_one(&db.pool)
            .await
            .unwrap();
            if left == 0 {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(600), "the outbox did not drain");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let secs = started.elapsed().as_secs_f64();
        let sent = count.load(Ordering::SeqCst);
        println!(
            "outbox ({}, {instances} instance(s), {} cores): {sent} texts in {secs:.2} s = {:.0} texts/s",
            if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" },
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            sent as f64 / secs
        );
        for (_, task) in handles {
            task.abort();
        }
        let _ = std::fs::remove_dir_all(&dir);
    });
}
