//! `navdesk import-areas` as an administrator uses it, on SQLite and PostgreSQL: Denver's 78
//! neighborhoods go in once however often they are imported, a broken file changes nothing and
//! says which feature is wrong, and the spatial index reads back what was stored.

mod common;

use std::process::{Command, Output};

use common::Backend;
use navdesk::areas::AreaIndex;
use navdesk::db::Db;

const BIN: &str = env!("CARGO_BIN_EXE_navdesk");

/// The shared Denver file, or `None` (test skipped with a line) when it is not there.
fn denver_path() -> Option<String> {
    let path = std::env::var("NAVDESK_AREAS_GEOJSON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/denver_statistical_neighborhoods.geojson"
        )
        .to_owned()
    });
    if std::path::Path::new(&path).is_file() {
        Some(path)
    } else {
        common::skip("Denver areas", &format!("{path} is not there"));
        None
    }
}

fn navdesk(url: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("import-areas")
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
    let dir = std::env::temp_dir().join(format!("navdesk-areas-{}", std::process::id()));
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

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Postgres).await;
                }
            )*
        }
    };
}

on_both!(
    import_twice_keeps_78_areas_and_their_ids,
    a_broken_file_changes_nothing_and_names_the_feature,
    a_hex_grid_covers_denver_and_imports_once,
);
