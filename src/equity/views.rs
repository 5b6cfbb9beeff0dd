//! The `/equity` page: the answer to "does identity still predict the outcome?" first, the
//! method in plain words, then the twelve months' figures by neighborhood (with the map),
//! language, race/ethnicity and channel, each led by a sentence on its largest gap, and the same
//! groups by quarter. Light like the resident pages: no script, tables and one small SVG.

use maud::{html, Markup};

use super::figures::{lines, Dashboard, Period, DIMENSIONS};
use super::findings::{Comparison, Finding, Outcome, MORE_THAN_ONE_RACE};
use crate::domain::{Channel, RaceEthnicity};
use crate::i18n::Lang;
use crate::maps::reports::{Line, Shown, MIN_RESIDENTS};
use crate::maps::svg::{self, Basemap, Legend, LegendClass, Shade};
use crate::web::layout::page;
use crate::web::Ctx;

pub fn equity_view(ctx: &Ctx, d: &Dashboard, basemap: &Basemap) -> Markup {
    let title = ctx.t("equity-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.tr().ta("equity-intro", &[
            ("from", d.year.from.to_string().into()),
            ("to", d.year.to.to_string().into()),
        ])) }
        p { (ctx.tr().ta("equity-suppression", &[("min", MIN_RESIDENTS.into())])) }
        p.downloads {
            a href="/equity.csv" download="navdesk-equity.csv" { (ctx.t("equity-download-csv")) }
        }
        h2 #predicts { (ctx.t("equity-predicts-heading")) }
        p { (ctx.t("equity-predicts-intro")) }
        ul.findings {
            @for f in &d.findings {
                li { (finding_sentence(ctx, f, &d.areas)) }
            }
        }
        h2 #method { (ctx.t("equity-method-heading")) }
        @for part in ["groups", "waiting", "connected", "ratio", "chance", "data"] {
            p { (ctx.tr().ta(&format!("equity-method-{part}"), &[("min", MIN_RESIDENTS.into())])) }
        }
        h2 #year { (ctx.t("equity-year-heading")) " " (period_text(ctx, &d.year)) }
        @for dimension in DIMENSIONS {
            (year_section(ctx, d, dimension, basemap))
        }
        h2 #quarters { (ctx.t("equity-quarters-heading")) }
        p { (ctx.t("equity-quarter-cell-note")) }
        @for dimension in DIMENSIONS {
            (quarter_section(ctx, d, dimension))
        }
    };
    page(ctx, &title, body)
}

fn period_text(ctx: &Ctx, p: &Period) -> String {
    ctx.tr().ta(
        "equity-period",
        &[
            ("from", p.from.to_string().into()),
            ("to", p.to.to_string().into()),
        ],
    )
}

/// A group's name: the neighborhood's name, the language's own name, the answer in words.
fn label(ctx: &Ctx, dimension: &str, key: &str, areas: &[(i64, String)]) -> String {
    match (dimension, key) {
        ("area", "") => ctx.t("equity-no-area"),
        ("area", id) => areas
            .iter()
            .find(|(a, _)| a.to_string() == id)
            .map_or_else(|| id.to_owned(), |(_, name)| name.clone()),
        ("language", code) => {
            Lang::parse(code).map_or_else(|| code.to_owned(), |l| l.info().native_name.to_owned())
        }
        ("race", "") => ctx.t("equity-race-unanswered"),
        ("race", MORE_THAN_ONE_RACE) => ctx.t("equity-race-multiple"),
        ("race", "prefer_not_to_say") => ctx.t("equity-race-prefer-not"),
        ("race", code) if RaceEthnicity::parse(code).is_some() => ctx.t(&format!("race-{code}")),
        ("channel", code) if Channel::parse(code).is_some() => {
            ctx.t(&format!("equity-channel-{code}"))
        }
        (_, other) => other.to_owned(),
    }
}

fn count(ctx: &Ctx, v: Shown<i64>) -> String {
    match v {
        Shown::Value(n) => ctx.lang.info().numbers.number(n as f64, 0),
        other => not_shown(ctx, other),
    }
}

fn number(ctx: &Ctx, v: Shown<f64>, digits: usize) -> String {
    match v {
        Shown::Value(n) => ctx.lang.info().numbers.number(n, digits),
        other => not_shown(ctx, other),
    }
}

fn share(ctx: &Ctx, v: Shown<f64>) -> String {
    match v {
        Shown::Value(n) => percent(ctx, n),
        other => not_shown(ctx, other),
    }
}

fn percent(ctx: &Ctx, n: f64) -> String {
    format!("{} %", ctx.lang.info().numbers.number(n * 100.0, 0))
}

fn not_shown<T>(ctx: &Ctx, v: Shown<T>) -> String {
    match v {
        Shown::Suppressed => ctx
            .tr()
            .ta("equity-suppressed", &[("min", MIN_RESIDENTS.into())]),
        _ => ctx.t("equity-no-figure"),
    }
}

/// Groups, longest median wait first (groups without one last, larger first).
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

/// One breakdown of the twelve months: the gap sentence, the map for neighborhoods, the table.
fn year_section(ctx: &Ctx, d: &Dashboard, dimension: &str, basemap: &Basemap) -> Markup {
    let id = format!("year-{dimension}");
    let rows = by_wait(lines(&d.year.report, dimension));
    let name = |key: &str| label(ctx, dimension, key, &d.areas);
    html! {
        section aria-labelledby=(id) {
            h3 id=(id) { (ctx.t(&format!("equity-by-{dimension}"))) }
            @if let Some(sentence) = gap_sentence(ctx, &rows, name) {
                p.finding { (sentence) }
            }
            @if dimension == "race" {
                p.hint { (ctx.t("equity-race-note")) }
            }
            @if dimension == "area" {
                (map(ctx, d, basemap))
            }
            div.table-wrap tabindex="0" role="region" aria-labelledby=(id) {
                table {
                    thead {
                        tr {
                            th scope="col" { (ctx.t(&format!("equity-col-{dimension}"))) }
                            @for column in ["requests", "median", "p90", "connected"] {
                                th scope="col" { (ctx.t(&format!("equity-col-{column}"))) }
                            }
                        }
                    }
                    tbody {
                        tr.everyone {
                            th scope="row" { (ctx.t("equity-everyone")) }
                            (cells(ctx, &d.year.report.everyone))
                        }
                        @for l in rows {
                            tr {
                                @if dimension == "area" && !l.key.is_empty() {
                                    th scope="row" id={ "area-" (l.key) } { (name(&l.key)) }
                                } @else {
                                    th scope="row" { (name(&l.key)) }
                                }
                                (cells(ctx, l))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn cells(ctx: &Ctx, l: &Line) -> Markup {
    html! {
        td { (count(ctx, l.residents)) }
        td { (number(ctx, l.median_wait_days, 1)) }
        td { (number(ctx, l.p90_wait_days, 1)) }
        td { (share(ctx, l.connected_share)) }
    }
}

/// "Longest median wait: Amharic, 4.2 days; shortest: English, 1.8 days." over the groups
/// shown (`rows` longest wait first).
fn gap_sentence(ctx: &Ctx, rows: &[&Line], name: impl Fn(&str) -> String) -> Option<String> {
    let shown: Vec<(&Line, f64)> = rows
        .iter()
        .filter_map(|l| l.median_wait_days.value().map(|v| (*l, *v)))
        .collect();
    let ((longest, high), (shortest, low)) = (shown.first()?, shown.last()?);
    if shown.len() < 2 {
        return None;
    }
    let numbers = ctx.lang.info().numbers;
    Some(ctx.tr().ta(
        "equity-gap",
        &[
            ("longest", name(&longest.key).into()),
            ("high", numbers.number(*high, 1).into()),
            ("shortest", name(&shortest.key).into()),
            ("low", numbers.number(*low, 1).into()),
        ],
    ))
}

/// The neighborhoods shaded by median days to first contact (suppressed ones as "no figure"),
/// each linking to its row in the table.
fn map(ctx: &Ctx, d: &Dashboard, basemap: &Basemap) -> Markup {
    let areas = &d.year.report.by_area;
    let values: Vec<f64> = areas
        .iter()
        .filter_map(|l| l.median_wait_days.value().copied())
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let breaks = svg::class_breaks(&values, 5);
    let numbers = ctx.lang.info().numbers;
    let shades: Vec<Shade> = areas
        .iter()
        .filter_map(|l| {
            let id: i64 = l.key.parse().ok()?;
            let value = l.median_wait_days.value().copied();
            Some(Shade {
                area_id: id,
                class: value
                    .filter(|_| !breaks.is_empty())
                    .map(|v| svg::class_of(v, &breaks)),
                label: ctx.tr().ta(
                    "equity-map-area",
                    &[
                        ("area", label(ctx, "area", &l.key, &d.areas).into()),
                        ("figure", number(ctx, l.median_wait_days, 1).into()),
                    ],
                ),
                href: format!("#area-{id}"),
            })
        })
        .collect();
    let title = ctx.t("equity-map-title");
    let mut classes = Vec::new();
    let mut lo: Option<f64> = None;
    for b in &breaks {
        let label = match lo {
            None => ctx.tr().ta(
                "equity-legend-up-to",
                &[("value", numbers.number(*b, 1).into())],
            ),
            Some(lo) => ctx.tr().ta(
                "equity-legend-range",
                &[
                    ("from", numbers.number(lo, 1).into()),
                    ("to", numbers.number(*b, 1).into()),
                ],
            ),
        };
        classes.push(LegendClass { label });
        lo = Some(*b);
    }
    let legend = Legend {
        title: title.clone(),
        classes,
        no_data_label: ctx.t("equity-legend-none"),
    };
    let drawn = svg::render_map(basemap, &shades, breaks.len(), &[], &title);
    html! {
        @if !basemap.is_empty() {
            figure.map-figure {
                (drawn)
                figcaption { (svg::render_legend(&legend)) }
            }
        }
    }
}

/// One breakdown by quarter: a row a group, a column a quarter.
fn quarter_section(ctx: &Ctx, d: &Dashboard, dimension: &str) -> Markup {
    let id = format!("quarters-{dimension}");
    let rows = by_wait(lines(&d.year.report, dimension));
    html! {
        section aria-labelledby=(id) {
            h3 id=(id) { (ctx.t(&format!("equity-by-{dimension}"))) }
            div.table-wrap tabindex="0" role="region" aria-labelledby=(id) {
                table {
                    thead {
                        tr {
                            th scope="col" { (ctx.t(&format!("equity-col-{dimension}"))) }
                            @for q in &d.quarters {
                                th scope="col" { (period_text(ctx, q)) }
                            }
                        }
                    }
                    tbody {
                        tr.everyone {
                            th scope="row" { (ctx.t("equity-everyone")) }
                            @for q in &d.quarters {
                                td { (quarter_cell(ctx, Some(&q.report.everyone))) }
                            }
                        }
                        @for l in rows {
                            tr {
                                th scope="row" { (label(ctx, dimension, &l.key, &d.areas)) }
                                @for q in &d.quarters {
                                    td { (quarter_cell(ctx, find(q, dimension, &l.key))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A group's line in a quarter (none when it made no request then).
fn find<'a>(q: &'a Period, dimension: &str, key: &str) -> Option<&'a Line> {
    lines(&q.report, dimension).iter().find(|l| l.key == key)
}

/// "120 · 2.1 · 64 %": requests, median days to first contact, share connected.
fn quarter_cell(ctx: &Ctx, l: Option<&Line>) -> String {
    match l {
        None => ctx.t("equity-no-figure"),
        Some(l) => ctx.tr().ta(
            "equity-quarter-cell",
            &[
                ("requests", count(ctx, l.residents).into()),
                ("median", number(ctx, l.median_wait_days, 1).into()),
                ("connected", share(ctx, l.connected_share).into()),
            ],
        ),
    }
}

/// One plain sentence: whether an identity still predicts an outcome, and by how much.
fn finding_sentence(ctx: &Ctx, f: &Finding, areas: &[(i64, String)]) -> String {
    let identity = f.identity.dimension();
    let outcome = f.outcome.code();
    let mut args = vec![
        ("identity", ctx.t(&format!("equity-identity-{identity}"))),
        (
            "identity_lower",
            ctx.t(&format!("equity-identity-{identity}-lower")),
        ),
    ];
    let verdict = match &f.comparison {
        None => "too-few",
        Some(c) => {
            args.extend(sentence_args(ctx, f, c, areas));
            if c.test.significant() {
                "yes"
            } else {
                "no"
            }
        }
    };
    ctx.tr().ta(
        &format!("equity-finding-{outcome}-{verdict}"),
        &args
            .iter()
            .map(|(k, v)| (*k, v.as_str().into()))
            .collect::<Vec<_>>(),
    )
}

fn sentence_args(
    ctx: &Ctx,
    f: &Finding,
    c: &Comparison,
    areas: &[(i64, String)],
) -> Vec<(&'static str, String)> {
    let numbers = ctx.lang.info().numbers;
    let dimension = f.identity.dimension();
    let share_of =
        |(_, yes, n): &(String, i64, i64)| percent(ctx, *yes as f64 / (*n).max(1) as f64);
    let p = if c.test.p < 0.001 {
        ctx.tr()
            .ta("equity-p-below", &[("p", numbers.number(0.001, 3).into())])
    } else {
        ctx.tr().ta(
            "equity-p-equals",
            &[("p", numbers.number(c.test.p, 3).into())],
        )
    };
    let wait = match (f.outcome, c.longer_than) {
        (Outcome::Waiting, Some(seconds)) => duration(ctx, seconds),
        _ => String::new(),
    };
    vec![
        ("high", label(ctx, dimension, &c.high.0, areas)),
        ("high_share", share_of(&c.high)),
        ("low", label(ctx, dimension, &c.low.0, areas)),
        ("low_share", share_of(&c.low)),
        ("ratio", numbers.number(c.ratio.ratio, 1)),
        ("ci_low", numbers.number(c.ratio.low, 1)),
        ("ci_high", numbers.number(c.ratio.high, 1)),
        ("p", p),
        ("wait", wait),
    ]
}

/// A wait boundary in words: "12 hours", "2 days".
fn duration(ctx: &Ctx, seconds: i64) -> String {
    if seconds % 86_400 == 0 {
        ctx.tr()
            .ta("equity-days", &[("n", (seconds / 86_400).into())])
    } else {
        ctx.tr()
            .ta("equity-hours", &[("n", (seconds / 3_600).into())])
    }
}
