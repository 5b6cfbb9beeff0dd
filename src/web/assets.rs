//! Static assets built into the binary and served under fingerprinted URLs, so browsers may
//! keep them for a year and a new release is fetched at once.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

#[derive(RustEmbed)]
#[folder = "assets/"]
struct AssetFiles;

/// An asset's fingerprinted path, e.g. `/assets/app.3f9a2c1d07.css`.
#[derive(Clone, Debug)]
pub struct Assets {
    pub css_path: String,
}

fn fingerprint(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

impl Assets {
    pub fn load() -> Self {
        let css = AssetFiles::get("app.css")
            .map(|f| f.data)
            .unwrap_or_default();
        Self {
            css_path: format!("/assets/app.{}.css", fingerprint(&css)),
        }
    }
}

/// `GET /assets/{name}`: `app.<hash>.css` → `app.css`, cached for a year when the hash matches.
pub async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let mut parts = name.split('.');
    let (Some(stem), Some(hash), Some(ext), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let file_name = format!("{stem}.{ext}");
    let Some(file) = AssetFiles::get(&file_name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if fingerprint(&file.data) != hash {
        return StatusCode::NOT_FOUND.into_response();
    }
    let etag = format!("\"{hash}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let content_type = match ext {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CACHE_CONTROL,
                "public, max-age=31536000, immutable".to_owned(),
            ),
            (header::ETAG, etag),
        ],
        file.data.into_owned(),
    )
        .into_response()
}
