//! The `navdesk` command as an administrator uses it.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_navdesk");

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("navdesk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn help_explains_flags_and_environment() {
    let out = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--addr",
        "--database-url",
        "--demo",
        "DATABASE_URL",
        "NAVDESK_ADDR",
        "NAVDESK_PUBLIC_URL",
        "NAVDESK_SMS_BASE_URL",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "NAVDESK_SMS_FROM",
        "NAVDESK_TIMEZONE",
    ] {
        assert!(
            text.contains(needle),
            "serve --help mentions {needle}:\n{text}"
        );
    }
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("serve") && text.contains("migrate"), "{text}");
}

#[test]
fn migrate_creates_the_database_and_its_folder() {
    let dir = temp_dir("migrate");
    let url = format!("sqlite://{}/nested/navdesk.db", dir.display());
    for _ in 0..2 {
        let out = Command::new(BIN)
            .args(["migrate", "--database-url", &url])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(dir.join("nested/navdesk.db").is_file());
    let out = Command::new(BIN)
        .args(["migrate", "--database-url", "mysql://x/y"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("sqlite://"),
        "a clear error"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Starts `navdesk serve --demo` on a free port, uses it, and stops it with SIGTERM.
#[test]
fn serve_demo_prints_its_url_and_stops_cleanly_on_sigterm() {
    let dir = temp_dir("serve");
    let url = format!("sqlite://{}/navdesk.db", dir.display());
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--demo",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            &url,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("a URL to open in {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let page = reqwest::get(format!("{base}/help"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Five Points"),
            "demo areas are offered on the form"
        );
        assert_eq!(
            reqwest::get(format!("{base}/readyz"))
                .await
                .unwrap()
                .status(),
            200
        );
    });
    let cases_before = count_cases(&runtime, &url);
    assert!(cases_before >= 10, "demo cases were seeded");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "navdesk did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");

    // A second start with --demo does not seed again.
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--demo",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            &url,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().ok();
    child.wait().ok();
    assert_eq!(
        count_cases(&runtime, &url),
        cases_before,
        "demo data is seeded once"
    );
    std::fs::remove_dir_all(dir).ok();
}

fn count_cases(runtime: &tokio::runtime::Runtime, url: &str) -> i64 {
    runtime.block_on(async {
        let db = navdesk::db::connect(url).await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM cases")
            .fetch_one(&db.pool)
            .await
            .unwrap()
    })
}

#[test]
fn i18n_check_passes_here_and_names_a_broken_message() {
    let out = Command::new(BIN)
        .args(["i18n", "check", "--dir", "locales"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(BIN).args(["i18n", "check"]).output().unwrap();
    assert!(out.status.success(), "the built-in copy passes too");

    let dir = temp_dir("i18n");
    for lang in ["en", "es"] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
    }
    std::fs::write(
        dir.join("en/main.ftl"),
        "hello = Hello { $name }\nbye = Bye\n",
    )
    .unwrap();
    std::fs::write(dir.join("es/main.ftl"), "hello = Hola { $nombre }\n").unwrap();
    let out = Command::new(BIN)
        .args(["i18n", "check", "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("es: missing message bye"), "{err}");
    assert!(err.contains("es: hello uses the variables"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}
