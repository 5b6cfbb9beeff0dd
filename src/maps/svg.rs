//! The service-gap map drawn on the server as one inline SVG: areas projected and simplified
//! once (`Basemap`), shaded by class (`class_breaks`, `palette`), with links, markers and an
//! HTML legend. Pure functions: no I/O here.

use std::collections::HashMap;
use std::fmt::Write as _;

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Simplify};
use maud::{html, Markup};

use super::figures::AreaRow;
use crate::areas::LocalProjection;

/// The viewBox is this wide; its height follows the areas' shape.
const WIDTH: f64 = 1000.0;
/// Room around the areas, so edge strokes and markers are not cut off.
const MARGIN: f64 = 8.0;
/// Douglas-Peucker tolerance in viewBox units: about a third of a pixel where the map is shown
/// 672 px wide (the page's column), so the simplification cannot be seen, yet it removes most of
/// the vertices a survey-grade boundary has.
const SIMPLIFY_UNITS: f64 = 0.5;
/// A map of one point (or of areas that are all in a line) still gets a sensible scale.
const MIN_SPAN_KM: f64 = 1.0;
/// Areas known only by their centroid are drawn as a dot this big.
const DOT_RADIUS: f64 = 8.0;
/// Area boundaries: a mid grey that shows against the lightest class and the white page.
const EDGE: &str = "#767676";
/// "No data" is a light grey with dark hatching, so in greyscale it cannot pass for the lightest
/// class (which is nearly as light).
const NO_DATA_FILL: &str = "#f0f0f0";
const HATCH: &str = "#8c8c8c";

/// One area as stored: id, name, its shape in lon/lat (None when the area has no boundary, e.g.
/// demo areas that only have a centroid), and its centroid (lat, lon) if known.
#[derive(Clone, Debug)]
pub struct AreaShape {
    pub id: i64,
    pub name: String,
    pub shape: Option<MultiPolygon<f64>>,
    pub centroid: Option<(f64, f64)>,
}

/// Areas projected and simplified once, ready to draw many times. Areas with neither a shape
/// nor a centroid cannot be placed and are left out.
#[derive(Clone, Debug, Default)]
pub struct Basemap {
    /// `None` when there was nothing to place.
    frame: Option<Frame>,
    areas: Vec<Drawn>,
}

/// The areas' shapes as read from their GeoJSON (for the download), and as the map draws them.
/// Made once and kept a while (`MapsState::map_areas`): projecting a city's boundaries is the
/// slowest part of drawing the map.
pub struct MapAreas {
    pub shapes: Vec<AreaShape>,
    pub basemap: Basemap,
}

impl MapAreas {
    pub fn build(areas: &[AreaRow]) -> MapAreas {
        Self::build_simplified(areas, SIMPLIFY_UNITS)
    }

    /// `build` with the shapes simplified to `units` of the viewBox (a coarser map for a
    /// light page, e.g. the public dashboard).
    pub fn build_simplified(areas: &[AreaRow], units: f64) -> MapAreas {
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
        let basemap = Basemap::build_simplified(&shapes, units);
        MapAreas { shapes, basemap }
    }
}

/// Where the map's kilometres land in the viewBox.
#[derive(Clone, Copy, Debug)]
struct Frame {
    projection: LocalProjection,
    min_x: f64,
    max_y: f64,
    /// viewBox units per kilometre, the same both ways so the shapes keep their proportions.
    scale: f64,
    /// The viewBox's height.
    height: f64,
}

#[derive(Clone, Debug)]
struct Drawn {
    id: i64,
    name: String,
    outline: Outline,
}

#[derive(Clone, Debug)]
enum Outline {
    /// Path data in relative commands.
    Path(String),
    /// A dot's centre in viewBox units.
    Dot(f64, f64),
}

impl Frame {
    /// A frame around every shape and centroid, or `None` when there is nothing to place.
    fn fit(areas: &[AreaShape]) -> Option<Frame> {
        let corners = areas.iter().flat_map(|area| {
            let rect = area.shape.as_ref().and_then(|s| s.bounding_rect());
            let centroid = area.centroid.map(|(lat, lon)| Coord { x: lon, y: lat });
            [rect.map(|r| r.min()), rect.map(|r| r.max()), centroid]
        });
        let (min, max) = corners
            .flatten()
            .filter(|c| c.x.is_finite() && c.y.is_finite())
            .fold(None, |acc: Option<(Coord, Coord)>, c| {
                Some(match acc {
                    None => (c, c),
                    Some((lo, hi)) => (
                        Coord {
                            x: lo.x.min(c.x),
                            y: lo.y.min(c.y),
                        },
                        Coord {
                            x: hi.x.max(c.x),
                            y: hi.y.max(c.y),
                        },
                    ),
                })
            })?;
        // Centred on the middle of the bounding box, so east-west kilometres are right for the
        // city's latitude.
        let projection = LocalProjection::new((min.y + max.y) / 2.0, (min.x + max.x) / 2.0);
        let (lo, hi) = (
            projection.project(min.y, min.x),
            projection.project(max.y, max.x),
        );
        let widen = |a: f64, b: f64| {
            let grow = (MIN_SPAN_KM - (b - a)).max(0.0) / 2.0;
            (a - grow, b + grow)
        };
        let (min_x, max_x) = widen(lo.x, hi.x);
        let (min_y, max_y) = widen(lo.y, hi.y);
        let scale = (WIDTH - 2.0 * MARGIN) / (max_x - min_x);
        Some(Frame {
            projection,
            min_x,
            max_y,
            scale,
            height: ((max_y - min_y) * scale + 2.0 * MARGIN).ceil(),
        })
    }

    /// Kilometres to viewBox units; north is up, and SVG's y grows downward.
    fn place(&self, km: Coord) -> (f64, f64) {
        (
            MARGIN + (km.x - self.min_x) * self.scale,
            MARGIN + (self.max_y - km.y) * self.scale,
        )
    }

    fn point(&self, lat: f64, lon: f64) -> (f64, f64) {
        self.place(self.projection.project(lat, lon))
    }
}

impl Basemap {
    pub fn build(areas: &[AreaShape]) -> Basemap {
        Self::build_simplified(areas, SIMPLIFY_UNITS)
    }

    /// `build` with the Douglas-Peucker tolerance `units` (of the viewBox).
    pub fn build_simplified(areas: &[AreaShape], units: f64) -> Basemap {
        let Some(frame) = Frame::fit(areas) else {
            return Basemap::default();
        };
        let tolerance_km = units / frame.scale;
        let drawn = areas
            .iter()
            .filter_map(|area| {
                let path = area.shape.as_ref().map(|shape| {
                    let km = frame.projection.project_shape(shape).simplify(tolerance_km);
                    path_data(&km, &frame)
                });
                // A shape too small to survive rounding is still drawn (and linked), as a dot.
                let dot = || {
                    let (lat, lon) = area.centroid.or_else(|| {
                        let rect = area.shape.as_ref()?.bounding_rect()?;
                        Some((rect.center().y, rect.center().x))
                    })?;
                    let (x, y) = frame.point(lat, lon);
                    Some(Outline::Dot(x, y))
                };
                let outline = match path {
                    Some(d) if !d.is_empty() => Outline::Path(d),
                    _ => dot()?,
                };
                Some(Drawn {
                    id: area.id,
                    name: area.name.clone(),
                    outline,
                })
            })
            .collect();
        Basemap {
            frame: Some(frame),
            areas: drawn,
        }
    }

    /// SVG viewBox width and height (user units).
    pub fn size(&self) -> (f64, f64) {
        self.frame.map_or((0.0, 0.0), |f| (WIDTH, f.height))
    }

    /// A (lat, lon) point in viewBox units, for overlays; None if the basemap is empty.
    pub fn point(&self, lat: f64, lon: f64) -> Option<(f64, f64)> {
        self.frame.map(|f| f.point(lat, lon))
    }

    /// How many areas are drawn.
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

/// Path data for a projected shape: each ring rounded to whole viewBox units (a unit is about
/// 40 m across Denver, under a pixel), written in relative commands with implicit line-tos, so
/// most points cost five or six bytes. Rings that shrink below a triangle are dropped (a hole
/// with its outer ring).
fn path_data(km: &MultiPolygon<f64>, frame: &Frame) -> String {
    let mut d = String::new();
    // A relative move-to is taken from where the last subpath started (its `z` returns there);
    // at the start of the path it is absolute, the same as relative to (0, 0).
    let mut start = (0, 0);
    for polygon in km {
        let Some(outer) = ring_points(polygon.exterior(), frame) else {
            continue;
        };
        let holes = polygon
            .interiors()
            .iter()
            .filter_map(|r| ring_points(r, frame));
        for ring in std::iter::once(outer).chain(holes) {
            write_ring(&mut d, &ring, &mut start);
        }
    }
    d
}

/// A ring's points in whole viewBox units, without repeats or the closing point; `None` when
/// fewer than three are left.
fn ring_points(ring: &LineString<f64>, frame: &Frame) -> Option<Vec<(i64, i64)>> {
    let mut points: Vec<(i64, i64)> = Vec::with_capacity(ring.0.len());
    for c in ring.coords() {
        let (x, y) = frame.place(*c);
        let p = (x.round() as i64, y.round() as i64);
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    (points.len() >= 3).then_some(points)
}

fn write_ring(d: &mut String, ring: &[(i64, i64)], start: &mut (i64, i64)) {
    let first = ring[0];
    d.push('m');
    write_pair(d, first.0 - start.0, first.1 - start.1, true);
    d.push('l');
    let mut at = first;
    for (i, &p) in ring.iter().enumerate().skip(1) {
        write_pair(d, p.0 - at.0, p.1 - at.1, i == 1);
        at = p;
    }
    d.push('z');
    *start = first;
}

/// Two numbers; a separating space only where a minus sign does not already separate them.
fn write_pair(d: &mut String, dx: i64, dy: i64, after_command: bool) {
    if !after_command && dx >= 0 {
        d.push(' ');
    }
    let _ = write!(d, "{dx}");
    if dy >= 0 {
        d.push(' ');
    }
    let _ = write!(d, "{dy}");
}

/// Up to `k` (3..=7) class upper bounds from the values: quantile breaks on the distinct values,
/// rounded to "nice" numbers where that keeps every class in use, strictly increasing, fewer
/// classes when there are fewer distinct values. Values are the finite, non-negative figures of
/// the areas that have data (others are ignored). The last bound is the largest value itself, so
/// the legend's top reads what the map shows.
///
/// Quantiles of the distinct values rather than of all values: service-gap counts are skewed
/// (many areas with 0 or 1), and quantiles of all values would repeat those and leave classes
/// empty.
pub fn class_breaks(values: &[f64], k: usize) -> Vec<f64> {
    let mut distinct: Vec<f64> = values
        .iter()
        .copied()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let k = k.clamp(3, 7);
    let n = distinct.len();
    if n <= k {
        return distinct;
    }
    // With more distinct values than classes, these indices are strictly increasing.
    let quantiles: Vec<f64> = (1..=k).map(|i| distinct[(i * n).div_ceil(k) - 1]).collect();
    let mut breaks: Vec<f64> = quantiles
        .windows(2)
        .map(|pair| nice_bound(pair[0], pair[1]))
        .collect();
    breaks.push(distinct[n - 1]);
    breaks
}

/// How far past a quantile a nice bound may go, as a share of the gap to the next quantile.
const NICE_SLACK: f64 = 0.5;

/// `value` (a data value) rounded up to a number with one or two significant digits (a multiple
/// of 5, 2 or 1 times a power of ten, coarsest first), provided it stays below `next` (also a
/// data value, so the next class keeps at least that one) and within `NICE_SLACK` of the gap.
/// Otherwise the value itself.
fn nice_bound(value: f64, next: f64) -> f64 {
    if value <= 0.0 {
        return value;
    }
    let magnitude = value.log10().floor() as i32;
    let slack = (next - value) * NICE_SLACK;
    for power in [magnitude, magnitude - 1] {
        for mult in [5.0, 2.0, 1.0] {
            let step = mult * 10f64.powi(power);
            let times = (value / step - 1e-9).ceil();
            // Dividing by a power of ten (rather than multiplying by its inexact reciprocal)
            // gives the float nearest the decimal, 0.3 and not 0.30000000000000004.
            let nice = if power < 0 {
                times * mult / 10f64.powi(-power)
            } else {
                times * mult * 10f64.powi(power)
            };
            if nice >= value && nice < next && nice - value <= slack {
                return nice;
            }
        }
    }
    value
}

/// Which class a value falls in: the index of the first upper bound >= value; values above the
/// last bound go in the last class (and everything in class 0 when there are no bounds).
pub fn class_of(value: f64, breaks: &[f64]) -> usize {
    breaks
        .iter()
        .position(|b| value <= *b)
        .unwrap_or(breaks.len().saturating_sub(1))
}

/// Labels for classes of these bounds: "0–4", "5–9", "10" for whole numbers (a class's lowest
/// possible value is one more than the bound below), "0–2.5", "2.5–4" otherwise (each upper
/// bound belongs to its class). Numbers are written plainly, with a dot for decimals.
pub fn class_labels(breaks: &[f64], whole_numbers: bool) -> Vec<String> {
    let mut below: Option<f64> = None;
    breaks
        .iter()
        .map(|&upper| {
            let lower = match below {
                None => 0.0,
                Some(b) if whole_numbers => b.floor() + 1.0,
                Some(b) => b,
            };
            below = Some(upper);
            if lower >= upper {
                plain_number(upper)
            } else {
                format!("{}–{}", plain_number(lower), plain_number(upper))
            }
        })
        .collect()
}

fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let text = format!("{v:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// ColorBrewer's YlGnBu (Cynthia Brewer, Apache-2.0 licensed colour schemes), light to dark:
/// sequential, safe for the common colour-vision deficiencies, and with luminance falling at
/// every step so the classes still read in greyscale.
const YL_GN_BU: [&[&str]; 7] = [
    &["#41b6c4"],
    &["#a1dab4", "#2c7fb8"],
    &["#edf8b1", "#7fcdbb", "#2c7fb8"],
    &["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    &["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    &[
        "#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494",
    ],
    &[
        "#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84",
    ],
];

/// A sequential palette of n (1..=7) fills, light to dark; none for 0, seven for more than 7.
pub fn palette(n: usize) -> Vec<&'static str> {
    match n {
        0 => Vec::new(),
        n => YL_GN_BU[n.min(7) - 1].to_vec(),
    }
}

/// How one area is drawn.
#[derive(Clone, Debug)]
pub struct Shade {
    pub area_id: i64,
    /// Index into the legend's classes; `None` = no data.
    pub class: Option<usize>,
    /// Accessible name, e.g. "Five Points: 12 unmet requests".
    pub label: String,
    /// Where the area links to, e.g. "/cases?area=12".
    pub href: String,
}

/// A point overlay (a navigator's home base, a program's site).
#[derive(Clone, Debug)]
pub struct Marker {
    pub lat: f64,
    pub lon: f64,
    pub kind: MarkerKind,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    Navigator,
    Program,
}

/// Classed breaks for a sequential legend.
#[derive(Clone, Debug)]
pub struct Legend {
    pub title: String,
    pub classes: Vec<LegendClass>,
    pub no_data_label: String,
}

#[derive(Clone, Debug)]
pub struct LegendClass {
    /// e.g. "5–9".
    pub label: String,
}

/// The whole map as one inline `<svg>`: one link per area (its shade's label as the accessible
/// name and as a tooltip), filled from `palette(legend_len)` by class, "no data" hatched; the
/// markers on top. An area without a shade is drawn as "no data" with its name and no link.
/// An empty basemap gives no markup at all (the page's table still lists the areas).
///
/// The svg is a group, not `role="img"`: an image's children are hidden from assistive
/// technology, and these children are links.
pub fn render_map(
    basemap: &Basemap,
    shades: &[Shade],
    legend_len: usize,
    markers: &[Marker],
    title: &str,
) -> Markup {
    if basemap.is_empty() {
        return html! {};
    }
    let (width, height) = basemap.size();
    // Ids from the title, so two maps on one page do not share a pattern or a title id.
    let key = fnv1a(title);
    let title_id = format!("map-{key:08x}");
    let hatch_id = format!("map-{key:08x}-nodata");
    let hatch = format!("url(#{hatch_id})");
    let fills = palette(legend_len);
    let shades: HashMap<i64, &Shade> = shades.iter().map(|s| (s.area_id, s)).collect();
    html! {
        svg.map xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (height) }
            width=(width) height=(height) role="group" aria-labelledby=(title_id) {
            title id=(title_id) { (title) }
            defs {
                pattern id=(hatch_id) width="8" height="8" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)" {
                    rect width="8" height="8" fill=(NO_DATA_FILL) {}
                    path d="M0 0v8" stroke=(HATCH) stroke-width="3" {}
                }
            }
            // Presentation attributes on the group, once; the stylesheet's hover and focus
            // rules override them.
            g fill-rule="evenodd" stroke=(EDGE) stroke-width="1" stroke-linejoin="round" {
                @for area in &basemap.areas {
                    @let shade = shades.get(&area.id);
                    @let shape = outline(&area.outline, fill_for(shade.and_then(|s| s.class), &fills, &hatch));
                    @if let Some(shade) = shade {
                        a href=(shade.href) aria-label=(shade.label) {
                            title { (shade.label) }
                            (shape)
                        }
                    } @else {
                        g { title { (area.name) } (shape) }
                    }
                }
            }
            @if !markers.is_empty() {
                // The page's tables list these; here they only show where things are.
                g.markers aria-hidden="true" {
                    @for marker in markers {
                        @if let Some((x, y)) = basemap.point(marker.lat, marker.lon) {
                            (marker_shape(marker, x, y))
                        }
                    }
                }
            }
        }
    }
}

/// A class's fill; "no data" (or no classes at all) is hatched. A class past the palette's end
/// takes its darkest fill.
fn fill_for<'a>(class: Option<usize>, fills: &[&'a str], hatch: &'a str) -> &'a str {
    match class {
        Some(class) if !fills.is_empty() => fills[class.min(fills.len() - 1)],
        _ => hatch,
    }
}

fn outline(outline: &Outline, fill: &str) -> Markup {
    match outline {
        Outline::Path(d) => html! { path d=(d) fill=(fill) {} },
        Outline::Dot(x, y) => html! {
            circle cx=(tenths(*x)) cy=(tenths(*y)) r=(DOT_RADIUS) fill=(fill) {}
        },
    }
}

fn marker_shape(marker: &Marker, x: f64, y: f64) -> Markup {
    match marker.kind {
        // A small dark dot with a white ring, visible on every class.
        MarkerKind::Navigator => html! {
            circle cx=(tenths(x)) cy=(tenths(y)) r="6" fill="#1b1b1b" stroke="#fff"
                stroke-width="1.5" {
                title { (marker.label) }
            }
        },
        // A white diamond with a dark edge: a different shape, and different in greyscale.
        MarkerKind::Program => html! {
            path d={ "M" (tenths(x)) " " (tenths(y - 8.0)) "l8 8-8 8-8-8z" } fill="#fff"
                stroke="#1b1b1b" stroke-width="2" {
                title { (marker.label) }
            }
        },
    }
}

/// A coordinate to one decimal: markers and dots need no more.
fn tenths(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// FNV-1a, folded to 32 bits: a short stable id from a title.
fn fnv1a(text: &str) -> u32 {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (hash ^ (hash >> 32)) as u32
}

/// The legend as HTML beside the map (text there wraps, zooms and translates like the rest of
/// the page): a swatch and a label per class, then the hatched "no data" swatch.
pub fn render_legend(legend: &Legend) -> Markup {
    let fills = palette(legend.classes.len());
    html! {
        div.legend {
            p.legend-title { (legend.title) }
            ul {
                @for (class, fill) in legend.classes.iter().zip(fills) {
                    li { (swatch(fill, false)) " " (class.label) }
                }
                li { (swatch(NO_DATA_FILL, true)) " " (legend.no_data_label) }
            }
        }
    }
}

/// A 24×16 swatch; the hatching is drawn as lines rather than a pattern so that it needs no id.
fn swatch(fill: &str, hatched: bool) -> Markup {
    html! {
        svg.swatch xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 16" width="24" height="16"
            aria-hidden="true" focusable="false" {
            rect width="24" height="16" fill=(fill) {}
            @if hatched {
                path d="M-8 16 8 0M0 16 16 0M8 16 24 0M16 16 32 0" stroke=(HATCH) stroke-width="2" {}
            }
            rect x="0.5" y="0.5" width="23" height="15" fill="none" stroke=(EDGE) {}
        }
    }
}

#[cfg(test)]
#[path = "svg_tests.rs"]
mod tests;
