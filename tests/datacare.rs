//! Data care: the retention job removes residents' personal data and leaves every figure of the
//! map and the reports as it was; `navdesk export-resident` gives one resident everything held
//! about them and nobody else's; `navdesk erase-resident` removes it on request. The commands
//! are run as an administrator runs them: the real binary against the test's database.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::staff::Staff;
use common::{Backend, TestApp};
use navdesk::auth::Role;

const BIN: &str = env!("CARGO_BIN_EXE_navdesk");
const DAY: i64 = 86_400;

/// Runs each `async fn(TestApp, String)` (the app and its database URL) on both backends;
/// `sms` starts the app with the fake Twilio.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some((app, url)) = super::start(super::Backend::Sqlite).await {
                        super::$name(app, url).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some((app, url)) = super::start(super::Backend::Postgres).await {
                        super::$name(app, url).await;
                    }
                }
            )*
        }
    };
}

both!(
    retention_keeps_every_figure_and_removes_personal_data,
    export_gives_one_resident_their_data_and_nobody_elses,
    erase_on_request_asks_first_then_removes,
    bad_selectors_are_refused_and_change_nothing,
    the_server_runs_retention_by_itself,
);

/// The app with the fake Twilio (texts really go out), and its database URL.
async fn start(backend: Backend) -> Option<(TestApp, String)> {
    let mut url = String::new();
    let (app, _) = common::sms::with_fake_twilio_and(backend, |c| {
        c.sms.sending_window = "off".parse().unwrap();
        // Many status look-ups from one address.
        c.status_burst = 1000;
        url = c.database_url.clone();
    })
    .await?;
    Some((app, url))
}

/// `navdesk ARGS` against `url`: (success, standard output, standard error).
fn navdesk(url: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env_remove("NAVDESK_RETENTION_DAYS")
        .env("USER", "ops-alice")
        .output()
        .expect("navdesk runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A resident with everything the form can hold, and their case.
struct Person {
    name: String,
    phone: String,
    status: &'static str,
    created: i64,
    /// When the case was closed (status `closed`).
    closed: Option<i64>,
    language: &'static str,
    race: &'static str,
    area: i64,
    needs: &'static str,
    contact_after: i64,
    outcome: Option<(i64, &'static str, i64)>,
}

struct Seeded {
    resident: i64,
    case: i64,
    code: String,
}

async fn insert_person(app: &TestApp, p: &Person, program: i64) -> Seeded {
    let n = p.name.len();
    let resident: i64 = app
        .one(
            "INSERT INTO residents (name, phone, email, language, contact_method, sms_consent_at, \
         sms_consent_source, sms_consent_language, address, zip, area_id, lat, lon, \
         household_size, monthly_income, benefits, age_band, race_ethnicity, accessibility, \
         created_at) \
         VALUES ($1, $2, $3, $4, 'sms', $5, 'web', $4, $6, '80205', $7, 39.75, -104.98, 4, 1800, \
         'snap,medicaid', '35_44', $8, 'large_print,interpreter', $5) RETURNING id",
            (
                &p.name,
                &p.phone,
                format!("{}@example.org", p.name.replace(' ', ".").to_lowercase()),
                p.language,
                p.created,
                format!("{n} Larimer Street, Apt {n}"),
                p.area,
                p.race,
            ),
        )
        .await;
    let code = navdesk::domain::RefCode::generate().to_string();
    let resolved = p.closed.map(|c| c - 5 * DAY);
    let case: i64 = app
        .one(
            "INSERT INTO cases (ref_code, resident_id, needs, details, status, close_reason, \
         channel, language, area_id, created_at, updated_at, first_contact_at, resolved_at, \
         closed_at, placed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'web', $7, $8, $9, $9, $10, $11, $12, $9) RETURNING id",
            (
                &code,
                resident,
                p.needs,
                format!("Details from {}: my landlord cut the cable", p.name),
                p.status,
                p.closed.map(|_| "helped"),
                p.language,
                p.area,
                p.created,
                p.created + p.contact_after,
                resolved,
                p.closed,
            ),
        )
        .await;
    for (kind, body) in [
        (
            "note",
            format!("Note about {}: lives with her mother", p.name),
        ),
        ("sms_in", format!("Text from {}: call me after 5", p.name)),
    ] {
        app.exec(
            "INSERT INTO case_events (case_id, kind, body, data, created_at) \
             VALUES ($1, $2, $3, '{}', $4)",
            (case, kind, body, p.created + 3600),
        )
        .await;
    }
    app.exec(
        "INSERT INTO referrals (case_id, program_id, status, note, created_at, updated_at) \
         VALUES ($1, $2, 'applied', $3, $4, $4)",
        (
            case,
            program,
            format!("Referral note for {}", p.name),
            p.created + DAY,
        ),
    )
    .await;
    if let Some((connected, device, sessions)) = p.outcome {
        app.exec(
            "INSERT INTO outcomes (case_id, connected_at_home, plan, device_type, \
             training_sessions, skill_at_intake, skill_at_close, connected_30_days, \
             connected_90_days, updated_at) VALUES ($1, $2, $3, $4, $5, 2, 4, 1, $2, $6)",
            (
                case,
                connected,
                format!("Plan chosen by {}", p.name),
                device,
                sessions,
                p.created + 2 * DAY,
            ),
        )
        .await;
    }
    for (direction, to, from, status) in [
        ("out", p.phone.as_str(), "+17205550100", "delivered"),
        ("in", "+17205550100", p.phone.as_str(), "received"),
    ] {
        insert_text(
            app,
            resident,
            case,
            (direction, to, from, status),
            &format!("Body {direction} for {}", p.name),
            p.created + 7200,
        )
        .await;
    }
    Seeded {
        resident,
        case,
        code,
    }
}

async fn insert_text(
    app: &TestApp,
    resident: i64,
    case: i64,
    (direction, to, from, status): (&str, &str, &str, &str),
    body: &str,
    at: i64,
) {
    app.exec(
        "INSERT INTO sms_messages (direction, case_id, resident_id, to_number, from_number, body, \
         kind, status, immediate, next_attempt_at, idempotency_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'free', $7, 1, $8, $9, $10, $10)",
        (
            direction,
            case,
            resident,
            to,
            from,
            body,
            status,
            at,
            format!("test-{}", navdesk::domain::RefCode::generate()),
            at.min(navdesk::db::now()),
        ),
    )
    .await;
}

async fn program(app: &TestApp) -> i64 {
    app.one(
        "INSERT INTO programs (organization, name, categories, status) \
         VALUES ('Denver Library', 'Laptop loans', 'device', 'active') RETURNING id",
        (),
    )
    .await
}

fn phone(i: usize) -> String {
    format!("+1303555{:04}", 100 + i)
}

/// Every CSV export the figures have, as text.
async fn exports(who: &Staff) -> BTreeMap<String, String> {
    let today = jiff::Zoned::now().date();
    let from = today.checked_sub(jiff::Span::new().years(4)).unwrap();
    let to = today.tomorrow().unwrap();
    let range = format!("from={from}&to={to}");
    let mut out = BTreeMap::new();
    for path in [
        format!("/map.csv?{range}"),
        format!("/map.csv?{range}&language=es"),
        format!("/map.csv?{range}&need=device"),
        format!("/reports.csv?{range}"),
        format!("/reports.csv?{range}&language=en"),
    ] {
        let resp = who.get(&path).await;
        assert_eq!(resp.status(), 200, "{path}");
        let body = resp.text().await.unwrap();
        assert!(body.lines().count() > 2, "{path} has figures:\n{body}");
        out.insert(path, body);
    }
    out
}

/// The resident row's personal fields, as stored (NULL as "NULL").
async fn personal_fields(app: &TestApp, resident: i64) -> Vec<String> {
    use sqlx::Row;
    let columns = [
        "name",
        "phone",
        "email",
        "address",
        "zip",
        "lat",
        "lon",
        "household_size",
        "monthly_income",
        "benefits",
        "age_band",
        "accessibility",
    ];
    let list = columns
        .iter()
        .map(|c| format!("CAST({c} AS TEXT) AS {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let row = sqlx::query(&format!("SELECT {list} FROM residents WHERE id = $1"))
        .bind(resident)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    columns
        .iter()
        .map(|c| {
            row.try_get::<Option<String>, _>(*c)
                .unwrap()
                .unwrap_or_else(|| "NULL".into())
        })
        .collect()
}

const ERASED: [&str; 12] = [
    "", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "", "NULL", "",
];

/// Every free text held for a case (details, timeline, referral notes, outcome plan, texts'
/// bodies and the resident's number in them), joined.
async fn case_texts(app: &TestApp, case: i64) -> String {
    let mut all: Vec<String> = Vec::new();
    for sql in [
        "SELECT details FROM cases WHERE id = $1",
        "SELECT body FROM case_events WHERE case_id = $1",
        "SELECT note FROM referrals WHERE case_id = $1",
        "SELECT plan FROM outcomes WHERE case_id = $1",
        "SELECT body FROM sms_messages WHERE case_id = $1",
        "SELECT to_number FROM sms_messages WHERE case_id = $1 AND direction = 'out'",
        "SELECT from_number FROM sms_messages WHERE case_id = $1 AND direction = 'in'",
    ] {
        let rows: Vec<String> = app.all(sql, (case,)).await;
        all.extend(rows);
    }
    all.join("|")
}

async fn audit_rows(
    app: &TestApp,
    action: &str,
) -> Vec<(
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
)> {
    app.rows(
        "SELECT user_id, actor, case_id, resident_id, residents_count FROM audit_log \
         WHERE action = $1 ORDER BY id",
        (action,),
    )
    .await
}

async fn status_lookup(app: &TestApp, code: &str, phone: &str) -> u16 {
    app.post_form(
        "/status",
        &[("ref", code), ("phone_last4", &phone[phone.len() - 4..])],
    )
    .await
    .status()
    .as_u16()
}

async fn retention_keeps_every_figure_and_removes_personal_data(app: TestApp, url: String) {
    let now = navdesk::db::now();
    let areas = [app.area("Five Points").await, app.area("Montbello").await];
    let program = program(&app).await;
    // Three answers, 18 residents each (a group under 11 would be hidden, and hide a change).
    let races = ["black", "hispanic,white", ""];
    // (status, created days ago, closed days ago): closed long ago, closed lately, open.
    let kinds: [(&str, i64, Option<i64>); 3] = [
        ("closed", 1000, Some(800)),
        ("closed", 400, Some(100)),
        ("in_progress", 900, None),
    ];
    let mut people: Vec<(usize, Seeded, String)> = Vec::new();
    for i in 0..54 {
        let kind = i % 3;
        let (status, created, closed) = kinds[kind];
        let p = Person {
            name: format!("Resident Number {i}"),
            phone: phone(i),
            status,
            created: now - (created + (i as i64 % 7)) * DAY,
            closed: closed.map(|c| now - c * DAY),
            language: if i % 2 == 0 { "es" } else { "en" },
            race: races[(i / 3) % races.len()],
            area: areas[i % 2],
            needs: if i % 4 == 0 {
                "internet,device"
            } else {
                "internet"
            },
            contact_after: 3600 * (1 + (i as i64 % 50)),
            outcome: (i % 5 != 0).then_some((i as i64 % 2, "laptop", i as i64 % 3)),
        };
        let seeded = insert_person(&app, &p, program).await;
        people.push((kind, seeded, p.phone.clone()));
    }
    // A resident with a case closed long ago and one still open keeps everything.
    let both = &people[2].1;
    app.exec(
        "UPDATE cases SET resident_id = $1 WHERE id = $2",
        (both.resident, people[0].1.case),
    )
    .await;
    let kept_with_open_case = people[0].1.case;
    // A text not yet sent to a resident whose case closed long ago.
    let old = &people[3];
    insert_text(
        &app,
        old.1.resident,
        old.1.case,
        ("out", &old.2, "", "scheduled"),
        "Your laptop is ready",
        now + 3600,
    )
    .await;

    let admin = app.with_user(Role::Admin).await;
    navdesk::maps::stats::refresh(&app.db, now, true, 1000)
        .await
        .unwrap();
    let before = exports(&admin).await;
    let old_page_before = admin.page(&format!("/cases/{}", old.1.case)).await.1;
    assert!(old_page_before.contains("Resident Number 3"));
    assert_eq!(status_lookup(&app, &old.1.code, &old.2).await, 200);

    // Who is due: every resident whose only case closed 800 days ago, except the one who also
    // has an open case.
    let due: Vec<&(usize, Seeded, String)> = people
        .iter()
        .filter(|(kind, s, _)| *kind == 0 && s.case != kept_with_open_case)
        .collect();
    assert_eq!(due.len(), 17);

    let races = "SELECT id, race_ethnicity, area_id FROM residents ORDER BY id";
    let races_before: Vec<(i64, String, Option<i64>)> = app.rows(races, ()).await;

    let (ok, out, err) = navdesk(&url, &["retention", "--dry-run"]);
    assert!(ok, "{err}");
    assert!(out.contains("17 resident(s) with 17 case(s)"), "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    for (_, s, _) in &due {
        assert_ne!(personal_fields(&app, s.resident).await, ERASED, "dry run");
    }
    assert!(audit_rows(&app, "retention_erase").await.is_empty());

    let (ok, out, err) = navdesk(&url, &["retention"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("cleared the personal data of 17 resident(s) with 17 case(s)"),
        "{out}"
    );

    let races_after: Vec<(i64, String, Option<i64>)> = app.rows(races, ()).await;
    assert_eq!(
        races_after, races_before,
        "race/ethnicity answers and areas stay"
    );

    // The figures: the same, read while the periods are marked, and after they are rebuilt.
    assert_eq!(exports(&admin).await, before, "figures after retention");
    navdesk::maps::stats::refresh(&app.db, navdesk::db::now(), false, 1000)
        .await
        .unwrap();
    assert_eq!(exports(&admin).await, before, "figures after the rebuild");

    for (_, s, phone) in &due {
        assert_eq!(personal_fields(&app, s.resident).await, ERASED);
        let texts = case_texts(&app, s.case).await;
        assert!(
            texts.chars().all(|c| c == '|'),
            "free text left for case {}: {texts}",
            s.case
        );
        assert!(!texts.contains(phone.as_str()));
        let (area, erased): (Option<i64>, Option<i64>) = app
            .row(
                "SELECT area_id, erased_at FROM residents WHERE id = $1",
                (s.resident,),
            )
            .await;
        assert!(erased.is_some());
        assert!(area.is_some(), "the area stays");
        assert_eq!(status_lookup(&app, &s.code, phone).await, 404);
    }
    let (status, body): (String, String) = app
        .row(
            "SELECT status, body FROM sms_messages WHERE case_id = $1 AND \
             status IN ('scheduled', 'cancelled')",
            (old.1.case,),
        )
        .await;
    assert_eq!((status.as_str(), body.as_str()), ("cancelled", ""));

    // Staff see that the data was removed, not blanks, and none of it.
    let (code, page) = admin.page(&format!("/cases/{}", old.1.case)).await;
    assert_eq!(code, 200);
    assert!(page.contains("Personal data removed on"), "{page}");
    for gone in [
        "Resident Number 3",
        "landlord",
        "lives with her mother",
        "call me after 5",
        &old.2[2..],
    ] {
        assert!(!page.contains(gone), "{gone} still on the case page");
    }

    // Recent and open cases, and the resident with an open case, keep everything.
    for (kind, s, phone) in &people {
        if *kind == 0 && s.case != kept_with_open_case {
            continue;
        }
        assert_ne!(personal_fields(&app, s.resident).await, ERASED);
        assert!(case_texts(&app, s.case).await.contains("landlord"));
        if s.case != kept_with_open_case {
            assert_eq!(status_lookup(&app, &s.code, phone).await, 200);
        }
    }

    // One audit entry, by the system, with the count; a second run finds nothing to do.
    assert_eq!(
        audit_rows(&app, "retention_erase").await,
        vec![(None, None, None, None, Some(17))]
    );
    let (ok, out, err) = navdesk(&url, &["retention"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("cleared the personal data of 0 resident(s)"),
        "{out}"
    );
    assert_eq!(audit_rows(&app, "retention_erase").await.len(), 1);
    let (_, log) = admin.page("/audit").await;
    assert!(
        log.contains("Removed personal data of cases closed long ago"),
        "{log}"
    );
    assert!(log.contains("17 residents"), "{log}");

    // Off: nothing happens.
    let out = Command::new(BIN)
        .args(["--database-url", &url, "retention"])
        .env("NAVDESK_RETENTION_DAYS", "off")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("retention is off"));
}

/// Ana (two requests, the same phone) and Bob, with texts, notes, referrals and an outcome.
async fn ana_and_bob(app: &TestApp) -> (Vec<Seeded>, Seeded) {
    let now = navdesk::db::now();
    let area = app.area("Five Points").await;
    let program = program(app).await;
    let person = |name: &str, phone: &str, status, created| Person {
        name: name.into(),
        phone: phone.into(),
        status,
        created,
        closed: None,
        language: "es",
        race: "hispanic",
        area,
        needs: "internet,device",
        contact_after: 3600,
        outcome: Some((1, "tablet", 2)),
    };
    let ana1 = insert_person(
        app,
        &person("Ana Pérez", "+13035550142", "resolved", now - 90 * DAY),
        program,
    )
    .await;
    let ana2 = insert_person(
        app,
        &person("Ana Pérez", "+13035550142", "in_progress", now - 5 * DAY),
        program,
    )
    .await;
    let bob = insert_person(
        app,
        &person("Bob Bobson", "+13035550199", "in_progress", now - 5 * DAY),
        program,
    )
    .await;
    (vec![ana1, ana2], bob)
}

async fn export_gives_one_resident_their_data_and_nobody_elses(app: TestApp, url: String) {
    let (ana, bob) = ana_and_bob(&app).await;
    app.exec(
        "INSERT INTO sms_opt_outs (phone, opted_out_at, source, language) \
         VALUES ('+13035550142', 1700000000, 'keyword', 'es')",
        (),
    )
    .await;

    let (ok, out, err) = navdesk(
        &url,
        &[
            "export-resident",
            "--ref",
            &ana[0].code.to_lowercase(),
            "--requested-by",
            "Dana Supervisor",
        ],
    );
    assert!(ok, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON on standard output");
    let residents = doc["residents"].as_array().unwrap();
    assert_eq!(residents.len(), 1, "by code: that request's resident");
    let r = &residents[0];
    assert_eq!(r["name"], "Ana Pérez");
    assert_eq!(r["phone"], "+13035550142");
    assert!(r["address"].as_str().unwrap().contains("Larimer Street"));
    assert_eq!(r["email"], "ana.pérez@example.org");
    assert_eq!(r["race_ethnicity"], "hispanic");
    let case = &r["cases"][0];
    assert_eq!(case["ref_code"], ana[0].code.as_str());
    assert_eq!(case["needs"], serde_json::json!(["internet", "device"]));
    assert!(case["details"].as_str().unwrap().contains("landlord"));
    let timeline = case["timeline"].to_string();
    assert!(timeline.contains("lives with her mother"), "{timeline}");
    assert_eq!(case["referrals"][0]["note"], "Referral note for Ana Pérez");
    assert_eq!(case["referrals"][0]["program_name"], "Laptop loans");
    assert_eq!(case["outcome"]["device_type"], "tablet");
    let texts = case["texts"].to_string();
    assert!(texts.contains("Body out for Ana Pérez") && texts.contains("Body in for Ana Pérez"));
    assert_eq!(doc["phone_numbers"][0]["sms_opt_out"]["source"], "keyword");
    for other in [
        "Bob",
        "+13035550199",
        bob.code.as_str(),
        ana[1].code.as_str(),
    ] {
        assert!(!out.contains(other), "{other} in Ana's export by code");
    }

    // By phone, as typed: both of Ana's requests, still nothing of Bob's; to a file.
    let file = std::env::temp_dir().join(format!("navdesk-export-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let (ok, out, err) = navdesk(
        &url,
        &[
            "export-resident",
            "--phone",
            "(303) 555-0142",
            "--requested-by",
            "Dana Supervisor",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("2 resident record(s)"), "{out}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner may read the export");
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let codes: Vec<&str> = doc["residents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cases"][0]["ref_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec![ana[0].code.as_str(), ana[1].code.as_str()]);
    assert!(!text.contains("Bob") && !text.contains(&bob.code));
    // Never over an existing file.
    let (ok, _, err) = navdesk(
        &url,
        &[
            "export-resident",
            "--phone",
            "3035550142",
            "--requested-by",
            "Dana",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(!ok && err.contains("already exists"), "{err}");
    let _ = std::fs::remove_file(&file);

    // Audited: who asked, which resident, and who ran it; one entry per resident and export.
    let rows = audit_rows(&app, "export_resident").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    let (user, actor, case, resident, _) = &rows[0];
    assert_eq!(*user, None);
    let actor = actor.as_deref().unwrap();
    assert!(
        actor.contains("Dana Supervisor") && actor.contains("ops-alice"),
        "{actor}"
    );
    assert_eq!(
        (*case, *resident),
        (Some(ana[0].case), Some(ana[0].resident))
    );
    assert_eq!(rows[1].3, Some(ana[0].resident));
    assert_eq!(rows[2].3, Some(ana[1].resident));
}

async fn erase_on_request_asks_first_then_removes(app: TestApp, url: String) {
    let (ana, bob) = ana_and_bob(&app).await;
    let now = navdesk::db::now();
    app.exec(
        "INSERT INTO sms_opt_outs (phone, opted_out_at, source, language) \
         VALUES ('+13035550142', 1700000000, 'keyword', 'es')",
        (),
    )
    .await;
    // Texts waiting to go: one for Ana, due in an hour.
    insert_text(
        &app,
        ana[1].resident,
        ana[1].case,
        ("out", "+13035550142", "", "scheduled"),
        "Ana, your laptop is ready",
        now + 3600,
    )
    .await;
    let admin = app.with_user(Role::Admin).await;

    // Without --yes: what would go, and nothing changes.
    let (ok, out, err) = navdesk(
        &url,
        &[
            "erase-resident",
            "--phone",
            "303-555-0142",
            "--requested-by",
            "Dana Supervisor",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains(&ana[0].code) && out.contains(&ana[1].code),
        "{out}"
    );
    assert!(out.contains("would be closed"), "{out}");
    assert!(out.contains("1 not yet sent would be cancelled"), "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(
        !out.contains("Ana Pérez"),
        "the preview shows no personal data: {out}"
    );
    for s in &ana {
        assert_ne!(personal_fields(&app, s.resident).await, ERASED);
        assert!(case_texts(&app, s.case).await.contains("landlord"));
    }
    assert!(audit_rows(&app, "erase_resident").await.is_empty());

    let (ok, out, err) = navdesk(
        &url,
        &[
            "erase-resident",
            "--phone",
            "303-555-0142",
            "--requested-by",
            "Dana Supervisor",
            "--yes",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("2 resident record(s)")
            && out.contains("1 open case(s) closed")
            && out.contains("1 unsent text(s) cancelled"),
        "{out}"
    );
    for s in &ana {
        assert_eq!(personal_fields(&app, s.resident).await, ERASED);
        let texts = case_texts(&app, s.case).await;
        assert!(texts.chars().all(|c| c == '|'), "{texts}");
    }
    let (status, reason): (String, Option<String>) = app
        .row(
            "SELECT status, close_reason FROM cases WHERE id = $1",
            (ana[1].case,),
        )
        .await;
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("closed", Some("declined"))
    );
    let referral: String = app
        .one(
            "SELECT status FROM referrals WHERE case_id = $1",
            (ana[1].case,),
        )
        .await;
    assert_eq!(referral, "withdrawn");
    // STOP stays honoured.
    let opted_out: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_opt_outs WHERE phone = '+13035550142'",
            (),
        )
        .await;
    assert_eq!(opted_out, 1);
    let (code, page) = admin.page(&format!("/cases/{}", ana[1].case)).await;
    assert_eq!(code, 200);
    assert!(page.contains("Personal data removed on") && !page.contains("Ana Pérez"));
    assert_eq!(status_lookup(&app, &ana[1].code, "+13035550142").await, 404);

    // The cancelled text never goes, even once due; Bob's, due now, does.
    sqlx::query(
        "UPDATE sms_messages SET next_attempt_at = 0 WHERE direction = 'out' AND case_id = $1",
    )
    .bind(ana[1].case)
    .execute(&app.db.pool)
    .await
    .unwrap();
    insert_text(
        &app,
        bob.resident,
        bob.case,
        ("out", "+13035550199", "", "scheduled"),
        "Bob, your laptop is ready",
        now,
    )
    .await;
    let sent = common::eventually(
        async || {
            app.count(
                "sms_messages WHERE body = 'Bob, your laptop is ready' \
                 AND status IN ('sent', 'queued', 'delivered')",
            )
            .await
        },
        |sent| *sent == 1,
    )
    .await;
    assert_eq!(sent, 1, "the worker ran");
    let ana_sent: i64 = app
        .one(
            "SELECT COUNT(*) FROM sms_messages WHERE case_id = $1 AND \
             sent_at IS NOT NULL AND created_at > $2",
            (ana[1].case, now - 60),
        )
        .await;
    assert_eq!(ana_sent, 0, "nothing sent to an erased resident");

    // Bob keeps everything.
    assert_ne!(personal_fields(&app, bob.resident).await, ERASED);
    assert!(case_texts(&app, bob.case).await.contains("landlord"));

    // Audited once per resident, naming who asked; erasing again changes nothing.
    let rows = audit_rows(&app, "erase_resident").await;
    assert_eq!(rows.len(), 2);
    assert!(rows[0].1.as_deref().unwrap().contains("Dana Supervisor"));
    assert_eq!(
        (rows[0].3, rows[1].3),
        (Some(ana[0].resident), Some(ana[1].resident))
    );
    let (ok, out, err) = navdesk(
        &url,
        &[
            "erase-resident",
            "--ref",
            &ana[0].code,
            "--requested-by",
            "Dana",
            "--yes",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("already removed"), "{out}");
    assert_eq!(audit_rows(&app, "erase_resident").await.len(), 2);
}

async fn bad_selectors_are_refused_and_change_nothing(app: TestApp, url: String) {
    let (ana, _) = ana_and_bob(&app).await;
    let audit_before = app.count("audit_log").await;
    let cases = [
        (
            vec![
                "export-resident",
                "--ref",
                "NOT-A-CODE",
                "--requested-by",
                "Dana",
            ],
            "is not a reference code",
        ),
        (
            vec![
                "erase-resident",
                "--ref",
                "23456789",
                "--requested-by",
                "Dana",
                "--yes",
            ],
            "no resident matches",
        ),
        (
            vec![
                "erase-resident",
                "--phone",
                "call me maybe",
                "--requested-by",
                "Dana",
                "--yes",
            ],
            "is not a phone number",
        ),
        (
            vec![
                "export-resident",
                "--phone",
                "(303) 555-0177",
                "--requested-by",
                "Dana",
            ],
            "no resident matches",
        ),
        (
            vec![
                "erase-resident",
                "--ref",
                &ana[0].code,
                "--requested-by",
                "  ",
                "--yes",
            ],
            "--requested-by",
        ),
        (
            vec![
                "erase-resident",
                "--ref",
                &ana[0].code,
                "--phone",
                "3035550142",
                "--requested-by",
                "Dana",
                "--yes",
            ],
            "cannot be used with",
        ),
        (
            vec!["erase-resident", "--requested-by", "Dana", "--yes"],
            "required",
        ),
        (
            vec!["export-resident", "--ref", &ana[0].code],
            "--requested-by",
        ),
        (vec!["retention", "--days", "soon"], "not a number of days"),
    ];
    for (args, says) in &cases {
        let (ok, out, err) = navdesk(&url, args);
        assert!(!ok, "{args:?} refused");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!out.contains("Ana"), "{args:?}: {out}");
    }
    assert_eq!(app.count("audit_log").await, audit_before);
    for s in &ana {
        assert_ne!(personal_fields(&app, s.resident).await, ERASED);
    }
}

/// `serve` runs the job itself (at start, then hourly), here as a second instance on the same
/// database: residents whose case closed long ago are cleared, once, with one audit entry.
async fn the_server_runs_retention_by_itself(app: TestApp, url: String) {
    let now = navdesk::db::now();
    let area = app.area("Five Points").await;
    let program = program(&app).await;
    let person = |i: usize, closed_days_ago: i64| Person {
        name: format!("Resident Number {i}"),
        phone: phone(i),
        status: "closed",
        created: now - (closed_days_ago + 30) * DAY,
        closed: Some(now - closed_days_ago * DAY),
        language: "en",
        race: "black",
        area,
        needs: "internet",
        contact_after: 3600,
        outcome: None,
    };
    let old = insert_person(&app, &person(1, 40), program).await;
    let recent = insert_person(&app, &person(2, 10), program).await;

    let mut config = navdesk::config::Config::for_database(url);
    config.retention = "30".parse().unwrap();
    let second = navdesk::Application::build(config).await.unwrap();
    let erased = common::eventually(
        async || personal_fields(&app, old.resident).await == ERASED,
        |erased| *erased,
    )
    .await;
    assert!(
        erased,
        "the server cleared the resident whose case closed 40 days ago"
    );
    assert_ne!(personal_fields(&app, recent.resident).await, ERASED);
    assert!(case_texts(&app, recent.case).await.contains("landlord"));
    assert_eq!(
        audit_rows(&app, "retention_erase").await,
        vec![(None, None, None, None, Some(1))]
    );
    drop(second);
}
