//! Typed configuration, read from command-line flags and environment variables by clap.
//! Secrets are wrapped in `Secret` so that neither `Debug` nor logs ever show them.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// A value that must never be printed: its `Debug` and `Display` say only that it is set.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// The default embedded database: a file created with its folder on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/navdesk.db";

/// Everything the web application needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    /// The URL the world uses to reach us, without a trailing slash (for links in texts and
    /// webhook signatures). Empty: `http://` and the address the server is bound to.
    pub public_url: String,
    pub timezone: jiff::tz::TimeZone,
    pub sms: SmsConfig,
    /// Status look-ups allowed per client address in a burst, refilled one every
    /// `status_refill_secs` seconds.
    pub status_burst: u32,
    pub status_refill_secs: u64,
    /// Requests for help (`POST /help`) allowed per client address (`NAVDESK_HELP_RATE`).
    pub help_rate: RateLimit,
    /// Provider webhooks (`POST /sms/inbound`, `/sms/status`) allowed per client address,
    /// counted before the signature is checked (`NAVDESK_WEBHOOK_RATE`).
    pub webhook_rate: RateLimit,
    pub auth: AuthConfig,
    /// A new request should get its first contact within this many seconds.
    pub first_contact_secs: i64,
    /// When navdesk assigns a new request to a navigator by itself.
    pub auto_assign: crate::cases::autoassign::Rule,
    /// The phone number the HELP text gives residents (`NAVDESK_HELP_PHONE`).
    pub help_phone: String,
    /// When follow-up texts are due (`NAVDESK_FOLLOWUP_*`).
    pub followups: crate::sms::followups::Schedule,
    pub placement: PlacementConfig,
    /// Whom the service-gap map credits for the area boundaries (`NAVDESK_MAP_CREDIT`), as
    /// their license asks.
    pub map_credit: Option<String>,
    /// Proxies whose `X-Forwarded-For` is believed (`NAVDESK_TRUSTED_PROXIES`): behind a proxy
    /// every request comes from its address, and per-address limits would lump all residents
    /// together.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Where `GET /metrics` (Prometheus) is served, apart from the public listener
    /// (`NAVDESK_METRICS_ADDR`). `None`: no metrics listener, and requests are not counted.
    pub metrics_addr: Option<SocketAddr>,
    /// Days after a case is closed before its resident's personal data is removed by the
    /// hourly retention job (`NAVDESK_RETENTION_DAYS`; `serve` defaults to 730). Off in
    /// `for_database`, so tests and tools never clear data unless they ask.
    pub retention: crate::datacare::RetentionDays,
}

/// Where residents are: how requests are located after they are stored, and the region a
/// hexagon grid covers when no areas were imported.
#[derive(Clone, Debug)]
pub struct PlacementConfig {
    pub geocoder: GeocoderKind,
    /// The US Census Geocoder, without a trailing slash.
    pub census_base_url: String,
    /// How long one address look-up may take before the offline geocoder answers instead.
    pub census_timeout: Duration,
    /// How often unplaced requests are looked for (a crash between commit and placement, an
    /// outage, a retry that is due).
    pub sweep_every: Duration,
    /// The first retry waits this long; each further one twice as long (at most an hour).
    pub retry_after: Duration,
    /// After this many failed attempts a request is placed without a point.
    pub max_attempts: i64,
    /// The region covered by hexagons when `serve` starts with no areas.
    pub service_region: crate::areas::Bbox,
    /// Hexagon size, kilometres across.
    pub hex_size_km: f64,
}

/// Which geocoder locates addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GeocoderKind {
    /// Area and ZIP centroids only; no network.
    Offline,
    /// The US Census Geocoder over HTTP, with the offline geocoder when it fails.
    Census,
}

pub const DEFAULT_CENSUS_BASE_URL: &str = "https://geocoding.geo.census.gov";
/// Default hexagon size: about a hundred cells over Denver, a list a resident can scan.
pub const DEFAULT_HEX_SIZE_KM: f64 = 4.0;

impl Default for PlacementConfig {
    fn default() -> Self {
        Self {
            geocoder: GeocoderKind::Offline,
            census_base_url: DEFAULT_CENSUS_BASE_URL.to_owned(),
            census_timeout: Duration::from_secs(3),
            sweep_every: Duration::from_secs(30),
            retry_after: Duration::from_secs(60),
            max_attempts: 6,
            service_region: crate::areas::Bbox::DENVER,
            hex_size_km: DEFAULT_HEX_SIZE_KM,
        }
    }
}

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

#[derive(Clone, Debug, Default)]
pub struct SmsConfig {
    pub base_url: String,
    pub account_sid: Option<String>,
    pub auth_token: Option<Secret>,
    pub from: Option<String>,
    /// When scheduled texts may go out, in the resident's local time (`NAVDESK_SMS_HOURS`).
    pub sending_window: crate::sms::quiet::SendingWindow,
    /// Segments a sender may send per second, shared by every app instance
    /// (`NAVDESK_SMS_RATE`; 0 means the default, 1).
    pub segments_per_second: f64,
    /// A text that failed for a temporary reason waits this long before its second attempt,
    /// twice as long before each later one (with jitter), at most `retry_max`. Zero: the
    /// defaults (10 s, an hour).
    pub retry_first: std::time::Duration,
    pub retry_max: std::time::Duration,
    /// How long a worker's claim on a text lasts; a text whose worker died is tried again
    /// after it. Zero: the default, 2 minutes.
    pub lease: std::time::Duration,
}

impl Config {
    /// A configuration for tests and tools: the given database, any free port on loopback.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
        Self {
            database_url: database_url.into(),
            addr,
            public_url: String::new(),
            timezone: jiff::tz::TimeZone::get("America/Denver").unwrap_or(jiff::tz::TimeZone::UTC),
            sms: SmsConfig {
                base_url: DEFAULT_SMS_BASE_URL.to_owned(),
                ..SmsConfig::default()
            },
            status_burst: 10,
            status_refill_secs: 60,
            // Tests and tools send many requests from 127.0.0.1; `serve` sets the protective
            // defaults (`RateLimit::HELP`, `RateLimit::WEBHOOK`) unless told otherwise.
            help_rate: RateLimit::UNLIMITED,
            webhook_rate: RateLimit::UNLIMITED,
            auth: AuthConfig::default(),
            first_contact_secs: 48 * 3600,
            auto_assign: crate::cases::autoassign::Rule::Off,
            help_phone: "311".into(),
            followups: crate::sms::followups::Schedule::default(),
            placement: PlacementConfig::default(),
            map_credit: None,
            trusted_proxies: Vec::new(),
            metrics_addr: None,
            retention: crate::datacare::RetentionDays(None),
        }
    }
}

pub const DEFAULT_SMS_BASE_URL: &str = "https://api.twilio.com";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let mut c = Config::for_database("sqlite::memory:");
        c.sms.auth_token = Some(Secret::new("hunter2-token"));
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("redacted"));
    }

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
}
