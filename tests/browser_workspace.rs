//! The navigator's workspace as people see it, in real headless Chromium on the demo's data, at
//! a desk's 1280×800, a small laptop's 1024×768 and a phone's 390×844:
//!
//! - a case with a long history (60 events): the page never scrolls sideways, and at 1280 wide
//!   the timeline's latest entry is on the first screen, above any form. Screenshots go to
//!   `target/screenshots/workspace-*.png` (the first screen, and `-full` for the whole page)
//!   for people to look at. The caseload and the supervisor's day at the same sizes are in
//!   `tests/browser_staff.rs` (`caseload-*.png`);
//! - the README's screenshots, made from the demo the same way (`readme-*.png`);
//!   `scripts/screenshots.sh` copies them to `docs/screenshots/`.
//!
//! Without Chromium and chromedriver the "browser" tier is skipped, or fails under
//! `NAVDESK_REQUIRE_ALL_TIERS=1`.

#[path = "common/browser.rs"]
mod browser;
mod common;

use browser::Browser;
use common::{Backend, TestApp};
use navdesk::demo::DemoSignIn;

const SIZES: [(u32, u32); 3] = [(1280, 800), (1024, 768), (390, 844)];

/// The latest thing that happened on the long case, written last.
const LATEST: &str = "Called back: she will bring the laptop to the library on Friday.";

/// The app with the demo's data and a browser on it, or `None` when a tier is skipped.
async fn start() -> Option<(TestApp, DemoSignIn, Browser)> {
    let app = common::spawn(Backend::Sqlite).await?;
    let demo = navdesk::demo::seed(&app.db)
        .await
        .expect("the demo seeds")
        .expect("seeded now");
    let browser = Browser::start(&app.base).await?;
    Some((app, demo, browser))
}

/// Signs in on the login page (the fields filled and the form sent by script: typing is
/// tested elsewhere).
async fn sign_in(b: &Browser, email: &str, password: &str) {
    b.client
        .delete_all_cookies()
        .await
        .expect("cookies cleared");
    b.open("/login").await;
    b.client
        .execute(
            "const [email, password] = arguments; \
             document.querySelector('#f-email').value = email; \
             document.querySelector('#f-password').value = password; \
             document.querySelector(\"form[action='/login']\").submit();",
            vec![serde_json::json!(email), serde_json::json!(password)],
        )
        .await
        .expect("sign in");
    b.wait_for("nav.staff-nav").await;
}

/// One of the demo navigator's open cases, given a history of 60 events ending with `LATEST`.
async fn long_case(app: &TestApp, email: &str) -> i64 {
    let (case_id, user_id): (i64, i64) = app
        .row(
            "SELECT c.id, u.id FROM cases c JOIN navigators n ON n.id = c.navigator_id \
             JOIN users u ON u.id = n.user_id \
             WHERE u.email = $1 AND c.is_open = 1 ORDER BY c.id LIMIT 1",
            (email.to_owned(),),
        )
        .await;
    let now = navdesk::db::now();
    let have: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1",
            (case_id,),
        )
        .await;
    // A navigator's weeks: calls, visits at the library and notes, the latest last.
    let first = now - 60 * 3600;
    for i in have..60 {
        let at = first + i * 3600;
        let (kind, body, data) = match i % 3 {
            _ if i == 59 => ("note", LATEST, "{}"),
            0 => (
                "contact",
                "Left a voicemail about the hotspot pick-up.",
                r#"{"place": "phone", "channel": "phone", "minutes": 10}"#,
            ),
            1 => (
                "contact",
                "Set up email on the laptop together; she practised sending a photo.",
                r#"{"place": "site", "site": "Central Library", "minutes": 45}"#,
            ),
            _ => (
                "note",
                "The library's hotspot list has one coming back on Monday.",
                "{}",
            ),
        };
        app.exec(
            "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            (case_id, kind, user_id, body, data, at),
        )
        .await;
    }
    app.exec(
        "UPDATE cases SET first_contact_at = COALESCE(first_contact_at, $1) WHERE id = $2",
        (first, case_id),
    )
    .await;
    case_id
}

/// Where the entry holding `text` is on the first screen: its top and bottom, in CSS pixels
/// from the top of the page, or `None` when no timeline entry holds it.
async fn entry_position(b: &Browser, text: &str) -> Option<(f64, f64)> {
    let v = b
        .client
        .execute(
            "window.scrollTo(0, 0); \
             for (const li of document.querySelectorAll('.timeline li')) { \
               if (li.innerText.includes(arguments[0])) { \
                 const r = li.getBoundingClientRect(); return [r.top, r.bottom]; \
               } \
             } \
             return null;",
            vec![serde_json::json!(text)],
        )
        .await
        .expect("find the entry");
    Some((v[0].as_f64()?, v[1].as_f64()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_case_fits_a_desk_a_laptop_and_a_phone() {
    let Some((app, demo, b)) = start().await else {
        return;
    };
    let case_id = long_case(&app, demo.navigator).await;

    sign_in(&b, demo.navigator, &demo.password).await;
    for (w, h) in SIZES {
        b.viewport(w, h).await;
        b.open(&format!("/cases/{case_id}")).await;
        b.wait_for(".timeline li").await;
        b.fits_and_screenshot(&format!("workspace-case-{w}x{h}"))
            .await;
        let (top, bottom) = entry_position(&b, LATEST)
            .await
            .unwrap_or_else(|| panic!("the latest entry is on the case's first page at {w}x{h}"));
        if w == 1280 {
            assert!(
                top >= 0.0 && bottom <= f64::from(h),
                "at {w}x{h} the timeline's latest entry is at {top}..{bottom} px: not on the first screen"
            );
        }
    }

    b.quit().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_screenshots_are_made_from_the_demo() {
    let Some((app, demo, b)) = start().await else {
        return;
    };
    let case_id = long_case(&app, demo.navigator).await;

    b.viewport(390, 844).await;
    for lang in ["es", "ar"] {
        b.open(&format!("/help?lang={lang}")).await;
        b.wait_for("form[action='/help']").await;
        b.fits_and_screenshot(&format!("readme-request-{lang}"))
            .await;
    }

    b.viewport(1280, 800).await;
    sign_in(&b, demo.navigator, &demo.password).await;
    b.open("/cases").await;
    b.wait_for("main h1").await;
    b.fits_and_screenshot("readme-day").await;
    b.open(&format!("/cases/{case_id}")).await;
    b.wait_for(".timeline li").await;
    b.fits_and_screenshot("readme-case").await;

    sign_in(&b, demo.supervisor, &demo.password).await;
    b.open("/map").await;
    b.wait_for("figure.map-figure").await;
    b.fits_and_screenshot("readme-map").await;

    b.quit().await;
    app.stop().await;
}
