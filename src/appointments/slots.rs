//! Free appointment slots: each navigator's weekly office hours at a site, laid out day by day
//! in the city's time zone, less closures, booked slots and the next hour; nearest sites first,
//! then soonest. Laying out is pure (`Schedule::free`); `free_slots` reads the database for it.

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::Timestamp;
use sqlx::Row;

use crate::db::{parse_json_rows, Db};
use crate::domain::{split_codes, Accessibility};

/// How soon a slot may start, at the earliest, when it is offered: time to get there.
pub const LEAD_SECONDS: i64 = 3600;

/// Who is looking for a slot: what decides which navigators and which sites come first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seeker {
    /// The resident's language code.
    pub language: String,
    /// The resident asked for an interpreter: a navigator of any language will do.
    pub interpreter: bool,
    /// Where the resident lives, when known.
    pub location: Option<(f64, f64)>,
    pub area_id: Option<i64>,
    /// The case's own navigator: offered first when two are free at the same time and place.
    pub navigator_id: Option<i64>,
}

impl Seeker {
    /// The seeker for a case's resident; `None` when there is no such case.
    pub async fn for_case(db: &Db, case_id: i64) -> Result<Option<Seeker>, sqlx::Error> {
        let mut conn = db.pool.acquire().await?;
        Seeker::for_case_on(&mut conn, case_id).await
    }

    /// `for_case`, on the caller's connection or transaction.
    pub async fn for_case_on(
        conn: &mut sqlx::AnyConnection,
        case_id: i64,
    ) -> Result<Option<Seeker>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT c.language, c.area_id, c.navigator_id, r.lat, r.lon, r.accessibility \
             FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = $1",
        )
        .bind(case_id)
        .fetch_optional(conn)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let lat: Option<f64> = r.try_get("lat")?;
        let lon: Option<f64> = r.try_get("lon")?;
        Ok(Some(Seeker {
            language: r.try_get("language")?,
            interpreter: split_codes(
                &r.try_get::<String, _>("accessibility")?,
                Accessibility::parse,
            )
            .contains(&Accessibility::Interpreter),
            location: lat.zip(lon),
            area_id: r.try_get("area_id")?,
            navigator_id: r.try_get("navigator_id")?,
        }))
    }

    /// Whether a navigator speaking `languages` (codes joined by commas) can meet this resident.
    pub fn understands(&self, languages: &str) -> bool {
        self.interpreter || languages.split(',').any(|l| l.trim() == self.language)
    }
}

/// One navigator's appointment at a site, as a form names it: parsed back from `Slot::value`.
/// Nothing in it is secret; booking checks it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SlotKey {
    pub navigator_id: i64,
    pub site_id: i64,
    pub starts_at: i64,
}

impl SlotKey {
    /// The value of a slot's radio button or text offer: `{navigator}-{site}-{starts_at}`.
    pub fn value(&self) -> String {
        format!("{}-{}-{}", self.navigator_id, self.site_id, self.starts_at)
    }

    /// `None` for anything `value` did not make.
    pub fn parse(value: &str) -> Option<SlotKey> {
        let mut parts = value.trim().split('-');
        let mut next = || -> Option<i64> {
            let part = parts.next()?;
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let key = SlotKey {
            navigator_id: next()?,
            site_id: next()?,
            starts_at: next()?,
        };
        parts.next().is_none().then_some(key)
    }
}

/// A free slot, with what a resident needs to choose it.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub navigator_id: i64,
    pub site_id: i64,
    pub site_name: String,
    pub site_address: String,
    pub site_accessibility: String,
    /// UTC seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// From the resident's home, when both places are known.
    pub distance_km: Option<f64>,
}

impl Slot {
    pub fn key(&self) -> SlotKey {
        SlotKey {
            navigator_id: self.navigator_id,
            site_id: self.site_id,
            starts_at: self.starts_at,
        }
    }

    /// The opaque value a form or a text offer carries for this slot.
    pub fn value(&self) -> String {
        self.key().value()
    }
}

/// A site where appointments can be booked.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub accessibility: String,
    pub location: Option<(f64, f64)>,
    pub area_id: Option<i64>,
    pub slot_minutes: i64,
}

/// A navigator's weekly hours at a site, in minutes of the local day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    pub navigator_id: i64,
    pub site_id: i64,
    /// ISO weekday: 1 Monday to 7 Sunday.
    pub weekday: i8,
    pub start_minute: i64,
    pub end_minute: i64,
}

/// Everything slot search reads, for a span of days.
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    /// Active sites.
    pub sites: Vec<Site>,
    /// Hours of active navigators who can meet the seeker.
    pub hours: Vec<Hours>,
    /// Closed days: `(Some(site), day)` for one site, `(None, day)` for every site.
    pub closures: HashSet<(Option<i64>, Date)>,
    /// Each navigator's booked (not cancelled) appointments, as `(starts_at, ends_at)`.
    pub taken: HashMap<i64, Vec<(i64, i64)>>,
}

impl Schedule {
    pub fn is_closed(&self, site_id: i64, day: Date) -> bool {
        self.closures.contains(&(None, day)) || self.closures.contains(&(Some(site_id), day))
    }

    pub fn is_taken(&self, navigator_id: i64, starts_at: i64, ends_at: i64) -> bool {
        self.taken
            .get(&navigator_id)
            .is_some_and(|t| t.iter().any(|&(s, e)| s < ends_at && starts_at < e))
    }

    /// Every free slot at `site` that starts at `earliest` or later, on the `days` local days
    /// from `first_day`, as `(navigator, starts_at, ends_at)`: each navigator's own (two
    /// navigators free at one time are two), day by day.
    pub fn free_at(
        &self,
        tz: &TimeZone,
        site: &Site,
        first_day: Date,
        days: u32,
        earliest: i64,
    ) -> Vec<(i64, i64, i64)> {
        let hours: Vec<&Hours> = self.hours.iter().filter(|h| h.site_id == site.id).collect();
        let mut out = Vec::new();
        if hours.is_empty() {
            return out;
        }
        let mut day = first_day;
        for _ in 0..days {
            if !self.is_closed(site.id, day) {
                let weekday = day.weekday().to_monday_one_offset();
                for h in hours.iter().filter(|h| h.weekday == weekday) {
                    for (start, end) in day_slots(tz, day, h, site.slot_minutes) {
                        if start >= earliest && !self.is_taken(h.navigator_id, start, end) {
                            out.push((h.navigator_id, start, end));
                        }
                    }
                }
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out
    }

    /// Free slots starting at `earliest` or later, on the `days` local days from `first_day`:
    /// nearest sites first, then soonest; one per site and time (the case's own navigator, or
    /// else the lowest id, when several are free then); at most `limit`, and at most
    /// `per_site` at one site.
    #[allow(clippy::too_many_arguments)]
    pub fn free(
        &self,
        seeker: &Seeker,
        tz: &TimeZone,
        first_day: Date,
        days: u32,
        earliest: i64,
        limit: usize,
        per_site: usize,
    ) -> Vec<Slot> {
        let mut sites: Vec<(SiteOrder, &Site)> = self
            .sites
            .iter()
            .map(|s| (SiteOrder::of(s, seeker), s))
            .collect();
        sites.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = Vec::new();
        for (order, site) in sites {
            if out.len() >= limit {
                break;
            }
            // Soonest first within the site; the preferred navigator first at the same time.
            let mut found: Vec<(i64, bool, i64, i64)> = self
                .free_at(tz, site, first_day, days, earliest)
                .into_iter()
                .map(|(navigator_id, start, end)| {
                    let other = seeker.navigator_id != Some(navigator_id);
                    (start, other, navigator_id, end)
                })
                .collect();
            found.sort_unstable();
            found.dedup_by_key(|f| f.0);
            let take = per_site.min(limit - out.len());
            for (starts_at, _, navigator_id, ends_at) in found.into_iter().take(take) {
                out.push(Slot {
                    navigator_id,
                    site_id: site.id,
                    site_name: site.name.clone(),
                    site_address: site.address.clone(),
                    site_accessibility: site.accessibility.clone(),
                    starts_at,
                    ends_at,
                    distance_km: order.distance(),
                });
            }
        }
        out
    }
}

/// How sites are ordered for a resident: those whose distance is known, nearest first; then
/// the others, those in the resident's area first, by name.
#[derive(Clone, Debug, PartialEq)]
struct SiteOrder {
    distance: Option<f64>,
    other_area: bool,
    name: String,
}

impl SiteOrder {
    fn of(site: &Site, seeker: &Seeker) -> Self {
        let distance = seeker
            .location
            .zip(site.location)
            .map(|(a, b)| crate::matching::navigators::distance_km(a, b));
        SiteOrder {
            distance,
            other_area: seeker.area_id.is_none() || site.area_id != seeker.area_id,
            name: site.name.to_lowercase(),
        }
    }

    fn distance(&self) -> Option<f64> {
        self.distance
    }

    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let d = |o: &Self| o.distance.unwrap_or(f64::INFINITY);
        d(self)
            .total_cmp(&d(other))
            .then(self.other_area.cmp(&other.other_area))
            .then_with(|| self.name.cmp(&other.name))
    }
}

/// The slots of one navigator's hours on one local day, as UTC `(starts_at, ends_at)`. A
/// start whose local time does not exist (the hour skipped in March) gives no slot; one that
/// happens twice (the hour repeated in November) gives one, at its first occurrence.
pub fn day_slots(tz: &TimeZone, day: Date, hours: &Hours, slot_minutes: i64) -> Vec<(i64, i64)> {
    let step = slot_minutes.max(1);
    let mut out = Vec::new();
    let mut minute = hours.start_minute;
    while minute + step <= hours.end_minute {
        if let Some(start) = local_instant(tz, day, minute) {
            out.push((start, start + step * 60));
        }
        minute += step;
    }
    out
}

/// The instant of `minute` minutes into local `day` (1440 is the next midnight): `None` in a
/// gap, the earlier instant in a fold.
fn local_instant(tz: &TimeZone, day: Date, minute: i64) -> Option<i64> {
    let dt: DateTime = if minute >= 1440 {
        day.tomorrow().ok()?.to_datetime(Time::midnight())
    } else {
        let (h, m) = (
            i8::try_from(minute / 60).ok()?,
            i8::try_from(minute % 60).ok()?,
        );
        day.to_datetime(Time::new(h, m, 0, 0).ok()?)
    };
    let ts = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt).ok()?,
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt).ok()?,
        AmbiguousOffset::Gap { .. } => return None,
    };
    Some(ts.as_second())
}

/// The local date of an instant.
pub fn local_day(tz: &TimeZone, at: i64) -> Option<Date> {
    Timestamp::from_second(at)
        .ok()
        .map(|t| t.to_zoned(tz.clone()).date())
}

/// Free slots for `seeker` on the `days` local days from `from_utc`'s, starting an hour after
/// it at the earliest; nearest sites first, then soonest; at most `limit`.
pub async fn free_slots(
    db: &Db,
    tz: &TimeZone,
    seeker: &Seeker,
    from_utc: i64,
    days: u32,
    limit: usize,
) -> Result<Vec<Slot>, sqlx::Error> {
    search(db, tz, seeker, (from_utc, days), limit, limit).await
}

/// A few free slots to choose from: the `per_site` soonest at each of the `sites` nearest
/// sites that have any, over the `days` local days from `from_utc`'s.
pub async fn offer(
    db: &Db,
    tz: &TimeZone,
    seeker: &Seeker,
    from_utc: i64,
    days: u32,
    sites: usize,
    per_site: usize,
) -> Result<Vec<Slot>, sqlx::Error> {
    let limit = sites.saturating_mul(per_site);
    search(db, tz, seeker, (from_utc, days), limit, per_site).await
}

async fn search(
    db: &Db,
    tz: &TimeZone,
    seeker: &Seeker,
    (from_utc, days): (i64, u32),
    limit: usize,
    per_site: usize,
) -> Result<Vec<Slot>, sqlx::Error> {
    let Some(first_day) = local_day(tz, from_utc) else {
        return Ok(Vec::new());
    };
    let schedule = load(db, tz, seeker, first_day, days).await?;
    let earliest = from_utc + LEAD_SECONDS;
    Ok(schedule.free(seeker, tz, first_day, days, earliest, limit, per_site))
}

/// Reads the schedule for the `days` local days from `first_day`, keeping only hours of active
/// navigators who can meet `seeker` at active sites. One statement answering one row: sqlx's
/// SQLite driver wakes a thread for every row it hands over, and a city's office hours and
/// bookings are thousands of rows (see `db::parse_json_rows`).
pub async fn load(
    db: &Db,
    tz: &TimeZone,
    seeker: &Seeker,
    first_day: Date,
    days: u32,
) -> Result<Schedule, sqlx::Error> {
    let last_day = first_day
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(first_day);
    // A day before and after, in UTC, covers every offset the city may have.
    let window_start = local_instant(tz, first_day, 0).unwrap_or(0) - 86_400;
    let window_end = local_instant(tz, last_day, 0).unwrap_or(i64::MAX / 2) + 86_400;

    // Slot search orders what it finds itself.
    let json = |inner: &str, columns: &[&str]| db.backend.json_rows_sql_any_order(inner, columns);
    let sql = format!(
        "SELECT ({}) AS sites, ({}) AS hours, ({}) AS closures, ({}) AS taken",
        json(
            "SELECT id, name, address, accessibility, lat, lon, area_id, slot_minutes \
             FROM sites WHERE active = 1 \
             AND EXISTS (SELECT 1 FROM office_hours h WHERE h.site_id = sites.id)",
            &[
                "id",
                "name",
                "address",
                "accessibility",
                "lat",
                "lon",
                "area_id",
                "slot_minutes"
            ],
        ),
        json(
            "SELECT h.navigator_id, h.site_id, h.weekday, h.start_minute, h.end_minute, \
             n.languages FROM office_hours h JOIN navigators n ON n.id = h.navigator_id \
             JOIN users u ON u.id = n.user_id WHERE n.active = 1 AND u.disabled = 0 \
             AND (',' || REPLACE(n.languages, ' ', '') || ',') LIKE $5",
            &[
                "navigator_id",
                "site_id",
                "weekday",
                "start_minute",
                "end_minute",
                "languages"
            ],
        ),
        json(
            "SELECT site_id, day FROM site_closures WHERE day >= $1 AND day <= $2",
            &["site_id", "day"],
        ),
        json(
            "SELECT navigator_id, starts_at, ends_at FROM appointments \
             WHERE status <> 'cancelled' AND starts_at < $3 AND ends_at > $4",
            &["navigator_id", "starts_at", "ends_at"],
        ),
    );
    let row = sqlx::query(&sql)
        .bind(first_day.to_string())
        .bind(last_day.to_string())
        .bind(window_end)
        .bind(window_start)
        // Only the hours of navigators who can meet the seeker: most of a city's hours are
        // not (`Seeker::understands`, checked again below, is the rule).
        .bind(if seeker.interpreter {
            "%".to_owned()
        } else {
            format!("%,{},%", seeker.language)
        })
        .fetch_one(&db.pool)
        .await?;
    let column = |name: &str| row.try_get::<String, _>(name);

    type SiteRow = (
        i64,
        String,
        String,
        String,
        Option<f64>,
        Option<f64>,
        Option<i64>,
        i64,
    );
    let sites = parse_json_rows::<SiteRow>(&column("sites")?)?
        .into_iter()
        .map(
            |(id, name, address, accessibility, lat, lon, area_id, slot_minutes)| Site {
                id,
                name,
                address,
                accessibility,
                location: lat.zip(lon),
                area_id,
                slot_minutes,
            },
        )
        .collect();
    let hours = parse_json_rows::<(i64, i64, i8, i64, i64, String)>(&column("hours")?)?
        .into_iter()
        .filter(|h| seeker.understands(&h.5))
        .map(
            |(navigator_id, site_id, weekday, start_minute, end_minute, _)| Hours {
                navigator_id,
                site_id,
                weekday,
                start_minute,
                end_minute,
            },
        )
        .collect();
    let closures = parse_json_rows::<(Option<i64>, String)>(&column("closures")?)?
        .into_iter()
        .filter_map(|(site, day)| Some((site, day.parse::<Date>().ok()?)))
        .collect();
    let mut taken: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for (navigator_id, starts_at, ends_at) in parse_json_rows::<(i64, i64, i64)>(&column("taken")?)?
    {
        taken
            .entry(navigator_id)
            .or_default()
            .push((starts_at, ends_at));
    }
    Ok(Schedule {
        sites,
        hours,
        closures,
        taken,
    })
}

#[cfg(test)]
#[path = "slots_tests.rs"]
mod tests;
