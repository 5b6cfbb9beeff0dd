//! Matching requests with help, as pure domain logic (no axum, no sqlx): navigators who fit a
//! request, and the programs a household may qualify for.

pub mod eligibility;
pub mod navigators;
