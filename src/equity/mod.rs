//! The public equity dashboard: `/equity` and `/equity.csv`, open to anyone, in every
//! language. How fairly help was delivered in the last twelve months and in each quarter, by
//! neighborhood (on a map), language, race/ethnicity and channel, with small groups suppressed
//! as on `/reports`, and whether identity still predicts waiting or being connected.
//!
//! The figures come from the reports' stored period sums (`maps::reports`), so the page costs
//! the same at a million cases as at a hundred; it is made again at most once a minute, in the
//! background, and shared by every language. `figures` puts the figures together, `findings` answers the question with the statistics of
//! `inference`,
//! `views` draws the page and `export` writes the CSV.

mod export;
pub mod figures;
pub mod findings;
pub mod inference;
mod views;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use crate::db::cache::TtlCache;
use crate::maps::svg::MapAreas;
use crate::web::pages::{html_response, Caching};
use crate::web::{AppResult, Ctx, Shared};

/// How long the figures are reused as they are; older ones still answer while new ones are
/// made.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

/// How coarsely the public map is drawn, in viewBox units (a thousand across): about two pixels
/// where it is shown, so a city's neighborhoods stay recognisable in a few kilobytes.
const MAP_SIMPLIFY_UNITS: f64 = 3.0;

/// What the dashboard needs beyond what every route shares.
#[derive(Clone)]
pub struct EquityState {
    pub shared: Shared,
    /// The figures and the drawn map last made, for the day (since 2000-01-01) the twelve
    /// months end: made again in the background once a minute old (`TtlCache`).
    made: Arc<TtlCache<Made>>,
    /// The areas as the public map draws them (made again when the areas change).
    pub map_areas: Arc<TtlCache<MapAreas>>,
}

impl EquityState {
    pub fn new(shared: Shared) -> Self {
        Self {
            shared,
            made: Arc::new(TtlCache::new(FRESH_FOR)),
            map_areas: Arc::new(TtlCache::new(FRESH_FOR)),
        }
    }

    /// The dashboard of the twelve months ending today, and its map. Figures more than a
    /// minute old answer while newer ones are made in the background, so no reader waits for
    /// them; only the first reader of a day does.
    async fn made(&self) -> AppResult<Arc<Made>> {
        let today = crate::maps::query::today(&self.shared.config.timezone);
        let day = today
            .since(jiff::civil::date(2000, 1, 1))
            .map_or(0, |s| s.get_days());
        let state = self.clone();
        let generation = u64::try_from(day).unwrap_or(0);
        Ok(self
            .made
            .get_or_remake_behind(generation, move || async move { state.make(today).await })
            .await?)
    }

    /// Makes the figures for the twelve months ending `today`.
    async fn make(&self, today: jiff::civil::Date) -> sqlx::Result<Made> {
        let db = &self.shared.db;
        let tz = &self.shared.config.timezone;
        let (dashboard, areas) = tokio::try_join!(
            figures::build(db, tz, today),
            crate::maps::figures::areas(db),
        )?;
        let drawn = crate::maps::cached_areas(&self.map_areas, &areas, |a| {
            MapAreas::build_simplified(a, MAP_SIMPLIFY_UNITS)
        })
        .await;
        Ok(Made { dashboard, drawn })
    }
}

impl FromRef<EquityState> for Shared {
    fn from_ref(state: &EquityState) -> Shared {
        state.shared.clone()
    }
}

/// The figures as made once for every language.
pub struct Made {
    pub dashboard: figures::Dashboard,
    pub drawn: Arc<MapAreas>,
}

pub fn router() -> Router<EquityState> {
    Router::new()
        .route("/equity", get(equity_page))
        .route("/equity.csv", get(equity_csv))
}

async fn equity_page(ctx: Ctx, State(state): State<EquityState>) -> AppResult<Response> {
    let made = state.made().await?;
    Ok(html_response(
        StatusCode::OK,
        views::equity_view(&ctx, &made.dashboard, &made.drawn.basemap),
        Caching::Revalidate,
    ))
}

async fn equity_csv(State(state): State<EquityState>) -> AppResult<Response> {
    let made = state.made().await?;
    export::equity_csv(&made.dashboard)
}
