//! The real `navdesk` binary in tests: `serve` as a child process on a given database (killed
//! with SIGKILL, started again), and one-shot commands such as `migrate`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_navdesk");

/// An empty folder of this test process's own for `name` (removed first if a run before left it).
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("navdesk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// How long a start may take on a busy machine (migrations, a hexagon grid, a debug build).
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A running `navdesk serve`. Dropping it kills the process.
pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT`, from the line the server prints once it listens.
    pub base: String,
    /// The first line it printed.
    pub first_line: String,
    stderr: Arc<Mutex<String>>,
}

/// Keeps the last 64 KB a process wrote to a pipe, so a failure can show why.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let out = Arc::new(Mutex::new(String::new()));
    let sink = out.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
            if s.len() > 64 * 1024 {
                let cut = s.len() - 48 * 1024;
                let cut = (cut..s.len()).find(|i| s.is_char_boundary(*i)).unwrap_or(0);
                s.drain(..cut);
            }
        }
    });
    out
}

impl Server {
    /// Starts `navdesk serve` on a free loopback port with `DATABASE_URL=url`, the extra
    /// arguments (`--demo`) and environment; returns once it prints the URL it listens on.
    /// Panics, with what it wrote to standard error, when it exits or takes too long instead.
    pub fn start(url: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(BIN);
        command
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("navdesk serve starts");
        let stderr = collect(child.stderr.take().unwrap());
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next().and_then(Result::ok);
            let _ = tx.send(first);
            // Keep reading, so later lines never fill the pipe.
            for _ in lines {}
        });
        let first_line = match rx.recv_timeout(START_TIMEOUT) {
            Ok(Some(line)) => line,
            outcome => {
                let _ = child.kill();
                let status = child.wait();
                // Let the stderr reader take what is left.
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "navdesk serve did not start ({}; {status:?}):\n{}",
                    if outcome.is_err() {
                        "timed out"
                    } else {
                        "exited"
                    },
                    stderr.lock().unwrap()
                );
            }
        };
        let base = first_line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("a URL in {first_line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Server {
            child,
            base,
            first_line,
            stderr,
        }
    }

    /// `start`, off the async runtime's threads.
    pub async fn start_async(url: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let url = url.to_owned();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let env: Vec<(&str, &str)> =
                env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            Server::start(&url, &args, &env)
        })
        .await
        .expect("start thread")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Waits until `/readyz` answers 200; panics with the server's log when it does not.
    pub async fn wait_ready(&mut self) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(resp) = client
                .get(self.url("/readyz"))
                .timeout(Duration::from_secs(10))
                .send()
                .await
            {
                if resp.status() == 200 {
                    return;
                }
            }
            if let Ok(Some(exit)) = self.child.try_wait() {
                panic!("navdesk serve exited ({exit}):\n{}", self.log());
            }
            assert!(
                started.elapsed() < START_TIMEOUT,
                "navdesk serve never became ready:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Kills the process with SIGKILL (no clean shutdown) and waits for it to be gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What the process wrote to standard error so far (its last 64 KB at most).
    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `navdesk ARGS` to the end: success, standard output, standard error.
pub fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
