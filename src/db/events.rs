//! The case timeline's writes that features other than `cases` make: texts in and out,
//! follow-up answers, data care. The timeline is append-only; `cases` writes its own events.

/// Appends an event that navdesk itself made (no person named), on the caller's connection.
pub async fn append_system_event(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    kind: &str,
    body: &str,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
         VALUES ($1, $2, NULL, $3, $4, $5)",
    )
    .bind(case_id)
    .bind(kind)
    .bind(body)
    .bind(data.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Appends an event a staff member made, with the audit row that records the change, on the
/// caller's connection (appointments booked by staff, devices lent or returned).
pub async fn append_staff_event(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    kind: &str,
    user_id: i64,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
         VALUES ($1, $2, $3, '', $4, $5)",
    )
    .bind(case_id)
    .bind(kind)
    .bind(user_id)
    .bind(data.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    super::audit::record_in(conn, user_id, "change_case", case_id, now).await
}
