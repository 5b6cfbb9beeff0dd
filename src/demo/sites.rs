//! The demo's sites: where contacts happened (issue 16), and the sites' office hours, a
//! closure and appointments (issue 17).

use super::*;

// --- Sites and the time and place of contacts (issue 16) ---

/// Where Denver's navigators meet residents: (name, address, lat, lon).
pub(super) const DEMO_SITES: [(&str, &str, f64, f64); 4] = [
    (
        "Central Library",
        "10 W Fourteenth Ave Pkwy, Denver, CO 80204",
        39.7372,
        -104.9891,
    ),
    (
        "Montbello Branch Library",
        "12955 Albrook Dr, Denver, CO 80239",
        39.7831,
        -104.8354,
    ),
    (
        "Valdez-Perry Branch Library",
        "4690 Vine St, Denver, CO 80216",
        39.7808,
        -104.9617,
    ),
    (
        "Hiawatha Davis Jr. Recreation Center",
        "3334 Holly St, Denver, CO 80207",
        39.7641,
        -104.9229,
    ),
];

/// The sites, and for every case a navigator has reached, its first contact (and for some a
/// second) with a place and the minutes a navigator would spend there.
pub(super) async fn contacts(db: &Db) -> anyhow::Result<()> {
    use crate::cases::contact::Place;
    use crate::cases::store::{log_contact, Contact};
    let now = crate::db::now();
    let sites: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM sites ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let reached: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT c.id, n.user_id, c.first_contact_at FROM cases c \
         JOIN navigators n ON n.id = c.navigator_id \
         WHERE c.first_contact_at IS NOT NULL ORDER BY c.id",
    )
    .fetch_all(&db.pool)
    .await?;
    for (i, (case_id, user_id, first)) in reached.into_iter().enumerate() {
        let (site_id, site_name) = &sites[i % sites.len()];
        let (site_id, site_name) = (*site_id, site_name.as_str());
        // A call to start with; then, for some, help at a site, at home or by video.
        let mut visits = vec![(Place::Phone, 10 + (i as i64 * 7) % 20, first)];
        match i % 4 {
            0 => visits.push((
                Place::Site(site_id),
                35 + (i as i64 * 11) % 40,
                first + 86_400,
            )),
            1 => visits.push((
                Place::HomeVisit,
                50 + (i as i64 * 13) % 40,
                first + 2 * 86_400,
            )),
            2 => visits.push((Place::Video, 20 + (i as i64 * 5) % 25, first + 86_400)),
            _ => {}
        }
        for (place, minutes, at) in visits {
            let version: i64 = sqlx::query_scalar("SELECT version FROM cases WHERE id = $1")
                .bind(case_id)
                .fetch_one(&db.pool)
                .await?;
            let contact = Contact {
                place,
                site_name: place.site_id().map(|_| site_name),
                minutes: Some(minutes),
                note: "",
                moves_to: None,
                follow_up: None,
            };
            log_contact(db, case_id, version, user_id, &contact, at.min(now)).await?;
        }
    }
    Ok(())
}

/// Work due today, so the caseload's day at a glance has something in each state: a first
/// contact overdue, follow-ups due, a reply not yet read, a caller waiting for a call back,
/// spread over the navigators (the first has one of each), and a part-time navigator whose
/// caseload is full.
pub(super) async fn day_at_a_glance(
    db: &Db,
    navigator_ids: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    for (k, nav) in navigator_ids.iter().enumerate() {
        let open: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, resident_id, channel FROM cases WHERE navigator_id = $1 \
             AND status IN ('assigned', 'in_progress') ORDER BY created_at, id",
        )
        .bind(nav)
        .fetch_all(&db.pool)
        .await?;
        // The first navigator has a caller waiting for a call back (and so a first contact
        // overdue); the others' cases get one state each.
        let caller = open
            .iter()
            .find(|(_, _, channel)| k == 0 && channel == "phone");
        let mut cases = open.iter().filter(|c| Some(*c) != caller);
        for (id, ..) in caller
            .into_iter()
            .chain(if k != 3 { cases.next() } else { None })
        {
            sqlx::query("UPDATE cases SET first_contact_at = NULL WHERE id = $1")
                .bind(id)
                .execute(&db.pool)
                .await?;
        }
        if k != 1 {
            if let Some((id, ..)) = cases.next() {
                sqlx::query("UPDATE cases SET follow_up_at = $1 WHERE id = $2")
                    .bind(now - 86_400 * (k as i64 + 1))
                    .bind(id)
                    .execute(&db.pool)
                    .await?;
            }
        }
        if k % 2 == 0 {
            if let Some((id, resident, _)) = cases.next() {
                demo_reply(db, *id, *resident, now - 5_400 * (k as i64 + 1)).await?;
            }
        }
        if k == 2 {
            sqlx::query("UPDATE navigators SET capacity = $1 WHERE id = $2")
                .bind(open.len() as i64)
                .bind(nav)
                .execute(&db.pool)
                .await?;
        }
    }
    Ok(())
}

/// A text from the resident their navigator has not read yet.
pub(super) async fn demo_reply(
    db: &Db,
    case_id: i64,
    resident_id: i64,
    at: i64,
) -> anyhow::Result<()> {
    let body = "Thanks! Can we meet at the library on Thursday?";
    let phone: String = sqlx::query_scalar("SELECT phone FROM residents WHERE id = $1")
        .bind(resident_id)
        .fetch_one(&db.pool)
        .await?;
    let mut tx = db.pool.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sms_messages (direction, case_id, resident_id, to_number, from_number, \
           body, kind, status, next_attempt_at, idempotency_key, created_at, updated_at, \
           sent_at) VALUES ('in', $1, $2, '+17205550100', $3, $4, 'inbound', 'received', $5, $6, \
           $5, $5, $5) RETURNING id",
    )
    .bind(case_id)
    .bind(resident_id)
    .bind(&phone)
    .bind(body)
    .bind(at)
    .bind(format!("demo-{case_id}-reply"))
    .fetch_one(&mut *tx)
    .await?;
    let data = serde_json::json!({ "sms_id": id });
    crate::db::events::append_system_event(&mut tx, case_id, "sms_in", body, &data, at).await?;
    sqlx::query("UPDATE cases SET last_reply_at = $1 WHERE id = $2")
        .bind(at)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

// --- Sites' office hours, a closure and appointments (issue 17) ---

/// What residents need to know about each of `DEMO_SITES` (in its order): accessibility,
/// languages on offer, minutes per appointment.
pub(super) const DEMO_SITE_DETAILS: [(&str, &str, i64); 4] = [
    (
        "Step-free entrance on Broadway; elevator to every floor; hearing loop at the desk.",
        "en,es,ar,am,vi",
        30,
    ),
    (
        "Step-free entrance from the parking lot; accessible restrooms.",
        "en,es,am",
        30,
    ),
    (
        "One step at the door; a ramp on the north side.",
        "en,es",
        45,
    ),
    (
        "Step-free entrance; computer lab on the ground floor.",
        "en,vi,ar",
        30,
    ),
];

/// Inserts `DEMO_SITES` with their details; returns (id, name) each, in order.
pub(super) async fn demo_sites(
    conn: &mut sqlx::AnyConnection,
    now: i64,
) -> anyhow::Result<Vec<(i64, &'static str)>> {
    let mut sites = Vec::new();
    for ((name, address, lat, lon), (accessibility, languages, slot)) in
        DEMO_SITES.iter().zip(DEMO_SITE_DETAILS)
    {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sites (name, address, lat, lon, accessibility, languages, slot_minutes, \
               active, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id",
        )
        .bind(*name)
        .bind(*address)
        .bind(*lat)
        .bind(*lon)
        .bind(accessibility)
        .bind(languages)
        .bind(slot)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        sites.push((id, *name));
    }
    Ok(sites)
}

/// Weekly office hours for every demo navigator (weekday mornings at one site, two afternoons
/// at the next; the first also keeps weekend hours, so today always has some), one closure,
/// and appointments for open cases: earlier today attended or missed, later today and on the
/// next days booked or confirmed.
pub(super) async fn office_hours_and_appointments(
    db: &Db,
    navigator_ids: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let tz = super::timezone();
    let sites: Vec<(i64, i64)> = sqlx::query_as("SELECT id, slot_minutes FROM sites ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    if sites.is_empty() {
        return Ok(());
    }
    // (navigator index, site index, weekday, start minute, end minute)
    let mut hours = Vec::new();
    for k in 0..navigator_ids.len() {
        for day in 1..=5 {
            hours.push((k, k % sites.len(), day, 9 * 60, 12 * 60));
        }
        for day in [1, 3] {
            hours.push((k, (k + 1) % sites.len(), day, 13 * 60, 16 * 60));
        }
    }
    hours.push((0, 0, 6, 10 * 60, 13 * 60));
    hours.push((0, 0, 7, 13 * 60, 16 * 60));
    for (k, site, day, start, end) in &hours {
        sqlx::query(
            "INSERT INTO office_hours (site_id, navigator_id, weekday, start_minute, end_minute) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(sites[*site].0)
        .bind(navigator_ids[*k])
        .bind(*day as i64)
        .bind(*start as i64)
        .bind(*end as i64)
        .execute(&db.pool)
        .await?;
    }
    let today = jiff::Timestamp::from_second(now)?
        .to_zoned(tz.clone())
        .date();
    let closed = today.checked_add(jiff::Span::new().days(9))?;
    sqlx::query("INSERT INTO site_closures (site_id, day, reason) VALUES ($1, $2, $3)")
        .bind(sites[2 % sites.len()].0)
        .bind(closed.to_string())
        .bind("Staff training day")
        .execute(&db.pool)
        .await?;

    let mut tries = 0usize;
    for (k, nav) in navigator_ids.iter().enumerate() {
        let mut cases: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE navigator_id = $1 \
             AND status IN ('assigned', 'in_progress') ORDER BY created_at DESC, id",
        )
        .bind(nav)
        .fetch_all(&db.pool)
        .await?;
        cases.reverse();
        for offset in 0..4i64 {
            let date = today.checked_add(jiff::Span::new().days(offset))?;
            let weekday = i64::from(date.weekday().to_monday_one_offset());
            let Some((_, site, _, start, end)) = hours
                .iter()
                .find(|(n, _, d, ..)| *n == k && *d as i64 == weekday)
            else {
                continue;
            };
            let (site_id, slot) = sites[*site];
            // Today every other slot; later days the first only.
            let picks: Vec<i64> = if offset == 0 {
                (0..(end - start) as i64 / slot).step_by(2).collect()
            } else {
                vec![0]
            };
            for pick in picks {
                let Some(case_id) = cases.pop() else { break };
                let minute = *start as i64 + pick * slot;
                let local = date.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
                let Ok(starts) = local.to_zoned(tz.clone()) else {
                    continue;
                };
                let starts_at = starts.timestamp().as_second();
                let ends_at = starts_at + slot * 60;
                tries += 1;
                let status = match (ends_at <= now, tries % 3) {
                    (true, 0) => "no_show",
                    (true, _) => "attended",
                    (false, 0) => "confirmed",
                    (false, _) => "booked",
                };
                let via = ["web", "text", "staff"][tries % 3];
                let arrived = (status == "attended").then_some(starts_at - 300);
                sqlx::query(
                    "INSERT INTO appointments (case_id, navigator_id, site_id, starts_at, ends_at, \
                       status, booked_via, created_at, updated_at, arrived_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
                )
                .bind(case_id)
                .bind(nav)
                .bind(site_id)
                .bind(starts_at)
                .bind(ends_at)
                .bind(status)
                .bind(via)
                .bind(now.min(starts_at) - 86_400)
                .bind(arrived)
                .persistent(false)
                .execute(&db.pool)
                .await?;
            }
        }
    }
    Ok(())
}
