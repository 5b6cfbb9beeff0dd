//! Quiet hours: scheduled texts go out only inside a daily window of the resident's local time
//! (08:00–21:00 unless configured). A text due outside it waits for the window's next opening;
//! it is never dropped. Pure: the caller passes the clock's reading and the time zone.

use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::Timestamp;

use crate::config::SendingWindow;

impl SendingWindow {
    /// Whether a text may go out at this local time of day.
    pub fn allows(&self, local: Time) -> bool {
        match *self {
            SendingWindow::Off => true,
            SendingWindow::Daily { start, end } if start < end => start <= local && local < end,
            SendingWindow::Daily { start, end } => local >= start || local < end,
        }
    }

    /// The earliest instant at or after `at` when a text may go out to someone in `tz`: `at`
    /// itself inside the window, otherwise the window's next opening. On a day whose opening time
    /// is skipped by a change to summer time, that is the instant the clocks jump; on a day
    /// whose opening time happens twice, its first occurrence.
    pub fn next_allowed(&self, at: Timestamp, tz: &TimeZone) -> Timestamp {
        let SendingWindow::Daily { start, .. } = *self else {
            return at;
        };
        let local = at.to_zoned(tz.clone());
        if self.allows(local.time()) {
            return at;
        }
        let mut date = local.date();
        if local.time() >= start {
            date = date.tomorrow().unwrap_or(date);
        }
        // The opening of `date`, unless a time-zone change swallows the whole window that day;
        // two such days in a row do not happen, three tries are plenty.
        for _ in 0..3 {
            if let Some(opening) = opening(date, start, tz) {
                if opening >= at && self.allows(opening.to_zoned(tz.clone()).time()) {
                    return opening;
                }
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        // Only at the end of representable time; sending late is better than never.
        at
    }
}

/// The first instant of `date` whose local time in `tz` is `start` or later.
fn opening(date: Date, start: Time, tz: &TimeZone) -> Option<Timestamp> {
    let dt = date.to_datetime(start);
    match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt).ok(),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt).ok(),
        // `dt` read with the later offset is an instant before the jump; the jump itself is the
        // first instant whose local time is past `start`.
        AmbiguousOffset::Gap { after, .. } => {
            let before_jump = after.to_timestamp(dt).ok()?;
            tz.following(before_jump).next().map(|t| t.timestamp())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denver() -> TimeZone {
        TimeZone::get("America/Denver").unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn window(s: &str) -> SendingWindow {
        s.parse().unwrap()
    }

    #[test]
    fn texts_wait_for_the_window_and_are_never_dropped() {
        let w = SendingWindow::default();
        // (wanted, sent), in UTC; Denver is UTC-7 in winter, UTC-6 in summer.
        let cases = [
            // Inside the window: at once, to the second.
            ("2026-01-15T17:30:45Z", "2026-01-15T17:30:45Z"),
            // 07:59:30 local: the next minute that is allowed is 08:00.
            ("2026-01-15T14:59:30Z", "2026-01-15T15:00:00Z"),
            // 08:00 sharp is allowed; 21:00 is not.
            ("2026-01-15T15:00:00Z", "2026-01-15T15:00:00Z"),
            ("2026-01-16T03:59:59Z", "2026-01-16T03:59:59Z"),
            ("2026-01-16T04:00:00Z", "2026-01-16T15:00:00Z"),
            // 23:30 local waits for 08:00 the next day; so does 02:00.
            ("2026-01-16T06:30:00Z", "2026-01-16T15:00:00Z"),
            ("2026-01-16T09:00:00Z", "2026-01-16T15:00:00Z"),
            // New Year's Eve late: 08:00 on January 1.
            ("2027-01-01T05:00:00Z", "2027-01-01T15:00:00Z"),
            // Summer: UTC-6.
            ("2026-07-04T04:00:00Z", "2026-07-04T14:00:00Z"),
        ];
        for (wanted, sent) in cases {
            assert_eq!(w.next_allowed(ts(wanted), &denver()), ts(sent), "{wanted}");
        }
    }

    #[test]
    fn the_spring_forward_night() {
        // 2026-03-08 in Denver: 02:00 MST jumps to 03:00 MDT (09:00 UTC).
        let tz = denver();
        let w = SendingWindow::default();
        // Saturday 23:00 MST waits for Sunday 08:00 MDT: 14:00 UTC, not 15:00.
        assert_eq!(
            w.next_allowed(ts("2026-03-08T06:00:00Z"), &tz),
            ts("2026-03-08T14:00:00Z")
        );
        // A window opening at 02:30, a time that does not exist that day, opens at the jump.
        let w = window("02:30-21:00");
        assert_eq!(
            w.next_allowed(ts("2026-03-08T07:00:00Z"), &tz),
            ts("2026-03-08T09:00:00Z")
        );
        // A window entirely inside the skipped hour waits for the next day.
        let w = window("02:00-02:45");
        assert_eq!(
            w.next_allowed(ts("2026-03-08T07:00:00Z"), &tz),
            ts("2026-03-09T08:00:00Z")
        );
    }

    #[test]
    fn the_fall_back_night() {
        // 2026-11-01 in Denver: 02:00 MDT falls back to 01:00 MST (08:00 UTC).
        let tz = denver();
        let w = SendingWindow::default();
        // Saturday 22:00 MDT waits for Sunday 08:00 MST: 15:00 UTC, not 14:00.
        assert_eq!(
            w.next_allowed(ts("2026-11-01T04:00:00Z"), &tz),
            ts("2026-11-01T15:00:00Z")
        );
        // A window opening at 01:30, a time that happens twice, opens the first time.
        let w = window("01:30-21:00");
        assert_eq!(
            w.next_allowed(ts("2026-11-01T06:00:00Z"), &tz),
            ts("2026-11-01T07:30:00Z")
        );
        // Inside the repeated hour, the second 01:45 is as allowed as the first.
        assert_eq!(
            w.next_allowed(ts("2026-11-01T08:45:00Z"), &tz),
            ts("2026-11-01T08:45:00Z")
        );
    }

    #[test]
    fn the_resident_time_zone_decides() {
        let w = SendingWindow::default();
        let at = ts("2026-01-15T14:00:00Z"); // 07:00 in Denver, 09:00 in New York
        let new_york = TimeZone::get("America/New_York").unwrap();
        assert_eq!(w.next_allowed(at, &new_york), at);
        assert_eq!(w.next_allowed(at, &denver()), ts("2026-01-15T15:00:00Z"));
        assert_eq!(w.next_allowed(at, &TimeZone::UTC), at);
    }

    #[test]
    fn off_and_overnight_windows() {
        let at = ts("2026-01-16T09:00:00Z"); // 02:00 in Denver
        assert_eq!(SendingWindow::Off.next_allowed(at, &denver()), at);
        let night = window("22:00-06:00");
        assert_eq!(night.next_allowed(at, &denver()), at);
        assert_eq!(
            night.next_allowed(ts("2026-01-16T18:00:00Z"), &denver()),
            ts("2026-01-17T05:00:00Z")
        );
        let to_midnight = window("08:00-24:00");
        assert!(to_midnight.allows(Time::constant(23, 59, 59, 0)));
        assert!(!to_midnight.allows(Time::constant(0, 0, 0, 0)));
    }
}
