//! One-time invite links: an account made without a password gets a link
//! `{public_url}/invite/{token}`, valid for seven days, where its owner chooses a password and
//! is signed in. Only the token's SHA-256 is stored (as for sessions). A used, expired or
//! unknown link answers the same 404 page, so a guess tells nothing.

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;

use super::password::hash_password_blocking;
use super::session::{self, cookie_header, cookie_token, same_secret, token_id, SESSION_COOKIE};
use super::{
    login_token, new_password_errors, secure_cookies, set_cookie, views, LOGIN_CSRF_COOKIE,
    LOGIN_CSRF_MAX_AGE,
};
use crate::db::Db;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{AppResult, Ctx};

/// How long an invite link works.
pub const INVITE_VALID_SECS: i64 = 7 * 24 * 3600;

pub fn router() -> Router<Shared> {
    Router::new().route("/invite/{token}", get(invite_form).post(accept_invite))
}

/// The link a new staff member opens.
pub fn invite_url(public_url: &str, token: &str) -> String {
    format!("{}/invite/{token}", public_url.trim_end_matches('/'))
}

/// A new invite for `user_id`, inside the caller's transaction; returns the token.
pub async fn create_in(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    created_by: Option<i64>,
    now: i64,
) -> sqlx::Result<String> {
    let token = session::random_token();
    sqlx::query(
        "INSERT INTO invites (id, user_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_id(&token))
    .bind(user_id)
    .bind(created_by)
    .bind(now)
    .bind(now + INVITE_VALID_SECS)
    .execute(conn)
    .await?;
    Ok(token)
}

/// Whom an invite is for.
#[derive(Clone, Debug)]
pub struct Invitee {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

/// Whether a stored invite may still be used at `now`.
pub fn usable(expires_at: i64, used_at: Option<i64>, disabled: bool, now: i64) -> bool {
    used_at.is_none() && now < expires_at && !disabled
}

/// The account an unused, unexpired invite token is for.
pub async fn lookup(db: &Db, token: &str, now: i64) -> sqlx::Result<Option<Invitee>> {
    let row: Option<(i64, String, String, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, i.expires_at, i.used_at, u.disabled \
         FROM invites i JOIN users u ON u.id = i.user_id WHERE i.id = $1",
    )
    .bind(token_id(token))
    .fetch_optional(&db.pool)
    .await?;
    Ok(
        row.and_then(|(user_id, name, email, expires_at, used_at, disabled)| {
            usable(expires_at, used_at, disabled != 0, now).then_some(Invitee {
                user_id,
                name,
                email,
            })
        }),
    )
}

/// Uses an invite: stores the password hash, marks this invite (and any other of the account)
/// used, and records it, in one transaction. False when the invite was used or expired in the
/// meantime (nothing is changed then).
async fn redeem(db: &Db, token: &str, user_id: i64, hash: String, now: i64) -> sqlx::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let claimed = sqlx::query(
        "UPDATE invites SET used_at = $1 WHERE id = $2 AND user_id = $3 \
         AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token_id(token))
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE invites SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let updated = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2 AND disabled = 0")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if updated != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    crate::db::audit::record_staff_in(
        &mut tx,
        user_id,
        "accept_invite",
        crate::db::audit::Target::User(user_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

fn invalid(ctx: &Ctx) -> Response {
    html_response(
        StatusCode::NOT_FOUND,
        views::invite_invalid(ctx),
        Caching::NoStore,
    )
}

/// The set-password page with `status`, carrying (and setting) a pre-session CSRF token, the
/// same double submit as the sign-in form.
fn invite_page(
    ctx: &Ctx,
    status: StatusCode,
    token: &str,
    csrf: &str,
    invitee: &Invitee,
    errors: &[FieldError],
    expired_form: bool,
) -> Response {
    let mut resp = html_response(
        status,
        views::invite_form(
            ctx,
            token,
            csrf,
            &invitee.name,
            &invitee.email,
            errors,
            expired_form,
        ),
        Caching::NoStore,
    );
    set_cookie(
        &mut resp,
        cookie_header(
            LOGIN_CSRF_COOKIE,
            csrf,
            secure_cookies(&ctx.state),
            Some(LOGIN_CSRF_MAX_AGE),
        ),
    );
    resp
}

async fn invite_form(ctx: Ctx, jar: CookieJar, Path(token): Path<String>) -> AppResult<Response> {
    let Some(invitee) = lookup(&ctx.state.db, &token, crate::db::now()).await? else {
        return Ok(invalid(&ctx));
    };
    Ok(invite_page(
        &ctx,
        StatusCode::OK,
        &token,
        &login_token(&jar),
        &invitee,
        &[],
        false,
    ))
}

async fn accept_invite(
    ctx: Ctx,
    jar: CookieJar,
    Path(token): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let now = crate::db::now();
    let Some(invitee) = lookup(db, &token, now).await? else {
        return Ok(invalid(&ctx));
    };
    let (mut new, mut confirm, mut sent) = (String::new(), String::new(), String::new());
    for (key, value) in form_urlencoded::parse(&body) {
        match &*key {
            "new_password" => new = value.into_owned(),
            "new_password_confirm" => confirm = value.into_owned(),
            "csrf_token" => sent = value.into_owned(),
            _ => {}
        }
    }
    let cookie = cookie_token(&jar, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if !same_secret(&cookie, &sent) {
        tracing::warn!(
            user_id = invitee.user_id,
            "invite form refused: CSRF token missing or wrong"
        );
        return Ok(invite_page(
            &ctx,
            StatusCode::FORBIDDEN,
            &token,
            &session::random_token(),
            &invitee,
            &[],
            true,
        ));
    }
    let errors = new_password_errors(&new, &confirm);
    if !errors.is_empty() {
        return Ok(invite_page(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &token,
            &cookie,
            &invitee,
            &errors,
            false,
        ));
    }
    let hash = hash_password_blocking(new).await?;
    if !redeem(db, &token, invitee.user_id, hash, now).await? {
        return Ok(invalid(&ctx));
    }
    let session_token = session::create(db, invitee.user_id, now).await?;
    tracing::info!(
        user_id = invitee.user_id,
        "invite used: password set, signed in"
    );
    let secure = secure_cookies(&ctx.state);
    let mut resp = Redirect::to("/cases").into_response();
    set_cookie(
        &mut resp,
        cookie_header(SESSION_COOKIE, &session_token, secure, None),
    );
    set_cookie(
        &mut resp,
        cookie_header(LOGIN_CSRF_COOKIE, "", secure, Some(0)),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invites_work_once_within_seven_days_for_enabled_accounts() {
        let t0 = 1_700_000_000;
        let expires = t0 + INVITE_VALID_SECS;
        assert!(usable(expires, None, false, t0));
        assert!(usable(expires, None, false, expires - 1));
        assert!(!usable(expires, None, false, expires), "expired");
        assert!(!usable(expires, Some(t0 + 5), false, t0 + 10), "used");
        assert!(!usable(expires, None, true, t0), "account disabled");
    }

    #[test]
    fn invite_links_use_the_public_url() {
        assert_eq!(
            invite_url("https://navdesk.example/", "abc"),
            "https://navdesk.example/invite/abc"
        );
    }
}
