//! Devices in the reports and on the map (issue 18), against loans worked out by hand, on SQLite
//! and PostgreSQL: lent, given, returned, lost, on loan and overdue at the period's end, the mean
//! days of a loan, by kind, program, language and area with small groups suppressed; the CSV
//! (a formula in a program's name opens as text); the map's devices available nearby. Devices
//! and loans are inserted directly: the stores are other parts' work.

mod common;

use std::collections::BTreeMap;

use common::staff::Person;
use common::{csv_rows, TestApp};

const SUE: Person = Person::supervisor("sue@navdesk.example", "Sue Visor");
const NIA: Person = Person::navigator("nia@navdesk.example", "Nia Gator");

/// Noon UTC on a day of 2025 (morning in Denver): well inside the day there.
fn noon(day: &str) -> i64 {
    format!("{day}T12:00:00Z")
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_second()
}

/// The loans a test lends, one device each.
struct Ledger<'a> {
    app: &'a TestApp,
    next_tag: i64,
}

/// One loan as the dataset describes it: kind of device, program, language, area, lent on,
/// due on (none for a gift), and how and when it ended.
struct Loan<'a> {
    kind: &'a str,
    program: i64,
    language: &'a str,
    area: Option<i64>,
    lent: &'a str,
    due: Option<&'a str>,
    ended: Option<(&'a str, &'a str)>,
}

impl Ledger<'_> {
    async fn device(&mut self, kind: &str, program: i64, site: Option<i64>, status: &str) -> i64 {
        self.next_tag += 1;
        self.app
            .one(
                "INSERT INTO devices (asset_tag, kind, program_id, site_id, status, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, 0, 0) RETURNING id",
                (format!("T-{}", self.next_tag), kind, program, site, status),
            )
            .await
    }

    async fn lend(&mut self, l: Loan<'_>, times: usize) {
        for _ in 0..times {
            let device = self.device(l.kind, l.program, None, "on_loan").await;
            let kind = if l.due.is_some() { "loan" } else { "gift" };
            self.app
                .exec(
                    "INSERT INTO loans (device_id, kind, language, area_id, lent_at, due_on, \
                     ended_at, ended_how) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    (
                        device,
                        kind,
                        l.language,
                        l.area,
                        noon(l.lent),
                        l.due,
                        l.ended.map(|(_, day)| noon(day)),
                        l.ended.map(|(how, _)| how),
                    ),
                )
                .await;
        }
    }
}

type Row = BTreeMap<String, String>;

async fn program(app: &TestApp, name: &str, status: &str) -> i64 {
    app.one(
        "INSERT INTO programs (organization, name, categories, status) \
         VALUES ('Denver Public Library', $1, 'device', $2) RETURNING id",
        (name, status),
    )
    .await
}

async fn site(app: &TestApp, name: &str, area: i64, active: i64) -> i64 {
    app.one(
        "INSERT INTO sites (name, area_id, active, created_at, updated_at) \
         VALUES ($1, $2, $3, 0, 0) RETURNING id",
        (name, area, active),
    )
    .await
}

async fn devices_are_reported_by_kind_program_language_and_area(app: TestApp) {
    let alpha = app.area("Alpha").await;
    let beta = app.area("Beta").await;
    let hotspots = program(&app, "Hotspot lending", "active").await;
    let laptops = program(&app, "=Laptop gifts", "active").await;
    let mut ledger = Ledger {
        app: &app,
        next_tag: 0,
    };
    let loan = |language, area, lent, due, ended| Loan {
        kind: "hotspot",
        program: hotspots,
        language,
        area,
        lent,
        due,
        ended,
    };
    // Fourteen Spanish speakers in Alpha borrow a hotspot for two weeks in March: ten bring
    // it back on time, one loses it, three still have it at the end of March (overdue).
    let due = Some("2025-03-19");
    let back = Some(("returned", "2025-03-19"));
    ledger
        .lend(loan("es", Some(alpha), "2025-03-05", due, back), 10)
        .await;
    let lost = Some(("lost", "2025-03-25"));
    ledger
        .lend(loan("es", Some(alpha), "2025-03-05", due, lost), 1)
        .await;
    ledger
        .lend(loan("es", Some(alpha), "2025-03-05", due, None), 3)
        .await;
    // Twelve English speakers in Beta borrow one late in March, due in April: out at the end
    // of March (six bring it back in April), none overdue then.
    let april = Some("2025-04-10");
    let in_april = Some(("returned", "2025-04-05"));
    ledger
        .lend(loan("en", Some(beta), "2025-03-20", april, in_april), 6)
        .await;
    ledger
        .lend(loan("en", Some(beta), "2025-03-20", april, None), 6)
        .await;
    // Lent in February for three weeks, returned in March (its removed resident's loan keeps
    // the language and area).
    let feb = loan(
        "es",
        Some(alpha),
        "2025-02-09",
        Some("2025-03-02"),
        Some(("returned", "2025-03-02")),
    );
    ledger.lend(feb, 1).await;
    // Lent and returned in January: not this period's.
    let jan = loan(
        "es",
        Some(alpha),
        "2025-01-05",
        Some("2025-01-19"),
        Some(("returned", "2025-01-19")),
    );
    ledger.lend(jan, 1).await;
    // Three laptops given to Vietnamese speakers in Alpha.
    let gift = Loan {
        kind: "laptop",
        program: laptops,
        language: "vi",
        area: Some(alpha),
        lent: "2025-03-12",
        due: None,
        ended: None,
    };
    ledger.lend(gift, 3).await;

    let supervisor = app.with_user(SUE).await;
    let period = "?from=2025-03-01&to=2025-03-31";
    let (body, rows) = csv_rows(&supervisor, &format!("/reports/devices.csv{period}")).await;
    let row = |breakdown: &str, group: &str| {
        rows.iter()
            .find(|r| r["breakdown"] == breakdown && r["group"] == group)
            .unwrap_or_else(|| panic!("no {breakdown}/{group} in {body}"))
            .clone()
    };
    let figures = |r: Row| -> Vec<String> {
        [
            "lent",
            "given",
            "returned",
            "lost",
            "on_loan",
            "overdue",
            "mean_loan_days",
        ]
        .iter()
        .map(|c| r[*c].clone())
        .collect()
    };
    // Ten loans of 14 days and one of 21: 161 days over 11.
    assert_eq!(
        figures(row("all", "")),
        ["26", "3", "11", "1", "15", "3", "14.64"]
    );
    assert_eq!(
        figures(row("kind", "hotspot")),
        ["26", "0", "11", "1", "15", "3", "14.64"]
    );
    // Three laptops: too few to show; no Chromebook at all.
    assert_eq!(figures(row("kind", "laptop"))[1], "<11");
    assert_eq!(figures(row("kind", "chromebook"))[0], "");
    assert_eq!(figures(row("language", "es"))[..3], ["14", "0", "11"]);
    // Every English loan is out at the end of March, none overdue; and too few returned for a
    // mean.
    assert_eq!(
        figures(row("language", "en")),
        ["12", "0", "0", "0", "12", "0", ""]
    );
    assert_eq!(figures(row("language", "vi"))[1], "<11");
    assert_eq!(figures(row("area", "Alpha"))[..4], ["14", "3", "11", "1"]);
    assert_eq!(figures(row("area", "Beta"))[4], "12");
    assert_eq!(figures(row("program", "Hotspot lending"))[0], "26");
    // A program's name a spreadsheet would run is written as text.
    assert_eq!(figures(row("program", "'=Laptop gifts"))[1], "<11");

    // The page shows the same, with its breakdowns.
    let (status, page) = supervisor.page(&format!("/reports{period}")).await;
    assert_eq!(status, 200);
    for heading in [
        "Devices lent and given",
        "Devices by kind",
        "Devices by program",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    assert!(page.contains("14.6"), "{page}");

    // Navigators see no reports; a bad period changes nothing and says so.
    let nav = app.with_user(NIA).await;
    assert_eq!(nav.get("/reports/devices.csv").await.status(), 403);
    let bad = supervisor.get("/reports/devices.csv?from=2025-13-01").await;
    assert_eq!(bad.status(), 400);
    app.stop().await;
}

async fn the_map_counts_devices_available_at_each_areas_sites(app: TestApp) {
    let alpha = app.area("Alpha").await;
    let beta = app.area("Beta").await;
    let hotspots = program(&app, "Hotspot lending", "active").await;
    let closed = program(&app, "Old program", "inactive").await;
    let library = site(&app, "Central Library", alpha, 1).await;
    let shut = site(&app, "Closed branch", alpha, 0).await;
    site(&app, "Beta Rec Center", beta, 1).await;
    let mut ledger = Ledger {
        app: &app,
        next_tag: 0,
    };
    for _ in 0..5 {
        ledger
            .device("hotspot", hotspots, Some(library), "available")
            .await;
    }
    // Not lendable here and now: out, at a closed site, of an inactive program, kept nowhere.
    ledger
        .device("hotspot", hotspots, Some(library), "on_loan")
        .await;
    ledger
        .device("laptop", hotspots, Some(library), "in_repair")
        .await;
    ledger
        .device("hotspot", hotspots, Some(shut), "available")
        .await;
    ledger
        .device("hotspot", closed, Some(library), "available")
        .await;
    ledger.device("hotspot", hotspots, None, "available").await;

    let supervisor = app.with_user(SUE).await;
    let (body, rows) = csv_rows(&supervisor, "/map.csv").await;
    let nearby = |area: &str| {
        rows.iter()
            .find(|r| r["area"] == area)
            .unwrap_or_else(|| panic!("no {area} in {body}"))["devices_available_nearby"]
            .clone()
    };
    assert_eq!(nearby("Alpha"), "5");
    assert_eq!(nearby("Beta"), "0");
    let (status, page) = supervisor.page("/map?metric=devices_nearby").await;
    assert_eq!(status, 200);
    assert!(page.contains("Devices available nearby"), "{page}");
    app.stop().await;
}

/// `navdesk seed-load` (as `scripts/staff_load.sh` runs it) fills the inventory and its loans
/// as the lending screens find them in a city: one open loan per device out, to an open case.
async fn load_data_lends_devices_to_open_cases(app: TestApp) {
    let scale = navdesk::seed::Scale {
        cases: 400,
        navigators: 4,
        devices: 300,
        seed: 7,
        retention: navdesk::config::RetentionDays::DEFAULT,
    };
    let seeded = navdesk::seed::seed(&app.db, scale, "load-test-password-42")
        .await
        .unwrap();
    // Three years of cases, left as the retention leaves them: the server's first run of it
    // finds no one to clear.
    assert!(seeded.cleared > 0, "{seeded:?}");
    let cutoff = navdesk::config::RetentionDays::DEFAULT
        .cutoff(navdesk::db::now())
        .unwrap();
    let due = navdesk::datacare::run_retention(&app.db, cutoff, navdesk::db::now(), true)
        .await
        .unwrap();
    assert_eq!(due.residents, 0, "nothing left to clear");
    assert_eq!((seeded.devices, app.count("devices").await), (300, 300));
    assert_eq!(seeded.loans as i64, app.count("loans").await);
    let by_status = |status: &'static str| {
        app.one::<i64>("SELECT COUNT(*) FROM devices WHERE status = $1", (status,))
    };
    let open_loans: i64 = app
        .one(
            "SELECT COUNT(*) FROM loans l JOIN cases c ON c.id = l.case_id \
             WHERE l.kind = 'loan' AND l.ended_at IS NULL \
               AND c.status NOT IN ('resolved', 'closed')",
            (),
        )
        .await;
    let on_loan = by_status("on_loan").await;
    assert!(on_loan > 50, "{on_loan} out");
    assert_eq!(open_loans, on_loan);
    let gifts: i64 = app
        .one("SELECT COUNT(*) FROM loans WHERE kind = 'gift'", ())
        .await;
    assert_eq!(gifts, by_status("given").await);
    // Every device has its history, from the day it was added.
    let without_history: i64 = app
        .one(
            "SELECT COUNT(*) FROM devices d WHERE NOT EXISTS \
             (SELECT 1 FROM device_events e WHERE e.device_id = d.id AND e.action = 'added')",
            (),
        )
        .await;
    assert_eq!(without_history, 0);
    app.stop().await;
}

on_both_backends!(
    devices_are_reported_by_kind_program_language_and_area,
    the_map_counts_devices_available_at_each_areas_sites,
    load_data_lends_devices_to_open_cases
);
