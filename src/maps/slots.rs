//! The map's appointment supply: each area's free appointment slots in the next 14 days, at the
//! sites in it, with a navigator who speaks the language filtered on (any, without a filter).
//! A time at which two navigators are free at a site is two slots: two residents can be seen.

use std::collections::HashMap;

use jiff::tz::TimeZone;

use crate::appointments::slots::{self, Seeker, LEAD_SECONDS};
use crate::db::Db;

/// How far ahead the map counts free slots.
pub const DAYS: u32 = 14;

/// Free slots by area id, over the `DAYS` local days from `now`'s, starting an hour from now.
pub async fn free_by_area(
    db: &Db,
    tz: &TimeZone,
    language: Option<&str>,
    now: i64,
) -> sqlx::Result<HashMap<i64, i64>> {
    let Some(first_day) = slots::local_day(tz, now) else {
        return Ok(HashMap::new());
    };
    let seeker = Seeker {
        language: language.unwrap_or_default().to_owned(),
        interpreter: language.is_none(),
        ..Seeker::default()
    };
    let schedule = slots::load(db, tz, &seeker, first_day, DAYS).await?;
    let earliest = now + LEAD_SECONDS;
    let area_of: HashMap<i64, (Option<i64>, i64)> = schedule
        .sites
        .iter()
        .map(|s| (s.id, (s.area_id, s.slot_minutes)))
        .collect();
    let mut free: HashMap<i64, i64> = HashMap::new();
    let mut day = first_day;
    for _ in 0..DAYS {
        let weekday = day.weekday().to_monday_one_offset();
        for h in schedule.hours.iter().filter(|h| h.weekday == weekday) {
            let Some(&(Some(area), minutes)) = area_of.get(&h.site_id) else {
                continue;
            };
            if schedule.is_closed(h.site_id, day) {
                continue;
            }
            let open = slots::day_slots(tz, day, h, minutes)
                .into_iter()
                .filter(|&(start, end)| {
                    start >= earliest && !schedule.is_taken(h.navigator_id, start, end)
                })
                .count();
            *free.entry(area).or_default() += open as i64;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    Ok(free)
}
