//! A navigator's appointments as an iCalendar feed at `GET /calendar/{token}.ics`, behind a
//! secret link they make, make anew or turn off at `/account/calendar`. The feed names each
//! appointment by the case's reference code, language and site only: a calendar on a phone
//! or a shared service must never hold a resident's name, phone or address.

pub mod ics;
pub mod store;
mod views;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use crate::auth::{CurrentUser, StaffForm};
use crate::i18n::Lang;
use crate::web::pages::{html_response, Caching};
use crate::web::{check_rate, AppError, AppResult, ClientIp, Ctx, Shared};

const DAY: i64 = 86_400;
/// How far back and ahead the feed reaches: the last month, and a year to come (so a feed
/// always spans a March and a November change of clocks).
pub const FEED_BACK_SECS: i64 = 31 * DAY;
pub const FEED_AHEAD_SECS: i64 = 366 * DAY;

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/calendar/{file}", get(feed))
        .route("/account/calendar", get(link_page).post(change_link))
}

/// The feed's address for a token.
pub fn feed_url(public_url: &str, token: &str) -> String {
    format!("{}/calendar/{token}.ics", public_url.trim_end_matches('/'))
}

/// A new secret: 256 random bits, URL-safe.
fn new_token() -> String {
    crate::auth::session::random_token()
}

async fn feed(ctx: Ctx, ClientIp(ip): ClientIp, Path(file): Path<String>) -> AppResult<Response> {
    // Counted like a status look-up: both answer only to whoever holds a secret.
    check_rate(&ctx.state.status_limiter, ip, "calendar feeds")?;
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let db = &ctx.state.db;
    let owner = store::owner(db, token).await?.ok_or(AppError::NotFound)?;
    let now = crate::db::now();
    let lines = store::feed(
        db,
        owner.navigator_id,
        now - FEED_BACK_SECS,
        now + FEED_AHEAD_SECS,
    )
    .await?;
    let lang = Lang::parse(&owner.language).unwrap_or(Lang::EN);
    let tr = ctx.state.i18n.tr(lang);
    let public_url = ctx.state.config.public_url.trim_end_matches('/');
    let host = public_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("navdesk");
    let events: Vec<ics::Event> = lines
        .iter()
        .map(|l| {
            let language = Lang::parse(&l.language)
                .map_or_else(|| l.language.clone(), |x| x.info().native_name.to_owned());
            let summary = format!("{} · {language} · {}", l.ref_code, l.site);
            let status = tr.t(&format!("siteday-status-{}", l.status));
            ics::Event {
                uid: format!("appointment-{}@{host}", l.id),
                stamp: l.updated_at,
                starts_at: l.starts_at,
                ends_at: l.ends_at,
                description: format!("{summary}\n{status}\n{public_url}/cases/{}", l.case_id),
                summary,
                location: [l.site.as_str(), l.site_address.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
                cancelled: l.status == "cancelled",
            }
        })
        .collect();
    let name = format!("{} · {}", tr.t("calendar-name"), owner.name);
    let body = ics::calendar(&name, ctx.state.config.timezone.iana_name(), &events);
    tracing::info!(
        navigator_id = owner.navigator_id,
        events = events.len(),
        "calendar feed read"
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-cache"),
        ],
        body,
    )
        .into_response())
}

/// The navigator profile behind a staff member, or `403`: only navigators have appointments.
fn navigator_of(user: &CurrentUser) -> AppResult<i64> {
    user.navigator
        .as_ref()
        .map(|p| p.navigator_id)
        .ok_or(AppError::Forbidden)
}

async fn link_page(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    let navigator = navigator_of(&user)?;
    let token = store::token_of(&ctx.state.db, navigator).await?;
    let url = token.map(|t| feed_url(&ctx.state.config.public_url, &t));
    Ok(html_response(
        StatusCode::OK,
        views::link_page(&ctx, &user, url.as_deref()),
        Caching::NoStore,
    ))
}

/// `action=make` gives a new link (the old one, if any, stops answering); `action=revoke`
/// turns the link off.
async fn change_link(ctx: Ctx, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    let navigator = navigator_of(user)?;
    let token = match form.get("action") {
        "make" => Some(new_token()),
        "revoke" => None,
        _ => return Err(AppError::NotFound),
    };
    let db = &ctx.state.db;
    store::set_token(db, navigator, token.as_deref(), user.id, crate::db::now()).await?;
    tracing::info!(
        user_id = user.id,
        navigator_id = navigator,
        made = token.is_some(),
        "calendar link changed"
    );
    Ok(Redirect::to("/account/calendar").into_response())
}
