//! Staff accounts, for admins only (others get 403): the list at `GET /users`, disabling and
//! enabling an account (`POST /users/{id}/disable`, `/enable`; disabling ends its sessions at
//! once, and no admin can disable their own account), and a new account with a one-time
//! invite link instead of a password (`GET/POST /users/new`).

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use serde::Deserialize;
use sqlx::FromRow;

use crate::auth::invites::invite_url;
use crate::auth::{users, CreateUserError, CurrentUser, InvitedUser, Role, StaffForm};
use crate::db::audit::{record_staff_in, Target};
use crate::db::{Db, Page};
use crate::i18n::Lang;
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{error_summary, Input, Select};
use crate::web::format::format_date;
use crate::web::pages::{html_response, Caching};
use crate::web::staff::{csrf_field, staff_page};
use crate::web::table::{yes_no, PagedTable};
use crate::web::Shared;
use crate::web::{page_number, AppError, AppResult, Ctx};

/// Accounts on one page of the list.
pub const PAGE_SIZE: i64 = 50;

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/users", get(list))
        .route("/users/new", get(new_form).post(create))
        .route("/users/{id}/disable", post(disable))
        .route("/users/{id}/enable", post(enable))
}

/// One line of the list.
#[derive(Clone, Debug)]
pub struct UserLine {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub language: String,
    pub disabled: bool,
    pub created_at: i64,
}

type UserRow = (i64, String, String, String, String, i64, i64);

/// Alphabetical, `PAGE_SIZE` a page (`page` counts from 1), plus whether there is more.
pub async fn lines(db: &Db, page: i64) -> sqlx::Result<(Vec<UserLine>, bool)> {
    let query = sqlx::query(
        "SELECT id, name, email, role, language, disabled, created_at FROM users \
         ORDER BY name, id LIMIT $1 OFFSET $2",
    );
    let (rows, more) = Page::new(page, PAGE_SIZE).fetch(db, query).await?;
    let lines = rows
        .iter()
        .map(|row| {
            let (id, name, email, role, language, disabled, created_at) = UserRow::from_row(row)?;
            Ok(UserLine {
                id,
                name,
                email,
                role,
                language,
                disabled: disabled != 0,
                created_at,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok((lines, more))
}

/// Disables or enables an account with its audit row, in one transaction; `None` when there
/// is no such account. Disabling a navigator returns their open cases to the queue (their ids
/// come back for matching to place again) and cancels their future appointments, each
/// resident told by text (see `siteday::cancel`).
pub async fn set_disabled(
    db: &Db,
    actor: i64,
    user_id: i64,
    disabled: bool,
    notice: crate::siteday::cancel::Notice<'_>,
) -> sqlx::Result<Option<Vec<i64>>> {
    let mut tx = db.pool.begin().await?;
    if !users::set_disabled_in(&mut tx, user_id, disabled).await? {
        return Ok(None);
    }
    let now = crate::db::now();
    let navigator = crate::cases::store::navigator_of_user(&mut tx, user_id).await?;
    let released = match navigator {
        Some(navigator) if disabled => {
            crate::siteday::cancel::cancel_future_of(&mut tx, navigator, notice, now).await?;
            crate::cases::store::release_cases_of(&mut tx, navigator, actor, now).await?
        }
        _ => Vec::new(),
    };
    let action = if disabled {
        "disable_user"
    } else {
        "enable_user"
    };
    record_staff_in(&mut tx, actor, action, Target::User(user_id), now).await?;
    tx.commit().await?;
    Ok(Some(released))
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    page: Option<String>,
}

async fn list(ctx: Ctx, user: CurrentUser, Query(q): Query<ListQuery>) -> AppResult<Response> {
    user.require_role(&[Role::Admin])?;
    let page = page_number(q.page.as_deref());
    render_list(&ctx, &user, page, StatusCode::OK, None).await
}

/// What the list says above the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListNotice {
    NotYourself,
}

async fn render_list(
    ctx: &Ctx,
    user: &CurrentUser,
    page: i64,
    status: StatusCode,
    notice: Option<ListNotice>,
) -> AppResult<Response> {
    let (lines, more) = lines(&ctx.state.db, page).await?;
    Ok(html_response(
        status,
        list_view(ctx, user, &lines, page, more, notice),
        Caching::NoStore,
    ))
}

fn id_in_path(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn disable(ctx: Ctx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    user.require_role(&[Role::Admin])?;
    let id = id_in_path(&id)?;
    if id == user.id {
        // Locking oneself out would leave an install with no admin who can undo it.
        tracing::info!(
            user_id = user.id,
            "refused: an admin disabling their own account"
        );
        return render_list(
            &ctx,
            user,
            1,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(ListNotice::NotYourself),
        )
        .await;
    }
    let Some(released) = set_disabled(
        &ctx.state.db,
        user.id,
        id,
        true,
        crate::siteday::cancel::Notice::of(&ctx.state),
    )
    .await?
    else {
        return Err(AppError::NotFound);
    };
    tracing::info!(
        user_id = user.id,
        target_user_id = id,
        released = released.len(),
        "account disabled; its sessions ended"
    );
    crate::cases::autoassign::spawn(ctx.state.db.clone(), ctx.state.config.auto_assign, released);
    Ok(Redirect::to("/users").into_response())
}

async fn enable(ctx: Ctx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    user.require_role(&[Role::Admin])?;
    let id = id_in_path(&id)?;
    if set_disabled(
        &ctx.state.db,
        user.id,
        id,
        false,
        crate::siteday::cancel::Notice::of(&ctx.state),
    )
    .await?
    .is_none()
    {
        return Err(AppError::NotFound);
    }
    tracing::info!(user_id = user.id, target_user_id = id, "account enabled");
    Ok(Redirect::to("/users").into_response())
}

/// The new-account form as typed.
#[derive(Clone, Debug, Default)]
struct NewUserForm {
    email: String,
    name: String,
    role: String,
    language: String,
}

async fn new_form(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(&[Role::Admin])?;
    let form = NewUserForm {
        role: Role::Navigator.code().into(),
        language: Lang::EN.code().into(),
        ..NewUserForm::default()
    };
    Ok(html_response(
        StatusCode::OK,
        new_view(&ctx, &user, &form, &[]),
        Caching::NoStore,
    ))
}

/// Field errors for a refused new account, or `None` when the refusal is not the form's fault.
fn create_errors(err: &CreateUserError) -> Option<Vec<FieldError>> {
    let (field, message) = match err {
        CreateUserError::BadEmail(_) => ("email", "users-error-email"),
        CreateUserError::EmailTaken(_) => ("email", "users-error-email-taken"),
        CreateUserError::BadName => ("name", "users-error-name"),
        CreateUserError::BadPassword(_) | CreateUserError::Other(_) => return None,
    };
    Some(vec![FieldError { field, message }])
}

async fn create(ctx: Ctx, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(&[Role::Admin])?;
    let form = NewUserForm {
        email: sent.get("email").trim().to_owned(),
        name: sent.get("name").trim().to_owned(),
        role: sent.get("role").trim().to_owned(),
        language: sent.get("language").trim().to_owned(),
    };
    let role = Role::parse(&form.role);
    let language = Lang::parse(&form.language);
    let mut errors = Vec::new();
    if role.is_none() {
        errors.push(FieldError {
            field: "role",
            message: "users-error-role",
        });
    }
    if language.is_none() {
        errors.push(FieldError {
            field: "language",
            message: "users-error-language",
        });
    }
    let (Some(role), Some(language)) = (role, language) else {
        // Check the email and name too, so every problem shows at once.
        if let Err(err) = users::check_identity(&form.email, &form.name) {
            errors.extend(create_errors(&err).unwrap_or_default());
        }
        return Ok(unprocessable(&ctx, user, &form, &errors));
    };
    let new = InvitedUser {
        email: &form.email,
        name: &form.name,
        role,
        language,
    };
    match users::create_invited_user(&ctx.state.db, &new, Some(user.id), crate::db::now()).await {
        Ok((id, token)) => {
            tracing::info!(
                user_id = user.id,
                target_user_id = id,
                "account created with an invite"
            );
            let link = invite_url(&ctx.state.config.public_url, &token);
            Ok(html_response(
                StatusCode::OK,
                created_view(&ctx, user, &form, &link),
                Caching::NoStore,
            ))
        }
        Err(err) => match create_errors(&err) {
            Some(errors) => Ok(unprocessable(&ctx, user, &form, &errors)),
            None => Err(AppError::Other(err.into())),
        },
    }
}

fn unprocessable(
    ctx: &Ctx,
    user: &CurrentUser,
    form: &NewUserForm,
    errors: &[FieldError],
) -> Response {
    html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        new_view(ctx, user, form, errors),
        Caching::NoStore,
    )
}

/// The column headings of the list, in order.
const COLUMNS: [&str; 7] = [
    "users-col-name",
    "users-col-email",
    "users-col-role",
    "users-col-language",
    "users-col-disabled",
    "users-col-created",
    "users-col-action",
];

/// One account, with the button that disables or enables it (not on the viewer's own).
fn row(ctx: &Ctx, user: &CurrentUser, u: &UserLine) -> Markup {
    let role = Role::parse(&u.role)
        .map_or_else(|| u.role.clone(), |r| ctx.t(&format!("role-{}", r.code())));
    let language = Lang::parse(&u.language).map_or(u.language.as_str(), |l| l.info().native_name);
    html! {
        tr {
            th scope="row" { (u.name) }
            td dir="ltr" { (u.email) }
            td { (role) }
            td { (language) }
            td { (yes_no(ctx, u.disabled)) }
            td { (format_date(ctx, u.created_at)) }
            td {
                @if u.id == user.id {
                    (ctx.t("users-you"))
                } @else {
                    @let (verb, label) = if u.disabled { ("enable", "users-enable") } else { ("disable", "users-disable") };
                    form.inline method="post" action={ "/users/" (u.id) "/" (verb) } {
                        (csrf_field(&user.csrf_token))
                        button type="submit" { (ctx.tr().ta(label, &[("name", u.name.as_str().into())])) }
                    }
                }
            }
        }
    }
}

fn list_view(
    ctx: &Ctx,
    user: &CurrentUser,
    lines: &[UserLine],
    page_no: i64,
    more: bool,
    notice: Option<ListNotice>,
) -> Markup {
    let title = ctx.t("users-title");
    let table = PagedTable::new(ctx, &COLUMNS, page_no, more)
        .pages("users-pages", &|n| format!("/users?page={n}"))
        .render(lines, |u| row(ctx, user, u));
    let page_title = if notice.is_some() {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    } else {
        title.clone()
    };
    staff_page(
        ctx,
        user,
        &page_title,
        &title,
        html! {
            @if notice == Some(ListNotice::NotYourself) {
                (alert(&ctx.t("users-not-yourself-title"), &ctx.t("users-not-yourself")))
            }
            p { a href="/users/new" { (ctx.t("users-new-link")) } }
            (table)
        },
    )
}

fn new_view(ctx: &Ctx, user: &CurrentUser, form: &NewUserForm, errors: &[FieldError]) -> Markup {
    let title = ctx.t("users-new-title");
    let page_title = if errors.is_empty() {
        title.clone()
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    staff_page(
        ctx,
        user,
        &page_title,
        &title,
        html! {
            p { (ctx.t("users-new-intro")) }
            (error_summary(ctx, errors))
            form method="post" action="/users/new" novalidate {
                (csrf_field(&user.csrf_token))
                (Input::new("name", ctx.t("users-col-name"), &form.name).required().render(ctx, errors))
                (Input::new("email", ctx.t("users-col-email"), &form.email)
                    .kind("email").ltr().required().render(ctx, errors))
                (Select {
                    name: "role",
                    label: ctx.t("users-col-role"),
                    hint: None,
                    options: Role::ALL.iter().map(|r| (r.code().to_owned(), ctx.t(&format!("role-{}", r.code())), None)).collect(),
                    selected: &|v| v == form.role,
                }.render(ctx, errors))
                (Select {
                    name: "language",
                    label: ctx.t("users-col-language"),
                    hint: None,
                    options: Lang::all().map(|l| (l.code().to_owned(), l.info().native_name.to_owned(), Some(l.code()))).collect(),
                    selected: &|v| v == form.language,
                }.render(ctx, errors))
                p { button type="submit" { (ctx.t("users-new-submit")) } }
            }
            p { a href="/users" { (ctx.t("users-back")) } }
        },
    )
}

fn created_view(ctx: &Ctx, user: &CurrentUser, form: &NewUserForm, link: &str) -> Markup {
    let title = ctx.t("users-created-title");
    staff_page(
        ctx,
        user,
        &title,
        &title,
        html! {
            div.notice role="status" {
                p { (ctx.tr().ta("users-created", &[("name", form.name.as_str().into()), ("email", form.email.as_str().into())])) }
            }
            p { (ctx.t("users-invite-explain")) }
            p.invite-link dir="ltr" { code { (link) } }
            p { a href="/users" { (ctx.t("users-back")) } }
        },
    )
}
