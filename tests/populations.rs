//! Funder figures for the covered populations, on SQLite and PostgreSQL: the optional veteran and
//! disability questions on the request form and the staff intake (stored, optional, a bad value
//! refused with nothing stored, in Spanish too), their erasure and export, the populations report
//! and its CSV against a dataset worked out by hand (before and after the periods are built, and
//! after a change), and rural areas set on `/areas` and by `navdesk import-areas`.

mod common;

use common::staff::{hidden, Person};
use common::{csv_rows, Backend, TestApp};

const SUE: Person = Person::supervisor("sue@navdesk.example", "Sue Visor");
const ANA: Person = Person::navigator("ana@navdesk.example", "Ana Navarro");

const DAY: i64 = 86_400;

/// The answers stored for the resident of case `case_id`.
async fn answers(app: &TestApp, case_id: i64) -> (Option<String>, Option<String>) {
    app.row(
        "SELECT r.veteran, r.disability FROM residents r JOIN cases c ON c.resident_id = r.id \
         WHERE c.id = $1",
        (case_id,),
    )
    .await
}

async fn the_form_asks_veteran_and_disability(app: TestApp) {
    // Asked on the form, in the resident's language, with "prefer not to say".
    let resp = app.get("/help?lang=es").await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(body.contains("¿Tiene alguna discapacidad?"), "{body}");
    assert!(body.contains("veteran") && body.contains("name=\"disability\""));
    assert!(body.contains("value=\"prefer_not\""));
    assert!(body.contains("Prefiero no decirlo"));
    let en = app.get("/help?lang=en").await.text().await.unwrap();
    assert!(en.contains("Do you have a disability?"));
    // Age is asked with 60 to 64 apart, so the funder report can count 60 and over.
    assert!(body.contains("value=\"60_64\"") && body.contains("De 60 a 64 años"));
    assert!(en.contains("value=\"45_59\"") && en.contains(">60 to 64<"));
    assert!(!en.contains("value=\"45_64\""), "no longer offered");

    // Answered (the form in Spanish): stored as given.
    let mut form = common::valid_form();
    form.extend([("veteran", "yes"), ("disability", "prefer_not")]);
    let resp = app.post_form("/help", &form).await;
    assert_eq!(resp.status(), 303);
    let (answered, code) = common::stored_case(&app, &resp).await;
    assert_eq!(
        answers(&app, answered).await,
        (Some("yes".into()), Some("prefer_not".into()))
    );

    // Optional: not answering stores no answer.
    let resp = app.post_form("/help", &common::valid_form()).await;
    assert_eq!(resp.status(), 303);
    let (skipped, _) = common::stored_case(&app, &resp).await;
    assert_eq!(answers(&app, skipped).await, (None, None));

    // A value the form never offers: 422 in the resident's language, the form kept, nothing
    // stored.
    let before = app.count("residents").await;
    for (field, value) in [("veteran", "maybe"), ("disability", "1")] {
        let resp = app
            .post_form("/help?lang=es", &common::form_with(field, value))
            .await;
        assert_eq!(resp.status(), 422, "{field}={value}");
        let body = resp.text().await.unwrap();
        assert!(body.contains("value=\"Ana Pérez\""), "what was typed stays");
        assert!(body.contains(&format!("href=\"#f-{field}")), "{body}");
        assert!(body.contains("Elija de la lista."), "the error in Spanish");
    }
    assert_eq!(app.count("residents").await, before);

    // The resident's own copy holds the answers; erasure clears them.
    let id: i64 = app
        .one("SELECT resident_id FROM cases WHERE id = $1", (answered,))
        .await;
    let export = navdesk::datacare::export(&app.db, &[id], navdesk::db::now())
        .await
        .unwrap();
    let text = export.to_string();
    assert!(text.contains("\"veteran\":\"yes\""), "{text}");
    assert!(text.contains("\"disability\":\"prefer_not\""), "{text}");
    let selector = navdesk::datacare::Selector::parse(Some(&code), None).unwrap();
    navdesk::datacare::erase_on_request(&app.db, "Dana", &selector, &[id], navdesk::db::now())
        .await
        .unwrap();
    assert_eq!(answers(&app, answered).await, (None, None));
    app.stop().await;
}

async fn the_phone_intake_asks_them_too(app: TestApp) {
    let ana = app.with_user(ANA).await;
    let (status, body) = ana.page("/cases/new").await;
    assert_eq!(status, 200);
    assert!(body.contains("Have you served in the U.S. armed forces"));
    let token = hidden(&body, "csrf_token");
    let mut form: Vec<(&str, &str)> = common::valid_form()
        .into_iter()
        .filter(|(k, _)| *k != "website")
        .collect();
    form.extend([
        ("csrf_token", token.as_str()),
        ("channel", "phone"),
        ("consent_how", "verbal_phone"),
    ]);

    let mut bad = form.clone();
    bad.push(("disability", "sometimes"));
    let resp = ana.post("/cases/new", &bad).await;
    assert_eq!(resp.status(), 422);
    assert_eq!(app.count("cases").await, 0);

    form.extend([("veteran", "no"), ("disability", "yes")]);
    let resp = ana.post("/cases/new", &form).await;
    assert_eq!(resp.status(), 303);
    let id: i64 = common::location(&resp)
        .trim_start_matches("/cases/")
        .parse()
        .unwrap();
    assert_eq!(
        answers(&app, id).await,
        (Some("no".into()), Some("yes".into()))
    );
    app.stop().await;
}

/// One group of residents of the hand-worked dataset, each with one request.
#[derive(Clone, Default)]
struct Group {
    n: usize,
    language: &'static str,
    area: i64,
    household: Option<i64>,
    income: Option<i64>,
    age: Option<&'static str>,
    veteran: Option<&'static str>,
    disability: Option<&'static str>,
    race: &'static str,
    accessibility: &'static str,
    resolved: bool,
    /// Connected at home with a laptop, and 30 minutes of contact.
    helped: bool,
}

async fn insert(app: &TestApp, g: &Group, created: i64) {
    for _ in 0..g.n {
        let resident: i64 = app
            .one(
                "INSERT INTO residents (name, language, contact_method, area_id, household_size, \
                 monthly_income, age_band, veteran, disability, race_ethnicity, accessibility, \
                 created_at) VALUES ('Test Resident', $1, 'call', $2, $3, $4, $5, $6, $7, $8, $9, \
                 $10) RETURNING id",
                (
                    g.language,
                    g.area,
                    g.household,
                    g.income,
                    g.age,
                    g.veteran,
                    g.disability,
                    g.race,
                    g.accessibility,
                    created,
                ),
            )
            .await;
        let code = navdesk::domain::RefCode::generate();
        let case: i64 = app
            .one(
                "INSERT INTO cases (ref_code, resident_id, needs, status, channel, language, \
                 area_id, created_at, updated_at, resolved_at, placed_at) \
                 VALUES ($1, $2, 'internet', $3, 'web', $4, $5, $6, $6, $7, $6) RETURNING id",
                (
                    code.as_str(),
                    resident,
                    if g.resolved {
                        "resolved"
                    } else {
                        "in_progress"
                    },
                    g.language,
                    g.area,
                    created,
                    g.resolved.then_some(created + 10 * DAY),
                ),
            )
            .await;
        if g.helped {
            app.exec(
                "INSERT INTO outcomes (case_id, connected_at_home, device_type, updated_at) \
                 VALUES ($1, 1, 'laptop', $2)",
                (case, created),
            )
            .await;
            app.exec(
                "INSERT INTO contact_totals (case_id, contacts, untimed, minutes) \
                 VALUES ($1, 1, 0, 30)",
                (case,),
            )
            .await;
        }
    }
}

type Row = std::collections::BTreeMap<String, String>;

fn row<'r>(rows: &'r [Row], population: &str) -> &'r Row {
    rows.iter()
        .find(|r| r["population"] == population)
        .unwrap_or_else(|| panic!("no {population} in {rows:?}"))
}

async fn populations_report_matches_the_hand_count(app: TestApp) {
    let created = navdesk::db::now() - 100 * DAY;
    let town = app.area("Town").await;
    let farms = app.area("Farms").await;
    app.exec("UPDATE areas SET rural = 1 WHERE id = $1", (farms,))
        .await;
    let supervisor = app.with_user(SUE).await;
    let base = Group {
        language: "en",
        area: town,
        resolved: true,
        ..Group::default()
    };
    // A: 12 veterans who answered "45 to 64" (as the form asked before it split the band at 60,
    // so not counted as 60 and over), household of 4 on $3,000 a month ($36,000 a year, under 150 %
    // of the 2025 guideline of $32,150), White, connected with a laptop after 30 minutes.
    insert(
        &app,
        &Group {
            n: 12,
            household: Some(4),
            income: Some(3_000),
            age: Some("45_64"),
            veteran: Some("yes"),
            race: "white",
            helped: true,
            ..base.clone()
        },
        created,
    )
    .await;
    // B: 11 Spanish speakers in the rural area with a disability, Hispanic, one person on
    // $2,500 a month ($30,000: over 150 % of $15,650).
    insert(
        &app,
        &Group {
            n: 11,
            language: "es",
            area: farms,
            household: Some(1),
            income: Some(2_500),
            age: Some("25_44"),
            disability: Some("yes"),
            race: "hispanic",
            ..base.clone()
        },
        created,
    )
    .await;
    // C: 5 English speakers asking for an interpreter, a household of 9 (beyond the table:
    // $54,150 + $5,500; 150 % is $89,475) on $7,000 a month ($84,000): low income; veteran
    // "prefer not to say", no disability, aged 60 to 64; still open.
    insert(
        &app,
        &Group {
            n: 5,
            age: Some("60_64"),
            household: Some(9),
            income: Some(7_000),
            veteran: Some("prefer_not"),
            disability: Some("no"),
            race: "white",
            accessibility: "interpreter,large_print",
            resolved: false,
            ..base.clone()
        },
        created,
    )
    .await;
    // D: 6 aged 65 and over, nothing else. E: 15 who answered nothing.
    insert(
        &app,
        &Group {
            n: 6,
            age: Some("65_plus"),
            ..base.clone()
        },
        created,
    )
    .await;
    insert(
        &app,
        &Group {
            n: 15,
            income: Some(500),
            ..base.clone()
        },
        created,
    )
    .await;

    for built in [false, true] {
        if built {
            navdesk::maps::stats::refresh(&app.db, navdesk::db::now(), true, 100)
                .await
                .unwrap();
            let stored: i64 = app.one("SELECT COUNT(*) FROM population_stats", ()).await;
            assert!(stored > 0, "the period is built");
        }
        let (_, rows) = csv_rows(&supervisor, "/reports/populations.csv").await;
        let r = |p: &str| row(&rows, p).clone();
        assert_eq!(r("all")["residents"], "49", "built: {built}");
        let low = r("low_income");
        assert_eq!(low["residents"], "17", "A and C");
        assert_eq!(low["connected_at_home"], "12");
        assert_eq!(low["devices_received"], "12");
        assert_eq!(low["resolved_share"], "0.706", "12 of 17");
        assert_eq!(low["residents_served"], "12");
        assert_eq!(low["contact_minutes"], "360");
        assert_eq!(low["minutes_per_resident_served"], "30.0");
        let aged = r("aged_60_plus");
        assert_eq!(aged["residents"], "11", "C and D, not A's 45 to 64");
        assert_eq!(aged["resolved_share"], "0.545", "D's 6 of 11");
        let veterans = r("veteran");
        assert_eq!(veterans["residents"], "12", "prefer not to say is not yes");
        assert_eq!(veterans["resolved_share"], "1.000");
        let disability = r("disability");
        assert_eq!(disability["residents"], "11");
        assert_eq!(disability["connected_at_home"], "0");
        assert_eq!(disability["residents_served"], "", "no one served yet");
        assert_eq!(r("language_barrier")["residents"], "16", "B and C");
        assert_eq!(r("language_barrier")["resolved_share"], "0.688");
        assert_eq!(r("minority")["residents"], "11", "White alone is not");
        assert_eq!(r("rural")["residents"], "11");
        assert_eq!(r("any")["residents"], "34");
        assert_eq!(r("none")["residents"], "15");
    }

    // A changed answer and a newly rural area count at once, though the period was built.
    app.exec(
        "UPDATE residents SET veteran = 'yes' WHERE id = \
         (SELECT MIN(id) FROM residents WHERE monthly_income = 500)",
        (),
    )
    .await;
    let token = supervisor.csrf().await;
    let resp = supervisor
        .post(
            "/areas",
            &[
                ("csrf_token", token.as_str()),
                ("rural", &farms.to_string()),
                ("rural", &town.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), 303);
    let (_, rows) = csv_rows(&supervisor, "/reports/populations.csv").await;
    assert_eq!(row(&rows, "veteran")["residents"], "13");
    assert_eq!(row(&rows, "rural")["residents"], "49");
    assert_eq!(row(&rows, "any")["residents"], "49");
    assert_eq!(
        row(&rows, "none")["residents"],
        "",
        "everyone is in a rural area now"
    );

    // The page says what it counts, and which answers it cannot count.
    let (status, body) = supervisor.page("/reports").await;
    assert_eq!(status, 200);
    assert!(body.contains("Covered populations"));
    assert!(body.contains("Aged 60 and over"));
    assert!(body.contains("it asked 45 to 64; residents who gave that answer cannot be told apart"));
    let (_, es) = supervisor.page("/reports?lang=es").await;
    assert!(es.contains("Poblaciones cubiertas"));

    // Navigators see none of it.
    let nav = app.with_user(ANA).await;
    assert_eq!(nav.get("/reports/populations.csv").await.status(), 403);
    assert_eq!(nav.get("/areas").await.status(), 403);
    app.stop().await;
}

/// A square GeoJSON feature named `name`, with `rural` as given (absent when `None`).
fn feature(name: &str, lon: f64, rural: Option<&str>) -> String {
    let rural = rural.map(|r| format!(",\"rural\":{r}")).unwrap_or_default();
    format!(
        "{{\"type\":\"Feature\",\"properties\":{{\"name\":\"{name}\"{rural}}},\"geometry\":\
         {{\"type\":\"Polygon\",\"coordinates\":[[[{w},39.7],[{e},39.7],[{e},39.72],[{w},39.72],[{w},39.7]]]}}}}",
        w = lon,
        e = lon + 0.02
    )
}

fn import(url: &str, features: &[String]) -> std::process::Output {
    let path = std::env::temp_dir().join(format!(
        "navdesk-rural-{}-{}.geojson",
        std::process::id(),
        navdesk::domain::RefCode::generate().as_str()
    ));
    std::fs::write(
        &path,
        format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{}]}}",
            features.join(",")
        ),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_navdesk"))
        .args([
            "import-areas",
            path.to_str().unwrap(),
            "--name-property",
            "name",
        ])
        .env("DATABASE_URL", url)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("navdesk runs");
    let _ = std::fs::remove_file(&path);
    out
}

async fn rural_areas_by_import_and_on_the_page(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let out = import(
        &url,
        &[
            feature("Plains", -104.9, Some("true")),
            feature("Downtown", -104.95, Some("0")),
            feature("Edge", -105.0, None),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    // A bad flag refuses the file, naming the feature; nothing changes.
    let out = import(&url, &[feature("Plains", -104.9, Some("\"sometimes\""))]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Plains") && said.contains("rural"), "{said}");

    let app = common::spawn_on(&url, |_| {}).await;
    let rural = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let rows: Vec<(String, i64)> =
                sqlx::query_as("SELECT name, rural FROM areas ORDER BY name")
                    .fetch_all(&db.pool)
                    .await
                    .unwrap();
            rows
        }
    };
    assert_eq!(
        rural(&app).await,
        vec![
            ("Downtown".to_owned(), 0),
            ("Edge".to_owned(), 0),
            ("Plains".to_owned(), 1)
        ]
    );
    // Again without the property: what is stored stays.
    let out = import(&url, &[feature("Plains", -104.9, None)]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(rural(&app).await[2], ("Plains".to_owned(), 1));

    // On the page: a supervisor ticks Edge and unticks Plains.
    let sue = app.with_user(SUE).await;
    let (status, body) = sue.page("/areas").await;
    assert_eq!(status, 200);
    assert!(body.contains("Plains is rural"));
    let edge: i64 = app
        .one("SELECT id FROM areas WHERE name = 'Edge'", ())
        .await;
    let token = sue.csrf().await;
    let resp = sue
        .post(
            "/areas",
            &[("csrf_token", token.as_str()), ("rural", &edge.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(
        rural(&app).await,
        vec![
            ("Downtown".to_owned(), 0),
            ("Edge".to_owned(), 1),
            ("Plains".to_owned(), 0)
        ]
    );
    // Without the CSRF token nothing changes.
    let resp = sue.post("/areas", &[("rural", "1")]).await;
    assert_eq!(resp.status(), 403);
    assert_eq!(rural(&app).await[1], ("Edge".to_owned(), 1));
    app.stop().await;
}

on_both_backends!(
    the_form_asks_veteran_and_disability,
    the_phone_intake_asks_them_too,
    populations_report_matches_the_hand_count;
    rural_areas_by_import_and_on_the_page
);
