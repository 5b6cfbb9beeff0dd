//! Text messages: segment counting now; the Twilio-compatible client, outbox and webhooks
//! build on it.

pub mod outbox;
pub mod segments;
