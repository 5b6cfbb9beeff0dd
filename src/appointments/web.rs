//! `POST /help/{ref}/appointment`: a resident books, moves or cancels an appointment from the
//! confirmation or status page. The reference code is what lets them in, as on the
//! confirmation page itself; there is no session, so no token to check, and the same limit per
//! address as requests for help keeps anyone from trying codes quickly.

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use maud::Markup;

use super::slots::{self, Seeker, Slot, SlotKey};
use super::store::{self, BookError, BookedVia};
use super::views::{self, Refusal, SLOT_FIELD};
use crate::db::Db;
use crate::domain::RefCode;
use crate::web::pages::{html_response, Caching};
use crate::web::{check_rate, AppError, AppResult, ClientIp, Ctx, Shared};

/// How far ahead a resident may book, and how many times the pages offer.
pub const DAYS_AHEAD: u32 = 14;
const OFFER_SITES: usize = 3;
const OFFER_PER_SITE: usize = 4;

pub fn router() -> Router<Shared> {
    Router::new().route("/help/{code}/appointment", post(submit))
}

/// An open case's id and its resident's seeker, by reference code.
async fn open_case(db: &Db, code: &RefCode) -> Result<Option<(i64, Seeker)>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM cases WHERE ref_code = $1 AND status NOT IN ('resolved', 'closed')",
    )
    .bind(code.as_str())
    .fetch_optional(&db.pool)
    .await?;
    let Some(id) = id else { return Ok(None) };
    Ok(Seeker::for_case(db, id).await?.map(|s| (id, s)))
}

async fn offered(ctx: &Ctx, seeker: &Seeker, now: i64) -> Result<Vec<Slot>, sqlx::Error> {
    slots::offer(
        &ctx.state.db,
        &ctx.state.config.timezone,
        seeker,
        now,
        DAYS_AHEAD,
        OFFER_SITES,
        OFFER_PER_SITE,
    )
    .await
}

/// The appointment section for the confirmation and status pages of the case `code` names:
/// nothing for a closed case.
pub async fn section(ctx: &Ctx, code: &RefCode) -> Result<Markup, sqlx::Error> {
    let now = crate::db::now();
    let Some((case_id, seeker)) = open_case(&ctx.state.db, code).await? else {
        return Ok(Markup::default());
    };
    let upcoming = store::upcoming_for_case(&ctx.state.db, case_id, now).await?;
    let slots = offered(ctx, &seeker, now).await?;
    Ok(views::section(ctx, code, upcoming.as_ref(), &slots))
}

async fn submit(
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    check_rate(&ctx.state.help_limiter, ip, "appointment bookings")?;
    let code = RefCode::parse(&code).ok_or(AppError::NotFound)?;
    let db = &ctx.state.db;
    let (case_id, seeker) = open_case(db, &code).await?.ok_or(AppError::NotFound)?;
    let now = crate::db::now();
    let mut chosen = Vec::new();
    let mut cancel = false;
    for (key, value) in form_urlencoded::parse(&body) {
        match &*key {
            SLOT_FIELD => chosen.push(value.into_owned()),
            "cancel" => cancel = value == "yes",
            _ => {}
        }
    }
    let back = Redirect::to(&format!("/help/{code}#appointment")).into_response();
    if cancel && chosen.is_empty() {
        if let Some(a) = store::upcoming_for_case(db, case_id, now).await? {
            store::cancel(db, a.id, None, now).await?;
            tracing::info!(case = case_id, appointment = a.id, "resident cancelled");
        }
        return Ok(back);
    }
    let key = match chosen.as_slice() {
        [one] => SlotKey::parse(one),
        _ => None,
    };
    let refusal = match key {
        None => Refusal::Invalid,
        Some(key) => {
            let tz = &ctx.state.config.timezone;
            match store::book(db, tz, case_id, &key, BookedVia::Web, now).await {
                Ok(_) => return Ok(back),
                Err(BookError::Taken | BookError::Past | BookError::Closed) => Refusal::Taken,
                Err(BookError::Unavailable) => Refusal::Invalid,
                Err(BookError::NoCase) => return Err(AppError::NotFound),
                Err(BookError::Db(e)) => return Err(e.into()),
            }
        }
    };
    let status = match refusal {
        Refusal::Taken => StatusCode::CONFLICT,
        Refusal::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
    };
    tracing::info!(case = case_id, status = status.as_u16(), "booking refused");
    let slots = offered(&ctx, &seeker, now).await?;
    Ok(html_response(
        status,
        views::refused(&ctx, &code, refusal, &slots),
        Caching::NoStore,
    ))
}
