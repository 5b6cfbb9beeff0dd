//! `POST /cases/{id}/appointment`: staff book a free time for the resident (moving the one
//! booked, if any), or cancel it. The slot decides, not the case's version: booking changes no
//! field of the case, and two people booking the same time are told apart by the slot itself.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::page::{posted, render_case};
use super::views::CaseForms;
use super::CaseCtx;
use crate::appointments::slots::SlotKey;
use crate::appointments::store::{self, BookError, BookedVia};
use crate::auth::StaffForm;
use crate::web::AppResult;

pub async fn book(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let (id, user, _, _) = posted(&ctx, &id, &form).await?;
    let db = &ctx.state.db;
    let now = crate::db::now();
    let back = Redirect::to(&format!("/cases/{id}#appointment")).into_response();
    if let Ok(cancel) = form.get("cancel").parse::<i64>() {
        // Only this case's appointment: an id from another case's page changes nothing.
        if let Some(a) = store::upcoming_for_case(db, id, now).await? {
            if a.id == cancel {
                store::cancel(db, a.id, Some(user.id), now).await?;
            }
        }
        return Ok(back);
    }
    let chosen = form.all("slot");
    let key = match chosen.as_slice() {
        [one] => SlotKey::parse(one),
        _ => None,
    };
    let mut forms = CaseForms {
        show_slots: true,
        ..CaseForms::default()
    };
    let refused = match key {
        None => (StatusCode::UNPROCESSABLE_ENTITY, "case-appt-error-choose"),
        Some(key) => {
            let via = BookedVia::Staff { user_id: user.id };
            let tz = &ctx.state.config.timezone;
            match store::book(db, tz, id, &key, via, now).await {
                Ok(a) => {
                    tracing::info!(
                        user_id = user.id,
                        case_id = id,
                        appointment = a.id,
                        "staff booked"
                    );
                    return Ok(back);
                }
                Err(BookError::Taken | BookError::Past | BookError::Closed) => {
                    (StatusCode::CONFLICT, "case-appt-error-taken")
                }
                Err(BookError::Unavailable | BookError::NoCase) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "case-appt-error-choose")
                }
                Err(BookError::Db(e)) => return Err(e.into()),
            }
        }
    };
    forms.add_error("slot", refused.1);
    tracing::info!(
        user_id = user.id,
        case_id = id,
        status = refused.0.as_u16(),
        "staff booking refused"
    );
    render_case(&ctx, user, id, refused.0, &forms).await
}
