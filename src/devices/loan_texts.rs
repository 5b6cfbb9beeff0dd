//! Texts about lent devices: one a few days before the due day, then one every few days once it
//! is late, up to `NAVDESK_LOAN_OVERDUE_TEXTS`; in the resident's language, inside quiet hours,
//! only to residents who agreed to texts and have not said STOP. Each is claimed by a guarded
//! UPDATE of the loan in the transaction that queues it, so two instances planning at the same
//! minute queue it once (the outbox's idempotency key backs that up).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use sqlx::Row;

use crate::config::{Config, SendingWindow};
use crate::db::Db;
use crate::i18n::{I18n, Lang};
use crate::sms::followups::REACHABLE;
use crate::sms::outbox::{self, Kind, NewText};

/// The text before the due day goes this many days before it.
pub const DAYS_BEFORE: i64 = 2;

/// Late texts go this far apart.
pub const OVERDUE_EVERY: i64 = 3 * 86_400;

/// When loan texts go and how many late ones at most.
#[derive(Clone, Debug)]
pub struct Settings {
    pub timezone: TimeZone,
    pub window: SendingWindow,
    pub overdue_texts: i64,
}

impl Settings {
    pub fn new(config: &Config) -> Self {
        Self {
            timezone: config.timezone.clone(),
            window: config.sms.sending_window,
            overdue_texts: config.loan_overdue_texts,
        }
    }
}

/// A loan as the planner reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open {
    pub due: Date,
    pub lent_on: Date,
    pub reminded: bool,
    pub overdue_texts: i64,
    pub overdue_texted_at: Option<i64>,
    pub more_time_asked: bool,
}

/// Which text a loan is due now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// Before the due day; not for a loan lent so late that the lending itself said it.
    Soon,
    /// The `n`th late text (from 0).
    Overdue(i64),
}

/// The text loan `l` is due at `now` (`today` in the city), if any. Pure.
pub fn due(l: &Open, today: Date, now: i64, max_overdue: i64) -> Option<Due> {
    let soon_from = l
        .due
        .checked_sub(jiff::Span::new().days(DAYS_BEFORE))
        .ok()?;
    if today <= l.due {
        return (!l.reminded && today >= soon_from && l.lent_on < soon_from).then_some(Due::Soon);
    }
    // A resident who asked for more time waits for their navigator's answer, not for texts.
    if l.more_time_asked || l.overdue_texts >= max_overdue {
        return None;
    }
    let rested = l
        .overdue_texted_at
        .is_none_or(|at| now >= at + OVERDUE_EVERY);
    rested.then_some(Due::Overdue(l.overdue_texts))
}

/// A day as a text writes it in `lang`: "Friday, March 6".
pub fn day(i18n: &I18n, lang: Lang, tz: &TimeZone, date: Date) -> String {
    let Ok(zoned) = date
        .to_datetime(jiff::civil::Time::midnight())
        .to_zoned(tz.clone())
    else {
        return date.to_string();
    };
    let weekday = crate::reminders::texts::weekday(i18n, lang, &zoned);
    let date = crate::reminders::texts::pattern(i18n, lang, "sms-appointment-date", &zoned);
    i18n.format_sms(
        lang,
        "sms-loan-day",
        &[("weekday", weekday.into()), ("date", date.into())],
    )
}

/// Queues every loan text due at `now`; how many. Called each minute by [`start`]; tests call
/// it with their own clock.
pub async fn plan_due(
    db: &Db,
    i18n: &I18n,
    settings: &Settings,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let tz = &settings.timezone;
    let Ok(at) = jiff::Timestamp::from_second(now) else {
        return Ok(0);
    };
    let local = at.to_zoned(tz.clone());
    if !settings.window.allows(local.time()) {
        return Ok(0);
    }
    let today = local.date();
    let horizon = today
        .checked_add(jiff::Span::new().days(DAYS_BEFORE))
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let rows = sqlx::query(&format!(
        "SELECT l.id, l.case_id, l.due_on, l.lent_at, l.reminded_due_at, l.overdue_texts, \
           l.overdue_texted_at, l.extension_asked_at, d.kind, d.asset_tag, r.id AS resident_id, \
           r.phone, c.language \
         FROM loans l JOIN devices d ON d.id = l.device_id JOIN cases c ON c.id = l.case_id \
         JOIN residents r ON r.id = c.resident_id \
         WHERE l.kind = 'loan' AND l.ended_at IS NULL AND l.due_on <= $1 AND {REACHABLE}"
    ))
    .bind(horizon.to_string())
    .fetch_all(&db.pool)
    .await?;
    let mut queued = 0;
    for row in rows {
        let Ok(due_on) = row.try_get::<String, _>("due_on")?.parse::<Date>() else {
            continue;
        };
        let lent_at: i64 = row.try_get("lent_at")?;
        let open = Open {
            due: due_on,
            lent_on: crate::devices::loans::today(tz, lent_at),
            reminded: row.try_get::<Option<i64>, _>("reminded_due_at")?.is_some(),
            overdue_texts: row.try_get("overdue_texts")?,
            overdue_texted_at: row.try_get("overdue_texted_at")?,
            more_time_asked: row
                .try_get::<Option<i64>, _>("extension_asked_at")?
                .is_some(),
        };
        let Some(which) = due(&open, today, now, settings.overdue_texts) else {
            continue;
        };
        let id: i64 = row.try_get("id")?;
        let lang = Lang::parse(&row.try_get::<String, _>("language")?).unwrap_or(Lang::EN);
        let kind: String = row.try_get("kind")?;
        let (message, key, claim) = match which {
            Due::Soon => (
                "sms-loan-due-soon",
                format!("loan-{id}-due-{due_on}"),
                sqlx::query(
                    "UPDATE loans SET reminded_due_at = $1 \
                     WHERE id = $2 AND reminded_due_at IS NULL AND ended_at IS NULL",
                )
                .bind(now)
                .bind(id),
            ),
            Due::Overdue(n) => (
                "sms-loan-overdue",
                format!("loan-{id}-overdue-{due_on}-{n}"),
                sqlx::query(
                    "UPDATE loans SET overdue_texts = overdue_texts + 1, overdue_texted_at = $1 \
                     WHERE id = $2 AND overdue_texts = $3 AND ended_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .bind(n),
            ),
        };
        let body = i18n.format_sms(
            lang,
            message,
            &[
                (
                    "device",
                    i18n.format_sms(lang, &format!("sms-loan-device-{kind}"), &[])
                        .into(),
                ),
                ("tag", row.try_get::<String, _>("asset_tag")?.into()),
                ("date", day(i18n, lang, tz, due_on).into()),
            ],
        );
        let text = NewText {
            case_id: Some(row.try_get("case_id")?),
            resident_id: Some(row.try_get("resident_id")?),
            to: row.try_get("phone")?,
            body,
            kind: Kind::LoanReminder,
            immediate: false,
            not_before: now,
            idempotency_key: key,
            created_by: None,
        };
        let mut tx = db.begin_write().await?;
        let claimed = claim.execute(&mut *tx).await?.rows_affected() == 1;
        if !claimed {
            tx.rollback().await?;
            continue;
        }
        outbox::enqueue_on(&mut tx, &text, now).await?;
        tx.commit().await?;
        db.note_change();
        queued += 1;
    }
    if queued > 0 {
        tracing::info!(queued, "loan texts planned");
    }
    Ok(queued)
}

/// Plans loan texts every minute until its task is aborted.
pub fn start(
    db: Db,
    i18n: std::sync::Arc<I18n>,
    settings: Settings,
    outbox: crate::sms::worker::Outbox,
) -> tokio::task::JoinHandle<()> {
    outbox.plan_every_minute("loan texts", move |now| {
        let (db, i18n, settings) = (db.clone(), i18n.clone(), settings.clone());
        async move { plan_due(&db, &i18n, &settings, now).await }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn open(due: &str, lent: &str) -> Open {
        Open {
            due: d(due),
            lent_on: d(lent),
            reminded: false,
            overdue_texts: 0,
            overdue_texted_at: None,
            more_time_asked: false,
        }
    }

    #[test]
    fn before_the_due_day_once_then_late_every_few_days_up_to_the_limit() {
        let l = open("2026-03-10", "2026-02-10");
        let now = 1_000_000;
        assert_eq!(due(&l, d("2026-03-07"), now, 3), None, "too early");
        assert_eq!(due(&l, d("2026-03-08"), now, 3), Some(Due::Soon));
        assert_eq!(
            due(&l, d("2026-03-10"), now, 3),
            Some(Due::Soon),
            "on the day"
        );
        let reminded = Open {
            reminded: true,
            ..l.clone()
        };
        assert_eq!(due(&reminded, d("2026-03-09"), now, 3), None);
        assert_eq!(
            due(&reminded, d("2026-03-11"), now, 3),
            Some(Due::Overdue(0))
        );
        let texted = Open {
            overdue_texts: 1,
            overdue_texted_at: Some(now),
            ..reminded.clone()
        };
        assert_eq!(due(&texted, d("2026-03-12"), now + 86_400, 3), None);
        assert_eq!(
            due(&texted, d("2026-03-14"), now + OVERDUE_EVERY, 3),
            Some(Due::Overdue(1))
        );
        let done = Open {
            overdue_texts: 3,
            ..texted.clone()
        };
        assert_eq!(due(&done, d("2026-04-30"), now + 90 * 86_400, 3), None);
        assert_eq!(due(&reminded, d("2026-03-11"), now, 0), None, "0: none");
        let asked = Open {
            more_time_asked: true,
            ..reminded
        };
        assert_eq!(due(&asked, d("2026-03-11"), now, 3), None);
    }

    #[test]
    fn a_short_loan_gets_no_text_before_its_day() {
        // Lent two days before: the lending said when it is due.
        assert_eq!(
            due(&open("2026-03-10", "2026-03-08"), d("2026-03-09"), 0, 3),
            None
        );
        assert_eq!(
            due(&open("2026-03-10", "2026-03-07"), d("2026-03-08"), 0, 3),
            Some(Due::Soon)
        );
    }
}
