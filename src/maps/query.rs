//! The query strings of `/map`, `/reports` and their exports, checked. Filters come in the query
//! string, so every view can be bookmarked and shared, and the exports take the same parameters
//! as the page they are linked from. A wrong parameter gets its default and an error each.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::figures::{AreaFigures, Metric};
use super::stats::Filter;
use crate::domain::Need;
use crate::i18n::Lang;
use crate::web::form::FieldError;

/// Default wait, in days, after which a request without first contact counts as unmet.
pub const DEFAULT_UNMET_DAYS: i64 = 3;

/// Today in the help desk's time zone.
pub fn today(tz: &TimeZone) -> Date {
    jiff::Timestamp::now().to_zoned(tz.clone()).date()
}

/// The days `from` to `to` (inclusive) in the help desk's time zone, as Unix seconds
/// `[start, end)`.
pub fn bounds(tz: &TimeZone, from: Date, to: Date) -> (i64, i64) {
    let start_of = |date: Date| {
        date.to_zoned(tz.clone())
            .map(|z| z.timestamp().as_second())
            .unwrap_or(0)
    };
    (start_of(from), start_of(to.tomorrow().unwrap_or(to)))
}

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

/// The query string of `/reports` and its CSV.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
}

impl ReportQuery {
    /// The period asked for, and an error for each date that is wrong.
    pub fn parse(&self, today: Date) -> ((Date, Date), Vec<FieldError>) {
        let mut errors = Vec::new();
        let range = parse_range(&self.from, &self.to, today, &mut errors);
        (range, errors)
    }
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
    let mut date = |raw: &Option<String>, field: &'static str| {
        parse_date(raw).unwrap_or_else(|_| {
            errors.push(FieldError {
                field,
                message: "map-error-date",
            });
            None
        })
    };
    let (from_date, to_date) = (date(from, "from"), date(to, "to"));
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

/// A code parameter where empty or `all` means no filter: `None` for those, else what `parse`
/// makes of it, or `None` and an error.
fn optional_code<T>(
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
    field: &'static str,
    message: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match raw {
        "" | "all" => None,
        code => parse(code).or_else(|| {
            errors.push(FieldError { field, message });
            None
        }),
    }
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
        let need = optional_code(
            &text(&q.need),
            Need::parse,
            "need",
            "map-error-need",
            &mut errors,
        );
        let language = optional_code(
            &text(&q.language),
            Lang::parse,
            "language",
            "map-error-language",
            &mut errors,
        );
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
        let mut pairs: Vec<(&str, &str)> = vec![
            ("metric", self.metric.code()),
            ("need", self.need.map(Need::code).unwrap_or("")),
            ("language", self.language.map(Lang::code).unwrap_or("")),
            ("from", &from),
            ("to", &to),
            ("days", &days),
            ("homes", if self.homes { "on" } else { "" }),
            ("sites", if self.sites { "on" } else { "" }),
            ("sort", self.sort_code()),
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

    /// The `sort` parameter as asked for: `name`, a metric's code, or empty for the default.
    fn sort_code(&self) -> &'static str {
        if self.by_name {
            "name"
        } else {
            self.sort.map(Metric::code).unwrap_or("")
        }
    }

    /// The column the table is sorted by: `name` or a metric's code.
    pub fn sorted_by(&self) -> &'static str {
        if self.by_name {
            "name"
        } else {
            self.sort.unwrap_or(self.metric).code()
        }
    }

    /// The requests these parameters count, with the period's days in `tz`.
    pub fn filter(&self, tz: &TimeZone) -> Filter {
        let (from, to) = bounds(tz, self.from, self.to);
        Filter {
            from,
            to,
            language: self.language.map(|l| l.code().to_owned()),
            need: self.need.map(|n| n.code().to_owned()),
            unmet_before: crate::db::now() - self.days * 86_400,
        }
    }

    /// The areas in the table's order.
    pub fn sorted<'a>(&self, figures: &'a [AreaFigures]) -> Vec<&'a AreaFigures> {
        let mut rows: Vec<&AreaFigures> = figures.iter().collect();
        let key = self.sort.unwrap_or(self.metric);
        rows.sort_by(|a, b| {
            let order = if self.by_name {
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
            let order = if self.ascending {
                order
            } else {
                order.reverse()
            };
            order.then_with(|| a.name.cmp(&b.name))
        });
        rows
    }
}
