//! `/map`, `/map.geojson`, `/map.csv`, `/reports` and `/reports.csv`: supervisors' and admins'
//! pages. Filters come in the query string, so every view can be bookmarked and shared, and the
//! exports take the same parameters as the page they are linked from.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use maud::{html, Markup};
use serde::Deserialize;

use super::figures::{self, AreaFigures, Metric};
use super::reports::{self, Line, Report, Shown};
use super::stats::{self, Filter};
use super::svg::{self, AreaShape, Basemap, Legend, LegendClass, Marker, MarkerKind, Shade};
use super::MapsState;
use crate::auth::{CurrentUser, Role};
use crate::db::cache::TtlCache;
use crate::domain::{Need, RaceEthnicity};
use crate::i18n::Lang;
use crate::web::form::FieldError;
use crate::web::form::{error_summary, Input, Select};
use crate::web::layout::page;
use crate::web::pages::{html_response, Caching};
use crate::web::staff::signed_in_as;
use crate::web::Shared;
use crate::web::{AppError, AppResult, Ctx};

/// Default wait, in days, after which a request without first contact counts as unmet.
pub const DEFAULT_UNMET_DAYS: i64 = 3;

/// The query string of `/map` and its exports; every field optional.
#[derive(Debug, Default, Deserialize)]
pub struct MapQuery {
    metric: Option<String>,
    need: Option<String>,
    language: Option<String>,
    from: Option<String>,
    to: Option<String>,
    days: Option<String>,
    homes: Option<String>,
    sites: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
}

/// What the map shows, checked.
#[derive(Clone, Debug)]
pub struct MapParams {
    pub metric: Metric,
    pub need: Option<Need>,
    pub language: Option<Lang>,
    pub from: Date,
    /// Inclusive.
    pub to: Date,
    pub days: i64,
    /// Draw navigators' home bases.
    pub homes: bool,
    /// Draw program sites.
    pub sites: bool,
    pub sort: Option<Metric>,
    pub by_name: bool,
    pub ascending: bool,
}

fn today(state: &Shared) -> Date {
    jiff::Timestamp::now()
        .to_zoned(state.config.timezone.clone())
        .date()
}

/// The start of `date` in the help desk's time zone, as Unix seconds.
fn start_of(state: &Shared, date: Date) -> i64 {
    date.to_zoned(state.config.timezone.clone())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0)
}

fn parse_date(raw: &Option<String>) -> Result<Option<Date>, ()> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        // A year outside this range is a typing slip, not a period anyone reports on.
        Some(text) => match text.parse::<Date>() {
            Ok(d) if (2000..=2100).contains(&d.year()) => Ok(Some(d)),
            _ => Err(()),
        },
    }
}

/// A date range: both ends optional (a year back to today by default); a range that runs
/// backwards is an error.
fn parse_range(
    from: &Option<String>,
    to: &Option<String>,
    today: Date,
    errors: &mut Vec<FieldError>,
) -> (Date, Date) {
    let year_ago = today
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(today);
    let from_date = parse_date(from).unwrap_or_else(|_| {
        errors.push(FieldError {
            field: "from",
            message: "map-error-date",
        });
        None
    });
    let to_date = parse_date(to).unwrap_or_else(|_| {
        errors.push(FieldError {
            field: "to",
            message: "map-error-date",
        });
        None
    });
    let (mut from_date, mut to_date) = (from_date.unwrap_or(year_ago), to_date.unwrap_or(today));
    if from_date > to_date {
        errors.push(FieldError {
            field: "from",
            message: "map-error-range",
        });
        from_date = year_ago;
        to_date = today;
    }
    (from_date, to_date)
}

impl MapParams {
    /// The parameters, with a default for each one that is missing or wrong, and an error for
    /// each one that is wrong.
    pub fn parse(q: &MapQuery, today: Date) -> (MapParams, Vec<FieldError>) {
        let mut errors = Vec::new();
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
        let metric = match text(&q.metric).as_str() {
            "" => Metric::Unmet,
            code => Metric::parse(code).unwrap_or_else(|| {
                errors.push(FieldError {
                    field: "metric",
                    message: "map-error-metric",
                });
                Metric::Unmet
            }),
        };
        let need = match text(&q.need).as_str() {
            "" | "all" => None,
            code => Need::parse(code).or_else(|| {
                errors.push(FieldError {
                    field: "need",
                    message: "map-error-need",
                });
                None
            }),
        };
        let language = match text(&q.language).as_str() {
            "" | "all" => None,
            code => Lang::parse(code).or_else(|| {
                errors.push(FieldError {
                    field: "language",
                    message: "map-error-language",
                });
                None
            }),
        };
        let (from, to) = parse_range(&q.from, &q.to, today, &mut errors);
        let days = match text(&q.days).as_str() {
            "" => DEFAULT_UNMET_DAYS,
            raw => match raw.parse::<i64>() {
                Ok(d) if (0..=365).contains(&d) => d,
                _ => {
                    errors.push(FieldError {
                        field: "days",
                        message: "map-error-days",
                    });
                    DEFAULT_UNMET_DAYS
                }
            },
        };
        let sort_text = text(&q.sort);
        let by_name = sort_text == "name";
        let sort = if by_name || sort_text.is_empty() {
            None
        } else {
            Metric::parse(&sort_text)
        };
        let params = MapParams {
            metric,
            need,
            language,
            from,
            to,
            days,
            homes: text(&q.homes) == "on",
            sites: text(&q.sites) == "on",
            sort,
            by_name,
            ascending: match text(&q.dir).as_str() {
                "asc" => true,
                "desc" => false,
                // Names read A to Z; figures largest first.
                _ => by_name,
            },
        };
        (params, errors)
    }

    /// The query string that shows this view, with some parameters changed.
    pub fn query(&self, changes: &[(&str, &str)]) -> String {
        let from = self.from.to_string();
        let to = self.to.to_string();
        let days = self.days.to_string();
        let sort = if self.by_name {
            "name"
        } else {
            self.sort.map(Metric::code).unwrap_or("")
        };
        let mut pairs: Vec<(&str, &str)> = vec![
            ("metric", self.metric.code()),
            ("need", self.need.map(Need::code).unwrap_or("")),
            ("language", self.language.map(Lang::code).unwrap_or("")),
            ("from", &from),
            ("to", &to),
            ("days", &days),
            ("homes", if self.homes { "on" } else { "" }),
            ("sites", if self.sites { "on" } else { "" }),
            ("sort", sort),
            ("dir", if self.ascending { "asc" } else { "desc" }),
        ];
        for (k, v) in changes {
            if let Some(pair) = pairs.iter_mut().find(|(name, _)| name == k) {
                pair.1 = v;
            }
        }
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        s.finish()
    }

    fn filter(&self, state: &Shared) -> Filter {
        let now = crate::db::now();
        Filter {
            from: start_of(state, self.from),
            to: start_of(state, self.to.tomorrow().unwrap_or(self.to)),
            language: self.language.map(|l| l.code().to_owned()),
            need: self.need.map(|n| n.code().to_owned()),
            unmet_before: now - self.days * 86_400,
        }
    }
}

/// The map's data: every area's figures, the requests without an area, and for the overlays
/// the navigators' home bases and the program sites (both for the need and language filtered
/// on).
pub struct MapData {
    pub areas: Vec<figures::AreaRow>,
    pub figures: Vec<AreaFigures>,
    pub unplaced: stats::Tally,
    pub homes: Vec<(f64, f64)>,
    pub sites: Vec<crate::programs::store::Site>,
}

pub async fn map_data(state: &Shared, params: &MapParams) -> AppResult<MapData> {
    let filter = params.filter(state);
    let db = &state.db;
    let (areas, cells, navigators, programs, sites) = tokio::try_join!(
        figures::areas(db),
        stats::cells(db, &filter, stats::Grain::Area, false),
        figures::navigators(db, &filter),
        figures::programs(db, &filter),
        crate::programs::store::sites(db),
    )?;
    let sites = sites
        .into_iter()
        .filter(|s| figures::offers(&s.categories, &s.languages, &filter))
        .collect();
    let capacity = figures::capacity_by_area(&areas, &navigators);
    let (figures, unplaced) = figures::combine(&areas, &cells, &capacity, &programs);
    let homes = navigators.iter().filter_map(|n| n.home).collect();
    Ok(MapData {
        areas,
        figures,
        unplaced,
        homes,
        sites,
    })
}

/// The areas' shapes as read from their GeoJSON, and as the map draws them.
pub struct MapAreas {
    pub shapes: Vec<AreaShape>,
    pub basemap: Basemap,
}

/// The areas' shapes and drawing, made again at most once a minute (areas change only by
/// import) or when the list of areas changes.
async fn map_areas(cache: &TtlCache<MapAreas>, areas: &[figures::AreaRow]) -> Arc<MapAreas> {
    let key = areas
        .iter()
        .fold(areas.len() as u64, |h, a| h.rotate_left(7) ^ a.id as u64);
    cache
        .get_at(key, || async {
            let shapes: Vec<AreaShape> = areas
                .iter()
                .map(|a| AreaShape {
                    id: a.id,
                    name: a.name.clone(),
                    shape: a
                        .geometry
                        .as_deref()
                        .and_then(crate::areas::shape_from_geojson),
                    centroid: a.centroid,
                })
                .collect();
            let basemap = Basemap::build(&shapes);
            Ok::<_, std::convert::Infallible>(MapAreas { shapes, basemap })
        })
        .await
        .unwrap_or_else(|never| match never {})
}

fn require_supervisor(user: &CurrentUser) -> AppResult<()> {
    user.require_role(&[Role::Supervisor, Role::Admin])
}

pub async fn map_page(
    ctx: Ctx,
    State(maps): State<MapsState>,
    user: CurrentUser,
    Query(q): Query<MapQuery>,
) -> AppResult<Response> {
    require_supervisor(&user)?;
    let (params, errors) = MapParams::parse(&q, today(&ctx.state));
    let data = map_data(&ctx.state, &params).await?;
    let drawn = map_areas(&maps.map_areas, &data.areas).await;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_response(
        status,
        map_view(&ctx, &user, &params, &errors, &data, &drawn.basemap),
        Caching::NoStore,
    ))
}

/// A 400 with the first error, in words, for the exports (their callers are programs and
/// spreadsheets; the page shows the errors beside the fields).
fn export_error(ctx: &Ctx, errors: &[FieldError]) -> Option<Response> {
    errors.first().map(|e| {
        (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}: {}\n", e.field, ctx.t(e.message)),
        )
            .into_response()
    })
}

fn download(body: String, content_type: &'static str, filename: &str) -> Response {
    let mut resp = (StatusCode::OK, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A CSV file to download: a header line, then the rows.
fn csv_download(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    filename: &str,
) -> AppResult<Response> {
    let fail = |e: String| AppError::Other(anyhow::anyhow!(e));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(|e| fail(e.to_string()))?;
    for row in rows {
        out.write_record(&row).map_err(|e| fail(e.to_string()))?;
    }
    let bytes = out.into_inner().map_err(|e| fail(e.to_string()))?;
    Ok(download(
        String::from_utf8_lossy(&bytes).into_owned(),
        "text/csv; charset=utf-8",
        filename,
    ))
}

fn round(value: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (value * f).round() / f
}

pub async fn map_geojson(
    ctx: Ctx,
    State(maps): State<MapsState>,
    user: CurrentUser,
    Query(q): Query<MapQuery>,
) -> AppResult<Response> {
    require_supervisor(&user)?;
    let (params, errors) = MapParams::parse(&q, today(&ctx.state));
    if let Some(resp) = export_error(&ctx, &errors) {
        return Ok(resp);
    }
    let data = map_data(&ctx.state, &params).await?;
    let drawn = map_areas(&maps.map_areas, &data.areas).await;
    let body = svg::feature_collection(&drawn.shapes, |id| {
        let mut props = serde_json::Map::new();
        if let Some(f) = data.figures.iter().find(|f| f.id == id) {
            use serde_json::json;
            props.insert("name".into(), json!(f.name));
            props.insert("requests".into(), json!(f.requests));
            props.insert("open".into(), json!(f.open));
            props.insert("unmet".into(), json!(f.unmet));
            props.insert(
                "median_days_to_first_contact".into(),
                json!(f.median_wait_days.map(|d| round(d, 2))),
            );
            props.insert("contacted".into(), json!(f.contacted));
            props.insert("navigator_capacity".into(), json!(round(f.capacity, 2)));
            props.insert("programs".into(), json!(f.programs));
            props.insert("gap_score".into(), json!(round(f.gap, 3)));
            props.insert("households".into(), json!(f.households));
            props.insert(
                "households_no_internet".into(),
                json!(f.households_no_internet),
            );
        }
        props
    });
    Ok(download(
        body,
        "application/geo+json",
        "navdesk-map.geojson",
    ))
}

/// The table's columns, as the CSV names them.
const CSV_COLUMNS: [&str; 10] = [
    "area_id",
    "area",
    "requests",
    "open",
    "unmet",
    "median_days_to_first_contact",
    "contacted",
    "navigator_capacity",
    "programs",
    "gap_score",
];

pub async fn map_csv(
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<MapQuery>,
) -> AppResult<Response> {
    require_supervisor(&user)?;
    let (params, errors) = MapParams::parse(&q, today(&ctx.state));
    if let Some(resp) = export_error(&ctx, &errors) {
        return Ok(resp);
    }
    let data = map_data(&ctx.state, &params).await?;
    let rows = sorted(&data.figures, &params).into_iter().map(|f| {
        vec![
            f.id.to_string(),
            f.name.clone(),
            f.requests.to_string(),
            f.open.to_string(),
            f.unmet.to_string(),
            f.median_wait_days
                .map(|d| format!("{d:.2}"))
                .unwrap_or_default(),
            f.contacted.to_string(),
            format!("{:.2}", f.capacity),
            f.programs.to_string(),
            format!("{:.3}", f.gap),
        ]
    });
    csv_download(&CSV_COLUMNS, rows, "navdesk-map.csv")
}

/// The areas in the table's order.
fn sorted<'a>(figures: &'a [AreaFigures], params: &MapParams) -> Vec<&'a AreaFigures> {
    let mut rows: Vec<&AreaFigures> = figures.iter().collect();
    let key = params.sort.unwrap_or(params.metric);
    rows.sort_by(|a, b| {
        let order = if params.by_name {
            a.name.to_lowercase().cmp(&b.name.to_lowercase())
        } else {
            // Areas without the figure go last either way.
            match (a.value(key), b.value(key)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        };
        let order = if params.ascending {
            order
        } else {
            order.reverse()
        };
        order.then_with(|| a.name.cmp(&b.name))
    });
    rows
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

fn map_view(
    ctx: &Ctx,
    user: &CurrentUser,
    params: &MapParams,
    errors: &[FieldError],
    data: &MapData,
    basemap: &Basemap,
) -> Markup {
    let title = ctx.t("map-title");
    let metric = params.metric;
    let values: Vec<f64> = data
        .figures
        .iter()
        .filter_map(|f| f.value(metric))
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let breaks = svg::class_breaks(&values, 5);
    let shades: Vec<Shade> = data
        .figures
        .iter()
        .map(|f| {
            let value = f.value(metric);
            let class = value
                .filter(|v| *v > 0.0 || metric == Metric::MedianWait)
                .filter(|_| !breaks.is_empty())
                .map(|v| svg::class_of(v, &breaks));
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
        .collect();
    // Zero is its own class below the first break, drawn with the lightest fill.
    let mut classes = Vec::new();
    let mut lo = None;
    for b in &breaks {
        classes.push(LegendClass {
            label: legend_label(ctx, metric, lo, *b),
        });
        lo = Some(*b);
    }
    let legend = Legend {
        title: metric_label(ctx, metric),
        classes,
        no_data_label: ctx.t("map-legend-none"),
    };
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
    let numbers = ctx.lang.info().numbers;
    let range = ctx.tr().ta(
        "map-range",
        &[
            ("from", params.from.to_string().into()),
            ("to", params.to.to_string().into()),
        ],
    );
    let sort_link = |key: &str| -> (String, Option<&'static str>) {
        let current = if params.by_name {
            "name"
        } else {
            params.sort.unwrap_or(params.metric).code()
        };
        let active = current == key;
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
        (
            format!(
                "/map?{}#map-table",
                params.query(&[("sort", key), ("dir", next_dir)])
            ),
            aria,
        )
    };
    let column = |key: &'static str, label: String| {
        let (href, aria) = sort_link(key);
        html! {
            th scope="col" aria-sort=[aria] {
                a href=(href) { (label) }
            }
        }
    };
    let needs_options: Vec<(String, String, Option<&'static str>)> =
        std::iter::once(("".to_owned(), ctx.t("map-filter-all-needs"), None))
            .chain(Need::ALL.iter().map(|n| {
                (
                    n.code().to_owned(),
                    ctx.t(&format!("need-{}", n.code())),
                    None,
                )
            }))
            .collect();
    let language_options: Vec<(String, String, Option<&'static str>)> =
        std::iter::once(("".to_owned(), ctx.t("map-filter-all-languages"), None))
            .chain(Lang::all().map(|l| {
                (
                    l.code().to_owned(),
                    l.info().native_name.to_owned(),
                    Some(l.code()),
                )
            }))
            .collect();
    let metric_options: Vec<(String, String, Option<&'static str>)> = Metric::ALL
        .iter()
        .map(|m| (m.code().to_owned(), metric_label(ctx, *m), None))
        .collect();
    let from_text = params.from.to_string();
    let to_text = params.to.to_string();
    let days_text = params.days.to_string();
    let need_code = params.need.map(Need::code).unwrap_or("");
    let lang_code = params.language.map(Lang::code).unwrap_or("");
    let credit = ctx.state.config.map_credit.clone();
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (signed_in_as(ctx, user))
            (error_summary(ctx, errors))
            form.filters method="get" action="/map" {
                (Select { name: "metric", label: ctx.t("map-filter-metric"), hint: None, options: metric_options, selected: &|v| v == metric.code() }.render(ctx, errors))
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
            p { (range) }
            @if data.figures.is_empty() {
                p { (ctx.t("map-no-areas")) }
            } @else {
                figure.map-figure {
                    (svg::render_map(basemap, &shades, breaks.len(), &markers, &ctx.tr().ta("map-svg-title", &[("metric", metric_label(ctx, metric).into())])))
                    figcaption {
                        (svg::render_legend(&legend))
                        @if params.homes {
                            p { (ctx.t(if data.homes.is_empty() { "map-overlay-none" } else { "map-overlay-note" })) }
                        }
                        @if params.sites {
                            p { (ctx.t(if data.sites.is_empty() { "map-sites-none" } else { "map-sites-note" })) }
                        }
                        @if let Some(credit) = &credit {
                            p.credit { (ctx.tr().ta("map-credit", &[("source", credit.as_str().into())])) }
                        }
                    }
                }
            }
            p.downloads {
                a href={ "/map.geojson?" (params.query(&[])) } download="navdesk-map.geojson" { (ctx.t("map-download-geojson")) }
                " · "
                a href={ "/map.csv?" (params.query(&[])) } download="navdesk-map.csv" { (ctx.t("map-download-csv")) }
                " · "
                a href={ "/reports?" (params.query(&[])) } { (ctx.t("map-to-reports")) }
            }
            div.table-wrap {
                table #map-table {
                    caption { (ctx.t("map-table-caption")) " " (range) }
                    thead {
                        tr {
                            (column("name", ctx.t("map-col-area")))
                            @for m in [Metric::Requests, Metric::Open, Metric::Unmet, Metric::MedianWait, Metric::Capacity, Metric::Programs, Metric::Gap] {
                                (column(m.code(), metric_label(ctx, m)))
                            }
                        }
                    }
                    tbody {
                        @for f in sorted(&data.figures, params) {
                            tr {
                                th scope="row" { a href={ "/cases?area=" (f.id) } { (f.name) } }
                                td { (numbers.number(f.requests as f64, 0)) }
                                td { (numbers.number(f.open as f64, 0)) }
                                td { (numbers.number(f.unmet as f64, 0)) }
                                td { (figure_text(ctx, Metric::MedianWait, f.median_wait_days)) }
                                td { (numbers.number(f.capacity, 1)) }
                                td { (numbers.number(f.programs as f64, 0)) }
                                td { (numbers.number(f.gap, 2)) }
                            }
                        }
                    }
                }
            }
            @if data.unplaced.requests() > 0 {
                p { (ctx.tr().ta("map-unplaced", &[("count", data.unplaced.requests().into())])) }
            }
            details {
                summary { (ctx.t("map-how-title")) }
                p { (ctx.tr().ta("map-how-unmet", &[("days", params.days.into())])) }
                p { (ctx.t("map-how-wait")) }
                p { (ctx.t("map-how-capacity")) }
                p { (ctx.t("map-how-gap")) }
            }
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Reports

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
}

async fn report_data(
    ctx: &Ctx,
    q: &ReportQuery,
) -> AppResult<(Date, Date, Vec<FieldError>, Report, Vec<(i64, String)>)> {
    let mut errors = Vec::new();
    let (from, to) = parse_range(&q.from, &q.to, today(&ctx.state), &mut errors);
    let state = &ctx.state;
    let start = start_of(state, from);
    let end = start_of(state, to.tomorrow().unwrap_or(to));
    let (report, areas) = tokio::try_join!(
        reports::build(&state.db, start, end),
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM areas").fetch_all(&state.db.pool),
    )?;
    Ok((from, to, errors, report, areas))
}

fn group_label(ctx: &Ctx, dimension: &str, key: &str, areas: &[(i64, String)]) -> String {
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
        (_, other) => other.to_owned(),
    }
}

fn shown_count(ctx: &Ctx, v: Shown<i64>) -> String {
    match v {
        Shown::Value(n) => ctx.lang.info().numbers.number(n as f64, 0),
        Shown::Suppressed => ctx.t("reports-suppressed"),
        Shown::None => ctx.t("map-no-figure"),
    }
}

fn shown_number(ctx: &Ctx, v: Shown<f64>, digits: usize) -> String {
    match v {
        Shown::Value(n) => ctx.lang.info().numbers.number(n, digits),
        Shown::Suppressed => ctx.t("reports-suppressed"),
        Shown::None => ctx.t("map-no-figure"),
    }
}

fn shown_share(ctx: &Ctx, v: Shown<f64>) -> String {
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

pub async fn reports_page(
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    require_supervisor(&user)?;
    let (from, to, errors, report, areas) = report_data(&ctx, &q).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_response(
        status,
        reports_view(&ctx, &user, from, to, &errors, &report, &areas),
        Caching::NoStore,
    ))
}

fn reports_view(
    ctx: &Ctx,
    user: &CurrentUser,
    from: Date,
    to: Date,
    errors: &[FieldError],
    report: &Report,
    areas: &[(i64, String)],
) -> Markup {
    let title = ctx.t("reports-title");
    let from_text = from.to_string();
    let to_text = to.to_string();
    let range = ctx.tr().ta(
        "map-range",
        &[
            ("from", from_text.clone().into()),
            ("to", to_text.clone().into()),
        ],
    );
    let e = &report.everyone;
    let t = &report.total;
    let base = t.requests();
    let count = |n: i64| shown_count(ctx, reports::suppress(base, Some(n)));
    let dims: [(&str, &Vec<Line>); 3] = [
        ("language", &report.by_language),
        ("area", &report.by_area),
        ("race", &report.by_race),
    ];
    let mut csv_query = form_urlencoded::Serializer::new(String::new());
    csv_query.append_pair("from", &from_text);
    csv_query.append_pair("to", &to_text);
    let csv_query = csv_query.finish();
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (signed_in_as(ctx, user))
            (error_summary(ctx, errors))
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
            h2 #equity { (ctx.t("reports-equity")) }
            p { (ctx.t("reports-equity-intro")) }
            @for (dimension, lines) in dims {
                @let rows = by_wait(lines);
                @let label = |key: &str| group_label(ctx, dimension, key, areas);
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
                                    th scope="col" { (ctx.t("reports-col-residents")) }
                                    th scope="col" { (ctx.t("reports-col-median")) }
                                    th scope="col" { (ctx.t("reports-col-p90")) }
                                    th scope="col" { (ctx.t("reports-col-connected")) }
                                    th scope="col" { (ctx.t("reports-col-devices")) }
                                    th scope="col" { (ctx.t("reports-col-skill")) }
                                    th scope="col" { (ctx.t("reports-col-30")) }
                                    th scope="col" { (ctx.t("reports-col-90")) }
                                }
                            }
                            tbody {
                                tr.everyone {
                                    th scope="row" { (ctx.t("reports-everyone")) }
                                    (line_cells(ctx, e))
                                }
                                @for l in rows {
                                    tr {
                                        th scope="row" { (group_label(ctx, dimension, &l.key, areas)) }
                                        (line_cells(ctx, l))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
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

pub async fn reports_csv(
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    require_supervisor(&user)?;
    let (_, _, errors, report, areas) = report_data(&ctx, &q).await?;
    if let Some(resp) = export_error(&ctx, &errors) {
        return Ok(resp);
    }
    // Suppressed figures are written as "<11", figures with nothing behind them left empty.
    let suppressed = format!("<{}", reports::MIN_RESIDENTS);
    let count = |v: Shown<i64>| match v {
        Shown::Value(n) => n.to_string(),
        Shown::Suppressed => suppressed.clone(),
        Shown::None => String::new(),
    };
    let number = |v: Shown<f64>, digits: usize| match v {
        Shown::Value(n) => format!("{n:.digits$}"),
        Shown::Suppressed => suppressed.clone(),
        Shown::None => String::new(),
    };
    let header = [
        "breakdown",
        "group",
        "residents",
        "median_days_to_first_contact",
        "p90_days_to_first_contact",
        "connected_at_home_share",
        "devices",
        "skill_gain",
        "still_connected_30_days_share",
        "still_connected_90_days_share",
    ];
    let mut out = Vec::new();
    let everyone = [("all", vec![report.everyone.clone()])];
    let dims = [
        ("area", &report.by_area),
        ("language", &report.by_language),
        ("race_ethnicity", &report.by_race),
    ];
    let rows = everyone
        .iter()
        .map(|(d, l)| (*d, l))
        .chain(dims.iter().map(|(d, l)| (*d, *l)));
    for (dimension, lines) in rows {
        for l in lines {
            let group = match dimension {
                "all" => String::new(),
                "area" => group_label(&ctx, "area", &l.key, &areas),
                // Codes, not words, so a spreadsheet reads the same in every language.
                _ if l.key.is_empty() => "not_answered".to_owned(),
                _ => l.key.clone(),
            };
            out.push(vec![
                dimension.to_owned(),
                group,
                count(l.residents),
                number(l.median_wait_days, 2),
                number(l.p90_wait_days, 2),
                number(l.connected_share, 3),
                count(l.devices),
                number(l.skill_gain, 2),
                number(l.still_connected_30, 3),
                number(l.still_connected_90, 3),
            ]);
        }
    }
    csv_download(&header, out, "navdesk-report.csv")
}
