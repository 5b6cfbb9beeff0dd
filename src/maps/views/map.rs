//! The `/map` page: the filters, the map shaded by the chosen figure with its legend and
//! overlays, the download links, and a table of every area's figures (sortable by link).

use maud::{html, Markup};

use super::{range_text, supervisor_page};
use crate::auth::CurrentUser;
use crate::domain::Need;
use crate::i18n::Lang;
use crate::maps::figures::{MapData, Metric};
use crate::maps::query::MapParams;
use crate::maps::svg::{self, Basemap, Legend, LegendClass, Marker, MarkerKind, Shade};
use crate::web::form::FieldError;
use crate::web::form::{Input, Select};
use crate::web::Ctx;

/// The figures the table shows after the area's name, in order.
const TABLE_METRICS: [Metric; 9] = [
    Metric::Requests,
    Metric::Open,
    Metric::Unmet,
    Metric::MedianWait,
    Metric::Capacity,
    Metric::FreeSlots,
    Metric::DevicesNearby,
    Metric::Programs,
    Metric::Gap,
];

pub fn map_view(
    ctx: &Ctx,
    user: &CurrentUser,
    params: &MapParams,
    errors: &[FieldError],
    data: &MapData,
    basemap: &Basemap,
) -> Markup {
    let title = ctx.t("map-title");
    let range = range_text(ctx, params.from, params.to);
    let body = html! {
        (filters(ctx, params, errors))
        p { (range) }
        @if data.figures.is_empty() {
            p { (ctx.t("map-no-areas")) }
        } @else {
            (map_figure(ctx, params, data, basemap))
        }
        (downloads(ctx, params))
        (table(ctx, params, data, &range))
        @if data.unplaced.requests() > 0 {
            p { (ctx.tr().ta("map-unplaced", &[("count", data.unplaced.requests().into())])) }
        }
        details {
            summary { (ctx.t("map-how-title")) }
            p { (ctx.tr().ta("map-how-unmet", &[("days", params.days.into())])) }
            p { (ctx.t("map-how-wait")) }
            p { (ctx.t("map-how-capacity")) }
            p { (ctx.t("map-how-free-slots")) }
            p { (ctx.t("map-how-devices-nearby")) }
            p { (ctx.t("map-how-gap")) }
        }
    };
    supervisor_page(ctx, user, &title, errors, body)
}

fn metric_label(ctx: &Ctx, metric: Metric) -> String {
    ctx.t(&format!("map-metric-{}", metric.code()))
}

/// A figure as the page writes it.
fn figure_text(ctx: &Ctx, metric: Metric, value: Option<f64>) -> String {
    let numbers = ctx.lang.info().numbers;
    match (metric, value) {
        (_, None) => ctx.t("map-no-figure"),
        (Metric::MedianWait, Some(v)) => ctx
            .tr()
            .ta("map-days", &[("days", numbers.number(v, 1).into())]),
        (Metric::Capacity, Some(v)) => numbers.number(v, 1),
        (Metric::Gap, Some(v)) => numbers.number(v, 2),
        (_, Some(v)) => numbers.number(v, 0),
    }
}

/// The form that chooses what the map shows; it reloads the page with its fields as the query.
fn filters(ctx: &Ctx, params: &MapParams, errors: &[FieldError]) -> Markup {
    let metric_options = Metric::ALL
        .iter()
        .map(|m| (m.code().to_owned(), metric_label(ctx, *m), None))
        .collect();
    let all = |label: &str| ("".to_owned(), ctx.t(label), None);
    let needs_options = std::iter::once(all("map-filter-all-needs"))
        .chain(Need::ALL.iter().map(|n| {
            let code = n.code();
            (code.to_owned(), ctx.t(&format!("need-{code}")), None)
        }))
        .collect();
    let language_options = std::iter::once(all("map-filter-all-languages"))
        .chain(Lang::all().map(|l| {
            let code = l.code();
            (code.to_owned(), l.info().native_name.to_owned(), Some(code))
        }))
        .collect();
    let metric_code = params.metric.code();
    let need_code = params.need.map(Need::code).unwrap_or("");
    let lang_code = params.language.map(Lang::code).unwrap_or("");
    let from_text = params.from.to_string();
    let to_text = params.to.to_string();
    let days_text = params.days.to_string();
    html! {
        form.filters method="get" action="/map" {
            (Select { name: "metric", label: ctx.t("map-filter-metric"), hint: None, options: metric_options, selected: &|v| v == metric_code }.render(ctx, errors))
            (Select { name: "need", label: ctx.t("map-filter-need"), hint: None, options: needs_options, selected: &|v| v == need_code }.render(ctx, errors))
            (Select { name: "language", label: ctx.t("map-filter-language"), hint: None, options: language_options, selected: &|v| v == lang_code }.render(ctx, errors))
            (Input::new("from", ctx.t("map-filter-from"), &from_text).kind("date").render(ctx, errors))
            (Input::new("to", ctx.t("map-filter-to"), &to_text).kind("date").render(ctx, errors))
            (Input::new("days", ctx.t("map-filter-days"), &days_text).numeric().hint(ctx.t("map-filter-days-hint")).render(ctx, errors))
            div.choice {
                input type="checkbox" id="f-homes" name="homes" value="on" checked[params.homes];
                label for="f-homes" { (ctx.t("map-filter-overlay")) }
            }
            div.choice {
                input type="checkbox" id="f-sites" name="sites" value="on" checked[params.sites];
                label for="f-sites" { (ctx.t("map-filter-sites")) }
            }
            p { button type="submit" { (ctx.t("map-filter-submit")) } }
        }
    }
}

/// The map itself, with its legend and notes on the overlays beneath.
fn map_figure(ctx: &Ctx, params: &MapParams, data: &MapData, basemap: &Basemap) -> Markup {
    let metric = params.metric;
    let values: Vec<f64> = data
        .figures
        .iter()
        .filter_map(|f| f.value(metric))
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let breaks = svg::class_breaks(&values, 5);
    let svg_title = ctx.tr().ta(
        "map-svg-title",
        &[("metric", metric_label(ctx, metric).into())],
    );
    let map = svg::render_map(
        basemap,
        &shades(ctx, params, data, &breaks),
        breaks.len(),
        &markers(ctx, params, data),
        &svg_title,
    );
    html! {
        figure.map-figure {
            (map)
            figcaption {
                (svg::render_legend(&legend(ctx, metric, &breaks)))
                @if params.homes {
                    p { (ctx.t(if data.homes.is_empty() { "map-overlay-none" } else { "map-overlay-note" })) }
                }
                @if params.sites {
                    p { (ctx.t(if data.sites.is_empty() { "map-sites-none" } else { "map-sites-note" })) }
                }
                @if let Some(credit) = &ctx.state.config.map_credit {
                    p.credit { (ctx.tr().ta("map-credit", &[("source", credit.as_str().into())])) }
                }
            }
        }
    }
}

/// Each area's class of the chosen figure, its label, and the link to its requests (with the
/// need and language filtered on).
fn shades(ctx: &Ctx, params: &MapParams, data: &MapData, breaks: &[f64]) -> Vec<Shade> {
    let metric = params.metric;
    data.figures
        .iter()
        .map(|f| {
            let value = f.value(metric);
            let class = value
                .filter(|v| *v > 0.0 || metric == Metric::MedianWait)
                .filter(|_| !breaks.is_empty())
                .map(|v| svg::class_of(v, breaks));
            let mut href = format!("/cases?area={}", f.id);
            if let Some(need) = params.need {
                href.push_str(&format!("&need={}", need.code()));
            }
            if let Some(lang) = params.language {
                href.push_str(&format!("&language={}", lang.code()));
            }
            Shade {
                area_id: f.id,
                class,
                label: ctx.tr().ta(
                    "map-area-label",
                    &[
                        ("area", f.name.as_str().into()),
                        ("figure", figure_text(ctx, metric, value).into()),
                        ("metric", metric_label(ctx, metric).into()),
                    ],
                ),
                href,
            }
        })
        .collect()
}

/// A class per break. Zero is its own class below the first break, drawn with the lightest
/// fill.
fn legend(ctx: &Ctx, metric: Metric, breaks: &[f64]) -> Legend {
    let mut classes = Vec::new();
    let mut lo = None;
    for b in breaks {
        classes.push(LegendClass {
            label: legend_label(ctx, metric, lo, *b),
        });
        lo = Some(*b);
    }
    Legend {
        title: metric_label(ctx, metric),
        classes,
        no_data_label: ctx.t("map-legend-none"),
    }
}

fn legend_label(ctx: &Ctx, metric: Metric, lo: Option<f64>, hi: f64) -> String {
    let digits = match metric {
        Metric::Gap => 2,
        Metric::MedianWait | Metric::Capacity => 1,
        _ => 0,
    };
    let numbers = ctx.lang.info().numbers;
    match lo {
        None => ctx.tr().ta(
            "map-legend-up-to",
            &[("value", numbers.number(hi, digits).into())],
        ),
        Some(lo) => ctx.tr().ta(
            "map-legend-range",
            &[
                ("from", numbers.number(lo, digits).into()),
                ("to", numbers.number(hi, digits).into()),
            ],
        ),
    }
}

/// The overlays asked for: navigators' home bases, program sites.
fn markers(ctx: &Ctx, params: &MapParams, data: &MapData) -> Vec<Marker> {
    let mut markers: Vec<Marker> = Vec::new();
    if params.homes {
        markers.extend(data.homes.iter().map(|(lat, lon)| Marker {
            lat: *lat,
            lon: *lon,
            kind: MarkerKind::Navigator,
            label: ctx.t("map-overlay-home"),
        }));
    }
    if params.sites {
        markers.extend(data.sites.iter().map(|s| Marker {
            lat: s.lat,
            lon: s.lon,
            kind: MarkerKind::Program,
            label: format!("{} ({})", s.name, s.organization),
        }));
    }
    markers
}

/// The same view as GeoJSON and CSV, and the reports for its period.
fn downloads(ctx: &Ctx, params: &MapParams) -> Markup {
    let query = params.query(&[]);
    html! {
        p.downloads {
            a href={ "/map.geojson?" (query) } download="navdesk-map.geojson" { (ctx.t("map-download-geojson")) }
            " · "
            a href={ "/map.csv?" (query) } download="navdesk-map.csv" { (ctx.t("map-download-csv")) }
            " · "
            a href={ "/reports?" (query) } { (ctx.t("map-to-reports")) }
        }
    }
}

/// Every area's figures, in the order asked for.
fn table(ctx: &Ctx, params: &MapParams, data: &MapData, range: &str) -> Markup {
    let numbers = ctx.lang.info().numbers;
    html! {
        div.table-wrap {
            table #map-table {
                caption { (ctx.t("map-table-caption")) " " (range) }
                thead {
                    tr {
                        (sort_header(params, "name", ctx.t("map-col-area")))
                        @for m in TABLE_METRICS {
                            (sort_header(params, m.code(), metric_label(ctx, m)))
                        }
                    }
                }
                tbody {
                    @for f in params.sorted(&data.figures) {
                        tr {
                            th scope="row" { a href={ "/cases?area=" (f.id) } { (f.name) } }
                            td { (numbers.number(f.requests as f64, 0)) }
                            td { (numbers.number(f.open as f64, 0)) }
                            td { (numbers.number(f.unmet as f64, 0)) }
                            td { (figure_text(ctx, Metric::MedianWait, f.median_wait_days)) }
                            td { (numbers.number(f.capacity, 1)) }
                            td { (numbers.number(f.free_slots as f64, 0)) }
                            td { (numbers.number(f.devices_available as f64, 0)) }
                            td { (numbers.number(f.programs as f64, 0)) }
                            td { (numbers.number(f.gap, 2)) }
                        }
                    }
                }
            }
        }
    }
}

/// A column heading that sorts the table by `key`: the sorted column says which way, and its
/// link turns the order round; another column starts names A to Z and figures largest first.
fn sort_header(params: &MapParams, key: &str, label: String) -> Markup {
    let active = params.sorted_by() == key;
    let next_dir = match (active, params.ascending) {
        (true, true) => "desc",
        (true, false) => "asc",
        (false, _) if key == "name" => "asc",
        (false, _) => "desc",
    };
    let aria = active.then_some(if params.ascending {
        "ascending"
    } else {
        "descending"
    });
    let href = format!(
        "/map?{}#map-table",
        params.query(&[("sort", key), ("dir", next_dir)])
    );
    html! {
        th scope="col" aria-sort=[aria] {
            a href=(href) { (label) }
        }
    }
}
