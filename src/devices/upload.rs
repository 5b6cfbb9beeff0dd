//! The spreadsheet a supervisor uploads on the devices page: a `multipart/form-data` body
//! (the only way a page without JavaScript sends a file), read whole, its CSRF token checked
//! as every staff form's is (a plain form's `file` field is read as the file's text). The body is small (the app's body limit), so the parts are found
//! by splitting on the boundary rather than streamed.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::session::same_secret;
use crate::auth::CurrentUser;
use crate::web::pages::{html_response, Caching};
use crate::web::{Ctx, Shared};

/// One part of a multipart body: its field name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    pub body: &'a [u8],
}

/// The boundary a `multipart/form-data` content type names.
pub fn boundary(content_type: &str) -> Option<&str> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (key, value) = p.trim().split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
            .filter(|b| !b.is_empty())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The field name in a part's headers (`Content-Disposition: form-data; name="..."`).
fn field_name(headers: &str) -> Option<String> {
    headers.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        if !key.trim().eq_ignore_ascii_case("content-disposition") {
            return None;
        }
        value.split(';').find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            (k.trim() == "name").then(|| v.trim().trim_matches('"').to_owned())
        })
    })
}

/// The parts of a body, or `None` when it is not well formed.
pub fn parts<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<Part<'a>>> {
    let delimiter = format!("--{boundary}");
    let mut rest = &body[find(body, delimiter.as_bytes())? + delimiter.len()..];
    let next = format!("\r\n--{boundary}");
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let headers_end = find(rest, b"\r\n\r\n")?;
        let headers = std::str::from_utf8(&rest[..headers_end]).ok()?;
        let content = &rest[headers_end + 4..];
        let end = find(content, next.as_bytes())?;
        parts.push(Part {
            name: field_name(headers)?,
            body: &content[..end],
        });
        rest = &content[end + next.len()..];
    }
}

/// A file sent from a staff page, with the signed-in user who sent it.
pub struct Upload {
    pub user: CurrentUser,
    /// The `file` field's bytes (empty when no file was chosen).
    pub file: Vec<u8>,
}

impl<S: Send + Sync> FromRequest<S> for Upload
where
    Shared: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let (mut parts_of, body) = req.into_parts();
        let user = CurrentUser::from_request_parts(&mut parts_of, state).await?;
        let ctx = match Ctx::from_request_parts(&mut parts_of, state).await {
            Ok(ctx) => ctx,
            Err(never) => match never {},
        };
        let content_type = parts_of
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = Bytes::from_request(Request::from_parts(parts_of, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        // A form without a file (a script, a test) may send the file's text as a plain field.
        let fields: Vec<(String, Vec<u8>)> = match boundary(&content_type) {
            Some(b) => match parts(&bytes, b) {
                Some(sent) => sent
                    .into_iter()
                    .map(|p| (p.name, p.body.to_vec()))
                    .collect(),
                None => return Err(StatusCode::BAD_REQUEST.into_response()),
            },
            None => form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned().into_bytes()))
                .collect(),
        };
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_slice())
        };
        let token = field("csrf_token")
            .and_then(|t| std::str::from_utf8(t).ok())
            .unwrap_or_default();
        if !same_secret(&user.csrf_token, token) {
            tracing::warn!(user_id = user.id, path = %ctx.path, "upload refused: CSRF token missing or wrong");
            return Err(html_response(
                StatusCode::FORBIDDEN,
                crate::auth::views::csrf_failed(&ctx),
                Caching::NoStore,
            ));
        }
        let file = field("file").unwrap_or_default().to_vec();
        Ok(Upload { user, file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_read_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=----x1"),
            Some("----x1")
        );
        assert_eq!(
            boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""),
            Some("a b")
        );
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        assert_eq!(boundary("multipart/form-data; boundary="), None);
    }

    #[test]
    fn parts_are_split_on_the_boundary() {
        let body = b"--XyZ\r\n\
            Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\
            tok\r\n\
            --XyZ\r\n\
            Content-Disposition: form-data; name=\"file\"; filename=\"d.csv\"\r\n\
            Content-Type: text/csv\r\n\r\n\
            asset_tag,kind\r\nHS-1,hotspot\r\n\r\n\
            --XyZ--\r\n";
        let got = parts(body, "XyZ").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].name.as_str(), got[0].body),
            ("csrf_token", &b"tok"[..])
        );
        assert_eq!(got[1].name, "file");
        assert_eq!(got[1].body, b"asset_tag,kind\r\nHS-1,hotspot\r\n");
        assert_eq!(parts(b"--XyZ\r\nbroken", "XyZ"), None);
        assert_eq!(parts(b"no boundary here", "XyZ"), None);
        assert_eq!(parts(b"--XyZ--\r\n", "XyZ"), Some(vec![]));
    }
}
