//! From the resident's form to an assigned case, on SQLite and on PostgreSQL: a Spanish-speaking
//! household in Five Points on SNAP goes to a Spanish-speaking navigator who covers Five Points,
//! sees the programs it qualifies for with reasons, and its case comes back to matching when
//! that navigator stops working.

mod common;

use common::staff::{hidden, text, Person, Staff, ANA, BEN};
use common::TestApp;
use navdesk::cases::autoassign;
use navdesk::config::AutoAssign;

const CARLA: Person = Person::navigator("carla@navdesk.example", "Carla Ruiz");
const DORA: Person = Person::navigator("dora@navdesk.example", "Dora Mendez");
const EVA: Person = Person::navigator("eva@navdesk.example", "Eva Solis");

/// Sets a navigator's languages, capacity and areas.
async fn profile(app: &TestApp, who: &Staff, languages: &str, capacity: i64, areas: &[i64]) {
    let id = who.navigator_id.unwrap();
    app.exec(
        "UPDATE navigators SET languages = $1, capacity = $2 WHERE id = $3",
        (languages, capacity, id),
    )
    .await;
    for &a in areas {
        app.exec(
            "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
            (id, a),
        )
        .await;
    }
}

/// The navigator a case is assigned to (other than `not`), once automatic assignment has run
/// (it runs after the resident's confirmation).
async fn assigned_navigator(app: &TestApp, case_id: i64, not: Option<i64>) -> Option<i64> {
    let read = async || -> Option<i64> {
        app.one("SELECT navigator_id FROM cases WHERE id = $1", (case_id,))
            .await
    };
    let found = common::eventually(read, |found| found.is_some() && *found != not).await;
    found.filter(|_| found != not)
}

async fn case_of(app: &TestApp, location: &str) -> i64 {
    let code = location.trim_start_matches("/help/");
    app.one("SELECT id FROM cases WHERE ref_code = $1", (code,))
        .await
}

async fn a_spanish_household_in_five_points_on_snap_is_matched(app: TestApp) {
    let five_points = app.area("Five Points").await;
    let montbello = app.area("Montbello").await;
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let carla = app.with_user(CARLA).await;
    let dora = app.with_user(DORA).await;
    let eva = app.with_user(EVA).await;
    profile(&app, &ana, "en,es", 12, &[five_points]).await;
    // Ben covers Five Points but speaks no Spanish; Carla speaks it but covers Montbello; Dora
    // fits but has no room left; Eva speaks Spanish and covers the whole city, with a
    // heavier load than Ana.
    profile(&app, &ben, "en", 12, &[five_points]).await;
    profile(&app, &carla, "es", 12, &[montbello]).await;
    profile(&app, &dora, "es", 0, &[five_points]).await;
    profile(&app, &eva, "es", 2, &[]).await;
    app.exec(
        "INSERT INTO programs (organization, name, categories, qualifying_benefits, languages, \
         status) VALUES ('Comcast', 'Internet Essentials', 'internet_plan', 'snap', 'en,es', \
         'active')",
        (),
    )
    .await;

    let mut form = common::form_with("area", "Five Points");
    form.retain(|(k, _)| *k != "zip");
    let resp = app.post_form("/help?lang=es", &form).await;
    assert_eq!(resp.status(), 303);
    let location = common::location(&resp);
    let case_id = case_of(&app, &location).await;

    let to = assigned_navigator(&app, case_id, None).await;
    assert_eq!(
        to, ana.navigator_id,
        "assigned to Ana, who speaks Spanish and covers Five Points"
    );
    let status: String = app
        .one("SELECT status FROM cases WHERE id = $1", (case_id,))
        .await;
    assert_eq!(status, "assigned");

    // The resident sees the programs the household qualifies for, with the reason, in Spanish.
    let page = app.get(&format!("{location}?lang=es")).await;
    let body = page
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        body.contains("<strong>Internet Essentials</strong>"),
        "{body}"
    );
    assert!(body.contains("porque usted recibe SNAP"), "{body}");

    // Ana finds it among her cases, and its timeline says why it came to her.
    let (_, cases) = ana.page("/cases").await;
    assert!(text(&cases).contains(location.trim_start_matches("/help/")));
    let (status, page) = ana.page(&format!("/cases/{case_id}")).await;
    assert_eq!(status, 200);
    let page = text(&page);
    assert!(
        page.contains("Assigned automatically to Ana Navarro: speaks Español, covers Five Points, 0 of 12 cases"),
        "{page}"
    );

    // Ana's account is disabled: her case goes back to matching and on to Eva.
    let admin = app
        .with_user(Person::admin("root@navdesk.example", "Ada Admin"))
        .await;
    let (_, users) = admin.page("/users").await;
    let token = hidden(&users, "csrf_token");
    let ana_user: i64 = app
        .one(
            "SELECT user_id FROM navigators WHERE id = $1",
            (ana.navigator_id.unwrap(),),
        )
        .await;
    let resp = admin
        .post(
            &format!("/users/{ana_user}/disable"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let to = assigned_navigator(&app, case_id, ana.navigator_id).await;
    assert_eq!(to, eva.navigator_id, "matched again, to the next who fits");
    let (_, page) = admin.page(&format!("/cases/{case_id}")).await;
    let page = text(&page);
    assert!(
        page.contains("Returned to the queue: Ana Navarro is no longer active"),
        "{page}"
    );
    assert!(
        page.contains("Assigned automatically to Eva Solis"),
        "{page}"
    );
    let released: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'release_case'",
            (),
        )
        .await;
    assert_eq!(released, 1, "the release is audited as the admin's change");
    app.stop().await;
}

/// Which rule allows what, decided on stored cases: `off` never assigns, `covering` only to a
/// navigator whose areas include the resident's, `best` to whoever fits best; a case already
/// taken is left alone; nobody who fits means the case waits.
async fn the_rule_decides_when_to_assign(app: TestApp) {
    let five_points = app.area("Five Points").await;
    let ana = app.with_user(ANA).await;
    // Ana covers the whole city (no areas), so she never "covers" a named area.
    profile(&app, &ana, "en,es", 5, &[]).await;
    let (case_id, _) = common::staff::new_case(&app, "Rosa Díaz", navdesk::db::now()).await;
    let now = navdesk::db::now();

    assert_eq!(
        autoassign::assign(&app.db, AutoAssign::Off, case_id, now)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        autoassign::assign(&app.db, AutoAssign::Covering, case_id, now)
            .await
            .unwrap(),
        None
    );
    let unassigned: Option<i64> = app
        .one("SELECT navigator_id FROM cases WHERE id = $1", (case_id,))
        .await;
    assert_eq!(unassigned, None, "waits in the queue");

    profile(&app, &ana, "en,es", 5, &[five_points]).await;
    assert_eq!(
        autoassign::assign(&app.db, AutoAssign::Covering, case_id, now)
            .await
            .unwrap(),
        ana.navigator_id
    );
    // Already assigned: nothing more happens.
    assert_eq!(
        autoassign::assign(&app.db, AutoAssign::Best, case_id, now)
            .await
            .unwrap(),
        None
    );
    let events: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'auto_assignment'",
            (case_id,),
        )
        .await;
    assert_eq!(events, 1);

    // Full caseload: the next request waits.
    sqlx::query("UPDATE navigators SET capacity = 1")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (second, _) = common::staff::new_case(&app, "Luis Díaz", navdesk::db::now()).await;
    assert_eq!(
        autoassign::assign(&app.db, AutoAssign::Best, second, now)
            .await
            .unwrap(),
        None
    );
    app.stop().await;
}

macro_rules! with_rule {
    ($rule:expr; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = crate::common::spawn_with(crate::common::Backend::Sqlite, |c| c.auto_assign = $rule).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = crate::common::spawn_with(crate::common::Backend::Postgres, |c| c.auto_assign = $rule).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

with_rule!(navdesk::config::AutoAssign::Best;
    a_spanish_household_in_five_points_on_snap_is_matched,
    the_rule_decides_when_to_assign,
);
