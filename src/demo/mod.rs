//! Demonstration data for `serve --demo`: a few Denver neighborhoods, navigators, resource
//! programs and past cases, seeded once so every page has something to show.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::{self, Db};
use crate::domain::{Benefit, Channel, ContactMethod, Need, PhoneNumber};
use crate::i18n::Lang;
use crate::intake::form::NewRequest;
use crate::intake::store;

/// (name, centroid lat, lon): a handful of Denver's statistical neighborhoods. Their real
/// boundaries are not part of navdesk (import them with `navdesk import-areas`); the demo draws
/// each as a small hexagon around its centre (see `outline`), so the map and placement work.
const AREAS: &[(&str, f64, f64)] = &[
    ("Five Points", 39.7555, -104.9776),
    ("Montbello", 39.7836, -104.8216),
    ("Westwood", 39.6950, -105.0373),
    ("Globeville", 39.7856, -104.9800),
    ("Elyria Swansea", 39.7840, -104.9559),
    ("Sun Valley", 39.7286, -105.0175),
    ("Capitol Hill", 39.7329, -104.9800),
    ("Athmar Park", 39.7036, -105.0104),
    ("Villa Park", 39.7339, -105.0367),
    ("East Colfax", 39.7366, -104.8940),
];

struct DemoNavigator {
    name: &'static str,
    email: &'static str,
    languages: &'static str,
    areas: &'static [&'static str],
}

const NAVIGATORS: &[DemoNavigator] = &[
    DemoNavigator {
        name: "Marisol Vega",
        email: "marisol@navdesk.example",
        languages: "en,es",
        areas: &["Five Points", "Elyria Swansea", "Globeville"],
    },
    DemoNavigator {
        name: "Tesfaye Bekele",
        email: "tesfaye@navdesk.example",
        languages: "en,am",
        areas: &["Montbello", "East Colfax"],
    },
    DemoNavigator {
        name: "Linh Nguyen",
        email: "linh@navdesk.example",
        languages: "en,vi",
        areas: &["Westwood", "Athmar Park", "Villa Park"],
    },
    DemoNavigator {
        name: "Omar Haddad",
        email: "omar@navdesk.example",
        languages: "en,ar,es",
        areas: &["Sun Valley", "Capitol Hill"],
    },
];

/// (organization, name, description, categories, max % of poverty guideline, benefits, cost,
/// languages, capacity)
type DemoProgram = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
);

const PROGRAMS: &[DemoProgram] = &[
    (
        "Denver Public Library",
        "Hotspot lending",
        "Borrow a mobile hotspot with your library card.",
        "internet_plan,device",
        None,
        "",
        "Free",
        "en,es,ar,am,vi",
        Some(40),
    ),
    (
        "PCs for People",
        "Refurbished computers",
        "Low-cost refurbished laptops and desktops.",
        "device",
        Some(200),
        "snap,medicaid,wic,ssi,public_housing,school_lunch,pell",
        "$0–$75",
        "en,es",
        Some(12),
    ),
    (
        "Comcast",
        "Internet Essentials",
        "Home internet for qualifying households.",
        "internet_plan",
        None,
        "snap,medicaid,wic,ssi,public_housing,school_lunch,pell,va",
        "$14.95 a month",
        "en,es,vi",
        None,
    ),
    (
        "Universal Service Administrative Company",
        "Lifeline",
        "A monthly discount on phone or internet service.",
        "internet_plan",
        Some(135),
        "snap,medicaid,ssi,public_housing,va",
        "Discount of $9.25 a month",
        "en,es",
        None,
    ),
    (
        "Denver Public Library",
        "Digital skills classes",
        "Free classes: email, video calls, staying safe online.",
        "training",
        None,
        "",
        "Free",
        "en,es,ar,am,vi",
        Some(0),
    ),
];

/// Where residents go for some demo programs (program name, site name from `DEMO_SITES`), so
/// the service-gap map has sites to show; the others have none, as many real programs do.
const SITES: &[(&str, &str)] = &[
    ("Hotspot lending", "Central Library"),
    ("Digital skills classes", "Montbello Branch Library"),
];

const FIRST_NAMES: &[&str] = &[
    "Ana", "José", "Amina", "Dawit", "Thu", "Maria", "Samuel", "Fatima", "Luis", "Hanh", "Grace",
    "Yonas",
];
const LAST_NAMES: &[&str] = &[
    "García", "Tesfaye", "Nguyen", "Haddad", "Johnson", "Mbala", "López", "Tran", "Williams",
    "Alemu",
];

/// How to sign in to the demo's staff pages: every demo account shares one password, made at
/// random when the demo is seeded and shown only then.
#[derive(Debug)]
pub struct DemoSignIn {
    pub supervisor: &'static str,
    pub navigator: &'static str,
    pub password: String,
}

/// A stand-in boundary for a demo neighborhood: a hexagon 1.2 km from centre to corner (the
/// neighborhoods' centres are at least 2.5 km apart), as GeoJSON.
fn outline(lat: f64, lon: f64) -> String {
    let projection = crate::areas::LocalProjection::new(lat, lon);
    let ring: Vec<geo::Coord<f64>> = (0..=6)
        .map(|i| {
            let angle = std::f64::consts::FRAC_PI_3 * f64::from(i % 6);
            projection.unproject(geo::Coord {
                x: 1.2 * angle.cos(),
                y: 1.2 * angle.sin(),
            })
        })
        .collect();
    let shape = geo::MultiPolygon(vec![geo::Polygon::new(geo::LineString(ring), vec![])]);
    crate::areas::NewArea::new(String::new(), shape, false).geometry_json()
}

/// Adds the demo's neighborhoods when the database has no areas at all.
pub async fn ensure_areas(db: &Db) -> anyhow::Result<()> {
    let any: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM areas")
        .fetch_one(&db.pool)
        .await?;
    if any > 0 {
        return Ok(());
    }
    for (name, lat, lon) in AREAS {
        sqlx::query(
            "INSERT INTO areas (name, centroid_lat, centroid_lon, geometry) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(*name)
        .bind(*lat)
        .bind(*lon)
        .bind(outline(*lat, *lon))
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// Seeds the demo data unless it was seeded before; returns how to sign in when it seeded now.
pub async fn seed(db: &Db) -> anyhow::Result<Option<DemoSignIn>> {
    let now = db::now();
    let claimed = sqlx::query(
        "INSERT INTO settings (key, value) VALUES ('demo_seeded', $1) ON CONFLICT (key) DO NOTHING",
    )
    .bind(now.to_string())
    .execute(&db.pool)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(None);
    }
    let password: String = crate::auth::session::random_token()
        .chars()
        .take(16)
        .collect();
    let password_hash = crate::auth::password::hash_password_blocking(password.clone()).await?;

    let mut tx = db.pool.begin().await?;
    for (name, lat, lon) in AREAS {
        sqlx::query(
            "INSERT INTO areas (name, centroid_lat, centroid_lon, geometry) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(*name)
        .bind(*lat)
        .bind(*lon)
        .bind(outline(*lat, *lon))
        .execute(&mut *tx)
        .await?;
    }
    let mut navigator_ids = Vec::new();
    for nav in NAVIGATORS {
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, role, password_hash, created_at) \
             VALUES ($1, $2, 'navigator', $3, $4) RETURNING id",
        )
        .bind(nav.email)
        .bind(nav.name)
        .bind(&password_hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let nav_id: i64 = sqlx::query_scalar(
            "INSERT INTO navigators (user_id, languages, skills, capacity) \
             VALUES ($1, $2, 'internet,device,tech_support', 20) RETURNING id",
        )
        .bind(user_id)
        .bind(nav.languages)
        .fetch_one(&mut *tx)
        .await?;
        for area in nav.areas {
            sqlx::query(
                "INSERT INTO navigator_areas (navigator_id, area_id) SELECT $1, id FROM areas WHERE name = $2",
            )
            .bind(nav_id)
            .bind(*area)
            .execute(&mut *tx)
            .await?;
        }
        navigator_ids.push(nav_id);
    }
    sqlx::query(
        "INSERT INTO users (email, name, role, password_hash, created_at) \
         VALUES ('dana@navdesk.example', 'Dana Brooks', 'supervisor', $1, $2)",
    )
    .bind(&password_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let sites = demo_sites(&mut tx, now).await?;
    for (org, name, description, categories, max_pct, benefits, cost, languages, capacity) in
        PROGRAMS
    {
        let site = SITES
            .iter()
            .find(|(program, _)| program == name)
            .and_then(|(_, site)| sites.iter().find(|(_, n)| n == site))
            .map(|(id, _)| *id);
        sqlx::query(
            "INSERT INTO programs (organization, name, description, categories, max_income_pct_fpg, \
             qualifying_benefits, cost, languages, capacity_available, last_verified_at, \
             site_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        // See `programs::store::write_in`: a missing and a present value may not share a
        // prepared statement on PostgreSQL.
        .persistent(false)
        .bind(*org)
        .bind(*name)
        .bind(*description)
        .bind(*categories)
        .bind(*max_pct)
        .bind(*benefits)
        .bind(*cost)
        .bind(*languages)
        .bind(*capacity)
        .bind(now)
        .bind(site)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;

    let areas = crate::areas::choices::areas(db).await?;
    let i18n = crate::i18n::I18n::load()?;
    let mut rng = StdRng::seed_from_u64(2026);
    // The optional answers draw from their own stream, so the rest of the demo stays as it was.
    let mut asked = StdRng::seed_from_u64(19);
    for i in 0..40 {
        let created_at = now - rng.random_range(3_600..60 * 86_400);
        let lang = if i % 3 == 0 {
            Lang::parse("es").unwrap_or(Lang::EN)
        } else {
            Lang::EN
        };
        let need = Need::ALL[rng.random_range(0..Need::ALL.len())];
        // Most ask on the form; some by text, some by phone (a caller gives no name or place).
        let channel = match i % 6 {
            1 => Channel::Sms,
            4 => Channel::Phone,
            _ => Channel::Web,
        };
        // 555-01xx numbers are reserved for fiction.
        let phone = PhoneNumber::from_e164(format!("+1720555{:04}", 100 + i));
        let name = format!(
            "{} {}",
            FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
            LAST_NAMES[rng.random_range(0..LAST_NAMES.len())]
        );
        let area_id = areas[rng.random_range(0..areas.len())].id;
        let caller = channel == Channel::Phone;
        let request = NewRequest {
            name: if caller {
                phone.as_str().to_owned()
            } else {
                name
            },
            phone: Some(phone),
            email: None,
            contact_method: if caller {
                ContactMethod::Call
            } else {
                ContactMethod::Sms
            },
            language: lang,
            address: None,
            zip: None,
            area_id: (!caller).then_some(area_id),
            needs: vec![need],
            household_size: Some(rng.random_range(1..7)),
            monthly_income: Some(rng.random_range(0..4_000)),
            benefits: if rng.random_bool(0.5) {
                vec![Benefit::Snap]
            } else {
                vec![]
            },
            // A caller on the keypad is not asked; about one in six skips an optional question.
            age_band: (!caller).then(|| age_band(&mut asked)).flatten(),
            race_ethnicity: if caller {
                vec![]
            } else {
                race_ethnicity(&mut asked, lang)
            },
            veteran: (!caller)
                .then(|| optional_answer(&mut asked, 0.07))
                .flatten(),
            disability: (!caller)
                .then(|| optional_answer(&mut asked, 0.14))
                .flatten(),
            accessibility: vec![],
            details: String::new(),
            sms_consent: !caller,
        };
        let code = store::insert_request(db, &request, channel, created_at).await?;
        let case_id: i64 = sqlx::query_scalar("SELECT id FROM cases WHERE ref_code = $1")
            .bind(code.as_str())
            .fetch_one(&db.pool)
            .await?;
        match channel {
            Channel::Sms => {
                let area = areas
                    .iter()
                    .find(|a| a.id == area_id)
                    .map(|a| a.name.as_str());
                text_conversation(
                    db,
                    &i18n,
                    case_id,
                    &request,
                    area.unwrap_or("80205"),
                    code.as_str(),
                    created_at - 300,
                )
                .await?;
            }
            Channel::Phone => voice_message(db, case_id, i, created_at + 40).await?,
            _ => {}
        }
        // Older requests have moved along; the newest still wait.
        let age_days = (now - created_at) / 86_400;
        let (status, navigator) = match age_days {
            0..=2 => ("new", None),
            3..=14 => ("assigned", Some(navigator_ids[i % navigator_ids.len()])),
            15..=30 => ("in_progress", Some(navigator_ids[i % navigator_ids.len()])),
            _ => ("resolved", Some(navigator_ids[i % navigator_ids.len()])),
        };
        let first_contact = navigator.map(|_| created_at + rng.random_range(3_600..4 * 86_400));
        sqlx::query(
            "UPDATE cases SET status = $1, navigator_id = $2, first_contact_at = $3, \
             resolved_at = CASE WHEN $1 = 'resolved' THEN $4 ELSE NULL END WHERE ref_code = $5",
        )
        .bind(status)
        .bind(navigator)
        .bind(first_contact)
        .bind(now)
        .bind(code.as_str())
        .execute(&db.pool)
        .await?;
    }
    contacts(db).await?;
    day_at_a_glance(db, &navigator_ids, now).await?;
    office_hours_and_appointments(db, &navigator_ids, now).await?;
    // Issue 18: the device inventory.
    devices::devices(db, now).await?;
    // Devices (issue 18): after the inventory's devices are seeded.
    loans::lend_some(db, &timezone(), now).await?;
    Ok(Some(DemoSignIn {
        supervisor: "dana@navdesk.example",
        navigator: NAVIGATORS[0].email,
        password,
    }))
}

/// The texts of a request made by text, as the text line exchanged them: each of the
/// resident's answers and each question, delivered, on the case's timeline.
async fn text_conversation(
    db: &Db,
    i18n: &crate::i18n::I18n,
    case_id: i64,
    request: &NewRequest,
    place: &str,
    code: &str,
    started: i64,
) -> anyhow::Result<()> {
    let spanish = request.language.code() == "es";
    let need = match request.needs.first() {
        Some(Need::Device) => "2",
        Some(Need::TechSupport) => "3",
        _ => "1",
    };
    let steps = [
        (
            if spanish {
                "Hola, necesito ayuda con internet"
            } else {
                "Hi, I need help getting internet"
            },
            "sms-intake-hello",
        ),
        (request.name.as_str(), "sms-intake-needs"),
        (need, "sms-intake-place"),
        (place, "sms-intake-consent"),
        (if spanish { "Sí" } else { "Yes" }, "sms-intake-done"),
    ];
    let phone = request.phone.as_ref().map_or("", |p| p.as_str());
    let resident_id: i64 = sqlx::query_scalar("SELECT resident_id FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&db.pool)
        .await?;
    let mut tx = db.pool.begin().await?;
    for (k, (said, asked)) in steps.iter().enumerate() {
        let at = started + 50 * k as i64;
        let answer = i18n.format_sms(
            request.language,
            asked,
            &[
                ("code", code.to_owned().into()),
                ("url", "http://127.0.0.1:8080/status".into()),
                ("phone", "311".into()),
            ],
        );
        for (direction, from, to, body, kind, status, when) in [
            (
                "in",
                phone,
                "+17205550100",
                *said,
                "inbound",
                "received",
                at,
            ),
            (
                "out",
                "",
                phone,
                answer.as_str(),
                "intake",
                "delivered",
                at + 2,
            ),
        ] {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sms_messages (direction, case_id, resident_id, to_number, from_number, \
                   body, kind, status, next_attempt_at, idempotency_key, created_at, updated_at, \
                   sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $9, $9) RETURNING id",
            )
            .bind(direction)
            .bind(case_id)
            .bind(resident_id)
            .bind(to)
            .bind(from)
            .bind(body)
            .bind(kind)
            .bind(status)
            .bind(when)
            .bind(format!("demo-{case_id}-{k}-{direction}"))
            .fetch_one(&mut *tx)
            .await?;
            let event = if direction == "in" {
                "sms_in"
            } else {
                "sms_out"
            };
            let data = serde_json::json!({ "sms_id": id, "conversation": true });
            crate::db::events::append_system_event(&mut tx, case_id, event, body, &data, when)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A caller's voice message on the case's timeline, as the phone line leaves it.
async fn voice_message(db: &Db, case_id: i64, i: usize, at: i64) -> anyhow::Result<()> {
    let url = format!(
        "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Recordings/RE{:032}",
        i
    );
    let data = serde_json::json!({ "seconds": 14 + (i % 5) * 7 });
    let mut conn = db.pool.acquire().await?;
    crate::db::events::append_system_event(&mut conn, case_id, "voice_message", &url, &data, at)
        .await?;
    Ok(())
}

mod sites;
use sites::*;

/// The city's time zone as `serve` reads it, for the demo's local days.
fn timezone() -> jiff::tz::TimeZone {
    std::env::var("NAVDESK_TIMEZONE")
        .ok()
        .and_then(|name| jiff::tz::TimeZone::get(&name).ok())
        .unwrap_or_else(|| {
            jiff::tz::TimeZone::get("America/Denver").unwrap_or(jiff::tz::TimeZone::UTC)
        })
}

pub mod loans;

mod devices;

/// An age band as the form asks it, or none for the few who skip it.
fn age_band(rng: &mut impl Rng) -> Option<crate::domain::AgeBand> {
    use crate::domain::AgeBand;
    const WEIGHTS: [(AgeBand, u32); 6] = [
        (AgeBand::Under18, 2),
        (AgeBand::A18To24, 9),
        (AgeBand::A25To44, 31),
        (AgeBand::A45To59, 20),
        (AgeBand::A60To64, 8),
        (AgeBand::A65Plus, 25),
    ];
    if rng.random_bool(0.05) {
        return None;
    }
    let mut roll = rng.random_range(0..WEIGHTS.iter().map(|w| w.1).sum::<u32>());
    for (band, weight) in WEIGHTS {
        if roll < weight {
            return Some(band);
        }
        roll -= weight;
    }
    None
}

/// A self-described race or ethnicity, roughly as Denver answers it (Spanish speakers more often
/// Hispanic); about one in six leaves it and a few prefer not to say.
fn race_ethnicity(rng: &mut impl Rng, lang: Lang) -> Vec<crate::domain::RaceEthnicity> {
    use crate::domain::RaceEthnicity as R;
    let roll: f64 = rng.random();
    if roll < 0.16 {
        return vec![];
    }
    if roll < 0.20 {
        return vec![R::PreferNotToSay];
    }
    if lang.code() == "es" && rng.random_bool(0.85) {
        return vec![R::Hispanic];
    }
    let pick: f64 = rng.random();
    let answer = match pick {
        p if p < 0.45 => R::White,
        p if p < 0.70 => R::Hispanic,
        p if p < 0.84 => R::Black,
        p if p < 0.90 => R::Asian,
        p if p < 0.93 => R::AmericanIndian,
        p if p < 0.96 => R::MiddleEastern,
        _ => R::Other,
    };
    // A few describe themselves with two answers.
    if answer != R::Hispanic && rng.random_bool(0.08) {
        vec![answer, R::Hispanic]
    } else {
        vec![answer]
    }
}

/// An answer to an optional yes-or-no question, `yes` for about `yes` of those who answer; about
/// one resident in six leaves it, and a few prefer not to say.
fn optional_answer(rng: &mut impl Rng, yes: f64) -> Option<crate::domain::Answer> {
    use crate::domain::Answer;
    let roll: f64 = rng.random();
    if roll < 0.16 {
        None
    } else if roll < 0.20 {
        Some(Answer::PreferNot)
    } else if rng.random_bool(yes) {
        Some(Answer::Yes)
    } else {
        Some(Answer::No)
    }
}
