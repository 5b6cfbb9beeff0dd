//! The day at a glance on `/cases`, on SQLite and on PostgreSQL: a navigator's counts of first
//! contacts overdue, follow-ups due, unread replies and call-backs, each followed by its cases;
//! a supervisor's table of each navigator's load, with links that filter the list.
//!
//! Times are set relative to the real clock, on either side of the limits that decide each
//! state (48 hours for a first contact, now for a follow-up or a reply read).

mod common;

use common::staff::{new_case, new_case_by, Staff, ANA, BEN, DANA};
use common::TestApp;
use navdesk::cases::store::{day_counts, navigator_loads, DayCounts};
use navdesk::db::now;
use navdesk::domain::Channel;

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const FIRST_CONTACT: i64 = 48 * HOUR;

/// Ana's caseload with a case in each state (and some just short of one); the codes by name.
struct Cases {
    overdue: String,
    overdue_caller: String,
    follow_up: String,
    follow_up_later: String,
    unread: String,
    read: String,
    fresh: String,
    queue_caller: String,
    bens_overdue: String,
}

async fn cases(app: &TestApp, ana: &Staff, ben: &Staff) -> Cases {
    let t = now();
    let mine = async |name: &str, created: i64, channel: Channel| {
        let (id, code) = new_case_by(app, name, created, channel).await;
        app.assign(id, ana, "assigned").await;
        (id, code)
    };
    // No first contact for more than 48 hours: overdue (the caller is also a call-back).
    let (_, overdue) = mine("Rosa Díaz", t - 4 * DAY, Channel::Web).await;
    let (_, overdue_caller) = mine("Eva Luna", t - 3 * DAY, Channel::Phone).await;
    // No first contact yet, but within the time allowed: nothing due today.
    let (_, fresh) = mine("Tomás Vega", t - FIRST_CONTACT + HOUR, Channel::Web).await;
    // In touch, with a follow-up day come, and one still ahead.
    let (follow_up_id, follow_up) = mine("Luis Gómez", t - 6 * DAY, Channel::Web).await;
    let (later_id, follow_up_later) = mine("Marta Ruiz", t - 2 * DAY, Channel::Web).await;
    // In touch, with a reply not read yet, and one read since.
    let (unread_id, unread) = mine("Ada Sol", t - 5 * DAY, Channel::Sms).await;
    let (read_id, read) = mine("Iris Paz", t - 5 * DAY, Channel::Sms).await;
    let set = "UPDATE cases SET first_contact_at = $1, follow_up_at = $2, last_reply_at = $3, \
               reply_seen_at = $4 WHERE id = $5";
    let none: Option<i64> = None;
    app.exec(set, (t - DAY, Some(t - HOUR), none, none, follow_up_id))
        .await;
    app.exec(set, (t - DAY, Some(t + DAY), none, none, later_id))
        .await;
    app.exec(set, (t - DAY, none, Some(t - 600), none, unread_id))
        .await;
    app.exec(set, (t - DAY, none, Some(t - 600), Some(t - 60), read_id))
        .await;
    // A caller nobody has phoned yet, waiting in the queue, and Ben's own overdue case.
    let (_, queue_caller) = new_case_by(app, "Noa Ríos", t - HOUR, Channel::Phone).await;
    let (bens, bens_overdue) = new_case(app, "Pía Soto", t - 3 * DAY).await;
    app.assign(bens, ben, "assigned").await;
    Cases {
        overdue,
        overdue_caller,
        follow_up,
        follow_up_later,
        unread,
        read,
        fresh,
        queue_caller,
        bens_overdue,
    }
}

/// The part of `body` from the element with `id` to the next day group (or the end of the day).
fn group<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id} in {body}"));
    let rest = &body[start + 1..];
    let end = [rest.find("id=\"day-"), rest.find("id=\"cases-mine\"")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

async fn a_navigator_opens_on_their_day(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let c = cases(&app, &ana, &ben).await;
    let t = now();

    // The counts, straight from the store: Ana's own cases only, as `Due` defines them.
    let counts = day_counts(&app.db, ana.navigator_id.unwrap(), t, FIRST_CONTACT)
        .await
        .unwrap();
    assert_eq!(
        counts,
        DayCounts {
            first_contacts_overdue: 2,
            follow_ups_due: 1,
            unread_replies: 1,
            call_backs: 1,
        }
    );

    let (status, body) = ana.page("/cases").await;
    assert_eq!(status, 200);
    // One line of counts at the top, each a link to its cases; the queue's caller counts too.
    for (count, id) in [
        ("2 first contacts overdue", "day-first_contact_overdue"),
        ("1 follow-up due", "day-follow_up"),
        ("1 unread reply", "day-unread_reply"),
        ("2 call-backs", "day-call_back"),
    ] {
        assert!(
            body.contains(&format!("<a href=\"#{id}\">{count}</a>")),
            "{count} in {body}"
        );
    }
    let day = group(&body, "day-title");
    let overdue = group(&body, "day-first_contact_overdue");
    assert!(
        overdue.find(&c.overdue) < overdue.find(&c.overdue_caller),
        "oldest first: {overdue}"
    );
    assert!(overdue.contains(&c.overdue_caller) && !overdue.contains(&c.fresh));
    let follow_ups = group(&body, "day-follow_up");
    assert!(follow_ups.contains(&c.follow_up) && !follow_ups.contains(&c.follow_up_later));
    let unread = group(&body, "day-unread_reply");
    assert!(unread.contains(&c.unread) && !unread.contains(&c.read));
    let call_backs = group(&body, "day-call_back");
    assert!(
        call_backs.find(&c.overdue_caller) < call_backs.find(&c.queue_caller),
        "her own caller, then the queue's: {call_backs}"
    );
    assert_eq!(call_backs.matches("href=\"tel:+13035550123\"").count(), 2);
    for quiet in [&c.fresh, &c.follow_up_later, &c.read, &c.bens_overdue] {
        assert!(!day.contains(quiet.as_str()), "{quiet} is not due today");
    }
    // Then her lists as before, with every case of hers.
    let mine = &body[body.find("id=\"cases-mine\"").unwrap()..];
    for code in [&c.overdue, &c.fresh, &c.follow_up_later, &c.read] {
        assert!(mine.contains(code.as_str()));
    }
    // A number shown twice is one view of it in the audit log.
    let views: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'view_call_back'",
            (),
        )
        .await;
    assert_eq!(views, 2);
    // The day is on the first page only; Spanish has its own words.
    assert!(!ana.page("/cases?page=2").await.1.contains("day-title"));
    let (_, es) = ana.page("/cases?lang=es").await;
    assert!(es.contains("2 primeros contactos atrasados"), "{es}");

    // Ben has only his overdue case; nothing due means a quiet day.
    let (_, bens) = ben.page("/cases").await;
    assert!(bens.contains("<a href=\"#day-first_contact_overdue\">1 first contact overdue</a>"));
    assert!(bens.contains("0 follow-ups due") && bens.contains("0 unread replies"));
    // His queue's caller is a call-back for him too, until someone phones them.
    assert!(
        bens.contains("<a href=\"#day-call_back\">1 call-back</a>"),
        "{bens}"
    );
    app.exec(
        "UPDATE cases SET first_contact_at = $1 WHERE ref_code IN ($2, $3)",
        (t, c.bens_overdue.as_str(), c.queue_caller.as_str()),
    )
    .await;
    let (_, bens) = ben.page("/cases?lang=en").await;
    assert!(bens.contains("Nothing is overdue or waiting for you today."));
    app.stop().await;
}

async fn a_supervisor_sees_each_navigators_load(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let dana = app.with_user(DANA).await;
    let c = cases(&app, &ana, &ben).await;
    let (ana_id, ben_id) = (ana.navigator_id.unwrap(), ben.navigator_id.unwrap());
    app.exec(
        "UPDATE navigators SET capacity = 1 WHERE id = $1",
        (ben_id,),
    )
    .await;
    // A navigator who is away does not count.
    app.exec(
        "UPDATE navigators SET active = 0 WHERE id <> $1 AND id <> $2",
        (ana_id, ben_id),
    )
    .await;

    let loads = navigator_loads(&app.db, now(), FIRST_CONTACT)
        .await
        .unwrap();
    let figures: Vec<_> = loads
        .iter()
        .map(|l| {
            (
                l.name.as_str(),
                l.open_cases,
                l.capacity,
                l.first_contacts_overdue,
                l.follow_ups_due,
                l.unread_replies,
                (now() - l.oldest_created_at.unwrap()) / DAY,
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("Ana Navarro", 7, 20, 2, 1, 1, 6),
            ("Ben Okafor", 1, 1, 1, 0, 0, 3)
        ]
    );

    let (status, body) = dana.page("/cases").await;
    assert_eq!(status, 200);
    let row = |name: &str| {
        let at = body
            .find(&format!(">{name}</a></th>"))
            .unwrap_or_else(|| panic!("{name} in {body}"));
        let start = body[..at].rfind("<tr>").unwrap();
        body[start..at + body[at..].find("</tr>").unwrap()].to_owned()
    };
    let anas = row("Ana Navarro");
    assert!(
        anas.contains(&format!("<a href=\"/cases?navigator={ana_id}\">")),
        "{anas}"
    );
    for cell in [
        "<td>7 / 20</td>",
        "<td class=\"due\">2</td><td class=\"due\">1</td><td class=\"due\">1</td>",
        "<td>6 days</td>",
    ] {
        assert!(anas.contains(cell), "{cell} in {anas}");
    }
    let bens = row("Ben Okafor");
    assert!(bens.contains("1 / 1 <strong>full</strong>"), "{bens}");
    assert!(
        bens.contains("<td class=\"due\">1</td><td>0</td><td>0</td>"),
        "{bens}"
    );
    // The table comes before the filters and the list; its links filter the list.
    assert!(body.find("id=\"cases-loads\"") < body.find("role=\"search\""));
    let (_, filtered) = dana.page(&format!("/cases?navigator={ben_id}")).await;
    assert!(filtered.contains(&c.bens_overdue) && !filtered.contains(&c.overdue));
    assert!(!dana.page("/cases?page=2").await.1.contains("cases-loads"));
    app.stop().await;
}

on_both_backends!(
    a_navigator_opens_on_their_day,
    a_supervisor_sees_each_navigators_load,
);
