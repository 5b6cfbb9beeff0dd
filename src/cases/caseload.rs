//! `GET /cases`: the caseload, read from the query string (a page, and a supervisor's filters
//! and search). A navigator's opens on their day (what is due, unread, or waiting for a call)
//! above their two lists; a supervisor's on each navigator's load above the filtered list.

use super::CaseCtx;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::store::{
    self, CaseLine, Due, Filter, List, NavigatorChoice, NavigatorFilter, Search, StatusFilter,
    PAGE_SIZE,
};
use super::views::{self, Caseload, Day, Section, SectionKind};
use std::sync::Arc;

use crate::auth::CurrentUser;
use crate::db::cache::TtlCache;
use crate::domain::CaseStatus;
use crate::web::pages::{html_response, Caching};
use crate::web::AppResult;

/// The caseload's query string: the page, and a supervisor's filters and search.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    page: Option<String>,
    status: Option<String>,
    need: Option<String>,
    language: Option<String>,
    area: Option<String>,
    navigator: Option<String>,
    waiting: Option<String>,
    channel: Option<String>,
    q: Option<String>,
    /// How many cases a bulk reassignment just changed.
    reassigned: Option<String>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ListQuery {
    fn page(&self) -> i64 {
        non_empty(&self.page)
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 1_000_000)
    }

    /// The filters, read leniently: a value that is not one of the choices filters nothing
    /// (a link is never an error), and the form shows "any" for it.
    fn filter(&self) -> Filter {
        Filter {
            status: match non_empty(&self.status) {
                Some("all") => StatusFilter::Any,
                Some(code) => CaseStatus::parse(code).map_or(StatusFilter::Open, StatusFilter::One),
                None => StatusFilter::Open,
            },
            need: non_empty(&self.need).and_then(crate::domain::Need::parse),
            language: non_empty(&self.language)
                .and_then(crate::i18n::Lang::parse)
                .map(|l| l.code().to_owned()),
            area: non_empty(&self.area).and_then(|a| a.parse().ok()),
            navigator: match non_empty(&self.navigator) {
                Some("none") => Some(NavigatorFilter::Unassigned),
                Some(id) => id.parse().ok().map(NavigatorFilter::Is),
                None => None,
            },
            waiting_days: non_empty(&self.waiting)
                .and_then(|d| d.parse::<i64>().ok())
                .filter(|d| (0..=3650).contains(d)),
            channel: non_empty(&self.channel).and_then(crate::domain::Channel::parse),
            search: non_empty(&self.q).and_then(Search::parse),
        }
    }
}

/// One section of a caseload: its page of cases and how many there are in all, and the
/// section's call-backs, callers waiting for a navigator to phone them. The first page starts
/// with those call-backs; they keep their place further down too, on the page where their
/// order puts them.
///
/// A first page that is not full holds the whole list, so its count and its call-backs are
/// read from it rather than asked for; a longer list's count is reused for a few seconds (see
/// `CountCache`), as long as nothing changed through this instance.
async fn load_section(
    ctx: &CaseCtx,
    kind: SectionKind,
    which: List,
    page: i64,
    now: i64,
    first_contact_secs: i64,
) -> AppResult<(Section, Vec<CaseLine>)> {
    let db = &ctx.state.db;
    let lines = store::list(db, &which, page, now, first_contact_secs).await?;
    let complete = page == 1 && (lines.len() as i64) < PAGE_SIZE;
    let call_backs = if page != 1 {
        Vec::new()
    } else if complete {
        call_backs_of(&lines)
    } else {
        store::call_backs(db, &which, now).await?
    };
    let total = if complete {
        lines.len() as i64
    } else {
        let (sql, binds) = store::count_query(&which, now);
        let key = format!("{sql} {binds:?}");
        ctx.cases
            .list_counts
            .get(key, db.changes(), || store::count(db, &which, now))
            .await?
    };
    let pinned: std::collections::HashSet<i64> = call_backs.iter().map(|l| l.id).collect();
    let lines = call_backs
        .iter()
        .cloned()
        .chain(lines.into_iter().filter(|l| !pinned.contains(&l.id)))
        .collect();
    Ok((Section { kind, total, lines }, call_backs))
}

/// The call-backs among every line of a list, oldest first, as `store::call_backs` reads them.
fn call_backs_of(lines: &[CaseLine]) -> Vec<CaseLine> {
    let mut found: Vec<CaseLine> = lines
        .iter()
        .filter(|l| l.call_back.is_some())
        .cloned()
        .collect();
    found.sort_by_key(|l| (l.created_at, l.id));
    found
}

/// A number to dial is the resident's data: each call-back a page shows is a view the audit
/// log records (once, however many of its lists show it), as a case page is. The rows go in at
/// once (the writer commits them together).
async fn record_call_backs<'a>(
    ctx: &CaseCtx,
    user: &CurrentUser,
    shown: impl Iterator<Item = &'a CaseLine>,
    now: i64,
) -> AppResult<()> {
    let mut views = tokio::task::JoinSet::new();
    let mut seen = std::collections::HashSet::new();
    for line in shown.filter(|l| l.call_back.is_some()) {
        if !seen.insert(line.id) {
            continue;
        }
        let audit = ctx.state.audit.clone();
        let (user_id, case_id) = (user.id, line.id);
        views.spawn(async move { audit.record(user_id, "view_call_back", case_id, now).await });
    }
    while let Some(done) = views.join_next().await {
        done.map_err(anyhow::Error::from)??;
    }
    Ok(())
}

/// A navigator's caseload: the day at a glance (on the first page), their own cases and their
/// queue, all read at once (each query on its own connection).
async fn navigator_sections(
    ctx: &CaseCtx,
    profile: &crate::domain::staff::QueueProfile,
    page: i64,
    now: i64,
    first_contact_secs: i64,
) -> AppResult<(Vec<Section>, Option<Day>)> {
    let db = &ctx.state.db;
    let nav = profile.navigator_id;
    let mine = load_section(
        ctx,
        SectionKind::Mine,
        List::Mine(nav),
        page,
        now,
        first_contact_secs,
    );
    let queue = load_section(
        ctx,
        SectionKind::Queue,
        List::Queue(profile.clone()),
        page,
        now,
        first_contact_secs,
    );
    let (mine, queue) = tokio::try_join!(mine, queue)?;
    if page != 1 {
        return Ok((vec![mine.0, queue.0], None));
    }
    // A first page that is not full holds all her open cases: the day is read from it. A
    // longer caseload asks the database.
    let (counts, due) = if mine.0.total < PAGE_SIZE {
        day_from(&mine.0.lines, now, first_contact_secs)
    } else {
        tokio::try_join!(
            store::day_counts(db, nav, now, first_contact_secs),
            store::day_lines(db, nav, now, first_contact_secs),
        )?
    };
    let day = Day::new(counts, due, mine.1, queue.1, now, first_contact_secs);
    Ok((vec![mine.0, queue.0], Some(day)))
}

/// The day's counts and lines from every one of a navigator's open cases, as `day_counts` and
/// `day_lines` read them from the database: the same states, in the same order.
fn day_from(
    lines: &[CaseLine],
    now: i64,
    first_contact_secs: i64,
) -> (store::DayCounts, Vec<CaseLine>) {
    let due = |l: &CaseLine| Due::of(l, now, first_contact_secs);
    let count = |pick: &dyn Fn(&CaseLine) -> bool| lines.iter().filter(|l| pick(l)).count() as i64;
    let counts = store::DayCounts {
        first_contacts_overdue: count(&|l| due(l) == Due::FirstContactOverdue),
        follow_ups_due: count(&|l| due(l) == Due::FollowUp),
        unread_replies: count(&|l| l.unread_reply),
        call_backs: count(&|l| l.call_back.is_some()),
    };
    let mut shown: Vec<CaseLine> = lines
        .iter()
        .filter(|l| due(l) < Due::New || l.unread_reply)
        .cloned()
        .collect();
    shown.sort_by_key(|l| (due(l), l.follow_up_at.unwrap_or(l.created_at), l.id));
    (counts, shown)
}

/// A navigator's load as a reassignment list names it.
fn choice(l: &store::NavigatorLoad) -> NavigatorChoice {
    NavigatorChoice {
        id: l.id,
        name: l.name.clone(),
        open_cases: l.open_cases,
        capacity: l.capacity,
    }
}

/// Each active navigator's load, as the supervisor's caseload shows it. The grouped query
/// reads every open case with a navigator, so it is made once for a few seconds of pages (and
/// again after any change through this instance), by one request at a time (`TtlCache`).
pub struct LoadsCache(TtlCache<Vec<store::NavigatorLoad>>);

impl LoadsCache {
    pub fn new(ttl: std::time::Duration) -> Self {
        Self(TtlCache::new(ttl))
    }

    /// The navigators cases may be given to, with their loads, as the reassignment lists name
    /// them.
    pub async fn choices(
        &self,
        db: &crate::db::Db,
        now: i64,
        first_contact_secs: i64,
    ) -> Result<Vec<NavigatorChoice>, sqlx::Error> {
        Ok(self
            .get(db, now, first_contact_secs)
            .await?
            .iter()
            .map(choice)
            .collect())
    }

    async fn get(
        &self,
        db: &crate::db::Db,
        now: i64,
        first_contact_secs: i64,
    ) -> Result<Arc<Vec<store::NavigatorLoad>>, sqlx::Error> {
        self.0
            .get_at(db.changes(), || {
                store::navigator_loads(db, now, first_contact_secs)
            })
            .await
    }
}

pub async fn load_caseload(
    ctx: &CaseCtx,
    user: &CurrentUser,
    query: &ListQuery,
) -> AppResult<Caseload> {
    let db = &ctx.state.db;
    let page = query.page();
    let now = crate::db::now();
    let first_contact_secs = ctx.state.config.first_contact_secs;
    let profile = user.navigator.clone();
    let filter = query.filter();
    let supervising = user.role != crate::auth::Role::Navigator;
    let (sections, day, loads) = if supervising {
        let all = load_section(
            ctx,
            SectionKind::AllOpen,
            List::All(filter.clone()),
            page,
            now,
            first_contact_secs,
        );
        let loads = ctx.cases.navigator_loads.get(db, now, first_contact_secs);
        let (all, loads) = tokio::try_join!(all, async { Ok(loads.await?) })?;
        (vec![all.0], None, loads.as_ref().clone())
    } else if let Some(p) = &profile {
        let (sections, day) = navigator_sections(ctx, p, page, now, first_contact_secs).await?;
        (sections, day, Vec::new())
    } else {
        (Vec::new(), None, Vec::new())
    };
    let mut shown: Vec<&CaseLine> = sections.iter().flat_map(|s| s.lines.iter()).collect();
    for group in day.iter().flat_map(|d| d.groups.iter()) {
        shown.extend(group.lines.iter());
    }
    record_call_backs(ctx, user, shown.into_iter(), now).await?;
    let largest = sections.iter().map(|s| s.total).max().unwrap_or(0);
    // Today's appointments and the coming days' in one read (at most a screenful of them).
    let (visits, coming) = match &profile {
        Some(p) if page == 1 => {
            let tz = &ctx.state.config.timezone;
            let (from, tomorrow) = super::visits::today(tz, now);
            let to = super::visits::day_start(tz, now, 1 + super::visits::COMING_DAYS);
            let all = super::visits::of_navigator(db, p.navigator_id, from, to, 40).await?;
            all.into_iter().partition(|v| v.starts_at < tomorrow)
        }
        _ => (Vec::new(), Vec::new()),
    };
    Ok(Caseload {
        page,
        pages: ((largest + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        now,
        first_contact_secs,
        is_navigator: profile.is_some(),
        sections,
        day,
        filter: supervising.then_some(filter),
        query: views::FilterForm {
            status: non_empty(&query.status).unwrap_or("").to_owned(),
            need: non_empty(&query.need).unwrap_or("").to_owned(),
            language: non_empty(&query.language).unwrap_or("").to_owned(),
            area: non_empty(&query.area).unwrap_or("").to_owned(),
            navigator: non_empty(&query.navigator).unwrap_or("").to_owned(),
            waiting: non_empty(&query.waiting).unwrap_or("").to_owned(),
            channel: non_empty(&query.channel).unwrap_or("").to_owned(),
            q: non_empty(&query.q).unwrap_or("").to_owned(),
        },
        reassigned: non_empty(&query.reassigned).and_then(|n| n.parse().ok()),
        errors: Vec::new(),
        visits,
        coming,
        // The reassignment list names each navigator with their load: the same figures.
        navigators: loads.iter().map(choice).collect(),
        loads: if page == 1 { loads } else { Vec::new() },
        areas: if supervising {
            ctx.cases.areas.get(db).await?.to_vec()
        } else {
            Vec::new()
        },
    })
}

pub async fn caseload(
    ctx: CaseCtx,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let load = load_caseload(&ctx, &user, &q).await?;
    Ok(html_response(
        StatusCode::OK,
        views::caseload(&ctx, &user, &load, false),
        Caching::NoStore,
    ))
}
