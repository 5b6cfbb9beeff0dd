//! `GET /cases/{id}`: one case, for a user who may see it; and the case drawn again, with
//! the user's input, after a change was refused or came too late. The checks every change
//! from a case page starts with are here too.

use super::CaseCtx;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::store;
use super::texts;
use super::transitions::{self, Access};
use super::views::{self, CaseForms};
use crate::auth::{CurrentUser, StaffForm};
use crate::web::pages::{html_response, Caching};
use crate::web::{AppError, AppResult};

/// `?timeline=N`: page N of the timeline (newest first); anything else is the first.
#[derive(serde::Deserialize)]
pub struct CaseQuery {
    timeline: Option<String>,
    /// `1`: show the free times to book.
    book: Option<String>,
    /// `1`: show the devices in stock to lend.
    lend: Option<String>,
}

pub async fn case_page(
    ctx: CaseCtx,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<CaseQuery>,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let timeline_page = query
        .timeline
        .and_then(|p| p.parse::<i64>().ok())
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1);
    let forms = CaseForms {
        timeline_page,
        show_slots: query.book.as_deref() == Some("1"),
        show_stock: query.lend.as_deref() == Some("1"),
        ..CaseForms::default()
    };
    render_case(&ctx, &user, id, StatusCode::OK, &forms).await
}

/// A case and what this user may do with it; 404 when they may not see it.
async fn visible_case(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(store::CaseDetail, Access)> {
    let db = &ctx.state.db;
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let profile = user.navigator.as_ref();
    let navigator = profile.map(|p| p.navigator_id);
    let access = match transitions::access(user.role, navigator, case.navigator_id, case.status) {
        // An unassigned case is a navigator's to see only when it is in their queue.
        Access::Take => match profile {
            Some(p) if store::in_queue(db, p, id).await? => Access::Take,
            _ => Access::None,
        },
        access => access,
    };
    if access == Access::None {
        tracing::info!(user_id = user.id, case_id = id, "case not visible to user");
        return Err(AppError::NotFound);
    }
    Ok((case, access))
}

/// The case a change is posted to, as it is now, with its id, the user, and whether the form
/// is stale (someone changed the case since it was drawn; a missing or garbled version counts
/// as stale). 404 when this user may not see the case, 403 when they may only take it.
pub async fn posted<'f>(
    ctx: &CaseCtx,
    raw_id: &str,
    form: &'f StaffForm,
) -> AppResult<(i64, &'f CurrentUser, store::CaseDetail, bool)> {
    let id = case_id(raw_id)?;
    let user = &form.user;
    let case = workable_case(ctx, user, id).await?;
    let stale = form_version(form) != Some(case.version);
    Ok((id, user, case, stale))
}

/// A case this user may change: 404 when they may not see it, 403 when they may only take it.
pub async fn workable_case(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
) -> AppResult<store::CaseDetail> {
    match visible_case(ctx, user, id).await? {
        (case, Access::Full) => Ok(case),
        _ => Err(AppError::Forbidden),
    }
}

/// Every active program, with what it means for this resident's household: navigators see the
/// ones ruled out too, so they can explain why.
async fn eligibility(
    ctx: &CaseCtx,
    resident_id: i64,
) -> AppResult<Vec<crate::programs::matches::ProgramMatch>> {
    let db = &ctx.state.db;
    Ok(
        match crate::programs::matches::household_of_resident(db, resident_id)
            .await
            .map_err(AppError::Other)?
        {
            Some(household) => ctx
                .cases
                .catalog
                .get(db)
                .await
                .map_err(AppError::Other)?
                .for_household(&household),
            None => Vec::new(),
        },
    )
}

/// Devices in stock the lending form offers at most: a list a navigator can still read.
const LENDABLE_SHOWN: i64 = 50;

pub async fn render_case(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    forms: &CaseForms<'_>,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let (case, access) = visible_case(ctx, user, id).await?;
    let now = crate::db::now();
    if access == Access::Full && case.unread_reply() && case.navigator_id.is_some() {
        let mine = user.navigator.as_ref().map(|p| p.navigator_id);
        if mine == case.navigator_id {
            store::mark_replies_seen(db, id, now).await?;
        }
    }
    let full = access == Access::Full;
    let supervising = full && user.role != crate::auth::Role::Navigator;
    // The page's parts do not depend on one another: read at once, each on its own connection.
    let (eligibility, texts, (events, older_events), referrals, programs, outcome, sites) = tokio::try_join!(
        eligibility(ctx, case.resident_id),
        async { Ok(Some(texts::panel(ctx, &case).await?)) },
        async { Ok(store::timeline(db, id, forms.timeline_page).await?) },
        async { Ok(store::referrals(db, id).await?) },
        async {
            Ok(if full {
                store::program_choices(db).await?
            } else {
                Vec::new()
            })
        },
        async { Ok(store::outcome(db, id).await?) },
        async {
            Ok(if full {
                store::active_sites(db).await?
            } else {
                Vec::new()
            })
        },
    )?;
    let (appointment, free_slots) = tokio::try_join!(
        async { Ok(crate::appointments::store::upcoming_for_case(db, id, now).await?) },
        async {
            if full && transitions::is_open(case.status) && forms.show_slots {
                free_slots(ctx, id, now).await
            } else {
                Ok(Vec::new())
            }
        },
    )?;
    // A case that asks for a device shows the stock at once; others on request, as the
    // search reads every available device.
    let show_stock = full
        && transitions::is_open(case.status)
        && (forms.show_stock || case.needs.contains(&crate::domain::Need::Device));
    let (loans, lendable) = tokio::try_join!(crate::devices::loans::for_case(db, id), async {
        if show_stock {
            crate::devices::loans::available_for_case(db, id, LENDABLE_SHOWN).await
        } else {
            Ok(Vec::new())
        }
    },)?;
    let page = views::CasePage {
        texts,
        eligibility,
        events,
        older_events,
        referrals,
        programs,
        outcome,
        sites,
        navigators: if supervising {
            cached_navigator_choices(ctx).await?
        } else {
            Vec::new()
        },
        suggestions: if supervising
            && case.navigator_id.is_none()
            && transitions::is_open(case.status)
        {
            suggest_navigators(db, id).await?
        } else {
            Vec::new()
        },
        visits: if access == Access::Full {
            let (_, tomorrow) = super::visits::today(&ctx.state.config.timezone, now);
            super::visits::to_mark(db, id, tomorrow).await?
        } else {
            Vec::new()
        },
        appointment,
        free_slots,
        loans,
        lendable,
        stock_shown: show_stock,
        case,
        access,
    };
    // Every page that shows a resident's data, also one drawn again after a refused change,
    // is a view the log records; only a case this user may see gets this far.
    ctx.state
        .audit
        .record(user.id, "view_case", id, now)
        .await?;
    Ok(html_response(
        status,
        views::case_page(ctx, user, &page, forms),
        Caching::NoStore,
    ))
}

/// Draws the case again with the user's input and a conflict message: someone changed the
/// case after this user's form was drawn.
pub async fn conflict(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    mut forms: CaseForms<'_>,
) -> AppResult<Response> {
    tracing::info!(user_id = user.id, case_id = id, "stale form refused");
    forms.conflict = true;
    render_case(ctx, user, id, StatusCode::CONFLICT, &forms).await
}

/// Draws the case again with the user's input and what is wrong with it.
pub async fn refused(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    forms: CaseForms<'_>,
) -> AppResult<Response> {
    tracing::info!(user_id = user.id, case_id = id, fields = ?forms.errors.iter().map(|e| e.field).collect::<Vec<_>>(), "case change refused");
    render_case(ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await
}

/// Case ids in paths: anything that is not one is simply not found.
pub fn case_id(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The version the user's form was drawn from; a missing or garbled one counts as stale.
pub fn form_version(form: &StaffForm) -> Option<i64> {
    form.get("version").parse().ok()
}

pub fn to_case(id: i64) -> Response {
    Redirect::to(&format!("/cases/{id}")).into_response()
}

/// Back to the case, scrolled to `event`: the newest entry the change just wrote, at the top
/// of the timeline.
pub fn to_event(id: i64, event: i64) -> Response {
    Redirect::to(&format!("/cases/{id}#event-{event}")).into_response()
}

/// Navigators with their loads for the reassignment lists: the supervisor's caseload's
/// figures, a few seconds old at most, as a load shown there is only a guide (the change
/// itself reads the database).
pub async fn cached_navigator_choices(ctx: &CaseCtx) -> AppResult<Vec<store::NavigatorChoice>> {
    let config = &ctx.state.config;
    Ok(ctx
        .cases
        .navigator_loads
        .choices(&ctx.state.db, crate::db::now(), config.first_contact_secs)
        .await?)
}

/// The navigators who best fit an unassigned case, with why, for a supervisor to choose from.
async fn suggest_navigators(db: &crate::db::Db, case_id: i64) -> AppResult<Vec<views::Suggestion>> {
    let Some(request) = store::match_request(db, case_id).await? else {
        return Ok(Vec::new());
    };
    let candidates = store::match_candidates(db).await?;
    let names: std::collections::HashMap<i64, String> = candidates
        .iter()
        .map(|c| (c.navigator_id, c.name.clone()))
        .collect();
    let pool = crate::matching::navigators::Pool::new(candidates);
    Ok(pool
        .best(&request, 3)
        .into_iter()
        .map(|m| views::Suggestion {
            name: names.get(&m.navigator_id).cloned().unwrap_or_default(),
            found: m,
        })
        .collect())
}

/// Free times a navigator may book for the case: a few at each of the nearest sites.
async fn free_slots(
    ctx: &CaseCtx,
    case_id: i64,
    now: i64,
) -> AppResult<Vec<crate::appointments::slots::Slot>> {
    use crate::appointments::slots;
    let db = &ctx.state.db;
    let Some(seeker) = slots::Seeker::for_case(db, case_id).await? else {
        return Ok(Vec::new());
    };
    let tz = &ctx.state.config.timezone;
    let days = crate::appointments::web::DAYS_AHEAD;
    Ok(slots::offer(db, tz, &seeker, now, days, 5, 4).await?)
}
