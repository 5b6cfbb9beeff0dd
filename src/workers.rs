//! Every background task of one application instance, started in one place and held by
//! handle: dropping the last `AppState` (so its `Workers`) stops them all.
//!
//! What happens after a resident submits, in order:
//!
//! 1. The **intake writer** (`intake::writer`) commits the request with many others in one
//!    transaction, with the confirmation text of a resident who agreed to texts stored in the
//!    outbox in that same transaction; the resident's browser gets its `303` only then.
//! 2. It hands each committed case to **placement** (`areas::placement`), which finds where the
//!    resident is (ZIP centroid or geocoder) and the area the case belongs to. A case the queue
//!    could not take, or whose placement failed, is found again by placement's own sweep.
//! 3. Each case placed goes to **auto-assignment** (`cases::autoassign`), which gives it to the
//!    best-matching navigator when the configured rule allows (see `on_placed` below).
//! 4. The **text worker** (`sms::worker`) sends the confirmation text, at once, and every other
//!    text when its time comes; the intake writer, staff actions and webhooks wake it.
//!
//! A request by text (`textline`) is stored by its webhook in the transaction of its last
//! answer and handed to placement from there, joining the chain at step 2.
//!
//! Beside that chain: **follow-ups** plan the texts due each minute, **idle text
//! conversations** end after a day, **appointment texts** (`reminders`) are planned each minute, **map figures** rebuild the
//! service-gap map's sums, and **retention** clears old personal data every hour.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::areas::placement::{self, OnPlaced, Placer};
use crate::intake::writer::{Confirmations, IntakeWriter};
use crate::sms::worker::{Outbox, WorkerConfig};
use crate::web::Shared;

/// How often the service-gap map's stored sums are brought up to date.
const MAP_FIGURES_EVERY: Duration = Duration::from_secs(30);

/// The handles the routes need, and the tasks to stop when the application goes.
pub struct Workers {
    /// Stores requests for help (step 1).
    pub intake: IntakeWriter,
    /// Hands a case to placement (step 2); staff-entered requests use it too.
    pub placer: Placer,
    /// Wakes the text worker (step 4).
    pub outbox: Outbox,
    tasks: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Starts every task on the current Tokio runtime.
    pub fn start(shared: &Shared) -> anyhow::Result<Self> {
        let db = &shared.db;
        let config = &shared.config;
        let mut tasks = Vec::new();

        // Step 4 first: the others wake it.
        let transport = crate::sms::client::transport_from_config(&config.sms)?;
        let (outbox, texts) =
            crate::sms::worker::start(db.clone(), transport, text_worker_config(shared));
        tasks.push(texts);

        // Step 3: what placement hands on.
        let auto_assign = config.auto_assign;
        let assign_db = db.clone();
        let on_placed: OnPlaced = Arc::new(move |case_id| {
            let db = assign_db.clone();
            Box::pin(async move {
                crate::cases::autoassign::assign_each(&db, auto_assign, &[case_id]).await;
            })
        });

        // Step 2.
        let geocoder = crate::areas::geocode::from_config(&config.placement, db.clone())?;
        let (placer, queue) = Placer::channel();
        let placing = placement::Worker::new(db.clone(), geocoder, config.placement.clone());
        tasks.push(placement::start(queue, placing, on_placed));

        // Step 1: its tasks end when the last handle on it is dropped.
        let confirmations = Confirmations {
            i18n: shared.i18n.clone(),
            status_url: format!("{}/status", config.public_url),
            outbox: outbox.clone(),
        };
        let intake = IntakeWriter::start_with(
            db.clone(),
            Some(placer.clone()),
            Some(confirmations),
            Some(shared.metrics.intake_batches.clone()),
        );

        tasks.push(crate::sms::followups::start(
            db.clone(),
            shared.i18n.clone(),
            config.followups.clone(),
            outbox.clone(),
        ));
        tasks.push(crate::textline::store::start(
            db.clone(),
            shared.i18n.clone(),
            outbox.clone(),
        ));
        tasks.push(crate::reminders::start(
            db.clone(),
            shared.i18n.clone(),
            crate::reminders::Settings::new(config),
            outbox.clone(),
        ));
        tasks.push(crate::devices::loan_texts::start(
            db.clone(),
            shared.i18n.clone(),
            crate::devices::loan_texts::Settings::new(config),
            outbox.clone(),
        ));
        tasks.push(crate::maps::stats::start(db.clone(), MAP_FIGURES_EVERY));
        tasks.extend(crate::datacare::start(db.clone(), config.retention));

        Ok(Self {
            intake,
            placer,
            outbox,
            tasks,
        })
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// The text worker as configured, sending as the configured number (or to the log).
fn text_worker_config(shared: &Shared) -> WorkerConfig {
    let config = &shared.config;
    WorkerConfig {
        sender: config.sms.from.clone().unwrap_or_else(|| "log".into()),
        status_callback: Some(format!("{}/sms/status", config.public_url)),
        results: shared.metrics.texts.clone(),
        ..WorkerConfig::new(config)
    }
}
