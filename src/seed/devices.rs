//! Devices at city scale (issue 18), so the inventory and lending screens can be measured:
//! three lending programs, a lending site in every fourth area, `count` devices and their
//! loans. About a third of the devices are out on loan to open cases (some overdue), some were
//! given away, some are in repair, lost or retired, and many of those on the shelf were lent
//! and brought back before; each device's history has a row for every step.

use rand::rngs::StdRng;
use rand::Rng;
use sqlx::AnyConnection;

use super::write::{insert_batch, text, City, V};
use super::{BATCH, DAY, DOMAIN};

/// Each program's name and the kinds it lends, with their weights.
const PROGRAMS: [(&str, &[(&str, f64)]); 3] = [
    ("Hotspot lending", &[("hotspot", 1.0)]),
    ("Laptop loans", &[("laptop", 0.6), ("chromebook", 0.4)]),
    ("Tablets and more", &[("tablet", 0.8), ("other", 0.2)]),
];
/// How the devices divide among the programs.
const PROGRAM_SHARE: [f64; 3] = [0.5, 0.35, 0.15];
const CONDITIONS: [&str; 5] = ["new", "good", "good", "fair", "poor"];

const DEVICE_COLUMNS: &[&str] = &[
    "asset_tag",
    "kind",
    "serial",
    "program_id",
    "site_id",
    "condition",
    "status",
    "created_at",
    "updated_at",
];
const LOAN_COLUMNS: &[&str] = &[
    "device_id",
    "case_id",
    "kind",
    "language",
    "area_id",
    "lent_at",
    "due_on",
    "ended_at",
    "ended_how",
    "return_condition",
];
const EVENT_COLUMNS: &[&str] = &[
    "device_id",
    "at",
    "action",
    "loan_id",
    "from_status",
    "to_status",
];

/// A case as a loan copies it: id, language, area.
type CaseRef = (i64, String, Option<i64>);

/// One loan drawn for a device: to whom, lent when, due when, ended when and how.
struct Loan {
    device: usize,
    case: CaseRef,
    gift: bool,
    lent_at: i64,
    due_at: Option<i64>,
    ended: Option<(i64, &'static str)>,
}

/// What was made: devices and loans.
pub(super) struct Made {
    pub(super) devices: usize,
    pub(super) loans: usize,
}

fn pick<'a, T>(rng: &mut StdRng, weighted: &'a [(T, f64)]) -> &'a T {
    let total: f64 = weighted.iter().map(|(_, w)| w).sum();
    let mut at = rng.random::<f64>() * total;
    for (item, w) in weighted {
        if at < *w {
            return item;
        }
        at -= w;
    }
    &weighted[weighted.len() - 1].0
}

/// The day `at` falls on (UTC: near enough for load data), as a loan's `due_on`.
fn day_of(at: i64) -> String {
    jiff::Timestamp::from_second(at)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
        .unwrap_or_default()
}

/// The programs, sites, devices and loans, in the caller's transaction.
pub(super) async fn devices(
    tx: &mut AnyConnection,
    city: &City<'_>,
    rng: &mut StdRng,
    count: usize,
) -> anyhow::Result<Made> {
    if count == 0 {
        return Ok(Made {
            devices: 0,
            loans: 0,
        });
    }
    let now = city.now;
    let programs: Vec<Vec<V>> = PROGRAMS
        .iter()
        .map(|(name, _)| {
            vec![
                text(&format!("Lending library ({DOMAIN})")),
                text(name),
                text("device"),
                text("en,es,ar,am,ln,vi"),
            ]
        })
        .collect();
    let program_ids = insert_batch(
        tx,
        city.backend,
        "programs",
        &["organization", "name", "categories", "languages"],
        &programs,
        true,
    )
    .await?;
    let sites: Vec<Vec<V>> = city
        .areas
        .iter()
        .step_by(4)
        .enumerate()
        .map(|(n, a)| {
            vec![
                text(&format!("Lending site {} ({DOMAIN})", n + 1)),
                V::I(Some(a.id)),
                V::I(Some(now)),
                V::I(Some(now)),
            ]
        })
        .collect();
    let site_ids = insert_batch(
        tx,
        city.backend,
        "sites",
        &["name", "area_id", "created_at", "updated_at"],
        &sites,
        true,
    )
    .await?;
    let cases: Vec<(i64, String, Option<i64>, String)> =
        sqlx::query_as("SELECT id, language, area_id, status FROM cases ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    let open: Vec<CaseRef> = cases
        .iter()
        .filter(|c| !matches!(c.3.as_str(), "resolved" | "closed"))
        .map(|c| (c.0, c.1.clone(), c.2))
        .collect();
    let any: Vec<CaseRef> = cases.into_iter().map(|c| (c.0, c.1, c.2)).collect();
    anyhow::ensure!(!any.is_empty(), "devices need cases to lend to");
    let added = now - 1000 * DAY;

    let mut devices = Vec::with_capacity(count);
    let mut statuses = Vec::with_capacity(count);
    let mut loans: Vec<Loan> = Vec::new();
    for k in 0..count {
        let p = *pick(
            rng,
            &[
                (0, PROGRAM_SHARE[0]),
                (1, PROGRAM_SHARE[1]),
                (2, PROGRAM_SHARE[2]),
            ],
        );
        let kind = *pick(rng, PROGRAMS[p].1);
        let site = (!site_ids.is_empty() && rng.random_bool(0.9))
            .then(|| site_ids[rng.random_range(0..site_ids.len())]);
        let draw: f64 = rng.random();
        let one_of =
            |rng: &mut StdRng, list: &[CaseRef]| list[rng.random_range(0..list.len())].clone();
        let mut status = "available";
        if draw < 0.35 && !open.is_empty() {
            // Out now, lent in the last two months for three to eight weeks: some overdue.
            let lent_at = now - rng.random_range(DAY..60 * DAY);
            let due_at = lent_at + rng.random_range(21..57) * DAY;
            loans.push(Loan {
                device: k,
                case: one_of(rng, &open),
                gift: false,
                lent_at,
                due_at: Some(due_at),
                ended: None,
            });
            status = "on_loan";
        } else if draw < 0.43 {
            let lent_at = now - rng.random_range(DAY..900 * DAY);
            loans.push(Loan {
                device: k,
                case: one_of(rng, &any),
                gift: true,
                lent_at,
                due_at: None,
                ended: None,
            });
            status = "given";
        } else if draw < 0.45 {
            let lent_at = now - rng.random_range(90 * DAY..900 * DAY);
            let ended = (lent_at + 50 * DAY, "lost");
            loans.push(Loan {
                device: k,
                case: one_of(rng, &any),
                gift: false,
                lent_at,
                due_at: Some(lent_at + 30 * DAY),
                ended: Some(ended),
            });
            status = "lost";
        } else if draw < 0.48 {
            status = "in_repair";
        } else if draw < 0.50 {
            status = "retired";
        }
        if matches!(status, "available" | "in_repair") && rng.random_bool(0.6) {
            // Lent and brought back before.
            let lent_at = now - rng.random_range(70 * DAY..900 * DAY);
            let due_at = lent_at + 30 * DAY;
            let back = lent_at + rng.random_range(7..45) * DAY;
            loans.push(Loan {
                device: k,
                case: one_of(rng, &any),
                gift: false,
                lent_at,
                due_at: Some(due_at),
                ended: Some((back, "returned")),
            });
        }
        devices.push(vec![
            text(&format!("LD-{:06}", k + 1)),
            text(kind),
            text(&format!(
                "SN{:010}",
                rng.random_range(0..10_000_000_000_u64)
            )),
            V::I(Some(program_ids[p])),
            V::I(site),
            text(CONDITIONS[rng.random_range(0..CONDITIONS.len())]),
            text(status),
            V::I(Some(added)),
            V::I(Some(now)),
        ]);
        statuses.push(status);
    }
    let mut device_ids = Vec::with_capacity(count);
    for rows in devices.chunks(BATCH) {
        device_ids
            .extend(insert_batch(tx, city.backend, "devices", DEVICE_COLUMNS, rows, true).await?);
    }
    let loan_rows: Vec<Vec<V>> = loans
        .iter()
        .map(|l| {
            vec![
                V::I(Some(device_ids[l.device])),
                V::I(Some(l.case.0)),
                text(if l.gift { "gift" } else { "loan" }),
                text(&l.case.1),
                V::I(l.case.2),
                V::I(Some(l.lent_at)),
                V::T(l.due_at.map(day_of)),
                V::I(l.ended.map(|e| e.0)),
                V::T(l.ended.map(|e| e.1.to_owned())),
                V::T(
                    l.ended
                        .filter(|e| e.1 == "returned")
                        .map(|_| "good".to_owned()),
                ),
            ]
        })
        .collect();
    let mut loan_ids = Vec::with_capacity(loans.len());
    for rows in loan_rows.chunks(BATCH) {
        loan_ids.extend(insert_batch(tx, city.backend, "loans", LOAN_COLUMNS, rows, true).await?);
    }

    // Each device's history: added, then each loan's steps, then a status of its own.
    let event =
        |device: i64, at: i64, action: &str, loan: Option<i64>, from: Option<&str>, to: &str| {
            vec![
                V::I(Some(device)),
                V::I(Some(at)),
                text(action),
                V::I(loan),
                V::T(from.map(str::to_owned)),
                text(to),
            ]
        };
    let mut events: Vec<Vec<V>> = device_ids
        .iter()
        .map(|&d| event(d, added, "added", None, None, "available"))
        .collect();
    for (l, &id) in loans.iter().zip(&loan_ids) {
        let device = device_ids[l.device];
        let out = if l.gift { "given" } else { "on_loan" };
        events.push(event(
            device,
            l.lent_at,
            if l.gift { "given" } else { "lent" },
            Some(id),
            Some("available"),
            out,
        ));
        if let Some((at, how)) = l.ended {
            let to = if how == "lost" { "lost" } else { "available" };
            events.push(event(device, at, how, Some(id), Some("on_loan"), to));
        }
    }
    for (&d, status) in device_ids.iter().zip(&statuses) {
        if matches!(*status, "in_repair" | "retired") {
            events.push(event(
                d,
                now - 10 * DAY,
                "status",
                None,
                Some("available"),
                status,
            ));
        }
    }
    for rows in events.chunks(BATCH) {
        insert_batch(
            tx,
            city.backend,
            "device_events",
            EVENT_COLUMNS,
            rows,
            false,
        )
        .await?;
    }
    Ok(Made {
        devices: count,
        loans: loans.len(),
    })
}
