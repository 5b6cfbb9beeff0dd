//! Appointments as casework meets them (issue 17, part C): a navigator's appointments today
//! on `/cases`, and on a case page the appointments that came due and wait for a mark
//! (attended or no-show, posted to the site's day, `siteday`, which writes them).

use maud::{html, Markup};
use sqlx::Row;

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

/// Today in the city: its first instant and the next day's, in UTC seconds.
pub fn today(tz: &jiff::tz::TimeZone, now: i64) -> (i64, i64) {
    (day_start(tz, now, 0), day_start(tz, now, 1))
}

/// The first instant of the city's day `days` after today's, in UTC seconds (a day is not
/// always 86,400 seconds: daylight saving).
pub fn day_start(tz: &jiff::tz::TimeZone, now: i64, days: i64) -> i64 {
    let Ok(ts) = jiff::Timestamp::from_second(now) else {
        return now;
    };
    ts.to_zoned(tz.clone())
        .date()
        .checked_add(jiff::Span::new().days(days))
        .and_then(|d| d.to_zoned(tz.clone()))
        .map(|z| z.timestamp().as_second())
        .unwrap_or(now + days * 86_400)
}

/// A time of day in the city's time zone.
pub fn clock(ctx: &Ctx, epoch_secs: i64) -> String {
    jiff::Timestamp::from_second(epoch_secs)
        .map(|ts| {
            ts.to_zoned(ctx.state.config.timezone.clone())
                .strftime("%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// One appointment: where, when, for which case.
#[derive(Clone, Debug)]
pub struct Visit {
    pub id: i64,
    pub case_id: i64,
    pub site_id: i64,
    pub site: String,
    pub starts_at: i64,
    pub ref_code: String,
}

fn read(rows: &[sqlx::any::AnyRow]) -> sqlx::Result<Vec<Visit>> {
    rows.iter()
        .map(|r| {
            Ok(Visit {
                id: r.try_get("id")?,
                case_id: r.try_get("case_id")?,
                site_id: r.try_get("site_id")?,
                site: r.try_get("site")?,
                starts_at: r.try_get("starts_at")?,
                ref_code: r.try_get("ref_code")?,
            })
        })
        .collect()
}

const SELECT: &str = "SELECT a.id, a.case_id, a.site_id, s.name AS site, a.starts_at, c.ref_code \
     FROM appointments a JOIN sites s ON s.id = a.site_id JOIN cases c ON c.id = a.case_id";

/// The navigator's appointments starting in `[from, to)`, not cancelled: one query on the
/// index that keeps a navigator's slots (`appointments_slot`).
pub async fn of_navigator(
    db: &Db,
    navigator_id: i64,
    from: i64,
    to: i64,
    limit: i64,
) -> sqlx::Result<Vec<Visit>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.navigator_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 \
           AND a.status <> 'cancelled' ORDER BY a.starts_at LIMIT $4"
    ))
    .bind(navigator_id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    read(&rows)
}

/// The case's appointments still booked or confirmed that start before `until`: come due,
/// and not marked yet.
pub async fn to_mark(db: &Db, case_id: i64, until: i64) -> sqlx::Result<Vec<Visit>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.case_id = $1 AND a.starts_at < $2 \
           AND a.status IN ('booked', 'confirmed') ORDER BY a.starts_at"
    ))
    .bind(case_id)
    .bind(until)
    .fetch_all(&db.pool)
    .await?;
    read(&rows)
}

/// A one-button form posting `fields` to `action`; `label` names it for a screen reader.
pub fn mark_button(
    user: &CurrentUser,
    action: &str,
    fields: &[(&str, &str)],
    text: &str,
    label: &str,
) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            (csrf_field(&user.csrf_token))
            @for (name, value) in fields {
                input type="hidden" name=(name) value=(value);
            }
            button.secondary type="submit" aria-label=(label) { (text) }
        }
    }
}

/// The attended and no-show buttons of an appointment; `back` names the page to return to
/// (`case` or `site`).
pub fn status_buttons(
    ctx: &Ctx,
    user: &CurrentUser,
    visit: (i64, i64),
    code: &str,
    back: &str,
) -> Markup {
    let (site_id, appointment) = visit;
    let action = format!("/sites/{site_id}/today/appointments/{appointment}/status");
    let tr = ctx.tr();
    html! {
        @for status in ["attended", "no_show"] {
            (mark_button(user, &action, &[("status", status), ("back", back)],
                &ctx.t(&format!("siteday-mark-{status}")),
                &tr.ta(&format!("siteday-mark-{status}-label"), &[("code", code.into())])))
        }
    }
}

/// How many days after today a navigator's caseload looks ahead for appointments.
pub const COMING_DAYS: i64 = 7;

/// A navigator's appointments on their caseload: today's (time, site, code), then those of
/// the next [`COMING_DAYS`] days (with their dates).
pub fn today_block(ctx: &Ctx, today: &[Visit], coming: &[Visit]) -> Markup {
    let tr = ctx.tr();
    let line = |v: &Visit, when: String| {
        html! {
            li {
                (tr.ta("cases-today-at", &[("time", when.into()), ("site", v.site.clone().into())]))
                " · "
                a href={ "/cases/" (v.case_id) } dir="ltr" { (v.ref_code) }
                " · "
                a href={ "/sites/" (v.site_id) "/today" } { (ctx.t("siteday-booked-title")) }
            }
        }
    };
    html! {
        @if !today.is_empty() {
            section.today aria-labelledby="cases-today" {
                h2 #cases-today { (ctx.t("cases-today-title")) }
                ul {
                    @for v in today { (line(v, clock(ctx, v.starts_at))) }
                }
            }
        }
        @if !coming.is_empty() {
            section.today aria-labelledby="cases-coming" {
                h2 #cases-coming { (ctx.t("cases-coming-title")) }
                ul {
                    @for v in coming { (line(v, crate::web::format::when(ctx, v.starts_at))) }
                }
            }
        }
    }
}

/// On a case page: each appointment come due and not marked, with its two buttons.
pub fn mark_block(ctx: &Ctx, user: &CurrentUser, visits: &[Visit]) -> Markup {
    let tr = ctx.tr();
    html! {
        @for v in visits {
            div.flag {
                p {
                    (tr.ta("case-appointment-to-mark", &[
                        ("when", crate::web::format::when(ctx, v.starts_at).into()),
                        ("site", v.site.clone().into()),
                    ]))
                }
                (status_buttons(ctx, user, (v.site_id, v.id), &v.ref_code, "case"))
            }
        }
    }
}
