//! A navigator's calendar feed, on SQLite and on PostgreSQL: made, revoked and made anew from
//! their own page; read back by a standard iCalendar parser; times right on either side of the
//! March and November changes of clocks; nothing about the resident but the code, language
//! and site.

mod common;

use common::staff::{hidden, new_case, Staff, ANA};
use common::{Backend, TestApp};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventStatus};
use navdesk::db::now;

const DAY: i64 = 86_400;

/// Makes (or makes anew) Ana's link from her page; the feed's path.
async fn make_link(ana: &Staff) -> String {
    let (status, page) = ana.page("/account/calendar").await;
    assert_eq!(status, 200);
    let token = hidden(&page, "csrf_token");
    let resp = ana
        .post(
            "/account/calendar",
            &[("csrf_token", token.as_str()), ("action", "make")],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (_, page) = ana.page("/account/calendar").await;
    let at = page.find("/calendar/").expect("the link is on the page");
    let path = page[at..].split('"').next().unwrap().to_owned();
    assert!(path.ends_with(".ics"), "{path}");
    path
}

async fn revoke_link(ana: &Staff) {
    let token = ana.csrf().await;
    let resp = ana
        .post(
            "/account/calendar",
            &[("csrf_token", token.as_str()), ("action", "revoke")],
        )
        .await;
    assert_eq!(resp.status(), 303);
}

/// The feed's text, checked as RFC 5545 writes it: CRLF line endings and lines of at most 75
/// octets.
async fn feed(app: &TestApp, path: &str) -> String {
    let resp = app.get(path).await;
    assert_eq!(resp.status(), 200, "{path}");
    let kind = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let body = resp.text().await.unwrap();
    assert!(body.ends_with("\r\n"));
    for line in body.split_terminator("\r\n") {
        assert!(!line.contains('\n'), "a bare line feed in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    body
}

fn utc_start(event: &icalendar::Event) -> i64 {
    match event.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => at.timestamp(),
        other => panic!("a UTC start, not {other:?}"),
    }
}

/// The local dates on which Denver's clocks change within the feed's reach, with enough room
/// for a week on either side: one in March and one in November.
fn clock_changes(now: i64) -> Vec<jiff::civil::Date> {
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let from = jiff::Timestamp::from_second(now - 20 * DAY).unwrap();
    let mut found: Vec<jiff::civil::Date> = Vec::new();
    for t in tz.following(from) {
        let at = t.timestamp().as_second();
        if at > now + 350 * DAY {
            break;
        }
        let date = t.timestamp().to_zoned(tz.clone()).date();
        if !found.iter().any(|d| d.month() == date.month()) {
            found.push(date);
        }
    }
    found.sort_by_key(|d| d.month());
    assert_eq!(
        found.iter().map(|d| d.month()).collect::<Vec<_>>(),
        vec![3, 11]
    );
    found
}

async fn the_feed_reads_back_with_local_times_across_both_changes(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let nav = ana.navigator_id.unwrap();
    let site = app
        .site("Biblioteca Central; Sala 2", "10 W 14th Ave Pkwy", "en,es")
        .await;
    let t = now();
    let tz = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let mut expected = Vec::new();
    for change in clock_changes(t) {
        for offset in [-7, 7] {
            let day = change.checked_add(jiff::Span::new().days(offset)).unwrap();
            let at = day.at(10, 0, 0, 0).to_zoned(tz.clone()).unwrap();
            let (case, code) = new_case(&app, "Rosa Díaz", t - DAY).await;
            app.exec(
                "UPDATE residents SET address = '77 Hidden Lane' WHERE id = \
                 (SELECT resident_id FROM cases WHERE id = $1)",
                (case,),
            )
            .await;
            let id = app
                .appointment(case, nav, site, at.timestamp().as_second(), "booked")
                .await;
            expected.push((id, code, at.timestamp().as_second()));
        }
    }
    // A cancelled one, and one out of the feed's reach.
    let (cancelled_case, cancelled_code) = new_case(&app, "Eva Luna", t - DAY).await;
    let cancelled = app
        .appointment(cancelled_case, nav, site, t + 2 * DAY, "cancelled")
        .await;
    let (old_case, old_code) = new_case(&app, "Noa Ríos", t - 90 * DAY).await;
    app.appointment(old_case, nav, site, t - 80 * DAY, "attended")
        .await;

    let path = make_link(&ana).await;
    let body = feed(&app, &path).await;
    for secret in ["Rosa", "Díaz", "Eva Luna", "555", "0123", "Hidden Lane"] {
        assert!(!body.contains(secret), "the feed holds {secret:?}");
    }
    assert!(!body.contains(&old_code), "too old to list");
    let calendar: Calendar = body.parse().expect("the feed parses");
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert_eq!(events.len(), expected.len() + 1);
    for (id, code, starts_at) in &expected {
        let uid = format!("appointment-{id}@");
        let event = events
            .iter()
            .find(|e| e.get_uid().is_some_and(|u| u.starts_with(&uid)))
            .unwrap_or_else(|| panic!("appointment {id} in the feed"));
        assert_eq!(utc_start(event), *starts_at);
        let local = jiff::Timestamp::from_second(utc_start(event))
            .unwrap()
            .to_zoned(tz.clone());
        assert_eq!((local.hour(), local.minute()), (10, 0), "{local}");
        let summary = event.get_summary().unwrap();
        assert!(summary.contains(code.as_str()), "{summary}");
        assert!(summary.contains("Español"), "{summary}");
        assert!(summary.contains("Biblioteca Central"), "{summary}");
        assert!(event.get_timestamp().is_some(), "DTSTAMP");
        assert_eq!(event.get_status(), Some(EventStatus::Confirmed));
    }
    // Ten o'clock is 17:00 UTC in winter and 16:00 UTC in summer: both seasons are there.
    let utc_hours: std::collections::BTreeSet<i8> = expected
        .iter()
        .map(|(_, _, at)| {
            jiff::Timestamp::from_second(*at)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .hour()
        })
        .collect();
    assert_eq!(utc_hours.into_iter().collect::<Vec<_>>(), vec![16, 17]);
    let gone = events
        .iter()
        .find(|e| e.get_summary().is_some_and(|s| s.contains(&cancelled_code)))
        .expect("the cancelled appointment is listed");
    assert_eq!(gone.get_status(), Some(EventStatus::Cancelled));
    assert!(gone
        .get_uid()
        .unwrap()
        .starts_with(&format!("appointment-{cancelled}@")));
    // The same appointment keeps its UID from one reading to the next.
    assert_eq!(feed(&app, &path).await, body);
}

async fn a_link_revoked_or_replaced_answers_404(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let first = make_link(&ana).await;
    feed(&app, &first).await;
    let second = make_link(&ana).await;
    assert_ne!(first, second);
    assert_eq!(app.get(&first).await.status(), 404, "replaced");
    feed(&app, &second).await;
    revoke_link(&ana).await;
    assert_eq!(app.get(&second).await.status(), 404, "revoked");
    let (_, page) = ana.page("/account/calendar").await;
    assert!(!page.contains("/calendar/"), "no link shown");
    let third = make_link(&ana).await;
    feed(&app, &third).await;
    for unknown in [
        "/calendar/nobody-has-this-token.ics",
        "/calendar/.ics",
        "/calendar/x",
    ] {
        assert_eq!(app.get(unknown).await.status(), 404, "{unknown}");
    }
    let token = third
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    assert_eq!(app.get(&format!("/calendar/{token}")).await.status(), 404);
    // The token is at least 128 random bits (base64url: 6 bits a character).
    assert!(token.len() * 6 >= 128, "{token}");
    let audit: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('make_calendar_link', 'revoke_calendar_link')",
            (),
        )
        .await;
    assert_eq!(audit, 4);
    // A disabled account's link answers no more.
    app.exec(
        "UPDATE users SET disabled = 1 WHERE email = $1",
        (ANA.email,),
    )
    .await;
    assert_eq!(app.get(&third).await.status(), 404);
}

async fn only_navigators_have_a_calendar(app: TestApp) {
    let dana = app.with_user(common::staff::DANA).await;
    assert_eq!(dana.get("/account/calendar").await.status(), 403);
    let token = dana.csrf().await;
    let resp = dana
        .post(
            "/account/calendar",
            &[("csrf_token", token.as_str()), ("action", "make")],
        )
        .await;
    assert_eq!(resp.status(), 403);
    let ana = app.with_user(ANA).await;
    let (_, cases) = ana.page("/cases").await;
    assert!(cases.contains("href=\"/account/calendar\""));
    let nobody = app.anonymous();
    assert_eq!(nobody.get("/account/calendar").await.status(), 303);
}

async fn feeds_are_rate_limited(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| c.status_burst = 3).await else {
        return;
    };
    let ana = app.with_user(ANA).await;
    let path = make_link(&ana).await;
    for _ in 0..3 {
        assert_eq!(app.get(&path).await.status(), 200);
    }
    let resp = app.get(&path).await;
    assert_eq!(resp.status(), 429);
    assert!(resp.headers().contains_key("retry-after"));
}

on_both_backends!(
    the_feed_reads_back_with_local_times_across_both_changes,
    a_link_revoked_or_replaced_answers_404,
    only_navigators_have_a_calendar;
    feeds_are_rate_limited,
);
