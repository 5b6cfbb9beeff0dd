//! Sessions kept in the database, so any app instance serves any signed-in browser. The
//! browser holds a random token in the `navdesk_session` cookie; the table holds only its
//! SHA-256. Each request checks the idle and absolute timeouts and that the account is still
//! enabled, and writes `last_seen_at` at most once a minute.

use axum::http::HeaderValue;
use axum_extra::extract::cookie::CookieJar;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::Row;
use subtle::ConstantTimeEq;

use crate::config::AuthConfig;
use crate::db::Db;
use crate::domain::staff::{CurrentUser, Role};
use crate::i18n::Lang;

pub const SESSION_COOKIE: &str = "navdesk_session";

/// 32 random bytes, base64url without padding (43 characters).
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token: its SHA-256 in hex.
pub fn token_id(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two secrets in time that depends only on their lengths.
pub fn same_secret(a: &str, b: &str) -> bool {
    !a.is_empty() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A cookie only our pages read: `HttpOnly`, `SameSite=Lax`, `Path=/`, and `Secure` when
/// the world reaches us over HTTPS. Without `max_age` it ends with the browser session.
pub fn cookie_header(
    name: &str,
    value: &str,
    secure: bool,
    max_age_secs: Option<i64>,
) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = max_age_secs
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{max_age}"
    ))
    .ok()
}

/// The token a request carries in `name`, if any.
pub fn cookie_token(jar: &CookieJar, name: &str) -> Option<String> {
    jar.get(name)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether a session may still be used at `now`, and whether to write `last_seen_at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    Fresh { touch: bool },
    IdleTooLong,
    TooOld,
}

pub fn freshness(created_at: i64, last_seen_at: i64, now: i64, cfg: &AuthConfig) -> Freshness {
    if now - created_at >= cfg.absolute_timeout_secs {
        Freshness::TooOld
    } else if now - last_seen_at >= cfg.idle_timeout_secs {
        Freshness::IdleTooLong
    } else {
        Freshness::Fresh {
            touch: now - last_seen_at >= cfg.touch_interval_secs,
        }
    }
}

/// A new session for `user_id`; returns the browser's token (the row holds its hash).
pub async fn create(db: &Db, user_id: i64, now: i64) -> sqlx::Result<String> {
    let token = random_token();
    sqlx::query(
        "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(token_id(&token))
    .bind(user_id)
    .bind(random_token())
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

pub async fn delete(db: &Db, session_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(session_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of a user, or every one but `keep`.
pub async fn delete_for_user(db: &Db, user_id: i64, keep: Option<&str>) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or_default())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Forgets sessions that can no longer be used.
pub async fn delete_expired(db: &Db, now: i64, cfg: &AuthConfig) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2")
        .bind(now - cfg.idle_timeout_secs)
        .bind(now - cfg.absolute_timeout_secs)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The user behind a session token, if the session is fresh and the account enabled. An
/// expired session is deleted; `last_seen_at` is written when it is a minute old.
pub async fn lookup(
    db: &Db,
    token: &str,
    now: i64,
    cfg: &AuthConfig,
) -> sqlx::Result<Option<CurrentUser>> {
    let id = token_id(token);
    // The navigator profile comes with the user: most staff pages need it.
    let row = sqlx::query(
        "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, \
                u.email, u.name, u.role, u.language, u.disabled, \
                n.id AS navigator_id, n.languages AS navigator_languages, n.skills AS navigator_skills \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN navigators n ON n.user_id = u.id WHERE s.id = $1",
    )
    .bind(&id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let user_id: i64 = row.try_get("user_id")?;
    let csrf_token: String = row.try_get("csrf_token")?;
    let created_at: i64 = row.try_get("created_at")?;
    let last_seen_at: i64 = row.try_get("last_seen_at")?;
    let email: String = row.try_get("email")?;
    let name: String = row.try_get("name")?;
    let role: String = row.try_get("role")?;
    let language: String = row.try_get("language")?;
    let disabled: i64 = row.try_get("disabled")?;
    let navigator = match row.try_get::<Option<i64>, _>("navigator_id")? {
        Some(navigator_id) => Some(crate::domain::staff::QueueProfile {
            navigator_id,
            languages: row
                .try_get::<String, _>("navigator_languages")?
                .split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            skills: crate::domain::split_codes(
                &row.try_get::<String, _>("navigator_skills")?,
                crate::domain::Need::parse,
            ),
        }),
        None => None,
    };
    if disabled != 0 {
        tracing::info!(user_id, "session of a disabled account refused");
        delete_for_user(db, user_id, None).await?;
        return Ok(None);
    }
    let Some(role) = Role::parse(&role) else {
        tracing::error!(user_id, role, "unknown role; session refused");
        return Ok(None);
    };
    match freshness(created_at, last_seen_at, now, cfg) {
        Freshness::Fresh { touch } => {
            if touch {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(&id)
                    .execute(&db.pool)
                    .await?;
            }
        }
        expired => {
            tracing::info!(user_id, ?expired, "session expired");
            delete(db, &id).await?;
            return Ok(None);
        }
    }
    Ok(Some(CurrentUser {
        id: user_id,
        email,
        name,
        role,
        language: Lang::parse(&language).unwrap_or(Lang::EN),
        csrf_token,
        session_id: id,
        navigator,
    }))
}

/// Where to go after signing in: `next` if it is a path on this site, else `/cases`.
/// Refuses anything a browser could read as another site: `//host`, `/\host`, a scheme,
/// and control characters or spaces (browsers drop tabs and newlines, so `/\t/host` would
/// become `//host`) and dot segments (`/.//host` resolves to `//host`). Only visible ASCII is
/// kept, so the value is always a valid header.
pub fn safe_next(next: Option<&str>) -> String {
    const DEFAULT: &str = "/cases";
    let Some(next) = next else {
        return DEFAULT.to_owned();
    };
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        // Dot segments: a browser would resolve `/.//host` to `//host`.
        && !next.split(['?', '#']).next().unwrap_or_default().split('/').any(|segment| {
            matches!(segment, "." | "..")
        })
        && next.len() <= 2000
        && next.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        next.to_owned()
    } else {
        DEFAULT.to_owned()
    }
}

/// `/login?next=<path>`, for a page that needs a signed-in user.
pub fn login_url(path_and_query: &str) -> String {
    let next = safe_next(Some(path_and_query));
    let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("/login?next={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_ever_leads_to_our_own_pages() {
        let cases: &[(Option<&str>, &str)] = &[
            (None, "/cases"),
            (Some(""), "/cases"),
            (Some("/cases"), "/cases"),
            (Some("/cases/42?tab=notes"), "/cases/42?tab=notes"),
            (Some("/"), "/"),
            (Some("//evil.example"), "/cases"),
            (Some("//evil.example/path"), "/cases"),
            (Some("https://evil.example"), "/cases"),
            (Some("http://evil.example/cases"), "/cases"),
            (Some("javascript:alert(1)"), "/cases"),
            (Some("evil.example"), "/cases"),
            (Some("/\\evil.example"), "/cases"),
            (Some("\\\\evil.example"), "/cases"),
            (Some("/\t/evil.example"), "/cases"),
            (Some("/\n/evil.example"), "/cases"),
            (Some(" /cases"), "/cases"),
            (Some("/cases\r\nSet-Cookie: x=1"), "/cases"),
            (Some("/café"), "/cases"),
            (Some("/%2F/evil.example"), "/%2F/evil.example"),
            (Some("/.//evil.example"), "/cases"),
            (Some("/cases/../cases"), "/cases"),
            (Some("/cases/./42"), "/cases"),
            (Some("/cases?q=a/../b"), "/cases?q=a/../b"),
        ];
        for (input, want) in cases {
            assert_eq!(safe_next(*input), *want, "{input:?}");
        }
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(3000)))), "/cases");
    }

    #[test]
    fn the_login_url_carries_the_page() {
        assert_eq!(login_url("/cases"), "/login?next=%2Fcases");
        assert_eq!(
            login_url("/cases/7?x=1&y=2"),
            "/login?next=%2Fcases%2F7%3Fx%3D1%26y%3D2"
        );
        assert_eq!(login_url("//evil.example"), "/login?next=%2Fcases");
    }

    #[test]
    fn sessions_end_when_idle_or_old() {
        let cfg = AuthConfig::default();
        let t0 = 1_700_000_000;
        let hour = 3600;
        let cases = [
            // (created, last seen, now, expected)
            (t0, t0, t0, Freshness::Fresh { touch: false }),
            (t0, t0, t0 + 59, Freshness::Fresh { touch: false }),
            (t0, t0, t0 + 60, Freshness::Fresh { touch: true }),
            (t0, t0, t0 + 8 * hour - 1, Freshness::Fresh { touch: true }),
            (t0, t0, t0 + 8 * hour, Freshness::IdleTooLong),
            // Busy all week: still ends seven days after sign-in.
            (
                t0,
                t0 + 7 * 24 * hour - 30,
                t0 + 7 * 24 * hour - 1,
                Freshness::Fresh { touch: false },
            ),
            (
                t0,
                t0 + 7 * 24 * hour - 30,
                t0 + 7 * 24 * hour,
                Freshness::TooOld,
            ),
            (
                t0,
                t0 + 10 * 24 * hour,
                t0 + 10 * 24 * hour,
                Freshness::TooOld,
            ),
        ];
        for (created, seen, now, want) in cases {
            assert_eq!(
                freshness(created, seen, now, &cfg),
                want,
                "created {created} seen {seen} now {now}"
            );
        }
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let a = random_token();
        let b = random_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        let id = token_id(&a);
        assert_eq!(id.len(), 64);
        assert_ne!(id, a);
        assert_eq!(id, token_id(&a));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
        assert!(!same_secret("", ""), "an empty token never matches");
    }

    #[test]
    fn cookies_are_locked_down() {
        let plain = cookie_header(SESSION_COOKIE, "tok", false, None).unwrap();
        let plain = plain.to_str().unwrap();
        assert!(plain.starts_with("navdesk_session=tok"), "{plain}");
        for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(plain.contains(attr), "{plain} has {attr}");
        }
        assert!(!plain.contains("Secure"), "{plain}");
        assert!(!plain.contains("Max-Age"), "{plain}");
        let secure = cookie_header(SESSION_COOKIE, "tok", true, Some(0)).unwrap();
        let secure = secure.to_str().unwrap();
        assert!(secure.contains("Secure"), "{secure}");
        assert!(secure.contains("Max-Age=0"), "{secure}");
    }
}
