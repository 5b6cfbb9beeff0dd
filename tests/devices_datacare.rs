//! Data care and devices (issue 18): retention and erasure remove who had a device, leaving the
//! loan as an anonymous one (with the language and area copied at lending) and the device its
//! history, so the reports' device figures stay the same; retention waits while a resident
//! still has a device lent to them. Devices and loans are inserted directly.

mod common;

use common::{staff::Staff, TestApp};
use navdesk::auth::Role;
use navdesk::datacare::{erase, run_retention, Scope};

const DAY: i64 = 86_400;

/// A resident with a case closed `closed_days` ago, and a hotspot lent to the case: returned
/// (or still out, when `returned` is false). Their (resident, case, device, loan).
async fn borrower(
    app: &TestApp,
    i: i64,
    (language, area): (&str, i64),
    program: i64,
    returned: bool,
) -> (i64, i64, i64, i64) {
    let now = navdesk::db::now();
    let created = now - 900 * DAY;
    let closed = now - 800 * DAY;
    let resident: i64 = app
        .one(
            "INSERT INTO residents (name, phone, language, contact_method, area_id, created_at) \
             VALUES ($1, $2, $3, 'sms', $4, $5) RETURNING id",
            (
                format!("Borrower {i}"),
                format!("+1303555{:04}", 100 + i),
                language,
                area,
                created,
            ),
        )
        .await;
    let case: i64 = app
        .one(
            "INSERT INTO cases (ref_code, resident_id, needs, status, close_reason, channel, \
             language, area_id, created_at, updated_at, resolved_at, closed_at, placed_at) \
             VALUES ($1, $2, 'device', 'closed', 'helped', 'web', $3, $4, $5, $5, $6, $6, $5) \
             RETURNING id",
            (
                navdesk::domain::RefCode::generate().to_string(),
                resident,
                language,
                area,
                created,
                closed,
            ),
        )
        .await;
    let device: i64 = app
        .one(
            "INSERT INTO devices (asset_tag, kind, program_id, status, created_at, updated_at) \
             VALUES ($1, 'hotspot', $2, $3, $4, $4) RETURNING id",
            (
                format!("HS-{i:04}"),
                program,
                if returned { "available" } else { "on_loan" },
                created,
            ),
        )
        .await;
    let lent = created + DAY;
    let ended = returned.then_some(lent + 14 * DAY);
    let loan: i64 = app
        .one(
            "INSERT INTO loans (device_id, case_id, kind, language, area_id, lent_at, due_on, \
             ended_at, ended_how, return_condition) \
             VALUES ($1, $2, 'loan', $3, $4, $5, '2024-01-01', $6, $7, $8) RETURNING id",
            (
                device,
                case,
                language,
                area,
                lent,
                ended,
                ended.map(|_| "returned"),
                ended.map(|_| "good"),
            ),
        )
        .await;
    for (action, at, to) in [
        ("lent", Some(lent), "on_loan"),
        ("returned", ended, "available"),
    ] {
        if let Some(at) = at {
            app.exec(
                "INSERT INTO device_events (device_id, at, action, loan_id, to_status) \
                 VALUES ($1, $2, $3, $4, $5)",
                (device, at, action, loan, to),
            )
            .await;
        }
    }
    (resident, case, device, loan)
}

/// The devices CSV over the last four years.
async fn devices_csv(who: &Staff) -> String {
    let today = jiff::Zoned::now().date();
    let from = today.checked_sub(jiff::Span::new().years(4)).unwrap();
    let resp = who
        .get(&format!("/reports/devices.csv?from={from}&to={today}"))
        .await;
    assert_eq!(resp.status(), 200);
    resp.text().await.unwrap()
}

/// A loan as the figures read it, and the case it names: (case, language, area, ended_how).
async fn loan_row(app: &TestApp, loan: i64) -> (Option<i64>, String, Option<i64>, Option<String>) {
    app.row(
        "SELECT case_id, language, area_id, ended_how FROM loans WHERE id = $1",
        (loan,),
    )
    .await
}

async fn removing_residents_keeps_their_loans_anonymous(app: TestApp) {
    let areas = [app.area("Five Points").await, app.area("Montbello").await];
    let program: i64 = app
        .one(
            "INSERT INTO programs (organization, name, categories) \
             VALUES ('Denver Public Library', 'Hotspot lending', 'device') RETURNING id",
            (),
        )
        .await;
    // 24 borrowers who brought their hotspot back (two languages and two areas of 12: every
    // group is shown, so a change would show), and two who still have theirs.
    let mut returned = Vec::new();
    for i in 0..24 {
        let group = if i % 2 == 0 {
            ("es", areas[0])
        } else {
            ("en", areas[1])
        };
        returned.push(borrower(&app, i, group, program, true).await);
    }
    let out = [
        borrower(&app, 100, ("es", areas[0]), program, false).await,
        borrower(&app, 101, ("en", areas[1]), program, false).await,
    ];
    let admin = app.with_user(Role::Admin).await;
    let before = devices_csv(&admin).await;
    assert!(before.contains("language,es,13,"), "{before}");
    let history = "SELECT COUNT(*) FROM device_events";
    let events_before: i64 = app.one(history, ()).await;
    let loans_before: Vec<(i64, String, Option<i64>)> = app
        .rows("SELECT id, language, area_id FROM loans ORDER BY id", ())
        .await;

    let now = navdesk::db::now();
    let run = run_retention(&app.db, now - 30 * DAY, now, false)
        .await
        .unwrap();
    // Those who still have a device keep their data, so the program can ask for it back.
    assert_eq!(run.residents, 24);
    for (resident, case, _, loan) in &returned {
        let erased: Option<i64> = app
            .one("SELECT erased_at FROM residents WHERE id = $1", (resident,))
            .await;
        assert!(erased.is_some());
        let (case_id, _, _, how) = loan_row(&app, *loan).await;
        assert_eq!(case_id, None, "case {case} no longer named");
        assert_eq!(how.as_deref(), Some("returned"));
    }
    for (resident, case, _, loan) in &out {
        let erased: Option<i64> = app
            .one("SELECT erased_at FROM residents WHERE id = $1", (resident,))
            .await;
        assert_eq!(erased, None);
        assert_eq!(loan_row(&app, *loan).await.0, Some(*case));
    }

    // A copy of a resident's data names the device they have.
    let copy = navdesk::datacare::export(&app.db, &[out[1].0], now)
        .await
        .unwrap();
    let lent = &copy["residents"][0]["cases"][0]["devices"][0];
    assert_eq!(lent["asset_tag"], "HS-0101");
    assert_eq!(lent["ended_how"], serde_json::Value::Null);

    // Erased on request while the hotspot is still out: the loan stays open, anonymous, and
    // the device is still out.
    let (resident, _, device, loan) = out[0];
    let mut tx = app.db.pool.begin().await.unwrap();
    let erased = erase(&mut tx, &[resident], Scope::OnRequest, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(erased.residents, vec![resident]);
    let (case_id, language, area, how) = loan_row(&app, loan).await;
    assert_eq!(
        (case_id, language.as_str(), area, how),
        (None, "es", Some(areas[0]), None)
    );
    let status: String = app
        .one("SELECT status FROM devices WHERE id = $1", (device,))
        .await;
    assert_eq!(status, "on_loan");

    // The figures, the loans' language and area, and every device's history are as they were.
    assert_eq!(devices_csv(&admin).await, before);
    let loans_after: Vec<(i64, String, Option<i64>)> = app
        .rows("SELECT id, language, area_id FROM loans ORDER BY id", ())
        .await;
    assert_eq!(loans_after, loans_before);
    let events_after: i64 = app.one(history, ()).await;
    assert_eq!(events_after, events_before);
    app.stop().await;
}

on_both_backends!(removing_residents_keeps_their_loans_anonymous);
