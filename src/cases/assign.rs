//! Who a case is with: a navigator taking one from their queue, a supervisor giving one case
//! to a navigator from its page, or the cases ticked in a list.

use super::CaseCtx;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::caseload::{load_caseload, ListQuery};
use super::page::{case_id, conflict, form_version, refused, to_case, workable_case};
use super::store::{self, PAGE_SIZE};
use super::transitions;
use super::views::{self, CaseForms};
use crate::auth::StaffForm;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::{AppError, AppResult};

pub async fn take(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let db = &ctx.state.db;
    let profile = user.navigator.clone().ok_or(AppError::Forbidden)?;
    let navigator = profile.navigator_id;
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if case.navigator_id != Some(navigator) && !store::in_queue(db, &profile, id).await? {
        // Outside this navigator's areas, languages or skills: as if it did not exist. Only a
        // case they could have seen in their queue may answer "someone else took it".
        return Err(AppError::NotFound);
    }
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
    let load = load_caseload(&ctx, user, &ListQuery::default()).await?;
    Ok(html_response(
        StatusCode::CONFLICT,
        views::caseload(&ctx, user, &load, true),
        Caching::NoStore,
    ))
}

/// A supervisor gives one case to a navigator.
pub async fn assign_one(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    user.require_role(&[crate::auth::Role::Supervisor, crate::auth::Role::Admin])?;
    let case = workable_case(&ctx, user, id).await?;
    let mut forms = CaseForms::default();
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let Some(to) = chosen_navigator(&ctx, &form).await? else {
        forms.add_error("navigator", "reassign-error-navigator");
        return refused(&ctx, user, id, forms).await;
    };
    if !transitions::is_open(case.status) {
        forms.add_error("navigator", "reassign-error-closed");
        return refused(&ctx, user, id, forms).await;
    }
    let changed = store::reassign(&ctx.state.db, &[id], &to, user.id, crate::db::now()).await?;
    tracing::info!(
        user_id = user.id,
        case_id = id,
        navigator_id = to.id,
        changed,
        "case reassigned"
    );
    Ok(to_case(id))
}

/// A supervisor gives the cases ticked in a list to a navigator.
pub async fn reassign_many(ctx: CaseCtx, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    user.require_role(&[crate::auth::Role::Supervisor, crate::auth::Role::Admin])?;
    let ids: Vec<i64> = form
        .fields
        .iter()
        .filter(|(k, _)| k == "case")
        .filter_map(|(_, v)| v.parse().ok())
        .take(PAGE_SIZE as usize)
        .collect();
    let to = chosen_navigator(&ctx, &form).await?;
    let problem = match (&to, ids.is_empty()) {
        (None, _) => Some("reassign-error-navigator"),
        (_, true) => Some("reassign-error-none-chosen"),
        _ => None,
    };
    if let Some(message) = problem {
        let query: ListQuery = form
            .get("back")
            .parse::<axum::http::Uri>()
            .ok()
            .filter(|uri| uri.path() == "/cases" && uri.host().is_none())
            .and_then(|uri| Query::<ListQuery>::try_from_uri(&uri).ok())
            .map(|Query(q)| q)
            .unwrap_or_default();
        let mut load = load_caseload(&ctx, user, &query).await?;
        load.errors.push(FieldError {
            field: if message == "reassign-error-navigator" {
                "navigator"
            } else {
                "case"
            },
            message,
        });
        return Ok(html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::caseload(&ctx, user, &load, false),
            Caching::NoStore,
        ));
    }
    let Some(to) = to else {
        return Err(AppError::NotFound);
    };
    let changed = store::reassign(&ctx.state.db, &ids, &to, user.id, crate::db::now()).await?;
    tracing::info!(
        user_id = user.id,
        navigator_id = to.id,
        asked = ids.len(),
        changed,
        "cases reassigned"
    );
    Ok(Redirect::to(&back_to_list(&form, changed)).into_response())
}

async fn chosen_navigator(
    ctx: &CaseCtx,
    form: &StaffForm,
) -> AppResult<Option<store::NavigatorChoice>> {
    let choices = store::navigator_choices(&ctx.state.db).await?;
    Ok(form
        .get("navigator")
        .parse::<i64>()
        .ok()
        .and_then(|id| choices.into_iter().find(|n| n.id == id)))
}

/// Where a bulk reassignment returns to: the list the supervisor was looking at.
fn back_to_list(form: &StaffForm, changed: usize) -> String {
    let back = form.get("back");
    let query = back
        .strip_prefix("/cases?")
        .filter(|q| !q.contains(['#', '\\']))
        .unwrap_or("");
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .filter(|(k, _)| k != "reassigned")
        .collect();
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.extend_pairs(kept);
    ser.append_pair("reassigned", &changed.to_string());
    format!("/cases?{}", ser.finish())
}
