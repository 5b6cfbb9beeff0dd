//! The inventory as a spreadsheet, on SQLite and on PostgreSQL: an export reads back as the
//! same devices (formula cells made inert and restored); a file with one bad row adds nothing
//! and names each problem's line and column; the same on the page's upload and on the command
//! line; a large import pages quickly.

mod common;

use common::appointments::site;
use common::server::run;
use common::staff::{text, Staff, ANA};
use common::TestApp;
use navdesk::auth::Role;
use navdesk::devices::spreadsheet::{self, ImportError, What};

const HEADER: &str = "asset_tag,kind,serial,program,site,condition,status\n";

async fn programs_and_sites(app: &TestApp) {
    app.program("Denver Public Library", "Hotspot lending")
        .await;
    app.program("PCs for People", "Refurbished computers").await;
    site(app, "Central Library").await;
    site(app, "Montbello Branch Library").await;
}

async fn import(app: &TestApp, text: &str) -> Result<usize, ImportError> {
    spreadsheet::import(&app.db, text.as_bytes(), None, 1_000).await
}

async fn export(app: &TestApp) -> String {
    String::from_utf8(spreadsheet::export(&app.db).await.unwrap()).unwrap()
}

async fn an_export_reads_back_as_the_same_devices(app: TestApp) {
    programs_and_sites(&app).await;
    let file = format!(
        "{HEADER}\
         LT-2,laptop,\"=cmd|' /C calc'!A0\",Refurbished computers,,poor,in_repair\n\
         HS-1,hotspot,+15551234,Hotspot lending,Central Library,new,available\n\
         CB-3,chromebook,@SUM(A1),Refurbished computers,Montbello Branch Library,fair,on_loan\n\
         TB-9,tablet,-42,Refurbished computers,,broken,retired\n\
         TB-8,tablet,\"with, comma\",Refurbished computers,,good,given\n"
    );
    assert_eq!(import(&app, &file).await.unwrap(), 5);
    let serial: String = app
        .one("SELECT serial FROM devices WHERE asset_tag = 'LT-2'", ())
        .await;
    assert_eq!(serial, "=cmd|' /C calc'!A0", "stored as typed");
    let imported: i64 = app
        .one(
            "SELECT COUNT(*) FROM device_events WHERE action = 'imported' AND user_id IS NULL",
            (),
        )
        .await;
    assert_eq!(imported, 5, "each device's history starts with its import");

    let first = export(&app).await;
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines[0], HEADER.trim_end());
    assert_eq!(
        lines[1..],
        [
            "CB-3,chromebook,'@SUM(A1),Refurbished computers,Montbello Branch Library,fair,on_loan",
            "HS-1,hotspot,'+15551234,Hotspot lending,Central Library,new,available",
            "LT-2,laptop,'=cmd|' /C calc'!A0,Refurbished computers,,poor,in_repair",
            "TB-8,tablet,\"with, comma\",Refurbished computers,,good,given",
            "TB-9,tablet,'-42,Refurbished computers,,broken,retired",
        ],
        "by asset tag, formula cells made inert"
    );

    // Into an empty inventory, the export adds the same devices, and exports the same.
    app.exec("DELETE FROM device_events", ()).await;
    app.exec("DELETE FROM devices", ()).await;
    assert_eq!(import(&app, &first).await.unwrap(), 5);
    assert_eq!(export(&app).await, first);
    let serial: String = app
        .one("SELECT serial FROM devices WHERE asset_tag = 'LT-2'", ())
        .await;
    assert_eq!(serial, "=cmd|' /C calc'!A0");
}

/// The problems of a refused file as (line, column, what).
async fn refused(app: &TestApp, text: &str) -> Vec<(u64, Option<&'static str>, What)> {
    match import(app, text).await {
        Err(ImportError::Problems(p)) => {
            p.into_iter().map(|p| (p.line, p.column, p.what)).collect()
        }
        other => panic!("refused, not {other:?}"),
    }
}

async fn a_bad_row_adds_nothing_and_is_named(app: TestApp) {
    programs_and_sites(&app).await;
    import(
        &app,
        &format!("{HEADER}HS-0001,hotspot,,Hotspot lending,,,\n"),
    )
    .await
    .unwrap();
    let before = (app.count("devices").await, app.count("device_events").await);

    let missing =
        "asset_tag,kind,serial,program,site,condition\nHS-2,hotspot,,Hotspot lending,,good\n";
    assert_eq!(
        refused(&app, missing).await,
        vec![(1, Some("status"), What::MissingColumn)]
    );
    let file = format!(
        "{HEADER}\
         HS-0002,hotspot,,Hotspot lending,,,\n\
         hs-0001,hotspot,,Hotspot lending,,,\n\
         HS-0003,hotspot,,Hotspot lending,Attic,,\n\
         HS-0004,phone,,Nobody's program,,,\n\
         hs-0002,hotspot,,Hotspot lending,,,\n"
    );
    assert_eq!(
        refused(&app, &file).await,
        vec![
            (
                3,
                Some("asset_tag"),
                What::DuplicateInDatabase("hs-0001".into())
            ),
            (4, Some("site"), What::UnknownSite("Attic".into())),
            (5, Some("kind"), What::Kind("phone".into())),
            (
                5,
                Some("program"),
                What::UnknownProgram("Nobody's program".into())
            ),
            (6, Some("asset_tag"), What::DuplicateInFile(2)),
        ]
    );
    assert_eq!(
        (app.count("devices").await, app.count("device_events").await),
        before,
        "nothing stored"
    );
}

/// A `multipart/form-data` body as a browser sends a form with a file.
fn multipart(token: &str, file: &str) -> (String, String) {
    let boundary = "----navdeskTestBoundary7MA4YWxk";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"devices.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(who: &Staff, token: &str, file: &str) -> reqwest::Response {
    let (content_type, body) = multipart(token, file);
    who.client
        .post(format!("{}/devices/import", who.base))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn supervisors_upload_and_download_on_the_page(app: TestApp) {
    programs_and_sites(&app).await;
    let sup = app.with_user(Role::Supervisor).await;
    let nav = app.with_user(ANA).await;
    let good = format!(
        "{HEADER}HS-1,hotspot,S1,Hotspot lending,Central Library,good,available\n\
         LT-1,laptop,S2,Refurbished computers,,fair,available\n"
    );
    let (_, page) = sup.page("/devices").await;
    assert!(page.contains("enctype=\"multipart/form-data\""));

    // A wrong token, or a navigator: refused, nothing stored.
    assert_eq!(upload(&sup, "forged", &good).await.status(), 403);
    let token = nav.csrf().await;
    assert_eq!(upload(&nav, &token, &good).await.status(), 403);
    assert_eq!(app.count("devices").await, 0);

    let token = sup.csrf().await;
    let bad =
        format!("{HEADER}HS-2,hotspot,,Hotspot lending,,,\nHS-3,toaster,,Hotspot lending,,,\n");
    let resp = upload(&sup, &token, &bad).await;
    assert_eq!(resp.status(), 422);
    let body = text(&resp.text().await.unwrap());
    assert!(body.contains("Nothing was added"), "{body}");
    assert!(
        body.contains("Line 3, column kind: “toaster” is not a kind"),
        "{body}"
    );
    assert_eq!(app.count("devices").await, 0);

    let resp = upload(&sup, &token, &good).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(common::location(&resp), "/devices?imported=2");
    let (_, page) = sup.page("/devices?imported=2").await;
    assert!(page.contains("2 devices were added from the file."));
    let history: String = app
        .one(
            "SELECT u.name FROM device_events e JOIN users u ON u.id = e.user_id LIMIT 1",
            (),
        )
        .await;
    assert_eq!(history, "Sam Sup", "the import is the uploader's");

    let resp = sup.get("/devices/export.csv").await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = resp.text().await.unwrap();
    assert_eq!(csv, export(&app).await);
    assert!(csv.contains("HS-1,hotspot,S1,Hotspot lending,Central Library,good,available"));
}

async fn the_command_line_imports_and_exports(backend: common::Backend) {
    let Some(url) = common::fresh_database_url(backend).await else {
        return;
    };
    let app = common::spawn_on(&url, |_| {}).await;
    programs_and_sites(&app).await;
    // A folder for each backend: both run at once in this process, and each removes its own.
    let dir = std::env::temp_dir().join(format!(
        "navdesk-devices-{}-{backend:?}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("devices.csv");
    let out = dir.join("devices-out.csv");
    let (file, out) = (file.to_str().unwrap(), out.to_str().unwrap());

    std::fs::write(
        file,
        format!("{HEADER}HS-1,hotspot,,Hotspot lending,,,\nHS-1,hotspot,,Hotspot lending,,,\n"),
    )
    .unwrap();
    let (ok, _, stderr) = run(&["devices", "import", file, "--database-url", &url]);
    assert!(!ok);
    assert!(stderr.contains("nothing was added"), "{stderr}");
    assert!(
        stderr.contains("Line 3, column asset_tag: this asset tag is on line 2 too."),
        "{stderr}"
    );
    assert_eq!(app.count("devices").await, 0);

    std::fs::write(
        file,
        format!("{HEADER}HS-1,hotspot,=1+1,Hotspot lending,Central Library,,\n"),
    )
    .unwrap();
    let (ok, stdout, stderr) = run(&["devices", "import", file, "--database-url", &url]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 device(s) added"), "{stdout}");
    let (ok, stdout, stderr) = run(&["devices", "export", "--out", out, "--database-url", &url]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 device(s) written"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        format!("{HEADER}HS-1,hotspot,'=1+1,Hotspot lending,Central Library,good,available\n")
    );
    let (ok, stdout, _) = run(&["devices", "export", "--database-url", &url]);
    assert!(ok);
    assert_eq!(stdout, std::fs::read_to_string(out).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    app.stop().await;
}

async fn ten_thousand_devices_import_at_once_and_page_quickly(app: TestApp) {
    programs_and_sites(&app).await;
    let mut file = String::from(HEADER);
    for n in 0..10_000 {
        let (kind, program, site) = match n % 3 {
            0 => ("hotspot", "Hotspot lending", "Central Library"),
            1 => (
                "laptop",
                "Refurbished computers",
                "Montbello Branch Library",
            ),
            _ => ("chromebook", "Refurbished computers", ""),
        };
        file.push_str(&format!(
            "D-{n:05},{kind},SN{n:06},{program},{site},good,available\n"
        ));
    }
    assert_eq!(import(&app, &file).await.unwrap(), 10_000);
    assert_eq!(app.count("device_events").await, 10_000);
    let nav = app.with_user(ANA).await;
    for path in [
        "/devices",
        "/devices?page=150",
        "/devices?kind=laptop&page=40",
        "/devices?status=available&q=sn0099",
    ] {
        nav.page(path).await;
        let started = std::time::Instant::now();
        let (status, page) = nav.page(path).await;
        let took = started.elapsed();
        assert_eq!(status, 200);
        assert!(page.contains("<th scope=\"row\">"), "{path} lists devices");
        // Generous for a debug build on a shared machine: a list that sorted or scanned
        // badly would take seconds.
        assert!(took.as_millis() < 1_000, "{path} took {took:?}");
    }
}

on_both_backends!(
    an_export_reads_back_as_the_same_devices,
    a_bad_row_adds_nothing_and_is_named,
    supervisors_upload_and_download_on_the_page,
    ten_thousand_devices_import_at_once_and_page_quickly;
    the_command_line_imports_and_exports,
);
