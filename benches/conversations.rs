//! The text line under load: many residents texting their way through a request at once. Each
//! simulated phone sends the six texts of a request as signed webhooks to a running app; each
//! webhook answers once its text is stored and its answer queued in the outbox (the same
//! transaction), so its latency is what this measures. A fake provider on 127.0.0.1 takes the
//! answers.
//!
//!   cargo bench --bench conversations                    # SQLite in a temporary folder
//!   DATABASE_URL=postgres://... cargo bench --bench conversations
//!   CONVERSATIONS=500 THINK_MS=3000 cargo bench --bench conversations
//!
//! `CONVERSATIONS` run at once (default 500). Between texts each resident waits `THINK_MS`
//! (default 3000, spread ±50%): people read the question and type an answer. `THINK_MS=0` is
//! the worst case, every phone firing again the moment it has its answer.
//!
//! Target on a 2-core machine: p99 under 50 ms with 500 conversations at once.

mod support;

use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

use navdesk::config::{Config, Secret};
use support::{env_usize, fake_twilio};

const TOKEN: &str = "bench-token";
const TEXTS: [&str; 6] = ["hello", "1", "Ana Lee", "1 3", "80205", "yes"];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let conversations = env_usize("CONVERSATIONS", 500);
    let think_ms = env_usize("THINK_MS", 3000) as u64;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async move {
        let dir = std::env::temp_dir().join(format!("navdesk-text-bench-{}", std::process::id()));
        let url = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{}/navdesk.db", dir.display()));
        let sent = Arc::new(AtomicUsize::new(0));
        let provider = fake_twilio(sent.clone()).await;
        let mut config = Config::for_database(url.clone());
        config.sms.base_url = provider;
        config.sms.account_sid = Some("AC00000000000000000000000000000001".into());
        config.sms.auth_token = Some(Secret::new(TOKEN));
        config.sms.from = Some("+17205550100".into());
        config.sms.segments_per_second = 10_000.0;
        let app = navdesk::Application::build(config).await.unwrap();
        let base = format!("http://{}", app.local_addr());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(conversations)
            .build()
            .unwrap();
        let url_inbound = format!("{base}/sms/inbound");
        let started = Instant::now();
        let mut phones = Vec::new();
        for phone in 0..conversations {
            let client = client.clone();
            let url = url_inbound.clone();
            phones.push(tokio::spawn(async move {
                let number = format!("+1303{:07}", 5_000_000 + phone);
                let mut seed = phone as u64 * 2_654_435_761 + 1;
                let mut took = Vec::with_capacity(TEXTS.len());
                // Residents do not all start in the same millisecond.
                let jitter = |seed: &mut u64, around: u64| {
                    *seed ^= *seed << 13;
                    *seed ^= *seed >> 7;
                    *seed ^= *seed << 17;
                    Duration::from_millis(around / 2 + *seed % (around.max(1)))
                };
                tokio::time::sleep(jitter(&mut seed, think_ms)).await;
                for (i, body) in TEXTS.iter().enumerate() {
                    let sid = format!("SMbench{phone:05}{i}");
                    let params = [
                        ("MessageSid", sid.as_str()),
                        ("From", number.as_str()),
                        ("To", "+17205550100"),
                        ("Body", body),
                    ];
                    let signature = navdesk::sms::signature::sign(TOKEN, &url, &params);
                    let form: String = form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(params)
                        .finish();
                    let t = Instant::now();
                    let resp = client
                        .post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("x-twilio-signature", signature)
                        .body(form)
                        .send()
                        .await
                        .expect("webhook");
                    took.push(t.elapsed());
                    assert_eq!(resp.status(), 200, "text {i} of {number}");
                    if think_ms > 0 {
                        tokio::time::sleep(jitter(&mut seed, think_ms)).await;
                    }
                }
                took
            }));
        }
        let mut all = Vec::new();
        for phone in phones {
            all.extend(phone.await.unwrap());
        }
        let wall = started.elapsed().as_secs_f64();
        all.sort();
        let db = navdesk::db::open(&url).await.unwrap();
        let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE channel = 'sms'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let answers: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sms_messages WHERE direction = 'out' AND idempotency_key LIKE 'in-%-reply'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(filed as usize, conversations, "every conversation filed a request");
        assert_eq!(answers as usize, conversations * TEXTS.len(), "every text answered");
        println!(
            "text line ({}, {} cores): {conversations} conversations at once, think {think_ms} ms: \
             {} texts in {wall:.1} s ({:.0}/s); stored and answered in p50 {:.1} ms, p90 {:.1} ms, \
             p99 {:.1} ms, max {:.1} ms",
            if url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" },
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            all.len(),
            all.len() as f64 / wall,
            percentile(&all, 0.50).as_secs_f64() * 1e3,
            percentile(&all, 0.90).as_secs_f64() * 1e3,
            percentile(&all, 0.99).as_secs_f64() * 1e3,
            all.last().unwrap().as_secs_f64() * 1e3,
        );
        let _ = stop.send(());
        let _ = server.await;
        let _ = std::fs::remove_dir_all(&dir);
    });
}
