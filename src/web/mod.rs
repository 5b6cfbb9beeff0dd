//! What every page shares: the request context (language, path), the layout, error pages,
//! cached pages, security headers and the middleware that ties them together.

pub mod assets;
pub mod error;
pub mod form;
pub mod format;
pub mod layout;
pub mod pages;
pub mod staff;
pub mod state;
pub mod table;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;

use crate::i18n::{Lang, Tr};

pub use error::{AppError, AppResult};
pub use state::Shared;

/// What a view needs to know about the request it answers.
#[derive(Clone)]
pub struct Ctx {
    pub state: Shared,
    pub lang: Lang,
    /// The request path, for links that keep the page (the language chooser).
    pub path: String,
}

impl Ctx {
    pub fn new(state: Shared, lang: Lang, path: impl Into<String>) -> Self {
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

impl<S: Send + Sync> FromRequestParts<S> for Ctx
where
    Shared: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or(Lang::EN);
        Ok(Ctx::new(Shared::from_ref(state), lang, parts.uri.path()))
    }
}

/// The client's address, for rate limits: the connecting address, or, when that is a proxy we
/// trust (`NAVDESK_TRUSTED_PROXIES`), the address the proxy says it forwarded for.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub std::net::IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp
where
    Shared: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = Shared::from_ref(state);
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|ci| ci.0.ip())
            .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        Ok(ClientIp(client_ip(
            peer,
            forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

/// Counts one request from `ip` against `limiter`: `429` with the seconds to wait when the
/// address has used its allowance. No database and no allocation beyond the limiter's entry
/// for a new address.
pub fn check_rate(
    limiter: &governor::DefaultKeyedRateLimiter<std::net::IpAddr>,
    ip: std::net::IpAddr,
    what: &'static str,
) -> AppResult<()> {
    match limiter.check_key(&ip) {
        Ok(()) => Ok(()),
        Err(not_until) => {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            tracing::warn!(%ip, what, "rate-limited");
            Err(AppError::TooManyRequests {
                retry_after_secs: wait.as_secs() + 1,
            })
        }
    }
}

/// Forgets the addresses whose allowance is full again (they would be let through anyway)
/// and gives the memory back: called every minute, it keeps a limiter as small as the number
/// of addresses seen in the last refill period, however many passed before.
pub fn sweep(limiter: &governor::DefaultKeyedRateLimiter<std::net::IpAddr>) {
    limiter.retain_recent();
    limiter.shrink_to_fit();
}

/// Who a request is from. Behind a trusted proxy, `X-Forwarded-For` is read from the right (the
/// entry the nearest proxy added) past any other trusted proxies; the first address that is not
/// one is the client. Anything else in the header could be made up by the client, so it is not
/// read, and without trusted proxies the header is ignored altogether.
pub fn client_ip<'a>(
    peer: std::net::IpAddr,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) if is_trusted(&ip) => client = ip,
            Ok(ip) => return ip,
            // A garbled entry: stop at the last address we could vouch for.
            Err(_) => return client,
        }
    }
    client
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

#[cfg(test)]
mod sweep_tests {
    use governor::{Quota, RateLimiter};
    use std::net::IpAddr;
    use std::time::Duration;

    #[test]
    fn a_sweep_forgets_addresses_that_are_no_longer_held_back() {
        // One request per millisecond per address: a millisecond later every one is free.
        let quota = Quota::with_period(Duration::from_millis(1)).unwrap();
        let limiter = RateLimiter::keyed(quota);
        for n in 0..100_000u32 {
            assert!(limiter.check_key(&IpAddr::from(n.to_be_bytes())).is_ok());
        }
        assert_eq!(limiter.len(), 100_000);
        // One address still held back (just used), the rest long free.
        std::thread::sleep(Duration::from_millis(20));
        let busy = IpAddr::from([203, 0, 113, 1]);
        let slow = RateLimiter::keyed(Quota::with_period(Duration::from_secs(60)).unwrap());
        assert!(slow.check_key(&busy).is_ok());
        super::sweep(&limiter);
        super::sweep(&slow);
        assert_eq!(limiter.len(), 0, "memory back to nothing");
        assert_eq!(slow.len(), 1, "an address still held back is remembered");
        assert!(slow.check_key(&busy).is_err());
    }
}

#[cfg(test)]
mod client_ip_tests {
    use super::client_ip;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxies: Vec<ipnet::IpNet> =
            vec!["10.0.0.0/8".parse().unwrap(), "::1/128".parse().unwrap()];
        // Straight from the client: the header is the client's own words, ignored.
        assert_eq!(
            client_ip(ip("203.0.113.9"), ["198.51.100.1"].into_iter(), &proxies),
            ip("203.0.113.9")
        );
        // Through our proxy: the address it added.
        assert_eq!(
            client_ip(ip("10.1.2.3"), ["198.51.100.1"].into_iter(), &proxies),
            ip("198.51.100.1")
        );
        // A client that sends its own header cannot choose its address: the proxy's entry is
        // the last one.
        assert_eq!(
            client_ip(
                ip("10.1.2.3"),
                ["6.6.6.6, 198.51.100.1"].into_iter(),
                &proxies
            ),
            ip("198.51.100.1")
        );
        // Two trusted proxies in a row, in one header or in two.
        assert_eq!(
            client_ip(ip("::1"), ["198.51.100.7, 10.9.9.9"].into_iter(), &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_ip(
                ip("::1"),
                ["198.51.100.7", "10.9.9.9"].into_iter(),
                &proxies
            ),
            ip("198.51.100.7")
        );
        // No header, or garbage: the proxy itself.
        assert_eq!(
            client_ip(ip("10.1.2.3"), std::iter::empty(), &proxies),
            ip("10.1.2.3")
        );
        assert_eq!(
            client_ip(ip("10.1.2.3"), ["not-an-address"].into_iter(), &proxies),
            ip("10.1.2.3")
        );
        // Nothing trusted: always the peer.
        assert_eq!(
            client_ip(ip("10.1.2.3"), ["198.51.100.1"].into_iter(), &[]),
            ip("10.1.2.3")
        );
    }
}
