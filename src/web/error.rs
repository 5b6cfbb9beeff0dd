//! The one error type handlers return. Anything unexpected becomes an opaque 500 whose cause is
//! logged (with the request id, through the request's span); the page itself is drawn by
//! `pages::render_error_pages` in the resident's language.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Signed in, but this user may not do this.
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND.into_response(),
            AppError::Forbidden => StatusCode::FORBIDDEN.into_response(),
            AppError::TooManyRequests { retry_after_secs } => {
                let mut resp = StatusCode::TOO_MANY_REQUESTS.into_response();
                resp.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(retry_after_secs.max(1)),
                );
                resp
            }
            AppError::Db(err) => {
                tracing::error!(error = %err, "database error");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
            AppError::Other(err) => {
                tracing::error!(error = ?err, "unexpected error");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}
