//! The words of appointment texts: a day, date and time in the resident's language and the
//! city's time zone, and the texts built from them (`sms-*` messages in `locales/*/sms.ftl`).

use fluent_bundle::FluentValue;
use jiff::tz::TimeZone;

use crate::i18n::{I18n, Lang};

/// What the texts about one appointment (or one offered time) say of it.
#[derive(Clone, Debug)]
pub struct Place {
    pub starts_at: i64,
    pub site: String,
    pub address: String,
}

/// The day, date and time of `at` as `lang` writes them, in `tz`: "Saturday, March 7, 10:00 AM",
/// "sábado 07/03, 10:00".
pub fn when(i18n: &I18n, lang: Lang, tz: &TimeZone, at: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_second(at) else {
        return String::new();
    };
    let zoned = ts.to_zoned(tz.clone());
    let weekday = weekday(i18n, lang, &zoned);
    i18n.format_sms(
        lang,
        "sms-appointment-when",
        &[
            ("weekday", weekday.into()),
            (
                "date",
                pattern(i18n, lang, "sms-appointment-date", &zoned).into(),
            ),
            ("time", time(i18n, lang, tz, at).into()),
        ],
    )
}

/// The day of the week of `zoned` as `lang` writes it: "Saturday", "sábado".
pub fn weekday(i18n: &I18n, lang: Lang, zoned: &jiff::Zoned) -> String {
    i18n.format_sms(
        lang,
        "sms-weekday",
        &[(
            "day",
            FluentValue::from(i64::from(zoned.weekday().to_monday_one_offset())),
        )],
    )
}

/// The time of day of `at` as `lang` writes it, in `tz`.
pub fn time(i18n: &I18n, lang: Lang, tz: &TimeZone, at: i64) -> String {
    jiff::Timestamp::from_second(at)
        .map(|ts| pattern(i18n, lang, "sms-appointment-time", &ts.to_zoned(tz.clone())))
        .unwrap_or_default()
}

/// `zoned` written with the strftime pattern of message `id` in `lang`.
pub fn pattern(i18n: &I18n, lang: Lang, id: &str, zoned: &jiff::Zoned) -> String {
    let pattern = i18n.format_sms(lang, id, &[]);
    jiff::fmt::strtime::format(pattern.as_str(), zoned).unwrap_or_else(|_| zoned.to_string())
}

/// Times offered to pick from, numbered from 1, one a line: "1) Saturday, March 7, 10:00 AM,
/// Central Library".
pub fn numbered(i18n: &I18n, lang: Lang, tz: &TimeZone, places: &[Place]) -> String {
    places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "\n{}) {}, {}",
                i + 1,
                when(i18n, lang, tz, p.starts_at),
                p.site
            )
        })
        .collect()
}

/// A message about one appointment: `$when`, `$time`, `$site`, `$address` filled in, and
/// `extra` (such as `$slots` or `$phone`).
pub fn about(
    i18n: &I18n,
    lang: Lang,
    tz: &TimeZone,
    id: &str,
    place: Option<&Place>,
    extra: &[(&'static str, FluentValue<'static>)],
) -> String {
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    if let Some(p) = place {
        args.push(("when", when(i18n, lang, tz, p.starts_at).into()));
        args.push(("time", time(i18n, lang, tz, p.starts_at).into()));
        args.push(("site", p.site.clone().into()));
        args.push(("address", p.address.clone().into()));
    }
    args.extend(extra.iter().cloned());
    i18n.format_sms(lang, id, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_in_every_language_and_the_city_time_zone() {
        let i18n = I18n::load().unwrap();
        let tz = TimeZone::get("America/Denver").unwrap();
        // Saturday 2026-03-07 10:00 MST.
        let at = "2026-03-07T17:00:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second();
        let expect = [
            (Lang::EN, "Saturday, March 7, 10:00 AM"),
            (Lang::parse("es").unwrap(), "sábado 07/03, 10:00"),
            (Lang::parse("ar").unwrap(), "السبت 07/03، الساعة 10:00"),
            (Lang::parse("am").unwrap(), "ቅዳሜ 07/03፣ 10:00"),
            (Lang::parse("ln").unwrap(), "mposo 07/03, 10:00"),
            (Lang::parse("vi").unwrap(), "10:00 Thứ Bảy 07/03"),
        ];
        for (lang, text) in expect {
            assert_eq!(when(&i18n, lang, &tz, at), text, "{}", lang.code());
        }
        // The day after the spring change, 10:00 is still 10:00 local (UTC-6 now).
        let monday = "2026-03-09T16:00:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second();
        assert_eq!(
            when(&i18n, Lang::EN, &tz, monday),
            "Monday, March 9, 10:00 AM"
        );
    }
}
