//! The staff side of cases: the caseload (`GET /cases`), one case (`GET /cases/{id}`), and
//! the changes made from them. Who may see what is decided in `transitions`; a case a user may
//! not see answers 404 so its existence stays hidden.
//!
//! Handlers by concern: `caseload` (the list), `page` (one case, and drawing it again after a
//! refused change), `casework` (note, status, contact, follow-up, outcome), `referrals`,
//! `assign` (take, assign, reassign), `texts`, `intake` (requests taken by staff). Queries are
//! in `store`, markup in `views`.

mod assign;
pub mod autoassign;
mod caseload;
mod casework;
pub mod intake;
pub mod outcome;
mod page;
mod referrals;
pub mod store;
pub mod texts;
pub mod transitions;
pub mod views;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub(crate) use page::program_catalog;

/// The longest note we keep, in characters.
const MAX_NOTE_CHARS: usize = 5000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(caseload::caseload))
        .route("/cases/new", get(intake::form).post(intake::submit))
        .route("/cases/{id}", get(page::case_page))
        .route("/cases/{id}/take", post(assign::take))
        .route("/cases/{id}/notes", post(casework::add_note))
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
}
