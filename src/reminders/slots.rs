//! Free times to offer by text. A stand-in for `appointments::slots::free_slots` (helper A's
//! slot search, not merged when this was written): navigators who speak the case's language,
//! their weekly hours at active sites, minus closures, taken slots and the past, soonest first.
//! It does not order by distance; replace its one caller (`offers::search`) when the real one
//! lands.

use std::collections::HashSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::offers::Offered;
use super::texts::Place;
use crate::db::Db;

type Hours = (i64, i64, i64, i64, i64, i64, String, String);

pub async fn free(
    db: &Db,
    tz: &TimeZone,
    case_id: i64,
    now: i64,
    days: i64,
    limit: usize,
) -> Result<Vec<Offered>, sqlx::Error> {
    let language: Option<String> = sqlx::query_scalar("SELECT language FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(&db.pool)
        .await?;
    let Some(language) = language else {
        return Ok(Vec::new());
    };
    let hours: Vec<Hours> = sqlx::query_as(
        "SELECT h.navigator_id, h.site_id, h.weekday, h.start_minute, h.end_minute, \
           s.slot_minutes, s.name, s.address \
         FROM office_hours h JOIN sites s ON s.id = h.site_id \
         JOIN navigators n ON n.id = h.navigator_id \
         WHERE s.active = 1 AND n.active = 1 \
           AND (',' || n.languages || ',') LIKE ('%,' || $1 || ',%')",
    )
    .bind(&language)
    .fetch_all(&db.pool)
    .await?;
    let closed: HashSet<(Option<i64>, String)> =
        sqlx::query_as::<_, (Option<i64>, String)>("SELECT site_id, day FROM site_closures")
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    let taken: HashSet<(i64, i64)> = sqlx::query_as(
        "SELECT navigator_id, starts_at FROM appointments \
         WHERE status <> 'cancelled' AND starts_at > $1",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .collect();
    let Ok(today) = jiff::Timestamp::from_second(now).map(|t| t.to_zoned(tz.clone()).date()) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for offset in 0..days {
        let Ok(date) = today.checked_add(jiff::Span::new().days(offset)) else {
            break;
        };
        let day = date.to_string();
        let weekday = i64::from(date.weekday().to_monday_one_offset());
        for (navigator_id, site_id, _, start, end, slot, site, address) in
            hours.iter().filter(|h| h.2 == weekday)
        {
            if closed.contains(&(Some(*site_id), day.clone()))
                || closed.contains(&(None, day.clone()))
            {
                continue;
            }
            let mut minute = *start;
            while minute + slot <= *end {
                if let Some(starts_at) = instant(date, minute, tz) {
                    let ends_at = starts_at + slot * 60;
                    if starts_at > now && !taken.contains(&(*navigator_id, starts_at)) {
                        found.push(Offered {
                            value: Offered::value_of(*navigator_id, *site_id, starts_at, ends_at),
                            navigator_id: *navigator_id,
                            site_id: *site_id,
                            ends_at,
                            place: Place {
                                starts_at,
                                site: site.clone(),
                                address: address.clone(),
                            },
                        });
                    }
                }
                minute += slot;
            }
        }
    }
    found.sort_by_key(|o| (o.place.starts_at, o.site_id, o.navigator_id));
    found.dedup_by_key(|o| (o.place.starts_at, o.navigator_id));
    found.truncate(limit);
    Ok(found)
}

/// `minute` of local `date` as an instant: `None` when the clocks skip it; the first when they
/// repeat it.
fn instant(date: Date, minute: i64, tz: &TimeZone) -> Option<i64> {
    let time = jiff::civil::Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).ok()?;
    let dt = date.to_datetime(time);
    match tz.to_ambiguous_timestamp(dt).offset() {
        jiff::tz::AmbiguousOffset::Unambiguous { offset } => {
            offset.to_timestamp(dt).ok().map(|t| t.as_second())
        }
        jiff::tz::AmbiguousOffset::Fold { before, .. } => {
            before.to_timestamp(dt).ok().map(|t| t.as_second())
        }
        jiff::tz::AmbiguousOffset::Gap { .. } => None,
    }
}
