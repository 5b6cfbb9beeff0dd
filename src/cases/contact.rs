//! The time and place of a contact with a resident: the minutes it took and where it happened,
//! as the contact form sends them (`minutes`, `place`) and as the timeline tells them. Parsing
//! is pure; whether a chosen site is open is the store's to say.

use crate::web::Ctx;

/// The longest contact one entry may record: a working day.
pub const MAX_MINUTES: i64 = 480;

/// Where a contact happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Phone,
    Text,
    Email,
    Video,
    HomeVisit,
    /// At one of the program's sites (its id).
    Site(i64),
    /// In person, at a place not recorded: the old form's `in_person`, kept for its clients
    /// and for contacts logged before sites.
    InPerson,
}

impl Place {
    /// The places the form offers before the sites, in its order.
    pub const FIXED: [Place; 5] = [
        Place::Phone,
        Place::Text,
        Place::Email,
        Place::Video,
        Place::HomeVisit,
    ];

    /// The kind of place, as stored in `contacts.place` and the event's data.
    pub fn code(self) -> &'static str {
        match self {
            Place::Phone => "phone",
            Place::Text => "text",
            Place::Email => "email",
            Place::Video => "video",
            Place::HomeVisit => "home_visit",
            Place::Site(_) => "site",
            Place::InPerson => "in_person",
        }
    }

    pub fn site_id(self) -> Option<i64> {
        match self {
            Place::Site(id) => Some(id),
            _ => None,
        }
    }

    /// The value of the form's option: the code, or `site:ID`.
    pub fn value(self) -> String {
        match self {
            Place::Site(id) => format!("site:{id}"),
            other => other.code().to_owned(),
        }
    }

    /// A `place` value of the form (`in_person` is not offered there any more).
    pub fn parse(raw: &str) -> Option<Place> {
        let raw = raw.trim();
        if let Some(id) = raw.strip_prefix("site:") {
            return id.parse().ok().filter(|id| *id > 0).map(Place::Site);
        }
        Self::FIXED.into_iter().find(|p| p.code() == raw)
    }

    /// The old form's `channel` (`phone`, `text`, `in_person`, `email`) as a place.
    pub fn from_channel(raw: &str) -> Option<Place> {
        match raw.trim() {
            "in_person" => Some(Place::InPerson),
            "phone" | "text" | "email" => Place::parse(raw),
            _ => None,
        }
    }
}

/// Minutes as typed: a whole number from 1 to `MAX_MINUTES`.
pub fn parse_minutes(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok().filter(|m| (1..=MAX_MINUTES).contains(m))
}

/// What the contact form asked for, read from its fields: the place and minutes, or the
/// message to show next to each field that is wrong. A post with only the old `channel` field
/// may leave the minutes out (they are then unknown, as for contacts logged before minutes);
/// the form itself always asks for them.
pub fn read(
    get: impl Fn(&str) -> String,
) -> (
    Result<Place, &'static str>,
    Result<Option<i64>, &'static str>,
) {
    let place_raw = get("place");
    let legacy = place_raw.trim().is_empty() && !get("channel").trim().is_empty();
    let place = if legacy {
        Place::from_channel(&get("channel")).ok_or("case-contact-error-channel")
    } else {
        Place::parse(&place_raw).ok_or("case-contact-error-place")
    };
    let minutes_raw = get("minutes");
    let minutes = if legacy && minutes_raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_minutes(&minutes_raw)
            .map(Some)
            .ok_or("case-contact-error-minutes")
    };
    (place, minutes)
}

/// "Phone call, 20 minutes", "At Central Library, 45 minutes": a contact event's data as the
/// timeline shows it. Contacts logged before minutes show their place alone.
pub fn describe(ctx: &Ctx, data: &serde_json::Value) -> String {
    let code = data["place"]
        .as_str()
        .or_else(|| data["channel"].as_str())
        .unwrap_or_default();
    let place = match code {
        "site" => ctx.tr().ta(
            "case-contact-place-at",
            &[(
                "site",
                data["site"].as_str().unwrap_or_default().to_owned().into(),
            )],
        ),
        "" => String::new(),
        code => ctx.t(&format!("case-contact-place-{code}")),
    };
    match data["minutes"].as_i64() {
        Some(minutes) => ctx.tr().ta(
            "case-contact-place-minutes",
            &[("place", place.into()), ("minutes", minutes.into())],
        ),
        None => place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_the_form_sends_them() {
        for (raw, want) in [
            ("phone", Some(Place::Phone)),
            ("video", Some(Place::Video)),
            ("home_visit", Some(Place::HomeVisit)),
            ("site:12", Some(Place::Site(12))),
            (" site:3 ", Some(Place::Site(3))),
            ("site:0", None),
            ("site:-4", None),
            ("site:", None),
            ("site:x", None),
            ("in_person", None),
            ("site", None),
            ("", None),
        ] {
            assert_eq!(Place::parse(raw), want, "{raw:?}");
        }
        assert_eq!(Place::Site(12).value(), "site:12");
        for p in Place::FIXED {
            assert_eq!(Place::parse(&p.value()), Some(p));
        }
        assert_eq!(Place::from_channel("in_person"), Some(Place::InPerson));
        assert_eq!(Place::from_channel("email"), Some(Place::Email));
        assert_eq!(Place::from_channel("video"), None);
    }

    #[test]
    fn minutes_are_whole_numbers_of_a_working_day_at_most() {
        for (raw, want) in [
            ("20", Some(20)),
            (" 45 ", Some(45)),
            ("1", Some(1)),
            ("480", Some(480)),
            ("481", None),
            ("0", None),
            ("10000", None),
            ("-5", None),
            ("+5", None),
            ("2.5", None),
            ("twenty", None),
            ("", None),
            ("99999999999999999999999", None),
        ] {
            assert_eq!(parse_minutes(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn the_old_channel_field_still_works_and_minutes_stay_unknown() {
        let form = |fields: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                fields
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map_or(String::new(), |(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            read(form(&[("channel", "phone")])),
            (Ok(Place::Phone), Ok(None))
        );
        assert_eq!(
            read(form(&[("channel", "in_person"), ("minutes", "15")])),
            (Ok(Place::InPerson), Ok(Some(15)))
        );
        assert_eq!(
            read(form(&[("channel", "fax")])),
            (Err("case-contact-error-channel"), Ok(None))
        );
        // The form's own fields: minutes are required.
        assert_eq!(
            read(form(&[("place", "site:2"), ("minutes", "")])),
            (Ok(Place::Site(2)), Err("case-contact-error-minutes"))
        );
        assert_eq!(
            read(form(&[])),
            (
                Err("case-contact-error-place"),
                Err("case-contact-error-minutes")
            )
        );
    }
}
