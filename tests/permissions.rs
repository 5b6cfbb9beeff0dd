//! Who may do what: every staff route, asked by someone signed out, a navigator, a supervisor
//! and an admin, on SQLite and on PostgreSQL. A navigator's own case, a case in their queue and
//! another navigator's case each get their own row. Posts carry a valid CSRF token and little
//! else, so an allowed post answers with a redirect, a 409 or a 422, never 403 or 404.

mod common;

use common::staff::{new_case, Person, Staff, ANA, BEN, DANA};
use common::TestApp;

/// What a route answers one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// The page, or the action is tried (303 onward, 409, 422).
    Allowed,
    /// 403.
    Forbidden,
    /// 404: not even that it exists.
    Hidden,
}
use Want::*;

fn outcome(status: u16, location: Option<&str>) -> Option<Want> {
    match status {
        200 | 409 | 422 => Some(Allowed),
        303 if !location.unwrap_or_default().starts_with("/login") => Some(Allowed),
        403 => Some(Forbidden),
        404 => Some(Hidden),
        _ => None,
    }
}

async fn ask(who: &Staff, method: &str, path: &str, token: &str) -> (u16, Option<String>) {
    let resp = if method == "GET" {
        who.get(path).await
    } else {
        who.post(path, &[("csrf_token", token), ("version", "1")])
            .await
    };
    let location = resp
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (resp.status().as_u16(), location)
}

async fn every_role_against_every_staff_route(app: TestApp) {
    let nav = app.with_user(ANA).await;
    let other = app.with_user(BEN).await;
    let sup = app.with_user(DANA).await;
    let admin = app
        .with_user(Person::admin("ines@navdesk.example", "Inés Admin"))
        .await;
    let anonymous = app.anonymous();
    // Ana covers Montbello only; her own case and the queued one are there, Ben's is not.
    let montbello: i64 = app
        .one(
            "INSERT INTO areas (name) VALUES ('Montbello') RETURNING id",
            (),
        )
        .await;
    app.exec(
        "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
        (nav.navigator_id.unwrap(), montbello),
    )
    .await;
    let now = navdesk::db::now();
    let (own, _) = new_case(&app, "Own", now).await;
    let (queued, _) = new_case(&app, "Queued", now).await;
    let (theirs, _) = new_case(&app, "Theirs", now).await;
    for (case, area, navigator) in [
        (own, Some(montbello), nav.navigator_id),
        (queued, Some(montbello), None),
        (theirs, None, other.navigator_id),
    ] {
        let status = if navigator.is_some() {
            "in_progress"
        } else {
            "new"
        };
        app.exec(
            "UPDATE cases SET area_id = COALESCE($1, area_id), \
             navigator_id = $2, status = $3 WHERE id = $4",
            (area, navigator, status, case),
        )
        .await;
    }
    let program = app.program("PCs for People", "Refurbished laptops").await;
    let refer = async |case: i64| -> i64 {
        app.one(
            "INSERT INTO referrals (case_id, program_id, created_at, updated_at) \
             VALUES ($1, $2, 0, 0) RETURNING id",
            (case, program),
        )
        .await
    };
    let referral = refer(own).await;
    let theirs_referral = refer(theirs).await;
    let other_nav = other.navigator_id.unwrap();
    let other_user: i64 = app
        .one("SELECT user_id FROM navigators WHERE id = $1", (other_nav,))
        .await;

    // (method, path, navigator, supervisor, admin)
    let mut table: Vec<(&str, String, Want, Want, Want)> = vec![
        ("GET", "/cases".into(), Allowed, Allowed, Allowed),
        ("GET", "/cases/new".into(), Allowed, Allowed, Allowed),
        ("POST", "/cases/new".into(), Allowed, Allowed, Allowed),
        (
            "POST",
            "/cases/reassign".into(),
            Forbidden,
            Allowed,
            Allowed,
        ),
        ("GET", format!("/cases/{own}"), Allowed, Allowed, Allowed),
        ("GET", format!("/cases/{queued}"), Allowed, Allowed, Allowed),
        ("GET", format!("/cases/{theirs}"), Hidden, Allowed, Allowed),
        ("GET", "/cases/999999".into(), Hidden, Hidden, Hidden),
        ("GET", "/cases/not-a-number".into(), Hidden, Hidden, Hidden),
        (
            "POST",
            format!("/cases/{queued}/notes"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "POST",
            format!("/cases/{own}/assign"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        // Reassigning is no navigator's work, whoever's the case: the role decides first.
        (
            "POST",
            format!("/cases/{theirs}/assign"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        ("GET", "/audit".into(), Forbidden, Forbidden, Allowed),
        ("GET", "/navigators".into(), Forbidden, Allowed, Allowed),
        ("GET", "/map".into(), Forbidden, Allowed, Allowed),
        ("GET", "/map.geojson".into(), Forbidden, Allowed, Allowed),
        ("GET", "/map.csv".into(), Forbidden, Allowed, Allowed),
        ("GET", "/reports".into(), Forbidden, Allowed, Allowed),
        ("GET", "/reports.csv".into(), Forbidden, Allowed, Allowed),
        ("GET", "/navigators/new".into(), Forbidden, Allowed, Allowed),
        (
            "POST",
            "/navigators/new".into(),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "GET",
            format!("/navigators/{other_nav}"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "POST",
            format!("/navigators/{other_nav}"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        ("GET", "/programs".into(), Allowed, Allowed, Allowed),
        (
            "GET",
            format!("/programs/{program}"),
            Allowed,
            Allowed,
            Allowed,
        ),
        ("GET", "/programs/new".into(), Forbidden, Allowed, Allowed),
        ("POST", "/programs/new".into(), Forbidden, Allowed, Allowed),
        (
            "POST",
            format!("/programs/{program}"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "POST",
            format!("/programs/{program}/verify"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        ("GET", "/users".into(), Forbidden, Forbidden, Allowed),
        ("GET", "/users/new".into(), Forbidden, Forbidden, Allowed),
        ("POST", "/users/new".into(), Forbidden, Forbidden, Allowed),
        (
            "POST",
            format!("/users/{other_user}/enable"),
            Forbidden,
            Forbidden,
            Allowed,
        ),
        ("GET", "/account/password".into(), Allowed, Allowed, Allowed),
        (
            "POST",
            "/account/password".into(),
            Allowed,
            Allowed,
            Allowed,
        ),
    ];
    // The device inventory (issue 18): everyone reads it, supervisors and admins change it.
    let device: i64 = app
        .one(
            "INSERT INTO devices (asset_tag, kind, program_id, created_at, updated_at) \
             VALUES ('HS-1', 'hotspot', $1, 0, 0) RETURNING id",
            (program,),
        )
        .await;
    table.extend([
        ("GET", "/devices".into(), Allowed, Allowed, Allowed),
        (
            "GET",
            format!("/devices/{device}"),
            Allowed,
            Allowed,
            Allowed,
        ),
        ("GET", "/devices/999999".into(), Hidden, Hidden, Hidden),
        ("GET", "/devices/new".into(), Forbidden, Allowed, Allowed),
        ("POST", "/devices/new".into(), Forbidden, Allowed, Allowed),
        (
            "GET",
            "/devices/export.csv".into(),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "POST",
            "/devices/import".into(),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "POST",
            format!("/devices/{device}"),
            Forbidden,
            Allowed,
            Allowed,
        ),
        (
            "POST",
            format!("/devices/{device}/status"),
            Forbidden,
            Allowed,
            Allowed,
        ),
    ]);
    // Every change to a case: the navigator's own, and another navigator's.
    for action in [
        "notes",
        "status",
        "contacts",
        "follow-up",
        "referrals",
        "outcome",
        // Lending (issue 18): lend or give, and check in, extend or mark lost.
        "devices",
        "devices/999999",
    ] {
        table.push((
            "POST",
            format!("/cases/{own}/{action}"),
            Allowed,
            Allowed,
            Allowed,
        ));
        table.push((
            "POST",
            format!("/cases/{theirs}/{action}"),
            Hidden,
            Allowed,
            Allowed,
        ));
    }
    table.push((
        "POST",
        format!("/cases/{own}/referrals/{referral}"),
        Allowed,
        Allowed,
        Allowed,
    ));
    table.push((
        "POST",
        format!("/cases/{theirs}/referrals/{theirs_referral}"),
        Hidden,
        Allowed,
        Allowed,
    ));
    // Only a navigator takes a case, and only from their queue (last: taking changes it).
    table.push((
        "POST",
        format!("/cases/{theirs}/take"),
        Hidden,
        Forbidden,
        Forbidden,
    ));
    table.push((
        "POST",
        format!("/cases/{queued}/take"),
        Allowed,
        Forbidden,
        Forbidden,
    ));
    // Another case's referral through this case's path.
    table.push((
        "POST",
        format!("/cases/{own}/referrals/{theirs_referral}"),
        Hidden,
        Hidden,
        Hidden,
    ));

    let tokens = [nav.csrf().await, sup.csrf().await, admin.csrf().await];
    let mut wrong = Vec::new();
    for (method, path, navigator, supervisor, administrator) in &table {
        // Signed out: every staff route sends the browser to sign in.
        let (status, location) = ask(&anonymous, method, path, "").await;
        if !(status == 303
            && location
                .as_deref()
                .unwrap_or_default()
                .starts_with("/login"))
        {
            wrong.push(format!("signed out {method} {path}: {status} {location:?}"));
        }
        for ((who, token), want) in [&nav, &sup, &admin].into_iter().zip(&tokens).zip([
            navigator,
            supervisor,
            administrator,
        ]) {
            let (status, location) = ask(who, method, path, token).await;
            let got = outcome(status, location.as_deref());
            if got != Some(*want) {
                let email = match who.navigator_id {
                    Some(_) => "navigator",
                    None if std::ptr::eq(who, &sup) => "supervisor",
                    None => "admin",
                };
                wrong.push(format!(
                    "{email} {method} {path}: want {want:?}, got {status} {location:?}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // And a post without its CSRF token is refused for everyone, whatever the route.
    for (method, path, ..) in table.iter().filter(|(m, ..)| *m == "POST") {
        for who in [&nav, &sup, &admin] {
            let (status, _) = ask(who, method, path, "").await;
            assert_eq!(status, 403, "{method} {path} without a CSRF token");
        }
    }
    app.stop().await;
}

on_both_backends!(every_role_against_every_staff_route);
