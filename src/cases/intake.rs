//! Requests taken by phone or in person: staff fill in the resident's form for them
//! (`GET/POST /cases/new`), with the same fields and checks as the public form, say how the
//! request came in and, when the resident agrees to texts, how they gave that consent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::store;
use super::CaseCtx;
use crate::auth::{CurrentUser, StaffForm};
use crate::domain::{Channel, ConsentHow};
use crate::intake::form::RawRequest;
use crate::intake::views::{request_form, StaffIntake};
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::AppResult;

pub async fn form(ctx: CaseCtx, user: CurrentUser) -> AppResult<Response> {
    let db = &ctx.state.db;
    let areas = ctx.cases.areas.get(db).await?;
    let is_navigator = user.navigator.is_some();
    let staff = StaffIntake {
        csrf_token: &user.csrf_token,
        channel: "",
        consent_how: "",
        assign_me: is_navigator.then_some(true),
        correcting: None,
    };
    Ok(html_response(
        StatusCode::OK,
        request_form(&ctx, &RawRequest::default(), &[], &areas, Some(&staff)),
        Caching::NoStore,
    ))
}

/// What staff add to the resident's answers, checked; errors go with the form's own.
fn staff_fields(
    form: &StaffForm,
    consent: bool,
    errors: &mut Vec<FieldError>,
) -> Option<(Channel, Option<ConsentHow>)> {
    let channel = match form.get("channel") {
        "phone" => Some(Channel::Phone),
        "walk_in" => Some(Channel::WalkIn),
        _ => {
            errors.push(FieldError {
                field: "channel",
                message: "intake-staff-channel-error",
            });
            None
        }
    };
    let how = ConsentHow::parse(form.get("consent_how"));
    if consent && how.is_none() {
        errors.push(FieldError {
            field: "consent_how",
            message: "intake-staff-consent-how-error",
        });
    }
    channel.map(|c| (c, how.filter(|_| consent)))
}

pub async fn submit(ctx: CaseCtx, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    let db = &ctx.state.db;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.fields.iter().filter(|(k, _)| k != "website"))
        .finish();
    let raw = RawRequest::from_form(body.as_bytes());
    let areas = ctx.cases.areas.get(db).await?;
    let navigator = form.user.navigator.as_ref().map(|p| p.navigator_id);
    let assign_me = form.get("assign_me") == "yes";
    // Staff fields come first on the page, so their errors lead the summary.
    let mut errors = Vec::new();
    let extra = staff_fields(&form, raw.sms_consent == "yes", &mut errors);
    let request = match crate::intake::form::validate(&raw, ctx.lang, &areas) {
        Ok(r) => Some(r),
        Err(form_errors) => {
            errors.extend(form_errors);
            None
        }
    };
    match (request, extra, errors.is_empty()) {
        (Some(request), Some((channel, how)), true) => {
            let assign_to = navigator.filter(|_| assign_me);
            let now = crate::db::now();
            let (case_id, code) =
                store::record_staff_request(db, &request, channel, how, user.id, assign_to, now)
                    .await?;
            ctx.cases.placer.notify(case_id);
            tracing::info!(user_id = user.id, case_id, case = %code, channel = channel.code(), "request recorded by staff");
            Ok(Redirect::to(&format!("/cases/{case_id}")).into_response())
        }
        _ => {
            tracing::info!(user_id = user.id, fields = ?errors.iter().map(|e| e.field).collect::<Vec<_>>(), "staff request refused");
            let staff = StaffIntake {
                csrf_token: &user.csrf_token,
                channel: form.get("channel"),
                consent_how: form.get("consent_how"),
                assign_me: navigator.map(|_| assign_me),
                correcting: None,
            };
            Ok(html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                request_form(&ctx, &raw, &errors, &areas, Some(&staff)),
                Caching::NoStore,
            ))
        }
    }
}
