//! When each reminder goes. Pure: the caller passes the appointment's start, the sending window
//! and the city's time zone.
//!
//! - The day-before reminder is meant for the same local time on the day before (so 10:00 on
//!   Saturday for 10:00 on Sunday, also when the clocks change overnight: that is 23 or 25
//!   hours, not 24).
//! - The soon reminder is meant for [`Leads::soon`] before the start.
//!
//! A moment outside the sending window moves to the window's nearest edge: a day-before
//! reminder for 21:30 goes the evening before at the latest allowed time, one for 07:30 at the
//! opening that morning. The soon reminder only moves forward (the day-before one has already
//! said the evening before), to the morning of; when that leaves less than [`MIN_NOTICE`]
//! before the start, it does not go at all. Never at night.

use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::config::SendingWindow;

/// A reminder that would reach the resident less than this before the start is no use.
pub const MIN_NOTICE: i64 = 30 * 60;

/// A reminder moved back to the evening before goes this long before the window closes, so a
/// text the worker holds for a moment (the sender's rate) still goes that evening.
pub const CLOSING_MARGIN: i64 = 15 * 60;

/// The two reminders of an appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    DayBefore,
    Soon,
}

impl Which {
    /// The appointment column that says it was queued.
    pub fn column(self) -> &'static str {
        match self {
            Which::DayBefore => "reminded_day_before_at",
            Which::Soon => "reminded_soon_at",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Which::DayBefore => "day-before",
            Which::Soon => "soon",
        }
    }
}

/// How long before an appointment the soon reminder is meant to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leads {
    pub soon: i64,
}

impl Default for Leads {
    /// Three hours.
    fn default() -> Self {
        Self { soon: 3 * 3600 }
    }
}

/// The instant the reminder should go for an appointment starting at `starts_at` (Unix
/// seconds), or `None` when it should not go at all.
pub fn send_at(
    which: Which,
    starts_at: i64,
    window: &SendingWindow,
    tz: &TimeZone,
    leads: Leads,
) -> Option<i64> {
    let start = Timestamp::from_second(starts_at).ok()?;
    let moment = match which {
        Which::DayBefore => start
            .to_zoned(tz.clone())
            .checked_sub(1.day())
            .ok()?
            .timestamp(),
        Which::Soon => Timestamp::from_second(starts_at - leads.soon).ok()?,
    };
    let forward = window.next_allowed(moment, tz);
    let chosen = if forward == moment {
        moment
    } else {
        match (which, last_allowed_before(window, moment, tz)) {
            (Which::DayBefore, Some(back))
                if moment.as_second() - back.as_second()
                    < forward.as_second() - moment.as_second() =>
            {
                back
            }
            _ => forward,
        }
    };
    let at = chosen.as_second();
    (at <= starts_at - MIN_NOTICE).then_some(at)
}

/// The latest instant before `at` (outside the window) when a text may still go, keeping
/// [`CLOSING_MARGIN`]: the window's close that same evening or the evening before. `None` for
/// windows that run past midnight or that are off, where only moving forward is sensible.
fn last_allowed_before(window: &SendingWindow, at: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    let SendingWindow::Daily { start, end } = *window else {
        return None;
    };
    if start >= end || end == Time::midnight() {
        return None;
    }
    let local = at.to_zoned(tz.clone());
    let mut date = local.date();
    for _ in 0..3 {
        let close = date.to_datetime(end).to_zoned(tz.clone()).ok()?.timestamp();
        let last = Timestamp::from_second(close.as_second() - CLOSING_MARGIN).ok()?;
        if last < at && window.allows(last.to_zoned(tz.clone()).time()) {
            return Some(last);
        }
        date = date.yesterday().ok()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denver() -> TimeZone {
        TimeZone::get("America/Denver").unwrap()
    }

    fn ts(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    fn local(at: i64) -> String {
        Timestamp::from_second(at)
            .unwrap()
            .to_zoned(denver())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    fn when(which: Which, start: &str) -> Option<String> {
        let start: jiff::civil::DateTime = start.parse().unwrap();
        let start = start.to_zoned(denver()).unwrap().timestamp().as_second();
        send_at(
            which,
            start,
            &SendingWindow::default(),
            &denver(),
            Leads::default(),
        )
        .map(local)
    }

    #[test]
    fn the_day_before_is_the_same_local_time_across_both_changes() {
        // 2026-03-08: 02:00 MST jumps to 03:00 MDT; 2026-11-01: 02:00 MDT falls back to 01:00 MST.
        assert_eq!(
            when(Which::DayBefore, "2026-03-08T10:00"),
            Some("2026-03-07 10:00 MST".into())
        );
        assert_eq!(
            when(Which::DayBefore, "2026-11-01T10:00"),
            Some("2026-10-31 10:00 MDT".into())
        );
        // The Monday after: the day before is the Sunday of the change, at 10:00 its own time.
        assert_eq!(
            when(Which::DayBefore, "2026-03-09T10:00"),
            Some("2026-03-08 10:00 MDT".into())
        );
        // Three hours before is three hours of real time, whatever the clocks did.
        assert_eq!(
            when(Which::Soon, "2026-03-08T11:00"),
            Some("2026-03-08 08:00 MDT".into())
        );
        assert_eq!(
            when(Which::Soon, "2026-11-01T11:00"),
            Some("2026-11-01 08:00 MST".into())
        );
    }

    #[test]
    fn moments_outside_quiet_hours_go_at_the_nearest_edge_or_not_at_all() {
        // Inside the window: as meant.
        assert_eq!(
            when(Which::DayBefore, "2026-01-15T14:00"),
            Some("2026-01-14 14:00 MST".into())
        );
        assert_eq!(
            when(Which::Soon, "2026-01-15T14:00"),
            Some("2026-01-15 11:00 MST".into())
        );
        // A late appointment: the evening before, just before the window closes.
        assert_eq!(
            when(Which::DayBefore, "2026-01-15T21:30"),
            Some("2026-01-14 20:45 MST".into())
        );
        // An early one: the opening the morning before.
        assert_eq!(
            when(Which::DayBefore, "2026-01-15T07:30"),
            Some("2026-01-14 08:00 MST".into())
        );
        // Soon at 06:00 for 09:00: the morning of, at the opening.
        assert_eq!(
            when(Which::Soon, "2026-01-15T09:00"),
            Some("2026-01-15 08:00 MST".into())
        );
        // 08:30 leaves exactly the half hour; 08:15 leaves too little: not at all.
        assert_eq!(
            when(Which::Soon, "2026-01-15T08:30"),
            Some("2026-01-15 08:00 MST".into())
        );
        assert_eq!(when(Which::Soon, "2026-01-15T08:15"), None);
        // Late at night the soon reminder would be at 21:30: the opening is after the start.
        assert_eq!(when(Which::Soon, "2026-01-16T00:30"), None);
        // The window's last minute and its first.
        assert_eq!(
            when(Which::DayBefore, "2026-01-15T20:59"),
            Some("2026-01-14 20:59 MST".into())
        );
        assert_eq!(
            when(Which::DayBefore, "2026-01-15T08:00"),
            Some("2026-01-14 08:00 MST".into())
        );
    }

    #[test]
    fn every_reminder_goes_inside_the_window() {
        let w = SendingWindow::default();
        let tz = denver();
        let first = ts("2026-03-01T00:00:00Z");
        for step in 0..(60 * 24 * 4) {
            let start = first + step * 15 * 60;
            for which in [Which::DayBefore, Which::Soon] {
                if let Some(at) = send_at(which, start, &w, &tz, Leads::default()) {
                    let t = Timestamp::from_second(at).unwrap().to_zoned(tz.clone());
                    assert!(
                        w.allows(t.time()),
                        "{which:?} for {} at {}",
                        local(start),
                        local(at)
                    );
                    assert!(at <= start - MIN_NOTICE);
                }
            }
        }
    }

    #[test]
    fn windows_past_midnight_only_move_forward() {
        let night = "22:00-06:00".parse::<SendingWindow>().unwrap();
        let start = ts("2026-01-15T19:00:00Z"); // 12:00 MST
        assert_eq!(
            send_at(Which::DayBefore, start, &night, &denver(), Leads::default()).map(local),
            Some("2026-01-14 22:00 MST".into())
        );
        assert_eq!(
            send_at(
                Which::DayBefore,
                start,
                &SendingWindow::Off,
                &denver(),
                Leads::default()
            )
            .map(local),
            Some("2026-01-14 12:00 MST".into())
        );
    }
}
