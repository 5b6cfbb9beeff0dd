//! Geocoders: what a resident told us of where they live (an address, a ZIP, an area) to a
//! point. `Offline` knows only centroids (of ZIP codes, from `navdesk import-zips`, and of
//! areas); `Census` asks the US Census Geocoder for an address and falls back to `Offline` when
//! it is slow, down or finds nothing. Nothing here runs inside a request: the placement worker
//! calls them after the request is stored.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::Row;

use crate::config::{GeocoderKind, PlacementConfig};
use crate::db::cache::TtlCache;
use crate::db::Db;
use crate::domain::Zip;

/// A point on the Earth, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// What is known of where a resident lives, as they gave it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub address: Option<String>,
    pub zip: Option<String>,
    pub area_id: Option<i64>,
}

/// Which part of the query gave the point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The address, matched by the Census geocoder.
    Address,
    /// The centroid of the ZIP code (given, or found at the end of the address).
    Zip,
    /// The centroid of the area the resident chose.
    Area,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Self::Address => "address",
            Self::Zip => "zip",
            Self::Area => "area",
        }
    }
}

/// A point and where it came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    pub point: LatLon,
    pub source: Source,
}

/// Why a look-up did not answer; worth trying again later (unlike `Ok(None)`, "nowhere").
#[derive(Debug, thiserror::Error)]
pub enum GeocodeError {
    #[error("the geocoder did not answer: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub type GeocodeResult = Result<Option<Found>, GeocodeError>;
pub type GeocodeFuture<'a> = Pin<Box<dyn Future<Output = GeocodeResult> + Send + 'a>>;

/// Locates a resident. `Ok(None)`: nothing they gave has a known point.
pub trait Geocoder: Send + Sync {
    fn locate<'a>(&'a self, query: &'a Query) -> GeocodeFuture<'a>;
}

/// The geocoder the configuration asks for.
pub fn from_config(config: &PlacementConfig, db: Db) -> anyhow::Result<Box<dyn Geocoder>> {
    let offline = Offline::new(db);
    Ok(match config.geocoder {
        GeocoderKind::Offline => Box::new(offline),
        GeocoderKind::Census => Box::new(Census::new(
            &config.census_base_url,
            config.census_timeout,
            offline,
        )?),
    })
}

/// Centroids only: the ZIP (given, or the last 5-digit word of the address), else the area.
/// The centroids are read into memory and again at most once a minute (ZIP codes and areas
/// change only on import), so placing a request reads nothing from the database here.
#[derive(Clone, Debug)]
pub struct Offline {
    db: Db,
    centroids: Arc<TtlCache<Centroids>>,
}

/// Every ZIP code's and area's centroid.
#[derive(Debug, Default)]
struct Centroids {
    zips: HashMap<String, LatLon>,
    areas: HashMap<i64, LatLon>,
}

impl Offline {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            centroids: Arc::new(TtlCache::new(Duration::from_secs(60))),
        }
    }

    async fn lookup(&self, query: &Query) -> GeocodeResult {
        let centroids = self.centroids.get(|| load_centroids(&self.db)).await?;
        if centroids.zips.is_empty() {
            // Read again next time: ZIP codes may be imported at any moment.
            self.centroids.clear();
        }
        let zip = query
            .zip
            .as_deref()
            .and_then(Zip::parse)
            .or_else(|| query.address.as_deref().and_then(zip_in_address));
        if let Some(point) = zip.and_then(|z| centroids.zips.get(z.as_str())) {
            return Ok(Some(Found {
                point: *point,
                source: Source::Zip,
            }));
        }
        Ok(query
            .area_id
            .and_then(|id| centroids.areas.get(&id))
            .map(|point| Found {
                point: *point,
                source: Source::Area,
            }))
    }
}

impl Geocoder for Offline {
    fn locate<'a>(&'a self, query: &'a Query) -> GeocodeFuture<'a> {
        Box::pin(self.lookup(query))
    }
}

/// Every ZIP centroid, and every area's stored centroid (or its shape's, when none was stored).
async fn load_centroids(db: &Db) -> Result<Centroids, sqlx::Error> {
    let mut centroids = Centroids::default();
    for row in sqlx::query("SELECT zip, lat, lon FROM zip_centroids")
        .fetch_all(&db.pool)
        .await?
    {
        let point = LatLon {
            lat: row.try_get("lat")?,
            lon: row.try_get("lon")?,
        };
        centroids.zips.insert(row.try_get("zip")?, point);
    }
    let rows = sqlx::query(
        "SELECT id, centroid_lat, centroid_lon, \
         CASE WHEN centroid_lat IS NULL OR centroid_lon IS NULL THEN geometry END AS geometry \
         FROM areas",
    )
    .fetch_all(&db.pool)
    .await?;
    for row in rows {
        let lat: Option<f64> = row.try_get("centroid_lat")?;
        let lon: Option<f64> = row.try_get("centroid_lon")?;
        let geometry: Option<String> = row.try_get("geometry")?;
        let point = match (lat, lon) {
            (Some(lat), Some(lon)) => Some(LatLon { lat, lon }),
            _ => geometry
                .as_deref()
                .and_then(super::shape_from_geojson)
                .and_then(|shape| geo::Centroid::centroid(&shape))
                .map(|c| LatLon {
                    lat: c.y(),
                    lon: c.x(),
                }),
        };
        if let Some(point) = point {
            centroids.areas.insert(row.try_get("id")?, point);
        }
    }
    Ok(centroids)
}

/// The ZIP at the end of a US address ("..., Denver, CO 80205" or "80205-1234").
pub fn zip_in_address(address: &str) -> Option<Zip> {
    address
        .split(|c: char| c.is_whitespace() || c == ',')
        .rev()
        .find(|w| !w.is_empty())
        .and_then(|last| Zip::parse(last.split('-').next().unwrap_or(last)))
}

/// After a failed look-up the Census is left alone this long (centroids answer instead), so an
/// outage costs one timeout, not one per request.
const RESTING: Duration = Duration::from_secs(30);

/// The US Census Geocoder's one-line address look-up, with `Offline` behind it.
#[derive(Debug)]
pub struct Census {
    client: reqwest::Client,
    base_url: String,
    timeout: Duration,
    fallback: Offline,
    /// Until when the Census is not asked, after a failure.
    resting_until: std::sync::Mutex<Option<Instant>>,
}

impl Census {
    pub fn new(base_url: &str, timeout: Duration, fallback: Offline) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("navdesk/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            timeout,
            fallback,
            resting_until: std::sync::Mutex::new(None),
        })
    }

    /// The address's point; `Ok(None)` when the Census has no match. After a failure, for
    /// `RESTING`, an error without asking.
    pub async fn address(&self, address: &str) -> Result<Option<LatLon>, String> {
        let resting = |until: Option<Instant>| until.filter(|u| Instant::now() < *u);
        if let Some(until) = self.resting_until.lock().ok().and_then(|r| resting(*r)) {
            return Err(format!(
                "the Census failed recently; asked again in {} s",
                until.saturating_duration_since(Instant::now()).as_secs() + 1
            ));
        }
        let result = self.ask(address).await;
        if let Err(why) = &result {
            tracing::warn!(error = %why, rest_secs = RESTING.as_secs(), "Census geocoder failed; centroids answer meanwhile");
            if let Ok(mut until) = self.resting_until.lock() {
                *until = Some(Instant::now() + RESTING);
            }
        }
        result
    }

    async fn ask(&self, address: &str) -> Result<Option<LatLon>, String> {
        let url = format!(
            "{}/geocoder/locations/onelineaddress?{}",
            self.base_url,
            form_urlencoded::Serializer::new(String::new())
                .append_pair("address", address)
                .append_pair("benchmark", "Public_AR_Current")
                .append_pair("format", "json")
                .finish()
        );
        let call = async {
            let resp = self
                .client
                .get(&url)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = resp.status();
            if !status.is_success() {
                return Err(format!("HTTP {status}"));
            }
            let body = resp.text().await.map_err(|e| e.to_string())?;
            parse_census(&body)
        };
        // reqwest's own timeout covers the request; this one also covers a slow body.
        tokio::time::timeout(self.timeout, call)
            .await
            .map_err(|_| format!("no answer within {} ms", self.timeout.as_millis()))?
    }

    async fn lookup(&self, query: &Query) -> GeocodeResult {
        let Some(address) = query.address.as_deref() else {
            return self.fallback.lookup(query).await;
        };
        // The ZIP the resident gave helps the match when the address does not carry one.
        let line = match (&query.zip, zip_in_address(address)) {
            (Some(zip), None) => format!("{address}, {zip}"),
            _ => address.to_owned(),
        };
        match self.address(&line).await {
            Ok(Some(point)) => Ok(Some(Found {
                point,
                source: Source::Address,
            })),
            Ok(None) => self.fallback.lookup(query).await,
            Err(why) => match self.fallback.lookup(query).await? {
                Some(found) => Ok(Some(found)),
                None => Err(GeocodeError::Unavailable(why)),
            },
        }
    }
}

impl Geocoder for Census {
    fn locate<'a>(&'a self, query: &'a Query) -> GeocodeFuture<'a> {
        Box::pin(self.lookup(query))
    }
}

/// Reads the Census answer: the first address match's coordinates (x is the longitude),
/// `None` when there is no match, an error when the answer is not what the Census sends.
pub fn parse_census(body: &str) -> Result<Option<LatLon>, String> {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("the answer is not JSON: {e}"))?;
    let matches = value
        .pointer("/result/addressMatches")
        .and_then(|m| m.as_array())
        .ok_or_else(|| {
            let errors = value.get("errors").map(ToString::to_string);
            format!(
                "the answer has no result.addressMatches{}",
                errors
                    .map(|e| format!(" (errors: {e})"))
                    .unwrap_or_default()
            )
        })?;
    let Some(first) = matches.first() else {
        return Ok(None);
    };
    let coord = |key: &str| first.pointer(&format!("/coordinates/{key}"))?.as_f64();
    match (coord("y"), coord("x")) {
        (Some(lat), Some(lon))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
        {
            Ok(Some(LatLon { lat, lon }))
        }
        _ => Err("the first match has no coordinates x and y in range".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer as the Census sends it (trimmed): one match in Five Points.
    const ONE_MATCH: &str = r#"{"result":{"input":{"address":{"address":"2400 Welton St, Denver, CO 80205"},
        "benchmark":{"id":"4","benchmarkName":"Public_AR_Current","isDefault":true}},
        "addressMatches":[{"tigerLine":{"side":"L","tigerLineId":"189365233"},
        "coordinates":{"x":-104.97775,"y":39.75526},
        "addressComponents":{"zip":"80205","city":"DENVER","state":"CO"},
        "matchedAddress":"2400 WELTON ST, DENVER, CO, 80205"}]}}"#;

    #[test]
    fn census_answers_read_as_a_point_nothing_or_an_error() {
        assert_eq!(
            parse_census(ONE_MATCH),
            Ok(Some(LatLon {
                lat: 39.75526,
                lon: -104.97775
            }))
        );
        assert_eq!(
            parse_census(r#"{"result":{"input":{},"addressMatches":[]}}"#),
            Ok(None)
        );
        let bad = [
            ("not JSON", "<html>busy</html>", "not JSON"),
            (
                "an error answer",
                r#"{"errors":["Address cannot be empty"],"status":"400"}"#,
                "Address cannot be empty",
            ),
            (
                "no coordinates",
                r#"{"result":{"addressMatches":[{"matchedAddress":"X"}]}}"#,
                "no coordinates",
            ),
            (
                "coordinates as text",
                r#"{"result":{"addressMatches":[{"coordinates":{"x":"-104.9","y":"39.7"}}]}}"#,
                "no coordinates",
            ),
            (
                "swapped beyond range",
                r#"{"result":{"addressMatches":[{"coordinates":{"x":39.7,"y":-104.9}}]}}"#,
                "in range",
            ),
        ];
        for (what, body, expected) in bad {
            let err = parse_census(body).expect_err(what);
            assert!(err.contains(expected), "{what}: {err}");
        }
    }

    #[test]
    fn a_zip_is_found_at_the_end_of_an_address() {
        let cases = [
            ("2400 Welton St, Denver, CO 80205", Some("80205")),
            ("2400 Welton St Denver CO 80205-1234", Some("80205")),
            ("2400 Welton St, 80205,", Some("80205")),
            ("80205 Welton St", None),
            ("2400 Welton St", None),
            ("", None),
        ];
        for (address, expected) in cases {
            assert_eq!(
                zip_in_address(address).as_ref().map(Zip::as_str),
                expected,
                "{address}"
            );
        }
    }
}
