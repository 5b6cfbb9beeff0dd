//! Staff accounts: creating one (the `create-user` command and tests), disabling one, and
//! changing a password.

use super::password::{check_new_password, hash_password_blocking, PasswordProblem};
use super::{session, Role};
use crate::db::Db;
use crate::i18n::Lang;

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_EMAIL_CHARS: usize = 254;

/// A staff account to create.
#[derive(Clone, Debug)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub language: Lang,
    pub password: &'a str,
}

/// Why an account was not created; nothing is stored.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("{0:?} is not a valid email address")]
    BadEmail(String),
    #[error("the name must not be empty and at most {MAX_NAME_CHARS} characters long")]
    BadName,
    #[error(transparent)]
    BadPassword(#[from] PasswordProblem),
    #[error("a user with the email address {0} already exists")]
    EmailTaken(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for CreateUserError {
    fn from(err: sqlx::Error) -> Self {
        Self::Other(err.into())
    }
}

/// Emails are kept trimmed and lower-cased, and signed in with the same way.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The email and name of a new account, normalized, or why they are refused.
pub fn check_identity(email: &str, name: &str) -> Result<(String, String), CreateUserError> {
    let normalized = normalize_email(email);
    if normalized.chars().count() > MAX_EMAIL_CHARS
        || !email_address::EmailAddress::is_valid(&normalized)
    {
        return Err(CreateUserError::BadEmail(email.trim().to_owned()));
    }
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(CreateUserError::BadName);
    }
    Ok((normalized, name.to_owned()))
}

async fn email_taken(db: &Db, email: &str) -> sqlx::Result<bool> {
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE LOWER(email) = $1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await?;
    Ok(taken.is_some())
}

/// Inserts an account row; `hash` is `None` for an account that signs in only once its
/// invite link has been used.
async fn insert_user(
    conn: &mut sqlx::AnyConnection,
    email: &str,
    name: &str,
    hash: Option<String>,
    role: Role,
    language: Lang,
) -> Result<i64, CreateUserError> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, role, language, disabled, created_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(hash)
    .bind(role.code())
    .bind(language.code())
    .bind(crate::db::now())
    .fetch_one(conn)
    .await;
    match inserted {
        Ok(id) => {
            tracing::info!(user_id = id, role = role.code(), "staff account created");
            Ok(id)
        }
        Err(err) if crate::db::is_unique_violation(&err) => {
            Err(CreateUserError::EmailTaken(email.to_owned()))
        }
        Err(err) => Err(err.into()),
    }
}

/// Creates an account with an Argon2id hash of its password; returns its id.
pub async fn create_user(db: &Db, new: &NewUser<'_>) -> Result<i64, CreateUserError> {
    let (email, name) = check_identity(new.email, new.name)?;
    check_new_password(new.password)?;
    if email_taken(db, &email).await? {
        return Err(CreateUserError::EmailTaken(email));
    }
    let hash = hash_password_blocking(new.password.to_owned()).await?;
    let mut conn = db.pool.acquire().await?;
    insert_user(&mut conn, &email, &name, Some(hash), new.role, new.language).await
}

/// A staff account to create without a password: its owner chooses one through an invite link.
#[derive(Clone, Debug)]
pub struct InvitedUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub language: Lang,
}

/// Creates an account without a password and its invite link, in one transaction (with an
/// audit row when an admin, `created_by`, made it). Returns the user id and the link's token,
/// which is shown once and stored only hashed.
pub async fn create_invited_user(
    db: &Db,
    new: &InvitedUser<'_>,
    created_by: Option<i64>,
    now: i64,
) -> Result<(i64, String), CreateUserError> {
    let (email, name) = check_identity(new.email, new.name)?;
    if email_taken(db, &email).await? {
        return Err(CreateUserError::EmailTaken(email));
    }
    let mut tx = db.pool.begin().await?;
    let id = insert_user(&mut tx, &email, &name, None, new.role, new.language).await?;
    let token = super::invites::create_in(&mut tx, id, created_by, now).await?;
    if let Some(admin) = created_by {
        crate::db::audit::record_staff_in(
            &mut tx,
            admin,
            "create_user",
            crate::db::audit::Target::User(id),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok((id, token))
}

/// Disables or re-enables an account. Disabling ends its sessions at once (and every request
/// checks the flag too, for accounts disabled by other means).
pub async fn set_disabled(db: &Db, user_id: i64, disabled: bool) -> sqlx::Result<()> {
    let mut conn = db.pool.acquire().await?;
    set_disabled_in(&mut conn, user_id, disabled).await?;
    Ok(())
}

/// `set_disabled` inside the caller's transaction; false when there is no such account.
pub async fn set_disabled_in(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    disabled: bool,
) -> sqlx::Result<bool> {
    let changed = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(changed > 0)
}

/// What sign-in needs to know about an account.
#[derive(Clone, Debug)]
pub struct LoginRecord {
    pub id: i64,
    pub password_hash: Option<String>,
    pub disabled: bool,
}

pub async fn login_record(db: &Db, email: &str) -> sqlx::Result<Option<LoginRecord>> {
    let row: Option<(i64, Option<String>, i64)> =
        sqlx::query_as("SELECT id, password_hash, disabled FROM users WHERE LOWER(email) = $1")
            .bind(normalize_email(email))
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(id, password_hash, disabled)| LoginRecord {
        id,
        password_hash,
        disabled: disabled != 0,
    }))
}

pub async fn password_hash(db: &Db, user_id: i64) -> sqlx::Result<Option<String>> {
    let hash: Option<Option<String>> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(hash.flatten())
}

/// Stores a new password and ends the user's other sessions.
pub async fn set_password(
    db: &Db,
    user_id: i64,
    password: &str,
    keep_session: Option<&str>,
) -> anyhow::Result<()> {
    check_new_password(password)?;
    let hash = hash_password_blocking(password.to_owned()).await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    session::delete_for_user(db, user_id, keep_session).await?;
    tracing::info!(user_id, "password changed; other sessions ended");
    Ok(())
}
