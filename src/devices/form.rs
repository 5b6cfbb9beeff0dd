//! The device form: what was typed (kept to show again) and the pure check that turns it into
//! values to store or field errors. The spreadsheet import checks its cells with the same
//! rules (`asset_tag`, `serial`).

use super::model::{Condition, Kind};
use crate::web::form::FieldError;

pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_SERIAL_CHARS: usize = 100;
pub const MAX_NOTES_CHARS: usize = 2000;

/// The device form as sent (or as drawn from the stored device). `program` and `site` are ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeviceForm {
    pub asset_tag: String,
    pub kind: String,
    pub serial: String,
    pub program: String,
    pub site: String,
    pub condition: String,
    pub notes: String,
}

/// A device that passed the check.
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceValues {
    pub asset_tag: String,
    pub kind: Kind,
    pub serial: String,
    pub program_id: i64,
    pub site_id: Option<i64>,
    pub condition: Condition,
    pub notes: String,
}

/// An asset tag: one line, 1 to `MAX_TAG_CHARS` characters; else the message saying why.
pub fn asset_tag(raw: &str) -> Result<String, &'static str> {
    let tag = raw.trim();
    if tag.is_empty() {
        Err("device-error-tag-missing")
    } else if tag.chars().count() > MAX_TAG_CHARS || tag.chars().any(char::is_control) {
        Err("device-error-tag")
    } else {
        Ok(tag.to_owned())
    }
}

/// A serial number (may be blank): one line of at most `MAX_SERIAL_CHARS` characters.
pub fn serial(raw: &str) -> Result<String, &'static str> {
    let serial = raw.trim();
    if serial.chars().count() > MAX_SERIAL_CHARS || serial.chars().any(char::is_control) {
        Err("device-error-serial")
    } else {
        Ok(serial.to_owned())
    }
}

fn one_of(raw: &str, known: &[i64]) -> Option<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| known.contains(id))
}

/// Checks a device against the programs and sites that exist; every problem is reported.
pub fn check(
    form: &DeviceForm,
    programs: &[i64],
    sites: &[i64],
) -> Result<DeviceValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, message| errors.push(FieldError { field, message });
    let tag = asset_tag(&form.asset_tag).map_err(|m| fail("asset_tag", m));
    let kind = Kind::parse(&form.kind).ok_or_else(|| fail("kind", "device-error-kind"));
    let serial = serial(&form.serial).map_err(|m| fail("serial", m));
    let program_id =
        one_of(&form.program, programs).ok_or_else(|| fail("program", "device-error-program"));
    let site_id = match form.site.trim() {
        "" => Ok(None),
        raw => one_of(raw, sites)
            .map(Some)
            .ok_or_else(|| fail("site", "device-error-site")),
    };
    let condition = Condition::parse(&form.condition)
        .ok_or_else(|| fail("condition", "device-error-condition"));
    let notes = form.notes.trim();
    if notes.chars().count() > MAX_NOTES_CHARS {
        fail("notes", "device-error-notes");
    }
    match (tag, kind, serial, program_id, site_id, condition) {
        (Ok(asset_tag), Ok(kind), Ok(serial), Ok(program_id), Ok(site_id), Ok(condition))
            if errors.is_empty() =>
        {
            Ok(DeviceValues {
                asset_tag,
                kind,
                serial,
                program_id,
                site_id,
                condition,
                notes: notes.to_owned(),
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> DeviceForm {
        DeviceForm {
            asset_tag: " HS-0001 ".into(),
            kind: "hotspot".into(),
            serial: "SN 42".into(),
            program: "7".into(),
            site: String::new(),
            condition: "good".into(),
            notes: "Charger in the box.".into(),
        }
    }

    #[test]
    fn a_good_form_passes_trimmed() {
        let v = check(&good(), &[7], &[3]).unwrap();
        assert_eq!(v.asset_tag, "HS-0001");
        assert_eq!(v.kind, Kind::Hotspot);
        assert_eq!(v.program_id, 7);
        assert_eq!(v.site_id, None);
        let with_site = DeviceForm {
            site: "3".into(),
            ..good()
        };
        assert_eq!(check(&with_site, &[7], &[3]).unwrap().site_id, Some(3));
    }

    #[test]
    fn every_problem_is_reported_beside_its_field() {
        let cases: &[(DeviceForm, &[(&str, &str)])] = &[
            (
                DeviceForm {
                    asset_tag: "  ".into(),
                    ..good()
                },
                &[("asset_tag", "device-error-tag-missing")],
            ),
            (
                DeviceForm {
                    asset_tag: "x".repeat(65),
                    ..good()
                },
                &[("asset_tag", "device-error-tag")],
            ),
            (
                DeviceForm {
                    kind: "phone".into(),
                    program: "8".into(),
                    site: "4".into(),
                    condition: "mint".into(),
                    ..good()
                },
                &[
                    ("kind", "device-error-kind"),
                    ("program", "device-error-program"),
                    ("site", "device-error-site"),
                    ("condition", "device-error-condition"),
                ],
            ),
            (
                DeviceForm {
                    serial: "a\tb".into(),
                    notes: "n".repeat(2001),
                    ..good()
                },
                &[
                    ("serial", "device-error-serial"),
                    ("notes", "device-error-notes"),
                ],
            ),
        ];
        for (form, want) in cases {
            let got: Vec<(&str, &str)> = check(form, &[7], &[3])
                .unwrap_err()
                .iter()
                .map(|e| (e.field, e.message))
                .collect();
            assert_eq!(&got, want, "{form:?}");
        }
    }
}
