//! The service-gap map and the reports against small datasets worked out by hand, on SQLite and
//! PostgreSQL: the figures per area, the same figures once past periods are built into stored
//! sums (and after a change to one of them), the filters, the exports, suppression of small
//! groups, and who may see them.

mod common;

use common::staff::{Person, Staff};
use common::{csv_rows, TestApp};

const SUE: Person = Person::supervisor("sue@navdesk.example", "Sue Visor");
const NIA: Person = Person::navigator("nia@navdesk.example", "Nia Gator");

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// A square around (lat, lon), `d` degrees wide, as GeoJSON (clockwise, as many files are).
fn square(lat: f64, lon: f64, d: f64) -> String {
    format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[[{w},{s}],[{w},{n}],[{e},{n}],[{e},{s}],[{w},{s}]]]}}",
        w = lon - d / 2.0,
        e = lon + d / 2.0,
        s = lat - d / 2.0,
        n = lat + d / 2.0
    )
}

async fn area(
    app: &TestApp,
    name: &str,
    lat: f64,
    lon: f64,
    households: Option<(i64, i64)>,
) -> i64 {
    app.one(
        "INSERT INTO areas (name, geometry, centroid_lat, centroid_lon, households, \
         households_no_internet) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        (
            name,
            square(lat, lon, 0.02),
            lat,
            lon,
            households.map(|h| h.0),
            households.map(|h| h.1),
        ),
    )
    .await
}

/// One request as the dataset describes it.
#[derive(Clone, Default)]
struct Req {
    area: Option<i64>,
    language: &'static str,
    needs: &'static str,
    status: &'static str,
    navigator: Option<i64>,
    created: i64,
    /// Seconds from the request to first contact.
    contact_after: Option<i64>,
    race: &'static str,
    /// How the request came in (`web` when empty).
    channel: &'static str,
    /// (connected at home, device, connected at 90 days)
    outcome: Option<(bool, Option<&'static str>, Option<bool>)>,
}

async fn insert(app: &TestApp, r: &Req) -> i64 {
    let resident: i64 = app
        .one(
            "INSERT INTO residents (name, language, contact_method, area_id, race_ethnicity, \
             created_at) VALUES ('Test Resident', $1, 'call', $2, $3, $4) RETURNING id",
            (r.language, r.area, r.race, r.created),
        )
        .await;
    let code = navdesk::domain::RefCode::generate();
    let resolved = matches!(r.status, "resolved" | "closed").then_some(r.created + 20 * DAY);
    let first_contact = r.contact_after.map(|a| r.created + a);
    let case: i64 = app
        .one(
            "INSERT INTO cases (ref_code, resident_id, needs, status, navigator_id, channel, \
             language, area_id, created_at, updated_at, first_contact_at, resolved_at, placed_at) \
             VALUES ($1, $2, $3, $4, $5, $11, $6, $7, $8, $8, $9, $10, $8) RETURNING id",
            (
                code.as_str(),
                resident,
                r.needs,
                r.status,
                r.navigator,
                r.language,
                r.area,
                r.created,
                first_contact,
                resolved,
                if r.channel.is_empty() {
                    "web"
                } else {
                    r.channel
                },
            ),
        )
        .await;
    if let Some((connected, device, still_90)) = r.outcome {
        app.exec(
            "INSERT INTO outcomes (case_id, connected_at_home, device_type, connected_90_days, \
             updated_at) VALUES ($1, $2, $3, $4, $5)",
            (
                case,
                i64::from(connected),
                device,
                still_90.map(i64::from),
                r.created,
            ),
        )
        .await;
    }
    case
}

/// The map's CSV as (area name → row by column name).
async fn map_rows(
    who: &Staff,
    query: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    let (_, rows) = csv_rows(who, &format!("/map.csv{query}")).await;
    rows.into_iter()
        .map(|row| (row["area"].clone(), row))
        .collect()
}

type Row = std::collections::BTreeMap<String, String>;

/// `/reports.csv` as (text, rows), read after every ended period is built when `built`, else
/// with nothing built yet (everything read from `cases`).
async fn report_rows(app: &TestApp, who: &Staff, built: bool) -> (String, Vec<Row>) {
    if built {
        navdesk::maps::stats::refresh(&app.db, navdesk::db::now(), true, 100)
            .await
            .unwrap();
    }
    csv_rows(who, "/reports.csv").await
}

/// The report's row of one group of a breakdown.
fn report_row(body: &str, rows: &[Row], breakdown: &str, group: &str) -> Row {
    rows.iter()
        .find(|r| r["breakdown"] == breakdown && r["group"] == group)
        .unwrap_or_else(|| panic!("no {breakdown}/{group} in {body}"))
        .clone()
}

fn num(row: &std::collections::BTreeMap<String, String>, col: &str) -> f64 {
    row[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col} = {:?}", row[col]))
}

async fn map_figures_match_the_hand_count(app: TestApp) {
    let now = navdesk::db::now();
    let a = area(&app, "Alpha", 39.74, -104.98, Some((1000, 400))).await;
    let b = area(&app, "Beta", 39.76, -104.95, Some((1000, 100))).await;
    let _c = area(&app, "Gamma", 39.72, -104.93, None).await;
    let supervisor = app.with_user(SUE).await;
    let nav = app.with_user(NIA).await;
    let x = nav.navigator_id.unwrap();
    // The navigator covers Alpha only, with room for 10 cases.
    sqlx::query("UPDATE navigators SET capacity = 10 WHERE id = $1")
        .bind(x)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.exec(
        "INSERT INTO navigator_areas (navigator_id, area_id) VALUES ($1, $2)",
        (x, a),
    )
    .await;
    // One program everywhere, one in Beta only, one inactive.
    for (name, status) in [
        ("Everywhere", "active"),
        ("Beta only", "active"),
        ("Old", "inactive"),
    ] {
        let id: i64 = app
            .one(
                "INSERT INTO programs (organization, name, categories, status) \
             VALUES ('Org', $1, 'internet_plan', $2) RETURNING id",
                (name, status),
            )
            .await;
        if name == "Beta only" {
            app.exec(
                "INSERT INTO program_areas (program_id, area_id) VALUES ($1, $2)",
                (id, b),
            )
            .await;
        }
    }

    let old = now - 200 * DAY;
    let base = Req {
        language: "en",
        needs: "internet",
        status: "closed",
        created: old,
        ..Req::default()
    };
    // Alpha: three old requests closed after first contacts of 2h10, 2h30 and 3h30 (all in the
    // 2-4 hour step: the estimated median is the middle of the step, 3 hours = 0.125 days);
    // three recent ones, all open: unassigned (unmet), assigned 5 days ago without contact
    // (unmet: more than 3 days), assigned 2 days ago without contact (not yet unmet).
    for (lang, wait) in [
        ("es", 2 * HOUR + 600),
        ("en", 2 * HOUR + 1800),
        ("en", 3 * HOUR + 1800),
    ] {
        insert(
            &app,
            &Req {
                area: Some(a),
                language: lang,
                contact_after: Some(wait),
                navigator: Some(x),
                ..base.clone()
            },
        )
        .await;
    }
    insert(
        &app,
        &Req {
            area: Some(a),
            language: "es",
            needs: "device",
            status: "new",
            created: now - DAY,
            ..base.clone()
        },
    )
    .await;
    insert(
        &app,
        &Req {
            area: Some(a),
            status: "assigned",
            navigator: Some(x),
            created: now - 5 * DAY,
            ..base.clone()
        },
    )
    .await;
    insert(
        &app,
        &Req {
            area: Some(a),
            needs: "internet,device",
            status: "assigned",
            navigator: Some(x),
            created: now - 2 * DAY,
            ..base.clone()
        },
    )
    .await;
    // Beta: an old open request contacted after 10 days (not unmet; estimated median 12 days, the
    // middle of the 10-14 day step), an old one assigned and never contacted (unmet).
    let b1 = insert(
        &app,
        &Req {
            area: Some(b),
            status: "in_progress",
            navigator: Some(x),
            contact_after: Some(10 * DAY),
            ..base.clone()
        },
    )
    .await;
    let b2 = insert(
        &app,
        &Req {
            area: Some(b),
            status: "assigned",
            navigator: Some(x),
            ..base.clone()
        },
    )
    .await;
    // Not placed in any area; and one from two years ago, outside the default year.
    insert(
        &app,
        &Req {
            area: None,
            status: "new",
            created: now - HOUR,
            ..base.clone()
        },
    )
    .await;
    insert(
        &app,
        &Req {
            area: Some(b),
            created: now - 800 * DAY,
            ..base.clone()
        },
    )
    .await;
    let _ = b1;

    let check =
        |rows: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>| {
            let (alpha, beta, gamma) = (&rows["Alpha"], &rows["Beta"], &rows["Gamma"]);
            assert_eq!(num(alpha, "requests"), 6.0);
            assert_eq!(num(alpha, "open"), 3.0);
            assert_eq!(num(alpha, "unmet"), 2.0);
            assert!(
                (num(alpha, "median_days_to_first_contact") - 0.125).abs() < 0.006,
                "{alpha:?}"
            );
            // Navigator: capacity 10, four open cases assigned (two in Alpha, two in Beta), covers
            // Alpha only: 6 free slots there.
            assert_eq!(num(alpha, "navigator_capacity"), 6.0);
            assert_eq!(num(alpha, "programs"), 1.0);
            // Gap: 2 unmet / 6 slots, times Alpha's 40 % of homes without internet against the
            // city's 25 % (500 of 2,000 households): 1/3 × 1.6.
            assert!((num(alpha, "gap_score") - 0.533).abs() < 0.001, "{alpha:?}");
            assert_eq!(num(beta, "requests"), 2.0);
            assert_eq!(num(beta, "open"), 2.0);
            assert_eq!(num(beta, "unmet"), 1.0);
            assert!(
                (num(beta, "median_days_to_first_contact") - 12.0).abs() < 0.01,
                "{beta:?}"
            );
            assert_eq!(num(beta, "navigator_capacity"), 0.0);
            assert_eq!(num(beta, "programs"), 2.0);
            // No slots: 1 unmet, times 10 % against 25 %.
            assert!((num(beta, "gap_score") - 0.4).abs() < 0.001, "{beta:?}");
            assert_eq!(num(gamma, "requests"), 0.0);
            assert_eq!(gamma["median_days_to_first_contact"], "");
            assert_eq!(num(gamma, "programs"), 1.0);
            assert_eq!(num(gamma, "gap_score"), 0.0);
        };
    let fresh = map_rows(&supervisor, "").await;
    check(&fresh);

    // Build the past periods into stored sums: the same figures come out.
    let built = navdesk::maps::stats::refresh(&app.db, now, true, 100)
        .await
        .expect("refresh");
    assert!(
        built >= 2,
        "the periods of 200 and 800 days ago are built: {built}"
    );
    let clean: i64 = app
        .one("SELECT COUNT(*) FROM stats_periods WHERE dirty = 0", ())
        .await;
    assert!(clean >= 2);
    let stored: i64 = app.one("SELECT COUNT(*) FROM case_stats", ()).await;
    assert!(stored > 0, "sums are stored");
    assert_eq!(map_rows(&supervisor, "").await, fresh);

    // A navigator reaches the old unmet request in Beta: the map shows it at once, before the
    // period is built again, and after.
    sqlx::query("UPDATE cases SET first_contact_at = created_at + $1 WHERE id = $2")
        .bind(14 * DAY)
        .bind(b2)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let dirty: i64 = app
        .one("SELECT COUNT(*) FROM stats_periods WHERE dirty > 0", ())
        .await;
    assert_eq!(dirty, 1, "the change marks its period");
    let after = map_rows(&supervisor, "").await;
    assert_eq!(num(&after["Beta"], "unmet"), 0.0);
    navdesk::maps::stats::refresh(&app.db, now, false, 100)
        .await
        .unwrap();
    assert_eq!(map_rows(&supervisor, "").await, after);

    // Filters: Spanish speakers only (two in Alpha); device requests (two in Alpha); a range
    // that reaches back 900 days (Beta's old request); a longer wait before "unmet".
    let es = map_rows(&supervisor, "?language=es").await;
    assert_eq!(num(&es["Alpha"], "requests"), 2.0);
    assert_eq!(num(&es["Beta"], "requests"), 0.0);
    let device = map_rows(&supervisor, "?need=device").await;
    assert_eq!(num(&device["Alpha"], "requests"), 2.0);
    let from = jiff::Timestamp::from_second(now - 900 * DAY)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("America/Denver").unwrap())
        .date();
    let long = map_rows(&supervisor, &format!("?from={from}")).await;
    assert_eq!(num(&long["Beta"], "requests"), 3.0);
    let patient = map_rows(&supervisor, "?days=6").await;
    assert_eq!(
        num(&patient["Alpha"], "unmet"),
        1.0,
        "only the unassigned one"
    );

    // The GeoJSON: every area a feature with the same figures, outer rings counter-clockwise.
    let resp = supervisor.get("/map.geojson").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers().get("content-type").unwrap(),
        "application/geo+json"
    );
    let text = resp.text().await.unwrap();
    let gj: geojson::GeoJson = text.parse().expect("valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("not a FeatureCollection")
    };
    assert_eq!(fc.features.len(), 3);
    for f in &fc.features {
        let props = f.properties.as_ref().unwrap();
        let name = props["name"].as_str().unwrap();
        let csv_row = &after[name];
        assert_eq!(
            props["unmet"].as_f64().unwrap(),
            num(csv_row, "unmet"),
            "{name}"
        );
        assert_eq!(
            props["requests"].as_f64().unwrap(),
            num(csv_row, "requests")
        );
        let Some(geojson::GeometryValue::Polygon { coordinates: rings }) =
            f.geometry.as_ref().map(|g| g.value.clone())
        else {
            panic!("{name} has no polygon")
        };
        let ring: Vec<&[f64]> = rings[0].iter().map(|p| p.as_slice()).collect();
        let twice_area: f64 = ring
            .windows(2)
            .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
            .sum();
        assert!(twice_area > 0.0, "{name}'s outer ring is counter-clockwise");
    }

    // The page: one link per area with its name and figure, the table, the exports.
    let (status, body) = supervisor.page("/map?metric=unmet").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(&format!("href=\"/cases?area={a}\"")),
        "{body}"
    );
    let plain = common::staff::text(&body);
    assert!(
        plain.contains("Alpha: Unmet requests 2"),
        "accessible name with the figure"
    );
    assert!(body.contains("id=\"map-table\""));
    assert!(body.contains("/map.geojson?"));
    assert!(body.contains("/map.csv?"));
    assert!(
        body.contains("One request is not placed"),
        "the unplaced request is told"
    );
    // Sorting by name, ascending: Alpha before Beta before Gamma in the table.
    let (_, sorted) = supervisor.page("/map?sort=name&dir=asc").await;
    let table = &sorted[sorted.find("map-table").unwrap()..];
    let (ia, ib, ig) = (
        table.find(">Alpha<").unwrap(),
        table.find(">Beta<").unwrap(),
        table.find(">Gamma<").unwrap(),
    );
    assert!(ia < ib && ib < ig);
    let (_, by_unmet) = supervisor.page("/map?sort=unmet&dir=desc").await;
    let table = &by_unmet[by_unmet.find("map-table").unwrap()..];
    assert!(table.find(">Alpha<").unwrap() < table.find(">Beta<").unwrap());

    // Bad filters: the page says what is wrong and changes nothing; the exports answer 400.
    let (status, body) = supervisor.page("/map?from=2026-13-45&metric=bogus").await;
    assert_eq!(status, 422);
    assert!(body.contains("Enter a date like"), "{body}");
    assert!(body.contains("Choose one of the figures"));
    let (status, _) = supervisor.page("/map?from=2026-05-01&to=2026-04-01").await;
    assert_eq!(status, 422);
    assert_eq!(supervisor.get("/map.csv?days=-1").await.status(), 400);
    assert_eq!(
        supervisor.get("/map.geojson?language=xx").await.status(),
        400
    );

    // Program sites as an overlay: the active program with a site, only when asked for.
    let site: i64 = app
        .one(
            "INSERT INTO sites (name, lat, lon, created_at, updated_at) \
             VALUES ('Central Library', 39.745, -104.985, 0, 0) RETURNING id",
            (),
        )
        .await;
    app.exec("UPDATE programs SET site_id = $1", (site,)).await;
    let (_, with_sites) = supervisor.page("/map?sites=on").await;
    assert!(
        with_sites.contains("<title>Everywhere (Org)</title>"),
        "{with_sites}"
    );
    assert!(
        !with_sites.contains("<title>Old (Org)</title>"),
        "inactive programs are not drawn"
    );
    let (_, without) = supervisor.page("/map").await;
    assert!(!without.contains("<title>Everywhere (Org)</title>"));

    // Navigators do not see the map; the signed-out are sent to sign in.
    assert_eq!(nav.get("/map").await.status(), 403);
    assert_eq!(nav.get("/reports").await.status(), 403);
    let anonymous = app.get("/map").await;
    assert_eq!(anonymous.status(), 303);
    app.stop().await;
}

async fn reports_suppress_small_groups(app: TestApp) {
    let now = navdesk::db::now();
    let a = area(&app, "Alpha", 39.74, -104.98, None).await;
    let b = area(&app, "Beta", 39.76, -104.95, None).await;
    let c = area(&app, "Gamma", 39.72, -104.93, None).await;
    let supervisor = app.with_user(SUE).await;
    let base = Req {
        language: "en",
        needs: "internet",
        status: "closed",
        created: now - 100 * DAY,
        ..Req::default()
    };
    // Twelve English speakers in Alpha, contacted after 1 day (24-36 h step): eight connected
    // at home with a laptop; all asked at 90 days, nine still connected.
    for i in 0..12 {
        let outcome = if i < 8 {
            Some((true, Some("laptop"), Some(i < 9)))
        } else {
            Some((false, None, Some(i < 9)))
        };
        let race = match i {
            0..=5 => "black",
            6..=8 => "black,hispanic",
            _ => "",
        };
        insert(
            &app,
            &Req {
                area: Some(a),
                contact_after: Some(DAY + HOUR),
                outcome,
                race,
                ..base.clone()
            },
        )
        .await;
    }
    // Eleven Spanish speakers in Gamma, just enough to show.
    for _ in 0..11 {
        insert(
            &app,
            &Req {
                area: Some(c),
                language: "es",
                contact_after: Some(3 * DAY),
                race: "hispanic",
                ..base.clone()
            },
        )
        .await;
    }
    // Five Amharic speakers in Beta, contacted after 6 days: too few to show.
    for _ in 0..5 {
        insert(
            &app,
            &Req {
                area: Some(b),
                language: "am",
                contact_after: Some(6 * DAY),
                race: "black",
                ..base.clone()
            },
        )
        .await;
    }

    for built in [false, true] {
        let (body, rows) = report_rows(&app, &supervisor, built).await;
        let row = |dim: &str, group: &str| report_row(&body, &rows, dim, group);
        let all = row("all", "");
        assert_eq!(all["residents"], "28", "built: {built}");
        let en = row("language", "en");
        assert_eq!(en["residents"], "12");
        // Twelve waits in the 24-36 hour step: the median is its middle, 30 hours = 1.25 days.
        assert_eq!(en["median_days_to_first_contact"], "1.25");
        // 8 of 12 resolved connected; 9 of 12 asked still connected at 90 days.
        assert_eq!(en["connected_at_home_share"], "0.667");
        assert_eq!(en["still_connected_90_days_share"], "0.750");
        assert_eq!(en["devices"], "8");
        let am = row("language", "am");
        assert_eq!(am["residents"], "<11", "five residents are suppressed");
        assert_eq!(am["median_days_to_first_contact"], "<11");
        // With Amharic hidden, Spanish (the next smallest) is hidden too, or 28 - 12 - 11
        // would give Amharic away; its median says nothing about anyone's count.
        let es = row("language", "es");
        assert_eq!(es["residents"], "<11");
        assert_eq!(es["median_days_to_first_contact"], "3.50");
        // Areas split everyone the same way: Beta's 5 and then Gamma's 11 are hidden.
        assert_eq!(row("area", "Beta")["residents"], "<11");
        assert_eq!(row("area", "Gamma")["residents"], "<11");
        assert_eq!(row("area", "Alpha")["residents"], "12");
        // Race, alone or in combination: black 6 + 3 + 5 = 14; hispanic 3 + 11 = 14; the 3 who
        // did not answer are hidden.
        assert_eq!(row("race_ethnicity", "black")["residents"], "14");
        assert_eq!(row("race_ethnicity", "hispanic")["residents"], "14");
        assert_eq!(row("race_ethnicity", "not_answered")["residents"], "<11");
    }

    // The page: the equity view names the longest wait among groups that are shown, and shows
    // the suppressed group as such.
    let (status, body) = supervisor.page("/reports").await;
    assert_eq!(status, 200);
    assert!(body.contains("Equity view"));
    assert!(body.contains("fewer than 11"));
    assert!(body.contains("አማርኛ"), "Amharic is listed by its own name");
    let (status, body) = supervisor.page("/reports?from=yesterday").await;
    assert_eq!(status, 422);
    assert!(body.contains("Enter a date like"));
    app.stop().await;
}

/// Requests by text and by phone count like any other (a call with no address is counted,
/// though not placed on the map), and the reports break them down by channel, small ones
/// suppressed.
async fn every_channel_is_counted_and_broken_down(app: TestApp) {
    let now = navdesk::db::now();
    let alpha = area(&app, "Alpha", 39.74, -104.98, None).await;
    let supervisor = app.with_user(SUE).await;
    let base = Req {
        area: Some(alpha),
        language: "en",
        needs: "internet",
        status: "closed",
        created: now - 100 * DAY,
        ..Req::default()
    };
    let add = |n: usize, r: Req| {
        let app = &app;
        async move {
            for _ in 0..n {
                insert(app, &r).await;
            }
        }
    };
    // Twelve by the web form, contacted after 25 hours, none connected.
    add(
        12,
        Req {
            contact_after: Some(DAY + HOUR),
            outcome: Some((false, None, None)),
            ..base.clone()
        },
    )
    .await;
    // Fourteen by text, in Spanish, contacted after 3 days.
    add(
        14,
        Req {
            channel: "sms",
            language: "es",
            contact_after: Some(3 * DAY),
            ..base.clone()
        },
    )
    .await;
    // Eleven by phone, no address given, called back after 5 hours, all connected at home.
    add(
        11,
        Req {
            channel: "phone",
            area: None,
            contact_after: Some(5 * HOUR),
            outcome: Some((true, None, None)),
            ..base.clone()
        },
    )
    .await;
    let from = jiff::Timestamp::from_second(now - 200 * DAY)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("America/Denver").unwrap())
        .date();
    let map_query = format!("?from={from}");

    for walk_ins in [0, 3] {
        add(
            walk_ins,
            Req {
                channel: "walk_in",
                contact_after: Some(DAY),
                ..base.clone()
            },
        )
        .await;
        for built in [false, true] {
            let context = format!("walk-ins: {walk_ins}, built: {built}");
            let (body, rows) = report_rows(&app, &supervisor, built).await;
            if built {
                let stored: i64 = app.one("SELECT COUNT(*) FROM channel_stats", ()).await;
                assert!(stored >= 3, "the built period keeps its sums by channel");
            }
            let row = |group: &str| report_row(&body, &rows, "channel", group);
            let all = report_row(&body, &rows, "all", "");
            assert_eq!(all["residents"], (37 + walk_ins).to_string(), "{context}");
            assert_eq!(row("sms")["residents"], "14", "{context}");
            assert_eq!(row("sms")["median_days_to_first_contact"], "3.50");
            assert_eq!(row("web")["residents"], "12", "{context}");
            assert_eq!(row("web")["median_days_to_first_contact"], "1.25");
            assert_eq!(row("web")["connected_at_home_share"], "0.000");
            // Waits in the 4-8 hour step: the median is its middle, 6 hours.
            assert_eq!(row("phone")["median_days_to_first_contact"], "0.25");
            assert_eq!(row("phone")["connected_at_home_share"], "1.000");
            if walk_ins == 0 {
                assert_eq!(row("phone")["residents"], "11", "{context}");
                assert_eq!(row("walk_in")["residents"], "", "nobody walked in");
            } else {
                // Three walk-ins are hidden, and so is the next smallest channel, or 40 less
                // the others would give them away.
                assert_eq!(row("walk_in")["residents"], "<11", "{context}");
                assert_eq!(row("walk_in")["median_days_to_first_contact"], "<11");
                assert_eq!(row("phone")["residents"], "<11", "{context}");
            }
            // The map counts the texts in their area, and the calls as not placed yet.
            let map = map_rows(&supervisor, &map_query).await;
            assert_eq!(
                num(&map["Alpha"], "requests"),
                (26 + walk_ins) as f64,
                "{context}"
            );
            let (_, page) = supervisor.page(&format!("/map{map_query}")).await;
            assert!(page.contains("11 requests are not placed"), "{page}");
        }
    }
    let (status, body) = supervisor.page("/reports").await;
    assert_eq!(status, 200);
    assert!(body.contains("By the way residents asked"), "{body}");
    for label in ["Phone call", "Text message", "Web form", "Walk-in"] {
        assert!(body.contains(label), "{label}");
    }
    let (_, body) = supervisor.page("/reports?lang=es").await;
    assert!(body.contains("Llamada telefónica") && body.contains("Mensaje de texto"));
    app.stop().await;
}

/// The reports' appointments, against a dataset counted by hand: twelve Spanish speakers in
/// Alpha booked at the library (nine attended, three missed), four English speakers in Beta at
/// the rec center (one cancelled), each request a known number of days before its appointment.
async fn appointments_are_reported_by_site_language_and_area(app: TestApp) {
    let now = navdesk::db::now();
    let a = area(&app, "Alpha", 39.74, -104.98, None).await;
    let b = area(&app, "Beta", 39.76, -104.95, None).await;
    let supervisor = app.with_user(SUE).await;
    let nav = app.with_user(NIA).await;
    let navigator = nav.navigator_id.unwrap();
    let site = |name: &'static str| {
        app.one::<i64>(
            "INSERT INTO sites (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id",
            (name, now),
        )
    };
    let library = site("Central Library").await;
    let rec = site("Montbello Rec Center").await;
    let mut slot = now - 40 * DAY;
    let mut book = async |case: i64, site: i64, status: &str| {
        slot += HOUR;
        app.exec(
            "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, \
             status, booked_via, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'web', $4, $4)",
            (case, navigator, site, slot, slot + 1800, status),
        )
        .await;
    };
    for i in 0..12 {
        let case = insert(
            &app,
            &Req {
                area: Some(a),
                language: "es",
                needs: "device",
                status: "in_progress",
                created: now - 40 * DAY - (i + 1) * DAY,
                ..Req::default()
            },
        )
        .await;
        book(case, library, if i < 9 { "attended" } else { "no_show" }).await;
    }
    for i in 0..4 {
        let case = insert(
            &app,
            &Req {
                area: Some(b),
                language: "en",
                needs: "internet",
                status: "assigned",
                created: now - 45 * DAY,
                ..Req::default()
            },
        )
        .await;
        book(case, rec, if i == 0 { "cancelled" } else { "booked" }).await;
    }
    let page = supervisor.get("/reports").await.text().await.unwrap();
    assert!(page.contains("Appointments by site"), "{page}");
    let (body, rows) = csv_rows(&supervisor, "/reports/appointments.csv").await;
    let row = |breakdown: &str, group: &str| report_row(&body, &rows, breakdown, group);
    let all = row("all", "");
    assert_eq!(all["booked"], "15");
    assert_eq!(all["attended"], "9");
    assert_eq!(all["no_show"], "3");
    assert_eq!(all["cancelled"], "1");
    assert_eq!(all["attended_share"], "0.750");
    let library_row = row("site", "Central Library");
    assert_eq!(library_row["booked"], "12");
    assert_eq!(library_row["no_show"], "3");
    let spanish = row("language", "es");
    assert_eq!(spanish["attended"], "9");
    assert_eq!(row("area", "Alpha")["booked"], "12");
    // Four appointments at the rec center, by four English speakers in Beta: too few to show.
    assert_eq!(row("site", "Montbello Rec Center")["booked"], "<11");
    assert_eq!(row("language", "en")["cancelled"], "<11");
    // Days to the first appointment of the sixteen requests (the cancelled one does not count):
    // the twelve waited 1.04..=12.5 days, the three in Beta about 5.5; the median is that of
    // the fifteen by hand.
    let mut waits: Vec<f64> = (0..12)
        .map(|i| ((i + 1) * DAY + (i + 1) * HOUR) as f64 / DAY as f64)
        .chain((1..4).map(|i| (5 * DAY + (13 + i) * HOUR) as f64 / DAY as f64))
        .collect();
    waits.sort_by(f64::total_cmp);
    let median: f64 = all["median_days_to_first_appointment"].parse().unwrap();
    assert!((median - waits[7]).abs() < 0.01, "{median} vs {}", waits[7]);
    // Navigators see no reports; a bad period changes nothing and says so.
    assert_eq!(nav.get("/reports/appointments.csv").await.status(), 403);
    assert_eq!(
        supervisor
            .get("/reports/appointments.csv?from=2025-13-01")
            .await
            .status(),
        400
    );
    app.stop().await;
}

/// The map's free appointment slots (next 14 days) by area, against a count by hand: hours on
/// one weekday three days ahead (so twice in 14 days, never today), a booking, a closure, and
/// a second navigator who speaks only Vietnamese.
async fn free_slots_by_area_match_the_hand_count(app: TestApp) {
    let now = navdesk::db::now();
    let alpha = area(&app, "Alpha", 39.74, -104.98, None).await;
    area(&app, "Beta", 39.76, -104.95, None).await;
    let supervisor = app.with_user(SUE).await;
    let nia = app.with_user(NIA).await.navigator_id.unwrap();
    let vi = app
        .with_user(Person::navigator("vy@navdesk.example", "Vy Tran"))
        .await
        .navigator_id
        .unwrap();
    app.exec(
        "UPDATE navigators SET languages = 'vi' WHERE id = $1",
        (vi,),
    )
    .await;
    let library = common::appointments::site(&app, "Central Library").await;
    app.exec(
        "UPDATE sites SET area_id = $1 WHERE id = $2",
        (alpha, library),
    )
    .await;
    // A site without an area counts nowhere.
    let elsewhere = common::appointments::site(&app, "Somewhere Else").await;
    let denver = jiff::tz::TimeZone::get("America/Denver").unwrap();
    let today = jiff::Timestamp::from_second(now)
        .unwrap()
        .to_zoned(denver.clone())
        .date();
    let day = |n: i64| today.checked_add(jiff::Span::new().days(n)).unwrap();
    let weekday = i64::from(day(3).weekday().to_monday_one_offset());
    // Nia 10:00-12:00 (four slots), Vy 10:00-11:00 (two), on that weekday.
    common::appointments::hours(&app, nia, library, weekday, 600, 720).await;
    common::appointments::hours(&app, vi, library, weekday, 600, 660).await;
    common::appointments::hours(&app, nia, elsewhere, weekday, 720, 780).await;
    // One of Nia's taken on the first of those days; the library closed on the second.
    let ten = day(3)
        .at(10, 0, 0, 0)
        .to_zoned(denver.clone())
        .unwrap()
        .timestamp()
        .as_second();
    let case = insert(
        &app,
        &Req {
            language: "es",
            needs: "internet",
            status: "new",
            created: now - DAY,
            ..Req::default()
        },
    )
    .await;
    app.exec(
        "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, status, \
         booked_via, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'booked', 'web', $6, $6)",
        (case, nia, library, ten, ten + 1800, now),
    )
    .await;
    app.exec(
        "INSERT INTO site_closures (site_id, day) VALUES ($1, $2)",
        (library, day(10).to_string()),
    )
    .await;

    let free = |rows: &std::collections::BTreeMap<String, Row>, name: &str| {
        rows[name]["free_appointment_slots_14_days"].clone()
    };
    // Anyone (an interpreter may come): Nia 3 + Vy 2 on the open day.
    let rows = map_rows(&supervisor, "").await;
    assert_eq!(free(&rows, "Alpha"), "5");
    assert_eq!(free(&rows, "Beta"), "0");
    // In Spanish only Nia's; in Vietnamese only Vy's.
    let rows = map_rows(&supervisor, "?language=es").await;
    assert_eq!(free(&rows, "Alpha"), "3");
    let rows = map_rows(&supervisor, "?language=vi").await;
    assert_eq!(free(&rows, "Alpha"), "2");
    // The map shades by it, and says so.
    let (status, body) = supervisor.page("/map?metric=free_slots").await;
    assert_eq!(status, 200);
    assert!(body.contains("Alpha"));
}

on_both_backends!(
    map_figures_match_the_hand_count,
    reports_suppress_small_groups,
    every_channel_is_counted_and_broken_down,
    appointments_are_reported_by_site_language_and_area,
    free_slots_by_area_match_the_hand_count
);
