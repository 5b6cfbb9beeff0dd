//! Sending one text through a Twilio-compatible Messages API, and what the answer means for the
//! caller: sent, try again later, or never again. Retrying, scheduling and recording belong to the
//! outbox; this module makes one attempt and classifies it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

use crate::config::{Secret, SmsConfig};

/// How long one attempt may take, connecting included, before it counts as a temporary failure.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Twilio's header for an idempotency token. Twilio documents it on the webhooks it sends us
/// (each retry of one webhook carries the same token); no Twilio page we found says the Messages
/// API honors it on a request, so we send it for compatible providers and fakes that do, and the
/// outbox must not rely on it for exactly-once sending.
pub const IDEMPOTENCY_HEADER: &str = "I-Twilio-Idempotency-Token";

/// One text to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingSms {
    /// The recipient in E.164 (`+13035550123`).
    pub to: String,
    pub body: String,
    /// Where the provider reports delivery (`{public_url}/sms/status`), if anywhere.
    pub status_callback: Option<String>,
    /// The same for every attempt at this text (the outbox row's key).
    pub idempotency_key: Option<String>,
}

/// What one attempt came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendOutcome {
    /// The provider accepted the text. `status` is its word for it (`queued`, `accepted`, `sent`).
    /// An accepted text whose answer could not be read has an empty `sid`: it went out, and
    /// sending it again could send it twice.
    Sent { sid: String, status: String },
    /// Nothing is known to have been sent; try again later, after `retry_after` if the provider
    /// said so.
    Temporary {
        reason: String,
        retry_after: Option<Duration>,
    },
    /// Sending this text again will fail again.
    Permanent { kind: PermanentKind, reason: String },
}

/// Why a text can never be sent, and what the caller must do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PermanentKind {
    /// 21610: the recipient texted STOP to our number; mark the resident opted out.
    OptedOut,
    /// 21211, 21614: not a number that can get texts; flag the case for its navigator.
    InvalidNumber,
    /// 30006: a landline or a number that cannot receive texts.
    Landline,
    /// Any other refusal, with the provider's error code when it gave one.
    Other(Option<u32>),
}

/// What a provider error code means for sending again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeClass {
    Temporary,
    Permanent(PermanentKind),
}

/// Twilio error codes (also in status callbacks' `ErrorCode`) sorted into retry or give up.
/// 20429 is Twilio's "too many requests", 30003 "unreachable handset": both may pass.
pub fn classify_code(code: u32) -> CodeClass {
    match code {
        20429 | 30003 => CodeClass::Temporary,
        21610 => CodeClass::Permanent(PermanentKind::OptedOut),
        21211 | 21614 => CodeClass::Permanent(PermanentKind::InvalidNumber),
        30006 => CodeClass::Permanent(PermanentKind::Landline),
        other => CodeClass::Permanent(PermanentKind::Other(Some(other))),
    }
}

/// A future that a `Transport` returns; boxed so that `dyn Transport` works.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = SendOutcome> + Send + 'a>>;

/// A future that `Transport::find_sent` returns.
pub type FindFuture<'a> = Pin<Box<dyn Future<Output = Option<String>> + Send + 'a>>;

/// Something that can make one attempt at sending a text.
pub trait Transport: Send + Sync + fmt::Debug {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> SendFuture<'a>;
    /// The provider's id of a text with this body already sent to `to` since `since` (Unix
    /// seconds), if it can tell: asked before sending again a text whose last attempt ended
    /// without an answer recorded (the process died mid-send), so it does not go twice.
    fn find_sent<'a>(&'a self, to: &'a str, body: &'a str, since: i64) -> FindFuture<'a> {
        let _ = (to, body, since);
        Box::pin(async { None })
    }
    /// A short name for logs and the staff pages: `twilio` or `log`.
    fn name(&self) -> &'static str;
}

/// Configuration that cannot work; reported at start-up.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClientError {
    #[error("SMS is half configured: {missing} is missing while {present} is set; set all of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and NAVDESK_SMS_FROM, or none to use the log transport")]
    Incomplete {
        missing: &'static str,
        present: &'static str,
    },
    #[error("NAVDESK_SMS_BASE_URL must be an http:// or https:// URL, got {0:?}")]
    BaseUrl(String),
    #[error("TWILIO_ACCOUNT_SID must be letters and digits, got {0:?}")]
    AccountSid(String),
    #[error("could not build the HTTP client: {0}")]
    Http(String),
}

/// The transport the configuration asks for: Twilio when the account SID, auth token and sender
/// are all set, the log transport when none is (the demo), an error when only some are.
pub fn transport_from_config(config: &SmsConfig) -> Result<Arc<dyn Transport>, ClientError> {
    let sid = config
        .account_sid
        .as_deref()
        .filter(|s| !s.trim().is_empty());
    let token = config
        .auth_token
        .as_ref()
        .filter(|t| !t.expose().is_empty());
    let from = config.from.as_deref().filter(|s| !s.trim().is_empty());
    let names = [
        ("TWILIO_ACCOUNT_SID", sid.is_some()),
        ("TWILIO_AUTH_TOKEN", token.is_some()),
        ("NAVDESK_SMS_FROM", from.is_some()),
    ];
    match (sid, token, from) {
        (Some(sid), Some(token), Some(from)) => Ok(Arc::new(TwilioTransport::new(
            &config.base_url,
            sid,
            token.clone(),
            from,
            DEFAULT_TIMEOUT,
        )?)),
        (None, None, None) => Ok(Arc::new(LogTransport)),
        _ => {
            let missing = names.iter().find(|(_, set)| !set).map(|(n, _)| *n);
            let present = names.iter().find(|(_, set)| *set).map(|(n, _)| *n);
            Err(ClientError::Incomplete {
                missing: missing.unwrap_or_default(),
                present: present.unwrap_or_default(),
            })
        }
    }
}

/// Who the text comes from: a phone number, or a Messaging Service (SIDs starting `MG`) that
/// picks a number from its pool.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Sender {
    From(String),
    MessagingService(String),
}

impl Sender {
    fn parse(from: &str) -> Self {
        let from = from.trim();
        if from.starts_with("MG") {
            Sender::MessagingService(from.to_owned())
        } else {
            Sender::From(from.to_owned())
        }
    }
    fn field(&self) -> (&'static str, &str) {
        match self {
            Sender::From(number) => ("From", number),
            Sender::MessagingService(sid) => ("MessagingServiceSid", sid),
        }
    }
}

/// Twilio's Messages API (or a compatible one at another base URL).
/// `Debug` shows the account and URL; the auth token is a `Secret` and never shows.
#[derive(Debug)]
pub struct TwilioTransport {
    client: reqwest::Client,
    messages_url: String,
    account_sid: String,
    auth_token: Secret,
    sender: Sender,
}

impl TwilioTransport {
    /// `base_url` is the API host (`https://api.twilio.com`), `from` a number in E.164 or a
    /// Messaging Service SID, `timeout` the limit for one whole attempt.
    pub fn new(
        base_url: &str,
        account_sid: &str,
        auth_token: Secret,
        from: &str,
        timeout: Duration,
    ) -> Result<Self, ClientError> {
        let base = base_url.trim().trim_end_matches('/');
        let parsed = reqwest::Url::parse(base).map_err(|_| ClientError::BaseUrl(base.into()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(ClientError::BaseUrl(base.into()));
        }
        let account_sid = account_sid.trim();
        // The SID goes into the path: anything but letters and digits could change the request.
        if account_sid.is_empty() || !account_sid.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ClientError::AccountSid(account_sid.into()));
        }
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("navdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::Http(e.to_string()))?;
        Ok(Self {
            client,
            messages_url: format!("{base}/2010-04-01/Accounts/{account_sid}/Messages.json"),
            account_sid: account_sid.to_owned(),
            auth_token,
            sender: Sender::parse(from),
        })
    }

    async fn attempt(&self, sms: &OutgoingSms) -> SendOutcome {
        let mut form = vec![("To", sms.to.as_str()), self.sender.field()];
        form.push(("Body", sms.body.as_str()));
        if let Some(url) = &sms.status_callback {
            form.push(("StatusCallback", url.as_str()));
        }
        let mut request = self
            .client
            .post(&self.messages_url)
            .basic_auth(&self.account_sid, Some(self.auth_token.expose()))
            .form(&form);
        if let Some(key) = &sms.idempotency_key {
            request = request.header(IDEMPOTENCY_HEADER, key);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => return transport_failure(&e),
        };
        let status = response.status();
        let retry_after = retry_after(response.headers());
        match response.bytes().await {
            Ok(body) => classify_response(status, retry_after, &body),
            Err(e) if status.is_success() => {
                // Accepted, but the answer was cut off: the text is out.
                tracing::warn!(error = %e, "SMS accepted but its answer could not be read");
                accepted_without_sid()
            }
            Err(e) => transport_failure(&e),
        }
    }
}

impl Transport for TwilioTransport {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> SendFuture<'a> {
        Box::pin(async move {
            let outcome = self.attempt(sms).await;
            match &outcome {
                SendOutcome::Sent { sid, status } => {
                    tracing::info!(%sid, %status, to = %masked(&sms.to), "SMS sent");
                }
                SendOutcome::Temporary { reason, .. } => {
                    tracing::warn!(%reason, to = %masked(&sms.to), "SMS not sent; will retry");
                }
                SendOutcome::Permanent { kind, reason } => {
                    tracing::warn!(?kind, %reason, to = %masked(&sms.to), "SMS refused");
                }
            }
            outcome
        })
    }
    fn name(&self) -> &'static str {
        "twilio"
    }

    /// Twilio's message list, filtered by recipient and sender and by day sent, searched for
    /// the same body. A look-up that fails answers `None` (the text is sent again: a possible
    /// duplicate is better than a lost text).
    fn find_sent<'a>(&'a self, to: &'a str, body: &'a str, since: i64) -> FindFuture<'a> {
        Box::pin(async move {
            let day = jiff::Timestamp::from_second(since)
                .map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let mut query = vec![("To", to), ("PageSize", "100"), ("DateSent>", day.as_str())];
            if let Sender::From(number) = &self.sender {
                query.push(("From", number.as_str()));
            }
            let response = self
                .client
                .get(&self.messages_url)
                .basic_auth(&self.account_sid, Some(self.auth_token.expose()))
                .query(&query)
                .send()
                .await
                .ok()?;
            if !response.status().is_success() {
                tracing::warn!(status = %response.status(), "could not list sent texts");
                return None;
            }
            let page: serde_json::Value = response.json().await.ok()?;
            let found = page["messages"].as_array()?.iter().find_map(|m| {
                (m["body"].as_str() == Some(body) && m["to"].as_str() == Some(to))
                    .then(|| m["sid"].as_str().map(str::to_owned))
                    .flatten()
            });
            if found.is_some() {
                tracing::info!(to = %masked(to), "a text in doubt was sent before; not sending it again");
            }
            found
        })
    }
}

/// Twilio's answer to a create: the message resource, or an error resource on 4xx/5xx. Read
/// field by field, so that a field of an unexpected type (an error's numeric `status`) costs
/// only that field.
struct ApiAnswer {
    sid: Option<String>,
    status: Option<String>,
    error_code: Option<u32>,
    error_message: Option<String>,
    // Error resources.
    code: Option<u32>,
    message: Option<String>,
    more_info: Option<String>,
}

impl ApiAnswer {
    fn parse(body: &[u8]) -> Self {
        let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let text = |name: &str| {
            json.get(name)
                .and_then(serde_json::Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        // Codes are numbers; some compatible providers send them as strings.
        let number = |name: &str| match json.get(name)? {
            serde_json::Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        ApiAnswer {
            sid: text("sid"),
            status: text("status"),
            error_code: number("error_code"),
            error_message: text("error_message"),
            code: number("code"),
            message: text("message"),
            more_info: text("more_info"),
        }
    }
}

/// What an HTTP answer means; pure, so each case is tested without a server.
pub fn classify_response(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: &[u8],
) -> SendOutcome {
    let answer = ApiAnswer::parse(body);
    if status.is_success() {
        if let Some(code) = answer.error_code {
            let reason = answer.error_message.unwrap_or_default();
            return from_code(code, reason, retry_after);
        }
        return match answer.sid {
            Some(sid) => SendOutcome::Sent {
                sid,
                status: answer.status.unwrap_or_else(|| "accepted".into()),
            },
            None => {
                tracing::warn!(%status, "SMS accepted without a message SID in the answer");
                accepted_without_sid()
            }
        };
    }
    let code = answer.code.or(answer.error_code);
    let mut reason = answer
        .message
        .or(answer.error_message)
        .unwrap_or_else(|| format!("HTTP {status}"));
    if let Some(info) = answer.more_info {
        reason = format!("{reason} ({info})");
    }
    if status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error()
    {
        return SendOutcome::Temporary {
            reason: describe(code, reason),
            retry_after,
        };
    }
    match code {
        Some(code) => from_code(code, reason, retry_after),
        None => SendOutcome::Permanent {
            kind: PermanentKind::Other(None),
            reason,
        },
    }
}

fn describe(code: Option<u32>, reason: String) -> String {
    match code {
        Some(code) if reason.is_empty() => format!("error {code}"),
        Some(code) => format!("error {code}: {reason}"),
        None => reason,
    }
}

fn from_code(code: u32, reason: String, retry_after: Option<Duration>) -> SendOutcome {
    let reason = describe(Some(code), reason);
    match classify_code(code) {
        CodeClass::Temporary => SendOutcome::Temporary {
            reason,
            retry_after,
        },
        CodeClass::Permanent(kind) => SendOutcome::Permanent { kind, reason },
    }
}

fn accepted_without_sid() -> SendOutcome {
    SendOutcome::Sent {
        sid: String::new(),
        status: "accepted".into(),
    }
}

fn transport_failure(e: &reqwest::Error) -> SendOutcome {
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    SendOutcome::Temporary {
        // The error names the URL (account SID, never the token) and the cause.
        reason: format!("{what}: {e}"),
        retry_after: None,
    }
}

/// `Retry-After` in seconds (the form Twilio uses); an HTTP date or nonsense gives `None`.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// A phone number for logs: only its last four digits.
fn masked(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("…{tail}")
}

/// Without credentials: every text is written to the log and counts as sent, with a local SID
/// (`LOG` and 31 hex digits, as long as a Twilio SID). The outbox keeps the text itself, so staff
/// see it on the case page.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogTransport;

/// The prefix of the SIDs the log transport makes up.
pub const LOG_SID_PREFIX: &str = "LOG";

impl Transport for LogTransport {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> SendFuture<'a> {
        Box::pin(async move {
            let sid = format!("{LOG_SID_PREFIX}{:031x}", rand::random::<u128>() >> 4);
            tracing::info!(%sid, to = %masked(&sms.to), body = %sms.body, "SMS (log transport, not sent)");
            SendOutcome::Sent {
                sid,
                status: "sent".into(),
            }
        })
    }
    fn name(&self) -> &'static str {
        "log"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sms() -> OutgoingSms {
        OutgoingSms {
            to: "+13035550123".into(),
            body: "Hello".into(),
            status_callback: None,
            idempotency_key: None,
        }
    }

    #[test]
    fn answers_are_classified_like_twilio_means_them() {
        let secs = |s| Some(Duration::from_secs(s));
        let cases: &[(u16, Option<Duration>, &str, SendOutcome)] = &[
            (
                201,
                None,
                r#"{"sid":"SM123","status":"queued","error_code":null,"error_message":null}"#,
                SendOutcome::Sent {
                    sid: "SM123".into(),
                    status: "queued".into(),
                },
            ),
            (
                201,
                None,
                "not json",
                SendOutcome::Sent {
                    sid: String::new(),
                    status: "accepted".into(),
                },
            ),
            (
                429,
                secs(7),
                r#"{"code":20429,"message":"Too Many Requests"}"#,
                SendOutcome::Temporary {
                    reason: "error 20429: Too Many Requests".into(),
                    retry_after: secs(7),
                },
            ),
            (
                400,
                None,
                r#"{"code":20429,"message":"Too Many Requests"}"#,
                SendOutcome::Temporary {
                    reason: "error 20429: Too Many Requests".into(),
                    retry_after: None,
                },
            ),
            (
                503,
                secs(30),
                "<html>down</html>",
                SendOutcome::Temporary {
                    reason: "HTTP 503 Service Unavailable".into(),
                    retry_after: secs(30),
                },
            ),
            (
                400,
                None,
                r#"{"code":21610,"message":"Attempt to send to unsubscribed recipient","more_info":"https://www.twilio.com/docs/errors/21610","status":400}"#,
                SendOutcome::Permanent {
                    kind: PermanentKind::OptedOut,
                    reason: "error 21610: Attempt to send to unsubscribed recipient (https://www.twilio.com/docs/errors/21610)".into(),
                },
            ),
            (
                400,
                None,
                r#"{"code":21211,"message":"Invalid 'To' Phone Number"}"#,
                SendOutcome::Permanent {
                    kind: PermanentKind::InvalidNumber,
                    reason: "error 21211: Invalid 'To' Phone Number".into(),
                },
            ),
            (
                400,
                None,
                r#"{"code":21614,"message":"'To' number is not a valid mobile number"}"#,
                SendOutcome::Permanent {
                    kind: PermanentKind::InvalidNumber,
                    reason: "error 21614: 'To' number is not a valid mobile number".into(),
                },
            ),
            (
                201,
                None,
                r#"{"sid":"SM9","status":"failed","error_code":30006,"error_message":"Landline or unreachable carrier"}"#,
                SendOutcome::Permanent {
                    kind: PermanentKind::Landline,
                    reason: "error 30006: Landline or unreachable carrier".into(),
                },
            ),
            (
                201,
                None,
                r#"{"sid":"SM9","status":"undelivered","error_code":30003,"error_message":null}"#,
                SendOutcome::Temporary {
                    reason: "error 30003".into(),
                    retry_after: None,
                },
            ),
            (
                401,
                None,
                r#"{"code":20003,"message":"Authenticate"}"#,
                SendOutcome::Permanent {
                    kind: PermanentKind::Other(Some(20003)),
                    reason: "error 20003: Authenticate".into(),
                },
            ),
            (
                404,
                None,
                "",
                SendOutcome::Permanent {
                    kind: PermanentKind::Other(None),
                    reason: "HTTP 404 Not Found".into(),
                },
            ),
        ];
        for (status, retry, body, want) in cases {
            let status = StatusCode::from_u16(*status).unwrap();
            assert_eq!(
                &classify_response(status, *retry, body.as_bytes()),
                want,
                "{status} {body}"
            );
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, "12".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(12)));
        headers.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2026 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn the_configuration_picks_the_transport() {
        let mut config = SmsConfig {
            base_url: crate::config::DEFAULT_SMS_BASE_URL.into(),
            ..SmsConfig::default()
        };
        assert_eq!(transport_from_config(&config).unwrap().name(), "log");

        config.account_sid = Some("AC0123456789abcdef".into());
        assert_eq!(
            transport_from_config(&config).unwrap_err(),
            ClientError::Incomplete {
                missing: "TWILIO_AUTH_TOKEN",
                present: "TWILIO_ACCOUNT_SID"
            }
        );

        config.auth_token = Some(Secret::new("s3cret-token-value"));
        config.from = Some("+13035550100".into());
        let transport = transport_from_config(&config).unwrap();
        assert_eq!(transport.name(), "twilio");
        let shown = format!("{transport:?}");
        assert!(!shown.contains("s3cret-token-value"), "{shown}");
        assert!(shown.contains("AC0123456789abcdef"), "{shown}");

        config.base_url = "ftp://example.com".into();
        assert!(matches!(
            transport_from_config(&config),
            Err(ClientError::BaseUrl(_))
        ));
        config.base_url = crate::config::DEFAULT_SMS_BASE_URL.into();
        config.account_sid = Some("AC1/../../x".into());
        assert!(matches!(
            transport_from_config(&config),
            Err(ClientError::AccountSid(_))
        ));
    }

    #[test]
    fn a_messaging_service_sid_is_sent_as_such() {
        assert_eq!(
            Sender::parse("MG0123").field(),
            ("MessagingServiceSid", "MG0123")
        );
        assert_eq!(
            Sender::parse(" +13035550100 ").field(),
            ("From", "+13035550100")
        );
    }

    #[tokio::test]
    async fn the_log_transport_sends_nothing_and_answers_with_a_local_sid() {
        let outcome = LogTransport.send(&sms()).await;
        let SendOutcome::Sent { sid, status } = outcome else {
            panic!("log transport should always send: {outcome:?}");
        };
        assert!(sid.starts_with(LOG_SID_PREFIX), "{sid}");
        assert_eq!(sid.len(), 34, "{sid}");
        assert_eq!(status, "sent");
        let SendOutcome::Sent { sid: other, .. } = LogTransport.send(&sms()).await else {
            unreachable!()
        };
        assert_ne!(sid, other);
    }

    #[test]
    fn logs_show_only_the_last_four_digits() {
        assert_eq!(masked("+1 (303) 555-0123"), "…0123");
        assert_eq!(masked("12"), "…12");
    }
}
