//! The public equity dashboard, `/equity` and `/equity.csv`, on SQLite and PostgreSQL: open to
//! anyone in every language, light and without script; small groups suppressed against a
//! dataset worked out by hand, with no hidden count given away by the year or the other
//! groups; the sentences on whether identity predicts the outcome follow the data; and no
//! resident's name or phone ever shows.

mod common;

use std::collections::BTreeMap;

use common::{Backend, TestApp};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
const LANGS: [&str; 6] = ["en", "es", "vi", "ar", "am", "ln"];
/// Seeded into every resident: it must never reach a public answer.
const CANARY_NAME: &str = "Zebulon Canaryfield";
const CANARY_PHONE: &str = "+13035550199";

async fn area(app: &TestApp, name: &str, lat: f64) -> i64 {
    app.one(
        "INSERT INTO areas (name, centroid_lat, centroid_lon) VALUES ($1, $2, $3) RETURNING id",
        (name, lat, -104.98),
    )
    .await
}

/// One request as the dataset describes it.
#[derive(Clone, Default)]
struct Req {
    area: Option<i64>,
    language: &'static str,
    race: &'static str,
    /// Days before now it was made.
    days_ago: i64,
    /// Seconds from the request to first contact.
    contact_after: Option<i64>,
    /// Resolved, connected at home or not.
    connected: Option<bool>,
}

async fn insert(app: &TestApp, r: &Req, n: usize) {
    for _ in 0..n {
        let created = navdesk::db::now() - r.days_ago * DAY;
        let resident: i64 = app
            .one(
                "INSERT INTO residents (name, phone, language, contact_method, area_id, \
                 race_ethnicity, created_at) VALUES ($1, $2, $3, 'call', $4, $5, $6) RETURNING id",
                (
                    CANARY_NAME,
                    CANARY_PHONE,
                    r.language,
                    r.area,
                    r.race,
                    created,
                ),
            )
            .await;
        let code = navdesk::domain::RefCode::generate();
        let status = if r.connected.is_some() {
            "resolved"
        } else {
            "assigned"
        };
        let case: i64 = app
            .one(
                "INSERT INTO cases (ref_code, resident_id, needs, status, channel, language, \
                 area_id, created_at, updated_at, first_contact_at, resolved_at, placed_at) \
                 VALUES ($1, $2, 'internet', $3, 'web', $4, $5, $6, $6, $7, $8, $6) RETURNING id",
                (
                    code.as_str(),
                    resident,
                    status,
                    r.language,
                    r.area,
                    created,
                    r.contact_after.map(|a| created + a),
                    r.connected.map(|_| created + DAY),
                ),
            )
            .await;
        if let Some(connected) = r.connected {
            app.exec(
                "INSERT INTO outcomes (case_id, connected_at_home, updated_at) VALUES ($1, $2, $3)",
                (case, i64::from(connected), created),
            )
            .await;
        }
    }
}

type Rows = BTreeMap<(String, String, String), BTreeMap<String, String>>;

/// `/equity.csv`, asked for by anyone: (text, rows by (period, breakdown, group)).
async fn csv(app: &TestApp) -> (String, Rows) {
    let resp = app.get("/equity.csv").await;
    assert_eq!(resp.status(), 200);
    let kind = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/csv"), "{kind}");
    let body = resp.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let mut rows = Rows::new();
    for record in reader.records() {
        let row: BTreeMap<String, String> = headers
            .iter()
            .zip(record.unwrap().iter())
            .map(|(h, v)| (h.to_owned(), v.to_owned()))
            .collect();
        rows.insert(
            (
                row["period"].clone(),
                row["breakdown"].clone(),
                row["group"].clone(),
            ),
            row,
        );
    }
    (body, rows)
}

fn requests(rows: &Rows, period: &str, breakdown: &str, group: &str) -> String {
    rows.get(&(period.into(), breakdown.into(), group.into()))
        .unwrap_or_else(|| panic!("no row {period} {breakdown} {group}: {:?}", rows.keys()))
        ["requests"]
        .clone()
}

const PERIODS: [&str; 5] = [
    "12_months",
    "quarter_1",
    "quarter_2",
    "quarter_3",
    "quarter_4",
];

/// No count hidden alone where it could be worked out: within a period, the groups of a
/// breakdown that splits everyone (and the total); within a group, its year and quarters.
fn assert_no_lone_hidden_count(rows: &Rows) {
    let hidden = |v: &str| v.starts_with('<');
    for period in PERIODS {
        for breakdown in ["area", "language", "channel"] {
            let n = rows
                .iter()
                .filter(|((p, b, _), r)| p == period && b == breakdown && hidden(&r["requests"]))
                .count();
            assert_ne!(n, 1, "{period} {breakdown}: one hidden group is given away");
        }
    }
    let groups: std::collections::BTreeSet<(String, String)> = rows
        .keys()
        .map(|(_, b, g)| (b.clone(), g.clone()))
        .collect();
    for (breakdown, group) in groups {
        let n = PERIODS
            .iter()
            .filter_map(|p| rows.get(&(p.to_string(), breakdown.clone(), group.clone())))
            .filter(|r| hidden(&r["requests"]))
            .count();
        assert_ne!(
            n, 1,
            "{breakdown} {group}: one hidden among its year and quarters"
        );
    }
}

/// English speakers in Alpha: 12 a quarter (48). Spanish speakers in Beta: 12 in each of the
/// first three quarters and 5 in the last (41). Worked by hand: the last quarter's 5 Spanish
/// speakers are hidden, so English's 12 beside them are too (17 - 12 = 5); Spanish's year (41)
/// less its three other quarters would give the 5 away, so its smallest other quarter (the
/// first: all are 12) is hidden, and with it English in that quarter.
async fn seed_by_hand(app: &TestApp) {
    let alpha = area(app, "Alpha", 39.74).await;
    let beta = area(app, "Beta", 39.76).await;
    for (days_ago, spanish) in [(300, 12), (200, 12), (100, 12), (10, 5)] {
        let en = Req {
            area: Some(alpha),
            language: "en",
            race: "white",
            days_ago,
            contact_after: Some(HOUR / 2),
            connected: Some(true),
        };
        insert(app, &en, 12).await;
        let es = Req {
            area: Some(beta),
            language: "es",
            race: "hispanic",
            contact_after: Some(3 * DAY),
            connected: Some(false),
            ..en
        };
        insert(app, &es, spanish).await;
    }
}

async fn suppression_matches_the_hand_count(app: TestApp) {
    seed_by_hand(&app).await;
    let (body, rows) = csv(&app).await;
    let n = |p: &str, b: &str, g: &str| requests(&rows, p, b, g);
    assert_eq!(n("12_months", "all", ""), "89");
    assert_eq!(n("12_months", "language", "en"), "48");
    assert_eq!(n("12_months", "language", "es"), "41");
    assert_eq!(n("12_months", "area", "Beta"), "41");
    for (quarter, shown) in [
        ("quarter_1", false),
        ("quarter_2", true),
        ("quarter_3", true),
        ("quarter_4", false),
    ] {
        for (breakdown, group) in [
            ("language", "en"),
            ("language", "es"),
            ("area", "Alpha"),
            ("area", "Beta"),
        ] {
            let expected = if shown { "12" } else { "<11" };
            assert_eq!(n(quarter, breakdown, group), expected, "{quarter} {group}");
        }
    }
    assert_eq!(n("quarter_4", "all", ""), "17");
    // Race answers may overlap, yet a group's quarters still add up to its year.
    assert_eq!(n("quarter_4", "race_ethnicity", "hispanic"), "<11");
    assert_eq!(n("quarter_1", "race_ethnicity", "hispanic"), "<11");
    assert_eq!(n("quarter_2", "race_ethnicity", "hispanic"), "12");
    // Every web request; the other channels had none.
    assert_eq!(n("12_months", "channel", "web"), "89");
    assert_eq!(n("12_months", "channel", "sms"), "");
    assert_no_lone_hidden_count(&rows);
    // The figures behind a shown group: English waited half an hour, Spanish three days.
    let en = &rows[&("12_months".into(), "language".into(), "en".into())];
    // 48 waits in the first hour's step: the median is its middle, half an hour.
    assert_eq!(en["median_days_to_first_contact"], "0.02");
    assert_eq!(en["connected_at_home_share"], "1.000");
    assert!(!body.contains(CANARY_NAME) && !body.contains(CANARY_PHONE));

    // The page shows the same: the hidden quarter as "fewer than 11", never a number.
    let page = page(&app, "/equity").await;
    assert!(page.contains("fewer than 11"));
    assert!(page.contains("Alpha") && page.contains("Beta"));
    app.stop().await;
}

/// Every language: no sign-in, the page in its own language and direction, light, without
/// script, the CSV, and no resident's name or phone anywhere.
async fn open_to_anyone_in_every_language(app: TestApp) {
    seed_by_hand(&app).await;
    // A neighborhood whose name a spreadsheet would run as a formula is written as text.
    let risky = area(&app, "=HYPERLINK(\"http://x.example\")", 39.8).await;
    let r = Req {
        area: Some(risky),
        language: "en",
        days_ago: 30,
        ..Req::default()
    };
    insert(&app, &r, 12).await;
    let i18n = navdesk::i18n::I18n::load().unwrap();
    for lang in LANGS {
        let resp = app.get(&format!("/equity?lang={lang}")).await;
        assert_eq!(resp.status(), 200, "{lang}");
        let page = resp.text().await.unwrap();
        let tr = i18n.tr(navdesk::i18n::Lang::parse(lang).unwrap());
        assert!(page.contains(&format!("lang=\"{lang}\"")), "{lang}");
        assert_eq!(page.contains("dir=\"rtl\""), lang == "ar", "{lang}");
        assert!(page.contains(&tr.t("equity-title")), "{lang}");
        assert!(page.contains(&tr.t("equity-predicts-heading")), "{lang}");
        assert!(!page.contains("<script"), "{lang}: no script");
        assert!(page.len() < 30_000, "{lang}: {} bytes", page.len());
        assert!(!page.contains(CANARY_NAME) && !page.contains(CANARY_PHONE));
        // The public footer leads here from every resident page.
        let home = app
            .get(&format!("/?lang={lang}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(home.contains("href=\"/equity\""), "{lang}");
    }
    let (body, rows) = csv(&app).await;
    assert!(rows.len() > 20, "{body}");
    assert!(!body.contains(CANARY_NAME) && !body.contains(CANARY_PHONE));
    assert_eq!(
        requests(
            &rows,
            "12_months",
            "area",
            "'=HYPERLINK(\"http://x.example\")"
        ),
        "12"
    );
    // Unknown parameters change nothing.
    assert_eq!(app.get("/equity?x=%3Cscript%3E").await.status(), 200);
    app.stop().await;
}

/// A page's text without the marks that keep each figure's direction apart.
async fn page(app: &TestApp, path: &str) -> String {
    let body = app.get(path).await.text().await.unwrap();
    body.replace(['\u{2068}', '\u{2069}'], "")
}

/// The page's sentences on whether identity predicts each outcome.
async fn sentences(app: &TestApp) -> String {
    let page = page(app, "/equity").await;
    page.split("<li>")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap_or_default())
        .filter(|li| li.contains("predicts"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A seeded gap is reported as one, and equal groups as no sign; each dataset on its own app,
/// as the figures are reused for a minute.
async fn sentences_follow_the_data(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let alpha = area(&app, "Alpha", 39.74).await;
    // English speakers reached within the hour, 25 of 30 connected; Spanish speakers after
    // five days, 5 of 30 connected.
    for (language, after, connected) in [("en", HOUR / 2, 25), ("es", 5 * DAY, 5)] {
        let r = Req {
            area: Some(alpha),
            language,
            days_ago: 40,
            contact_after: Some(after),
            connected: Some(true),
            ..Req::default()
        };
        insert(&app, &r, connected).await;
        let r = Req {
            connected: Some(false),
            ..r
        };
        insert(&app, &r, 30 - connected).await;
    }
    let said = sentences(&app).await;
    assert!(said.contains("Language still predicts waiting"), "{said}");
    assert!(
        said.contains("Language still predicts being connected"),
        "{said}"
    );
    // Half the waits are under an hour and half from 5 days: all 30 Spanish speakers waited
    // 5 days or more, none of the English speakers (the ratio is then taken with half added
    // to each cell: 30.5/31 against 0.5/31).
    assert!(said.contains("waited more than 5 days"), "{said}");
    assert!(
        said.contains("100 %") && said.contains("61.0 times"),
        "{said}"
    );
    // 25/30 against 5/30: five times as many.
    assert!(said.contains("5.0 times"), "{said}");
    // One neighborhood and no race answers: nothing to compare.
    assert!(said.contains("Too few residents yet to tell whether neighborhood predicts waiting"));
    assert!(said.contains("whether race or ethnicity predicts being connected"));
    app.stop().await;

    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let alpha = area(&app, "Alpha", 39.74).await;
    let beta = area(&app, "Beta", 39.76).await;
    for (language, place) in [("en", alpha), ("es", beta)] {
        for (after, connected, n) in [
            (HOUR / 2, true, 10),
            (2 * DAY, false, 10),
            (5 * DAY, true, 5),
        ] {
            let r = Req {
                area: Some(place),
                language,
                race: "black",
                days_ago: 40,
                contact_after: Some(after),
                connected: Some(connected),
            };
            insert(&app, &r, n).await;
        }
    }
    let said = sentences(&app).await;
    assert!(
        said.contains("No sign that language predicts waiting"),
        "{said}"
    );
    assert!(
        said.contains("No sign that language predicts being connected"),
        "{said}"
    );
    assert!(
        said.contains("No sign that neighborhood predicts waiting"),
        "{said}"
    );
    assert!(said.contains("p = 1.000"), "{said}");
    assert!(!said.contains("still predicts"), "{said}");
    app.stop().await;
}

/// With Denver's 78 neighborhoods on the map, every one shaded, the page stays light: under
/// 25 KB as a browser receives it (compressed), leaving room for the stylesheet under 30 KB.
async fn the_city_map_keeps_the_page_light(app: TestApp) {
    if common::import_denver(&app.db).await.is_none() {
        return;
    }
    let areas: Vec<i64> = app.all("SELECT id FROM areas", ()).await;
    assert!(areas.len() >= 78, "{} areas", areas.len());
    for (i, id) in areas.iter().enumerate() {
        let r = Req {
            area: Some(*id),
            language: "en",
            days_ago: 20,
            contact_after: Some((i as i64 % 9 + 1) * 7 * HOUR),
            connected: Some(i % 3 != 0),
            ..Req::default()
        };
        insert(&app, &r, 11).await;
    }
    for lang in ["en", "ar"] {
        let resp = app
            .client
            .get(app.url(&format!("/equity?lang={lang}")))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let sent = resp.bytes().await.unwrap().len();
        let page = page(&app, &format!("/equity?lang={lang}")).await;
        assert!(page.contains("<svg"), "the map is drawn");
        assert!(
            page.matches("href=\"#area-").count() >= 78,
            "each area links to its row"
        );
        eprintln!(
            "/equity?lang={lang}: {sent} bytes sent, {} bytes",
            page.len()
        );
        assert!(sent < 25 * 1024, "{lang}: {sent} bytes sent");
    }
    app.stop().await;
}

on_both_backends!(
    suppression_matches_the_hand_count,
    open_to_anyone_in_every_language,
    the_city_map_keeps_the_page_light;
    sentences_follow_the_data
);
