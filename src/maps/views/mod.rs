//! The markup of the supervisor's pages: `/map` and `/reports`.

mod map;
mod reports;

/// The state's cache of drawn areas names its type by this path.
pub use super::svg::MapAreas;
pub use map::map_view;
pub use reports::{group_label, reports_view};
