//! The caseload's queries: lists (each served by an index), one case with its resident and
//! timeline, and the changes (take, note, status, contact, referral, outcome, assignment), each
//! in one transaction with the event it appends and its audit row, and guarded by the case's
//! `version` (see `change`).

mod answers;
mod assignment;
mod case;
mod change;
mod contacts;
mod day;
mod intake;
mod list;
mod outcomes;
mod referrals;

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::domain::CaseStatus;

pub use answers::{answers, changed_fields, correct, Consent, StoredAnswers};
pub use assignment::{
    auto_assign, match_candidates, match_request, navigator_choices, navigator_of_user, reassign,
    release_cases_of, take, NavigatorChoice,
};
pub use case::{
    add_note, case_detail, change_status, mark_replies_seen, set_follow_up, timeline, CaseDetail,
    Event, FollowUp, StatusMove, TIMELINE_PAGE,
};
pub use change::Change;
pub use contacts::{active_site, active_sites, log_contact, Contact, Site};
pub use day::{
    day_counts, day_counts_query, day_lines, day_lines_query, navigator_loads,
    navigator_loads_query, DayCounts, NavigatorLoad,
};
pub use intake::{record_staff_request, record_staff_request_in};
pub use list::{
    call_back_query, call_backs, count, count_query, in_queue, list, list_query, CaseLine, Due,
    Filter, List, NavigatorFilter, Search, StatusFilter, Val, PAGE_SIZE,
};
pub use outcomes::{outcome, save_outcome};
pub use referrals::{
    add_referral, program_choices, referrals, update_referral, ProgramChoice, Referral,
    ReferralChange,
};

/// The open statuses of a case that has a navigator, as SQL text (fixed, not user input).
const ASSIGNED_OPEN: &str = "('assigned', 'in_progress', 'waiting_on_resident', 'referred')";
const ALL_OPEN: &str = "('new', 'assigned', 'in_progress', 'waiting_on_resident', 'referred')";

fn status_of(row: &AnyRow) -> Result<CaseStatus, sqlx::Error> {
    let status: String = row.try_get("status")?;
    CaseStatus::parse(&status)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown case status {status:?}").into()))
}
