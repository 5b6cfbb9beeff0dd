//! Appointments (issue 17): free slots at sites in the resident's language, and booking them,
//! by the resident on the web or by text, or by staff from the case page.

pub mod display;
pub mod slots;
pub mod store;
pub mod views;
pub mod web;

pub use web::router;
