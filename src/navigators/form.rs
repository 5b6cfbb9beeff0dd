//! The navigator profile form: what was typed (kept as typed, to show again), and the pure
//! check that turns it into values to store or field errors.

use crate::domain::{join_codes, Need};
use crate::i18n::Lang;
use crate::web::form::FieldError;
use crate::web::form::{known_codes, known_ids, optional_number};

pub const MAX_CAPACITY: i64 = 500;
pub const MAX_TRAVEL_RADIUS_KM: f64 = 200.0;

/// The form as sent (or as drawn from the stored profile).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NavigatorForm {
    pub languages: Vec<String>,
    pub skills: Vec<String>,
    pub capacity: String,
    pub home_lat: String,
    pub home_lon: String,
    pub travel_radius_km: String,
    pub areas: Vec<String>,
    pub active: bool,
}

/// A profile that passed the check.
#[derive(Clone, Debug, PartialEq)]
pub struct NavigatorValues {
    pub languages: Vec<Lang>,
    pub skills: Vec<Need>,
    pub capacity: i64,
    pub home: Option<(f64, f64)>,
    pub travel_radius_km: Option<f64>,
    pub area_ids: Vec<i64>,
    pub active: bool,
}

impl NavigatorValues {
    /// Languages as stored: comma-separated codes in the order of `LOCALES`.
    pub fn languages_text(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn skills_text(&self) -> String {
        join_codes(&self.skills)
    }
}

fn error(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

/// Checks a navigator profile against the areas that exist; every problem is reported.
pub fn check(
    form: &NavigatorForm,
    known_areas: &[i64],
) -> Result<NavigatorValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let all_langs: Vec<Lang> = Lang::all().collect();
    let languages = match known_codes(&form.languages, &all_langs, Lang::code) {
        Ok(l) if !l.is_empty() => l,
        _ => {
            errors.push(error("languages", "navigator-error-languages"));
            Vec::new()
        }
    };
    let skills = match known_codes(&form.skills, Need::ALL, Need::code) {
        Ok(s) if !s.is_empty() => s,
        _ => {
            errors.push(error("skills", "navigator-error-skills"));
            Vec::new()
        }
    };
    let capacity = match optional_number(&form.capacity, 0, MAX_CAPACITY) {
        Ok(Some(c)) => c,
        _ => {
            errors.push(error("capacity", "navigator-error-capacity"));
            0
        }
    };
    let lat = optional_number(&form.home_lat, -90.0, 90.0);
    let lon = optional_number(&form.home_lon, -180.0, 180.0);
    if lat.is_err() {
        errors.push(error("home_lat", "navigator-error-lat"));
    }
    if lon.is_err() {
        errors.push(error("home_lon", "navigator-error-lon"));
    }
    let home = match (lat, lon) {
        (Ok(Some(lat)), Ok(Some(lon))) => Some((lat, lon)),
        (Ok(Some(_)), Ok(None)) => {
            errors.push(error("home_lon", "navigator-error-home-both"));
            None
        }
        (Ok(None), Ok(Some(_))) => {
            errors.push(error("home_lat", "navigator-error-home-both"));
            None
        }
        _ => None,
    };
    let travel_radius_km = optional_number(&form.travel_radius_km, 0.0, MAX_TRAVEL_RADIUS_KM)
        .unwrap_or_else(|_| {
            errors.push(error("travel_radius_km", "navigator-error-radius"));
            None
        });
    let area_ids = known_ids(&form.areas, known_areas).unwrap_or_else(|_| {
        errors.push(error("areas", "navigator-error-areas"));
        Vec::new()
    });
    if errors.is_empty() {
        Ok(NavigatorValues {
            languages,
            skills,
            capacity,
            home,
            travel_radius_km,
            area_ids,
            active: form.active,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn good() -> NavigatorForm {
        NavigatorForm {
            languages: strings(&["es", "en"]),
            skills: strings(&["device"]),
            capacity: "25".into(),
            home_lat: "39.7392".into(),
            home_lon: "-104.9903".into(),
            travel_radius_km: "15".into(),
            areas: strings(&["2"]),
            active: true,
        }
    }

    fn fields(form: &NavigatorForm) -> Vec<(&'static str, &'static str)> {
        match check(form, &[1, 2]) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| (e.field, e.message)).collect(),
        }
    }

    #[test]
    fn a_good_profile_passes_in_a_fixed_order() {
        let values = check(&good(), &[1, 2]).unwrap();
        assert_eq!(values.languages_text(), "en,es");
        assert_eq!(values.skills_text(), "device");
        assert_eq!(values.capacity, 25);
        assert_eq!(values.home, Some((39.7392, -104.9903)));
        assert_eq!(values.travel_radius_km, Some(15.0));
        assert_eq!(values.area_ids, vec![2]);
        let bare = NavigatorForm {
            home_lat: String::new(),
            home_lon: " ".into(),
            travel_radius_km: String::new(),
            areas: Vec::new(),
            ..good()
        };
        let values = check(&bare, &[]).unwrap();
        assert_eq!((values.home, values.travel_radius_km), (None, None));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(NavigatorForm, Vec<(&str, &str)>)> = vec![
            (
                NavigatorForm {
                    languages: vec![],
                    ..good()
                },
                vec![("languages", "navigator-error-languages")],
            ),
            (
                NavigatorForm {
                    languages: strings(&["xx"]),
                    ..good()
                },
                vec![("languages", "navigator-error-languages")],
            ),
            (
                NavigatorForm {
                    skills: vec![],
                    ..good()
                },
                vec![("skills", "navigator-error-skills")],
            ),
            (
                NavigatorForm {
                    capacity: "501".into(),
                    ..good()
                },
                vec![("capacity", "navigator-error-capacity")],
            ),
            (
                NavigatorForm {
                    capacity: String::new(),
                    ..good()
                },
                vec![("capacity", "navigator-error-capacity")],
            ),
            (
                NavigatorForm {
                    capacity: "-1".into(),
                    ..good()
                },
                vec![("capacity", "navigator-error-capacity")],
            ),
            (
                NavigatorForm {
                    home_lat: "91".into(),
                    ..good()
                },
                vec![("home_lat", "navigator-error-lat")],
            ),
            (
                NavigatorForm {
                    home_lon: "-181".into(),
                    ..good()
                },
                vec![("home_lon", "navigator-error-lon")],
            ),
            (
                NavigatorForm {
                    home_lon: String::new(),
                    ..good()
                },
                vec![("home_lon", "navigator-error-home-both")],
            ),
            (
                NavigatorForm {
                    home_lat: String::new(),
                    ..good()
                },
                vec![("home_lat", "navigator-error-home-both")],
            ),
            (
                NavigatorForm {
                    travel_radius_km: "200.5".into(),
                    ..good()
                },
                vec![("travel_radius_km", "navigator-error-radius")],
            ),
            (
                NavigatorForm {
                    areas: strings(&["9"]),
                    ..good()
                },
                vec![("areas", "navigator-error-areas")],
            ),
        ];
        for (form, want) in cases {
            assert_eq!(fields(&form), want, "{form:?}");
        }
        assert_eq!(
            fields(&NavigatorForm {
                capacity: "500".into(),
                travel_radius_km: "200".into(),
                ..good()
            }),
            vec![]
        );
    }
}
