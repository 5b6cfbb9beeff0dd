//! Typed configuration: `navdesk serve`'s flags and environment variables, read by clap. Each
//! setting's flag, variable and default are written once, on its field; `Default` is what the
//! command line gives with no flag and no variable set. Part of the ground layer: the features
//! take their settings (and the types they are read as) from here, and it uses none of them.
//! Secrets are wrapped in `Secret` so that neither `Debug` nor logs ever show them.

mod access;
mod cases;
mod placement;
mod sms;

use std::fmt;
use std::net::SocketAddr;

use clap::builder::TypedValueParser as _;

pub use access::{AuthConfig, RateLimit};
pub use cases::{AutoAssign, RetentionDays};
pub use placement::{
    Bbox, GeocoderKind, PlacementConfig, DEFAULT_CENSUS_BASE_URL, DEFAULT_HEX_SIZE_KM,
};
pub use sms::{Followups, SendingWindow, SmsConfig, WindowError, DEFAULT_SMS_BASE_URL};

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

/// Where `serve` listens unless told otherwise.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Everything the web application needs to run.
#[derive(Clone, Debug, clap::Args)]
pub struct Config {
    /// Every command takes the database (`--database-url`, `DATABASE_URL`); `serve` sets it here.
    #[arg(skip = DEFAULT_DATABASE_URL.to_owned())]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "NAVDESK_ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,

    /// Address of a second listener serving Prometheus metrics at GET /metrics (request rates
    /// and latencies by route, outbox depth, texts by result), e.g. 127.0.0.1:9464. Keep it
    /// off the public network. Unset: no metrics listener.
    // `None` also means requests are not counted.
    #[arg(long, env = "NAVDESK_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// The URL the world uses to reach this server, for links in texts and webhook signatures
    /// (default: http://ADDR).
    // Kept without a trailing slash; empty until `Application` fills in the bound address.
    #[arg(long, env = "NAVDESK_PUBLIC_URL", default_value = "", hide_default_value = true,
          value_parser = without_trailing_slash)]
    pub public_url: String,

    /// Time zone for dates shown and for quiet hours.
    #[arg(long, env = "NAVDESK_TIMEZONE", default_value = "America/Denver", value_parser = time_zone)]
    pub timezone: jiff::tz::TimeZone,

    /// Hours within which a new request should get its first contact; after that it is
    /// shown as overdue.
    #[arg(long = "first-contact-hours", env = "NAVDESK_FIRST_CONTACT_HOURS",
          value_name = "FIRST_CONTACT_HOURS", default_value = "48",
          value_parser = clap::value_parser!(i64).range(1..=24 * 90).map(|hours| hours * 3600))]
    pub first_contact_secs: i64,

    /// When navdesk assigns a new request by itself: `off` (it waits in the queue), `best` (to
    /// the navigator who fits best), or `covering` (only to one whose areas include the
    /// resident's). With --demo the default is `best`.
    // `--demo` is `serve`'s own flag: the demonstration shows assignment at work. A rule set
    // by flag or environment wins over it.
    #[arg(
        long,
        env = "NAVDESK_AUTO_ASSIGN",
        default_value_t,
        default_value_if("demo", "true", "best")
    )]
    pub auto_assign: AutoAssign,

    #[command(flatten)]
    pub sms: SmsConfig,

    /// The phone number residents who text HELP are told to call.
    #[arg(long, env = "NAVDESK_HELP_PHONE", default_value = "311", value_parser = trimmed)]
    pub help_phone: String,

    #[command(flatten)]
    pub followups: Followups,

    /// Proxies in front of navdesk whose X-Forwarded-For header is believed, as addresses or
    /// networks separated by commas (e.g. `127.0.0.1,::1` for a proxy on the same machine).
    /// Empty: the header is ignored and each connecting address is a client.
    // Behind a proxy every request comes from its address, and per-address limits would lump
    // all residents together. Written out in full so that clap hands the whole list to the
    // parser.
    #[arg(long, env = "NAVDESK_TRUSTED_PROXIES", default_value = "",
          value_parser = access::trusted_proxies)]
    pub trusted_proxies: std::vec::Vec<ipnet::IpNet>,

    /// Requests for help (POST /help) one client address may send: a rate per second or
    /// minute and how many at once, like `10/min,burst=10` (ten at once, then one every six
    /// seconds). Past it the resident sees "too many requests" in their language; nothing
    /// is stored.
    #[arg(long, env = "NAVDESK_HELP_RATE", default_value_t = RateLimit::HELP)]
    pub help_rate: RateLimit,

    /// Webhook requests (POST /sms/inbound, /sms/status) one client address may send,
    /// counted before the signature is checked, like `500/s,burst=1000`. The provider sends
    /// from many addresses; keep it generous enough for its bursts.
    #[arg(long, env = "NAVDESK_WEBHOOK_RATE", default_value_t = RateLimit::WEBHOOK)]
    pub webhook_rate: RateLimit,

    /// Requests to the public HSDS API (GET /api/hsds/...) one client address may send, like
    /// `10/s,burst=300`. Past it the caller gets `429` with `Retry-After`, as JSON.
    #[arg(long, env = "NAVDESK_API_RATE", default_value_t = RateLimit::API)]
    pub api_rate: RateLimit,

    /// Status look-ups allowed per client address in a burst, refilled one every
    /// `status_refill_secs` seconds.
    #[arg(skip = 10_u32)]
    pub status_burst: u32,
    #[arg(skip = 60_u64)]
    pub status_refill_secs: u64,

    #[arg(skip)]
    pub auth: AuthConfig,

    /// Whom the service-gap map credits for the area boundaries, as their license asks (for
    /// Denver's neighborhoods: "City and County of Denver Open Data Catalog").
    // Written out in full so that an empty value reaches the parser and means none.
    #[arg(long, env = "NAVDESK_MAP_CREDIT", default_value = "", hide_default_value = true,
          value_parser = optional_text)]
    pub map_credit: std::option::Option<String>,

    #[command(flatten)]
    pub placement: PlacementConfig,

    /// Days after a case is closed before the hourly job removes its resident's personal data
    /// (name, contact details, address, free text, texts), keeping what the map and reports
    /// count; `off`: never.
    #[arg(long = "retention-days", env = "NAVDESK_RETENTION_DAYS", value_name = "RETENTION_DAYS",
          default_value_t = RetentionDays::DEFAULT)]
    pub retention: RetentionDays,

    /// A folder of recorded phone prompts for the languages Twilio has no voice for
    /// (`am/language.mp3`, `am/needs.mp3`, `am/record.mp3`, the same for `ln`; `.wav` too).
    /// A prompt missing there is spoken in English.
    #[arg(long, env = "NAVDESK_VOICE_PROMPTS", default_value = "", hide_default_value = true,
          value_parser = optional_path)]
    pub voice_prompts: std::option::Option<std::path::PathBuf>,

    // Devices (issue 18): the texts about a device lent to a resident.
    /// How many texts a resident gets about a device that is late back, a few days apart,
    /// before navdesk stops texting (the case page still shows it overdue); 0: none.
    #[arg(long, env = "NAVDESK_LOAN_OVERDUE_TEXTS", default_value_t = 3,
          value_parser = clap::value_parser!(i64).range(0..=20))]
    pub loan_overdue_texts: i64,
}

impl Default for Config {
    fn default() -> Self {
        defaults()
    }
}

impl Config {
    /// A configuration for tests and tools: the given database, any free port on loopback, no
    /// per-address limits (tests send everything from 127.0.0.1) and no retention job (tests
    /// and tools never clear data unless they ask).
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            addr: ([127, 0, 0, 1], 0).into(),
            help_rate: RateLimit::UNLIMITED,
            webhook_rate: RateLimit::UNLIMITED,
            api_rate: RateLimit::UNLIMITED,
            retention: RetentionDays(None),
            ..Self::default()
        }
    }
}

/// A group of settings as the command line gives it with no flag and no environment variable
/// set: the defaults written on its fields.
fn defaults<T: clap::Args + clap::FromArgMatches>() -> T {
    let command =
        T::augment_args(clap::Command::new("navdesk")).mut_args(|arg| arg.env(None::<&str>));
    command
        .try_get_matches_from(["navdesk"])
        .and_then(|matches| T::from_arg_matches(&matches))
        .unwrap_or_else(|err| panic!("a default setting does not parse: {err}"))
}

fn without_trailing_slash(text: &str) -> Result<String, std::convert::Infallible> {
    Ok(text.trim_end_matches('/').to_owned())
}

fn trimmed(text: &str) -> Result<String, std::convert::Infallible> {
    Ok(text.trim().to_owned())
}

fn optional_text(text: &str) -> Result<Option<String>, std::convert::Infallible> {
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

fn optional_path(text: &str) -> Result<Option<std::path::PathBuf>, std::convert::Infallible> {
    Ok(optional_text(text)?.map(Into::into))
}

fn time_zone(name: &str) -> Result<jiff::tz::TimeZone, String> {
    jiff::tz::TimeZone::get(name).map_err(|_| format!("unknown time zone {name:?}"))
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

    /// The defaults the README and `deploy/navdesk.env.example` document.
    #[test]
    fn defaults_are_the_documented_ones() {
        let c = Config::default();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(c.public_url, "");
        assert_eq!(c.timezone.iana_name(), Some("America/Denver"));
        assert_eq!(c.first_contact_secs, 48 * 3600);
        assert_eq!(c.auto_assign, AutoAssign::Off);
        assert_eq!(c.sms.base_url, "https://api.twilio.com");
        assert_eq!(c.sms.sending_window.to_string(), "08:00-21:00");
        assert_eq!(c.sms.segments_per_second, 1.0);
        assert_eq!(c.sms.lease.as_secs(), 120);
        assert_eq!(c.help_phone, "311");
        assert_eq!(c.followups, Followups::default());
        assert!(c.trusted_proxies.is_empty());
        assert_eq!(c.help_rate.to_string(), "10/min,burst=10");
        assert_eq!(c.webhook_rate.to_string(), "500/s,burst=1000");
        assert_eq!(c.api_rate.to_string(), "10/s,burst=300");
        assert_eq!(c.map_credit, None);
        assert_eq!(c.placement.geocoder, GeocoderKind::Offline);
        assert_eq!(c.placement.census_timeout.as_millis(), 3000);
        assert_eq!(c.placement.service_region, Bbox::DENVER);
        assert_eq!(c.placement.hex_size_km, 4.0);
        assert_eq!(c.retention.to_string(), "730");
        assert_eq!(c.metrics_addr, None);
        assert_eq!(c.voice_prompts, None);
        assert_eq!(c.loan_overdue_texts, 3);
    }

    #[test]
    fn flags_are_read_as_serve_reads_them() {
        use clap::FromArgMatches as _;
        let command = <Config as clap::Args>::augment_args(clap::Command::new("serve"))
            .arg(
                clap::Arg::new("demo")
                    .long("demo")
                    .action(clap::ArgAction::SetTrue),
            )
            .mut_args(|arg| arg.env(None::<&str>));
        let read = |args: &[&str]| {
            let matches = command
                .clone()
                .try_get_matches_from(std::iter::once("serve").chain(args.iter().copied()))?;
            Config::from_arg_matches(&matches)
        };
        let c = read(&[
            "--public-url=https://help.example.org/",
            "--first-contact-hours=2",
            "--followup-waiting-days=0",
            "--followup-connected-days=off",
            "--followup-satisfaction=off",
            "--trusted-proxies=127.0.0.1, ::1",
            "--map-credit=  ",
            "--help-phone= 720-865-3000 ",
            "--sms-base-url=http://127.0.0.1:9/",
            "--geocoder-timeout-ms=250",
        ])
        .unwrap();
        assert_eq!(c.public_url, "https://help.example.org");
        assert_eq!(c.first_contact_secs, 7200);
        assert_eq!(c.followups.still_waiting_after, None);
        assert_eq!(c.followups.did_you_apply_after, Some(3 * 86_400));
        assert!(c.followups.connected_checks.is_empty());
        assert!(!c.followups.satisfaction);
        assert_eq!(c.trusted_proxies.len(), 2);
        assert_eq!(c.map_credit, None);
        assert_eq!(c.help_phone, "720-865-3000");
        assert_eq!(c.sms.base_url, "http://127.0.0.1:9");
        assert_eq!(c.placement.census_timeout.as_millis(), 250);
        // `--demo` changes the default rule, not a rule that was asked for.
        assert_eq!(read(&["--demo"]).unwrap().auto_assign, AutoAssign::Best);
        let asked = read(&["--demo", "--auto-assign=covering"]).unwrap();
        assert_eq!(asked.auto_assign, AutoAssign::Covering);
        for bad in [
            "--timezone=Mars/Olympus",
            "--first-contact-hours=0",
            "--hex-size-km=0",
            "--sms-lease-secs=1",
            "--trusted-proxies=proxy.local",
            "--followup-waiting-days=400",
        ] {
            assert!(read(&[bad]).is_err(), "{bad}");
        }
    }
}
