//! `navdesk import-areas` and `navdesk import-zips` as an administrator uses them, on SQLite and
//! PostgreSQL: Denver's 78 neighborhoods go in once however often they are imported, a broken
//! file changes nothing and says which feature or line is wrong, and the spatial index reads
//! back what was stored. `navdesk serve` with no areas covers the region with hexagons, which
//! real boundaries imported later replace.

mod common;

use std::process::{Command, Output};

use common::Backend;
use navdesk::areas::AreaIndex;
use navdesk::db::Db;

const BIN: &str = env!("CARGO_BIN_EXE_navdesk");

use common::denver_geojson_path as denver_path;

fn navdesk(url: &str, args: &[&str]) -> Output {
    command(url, "import-areas", args)
}

fn command(url: &str, name: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg(name)
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("navdesk runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every area as (id, name, external id, geometry), in id order.
async fn areas(db: &Db) -> Vec<(i64, String, Option<String>, Option<String>)> {
    sqlx::query_as("SELECT id, name, external_id, geometry FROM areas ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("areas")
}

async fn import_twice_keeps_78_areas_and_their_ids(backend: Backend) {
    let Some(path) = denver_path() else { return };
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let args = [
        path.as_str(),
        "--name-property",
        "NBHD_NAME",
        "--id-property",
        "NBHD_ID",
    ];
    let first = navdesk(&url, &args);
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("imported 78 areas") && text(&first).contains("78 created"),
        "{}",
        text(&first)
    );
    let db = navdesk::db::connect(&url).await.unwrap();
    let before = areas(&db).await;
    assert_eq!(before.len(), 78);

    let again = navdesk(&url, &args);
    assert!(again.status.success(), "{}", text(&again));
    assert!(
        text(&again).contains("0 created, 78 updated"),
        "{}",
        text(&again)
    );
    assert_eq!(areas(&db).await, before, "ids, names and shapes unchanged");

    // By name (no --id-property), the same 78 rows are updated too.
    let by_name = navdesk(&url, &[path.as_str(), "--name-property", "NBHD_NAME"]);
    assert!(
        text(&by_name).contains("0 created, 78 updated"),
        "{}",
        text(&by_name)
    );
    assert_eq!(areas(&db).await, before);

    // What the server will load finds Five Points where it is.
    let index = AreaIndex::load(&db).await.unwrap();
    assert_eq!(index.len(), 78);
    let five_points = before.iter().find(|a| a.1 == "Five Points").unwrap().0;
    assert_eq!(index.locate(39.7555, -104.9776), Some(five_points));
    db.pool.close().await;
}

async fn a_broken_file_changes_nothing_and_names_the_feature(backend: Backend) {
    let Some(path) = denver_path() else { return };
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let ok = navdesk(&url, &[path.as_str(), "--name-property", "NBHD_NAME"]);
    assert!(ok.status.success(), "{}", text(&ok));
    let db = navdesk::db::connect(&url).await.unwrap();
    let before = areas(&db).await;

    // Rename every area (so a partial import would show) and break the 41st feature's ring.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let features = json["features"].as_array_mut().unwrap();
    for f in features.iter_mut() {
        let name = f["properties"]["NBHD_NAME"].as_str().unwrap().to_owned();
        f["properties"]["NBHD_NAME"] = format!("{name} (new)").into();
    }
    let broken_name = features[40]["properties"]["NBHD_NAME"]
        .as_str()
        .unwrap()
        .to_owned();
    let ring = features[40]["geometry"]["coordinates"][0]
        .as_array_mut()
        .expect("a Polygon");
    ring.pop();
    let dir =
        std::env::temp_dir().join(format!("navdesk-areas-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join(format!("broken-{backend:?}.geojson"));
    std::fs::write(&broken, json.to_string()).unwrap();

    let out = navdesk(
        &url,
        &[broken.to_str().unwrap(), "--name-property", "NBHD_NAME"],
    );
    assert!(!out.status.success());
    let message = text(&out);
    assert!(
        message.contains("features[40]")
            && message.contains(&broken_name)
            && message.contains("not closed"),
        "{message}"
    );
    assert_eq!(areas(&db).await, before, "nothing changed");

    // A file that is not a FeatureCollection at all.
    std::fs::write(&broken, r#"{"type":"Point","coordinates":[0,0]}"#).unwrap();
    let out = navdesk(&url, &[broken.to_str().unwrap(), "--name-property", "x"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("not a FeatureCollection"),
        "{}",
        text(&out)
    );
    assert_eq!(areas(&db).await, before);
    std::fs::remove_dir_all(dir).ok();
    db.pool.close().await;
}

async fn a_hex_grid_covers_denver_and_imports_once(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let first = navdesk(&url, &["--hex-grid", "--size-km", "2"]);
    assert!(first.status.success(), "{}", text(&first));
    let db = navdesk::db::connect(&url).await.unwrap();
    let before = areas(&db).await;
    assert!(before.len() > 300, "{} cells", before.len());
    assert!(before.iter().all(|a| a.1.starts_with("Hex ")));
    let again = navdesk(&url, &["--hex-grid", "--size-km", "2"]);
    assert!(text(&again).contains("0 created"), "{}", text(&again));
    assert_eq!(areas(&db).await, before);
    let index = AreaIndex::load(&db).await.unwrap();
    assert!(index.locate(39.7555, -104.9776).is_some());
    assert!(
        index.locate(39.62, -105.10).is_some(),
        "a corner of the region"
    );

    let bad = navdesk(&url, &["--hex-grid", "--bbox", "1,2,3"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("minlon,minlat,maxlon,maxlat"),
        "{}",
        text(&bad)
    );
    db.pool.close().await;
}

/// Every stored ZIP centroid, in ZIP order.
async fn zips(db: &Db) -> Vec<(String, f64, f64)> {
    sqlx::query_as("SELECT zip, lat, lon FROM zip_centroids ORDER BY zip")
        .fetch_all(&db.pool)
        .await
        .expect("zips")
}

async fn import_zips_reads_the_gazetteer_once_and_refuses_a_bad_line(backend: Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("navdesk-zips-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gazetteer = dir.join("2023_Gaz_zcta_national.txt");
    std::fs::write(
        &gazetteer,
        "GEOID\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG             \n\
         80202\t4689390\t14335\t1.811\t0.006\t39.749169\t-104.994067\n\
         80205\t10697366\t0\t4.130\t0.000\t39.758960\t-104.962530\n",
    )
    .unwrap();
    let path = gazetteer.to_str().unwrap();
    let first = command(&url, "import-zips", &[path]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("imported 2 ZIP codes")
            && text(&first).contains("2 created, 0 updated"),
        "{}",
        text(&first)
    );
    let db = navdesk::db::connect(&url).await.unwrap();
    let stored = zips(&db).await;
    assert_eq!(
        stored,
        vec![
            ("80202".to_owned(), 39.749169, -104.994067),
            ("80205".to_owned(), 39.75896, -104.96253)
        ]
    );
    let again = command(&url, "import-zips", &[path]);
    assert!(
        text(&again).contains("0 created, 2 updated"),
        "{}",
        text(&again)
    );
    assert_eq!(zips(&db).await, stored, "importing again changes nothing");

    // A CSV whose third line is wrong: nothing of it goes in, not even its good first row.
    let csv = dir.join("zips.csv");
    std::fs::write(&csv, "zip,lat,lon\n80211,39.77,-105.02\n8021,39.7,-105.0\n").unwrap();
    let bad = command(&url, "import-zips", &[csv.to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("line 3") && text(&bad).contains("not a 5-digit ZIP"),
        "{}",
        text(&bad)
    );
    assert_eq!(zips(&db).await, stored, "nothing imported");

    let missing = command(
        &url,
        "import-zips",
        &[dir.join("nope.csv").to_str().unwrap()],
    );
    assert!(!missing.status.success());
    assert!(text(&missing).contains("cannot read"), "{}", text(&missing));
    std::fs::remove_dir_all(dir).ok();
    db.pool.close().await;
}

/// Starts `navdesk serve` on a free port with its log in `log`; returns the process and its
/// base URL.
fn serve(url: &str, log: &std::path::Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("navdesk serve starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("a URL in {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    (child, base)
}

/// The hexagon cells offered on the request form.
async fn hex_options(base: &str) -> usize {
    let page = reqwest::get(format!("{base}/help"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    page.matches(">Hex ").count()
}

async fn serve_without_areas_offers_a_hexagon_grid_that_real_areas_replace(backend: Backend) {
    let Some(path) = denver_path() else { return };
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let log = std::env::temp_dir().join(format!(
        "navdesk-serve-{}-{backend:?}.log",
        std::process::id()
    ));
    let (mut child, base) = serve(&url, &log);
    let offered = hex_options(&base).await;
    child.kill().ok();
    child.wait().ok();
    let db = navdesk::db::connect(&url).await.unwrap();
    let cells = areas(&db).await;
    assert!((60..=150).contains(&cells.len()), "{} cells", cells.len());
    assert_eq!(offered, cells.len(), "every cell is offered on the form");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("generated a hexagon grid"), "{logged}");

    // A second start does not make another grid.
    let (mut child, base) = serve(&url, &log);
    assert_eq!(hex_options(&base).await, cells.len());
    child.kill().ok();
    child.wait().ok();
    assert_eq!(areas(&db).await, cells);

    // A resident placed in one cell keeps it; the rest give way to Denver's neighborhoods.
    let kept = cells[10].0;
    sqlx::query(
        "INSERT INTO residents (name, language, contact_method, area_id, created_at) \
         VALUES ('Kept', 'en', 'call', $1, 0)",
    )
    .bind(kept)
    .execute(&db.pool)
    .await
    .unwrap();
    let out = navdesk(&url, &[path.as_str(), "--name-property", "NBHD_NAME"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("{} cells removed, 1 kept", cells.len() - 1)),
        "{}",
        text(&out)
    );
    let now = areas(&db).await;
    assert_eq!(now.len(), 79);
    let cell = now
        .iter()
        .find(|a| a.0 == kept)
        .expect("the cell in use stays");
    assert_eq!(cell.3, None, "without its shape");
    assert_eq!(AreaIndex::load(&db).await.unwrap().len(), 78);
    let offered = navdesk::areas::choices::areas(&db).await.unwrap();
    assert_eq!(offered.len(), 78, "the old cell is no longer offered");
    assert!(offered.iter().all(|a| a.id != kept));
    std::fs::remove_file(log).ok();
    db.pool.close().await;
}

for_each_backend!(
    import_twice_keeps_78_areas_and_their_ids,
    a_broken_file_changes_nothing_and_names_the_feature,
    a_hex_grid_covers_denver_and_imports_once,
    import_zips_reads_the_gazetteer_once_and_refuses_a_bad_line,
    serve_without_areas_offers_a_hexagon_grid_that_real_areas_replace,
);
