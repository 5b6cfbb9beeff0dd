//! Texts: the SMS provider, how fast and when texts go out, and when follow-up questions are
//! asked. How quiet hours are applied lives with the outbox worker (`sms::quiet`).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use clap::builder::TypedValueParser as _;
use jiff::civil::Time;

use super::Secret;

pub const DEFAULT_SMS_BASE_URL: &str = "https://api.twilio.com";

const DAY: i64 = 86_400;

/// The provider, and the pace and hours of the outbox worker.
#[derive(Clone, Debug, clap::Args)]
pub struct SmsConfig {
    /// Base URL of the Twilio-compatible SMS API.
    #[arg(long = "sms-base-url", env = "NAVDESK_SMS_BASE_URL", value_name = "SMS_BASE_URL",
          default_value = DEFAULT_SMS_BASE_URL, value_parser = super::without_trailing_slash)]
    pub base_url: String,

    /// Twilio account SID. Without SMS credentials, texts are stored and shown to staff only.
    #[arg(
        long = "twilio-account-sid",
        env = "TWILIO_ACCOUNT_SID",
        value_name = "TWILIO_ACCOUNT_SID"
    )]
    pub account_sid: Option<String>,

    /// Twilio auth token (never printed).
    #[arg(
        long = "twilio-auth-token",
        env = "TWILIO_AUTH_TOKEN",
        value_name = "TWILIO_AUTH_TOKEN",
        hide_env_values = true
    )]
    pub auth_token: Option<Secret>,

    /// Number (E.164) or messaging service texts are sent from.
    #[arg(long = "sms-from", env = "NAVDESK_SMS_FROM", value_name = "SMS_FROM")]
    pub from: Option<String>,

    /// Hours scheduled texts may go out in the resident's time zone, like `08:00-21:00`, or
    /// `off` for any time. Outside them a text waits; it is never dropped.
    #[arg(
        long = "sms-hours",
        env = "NAVDESK_SMS_HOURS",
        value_name = "SMS_HOURS",
        default_value_t
    )]
    pub sending_window: SendingWindow,

    /// Text segments the sender may send per second, over every app instance together.
    #[arg(long = "sms-rate", env = "NAVDESK_SMS_RATE", value_name = "SMS_RATE",
          default_value_t = 1.0, value_parser = segments_per_second)]
    pub segments_per_second: f64,

    /// Seconds a worker's claim on a text lasts; a text whose worker died (or whose process
    /// was killed) is tried again after it.
    #[arg(long = "sms-lease-secs", env = "NAVDESK_SMS_LEASE_SECS", value_name = "SMS_LEASE_SECS",
          default_value = "120",
          value_parser = clap::value_parser!(u64).range(2..=3600).map(Duration::from_secs))]
    pub lease: Duration,

    /// A text that failed for a temporary reason waits this long before its second attempt,
    /// twice as long before each later one (with jitter), at most `retry_max`.
    #[arg(skip = Duration::from_secs(10))]
    pub retry_first: Duration,
    #[arg(skip = Duration::from_secs(3600))]
    pub retry_max: Duration,
}

impl Default for SmsConfig {
    fn default() -> Self {
        super::defaults()
    }
}

fn segments_per_second(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 && rate <= 10_000.0 => Ok(rate),
        _ => Err(format!(
            "{text:?} is not a number of segments per second between 0 and 10000"
        )),
    }
}

/// The hours texts may go out, in the resident's local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendingWindow {
    /// Any time (for tests and demos).
    Off,
    /// From `start` (included) to `end` (excluded). When `end` is before `start` the window runs
    /// past midnight; an `end` of 00:00 (written `24:00`) means the end of the day.
    Daily { start: Time, end: Time },
}

impl Default for SendingWindow {
    /// 08:00–21:00.
    fn default() -> Self {
        SendingWindow::Daily {
            start: Time::constant(8, 0, 0, 0),
            end: Time::constant(21, 0, 0, 0),
        }
    }
}

/// A sending window that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WindowError {
    #[error("expected a sending window like 08:00-21:00, or off; got {0:?}")]
    Shape(String),
    #[error("{0:?} is not a time of day: write HH:MM from 00:00 to 23:59 (24:00 only as the end)")]
    Time(String),
    #[error(
        "the sending window {0:?} starts and ends at the same time; write off to allow any time"
    )]
    Empty(String),
}

impl FromStr for SendingWindow {
    type Err = WindowError;

    /// `off`, or `HH:MM-HH:MM` (an en dash works too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.eq_ignore_ascii_case("off") {
            return Ok(SendingWindow::Off);
        }
        let (start, end) = text
            .split_once(['-', '–'])
            .ok_or_else(|| WindowError::Shape(text.into()))?;
        let start = parse_time(start.trim(), false)?;
        let end = parse_time(end.trim(), true)?;
        if start == end {
            return Err(WindowError::Empty(text.into()));
        }
        Ok(SendingWindow::Daily { start, end })
    }
}

fn parse_time(text: &str, is_end: bool) -> Result<Time, WindowError> {
    let bad = || WindowError::Time(text.into());
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let digits = |s: &str, max: u8| -> Result<i8, WindowError> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        match s.parse::<u8>() {
            Ok(v) if v <= max => Ok(v as i8),
            _ => Err(bad()),
        }
    };
    let (h, m) = (digits(h, 24)?, digits(m, 59)?);
    match (h, m) {
        (24, 0) if is_end => Ok(Time::midnight()),
        (24, _) => Err(bad()),
        (h, m) => Time::new(h, m, 0, 0).map_err(|_| bad()),
    }
}

impl fmt::Display for SendingWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendingWindow::Off => f.write_str("off"),
            SendingWindow::Daily { start, end } => {
                let end = if *end == Time::midnight() {
                    "24:00".to_owned()
                } else {
                    end.strftime("%H:%M").to_string()
                };
                write!(f, "{}-{end}", start.strftime("%H:%M"))
            }
        }
    }
}

/// When each follow-up text is due, in seconds; `None` or empty turns one off.
// The types are written out in full (`std::option::Option`, `std::vec::Vec`) so that clap
// hands the whole value to the parser, which may answer "never" or an empty list.
#[derive(Clone, Debug, PartialEq, Eq, clap::Args)]
pub struct Followups {
    /// Days a request waits unassigned before the resident is told "still working on it"
    /// (0: never).
    #[arg(long = "followup-waiting-days", env = "NAVDESK_FOLLOWUP_WAITING_DAYS",
          value_name = "FOLLOWUP_WAITING_DAYS", default_value = "2", value_parser = days_or_never())]
    pub still_waiting_after: std::option::Option<i64>,

    /// Days after a referral to ask "did you apply?" (0: never).
    #[arg(long = "followup-apply-days", env = "NAVDESK_FOLLOWUP_APPLY_DAYS",
          value_name = "FOLLOWUP_APPLY_DAYS", default_value = "3", value_parser = days_or_never())]
    pub did_you_apply_after: std::option::Option<i64>,

    /// Days after a case is resolved to ask whether the internet still works, like `30,90`
    /// (`off`: never).
    #[arg(long = "followup-connected-days", env = "NAVDESK_FOLLOWUP_CONNECTED_DAYS",
          value_name = "FOLLOWUP_CONNECTED_DAYS", default_value = "30,90", value_parser = parse_days)]
    pub connected_checks: std::vec::Vec<i64>,

    /// Ask how happy the resident was when their case is closed (`on` or `off`).
    #[arg(long = "followup-satisfaction", env = "NAVDESK_FOLLOWUP_SATISFACTION",
          value_name = "FOLLOWUP_SATISFACTION", default_value = "on",
          action = clap::ArgAction::Set, value_parser = on_off)]
    pub satisfaction: bool,

    /// How long after falling due a question is still worth asking.
    #[arg(skip = 7 * DAY)]
    pub stale_after: i64,
}

impl Default for Followups {
    fn default() -> Self {
        super::defaults()
    }
}

/// A number of days from 0 to 365, as seconds; 0 is never.
fn days_or_never() -> impl clap::builder::TypedValueParser<Value = Option<i64>> {
    clap::value_parser!(i64)
        .range(0..=365)
        .map(|days| (days > 0).then_some(days * DAY))
}

/// Reads a list of days like `30,90` (`off` or nothing: none). Each from 1 to 3650.
fn parse_days(text: &str) -> Result<Vec<i64>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("off") {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|d| match d.trim().parse::<i64>() {
            Ok(n) if (1..=3650).contains(&n) => Ok(n),
            _ => Err(format!(
                "{d:?} is not a number of days from 1 to 3650 (like 30,90, or off)"
            )),
        })
        .collect()
}

fn on_off(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err(format!("{text:?} is not on or off")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_read_and_print() {
        let window = |text: &str| text.parse::<SendingWindow>().unwrap();
        for (text, shown) in [
            ("08:00-21:00", "08:00-21:00"),
            (" 8:00 – 21:30 ", "08:00-21:30"),
            ("OFF", "off"),
            ("22:00-24:00", "22:00-24:00"),
        ] {
            assert_eq!(window(text).to_string(), shown, "{text}");
        }
        assert_eq!(window("08:00-21:00"), SendingWindow::default());
        let errors = [
            ("", WindowError::Shape("".into())),
            ("8-21", WindowError::Time("8".into())),
            ("08:00", WindowError::Shape("08:00".into())),
            ("25:00-26:00", WindowError::Time("25:00".into())),
            ("08:60-21:00", WindowError::Time("08:60".into())),
            ("24:00-08:00", WindowError::Time("24:00".into())),
            ("08:00-24:01", WindowError::Time("24:01".into())),
            ("+8:00-21:00", WindowError::Time("+8:00".into())),
            ("09:00-09:00", WindowError::Empty("09:00-09:00".into())),
        ];
        for (text, error) in errors {
            assert_eq!(text.parse::<SendingWindow>(), Err(error), "{text:?}");
        }
        assert_eq!(
            WindowError::Time("25:00".into()).to_string(),
            "\"25:00\" is not a time of day: write HH:MM from 00:00 to 23:59 (24:00 only as the end)"
        );
    }

    #[test]
    fn day_lists_read_from_the_environment() {
        assert_eq!(parse_days("30,90"), Ok(vec![30, 90]));
        assert_eq!(parse_days(" 14 "), Ok(vec![14]));
        assert_eq!(parse_days("off"), Ok(vec![]));
        assert_eq!(parse_days(""), Ok(vec![]));
        for bad in ["0", "30,,90", "thirty", "-5", "4000"] {
            assert!(parse_days(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn follow_ups_default_to_two_three_thirty_and_ninety_days() {
        assert_eq!(
            Followups::default(),
            Followups {
                still_waiting_after: Some(2 * DAY),
                did_you_apply_after: Some(3 * DAY),
                connected_checks: vec![30, 90],
                satisfaction: true,
                stale_after: 7 * DAY,
            }
        );
    }
}
