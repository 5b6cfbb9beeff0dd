//! The time and place of a contact, on SQLite and PostgreSQL: minutes and a site stored and
//! shown on the timeline, every bad input refused with nothing stored, the old `channel` field
//! still taken (minutes unknown), and the reports' minutes by need, language and area against
//! a hand count, the same before and after the stored sums are built, and agreeing with a
//! recount of the contacts.

mod common;

use common::staff::{hidden, new_case, text, Person, Staff, ANA};
use common::TestApp;
use navdesk::cases::contact::Place;
use navdesk::cases::store::{self, Contact};
use navdesk::db::now;

const SUE: Person = Person::supervisor("sue@navdesk.example", "Sue Visor");
const DAY: i64 = 86_400;

async fn site(app: &TestApp, name: &str, active: bool) -> i64 {
    app.one(
        "INSERT INTO sites (name, address, active, created_at, updated_at) \
         VALUES ($1, '10 W 14th Ave Pkwy', $2, 0, 0) RETURNING id",
        (name, i64::from(active)),
    )
    .await
}

/// Posts the contact form with the page's token and version.
async fn post_contact(who: &Staff, case_id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    let (_, body) = who.page(&format!("/cases/{case_id}")).await;
    let token = hidden(&body, "csrf_token");
    let version = hidden(&body, "version");
    let mut all = vec![
        ("csrf_token", token.as_str()),
        ("version", version.as_str()),
    ];
    all.extend_from_slice(fields);
    who.post(&format!("/cases/{case_id}/contacts"), &all).await
}

/// (contacts, untimed, minutes) of a case's totals, and its number of contact rows.
async fn stored(app: &TestApp, case_id: i64) -> (i64, i64, i64, i64) {
    let rows: i64 = app
        .one(
            "SELECT COUNT(*) FROM contacts WHERE case_id = $1",
            (case_id,),
        )
        .await;
    let totals: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT contacts, untimed, minutes FROM contact_totals WHERE case_id = $1")
            .bind(case_id)
            .fetch_optional(&app.db.pool)
            .await
            .unwrap();
    let (c, u, m) = totals.unwrap_or_default();
    (c, u, m, rows)
}

async fn contact_with_minutes_and_site_is_stored_and_shown(app: TestApp) {
    let central = site(&app, "Central Library", true).await;
    let closed = site(&app, "Old Branch", false).await;
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "assigned").await;

    // The form offers the fixed places and the open sites, not the closed one.
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(
        body.contains(&format!("value=\"site:{central}\"")),
        "{body}"
    );
    assert!(body.contains("At Central Library"));
    assert!(!body.contains("Old Branch") && !body.contains(&format!("site:{closed}")));
    for place in ["phone", "text", "email", "video", "home_visit"] {
        assert!(body.contains(&format!("value=\"{place}\"")), "{place}");
    }

    let resp = post_contact(
        &ana,
        id,
        &[
            ("place", &format!("site:{central}")),
            ("minutes", "45"),
            ("contact_note", "Set up the tablet."),
        ],
    )
    .await;
    assert_eq!(resp.status(), 303);
    let resp = post_contact(&ana, id, &[("place", "phone"), ("minutes", "20")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(stored(&app, id).await, (2, 0, 65, 2));
    let (place, site_id, minutes): (String, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT place, site_id, minutes FROM contacts WHERE case_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (place.as_str(), site_id, minutes),
        ("site", Some(central), Some(45))
    );

    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    let page = text(&body);
    assert!(page.contains("At Central Library, 45 minutes"), "{page}");
    assert!(page.contains("Phone call, 20 minutes"), "{page}");
    assert!(page.contains("Set up the tablet."));
    app.stop().await;
}

async fn bad_contacts_are_refused_and_nothing_is_stored(app: TestApp) {
    let closed = site(&app, "Old Branch", false).await;
    let ana = app.with_user(ANA).await;
    let (id, _) = new_case(&app, "Rosa Díaz", now()).await;
    app.assign(id, &ana, "assigned").await;
    let closed = format!("site:{closed}");
    let minutes_error = "Enter the minutes you spent as a whole number from 1 to 480";
    let cases: [(&str, &str, &str); 8] = [
        ("phone", "", minutes_error),
        ("phone", "0", minutes_error),
        ("phone", "10000", minutes_error),
        ("phone", "ten", minutes_error),
        ("phone", "2.5", minutes_error),
        ("site:999999", "30", "That site is not open any more"),
        (&closed, "30", "That site is not open any more"),
        ("", "30", "Choose where the contact happened"),
    ];
    let before = (
        app.events(id).await,
        app.one::<i64>("SELECT version FROM cases WHERE id = $1", (id,))
            .await,
    );
    for (place, minutes, error) in cases {
        let resp = post_contact(
            &ana,
            id,
            &[
                ("place", place),
                ("minutes", minutes),
                ("contact_note", "Kept as typed"),
            ],
        )
        .await;
        assert_eq!(resp.status(), 422, "{place:?} {minutes:?}");
        let body = resp.text().await.unwrap();
        assert!(body.contains(error), "{place:?} {minutes:?}: {body}");
        assert!(body.contains("Kept as typed"), "the note is kept");
        if !minutes.is_empty() {
            assert!(
                body.contains(&format!("value=\"{minutes}\"")),
                "minutes kept: {minutes}"
            );
        }
        assert_eq!(
            stored(&app, id).await,
            (0, 0, 0, 0),
            "{place:?} {minutes:?}"
        );
        let after = (
            app.events(id).await,
            app.one::<i64>("SELECT version FROM cases WHERE id = $1", (id,))
                .await,
        );
        assert_eq!(after, before, "nothing written for {place:?} {minutes:?}");
    }
    // The old form's field still works: minutes unknown, never zero.
    let resp = post_contact(&ana, id, &[("channel", "in_person")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(stored(&app, id).await, (1, 1, 0, 1));
    let minutes: Option<i64> = app
        .one("SELECT minutes FROM contacts WHERE case_id = $1", (id,))
        .await;
    assert_eq!(minutes, None);
    let (_, body) = ana.page(&format!("/cases/{id}")).await;
    assert!(text(&body).contains("Contacted the resident: In person"));
    app.stop().await;
}

/// A request made `created` as the reports count it.
async fn request(app: &TestApp, area: i64, language: &str, needs: &str, created: i64) -> i64 {
    let resident: i64 = app
        .one(
            "INSERT INTO residents (name, language, contact_method, area_id, created_at) \
             VALUES ('Test Resident', $1, 'call', $2, $3) RETURNING id",
            (language, area, created),
        )
        .await;
    let code = navdesk::domain::RefCode::generate();
    app.one(
        "INSERT INTO cases (ref_code, resident_id, needs, status, channel, language, area_id, \
         created_at, updated_at, placed_at) \
         VALUES ($1, $2, $3, 'in_progress', 'web', $4, $5, $6, $6, $6) RETURNING id",
        (code.as_str(), resident, needs, language, area, created),
    )
    .await
}

async fn log(app: &TestApp, case_id: i64, user_id: i64, place: Place, minutes: Option<i64>) {
    let version: i64 = app
        .one("SELECT version FROM cases WHERE id = $1", (case_id,))
        .await;
    let contact = Contact {
        place,
        site_name: None,
        minutes,
        note: "",
        moves_to: None,
        follow_up: None,
    };
    let done = store::log_contact(&app.db, case_id, version, user_id, &contact, now())
        .await
        .unwrap();
    assert!(matches!(done, store::Change::Done(_)), "{done:?}");
}

type Row = std::collections::BTreeMap<String, String>;

async fn report(who: &Staff, range: &str) -> Vec<Row> {
    let resp = who.get(&format!("/reports.csv?{range}")).await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn row<'a>(rows: &'a [Row], breakdown: &str, group: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["breakdown"] == breakdown && r["group"] == group)
        .unwrap_or_else(|| panic!("no {breakdown}/{group}"))
}

async fn reports_add_minutes_by_need_language_and_area(app: TestApp) {
    let alpha = app.area("Alpha").await;
    let beta = app.area("Beta").await;
    let supervisor = app.with_user(SUE).await;
    let sue = app.user_id(SUE.email).await;
    // Well inside a period that has ended, so it is built into stored sums.
    let created = now() - 100 * DAY;
    // Twelve English speakers in Alpha needing internet: one 30-minute call each. Eleven
    // Spanish speakers in Beta needing a device: 45 minutes each, at home; one of them also
    // has a contact of unknown length (the old form). One more Spanish speaker, no contact.
    for _ in 0..12 {
        let id = request(&app, alpha, "en", "internet", created).await;
        log(&app, id, sue, Place::Phone, Some(30)).await;
    }
    for i in 0..11 {
        let id = request(&app, beta, "es", "device", created).await;
        log(&app, id, sue, Place::HomeVisit, Some(45)).await;
        if i == 0 {
            log(&app, id, sue, Place::InPerson, None).await;
        }
    }
    request(&app, beta, "es", "device", created).await;

    let day = |at: i64| {
        jiff::Timestamp::from_second(at)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    };
    let range = format!(
        "from={}&to={}",
        day(created - 30 * DAY),
        day(created + 30 * DAY)
    );
    for built in [false, true] {
        if built {
            navdesk::maps::stats::refresh(&app.db, now(), true, 100)
                .await
                .unwrap();
            let recount: i64 = app
                .one("SELECT CAST(SUM(minutes) AS BIGINT) FROM contacts", ())
                .await;
            // By area (grain 2) and by needs alone (grain 3, what the lines by need read).
            for grain in [2i64, 3] {
                let stored: i64 = app
                    .one(
                        "SELECT CAST(SUM(minutes) AS BIGINT) FROM case_stats WHERE grain = $1",
                        (grain,),
                    )
                    .await;
                assert_eq!(stored, recount, "the stored sums agree with the contacts");
            }
            assert_eq!(recount, 12 * 30 + 11 * 45);
        }
        let rows = report(&supervisor, &range).await;
        let all = row(&rows, "all", "");
        assert_eq!(all["residents"], "24", "built: {built}");
        assert_eq!(all["residents_served"], "23");
        assert_eq!(all["contact_minutes"], "855");
        // Over the 22 residents whose every contact has minutes: (360 + 450) / 22.
        assert_eq!(all["minutes_per_resident_served"], "36.8");
        assert_eq!(all["residents_served_minutes_unknown"], "<11");
        let en = row(&rows, "language", "en");
        assert_eq!(
            (
                en["residents_served"].as_str(),
                en["contact_minutes"].as_str()
            ),
            ("12", "360")
        );
        assert_eq!(en["minutes_per_resident_served"], "30.0");
        let es = row(&rows, "language", "es");
        assert_eq!(
            (
                es["residents_served"].as_str(),
                es["contact_minutes"].as_str()
            ),
            ("11", "495")
        );
        assert_eq!(es["minutes_per_resident_served"], "<11", "ten fully timed");
        assert_eq!(row(&rows, "need", "internet")["contact_minutes"], "360");
        assert_eq!(row(&rows, "need", "device")["residents_served"], "11");
        assert_eq!(row(&rows, "need", "tech_support")["residents_served"], "");
        assert_eq!(row(&rows, "area", "Alpha")["contact_minutes"], "360");
        assert_eq!(row(&rows, "area", "Beta")["contact_minutes"], "495");
    }

    // A contact on a case of a built period marks it, and the figures move at once.
    let id: i64 = app
        .one(
            "SELECT id FROM cases WHERE language = 'en' ORDER BY id LIMIT 1",
            (),
        )
        .await;
    log(&app, id, sue, Place::Video, Some(18)).await;
    let rows = report(&supervisor, &range).await;
    assert_eq!(row(&rows, "all", "")["contact_minutes"], "873");
    assert_eq!(
        row(&rows, "language", "en")["minutes_per_resident_served"],
        "31.5"
    );

    let (status, body) = supervisor.page(&format!("/reports?{range}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("Time spent with residents") && body.contains("Minutes by need"));
    app.stop().await;
}

on_both_backends!(
    contact_with_minutes_and_site_is_stored_and_shown,
    bad_contacts_are_refused_and_nothing_is_stored,
    reports_add_minutes_by_need_language_and_area
);
