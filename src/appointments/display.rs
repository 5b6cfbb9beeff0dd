//! An appointment's time as a resident reads it, in their language and the city's time zone:
//! for pages and, part by part, for texts.

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::i18n::Tr;

/// The weekday, date and time of day of `at`, each as `tr`'s language writes it.
pub fn when_parts(tr: &Tr<'_>, tz: &TimeZone, at: i64) -> (String, String, String) {
    let Ok(ts) = Timestamp::from_second(at) else {
        return Default::default();
    };
    let zoned = ts.to_zoned(tz.clone());
    let format = |id: &str, fallback: &str| {
        jiff::fmt::strtime::format(tr.t(id).as_str(), &zoned)
            .unwrap_or_else(|_| zoned.strftime(fallback).to_string())
    };
    let weekday = tr.t(&format!(
        "appt-weekday-{}",
        zoned.weekday().to_monday_one_offset()
    ));
    (
        weekday,
        format("date-format", "%Y-%m-%d"),
        format("appt-time-format", "%H:%M"),
    )
}

/// `Wednesday, January 9, 2030, 9:00 AM`, as `tr`'s language says it.
pub fn when(tr: &Tr<'_>, tz: &TimeZone, at: i64) -> String {
    let (weekday, date, time) = when_parts(tr, tz, at);
    tr.ta(
        "appt-when",
        &[
            ("weekday", weekday.into()),
            ("date", date.into()),
            ("time", time.into()),
        ],
    )
}
