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
    outbox.plan_every_minute("appointment texts", move |now| {
        let (db, i18n, settings) = (db.clone(), i18n.clone(), settings.clone());
        async move { plan_due(&db, &i18n, &settings, now).await }
    })
}
