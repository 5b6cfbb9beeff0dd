//! Booking by text: three free times offered, numbered (a `slot_offers` row keeps their opaque
//! values in order), and the one the resident replies with booked.
//!
//! A reply with a number names a time of the number's newest offer. A number not offered, an
//! offer that has run out ([`OFFER_LASTS`]) or was answered already, get a clear answer and
//! nothing is booked; a time taken meanwhile (the appointments' unique slot index decides,
//! on every instance) gets new times offered.

use jiff::tz::TimeZone;

use super::texts::{self, Place};
use crate::appointments::slots::{free_slots, Seeker, SlotKey};
use crate::appointments::store::{book_on, BookError, BookedVia};
use crate::db::Db;
use crate::i18n::{I18n, Lang};

/// How many times one text offers.
pub const OFFERED: usize = 3;

/// How long offered times are held for the resident's answer.
pub const OFFER_LASTS: i64 = 86_400;

/// Times are looked for this many days ahead.
const SEARCH_DAYS: u32 = 14;

/// A free time as offered: its opaque value (as the web form's radio) and what a text says.
#[derive(Clone, Debug)]
pub struct Offered {
    pub value: String,
    pub navigator_id: i64,
    pub site_id: i64,
    pub ends_at: i64,
    pub place: Place,
}

impl Offered {
    fn value_of(navigator_id: i64, site_id: i64, starts_at: i64, ends_at: i64) -> String {
        format!("{navigator_id}-{site_id}-{starts_at}-{ends_at}")
    }

    /// The parts of a stored value, `None` for one that is not ours.
    fn parse(value: &str) -> Option<(i64, i64, i64, i64)> {
        let mut parts = value.split('-').map(|p| p.parse::<i64>().ok());
        let parsed = (
            parts.next()??,
            parts.next()??,
            parts.next()??,
            parts.next()??,
        );
        parts.next().is_none().then_some(parsed)
    }
}

/// The first [`OFFERED`] free times for case `case_id` after `now` (`appointments::slots`:
/// nearest sites first, then soonest, with navigators who can meet the resident).
pub async fn search(
    db: &Db,
    tz: &TimeZone,
    case_id: i64,
    now: i64,
) -> Result<Vec<Offered>, sqlx::Error> {
    let Some(seeker) = Seeker::for_case(db, case_id).await? else {
        return Ok(Vec::new());
    };
    let found = free_slots(db, tz, &seeker, now, SEARCH_DAYS, OFFERED).await?;
    Ok(found
        .into_iter()
        .map(|s| Offered {
            value: Offered::value_of(s.navigator_id, s.site_id, s.starts_at, s.ends_at),
            navigator_id: s.navigator_id,
            site_id: s.site_id,
            ends_at: s.ends_at,
            place: Place {
                starts_at: s.starts_at,
                site: s.site_name,
                address: s.site_address,
            },
        })
        .collect())
}

/// The values a text's message takes beyond the appointment's own.
pub type Extra = Vec<(&'static str, fluent_bundle::FluentValue<'static>)>;

/// What the numbered times need to be written: the city's time zone and the help line.
pub struct Writing<'a> {
    pub i18n: &'a I18n,
    pub tz: &'a TimeZone,
    pub phone: &'a str,
}

/// Stores `found` as case `case_id`'s newest offer on `conn`, and says which of `messages`
/// (with times, without) to send and its values (`$slots` or `$phone`).
pub async fn store_offer(
    conn: &mut sqlx::AnyConnection,
    writing: &Writing<'_>,
    case_id: i64,
    lang: Lang,
    found: &[Offered],
    messages: (&'static str, &'static str),
    now: i64,
) -> Result<(&'static str, Extra), sqlx::Error> {
    // An older offer still open is settled: only the newest one's numbers mean anything.
    sqlx::query(
        "UPDATE slot_offers SET answered_at = $1 WHERE case_id = $2 AND answered_at IS NULL",
    )
    .bind(now)
    .bind(case_id)
    .execute(&mut *conn)
    .await?;
    if found.is_empty() {
        return Ok((messages.1, vec![("phone", writing.phone.to_owned().into())]));
    }
    let values: Vec<&str> = found.iter().map(|o| o.value.as_str()).collect();
    sqlx::query("INSERT INTO slot_offers (case_id, slots, offered_at) VALUES ($1, $2, $3)")
        .bind(case_id)
        .bind(values.join(" "))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    let places: Vec<Place> = found.iter().map(|o| o.place.clone()).collect();
    Ok((
        messages.0,
        vec![(
            "slots",
            texts::numbered(writing.i18n, lang, writing.tz, &places).into(),
        )],
    ))
}

/// The newest offer made to case `case_id`, if any: id, values, when, whether answered.
pub async fn newest(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
) -> Result<Option<(i64, String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, slots, offered_at, answered_at FROM slot_offers WHERE case_id = $1 \
         ORDER BY offered_at DESC, id DESC LIMIT 1",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await
}

/// What a reply with a number did.
#[derive(Clone, Debug)]
pub enum Picked {
    Booked {
        appointment_id: i64,
        place: Place,
    },
    /// The offer had fewer times (its count).
    NotOffered(usize),
    /// Answered already, or held too long.
    Expired,
    /// Someone else has the time now, or it has passed.
    Taken,
}

/// Books time `n` (from 1) of offer `offer` for case `case_id` on `conn`, as the web form
/// books (`appointments::store::book_on`: the slot checked again, a move cancels the old one),
/// or says why not; nothing is stored unless it is booked.
pub async fn pick(
    conn: &mut sqlx::AnyConnection,
    tz: &TimeZone,
    case_id: i64,
    offer: &(i64, String, i64, Option<i64>),
    n: usize,
    now: i64,
) -> Result<Picked, sqlx::Error> {
    let (offer_id, values, offered_at, answered_at) = offer;
    let values: Vec<&str> = values.split_whitespace().collect();
    if n == 0 || n > values.len() {
        return Ok(Picked::NotOffered(values.len()));
    }
    if answered_at.is_some() || now > offered_at + OFFER_LASTS {
        return Ok(Picked::Expired);
    }
    let Some((navigator_id, site_id, starts_at, _)) = Offered::parse(values[n - 1]) else {
        return Ok(Picked::Expired);
    };
    let key = SlotKey {
        navigator_id,
        site_id,
        starts_at,
    };
    let booked = match book_on(conn, tz, case_id, &key, BookedVia::Text, now).await {
        Ok(booked) => booked,
        Err(BookError::Db(e)) => return Err(e),
        Err(BookError::NoCase) => return Ok(Picked::Expired),
        // Taken, past, closed since, or the navigator's hours changed: new times are offered.
        Err(BookError::Taken | BookError::Past | BookError::Closed | BookError::Unavailable) => {
            return Ok(Picked::Taken)
        }
    };
    sqlx::query("UPDATE slot_offers SET answered_at = $1 WHERE id = $2")
        .bind(now)
        .bind(offer_id)
        .execute(&mut *conn)
        .await?;
    Ok(Picked::Booked {
        appointment_id: booked.id,
        place: Place {
            starts_at: booked.starts_at,
            site: booked.site_name,
            address: booked.site_address,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_others_are_refused() {
        let v = Offered::value_of(3, 7, 1_772_900_000, 1_772_901_800);
        assert_eq!(
            Offered::parse(&v),
            Some((3, 7, 1_772_900_000, 1_772_901_800))
        );
        for bad in ["", "1-2-3", "1-2-3-4-5", "a-2-3-4", "1--3-4"] {
            assert_eq!(Offered::parse(bad), None, "{bad:?}");
        }
    }
}
