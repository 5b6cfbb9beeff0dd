//! The staff side of cases: the caseload (`GET /cases`), one case (`GET /cases/{id}`), and
//! taking a case, adding a note and changing its status. Who may see what is decided in
//! `transitions`; a case a user may not see answers 404 so its existence stays hidden.

pub mod store;
pub mod transitions;
pub mod views;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::auth::{CurrentUser, StaffForm};
use crate::domain::CaseStatus;
use crate::intake::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::{AppError, AppResult, Ctx};
use crate::AppState;
use store::{Change, List, PAGE_SIZE};
use transitions::Access;
use views::{CaseForms, Caseload, Section, SectionKind};

/// The longest note we keep, in characters.
const MAX_NOTE_CHARS: usize = 5000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(caseload))
        .route("/cases/{id}", get(case_page))
        .route("/cases/{id}/take", post(take))
        .route("/cases/{id}/notes", post(add_note))
        .route("/cases/{id}/status", post(change_status))
        .route("/cases/{id}/contacts", post(log_contact))
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    page: Option<String>,
}

/// Case ids in paths: anything that is not one is simply not found.
fn case_id(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn load_caseload(ctx: &Ctx, user: &CurrentUser, page: i64) -> AppResult<Caseload> {
    let db = &ctx.state.db;
    let navigator = store::navigator_of_user(db, user.id).await?;
    let lists: Vec<(SectionKind, List)> = if user.role == crate::auth::Role::Navigator {
        match navigator {
            Some(nav) => vec![
                (SectionKind::Mine, List::Mine(nav)),
                (SectionKind::Queue, List::Unassigned),
            ],
            None => Vec::new(),
        }
    } else {
        vec![(SectionKind::AllOpen, List::AllOpen)]
    };
    let mut sections = Vec::new();
    for (kind, which) in lists {
        let total = store::count(db, which).await?;
        let lines = store::list(db, which, page).await?;
        sections.push(Section { kind, total, lines });
    }
    let largest = sections.iter().map(|s| s.total).max().unwrap_or(0);
    Ok(Caseload {
        page,
        pages: ((largest + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        now: crate::db::now(),
        is_navigator: navigator.is_some(),
        sections,
    })
}

async fn caseload(ctx: Ctx, user: CurrentUser, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let page = q
        .page
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let load = load_caseload(&ctx, &user, page).await?;
    Ok(html_response(
        StatusCode::OK,
        views::caseload(&ctx, &user, &load, false),
        Caching::NoStore,
    ))
}

/// A case and what this user may do with it; 404 when they may not see it.
async fn visible_case(
    ctx: &Ctx,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(store::CaseDetail, Access)> {
    let db = &ctx.state.db;
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let navigator = store::navigator_of_user(db, user.id).await?;
    match transitions::access(user.role, navigator, case.navigator_id, case.status) {
        Access::None => {
            tracing::info!(user_id = user.id, case_id = id, "case not visible to user");
            Err(AppError::NotFound)
        }
        access => Ok((case, access)),
    }
}

/// A case this user may change: 404 when they may not see it, 403 when they may only take it.
async fn workable_case(ctx: &Ctx, user: &CurrentUser, id: i64) -> AppResult<store::CaseDetail> {
    match visible_case(ctx, user, id).await? {
        (case, Access::Full) => Ok(case),
        _ => Err(AppError::Forbidden),
    }
}

async fn render_case(
    ctx: &Ctx,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    forms: &CaseForms<'_>,
) -> AppResult<Response> {
    let (case, access) = visible_case(ctx, user, id).await?;
    let events = store::timeline(&ctx.state.db, id).await?;
    Ok(html_response(
        status,
        views::case_page(ctx, user, &case, &events, access, forms),
        Caching::NoStore,
    ))
}

async fn case_page(ctx: Ctx, user: CurrentUser, Path(id): Path<String>) -> AppResult<Response> {
    let id = case_id(&id)?;
    let response = render_case(&ctx, &user, id, StatusCode::OK, &CaseForms::default()).await?;
    // Only a case this user may see gets this far: the view is what the log records.
    crate::audit::record(&ctx.state.db, user.id, "view_case", id, crate::db::now()).await?;
    Ok(response)
}

fn to_case(id: i64) -> Response {
    Redirect::to(&format!("/cases/{id}")).into_response()
}

async fn take(ctx: Ctx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let db = &ctx.state.db;
    let navigator = store::navigator_of_user(db, user.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    if store::take(db, id, navigator, user.id, crate::db::now()).await? {
        tracing::info!(user_id = user.id, case_id = id, "case taken");
        return Ok(to_case(id));
    }
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if case.navigator_id == Some(navigator) {
        // A second click on the same button.
        return Ok(to_case(id));
    }
    // Say only that it was taken: no reference code, so a guessed id tells nothing more.
    tracing::info!(user_id = user.id, case_id = id, "case already taken");
    let load = load_caseload(&ctx, user, 1).await?;
    Ok(html_response(
        StatusCode::CONFLICT,
        views::caseload(&ctx, user, &load, true),
        Caching::NoStore,
    ))
}

/// The version the user's form was drawn from; a missing or garbled one counts as stale.
fn form_version(form: &StaffForm) -> Option<i64> {
    form.get("version").parse().ok()
}

async fn add_note(ctx: Ctx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let note = form.get("note").trim();
    let mut forms = CaseForms {
        note,
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        forms.conflict = true;
        return render_case(&ctx, user, id, StatusCode::CONFLICT, &forms).await;
    }
    let problem = if note.is_empty() {
        Some("case-note-error-empty")
    } else if note.chars().count() > MAX_NOTE_CHARS {
        Some("case-note-error-too-long")
    } else {
        None
    };
    if let Some(message) = problem {
        forms.errors.push(FieldError {
            field: "note",
            message,
        });
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    }
    match store::add_note(
        &ctx.state.db,
        id,
        case.version,
        user.id,
        note,
        crate::db::now(),
    )
    .await?
    {
        Change::Done => {
            tracing::info!(user_id = user.id, case_id = id, "note added");
            Ok(to_case(id))
        }
        Change::Stale => {
            forms.conflict = true;
            render_case(&ctx, user, id, StatusCode::CONFLICT, &forms).await
        }
    }
}

async fn change_status(ctx: Ctx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let mut forms = CaseForms::default();
    if form_version(&form) != Some(case.version) {
        forms.conflict = true;
        return render_case(&ctx, user, id, StatusCode::CONFLICT, &forms).await;
    }
    let to = CaseStatus::parse(form.get("status"))
        .filter(|to| transitions::status_choices(case.status).any(|s| s == *to));
    let Some(to) = to else {
        tracing::info!(user_id = user.id, case_id = id, from = %case.status, to = form.get("status"), "status change refused");
        forms.errors.push(FieldError {
            field: "status",
            message: "case-status-error-not-allowed",
        });
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    };
    let now = crate::db::now();
    match store::change_status(
        &ctx.state.db,
        id,
        case.version,
        case.status,
        to,
        user.id,
        now,
    )
    .await?
    {
        Change::Done => {
            tracing::info!(user_id = user.id, case_id = id, from = %case.status, %to, "status changed");
            Ok(to_case(id))
        }
        Change::Stale => {
            forms.conflict = true;
            render_case(&ctx, user, id, StatusCode::CONFLICT, &forms).await
        }
    }
}

async fn log_contact(ctx: Ctx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let note = form.get("contact_note").trim();
    let mut forms = CaseForms {
        contact_note: note,
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        forms.conflict = true;
        return render_case(&ctx, user, id, StatusCode::CONFLICT, &forms).await;
    }
    let channel = store::ContactChannel::parse(form.get("channel"));
    if channel.is_none() {
        forms.errors.push(FieldError {
            field: "channel",
            message: "case-contact-error-channel",
        });
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        forms.errors.push(FieldError {
            field: "contact_note",
            message: "case-note-error-too-long",
        });
    }
    let Some(channel) = channel.filter(|_| forms.errors.is_empty()) else {
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    };
    match store::log_contact(
        &ctx.state.db,
        id,
        case.version,
        user.id,
        channel,
        note,
        crate::db::now(),
    )
    .await?
    {
        Change::Done => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                channel = channel.code(),
                "contact logged"
            );
            Ok(to_case(id))
        }
        Change::Stale => {
            forms.conflict = true;
            render_case(&ctx, user, id, StatusCode::CONFLICT, &forms).await
        }
    }
}
