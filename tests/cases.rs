//! The staff caseload over HTTP, on SQLite and on PostgreSQL: who sees which case, taking a
//! case (once), notes, status changes, stale forms, CSRF, and signing in first.

mod common;

use common::location;

use common::staff::{browser, hidden, new_case, new_case_by, text, Person, ANA, BEN, DANA};
use common::TestApp;
use navdesk::cases::store::Val;
use navdesk::db::now;
use navdesk::domain::Channel;

const IDA: Person = Person::admin("root@navdesk.example", "Ida Admin");

/// (status, navigator row, version, number of events) of a case.
async fn state(app: &TestApp, case_id: i64) -> (String, Option<i64>, i64, i64) {
    let (status, navigator, version): (String, Option<i64>, i64) = app
        .row(
            "SELECT status, navigator_id, version FROM cases WHERE id = $1",
            (case_id,),
        )
        .await;
    let events = app.events(case_id).await;
    (status, navigator, version, events)
}

async fn a_navigator_sees_their_cases_and_the_queue_only(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let day = 86_400;
    let (mine, mine_code) = new_case(&app, "Rosa Díaz", now() - 3 * day).await;
    let (older, older_code) = new_case(&app, "Luis Gómez", now() - 5 * day).await;
    let (bens, bens_code) = new_case(&app, "Marta Ruiz", now() - day).await;
    let (queued, queued_code) = new_case(&app, "Tomás Vega", now() - 2 * day).await;
    app.assign(mine, &ana, "assigned").await;
    app.assign(older, &ana, "assigned").await;
    app.assign(bens, &ben, "assigned").await;

    let (status, body) = ana.page("/cases").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Signed in as Ana Navarro (navigator)"),
        "{body}"
    );
    assert!(body.contains("2 open cases are assigned to you"), "{body}");
    assert!(
        body.contains("One request is waiting for a navigator"),
        "{body}"
    );
    assert!(body.contains("My open cases") && body.contains("Waiting for a navigator"));
    let (at_older, at_mine, at_queued) = (
        body.find(&older_code).expect("older case listed"),
        body.find(&mine_code).expect("my case listed"),
        body.find(&queued_code).expect("queued case listed"),
    );
    assert!(at_older < at_mine, "oldest first");
    assert!(at_mine < at_queued, "my cases, then the queue");
    assert!(!body.contains(&bens_code), "not another navigator's case");
    for shown in [
        "Five Points",
        "Internet at home",
        "Español",
        "Assigned",
        "5 days",
        "3 days",
    ] {
        assert!(body.contains(shown), "{shown} in {body}");
    }
    assert!(body.contains(&format!("action=\"/cases/{queued}/take\"")));
    assert!(!body.contains(&format!("action=\"/cases/{mine}/take\"")));
    // Sign-out still works from the caseload.
    assert!(body.contains("action=\"/logout\""));

    let (status, body) = ana.page(&format!("/cases/{mine}")).await;
    assert_eq!(status, 200);
    for shown in [
        "Rosa Díaz",
        "+13035550123",
        "resident@example.org",
        "Español",
        "Text message",
        "Five Points",
        "80205",
        "Internet at home, A computer or tablet",
        "Necesito internet para la escuela.",
        "Large print",
        "Request received",
        "Add a note",
        "Change the status",
    ] {
        assert!(body.contains(shown), "{shown} in {body}");
    }
    // The unassigned case: readable, with a take button but no forms to change it.
    let (status, body) = ana.page(&format!("/cases/{queued}")).await;
    assert_eq!(status, 200);
    assert!(body.contains(&format!("action=\"/cases/{queued}/take\"")));
    assert!(!body.contains("/notes\""));

    for hidden_case in [
        format!("/cases/{bens}"),
        "/cases/999999".into(),
        "/cases/x".into(),
    ] {
        let (status, body) = ana.page(&hidden_case).await;
        assert_eq!(status, 404, "{hidden_case}");
        assert!(!body.contains("Marta Ruiz"));
    }
    // She may take the unassigned case but not work on it before she has.
    let token = ana.csrf().await;
    let resp = ana
        .post(
            &format!("/cases/{queued}/notes"),
            &[("csrf_token", &token), ("version", "1"), ("note", "hi")],
        )
        .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(state(&app, queued).await, ("new".into(), None, 1, 1));
    // Nor can she write to another navigator's case: the same 404.
    let resp = ana
        .post(
            &format!("/cases/{bens}/notes"),
            &[("csrf_token", &token), ("version", "1"), ("note", "hi")],
        )
        .await;
    assert_eq!(resp.status(), 404);
    assert_eq!(state(&app, bens).await.3, 1, "only the created event");

    // In Spanish.
    let (_, body) = ana.page("/cases?lang=es").await;
    assert!(body.contains("Mis casos abiertos"), "{body}");
    assert!(body.contains("Esperando a un navegador"), "{body}");
    app.stop().await;
}

async fn a_case_is_taken_once(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    let path = format!("/cases/{id}/take");

    let token = ana.csrf().await;
    let resp = ana.post(&path, &[("csrf_token", &token)]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), format!("/cases/{id}"));
    let (status, navigator, version, events) = state(&app, id).await;
    assert_eq!(status, "assigned");
    assert_eq!(navigator, ana.navigator_id);
    assert_eq!((version, events), (2, 2));
    let (kind, actor): (String, Option<i64>) = app
        .row(
            "SELECT kind, actor_user_id FROM case_events WHERE case_id = \
             $1 ORDER BY id DESC LIMIT 1",
            (id,),
        )
        .await;
    assert_eq!(kind, "assignment");
    assert!(actor.is_some());
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(body.contains("Took the case"), "{body}");
    assert!(body.contains("Ana Navarro"));

    // Ben saw it in the queue a moment ago; his take fails cleanly and changes nothing.
    let token = ben.csrf().await;
    let resp = ben.post(&path, &[("csrf_token", &token)]).await;
    assert_eq!(resp.status(), 409);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Another navigator took this case"), "{body}");
    assert_eq!(
        state(&app, id).await,
        ("assigned".into(), ana.navigator_id, 2, 2)
    );
    assert_eq!(ben.page(&format!("/cases/{id}")).await.0, 404);
    let (_, body) = ben.page("/cases").await;
    assert!(body.contains("You have no open cases."), "{body}");
    assert!(
        body.contains("No request is waiting for a navigator."),
        "{body}"
    );

    // A case that does not exist cannot be taken.
    let resp = ben
        .post("/cases/999999/take", &[("csrf_token", &token)])
        .await;
    assert_eq!(resp.status(), 404);
    app.stop().await;
}

async fn navigators_taking_at_once_get_it_once(app: TestApp) {
    let mut navigators = Vec::new();
    for i in 0..5 {
        let (email, name) = (format!("nav{i}@navdesk.example"), format!("Nav {i}"));
        let who = app.with_user(Person::navigator(&email, &name)).await;
        let token = who.csrf().await;
        navigators.push((who, token));
    }
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    let url = format!("{}/cases/{id}/take", app.base);
    let mut tasks = tokio::task::JoinSet::new();
    for (who, token) in &navigators {
        let (client, url) = (who.client.clone(), url.clone());
        let body = format!("csrf_token={token}");
        tasks.spawn(async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("POST")
                .status()
                .as_u16()
        });
    }
    let mut statuses = tasks.join_all().await;
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409, 409, 409, 409]);
    let assignments: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'assignment'",
            (id,),
        )
        .await;
    assert_eq!(assignments, 1);
    app.stop().await;
}

async fn notes_and_status_changes(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "assigned").await;
    let case = format!("/cases/{id}");

    let (_, body) = ana.page(&case).await;
    let token = hidden(&body, "csrf_token");
    let version = hidden(&body, "version");
    // Assigned: the form offers only "in progress".
    assert!(body.contains("value=\"in_progress\""));
    assert!(!body.contains("value=\"closed\""));

    let resp = ana
        .post(
            &format!("{case}/notes"),
            &[
                ("csrf_token", &token),
                ("version", &version),
                ("note", "Called Rosa.\nShe prefers mornings."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    // Back to the case, at the entry the change wrote.
    assert!(
        location(&resp).starts_with(&format!("{case}#event-")),
        "{}",
        location(&resp)
    );
    let (_, body) = ana.page(&case).await;
    let timeline = &body[body.find("Timeline").unwrap()..];
    assert!(timeline.contains("Ana Navarro"), "{timeline}");
    assert!(timeline.contains("Added a note"));
    assert!(
        timeline.contains("Called Rosa.<br>She prefers mornings."),
        "{timeline}"
    );

    // An empty note is refused.
    let version = hidden(&body, "version");
    let before = state(&app, id).await;
    let resp = ana
        .post(
            &format!("{case}/notes"),
            &[
                ("csrf_token", &token),
                ("version", &version),
                ("note", "  "),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Write the note first"));
    assert_eq!(state(&app, id).await, before);

    // An allowed move: assigned → in progress.
    let resp = ana
        .post(
            &format!("{case}/status"),
            &[
                ("csrf_token", &token),
                ("version", &version),
                ("status", "in_progress"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let after = state(&app, id).await;
    assert_eq!(after.0, "in_progress");
    assert_eq!((after.2, after.3), (before.2 + 1, before.3 + 1));
    let (_, body) = ana.page(&case).await;
    assert!(
        body.contains("Changed the status from Assigned to In progress"),
        "{body}"
    );

    // A move the rules do not allow: in progress → closed.
    let version = hidden(&body, "version");
    for refused in ["closed", "new", "assigned", "nonsense"] {
        let resp = ana
            .post(
                &format!("{case}/status"),
                &[
                    ("csrf_token", &token),
                    ("version", &version),
                    ("status", refused),
                ],
            )
            .await;
        assert_eq!(resp.status(), 422, "{refused}");
        assert!(text(&resp.text().await.unwrap()).contains("cannot move there"));
        assert_eq!(state(&app, id).await, after, "{refused} changed nothing");
    }

    // A form drawn before someone else's change: 409, nothing changes, the note is kept.
    let stale = (after.2 - 1).to_string();
    let resp = ana
        .post(
            &format!("{case}/notes"),
            &[
                ("csrf_token", &token),
                ("version", &stale),
                ("note", "My typed note"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 409);
    let body = text(&resp.text().await.unwrap());
    assert!(
        body.contains("This case changed while you had it open"),
        "{body}"
    );
    assert!(body.contains(">My typed note</textarea>"), "{body}");
    assert_eq!(
        hidden(&body, "version"),
        after.2.to_string(),
        "a fresh form"
    );
    let resp = ana
        .post(
            &format!("{case}/status"),
            &[
                ("csrf_token", &token),
                ("version", &stale),
                ("status", "referred"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 409);
    assert_eq!(state(&app, id).await, after);

    // Resolved, closed, and reopened: each step from the fresh form, each on the timeline.
    // Closing needs a reason: without one, nothing changes.
    let (_, body) = ana.page(&case).await;
    ana.post(
        &format!("{case}/status"),
        &[
            ("csrf_token", &token),
            ("version", &hidden(&body, "version")),
            ("status", "resolved"),
        ],
    )
    .await;
    let (_, body) = ana.page(&case).await;
    let before = state(&app, id).await;
    let resp = ana
        .post(
            &format!("{case}/status"),
            &[
                ("csrf_token", &token),
                ("version", &hidden(&body, "version")),
                ("status", "closed"),
                ("close_reason", ""),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Choose why the case is being closed"));
    assert_eq!(state(&app, id).await, before);
    for (next, reason) in [("closed", "unreachable"), ("in_progress", "")] {
        let (_, body) = ana.page(&case).await;
        let resp = ana
            .post(
                &format!("{case}/status"),
                &[
                    ("csrf_token", &token),
                    ("version", &hidden(&body, "version")),
                    ("status", next),
                    ("close_reason", reason),
                ],
            )
            .await;
        assert_eq!(resp.status(), 303, "{next}");
        assert_eq!(state(&app, id).await.0, next);
        let stored: Option<String> = app
            .one("SELECT close_reason FROM cases WHERE id = $1", (id,))
            .await;
        // The reason belongs to the close; reopening clears it (the timeline keeps it).
        assert_eq!(stored.as_deref(), (!reason.is_empty()).then_some(reason));
    }
    let (resolved_at, closed_at): (Option<i64>, Option<i64>) = app
        .row(
            "SELECT resolved_at, closed_at FROM cases WHERE id = $1",
            (id,),
        )
        .await;
    assert!(resolved_at.is_some() && closed_at.is_some());
    let (_, body) = ana.page(&case).await;
    assert!(
        body.contains("Changed the status from Closed to In progress"),
        "{body}"
    );
    assert!(
        text(&body).contains("Closed the case (was Resolved): Could not reach the resident"),
        "{body}"
    );
    app.stop().await;
}

async fn staff_posts_need_the_csrf_token(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (queued, _) = new_case(&app, "Tomás Vega", now()).await;
    let (mine, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(mine, &ana, "assigned").await;
    let before = (state(&app, queued).await, state(&app, mine).await);
    for (path, fields) in [
        (format!("/cases/{queued}/take"), vec![]),
        (
            format!("/cases/{mine}/notes"),
            vec![("version", "1"), ("note", "x")],
        ),
        (
            format!("/cases/{mine}/status"),
            vec![("version", "1"), ("status", "in_progress")],
        ),
    ] {
        let mut with_wrong = fields.clone();
        with_wrong.push(("csrf_token", "not-the-token"));
        for form in [fields, with_wrong] {
            let resp = ana.post(&path, &form).await;
            assert_eq!(resp.status(), 403, "{path} {form:?}");
        }
    }
    assert_eq!((state(&app, queued).await, state(&app, mine).await), before);
    app.stop().await;
}

async fn a_supervisor_sees_every_open_case(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let dana = app.with_user(DANA).await;
    let (assigned, assigned_code) = new_case(&app, "Rosa Díaz", now()).await;
    let (_, queued_code) = new_case(&app, "Tomás Vega", now()).await;
    let (closed, closed_code) = new_case(&app, "Luis Gómez", now()).await;
    app.assign(assigned, &ana, "assigned").await;
    app.exec(
        "UPDATE cases SET status = 'closed' WHERE id = $1",
        (closed,),
    )
    .await;

    let (status, body) = dana.page("/cases").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Signed in as Dana Brooks (supervisor)"),
        "{body}"
    );
    assert!(body.contains("2 open cases"), "{body}");
    assert!(body.contains(&assigned_code) && body.contains(&queued_code));
    assert!(!body.contains(&closed_code), "closed cases are not open");
    assert!(body.contains("Ana Navarro") && body.contains("Not assigned yet"));
    // Every case, also a closed one, opens for a supervisor, who may work on it.
    assert_eq!(dana.page(&format!("/cases/{closed}")).await.0, 200);
    let (status, body) = dana.page(&format!("/cases/{assigned}")).await;
    assert_eq!(status, 200);
    let resp = dana
        .post(
            &format!("/cases/{assigned}/notes"),
            &[
                ("csrf_token", &hidden(&body, "csrf_token")),
                ("version", &hidden(&body, "version")),
                ("note", "Checked in with Ana."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (_, body) = dana.page(&format!("/cases/{assigned}")).await;
    assert!(body.contains("Checked in with Ana."), "{body}");
    // A supervisor without a navigator profile has no caseload of their own to take into.
    let (_, queued) = dana.page("/cases").await;
    assert!(!queued.contains("/take\""), "no take buttons");
    app.stop().await;
}

async fn caseloads_come_fifty_to_a_page(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let start = now() - 1000;
    let mut codes = Vec::new();
    for i in 0..51 {
        codes.push(new_case(&app, "Resident", start + i).await.1);
    }
    let (_, first) = ana.page("/cases").await;
    assert!(first.contains("51 requests are waiting for a navigator"));
    assert!(first.contains("Page 1 of 2"));
    assert!(first.contains(&codes[0]) && first.contains(&codes[49]));
    assert!(!first.contains(&codes[50]));
    let (_, second) = ana.page("/cases?page=2").await;
    assert!(second.contains(&codes[50]) && !second.contains(&codes[0]));
    assert!(second.contains("Page 2 of 2"));
    assert_eq!(ana.page("/cases?page=banana").await.0, 200);
    app.stop().await;
}

/// A caller waiting for a call back is at the top of the caseload, marked, with the number to
/// dial; once someone has been in touch, the case takes its usual place.
async fn phone_callers_waiting_come_first(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let dana = app.with_user(DANA).await;
    let day = 86_400;
    let (_, old_web) = new_case(&app, "Rosa Díaz", now() - 5 * day).await;
    let (_, texted) = new_case_by(&app, "Luis Gómez", now() - 4 * day, Channel::Sms).await;
    let (called, called_code) = new_case_by(&app, "Marta Ruiz", now() - 3600, Channel::Phone).await;
    let (mine_web, mine_web_code) = new_case(&app, "Tomás Vega", now() - 3 * day).await;
    let (mine_called, mine_called_code) =
        new_case_by(&app, "Eva Luna", now() - day, Channel::Phone).await;
    app.assign(mine_web, &ana, "assigned").await;
    app.assign(mine_called, &ana, "assigned").await;
    let dial = "href=\"tel:+13035550123\"";

    let (status, page) = ana.page("/cases").await;
    assert_eq!(status, 200);
    // Her day counts both callers (see tests/caseload_day.rs); here, her lists below it.
    let (day, body) = page.split_at(page.find("id=\"cases-mine\"").unwrap());
    assert!(day.contains("2 call-backs"), "{day}");
    let at = |code: &str| {
        body.find(code)
            .unwrap_or_else(|| panic!("{code} in {body}"))
    };
    // Her own caller first (before an older case that is overdue), then the queue's caller
    // before requests days older.
    assert!(at(&mine_called_code) < at(&mine_web_code), "{body}");
    assert!(at(&mine_web_code) < at(&called_code));
    assert!(at(&called_code) < at(&old_web) && at(&called_code) < at(&texted));
    assert_eq!(body.matches("Call back").count(), 2, "{body}");
    assert_eq!(body.matches(dial).count(), 2, "{body}");
    let row_of = |code: &str| {
        let start = at(code);
        body[start..start + body[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row_of(&called_code).contains("Call back"));
    assert!(
        !row_of(&texted).contains("Call back"),
        "a text is not a call-back"
    );
    // Showing a number to dial is a view of the resident's data.
    let seen: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'view_call_back' AND case_id = $1",
            (called,),
        )
        .await;
    assert_eq!(seen, 1);

    // The case page names the channel and the number to dial.
    let (_, page) = ana.page(&format!("/cases/{mine_called}")).await;
    assert!(
        page.contains("<dt>Came in by</dt><dd>Phone call</dd>"),
        "{page}"
    );
    assert!(page.contains("Call back: this caller is waiting") && page.contains(dial));
    let (_, es) = ana.page(&format!("/cases/{mine_web}?lang=es")).await;
    assert!(
        es.contains("<dt>Llegó por</dt><dd>Formulario web</dd>"),
        "{es}"
    );
    ana.page("/cases?lang=en").await;

    // Once she has called, the case is worked like any other.
    let resp = ana
        .post(
            &format!("/cases/{mine_called}/contacts"),
            &[
                ("csrf_token", &hidden(&page, "csrf_token")),
                ("version", &hidden(&page, "version")),
                ("channel", "phone"),
                ("contact_note", "Called back; booked a visit."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (_, page) = ana.page("/cases").await;
    let body = &page[page.find("id=\"cases-mine\"").unwrap()..];
    assert_eq!(body.matches("Call back").count(), 1, "{body}");
    assert!(body.find(&mine_web_code) < body.find(&mine_called_code));

    // A supervisor's unassigned queue starts with the caller too; the list filters by channel.
    let (_, body) = dana.page("/cases?navigator=none").await;
    let first = |body: &str| body.find(&called_code).unwrap() < body.find(&old_web).unwrap();
    assert!(first(&body) && body.contains(dial), "{body}");
    let (_, body) = dana.page("/cases?channel=sms").await;
    assert!(body.contains(&texted) && !body.contains(&old_web) && !body.contains(&called_code));
    assert!(
        body.contains("<option value=\"sms\" selected>Text message</option>"),
        "{body}"
    );
    let (_, body) = dana.page("/cases?channel=phone").await;
    assert!(body.contains(&called_code) && body.contains(&mine_called_code));
    assert!(!body.contains(&texted) && !body.contains(&mine_web_code));
    app.stop().await;
}

async fn cases_need_a_session(app: TestApp) {
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    for path in ["/cases".to_owned(), format!("/cases/{id}")] {
        let resp = app.get(&path).await;
        assert_eq!(resp.status(), 303, "{path}");
        assert!(location(&resp).starts_with("/login?next="), "{path}");
    }
    let resp = app
        .post_form(&format!("/cases/{id}/take"), &[("csrf_token", "x")])
        .await;
    assert_eq!(resp.status(), 303);
    assert!(location(&resp).starts_with("/login"));
    assert_eq!(state(&app, id).await.0, "new");
    app.stop().await;
}

/// The plan lines the database makes for `sql` with `binds`; on PostgreSQL with sequential
/// scans discouraged, so a plan without an index means no index fits the query.
async fn plan(app: &TestApp, sql: &str, binds: &[Val]) -> Vec<String> {
    use sqlx::Row;
    let mut tx = app.db.pool.begin().await.unwrap();
    let explain = match app.db.backend {
        navdesk::db::Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
        navdesk::db::Backend::Postgres => {
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut *tx)
                .await
                .unwrap();
            format!("EXPLAIN {sql}")
        }
    };
    let mut query = sqlx::query(&explain);
    for b in binds {
        query = match b {
            Val::Int(i) => query.bind(*i),
            Val::Text(t) => query.bind(t.clone()),
        };
    }
    let rows = query.fetch_all(&mut *tx).await.unwrap();
    tx.rollback().await.unwrap();
    rows.iter()
        .map(|r| {
            let column = match app.db.backend {
                navdesk::db::Backend::Sqlite => "detail",
                navdesk::db::Backend::Postgres => "QUERY PLAN",
            };
            r.try_get::<String, _>(column).unwrap()
        })
        .collect()
}

async fn every_caseload_query_uses_an_index(app: TestApp) {
    use navdesk::cases::store::{
        call_back_query, count_query, list_query, Filter, List, NavigatorFilter, Search,
        StatusFilter,
    };
    use navdesk::domain::staff::QueueProfile;
    let now = now();
    let lists = [
        List::Mine(1),
        List::Queue(QueueProfile {
            navigator_id: 1,
            languages: vec!["en".into(), "es".into()],
            skills: vec![navdesk::domain::Need::Internet],
        }),
        List::All(Filter::default()),
        List::All(Filter {
            status: StatusFilter::One(navdesk::domain::CaseStatus::New),
            need: Some(navdesk::domain::Need::Device),
            waiting_days: Some(3),
            ..Filter::default()
        }),
        List::All(Filter {
            navigator: Some(NavigatorFilter::Is(1)),
            ..Filter::default()
        }),
        List::All(Filter {
            navigator: Some(NavigatorFilter::Unassigned),
            channel: Some(navdesk::domain::Channel::Phone),
            ..Filter::default()
        }),
        List::All(Filter {
            status: StatusFilter::Any,
            search: Search::parse("ABCD EFGH"),
            ..Filter::default()
        }),
        List::All(Filter {
            status: StatusFilter::Any,
            search: Search::parse("(303) 555-0123"),
            ..Filter::default()
        }),
    ];
    // The day at a glance: a navigator's counts and due cases, and every navigator's load.
    let fcs = 48 * 3600;
    let day = [
        navdesk::cases::store::day_counts_query(1, now, fcs),
        navdesk::cases::store::day_lines_query(1, now, fcs),
        navdesk::cases::store::navigator_loads_query(now, fcs),
    ];
    let queries = lists.iter().flat_map(|which| {
        [
            list_query(which, 1, now, fcs),
            count_query(which, now),
            call_back_query(which, now, app.db.backend),
        ]
    });
    for (sql, binds) in queries.chain(day) {
        let plan = plan(&app, &sql, &binds).await;
        let on_cases: Vec<_> = plan
            .iter()
            .filter(|line| line.contains(" c ") || line.ends_with(" c") || line.contains("cases"))
            .collect();
        assert!(
            on_cases.iter().any(|line| line.contains("INDEX cases_")
                || line.contains("INDEX sqlite_autoindex_cases")
                || line.contains("Index Scan using cases_")
                || line.contains("Index Only Scan using cases_")
                || line.contains("Bitmap Index Scan on cases_")),
            "{sql}\n{plan:#?}"
        );
        assert!(
            !plan
                .iter()
                .any(|line| line == "SCAN c" || line.contains("Seq Scan on cases")),
            "{sql} scans every case: {plan:#?}"
        );
    }
    for which in lists {
        // Call-backs are few: they are read from their own small index, not from the list's.
        if app.db.backend == navdesk::db::Backend::Sqlite {
            let (sql, binds) = call_back_query(&which, now, app.db.backend);
            let plan = plan(&app, &sql, &binds).await;
            assert!(
                plan.iter().any(|l| l.contains("INDEX cases_call_back")),
                "{plan:#?}"
            );
        }
    }
    app.stop().await;
}

async fn first_contact_at(app: &TestApp, case_id: i64) -> Option<i64> {
    app.one(
        "SELECT first_contact_at FROM cases WHERE id = $1",
        (case_id,),
    )
    .await
}

async fn contacts_are_logged(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "assigned").await;
    let case = format!("/cases/{id}");
    let contacts = format!("{case}/contacts");
    assert_eq!(first_contact_at(&app, id).await, None);
    let (_, body) = ana.page(&case).await;
    assert!(
        body.contains("<dt>First contact</dt><dd>Not yet</dd>"),
        "{body}"
    );

    // The first contact sets the first contact time and lands on the timeline.
    let (_, body) = ana.page(&case).await;
    let token = hidden(&body, "csrf_token");
    let before = state(&app, id).await;
    let resp = ana
        .post(
            &contacts,
            &[
                ("csrf_token", &token),
                ("version", &hidden(&body, "version")),
                ("channel", "phone"),
                ("contact_note", "Left a voicemail."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert!(location(&resp).starts_with(&format!("{case}#event-")));
    let after = state(&app, id).await;
    assert_eq!((after.2, after.3), (before.2 + 1, before.3 + 1));
    let first = first_contact_at(&app, id).await.expect("first contact set");
    let data: String = app
        .one(
            "SELECT data FROM case_events WHERE case_id = $1 AND kind = 'contact'",
            (id,),
        )
        .await;
    assert!(data.contains("\"channel\":\"phone\""), "{data}");
    let (_, body) = ana.page(&case).await;
    let timeline = &body[body.find("Timeline").unwrap()..];
    assert!(
        timeline.contains("Contacted the resident: Phone call"),
        "{timeline}"
    );
    assert!(timeline.contains("Left a voicemail."), "{timeline}");
    assert!(!body.contains("<dd>Not yet</dd>"), "{body}");

    // A second contact (no note) does not move it.
    sqlx::query("UPDATE cases SET first_contact_at = first_contact_at - 100 WHERE id = $1")
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let resp = ana
        .post(
            &contacts,
            &[
                ("csrf_token", &token),
                ("version", &hidden(&body, "version")),
                ("channel", "in_person"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(first_contact_at(&app, id).await, Some(first - 100));

    // A stale version or an unknown channel: nothing changes.
    let before = state(&app, id).await;
    let stale = (before.2 - 1).to_string();
    let resp = ana
        .post(
            &contacts,
            &[
                ("csrf_token", &token),
                ("version", &stale),
                ("channel", "text"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 409);
    let current = before.2.to_string();
    let resp = ana
        .post(
            &contacts,
            &[
                ("csrf_token", &token),
                ("version", &current),
                ("channel", "fax"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Choose how you were in touch"));

    // Missing or wrong CSRF token: 403.
    for form in [
        vec![("version", current.as_str()), ("channel", "text")],
        vec![
            ("csrf_token", "not-the-token"),
            ("version", current.as_str()),
            ("channel", "text"),
        ],
    ] {
        let resp = ana.post(&contacts, &form).await;
        assert_eq!(resp.status(), 403, "{form:?}");
    }

    // A navigator who may not act on the case cannot log one (nor learn that it exists).
    let ben_token = ben.csrf().await;
    let resp = ben
        .post(
            &contacts,
            &[
                ("csrf_token", &ben_token),
                ("version", &current),
                ("channel", "text"),
            ],
        )
        .await;
    assert_eq!(
        resp.status(),
        404,
        "a case assigned to someone else stays hidden"
    );
    assert_eq!(state(&app, id).await, before);
    assert_eq!(first_contact_at(&app, id).await, Some(first - 100));
    app.stop().await;
}

/// (user, action, case, resident) of every audit row, oldest first.
async fn audit_rows(app: &TestApp) -> Vec<(i64, String, Option<i64>, Option<i64>)> {
    app.rows(
        "SELECT user_id, action, case_id, resident_id FROM audit_log ORDER BY id",
        (),
    )
    .await
}

async fn views_and_changes_are_audited(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ana_id = app.user_id("ana@navdesk.example").await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    let resident: i64 = app
        .one("SELECT resident_id FROM cases WHERE id = $1", (id,))
        .await;
    app.assign(id, &ana, "assigned").await;
    let case = format!("/cases/{id}");
    assert!(
        audit_rows(&app).await.is_empty(),
        "the caseload list is not a case view"
    );

    // Viewing the case writes one row with the viewer.
    let (status, body) = ana.page(&case).await;
    assert_eq!(status, 200);
    let view = (ana_id, "view_case".to_owned(), Some(id), Some(resident));
    assert_eq!(audit_rows(&app).await, vec![view.clone()]);

    // A change writes its row; a refused one writes none.
    let token = hidden(&body, "csrf_token");
    let version = hidden(&body, "version");
    let resp = ana
        .post(
            &format!("{case}/notes"),
            &[
                ("csrf_token", &token),
                ("version", &version),
                ("note", "Hi"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let resp = ana
        .post(
            &format!("{case}/contacts"),
            &[
                ("csrf_token", &token),
                ("version", &version),
                ("channel", "phone"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 409);
    // The conflict page shows the resident's data again: that is a view too.
    let note = (ana_id, "add_note".to_owned(), Some(id), Some(resident));
    assert_eq!(
        audit_rows(&app).await,
        vec![view.clone(), note.clone(), view.clone()]
    );

    // A case the user may not see writes nothing.
    let ben = app.with_user(BEN).await;
    assert_eq!(ben.page(&case).await.0, 404);
    assert_eq!(audit_rows(&app).await, vec![view.clone(), note, view]);
    app.stop().await;
}

async fn only_admins_read_the_audit_log(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let dana = app
        .with_user(Person::supervisor(
            "dana@navdesk.example",
            "Dana Supervisor",
        ))
        .await;
    let root = app.with_user(IDA).await;
    let (mine, mine_code) = new_case(&app, "Rosa Díaz", now()).await;
    let (queued, queued_code) = new_case(&app, "Tomás Vega", now()).await;
    app.assign(mine, &ana, "assigned").await;
    assert_eq!(ana.page(&format!("/cases/{mine}")).await.0, 200);
    assert_eq!(ben.page(&format!("/cases/{queued}")).await.0, 200);

    for who in [&ana, &dana] {
        let (status, body) = who.page("/audit").await;
        assert_eq!(status, 403, "{body}");
        assert!(!body.contains(&mine_code));
    }
    assert_eq!(
        location(
            &browser()
                .get(format!("{}/audit", app.base))
                .send()
                .await
                .unwrap()
        ),
        "/login?next=%2Faudit"
    );

    let (status, body) = root.page("/audit").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("Ana Navarro") && body.contains("Ben Okafor"),
        "{body}"
    );
    assert!(body.contains(&mine_code) && body.contains(&queued_code));
    assert!(body.contains("Viewed the case"));

    let ben_id = app.user_id("ben@navdesk.example").await;
    let (status, body) = root.page(&format!("/audit?user={ben_id}")).await;
    assert_eq!(status, 200);
    assert!(
        body.contains(&queued_code) && !body.contains(&mine_code),
        "{body}"
    );
    assert!(!body.contains("Ana Navarro"));

    let (status, body) = root
        .page(&format!("/audit?case={}", mine_code.to_lowercase()))
        .await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Ana Navarro") && !body.contains("Ben Okafor"),
        "{body}"
    );

    let (_, body) = root.page("/audit?user=nobody").await;
    assert!(body.contains("Nothing has been recorded that matches."));
    app.stop().await;
}

async fn the_audit_log_comes_a_hundred_to_a_page(app: TestApp) {
    let root = app.with_user(IDA).await;
    let root_id = app.user_id("root@navdesk.example").await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    for i in 0..105 {
        navdesk::db::audit::record(&app.db, root_id, "view_case", id, 1_000 + i)
            .await
            .unwrap();
    }
    let (_, first) = root.page("/audit").await;
    assert_eq!(first.matches("Viewed the case").count(), 100);
    assert!(first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""));
    let (_, second) = root.page("/audit?page=2").await;
    assert_eq!(second.matches("Viewed the case").count(), 5);
    assert!(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
    app.stop().await;
}

on_both_backends!(
    every_caseload_query_uses_an_index,
    a_navigator_sees_their_cases_and_the_queue_only,
    a_case_is_taken_once,
    navigators_taking_at_once_get_it_once,
    notes_and_status_changes,
    staff_posts_need_the_csrf_token,
    a_supervisor_sees_every_open_case,
    caseloads_come_fifty_to_a_page,
    cases_need_a_session,
    phone_callers_waiting_come_first,
    contacts_are_logged,
    views_and_changes_are_audited,
    only_admins_read_the_audit_log,
    the_audit_log_comes_a_hundred_to_a_page,
);
