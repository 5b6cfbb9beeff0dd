//! The `navdesk` command as an administrator uses it.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::server::{run, temp_dir, Server, BIN};

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
        "NAVDESK_METRICS_ADDR",
        "NAVDESK_PUBLIC_URL",
        "NAVDESK_SMS_BASE_URL",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "NAVDESK_SMS_FROM",
        "NAVDESK_TIMEZONE",
        "NAVDESK_SMS_HOURS",
        "NAVDESK_GEOCODER",
        "NAVDESK_CENSUS_BASE_URL",
        "NAVDESK_GEOCODER_TIMEOUT_MS",
        "NAVDESK_SERVICE_REGION",
        "NAVDESK_HEX_SIZE_KM",
        "NAVDESK_HELP_RATE",
        "NAVDESK_WEBHOOK_RATE",
    ] {
        assert!(
            text.contains(needle),
            "serve --help mentions {needle}:\n{text}"
        );
    }
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("serve") && text.contains("migrate") && text.contains("backup"),
        "{text}"
    );
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
    // The helper reads the URL to open from the first line printed, or fails.
    let mut server = Server::start(&url, &["--demo"], &[]);
    let base = server.base.clone();
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
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < common::WAIT,
            "navdesk did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");

    // A second start with --demo does not seed again.
    let mut again = Server::start(&url, &["--demo"], &[]);
    assert!(
        again.first_line.contains("http://"),
        "started again: {:?}",
        again.first_line
    );
    again.kill();
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

/// Runs `navdesk create-user` with `stdin` piped in; returns (success, stdout, stderr).
fn create_user(url: &str, args: &[&str], stdin: &str) -> (bool, String, String) {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(["create-user", "--database-url", url])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments may exit before reading: ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn create_user_reads_the_password_from_stdin_and_never_shows_it() {
    let dir = temp_dir("create-user");
    let url = format!("sqlite://{}/navdesk.db", dir.display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let users = |runtime: &tokio::runtime::Runtime| -> Vec<(String, String, String, String)> {
        runtime.block_on(async {
            let db = navdesk::db::connect(&url).await.unwrap();
            sqlx::query_as("SELECT email, name, role, password_hash FROM users")
                .fetch_all(&db.pool)
                .await
                .unwrap()
        })
    };
    let password = "a long enough passphrase";
    let ana = [
        "--email",
        "Ana@Navdesk.example",
        "--name",
        "Ana Navarro",
        "--role",
        "supervisor",
    ];

    let (ok, _, err) = create_user(&url, &ana, "too short\n");
    assert!(!ok);
    assert!(err.contains("at least 12 characters"), "{err}");
    assert!(
        !err.contains("too short"),
        "the password is not shown: {err}"
    );

    let (ok, _, err) = create_user(
        &url,
        &[
            "--email",
            "x@navdesk.example",
            "--name",
            "X",
            "--role",
            "root",
        ],
        &format!("{password}\n"),
    );
    assert!(!ok);
    assert!(
        err.contains("root") && err.contains("navigator") && err.contains("admin"),
        "names the roles: {err}"
    );

    let (ok, _, err) = create_user(
        &url,
        &["--email", "not-an-email", "--name", "X", "--role", "admin"],
        &format!("{password}\n"),
    );
    assert!(!ok);
    assert!(err.contains("not a valid email address"), "{err}");
    assert!(users(&runtime).is_empty(), "bad input stored nothing");

    let (ok, out, err) = create_user(&url, &ana, &format!("{password}\r\n"));
    assert!(ok, "{err}");
    assert!(out.contains("ana@navdesk.example"), "{out}");
    assert!(!out.contains(password) && !err.contains(password));
    let rows = users(&runtime);
    assert_eq!(rows.len(), 1);
    let (email, name, role, hash) = &rows[0];
    assert_eq!(
        (email.as_str(), name.as_str(), role.as_str()),
        ("ana@navdesk.example", "Ana Navarro", "supervisor")
    );
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(navdesk::auth::password::verify_password(
        password,
        Some(hash)
    ));

    let (ok, _, err) = create_user(&url, &ana, &format!("{password}\n"));
    assert!(!ok);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(users(&runtime).len(), 1);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn create_user_with_invite_prints_a_one_time_link_and_stores_only_its_hash() {
    let dir = temp_dir("invite");
    let url = format!("sqlite://{}/navdesk.db", dir.display());
    // No password on standard input: --invite never reads one.
    let out = Command::new(BIN)
        .args(["create-user", "--database-url", &url])
        .args(["--email", "Rosa@Navdesk.example", "--name", "Rosa Ruiz"])
        .args(["--role", "navigator", "--invite"])
        .args(["--public-url", "https://navdesk.example/"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("rosa@navdesk.example"), "{stdout}");
    let link = stdout
        .split_whitespace()
        .find(|w| w.starts_with("https://navdesk.example/invite/"))
        .unwrap_or_else(|| panic!("an invite link in {stdout:?}"));
    let token = link.trim_start_matches("https://navdesk.example/invite/");
    assert_eq!(token.len(), 43, "{link}");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (hash, stored, expires_in): (Option<String>, String, i64) = runtime.block_on(async {
        let db = navdesk::db::connect(&url).await.unwrap();
        sqlx::query_as(
            "SELECT u.password_hash, i.id, i.expires_at - i.created_at \
             FROM users u JOIN invites i ON i.user_id = u.id WHERE u.email = 'rosa@navdesk.example'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap()
    });
    assert_eq!(hash, None, "no password until the link is used");
    assert_eq!(stored, navdesk::auth::session::token_id(token));
    assert_eq!(expires_in, 7 * 24 * 3600);

    // The same address again is refused.
    let out = Command::new(BIN)
        .args(["create-user", "--database-url", &url])
        .args([
            "--email",
            "rosa@navdesk.example",
            "--name",
            "Rosa",
            "--role",
            "admin",
            "--invite",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_bad_sms_window_is_refused_with_the_reason() {
    let (ok, _, err) = run(&["serve", "--sms-hours", "25:00-26:00"]);
    assert!(!ok);
    assert!(err.contains("\"25:00\" is not a time of day"), "{err}");
}

#[test]
fn a_bad_rate_limit_is_refused_with_the_form_it_takes() {
    for flag in ["--help-rate", "--webhook-rate"] {
        for bad in ["fast", "0/s", "10/h", "10/min,burst=0"] {
            let (ok, _, err) = run(&["serve", flag, bad]);
            assert!(!ok, "{flag} {bad}");
            assert!(
                err.contains(&format!("{bad:?} is not a rate like 10/min,burst=10")),
                "{flag} {bad}: {err}"
            );
        }
    }
}

#[test]
fn poverty_guidelines_are_replaced_from_csv_and_a_bad_file_is_refused() {
    let dir = temp_dir("guidelines");
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/navdesk.db", dir.display());
    let good = dir.join("2026.csv");
    std::fs::write(
        &good,
        "household_size,annual_income\n1,16000\n2,21600\n0,5600\n",
    )
    .unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "household_size,annual_income\n1,16000\n1,16100\n0,5600\n",
    )
    .unwrap();
    let good = good.to_str().unwrap();
    let bad = bad.to_str().unwrap();

    let (ok, stdout, stderr) = run(&[
        "import-poverty-guidelines",
        good,
        "--year",
        "2026",
        "--database-url",
        &url,
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("2026") && stdout.contains("2 household sizes"),
        "{stdout}"
    );
    let (ok, _, stderr) = run(&[
        "import-poverty-guidelines",
        bad,
        "--year",
        "2027",
        "--database-url",
        &url,
    ]);
    assert!(!ok);
    assert!(stderr.contains("more than once"), "{stderr}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let years: Vec<i64> = runtime.block_on(async {
        let db = navdesk::db::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT DISTINCT year FROM poverty_guidelines ORDER BY year")
            .fetch_all(&db.pool)
            .await
            .unwrap()
    });
    assert_eq!(years, vec![2025, 2026]);
    std::fs::remove_dir_all(dir).ok();
}

/// `navdesk programs import` as a city tries it with a 211's feed, then export and import
/// again, on both backends: a page of services others publish is imported as drafts with a
/// report of what was left out; ndjson and a single service are read; a malformed file or a
/// service without an id changes nothing.
async fn programs_go_out_and_back_in_as_hsds_json(backend: common::Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let cli = |args: Vec<String>| async move {
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run(&args)
        })
        .await
        .unwrap()
    };
    let (ok, _, stderr) = cli(vec!["migrate".into(), "--database-url".into(), url.clone()]).await;
    assert!(ok, "{stderr}");
    let dir = temp_dir(&format!("hsds-{backend:?}"));
    std::fs::create_dir_all(&dir).unwrap();
    let import = |file: &std::path::Path| {
        vec![
            "programs".to_owned(),
            "import".into(),
            file.display().to_string(),
            "--database-url".into(),
            url.clone(),
        ]
    };
    let page = dir.join("211-page.json");
    std::fs::write(
        &page,
        r#"{"total_items": 2, "total_pages": 1, "page_number": 1, "size": 2,
            "first_page": true, "last_page": true, "empty": false,
            "contents": [
              {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Computer classes",
               "status": "active", "organization": {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
               "name": "Example Community Center", "description": "A community center."},
               "languages": [{"id": "b2c3d4e5-f6a7-4b6c-9d8e-0f1a2b3c4d5e", "code": "en"}],
               "service_areas": [{"id": "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d",
                                  "description": "The whole city."}]},
              {"id": "5b5d9a8e-3f2c-4d1e-9a7b-6c5d4e3f2a1b", "name": "Digital skills",
               "status": "active", "organization": {"name": "Library"},
               "x_navdesk_categories": ["training"], "minimum_age": 16,
               "languages": [{"code": "en"}, {"code": "es"}]}]}"#,
    )
    .unwrap();
    let (ok, stdout, stderr) = cli(import(&page)).await;
    assert!(ok, "{stderr}");
    for needle in [
        "contents #1: \"Computer classes\" of \"Example Community Center\" added as a draft",
        "  left out: no category navdesk knows",
        "  left out: the service area is described in words only (\"The whole city.\")",
        "contents #2: \"Digital skills\" of \"Library\" added\n",
        "programs imported: 2 added, 0 updated, 1 draft(s) to finish",
    ] {
        assert!(stdout.contains(needle), "{needle} in {stdout}");
    }

    let out = dir.join("out.json");
    let mut export = vec!["programs".to_owned(), "export".into(), "--out".into()];
    export.extend([
        out.display().to_string(),
        "--database-url".into(),
        url.clone(),
    ]);
    let (ok, _, stderr) = cli(export).await;
    assert!(ok, "{stderr}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let skills = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Digital skills")
        .unwrap();
    assert_eq!(skills["minimum_age"], 16);
    assert_eq!(skills["status"], "active");
    common::hsds::assert_each_valid("service", &doc, "the exported service");

    // The export back in as ndjson, and one service alone: updated, nothing added.
    let ndjson = dir.join("services.ndjson");
    let lines: String = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{s}\n"))
        .collect();
    std::fs::write(&ndjson, lines).unwrap();
    let (ok, stdout, stderr) = cli(import(&ndjson)).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("0 added, 2 updated"), "{stdout}");
    let one = dir.join("one.json");
    std::fs::write(&one, skills.to_string()).unwrap();
    let (ok, stdout, stderr) = cli(import(&one)).await;
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("0 added, 1 updated, 0 draft(s)"),
        "{stdout}"
    );

    let bad = dir.join("bad.json");
    for (text, needle) in [
        (
            "[{\"id\": \"1\", \"name\": \"x\"},\n{\"id\": \"2\",",
            "line 2",
        ),
        (
            r#"[{"name": "No id", "organization": {"name": "Library"}}]"#,
            "service #1: has no id",
        ),
    ] {
        std::fs::write(&bad, text).unwrap();
        let (ok, _, stderr) = cli(import(&bad)).await;
        assert!(!ok);
        assert!(stderr.contains(needle), "{needle} in {stderr}");
    }
    let count = navdesk::db::connect(&url).await.unwrap();
    let programs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM programs")
        .fetch_one(&count.pool)
        .await
        .unwrap();
    assert_eq!(programs, 2);
    std::fs::remove_dir_all(dir).ok();
}

for_each_backend!(programs_go_out_and_back_in_as_hsds_json);
