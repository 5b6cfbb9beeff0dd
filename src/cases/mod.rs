//! The staff side of cases: the caseload (`GET /cases`), one case (`GET /cases/{id}`), and
//! the changes made from them. Who may see what is decided in `transitions`; a case a user may
//! not see answers 404 so its existence stays hidden.
//!
//! Handlers by concern: `caseload` (the list), `page` (one case, and drawing it again after a
//! refused change), `casework` (note, status, contact, follow-up, outcome), `referrals`,
//! `assign` (take, assign, reassign), `texts`, `intake` (requests taken by staff). Queries are
//! in `store`, markup in `views`.

mod answers;
mod appointment;
mod assign;
pub mod autoassign;
mod caseload;
mod casework;
pub mod contact;
mod devices;
pub mod intake;
pub mod outcome;
mod page;
mod referrals;
pub mod store;
pub mod texts;
pub mod transitions;
pub mod views;
pub mod visits;

use axum::routing::{get, post};
use axum::Router;

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};

use crate::areas::choices::AreaCache;
use crate::areas::placement::Placer;
use crate::db::cache::CountCache;
use crate::programs::matches::CatalogCache;
use crate::sms::worker::Outbox;
use crate::web::{Ctx, Shared};

/// The longest note we keep, in characters.
const MAX_NOTE_CHARS: usize = 5000;

pub use caseload::LoadsCache;

/// What the staff case pages need beyond what every route shares.
#[derive(Clone)]
pub struct CasesState {
    pub shared: Shared,
    /// The areas a request may be placed in (the staff request form, the list's filter).
    pub areas: Arc<AreaCache>,
    /// Hands a request a navigator typed in to the placement worker.
    pub placer: Placer,
    /// Wakes the text worker when a navigator sends a text.
    pub outbox: Outbox,
    /// The programs a household may qualify for, as the case page lists them.
    pub catalog: Arc<CatalogCache>,
    /// Counts of supervisors' case lists, a few seconds old at most.
    pub list_counts: Arc<CountCache>,
    /// Each active navigator's load, as the supervisor's caseload shows it (a few seconds old
    /// at most).
    pub navigator_loads: Arc<LoadsCache>,
}

impl FromRef<CasesState> for Shared {
    fn from_ref(state: &CasesState) -> Shared {
        state.shared.clone()
    }
}

/// A case page's request: the page context, and the case pages' own state.
pub struct CaseCtx {
    pub ctx: Ctx,
    pub cases: CasesState,
}

impl std::ops::Deref for CaseCtx {
    type Target = Ctx;
    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl FromRequestParts<CasesState> for CaseCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &CasesState,
    ) -> Result<Self, Self::Rejection> {
        Ok(CaseCtx {
            ctx: Ctx::from_request_parts(parts, state).await?,
            cases: state.clone(),
        })
    }
}

pub fn router() -> Router<CasesState> {
    Router::new()
        .route("/cases", get(caseload::caseload))
        .route("/cases/new", get(intake::form).post(intake::submit))
        .route("/cases/{id}", get(page::case_page))
        .route("/cases/{id}/take", post(assign::take))
        .route("/cases/{id}/notes", post(casework::add_note))
        .route(
            "/cases/{id}/answers",
            get(answers::form).post(answers::submit),
        )
        .route("/cases/{id}/status", post(casework::change_status))
        .route("/cases/{id}/contacts", post(casework::log_contact))
        .route("/cases/{id}/follow-up", post(casework::set_follow_up))
        .route("/cases/{id}/referrals", post(referrals::add_referral))
        .route(
            "/cases/{id}/referrals/{referral}",
            post(referrals::update_referral),
        )
        .route("/cases/{id}/outcome", post(casework::save_outcome))
        .route("/cases/{id}/texts", post(texts::send))
        .route("/cases/{id}/assign", post(assign::assign_one))
        .route("/cases/reassign", post(assign::reassign_many))
        .route("/cases/{id}/appointment", post(appointment::book))
        // Devices (issue 18): lend or give, and check in, extend or mark lost.
        .route("/cases/{id}/devices", post(devices::lend))
        .route("/cases/{id}/devices/{loan}", post(devices::change))
}
