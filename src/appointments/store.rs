//! Booking, moving, cancelling and marking appointments. A booking is one transaction that
//! checks the slot again (the navigator's hours at that site that day, no closure, not past),
//! cancels the case's upcoming appointment when there is one (a move), and inserts the new row:
//! the partial unique index on (navigator, start) decides a race on every instance.

use jiff::tz::TimeZone;
use sqlx::Row;

use super::slots::{self, Hours, Seeker, SlotKey};
use crate::db::Db;

/// Where an appointment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Booked,
    Confirmed,
    Cancelled,
    Attended,
    NoShow,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Booked,
        Status::Confirmed,
        Status::Cancelled,
        Status::Attended,
        Status::NoShow,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Booked => "booked",
            Status::Confirmed => "confirmed",
            Status::Cancelled => "cancelled",
            Status::Attended => "attended",
            Status::NoShow => "no_show",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// Booked or confirmed: the resident is expected.
    pub fn is_upcoming(self) -> bool {
        matches!(self, Status::Booked | Status::Confirmed)
    }
}

/// How an appointment was booked, and by whom when staff did it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookedVia {
    /// The resident, on the confirmation or status page.
    Web,
    /// The resident, replying to a text offer.
    Text,
    /// A navigator or supervisor (their user id), from the case page.
    Staff { user_id: i64 },
}

impl BookedVia {
    pub fn code(self) -> &'static str {
        match self {
            BookedVia::Web => "web",
            BookedVia::Text => "text",
            BookedVia::Staff { .. } => "staff",
        }
    }

    fn actor(self) -> Option<i64> {
        match self {
            BookedVia::Staff { user_id } => Some(user_id),
            _ => None,
        }
    }
}

/// An appointment, with the names a page or a text shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Appointment {
    pub id: i64,
    pub case_id: i64,
    pub navigator_id: i64,
    pub navigator_name: String,
    pub site_id: i64,
    pub site_name: String,
    pub site_address: String,
    pub site_accessibility: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: Status,
    /// `web`, `text` or `staff`.
    pub booked_via: String,
}

/// Why a slot could not be booked. Nothing is stored in any case.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    /// Someone else booked it (or the navigator is busy then): offer other slots.
    #[error("the slot was just taken")]
    Taken,
    /// It has started or is over.
    #[error("the slot is in the past")]
    Past,
    /// The site is closed that day.
    #[error("the site is closed that day")]
    Closed,
    /// Not a slot that is offered: no such hours, site or navigator, or one who cannot meet
    /// this resident.
    #[error("no such slot")]
    Unavailable,
    #[error("no such case")]
    NoCase,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

const SELECT: &str = "SELECT a.id, a.case_id, a.navigator_id, u.name AS navigator_name, \
     a.site_id, s.name AS site_name, s.address AS site_address, \
     s.accessibility AS site_accessibility, a.starts_at, a.ends_at, a.status, a.booked_via \
     FROM appointments a JOIN sites s ON s.id = a.site_id \
     JOIN navigators n ON n.id = a.navigator_id JOIN users u ON u.id = n.user_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Appointment, sqlx::Error> {
    let status: String = r.try_get("status")?;
    Ok(Appointment {
        id: r.try_get("id")?,
        case_id: r.try_get("case_id")?,
        navigator_id: r.try_get("navigator_id")?,
        navigator_name: r.try_get("navigator_name")?,
        site_id: r.try_get("site_id")?,
        site_name: r.try_get("site_name")?,
        site_address: r.try_get("site_address")?,
        site_accessibility: r.try_get("site_accessibility")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        status: Status::parse(&status).unwrap_or(Status::Booked),
        booked_via: r.try_get("booked_via")?,
    })
}

async fn get_on(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<Appointment>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Appointment>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    get_on(&mut conn, id).await
}

/// The case's next appointment that has not started yet and is booked or confirmed.
pub async fn upcoming_for_case(
    db: &Db,
    case_id: i64,
    now: i64,
) -> Result<Option<Appointment>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE a.case_id = $1 AND a.status IN ('booked', 'confirmed') \
         AND a.starts_at > $2 ORDER BY a.starts_at LIMIT 1"
    ))
    .bind(case_id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Books `key` for the case, moving its upcoming appointment there if it has one.
pub async fn book(
    db: &Db,
    tz: &TimeZone,
    case_id: i64,
    key: &SlotKey,
    via: BookedVia,
    now: i64,
) -> Result<Appointment, BookError> {
    let mut tx = db.begin_write().await?;
    let appointment = book_on(&mut tx, tz, case_id, key, via, now).await?;
    tx.commit().await?;
    db.note_change();
    Ok(appointment)
}

/// [`book`] on the caller's transaction (a reply by text books on the text line's own). It
/// runs in a savepoint: when the slot is refused, nothing of it stays and the caller's
/// transaction goes on (on PostgreSQL a failed statement would end it, so a taken slot is
/// found by `ON CONFLICT DO NOTHING`, not by an error).
pub async fn book_on(
    conn: &mut sqlx::AnyConnection,
    tz: &TimeZone,
    case_id: i64,
    key: &SlotKey,
    via: BookedVia,
    now: i64,
) -> Result<Appointment, BookError> {
    let mut tx = sqlx::Connection::begin(conn).await?;
    let seeker = Seeker::for_case_on(&mut tx, case_id)
        .await?
        .ok_or(BookError::NoCase)?;
    let ends_at = check_slot(&mut tx, tz, &seeker, key, via, now).await?;

    // The case's upcoming appointments make way first, so moving to a slot next to (or the
    // same as) the old one with the same navigator is not refused as taken.
    let moved: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM appointments WHERE case_id = $1 AND status IN ('booked', 'confirmed') \
         AND starts_at > $2",
    )
    .bind(case_id)
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for &id in &moved {
        set_status_on(&mut tx, id, Status::Cancelled, now).await?;
    }

    let busy: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE navigator_id = $1 AND status <> 'cancelled' \
         AND starts_at < $2 AND ends_at > $3",
    )
    .bind(key.navigator_id)
    .bind(ends_at)
    .bind(key.starts_at)
    .fetch_one(&mut *tx)
    .await?;
    if busy > 0 {
        return Err(BookError::Taken);
    }
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, status, \
         booked_via, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'booked', $6, $7, $7) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(case_id)
    .bind(key.navigator_id)
    .bind(key.site_id)
    .bind(key.starts_at)
    .bind(ends_at)
    .bind(via.code())
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(BookError::Taken)?;
    let appointment = get_on(&mut tx, id).await?.ok_or(BookError::Unavailable)?;
    let kind = if moved.is_empty() {
        "appointment_booked"
    } else {
        "appointment_moved"
    };
    let mut data = event_data(&appointment);
    data["via"] = via.code().into();
    if let Some(&old) = moved.first() {
        data["moved_from"] = old.into();
    }
    append_event(&mut tx, &appointment, kind, via.actor(), &data, now).await?;
    tx.commit().await?;
    tracing::info!(
        appointment = id,
        case = case_id,
        navigator = key.navigator_id,
        site = key.site_id,
        via = via.code(),
        moved = !moved.is_empty(),
        "appointment booked"
    );
    Ok(appointment)
}

/// That `key` is a slot of the navigator's hours at that site on that day, the site open and
/// the navigator able to meet the resident; its end.
async fn check_slot(
    conn: &mut sqlx::AnyConnection,
    tz: &TimeZone,
    seeker: &Seeker,
    key: &SlotKey,
    via: BookedVia,
    now: i64,
) -> Result<i64, BookError> {
    let site = sqlx::query("SELECT slot_minutes FROM sites WHERE id = $1 AND active = 1")
        .bind(key.site_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(BookError::Unavailable)?;
    let slot_minutes: i64 = site.try_get("slot_minutes")?;
    let navigator = sqlx::query(
        "SELECT n.languages FROM navigators n JOIN users u ON u.id = n.user_id \
         WHERE n.id = $1 AND n.active = 1 AND u.disabled = 0",
    )
    .bind(key.navigator_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(BookError::Unavailable)?;
    // Staff may book a navigator who brings an interpreter; a resident gets what was offered.
    let staff = matches!(via, BookedVia::Staff { .. });
    if !staff && !seeker.understands(&navigator.try_get::<String, _>("languages")?) {
        return Err(BookError::Unavailable);
    }
    let day = slots::local_day(tz, key.starts_at).ok_or(BookError::Unavailable)?;
    let weekday = day.weekday().to_monday_one_offset();
    let rows = sqlx::query(
        "SELECT start_minute, end_minute FROM office_hours \
         WHERE navigator_id = $1 AND site_id = $2 AND weekday = $3",
    )
    .bind(key.navigator_id)
    .bind(key.site_id)
    .bind(i64::from(weekday))
    .fetch_all(&mut *conn)
    .await?;
    let mut ends_at = None;
    for r in &rows {
        let hours = Hours {
            navigator_id: key.navigator_id,
            site_id: key.site_id,
            weekday,
            start_minute: r.try_get("start_minute")?,
            end_minute: r.try_get("end_minute")?,
        };
        if let Some(&(_, end)) = slots::day_slots(tz, day, &hours, slot_minutes)
            .iter()
            .find(|(start, _)| *start == key.starts_at)
        {
            ends_at = Some(end);
        }
    }
    let ends_at = ends_at.ok_or(BookError::Unavailable)?;
    if key.starts_at <= now {
        return Err(BookError::Past);
    }
    let closed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM site_closures WHERE (site_id = $1 OR site_id IS NULL) AND day = $2",
    )
    .bind(key.site_id)
    .bind(day.to_string())
    .fetch_one(&mut *conn)
    .await?;
    if closed > 0 {
        return Err(BookError::Closed);
    }
    Ok(ends_at)
}

/// Cancels a booked or confirmed appointment; false when there was none to cancel. `actor` is
/// the staff member who did it, `None` for the resident or navdesk itself. The slot is free
/// again at once.
pub async fn cancel(db: &Db, id: i64, actor: Option<i64>, now: i64) -> Result<bool, sqlx::Error> {
    set_status(db, id, Status::Cancelled, actor, now).await
}

/// Moves an appointment that is not cancelled to `status` (a cancelled one stays cancelled:
/// its slot may be someone else's by now); false when nothing changed.
pub async fn set_status(
    db: &Db,
    id: i64,
    status: Status,
    actor: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let changed = change_on(&mut tx, id, status, actor, now).await?.is_some();
    if changed {
        tx.commit().await?;
        db.note_change();
    }
    Ok(changed)
}

/// [`set_status`] on the caller's transaction, with its timeline event; the appointment as it
/// is now, or `None` when nothing changed.
pub async fn change_on(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    status: Status,
    actor: Option<i64>,
    now: i64,
) -> Result<Option<Appointment>, sqlx::Error> {
    if !set_status_on(conn, id, status, now).await? {
        return Ok(None);
    }
    let Some(appointment) = get_on(conn, id).await? else {
        return Ok(None);
    };
    let kind = if status == Status::Cancelled {
        "appointment_cancelled"
    } else {
        "appointment_status"
    };
    let mut data = event_data(&appointment);
    data["status"] = status.code().into();
    append_event(conn, &appointment, kind, actor, &data, now).await?;
    tracing::info!(
        appointment = id,
        status = status.code(),
        "appointment changed"
    );
    Ok(Some(appointment))
}

/// The UPDATE of `set_status`, on the caller's transaction.
async fn set_status_on(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    status: Status,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE appointments SET status = $1, updated_at = $2 \
         WHERE id = $3 AND status <> 'cancelled' AND status <> $1",
    )
    .bind(status.code())
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn event_data(a: &Appointment) -> serde_json::Value {
    serde_json::json!({
        "appointment_id": a.id,
        "navigator_id": a.navigator_id,
        "navigator": a.navigator_name,
        "site_id": a.site_id,
        "site": a.site_name,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
    })
}

/// The timeline event of a change, by `actor` (with its audit row) or by navdesk.
async fn append_event(
    conn: &mut sqlx::AnyConnection,
    a: &Appointment,
    kind: &str,
    actor: Option<i64>,
    data: &serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    match actor {
        None => crate::db::events::append_system_event(conn, a.case_id, kind, "", data, now).await,
        Some(user_id) => {
            sqlx::query(
                "INSERT INTO case_events (case_id, kind, actor_user_id, body, data, created_at) \
                 VALUES ($1, $2, $3, '', $4, $5)",
            )
            .bind(a.case_id)
            .bind(kind)
            .bind(user_id)
            .bind(data.to_string())
            .bind(now)
            .execute(&mut *conn)
            .await?;
            crate::db::audit::record_in(conn, user_id, "change_case", a.case_id, now).await
        }
    }
}
