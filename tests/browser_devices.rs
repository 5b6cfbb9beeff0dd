//! In real headless Chromium: a navigator opens a resident's case, lends a hotspot from the
//! case page's Devices group (due in two weeks) and later checks it back in; the device is in
//! stock again. axe-core checks the page with the lending form and with the loan.
//!
//! Like `tests/browser.rs`, this starts its own chromedriver and Chromium (see
//! `common/browser.rs`); without them the "browser" tier is skipped, or fails under
//! `NAVDESK_REQUIRE_ALL_TIERS=1`.

#[path = "common/browser.rs"]
mod browser;
mod common;

use browser::{axe_source, Browser};
use common::loans::{day, device, shown, status};
use common::staff::{new_case, ANA, PASSWORD};
use common::Backend;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_navigator_lends_a_hotspot_and_checks_it_back_in() {
    let Some(app) = common::spawn(Backend::Sqlite).await else {
        return;
    };
    let Some(b) = Browser::start(&app.base).await else {
        return;
    };
    let axe = axe_source();
    let ana = app.with_user(ANA).create().await.navigator_id.unwrap();
    let program = app.program("City IT", "Hotspot lending").await;
    let hotspot = device(&app, "HS-0042", "hotspot", program, "available").await;
    device(&app, "LT-0007", "laptop", program, "in_repair").await;
    let (case_id, _) = new_case(&app, "Rosa Díaz", navdesk::db::now()).await;
    app.exec(
        "UPDATE cases SET navigator_id = $1, status = 'in_progress' WHERE id = $2",
        (ana, case_id),
    )
    .await;

    b.sign_in(ANA.email, PASSWORD).await;
    b.open(&format!("/cases/{case_id}")).await;
    // The group is folded until the navigator opens it.
    b.click("#act-devices").await;
    let group = b.text_of("details:has(#act-devices)").await;
    assert!(group.contains("No device lent or given"), "{group}");
    let options = b.text_of("#f-device").await;
    assert!(
        options.contains("HS-0042 · hotspot · Hotspot lending"),
        "{options}"
    );
    assert!(
        !options.contains("LT-0007"),
        "a device in repair is not offered"
    );
    b.no_axe_violations(axe.as_deref(), "case page with the lending form")
        .await;

    b.find("#f-device")
        .await
        .select_by_value(&hotspot.to_string())
        .await
        .unwrap();
    b.tick("f-how").await;
    // A date field's typing order follows the browser's locale; its value is the same anywhere.
    let due = day(14);
    b.js(&format!(
        "document.getElementById('f-due_on').value = '{due}'; return null;"
    ))
    .await;
    b.click(&format!(
        "form[action='/cases/{case_id}/devices'] button[type=submit]"
    ))
    .await;
    b.wait_for("ul.loans").await;
    assert_eq!(b.path().await, format!("/cases/{case_id}"));
    let loans = b.text_of("ul.loans").await;
    assert!(
        loans.contains(&format!(
            "HS-0042 (hotspot): lent, due back {}",
            shown(&due)
        )),
        "{loans}"
    );
    assert_eq!(status(&app, hotspot).await, "on_loan");
    let timeline = b.text_of("ol.timeline").await;
    assert!(timeline.contains("Lent HS-0042 (hotspot)"), "{timeline}");
    b.no_axe_violations(axe.as_deref(), "case page with the loan")
        .await;
    b.fits_and_screenshot("case-device-lent").await;
    b.viewport(1280, 800).await;
    b.fits_and_screenshot("case-device-lent-desk").await;

    // Back in good condition: checked in, in stock again.
    b.find("#f-condition-1")
        .await
        .select_by_value("good")
        .await
        .unwrap();
    b.click("form.loan-action button[type=submit]").await;
    common::eventually(async || status(&app, hotspot).await, |s| s == "available").await;
    b.open(&format!("/cases/{case_id}")).await;
    b.click("#act-devices").await;
    let loans = b.text_of("ul.loans").await;
    assert!(
        loans.contains("HS-0042 (hotspot): checked in on"),
        "{loans}"
    );
    assert!(loans.contains(", good"), "{loans}");
    let outcome: String = app
        .one(
            "SELECT device_type FROM outcomes WHERE case_id = $1",
            (case_id,),
        )
        .await;
    assert_eq!(outcome, "hotspot");
    b.quit().await;
}
