//! Staff accounts and sign-in: password hashing, database sessions, the `CurrentUser` and
//! `StaffForm` extractors (every staff form is CSRF-checked through the latter), roles, and
//! the sign-in, sign-out and password pages.

pub mod invites;
pub mod limits;
pub mod password;
pub mod session;
pub mod users;
pub mod views;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

pub use crate::domain::staff::{CurrentUser, Role};
use crate::domain::without_control_chars;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{AppError, AppResult, ClientIp, Ctx};
pub use users::{
    create_invited_user, create_user, set_disabled, CreateUserError, InvitedUser, NewUser,
};

use password::{verify_password_blocking, PasswordProblem};
use session::{cookie_header, cookie_token, safe_next, same_secret, SESSION_COOKIE};

/// The sign-in form's CSRF token before a session exists: the same random value in this
/// short-lived cookie and in the form's hidden field (double submit).
pub const LOGIN_CSRF_COOKIE: &str = "navdesk_login_csrf";
const LOGIN_CSRF_MAX_AGE: i64 = 2 * 3600;

impl CurrentUser {
    /// `Ok` when the user has one of the `allowed` roles; otherwise a `403` page.
    pub fn require_role(&self, allowed: &[Role]) -> AppResult<()> {
        if self.has_role(allowed) {
            Ok(())
        } else {
            tracing::warn!(
                user_id = self.id,
                role = self.role.code(),
                ?allowed,
                "role refused"
            );
            Err(AppError::Forbidden)
        }
    }
}

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
        .merge(invites::router())
}

fn secure_cookies(state: &Shared) -> bool {
    state.config.public_url.starts_with("https")
}

fn set_cookie(resp: &mut Response, value: Option<HeaderValue>) {
    if let Some(value) = value {
        resp.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// The session of a request, if it has a valid one.
async fn session_user(state: &Shared, jar: &CookieJar) -> AppResult<Option<CurrentUser>> {
    match cookie_token(jar, SESSION_COOKIE) {
        Some(token) => {
            Ok(session::lookup(&state.db, &token, crate::db::now(), &state.config.auth).await?)
        }
        None => Ok(None),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser
where
    Shared: FromRef<S>,
{
    /// A page that needs a session sends the browser to sign in and come back.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let state = &Shared::from_ref(state);
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let jar = CookieJar::from_headers(&parts.headers);
        match session_user(state, &jar).await {
            Ok(Some(user)) => {
                parts.extensions.insert(user.clone());
                Ok(user)
            }
            Ok(None) => {
                let back = if parts.method == Method::GET || parts.method == Method::HEAD {
                    parts.uri.path_and_query().map_or("/cases", |p| p.as_str())
                } else {
                    "/cases"
                };
                let mut resp = Redirect::to(&session::login_url(back)).into_response();
                if jar.get(SESSION_COOKIE).is_some() {
                    // A stale or forged token: let the browser forget it.
                    set_cookie(
                        &mut resp,
                        cookie_header(SESSION_COOKIE, "", secure_cookies(state), Some(0)),
                    );
                }
                Err(resp)
            }
            Err(err) => Err(err.into_response()),
        }
    }
}

/// A staff form post: the signed-in user and the form's fields, accepted only when its
/// `csrf_token` field matches the session's. Otherwise `403` and the handler never runs.
pub struct StaffForm {
    pub user: CurrentUser,
    pub fields: Vec<(String, String)>,
}

impl StaffForm {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a repeated field (a checkbox group), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for StaffForm
where
    Shared: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let user = CurrentUser::from_request_parts(&mut parts, state).await?;
        let ctx = match Ctx::from_request_parts(&mut parts, state).await {
            Ok(ctx) => ctx,
            Err(never) => match never {},
        };
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        // Control characters are never typed text (and PostgreSQL refuses a NUL): dropped,
        // keeping line breaks.
        let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), without_control_chars(&v)))
            .collect();
        let sent = fields
            .iter()
            .find(|(k, _)| k == "csrf_token")
            .map_or("", |(_, v)| v.as_str());
        if !same_secret(&user.csrf_token, sent) {
            tracing::warn!(user_id = user.id, path = %ctx.path, "form refused: CSRF token missing or wrong");
            return Err(html_response(
                StatusCode::FORBIDDEN,
                views::csrf_failed(&ctx),
                Caching::NoStore,
            ));
        }
        Ok(StaffForm { user, fields })
    }
}

#[derive(Debug, Default, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// The sign-in form's token: the browser's current one if it has a well-formed one (so two
/// open tabs both work), else a new one.
fn login_token(jar: &CookieJar) -> String {
    cookie_token(jar, LOGIN_CSRF_COOKIE)
        .filter(|t| {
            t.len() == 43
                && t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .unwrap_or_else(session::random_token)
}

/// The sign-in page with `status`, carrying (and setting) a sign-in CSRF token.
fn login_page(ctx: &Ctx, status: StatusCode, token: &str, form: &views::LoginForm<'_>) -> Response {
    let mut resp = html_response(status, views::login(ctx, token, form), Caching::NoStore);
    set_cookie(
        &mut resp,
        cookie_header(
            LOGIN_CSRF_COOKIE,
            token,
            secure_cookies(&ctx.state),
            Some(LOGIN_CSRF_MAX_AGE),
        ),
    );
    resp
}

async fn login_form(ctx: Ctx, jar: CookieJar, Query(q): Query<NextQuery>) -> AppResult<Response> {
    let next = safe_next(q.next.as_deref());
    if session_user(&ctx.state, &jar).await?.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let form = views::LoginForm {
        next: &next,
        ..Default::default()
    };
    Ok(login_page(&ctx, StatusCode::OK, &login_token(&jar), &form))
}

async fn login(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    body: Bytes,
) -> AppResult<Response> {
    let (mut email, mut password, mut sent_token, mut next) =
        (String::new(), String::new(), String::new(), None);
    for (key, value) in form_urlencoded::parse(&body) {
        match &*key {
            "email" => email = without_control_chars(value.trim()),
            "password" => password = value.into_owned(),
            "csrf_token" => sent_token = value.into_owned(),
            "next" => next = Some(value.into_owned()),
            _ => {}
        }
    }
    let next = safe_next(next.as_deref());
    let cookie = cookie_token(&jar, LOGIN_CSRF_COOKIE).unwrap_or_default();
    let mut form = views::LoginForm {
        email: &email,
        next: &next,
        ..Default::default()
    };
    if !same_secret(&cookie, &sent_token) {
        tracing::warn!(%ip, "sign-in refused: CSRF token missing or wrong");
        form.notice = Some(views::LoginNotice::Expired);
        return Ok(login_page(
            &ctx,
            StatusCode::FORBIDDEN,
            &session::random_token(),
            &form,
        ));
    }

    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(FieldError {
            field: "email",
            message: "login-error-email-required",
        });
    }
    if password.is_empty() {
        errors.push(FieldError {
            field: "password",
            message: "login-error-password-required",
        });
    }
    if !errors.is_empty() {
        form.errors = &errors;
        return Ok(login_page(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &cookie,
            &form,
        ));
    }

    let db = &ctx.state.db;
    let cfg = &ctx.state.config.auth;
    let now = crate::db::now();
    let account = limits::account_key(&email);
    if let Some(wait) = limits::blocked_for(db, &account, ip, now, cfg).await? {
        tracing::warn!(%ip, wait, "sign-in rate-limited");
        form.notice = Some(views::LoginNotice::TooMany {
            minutes: wait.div_ceil(60),
        });
        let mut resp = login_page(&ctx, StatusCode::TOO_MANY_REQUESTS, &cookie, &form);
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return Ok(resp);
    }

    // Every path verifies one hash, so an unknown or disabled account answers as slowly as
    // a wrong password.
    let record = users::login_record(db, &email).await?;
    let hash = record
        .as_ref()
        .filter(|r| !r.disabled)
        .and_then(|r| r.password_hash.clone());
    let verified = verify_password_blocking(password, hash).await;
    let user_id = match record {
        Some(r) if verified && !r.disabled => r.id,
        _ => {
            limits::record_failure(db, &account, ip, now, cfg).await?;
            tracing::info!(%ip, "sign-in failed");
            form.notice = Some(views::LoginNotice::Failed);
            return Ok(login_page(&ctx, StatusCode::UNAUTHORIZED, &cookie, &form));
        }
    };

    limits::clear_account(db, &account).await?;
    session::delete_expired(db, now, cfg).await?;
    if let Some(old) = cookie_token(&jar, SESSION_COOKIE) {
        session::delete(db, &session::token_id(&old)).await?;
    }
    let token = session::create(db, user_id, now).await?;
    tracing::info!(user_id, "signed in");
    let secure = secure_cookies(&ctx.state);
    let mut resp = Redirect::to(&next).into_response();
    set_cookie(
        &mut resp,
        cookie_header(SESSION_COOKIE, &token, secure, None),
    );
    set_cookie(
        &mut resp,
        cookie_header(LOGIN_CSRF_COOKIE, "", secure, Some(0)),
    );
    Ok(resp)
}

async fn logout(ctx: Ctx, form: StaffForm) -> AppResult<Response> {
    session::delete(&ctx.state.db, &form.user.session_id).await?;
    tracing::info!(user_id = form.user.id, "signed out");
    let mut resp = Redirect::to("/login").into_response();
    set_cookie(
        &mut resp,
        cookie_header(SESSION_COOKIE, "", secure_cookies(&ctx.state), Some(0)),
    );
    Ok(resp)
}

#[derive(Debug, Default, Deserialize)]
struct ChangedQuery {
    changed: Option<String>,
}

async fn password_form(ctx: Ctx, user: CurrentUser, Query(q): Query<ChangedQuery>) -> Response {
    html_response(
        StatusCode::OK,
        views::password_form(&ctx, &user, &[], q.changed.is_some()),
        Caching::NoStore,
    )
}

async fn change_password(ctx: Ctx, ClientIp(ip): ClientIp, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    let (current, new, confirm) = (
        form.get("current_password"),
        form.get("new_password"),
        form.get("new_password_confirm"),
    );
    let db = &ctx.state.db;
    let cfg = &ctx.state.config.auth;
    let now = crate::db::now();
    let account = limits::account_key(&user.email);
    if let Some(wait) = limits::blocked_for(db, &account, ip, now, cfg).await? {
        tracing::warn!(user_id = user.id, wait, "password change rate-limited");
        return Err(AppError::TooManyRequests {
            retry_after_secs: wait,
        });
    }

    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError {
            field: "current_password",
            message: "account-error-current-required",
        });
    } else {
        let hash = users::password_hash(db, user.id).await?;
        if !verify_password_blocking(current.to_owned(), hash).await {
            limits::record_failure(db, &account, ip, now, cfg).await?;
            errors.push(FieldError {
                field: "current_password",
                message: "account-error-current-wrong",
            });
        }
    }
    errors.extend(new_password_errors(new, confirm));
    if !errors.is_empty() {
        return Ok(html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::password_form(&ctx, user, &errors, false),
            Caching::NoStore,
        ));
    }
    users::set_password(db, user.id, new, Some(&user.session_id)).await?;
    Ok(Redirect::to("/account/password?changed=1").into_response())
}

/// Field errors for a new password and its confirmation: the rules of every password form.
pub(crate) fn new_password_errors(new: &str, confirm: &str) -> Vec<FieldError> {
    match password::check_new_password(new) {
        Ok(()) if new != confirm => vec![FieldError {
            field: "new_password_confirm",
            message: "account-error-new-mismatch",
        }],
        Ok(()) => Vec::new(),
        Err(PasswordProblem::TooShort) => vec![FieldError {
            field: "new_password",
            message: "account-error-new-too-short",
        }],
        Err(PasswordProblem::TooLong) => vec![FieldError {
            field: "new_password",
            message: "account-error-new-too-long",
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_follow_one_set_of_rules() {
        assert!(new_password_errors("twelve chars", "twelve chars").is_empty());
        let first = |errors: Vec<FieldError>| errors.first().map(|e| (e.field, e.message));
        assert_eq!(
            first(new_password_errors("short", "short")),
            Some(("new_password", "account-error-new-too-short"))
        );
        assert_eq!(
            first(new_password_errors("twelve chars", "twelve charz")),
            Some(("new_password_confirm", "account-error-new-mismatch"))
        );
    }

    #[test]
    fn roles_round_trip_and_are_checked_by_list() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(*role));
        }
        assert_eq!(Role::parse("root"), None);
        let user = CurrentUser {
            id: 1,
            email: "n@example.org".into(),
            name: "N".into(),
            role: Role::Navigator,
            language: crate::i18n::Lang::EN,
            csrf_token: String::new(),
            session_id: String::new(),
            navigator: None,
        };
        assert!(user.require_role(&[Role::Navigator, Role::Admin]).is_ok());
        assert!(matches!(
            user.require_role(&[Role::Supervisor, Role::Admin]),
            Err(AppError::Forbidden)
        ));
    }
}
