//! `/equity.csv`: the dashboard's figures for the twelve months and each quarter, one row a
//! group, written as `/reports.csv` writes them (codes rather than words, so a spreadsheet reads
//! the same in every language; a suppressed count as "<11"; cells a spreadsheet would run as a
//! formula made plain text).

use axum::response::Response;

use super::figures::{lines, Dashboard, Period, DIMENSIONS};
use crate::maps::export::{count, csv_download, number};
use crate::maps::reports::Line;
use crate::web::AppResult;

const COLUMNS: [&str; 9] = [
    "period",
    "from",
    "to",
    "breakdown",
    "group",
    "requests",
    "median_days_to_first_contact",
    "p90_days_to_first_contact",
    "connected_at_home_share",
];

pub fn equity_csv(dashboard: &Dashboard) -> AppResult<Response> {
    let periods = std::iter::once(("12_months".to_owned(), &dashboard.year)).chain(
        dashboard
            .quarters
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("quarter_{}", i + 1), q)),
    );
    let mut rows = Vec::new();
    for (name, period) in periods {
        rows.push(row(
            &name,
            period,
            "all",
            String::new(),
            &period.report.everyone,
        ));
        for dimension in DIMENSIONS {
            for l in lines(&period.report, dimension) {
                let group = match dimension {
                    "area" if l.key.is_empty() => "not_placed".to_owned(),
                    "area" => area_name(dashboard, &l.key),
                    _ if l.key.is_empty() => "not_answered".to_owned(),
                    _ => l.key.clone(),
                };
                let breakdown = if dimension == "race" {
                    "race_ethnicity"
                } else {
                    dimension
                };
                rows.push(row(&name, period, breakdown, group, l));
            }
        }
    }
    csv_download(&COLUMNS, rows, "navdesk-equity.csv")
}

fn area_name(dashboard: &Dashboard, key: &str) -> String {
    dashboard
        .areas
        .iter()
        .find(|(id, _)| id.to_string() == key)
        .map_or_else(|| key.to_owned(), |(_, name)| name.clone())
}

fn row(name: &str, period: &Period, breakdown: &str, group: String, l: &Line) -> Vec<String> {
    vec![
        name.to_owned(),
        period.from.to_string(),
        period.to.to_string(),
        breakdown.to_owned(),
        group,
        count(l.residents),
        number(l.median_wait_days, 2),
        number(l.p90_wait_days, 2),
        number(l.connected_share, 3),
    ]
}
