//! The site form, a navigator's office hours and a closure: what was typed (kept to show
//! again), and the pure checks that turn each into values to store or field errors.

use crate::i18n::Lang;
use crate::web::form::FieldError;
use crate::web::form::{known_codes, optional_number};

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 2000;
pub const MIN_SLOT_MINUTES: i64 = 10;
pub const MAX_SLOT_MINUTES: i64 = 240;

/// The site form as sent (or as drawn from the stored site).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteForm {
    pub name: String,
    pub address: String,
    pub lat: String,
    pub lon: String,
    /// An area id, or blank: found from the point when there is one.
    pub area: String,
    pub accessibility: String,
    pub languages: Vec<String>,
    pub slot_minutes: String,
    pub active: bool,
}

/// A site that passed the check.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteValues {
    pub name: String,
    pub address: String,
    /// (latitude, longitude) in decimal degrees; `None`: not on the map.
    pub point: Option<(f64, f64)>,
    /// `None`: found from the point when the site is saved (or none).
    pub area_id: Option<i64>,
    pub accessibility: String,
    pub languages: Vec<Lang>,
    pub slot_minutes: i64,
    pub active: bool,
}

impl SiteValues {
    /// Languages as stored: comma-separated codes in the order of `LOCALES`.
    pub fn languages_text(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn error(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

/// Trimmed text of at most `max` characters (one line when `one_line`), or an error.
fn text(
    raw: &str,
    max: usize,
    one_line: bool,
    field: &'static str,
    message: &'static str,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = raw.trim();
    if value.chars().count() > max || (one_line && value.chars().any(char::is_control)) {
        errors.push(error(field, message));
    }
    value.to_owned()
}

/// Checks a site against the areas that exist; every problem is reported.
pub fn check(form: &SiteForm, known_areas: &[i64]) -> Result<SiteValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let e = &mut errors;
    let name = text(
        &form.name,
        MAX_NAME_CHARS,
        true,
        "name",
        "site-error-name",
        e,
    );
    if name.is_empty() {
        e.push(error("name", "site-error-name"));
    }
    let address = text(
        &form.address,
        MAX_NAME_CHARS,
        true,
        "address",
        "site-error-too-long",
        e,
    );
    let lat = optional_number(&form.lat, -90.0, 90.0);
    let lon = optional_number(&form.lon, -180.0, 180.0);
    if lat.is_err() {
        e.push(error("lat", "site-error-latitude"));
    }
    if lon.is_err() {
        e.push(error("lon", "site-error-longitude"));
    }
    // A point needs both halves: the error sits next to the empty one.
    let point = match (lat, lon) {
        (Ok(Some(lat)), Ok(Some(lon))) => Some((lat, lon)),
        (Ok(Some(_)), Ok(None)) => {
            e.push(error("lon", "site-error-point-both"));
            None
        }
        (Ok(None), Ok(Some(_))) => {
            e.push(error("lat", "site-error-point-both"));
            None
        }
        _ => None,
    };
    let area_id = match form.area.trim() {
        "" => None,
        raw => {
            let id = raw
                .parse::<i64>()
                .ok()
                .filter(|id| known_areas.contains(id));
            if id.is_none() {
                e.push(error("area", "site-error-area"));
            }
            id
        }
    };
    let accessibility = text(
        &form.accessibility,
        MAX_TEXT_CHARS,
        false,
        "accessibility",
        "site-error-too-long",
        e,
    );
    let all_langs: Vec<Lang> = Lang::all().collect();
    let languages = known_codes(&form.languages, &all_langs, Lang::code).unwrap_or_else(|_| {
        e.push(error("languages", "site-error-languages"));
        Vec::new()
    });
    let slot_minutes = match optional_number(&form.slot_minutes, MIN_SLOT_MINUTES, MAX_SLOT_MINUTES)
    {
        Ok(Some(m)) => m,
        _ => {
            e.push(error("slot_minutes", "site-error-slot"));
            0
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SiteValues {
        name,
        address,
        point,
        area_id,
        accessibility,
        languages,
        slot_minutes,
        active: form.active,
    })
}

/// A navigator's office hours as typed: one weekday, from `start` to `end` ("HH:MM").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HoursForm {
    pub navigator: String,
    pub weekday: String,
    pub start: String,
    pub end: String,
}

/// Office hours that passed the check: ISO weekday (1 Monday .. 7 Sunday), minutes from local
/// midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoursValues {
    pub navigator_id: i64,
    pub weekday: i64,
    pub start_minute: i64,
    pub end_minute: i64,
}

/// "HH:MM" (24-hour) as minutes from midnight; "24:00" is the end of the day.
pub fn minute_of_day(raw: &str) -> Option<i64> {
    let (h, m) = raw.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i64 = h.parse().ok()?;
    let m: i64 = m.parse().ok()?;
    let total = h * 60 + m;
    ((0..24).contains(&h) && (0..60).contains(&m) || total == 1440).then_some(total)
}

/// Minutes from midnight as "HH:MM".
pub fn clock(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Checks office hours against the navigators that exist; every problem is reported.
pub fn check_hours(form: &HoursForm, navigators: &[i64]) -> Result<HoursValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let navigator_id = form
        .navigator
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| navigators.contains(id));
    if navigator_id.is_none() {
        errors.push(error("navigator", "hours-error-navigator"));
    }
    let weekday = form
        .weekday
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=7).contains(d));
    if weekday.is_none() {
        errors.push(error("weekday", "hours-error-weekday"));
    }
    let start = minute_of_day(&form.start).filter(|m| *m < 1440);
    if start.is_none() {
        errors.push(error("start", "hours-error-time"));
    }
    let end = minute_of_day(&form.end).filter(|m| *m > 0);
    if end.is_none() {
        errors.push(error("end", "hours-error-time"));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            errors.push(error("end", "hours-error-order"));
        }
    }
    match (navigator_id, weekday, start, end) {
        (Some(navigator_id), Some(weekday), Some(start_minute), Some(end_minute))
            if errors.is_empty() =>
        {
            Ok(HoursValues {
                navigator_id,
                weekday,
                start_minute,
                end_minute,
            })
        }
        _ => Err(errors),
    }
}

/// A closure as typed: a local date, the site (blank: every site) and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClosureForm {
    pub day: String,
    pub site: String,
    pub reason: String,
}

/// A closure that passed the check.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosureValues {
    pub day: jiff::civil::Date,
    pub site_id: Option<i64>,
    pub reason: String,
}

/// Checks a closure against the sites that exist and the city's `today` (a day already past
/// closes nothing); every problem is reported.
pub fn check_closure(
    form: &ClosureForm,
    sites: &[i64],
    today: jiff::civil::Date,
) -> Result<ClosureValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let day = match form.day.trim().parse::<jiff::civil::Date>() {
        Ok(d) if d >= today => Some(d),
        Ok(_) => {
            errors.push(error("day", "closure-error-past"));
            None
        }
        Err(_) => {
            errors.push(error("day", "closure-error-day"));
            None
        }
    };
    let site_id = match form.site.trim() {
        "" => None,
        raw => {
            let id = raw.parse::<i64>().ok().filter(|id| sites.contains(id));
            if id.is_none() {
                errors.push(error("site", "closure-error-site"));
            }
            id
        }
    };
    let reason = text(
        &form.reason,
        MAX_NAME_CHARS,
        true,
        "reason",
        "site-error-too-long",
        &mut errors,
    );
    match day {
        Some(day) if errors.is_empty() => Ok(ClosureValues {
            day,
            site_id,
            reason,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> SiteForm {
        SiteForm {
            name: " Central Library ".into(),
            address: "10 W Fourteenth Ave Pkwy, Denver, CO 80204".into(),
            lat: "39.7372".into(),
            lon: "-104.9891".into(),
            area: String::new(),
            accessibility: "Step-free entrance on Broadway.".into(),
            languages: vec!["es".into(), "en".into()],
            slot_minutes: "30".into(),
            active: true,
        }
    }

    fn fields(form: &SiteForm) -> Vec<(&'static str, &'static str)> {
        match check(form, &[1, 2]) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| (e.field, e.message)).collect(),
        }
    }

    #[test]
    fn a_good_site_passes() {
        let v = check(&good(), &[1]).unwrap();
        assert_eq!(v.name, "Central Library");
        assert_eq!(v.point, Some((39.7372, -104.9891)));
        assert_eq!(v.languages_text(), "en,es");
        assert_eq!((v.area_id, v.slot_minutes), (None, 30));
        let bare = SiteForm {
            lat: String::new(),
            lon: String::new(),
            area: "2".into(),
            languages: vec![],
            ..good()
        };
        let v = check(&bare, &[1, 2]).unwrap();
        assert_eq!((v.point, v.area_id), (None, Some(2)));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(SiteForm, Vec<(&str, &str)>)> = vec![
            (
                SiteForm {
                    name: " ".into(),
                    ..good()
                },
                vec![("name", "site-error-name")],
            ),
            (
                SiteForm {
                    lon: String::new(),
                    ..good()
                },
                vec![("lon", "site-error-point-both")],
            ),
            (
                SiteForm {
                    lat: "91".into(),
                    ..good()
                },
                vec![("lat", "site-error-latitude")],
            ),
            (
                SiteForm {
                    area: "9".into(),
                    ..good()
                },
                vec![("area", "site-error-area")],
            ),
            (
                SiteForm {
                    languages: vec!["xx".into()],
                    ..good()
                },
                vec![("languages", "site-error-languages")],
            ),
            (
                SiteForm {
                    slot_minutes: "5".into(),
                    ..good()
                },
                vec![("slot_minutes", "site-error-slot")],
            ),
            (
                SiteForm {
                    slot_minutes: String::new(),
                    ..good()
                },
                vec![("slot_minutes", "site-error-slot")],
            ),
        ];
        for (form, want) in cases {
            assert_eq!(fields(&form), want, "{form:?}");
        }
    }

    #[test]
    fn times_of_day() {
        assert_eq!(minute_of_day("09:30"), Some(570));
        assert_eq!(minute_of_day("9:05"), Some(545));
        assert_eq!(minute_of_day("24:00"), Some(1440));
        for bad in ["24:01", "12:60", "noon", "12", "12:5", ":30", "-1:00"] {
            assert_eq!(minute_of_day(bad), None, "{bad}");
        }
        assert_eq!(clock(570), "09:30");
    }

    #[test]
    fn hours_are_checked() {
        let form = HoursForm {
            navigator: "3".into(),
            weekday: "2".into(),
            start: "09:00".into(),
            end: "12:30".into(),
        };
        assert_eq!(
            check_hours(&form, &[3]),
            Ok(HoursValues {
                navigator_id: 3,
                weekday: 2,
                start_minute: 540,
                end_minute: 750
            })
        );
        let backwards = HoursForm {
            end: "08:00".into(),
            ..form.clone()
        };
        let errors = check_hours(&backwards, &[3]).unwrap_err();
        assert_eq!(errors[0].message, "hours-error-order");
        let bad = HoursForm {
            navigator: "4".into(),
            weekday: "8".into(),
            start: "x".into(),
            end: "00:00".into(),
        };
        let fields: Vec<_> = check_hours(&bad, &[3])
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["navigator", "weekday", "start", "end"]);
    }

    #[test]
    fn closures_are_checked() {
        let today = jiff::civil::date(2025, 11, 20);
        let form = ClosureForm {
            day: "2025-11-27".into(),
            site: String::new(),
            reason: "Thanksgiving".into(),
        };
        let v = check_closure(&form, &[1], today).unwrap();
        assert_eq!((v.day, v.site_id), (jiff::civil::date(2025, 11, 27), None));
        let past = ClosureForm {
            day: "2025-11-19".into(),
            ..form.clone()
        };
        assert_eq!(
            check_closure(&past, &[1], today).unwrap_err()[0].message,
            "closure-error-past"
        );
        let bad = ClosureForm {
            day: "2025-02-30".into(),
            site: "7".into(),
            ..form
        };
        let fields: Vec<_> = check_closure(&bad, &[1], today)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["day", "site"]);
    }
}
