//! A resident's reply about an appointment, on the text line's transaction (`textline` calls
//! [`answer`] for a text outside a conversation that is no STOP, START or HELP):
//!
//! - a confirm word (or a plain yes to a reminder) confirms the next appointment;
//! - a cancel word cancels it, and its slot is free for others at once;
//! - an "another time" word offers three new times (also with no appointment, to a number
//!   with an open case); the one picked replaces the old appointment;
//! - a number picks one of the times offered last ([`offers::pick`]).
//!
//! Each is answered at once in the case's language and written on the case's timeline. A reply
//! with none of these meanings, or with nothing to apply to, is left to the text line, which
//! puts it on the timeline for the navigator as before.

use super::offers::{self, Extra, Picked, Writing};
use super::texts::{self, Place};
use super::words::{AppointmentWords, Intent};
use crate::appointments::store::{change_on, Status};
use crate::i18n::Lang;
use crate::sms::keywords::Meaning;
use crate::sms::outbox::{self, Kind, NewText};
use crate::sms::webhooks::Inbound;
use crate::web::Shared;

/// The next appointment of a phone number's cases.
struct Upcoming {
    id: i64,
    case_id: i64,
    resident_id: i64,
    lang: Lang,
    place: Place,
    /// When its last reminder was queued, if one was.
    reminded_at: Option<i64>,
}

type UpcomingRow = (i64, i64, i64, String, i64, String, String, Option<i64>);

async fn upcoming(
    tx: &mut sqlx::AnyConnection,
    phone: &str,
    now: i64,
) -> Result<Option<Upcoming>, sqlx::Error> {
    let row: Option<UpcomingRow> = sqlx::query_as(
        "SELECT a.id, a.case_id, r.id, c.language, a.starts_at, s.name, s.address, \
           CASE WHEN a.reminded_soon_at IS NOT NULL THEN a.reminded_soon_at \
                ELSE a.reminded_day_before_at END \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
         JOIN residents r ON r.id = c.resident_id JOIN sites s ON s.id = a.site_id \
         WHERE r.phone = $1 AND a.status IN ('booked', 'confirmed') AND a.starts_at > $2 \
         ORDER BY a.starts_at, a.id LIMIT 1",
    )
    .bind(phone)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row.map(
        |(id, case_id, resident_id, lang, starts_at, site, address, reminded_at)| Upcoming {
            id,
            case_id,
            resident_id,
            lang: Lang::parse(&lang).unwrap_or(Lang::EN),
            place: Place {
                starts_at,
                site,
                address,
            },
            reminded_at,
        },
    ))
}

/// When the last follow-up question (`sms::followups`) was texted to `phone`: a digit or a yes
/// sent after it answers that question, not an appointment text sent before it.
async fn last_question_at(
    tx: &mut sqlx::AnyConnection,
    phone: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(created_at) FROM sms_messages WHERE to_number = $1 AND direction = 'out' \
           AND kind IN ('did_you_apply', 'still_connected', 'satisfaction')",
    )
    .bind(phone)
    .fetch_one(&mut *tx)
    .await
}

/// Applies `text` as a reply about an appointment, if it is one, and queues its answer; true
/// when it was (the caller then does nothing more with it).
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    tx: &mut sqlx::AnyConnection,
    shared: &Shared,
    words: &AppointmentWords,
    text: &Inbound<'_>,
    sms_id: i64,
    meaning: &Meaning,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let intent = match words.intent(text.text, meaning) {
        Some(intent) => intent,
        None if *meaning == Meaning::Yes => Intent::Confirm,
        None => return Ok(false),
    };
    let next = upcoming(tx, text.from, now).await?;
    let asked_at = last_question_at(tx, text.from).await?;
    // The case it is about, its resident and language.
    let (case_id, resident_id, lang) = match (intent, &next) {
        (Intent::Pick(_), _) => {
            let Some(case) = crate::sms::webhooks::newest_case(tx, text.from).await? else {
                return Ok(false);
            };
            match offers::newest(tx, case.case_id).await? {
                Some(offer) if asked_at.is_none_or(|q| q < offer.2) => {}
                _ => return Ok(false),
            }
            (case.case_id, case.resident_id, case.lang)
        }
        (_, Some(a)) => {
            // A plain yes confirms only right after a reminder, not a follow-up question.
            let after_reminder = a
                .reminded_at
                .is_some_and(|r| asked_at.is_none_or(|q| q < r));
            if *meaning == Meaning::Yes
                && words.intent(text.text, meaning).is_none()
                && !after_reminder
            {
                return Ok(false);
            }
            (a.case_id, a.resident_id, a.lang)
        }
        (Intent::AnotherTime, None) => {
            match crate::sms::webhooks::newest_case(tx, text.from).await? {
                Some(case) if case.open => (case.case_id, case.resident_id, case.lang),
                _ => return Ok(false),
            }
        }
        _ => return Ok(false),
    };
    let writing = Writing {
        i18n: &shared.i18n,
        tz: &shared.config.timezone,
        phone: &shared.config.help_phone,
    };
    let (kind, message, place, extra, did): (Kind, &str, Option<Place>, Extra, &str) =
        match (intent, next) {
            (Intent::Confirm, Some(a)) => {
                change_on(tx, a.id, Status::Confirmed, None, now).await?;
                (
                    Kind::AppointmentReply,
                    "sms-appointment-confirmed",
                    Some(a.place),
                    vec![],
                    "confirmed",
                )
            }
            (Intent::Cancel, Some(a)) => {
                change_on(tx, a.id, Status::Cancelled, None, now).await?;
                (
                    Kind::AppointmentReply,
                    "sms-appointment-cancelled",
                    Some(a.place),
                    vec![],
                    "cancelled",
                )
            }
            (Intent::Pick(n), _) => {
                let offer = offers::newest(tx, case_id)
                    .await?
                    .expect("an offer was found above, on this transaction");
                match offers::pick(tx, &shared.config.timezone, case_id, &offer, n, now).await? {
                    Picked::Booked { place, .. } => (
                        Kind::AppointmentReply,
                        "sms-appointment-booked",
                        Some(place),
                        vec![],
                        "booked",
                    ),
                    Picked::NotOffered(count) => (
                        Kind::AppointmentReply,
                        "sms-slot-not-offered",
                        None,
                        vec![("count", (count as i64).into())],
                        "not_offered",
                    ),
                    Picked::Expired => (
                        Kind::AppointmentReply,
                        "sms-slot-expired",
                        None,
                        vec![],
                        "expired",
                    ),
                    Picked::Taken => {
                        let found =
                            offers::search(&shared.db, &shared.config.timezone, case_id, now)
                                .await?;
                        let (message, extra) = offers::store_offer(
                            tx,
                            &writing,
                            case_id,
                            lang,
                            &found,
                            ("sms-slot-taken", "sms-slot-offer-none"),
                            now,
                        )
                        .await?;
                        (Kind::SlotOffer, message, None, extra, "taken")
                    }
                }
            }
            _ => {
                let found =
                    offers::search(&shared.db, &shared.config.timezone, case_id, now).await?;
                let (message, extra) = offers::store_offer(
                    tx,
                    &writing,
                    case_id,
                    lang,
                    &found,
                    ("sms-slot-offer", "sms-slot-offer-none"),
                    now,
                )
                .await?;
                (Kind::SlotOffer, message, None, extra, "offered")
            }
        };
    sqlx::query("UPDATE sms_messages SET case_id = $1, resident_id = $2 WHERE id = $3")
        .bind(case_id)
        .bind(resident_id)
        .bind(sms_id)
        .execute(&mut *tx)
        .await?;
    let data = serde_json::json!({ "sms_id": sms_id, "meaning": intent.code(), "answer": did });
    crate::db::events::append_system_event(tx, case_id, "sms_in", text.text, &data, now).await?;
    let body = texts::about(
        &shared.i18n,
        lang,
        &shared.config.timezone,
        message,
        place.as_ref(),
        &extra,
    );
    let reply = NewText {
        case_id: Some(case_id),
        resident_id: Some(resident_id),
        to: text.from.to_owned(),
        body,
        kind,
        immediate: true,
        not_before: now,
        idempotency_key: format!("in-{}-reply", text.sid),
        created_by: None,
    };
    outbox::enqueue_on(tx, &reply, now).await?;
    Ok(true)
}
