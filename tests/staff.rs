//! Staff sign-in over HTTP, against the real server on SQLite and on PostgreSQL: sessions,
//! CSRF, rate limits, timeouts, disabled accounts, redirects, and several app instances.

mod common;

use common::location;

use common::staff::{browser, create_staff_in, text, PASSWORD};
use common::{Backend, TestApp};
use navdesk::auth::Role;

async fn create_staff(app: &TestApp, email: &str, name: &str, role: Role) -> i64 {
    create_staff_in(&app.db, email, name, role).await
}

/// Every `Set-Cookie` header of a response.
fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn cookie_value(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        c.split(';')
            .next()?
            .strip_prefix(&format!("{name}="))
            .map(str::to_owned)
    })
}

/// The value of the hidden `csrf_token` field on a page.
fn csrf_token(body: &str) -> String {
    let at = body
        .find("name=\"csrf_token\"")
        .expect("a csrf_token field");
    let rest = &body[at..];
    let from = rest.find("value=\"").expect("a value") + "value=\"".len();
    rest[from..].split('"').next().unwrap().to_owned()
}

/// The alert a sign-in page shows above its form.
fn alert(body: &str) -> String {
    let at = body.find("class=\"error-summary\"").expect("an alert");
    let rest = &body[at..];
    text(&rest[..rest.find("</div>").unwrap()])
}

async fn login_token(app: &TestApp) -> String {
    let page = app.get("/login").await;
    assert_eq!(page.status(), 200);
    csrf_token(&page.text().await.unwrap())
}

async fn sign_in_with(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = login_token(app).await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    app.post_form("/login", &form).await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    sign_in_with(app, &[("email", email), ("password", password)]).await
}

async fn sessions(app: &TestApp) -> i64 {
    app.count("sessions").await
}

async fn signing_in_leads_to_the_cases_page_with_the_name(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Supervisor).await;

    let page = app.get("/login").await;
    assert_eq!(page.status(), 200);
    let login_cookie = set_cookies(&page);
    let csrf_cookie = cookie_value(&login_cookie, "navdesk_login_csrf").expect("a CSRF cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(
            login_cookie[0].contains(attr),
            "{login_cookie:?} has {attr}"
        );
    }
    let body = page.text().await.unwrap();
    assert_eq!(
        csrf_token(&body),
        csrf_cookie,
        "double submit: field and cookie"
    );
    for field in ["name=\"email\"", "name=\"password\"", "type=\"password\""] {
        assert!(body.contains(field), "the form has {field}");
    }

    let resp = app
        .post_form(
            "/login",
            &[
                ("csrf_token", csrf_cookie.as_str()),
                ("email", " Ana@Navdesk.example "),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), "/cases");
    let cookies = set_cookies(&resp);
    let session = cookies
        .iter()
        .find(|c| c.starts_with("navdesk_session="))
        .expect("a session cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(attr), "{session} has {attr}");
    }
    assert!(
        !session.contains("Secure"),
        "plain http here: {session} has no Secure"
    );
    let token = cookie_value(&cookies, "navdesk_session").unwrap();
    assert_eq!(token.len(), 43, "32 random bytes, base64url");
    let stored: String = app.one("SELECT id FROM sessions", ()).await;
    assert_ne!(stored, token, "the token itself is never stored");
    assert_eq!(stored, navdesk::auth::session::token_id(&token));

    let cases = app.get("/cases").await;
    assert_eq!(cases.status(), 200);
    assert_eq!(cases.headers()["cache-control"], "no-store");
    let body = text(&cases.text().await.unwrap());
    assert!(
        body.contains("Signed in as Ana Navarro (supervisor)"),
        "{body}"
    );
    // The staff page in Spanish.
    let body = text(&app.get("/cases?lang=es").await.text().await.unwrap());
    assert!(
        body.contains("Sesión iniciada como Ana Navarro (supervisor)"),
        "{body}"
    );

    // Signed in already: the sign-in page sends the browser on.
    let again = app.get("/login?next=%2Fcases%3Fx%3D1").await;
    assert_eq!(again.status(), 303);
    assert_eq!(location(&again), "/cases?x=1");
    app.stop().await;
}

async fn a_wrong_password_reads_like_an_unknown_email(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;

    let wrong = sign_in(&app, "ana@navdesk.example", "not the password").await;
    assert_eq!(wrong.status(), 401);
    assert!(cookie_value(&set_cookies(&wrong), "navdesk_session").is_none());
    let wrong_body = wrong.text().await.unwrap();
    assert!(
        wrong_body.contains("value=\"ana@navdesk.example\""),
        "email kept"
    );
    assert!(
        !wrong_body.contains("not the password"),
        "password not kept"
    );

    let unknown = sign_in(&app, "nobody@navdesk.example", "not the password").await;
    assert_eq!(unknown.status(), 401);
    let unknown_body = unknown.text().await.unwrap();
    assert_eq!(alert(&wrong_body), alert(&unknown_body));
    assert!(
        alert(&wrong_body).contains("The email address or the password is not right"),
        "{}",
        alert(&wrong_body)
    );
    assert_eq!(sessions(&app).await, 0, "no session");
    assert_eq!(app.get("/cases").await.status(), 303);

    // In Spanish, and empty fields are named.
    app.get("/login?lang=es").await;
    let es = sign_in(&app, "nobody@navdesk.example", "x").await;
    assert!(alert(&es.text().await.unwrap()).contains("no son correctos"));
    let empty = sign_in(&app, "", "").await;
    assert_eq!(empty.status(), 422);
    let body = empty.text().await.unwrap();
    assert!(body.contains("Escriba su correo electrónico"), "{body}");
    assert!(body.contains("Escriba su contraseña"), "{body}");
    app.stop().await;
}

async fn the_cases_page_needs_a_session(app: TestApp) {
    let resp = app.get("/cases").await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), "/login?next=%2Fcases");
    let forged = app
        .get_with("/cases", "cookie", "navdesk_session=forged-token")
        .await;
    assert_eq!(forged.status(), 303);
    let resp = app.get("/account/password").await;
    assert_eq!(location(&resp), "/login?next=%2Faccount%2Fpassword");
    // Posting to a staff form without a session changes nothing and asks to sign in.
    let resp = app.post_form("/logout", &[("csrf_token", "x")]).await;
    assert_eq!(resp.status(), 303);
    assert!(location(&resp).starts_with("/login"));
    app.stop().await;
}

async fn sign_out_needs_the_sessions_csrf_token(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    let cases = app.get("/cases").await.text().await.unwrap();
    let token = csrf_token(&cases);

    let missing = app.post_form("/logout", &[]).await;
    assert_eq!(missing.status(), 403);
    assert!(missing
        .headers()
        .get("content-type")
        .is_some_and(|v| v.to_str().unwrap().starts_with("text/html")));
    let wrong = app
        .post_form("/logout", &[("csrf_token", "not-the-token")])
        .await;
    assert_eq!(wrong.status(), 403);
    // A sign-in page's token is not this session's token either.
    let other = browser().get(app.url("/login")).send().await.unwrap();
    let other = csrf_token(&other.text().await.unwrap());
    assert_eq!(
        app.post_form("/logout", &[("csrf_token", &other)])
            .await
            .status(),
        403
    );
    assert_eq!(app.get("/cases").await.status(), 200, "still signed in");
    assert_eq!(sessions(&app).await, 1);

    let out = app.post_form("/logout", &[("csrf_token", &token)]).await;
    assert_eq!(out.status(), 303);
    assert_eq!(location(&out), "/login");
    let cleared = set_cookies(&out);
    assert!(
        cleared
            .iter()
            .any(|c| c.starts_with("navdesk_session=;") && c.contains("Max-Age=0")),
        "{cleared:?}"
    );
    assert_eq!(sessions(&app).await, 0);
    assert_eq!(app.get("/cases").await.status(), 303, "signed out");
    app.stop().await;
}

async fn sign_in_without_its_csrf_token_is_refused(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    app.get("/login").await;
    let resp = app
        .post_form(
            "/login",
            &[("email", "ana@navdesk.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(resp.status(), 403);
    let body = resp.text().await.unwrap();
    assert!(body.contains("Please sign in again"), "{body}");
    let resp = app
        .post_form(
            "/login",
            &[
                ("csrf_token", "guessed"),
                ("email", "ana@navdesk.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(sessions(&app).await, 0);
    // The page offers a fresh token that works.
    let token = csrf_token(&resp.text().await.unwrap());
    let resp = app
        .post_form(
            "/login",
            &[
                ("csrf_token", &token),
                ("email", "ana@navdesk.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    app.stop().await;
}

async fn repeated_failures_for_an_account_get_429(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    for _ in 0..5 {
        let resp = sign_in(&app, "ana@navdesk.example", "wrong password!").await;
        assert_eq!(resp.status(), 401);
    }
    // Even the right password waits now.
    let resp = sign_in(&app, "ANA@navdesk.example", PASSWORD).await;
    assert_eq!(resp.status(), 429);
    let wait: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("too many sign-in attempts"), "{body}");
    assert!(body.contains("15 minutes"), "{body}");
    assert_eq!(sessions(&app).await, 0);

    // Once the failures are older than the window, the account may try again.
    sqlx::query("UPDATE login_failures SET created_at = created_at - 901")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    app.stop().await;
}

async fn the_session_of_a_disabled_account_stops_at_once(app: TestApp) {
    let id = create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    assert_eq!(app.get("/cases").await.status(), 200);

    // Disabled by another tool, straight in the database: the next request notices.
    sqlx::query("UPDATE users SET disabled = 1 WHERE id = $1")
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let resp = app.get("/cases").await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), "/login?next=%2Fcases");
    assert_eq!(sessions(&app).await, 0);
    let refused = sign_in(&app, "ana@navdesk.example", PASSWORD).await;
    assert_eq!(refused.status(), 401, "same answer as a wrong password");

    // Through the library: re-enabled, signed in, disabled again.
    navdesk::auth::set_disabled(&app.db, id, false)
        .await
        .unwrap();
    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    navdesk::auth::set_disabled(&app.db, id, true)
        .await
        .unwrap();
    assert_eq!(sessions(&app).await, 0);
    assert_eq!(app.get("/cases").await.status(), 303);
    app.stop().await;
}

async fn next_never_leaves_the_site(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    let page = app.get("/login?next=%2F%2Fevil.example").await;
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("name=\"next\" value=\"/cases\""));
    for (next, want) in [
        ("//evil.example", "/cases"),
        ("https://evil.example", "/cases"),
        ("/\\evil.example", "/cases"),
        ("/account/password", "/account/password"),
    ] {
        let resp = sign_in_with(
            &app,
            &[
                ("email", "ana@navdesk.example"),
                ("password", PASSWORD),
                ("next", next),
            ],
        )
        .await;
        assert_eq!(resp.status(), 303, "{next}");
        assert_eq!(location(&resp), want, "{next}");
        app.post_form(
            "/logout",
            &[(
                "csrf_token",
                &csrf_token(&app.get("/cases").await.text().await.unwrap()),
            )],
        )
        .await;
    }
    app.stop().await;
}

async fn idle_and_old_sessions_end(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    let now = navdesk::db::now();
    let set = |sql: &'static str, value: i64| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query(sql).bind(value).execute(&pool).await.unwrap();
        }
    };
    let last_seen = || async {
        app.one::<i64>("SELECT last_seen_at FROM sessions", ())
            .await
    };

    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    // Seen 10 s ago: not written again; two minutes ago: written.
    set("UPDATE sessions SET last_seen_at = $1", now - 10).await;
    assert_eq!(app.get("/cases").await.status(), 200);
    assert_eq!(last_seen().await, now - 10);
    set("UPDATE sessions SET last_seen_at = $1", now - 120).await;
    assert_eq!(app.get("/cases").await.status(), 200);
    assert!(last_seen().await >= now, "touched");
    // Idle for more than 8 hours.
    set("UPDATE sessions SET last_seen_at = $1", now - 8 * 3600 - 5).await;
    assert_eq!(app.get("/cases").await.status(), 303);
    assert_eq!(sessions(&app).await, 0, "an expired session is deleted");

    // Busy, but signed in more than 7 days ago.
    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    set(
        "UPDATE sessions SET created_at = $1",
        now - 7 * 24 * 3600 - 5,
    )
    .await;
    assert_eq!(app.get("/cases").await.status(), 303);
    app.stop().await;
}

async fn changing_the_password(app: TestApp) {
    create_staff(&app, "ana@navdesk.example", "Ana Navarro", Role::Navigator).await;
    assert_eq!(
        sign_in(&app, "ana@navdesk.example", PASSWORD)
            .await
            .status(),
        303
    );
    // A second browser, also signed in.
    let other = browser();
    let token = {
        let page = other.get(app.url("/login")).send().await.unwrap();
        csrf_token(&page.text().await.unwrap())
    };
    let resp = other
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "ana@navdesk.example"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(sessions(&app).await, 2);

    let page = app.get("/account/password").await;
    assert_eq!(page.status(), 200);
    let token = csrf_token(&page.text().await.unwrap());
    let post = |current: &'static str, new: &'static str, confirm: &'static str| {
        let token = token.clone();
        let app = &app;
        async move {
            app.post_form(
                "/account/password",
                &[
                    ("csrf_token", token.as_str()),
                    ("current_password", current),
                    ("new_password", new),
                    ("new_password_confirm", confirm),
                ],
            )
            .await
        }
    };
    let new = "a much longer passphrase";
    let short = post(PASSWORD, "short", "short").await;
    assert_eq!(short.status(), 422);
    assert!(short
        .text()
        .await
        .unwrap()
        .contains("at least 12 characters"));
    let wrong = post("not my password", new, new).await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("current password is not right"));
    let mismatch = post(PASSWORD, new, "a much longer passphrasE").await;
    assert_eq!(mismatch.status(), 422);
    assert!(mismatch.text().await.unwrap().contains("are not the same"));
    assert_eq!(
        app.post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("new_password_confirm", new)
            ],
        )
        .await
        .status(),
        403,
        "CSRF-checked"
    );

    let done = post(PASSWORD, new, new).await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), "/account/password?changed=1");
    assert!(app
        .get("/account/password?changed=1")
        .await
        .text()
        .await
        .unwrap()
        .contains("Your password has been changed"));
    assert_eq!(sessions(&app).await, 1, "the other browser was signed out");
    assert_eq!(
        other.get(app.url("/cases")).send().await.unwrap().status(),
        303
    );
    assert_eq!(app.get("/cases").await.status(), 200, "this one stays");

    let fresh = browser();
    let token = csrf_token(
        &fresh
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    for (password, status) in [(PASSWORD, 401), (new, 303)] {
        let resp = fresh
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "ana@navdesk.example"),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), status, "{password}");
    }
    app.stop().await;
}

on_both_backends!(
    signing_in_leads_to_the_cases_page_with_the_name,
    a_wrong_password_reads_like_an_unknown_email,
    the_cases_page_needs_a_session,
    sign_out_needs_the_sessions_csrf_token,
    sign_in_without_its_csrf_token_is_refused,
    repeated_failures_for_an_account_get_429,
    the_session_of_a_disabled_account_stops_at_once,
    next_never_leaves_the_site,
    idle_and_old_sessions_end,
    changing_the_password;
    // These start what they need themselves.
    failures_from_one_address_get_429,
    a_session_works_on_every_instance,
);

/// Many accounts tried from one address: the address is limited too.
async fn failures_from_one_address_get_429(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| c.auth.max_failures_per_address = 3).await
    else {
        return;
    };
    for i in 0..3 {
        let resp = sign_in(
            &app,
            &format!("guess{i}@navdesk.example"),
            "wrong password!",
        )
        .await;
        assert_eq!(resp.status(), 401);
    }
    let resp = sign_in(&app, "another@navdesk.example", "wrong password!").await;
    assert_eq!(resp.status(), 429);
    assert!(resp.headers().contains_key("retry-after"));
    app.stop().await;
}

/// Behind HTTPS, every cookie is `Secure`.
#[tokio::test]
async fn cookies_are_secure_behind_https() {
    let Some(app) = common::spawn_with(Backend::Sqlite, |c| {
        c.public_url = "https://help.navdesk.example".into();
    })
    .await
    else {
        return;
    };
    let page = app.get("/login").await;
    let cookies = set_cookies(&page);
    assert!(cookies[0].contains("; Secure"), "{cookies:?}");
    app.stop().await;
}

/// One app instance on a database, served until its sender is dropped or fired.
struct Instance {
    base: String,
    db: navdesk::db::Db,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
}

async fn instance(url: &str) -> Instance {
    let app = navdesk::Application::build(navdesk::config::Config::for_database(url))
        .await
        .expect("application starts");
    let base = format!("http://{}", app.local_addr());
    let db = app.state().db.clone();
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    Instance {
        base,
        db,
        stop,
        server,
    }
}

/// Signs in on one instance and uses the session on another that shares the database.
async fn a_session_works_on_every_instance(backend: Backend) {
    navdesk::telemetry::init_for_tests();
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let a = instance(&url).await;
    let b = instance(&url).await;
    create_staff_in(&a.db, "ana@navdesk.example", "Ana Navarro", Role::Admin).await;
    // No cookie store: cookies do not tell ports apart, so each is sent by hand.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let page = client
        .get(format!("{}/login", a.base))
        .send()
        .await
        .unwrap();
    let login_cookie = cookie_value(&set_cookies(&page), "navdesk_login_csrf").unwrap();
    let token = csrf_token(&page.text().await.unwrap());
    let resp = client
        .post(format!("{}/login", a.base))
        .header("cookie", format!("navdesk_login_csrf={login_cookie}"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "ana@navdesk.example"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let session = cookie_value(&set_cookies(&resp), "navdesk_session").unwrap();
    let cookie = format!("navdesk_session={session}");

    let on_b = client
        .get(format!("{}/cases", b.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(on_b.status(), 200, "instance B knows the session A made");
    let body = text(&on_b.text().await.unwrap());
    assert!(
        body.contains("Signed in as Ana Navarro (administrator)"),
        "{body}"
    );

    // Signing out on B ends the session on A.
    let out = client
        .post(format!("{}/logout", b.base))
        .header("cookie", &cookie)
        .form(&[("csrf_token", csrf_token(&body))])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let on_a = client
        .get(format!("{}/cases", a.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(on_a.status(), 303);

    for instance in [a, b] {
        let _ = instance.stop.send(());
        instance.server.await.unwrap().unwrap();
    }
}
