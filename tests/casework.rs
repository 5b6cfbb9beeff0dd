//! Working a case over HTTP, on SQLite and on PostgreSQL: referrals and their closed loop,
//! outcomes, follow-ups and what is due first, the queue each navigator sees, replies not yet
//! read, a supervisor's filters, search and reassignment, and requests taken by phone.

mod common;

use common::staff::{hidden, new_case, text, Person, Staff, ANA, BEN, DANA};
use common::TestApp;
use navdesk::db::now;
use navdesk::domain::{AgeBand, Benefit, Channel, ContactMethod, Need, PhoneNumber};
use navdesk::i18n::Lang;
use navdesk::intake::form::NewRequest;

const BOB: Person = Person::navigator("bob@navdesk.example", "Bob Ngata");
const SAM: Person = Person::supervisor("sam@navdesk.example", "Sam Ortiz");

/// A request in `language`, from `area` (or none), needing `needs`; its case id and code.
async fn request(
    app: &TestApp,
    name: &str,
    language: &str,
    area_name: Option<&str>,
    needs: &[Need],
    created_at: i64,
) -> (i64, String) {
    let area_id = match area_name {
        Some(a) => Some(app.area(a).await),
        None => None,
    };
    let request = NewRequest {
        name: name.to_owned(),
        phone: Some(PhoneNumber::parse("720-555-0199").unwrap()),
        email: None,
        contact_method: ContactMethod::Call,
        language: Lang::parse(language).unwrap(),
        address: None,
        zip: None,
        area_id,
        needs: needs.to_vec(),
        household_size: None,
        monthly_income: None,
        benefits: vec![],
        age_band: None,
        race_ethnicity: vec![],
        veteran: None,
        disability: None,
        accessibility: vec![],
        details: String::new(),
        sms_consent: false,
    };
    let code = navdesk::intake::store::insert_request(&app.db, &request, Channel::Web, created_at)
        .await
        .unwrap();
    let id = app
        .one("SELECT id FROM cases WHERE ref_code = $1", (code.as_str(),))
        .await;
    (id, code.to_string())
}

async fn program(app: &TestApp, name: &str, capacity: Option<i64>) -> i64 {
    app.one(
        "INSERT INTO programs (organization, name, categories, capacity_available) \
         VALUES ('Denver Public Library', $1, 'device', $2) RETURNING id",
        (name, capacity),
    )
    .await
}

/// (version, number of timeline events) of a case.
async fn version_and_events(app: &TestApp, case_id: i64) -> (i64, i64) {
    let version = app
        .one("SELECT version FROM cases WHERE id = $1", (case_id,))
        .await;
    let events = app.events(case_id).await;
    (version, events)
}

async fn referrals_close_the_loop(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    let (other, _) = new_case(&app, "Tomás Vega", now()).await;
    app.assign(id, &ana, "in_progress").await;
    app.assign(other, &ana, "in_progress").await;
    let laptops = program(&app, "Laptop loan", Some(0)).await;
    let hotspots = program(&app, "Hotspot lending", None).await;

    // A program with no places left is offered, and marked as such.
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(
        body.contains("Laptop loan (Denver Public Library) · no places left now"),
        "{body}"
    );

    let resp = ana
        .post_case(
            id,
            "referrals",
            &[
                ("program", &laptops.to_string()),
                ("referral_status", "referred"),
                ("referral_note", "Called the branch"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (status, note): (String, String) = app
        .row(
            "SELECT status, note FROM referrals WHERE case_id = $1 AND program_id = $2",
            (id, laptops),
        )
        .await;
    assert_eq!(
        (status.as_str(), note.as_str()),
        ("referred", "Called the branch")
    );

    // Bad input changes nothing: a second referral to the same program, an unknown program,
    // an unknown status.
    let before = version_and_events(&app, id).await;
    for (fields, message) in [
        (
            vec![
                ("program", laptops.to_string()),
                ("referral_status", "referred".into()),
            ],
            "already has a referral to that program",
        ),
        (
            vec![
                ("program", "99999".into()),
                ("referral_status", "referred".into()),
            ],
            "Choose one of the programs in the list",
        ),
        (
            vec![
                ("program", hotspots.to_string()),
                ("referral_status", "maybe".into()),
            ],
            "Choose one of the statuses offered",
        ),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let resp = ana.post_case(id, "referrals", &fields).await;
        assert_eq!(resp.status(), 422, "{fields:?}");
        assert!(
            text(&resp.text().await.unwrap()).contains(message),
            "{message}"
        );
        assert_eq!(version_and_events(&app, id).await, before);
    }

    // The loop: referred → applied → enrolled, each on the timeline.
    let referral: i64 = app
        .one("SELECT id FROM referrals WHERE case_id = $1", (id,))
        .await;
    for to in ["applied", "enrolled"] {
        let resp = ana
            .post_case(id, &format!("referrals/{referral}"), &[("status", to)])
            .await;
        assert_eq!(resp.status(), 303, "{to}");
    }
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    let body = text(&body);
    assert!(body.contains("Referred to Laptop loan: Referred"), "{body}");
    assert!(body.contains("Referral to Laptop loan moved from Referred to Applied"));
    assert!(body.contains("Referral to Laptop loan moved from Applied to Enrolled"));

    // Another case's referral is not this case's: 404, nothing changes.
    let before = version_and_events(&app, other).await;
    let resp = ana
        .post_case(
            other,
            &format!("referrals/{referral}"),
            &[("status", "denied")],
        )
        .await;
    assert_eq!(resp.status(), 404);
    assert_eq!(version_and_events(&app, other).await, before);

    // A stale form: 409, and the referral stays where it was.
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    let token = hidden(&body, "csrf_token");
    let resp = ana
        .post(
            &format!("/cases/{id}/referrals/{referral}"),
            &[
                ("csrf_token", &token),
                ("version", "1"),
                ("status", "withdrawn"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 409);
    let status: String = app
        .one("SELECT status FROM referrals WHERE id = $1", (referral,))
        .await;
    assert_eq!(status, "enrolled");
    app.stop().await;
}

/// An outcome row: connected, plan, cost, device, sessions, skill at intake and at close.
type OutcomeRow = (
    Option<i64>,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

async fn outcomes_are_recorded(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "in_progress").await;

    let before = version_and_events(&app, id).await;
    let resp = ana
        .post_case(
            id,
            "outcome",
            &[
                ("connected_at_home", "yes"),
                ("plan", "Internet Essentials"),
                ("monthly_cost", "ten dollars"),
                ("skill_at_close", "9"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    let body = resp.text().await.unwrap();
    assert!(text(&body).contains("Enter the monthly cost in dollars"));
    assert!(text(&body).contains("Choose a rating from 1 to 5"));
    // What was typed stays in the form.
    assert!(body.contains("value=\"ten dollars\""));
    assert!(body.contains("value=\"Internet Essentials\""));
    assert_eq!(version_and_events(&app, id).await, before);
    assert_eq!(app.count("outcomes").await, 0);

    let resp = ana
        .post_case(
            id,
            "outcome",
            &[
                ("connected_at_home", "yes"),
                ("plan", "Internet Essentials"),
                ("monthly_cost", "$9.95"),
                ("device_type", "laptop"),
                ("training_sessions", "3"),
                ("skill_at_intake", "2"),
                ("skill_at_close", "4"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let row: OutcomeRow = app
        .row(
            "SELECT connected_at_home, plan, monthly_cost_cents, \
             device_type, training_sessions, skill_at_intake, \
             skill_at_close FROM outcomes WHERE case_id = $1",
            (id,),
        )
        .await;
    assert_eq!(
        row,
        (
            Some(1),
            "Internet Essentials".into(),
            Some(995),
            Some("laptop".into()),
            Some(3),
            Some(2),
            Some(4)
        )
    );
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(text(&body).contains("Recorded the outcome"));
    assert!(body.contains("$9.95"), "the cost shown as money");

    // Recording again updates the one row; a blank answer means "not recorded".
    let resp = ana
        .post_case(
            id,
            "outcome",
            &[("connected_at_home", ""), ("device_type", "tablet")],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (connected, device): (Option<i64>, Option<String>) = app
        .row(
            "SELECT connected_at_home, device_type FROM outcomes WHERE case_id = $1",
            (id,),
        )
        .await;
    assert_eq!((connected, device.as_deref()), (None, Some("tablet")));
    assert_eq!(app.count("outcomes").await, 1);
    app.stop().await;
}

/// The reference codes of the rows of the first table after `heading`, in order.
fn refs_after(body: &str, heading: &str) -> Vec<String> {
    let at = body.find(heading).unwrap_or_else(|| panic!("{heading}"));
    let rest = &body[at..];
    let end = rest.find("</table>").unwrap_or(rest.len());
    rest[..end]
        .split("href=\"/cases/")
        .skip(1)
        .map(|s| {
            s.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn my_cases_come_in_the_order_they_are_due(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let day = 86_400;
    let (contacted, contacted_ref) = new_case(&app, "Contacted", now() - 10 * day).await;
    let (follow, follow_ref) = new_case(&app, "Follow up", now() - 9 * day).await;
    let (fresh, fresh_ref) = new_case(&app, "Fresh", now() - 60).await;
    let (overdue, overdue_ref) = new_case(&app, "Overdue", now() - 3 * day).await;
    for id in [contacted, follow, fresh, overdue] {
        app.assign(id, &ana, "in_progress").await;
    }
    app.exec(
        "UPDATE cases SET first_contact_at = $1 WHERE id IN ($2, $3)",
        (now() - 8 * day, contacted, follow),
    )
    .await;

    // A follow-up for today, set through the form; a date in the past is refused.
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("America/Denver").unwrap())
        .date();
    let yesterday = today.yesterday().unwrap().to_string();
    let before = version_and_events(&app, follow).await;
    let resp = ana
        .post_case(follow, "follow-up", &[("follow_up", &yesterday)])
        .await;
    assert_eq!(resp.status(), 422);
    assert_eq!(version_and_events(&app, follow).await, before);
    let resp = ana
        .post_case(follow, "follow-up", &[("follow_up", &today.to_string())])
        .await;
    assert_eq!(resp.status(), 303);

    let (_, body) = ana.page("/cases").await;
    assert_eq!(
        refs_after(&body, "My open cases"),
        [overdue_ref, follow_ref.clone(), fresh_ref, contacted_ref]
    );
    let body = text(&body);
    assert!(body.contains("First contact overdue"));
    assert!(body.contains("Follow-up due"));

    // Clearing the date: the case is no longer due.
    let resp = ana
        .post_case(follow, "follow-up", &[("follow_up", "")])
        .await;
    assert_eq!(resp.status(), 303);
    let (_, body) = ana.page("/cases").await;
    assert_eq!(refs_after(&body, "My open cases").last(), Some(&follow_ref));
    app.stop().await;
}

async fn the_queue_holds_what_a_navigator_can_help_with(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let five_points = app.area("Five Points").await;
    app.exec(
        "UPDATE navigators SET languages = 'en,am', skills = 'internet,tech_support' WHERE id = $1",
        (ana.navigator_id.unwrap(),),
    )
    .await;
    app.exec(
        "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
        (ana.navigator_id.unwrap(), five_points),
    )
    .await;
    let t = now();
    let (_, fits) = request(
        &app,
        "Fits",
        "am",
        Some("Five Points"),
        &[Need::Internet],
        t,
    )
    .await;
    let (_, no_area) = request(&app, "No area", "en", None, &[Need::TechSupport], t).await;
    let (lang_id, _) = request(
        &app,
        "Spanish",
        "es",
        Some("Five Points"),
        &[Need::Internet],
        t,
    )
    .await;
    let (area_id, _) = request(
        &app,
        "Elsewhere",
        "en",
        Some("Montbello"),
        &[Need::Internet],
        t,
    )
    .await;
    let (skill_id, _) = request(
        &app,
        "Device",
        "en",
        Some("Five Points"),
        &[Need::Internet, Need::Device],
        t,
    )
    .await;

    let (_, body) = ana.page("/cases").await;
    let mut queue = refs_after(&body, "Waiting for a navigator");
    queue.sort();
    let mut want = vec![fits, no_area];
    want.sort();
    assert_eq!(queue, want);
    assert!(
        text(&body).contains("2 requests are waiting for a navigator")
            || text(&body).contains("2 request"),
        "{body}"
    );

    // The others are not hers to see or take.
    let token = ana.csrf().await;
    for id in [lang_id, area_id, skill_id] {
        assert_eq!(ana.page(&format!("/cases/{id}")).await.0, 404);
        let resp = ana
            .post(&format!("/cases/{id}/take"), &[("csrf_token", &token)])
            .await;
        assert_eq!(resp.status(), 404);
        let navigator: Option<i64> = app
            .one("SELECT navigator_id FROM cases WHERE id = $1", (id,))
            .await;
        assert_eq!(navigator, None);
    }

    // A navigator with no areas covers the whole city.
    let ben = app.with_user(BEN).await;
    let (_, body) = ben.page("/cases").await;
    assert_eq!(
        refs_after(&body, "Waiting for a navigator").len(),
        4,
        "every area, es and en, all skills; not Amharic"
    );
    assert_eq!(ben.page(&format!("/cases/{area_id}")).await.0, 200);
    app.stop().await;
}

async fn replies_not_yet_read_are_flagged(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let dana = app.with_user(DANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now() - 100).await;
    app.assign(id, &ana, "in_progress").await;
    let (_, body) = ana.page("/cases").await;
    assert!(!text(&body).contains("New reply"));
    app.exec(
        "UPDATE cases SET last_reply_at = $1 WHERE id = $2",
        (now() - 5, id),
    )
    .await;
    let (_, body) = ana.page("/cases").await;
    assert!(text(&body).contains("New reply"));
    // A supervisor looking does not mark it read for the navigator.
    assert!(text(&dana.page(&format!("/cases/{id}")).await.1).contains("The resident has replied"));
    assert!(text(&ana.page("/cases").await.1).contains("New reply"));
    // The navigator opening the case does.
    assert!(text(&ana.page(&format!("/cases/{id}")).await.1).contains("The resident has replied"));
    assert!(!text(&ana.page("/cases").await.1).contains("New reply"));
    app.stop().await;
}

async fn supervisors_filter_and_search(app: TestApp) {
    let dana = app.with_user(DANA).await;
    let ana = app.with_user(ANA).await;
    let day = 86_400;
    let (old_es, old_es_ref) = request(
        &app,
        "María 100% López",
        "es",
        Some("Five Points"),
        &[Need::Device],
        now() - 10 * day,
    )
    .await;
    let (_, new_en_ref) = request(
        &app,
        "John Smith",
        "en",
        Some("Montbello"),
        &[Need::Internet],
        now(),
    )
    .await;
    let (closed, closed_ref) = request(
        &app,
        "Closed Case",
        "en",
        Some("Montbello"),
        &[Need::Internet],
        now() - 20 * day,
    )
    .await;
    app.exec(
        "UPDATE cases SET status = 'closed' WHERE id = $1",
        (closed,),
    )
    .await;
    app.assign(old_es, &ana, "in_progress").await;
    app.exec(
        "UPDATE residents SET phone = '+13035550188' WHERE id = \
         (SELECT resident_id FROM cases WHERE id = $1)",
        (old_es,),
    )
    .await;
    let montbello = app.area("Montbello").await;
    let ana_nav = ana.navigator_id.unwrap().to_string();

    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let table = [
        (String::new(), vec![old_es_ref.clone(), new_en_ref.clone()]),
        (
            "status=all".into(),
            vec![old_es_ref.clone(), new_en_ref.clone(), closed_ref.clone()],
        ),
        ("status=closed".into(), vec![closed_ref.clone()]),
        ("need=device".into(), vec![old_es_ref.clone()]),
        ("language=en".into(), vec![new_en_ref.clone()]),
        (format!("area={montbello}"), vec![new_en_ref.clone()]),
        (format!("navigator={ana_nav}"), vec![old_es_ref.clone()]),
        ("navigator=none".into(), vec![new_en_ref.clone()]),
        ("waiting=5".into(), vec![old_es_ref.clone()]),
        // Search: a code typed loosely, a phone written another way, part of a name in any case.
        (
            format!("q={}", old_es_ref.to_lowercase()),
            vec![old_es_ref.clone()],
        ),
        ("q=(303)+555-0188".into(), vec![old_es_ref.clone()]),
        ("q=smi".into(), vec![new_en_ref.clone()]),
        ("q=100%25".into(), vec![old_es_ref.clone()]),
        ("q=nobody".into(), vec![]),
        // A filter value that is not a choice filters nothing.
        (
            "need=flying".into(),
            vec![old_es_ref.clone(), new_en_ref.clone()],
        ),
    ];
    for (query, want) in table {
        let (status, body) = dana.page(&format!("/cases?{query}")).await;
        assert_eq!(status, 200, "{query}");
        let found = if body.contains("There are no open cases") || !body.contains("<table") {
            vec![]
        } else {
            refs_after(&body, "All open cases")
        };
        assert_eq!(sorted(found), sorted(want), "{query}");
    }
    // Pages keep the filters.
    let (_, body) = dana.page("/cases?language=en&status=all").await;
    assert!(
        body.contains("value=\"en\" lang=\"en\" selected"),
        "the form shows the filter"
    );
    app.stop().await;
}

async fn supervisors_reassign_one_or_many(app: TestApp) {
    let dana = app.with_user(DANA).await;
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let (a, _) = new_case(&app, "One", now()).await;
    let (b, _) = new_case(&app, "Two", now()).await;
    let (c, _) = new_case(&app, "Three", now()).await;
    app.assign(b, &ana, "in_progress").await;
    app.exec(
        "UPDATE cases SET status = 'closed', navigator_id = $1 WHERE id = $2",
        (ana.navigator_id.unwrap(), c),
    )
    .await;
    let token = dana.csrf().await;
    let ben_nav = ben.navigator_id.unwrap().to_string();
    let nav_of = |id: i64| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query_as::<_, (Option<i64>, String)>(
                "SELECT navigator_id, status FROM cases WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };

    // Nothing chosen, or no navigator: 422 and nothing changes.
    let resp = dana
        .post(
            "/cases/reassign",
            &[
                ("csrf_token", &token),
                ("navigator", &ben_nav),
                ("back", "/cases?need=device"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("Select at least one case"));
    let resp = dana
        .post(
            "/cases/reassign",
            &[
                ("csrf_token", &token),
                ("case", &a.to_string()),
                ("navigator", ""),
            ],
        )
        .await;
    assert_eq!(resp.status(), 422);
    assert_eq!(nav_of(a).await.0, None);

    // A navigator may not reassign.
    let ana_token = ana.csrf().await;
    let resp = ana
        .post(
            "/cases/reassign",
            &[
                ("csrf_token", &ana_token),
                ("case", &b.to_string()),
                ("navigator", &ben_nav),
            ],
        )
        .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(nav_of(b).await.0, ana.navigator_id);

    let resp = dana
        .post(
            "/cases/reassign",
            &[
                ("csrf_token", &token),
                ("case", &a.to_string()),
                ("case", &b.to_string()),
                ("case", &c.to_string()),
                ("navigator", &ben_nav),
                ("back", "/cases?need=device"),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(common::location(&resp), "/cases?need=device&reassigned=2");
    assert_eq!(
        nav_of(a).await,
        (ben.navigator_id, "assigned".into()),
        "a new case becomes assigned"
    );
    assert_eq!(
        nav_of(b).await,
        (ben.navigator_id, "in_progress".into()),
        "others keep their status"
    );
    assert_eq!(
        nav_of(c).await,
        (ana.navigator_id, "closed".into()),
        "a closed case is left alone"
    );
    let (_, body) = dana.page("/cases?need=device&reassigned=2").await;
    assert!(text(&body).contains("2 cases were reassigned."));
    let (_, body) = ben.page(&format!("/cases/{b}")).await;
    assert!(text(&body).contains("Assigned the case to Ben Okafor"));
    assert_eq!(
        ana.page(&format!("/cases/{b}")).await.0,
        404,
        "no longer hers"
    );
    let audited: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'reassign_case'",
            (),
        )
        .await;
    assert_eq!(audited, 2);

    // One case, from its page.
    let ana_nav = ana.navigator_id.unwrap().to_string();
    let resp = dana
        .post_case(a, "assign", &[("navigator", &ana_nav)])
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(nav_of(a).await.0, ana.navigator_id);
    app.stop().await;
}

async fn staff_record_requests_taken_by_phone(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (status, body) = ana.page("/cases/new").await;
    assert_eq!(status, 200);
    assert!(body.contains("action=\"/cases/new\""));
    let token = hidden(&body, "csrf_token");
    let mut form: Vec<(&str, &str)> = common::valid_form()
        .into_iter()
        .filter(|(k, _)| *k != "website")
        .collect();
    form.push(("csrf_token", &token));

    // Without saying how it came in, or how consent was given: 422, nothing stored.
    let resp = ana.post("/cases/new", &form).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Choose how the request came in"));
    assert!(body.contains("Say how the resident agreed to texts"));
    assert!(body.contains("value=\"Ana Pérez\""), "what was typed stays");
    assert_eq!(app.count("cases").await, 0);

    // The public form's own checks apply too.
    let mut bad = form.clone();
    bad.retain(|(k, _)| *k != "phone");
    bad.push(("phone", "call me"));
    bad.push(("channel", "phone"));
    bad.push(("consent_how", "verbal_phone"));
    let resp = ana.post("/cases/new", &bad).await;
    assert_eq!(resp.status(), 422);
    assert_eq!(app.count("cases").await, 0);

    // Without the CSRF token: 403.
    let no_token: Vec<_> = form
        .iter()
        .filter(|(k, _)| *k != "csrf_token")
        .cloned()
        .collect();
    assert_eq!(ana.post("/cases/new", &no_token).await.status(), 403);

    form.extend([
        ("channel", "phone"),
        ("consent_how", "verbal_phone"),
        ("assign_me", "yes"),
    ]);
    let resp = ana.post("/cases/new", &form).await;
    assert_eq!(resp.status(), 303);
    let to = common::location(&resp);
    let id: i64 = to.trim_start_matches("/cases/").parse().unwrap();
    let row: (String, Option<i64>, String, Option<String>, Option<i64>) = app
        .row(
            "SELECT c.channel, c.navigator_id, c.status, r.sms_consent_source, c.recorded_by \
         FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = $1",
            (id,),
        )
        .await;
    let ana_user: i64 = app
        .one(
            "SELECT id FROM users WHERE email = 'ana@navdesk.example'",
            (),
        )
        .await;
    assert_eq!(
        row,
        (
            "phone".into(),
            ana.navigator_id,
            "assigned".into(),
            Some("staff_verbal_phone".into()),
            Some(ana_user)
        )
    );
    let (status, body) = ana.page(&to).await;
    assert_eq!(status, 200);
    let body = text(&body);
    assert!(
        body.contains("<dt>Came in by</dt><dd>Phone call</dd>"),
        "{body}"
    );
    assert!(body.contains("Ana Pérez"));
    app.stop().await;
}

async fn supervisors_see_the_navigators_who_fit_best(app: TestApp) {
    let dana = app.with_user(DANA).await;
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let five_points = app.area("Five Points").await;
    // Ana speaks Spanish and covers Five Points; Ben speaks English only.
    sqlx::query("UPDATE navigators SET languages = 'en' WHERE id = $1")
        .bind(ben.navigator_id.unwrap())
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.exec(
        "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
        (ana.navigator_id.unwrap(), five_points),
    )
    .await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    let (_, body) = dana.page(&format!("/cases/{id}")).await;
    let body = text(&body);
    assert!(body.contains("Best navigators for this request"), "{body}");
    assert!(
        body.contains(
            "<strong>Ana Navarro</strong>: speaks Español, covers Five Points, 0 of 20 cases"
        ),
        "{body}"
    );
    assert!(
        !body.contains("Assign to Ben Okafor"),
        "Ben does not speak Spanish"
    );
    let resp = dana
        .post_case(
            id,
            "assign",
            &[("navigator", &ana.navigator_id.unwrap().to_string())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    // Assigned: no more suggestions.
    let (_, body) = dana.page(&format!("/cases/{id}")).await;
    assert!(!text(&body).contains("Best navigators for this request"));
    app.stop().await;
}

/// The form around the button with the accessible name `label` on a page: its action and
/// every field it posts, as a browser would send them.
fn form_of_button(body: &str, label: &str) -> Option<(String, Vec<(String, String)>)> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let marker = format!(" {name}=\"");
        let at = tag.find(&marker)? + marker.len();
        Some(
            tag[at..]
                .split('"')
                .next()?
                .replace("&quot;", "\"")
                .replace("&amp;", "&"),
        )
    };
    let button = body.find(&format!("aria-label=\"{label}\""))?;
    let start = body[..button].rfind("<form")?;
    let end = start + body[start..].find("</form>")?;
    let form = &body[start..end];
    let action = attr(&form[..form.find('>')?], "action")?;
    let fields = form
        .split("<input")
        .skip(1)
        .filter_map(|input| {
            let tag = &input[..input.find('>')?];
            Some((attr(tag, "name")?, attr(tag, "value").unwrap_or_default()))
        })
        .collect();
    Some((action, fields))
}

/// What the case page says about one program in its list of programs the household may
/// qualify for.
fn program_entry<'a>(body: &'a str, name: &str) -> &'a str {
    let list = &body[body
        .find("Programs this household may qualify for")
        .expect("the programs section")..];
    let list = &list[..list
        .find("id=\"referrals\"")
        .expect("the referrals after it")];
    let at = list
        .find(&format!("<strong>{name}</strong>"))
        .unwrap_or_else(|| panic!("{name} is listed"));
    let rest = &list[at..];
    &rest[..rest.find("<li><p><strong>").unwrap_or(rest.len())]
}

async fn post_form(
    who: &Staff,
    (action, fields): &(String, Vec<(String, String)>),
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    who.post(action, &fields).await
}

async fn rules_program(app: &TestApp, name: &str, rules: &str, values: &str) -> i64 {
    app.one(
        &format!(
            "INSERT INTO programs (organization, name, categories{rules}) \
         VALUES ('Denver Digital Equity', '{name}', 'device'{values}) RETURNING id"
        ),
        (),
    )
    .await
}

/// How many referrals a case has to `program`, and their status.
async fn referral_to(app: &TestApp, case_id: i64, program: i64) -> Vec<String> {
    app.all(
        "SELECT status FROM referrals WHERE case_id = $1 AND program_id = $2",
        (case_id, program),
    )
    .await
}

async fn a_program_match_becomes_a_referral_in_one_step(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let bob = app.with_user(BOB).await;
    let sam = app.with_user(SAM).await;
    let five_points = app.area("Five Points").await;
    app.exec(
        "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
        (bob.navigator_id.unwrap(), five_points),
    )
    .await;
    let lifeline = rules_program(
        &app,
        "Lifeline Plus",
        ", qualifying_benefits, max_income_pct_fpg",
        ", 'snap,medicaid', 135",
    )
    .await;
    let seniors = rules_program(&app, "Senior tablets", ", min_age", ", 65").await;
    let laptops = rules_program(&app, "Laptop loan", ", capacity_available", ", 0").await;
    // A Spanish-speaking household of three in Five Points that receives SNAP, aged 25 to 44.
    let household = NewRequest {
        name: "Rosa Díaz".into(),
        phone: Some(PhoneNumber::parse("720-555-0142").unwrap()),
        email: None,
        contact_method: ContactMethod::Call,
        language: Lang::parse("es").unwrap(),
        address: None,
        zip: None,
        area_id: Some(five_points),
        needs: vec![Need::Internet],
        household_size: Some(3),
        monthly_income: None,
        benefits: vec![Benefit::Snap],
        age_band: Some(AgeBand::A25To44),
        race_ethnicity: vec![],
        veteran: None,
        disability: None,
        accessibility: vec![],
        details: String::new(),
        sms_consent: false,
    };
    let code = navdesk::intake::store::insert_request(&app.db, &household, Channel::Web, now())
        .await
        .unwrap();
    let id: i64 = app
        .one("SELECT id FROM cases WHERE ref_code = $1", (code.as_str(),))
        .await;

    // Unassigned, the case is in Bob's queue: he sees the programs, but may not refer yet.
    let (status, body) = bob.page(&format!("/cases/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        program_entry(&body, "Lifeline Plus").contains("Eligible"),
        "{body}"
    );
    assert!(!body.contains("aria-label=\"Refer to "), "{body}");

    app.assign(id, &ana, "in_progress").await;
    let (status, body) = ana.page(&format!("/cases/{id}")).await;
    assert_eq!(status, 200);
    // Eligible first, then the rest; each with its reasons; a full program shown as such.
    let order: Vec<usize> = ["Laptop loan", "Lifeline Plus", "Senior tablets"]
        .iter()
        .map(|name| body.find(&format!("<strong>{name}</strong>")).unwrap())
        .collect();
    assert!(order.is_sorted(), "eligible before not eligible: {order:?}");
    let entry = program_entry(&body, "Lifeline Plus");
    assert!(entry.contains("<strong>Eligible</strong>"), "{entry}");
    assert!(
        entry.contains("because you receive SNAP (food stamps)"),
        "{entry}"
    );
    assert!(entry.contains("Refer to Lifeline Plus"), "{entry}");
    let entry = program_entry(&body, "Laptop loan");
    assert!(entry.contains("<strong>Eligible</strong>"), "{entry}");
    assert!(entry.contains("no places left now"), "{entry}");
    assert!(entry.contains("Refer to Laptop loan"), "{entry}");
    let entry = program_entry(&body, "Senior tablets");
    assert!(entry.contains("<strong>Not eligible</strong>"), "{entry}");
    assert!(
        entry.contains("only for people aged 65 or older"),
        "{entry}"
    );
    assert!(!entry.contains("Refer to"), "{entry}");

    // Refer, as the button posts it.
    let refer_lifeline = form_of_button(&body, "Refer to Lifeline Plus").expect("a Refer form");
    let stale_laptops = form_of_button(&body, "Refer to Laptop loan").expect("a Refer form");
    let before = version_and_events(&app, id).await;
    let resp = post_form(&ana, &refer_lifeline).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(referral_to(&app, id, lifeline).await, vec!["referred"]);
    let after = version_and_events(&app, id).await;
    assert_eq!((after.0, after.1), (before.0 + 1, before.1 + 1));
    let kind: String = app
        .one(
            "SELECT kind FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1",
            (id,),
        )
        .await;
    assert_eq!(kind, "referral");
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(
        body.contains("Referred to Lifeline Plus: Referred"),
        "{body}"
    );
    let entry = program_entry(&body, "Lifeline Plus");
    assert!(
        entry.contains("Already referred on this case: Referred"),
        "{entry}"
    );
    assert!(!entry.contains("Refer to"), "{entry}");

    // A form drawn before that change is stale: 409, and nothing is created.
    let resp = post_form(&ana, &stale_laptops).await;
    assert_eq!(resp.status(), 409);
    assert!(referral_to(&app, id, laptops).await.is_empty());
    assert_eq!(version_and_events(&app, id).await, after);

    // Another navigator's case: as if it did not exist, also for a well-formed Refer.
    assert_eq!(bob.page(&format!("/cases/{id}")).await.0, 404);
    let (action, mut fields) = form_of_button(&body, "Refer to Laptop loan").unwrap();
    let bobs_token = bob.csrf().await;
    for (k, v) in &mut fields {
        if k == "csrf_token" {
            *v = bobs_token.clone();
        }
    }
    assert_eq!(post_form(&bob, &(action, fields)).await.status(), 404);
    assert!(referral_to(&app, id, laptops).await.is_empty());
    assert_eq!(version_and_events(&app, id).await, after);

    // A supervisor sees the same and refers in one step too.
    let (status, body) = sam.page(&format!("/cases/{id}")).await;
    assert_eq!(status, 200);
    let entry = program_entry(&body, "Lifeline Plus");
    assert!(
        entry.contains("because you receive SNAP (food stamps)"),
        "{entry}"
    );
    assert!(program_entry(&body, "Senior tablets").contains("Not eligible"));
    let refer = form_of_button(&body, "Refer to Laptop loan").expect("a Refer form");
    assert_eq!(post_form(&sam, &refer).await.status(), 303);
    assert_eq!(referral_to(&app, id, laptops).await, vec!["referred"]);
    assert_eq!(referral_to(&app, id, seniors).await, Vec::<String>::new());
    app.stop().await;
}

on_both_backends!(
    a_program_match_becomes_a_referral_in_one_step,
    supervisors_see_the_navigators_who_fit_best,
    referrals_close_the_loop,
    outcomes_are_recorded,
    my_cases_come_in_the_order_they_are_due,
    the_queue_holds_what_a_navigator_can_help_with,
    replies_not_yet_read_are_flagged,
    supervisors_filter_and_search,
    supervisors_reassign_one_or_many,
    staff_record_requests_taken_by_phone,
);
