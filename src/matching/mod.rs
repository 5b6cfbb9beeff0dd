//! Pure domain logic for matching residents with help: program eligibility for now. No axum,
//! no sqlx: plain functions with unit tests.

pub mod eligibility;
