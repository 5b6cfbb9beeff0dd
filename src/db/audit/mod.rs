//! Writing the audit log: who viewed or changed which resident's data, and when. Every feature
//! that shows or changes a resident's data records it here, in the transaction of the change;
//! views go through the group-commit [`writer`]. The `audit` feature shows the log to admins.

pub mod writer;

use super::Db;

const INSERT: &str = "INSERT INTO audit_log (user_id, action, case_id, resident_id, at) \
     SELECT $1, $2, id, resident_id, $3 FROM cases WHERE id = $4";

/// Records `action` by `user_id` on a case (and so on its resident), on its own.
pub async fn record(
    db: &Db,
    user_id: i64,
    action: &str,
    case_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    record_in(&mut conn, user_id, action, case_id, now).await
}

/// Records `action` on a case inside the caller's transaction.
pub async fn record_in(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    action: &str,
    case_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(INSERT)
        .bind(user_id)
        .bind(action)
        .bind(now)
        .bind(case_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What a change that is not about a case was about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A staff account or its navigator profile.
    User(i64),
    Program(i64),
}

/// Records `action` by `user_id` on a staff member or a program, inside the caller's
/// transaction (`case_id` stays NULL).
pub async fn record_staff_in(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    action: &str,
    target: Target,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (target_user_id, program_id) = match target {
        Target::User(id) => (Some(id), None),
        Target::Program(id) => (None, Some(id)),
    };
    sqlx::query(
        "INSERT INTO audit_log (user_id, action, target_user_id, program_id, at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(action)
    .bind(target_user_id)
    .bind(program_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records `action` done by no signed-in staff member, inside the caller's transaction: by
/// `actor` (a person named by a command, and who ran it) or, when `None`, by the system. On a
/// resident (and one of their cases) or, with `residents_count`, on that many residents.
/// Returns the entry's id.
#[allow(clippy::too_many_arguments)]
pub async fn record_actor_in(
    conn: &mut sqlx::AnyConnection,
    actor: Option<&str>,
    action: &str,
    case_id: Option<i64>,
    resident_id: Option<i64>,
    residents_count: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO audit_log (user_id, actor, action, case_id, resident_id, residents_count, at) \
         VALUES (NULL, $1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(actor)
    .bind(action)
    .bind(case_id)
    .bind(resident_id)
    .bind(residents_count)
    .bind(now)
    .fetch_one(conn)
    .await
}
