//! A site's day.
use crate::web::Shared;
use axum::Router;
pub fn router() -> Router<Shared> {
    Router::new()
}
