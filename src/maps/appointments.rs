//! Appointments in the reports: for the appointments of a period, how many were booked, attended,
//! missed and cancelled, by site, language and area; and for the requests made in the period,
//! the days from the request to its first appointment. Small groups are suppressed as every
//! other figure of the reports is.

use std::collections::BTreeMap;

use super::reports::{suppress, Shown};
use crate::db::Db;

/// What became of a group's appointments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every appointment not cancelled (booked, confirmed, attended or missed).
    pub booked: i64,
    pub attended: i64,
    pub no_show: i64,
    pub cancelled: i64,
}

impl Counts {
    fn add(&mut self, status: &str, n: i64) {
        match status {
            "cancelled" => self.cancelled += n,
            "attended" => {
                self.booked += n;
                self.attended += n;
            }
            "no_show" => {
                self.booked += n;
                self.no_show += n;
            }
            _ => self.booked += n,
        }
    }
}

/// One group's line as the report shows it: a group of fewer than `MIN_RESIDENTS`
/// appointments shows no figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Site id, language code or area id; empty for everyone (or no area).
    pub key: String,
    pub booked: Shown<i64>,
    pub attended: Shown<i64>,
    pub no_show: Shown<i64>,
    pub cancelled: Shown<i64>,
    /// Of the appointments whose day has been and marked, the share attended.
    pub attended_share: Shown<f64>,
    pub counts: Counts,
}

impl Line {
    pub fn new(key: impl Into<String>, c: Counts) -> Self {
        let base = c.booked + c.cancelled;
        let marked = c.attended + c.no_show;
        Line {
            key: key.into(),
            booked: suppress(base, Some(c.booked)),
            attended: suppress(base, Some(c.attended)),
            no_show: suppress(base, Some(c.no_show)),
            cancelled: suppress(base, Some(c.cancelled)),
            attended_share: suppress(
                marked,
                (marked > 0).then(|| c.attended as f64 / marked as f64),
            ),
            counts: c,
        }
    }
}

/// The appointments part of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub everyone: Line,
    pub by_site: Vec<Line>,
    pub by_language: Vec<Line>,
    pub by_area: Vec<Line>,
    /// Of the requests made in the period that have an appointment, the median and 90th
    /// percentile days from the request to the first one.
    pub median_days_to_first: Shown<f64>,
    pub p90_days_to_first: Shown<f64>,
    pub sites: Vec<(i64, String)>,
}

/// Appointments starting in `[from, to)`, and the requests made then with their first
/// appointment.
pub async fn build(db: &Db, from: i64, to: i64) -> sqlx::Result<Figures> {
    let groups = sqlx::query_as::<_, (i64, String, Option<i64>, String, i64)>(
        "SELECT a.site_id, c.language, c.area_id, a.status, COUNT(*) \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
         WHERE a.starts_at >= $1 AND a.starts_at < $2 \
         GROUP BY a.site_id, c.language, c.area_id, a.status",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool);
    let firsts = sqlx::query_as::<_, (i64, i64)>(
        "SELECT c.created_at, MIN(a.starts_at) \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
         WHERE a.status <> 'cancelled' AND c.created_at >= $1 AND c.created_at < $2 \
         GROUP BY a.case_id, c.created_at",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool);
    let sites = sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM sites ORDER BY name")
        .fetch_all(&db.pool);
    let (groups, firsts, sites) = tokio::try_join!(groups, firsts, sites)?;
    let waits: Vec<f64> = firsts
        .iter()
        .map(|(asked, first)| (first - asked).max(0) as f64 / 86_400.0)
        .collect();
    Ok(assemble(&groups, waits, sites))
}

/// Puts the figures together from counts by site, language, area and status, and each
/// request's days to its first appointment.
pub fn assemble(
    groups: &[(i64, String, Option<i64>, String, i64)],
    mut waits: Vec<f64>,
    sites: Vec<(i64, String)>,
) -> Figures {
    let mut everyone = Counts::default();
    let mut by_site: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_language: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_area: BTreeMap<String, Counts> = BTreeMap::new();
    for (site, language, area, status, n) in groups {
        everyone.add(status, *n);
        by_site.entry(site.to_string()).or_default().add(status, *n);
        by_language
            .entry(language.clone())
            .or_default()
            .add(status, *n);
        let area = area.map(|a| a.to_string()).unwrap_or_default();
        by_area.entry(area).or_default().add(status, *n);
    }
    let lines = |m: BTreeMap<String, Counts>| -> Vec<Line> {
        let mut lines: Vec<Line> = m.into_iter().map(|(k, c)| Line::new(k, c)).collect();
        // Busiest first; a suppressed group's size is not shown, so it goes last either way.
        lines.sort_by_key(|l| std::cmp::Reverse(l.booked.value().copied().unwrap_or(-1)));
        lines
    };
    waits.sort_by(f64::total_cmp);
    let quantile = |q: f64| -> Option<f64> {
        let last = waits.len().checked_sub(1)?;
        Some(waits[((last as f64) * q).round() as usize])
    };
    let n = waits.len() as i64;
    Figures {
        everyone: Line::new("", everyone),
        by_site: lines(by_site),
        by_language: lines(by_language),
        by_area: lines(by_area),
        median_days_to_first: suppress(n, quantile(0.5)),
        p90_days_to_first: suppress(n, quantile(0.9)),
        sites,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        site: i64,
        lang: &str,
        area: Option<i64>,
        status: &str,
        n: i64,
    ) -> (i64, String, Option<i64>, String, i64) {
        (site, lang.to_owned(), area, status.to_owned(), n)
    }

    #[test]
    fn counts_each_status_and_suppresses_small_groups() {
        let groups = vec![
            group(1, "es", Some(7), "attended", 12),
            group(1, "es", Some(7), "no_show", 4),
            group(1, "en", None, "booked", 3),
            group(2, "vi", Some(7), "cancelled", 2),
        ];
        let f = assemble(&groups, vec![], vec![]);
        assert_eq!(f.everyone.booked, Shown::Value(19));
        assert_eq!(f.everyone.attended, Shown::Value(12));
        assert_eq!(f.everyone.no_show, Shown::Value(4));
        assert_eq!(f.everyone.cancelled, Shown::Value(2));
        assert_eq!(f.everyone.attended_share, Shown::Value(0.75));
        let site = |k: &str| f.by_site.iter().find(|l| l.key == k).unwrap();
        assert_eq!(site("1").booked, Shown::Value(19));
        // Two cancelled appointments at site 2: too few to show.
        assert_eq!(site("2").cancelled, Shown::Suppressed);
        let lang = |k: &str| f.by_language.iter().find(|l| l.key == k).unwrap();
        assert_eq!(lang("es").attended_share, Shown::Value(0.75));
        assert_eq!(lang("en").booked, Shown::Suppressed);
        // The busiest group comes first.
        assert_eq!(f.by_area[0].key, "7");
        assert_eq!(f.median_days_to_first, Shown::None);
    }

    #[test]
    fn days_to_first_appointment_are_quantiles_of_the_requests() {
        let waits: Vec<f64> = (1..=21).map(f64::from).collect();
        let f = assemble(&[], waits.into_iter().rev().collect(), vec![]);
        assert_eq!(f.median_days_to_first, Shown::Value(11.0));
        assert_eq!(f.p90_days_to_first, Shown::Value(19.0));
        let few = assemble(&[], vec![1.0, 2.0], vec![]);
        assert_eq!(few.median_days_to_first, Shown::Suppressed);
    }
}
