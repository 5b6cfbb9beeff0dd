//! Supervisor service-gap map and reports: `/map` (an SVG drawn on the server, with a table of
//! the same figures), its GeoJSON and CSV exports, and `/reports` with its equity view.
//!
//! The handlers are here. The query strings are checked in `query`, the figures read in `stats`
//! (stored sums) and put together in `figures` and `reports`; `views` draws the pages, `svg`
//! the map, and `export` writes the downloads.

pub mod appointments;
pub mod areas;
// Issue 18, part C: devices lent and given in the reports, and available on the map.
pub mod devices;
pub mod export;
pub mod figures;
// Issue 19, point 5: funder figures for the covered populations, and which areas are rural.
pub mod populations;
pub mod query;
pub mod reports;
pub mod slots;
pub mod stats;
pub mod svg;
pub mod views;

use std::sync::Arc;

use axum::extract::{FromRef, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use figures::{AreaRow, MapData};
use query::{today, MapParams, MapQuery, ReportQuery};
use svg::MapAreas;

use crate::auth::{CurrentUser, Role};
use crate::db::cache::TtlCache;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{AppResult, Ctx};

/// What the map needs beyond what every route shares.
#[derive(Clone)]
pub struct MapsState {
    pub shared: Shared,
    /// The areas' shapes as the map draws them (projected and simplified).
    pub map_areas: Arc<TtlCache<MapAreas>>,
}

impl FromRef<MapsState> for Shared {
    fn from_ref(state: &MapsState) -> Shared {
        state.shared.clone()
    }
}

pub fn router() -> Router<MapsState> {
    Router::new()
        .route("/map", get(map_page))
        .route("/map.geojson", get(map_geojson))
        .route("/map.csv", get(map_csv))
        .route("/reports", get(reports_page))
        .route("/reports.csv", get(reports_csv))
        .route("/reports/appointments.csv", get(appointments_csv))
        .route("/reports/devices.csv", get(devices_csv))
        .route("/reports/populations.csv", get(populations_csv))
        .route("/areas", get(areas::page).post(areas::save))
}

fn require_supervisor(user: &CurrentUser) -> AppResult<()> {
    user.require_role(&[Role::Supervisor, Role::Admin])
}

/// A page drawn with wrong parameters is a 422 (showing the defaults it fell back on).
fn page_status(errors: &[FieldError]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
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

async fn map_page(
    ctx: Ctx,
    State(maps): State<MapsState>,
    user: CurrentUser,
    Query(q): Query<MapQuery>,
) -> AppResult<Response> {
    require_supervisor(&user)?;
    let tz = &ctx.state.config.timezone;
    let (params, errors) = MapParams::parse(&q, today(tz));
    let data = figures::map_data(&ctx.state.db, tz, &params.filter(tz)).await?;
    let drawn = map_areas(&maps.map_areas, &data.areas).await;
    Ok(html_response(
        page_status(&errors),
        views::map_view(&ctx, &user, &params, &errors, &data, &drawn.basemap),
        Caching::NoStore,
    ))
}

/// What the map's exports share: the same checks and figures as the page, or (`Err`) the answer
/// to a wrong parameter.
async fn export_data(
    ctx: &Ctx,
    user: &CurrentUser,
    q: &MapQuery,
) -> AppResult<Result<(MapParams, MapData), Response>> {
    require_supervisor(user)?;
    let tz = &ctx.state.config.timezone;
    let (params, errors) = MapParams::parse(q, today(tz));
    if let Some(refused) = export_error(ctx, &errors) {
        return Ok(Err(refused));
    }
    let data = figures::map_data(&ctx.state.db, tz, &params.filter(tz)).await?;
    Ok(Ok((params, data)))
}

async fn map_geojson(
    ctx: Ctx,
    State(maps): State<MapsState>,
    user: CurrentUser,
    Query(q): Query<MapQuery>,
) -> AppResult<Response> {
    match export_data(&ctx, &user, &q).await? {
        Ok((_, data)) => {
            let drawn = map_areas(&maps.map_areas, &data.areas).await;
            Ok(export::map_geojson(&drawn.shapes, &data.figures))
        }
        Err(refused) => Ok(refused),
    }
}

async fn map_csv(ctx: Ctx, user: CurrentUser, Query(q): Query<MapQuery>) -> AppResult<Response> {
    match export_data(&ctx, &user, &q).await? {
        Ok((params, data)) => export::map_csv(&params.sorted(&data.figures)),
        Err(refused) => Ok(refused),
    }
}

/// The areas' shapes and drawing, made again at most once a minute (areas change only by
/// import) or when the list of areas changes.
async fn map_areas(cache: &TtlCache<MapAreas>, areas: &[AreaRow]) -> Arc<MapAreas> {
    cached_areas(cache, areas, MapAreas::build).await
}

/// The areas drawn by `build`, kept in `cache` as `map_areas` keeps them.
pub async fn cached_areas(
    cache: &TtlCache<MapAreas>,
    areas: &[AreaRow],
    build: impl FnOnce(&[AreaRow]) -> MapAreas,
) -> Arc<MapAreas> {
    let key = areas
        .iter()
        .fold(areas.len() as u64, |h, a| h.rotate_left(7) ^ a.id as u64);
    cache
        .get_at(key, || async {
            Ok::<_, std::convert::Infallible>(build(areas))
        })
        .await
        .unwrap_or_else(|never| match never {})
}

/// The report of the requests made in `from`..=`to` (and the appointments and loans of those
/// days), and every area's name for its groups.
async fn report_data(
    state: &Shared,
    (from, to): (jiff::civil::Date, jiff::civil::Date),
) -> AppResult<(
    reports::Report,
    appointments::Figures,
    devices::Figures,
    populations::Figures,
    Vec<(i64, String)>,
)> {
    let (start, end) = query::bounds(&state.config.timezone, from, to);
    Ok(tokio::try_join!(
        reports::build(&state.db, start, end),
        appointments::build(&state.db, start, end),
        device_figures(state, (start, end)),
        populations::build(&state.db, start, end),
        reports::area_names(&state.db),
    )?)
}

/// The loans of `[start, end)`, those out counted at its end (or now, when it is not over).
async fn device_figures(
    state: &Shared,
    (start, end): (i64, i64),
) -> sqlx::Result<devices::Figures> {
    let at = end.min(crate::db::now());
    let day = jiff::Timestamp::from_second(at)
        .map(|t| t.to_zoned(state.config.timezone.clone()).date().to_string())
        .unwrap_or_default();
    devices::build(&state.db, (start, end), at, &day).await
}

async fn reports_page(ctx: Ctx, user: CurrentUser, q: Query<ReportQuery>) -> AppResult<Response> {
    require_supervisor(&user)?;
    let (range, errors) = q.parse(today(&ctx.state.config.timezone));
    let (report, appointments, devices, populations, areas) =
        report_data(&ctx.state, range).await?;
    Ok(html_response(
        page_status(&errors),
        views::reports_view(
            &ctx,
            &user,
            range,
            &errors,
            (&report, &appointments, &devices, &populations),
            &areas,
        ),
        Caching::NoStore,
    ))
}

async fn reports_csv(ctx: Ctx, user: CurrentUser, q: Query<ReportQuery>) -> AppResult<Response> {
    let (start, end) = match export_bounds(&ctx, &user, &q)? {
        Ok(bounds) => bounds,
        Err(refused) => return Ok(refused),
    };
    let (report, areas) = tokio::try_join!(
        reports::build(&ctx.state.db, start, end),
        reports::area_names(&ctx.state.db),
    )?;
    export::report_csv(&report, |key| views::group_label(&ctx, "area", key, &areas))
}

/// The bounds of the days a report export asks for (supervisors only), or the answer that
/// refuses a bad range.
fn export_bounds(
    ctx: &Ctx,
    user: &CurrentUser,
    q: &ReportQuery,
) -> AppResult<Result<(i64, i64), Response>> {
    require_supervisor(user)?;
    let (range, errors) = q.parse(today(&ctx.state.config.timezone));
    if let Some(refused) = export_error(ctx, &errors) {
        return Ok(Err(refused));
    }
    Ok(Ok(query::bounds(
        &ctx.state.config.timezone,
        range.0,
        range.1,
    )))
}

/// `/reports/appointments.csv`: the appointments part of the report.
async fn appointments_csv(
    ctx: Ctx,
    user: CurrentUser,
    q: Query<ReportQuery>,
) -> AppResult<Response> {
    let (start, end) = match export_bounds(&ctx, &user, &q)? {
        Ok(bounds) => bounds,
        Err(refused) => return Ok(refused),
    };
    let (figures, areas) = tokio::try_join!(
        appointments::build(&ctx.state.db, start, end),
        reports::area_names(&ctx.state.db),
    )?;
    export::appointments_csv(&figures, |dimension, key| {
        views::appointment_group_label(&ctx, &figures, dimension, key, &areas)
    })
}

/// `/reports/devices.csv`: the devices part of the report.
async fn devices_csv(ctx: Ctx, user: CurrentUser, q: Query<ReportQuery>) -> AppResult<Response> {
    let bounds = match export_bounds(&ctx, &user, &q)? {
        Ok(bounds) => bounds,
        Err(refused) => return Ok(refused),
    };
    let (figures, areas) = tokio::try_join!(
        device_figures(&ctx.state, bounds),
        reports::area_names(&ctx.state.db),
    )?;
    export::devices_csv(&figures, |dimension, key| {
        views::device_group_label(&ctx, &figures, dimension, key, &areas)
    })
}

/// `/reports/populations.csv`: the covered populations part of the report.
async fn populations_csv(
    ctx: Ctx,
    user: CurrentUser,
    q: Query<ReportQuery>,
) -> AppResult<Response> {
    let (start, end) = match export_bounds(&ctx, &user, &q)? {
        Ok(bounds) => bounds,
        Err(refused) => return Ok(refused),
    };
    let figures = populations::build(&ctx.state.db, start, end).await?;
    export::populations_csv(&figures)
}
