//! `navdesk export-resident`: everything held about a resident, as one JSON document.

use serde_json::{json, Map, Value};
use sqlx::{Column, Row};

use crate::db::Db;

/// Each row as a JSON object: numbers, text and NULL as they are stored.
fn rows_json(rows: &[sqlx::any::AnyRow]) -> Vec<Value> {
    rows.iter()
        .map(|row| {
            let mut object = Map::new();
            for (i, column) in row.columns().iter().enumerate() {
                let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
                    json!(v)
                } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
                    json!(v)
                } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
                    json!(v)
                } else if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
                    json!(v)
                } else {
                    Value::Null
                };
                object.insert(column.name().to_owned(), value);
            }
            Value::Object(object)
        })
        .collect()
}

async fn select(db: &Db, sql: &str, id: i64) -> sqlx::Result<Vec<Value>> {
    let rows = sqlx::query(sql).bind(id).fetch_all(&db.pool).await?;
    Ok(rows_json(&rows))
}

/// A text's columns as the export shows them.
const TEXT_COLUMNS: &str = "id, direction, to_number, from_number, body, kind, status, \
     created_at, sent_at, error_code, error_message";

/// Everything held about `resident_ids`: each resident's row, and for each of their cases the
/// case, its needs, timeline, referrals, outcome and texts; texts from or to their numbers
/// that belong to no case; and whether each number is opted out of texts.
pub async fn export(db: &Db, resident_ids: &[i64], now: i64) -> sqlx::Result<Value> {
    let mut residents = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for &id in resident_ids {
        let Some(mut resident) = select(db, "SELECT * FROM residents WHERE id = $1", id)
            .await?
            .pop()
        else {
            continue;
        };
        if let Some(phone) = resident["phone"].as_str() {
            if !numbers.iter().any(|n| n == phone) {
                numbers.push(phone.to_owned());
            }
        }
        let mut cases = Vec::new();
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM cases WHERE resident_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(&db.pool)
                .await?;
        for case_id in ids {
            cases.extend(case(db, case_id).await?);
        }
        resident["cases"] = json!(cases);
        resident["texts_without_a_case"] = json!(
            select(
                db,
                &format!(
                    "SELECT {TEXT_COLUMNS} FROM sms_messages \
                     WHERE resident_id = $1 AND case_id IS NULL ORDER BY id"
                ),
                id
            )
            .await?
        );
        residents.push(resident);
    }
    let mut by_number = Vec::new();
    for number in &numbers {
        by_number.push(phone_number(db, number).await?);
    }
    Ok(json!({
        "exported_at": jiff::Timestamp::from_second(now).map(|t| t.to_string()).unwrap_or_default(),
        "residents": residents,
        "phone_numbers": by_number,
    }))
}

/// One case with its needs as a list, its timeline, referrals, outcome, devices and texts.
async fn case(db: &Db, case_id: i64) -> sqlx::Result<Option<Value>> {
    let Some(mut case) = select(db, "SELECT * FROM cases WHERE id = $1", case_id)
        .await?
        .pop()
    else {
        return Ok(None);
    };
    let needs: Vec<String> = case["needs"]
        .as_str()
        .unwrap_or_default()
        .split(',')
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    case["needs"] = json!(needs);
    case["timeline"] = json!(
        select(
            db,
            "SELECT id, kind, actor_user_id, body, data, created_at FROM case_events \
             WHERE case_id = $1 ORDER BY id",
            case_id
        )
        .await?
    );
    case["referrals"] = json!(
        select(
            db,
            "SELECT f.id, f.program_id, p.organization AS program_organization, \
             p.name AS program_name, f.status, f.note, f.created_at, f.updated_at \
             FROM referrals f JOIN programs p ON p.id = f.program_id \
             WHERE f.case_id = $1 ORDER BY f.id",
            case_id
        )
        .await?
    );
    case["outcome"] = select(db, "SELECT * FROM outcomes WHERE case_id = $1", case_id)
        .await?
        .pop()
        .unwrap_or(Value::Null);
    // The devices lent or given to them (issue 18): which device, when, until when, how back.
    case["devices"] = json!(
        select(
            db,
            "SELECT l.id, d.asset_tag, d.kind AS device_kind, l.kind, l.lent_at, l.due_on, \
             l.extensions, l.ended_at, l.ended_how, l.return_condition \
             FROM loans l JOIN devices d ON d.id = l.device_id \
             WHERE l.case_id = $1 ORDER BY l.id",
            case_id
        )
        .await?
    );
    case["texts"] = json!(
        select(
            db,
            &format!("SELECT {TEXT_COLUMNS} FROM sms_messages WHERE case_id = $1 ORDER BY id"),
            case_id
        )
        .await?
    );
    Ok(Some(case))
}

/// A number's opt-out, and the texts from or to it that belong to no resident.
async fn phone_number(db: &Db, number: &str) -> sqlx::Result<Value> {
    let opt_out = sqlx::query(
        "SELECT phone, opted_out_at, source, language FROM sms_opt_outs WHERE phone = $1",
    )
    .bind(number)
    .fetch_all(&db.pool)
    .await?;
    let unlinked = sqlx::query(&format!(
        "SELECT {TEXT_COLUMNS} FROM sms_messages \
         WHERE case_id IS NULL AND resident_id IS NULL \
         AND ((direction = 'in' AND from_number = $1) OR (direction = 'out' AND to_number = $1)) \
         ORDER BY id"
    ))
    .bind(number)
    .fetch_all(&db.pool)
    .await?;
    Ok(json!({
        "phone": number,
        "sms_opt_out": rows_json(&opt_out).pop().unwrap_or(Value::Null),
        "texts_without_a_resident": rows_json(&unlinked),
    }))
}
