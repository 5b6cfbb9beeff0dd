//! Where residents are, on SQLite and PostgreSQL: a request is stored first and located
//! afterwards by the placement worker, with the Census geocoder played by a fake on 127.0.0.1.
//! A Census that answers gives the point and the area it lies in; one that is slow or down
//! neither fails nor slows the request, and the ZIP centroid places it instead.

mod common;

use common::staff::ANA;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use common::{Backend, TestApp};
use navdesk::areas::geocode::{Census, LatLon, Offline};
use navdesk::areas::placement::{Outcome, Worker};
use navdesk::areas::zips::{store_zip_centroids, ZipCentroid};
use navdesk::config::{Config, GeocoderKind, PlacementConfig};

/// A point in Five Points (2400 Welton St).
const WELTON: LatLon = LatLon {
    lat: 39.7555,
    lon: -104.9776,
};
/// ZIP 80205's centroid as the Census Gazetteer gives it (in Cole / Whittier, not Five Points).
const ZIP_80205: LatLon = LatLon {
    lat: 39.75896,
    lon: -104.96253,
};
/// The slow fake's answer comes after the app has given up on it.
const FAKE_DELAY: Duration = Duration::from_secs(60);
/// Far longer than a request or the fake's answer takes, even on a loaded machine (so a found
/// address never times out), yet a request that waited for the geocoder would take this long.
const TIMEOUT: Duration = Duration::from_secs(5);

/// How the fake Census behaves.
#[derive(Clone, Copy)]
enum Fake {
    Answers,
    Sleeps,
}

#[derive(Clone)]
struct FakeState {
    mode: Fake,
    addresses: Arc<Mutex<Vec<String>>>,
}

async fn fake_geocoder(
    State(state): State<FakeState>,
    Query(params): Query<Vec<(String, String)>>,
) -> String {
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("benchmark"), "Public_AR_Current");
    assert_eq!(get("format"), "json");
    state.addresses.lock().unwrap().push(get("address"));
    if let Fake::Sleeps = state.mode {
        tokio::time::sleep(FAKE_DELAY).await;
    }
    format!(
        r#"{{"result":{{"input":{{}},"addressMatches":[{{"coordinates":{{"x":{},"y":{}}},"matchedAddress":"2400 WELTON ST, DENVER, CO, 80205"}}]}}}}"#,
        WELTON.lon, WELTON.lat
    )
}

/// Starts a fake Census on 127.0.0.1; returns its base URL and the addresses it was asked for.
async fn start_fake(mode: Fake) -> (String, Arc<Mutex<Vec<String>>>) {
    let addresses = Arc::new(Mutex::new(Vec::new()));
    let app = axum::Router::new()
        .route(
            "/geocoder/locations/onelineaddress",
            axum::routing::get(fake_geocoder),
        )
        .with_state(FakeState {
            mode,
            addresses: addresses.clone(),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), addresses)
}

/// A base URL where nothing listens: a port bound and let go.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

fn census_config(base_url: &str) -> impl FnOnce(&mut Config) + '_ {
    move |config: &mut Config| {
        config.placement.geocoder = GeocoderKind::Census;
        config.placement.census_base_url = base_url.to_owned();
        config.placement.census_timeout = TIMEOUT;
        config.placement.sweep_every = Duration::from_millis(300);
    }
}

/// Denver's 78 neighborhoods and ZIP 80205's centroid in the app's database; `None` (skipped
/// with a line) when the shared file is not there.
async fn denver(app: &TestApp) -> Option<()> {
    common::import_denver(&app.db).await?;
    store_zip_centroids(
        &app.db,
        &[ZipCentroid {
            zip: "80205".into(),
            lat: ZIP_80205.lat,
            lon: ZIP_80205.lon,
        }],
    )
    .await
    .unwrap();
    Some(())
}

async fn area_id(app: &TestApp, name: &str) -> i64 {
    app.one("SELECT id FROM areas WHERE name = $1", (name,))
        .await
}

/// What placement left on a case: (placed, resident lat, lon, resident area, case area).
type Placed = (bool, Option<f64>, Option<f64>, Option<i64>, Option<i64>);
/// The same as stored, with the time it was placed.
type Stored = (
    Option<i64>,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    Option<i64>,
);

async fn placement(app: &TestApp, case_id: i64) -> Placed {
    let row: Stored = app
        .row(
            "SELECT c.placed_at, r.lat, r.lon, r.area_id, c.area_id \
         FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = $1",
            (case_id,),
        )
        .await;
    (row.0.is_some(), row.1, row.2, row.3, row.4)
}

/// Waits for the case to be placed and returns what placement left.
async fn placed(app: &TestApp, case_id: i64) -> Placed {
    let p = common::eventually(async || placement(app, case_id).await, |p| p.0).await;
    assert!(p.0, "case {case_id} was not placed");
    p
}

/// Posts the request form with an address; returns the case id and how long the answer took.
async fn submit(app: &TestApp, extra: &[(&'static str, &'static str)]) -> (i64, Duration) {
    let mut form = common::valid_form();
    form.extend_from_slice(extra);
    let started = Instant::now();
    let resp = app.post_form("/help", &form).await;
    let took = started.elapsed();
    assert_eq!(resp.status(), 303, "the request is accepted");
    let code = common::ref_code(&resp);
    let id = app
        .one("SELECT id FROM cases WHERE ref_code = $1", (&code,))
        .await;
    (id, took)
}

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

async fn an_address_the_census_finds_is_placed_at_its_point_and_area(backend: Backend) {
    let (base, addresses) = start_fake(Fake::Answers).await;
    let Some(app) = common::spawn_with(backend, census_config(&base)).await else {
        return;
    };
    let Some(()) = denver(&app).await else { return };
    let five_points = area_id(&app, "Five Points").await;

    let (case, _) = submit(&app, &[("address", "2400 Welton St")]).await;
    let (_, lat, lon, resident_area, case_area) = placed(&app, case).await;
    assert!(
        near(lat, WELTON.lat) && near(lon, WELTON.lon),
        "{lat:?} {lon:?}"
    );
    assert_eq!(resident_area, Some(five_points));
    assert_eq!(case_area, Some(five_points));
    assert_eq!(
        addresses.lock().unwrap().as_slice(),
        ["2400 Welton St, 80205"],
        "the ZIP the resident gave goes with the address"
    );

    // An area the resident chose wins over the point's.
    let capitol_hill = area_id(&app, "Capitol Hill").await;
    let (case, _) = submit(
        &app,
        &[("address", "2400 Welton St"), ("area", "Capitol Hill")],
    )
    .await;
    let (_, lat, _, resident_area, case_area) = placed(&app, case).await;
    assert!(near(lat, WELTON.lat));
    assert_eq!(
        (resident_area, case_area),
        (Some(capitol_hill), Some(capitol_hill))
    );
    app.stop().await;
}

/// A Census that is slow (`base` answers after the app gave up) or down (nothing listens): the resident's
/// answer is as fast as ever, and the ZIP centroid places the request. `None` when the tier or
/// the Denver data is not here (skipped, with a printed line).
async fn an_unanswering_census_neither_slows_nor_fails_a_request(
    backend: Backend,
    base: &str,
) -> Option<()> {
    let app = common::spawn_with(backend, census_config(base)).await?;
    denver(&app).await?;
    // Warm up (first connections, the area list) so the timing below is the request's own.
    submit(&app, &[]).await;

    let index = navdesk::areas::AreaIndex::load(&app.db).await.unwrap();
    let expected = index.locate(ZIP_80205.lat, ZIP_80205.lon);
    assert!(expected.is_some());
    for _ in 0..2 {
        let (case, took) = submit(&app, &[("address", "2400 Welton St")]).await;
        assert!(
            took < TIMEOUT,
            "the 303 took {took:?}; the fake Census takes {FAKE_DELAY:?}, its timeout is \
             {TIMEOUT:?}"
        );
        let (_, lat, lon, resident_area, case_area) = placed(&app, case).await;
        assert!(
            near(lat, ZIP_80205.lat) && near(lon, ZIP_80205.lon),
            "placed at the ZIP centroid: {lat:?} {lon:?}"
        );
        assert_eq!((resident_area, case_area), (expected, expected));
    }
    app.stop().await;
    Some(())
}

async fn a_slow_census_falls_back_to_the_zip(backend: Backend) {
    let (base, addresses) = start_fake(Fake::Sleeps).await;
    let Some(()) = an_unanswering_census_neither_slows_nor_fails_a_request(backend, &base).await
    else {
        return;
    };
    assert_eq!(
        addresses.lock().unwrap().len(),
        1,
        "the fake Census was asked once; after its timeout it is left alone for a while"
    );
}

async fn a_census_that_is_down_falls_back_to_the_zip(backend: Backend) {
    let _ran =
        an_unanswering_census_neither_slows_nor_fails_a_request(backend, &closed_port()).await;
}

/// Requests stored without a hand-off (a crash between commit and placement) and requests
/// taken by staff are placed too: the sweep finds the first, `/cases/new` hands on the second.
async fn the_sweep_and_staff_intake_place_requests(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| {
        c.placement.sweep_every = Duration::from_millis(300);
    })
    .await
    else {
        return;
    };
    let Some(()) = denver(&app).await else { return };
    let (orphan, _) = common::staff::new_case(&app, "Left Behind", navdesk::db::now()).await;
    let (_, lat, lon, _, case_area) = placed(&app, orphan).await;
    assert!(near(lat, ZIP_80205.lat) && near(lon, ZIP_80205.lon));
    assert_eq!(
        case_area,
        Some(area_id(&app, "Five Points").await),
        "the area it was stored with"
    );

    let ana = app.with_user(ANA).await;
    let token = ana.csrf().await;
    let mut form: Vec<(&str, &str)> = common::valid_form()
        .into_iter()
        .filter(|(k, _)| *k != "website" && *k != "zip")
        .collect();
    form.extend([
        ("csrf_token", token.as_str()),
        ("channel", "phone"),
        ("consent_how", "verbal_phone"),
        ("area", "Five Points"),
    ]);
    let resp = ana.post("/cases/new", &form).await;
    assert_eq!(resp.status(), 303);
    let case: i64 = common::location(&resp)
        .trim_start_matches("/cases/")
        .parse()
        .unwrap();
    let (_, lat, lon, _, case_area) = placed(&app, case).await;
    let (clat, clon): (f64, f64) = app
        .row(
            "SELECT centroid_lat, centroid_lon FROM areas WHERE name = 'Five Points'",
            (),
        )
        .await;
    assert!(
        near(lat, clat) && near(lon, clon),
        "the chosen area's centroid"
    );
    assert_eq!(case_area, Some(area_id(&app, "Five Points").await));
    app.stop().await;
}

/// Two instances on one database: each claims before it places, so a case is placed once.
/// A request the geocoder cannot answer is retried with a back-off, then placed without a
/// point rather than retried for ever.
async fn placing_twice_does_no_harm_and_retries_end(backend: Backend) {
    let Some(app) = common::spawn_with(backend, |c| {
        // This test drives placement itself.
        c.placement.sweep_every = Duration::from_secs(3600);
    })
    .await
    else {
        return;
    };
    let Some(()) = denver(&app).await else { return };
    let config = PlacementConfig {
        max_attempts: 2,
        retry_after: Duration::from_secs(60),
        ..PlacementConfig::default()
    };
    let worker = || {
        Worker::new(
            app.db.clone(),
            Box::new(Offline::new(app.db.clone())),
            config.clone(),
        )
    };
    let (a, b) = (worker(), worker());
    let (case, _) = common::staff::new_case(&app, "Twice", 1_700_000_000).await;
    let now = navdesk::db::now();
    // The app's own worker was told nothing (the case went in directly) and does not sweep.
    assert!(!placement(&app, case).await.0);
    let (first, second) = tokio::join!(a.place(case, now), b.place(case, now));
    let mut outcomes = [first.unwrap(), second.unwrap()];
    outcomes.sort_by_key(|o| *o != Outcome::Placed);
    assert_eq!(outcomes, [Outcome::Placed, Outcome::Skipped]);
    assert_eq!(a.place(case, now + 10_000).await.unwrap(), Outcome::Skipped);

    // Whole batches at once: every case placed by exactly one of the two.
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(
            common::staff::new_case(&app, &format!("Batch {i}"), 1_700_000_000)
                .await
                .0,
        );
    }
    let (first, second) = tokio::join!(a.place_batch(&ids, now), b.place_batch(&ids, now));
    let placed: Vec<i64> = first
        .unwrap()
        .into_iter()
        .chain(second.unwrap())
        .filter(|(_, o)| *o == Outcome::Placed)
        .map(|(id, _)| id)
        .collect();
    let mut sorted = placed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ids, "each case once: {placed:?}");
    for id in ids {
        assert!(placement(&app, id).await.0);
    }

    // Only an address with no ZIP in it, and a Census that is down: nothing to fall back on.
    let census = Census::new(&closed_port(), TIMEOUT, Offline::new(app.db.clone())).unwrap();
    let down = Worker::new(app.db.clone(), Box::new(census), config.clone());
    let (lost, _) = common::staff::new_case(&app, "Nowhere", 1_700_000_000).await;
    for sql in [
        "UPDATE residents SET zip = NULL, area_id = NULL, address = 'somewhere on Welton' \
         WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
        "UPDATE cases SET area_id = NULL WHERE id = $1",
    ] {
        app.exec(sql, (lost,)).await;
    }
    assert_eq!(down.place(lost, now).await.unwrap(), Outcome::Retry);
    assert!(
        down.due(now).await.unwrap().is_empty(),
        "not due again before its back-off"
    );
    assert!(!placement(&app, lost).await.0);
    assert_eq!(down.due(now + 60).await.unwrap(), vec![lost]);
    assert_eq!(down.place(lost, now + 60).await.unwrap(), Outcome::Placed);
    let (was_placed, lat, lon, area, case_area) = placement(&app, lost).await;
    assert!(was_placed, "given up on after max_attempts");
    assert_eq!((lat, lon, area, case_area), (None, None, None, None));
    app.stop().await;
}

for_each_backend!(
    an_address_the_census_finds_is_placed_at_its_point_and_area,
    a_slow_census_falls_back_to_the_zip,
    a_census_that_is_down_falls_back_to_the_zip,
    the_sweep_and_staff_intake_place_requests,
    placing_twice_does_no_harm_and_retries_end,
);
