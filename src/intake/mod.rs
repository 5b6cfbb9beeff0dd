//! The resident's side: the landing page, the request form, the confirmation and the status
//! look-up. Nothing here needs an account or JavaScript.

pub mod form;
pub mod store;
pub mod views;
pub mod writer;

use axum::body::Bytes;
use axum::extract::{FromRef, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use std::sync::Arc;

use crate::areas::choices::AreaCache;
use crate::domain::{Channel, RefCode};
use crate::programs::matches::CatalogCache;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{check_rate, AppError, AppResult, ClientIp, Ctx};
use form::RawRequest;

/// What the resident pages need beyond what every route shares.
#[derive(Clone)]
pub struct IntakeState {
    pub shared: Shared,
    /// Stores requests, many to a commit (see `writer`).
    pub writer: writer::IntakeWriter,
    /// The areas a resident may choose.
    pub areas: Arc<AreaCache>,
    /// The programs a household may qualify for, as the confirmation page lists them.
    pub catalog: Arc<CatalogCache>,
}

impl FromRef<IntakeState> for Shared {
    fn from_ref(state: &IntakeState) -> Shared {
        state.shared.clone()
    }
}

pub fn router() -> Router<IntakeState> {
    Router::new()
        .route("/", get(landing))
        .route("/help", get(help_form).post(submit_help))
        .route("/help/{code}", get(confirmation))
        .route("/status", get(status_form).post(status_lookup))
}

async fn landing(ctx: Ctx, headers: HeaderMap) -> AppResult<Response> {
    let page = ctx
        .state
        .pages
        .get_or_build("landing", ctx.lang, || async { Ok(views::landing(&ctx)) })
        .await?;
    Ok(page.respond(&headers))
}

async fn help_form(
    ctx: Ctx,
    State(intake): State<IntakeState>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let page = ctx
        .state
        .pages
        .get_or_build("help", ctx.lang, || async {
            let areas = intake.areas.get(&ctx.state.db).await?;
            Ok(views::request_form(
                &ctx,
                &RawRequest::default(),
                &[],
                &areas,
                None,
            ))
        })
        .await?;
    Ok(page.respond(&headers))
}

async fn submit_help(
    ctx: Ctx,
    State(intake): State<IntakeState>,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> AppResult<Response> {
    // Before anything is read or stored: the 429 page is drawn in the resident's language.
    check_rate(&ctx.state.help_limiter, ip, "requests for help")?;
    let raw = RawRequest::from_form(&body);
    if raw.is_spam() {
        // Answer a robot as if it had succeeded, so it learns nothing; store nothing.
        tracing::info!("honeypot filled; request dropped");
        let decoy = RefCode::generate();
        return Ok(Redirect::to(&format!("/help/{decoy}")).into_response());
    }
    let areas = intake.areas.get(&ctx.state.db).await?;
    match form::validate(&raw, ctx.lang, &areas) {
        Ok(request) => {
            let code = intake
                .writer
                .submit(request, Channel::Web, crate::db::now())
                .await?;
            tracing::info!(case = %code, "request received");
            Ok(Redirect::to(&format!("/help/{code}")).into_response())
        }
        Err(errors) => {
            tracing::info!(fields = ?errors.iter().map(|e| e.field).collect::<Vec<_>>(), "request refused");
            Ok(html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::request_form(&ctx, &raw, &errors, &areas, None),
                Caching::NoStore,
            ))
        }
    }
}

async fn confirmation(
    ctx: Ctx,
    State(intake): State<IntakeState>,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let code = RefCode::parse(&code).ok_or(AppError::NotFound)?;
    let summary = store::case_by_code(&ctx.state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    // The programs this household may qualify for, each with its reasons; a program the
    // household does not qualify for is left off this page (navigators see every one).
    let programs =
        match crate::programs::matches::household_of_resident(&ctx.state.db, summary.resident_id)
            .await
        {
            Ok(Some(household)) => intake
                .catalog
                .get(&ctx.state.db)
                .await
                .map_err(AppError::Other)?
                .for_household(&household)
                .into_iter()
                .filter(|p| {
                    p.decision.verdict != crate::matching::eligibility::Verdict::NotEligible
                })
                .collect(),
            Ok(None) => Vec::new(),
            Err(err) => return Err(AppError::Other(err)),
        };
    // A number that said STOP stays silent after a new request too (the carrier would block
    // texts anyway): the page says how to get texts again.
    let texts_stopped = match summary.phone() {
        Some(phone) if summary.contact_method == crate::domain::ContactMethod::Sms => {
            crate::sms::worker::is_opted_out(&ctx.state.db, phone).await?
        }
        _ => false,
    };
    let appointment = crate::appointments::web::section(&ctx, &code).await?;
    Ok(html_response(
        StatusCode::OK,
        views::confirmation(&ctx, &summary, &programs, texts_stopped, appointment),
        Caching::NoStore,
    ))
}

async fn status_form(ctx: Ctx) -> Response {
    html_response(
        StatusCode::OK,
        views::status_form(&ctx, "", "", &[], false),
        Caching::Revalidate,
    )
}

async fn status_lookup(ctx: Ctx, ClientIp(ip): ClientIp, body: Bytes) -> AppResult<Response> {
    check_rate(&ctx.state.status_limiter, ip, "status look-ups")?;
    let mut code_input = String::new();
    let mut last4 = String::new();
    for (key, value) in form_urlencoded::parse(&body) {
        match &*key {
            "ref" => code_input = value.into_owned(),
            "phone_last4" => last4 = value.trim().to_owned(),
            _ => {}
        }
    }
    let code = RefCode::parse(&code_input);
    let mut errors = Vec::new();
    if code.is_none() {
        errors.push(FieldError {
            field: "ref",
            message: "error-ref-invalid",
        });
    }
    if last4.len() != 4 || !last4.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(FieldError {
            field: "phone_last4",
            message: "error-last4-invalid",
        });
    }
    let found = match (&code, errors.is_empty()) {
        (Some(code), true) => store::status_lookup(&ctx.state.db, code, &last4).await?,
        _ => None,
    };
    let resp = match found {
        Some(summary) => {
            let appointment = crate::appointments::web::section(&ctx, &summary.code).await?;
            html_response(
                StatusCode::OK,
                views::status_result(&ctx, &summary, appointment),
                Caching::NoStore,
            )
        }
        None if !errors.is_empty() => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::status_form(&ctx, &code_input, &last4, &errors, false),
            Caching::NoStore,
        ),
        None => html_response(
            StatusCode::NOT_FOUND,
            views::status_form(&ctx, &code_input, &last4, &[], true),
            Caching::NoStore,
        ),
    };
    Ok(resp)
}
