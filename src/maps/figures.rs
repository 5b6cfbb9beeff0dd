//! The map's figures for each area: demand from the requests (see `stats`), and what covers it
//! (navigators with free case slots, programs), put together as a gap score.

use std::collections::HashMap;

use sqlx::Row;

use super::stats::{self, Filter, Tally};
use crate::db::Db;
use crate::matching::navigators::distance_km;

/// What the map can shade areas by. The codes are the `metric` query parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Requests,
    Open,
    Unmet,
    MedianWait,
    Capacity,
    Programs,
    Gap,
    FreeSlots,
    /// Devices available now at the area's sites (issue 18).
    DevicesNearby,
}

impl Metric {
    pub const ALL: [Metric; 9] = [
        Metric::Unmet,
        Metric::Gap,
        Metric::Requests,
        Metric::Open,
        Metric::MedianWait,
        Metric::Capacity,
        Metric::Programs,
        Metric::FreeSlots,
        Metric::DevicesNearby,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Metric::Requests => "requests",
            Metric::Open => "open",
            Metric::Unmet => "unmet",
            Metric::MedianWait => "median_wait",
            Metric::Capacity => "capacity",
            Metric::Programs => "programs",
            Metric::Gap => "gap",
            Metric::FreeSlots => "free_slots",
            Metric::DevicesNearby => "devices_nearby",
        }
    }

    pub fn parse(code: &str) -> Option<Metric> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// One area's line on the map and in its table.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaFigures {
    pub id: i64,
    pub name: String,
    pub requests: i64,
    pub open: i64,
    pub unmet: i64,
    /// Median days from request to first contact, of the requests that had one.
    pub median_wait_days: Option<f64>,
    /// Requests with a first contact (what the median is made of).
    pub contacted: i64,
    /// Free case slots of the active navigators who cover the area (a navigator's free slots
    /// are shared equally among the areas they cover).
    pub capacity: f64,
    /// Active programs offered in the area (programs limited to no area count everywhere).
    pub programs: i64,
    /// Unmet requests per free case slot, weighted by the area's share of households without
    /// internet against the city's (where the area data has it).
    pub gap: f64,
    pub households: Option<i64>,
    pub households_no_internet: Option<i64>,
    /// Free appointment slots in the next 14 days at the area's sites (see `maps::slots`).
    pub free_slots: i64,
    /// Devices available now at the area's sites (see `maps::devices`).
    pub devices_available: i64,
}

impl AreaFigures {
    /// The figure a metric shades by; `None` where the area has no such figure.
    pub fn value(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Requests => Some(self.requests as f64),
            Metric::Open => Some(self.open as f64),
            Metric::Unmet => Some(self.unmet as f64),
            Metric::MedianWait => self.median_wait_days,
            Metric::Capacity => Some(self.capacity),
            Metric::Programs => Some(self.programs as f64),
            Metric::Gap => Some(self.gap),
            Metric::FreeSlots => Some(self.free_slots as f64),
            Metric::DevicesNearby => Some(self.devices_available as f64),
        }
    }
}

/// An area as the map needs it.
#[derive(Clone, Debug)]
pub struct AreaRow {
    pub id: i64,
    pub name: String,
    pub geometry: Option<String>,
    pub centroid: Option<(f64, f64)>,
    pub households: Option<i64>,
    pub households_no_internet: Option<i64>,
}

/// The areas to draw: imported ones, or the generated hexagon cells where nothing was imported
/// (the same rule as the request form's list).
pub async fn areas(db: &Db) -> sqlx::Result<Vec<AreaRow>> {
    let rows = sqlx::query(
        "SELECT id, name, geometry, centroid_lat, centroid_lon, households, households_no_internet \
         FROM areas WHERE generated = 0 OR NOT EXISTS (SELECT 1 FROM areas WHERE generated = 0) \
         ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let lat: Option<f64> = r.try_get("centroid_lat")?;
            let lon: Option<f64> = r.try_get("centroid_lon")?;
            Ok(AreaRow {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                geometry: r.try_get("geometry")?,
                centroid: lat.zip(lon),
                households: r.try_get("households")?,
                households_no_internet: r.try_get("households_no_internet")?,
            })
        })
        .collect()
}

/// An active navigator as coverage sees them.
#[derive(Clone, Debug)]
pub struct Coverage {
    pub home: Option<(f64, f64)>,
    pub radius_km: Option<f64>,
    pub free: i64,
    pub areas: Vec<i64>,
}

/// Active navigators who could take the filtered requests (the need's skill, the language).
pub async fn navigators(db: &Db, filter: &Filter) -> sqlx::Result<Vec<Coverage>> {
    let rows = sqlx::query(
        "SELECT n.id, n.capacity, n.home_lat, n.home_lon, n.travel_radius_km, n.languages, \
                n.skills, \
                (SELECT COUNT(*) FROM cases c WHERE c.navigator_id = n.id AND c.status IN \
                 ('assigned', 'in_progress', 'waiting_on_resident', 'referred')) AS open_cases \
         FROM navigators n JOIN users u ON u.id = n.user_id \
         WHERE n.active = 1 AND u.disabled = 0",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut areas: HashMap<i64, Vec<i64>> = HashMap::new();
    for (nav, area) in
        sqlx::query_as::<_, (i64, i64)>("SELECT navigator_id, area_id FROM navigator_areas")
            .fetch_all(&db.pool)
            .await?
    {
        areas.entry(nav).or_default().push(area);
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let languages: String = r.try_get("languages")?;
        let skills: String = r.try_get("skills")?;
        if filter
            .language
            .as_deref()
            .is_some_and(|l| !lists(&languages, l))
            || filter.need.as_deref().is_some_and(|n| !lists(&skills, n))
        {
            continue;
        }
        let id: i64 = r.try_get("id")?;
        let lat: Option<f64> = r.try_get("home_lat")?;
        let lon: Option<f64> = r.try_get("home_lon")?;
        let capacity: i64 = r.try_get("capacity")?;
        let open: i64 = r.try_get("open_cases")?;
        out.push(Coverage {
            home: lat.zip(lon),
            radius_km: r.try_get("travel_radius_km")?,
            free: (capacity - open).max(0),
            areas: areas.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// How many active programs are offered in each area, and how many everywhere, for the need
/// and language filtered on.
pub async fn programs(db: &Db, filter: &Filter) -> sqlx::Result<(HashMap<i64, i64>, i64)> {
    let rows = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT id, categories, languages FROM programs WHERE status = 'active'",
    )
    .fetch_all(&db.pool)
    .await?;
    let wanted: Vec<i64> = rows
        .into_iter()
        .filter(|(_, categories, languages)| offers(categories, languages, filter))
        .map(|(id, _, _)| id)
        .collect();
    let mut limited: HashMap<i64, Vec<i64>> = HashMap::new();
    for (program, area) in
        sqlx::query_as::<_, (i64, i64)>("SELECT program_id, area_id FROM program_areas")
            .fetch_all(&db.pool)
            .await?
    {
        limited.entry(program).or_default().push(area);
    }
    let mut per_area: HashMap<i64, i64> = HashMap::new();
    let mut everywhere = 0;
    for id in wanted {
        match limited.get(&id) {
            Some(areas) => {
                for area in areas {
                    *per_area.entry(*area).or_default() += 1;
                }
            }
            None => everywhere += 1,
        }
    }
    Ok((per_area, everywhere))
}

/// Whether a program (its categories and languages as stored) serves the need and language
/// filtered on.
pub fn offers(categories: &str, languages: &str, filter: &Filter) -> bool {
    let category = filter.need.as_deref().map(|need| match need {
        "internet" => "internet_plan",
        "tech_support" => "training",
        other => other,
    });
    category.is_none_or(|c| lists(categories, c))
        && filter
            .language
            .as_deref()
            .is_none_or(|l| lists(languages, l))
}

/// Whether a list of codes as stored (`en,es`) holds `code`.
fn lists(list: &str, code: &str) -> bool {
    list.split(',').any(|c| c.trim() == code)
}

/// Free case slots per area: each navigator's free slots shared equally among the areas they
/// cover, by assignment or because the area's centre is within their travel radius of home.
pub fn capacity_by_area(areas: &[AreaRow], navigators: &[Coverage]) -> HashMap<i64, f64> {
    let mut out: HashMap<i64, f64> = HashMap::new();
    for nav in navigators {
        let mut covered: Vec<i64> = nav.areas.clone();
        if let (Some(home), Some(radius)) = (nav.home, nav.radius_km) {
            for area in areas {
                if let Some(centre) = area.centroid {
                    if distance_km(home, centre) <= radius && !covered.contains(&area.id) {
                        covered.push(area.id);
                    }
                }
            }
        }
        if covered.is_empty() {
            continue;
        }
        let share = nav.free as f64 / covered.len() as f64;
        for area in covered {
            *out.entry(area).or_default() += share;
        }
    }
    out
}

/// The gap score: unmet requests per free case slot (at least one slot, so an area with no
/// capacity scores its unmet requests), times how much more often households there lack
/// internet than in the city as a whole (1 where that is not known).
pub fn gap_score(unmet: i64, capacity: f64, no_internet_weight: f64) -> f64 {
    unmet as f64 / capacity.max(1.0) * no_internet_weight
}

/// Each area's share of households without internet against the city's; areas without the
/// figures (or a city with none) weigh 1.
pub fn no_internet_weights(areas: &[AreaRow]) -> HashMap<i64, f64> {
    let (mut all, mut without) = (0i64, 0i64);
    for a in areas {
        if let (Some(h), Some(n)) = (a.households, a.households_no_internet) {
            if h > 0 {
                all += h;
                without += n.clamp(0, h);
            }
        }
    }
    let city = if all > 0 && without > 0 {
        Some(without as f64 / all as f64)
    } else {
        None
    };
    areas
        .iter()
        .map(|a| {
            let weight = match (city, a.households, a.households_no_internet) {
                (Some(city), Some(h), Some(n)) if h > 0 => n.clamp(0, h) as f64 / h as f64 / city,
                _ => 1.0,
            };
            (a.id, weight)
        })
        .collect()
}

/// Puts the figures of every area together, plus the requests not placed in an area yet.
pub fn combine(
    areas: &[AreaRow],
    tallies: &[(stats::Cell, Tally)],
    capacity: &HashMap<i64, f64>,
    programs: &(HashMap<i64, i64>, i64),
) -> (Vec<AreaFigures>, Tally) {
    let mut by_area: HashMap<i64, Tally> = HashMap::new();
    let mut unplaced = Tally::default();
    for (cell, t) in tallies {
        match cell.area_id {
            Some(id) if areas.iter().any(|a| a.id == id) => *by_area.entry(id).or_default() += t,
            _ => unplaced += t,
        }
    }
    let weights = no_internet_weights(areas);
    let figures = areas
        .iter()
        .map(|a| {
            let t = by_area.remove(&a.id).unwrap_or_default();
            let capacity = capacity.get(&a.id).copied().unwrap_or(0.0);
            AreaFigures {
                id: a.id,
                name: a.name.clone(),
                requests: t.requests(),
                open: t.open(),
                unmet: t.unmet(),
                median_wait_days: t.wait_quantile(0.5).map(|s| s / 86_400.0),
                contacted: t.contacted(),
                capacity,
                programs: programs.0.get(&a.id).copied().unwrap_or(0) + programs.1,
                gap: gap_score(
                    t.unmet(),
                    capacity,
                    weights.get(&a.id).copied().unwrap_or(1.0),
                ),
                households: a.households,
                households_no_internet: a.households_no_internet,
                free_slots: 0,
                devices_available: 0,
            }
        })
        .collect();
    (figures, unplaced)
}

/// The map's data: every area's figures, the requests without an area, and for the overlays
/// the navigators' home bases and the program sites (both for the need and language filtered
/// on).
pub struct MapData {
    pub areas: Vec<AreaRow>,
    pub figures: Vec<AreaFigures>,
    pub unplaced: Tally,
    pub homes: Vec<(f64, f64)>,
    pub sites: Vec<crate::programs::store::Site>,
}

/// Everything the map and its exports show for the requests `filter` selects.
pub async fn map_data(db: &Db, tz: &jiff::tz::TimeZone, filter: &Filter) -> sqlx::Result<MapData> {
    let (areas, cells, navigators, programs, sites, free_slots, devices) = tokio::try_join!(
        self::areas(db),
        stats::cells(db, filter, stats::Grain::Area, false),
        self::navigators(db, filter),
        self::programs(db, filter),
        crate::programs::store::sites(db),
        super::slots::free_by_area(db, tz, filter.language.as_deref(), crate::db::now()),
        super::devices::available_by_area(db),
    )?;
    let sites = sites
        .into_iter()
        .filter(|s| offers(&s.categories, &s.languages, filter))
        .collect();
    let capacity = capacity_by_area(&areas, &navigators);
    let (mut figures, unplaced) = combine(&areas, &cells, &capacity, &programs);
    for f in &mut figures {
        f.free_slots = free_slots.get(&f.id).copied().unwrap_or(0);
        f.devices_available = devices.get(&f.id).copied().unwrap_or(0);
    }
    let homes = navigators.iter().filter_map(|n| n.home).collect();
    Ok(MapData {
        areas,
        figures,
        unplaced,
        homes,
        sites,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: i64, centroid: (f64, f64), households: Option<(i64, i64)>) -> AreaRow {
        AreaRow {
            id,
            name: format!("Area {id}"),
            geometry: None,
            centroid: Some(centroid),
            households: households.map(|h| h.0),
            households_no_internet: households.map(|h| h.1),
        }
    }

    #[test]
    fn gap_is_unmet_per_free_slot_weighted_by_homes_without_internet() {
        assert_eq!(gap_score(10, 5.0, 1.0), 2.0);
        // No capacity at all: the unmet requests themselves.
        assert_eq!(gap_score(7, 0.0, 1.0), 7.0);
        assert_eq!(gap_score(7, 0.5, 1.0), 7.0);
        assert_eq!(gap_score(0, 0.0, 3.0), 0.0);
        // Twice the city's share of homes without internet doubles the score.
        assert_eq!(gap_score(10, 5.0, 2.0), 4.0);
    }

    #[test]
    fn weights_compare_each_area_with_the_city() {
        let areas = vec![
            area(1, (39.7, -105.0), Some((1000, 300))),
            area(2, (39.7, -104.9), Some((1000, 100))),
            area(3, (39.7, -104.8), None),
        ];
        let w = no_internet_weights(&areas);
        // City: 400 of 2000 = 20 %. Area 1: 30 % → 1.5; area 2: 10 % → 0.5; unknown → 1.
        assert!((w[&1] - 1.5).abs() < 1e-9);
        assert!((w[&2] - 0.5).abs() < 1e-9);
        assert_eq!(w[&3], 1.0);
        // With no figures anywhere, everything weighs 1.
        let w = no_internet_weights(&[area(4, (39.7, -105.0), None)]);
        assert_eq!(w[&4], 1.0);
    }

    #[test]
    fn free_slots_are_shared_among_the_areas_a_navigator_covers() {
        let areas = vec![
            area(1, (39.70, -105.00), None),
            area(2, (39.70, -104.90), None),
            area(3, (39.90, -104.50), None),
        ];
        let navigators = vec![
            // Assigned to areas 1 and 2, 10 free: 5 each.
            Coverage {
                home: None,
                radius_km: None,
                free: 10,
                areas: vec![1, 2],
            },
            // Lives by area 2 with a 3 km radius (area 1 is 8.6 km away): all 4 to area 2.
            Coverage {
                home: Some((39.70, -104.905)),
                radius_km: Some(3.0),
                free: 4,
                areas: vec![],
            },
            // Full: adds nothing.
            Coverage {
                home: None,
                radius_km: None,
                free: 0,
                areas: vec![3],
            },
        ];
        let c = capacity_by_area(&areas, &navigators);
        assert_eq!(c[&1], 5.0);
        assert_eq!(c[&2], 9.0);
        assert_eq!(c.get(&3).copied().unwrap_or(0.0), 0.0);
    }

    #[test]
    fn metric_codes_round_trip() {
        for m in Metric::ALL {
            assert_eq!(Metric::parse(m.code()), Some(m));
        }
        assert_eq!(Metric::parse("bogus"), None);
    }
}
