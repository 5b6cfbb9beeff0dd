//! A local equirectangular projection: longitude and latitude to kilometres on a plane that
//! touches the Earth at one reference latitude. Within a city (tens of kilometres) distances are
//! off by well under 1 %, and the mapping is affine, so "inside" and "outside" are unchanged.

use geo::{Coord, MapCoords, MultiPolygon};

/// Mean Earth radius (IUGG), in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LocalProjection {
    lon0: f64,
    lat0: f64,
    km_per_deg_lon: f64,
    km_per_deg_lat: f64,
}

impl LocalProjection {
    /// A projection centered on (lat0, lon0); east-west kilometres shrink with cos(lat0).
    pub fn new(lat0: f64, lon0: f64) -> Self {
        let km_per_deg_lat = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
        Self {
            lon0,
            lat0,
            km_per_deg_lon: km_per_deg_lat * lat0.to_radians().cos(),
            km_per_deg_lat,
        }
    }

    /// Kilometres east (x) and north (y) of the center.
    pub fn project(&self, lat: f64, lon: f64) -> Coord<f64> {
        Coord {
            x: (lon - self.lon0) * self.km_per_deg_lon,
            y: (lat - self.lat0) * self.km_per_deg_lat,
        }
    }

    /// Back to (longitude, latitude) as a geo coordinate (x = lon, y = lat).
    pub fn unproject(&self, km: Coord<f64>) -> Coord<f64> {
        Coord {
            x: self.lon0 + km.x / self.km_per_deg_lon,
            y: self.lat0 + km.y / self.km_per_deg_lat,
        }
    }

    /// A lon/lat shape in kilometres.
    pub fn project_shape(&self, shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        shape.map_coords(|c| self.project(c.y, c.x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_degree_of_longitude_is_shorter_in_denver() {
        let p = LocalProjection::new(39.75, -104.9);
        let east = p.project(39.75, -103.9);
        let north = p.project(40.75, -104.9);
        assert!((north.y - 111.19).abs() < 0.01, "{north:?}");
        assert!((east.x - 85.5).abs() < 0.1, "{east:?}");
        let back = p.unproject(p.project(39.7, -105.0));
        assert!((back.x + 105.0).abs() < 1e-12 && (back.y - 39.7).abs() < 1e-12);
    }
}
