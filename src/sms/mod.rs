//! Text messages. Pure parts first, each with its own tests:
//!
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
pub mod signature;
pub mod webhooks;
pub mod worker;

use crate::web::Shared;

/// What the provider's webhooks need beyond what every route shares.
#[derive(Clone)]
pub struct SmsState {
    pub shared: Shared,
    /// Wakes the text worker when a reply is stored.
    pub outbox: worker::Outbox,
}

impl std::ops::Deref for SmsState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl axum::extract::FromRef<SmsState> for Shared {
    fn from_ref(state: &SmsState) -> Shared {
        state.shared.clone()
    }
}
