//! In real headless Chromium: a resident asks for help in Spanish, books one of the free times
//! the confirmation page offers (in Spanish, no JavaScript needed), and sees the appointment
//! there; her navigator signs in, finds it on her day (`/cases`) and on the case page. axe-core checks the page with
//! the times and the page with the appointment.
//!
//! Like `tests/browser.rs`, this starts its own chromedriver and Chromium (see
//! `common/browser.rs`); without them the "browser" tier is skipped, or fails under
//! `NAVDESK_REQUIRE_ALL_TIERS=1`.

#[path = "common/browser.rs"]
mod browser;
mod common;

use browser::{axe_source, Browser};
use common::appointments::{every_day, site};
use common::staff::{ANA, PASSWORD};
use common::Backend;
use navdesk::i18n::{I18n, Lang};

fn es(id: &str) -> String {
    let i18n = I18n::load().expect("translations load");
    clean(&i18n.tr(Lang::parse("es").unwrap()).t(id))
}

/// Page text without Fluent's isolation marks.
fn clean(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

async fn text_of(b: &Browser, css: &str) -> String {
    clean(&b.find(css).await.text().await.unwrap())
}

async fn no_axe_violations(b: &Browser, axe: Option<&str>, page: &str) {
    if let Some(axe) = axe {
        let result = b.axe(axe).await;
        assert!(
            result.violations.is_empty(),
            "{page}: {:#?}",
            result.violations
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_books_in_spanish_and_her_navigator_sees_it() {
    let Some(app) = common::spawn(Backend::Sqlite).await else {
        return;
    };
    let Some(b) = Browser::start(&app.base).await else {
        return;
    };
    let axe = axe_source();
    let ana = app.with_user(ANA).create().await.navigator_id.unwrap();
    let central = site(&app, "Central Library").await;
    every_day(&app, ana, central).await;

    b.open("/help?lang=es").await;
    b.type_into("#f-name", "María Pérez").await;
    b.type_into("#f-phone", "(303) 555-0123").await;
    b.tick("f-contact_method").await;
    b.tick("f-sms_consent").await;
    b.type_into("#f-zip", "80205").await;
    b.tick("f-needs").await;
    b.click("form[action='/help'] button[type=submit]").await;
    b.wait_for("#appointment input[name=slot]").await;
    let code = b.path().await.trim_start_matches("/help/").to_owned();
    let section = text_of(&b, "#appointment").await;
    assert!(section.contains(&es("appt-title")), "{section}");
    assert!(section.contains("Central Library"));
    let weekdays: Vec<String> = (1..=7).map(|d| es(&format!("appt-weekday-{d}"))).collect();
    assert!(
        weekdays.iter().any(|d| section.contains(d.as_str())),
        "{section}"
    );
    no_axe_violations(&b, axe.as_deref(), "confirmation with free times").await;

    // The first time, chosen by its label, booked with the form's button.
    let chosen = text_of(&b, "label[for='f-slot']").await;
    b.tick("f-slot").await;
    b.click(&format!(
        "form[action='/help/{code}/appointment'] button[type=submit]"
    ))
    .await;
    b.wait_for(".appointment").await;
    assert_eq!(b.path().await, format!("/help/{code}"));
    let booked = text_of(&b, ".appointment").await;
    assert!(booked.contains(&es("appt-booked-intro")), "{booked}");
    assert!(booked.contains(chosen.trim()), "{booked} shows {chosen}");
    assert!(booked.contains("Central Library"));
    let via: String = app
        .one(
            "SELECT a.booked_via FROM appointments a JOIN cases c ON c.id = a.case_id \
             WHERE c.ref_code = $1 AND a.status = 'booked'",
            (code.as_str(),),
        )
        .await;
    assert_eq!(via, "web");
    no_axe_violations(&b, axe.as_deref(), "confirmation with the appointment").await;

    // Her navigator signs in and finds it on the case.
    let case_id: i64 = app
        .one("SELECT id FROM cases WHERE ref_code = $1", (code.as_str(),))
        .await;
    app.exec(
        "UPDATE cases SET navigator_id = $1, status = 'assigned' WHERE id = $2",
        (ana, case_id),
    )
    .await;
    b.open("/login?lang=en").await;
    b.type_into("#f-email", ANA.email).await;
    b.type_into("#f-password", PASSWORD).await;
    b.click("form[action='/login'] button[type=submit]").await;
    b.wait_for("nav.staff-nav").await;
    // On her day: today's appointments, or the coming days' when the first free time was
    // tomorrow, each with the resident's code, linking to the case.
    b.open("/cases").await;
    let starts_at: i64 = app
        .one(
            "SELECT starts_at FROM appointments WHERE case_id = $1 AND status = 'booked'",
            (case_id,),
        )
        .await;
    let denver = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let (_, tomorrow) = navdesk::cases::visits::today(&denver, navdesk::db::now());
    let section = if starts_at < tomorrow {
        "section[aria-labelledby='cases-today']"
    } else {
        "section[aria-labelledby='cases-coming']"
    };
    let listed = text_of(&b, section).await;
    assert!(
        listed.contains(&code) && listed.contains("at Central Library"),
        "{listed}"
    );
    b.click(&format!("{section} a[href='/cases/{case_id}']"))
        .await;
    b.wait_for("#appointment").await;
    assert_eq!(b.path().await, format!("/cases/{case_id}"));
    let next = text_of(&b, "#appointment").await;
    assert!(
        next.contains("at Central Library with Ana Navarro"),
        "{next}"
    );
    let timeline = text_of(&b, "ol.timeline").await;
    assert!(
        timeline.contains("booked by the resident on the web"),
        "{timeline}"
    );
    b.quit().await;
}
