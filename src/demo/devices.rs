//! The demo's device inventory (issue 18): hotspots the library lends and computers PCs for
//! People gives or lends, kept at the demo's sites, most in stock, a few in repair, one lost
//! and one retired, each with its history as the pages would have written it.

use super::*;
use crate::devices::form::DeviceValues;
use crate::devices::model::{Condition, Kind, Status};

/// (program, kind, tag prefix, how many, sites they are kept at in turn).
const STOCK: &[(&str, Kind, &str, usize, &[&str])] = &[
    (
        "Hotspot lending",
        Kind::Hotspot,
        "HS",
        18,
        &[
            "Central Library",
            "Montbello Branch Library",
            "Valdez-Perry Branch Library",
        ],
    ),
    (
        "Refurbished computers",
        Kind::Laptop,
        "LT",
        8,
        &["Hiawatha Davis Jr. Recreation Center", "Central Library"],
    ),
    (
        "Refurbished computers",
        Kind::Chromebook,
        "CB",
        6,
        &["Hiawatha Davis Jr. Recreation Center"],
    ),
    (
        "Refurbished computers",
        Kind::Tablet,
        "TB",
        4,
        &["Montbello Branch Library"],
    ),
];

/// Some devices are not in stock: (asset tag, status, why).
const NOT_IN_STOCK: &[(&str, Status, &str)] = &[
    ("HS-0004", Status::InRepair, "Does not charge"),
    ("HS-0011", Status::Lost, "Not found at the branch's count"),
    ("LT-0003", Status::InRepair, "Cracked screen"),
    ("CB-0006", Status::Retired, "Past its support date"),
    ("TB-0002", Status::Reserved, "Held for a class"),
];

pub(super) async fn devices(db: &Db, now: i64) -> anyhow::Result<()> {
    use crate::devices::store;
    let programs: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM programs")
        .fetch_all(&db.pool)
        .await?;
    let sites: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM sites")
        .fetch_all(&db.pool)
        .await?;
    let id_of = |list: &[(i64, String)], name: &str| {
        list.iter().find(|(_, n)| n == name).map(|(id, _)| *id)
    };
    let conditions = [
        Condition::New,
        Condition::Good,
        Condition::Good,
        Condition::Fair,
    ];
    for (program, kind, prefix, count, kept_at) in STOCK {
        let Some(program_id) = id_of(&programs, program) else {
            continue;
        };
        for n in 1..=*count {
            let values = DeviceValues {
                asset_tag: format!("{prefix}-{n:04}"),
                kind: *kind,
                serial: format!("{prefix}{:07}", 4_310_000 + n * 37),
                program_id,
                site_id: id_of(&sites, kept_at[n % kept_at.len()]),
                condition: conditions[n % conditions.len()],
                notes: String::new(),
            };
            // Bought a few months ago, a few days apart.
            let added = now - 120 * 86_400 + n as i64 * 3 * 86_400;
            let id = match store::add(db, &values, None, added).await {
                Ok(id) => id,
                Err(store::SaveError::Db(err)) => return Err(err.into()),
                Err(other) => anyhow::bail!("demo device {}: {other:?}", values.asset_tag),
            };
            if let Some((_, status, why)) = NOT_IN_STOCK
                .iter()
                .find(|(tag, _, _)| *tag == values.asset_tag)
            {
                store::set_status(db, id, 1, *status, why, None, now - 5 * 86_400).await?;
            }
        }
    }
    Ok(())
}
