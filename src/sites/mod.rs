//! Sites: the places (libraries, recreation centers) where navigators meet residents, each
//! navigator's weekly office hours there, and the days they are closed. Supervisors and admins
//! manage them: the list with the closures at `GET /sites`, a new site at `GET/POST
//! /sites/new`, a site's form with its office hours at `GET/POST /sites/{id}`, hours added at
//! `POST /sites/{id}/hours` and removed at `POST /sites/{id}/hours/{hours}/delete`, closures
//! at `POST /sites/closures` and `POST /sites/closures/{closure}/delete`, a site deleted at
//! `POST /sites/{id}/delete` (refused while residents are booked there, or its history names
//! it), and every site as HSDS 3.0 locations with schedules at `GET /sites/hsds.json`. A bad
//! form answers 422 and keeps what was typed; overlapping hours are refused, naming the hours
//! they overlap.

pub mod form;
pub mod hsds;
pub mod schedule;
pub mod store;
pub mod views;

use axum::extract::{Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::auth::{CurrentUser, Role, StaffForm};
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{AppError, AppResult, Ctx};
use form::{ClosureForm, HoursForm, SiteForm};
use store::SaveError;
use views::{ClosureEntry, HoursPart, Mode, Notice};

/// Who manages sites.
pub const MANAGERS: &[Role] = &[Role::Supervisor, Role::Admin];

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sites", get(list))
        .route("/sites/hsds.json", get(download))
        .route("/sites/new", get(new_form).post(create))
        .route("/sites/closures", post(add_closure))
        .route("/sites/closures/{closure}/delete", post(remove_closure))
        .route("/sites/{id}", get(site_page).post(update))
        .route("/sites/{id}/delete", post(delete))
        .route("/sites/{id}/hours", post(add_hours))
        .route("/sites/{id}/hours/{hours}/delete", post(remove_hours))
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    saved: Option<String>,
    added: Option<String>,
    removed: Option<String>,
    deleted: Option<String>,
}

fn id_in_path(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn posted(form: &StaffForm) -> SiteForm {
    let text = |name: &str| form.get(name).trim().to_owned();
    SiteForm {
        name: text("name"),
        address: text("address"),
        lat: text("lat"),
        lon: text("lon"),
        area: text("area"),
        accessibility: text("accessibility"),
        languages: form.all("languages"),
        slot_minutes: text("slot_minutes"),
        active: form.get("active") == "yes",
    }
}

/// The city's date today, `YYYY-MM-DD`: closures before it are past.
fn today(ctx: &Ctx) -> jiff::civil::Date {
    jiff::Timestamp::from_second(crate::db::now())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(ctx.state.config.timezone.clone())
        .date()
}

async fn list_page(
    ctx: &Ctx,
    user: &CurrentUser,
    status: StatusCode,
    entry: &ClosureEntry<'_>,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let lines = store::list(db).await?;
    let closures = schedule::closures(db, None, &today(ctx).to_string()).await?;
    let sites = store::all_sites(db).await?;
    Ok(html_response(
        status,
        views::list(ctx, user, &lines, &closures, &sites, entry),
        Caching::NoStore,
    ))
}

async fn list(ctx: Ctx, user: CurrentUser, Query(q): Query<PageQuery>) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let notice = if q.deleted.is_some() {
        Some("sites-deleted")
    } else if q.added.is_some() {
        Some("sites-closure-added")
    } else if q.removed.is_some() {
        Some("sites-closure-removed")
    } else {
        None
    };
    let form = ClosureForm::default();
    let entry = ClosureEntry {
        form: &form,
        errors: &[],
        notice,
    };
    list_page(&ctx, &user, StatusCode::OK, &entry).await
}

async fn download(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let doc = hsds::export(
        &ctx.state.db,
        &ctx.state.config.timezone,
        &today(&ctx).to_string(),
    )
    .await?;
    let body = serde_json::to_string_pretty(&doc).map_err(anyhow::Error::from)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"sites-hsds.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

async fn new_form(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let areas = crate::areas::choices::areas(&ctx.state.db).await?;
    let form = SiteForm {
        languages: vec!["en".into()],
        slot_minutes: "30".into(),
        active: true,
        ..SiteForm::default()
    };
    Ok(html_response(
        StatusCode::OK,
        views::form_page(
            &ctx,
            &user,
            Mode::New,
            &form,
            &areas,
            &[],
            Notice::None,
            None,
        ),
        Caching::NoStore,
    ))
}

fn duplicate() -> Vec<FieldError> {
    vec![FieldError {
        field: "name",
        message: "site-error-duplicate",
    }]
}

async fn create(ctx: Ctx, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let db = &ctx.state.db;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let form = posted(&sent);
    let errors = match form::check(&form, &area_ids) {
        Ok(values) => match store::save(db, None, &values, crate::db::now()).await {
            Ok(id) => {
                tracing::info!(user_id = user.id, site_id = id, "site created");
                return Ok(Redirect::to(&format!("/sites/{id}?saved=1")).into_response());
            }
            Err(SaveError::Duplicate) => duplicate(),
            Err(SaveError::Stale) => {
                return Err(AppError::Other(anyhow::anyhow!("insert returned no id")))
            }
            Err(SaveError::Db(err)) => return Err(err.into()),
        },
        Err(errors) => errors,
    };
    Ok(html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::form_page(
            &ctx,
            user,
            Mode::New,
            &form,
            &areas,
            &errors,
            Notice::None,
            None,
        ),
        Caching::NoStore,
    ))
}

/// What a site's page shows besides its form.
#[derive(Default)]
struct Extras<'a> {
    form_errors: Vec<FieldError>,
    notice: Notice,
    hours_form: HoursForm,
    hours_errors: Vec<FieldError>,
    overlap: Option<schedule::Hours>,
    /// The site form as sent, instead of the stored one.
    sent: Option<(&'a SiteForm, i64)>,
}

/// A site's page: its form (stored, or as sent), its hours and closures.
async fn site_response(
    ctx: &Ctx,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    extras: Extras<'_>,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let detail = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let areas = crate::areas::choices::areas(db).await?;
    let hours = schedule::hours_at(db, id).await?;
    let closures = schedule::closures(db, Some(id), &today(ctx).to_string()).await?;
    let navigators = schedule::navigators(db).await?;
    let (form, version) = extras.sent.unwrap_or((&detail.form, detail.version));
    let part = HoursPart {
        hours: &hours,
        closures: &closures,
        navigators: &navigators,
        form: &extras.hours_form,
        errors: &extras.hours_errors,
        overlap: extras.overlap.as_ref(),
    };
    let mode = Mode::Edit {
        id,
        name: &detail.form.name,
        version,
    };
    Ok(html_response(
        status,
        views::form_page(
            ctx,
            user,
            mode,
            form,
            &areas,
            &extras.form_errors,
            extras.notice,
            Some(&part),
        ),
        Caching::NoStore,
    ))
}

async fn site_page(
    ctx: Ctx,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let notice = if q.added.is_some() {
        Notice::HoursAdded
    } else if q.removed.is_some() {
        Notice::HoursRemoved
    } else if q.saved.is_some() {
        Notice::Saved
    } else {
        Notice::None
    };
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    site_response(&ctx, &user, id, StatusCode::OK, extras).await
}

async fn update(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let areas = crate::areas::choices::areas(db).await?;
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let form = posted(&sent);
    // A missing or garbled version counts as stale.
    let version: i64 = sent.get("version").trim().parse().unwrap_or(-1);
    let form_errors = match form::check(&form, &area_ids) {
        Err(errors) => errors,
        Ok(values) => match store::save(db, Some((id, version)), &values, crate::db::now()).await {
            Ok(_) => {
                tracing::info!(user_id = user.id, site_id = id, "site saved");
                return Ok(Redirect::to(&format!("/sites/{id}?saved=1")).into_response());
            }
            Err(SaveError::Duplicate) => duplicate(),
            Err(SaveError::Stale) => {
                tracing::info!(user_id = user.id, site_id = id, "site changed meanwhile");
                let extras = Extras {
                    notice: Notice::Conflict,
                    ..Extras::default()
                };
                return site_response(&ctx, user, id, StatusCode::CONFLICT, extras).await;
            }
            Err(SaveError::Db(err)) => return Err(err.into()),
        },
    };
    let extras = Extras {
        form_errors,
        sent: Some((&form, version)),
        ..Extras::default()
    };
    site_response(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, extras).await
}

async fn delete(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let notice = match store::delete(&ctx.state.db, id, crate::db::now()).await? {
        store::Deleted::Yes => {
            tracing::info!(user_id = user.id, site_id = id, "site deleted");
            return Ok(Redirect::to("/sites?deleted=1").into_response());
        }
        store::Deleted::NotFound => return Err(AppError::NotFound),
        store::Deleted::Booked(n) => Notice::Booked(n),
        store::Deleted::InUse => Notice::InUse,
    };
    tracing::info!(user_id = user.id, site_id = id, "site not deleted: in use");
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    site_response(&ctx, user, id, StatusCode::CONFLICT, extras).await
}

async fn add_hours(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let navigators: Vec<i64> = schedule::navigators(db)
        .await?
        .iter()
        .map(|n| n.0)
        .collect();
    let hours_form = HoursForm {
        navigator: sent.get("navigator").trim().to_owned(),
        weekday: sent.get("weekday").trim().to_owned(),
        start: sent.get("start").trim().to_owned(),
        end: sent.get("end").trim().to_owned(),
    };
    let (hours_errors, overlap) = match form::check_hours(&hours_form, &navigators) {
        Err(errors) => (errors, None),
        Ok(values) => match schedule::add_hours(db, id, &values).await? {
            Ok(hours_id) => {
                tracing::info!(
                    user_id = user.id,
                    site_id = id,
                    hours_id,
                    "office hours added"
                );
                return Ok(Redirect::to(&format!("/sites/{id}?added=1")).into_response());
            }
            Err(schedule::Overlap(existing)) => (
                vec![FieldError {
                    field: "start",
                    message: "hours-error-overlap",
                }],
                Some(existing),
            ),
        },
    };
    let extras = Extras {
        hours_form,
        hours_errors,
        overlap,
        ..Extras::default()
    };
    site_response(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, extras).await
}

async fn remove_hours(
    ctx: Ctx,
    Path((id, hours)): Path<(String, String)>,
    sent: StaffForm,
) -> AppResult<Response> {
    sent.user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let hours = id_in_path(&hours)?;
    if !schedule::delete_hours(&ctx.state.db, id, hours).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(
        user_id = sent.user.id,
        site_id = id,
        hours_id = hours,
        "office hours removed"
    );
    Ok(Redirect::to(&format!("/sites/{id}?removed=1")).into_response())
}

async fn add_closure(ctx: Ctx, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let db = &ctx.state.db;
    let sites: Vec<i64> = store::all_sites(db).await?.iter().map(|s| s.id).collect();
    let form = ClosureForm {
        day: sent.get("day").trim().to_owned(),
        site: sent.get("site").trim().to_owned(),
        reason: sent.get("reason").trim().to_owned(),
    };
    let errors = match form::check_closure(&form, &sites, today(&ctx)) {
        Err(errors) => errors,
        Ok(values) => {
            if schedule::add_closure(db, &values).await? {
                tracing::info!(user_id = user.id, day = %values.day, "closure added");
                return Ok(Redirect::to("/sites?added=1#closures").into_response());
            }
            vec![FieldError {
                field: "day",
                message: "closure-error-duplicate",
            }]
        }
    };
    let entry = ClosureEntry {
        form: &form,
        errors: &errors,
        notice: None,
    };
    list_page(&ctx, user, StatusCode::UNPROCESSABLE_ENTITY, &entry).await
}

async fn remove_closure(
    ctx: Ctx,
    Path(closure): Path<String>,
    sent: StaffForm,
) -> AppResult<Response> {
    sent.user.require_role(MANAGERS)?;
    let closure = id_in_path(&closure)?;
    if !schedule::delete_closure(&ctx.state.db, closure).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(
        user_id = sent.user.id,
        closure_id = closure,
        "closure removed"
    );
    Ok(Redirect::to("/sites?removed=1#closures").into_response())
}
