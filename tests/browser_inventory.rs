//! The device inventory in real headless Chromium at phone width: a supervisor adds a device
//! (after a refused form), sends it for repair, uploads a spreadsheet with a bad row (refused,
//! the line named) and then a good one, and finds the devices with the filters; a navigator
//! reads the list. axe-core finds no WCAG 2.1 A/AA violation on any of these pages, none
//! scrolls sideways, and screenshots go to `target/screenshots/devices-*.png`.

#[path = "common/browser.rs"]
mod browser;
mod common;

use browser::{axe_source, Browser};
use common::appointments::site;
use common::staff::{create_staff_in, PASSWORD};
use common::Backend;
use navdesk::auth::Role;

/// Presses a button that submits a form and waits until the next page has loaded.
async fn press(b: &Browser, css: &str) {
    b.js("document.documentElement.dataset.pressed = '1';")
        .await;
    b.click(css).await;
    b.wait_for("html:not([data-pressed]) body").await;
}

async fn sign_in(b: &Browser, email: &str) {
    b.open("/login").await;
    b.type_into("#f-email", email).await;
    b.type_into("#f-password", PASSWORD).await;
    press(b, "form[action='/login'] button[type=submit]").await;
    b.wait_for("nav.staff-nav").await;
}

/// Picks the option showing `text` in the select `css`.
async fn choose(b: &Browser, css: &str, text: &str) {
    let script = format!(
        "const s = document.querySelector({css:?}); \
         s.value = [...s.options].find(o => o.text === {text:?}).value;"
    );
    b.js(&script).await;
}

async fn checked(b: &Browser, axe: Option<&str>, name: &str) {
    if let Some(axe) = axe {
        let result = b.axe(axe).await;
        assert!(
            result.violations.is_empty(),
            "{name}: {:#?}",
            result.violations
        );
    }
    b.fits_phone_and_screenshot(&format!("devices-{name}"))
        .await;
}

/// Uploads a file of HS-0002 and the row `then` from the list page; the page that answers.
async fn upload(b: &Browser, file: &std::path::Path, then: &str) -> String {
    let header = "asset_tag,kind,serial,program,site,condition,status\n";
    let text = format!("{header}HS-0002,hotspot,,Hotspot lending,,,\n{then}");
    std::fs::write(file, text).unwrap();
    b.open("/devices").await;
    b.find("#f-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    press(b, "form[action='/devices/import'] button[type=submit]").await;
    body_text(b).await
}

async fn body_text(b: &Browser) -> String {
    b.find("main")
        .await
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_keeps_the_inventory_and_a_navigator_reads_it() {
    let Some(app) = common::spawn(Backend::Sqlite).await else {
        return;
    };
    let Some(b) = Browser::start(&app.base).await else {
        return;
    };
    let axe = axe_source();
    let axe = axe.as_deref();
    app.program("Denver Public Library", "Hotspot lending")
        .await;
    site(&app, "Central Library").await;
    create_staff_in(
        &app.db,
        "sam@navdesk.example",
        "Sam Ortiz",
        Role::Supervisor,
    )
    .await;
    create_staff_in(&app.db, "nia@navdesk.example", "Nia Nav", Role::Navigator).await;

    sign_in(&b, "sam@navdesk.example").await;
    b.open("/devices").await;
    checked(&b, axe, "empty-list").await;
    press(&b, "a[href='/devices/new']").await;
    b.type_into("#f-asset_tag", "HS-0001").await;
    b.type_into("#f-serial", "SN 4310037").await;
    choose(&b, "#f-program", "Hotspot lending").await;
    choose(&b, "#f-site", "Central Library").await;
    press(&b, "form[action='/devices/new'] button[type=submit]").await;
    let page = body_text(&b).await;
    assert!(page.contains("The device was saved."), "{page}");
    checked(&b, axe, "device").await;
    // Drawn again: the screenshots above resize the page under the pointer.
    let here = b.path().await;
    b.open(&here).await;

    choose(&b, "#f-status", "In repair").await;
    b.type_into("#f-note", "Does not charge").await;
    press(&b, "form[action$='/status'] button:not(.secondary)").await;
    let page = body_text(&b).await;
    assert!(
        page.contains("Available → In repair · Does not charge"),
        "{page}"
    );
    checked(&b, axe, "device-in-repair").await;

    // A spreadsheet with a bad row: refused, the line named; then a good one.
    let dir = std::env::temp_dir().join(format!("navdesk-inventory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("devices.csv");
    let page = upload(&b, &file, "HS-0003,toaster,,Hotspot lending,,,\n").await;
    assert!(page.contains("Line 3, column kind"), "{page}");
    checked(&b, axe, "import-refused").await;
    let page = upload(
        &b,
        &file,
        "LT-0001,laptop,,Hotspot lending,Central Library,fair,\n",
    )
    .await;
    assert!(
        page.contains("2 devices were added from the file."),
        "{page}"
    );
    let _ = std::fs::remove_dir_all(&dir);

    choose(&b, "#f-kind", "Hotspot").await;
    press(&b, "form.filters button[type=submit]").await;
    let rows = b
        .js("return document.querySelectorAll('tbody tr').length;")
        .await;
    assert_eq!(rows, 2, "two hotspots");
    checked(&b, axe, "list-filtered").await;

    // A refused form, last: nothing is pressed after its screenshots.
    b.open("/devices/new").await;
    press(&b, "form[action='/devices/new'] button[type=submit]").await;
    assert!(body_text(&b).await.contains("Enter the asset tag."));
    checked(&b, axe, "new-refused").await;

    b.open("/devices").await;
    press(&b, "form[action='/logout'] button[type=submit]").await;
    sign_in(&b, "nia@navdesk.example").await;
    b.open("/devices").await;
    assert_eq!(
        b.js("return document.querySelectorAll('form[action=\"/devices/import\"]').length;")
            .await,
        0
    );
    checked(&b, axe, "list-navigator").await;
    // At a desk, the list shows every column without scrolling inside it.
    b.viewport(1280, 800).await;
    b.open("/devices").await;
    let (inner, outer) = (
        b.js("return document.querySelector('.table-wrap').scrollWidth;")
            .await,
        b.js("return document.querySelector('.table-wrap').clientWidth;")
            .await,
    );
    assert!(inner.as_u64() <= outer.as_u64(), "{inner} > {outer}");
    b.fits_and_screenshot("devices-list-desk").await;
    b.quit().await;
    app.stop().await;
}
