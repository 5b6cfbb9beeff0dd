//! HTML answers: language negotiation and error pages (one middleware), the cache of pages that
//! are the same for everyone who reads a language, and the security headers.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sha2::{Digest, Sha256};

use super::layout::page;
use super::Shared;
use super::{AppResult, Ctx};
use crate::i18n::{negotiate, Lang, LangSource};

const LANG_COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn query_value<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Picks the request's language (and remembers a `?lang=` choice in a cookie), and draws the
/// page for any error answer that has no page (or JSON error) of its own: 404, 405, 413, 429,
/// 500.
pub async fn language_and_error_pages(
    State(state): State<Shared>,
    mut req: Request,
    next: Next,
) -> Response {
    let (lang, source) = negotiate(
        query_value(req.uri().query(), "lang"),
        cookie_value(req.headers(), "lang"),
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    req.extensions_mut().insert(lang);
    let path = req.uri().path().to_owned();
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();

    let mut resp = next.run(req).await;

    if source == LangSource::Query {
        let cookie = format!(
            "lang={}; Path=/; Max-Age={LANG_COOKIE_MAX_AGE}; SameSite=Lax",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            resp.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    let status = resp.status();
    // An answer that brings its own body is kept: an HTML page, or a JSON error for a program
    // reading an API (which could not read a page).
    let has_page = resp.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes().starts_with(b"text/html") || v.as_bytes().starts_with(b"application/json")
    });
    if (status.is_client_error() || status.is_server_error()) && !has_page {
        let ctx = Ctx::new(state, lang, path);
        let (parts, _) = resp.into_parts();
        let mut page = html_response(
            status,
            error_page(&ctx, status, &request_id),
            Caching::NoStore,
        );
        for name in [header::RETRY_AFTER, header::ALLOW, header::SET_COOKIE] {
            for value in parts.headers.get_all(&name) {
                page.headers_mut().append(name.clone(), value.clone());
            }
        }
        return page;
    }
    resp
}

fn error_page(ctx: &Ctx, status: StatusCode, request_id: &str) -> Markup {
    let key = match status.as_u16() {
        // Only staff meet a 403, so its text is in staff.ftl.
        403 => "error-403",
        404 | 405 => "error-404",
        413 => "error-413",
        429 => "error-429",
        400..=499 => "error-400",
        _ => "error-500",
    };
    let title = ctx.t(&format!("{key}-title"));
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p { (ctx.t(&format!("{key}-body"))) }
            p { a href="/" { (ctx.t("error-go-home")) } }
            @if status.is_server_error() && !request_id.is_empty() {
                p.small { (ctx.tr().ta("error-request-id", &[("id", request_id.into())])) }
            }
        },
    )
}

/// How a browser may keep an HTML answer.
#[derive(Clone, Copy, Debug)]
pub enum Caching {
    /// Pages with a resident's data: never stored.
    NoStore,
    /// Anything else: stored, but checked again each time.
    Revalidate,
}

const VARY_PAGE: &str = "Accept-Language, Cookie, Accept-Encoding";

pub fn html_response(status: StatusCode, markup: Markup, caching: Caching) -> Response {
    let cache = match caching {
        Caching::NoStore => "no-store",
        Caching::Revalidate => "private, no-cache",
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
            (header::VARY, VARY_PAGE),
        ],
        markup.into_string(),
    )
        .into_response()
}

/// A page rendered once per language and kept compressed, for the busiest pages that are the
/// same for every reader (the landing page, the empty request form).
#[derive(Debug)]
pub struct CachedPage {
    html: Bytes,
    gzip: Bytes,
    etag: String,
    built: Instant,
}

impl CachedPage {
    fn new(markup: Markup) -> Self {
        let html = Bytes::from(markup.into_string());
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let gzip = enc
            .write_all(&html)
            .and_then(|()| enc.finish())
            .map(Bytes::from)
            .unwrap_or_default();
        let digest = Sha256::digest(&html);
        let etag = format!(
            "\"{}\"",
            digest
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        Self {
            html,
            gzip,
            etag,
            built: Instant::now(),
        }
    }

    /// Answers with the compressed copy when the browser takes gzip, and `304` when the
    /// browser already has this version.
    pub fn respond(&self, request_headers: &HeaderMap) -> Response {
        let etag_matches = request_headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == self.etag));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        headers.insert(header::VARY, HeaderValue::from_static(VARY_PAGE));
        if let Ok(etag) = HeaderValue::from_str(&self.etag) {
            headers.insert(header::ETAG, etag);
        }
        if etag_matches {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        let gzip_ok = !self.gzip.is_empty()
            && request_headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|enc| {
                    let mut parts = enc.split(';');
                    parts.next().is_some_and(|e| e.trim() == "gzip")
                        && !parts
                            .any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"))
                });
        let body = if gzip_ok {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            self.gzip.clone()
        } else {
            self.html.clone()
        };
        (StatusCode::OK, headers, Body::from(body)).into_response()
    }
}

/// Rendered pages by (page, language), rebuilt after `ttl` so that data they show (the list
/// of areas) follows changes made by another process.
#[derive(Debug)]
pub struct PageCache {
    entries: RwLock<HashMap<(&'static str, Lang), Arc<CachedPage>>>,
    ttl: Duration,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            entries: RwLock::new(HashMap::new()),
            ttl,
        }
    }

    pub async fn get_or_build<F, Fut>(
        &self,
        key: &'static str,
        lang: Lang,
        build: F,
    ) -> AppResult<Arc<CachedPage>>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = AppResult<Markup>>,
    {
        if let Some(page) = self.get(key, lang) {
            return Ok(page);
        }
        let page = Arc::new(CachedPage::new(build().await?));
        if let Ok(mut entries) = self.entries.write() {
            entries.insert((key, lang), page.clone());
        }
        Ok(page)
    }

    fn get(&self, key: &'static str, lang: Lang) -> Option<Arc<CachedPage>> {
        let entries = self.entries.read().ok()?;
        entries
            .get(&(key, lang))
            .filter(|p| p.built.elapsed() < self.ttl)
            .cloned()
    }
}

/// Headers on every answer: no inline script or style, no framing, no sniffing; and, when the
/// world reaches us over HTTPS (`NAVDESK_PUBLIC_URL` starts with `https://`, usually TLS at a
/// proxy), HSTS: browsers then never use plain HTTP for a year.
pub fn security_headers(https: bool) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                 frame-ancestors 'none'; base-uri 'none'",
            ),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_queries_are_read_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; lang=es; b=2"),
        );
        assert_eq!(cookie_value(&headers, "lang"), Some("es"));
        assert_eq!(cookie_value(&headers, "x"), None);
        assert_eq!(query_value(Some("x=1&lang=es"), "lang"), Some("es"));
        assert_eq!(query_value(None, "lang"), None);
    }

    #[test]
    fn cached_pages_honor_gzip_and_etags() {
        let page = CachedPage::new(html! { p { "hello" } });
        let mut req = HeaderMap::new();
        assert!(page
            .respond(&req)
            .headers()
            .get(header::CONTENT_ENCODING)
            .is_none());
        req.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br, gzip;q=0.8"),
        );
        let resp = page.respond(&req);
        assert_eq!(resp.headers()[header::CONTENT_ENCODING], "gzip");
        req.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=0"),
        );
        assert!(page
            .respond(&req)
            .headers()
            .get(header::CONTENT_ENCODING)
            .is_none());
        let etag = resp.headers()[header::ETAG].clone();
        req.insert(header::IF_NONE_MATCH, etag);
        assert_eq!(page.respond(&req).status(), StatusCode::NOT_MODIFIED);
    }
}
