//! Managing navigator profiles (supervisors and admins; navigators get 403): the list at
//! `GET /navigators`, a profile's form at `GET/POST /navigators/{id}`, and a new profile for a
//! navigator account that has none at `GET/POST /navigators/new`. A bad form answers 422 and
//! changes nothing; a save made after someone else's answers 409 and shows theirs.

pub mod form;
pub mod store;
pub mod views;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use crate::auth::{CurrentUser, Role, StaffForm};
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{page_number, AppError, AppResult, Ctx};
use form::NavigatorForm;
use views::{Mode, Notice};

/// Who manages navigator profiles.
pub const MANAGERS: &[Role] = &[Role::Supervisor, Role::Admin];

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/navigators", get(list))
        .route("/navigators/new", get(new_form).post(create))
        .route("/navigators/{id}", get(edit_form).post(update))
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    page: Option<String>,
    saved: Option<String>,
}

fn id_in_path(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The form as posted.
fn posted(form: &StaffForm) -> NavigatorForm {
    NavigatorForm {
        languages: form.all("languages"),
        skills: form.all("skills"),
        capacity: form.get("capacity").trim().to_owned(),
        home_lat: form.get("home_lat").trim().to_owned(),
        home_lon: form.get("home_lon").trim().to_owned(),
        travel_radius_km: form.get("travel_radius_km").trim().to_owned(),
        areas: form.all("areas"),
        active: form.get("active") == "yes",
    }
}

async fn list(ctx: Ctx, user: CurrentUser, Query(q): Query<ListQuery>) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let page = page_number(q.page.as_deref());
    let (lines, more) = store::list(&ctx.state.db, page).await?;
    Ok(html_response(
        StatusCode::OK,
        views::list(&ctx, &user, &lines, page, more),
        Caching::NoStore,
    ))
}

async fn new_form(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let db = &ctx.state.db;
    let users = store::users_without_profile(db).await?;
    let areas = crate::areas::choices::areas(db).await?;
    let form = NavigatorForm {
        languages: vec!["en".into()],
        skills: crate::domain::Need::ALL
            .iter()
            .map(|n| n.code().to_owned())
            .collect(),
        capacity: "20".into(),
        active: true,
        ..NavigatorForm::default()
    };
    let mode = Mode::New {
        users: &users,
        selected: "",
    };
    Ok(html_response(
        StatusCode::OK,
        views::form_page(&ctx, &user, &mode, &form, &areas, &[], Notice::None),
        Caching::NoStore,
    ))
}

async fn create(ctx: Ctx, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let db = &ctx.state.db;
    let users = store::users_without_profile(db).await?;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let form = posted(&sent);
    let selected = sent.get("user_id").trim();
    let user_id = selected
        .parse::<i64>()
        .ok()
        .filter(|id| users.iter().any(|u| u.0 == *id));
    let checked = form::check(&form, &area_ids);
    let mut errors = Vec::new();
    if user_id.is_none() {
        errors.push(FieldError {
            field: "user_id",
            message: "navigators-error-user",
        });
    }
    if let Err(more) = &checked {
        errors.extend(more.iter().cloned());
    }
    let created = match (user_id, &checked) {
        (Some(user_id), Ok(values)) if errors.is_empty() => {
            store::create(db, user_id, values, user.id, crate::db::now()).await?
        }
        _ => None,
    };
    if let Some(id) = created {
        tracing::info!(
            user_id = user.id,
            navigator_id = id,
            "navigator profile created"
        );
        return Ok(Redirect::to(&format!("/navigators/{id}?saved=1")).into_response());
    }
    if errors.is_empty() {
        // The account got a profile (or lost its role) since the list was drawn.
        errors.push(FieldError {
            field: "user_id",
            message: "navigators-error-user",
        });
    }
    let mode = Mode::New {
        users: &users,
        selected,
    };
    Ok(html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::form_page(&ctx, user, &mode, &form, &areas, &errors, Notice::None),
        Caching::NoStore,
    ))
}

async fn edit_form(
    ctx: Ctx,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    let detail = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let areas = crate::areas::choices::areas(db).await?;
    let notice = if q.saved.is_some() {
        Notice::Saved
    } else {
        Notice::None
    };
    let mode = Mode::Edit {
        id,
        name: &detail.name,
        email: &detail.email,
        version: detail.version,
    };
    Ok(html_response(
        StatusCode::OK,
        views::form_page(&ctx, &user, &mode, &detail.form, &areas, &[], notice),
        Caching::NoStore,
    ))
}

async fn update(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    let detail = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let form = posted(&sent);
    // A missing or garbled version counts as stale.
    let version: i64 = sent.get("version").trim().parse().unwrap_or(-1);
    let mode = |version| Mode::Edit {
        id,
        name: &detail.name,
        email: &detail.email,
        version,
    };
    match form::check(&form, &area_ids) {
        Err(errors) => Ok(html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::form_page(
                &ctx,
                user,
                &mode(version),
                &form,
                &areas,
                &errors,
                Notice::None,
            ),
            Caching::NoStore,
        )),
        Ok(values) => {
            if let Some(released) = store::update(
                db,
                id,
                version,
                &values,
                user.id,
                crate::siteday::cancel::Notice::of(&ctx.state),
                crate::db::now(),
            )
            .await?
            {
                tracing::info!(
                    user_id = user.id,
                    navigator_id = id,
                    released = released.len(),
                    "navigator profile saved"
                );
                crate::cases::autoassign::spawn(db.clone(), ctx.state.config.auto_assign, released);
                return Ok(Redirect::to(&format!("/navigators/{id}?saved=1")).into_response());
            }
            tracing::info!(
                user_id = user.id,
                navigator_id = id,
                "navigator profile changed meanwhile"
            );
            let current = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
            Ok(html_response(
                StatusCode::CONFLICT,
                views::form_page(
                    &ctx,
                    user,
                    &mode(current.version),
                    &current.form,
                    &areas,
                    &[],
                    Notice::Conflict,
                ),
                Caching::NoStore,
            ))
        }
    }
}
