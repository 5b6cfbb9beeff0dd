//! Where residents are: how requests are located after they are stored, and the region a
//! hexagon grid covers when no areas were imported.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use clap::builder::TypedValueParser as _;

pub const DEFAULT_CENSUS_BASE_URL: &str = "https://geocoding.geo.census.gov";
/// Default hexagon size: about a hundred cells over Denver, a list a resident can scan.
pub const DEFAULT_HEX_SIZE_KM: f64 = 4.0;

#[derive(Clone, Debug, clap::Args)]
pub struct PlacementConfig {
    /// How addresses are located after a request is stored: offline (ZIP and area centroids)
    /// or census (the US Census Geocoder, with centroids when it fails).
    #[arg(long, env = "NAVDESK_GEOCODER", value_enum, default_value_t = GeocoderKind::Offline)]
    pub geocoder: GeocoderKind,

    /// Base URL of the US Census Geocoder.
    #[arg(long, env = "NAVDESK_CENSUS_BASE_URL", default_value = DEFAULT_CENSUS_BASE_URL,
          value_parser = super::without_trailing_slash)]
    pub census_base_url: String,

    /// Milliseconds one Census look-up may take before centroids are used instead.
    #[arg(long = "geocoder-timeout-ms", env = "NAVDESK_GEOCODER_TIMEOUT_MS",
          value_name = "GEOCODER_TIMEOUT_MS", default_value = "3000",
          value_parser = clap::value_parser!(u64).range(100..=60_000).map(Duration::from_millis))]
    pub census_timeout: Duration,

    /// How often unplaced requests are looked for (a crash between commit and placement, an
    /// outage, a retry that is due).
    #[arg(skip = Duration::from_secs(30))]
    pub sweep_every: Duration,
    /// The first retry waits this long; each further one twice as long (at most an hour).
    #[arg(skip = Duration::from_secs(60))]
    pub retry_after: Duration,
    /// After this many failed attempts a request is placed without a point.
    #[arg(skip = 6)]
    pub max_attempts: i64,

    /// The region a hexagon grid covers when the server starts with no areas:
    /// minlon,minlat,maxlon,maxlat (default: Denver).
    #[arg(long, env = "NAVDESK_SERVICE_REGION", default_value_t = Bbox::DENVER)]
    pub service_region: Bbox,

    /// Size of that grid's hexagons, kilometres across.
    #[arg(long, env = "NAVDESK_HEX_SIZE_KM", default_value_t = DEFAULT_HEX_SIZE_KM,
          value_parser = hex_size_km)]
    pub hex_size_km: f64,
}

impl Default for PlacementConfig {
    fn default() -> Self {
        super::defaults()
    }
}

fn hex_size_km(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(km) if km.is_finite() && (0.1..=50.0).contains(&km) => Ok(km),
        _ => Err(format!(
            "{text:?} is not a size between 0.1 and 50 kilometres"
        )),
    }
}

/// Which geocoder locates addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GeocoderKind {
    /// Area and ZIP centroids only; no network.
    Offline,
    /// The US Census Geocoder over HTTP, with the offline geocoder when it fails.
    Census,
}

/// A rectangle of longitude and latitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bbox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl Bbox {
    /// Denver, roughly: the default service region.
    pub const DENVER: Self = Self {
        min_lon: -105.11,
        min_lat: 39.61,
        max_lon: -104.60,
        max_lat: 39.92,
    };

    /// Whether the point (longitude, latitude) lies inside, edges included.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }
}

impl FromStr for Bbox {
    type Err = String;

    /// `minlon,minlat,maxlon,maxlat`, as GeoJSON orders a bbox.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let values: Vec<f64> = s
            .split(',')
            .map(|v| v.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("{s:?} is not four numbers minlon,minlat,maxlon,maxlat"))?;
        let [min_lon, min_lat, max_lon, max_lat] = values[..] else {
            return Err(format!(
                "{s:?} is not four numbers minlon,minlat,maxlon,maxlat"
            ));
        };
        let in_range =
            |lon: f64, lat: f64| (-180.0..=180.0).contains(&lon) && (-85.0..=85.0).contains(&lat);
        if !(in_range(min_lon, min_lat) && in_range(max_lon, max_lat))
            || min_lon >= max_lon
            || min_lat >= max_lat
        {
            return Err(format!(
                "{s:?} is not a region: it needs minlon < maxlon and minlat < maxlat, in range"
            ));
        }
        Ok(Self {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }
}

impl fmt::Display for Bbox {
    /// Each coordinate to the hundredth, as they are usually written (`-104.60`), or with
    /// every digit it needs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let coordinate = |v: f64| {
            let hundredths = format!("{v:.2}");
            if hundredths.parse() == Ok(v) {
                hundredths
            } else {
                v.to_string()
            }
        };
        let [a, b, c, d] = [self.min_lon, self.min_lat, self.max_lon, self.max_lat].map(coordinate);
        write!(f, "{a},{b},{c},{d}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_parses_in_geojson_order_and_prints_back() {
        let b: Bbox = "-105.11,39.61,-104.60,39.92".parse().unwrap();
        assert_eq!(b, Bbox::DENVER);
        assert_eq!(b.to_string(), "-105.11,39.61,-104.60,39.92");
        let fine: Bbox = "-105.1234,39.6,-104.6,39.92".parse().unwrap();
        assert_eq!(fine.to_string(), "-105.1234,39.60,-104.60,39.92");
        for bad in ["1,2,3", "a,b,c,d", "-104,39,-105,40", "0,0,1,95"] {
            assert!(bad.parse::<Bbox>().is_err(), "{bad}");
        }
    }

    #[test]
    fn hexagons_are_a_tenth_to_fifty_kilometres() {
        assert_eq!(hex_size_km("4"), Ok(4.0));
        for bad in ["0.05", "51", "NaN", "inf", "x"] {
            assert!(hex_size_km(bad).is_err(), "{bad}");
        }
    }
}
