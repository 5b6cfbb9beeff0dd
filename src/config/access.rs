//! Who may come in and how often: per-address request allowances, the proxies whose word on a
//! client's address is believed, and staff sign-in.

use std::fmt;
use std::time::Duration;

/// Staff sign-in: how long sessions last and how many failed sign-ins are allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub idle_timeout_secs: i64,
    /// A session ends this long after sign-in, however busy.
    pub absolute_timeout_secs: i64,
    /// How often a session's `last_seen_at` is written: at most once in this many seconds.
    pub touch_interval_secs: i64,
    /// Failed sign-ins counted over this window...
    pub failure_window_secs: i64,
    /// ...for one account (email address, whether or not it exists),
    pub max_failures_per_account: i64,
    /// ...and from one client address, before sign-in answers `429`.
    pub max_failures_per_address: i64,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            idle_timeout_secs: 8 * 3600,
            absolute_timeout_secs: 7 * 24 * 3600,
            touch_interval_secs: 60,
            failure_window_secs: 15 * 60,
            max_failures_per_account: 5,
            max_failures_per_address: 20,
        }
    }
}

/// A per-address request allowance: `count` requests per `unit` (second or minute), and up to
/// `burst` at once. Written `10/min,burst=10` or `500/s,burst=1000` (without `burst`, it is
/// `count`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub count: u32,
    pub unit: Duration,
    pub burst: u32,
}

impl RateLimit {
    /// `POST /help`: ten at once (a family, or a library computer that several residents
    /// use in turn), then one every six seconds. Nobody asking for help by hand comes near it;
    /// a script from one address is held to ten a minute.
    pub const HELP: Self = Self {
        count: 10,
        unit: Duration::from_secs(60),
        burst: 10,
    };
    /// The webhooks: the provider sends from many addresses, and the delivery reports of a
    /// campaign day (two or three per text, at 70 texts a second in the mixed soak) must pass,
    /// even when many come from one of its addresses: a refused report is not sent again. A
    /// flood of forged requests from one address stops here before any signature is computed.
    pub const WEBHOOK: Self = Self {
        count: 500,
        unit: Duration::from_secs(1),
        burst: 1000,
    };
    /// The public HSDS API (`/api/hsds/`): a 211 or a directory crawling the catalogue reads a
    /// few hundred answers in a row (every service, one by one) and then little for hours, so
    /// three hundred at once, then ten a second. Someone hammering it from one address is
    /// held to that without slowing the residents' pages.
    pub const API: Self = Self {
        count: 10,
        unit: Duration::from_secs(1),
        burst: 300,
    };
    /// For tests and tools: a million a second.
    pub const UNLIMITED: Self = Self {
        count: 1_000_000,
        unit: Duration::from_secs(1),
        burst: 1_000_000,
    };

    /// The governor quota: one request back every `unit / count`, `burst` at most.
    pub fn quota(self) -> governor::Quota {
        let period = self.unit / self.count.max(1);
        let burst = std::num::NonZeroU32::new(self.burst).unwrap_or(std::num::NonZeroU32::MIN);
        governor::Quota::with_period(period.max(Duration::from_nanos(1)))
            .unwrap_or_else(|| governor::Quota::per_second(std::num::NonZeroU32::MAX))
            .allow_burst(burst)
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.unit.as_secs() == 60 {
            "min"
        } else {
            "s"
        };
        write!(f, "{}/{unit},burst={}", self.count, self.burst)
    }
}

impl std::str::FromStr for RateLimit {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "{text:?} is not a rate like 10/min,burst=10 or 500/s,burst=1000 \
                 (1 to 1000000 requests, a burst of 1 to 1000000)"
            )
        };
        let text = text.trim();
        let (rate, burst) = match text.split_once(',') {
            Some((rate, burst)) => (rate.trim(), Some(burst.trim())),
            None => (text, None),
        };
        let (count, unit) = rate.split_once('/').ok_or_else(bad)?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        let unit = match unit.trim() {
            "s" | "sec" | "second" => Duration::from_secs(1),
            "min" | "minute" => Duration::from_secs(60),
            _ => return Err(bad()),
        };
        let burst = match burst {
            None => count,
            Some(b) => b
                .strip_prefix("burst=")
                .and_then(|n| n.trim().parse().ok())
                .ok_or_else(bad)?,
        };
        let fits = |n: u32| (1..=1_000_000).contains(&n);
        if !fits(count) || !fits(burst) {
            return Err(bad());
        }
        Ok(Self { count, unit, burst })
    }
}

/// `127.0.0.1, ::1, 172.28.0.0/16` as networks; a single address is a network of one. Empty:
/// none.
pub(super) fn trusted_proxies(text: &str) -> Result<Vec<ipnet::IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("{s:?} is not an address or a network like 10.0.0.0/8"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_and_print_the_same() {
        for (text, want) in [
            ("10/min,burst=10", RateLimit::HELP),
            ("500/s,burst=1000", RateLimit::WEBHOOK),
            (
                " 30/min ",
                RateLimit {
                    count: 30,
                    unit: Duration::from_secs(60),
                    burst: 30,
                },
            ),
        ] {
            let rate: RateLimit = text.parse().unwrap();
            assert_eq!(rate, want, "{text}");
            assert_eq!(rate.to_string().parse::<RateLimit>().unwrap(), want);
        }
        for bad in [
            "",
            "10",
            "10/h",
            "0/s",
            "x/s",
            "10/s,20",
            "10/s,burst=0",
            "10/s,burst=x",
            "2000000/s",
        ] {
            let err = bad.parse::<RateLimit>().unwrap_err();
            assert!(err.contains("10/min,burst=10"), "{bad}: {err}");
        }
        // One back every six seconds, ten at once.
        let quota = RateLimit::HELP.quota();
        assert_eq!(quota.replenish_interval(), Duration::from_secs(6));
        assert_eq!(quota.burst_size().get(), 10);
    }

    #[test]
    fn proxies_are_addresses_or_networks() {
        assert_eq!(trusted_proxies(""), Ok(vec![]));
        let nets = trusted_proxies("127.0.0.1, ::1,172.28.0.0/16,").unwrap();
        assert_eq!(nets.len(), 3);
        assert_eq!(nets[0], "127.0.0.1/32".parse().unwrap());
        assert!(trusted_proxies("10.0.0.0/8,proxy.local").is_err());
    }
}
