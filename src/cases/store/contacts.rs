//! Contacts with a resident: each one's time and place in `contacts`, the case's running sums
//! in `contact_totals` (what the reports' stored sums read), and the timeline event that shows
//! it, written together. The sites a contact may name are the `sites` feature's.

use super::case::{write_follow_up, FollowUp, StatusMove};
use super::change::{append_event, begin_change, Change, NewEvent};
use crate::cases::contact::Place;
use crate::db::Db;

pub use crate::sites::store::{active_site, active_sites, Site};

/// One contact as the navigator logs it.
#[derive(Clone, Debug)]
pub struct Contact<'a> {
    pub place: Place,
    /// The site's name when `place` is a site, kept in the event as it was then.
    pub site_name: Option<&'a str>,
    /// `None`: not known (an old client that sends no minutes).
    pub minutes: Option<i64>,
    pub note: &'a str,
    /// The status the contact moves the case to, if any.
    pub moves_to: Option<StatusMove>,
    /// A new follow-up day (`Some(None)` clears it), if it changes.
    pub follow_up: Option<FollowUp<'a>>,
}

/// Logs a contact with the resident, and the status and follow-up day it leads to, all at once
/// if the case is still at `version`; the first contact also sets `first_contact_at`, later
/// ones leave it. `Done` names the last event written.
pub async fn log_contact(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    contact: &Contact<'_>,
    now: i64,
) -> Result<Change, sqlx::Error> {
    let update = sqlx::query(
        "UPDATE cases SET version = version + 1, updated_at = $1, \
         first_contact_at = COALESCE(first_contact_at, $2) WHERE id = $3 AND version = $4",
    )
    .bind(now)
    .bind(now)
    .bind(case_id)
    .bind(version);
    let Some(mut tx) = begin_change(db, update).await? else {
        return Ok(Change::Stale);
    };
    sqlx::query(
        "INSERT INTO contacts (case_id, user_id, at, place, site_id, minutes) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(user_id)
    .bind(now)
    .bind(contact.place.code())
    .bind(contact.place.site_id())
    .bind(contact.minutes)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO contact_totals (case_id, contacts, untimed, minutes) VALUES ($1, 1, $2, $3) \
         ON CONFLICT (case_id) DO UPDATE SET contacts = contact_totals.contacts + 1, \
         untimed = contact_totals.untimed + excluded.untimed, \
         minutes = contact_totals.minutes + excluded.minutes",
    )
    .bind(case_id)
    .bind(i64::from(contact.minutes.is_none()))
    .bind(contact.minutes.unwrap_or(0))
    .execute(&mut *tx)
    .await?;
    let mut data = serde_json::json!({ "place": contact.place.code() });
    // Readers of the events from before places keep finding the channel they knew.
    if matches!(
        contact.place,
        Place::Phone | Place::Text | Place::Email | Place::InPerson
    ) {
        data["channel"] = contact.place.code().into();
    }
    if let Some(minutes) = contact.minutes {
        data["minutes"] = minutes.into();
    }
    if let (Some(id), Some(name)) = (contact.place.site_id(), contact.site_name) {
        data["site_id"] = id.into();
        data["site"] = name.into();
    }
    let event = NewEvent::new(case_id, "contact", user_id, now)
        .with_body(contact.note)
        .with_data(data);
    let mut last = append_event(&mut tx, event).await?;
    if let Some(status) = contact.moves_to {
        match status.write(&mut tx, case_id, user_id, now).await? {
            Some(id) => last = id,
            None => {
                tx.rollback().await?;
                return Ok(Change::Stale);
            }
        }
    }
    if let Some(due) = contact.follow_up {
        last = write_follow_up(&mut tx, case_id, user_id, due, now).await?;
    }
    tx.commit().await?;
    Ok(Change::Done(last))
}
