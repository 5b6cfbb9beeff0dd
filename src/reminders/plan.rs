//! Planning the texts about appointments that no one asked for: the two reminders, and the
//! kind text after a missed appointment. Each is queued in the outbox once: the appointment's
//! own column (`reminded_day_before_at`, `reminded_soon_at`, `no_show_texted_at`) is claimed by
//! a guarded UPDATE in the transaction that queues the text, so two instances planning at the
//! same minute never both queue it, and the outbox's idempotency key backs that up.

use jiff::tz::TimeZone;
use sqlx::Row;

use super::offers;
use super::schedule::{self, Leads, Which};
use super::texts::{self, Place};
use crate::config::{Config, SendingWindow};
use crate::db::Db;
use crate::i18n::{I18n, Lang};
use crate::sms::followups::REACHABLE;
use crate::sms::outbox::{self, Kind, NewText};

/// How reminders are timed (the city's time zone, the quiet hours, the lead of the soon one)
/// and the help line the no-show text names when it has no times to offer.
#[derive(Clone, Debug)]
pub struct Settings {
    pub timezone: TimeZone,
    pub window: SendingWindow,
    pub leads: Leads,
    pub help_phone: String,
}

impl Settings {
    pub fn new(config: &Config) -> Self {
        Self {
            timezone: config.timezone.clone(),
            window: config.sms.sending_window,
            leads: Leads::default(),
            help_phone: config.help_phone.clone(),
        }
    }
}

/// A missed appointment older than this gets no text any more (a server that was off for a
/// week does not send stale apologies).
const NO_SHOW_STALE_AFTER: i64 = 2 * 86_400;

/// Appointments further off than this need no reminder yet: the day-before one goes at most
/// a day and a night before.
const LOOK_AHEAD: i64 = 3 * 86_400;

/// Queues every reminder and no-show text due at `now`; returns how many it queued. Called each
/// minute by `super::start`; tests call it with their own clock.
pub async fn plan_due(
    db: &Db,
    i18n: &I18n,
    settings: &Settings,
    now: i64,
) -> Result<usize, sqlx::Error> {
    // Nothing is planned at night, so nothing planned can go out at night, whatever the worker
    // does later (it holds these texts for quiet hours too).
    let local = jiff::Timestamp::from_second(now)
        .map(|t| t.to_zoned(settings.timezone.clone()).time())
        .unwrap_or_default();
    if !settings.window.allows(local) {
        return Ok(0);
    }
    let mut queued = reminders(db, i18n, settings, now).await?;
    queued += no_shows(db, i18n, settings, now).await?;
    if queued > 0 {
        tracing::info!(queued, "appointment texts planned");
    }
    Ok(queued)
}

async fn reminders(
    db: &Db,
    i18n: &I18n,
    settings: &Settings,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT a.id, a.case_id, a.starts_at, a.created_at, a.reminded_day_before_at, \
           a.reminded_soon_at, r.id AS resident_id, r.phone, c.language, s.name, s.address \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
         JOIN residents r ON r.id = c.resident_id JOIN sites s ON s.id = a.site_id \
         WHERE a.status IN ('booked', 'confirmed') AND a.starts_at > $1 AND a.starts_at <= $2 \
           AND (a.reminded_day_before_at IS NULL OR a.reminded_soon_at IS NULL) AND {REACHABLE}"
    ))
    .bind(now)
    .bind(now + LOOK_AHEAD)
    .fetch_all(&db.pool)
    .await?;
    let mut queued = 0;
    for row in rows {
        let starts_at: i64 = row.try_get("starts_at")?;
        let created_at: i64 = row.try_get("created_at")?;
        let at = |which| {
            schedule::send_at(
                which,
                starts_at,
                &settings.window,
                &settings.timezone,
                settings.leads,
            )
        };
        // Only what falls due after the booking: a reminder meant for before it would repeat
        // the booking's own answer.
        let due = |at: Option<i64>| at.filter(|&t| t <= now && t > created_at);
        let soon = at(Which::Soon);
        let which = if row.try_get::<Option<i64>, _>("reminded_soon_at")?.is_none()
            && due(soon).is_some()
        {
            Which::Soon
        } else if row
            .try_get::<Option<i64>, _>("reminded_day_before_at")?
            .is_none()
            && due(at(Which::DayBefore)).is_some()
            && soon.is_none_or(|s| now < s)
        {
            Which::DayBefore
        } else {
            continue;
        };
        if now > starts_at - schedule::MIN_NOTICE {
            continue;
        }
        let lang = Lang::parse(&row.try_get::<String, _>("language")?).unwrap_or(Lang::EN);
        let place = Place {
            starts_at,
            site: row.try_get("name")?,
            address: row.try_get("address")?,
        };
        let message = match which {
            Which::DayBefore => "sms-reminder-day-before",
            Which::Soon => "sms-reminder-soon",
        };
        let id: i64 = row.try_get("id")?;
        let text = NewText {
            case_id: Some(row.try_get("case_id")?),
            resident_id: Some(row.try_get("resident_id")?),
            to: row.try_get("phone")?,
            body: texts::about(i18n, lang, &settings.timezone, message, Some(&place), &[]),
            kind: Kind::Reminder,
            immediate: false,
            not_before: now,
            idempotency_key: format!("appointment-{id}-{}", which.code()),
            created_by: None,
        };
        if claim_and_queue(db, id, which.column(), &text, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Sets `column` of appointment `id` to `now` if no one has, and queues `text` in the same
/// transaction. False when another instance (or an earlier minute) had claimed it, or the
/// appointment is no longer what it was.
async fn claim_and_queue(
    db: &Db,
    id: i64,
    column: &str,
    text: &NewText,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query(&format!(
        "UPDATE appointments SET {column} = $1 WHERE id = $2 AND {column} IS NULL \
           AND status IN ('booked', 'confirmed')"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        tx.rollback().await?;
        return Ok(false);
    }
    outbox::enqueue_on(&mut tx, text, now).await?;
    tx.commit().await?;
    db.note_change();
    Ok(true)
}

/// One kind text after each missed appointment, offering new times when there are some.
async fn no_shows(
    db: &Db,
    i18n: &I18n,
    settings: &Settings,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, String, String)> = sqlx::query_as(&format!(
        "SELECT a.id, a.case_id, r.id, r.phone, c.language \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
         JOIN residents r ON r.id = c.resident_id \
         WHERE a.status = 'no_show' AND a.no_show_texted_at IS NULL \
           AND a.starts_at > $1 AND a.starts_at <= $2 AND {REACHABLE}"
    ))
    .bind(now - NO_SHOW_STALE_AFTER)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut queued = 0;
    for (id, case_id, resident_id, phone, lang) in rows {
        let lang = Lang::parse(&lang).unwrap_or(Lang::EN);
        let found = offers::search(db, &settings.timezone, case_id, now).await?;
        let mut tx = db.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE appointments SET no_show_texted_at = $1 \
             WHERE id = $2 AND no_show_texted_at IS NULL AND status = 'no_show'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            tx.rollback().await?;
            continue;
        }
        let (message, extra) = offers::store_offer(
            &mut tx,
            &offers::Writing {
                i18n,
                tz: &settings.timezone,
                phone: &settings.help_phone,
            },
            case_id,
            lang,
            &found,
            ("sms-no-show", "sms-no-show-none"),
            now,
        )
        .await?;
        let text = NewText {
            case_id: Some(case_id),
            resident_id: Some(resident_id),
            to: phone,
            body: texts::about(i18n, lang, &settings.timezone, message, None, &extra),
            kind: Kind::NoShow,
            immediate: false,
            not_before: now,
            idempotency_key: format!("appointment-{id}-no-show"),
            created_by: None,
        };
        outbox::enqueue_on(&mut tx, &text, now).await?;
        tx.commit().await?;
        db.note_change();
        queued += 1;
    }
    Ok(queued)
}
