//! `navdesk backup` as an administrator uses it: a copy taken while the app serves restores the
//! same cases, an existing file is never overwritten, and PostgreSQL is pointed to `pg_dump`.

mod common;

use std::process::Command;

use common::server::{run, temp_dir, BIN};

/// Where the app under test keeps its SQLite database, and that folder.
fn sqlite_path(url: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(url.strip_prefix("sqlite://").expect("a sqlite:// URL"))
}

/// The counts and one case a restore must bring back unchanged.
async fn snapshot(db: &navdesk::db::Db) -> (i64, i64, i64, String, String) {
    let count = |table: &'static str| async move {
        sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db.pool)
            .await
            .unwrap()
    };
    let (ref_code, name): (String, String) = sqlx::query_as(
        "SELECT c.ref_code, r.name FROM cases c JOIN residents r ON r.id = c.resident_id \
         ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    (
        count("cases").await,
        count("residents").await,
        count("case_events").await,
        ref_code,
        name,
    )
}

/// The restore test: a copy taken while the app runs and serves opens as a navdesk database
/// holding the same cases, residents and timeline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_the_same_cases() {
    let mut url = String::new();
    let app = common::spawn_with(common::Backend::Sqlite, |config| {
        url = config.database_url.clone();
        // Confirmation texts go out at once, so the data stops changing soon after the
        // requests (the default rate of one a second would add timeline events mid-test).
        config.sms.segments_per_second = 1000.0;
    })
    .await
    .unwrap();
    for name in ["Ana Pérez", "Bao Nguyen", "Chidi Okafor"] {
        let resp = app
            .post_form("/help", &common::form_with("name", name))
            .await;
        assert_eq!(resp.status(), 303, "request for {name} stored");
    }
    // Each request's confirmation text adds an event to its timeline: wait for all three, so
    // the backup and the comparison below see the same settled data.
    let sent = common::eventually(
        async || app.count("case_events WHERE kind = 'sms_out'").await,
        |sent| *sent >= 3,
    )
    .await;
    assert!(sent >= 3, "confirmation texts were sent");
    let original = snapshot(&app.db).await;
    assert_eq!(original.0, 3);

    let folder = sqlite_path(&url).parent().unwrap().to_owned();
    let copy = folder.join("copy.db");
    let copy_arg = copy.to_str().unwrap().to_owned();
    let backup_url = url.clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(BIN)
            .args(["backup", &copy_arg, "--database-url", &backup_url])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(copy.to_str().unwrap()) && stdout.contains("3 cases"),
        "{stdout}"
    );
    // The app went on serving during and after the backup.
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.stop().await;

    let copy_url = format!("sqlite://{}", copy.display());
    let copy_for_migrate = copy_url.clone();
    let (ok, _, stderr) =
        tokio::task::spawn_blocking(move || run(&["migrate", "--database-url", &copy_for_migrate]))
            .await
            .unwrap();
    assert!(ok, "the copy opens as a navdesk database: {stderr}");
    let restored = navdesk::db::open(&copy_url).await.unwrap();
    assert_eq!(snapshot(&restored).await, original);
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let dir = temp_dir("backup-exists");
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/navdesk.db", dir.display());
    let existing = dir.join("yesterday.db");
    std::fs::write(&existing, b"yesterday's backup").unwrap();
    let out = Command::new(BIN)
        .args(["backup", existing.to_str().unwrap(), "--database-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(existing.to_str().unwrap()) && stderr.contains("already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&existing).unwrap(), b"yesterday's backup");

    let (ok, _, stderr) = run(&[
        "backup",
        dir.join("no-such-folder/copy.db").to_str().unwrap(),
        "--database-url",
        &url,
    ]);
    assert!(!ok);
    assert!(stderr.contains("does not exist"), "{stderr}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_postgres_backup_points_to_pg_dump() {
    // Refused before connecting: no server is needed (nothing listens on port 1).
    let out = Command::new(BIN)
        .args(["backup", "navdesk.dump"])
        .args(["--database-url", "postgres://navdesk@127.0.0.1:1/navdesk"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pg_dump --format=custom") && stderr.contains("pg_restore --clean"),
        "{stderr}"
    );
}
