//! Resource programs (modeled on an Open Referral HSDS service): every signed-in staff member
//! reads the list at `GET /programs` and a program at `GET /programs/{id}`; supervisors and
//! admins also add one (`GET/POST /programs/new`), change one (`POST /programs/{id}`) and mark
//! it checked with its provider today (`POST /programs/{id}/verify`). A bad form, or an
//! organization and name another program has, answers 422 and changes nothing.

pub mod form;
pub mod guidelines;
pub mod hsds;
pub mod matches;
pub mod store;
pub mod views;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::areas::choices::AreaChoice;
use crate::auth::{CurrentUser, Role, StaffForm};
use crate::sites::store::Site;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{page_number, AppError, AppResult, Ctx};
use form::ProgramForm;
use store::SaveError;
use views::{Existing, Notice};

/// Who may add and change programs.
pub const EDITORS: &[Role] = &[Role::Supervisor, Role::Admin];

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/programs", get(list))
        .route("/programs/new", get(new_form).post(create))
        .route("/programs/{id}", get(program_page).post(update))
        .route("/programs/{id}/verify", post(verify))
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    page: Option<String>,
    saved: Option<String>,
    verified: Option<String>,
}

fn id_in_path(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn posted(form: &StaffForm) -> ProgramForm {
    let text = |name: &str| form.get(name).trim().to_owned();
    ProgramForm {
        organization: text("organization"),
        name: text("name"),
        description: text("description"),
        categories: form.all("categories"),
        max_income_pct_fpg: text("max_income_pct_fpg"),
        qualifying_benefits: form.all("qualifying_benefits"),
        min_age: text("min_age"),
        languages: form.all("languages"),
        cost: text("cost"),
        url: text("url"),
        phone: text("phone"),
        application_process: text("application_process"),
        capacity_available: text("capacity_available"),
        site: text("site"),
        status: text("status"),
        areas: form.all("areas"),
    }
}

async fn list(ctx: Ctx, user: CurrentUser, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let page = page_number(q.page.as_deref());
    let (lines, more) = store::list(&ctx.state.db, page).await?;
    Ok(html_response(
        StatusCode::OK,
        views::list(&ctx, &user, &lines, page, more, user.has_role(EDITORS)),
        Caching::NoStore,
    ))
}

async fn new_form(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(EDITORS)?;
    let areas = crate::areas::choices::areas(&ctx.state.db).await?;
    let sites = crate::sites::store::all_sites(&ctx.state.db).await?;
    let form = ProgramForm {
        languages: vec!["en".into()],
        status: "active".into(),
        ..ProgramForm::default()
    };
    Ok(html_response(
        StatusCode::OK,
        views::form_page(
            &ctx,
            &user,
            None,
            &form,
            (&areas, &sites),
            &[],
            Notice::None,
        ),
        Caching::NoStore,
    ))
}

fn duplicate() -> Vec<FieldError> {
    vec![FieldError {
        field: "name",
        message: "program-error-duplicate",
    }]
}

fn unprocessable(
    ctx: &Ctx,
    user: &CurrentUser,
    existing: Option<Existing>,
    form: &ProgramForm,
    choices: (&[AreaChoice], &[Site]),
    errors: &[FieldError],
) -> Response {
    html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::form_page(ctx, user, existing, form, choices, errors, Notice::None),
        Caching::NoStore,
    )
}

async fn create(ctx: Ctx, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(EDITORS)?;
    let db = &ctx.state.db;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let sites = crate::sites::store::all_sites(db).await?;
    let site_ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let form = posted(&sent);
    let values = match form::check(&form, &area_ids, &site_ids) {
        Ok(values) => values,
        Err(errors) => {
            return Ok(unprocessable(
                &ctx,
                user,
                None,
                &form,
                (&areas, &sites),
                &errors,
            ))
        }
    };
    match store::save(db, None, &values, user.id, crate::db::now()).await {
        Ok(id) => {
            tracing::info!(user_id = user.id, program_id = id, "program created");
            Ok(Redirect::to(&format!("/programs/{id}?saved=1")).into_response())
        }
        Err(SaveError::Duplicate) => Ok(unprocessable(
            &ctx,
            user,
            None,
            &form,
            (&areas, &sites),
            &duplicate(),
        )),
        Err(SaveError::Stale) => Err(AppError::Other(anyhow::anyhow!("insert returned no id"))),
        Err(SaveError::Db(err)) => Err(err.into()),
    }
}

async fn program_page(
    ctx: Ctx,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    let detail = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let sites = crate::sites::store::all_sites(db).await?;
    if !user.has_role(EDITORS) {
        return Ok(html_response(
            StatusCode::OK,
            views::read_only(
                &ctx,
                &user,
                &detail.form,
                &sites,
                (detail.last_verified_at, detail.inventory),
            ),
            Caching::NoStore,
        ));
    }
    let areas = crate::areas::choices::areas(db).await?;
    let notice = if q.verified.is_some() {
        Notice::Verified
    } else if q.saved.is_some() {
        Notice::Saved
    } else {
        Notice::None
    };
    let existing = Existing {
        id,
        version: detail.version,
        last_verified_at: detail.last_verified_at,
        inventory: detail.inventory,
    };
    Ok(html_response(
        StatusCode::OK,
        views::form_page(
            &ctx,
            &user,
            Some(existing),
            &detail.form,
            (&areas, &sites),
            &[],
            notice,
        ),
        Caching::NoStore,
    ))
}

async fn update(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(EDITORS)?;
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    let detail = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let sites = crate::sites::store::all_sites(db).await?;
    let site_ids: Vec<i64> = sites.iter().map(|s| s.id).collect();
    let mut form = posted(&sent);
    if detail.inventory.is_some() {
        // The form shows the inventory's count, not the typed number: keep that as it was,
        // for when the program has no devices any more.
        form.capacity_available = detail.form.capacity_available.clone();
    }
    // A missing or garbled version counts as stale.
    let version: i64 = sent.get("version").trim().parse().unwrap_or(-1);
    let existing = Existing {
        id,
        version,
        last_verified_at: detail.last_verified_at,
        inventory: detail.inventory,
    };
    let values = match form::check(&form, &area_ids, &site_ids) {
        Ok(values) => values,
        Err(errors) => {
            return Ok(unprocessable(
                &ctx,
                user,
                Some(existing),
                &form,
                (&areas, &sites),
                &errors,
            ))
        }
    };
    match store::save(db, Some((id, version)), &values, user.id, crate::db::now()).await {
        Ok(_) => {
            tracing::info!(user_id = user.id, program_id = id, "program saved");
            Ok(Redirect::to(&format!("/programs/{id}?saved=1")).into_response())
        }
        Err(SaveError::Duplicate) => Ok(unprocessable(
            &ctx,
            user,
            Some(existing),
            &form,
            (&areas, &sites),
            &duplicate(),
        )),
        Err(SaveError::Stale) => {
            tracing::info!(
                user_id = user.id,
                program_id = id,
                "program changed meanwhile"
            );
            let current = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
            let existing = Existing {
                id,
                version: current.version,
                last_verified_at: current.last_verified_at,
                inventory: current.inventory,
            };
            Ok(html_response(
                StatusCode::CONFLICT,
                views::form_page(
                    &ctx,
                    user,
                    Some(existing),
                    &current.form,
                    (&areas, &sites),
                    &[],
                    Notice::Conflict,
                ),
                Caching::NoStore,
            ))
        }
        Err(SaveError::Db(err)) => Err(err.into()),
    }
}

async fn verify(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(EDITORS)?;
    let id = id_in_path(&id)?;
    if !store::mark_verified(&ctx.state.db, id, user.id, crate::db::now()).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(user_id = user.id, program_id = id, "program verified");
    Ok(Redirect::to(&format!("/programs/{id}?verified=1")).into_response())
}
