//! Several app instances on one database: a staff session made on one works on the other (and
//! ends on both when signed out on either), and instances or `navdesk migrate` runs starting at
//! the same moment on a new database migrate it once, without failing.

mod common;

use std::process::{Command, Stdio};
use std::sync::Arc;

use common::server::{Server, BIN};
use common::staff::{self, browser_with, hidden, Staff};
use common::Backend;
use navdesk::auth::Role;
use reqwest::cookie::{CookieStore, Jar};

/// A browser holding only `cookie` (as `name=value`) for `base`.
fn browser_for(base: &str, cookie: &str) -> reqwest::Client {
    let jar = Arc::new(Jar::default());
    jar.add_cookie_str(cookie, &base.parse().unwrap());
    browser_with(jar)
}

async fn a_session_works_on_every_instance(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let a = common::spawn_on(&url, |_| {}).await;
    let b = common::spawn_on(&url, |_| {}).await;
    let (case, _) = staff::new_case(&a, "Bao Nguyen", navdesk::db::now()).await;
    let email = "dana@navdesk.example";
    staff::create_staff_in(&a.db, email, "Dana Whitfield", Role::Supervisor).await;

    // Dana signs in on A; her browser's session cookie goes to B (as a load balancer would send
    // her next request there).
    let jar = Arc::new(Jar::default());
    let on_a = Staff {
        client: browser_with(jar.clone()),
        base: a.base.clone(),
        navigator_id: None,
    };
    on_a.sign_in(email).await;
    let cookies = jar.cookies(&a.base.parse().unwrap()).expect("cookies set");
    let session = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find(|c| c.starts_with("navdesk_session="))
        .expect("a session cookie")
        .to_owned();
    let on_b = Staff {
        client: browser_for(&b.base, &session),
        base: b.base.clone(),
        navigator_id: None,
    };
    // Without the cookie, B sends a browser to sign in.
    let resp = b.get("/cases").await;
    assert_eq!(resp.status(), 303);
    assert!(common::location(&resp).starts_with("/login"));

    let (status, body) = on_b.page("/cases").await;
    assert_eq!(status, 200);
    assert!(body.contains("Dana Whitfield"), "{body}");

    // A form of B's with the session's CSRF token is accepted by B, and A shows what it did.
    let (status, body) = on_b.page(&format!("/cases/{case}")).await;
    assert_eq!(status, 200);
    let (token, version) = (hidden(&body, "csrf_token"), hidden(&body, "version"));
    let resp = on_b
        .post(
            &format!("/cases/{case}/notes"),
            &[
                ("csrf_token", token.as_str()),
                ("version", version.as_str()),
                ("note", "Noted on the second instance."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303, "the note is taken");
    let (_, body) = on_a.page(&format!("/cases/{case}")).await;
    assert!(body.contains("Noted on the second instance."), "{body}");

    // Signing out on B ends the session on A too (A's browser still holds the cookie): A
    // takes no form from it and sends it to sign in.
    let resp = on_b
        .post("/logout", &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(resp.status(), 303);
    assert!(jar.cookies(&a.base.parse().unwrap()).is_some());
    let resp = on_a
        .post(
            &format!("/cases/{case}/notes"),
            &[
                ("csrf_token", token.as_str()),
                ("version", version.as_str()),
                ("note", "After signing out."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303, "signed out on A too");
    assert!(common::location(&resp).starts_with("/login"));
    let notes: i64 = a
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'note'",
            (case,),
        )
        .await;
    assert_eq!(notes, 1, "only the note made while signed in");
    a.stop().await;
    b.stop().await;
}

/// The versions of the migrations this build carries, from their file names.
fn migration_versions(backend: Backend) -> Vec<i64> {
    let folder = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(folder);
    let mut versions: Vec<i64> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            name.split('_').next().unwrap().parse().unwrap()
        })
        .collect();
    versions.sort();
    versions
}

/// The schema was migrated once: one row per migration, every one successful.
async fn migrated_once(url: &str, backend: Backend) {
    let db = navdesk::db::connect(url).await.unwrap();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(
        versions,
        migration_versions(backend),
        "one row per migration"
    );
    let failed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = FALSE")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(failed, 0, "every migration succeeded");
    db.pool.close().await;
}

/// Two `navdesk migrate` started together on a new database: both succeed, once.
async fn two_migrates_at_once(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let start = || {
        Command::new(BIN)
            .args(["migrate", "--database-url", &url])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("navdesk migrate starts")
    };
    let (first, second) = (start(), start());
    let outputs = tokio::task::spawn_blocking(move || {
        [first, second].map(|child| child.wait_with_output().unwrap())
    })
    .await
    .unwrap();
    for out in &outputs {
        assert!(
            out.status.success(),
            "both migrate runs succeed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    migrated_once(&url, backend).await;
}

/// Two `navdesk serve` started together on a new database: both become ready, the schema is
/// migrated once, and each stores requests the other shows.
async fn two_servers_start_at_once(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let (mut first, mut second) = tokio::join!(
        Server::start_async(&url, &[], &[]),
        Server::start_async(&url, &[], &[])
    );
    first.wait_ready().await;
    second.wait_ready().await;
    migrated_once(&url, backend).await;
    let client = staff::browser();
    for (from, to, name) in [
        (&first, &second, "Ana Pérez"),
        (&second, &first, "Bao Nguyen"),
    ] {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(common::form_with("name", name))
            .finish();
        let resp = client
            .post(from.url("/help"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            resp.status(),
            303,
            "{name}'s request is stored:\n{}",
            from.log()
        );
        let code = common::location(&resp);
        let page = client.get(to.url(&code)).send().await.unwrap();
        assert_eq!(page.status(), 200, "the other instance shows {code}");
    }
    first.kill();
    second.kill();
}

for_each_backend!(
    a_session_works_on_every_instance,
    two_migrates_at_once,
    two_servers_start_at_once,
);
