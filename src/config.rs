//! Typed configuration, read from command-line flags and environment variables by clap.
//! Secrets are wrapped in `Secret` so that neither `Debug` nor logs ever show them.

use std::fmt;
use std::net::SocketAddr;

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
    pub auth: AuthConfig,
    /// A new request should get its first contact within this many seconds.
    pub first_contact_secs: i64,
    /// When navdesk assigns a new request to a navigator by itself.
    pub auto_assign: crate::cases::autoassign::Rule,
    /// The phone number the HELP text gives residents (`NAVDESK_HELP_PHONE`).
    pub help_phone: String,
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
            auth: AuthConfig::default(),
            first_contact_secs: 48 * 3600,
            auto_assign: crate::cases::autoassign::Rule::Off,
            help_phone: "311".into(),
        }
    }
}

pub const DEFAULT_SMS_BASE_URL: &str = "https://api.twilio.com";

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
}
