//! Supervisor service-gap map and reports.

pub mod svg;
