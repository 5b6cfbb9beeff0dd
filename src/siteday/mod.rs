//! A site's day at `GET /sites/{id}/today`: who is booked (time, code, language, navigator,
//! status), who walked in, who is waiting and for how long. Staff add a walk-in in two fields
//! (a case with channel walk-in), mark a walk-in seen, and mark an appointment arrived,
//! attended or no-show (also from the case page). The site's other pages are `sites`'.

pub mod cancel;
pub mod store;
pub mod views;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::appointments::store::Status;
use crate::auth::{CurrentUser, StaffForm};
use crate::domain::{ContactMethod, Need};
use crate::i18n::Lang;
use crate::intake::form::NewRequest;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::{AppError, AppResult, Ctx, Shared};
use views::WalkInForm;

/// The longest name a walk-in form takes, as the request form.
const MAX_NAME_CHARS: usize = 100;

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sites/{id}/today", get(day))
        .route("/sites/{id}/today/walk-ins", post(add_walk_in))
        .route("/sites/{id}/today/walk-ins/{walk_in}/seen", post(seen))
        .route(
            "/sites/{id}/today/appointments/{appointment}/arrived",
            post(arrived),
        )
        .route(
            "/sites/{id}/today/appointments/{appointment}/status",
            post(set_status),
        )
}

fn id_in_path(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn render(
    ctx: &Ctx,
    user: &CurrentUser,
    site_id: i64,
    form: &WalkInForm,
    errors: &[FieldError],
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let site = store::site(db, site_id).await?.ok_or(AppError::NotFound)?;
    let now = crate::db::now();
    let (from, to) = crate::cases::visits::today(&ctx.state.config.timezone, now);
    let (booked, walk_ins) = tokio::try_join!(
        store::booked(db, site_id, from, to),
        store::walk_ins(db, site_id, from, to)
    )?;
    // Walk-ins' names are residents' data: each shown is a view in the audit log.
    for w in &walk_ins {
        ctx.state
            .audit
            .record(user.id, "view_walk_in", w.case_id, now)
            .await?;
    }
    let day = views::Day {
        site: &site,
        now,
        booked: &booked,
        walk_ins: &walk_ins,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_response(
        status,
        views::day_page(ctx, user, &day, form, errors),
        Caching::NoStore,
    ))
}

async fn day(ctx: Ctx, user: CurrentUser, Path(id): Path<String>) -> AppResult<Response> {
    let id = id_in_path(&id)?;
    render(&ctx, &user, id, &WalkInForm::default(), &[]).await
}

/// The language a walk-in is written down in: the staff member's when the site offers it
/// (or lists none), otherwise the site's first.
fn walk_in_language(user: &CurrentUser, site: &store::Site) -> Lang {
    if site.languages.is_empty() || site.languages.contains(&user.language) {
        user.language
    } else {
        site.languages[0]
    }
}

async fn add_walk_in(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    let site_id = id_in_path(&id)?;
    let db = &ctx.state.db;
    let site = store::site(db, site_id).await?.ok_or(AppError::NotFound)?;
    let form = WalkInForm {
        name: sent.get("name").trim().to_owned(),
        need: sent.get("need").trim().to_owned(),
    };
    let mut errors = Vec::new();
    if form.name.is_empty() {
        errors.push(FieldError {
            field: "name",
            message: "error-name-required",
        });
    } else if form.name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError {
            field: "name",
            message: "error-name-too-long",
        });
    }
    let need = Need::parse(&form.need);
    if need.is_none() {
        errors.push(FieldError {
            field: "need",
            message: "error-needs-required",
        });
    }
    let Some(need) = need.filter(|_| errors.is_empty()) else {
        tracing::info!(user_id = user.id, site_id, "walk-in refused");
        return render(&ctx, user, site_id, &form, &errors).await;
    };
    // No phone or email yet: the navigator asks when they sit down together.
    let request = NewRequest {
        name: form.name.clone(),
        phone: None,
        email: None,
        contact_method: ContactMethod::Call,
        language: walk_in_language(user, &site),
        address: None,
        zip: None,
        area_id: site.area_id,
        needs: vec![need],
        household_size: None,
        monthly_income: None,
        benefits: Vec::new(),
        age_band: None,
        race_ethnicity: Vec::new(),
        veteran: None,
        disability: None,
        accessibility: Vec::new(),
        details: String::new(),
        sms_consent: false,
    };
    let assign_to = user.navigator.as_ref().map(|p| p.navigator_id);
    let (case_id, code) =
        store::add_walk_in(db, site_id, &request, user.id, assign_to, crate::db::now()).await?;
    tracing::info!(user_id = user.id, site_id, case_id, case = %code, "walk-in added");
    Ok(Redirect::to(&format!("/sites/{site_id}/today")).into_response())
}

async fn seen(
    ctx: Ctx,
    Path((id, walk_in)): Path<(String, String)>,
    sent: StaffForm,
) -> AppResult<Response> {
    let site_id = id_in_path(&id)?;
    let walk_in = id_in_path(&walk_in)?;
    let user = &sent.user;
    if store::mark_seen(&ctx.state.db, site_id, walk_in, user.id, crate::db::now()).await? {
        tracing::info!(user_id = user.id, site_id, walk_in, "walk-in seen");
    }
    Ok(Redirect::to(&format!("/sites/{site_id}/today")).into_response())
}

async fn arrived(
    ctx: Ctx,
    Path((id, appointment)): Path<(String, String)>,
    sent: StaffForm,
) -> AppResult<Response> {
    let site_id = id_in_path(&id)?;
    let appointment = id_in_path(&appointment)?;
    if store::mark_arrived(&ctx.state.db, site_id, appointment, crate::db::now()).await? {
        tracing::info!(
            user_id = sent.user.id,
            site_id,
            appointment,
            "resident arrived"
        );
    }
    Ok(Redirect::to(&format!("/sites/{site_id}/today")).into_response())
}

/// `status` attended or no_show; `back=case` returns to the case page, anything else to the
/// site's day.
async fn set_status(
    ctx: Ctx,
    Path((id, appointment)): Path<(String, String)>,
    sent: StaffForm,
) -> AppResult<Response> {
    let site_id = id_in_path(&id)?;
    let appointment = id_in_path(&appointment)?;
    let db = &ctx.state.db;
    let found = crate::appointments::store::get(db, appointment)
        .await?
        .filter(|a| a.site_id == site_id)
        .ok_or(AppError::NotFound)?;
    let status = match sent.get("status") {
        "attended" => Status::Attended,
        "no_show" => Status::NoShow,
        _ => return Err(AppError::NotFound),
    };
    // Marks are for appointments still expected: a cancelled one stays cancelled, and a
    // mark once made is changed on purpose only (not by a second press).
    if found.status.is_upcoming() {
        crate::appointments::store::set_status(
            db,
            appointment,
            status,
            Some(sent.user.id),
            crate::db::now(),
        )
        .await?;
        tracing::info!(
            user_id = sent.user.id,
            appointment,
            status = status.code(),
            "appointment marked"
        );
    }
    let back = if sent.get("back") == "case" {
        format!("/cases/{}", found.case_id)
    } else {
        format!("/sites/{site_id}/today")
    };
    Ok(Redirect::to(&back).into_response())
}
