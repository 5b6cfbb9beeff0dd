//! The case page as a navigator's workspace, over HTTP on SQLite and PostgreSQL: a contact
//! with its note, status and follow-up day in one post (all or nothing), referring from the
//! eligibility list with a note, closing with the outcome, a case worked from "take" to
//! "closed" in four posts, each change returning to its timeline entry, and the timeline a
//! page of fifty at a time, newest first.

mod common;

use common::location;
use common::staff::{new_case, text, Person, Staff, ANA};
use common::TestApp;
use navdesk::db::now;

const BOB: Person = Person::navigator("bob@navdesk.example", "Bob Ngata");

/// (version, number of events, status, follow-up, first contact) of a case.
type CaseState = (i64, i64, String, Option<i64>, Option<i64>);

async fn state(app: &TestApp, case_id: i64) -> CaseState {
    let (version, status, follow_up, first): (i64, String, Option<i64>, Option<i64>) = app
        .row(
            "SELECT version, status, follow_up_at, first_contact_at FROM cases WHERE id = $1",
            (case_id,),
        )
        .await;
    (version, app.events(case_id).await, status, follow_up, first)
}

/// The newest event of a case: its id and kind.
async fn newest_event(app: &TestApp, case_id: i64) -> (i64, String) {
    app.row(
        "SELECT id, kind FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1",
        (case_id,),
    )
    .await
}

/// A `303` back to the case, at the newest entry of its timeline, which the page carries.
async fn lands_on_newest(app: &TestApp, who: &Staff, case_id: i64, resp: &reqwest::Response) {
    assert_eq!(resp.status(), 303);
    let (event, _) = newest_event(app, case_id).await;
    assert_eq!(location(resp), format!("/cases/{case_id}#event-{event}"));
    let (_, body) = who.page(&format!("/cases/{case_id}")).await;
    assert!(body.contains(&format!("id=\"event-{event}\"")), "{body}");
}

fn tomorrow() -> String {
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let today = jiff::Timestamp::now().to_zoned(tz).date();
    today.tomorrow().unwrap().to_string()
}

async fn a_contact_with_its_status_and_follow_up_in_one_post(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "assigned").await;
    let day = tomorrow();

    // Each bad field alone refuses the whole post: 422, nothing stored, every value kept.
    let long_note = "x".repeat(5001);
    let before = state(&app, id).await;
    for (field, value, message) in [
        ("channel", "fax", "Choose how you were in touch"),
        ("contact_note", long_note.as_str(), "too long"),
        ("next_status", "closed", "cannot move there"),
        ("follow_up", "2001-01-01", "Enter a date from today"),
    ] {
        let mut fields = vec![
            ("channel", "phone"),
            ("contact_note", "Talked about the plan."),
            ("next_status", "in_progress"),
            ("follow_up", day.as_str()),
        ];
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let resp = ana.post_case(id, "contacts", &fields).await;
        assert_eq!(resp.status(), 422, "{field}");
        let body = resp.text().await.unwrap();
        assert!(text(&body).contains(message), "{field}: {message}");
        // The group with the error is open, its values as typed.
        assert!(
            body.contains("<details class=\"group\" open><summary><h2 id=\"act-contact\">"),
            "{field}: {body}"
        );
        if field != "contact_note" {
            assert!(
                body.contains(">Talked about the plan.</textarea>"),
                "{field}"
            );
        }
        if field != "follow_up" {
            assert!(body.contains(&format!("value=\"{day}\"")), "{field}");
        }
        if field != "next_status" {
            assert!(
                body.contains("<option value=\"in_progress\" selected>"),
                "{field}"
            );
        }
        assert_eq!(state(&app, id).await, before, "{field} stored nothing");
    }

    // All at once: the contact, the status it leads to, the follow-up day.
    let resp = ana
        .post_case(
            id,
            "contacts",
            &[
                ("channel", "phone"),
                ("contact_note", "Talked about the plan."),
                ("next_status", "in_progress"),
                ("follow_up", &day),
            ],
        )
        .await;
    lands_on_newest(&app, &ana, id, &resp).await;
    let after = state(&app, id).await;
    assert_eq!(after.0, before.0 + 1, "one change");
    assert_eq!(after.1, before.1 + 3, "contact, status, follow-up");
    assert_eq!(after.2, "in_progress");
    assert!(after.3.is_some() && after.4.is_some());
    let kinds: Vec<String> = app
        .all(
            "SELECT kind FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 3",
            (id,),
        )
        .await;
    assert_eq!(kinds, ["follow_up", "status_change", "contact"]);

    // The old shape still works: a channel alone leaves the status and the day.
    let resp = ana.post_case(id, "contacts", &[("channel", "text")]).await;
    lands_on_newest(&app, &ana, id, &resp).await;
    let again = state(&app, id).await;
    assert_eq!(
        (again.1, &again.2, again.3),
        (after.1 + 1, &after.2, after.3)
    );
    app.stop().await;
}

async fn eligible_program(app: &TestApp, name: &str) -> i64 {
    app.one(
        "INSERT INTO programs (organization, name, categories, max_income_pct_fpg) \
         VALUES ('Denver Digital Equity', $1, 'internet', 200) RETURNING id",
        (name,),
    )
    .await
}

/// The Refer form of `program` in the eligibility list, with `note` typed in: its action and
/// fields as a browser sends them.
fn refer_form(body: &str, program: &str, note: &str) -> (String, Vec<(String, String)>) {
    let button = body
        .find(&format!("aria-label=\"Refer to {program}\""))
        .expect("a Refer button");
    let start = body[..button].rfind("<form").unwrap();
    let form = &body[start..button];
    let value = |tag: &str, name: &str| {
        let marker = format!(" {name}=\"");
        tag.find(&marker).map(|at| {
            tag[at + marker.len()..]
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        })
    };
    let action = value(&form[..form.find('>').unwrap()], "action").unwrap();
    let mut fields: Vec<(String, String)> = form
        .split("<input")
        .skip(1)
        .filter_map(|input| {
            let tag = &input[..input.find('>')?];
            Some((value(tag, "name")?, value(tag, "value").unwrap_or_default()))
        })
        .collect();
    assert!(form.contains("<textarea") && form.contains("name=\"referral_note\""));
    fields.push(("referral_note".into(), note.into()));
    (action, fields)
}

async fn post_fields(
    who: &Staff,
    (action, fields): &(String, Vec<(String, String)>),
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    who.post(action, &fields).await
}

async fn referring_from_the_list_takes_a_note(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "in_progress").await;
    let program = eligible_program(&app, "Lifeline Plus").await;
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    let refer = refer_form(&body, "Lifeline Plus", "Applied together on the phone.");
    let resp = post_fields(&ana, &refer).await;
    lands_on_newest(&app, &ana, id, &resp).await;
    let (status, note): (String, String) = app
        .row(
            "SELECT status, note FROM referrals WHERE case_id = $1 AND program_id = $2",
            (id, program),
        )
        .await;
    assert_eq!(
        (status.as_str(), note.as_str()),
        ("referred", "Applied together on the phone.")
    );
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(text(&body).contains("Applied together on the phone."));
    app.stop().await;
}

async fn closing_with_the_outcome_is_one_post(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "in_progress").await;
    let outcome = [
        ("connected_at_home", "yes"),
        ("plan", "Internet Essentials"),
        ("monthly_cost", "9.95"),
        ("close", "yes"),
    ];

    // No reason, or a bad outcome field: nothing is stored, the group is open, values kept.
    let before = state(&app, id).await;
    for extra in [("close_reason", ""), ("skill_at_close", "9")] {
        let mut fields = outcome.to_vec();
        fields.push(extra);
        if extra.0 == "skill_at_close" {
            fields.push(("close_reason", "helped"));
        }
        let resp = ana.post_case(id, "outcome", &fields).await;
        assert_eq!(resp.status(), 422, "{extra:?}");
        let body = resp.text().await.unwrap();
        assert!(body.contains("<details class=\"group\" open><summary><h2 id=\"act-outcome\">"));
        assert!(body.contains("value=\"Internet Essentials\""));
        assert!(
            body.contains("name=\"close\" value=\"yes\" checked"),
            "{body}"
        );
        assert_eq!(state(&app, id).await, before, "{extra:?}");
        assert_eq!(app.count("outcomes").await, 0);
    }

    let mut fields = outcome.to_vec();
    fields.push(("close_reason", "helped"));
    let resp = ana.post_case(id, "outcome", &fields).await;
    lands_on_newest(&app, &ana, id, &resp).await;
    let after = state(&app, id).await;
    assert_eq!(after.2, "closed");
    assert_eq!(after.0, before.0 + 1, "one change");
    let (reason, resolved, closed): (Option<String>, Option<i64>, Option<i64>) = app
        .row(
            "SELECT close_reason, resolved_at, closed_at FROM cases WHERE id = $1",
            (id,),
        )
        .await;
    assert_eq!(reason.as_deref(), Some("helped"));
    assert!(
        resolved.is_some() && closed.is_some(),
        "resolved on the way"
    );
    let plan: String = app
        .one("SELECT plan FROM outcomes WHERE case_id = $1", (id,))
        .await;
    assert_eq!(plan, "Internet Essentials");

    // A closed case cannot be closed again.
    let resp = ana.post_case(id, "outcome", &fields).await;
    assert_eq!(resp.status(), 422);
    assert!(text(&resp.text().await.unwrap()).contains("cannot be closed now"));
    app.stop().await;
}

/// From "take" to "closed" in four posts: take; a contact with its note, the status it leads
/// to and a follow-up day; a referral from the eligibility list with its note; the outcome
/// with the close. (Before: take, status, contact, follow-up, referral, outcome, resolve,
/// close: eight.)
async fn a_case_is_worked_from_take_to_closed_in_four_posts(app: TestApp) {
    let bob = app.with_user(BOB).await;
    let five_points = app.area("Five Points").await;
    app.exec(
        "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
        (bob.navigator_id.unwrap(), five_points),
    )
    .await;
    let program = eligible_program(&app, "Lifeline Plus").await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    let case = format!("/cases/{id}");
    let mut posts = 0;

    let token = bob.csrf().await;
    let resp = bob
        .post(&format!("{case}/take"), &[("csrf_token", &token)])
        .await;
    posts += 1;
    assert_eq!(resp.status(), 303);

    let day = tomorrow();
    let resp = bob
        .post_case(
            id,
            "contacts",
            &[
                ("channel", "phone"),
                ("contact_note", "Rosa wants a plan under $10."),
                ("next_status", "in_progress"),
                ("follow_up", &day),
            ],
        )
        .await;
    posts += 1;
    lands_on_newest(&app, &bob, id, &resp).await;

    let (_, body) = bob.page(&case).await;
    let resp = post_fields(
        &bob,
        &refer_form(&body, "Lifeline Plus", "Sent her the form."),
    )
    .await;
    posts += 1;
    lands_on_newest(&app, &bob, id, &resp).await;

    let resp = bob
        .post_case(
            id,
            "outcome",
            &[
                ("connected_at_home", "yes"),
                ("plan", "Lifeline Plus"),
                ("close", "yes"),
                ("close_reason", "helped"),
            ],
        )
        .await;
    posts += 1;
    lands_on_newest(&app, &bob, id, &resp).await;

    assert_eq!(posts, 4);
    assert_eq!(state(&app, id).await.2, "closed");
    let contacts: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'contact'",
            (id,),
        )
        .await;
    assert_eq!(contacts, 1);
    assert_eq!(
        app.all::<String>(
            "SELECT note FROM referrals WHERE case_id = $1 AND program_id = $2",
            (id, program),
        )
        .await,
        ["Sent her the form."]
    );
    let connected: Option<i64> = app
        .one(
            "SELECT connected_at_home FROM outcomes WHERE case_id = $1",
            (id,),
        )
        .await;
    assert_eq!(connected, Some(1));
    app.stop().await;
}

async fn the_timeline_comes_fifty_to_a_page_newest_first(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "in_progress").await;
    app.exec("DELETE FROM case_events WHERE case_id = $1", (id,))
        .await;
    for n in 1..=60 {
        app.exec(
            "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
             VALUES ($1, 'note', NULL, $2, '{}', $3)",
            (id, format!("Entry number {n}."), now() - 60 + n),
        )
        .await;
    }
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    let shown = |body: &str| -> Vec<i64> {
        body.split("Entry number ")
            .skip(1)
            .map(|s| s[..s.find('.').unwrap()].parse().unwrap())
            .collect()
    };
    assert_eq!(shown(&body), (11..=60).rev().collect::<Vec<_>>());
    let next = format!("href=\"/cases/{id}?timeline=2#timeline\"");
    assert!(body.contains(&next), "a link to the older entries");
    let (status, body) = ana.page(&format!("/cases/{id}?timeline=2")).await;
    assert_eq!(status, 200);
    assert_eq!(shown(&body), (1..=10).rev().collect::<Vec<_>>());
    assert!(body.contains(&format!("href=\"/cases/{id}#timeline\"")));
    assert!(!body.contains("?timeline=3"));
    // A page past the end, or not a page, is simply shown as such or as the first.
    assert_eq!(
        shown(&ana.page(&format!("/cases/{id}?timeline=9")).await.1),
        Vec::<i64>::new()
    );
    assert_eq!(
        shown(&ana.page(&format!("/cases/{id}?timeline=x")).await.1).len(),
        50
    );
    app.stop().await;
}

/// The case page with a long story stays light: under 30 KB as sent compressed.
async fn a_case_with_a_long_story_stays_light(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "in_progress").await;
    for n in 1..=60 {
        app.exec(
            "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
             VALUES ($1, 'contact', $2, $3, '{\"channel\":\"phone\"}', $4)",
            (
                id,
                app.user_id(ANA.email).await,
                format!(
                    "Called about the plan and the laptop loan, entry {n}; she prefers mornings."
                ),
                now() - 60 + n,
            ),
        )
        .await;
    }
    let resp = ana
        .client
        .get(format!("{}/cases/{id}", ana.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-encoding"], "gzip");
    assert_eq!(resp.status(), 200);
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.len() < 30 * 1024, "{} bytes transferred", bytes.len());
    app.stop().await;
}

on_both_backends!(
    a_contact_with_its_status_and_follow_up_in_one_post,
    referring_from_the_list_takes_a_note,
    closing_with_the_outcome_is_one_post,
    a_case_is_worked_from_take_to_closed_in_four_posts,
    the_timeline_comes_fifty_to_a_page_newest_first,
    a_case_with_a_long_story_stays_light,
);
