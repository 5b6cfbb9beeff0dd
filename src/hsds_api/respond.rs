//! How the API answers: JSON or ndjson with a validator (`ETag`, `304` on `If-None-Match`)
//! and `Cache-Control`, and every error as a JSON object (never an HTML page): the handlers'
//! own, and those made before or around them (405, 429, 413).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::query::BadParameter;

/// Public data that may be a minute old: caches and crawlers keep it that long, then ask
/// again with the validator and usually get `304`.
pub const CACHE_CONTROL: &str = "public, max-age=60";

pub const JSON: &str = "application/json";
pub const NDJSON: &str = "application/x-ndjson";

/// An error for the caller, as `{"status", "error", "message"}` (and `parameter` when one is
/// to blame).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub parameter: Option<String>,
}

impl ApiError {
    pub fn not_found(what: &str, id: &str) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: format!("there is no {what} with id {id:?}"),
            parameter: None,
        }
    }

    pub fn bad(parameter: &str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            parameter: Some(parameter.to_owned()),
        }
    }
}

impl From<BadParameter> for ApiError {
    fn from(b: BadParameter) -> Self {
        Self::bad(&b.parameter, b.message)
    }
}

/// Anything unexpected: logged, and an opaque 500 for the caller.
impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        tracing::error!(error = ?err, "HSDS API failed");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "something went wrong on our side; try again later".into(),
            parameter: None,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        anyhow::Error::from(err).into()
    }
}

fn error_body(status: StatusCode, message: &str, parameter: Option<&str>) -> Response {
    let mut body = json!({
        "status": status.as_u16(),
        "error": status.canonical_reason().unwrap_or("error"),
        "message": message,
    });
    if let Some(p) = parameter {
        body["parameter"] = p.into();
    }
    (
        status,
        [
            (header::CONTENT_TYPE, JSON),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_body(self.status, &self.message, self.parameter.as_deref())
    }
}

pub type ApiResult = Result<Response, ApiError>;

/// A weak validator for `body`: the answer may be sent compressed or not, the same data.
fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for it) or is `*`.
fn unchanged(request: &HeaderMap, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == bare(etag))
}

/// `body` as a `200` of `content_type` with its validator, or `304` when the caller has it.
pub fn answer(request: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    let etag = etag(&body);
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    if unchanged(request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    (StatusCode::OK, headers, Body::from(body)).into_response()
}

/// One JSON value.
pub fn json_answer(request: &HeaderMap, value: &Value) -> Response {
    answer(request, JSON, value.to_string().into_bytes())
}

/// Every item, one a line.
pub fn ndjson_answer<T: serde::Serialize>(request: &HeaderMap, items: &[T]) -> Response {
    let mut body = Vec::new();
    for item in items {
        // A JSON value always serializes; nothing is written for one that would not.
        if serde_json::to_writer(&mut body, item).is_ok() {
            body.push(b'\n');
        }
    }
    answer(request, NDJSON, body)
}

/// Turns an error answer without a JSON body (a `405` from the router, a `429` from the rate
/// limit, a `413`) into a JSON error, keeping the headers that tell the caller what to do.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let message = match status {
        StatusCode::METHOD_NOT_ALLOWED => "this API only reads: use GET",
        StatusCode::TOO_MANY_REQUESTS => {
            "too many requests from this address; wait for the seconds in Retry-After"
        }
        StatusCode::NOT_FOUND => "there is nothing at this address; see the OpenAPI document",
        s if s.is_server_error() => "something went wrong on our side; try again later",
        _ => "the request could not be answered",
    };
    let mut answer = error_body(status, message, None);
    for name in [header::RETRY_AFTER, header::ALLOW] {
        if let Some(value) = response.headers().get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_match_weakly() {
        let tag = etag(b"[]");
        assert!(tag.starts_with("W/\"") && tag.len() == 36, "{tag}");
        let mut req = HeaderMap::new();
        assert!(!unchanged(&req, &tag));
        req.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        assert!(unchanged(&req, &tag));
        let strong = tag.trim_start_matches("W/").to_owned();
        req.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"other\", {strong}")).unwrap(),
        );
        assert!(unchanged(&req, &tag));
        req.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!unchanged(&req, &tag));
        let resp = answer(&req, JSON, b"[]".to_vec());
        assert_eq!(resp.status(), StatusCode::OK);
        req.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        let resp = answer(&req, JSON, b"[]".to_vec());
        assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(resp.headers()[header::ETAG], tag.as_str());
    }
}
