//! Text messages. Pure parts first, each with its own tests:
//!
//! - [`segments`]: how many SMS segments a text costs (GSM-7 or UCS-2).
//! - [`keywords`]: what a resident's reply means (STOP, START, HELP, digits, yes/no in six
//!   languages), and when YES opts in.
//! - [`quiet`]: the hours texts may go out in the resident's time zone, across DST changes.
//! - [`signature`]: whether a webhook really comes from Twilio (`X-Twilio-Signature`).
//!
//! And [`client`]: one attempt at sending a text through a Twilio-compatible Messages API, or to
//! the log when no credentials are configured, classified as sent, temporary or permanent.
//! [`outbox`]: the durable outbox every text goes through (claims, leases, results, status
//! callbacks, the per-sender rate). The worker, webhook routes and follow-ups build on these.

pub mod client;
pub mod followups;
pub mod keywords;
pub mod outbox;
pub mod quiet;
pub mod segments;
pub mod signature;
pub mod webhooks;
pub mod worker;
