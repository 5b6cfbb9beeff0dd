//! Devices (issue 18): the inventory of hotspots, laptops, tablets and Chromebooks a program
//! lends or gives, their history, and their loans to residents' cases.
//!
//! The schema is `migrations/*/0021_devices.sql`. A device leaves stock only through a
//! conditional update from `available` in the same transaction as its loan row, so it is never
//! out twice, whatever the number of instances.

// The inventory (issue 18, part A).
pub mod form;
pub mod inventory;
pub mod model;
pub mod spreadsheet;
pub mod store;
pub mod upload;
pub mod views;

pub use inventory::router;

// Lending (issue 18, part B): loans and gifts from the case page, their texts and replies.
pub mod loan_replies;
pub mod loan_texts;
pub mod loans;
