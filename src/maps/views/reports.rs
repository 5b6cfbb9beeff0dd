//! The `/reports` page: the period's summary figures, then the equity breakdowns (by language,
//! area, race/ethnicity and the channel requests came by), each led by a sentence on who waits
//! longest. Small groups show as
//! suppressed, never as a number.

use jiff::civil::Date;
use maud::{html, Markup};

use super::{range_text, supervisor_page};
use crate::auth::CurrentUser;
use crate::domain::{Channel, RaceEthnicity};
use crate::i18n::Lang;
use crate::maps::reports::{self, Line, Report, Shown};
use crate::web::form::FieldError;
use crate::web::form::Input;
use crate::web::Ctx;

/// The breakdowns, in the order the page shows them.
const DIMENSIONS: [&str; 4] = ["language", "area", "race", "channel"];

/// The headings of a breakdown's figures, after the group's.
const COLUMNS: [&str; 8] = [
    "reports-col-residents",
    "reports-col-median",
    "reports-col-p90",
    "reports-col-connected",
    "reports-col-devices",
    "reports-col-skill",
    "reports-col-30",
    "reports-col-90",
];

pub fn reports_view(
    ctx: &Ctx,
    user: &CurrentUser,
    (from, to): (Date, Date),
    errors: &[FieldError],
    (report, appointments, devices, populations): (
        &Report,
        &crate::maps::appointments::Figures,
        &crate::maps::devices::Figures,
        &crate::maps::populations::Figures,
    ),
    areas: &[(i64, String)],
) -> Markup {
    let title = ctx.t("reports-title");
    let from_text = from.to_string();
    let to_text = to.to_string();
    let range = range_text(ctx, from, to);
    let mut csv_query = form_urlencoded::Serializer::new(String::new());
    csv_query.append_pair("from", &from_text);
    csv_query.append_pair("to", &to_text);
    let csv_query = csv_query.finish();
    let body = html! {
        form.filters method="get" action="/reports" {
            (Input::new("from", ctx.t("map-filter-from"), &from_text).kind("date").render(ctx, errors))
            (Input::new("to", ctx.t("map-filter-to"), &to_text).kind("date").render(ctx, errors))
            p { button type="submit" { (ctx.t("map-filter-submit")) } }
        }
        p { (range) " " (ctx.t("reports-cohort")) }
        p { (ctx.tr().ta("reports-suppression", &[("min", reports::MIN_RESIDENTS.into())])) }
        p.downloads {
            a href={ "/reports.csv?" (csv_query) } download="navdesk-report.csv" { (ctx.t("reports-download-csv")) }
        }
        h2 { (ctx.t("reports-summary")) }
        (summary(ctx, report))
        (super::minutes::minutes_section(ctx, report, areas))
        (super::populations::populations_section(ctx, populations, &csv_query))
        (super::appointments::appointments_section(ctx, appointments, areas, &csv_query))
        (super::devices::devices_section(ctx, devices, areas, &csv_query))
        h2 #equity { (ctx.t("reports-equity")) }
        p { (ctx.t("reports-equity-intro")) }
        @for dimension in DIMENSIONS {
            (breakdown(ctx, report, dimension, areas))
        }
    };
    supervisor_page(ctx, user, &title, errors, body)
}

/// The period's figures for everyone.
fn summary(ctx: &Ctx, report: &Report) -> Markup {
    let e = &report.everyone;
    let t = &report.total;
    let count = |n: i64| shown_count(ctx, reports::suppress(t.requests(), Some(n)));
    html! {
        dl.figures {
            dt { (ctx.t("reports-residents")) } dd { (shown_count(ctx, e.residents)) }
            @for (need, n) in &report.by_need {
                dt { (ctx.tr().ta("reports-requests-for", &[("need", ctx.t(&format!("need-{}", need.code())).into())])) }
                dd { (shown_count(ctx, *n)) }
            }
            dt { (ctx.t("reports-connections")) } dd { (count(t.connected())) }
            @for (device, n) in &report.devices {
                dt { (ctx.tr().ta("reports-devices-of", &[("device", ctx.t(&format!("device-{device}")).into())])) }
                dd { (shown_count(ctx, *n)) }
            }
            dt { (ctx.t("reports-training")) } dd { (count(t.training_sessions())) }
            dt { (ctx.t("reports-trained")) } dd { (count(t.trained())) }
            dt { (ctx.t("reports-skill-gain")) } dd { (shown_number(ctx, e.skill_gain, 1)) }
            dt { (ctx.t("reports-median-wait")) } dd { (shown_number(ctx, e.median_wait_days, 1)) }
            dt { (ctx.t("reports-p90-wait")) } dd { (shown_number(ctx, e.p90_wait_days, 1)) }
            dt { (ctx.t("reports-still-30")) } dd { (shown_share(ctx, e.still_connected_30)) }
            dt { (ctx.t("reports-still-90")) } dd { (shown_share(ctx, e.still_connected_90)) }
        }
    }
}

/// One breakdown: its groups, longest wait first, under a row for everyone.
fn breakdown(ctx: &Ctx, report: &Report, dimension: &str, areas: &[(i64, String)]) -> Markup {
    let lines = match dimension {
        "language" => &report.by_language,
        "area" => &report.by_area,
        "channel" => &report.by_channel,
        _ => &report.by_race,
    };
    let rows = by_wait(lines);
    let label = |key: &str| group_label(ctx, dimension, key, areas);
    html! {
        section.breakdown aria-labelledby={ "by-" (dimension) } {
            h3 id={ "by-" (dimension) } { (ctx.t(&format!("reports-by-{dimension}"))) }
            @if let Some(sentence) = wait_gap_sentence(ctx, &rows, label) {
                p.finding { (sentence) }
            }
            @if dimension == "race" {
                p.hint { (ctx.t("reports-race-note")) }
            }
            // Focusable, so a keyboard can scroll a table wider than the screen.
            div.table-wrap tabindex="0" role="region" aria-labelledby={ "by-" (dimension) } {
                table {
                    thead {
                        tr {
                            th scope="col" { (ctx.t(&format!("reports-col-{dimension}"))) }
                            @for column in COLUMNS {
                                th scope="col" { (ctx.t(column)) }
                            }
                        }
                    }
                    tbody {
                        tr.everyone {
                            th scope="row" { (ctx.t("reports-everyone")) }
                            (line_cells(ctx, &report.everyone))
                        }
                        @for l in rows {
                            tr {
                                th scope="row" { (label(&l.key)) }
                                (line_cells(ctx, l))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn line_cells(ctx: &Ctx, l: &Line) -> Markup {
    html! {
        td { (shown_count(ctx, l.residents)) }
        td { (shown_number(ctx, l.median_wait_days, 1)) }
        td { (shown_number(ctx, l.p90_wait_days, 1)) }
        td { (shown_share(ctx, l.connected_share)) }
        td { (shown_count(ctx, l.devices)) }
        td { (shown_number(ctx, l.skill_gain, 1)) }
        td { (shown_share(ctx, l.still_connected_30)) }
        td { (shown_share(ctx, l.still_connected_90)) }
    }
}

/// A group's name on the page: the area's name, the language's own name, the race/ethnicity
/// answer in words.
pub fn group_label(ctx: &Ctx, dimension: &str, key: &str, areas: &[(i64, String)]) -> String {
    match (dimension, key) {
        ("area", "") => ctx.t("reports-no-area"),
        ("area", id) => areas
            .iter()
            .find(|(a, _)| a.to_string() == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| id.to_owned()),
        ("language", code) => Lang::parse(code)
            .map(|l| l.info().native_name.to_owned())
            .unwrap_or_else(|| code.to_owned()),
        ("race", "") => ctx.t("reports-race-unanswered"),
        ("race", code) if RaceEthnicity::parse(code).is_some() => ctx.t(&format!("race-{code}")),
        ("channel", code) if Channel::parse(code).is_some() => ctx.t(&format!("channel-{code}")),
        (_, other) => other.to_owned(),
    }
}

pub(super) fn shown_count(ctx: &Ctx, v: Shown<i64>) -> String {
    match v {
        Shown::Value(n) => ctx.lang.info().numbers.number(n as f64, 0),
        Shown::Suppressed => ctx.t("reports-suppressed"),
        Shown::None => ctx.t("map-no-figure"),
    }
}

pub(super) fn shown_number(ctx: &Ctx, v: Shown<f64>, digits: usize) -> String {
    match v {
        Shown::Value(n) => ctx.lang.info().numbers.number(n, digits),
        Shown::Suppressed => ctx.t("reports-suppressed"),
        Shown::None => ctx.t("map-no-figure"),
    }
}

pub(super) fn shown_share(ctx: &Ctx, v: Shown<f64>) -> String {
    match v {
        Shown::Value(n) => format!("{} %", ctx.lang.info().numbers.number(n * 100.0, 0)),
        other => shown_number(ctx, other, 0),
    }
}

/// Groups of one breakdown, longest median wait first (suppressed groups last).
fn by_wait(lines: &[Line]) -> Vec<&Line> {
    let mut rows: Vec<&Line> = lines.iter().collect();
    rows.sort_by(|a, b| {
        let key = |l: &Line| l.median_wait_days.value().copied();
        match (key(a), key(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.tally.requests().cmp(&a.tally.requests()),
        }
    });
    rows
}

/// "Amharic speakers wait longest: 4.2 days, 2.3 times the shortest (1.8 days)."
fn wait_gap_sentence(ctx: &Ctx, lines: &[&Line], label: impl Fn(&str) -> String) -> Option<String> {
    let shown: Vec<(&Line, f64)> = lines
        .iter()
        .filter_map(|l| l.median_wait_days.value().map(|v| (*l, *v)))
        .collect();
    if shown.len() < 2 {
        return None;
    }
    let (longest, hi) = shown.first()?;
    let (shortest, lo) = shown.last()?;
    let numbers = ctx.lang.info().numbers;
    let ratio = if *lo > 0.0 {
        numbers.number(hi / lo, 1)
    } else {
        "—".to_owned()
    };
    Some(ctx.tr().ta(
        "reports-wait-gap",
        &[
            ("longest", label(&longest.key).into()),
            ("high", numbers.number(*hi, 1).into()),
            ("shortest", label(&shortest.key).into()),
            ("low", numbers.number(*lo, 1).into()),
            ("ratio", ratio.into()),
        ],
    ))
}
