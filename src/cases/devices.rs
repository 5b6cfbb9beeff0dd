//! `POST /cases/{id}/devices` lends or gives a device in stock to the resident;
//! `POST /cases/{id}/devices/{loan}` checks a lent one back in, extends it or marks it lost.
//! The device decides, not the case's version: lending changes no field of the case, and two
//! people lending the same device are told apart by the device's own status.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::page::{case_id, posted, render_case};
use super::transitions::is_open;
use super::views::CaseForms;
use super::CaseCtx;
use crate::auth::StaffForm;
use crate::devices::loans::{self, Ending, Lending, LoanError};
use crate::devices::model::Condition;
use crate::web::{AppError, AppResult};

/// The message for a device that cannot be lent, by its status now.
fn unavailable(status: &str) -> &'static str {
    match status {
        "on_loan" => "loan-error-out",
        "reserved" => "loan-error-reserved",
        "given" => "loan-error-given",
        "in_repair" => "loan-error-in-repair",
        "lost" => "loan-error-lost",
        _ => "loan-error-retired",
    }
}

pub async fn lend(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let (id, user, case, _) = posted(&ctx, &id, &form).await?;
    let now = crate::db::now();
    let tz = &ctx.state.config.timezone;
    let mut forms = CaseForms {
        device: form.get("device"),
        how: form.get("how"),
        due_on: form.get("due_on"),
        show_stock: true,
        ..CaseForms::default()
    };
    let device = form.get("device").parse::<i64>().ok();
    let how = match form.get("how") {
        "gift" => Some(Ok(Lending::Gift)),
        "loan" => Some(
            loans::due_date(tz, form.get("due_on"), now).map(|due_on| Lending::Loan { due_on }),
        ),
        _ => None,
    };
    if !is_open(case.status) {
        forms.add_error("device", "loan-error-closed");
    }
    if device.is_none() {
        forms.add_error("device", "loan-error-choose");
    }
    match &how {
        None => forms.add_error("how", "loan-error-how"),
        Some(Err(_)) => forms.add_error("due_on", "loan-error-due"),
        Some(Ok(_)) => {}
    }
    let (Some(device), Some(Ok(how)), true) = (device, how, forms.errors.is_empty()) else {
        return refused(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await;
    };
    match loans::lend(&ctx.state.db, id, device, how, user.id, now).await {
        Ok(loan) => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                loan = loan.id,
                "device lent"
            );
            Ok(Redirect::to(&format!("/cases/{id}#act-devices")).into_response())
        }
        Err(LoanError::NotAvailable(status)) => {
            forms.add_error("device", unavailable(&status));
            refused(&ctx, user, id, StatusCode::CONFLICT, forms).await
        }
        Err(LoanError::NoDevice) => {
            forms.add_error("device", "loan-error-choose");
            refused(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
        }
        Err(LoanError::NoCase) => Err(AppError::NotFound),
        Err(LoanError::BadDue | LoanError::NoLoan) => {
            forms.add_error("due_on", "loan-error-due");
            refused(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
        }
        Err(LoanError::Db(e)) => Err(e.into()),
    }
}

pub async fn change(
    ctx: CaseCtx,
    Path((id, loan)): Path<(String, String)>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, _, _) = posted(&ctx, &id, &form).await?;
    let loan = case_id(&loan)?;
    let now = crate::db::now();
    let db = &ctx.state.db;
    let mut forms = CaseForms::default();
    let condition = Condition::parse(form.get("condition"));
    let done = match (form.get("action"), condition) {
        ("return", Some(condition)) => {
            loans::end(db, id, loan, Ending::Returned { condition }, user.id, now).await
        }
        ("lost", _) => loans::end(db, id, loan, Ending::Lost, user.id, now).await,
        ("extend", _) => match loans::due_date(&ctx.state.config.timezone, form.get("due_on"), now)
        {
            Ok(due_on) => loans::extend(db, id, loan, due_on, user.id, now).await,
            Err(e) => Err(e),
        },
        _ => {
            forms.add_error("loan", "loan-error-action");
            return refused(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await;
        }
    };
    let (status, message) = match done {
        Ok(_) => return Ok(Redirect::to(&format!("/cases/{id}#act-devices")).into_response()),
        Err(LoanError::BadDue) => (StatusCode::UNPROCESSABLE_ENTITY, "loan-error-due"),
        Err(LoanError::Db(e)) => return Err(e.into()),
        Err(_) => (StatusCode::CONFLICT, "loan-error-gone"),
    };
    forms.add_error("loan", message);
    refused(&ctx, user, id, status, forms).await
}

async fn refused(
    ctx: &CaseCtx,
    user: &crate::auth::CurrentUser,
    id: i64,
    status: StatusCode,
    forms: CaseForms<'_>,
) -> AppResult<Response> {
    tracing::info!(
        user_id = user.id,
        case_id = id,
        status = status.as_u16(),
        fields = ?forms.errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        "device change refused"
    );
    render_case(ctx, user, id, status, &forms).await
}
