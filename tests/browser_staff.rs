//! Browser tests for the staff side, in real headless Chromium (WebDriver) at phone width:
//!
//! - a navigator's day: sign in, take a request from the queue, log a contact, refer the
//!   resident in one step to a program she qualifies for and see her enrolled, record the outcome, and move the case
//!   through its statuses to closed, with the timeline and the database agreeing;
//! - axe-core finds no WCAG 2.1 A/AA violation on any staff page, as a navigator, a
//!   supervisor and an admin, and no page scrolls sideways on a 320 px phone; full-page
//!   screenshots go to `target/screenshots/staff-*.png` for people to look at.
//!
//! Like `tests/browser.rs`, each test starts its own chromedriver and Chromium (see
//! `common/browser.rs`); without them the "browser" tier is skipped, or fails under
//! `NAVDESK_REQUIRE_ALL_TIERS=1`.

#[path = "common/browser.rs"]
mod browser;
mod common;

use browser::Browser;
use common::staff::{new_case, new_case_by, Person, ANA, PASSWORD};
use common::{Backend, TestApp};
use navdesk::domain::Channel;
use navdesk::i18n::{I18n, Lang};

const SAM: Person = Person::supervisor("sam@navdesk.example", "Sam Ortiz");

/// The app and a browser on it, or `None` when a tier is skipped.
async fn start() -> Option<(TestApp, Browser)> {
    let app = common::spawn(Backend::Sqlite).await?;
    let browser = Browser::start(&app.base).await?;
    Some((app, browser))
}

/// English page text as the app writes it, without Fluent's isolation marks.
struct En(I18n);

impl En {
    fn load() -> Self {
        En(I18n::load().expect("translations load"))
    }

    fn t(&self, id: &str) -> String {
        clean(&self.0.tr(Lang::EN).t(id))
    }

    fn ta(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<_> = args.iter().map(|(k, v)| (*k, (*v).into())).collect();
        clean(&self.0.tr(Lang::EN).ta(id, &args))
    }
}

fn clean(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

/// A navigator row for a user (the same as `common::staff::staff` inserts); its id.
/// Signs in on the login page like a person: types the email and password and submits.
async fn sign_in(b: &Browser, email: &str) {
    b.open("/login").await;
    fill(b, "#f-email", email).await;
    fill(b, "#f-password", PASSWORD).await;
    press(b, "form[action='/login'] button[type=submit]").await;
    b.wait_for("nav.staff-nav").await;
}

async fn sign_out(b: &Browser) {
    b.open("/cases").await;
    press(b, "form[action='/logout'] button[type=submit]").await;
    b.wait_for("#f-email").await;
}

/// Presses a button that submits a form and waits until the next page has loaded.
async fn press(b: &Browser, css: &str) {
    b.js("document.documentElement.dataset.pressed = '1';")
        .await;
    b.click(css).await;
    b.wait_for("html:not([data-pressed]) body").await;
}

/// Presses a case form's button and checks that the case page came back (after a redirect).
/// The one-step Refer buttons post to the same place as the add-referral form: not these.
async fn press_on_case(b: &Browser, case_id: i64, action: &str) {
    press_button_on_case(
        b,
        case_id,
        &format!("form:not(.refer)[action='/cases/{case_id}/{action}'] button[type=submit]"),
        action,
    )
    .await;
}

async fn press_button_on_case(b: &Browser, case_id: i64, css: &str, action: &str) {
    press(b, css).await;
    assert_eq!(
        b.path().await,
        format!("/cases/{case_id}"),
        "after {action}"
    );
    assert_eq!(
        b.http_status().await,
        200,
        "after {action}: {}",
        b.here().await
    );
    let errors = b
        .js("const e = document.querySelector('.error-summary'); return e ? e.innerText : '';")
        .await;
    assert_eq!(
        errors.as_str(),
        Some(""),
        "after {action}, the case page shows a problem"
    );
}

/// Types into an empty text field like a person (tap, then keys) and checks that it took the
/// text.
///
/// Chromium with touch emulation sometimes drops the keys typed right after a tap moves the
/// focus from one text field to the next in a long form: the field gets `keydown` but no
/// `input`. A person would see it and type again; so do we, once.
async fn fill(b: &Browser, css: &str, text: &str) {
    for attempt in 1..=2 {
        b.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::json!(b.find(css).await)],
            )
            .await
            .expect("scroll the field into view");
        b.type_into(css, text).await;
        let value = b.find(css).await.prop("value").await.expect("value");
        if value.as_deref() == Some(text) {
            return;
        }
        assert!(
            attempt == 1 && value.as_deref() == Some(""),
            "typing {text:?} into `{css}` on {} left {value:?}",
            b.here().await
        );
    }
    panic!(
        "the keys typed into `{css}` were lost twice on {}",
        b.here().await
    );
}

/// Unfolds an action group of the case page, as a person clicks its title.
async fn open_group(b: &Browser, heading_id: &str) {
    b.click(&format!("summary:has(#{heading_id})")).await;
    b.wait_for(&format!("details[open] > summary #{heading_id}"))
        .await;
}

async fn choose(b: &Browser, css: &str, value: &str) {
    b.find(css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value:?} in `{css}`: {e}"));
}

/// The visible text of an element, without isolation marks.
async fn text_of(b: &Browser, css: &str) -> String {
    clean(&b.find(css).await.text().await.expect("text"))
}

/// The value next to a label in the case page's first summary list.
async fn summary_value(b: &Browser, label: &str) -> String {
    let v = b
        .client
        .execute(
            "const [label] = arguments; \
             for (const dt of document.querySelectorAll('main dl.summary dt')) { \
               if (dt.innerText.trim() === label) return dt.nextElementSibling.innerText; \
             } \
             return null;",
            vec![serde_json::json!(label)],
        )
        .await
        .expect("read the summary");
    match v.as_str() {
        Some(value) => clean(value).trim().to_owned(),
        None => panic!("no {label:?} in the summary on {}", b.here().await),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_navigators_day_in_the_browser() {
    let Some((app, b)) = start().await else {
        return;
    };
    let en = En::load();
    let email = ANA.email;
    app.with_user(ANA).create().await;
    let program_id = app.program("PCs for People", "Refurbished laptops").await;
    let (case_id, code) = new_case(&app, "Rosa Díaz", navdesk::db::now() - 3600).await;

    // Sign in; the new request waits in the queue with a button to take it.
    sign_in(&b, email).await;
    b.open("/cases").await;
    let queue = "section[aria-labelledby='cases-queue']";
    assert_eq!(
        text_of(&b, &format!("{queue} h2")).await,
        en.t("cases-queue-title")
    );
    let take = format!("{queue} form[action='/cases/{case_id}/take'] button[type=submit]");
    assert_eq!(
        text_of(&b, &take).await,
        en.ta("cases-take", &[("ref", &code)]),
        "the Take button names the request"
    );
    press(&b, &take).await;
    assert_eq!(
        b.path().await,
        format!("/cases/{case_id}"),
        "taking opens the case"
    );
    assert_eq!(
        text_of(&b, "h1").await,
        en.ta("case-title", &[("ref", &code)])
    );
    assert_eq!(
        summary_value(&b, &en.t("case-status")).await,
        en.t("case-status-assigned")
    );
    assert_eq!(
        summary_value(&b, &en.t("case-first-contact")).await,
        en.t("case-not-yet")
    );

    // A phone call with the resident.
    open_group(&b, "act-contact").await;
    choose(&b, "#f-place", "phone").await;
    fill(&b, "#f-minutes", "15").await;
    fill(
        &b,
        "#f-contact_note",
        "Called Rosa; she has no computer at home.",
    )
    .await;
    press_on_case(&b, case_id, "contacts").await;
    let first_contact = summary_value(&b, &en.t("case-first-contact")).await;
    assert!(
        !first_contact.is_empty() && first_contact != en.t("case-not-yet"),
        "First contact shows when: {first_contact:?}"
    );

    // The program she qualifies for, with why; one press refers her, then the program
    // enrolls her.
    open_group(&b, "programs").await;
    let programs = text_of(&b, "ul.matches").await;
    assert!(
        programs.contains("Refurbished laptops")
            && programs.contains(&en.t("case-programs-eligible"))
            && programs.contains(&en.t("eligibility-open-to-all")),
        "the program is listed as one she qualifies for:\n{programs}"
    );
    let refer = "ul.matches form.refer button[aria-label*='Refurbished laptops']";
    assert_eq!(text_of(&b, refer).await, en.t("case-programs-refer"));
    let name = b
        .js(&format!(
            "return document.querySelector(\"{refer}\").getAttribute('aria-label');"
        ))
        .await;
    assert_eq!(
        clean(name.as_str().unwrap_or_default()),
        en.ta(
            "case-programs-refer-label",
            &[("program", "Refurbished laptops")]
        ),
        "the Refer button's accessible name names the program"
    );
    press_button_on_case(&b, case_id, refer, "refer").await;
    let gone = b
        .js(&format!(
            "return document.querySelector(\"{refer}\") === null;"
        ))
        .await;
    assert_eq!(
        gone.as_bool(),
        Some(true),
        "a referred program offers no Refer"
    );
    open_group(&b, "programs").await;
    assert!(text_of(&b, "ul.matches").await.contains(&en.ta(
        "case-programs-referred",
        &[("status", &en.t("referral-status-referred"))]
    )));
    let referral_id: i64 = app
        .one("SELECT id FROM referrals WHERE case_id = $1", (case_id,))
        .await;
    choose(&b, &format!("#f-referral-{referral_id}"), "enrolled").await;
    press_on_case(&b, case_id, &format!("referrals/{referral_id}")).await;
    open_group(&b, "programs").await;
    let referrals = text_of(&b, "table[aria-labelledby='referrals'] tbody").await;
    assert!(
        referrals.contains("Refurbished laptops")
            && referrals.contains(&en.t("referral-status-enrolled")),
        "the referral shows as enrolled:\n{referrals}"
    );

    // The outcome: connected at home, a laptop, skills from 2 to 4.
    open_group(&b, "act-outcome").await;
    b.tick("f-connected_at_home").await;
    fill(&b, "#f-plan", "Internet Essentials").await;
    fill(&b, "#f-monthly_cost", "9.95").await;
    choose(&b, "#f-device_type", "laptop").await;
    fill(&b, "#f-training_sessions", "3").await;
    b.tick("f-skill_at_intake-2").await;
    b.tick("f-skill_at_close-4").await;
    press_on_case(&b, case_id, "outcome").await;
    open_group(&b, "act-outcome").await;
    assert_eq!(
        summary_value(&b, &en.t("outcome-connected")).await,
        en.t("outcome-yes")
    );
    assert_eq!(
        summary_value(&b, &en.t("outcome-device")).await,
        en.t("device-laptop")
    );

    // In progress, resolved, closed.
    for status in ["in_progress", "resolved"] {
        open_group(&b, "act-status").await;
        choose(&b, "#f-status", status).await;
        press_on_case(&b, case_id, "status").await;
        assert_eq!(
            summary_value(&b, &en.t("case-status")).await,
            en.t(&format!("case-status-{status}"))
        );
    }
    // Closing goes with the outcome, in the outcome's group.
    open_group(&b, "act-outcome").await;
    b.tick("f-close").await;
    choose(&b, "#f-close_reason", "helped").await;
    press_on_case(&b, case_id, "outcome").await;
    assert_eq!(
        summary_value(&b, &en.t("case-status")).await,
        format!(
            "{} ({})",
            en.t("case-status-closed"),
            en.t("close-reason-helped")
        )
    );

    // The timeline tells the day, step by step, in order.
    let timeline = text_of(&b, "ol.timeline").await;
    let status = |s: &str| en.t(&format!("case-status-{s}"));
    let referral = |s: &str| en.t(&format!("referral-status-{s}"));
    let steps = [
        en.t("case-event-created"),
        en.t("case-event-assignment"),
        en.ta(
            "case-event-contact",
            &[(
                "channel",
                &en.ta(
                    "case-contact-place-minutes",
                    &[
                        ("place", &en.t("case-contact-place-phone")),
                        ("minutes", "15"),
                    ],
                ),
            )],
        ),
        "Called Rosa; she has no computer at home.".to_owned(),
        en.ta(
            "case-event-referral",
            &[
                ("program", "Refurbished laptops"),
                ("to", &referral("referred")),
            ],
        ),
        en.ta(
            "case-event-referral-change",
            &[
                ("program", "Refurbished laptops"),
                ("from", &referral("referred")),
                ("to", &referral("enrolled")),
            ],
        ),
        en.t("case-event-outcome"),
        en.ta(
            "case-event-status-change",
            &[
                ("from", &status("assigned")),
                ("to", &status("in_progress")),
            ],
        ),
        en.ta(
            "case-event-status-change",
            &[
                ("from", &status("in_progress")),
                ("to", &status("resolved")),
            ],
        ),
        en.ta(
            "case-event-closed",
            &[
                ("from", &status("resolved")),
                ("reason", &en.t("close-reason-helped")),
            ],
        ),
    ];
    let lines: Vec<&str> = timeline.lines().map(str::trim).collect();
    // Newest first; closing records the outcome again, so a step is found where it first
    // happened (its oldest line).
    let at = |step: &str| lines.iter().rposition(|l| *l == step);
    for step in &steps {
        assert!(
            at(step).is_some(),
            "the timeline shows {step:?}:\n{timeline}"
        );
    }
    // Newest or oldest first, the steps come in the order they were taken.
    // (A note is read under its entry's line, so it is left out of the order.)
    let positions: Vec<usize> = steps
        .iter()
        .filter(|s| !s.starts_with("Called Rosa"))
        .filter_map(|s| at(s))
        .collect();
    let ascending = positions.windows(2).all(|w| w[0] < w[1]);
    let descending = positions.windows(2).all(|w| w[0] > w[1]);
    assert!(
        ascending || descending,
        "the timeline's steps are in order:\n{timeline}"
    );
    assert!(
        timeline.contains("Ana Navarro"),
        "the timeline names who did it:\n{timeline}"
    );

    // And the database agrees.
    let (status, reason, first_contact): (String, Option<String>, Option<i64>) = app
        .row(
            "SELECT status, close_reason, first_contact_at FROM cases WHERE id = $1",
            (case_id,),
        )
        .await;
    assert_eq!(status, "closed");
    assert_eq!(reason.as_deref(), Some("helped"));
    assert!(first_contact.is_some(), "the first contact is stored");
    let (program_of, referral_status): (i64, String) = app
        .row(
            "SELECT program_id, status FROM referrals WHERE id = $1",
            (referral_id,),
        )
        .await;
    assert_eq!(
        (program_of, referral_status.as_str()),
        (program_id, "enrolled")
    );
    type OutcomeRow = (
        Option<i64>,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );
    let outcome: OutcomeRow = app
        .row(
            "SELECT connected_at_home, plan, monthly_cost_cents, device_type, training_sessions, \
         skill_at_intake, skill_at_close FROM outcomes WHERE case_id = $1",
            (case_id,),
        )
        .await;
    assert_eq!(
        outcome,
        (
            Some(1),
            "Internet Essentials".to_owned(),
            Some(995),
            Some("laptop".to_owned()),
            Some(3),
            Some(2),
            Some(4)
        )
    );
    let contacts: i64 = app
        .one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = 'contact'",
            (case_id,),
        )
        .await;
    assert_eq!(contacts, 1, "one contact is logged");

    b.quit().await;
    app.stop().await;
}

/// axe's findings and the phone-width check for every page, collected as the pages go by.
struct Audit {
    axe: String,
    report: String,
    summary: Vec<String>,
}

impl Audit {
    async fn check(&mut self, b: &Browser, page: &str, screenshot: &str) {
        let status = b.http_status().await;
        let want = if page.contains("422") { 422 } else { 200 };
        assert_eq!(status, want, "{page}: HTTP status of {}", b.here().await);
        let result = b.axe(&self.axe).await;
        self.summary.push(format!(
            "{page}: {} violations, {} rules passed, needs review: {:?}",
            result.violations.len(),
            result.passes,
            result.incomplete
        ));
        if !result.violations.is_empty() {
            self.report
                .push_str(&format!("{page} — {}\n", b.here().await));
            for v in &result.violations {
                self.report.push_str(&v.to_string());
            }
        }
        // axe only asks for a review of repeated ids; a label or an error link that finds
        // another field than its own is a failure here.
        let repeated = b
            .js("const seen = new Map(); \
                 for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1); \
                 return [...seen].filter(([, n]) => n > 1).map(([id]) => id);")
            .await;
        if repeated.as_array().is_some_and(|ids| !ids.is_empty()) {
            self.report
                .push_str(&format!("{page} — ids used more than once: {repeated}\n"));
        }
        b.fits_phone_and_screenshot(screenshot).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_have_no_axe_violations() {
    let Some(axe) = browser::axe_source() else {
        return;
    };
    let Some((app, b)) = start().await else {
        return;
    };
    let now = navdesk::db::now();

    // Three accounts; the navigator and the supervisor both work cases.
    let navigator_email = ANA.email;
    let supervisor_email = SAM.email;
    let admin_email = "ada@navdesk.example";
    let ana = app.with_user(ANA).create().await;
    let ana_row = ana.navigator_id.unwrap();
    app.with_user(SAM).profile(true).create().await;
    let ada = Person::admin(admin_email, "Ada Lee");
    app.with_user(ada).create().await;
    let program_id = app.program("PCs for People", "Refurbished laptops").await;
    app.program("Denver Public Library", "Hotspot lending")
        .await;

    // Ana's own case (with a referral and an outcome), and one waiting in the queue.
    let (own, _) = new_case(&app, "Rosa Díaz", now - 5 * 86_400).await;
    new_case(&app, "Tomás Vega", now - 2 * 86_400).await;

    let mut audit = Audit {
        axe,
        report: String::new(),
        summary: Vec::new(),
    };

    b.open("/login").await;
    audit.check(&b, "/login", "staff-login").await;

    // The navigator works their own case in the browser, then looks at the pages.
    sign_in(&b, navigator_email).await;
    b.open("/cases").await;
    press(
        &b,
        &format!("form[action='/cases/{own}/take'] button[type=submit]"),
    )
    .await;
    open_group(&b, "programs").await;
    choose(&b, "#f-program", &program_id.to_string()).await;
    press_on_case(&b, own, "referrals").await;
    open_group(&b, "act-outcome").await;
    b.tick("f-connected_at_home").await;
    choose(&b, "#f-device_type", "tablet").await;
    b.tick("f-skill_at_intake-3").await;
    press_on_case(&b, own, "outcome").await;
    audit
        .check(
            &b,
            "/cases/{id} with a referral and an outcome",
            "staff-case",
        )
        .await;

    open_group(&b, "act-outcome").await;
    fill(&b, "#f-monthly_cost", "ten").await;
    press(
        &b,
        &format!("form[action='/cases/{own}/outcome'] button[type=submit]"),
    )
    .await;
    assert_eq!(b.http_status().await, 422, "a bad cost answers 422");
    b.wait_for(".error-summary a[href='#f-monthly_cost']").await;
    audit
        .check(&b, "/cases/{id} with errors (422)", "staff-case-errors")
        .await;

    b.open("/cases").await;
    b.wait_for("section[aria-labelledby='cases-mine'] table")
        .await;
    b.wait_for("section[aria-labelledby='cases-queue'] table")
        .await;
    audit
        .check(&b, "/cases as a navigator", "staff-cases-navigator")
        .await;

    b.open("/cases/new").await;
    audit.check(&b, "/cases/new", "staff-intake").await;

    b.open(&format!("/cases/{own}/answers")).await;
    audit
        .check(&b, "/cases/{id}/answers", "staff-answers")
        .await;

    b.open("/programs").await;
    audit.check(&b, "/programs", "staff-programs").await;

    b.open("/account/password").await;
    audit.check(&b, "/account/password", "staff-password").await;
    sign_out(&b).await;

    // The supervisor: every open case, filters, and the reassign form.
    sign_in(&b, supervisor_email).await;
    b.open("/cases?need=internet&language=es&status=").await;
    b.wait_for("form[action='/cases/reassign'] select[name=navigator]")
        .await;
    b.wait_for("form.filters[role=search]").await;
    audit
        .check(
            &b,
            "/cases as a supervisor, filtered",
            "staff-cases-supervisor",
        )
        .await;

    b.open("/navigators").await;
    audit.check(&b, "/navigators", "staff-navigators").await;

    b.open(&format!("/navigators/{ana_row}")).await;
    audit.check(&b, "/navigators/{id}", "staff-navigator").await;

    b.open("/map?homes=on&sites=on").await;
    b.wait_for("figure.map-figure").await;
    audit.check(&b, "/map", "staff-map").await;

    b.open("/map?from=2026-02-30").await;
    b.wait_for(".error-summary a[href='#f-from']").await;
    audit
        .check(&b, "/map with errors (422)", "staff-map-errors")
        .await;

    b.open("/reports").await;
    audit.check(&b, "/reports", "staff-reports").await;
    sign_out(&b).await;

    // The admin: programs, users and the audit log.
    sign_in(&b, admin_email).await;
    b.open("/programs/new").await;
    audit.check(&b, "/programs/new", "staff-program-new").await;

    b.open("/users").await;
    audit.check(&b, "/users", "staff-users").await;

    b.open("/users/new").await;
    audit.check(&b, "/users/new", "staff-user-new").await;

    b.open("/audit").await;
    audit.check(&b, "/audit", "staff-audit").await;

    eprintln!(
        "axe-core ({}):\n  {}",
        browser::AXE_TAGS.join(", "),
        audit.summary.join("\n  ")
    );
    assert!(
        audit.report.is_empty(),
        "axe-core found accessibility violations:\n{}",
        audit.report
    );

    b.quit().await;
    app.stop().await;
}

/// Downloads land here while a test runs.
fn download_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("navdesk-downloads-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("download folder");
    dir
}

/// A supervisor opens the service-gap map over Denver's neighborhoods, sees where requests go
/// unmet, follows a neighborhood to its cases, and downloads the same figures as GeoJSON.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_reads_the_service_gap_map() {
    let Some((app, b)) = start().await else {
        return;
    };
    if common::import_denver(&app.db).await.is_none() {
        b.quit().await;
        app.stop().await;
        return;
    }
    let now = navdesk::db::now();
    // Three requests nobody has taken, in Five Points.
    let mut codes = Vec::new();
    for (i, name) in ["Rosa Díaz", "Tomás Vega", "Lidia Cruz"].iter().enumerate() {
        codes.push(new_case(&app, name, now - (i as i64 + 1) * 86_400).await.1);
    }
    let five_points: i64 = app
        .one("SELECT id FROM areas WHERE name = 'Five Points'", ())
        .await;
    app.with_user(SAM).create().await;
    sign_in(&b, SAM.email).await;

    b.open("/map").await;
    b.wait_for("figure.map-figure svg").await;
    let links = b
        .js("return [...document.querySelectorAll('figure.map-figure svg a')].map(a => [a.getAttribute('href'), a.getAttribute('aria-label')]);")
        .await;
    let links = links.as_array().expect("links");
    assert_eq!(links.len(), 78, "one link per neighborhood");
    let five = links
        .iter()
        .find(|l| l[0].as_str() == Some(&format!("/cases?area={five_points}")))
        .expect("Five Points is a link");
    let label = clean(five[1].as_str().unwrap());
    assert!(
        label.contains("Five Points") && label.contains('3'),
        "accessible name with the figure: {label}"
    );
    // Five Points is shaded darker than a neighborhood with no requests.
    let fills = b
        .js(&format!(
            "const f = a => getComputedStyle(a.querySelector('path, circle')).fill; \
             const all = [...document.querySelectorAll('figure.map-figure svg a')]; \
             const five = all.find(a => a.getAttribute('href') === '/cases?area={five_points}'); \
             return [f(five), f(all.find(a => a !== five))];"
        ))
        .await;
    assert_ne!(fills[0], fills[1], "Five Points stands out: {fills}");
    b.fits_phone_and_screenshot("staff-map-denver").await;

    // Follow the neighborhood to its cases.
    b.js(&format!(
        "document.documentElement.dataset.pressed = '1'; \
         document.querySelector(\"figure.map-figure svg a[href='/cases?area={five_points}']\")\
           .dispatchEvent(new MouseEvent('click', {{bubbles: true, cancelable: true, view: window}}));"
    ))
    .await;
    b.wait_for("html:not([data-pressed]) body").await;
    let at = b.js("return location.pathname + location.search;").await;
    assert_eq!(at, format!("/cases?area={five_points}"));
    let page = b.js("return document.body.innerText;").await;
    for code in &codes {
        assert!(
            page.as_str().unwrap().contains(code.as_str()),
            "{code} is listed"
        );
    }

    // Download the GeoJSON from the map page, as a person would, and read it back.
    let dir = download_dir("map");
    b.cdp(
        "Browser.setDownloadBehavior",
        serde_json::json!({ "behavior": "allow", "downloadPath": dir.to_str().unwrap() }),
    )
    .await;
    b.open("/map").await;
    b.click("a[href^='/map.geojson']").await;
    let file = dir.join("navdesk-map.geojson");
    let text = common::eventually(
        async || {
            std::fs::read_to_string(&file)
                .ok()
                .filter(|t| !t.is_empty())
        },
        Option::is_some,
    )
    .await
    .expect("the GeoJSON was downloaded");
    let gj: geojson::GeoJson = text.parse().expect("the download is valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("not a FeatureCollection")
    };
    assert_eq!(fc.features.len(), 78);
    let five = fc
        .features
        .iter()
        .find(|f| f.properties.as_ref().unwrap()["name"] == "Five Points")
        .expect("Five Points in the download");
    assert_eq!(five.properties.as_ref().unwrap()["unmet"], 3);
    let _ = std::fs::remove_dir_all(&dir);

    b.quit().await;
    app.stop().await;
}

/// The caseload at a desk (1280 × 800, 1024 × 768) and on a phone (390 × 844), as a navigator
/// with work in each state of her day and as a supervisor: the page never scrolls sideways,
/// at a desk the lists show every column without scrolling inside either, and axe finds
/// nothing. Screenshots go to `target/screenshots/caseload-*.png`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_caseload_fits_a_desk_and_a_phone() {
    let Some((app, b)) = start().await else {
        return;
    };
    let axe = browser::axe_source();
    let now = navdesk::db::now();
    let ana = app.with_user(ANA).create().await;
    let ana_row = ana.navigator_id.unwrap();
    app.with_user(SAM).create().await;
    // Her day: a first contact overdue, a follow-up due, an unread reply, a caller waiting.
    for (i, (name, channel)) in [
        ("Rosa Díaz", Channel::Web),
        ("Luis Gómez", Channel::Web),
        ("Marta Ruiz", Channel::Sms),
        ("Eva Luna", Channel::Phone),
        ("Tomás Vega", Channel::Web),
    ]
    .into_iter()
    .enumerate()
    {
        let created = now - (i as i64 + 3) * 86_400;
        let (id, _) = new_case_by(&app, name, created, channel).await;
        app.exec(
            "UPDATE cases SET navigator_id = $1, status = 'in_progress', \
             first_contact_at = CASE WHEN $2 IN (0, 3) THEN NULL ELSE $3 END, \
             follow_up_at = CASE WHEN $2 = 1 THEN $3 END, \
             last_reply_at = CASE WHEN $2 = 2 THEN $3 END WHERE id = $4",
            (ana_row, i as i64, now - 3600, id),
        )
        .await;
    }
    new_case_by(&app, "Noa Ríos", now - 3600, Channel::Phone).await;
    new_case(&app, "Pía Soto", now - 86_400).await;

    let screens: [(u32, u32); 3] = [(1280, 800), (1024, 768), (390, 844)];
    let mut report = Vec::new();
    for (who, email) in [("navigator", ANA.email), ("supervisor", SAM.email)] {
        sign_in(&b, email).await;
        for (width, height) in screens {
            b.viewport(width, height).await;
            b.open("/cases").await;
            let marker = if who == "navigator" {
                "#day-title"
            } else {
                "#cases-loads"
            };
            b.wait_for(marker).await;
            let name = format!("caseload-{who}-{width}x{height}");
            let fit = b
                .js("return [...document.querySelectorAll('.table-wrap')] \
                       .map(w => [w.closest('section').getAttribute('aria-labelledby'), \
                         w.scrollWidth - w.clientWidth]) \
                       .concat([['tabindex', \
                         document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"])').length]]);")
                .await;
            for item in fit.as_array().unwrap() {
                let (what, n) = (item[0].as_str().unwrap(), item[1].as_i64().unwrap());
                if what == "tabindex" {
                    assert_eq!(n, 0, "{name}: the keyboard follows the page's order");
                } else if width >= 1024 {
                    assert!(
                        n <= 0,
                        "{name}: {what} scrolls sideways at a desk by {n} px"
                    );
                }
            }
            if let Some(axe) = &axe {
                let result = b.axe(axe).await;
                if !result.violations.is_empty() {
                    report.push(format!("{name}: {:?}", result.violations));
                }
            }
            // No sideways scrolling of the page; its first screen and the whole of it.
            b.fits_and_screenshot(&name).await;
        }
        sign_out(&b).await;
    }
    assert!(report.is_empty(), "axe-core: {report:#?}");
    b.quit().await;
    app.stop().await;
}
