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
    let mut free: HashMap<i64, i64> = HashMap::new();
    for site in &schedule.sites {
        if let Some(area) = site.area_id {
            let open = schedule.free_at(tz, site, first_day, DAYS, earliest).len();
            *free.entry(area).or_default() += open as i64;
        }
    }
    Ok(free)
}
