//! Lending from the case page, on SQLite and PostgreSQL: a navigator lends a hotspot (due in the
//! city's time zone), extends it, checks it in broken (to repair), gives a Chromebook, marks a
//! loan lost; each change writes the device's status and history, the timeline and the
//! outcome's "device received". Bad input (a past due date, a device in repair, lost, retired
//! or already out, a closed case, another case's loan) is refused with a clear message and
//! stores nothing; and one device goes to exactly one of 100 cases pressed at once across two
//! app instances.

mod common;

use common::loans::{day, device, shown, status};
use common::staff::{hidden, new_case, text, Staff, ANA, BEN};
use common::{location, Backend, TestApp};

/// A case of Ana's, a device program, and Ana signed in.
async fn setup(app: &TestApp) -> (Staff, i64, i64) {
    let ana = app.with_user(ANA).await;
    let (case, _) = new_case(app, "Rosa Díaz", navdesk::db::now()).await;
    app.assign(case, &ana, "in_progress").await;
    let program = app.program("City IT", "Hotspot lending").await;
    (ana, case, program)
}

async fn lend(who: &Staff, case: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    who.post_case(case, "devices", fields).await
}

async fn change(who: &Staff, case: i64, loan: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    let path = format!("devices/{loan}");
    who.post_case(case, &path, fields).await
}

async fn device_actions(app: &TestApp, device: i64) -> Vec<String> {
    app.all(
        "SELECT action FROM device_events WHERE device_id = $1 ORDER BY id",
        (device,),
    )
    .await
}

async fn lend_extend_check_in_give_and_lose(app: TestApp) {
    let (ana, case, program) = setup(&app).await;
    let hotspot = device(&app, "HS-0001", "hotspot", program, "available").await;
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    assert!(
        page.contains("HS-0001 · hotspot · Hotspot lending"),
        "{page}"
    );

    let due = day(14);
    let resp = lend(
        &ana,
        case,
        &[
            ("device", &hotspot.to_string()),
            ("how", "loan"),
            ("due_on", &due),
        ],
    )
    .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), format!("/cases/{case}#act-devices"));
    assert_eq!(status(&app, hotspot).await, "on_loan");
    let (loan, kind, due_on, language): (i64, String, Option<String>, String) = app
        .row(
            "SELECT id, kind, due_on, language FROM loans WHERE case_id = $1",
            (case,),
        )
        .await;
    assert_eq!(
        (kind.as_str(), due_on.as_deref(), language.as_str()),
        ("loan", Some(due.as_str()), "es")
    );
    assert_eq!(device_actions(&app, hotspot).await, ["lent"]);
    let received: String = app
        .one(
            "SELECT device_type FROM outcomes WHERE case_id = $1",
            (case,),
        )
        .await;
    assert_eq!(received, "hotspot");
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    assert!(
        page.contains(&format!(
            "HS-0001 (hotspot): lent, due back {}",
            shown(&due)
        )),
        "{page}"
    );
    assert!(page.contains(&format!("Lent HS-0001 (hotspot), due back {}", shown(&due))));
    assert!(!page.contains("HS-0001 · hotspot"), "no longer in stock");

    let later = day(30);
    let resp = change(
        &ana,
        case,
        loan,
        &[("action", "extend"), ("due_on", &later)],
    )
    .await;
    assert_eq!(resp.status(), 303);
    let (due_on, extensions): (String, i64) = app
        .row(
            "SELECT due_on, extensions FROM loans WHERE id = $1",
            (loan,),
        )
        .await;
    assert_eq!((due_on, extensions), (later.clone(), 1));

    let resp = change(
        &ana,
        case,
        loan,
        &[("action", "return"), ("condition", "broken")],
    )
    .await;
    assert_eq!(resp.status(), 303);
    let (device_status, condition): (String, String) = app
        .row(
            "SELECT status, condition FROM devices WHERE id = $1",
            (hotspot,),
        )
        .await;
    assert_eq!(
        (device_status.as_str(), condition.as_str()),
        ("in_repair", "broken")
    );
    let ended: (Option<String>, Option<String>) = app
        .row(
            "SELECT ended_how, return_condition FROM loans WHERE id = $1",
            (loan,),
        )
        .await;
    assert_eq!(ended, (Some("returned".into()), Some("broken".into())));
    assert_eq!(
        device_actions(&app, hotspot).await,
        ["lent", "extended", "returned"]
    );
    // The device's own page tells its history in words.
    let (_, history) = ana.page(&format!("/devices/{hotspot}")).await;
    for action in ["Lent to a resident", "Loan extended", "Checked in"] {
        assert!(history.contains(action), "{action}: {history}");
    }
    // Checked in twice (a second tab): the second is told, nothing changes.
    let resp = change(
        &ana,
        case,
        loan,
        &[("action", "return"), ("condition", "good")],
    )
    .await;
    assert_eq!(resp.status(), 409);
    assert!(text(&resp.text().await.unwrap()).contains("That loan has already ended"));
    assert_eq!(status(&app, hotspot).await, "in_repair");

    let chromebook = device(&app, "CB-0007", "chromebook", program, "available").await;
    let resp = lend(
        &ana,
        case,
        &[
            ("device", &chromebook.to_string()),
            ("how", "gift"),
            ("due_on", ""),
        ],
    )
    .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(status(&app, chromebook).await, "given");
    let received: String = app
        .one(
            "SELECT device_type FROM outcomes WHERE case_id = $1",
            (case,),
        )
        .await;
    assert_eq!(received, "laptop");

    let tablet = device(&app, "TB-0003", "tablet", program, "available").await;
    let resp = lend(
        &ana,
        case,
        &[
            ("device", &tablet.to_string()),
            ("how", "loan"),
            ("due_on", &day(0)),
        ],
    )
    .await;
    assert_eq!(resp.status(), 303, "due today is allowed");
    let tablet_loan: i64 = app
        .one("SELECT id FROM loans WHERE device_id = $1", (tablet,))
        .await;
    let resp = change(&ana, case, tablet_loan, &[("action", "lost")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(status(&app, tablet).await, "lost");
    let kinds: Vec<String> = app
        .all(
            "SELECT kind FROM case_events WHERE case_id = $1 AND kind LIKE 'device_%' ORDER BY id",
            (case,),
        )
        .await;
    assert_eq!(
        kinds,
        [
            "device_lent",
            "device_extended",
            "device_returned",
            "device_given",
            "device_lent",
            "device_lost"
        ]
    );
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    assert!(
        page.contains(&format!(
            "HS-0001 (hotspot): checked in on {}, broken (goes to repair)",
            shown(&day(0))
        )),
        "{page}"
    );
    assert!(page.contains("CB-0007 (Chromebook): given to keep"));
    assert!(page.contains(&format!(
        "TB-0003 (tablet): marked lost on {}",
        shown(&day(0))
    )));
}

async fn bad_input_is_refused_and_stores_nothing(app: TestApp) {
    let (ana, case, program) = setup(&app).await;
    let hotspot = device(&app, "HS-0001", "hotspot", program, "available").await;
    let id = hotspot.to_string();
    let before = app.events(case).await;
    let (past, soon) = (day(-1), day(3));
    for (fields, field_message) in [
        (
            vec![
                ("device", id.as_str()),
                ("how", "loan"),
                ("due_on", past.as_str()),
            ],
            "Enter a due date from today up to a year ahead",
        ),
        (
            vec![("device", id.as_str()), ("how", "loan"), ("due_on", "")],
            "Enter a due date from today up to a year ahead",
        ),
        (
            vec![("device", id.as_str()), ("due_on", soon.as_str())],
            "Choose whether to lend or give the device",
        ),
        (
            vec![("device", ""), ("how", "gift")],
            "Choose a device in stock",
        ),
    ] {
        let resp = lend(&ana, case, &fields).await;
        assert_eq!(resp.status(), 422, "{fields:?}");
        let body = text(&resp.text().await.unwrap());
        assert!(body.contains(field_message), "{fields:?}: {body}");
    }
    for (state, message) in [
        ("in_repair", "That device is in repair and cannot be lent"),
        ("lost", "That device is marked lost and cannot be lent"),
        ("retired", "That device is retired and cannot be lent"),
        ("on_loan", "That device was just lent to someone else"),
        ("reserved", "That device is set aside (reserved)"),
    ] {
        let other = device(&app, &format!("X-{state}"), "laptop", program, state).await;
        let resp = lend(
            &ana,
            case,
            &[("device", &other.to_string()), ("how", "gift")],
        )
        .await;
        assert_eq!(resp.status(), 409, "{state}");
        assert!(
            text(&resp.text().await.unwrap()).contains(message),
            "{state}"
        );
        assert_eq!(status(&app, other).await, state);
    }
    assert_eq!(app.count("loans").await, 0);
    assert_eq!(app.count("device_events").await, 0);
    assert_eq!(app.events(case).await, before);
    assert_eq!(status(&app, hotspot).await, "available");

    // Another case's loan cannot be changed from this case's page.
    let (other_case, _) = new_case(&app, "Other Resident", navdesk::db::now()).await;
    app.assign(other_case, &ana, "in_progress").await;
    let resp = lend(
        &ana,
        other_case,
        &[("device", &id), ("how", "loan"), ("due_on", &day(7))],
    )
    .await;
    assert_eq!(resp.status(), 303);
    let loan: i64 = app.one("SELECT id FROM loans", ()).await;
    let resp = change(&ana, case, loan, &[("action", "lost")]).await;
    assert_eq!(resp.status(), 409);
    let resp = change(
        &ana,
        other_case,
        loan,
        &[("action", "extend"), ("due_on", &day(-2))],
    )
    .await;
    assert_eq!(resp.status(), 422);
    assert_eq!(status(&app, hotspot).await, "on_loan");

    // A closed case lends nothing; a navigator who does not hold the case changes nothing.
    app.exec("UPDATE cases SET status = 'closed' WHERE id = $1", (case,))
        .await;
    let spare = device(&app, "HS-0002", "hotspot", program, "available").await;
    let resp = lend(
        &ana,
        case,
        &[("device", &spare.to_string()), ("how", "gift")],
    )
    .await;
    assert_eq!(resp.status(), 422);
    let ben = app.with_user(BEN).await;
    let token = ben.csrf().await;
    let resp = ben
        .post(
            &format!("/cases/{other_case}/devices/{loan}"),
            &[("csrf_token", &token), ("version", "1"), ("action", "lost")],
        )
        .await;
    assert_eq!(resp.status(), 404);
    assert_eq!(status(&app, hotspot).await, "on_loan");
    assert_eq!(status(&app, spare).await, "available");
}

/// 100 cases, each pressing "lend" for the same hotspot at once, half on each of two
/// instances: exactly one gets it, 99 are told it was just lent, and one loan is stored.
async fn one_device_goes_to_exactly_one_of_100(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let a = common::spawn_on(&url, |_| {}).await;
    let b = common::spawn_on(&url, |_| {}).await;
    let (ana, _, program) = setup(&a).await;
    let hotspot = device(&a, "HS-0001", "hotspot", program, "available").await;
    let mut cases = Vec::new();
    for i in 0..100 {
        let (case, _) = new_case(&a, &format!("Resident {i}"), navdesk::db::now()).await;
        a.assign(case, &ana, "in_progress").await;
        cases.push(case);
    }
    let (_, page) = ana.page(&format!("/cases/{}", cases[0])).await;
    let token = hidden(&page, "csrf_token");
    let due = day(10);
    let tries: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let app = if i % 2 == 0 { &a } else { &b };
            let url = app.url(&format!("/cases/{case}/devices"));
            let client = ana.client.clone();
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs([
                    ("csrf_token", token.as_str()),
                    ("version", "1"),
                    ("device", &hotspot.to_string()),
                    ("how", "loan"),
                    ("due_on", &due),
                ])
                .finish();
            tokio::spawn(async move {
                client
                    .post(url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tries {
        answers.push(t.await.unwrap());
    }
    let won = answers.iter().filter(|&&s| s == 303).count();
    let refused = answers.iter().filter(|&&s| s == 409).count();
    assert_eq!((won, refused), (1, 99), "{answers:?}");
    assert_eq!(a.count("loans").await, 1);
    assert_eq!(device_actions(&a, hotspot).await, ["lent"]);
    assert_eq!(status(&a, hotspot).await, "on_loan");
    let events: i64 = a
        .one(
            "SELECT COUNT(*) FROM case_events WHERE kind = 'device_lent'",
            (),
        )
        .await;
    assert_eq!(events, 1);
    let outcomes: i64 = a
        .one(
            "SELECT COUNT(*) FROM outcomes WHERE device_type = 'hotspot'",
            (),
        )
        .await;
    assert_eq!(outcomes, 1);
}

/// The lending form offers the stock of programs the case is referred to first, then what is
/// kept nearest the resident, then what is kept nowhere in particular, at most 50.
async fn stock_is_offered_referred_first_then_nearest(app: TestApp) {
    let (ana, case, program) = setup(&app).await;
    let other = app.program("Library", "Laptop lending").await;
    app.exec(
        "UPDATE residents SET lat = 39.75, lon = -104.98 \
         WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
        (case,),
    )
    .await;
    let site = |name: &'static str, lat: f64| {
        let app = &app;
        async move {
            let id: i64 = app
                .one(
                    "INSERT INTO sites (name, lat, lon, active, created_at, updated_at) \
                     VALUES ($1, $2, -104.98, 1, 0, 0) RETURNING id",
                    (name, lat),
                )
                .await;
            id
        }
    };
    let (near, far) = (
        site("Near Library", 39.76).await,
        site("Far Library", 39.95).await,
    );
    let kept = |tag: &'static str, program: i64, site: Option<i64>| {
        let app = &app;
        async move {
            let id = device(app, tag, "laptop", program, "available").await;
            app.exec("UPDATE devices SET site_id = $1 WHERE id = $2", (site, id))
                .await;
        }
    };
    kept("FAR-1", program, Some(far)).await;
    kept("NEAR-1", program, Some(near)).await;
    kept("LOOSE-1", program, None).await;
    kept("REF-1", other, Some(far)).await;
    for i in 0..60 {
        device(
            &app,
            &format!("BULK-{i:02}"),
            "tablet",
            program,
            "available",
        )
        .await;
    }
    app.exec(
        "INSERT INTO referrals (case_id, program_id, status, created_at, updated_at) \
         VALUES ($1, $2, 'referred', 0, 0)",
        (case, other),
    )
    .await;
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    let order: Vec<&str> = ["REF-1", "NEAR-1", "FAR-1", "LOOSE-1"]
        .into_iter()
        .filter(|t| page.contains(&format!(">{t} · ")))
        .collect();
    assert_eq!(order, ["REF-1", "NEAR-1", "FAR-1", "LOOSE-1"]);
    let at = |t: &str| page.find(&format!(">{t} · ")).unwrap();
    assert!(
        at("REF-1") < at("NEAR-1") && at("NEAR-1") < at("FAR-1") && at("FAR-1") < at("LOOSE-1")
    );
    let offered = page
        .split("id=\"f-device\"")
        .nth(1)
        .unwrap()
        .split("</select>")
        .next()
        .unwrap();
    assert_eq!(
        offered.matches("<option").count(),
        51,
        "50 devices and the prompt"
    );
    // With 50 devices offered the page still weighs under 30 KB, before compression.
    assert!(page.len() < 30_000, "{} bytes", page.len());
}

/// The demo lends a few of its devices in stock: one late back, one given, one returned.
async fn the_demo_lends_a_few(app: TestApp) {
    navdesk::demo::seed(&app.db).await.unwrap().expect("seeded");
    let program: i64 = app.one("SELECT MIN(id) FROM programs", ()).await;
    for i in 0..5 {
        device(&app, &format!("DEMO-{i}"), "hotspot", program, "available").await;
    }
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let made = navdesk::demo::loans::lend_some(&app.db, &tz, navdesk::db::now())
        .await
        .unwrap();
    assert_eq!(made, 5);
    let today = day(0);
    let late: i64 = app
        .one(
            "SELECT COUNT(*) FROM loans WHERE ended_at IS NULL AND due_on < $1",
            (today.as_str(),),
        )
        .await;
    assert!(late >= 1);
    assert!(app.count("loans WHERE kind = 'gift'").await >= 1);
    assert!(app.count("loans WHERE ended_how = 'returned'").await >= 1);
}

/// An outcome form drawn before a device was lent is stale when saved after: the navigator is
/// shown the conflict, and the device received that the loan filled stays.
async fn an_outcome_form_drawn_before_a_loan_does_not_write_over_it(app: TestApp) {
    let (ana, case, program) = setup(&app).await;
    let hotspot = device(&app, "HS-0009", "hotspot", program, "available").await;
    let (_, before) = ana.page(&format!("/cases/{case}")).await;
    let resp = lend(
        &ana,
        case,
        &[
            ("device", &hotspot.to_string()),
            ("how", "loan"),
            ("due_on", &day(14)),
        ],
    )
    .await;
    assert_eq!(resp.status(), 303);
    let resp = ana
        .post(
            &format!("/cases/{case}/outcome"),
            &[
                ("csrf_token", hidden(&before, "csrf_token").as_str()),
                ("version", hidden(&before, "version").as_str()),
                ("connected_at_home", "no"),
                ("device_type", ""),
            ],
        )
        .await;
    assert_eq!(resp.status(), 409);
    let received: String = app
        .one(
            "SELECT device_type FROM outcomes WHERE case_id = $1",
            (case,),
        )
        .await;
    assert_eq!(received, "hotspot");
}

on_both_backends!(
    lend_extend_check_in_give_and_lose,
    an_outcome_form_drawn_before_a_loan_does_not_write_over_it,
    bad_input_is_refused_and_stores_nothing,
    stock_is_offered_referred_first_then_nearest,
    the_demo_lends_a_few;
    one_device_goes_to_exactly_one_of_100,
);
