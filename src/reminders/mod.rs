//! Texts about appointments (issue 17): reminders the day before and a few hours before, in the
//! resident's language and inside quiet hours ([`schedule`], [`plan`]); the resident's replies
//! to confirm, cancel or ask for another time ([`replies`], [`words`]); booking by text from
//! three numbered times ([`offers`]); and one kind text after a missed appointment.
//!
//! Every text goes through the durable outbox (`sms::outbox`); only residents who agreed to
//! texts and have not said STOP get the planned ones. Times are written in the city's time
//! zone ([`texts`]).

pub mod offers;
pub mod plan;
pub mod replies;
pub mod schedule;
pub mod texts;
pub mod words;

pub use plan::{plan_due, Settings};

/// Plans appointment texts every minute until its task is aborted.
pub fn start(
    db: crate::db::Db,
    i18n: std::sync::Arc<crate::i18n::I18n>,
    settings: Settings,
    outbox: crate::sms::worker::Outbox,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let minute = std::time::Duration::from_secs(60);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
        loop {
            every.tick().await;
            match plan_due(&db, &i18n, &settings, crate::db::now()).await {
                Ok(0) => {}
                Ok(_) => outbox.wake(),
                Err(err) => {
                    tracing::warn!(error = %err, "appointment texts not planned this minute")
                }
            }
        }
    })
}
