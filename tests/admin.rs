//! Staff administration over HTTP, on SQLite and on PostgreSQL: who may open which page,
//! navigator profiles, resource programs, staff accounts and invite links.

mod common;

use common::staff::{browser, hidden, text, Staff, PASSWORD};
use common::{location, TestApp};
use navdesk::auth::Role;

async fn audit_actions(app: &TestApp) -> Vec<(String, Option<i64>, Option<i64>)> {
    app.rows(
        "SELECT action, target_user_id, program_id FROM audit_log ORDER BY id",
        (),
    )
    .await
}

/// A fresh browser signs in; returns the answer's status and the browser.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> (u16, Staff) {
    let who = app.anonymous();
    (who.sign_in_with(email, password).await, who)
}

/// A post carrying this session's CSRF token first.
async fn post_with_csrf(who: &Staff, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = who.csrf().await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    who.post(path, &form).await
}

async fn each_role_reaches_only_its_pages(app: TestApp) {
    let nav = app.with_user(Role::Navigator).await;
    let sup = app.with_user(Role::Supervisor).await;
    let admin = app.with_user(Role::Admin).await;
    let nav_id = nav.navigator_id.unwrap();
    let program_id = app.program("PCs for People", "Refurbished laptops").await;
    let nav_user = app.user_id("nav@navdesk.example").await;

    let navigator_page = format!("/navigators/{nav_id}");
    let program_page = format!("/programs/{program_id}");
    // (path, navigator, supervisor, admin)
    let pages: Vec<(&str, u16, u16, u16)> = vec![
        ("/navigators", 403, 200, 200),
        ("/navigators/new", 403, 200, 200),
        (&navigator_page, 403, 200, 200),
        ("/programs", 200, 200, 200),
        ("/programs/new", 403, 200, 200),
        (&program_page, 200, 200, 200),
        ("/users", 403, 403, 200),
        ("/users/new", 403, 403, 200),
    ];
    for (path, want_nav, want_sup, want_admin) in &pages {
        for (who, want, role) in [
            (&nav, want_nav, "navigator"),
            (&sup, want_sup, "supervisor"),
            (&admin, want_admin, "admin"),
        ] {
            let (status, _) = who.page(path).await;
            assert_eq!(status, *want, "{role} GET {path}");
        }
        let resp = app.get(path).await;
        assert_eq!(resp.status(), 303, "no session: GET {path}");
        assert!(location(&resp).starts_with("/login?next="), "{path}");
    }

    // Writes: the role is checked after a good CSRF token too.
    let disable = format!("/users/{nav_user}/disable");
    let verify = format!("{program_page}/verify");
    let posts: Vec<(&str, u16, u16)> = vec![
        // (path, navigator, supervisor)
        (&navigator_page, 403, 422),
        ("/navigators/new", 403, 422),
        ("/programs/new", 403, 422),
        (&program_page, 403, 422),
        (&verify, 403, 303),
        (&disable, 403, 403),
        ("/users/new", 403, 403),
    ];
    for (path, want_nav, want_sup) in &posts {
        let resp = post_with_csrf(&nav, path, &[]).await;
        assert_eq!(resp.status().as_u16(), *want_nav, "navigator POST {path}");
        let resp = post_with_csrf(&sup, path, &[]).await;
        assert_eq!(resp.status().as_u16(), *want_sup, "supervisor POST {path}");
        let resp = app.post_form(path, &[]).await;
        assert_eq!(resp.status(), 303, "no session: POST {path}");
        assert!(location(&resp).starts_with("/login"), "{path}");
    }
    let disabled: i64 = app
        .one("SELECT disabled FROM users WHERE id = $1", (nav_user,))
        .await;
    assert_eq!(disabled, 0, "refused posts changed nothing");

    // The staff navigation offers what each role may open.
    let (_, page) = nav.page("/programs").await;
    assert!(page.contains("href=\"/cases\"") && page.contains("href=\"/programs\""));
    assert!(!page.contains("href=\"/navigators\"") && !page.contains("href=\"/users\""));
    assert!(
        !page.contains("/programs/new"),
        "no add link for navigators"
    );
    let (_, page) = sup.page("/programs").await;
    assert!(page.contains("href=\"/navigators\"") && !page.contains("href=\"/users\""));
    let (_, page) = admin.page("/cases").await;
    for link in ["/navigators", "/users", "/audit", "/programs"] {
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "admin sees {link}"
        );
    }
    let (_, page) = admin.page("/users").await;
    assert!(
        page.contains("href=\"/users\" aria-current=\"page\""),
        "{page}"
    );
}

async fn a_form_without_its_csrf_token_is_refused_and_changes_nothing(app: TestApp) {
    let nav = app.with_user(Role::Navigator).await;
    let sup = app.with_user(Role::Supervisor).await;
    let admin = app.with_user(Role::Admin).await;
    let nav_id = nav.navigator_id.unwrap();
    let nav_user = app.user_id("nav@navdesk.example").await;
    let profile = [
        ("version", "1"),
        ("languages", "vi"),
        ("skills", "device"),
        ("capacity", "7"),
    ];
    for token in [None, Some("forged")] {
        let mut form = profile.to_vec();
        if let Some(t) = token {
            form.push(("csrf_token", t));
        }
        let resp = sup.post(&format!("/navigators/{nav_id}"), &form).await;
        assert_eq!(resp.status(), 403, "{token:?}");
        let resp = sup
            .post(
                "/programs/new",
                &[
                    ("organization", "Org"),
                    ("name", "Plan"),
                    ("categories", "device"),
                    ("languages", "en"),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(resp.status(), 403);
        let resp = admin.post(&format!("/users/{nav_user}/disable"), &[]).await;
        assert_eq!(resp.status(), 403);
        let resp = admin
            .post(
                "/users/new",
                &[
                    ("email", "new@navdesk.example"),
                    ("name", "New"),
                    ("role", "navigator"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(resp.status(), 403);
    }
    let (languages, capacity): (String, i64) = app
        .row(
            "SELECT languages, capacity FROM navigators WHERE id = $1",
            (nav_id,),
        )
        .await;
    assert_eq!((languages.as_str(), capacity), ("en,es", 20));
    assert_eq!(app.count("programs").await, 0);
    assert_eq!(app.count("users").await, 3);
    assert_eq!(app.count("audit_log").await, 0);
    let (status, _) = nav.page("/cases").await;
    assert_eq!(status, 200, "the navigator was not disabled");
}

async fn navigator_profiles_are_edited_and_kept(app: TestApp) {
    let nav = app.with_user(Role::Navigator).await;
    let sup = app.with_user(Role::Supervisor).await;
    let nav_id = nav.navigator_id.unwrap();
    let nav_user = app.user_id("nav@navdesk.example").await;
    let five_points = app.area("Five Points").await.to_string();
    let montbello = app.area("Montbello").await.to_string();
    let path = format!("/navigators/{nav_id}");

    let (status, page) = sup.page(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Nia Nav") && page.contains("Montbello"));
    let version = hidden(&page, "version");
    assert_eq!(version, "1");

    // A bad form: 422, values kept, each error beside its field, nothing stored.
    let bad = post_with_csrf(
        &sup,
        &path,
        &[
            ("version", "1"),
            ("languages", "vi"),
            ("skills", "device"),
            ("capacity", "999"),
            ("home_lat", "39.75"),
            ("travel_radius_km", "12"),
            ("areas", &montbello),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let body = text(&bad.text().await.unwrap());
    assert!(body.contains("value=\"999\""), "capacity kept");
    assert!(body.contains("value=\"39.75\""), "latitude kept");
    assert!(body.contains("value=\"12\""), "radius kept");
    assert!(
        body.contains("id=\"f-languages-vi\" name=\"languages\" value=\"vi\" checked"),
        "languages kept"
    );
    assert!(body.contains("Enter a capacity: a whole number from 0 to 500"));
    assert!(
        body.contains("id=\"f-home_lon-error\""),
        "longitude is needed too"
    );
    assert!(
        body.contains("href=\"#f-capacity\""),
        "the summary links to the field"
    );
    let stored: (String, i64, i64) = app
        .row(
            "SELECT languages, capacity, version FROM navigators WHERE id = $1",
            (nav_id,),
        )
        .await;
    assert_eq!(stored, ("en,es".to_owned(), 20, 1));
    assert_eq!(app.count("navigator_areas").await, 0);

    // An open case of theirs and a closed one, to see what deactivating does with them.
    let (open_case, _) = common::staff::new_case(&app, "Rosa Díaz", navdesk::db::now()).await;
    let (closed_case, _) = common::staff::new_case(&app, "Luis Díaz", navdesk::db::now()).await;
    for (case, status) in [(open_case, "in_progress"), (closed_case, "closed")] {
        app.exec(
            "UPDATE cases SET navigator_id = $1, status = $2 WHERE id = $3",
            (nav_id, status, case),
        )
        .await;
    }

    // A good one: saved with its areas in one go; "active" unchecked makes it inactive.
    let good = post_with_csrf(
        &sup,
        &path,
        &[
            ("version", "1"),
            ("languages", "vi"),
            ("languages", "es"),
            ("skills", "device"),
            ("capacity", "30"),
            ("home_lat", "39.75"),
            ("home_lon", "-104.98"),
            ("travel_radius_km", "12.5"),
            ("areas", &montbello),
            ("areas", &five_points),
        ],
    )
    .await;
    assert_eq!(good.status(), 303);
    assert_eq!(location(&good), format!("{path}?saved=1"));
    type Profile = (
        String,
        String,
        i64,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        i64,
        i64,
    );
    let stored: Profile = app
        .row(
            "SELECT languages, skills, capacity, home_lat, home_lon, travel_radius_km, \
             active, version FROM navigators WHERE id = $1",
            (nav_id,),
        )
        .await;
    assert_eq!(
        stored,
        (
            "es,vi".to_owned(),
            "device".to_owned(),
            30,
            Some(39.75),
            Some(-104.98),
            Some(12.5),
            0,
            2
        )
    );
    let mut areas: Vec<i64> = app
        .all(
            "SELECT area_id FROM navigator_areas WHERE navigator_id = $1",
            (nav_id,),
        )
        .await;
    areas.sort_unstable();
    let mut want: Vec<i64> = vec![five_points.parse().unwrap(), montbello.parse().unwrap()];
    want.sort_unstable();
    assert_eq!(areas, want);
    assert_eq!(
        audit_actions(&app).await,
        vec![
            ("edit_navigator".to_owned(), Some(nav_user), None),
            ("release_case".to_owned(), None, None)
        ]
    );
    // Inactive now: the open case went back to the queue for matching; the closed one stays.
    let cases: Vec<(Option<i64>, String)> = app
        .rows(
            "SELECT navigator_id, status FROM cases WHERE id IN ($1, $2) ORDER BY id",
            (open_case, closed_case),
        )
        .await;
    assert_eq!(
        cases,
        vec![
            (None, "new".to_owned()),
            (Some(nav_id), "closed".to_owned())
        ]
    );
    let (_, page) = sup.page(&format!("{path}?saved=1")).await;
    assert!(page.contains("The navigator profile was saved."));
    assert!(page.contains("value=\"-104.98\""));
    let (_, list) = sup.page("/navigators").await;
    assert!(
        list.contains("Nia Nav") && list.contains("0 / 30"),
        "{list}"
    );

    // A form drawn before that save: 409, nothing changed, the current profile shown.
    let stale = post_with_csrf(
        &sup,
        &path,
        &[
            ("version", "1"),
            ("languages", "en"),
            ("skills", "internet"),
            ("capacity", "5"),
        ],
    )
    .await;
    assert_eq!(stale.status(), 409);
    let body = text(&stale.text().await.unwrap());
    assert!(body.contains("Someone else saved this first"));
    assert!(body.contains("value=\"30\""), "shows the saved capacity");
    let capacity: i64 = app
        .one("SELECT capacity FROM navigators WHERE id = $1", (nav_id,))
        .await;
    assert_eq!(capacity, 30);
    assert_eq!(app.count("navigator_areas").await, 2);

    // A profile for a navigator account that has none.
    let (_, page) = sup.page("/navigators/new").await;
    assert!(!page.contains("nav@navdesk.example"), "Nia has a profile");
    let newbie =
        common::staff::create_staff_in(&app.db, "new@navdesk.example", "Ned New", Role::Navigator)
            .await;
    let (_, page) = sup.page("/navigators/new").await;
    assert!(page.contains("Ned New (new@navdesk.example)"));
    let newbie_text = newbie.to_string();
    let created = post_with_csrf(
        &sup,
        "/navigators/new",
        &[
            ("user_id", &newbie_text),
            ("languages", "am"),
            ("skills", "tech_support"),
            ("capacity", "10"),
            ("active", "yes"),
            ("areas", &five_points),
        ],
    )
    .await;
    assert_eq!(created.status(), 303);
    let (languages, active): (String, i64) = app
        .row(
            "SELECT languages, active FROM navigators WHERE user_id = $1",
            (newbie,),
        )
        .await;
    assert_eq!((languages.as_str(), active), ("am", 1));
    // The same account again: refused, nothing added.
    let again = post_with_csrf(
        &sup,
        "/navigators/new",
        &[
            ("user_id", &newbie_text),
            ("languages", "am"),
            ("skills", "tech_support"),
            ("capacity", "10"),
        ],
    )
    .await;
    assert_eq!(again.status(), 422);
    assert_eq!(app.count("navigators").await, 2);
    // A supervisor's account cannot be given a navigator profile.
    let sup_id = app.user_id("sup@navdesk.example").await.to_string();
    let wrong = post_with_csrf(
        &sup,
        "/navigators/new",
        &[
            ("user_id", &sup_id),
            ("languages", "en"),
            ("skills", "device"),
            ("capacity", "10"),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(app.count("navigators").await, 2);
}

fn program_form<'a>(organization: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("organization", organization),
        ("name", name),
        ("description", "Low-cost home internet for families."),
        ("categories", "internet_plan"),
        ("max_income_pct_fpg", "200"),
        ("qualifying_benefits", "snap"),
        ("qualifying_benefits", "lifeline"),
        ("languages", "en"),
        ("languages", "es"),
        ("cost", "$9.95 a month"),
        ("url", "https://example.org/apply"),
        ("phone", "(303) 555-0188"),
        ("application_process", "Apply online."),
        ("capacity_available", ""),
        ("status", "active"),
    ]
}

async fn programs_are_added_changed_and_kept_unique(app: TestApp) {
    let nav = app.with_user(Role::Navigator).await;
    let sup = app.with_user(Role::Supervisor).await;
    let area_id = app.area("Five Points").await.to_string();

    let site_id: i64 = app
        .one(
            "INSERT INTO sites (name, address, lat, lon, created_at, updated_at) \
             VALUES ('Blair-Caldwell Library', '2401 Welton St, Denver, CO 80205', 39.7541, \
               -104.9776, 0, 0) RETURNING id",
            (),
        )
        .await;
    let site = site_id.to_string();
    let mut form = program_form("Comcast", "Internet Essentials");
    form.push(("areas", &area_id));
    form.push(("site", &site));
    let resp = post_with_csrf(&sup, "/programs/new", &form).await;
    assert_eq!(resp.status(), 303);
    let first: i64 = app
        .one(
            "SELECT id FROM programs WHERE name = 'Internet Essentials'",
            (),
        )
        .await;
    assert_eq!(location(&resp), format!("/programs/{first}?saved=1"));
    type Stored = (
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
        String,
    );
    let stored: Stored = app
        .row(
            "SELECT categories, qualifying_benefits, languages, max_income_pct_fpg, phone, \
                capacity_available, status FROM programs WHERE id = $1",
            (first,),
        )
        .await;
    assert_eq!(
        stored,
        (
            "internet_plan".to_owned(),
            "snap,lifeline".to_owned(),
            "en,es".to_owned(),
            Some(200),
            Some("+13035550188".to_owned()),
            None,
            "active".to_owned()
        )
    );
    assert_eq!(app.count("program_areas").await, 1);
    let stored_site: Option<i64> = app
        .one("SELECT site_id FROM programs WHERE id = $1", (first,))
        .await;
    assert_eq!(stored_site, Some(site_id));
    // The edit form shows the site chosen.
    let (_, page) = sup.page(&format!("/programs/{first}")).await;
    assert!(
        page.contains(&format!("value=\"{site_id}\" selected")),
        "{page}"
    );

    // Navigators read it; they cannot change it.
    let (status, list) = nav.page("/programs").await;
    assert_eq!(status, 200);
    assert!(list.contains("Internet Essentials") && list.contains("Not limited"));
    let (status, page) = nav.page(&format!("/programs/{first}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Comcast") && page.contains("+13035550188"));
    assert!(page.contains("Blair-Caldwell Library"), "the site's name");
    assert!(
        !page.contains("name=\"organization\""),
        "no form for navigators"
    );

    // The same organization and name again: a field error, not a 500; nothing stored.
    let resp = post_with_csrf(
        &sup,
        "/programs/new",
        &program_form("Comcast", "Internet Essentials"),
    )
    .await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("This organization already has a program with this name"));
    assert!(
        body.contains("value=\"Internet Essentials\""),
        "values kept"
    );
    assert_eq!(app.count("programs").await, 1);

    // Bad fields: 422, values kept, nothing stored.
    let mut bad = program_form("PCs for People", "Laptops");
    bad.retain(|(k, _)| *k != "url" && *k != "capacity_available");
    bad.push(("url", "javascript:alert(1)"));
    bad.push(("capacity_available", "-3"));
    bad.push(("site", "999999"));
    let resp = post_with_csrf(&sup, "/programs/new", &bad).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Choose a site from the list"));
    assert!(body.contains("value=\"javascript:alert(1)\"") && body.contains("value=\"-3\""));
    assert!(body.contains("Enter a web address starting with http:// or https://"));
    assert_eq!(app.count("programs").await, 1);

    // A second program, then an edit that would clash with the first.
    let mut second = program_form("Comcast", "Internet Essentials Plus");
    second.retain(|(k, _)| *k != "capacity_available");
    second.push(("capacity_available", "12"));
    let resp = post_with_csrf(&sup, "/programs/new", &second).await;
    assert_eq!(resp.status(), 303);
    let second_id: i64 = app
        .one(
            "SELECT id FROM programs WHERE name = 'Internet Essentials Plus'",
            (),
        )
        .await;
    let path = format!("/programs/{second_id}");
    let (_, page) = sup.page(&path).await;
    let version = hidden(&page, "version");
    let mut clash = program_form("Comcast", "Internet Essentials");
    clash.push(("version", &version));
    let resp = post_with_csrf(&sup, &path, &clash).await;
    assert_eq!(resp.status(), 422);
    let name: String = app
        .one("SELECT name FROM programs WHERE id = $1", (second_id,))
        .await;
    assert_eq!(name, "Internet Essentials Plus");

    // A good edit: saved, areas replaced, audited.
    let mut edit = program_form("Comcast", "Internet Essentials Plus");
    edit.retain(|(k, _)| *k != "status");
    edit.push(("status", "inactive"));
    edit.push(("version", &version));
    let resp = post_with_csrf(&sup, &path, &edit).await;
    assert_eq!(resp.status(), 303);
    let (status, capacity): (String, Option<i64>) = app
        .row(
            "SELECT status, capacity_available FROM programs WHERE id = $1",
            (second_id,),
        )
        .await;
    assert_eq!((status.as_str(), capacity), ("inactive", None));
    let no_site: Option<i64> = app
        .one("SELECT site_id FROM programs WHERE id = $1", (second_id,))
        .await;
    assert_eq!(no_site, None, "a blank site stores no site");
    // The same stale form again: 409, nothing changed.
    let resp = post_with_csrf(
        &sup,
        &path,
        &second
            .iter()
            .copied()
            .chain([("version", version.as_str())])
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(resp.status(), 409);

    // Mark verified today.
    let resp = post_with_csrf(&sup, &format!("{path}/verify"), &[]).await;
    assert_eq!(resp.status(), 303);
    let verified: Option<i64> = app
        .one(
            "SELECT last_verified_at FROM programs WHERE id = $1",
            (second_id,),
        )
        .await;
    assert!(verified.is_some_and(|t| (t - navdesk::db::now()).abs() < 60));
    let (_, page) = sup.page(&format!("{path}?verified=1")).await;
    assert!(page.contains("The program is marked as checked today."));

    let actions: Vec<String> = audit_actions(&app).await.into_iter().map(|a| a.0).collect();
    assert_eq!(
        actions,
        [
            "create_program",
            "create_program",
            "edit_program",
            "verify_program"
        ]
    );
}

async fn disabling_an_account_ends_its_sessions_and_sign_in(app: TestApp) {
    let nav = app.with_user(Role::Navigator).await;
    let admin = app.with_user(Role::Admin).await;
    let nav_user = app.user_id("nav@navdesk.example").await;
    let admin_user = app.user_id("admin@navdesk.example").await;
    let (status, list) = admin.page("/users").await;
    assert_eq!(status, 200);
    assert!(list.contains("nav@navdesk.example") && list.contains("Disable Nia Nav"));
    assert!(
        !list.contains("Disable Ada Admin"),
        "no button to disable oneself"
    );

    let resp = post_with_csrf(&admin, &format!("/users/{nav_user}/disable"), &[]).await;
    assert_eq!(resp.status(), 303);
    let sessions: i64 = app
        .one(
            "SELECT COUNT(*) FROM sessions WHERE user_id = $1",
            (nav_user,),
        )
        .await;
    assert_eq!(sessions, 0, "the sessions ended at once");
    let resp = nav.get("/cases").await;
    assert_eq!(resp.status(), 303, "the open browser is signed out");
    let (status, _) = sign_in(&app, "nav@navdesk.example", PASSWORD).await;
    assert_eq!(status, 401, "a disabled account cannot sign in");
    let (_, list) = admin.page("/users").await;
    assert!(list.contains("Enable Nia Nav"));

    // An admin cannot disable themselves.
    let resp = post_with_csrf(&admin, &format!("/users/{admin_user}/disable"), &[]).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("You cannot disable your own account"));
    let (status, _) = admin.page("/users").await;
    assert_eq!(status, 200, "still signed in");

    let resp = post_with_csrf(&admin, &format!("/users/{nav_user}/enable"), &[]).await;
    assert_eq!(resp.status(), 303);
    let (status, _) = sign_in(&app, "nav@navdesk.example", PASSWORD).await;
    assert_eq!(status, 303, "enabled again");
    let resp = post_with_csrf(&admin, "/users/999999/disable", &[]).await;
    assert_eq!(resp.status(), 404);
    let (status, log) = admin.page("/audit").await;
    assert_eq!(status, 200);
    assert!(log.contains("Disabled a staff account") && log.contains("Enabled a staff account"));
    assert!(
        log.contains(&format!("Nia Nav ({nav_user})")),
        "names whose account"
    );
    assert_eq!(
        audit_actions(&app).await,
        vec![
            ("disable_user".to_owned(), Some(nav_user), None),
            ("enable_user".to_owned(), Some(nav_user), None)
        ]
    );
}

fn invite_path(body: &str) -> String {
    let at = body.find("/invite/").expect("an invite link");
    body[at..].split(['<', '"', ' ']).next().unwrap().to_owned()
}

async fn invite_links_set_a_password_once(app: TestApp) {
    let admin = app.with_user(Role::Admin).await;

    // Bad input first: 422, values kept, nobody created.
    let resp = post_with_csrf(
        &admin,
        "/users/new",
        &[
            ("email", "not-an-email"),
            ("name", "Rosa Ruiz"),
            ("role", "root"),
            ("language", "es"),
        ],
    )
    .await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Enter a valid email address") && body.contains("Choose a role"));
    assert!(body.contains("value=\"Rosa Ruiz\""));
    let resp = post_with_csrf(
        &admin,
        "/users/new",
        &[
            ("email", "admin@navdesk.example"),
            ("name", "Copy"),
            ("role", "admin"),
            ("language", "en"),
        ],
    )
    .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("already exists"));
    assert_eq!(app.count("users").await, 1);

    let resp = post_with_csrf(
        &admin,
        "/users/new",
        &[
            ("email", "Rosa@Navdesk.example"),
            ("name", "Rosa Ruiz"),
            ("role", "navigator"),
            ("language", "es"),
        ],
    )
    .await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    let path = invite_path(&body);
    assert!(
        body.contains(&format!("{}{path}", app.base)),
        "a whole link"
    );
    let token = path.trim_start_matches("/invite/").to_owned();
    let rosa = app.user_id("rosa@navdesk.example").await;
    let (hash, role, language): (Option<String>, String, String) = app
        .row(
            "SELECT password_hash, role, language FROM users WHERE id = $1",
            (rosa,),
        )
        .await;
    assert_eq!(
        (hash, role.as_str(), language.as_str()),
        (None, "navigator", "es")
    );
    let stored: String = app
        .one("SELECT id FROM invites WHERE user_id = $1", (rosa,))
        .await;
    assert_eq!(
        stored,
        navdesk::auth::session::token_id(&token),
        "only the hash is kept"
    );

    // Rosa opens the link in her own browser.
    let rosa_browser = app.anonymous();
    let (status, page) = rosa_browser.page(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("rosa@navdesk.example"));
    let good = "a long new passphrase";
    let resp = rosa_browser
        .post(
            &path,
            &[("new_password", good), ("new_password_confirm", good)],
        )
        .await;
    assert_eq!(resp.status(), 403, "no CSRF token");
    let (_, page) = rosa_browser.page(&path).await;
    let csrf_again = hidden(&page, "csrf_token");
    assert!(!csrf_again.is_empty());
    let resp = rosa_browser
        .post(
            &path,
            &[
                ("csrf_token", csrf_again.as_str()),
                ("new_password", "short"),
                ("new_password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("at least 12 characters"));
    let hash: Option<String> = app
        .one("SELECT password_hash FROM users WHERE id = $1", (rosa,))
        .await;
    assert!(hash.is_none(), "nothing set yet");

    let resp = rosa_browser
        .post(
            &path,
            &[
                ("csrf_token", csrf_again.as_str()),
                ("new_password", good),
                ("new_password_confirm", good),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), "/cases");
    let (status, page) = rosa_browser.page("/cases").await;
    assert_eq!(status, 200, "signed in");
    assert!(page.contains("Rosa Ruiz"));

    // Used: the link is dead, whether opened or posted again.
    let again = browser();
    let resp = again.get(app.url(&path)).send().await.unwrap();
    assert_eq!(resp.status(), 404);
    assert!(text(&resp.text().await.unwrap()).contains("This link does not work"));
    let resp = rosa_browser
        .post(
            &path,
            &[
                ("csrf_token", csrf_again.as_str()),
                ("new_password", "another long passphrase"),
                ("new_password_confirm", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 404);
    let (status, _) = sign_in(&app, "rosa@navdesk.example", good).await;
    assert_eq!(status, 303, "the first password stands");

    // Expired and unknown links answer the same page.
    let (_, old_token) = navdesk::auth::create_invited_user(
        &app.db,
        &navdesk::auth::InvitedUser {
            email: "late@navdesk.example",
            name: "Late",
            role: Role::Navigator,
            language: navdesk::i18n::Lang::EN,
        },
        None,
        navdesk::db::now() - 8 * 24 * 3600,
    )
    .await
    .unwrap();
    for path in [
        format!("/invite/{old_token}"),
        "/invite/nonsense".to_owned(),
    ] {
        let resp = app.get(&path).await;
        assert_eq!(resp.status(), 404, "{path}");
        assert!(text(&resp.text().await.unwrap()).contains("This link does not work"));
    }
    // Without a password, no password signs in.
    let (status, _) = sign_in(&app, "late@navdesk.example", "any long password at all").await;
    assert_eq!(status, 401);

    let actions: Vec<(String, Option<i64>, Option<i64>)> = audit_actions(&app).await;
    assert_eq!(
        actions,
        vec![
            ("create_user".to_owned(), Some(rosa), None),
            ("accept_invite".to_owned(), Some(rosa), None)
        ]
    );
}

on_both_backends!(
    each_role_reaches_only_its_pages,
    a_form_without_its_csrf_token_is_refused_and_changes_nothing,
    navigator_profiles_are_edited_and_kept,
    programs_are_added_changed_and_kept_unique,
    disabling_an_account_ends_its_sessions_and_sign_in,
    invite_links_set_a_password_once,
);
