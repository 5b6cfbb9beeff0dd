//! What every page shares: the request context (language, path), the layout, error pages,
//! cached pages, security headers and the middleware that ties them together.

pub mod assets;
pub mod error;
pub mod form;
pub mod layout;
pub mod pages;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::i18n::{Lang, Tr};
use crate::AppState;

pub use error::{AppError, AppResult};

/// What a view needs to know about the request it answers.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub lang: Lang,
    /// The request path, for links that keep the page (the language chooser).
    pub path: String,
}

impl Ctx {
    pub fn new(state: AppState, lang: Lang, path: impl Into<String>) -> Self {
        Self {
            state,
            lang,
            path: path.into(),
        }
    }

    pub fn tr(&self) -> Tr<'_> {
        self.state.i18n.tr(self.lang)
    }

    pub fn t(&self, id: &str) -> String {
        self.tr().t(id)
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or(Lang::EN);
        Ok(Ctx::new(state.clone(), lang, parts.uri.path()))
    }
}

/// The client's address, for rate limits.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub std::net::IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|ci| ci.0.ip())
            .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
        Ok(ClientIp(ip))
    }
}

/// A `?page=` number: 1 when missing or garbled, and never absurdly large.
pub fn page_number(raw: Option<&str>) -> i64 {
    raw.and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_forgiving() {
        for (raw, want) in [
            (None, 1),
            (Some(""), 1),
            (Some("x"), 1),
            (Some("0"), 1),
            (Some("-3"), 1),
            (Some(" 4 "), 4),
            (Some("99999999999"), 1_000_000),
        ] {
            assert_eq!(page_number(raw), want, "{raw:?}");
        }
    }
}
