//! Browser tests: the resident's pages in real headless Chromium (WebDriver), at phone width.
//!
//! - a Spanish-speaking resident asks for help and gets a reference code;
//! - axe-core finds no WCAG 2.1 A/AA violation on any resident page, in English and Spanish;
//! - full-page screenshots at 320 px (the narrowest phone, or 200% zoom) go to `target/screenshots/` for people to look at.
//!
//! Each test starts its own chromedriver and Chromium (see `common/browser.rs`); without them
//! the "browser" tier is skipped, or fails under `NAVDESK_REQUIRE_ALL_TIERS=1`.

#[path = "common/browser.rs"]
mod browser;
mod common;

use browser::Browser;
use common::{Backend, TestApp};
use navdesk::i18n::{I18n, Lang};

const LANGS: [&str; 6] = ["en", "es", "ar", "am", "ln", "vi"];

/// The app and a browser on it, or `None` when a tier is skipped.
async fn start() -> Option<(TestApp, Browser)> {
    let app = common::spawn(Backend::Sqlite).await?;
    let browser = Browser::start(&app.base).await?;
    Some((app, browser))
}

fn tr(lang: &str, id: &str) -> String {
    let i18n = I18n::load().expect("translations load");
    i18n.tr(Lang::parse(lang).expect("a supported language"))
        .t(id)
}

/// Fills the request form like a person: clicks each field and types, ticks by the labels.
async fn fill_valid_request(b: &Browser) {
    b.type_into("#f-name", "María Pérez").await;
    b.type_into("#f-phone", "(303) 555-0123").await;
    b.tick("f-contact_method").await;
    b.tick("f-sms_consent").await;
    b.type_into("#f-zip", "80205").await;
    b.tick("f-needs").await;
}

async fn submit_request_form(b: &Browser) {
    b.click("form[action='/help'] button[type=submit]").await;
}

/// Submits a filled form and returns the reference code shown on the confirmation page.
async fn submit_and_read_code(b: &Browser) -> String {
    submit_request_form(b).await;
    let code_el = b.wait_for(".refcode").await;
    let code = code_el
        .attr("data-ref")
        .await
        .expect("attribute")
        .expect("the reference code has data-ref");
    let shown = code_el.text().await.expect("text");
    assert_eq!(
        shown.trim(),
        format!(
            "{} {}",
            &code[..4.min(code.len())],
            &code[4.min(code.len())..]
        ),
        "the code is shown in two groups of four"
    );
    code
}

/// Submits the form with the name left empty and the phone `12`: the 422 page.
async fn submit_bad_request(b: &Browser) {
    b.type_into("#f-phone", "12").await;
    submit_request_form(b).await;
    b.wait_for(".error-summary").await;
    assert_eq!(b.http_status().await, 422, "a form with errors answers 422");
    assert_eq!(b.path().await, "/help");
}

fn assert_reference_code(code: &str) {
    const ALPHABET: &str = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    assert_eq!(code.len(), 8, "reference code {code:?} has 8 characters");
    assert!(
        code.chars().all(|c| ALPHABET.contains(c)),
        "reference code {code:?} uses only unambiguous letters and digits (no 0, O, 1, I)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spanish_resident_asks_for_help_and_gets_a_reference_code() {
    let Some((app, b)) = start().await else {
        return;
    };

    b.open("/help?lang=es").await;
    let html = b.find("html").await;
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("es"));
    assert_eq!(
        b.find("h1").await.text().await.unwrap(),
        tr("es", "form-title")
    );

    fill_valid_request(&b).await;
    let code = submit_and_read_code(&b).await;

    assert_reference_code(&code);
    assert_eq!(b.path().await, format!("/help/{code}"));
    assert_eq!(
        b.find("html").await.attr("lang").await.unwrap().as_deref(),
        Some("es"),
        "the confirmation page is in Spanish"
    );
    assert_eq!(
        b.find("h1").await.text().await.unwrap(),
        tr("es", "confirm-title")
    );
    let body = b.find("main").await.text().await.unwrap();
    for id in ["confirm-next-sms", "need-internet"] {
        let want = tr("es", id);
        assert!(
            body.contains(&want),
            "the confirmation says {want:?}:\n{body}"
        );
    }

    let stored: i64 = app
        .one("SELECT COUNT(*) FROM cases WHERE ref_code = $1", (&code,))
        .await;
    assert_eq!(stored, 1, "the request {code} is stored");
    let (language, method, zip, name): (String, String, String, String) = app
        .row(
            "SELECT c.language, r.contact_method, r.zip, r.name \
         FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.ref_code = $1",
            (&code,),
        )
        .await;
    assert_eq!(
        (
            language.as_str(),
            method.as_str(),
            zip.as_str(),
            name.as_str()
        ),
        ("es", "sms", "80205", "María Pérez")
    );

    b.quit().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_pages_have_no_axe_violations_in_every_language() {
    let Some(axe) = browser::axe_source() else {
        return;
    };
    let Some((app, b)) = start().await else {
        return;
    };

    let mut report = String::new();
    let mut summary = Vec::new();
    let mut audit = async |page: &str| {
        let result = b.axe(&axe).await;
        let lang = b
            .find("html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default();
        summary.push(format!(
            "[{lang}] {page}: {} violations, {} rules passed, needs review: {:?}",
            result.violations.len(),
            result.passes,
            result.incomplete
        ));
        if !result.violations.is_empty() {
            report.push_str(&format!("[{lang}] {page} — {}\n", b.here().await));
            for v in &result.violations {
                report.push_str(&v.to_string());
            }
        }
    };

    for lang in LANGS {
        b.open(&format!("/?lang={lang}")).await;
        audit("landing /").await;

        b.open(&format!("/help?lang={lang}")).await;
        audit("form /help").await;

        submit_bad_request(&b).await;
        audit("form with errors (422)").await;

        b.open(&format!("/help?lang={lang}")).await;
        fill_valid_request(&b).await;
        let code = submit_and_read_code(&b).await;
        audit("confirmation /help/{ref}").await;

        b.open(&format!("/status?lang={lang}")).await;
        audit("status /status").await;

        b.type_into("#f-ref", &code).await;
        b.type_into("#f-phone_last4", "0123").await;
        b.click("form[action='/status'] button[type=submit]").await;
        b.wait_for("dl.summary").await;
        audit("status result").await;
    }

    eprintln!(
        "axe-core ({}):\n  {}",
        browser::AXE_TAGS.join(", "),
        summary.join("\n  ")
    );
    assert!(
        report.is_empty(),
        "axe-core found accessibility violations:\n{report}"
    );

    b.quit().await;
    app.stop().await;
}

/// The public equity dashboard, on the demo's figures (its map, tables and sentences): no
/// axe-core violation in any language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn equity_dashboard_has_no_axe_violations_in_every_language() {
    let Some(axe) = browser::axe_source() else {
        return;
    };
    let Some((app, b)) = start().await else {
        return;
    };
    navdesk::demo::seed(&app.db).await.expect("demo seeds");
    let mut report = String::new();
    let mut summary = Vec::new();
    for lang in LANGS {
        b.open(&format!("/equity?lang={lang}")).await;
        let result = b.axe(&axe).await;
        summary.push(format!(
            "[{lang}] /equity: {} violations, {} rules passed",
            result.violations.len(),
            result.passes
        ));
        for v in &result.violations {
            report.push_str(&format!("[{lang}] /equity {v}"));
        }
    }
    eprintln!("axe-core:\n  {}", summary.join("\n  "));
    assert!(
        report.is_empty(),
        "axe-core found accessibility violations:\n{report}"
    );
    b.quit().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_width_screenshots_of_resident_pages() {
    let Some((app, b)) = start().await else {
        return;
    };
    let shoot = async |name: &str| b.fits_phone_and_screenshot(name).await;

    for lang in LANGS {
        b.open(&format!("/?lang={lang}")).await;
        shoot(&format!("{lang}-1-landing")).await;

        b.open(&format!("/help?lang={lang}")).await;
        shoot(&format!("{lang}-2-form")).await;

        submit_bad_request(&b).await;
        shoot(&format!("{lang}-3-form-errors")).await;

        b.open(&format!("/help?lang={lang}")).await;
        fill_valid_request(&b).await;
        submit_and_read_code(&b).await;
        shoot(&format!("{lang}-4-confirmation")).await;
    }

    b.quit().await;
    app.stop().await;
}

/// The visible lines of the current page, as a person reads them.
async fn visible_lines(b: &Browser) -> Vec<String> {
    let v = b.js("return document.body.innerText.split('\\n');").await;
    v.as_array()
        .map(|lines| {
            lines
                .iter()
                .filter_map(|l| l.as_str())
                .map(|l| l.trim().to_owned())
                .filter(|l| l.chars().any(char::is_alphabetic))
                .collect()
        })
        .unwrap_or_default()
}

/// A resident who reads only one language goes through the whole flow, form, an error,
/// confirmation, status, and meets no English line on the way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_flow_in_each_language_has_no_english_left() {
    let Some((app, b)) = start().await else {
        return;
    };
    // English as a resident sees it, page by page.
    let mut english = Vec::new();
    for path in ["/", "/help", "/status"] {
        b.open(&format!("{path}?lang=en")).await;
        english.extend(visible_lines(&b).await);
    }
    b.open("/help?lang=en").await;
    submit_bad_request(&b).await;
    english.extend(visible_lines(&b).await);
    b.open("/help?lang=en").await;
    fill_valid_request(&b).await;
    submit_and_read_code(&b).await;
    english.extend(visible_lines(&b).await);

    let mut failures = Vec::new();
    for lang in LANGS.iter().filter(|l| **l != "en") {
        let dir = if *lang == "ar" { "rtl" } else { "ltr" };
        let mut check = async |what: &str| {
            let html = b.find("html").await;
            let got = (
                html.attr("lang").await.unwrap().unwrap_or_default(),
                html.attr("dir").await.unwrap().unwrap_or_default(),
            );
            if got != (lang.to_string(), dir.to_string()) {
                failures.push(format!("{lang} {what}: <html lang dir> is {got:?}"));
            }
            let left: Vec<String> = visible_lines(&b)
                .await
                .into_iter()
                .filter(|l| english.contains(l) && !common::same_in_every_language(l))
                .collect();
            if !left.is_empty() {
                failures.push(format!("{lang} {what}: English left: {left:?}"));
            }
        };
        b.open(&format!("/?lang={lang}")).await;
        check("landing").await;
        b.open("/help").await;
        check("form").await;
        submit_bad_request(&b).await;
        check("form with errors").await;
        b.open("/help").await;
        fill_valid_request(&b).await;
        let code = submit_and_read_code(&b).await;
        check("confirmation").await;
        b.open("/status").await;
        b.type_into("#f-ref", &code).await;
        b.type_into("#f-phone_last4", "0123").await;
        b.click("form[action='/status'] button[type=submit]").await;
        b.wait_for("dl.summary").await;
        check("status").await;
        let stored: String = app
            .one("SELECT language FROM cases WHERE ref_code = $1", (&code,))
            .await;
        assert_eq!(stored, *lang, "the chosen language is stored on the case");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    b.quit().await;
    app.stop().await;
}
