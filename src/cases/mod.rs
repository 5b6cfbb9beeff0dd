//! The staff side of cases: the caseload (`GET /cases`), one case (`GET /cases/{id}`), and
//! taking a case, adding a note and changing its status. Who may see what is decided in
//! `transitions`; a case a user may not see answers 404 so its existence stays hidden.

pub mod autoassign;
pub mod intake;
pub mod outcome;
pub mod store;
pub mod texts;
pub mod transitions;
pub mod views;

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts, Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::areas::choices::AreaCache;
use crate::areas::placement::Placer;
use crate::auth::{CurrentUser, StaffForm};
use crate::db::cache::{CountCache, TtlCache};
use crate::domain::{CaseStatus, CloseReason, ReferralStatus};
use crate::programs::matches::CatalogCache;
use crate::sms::worker::Outbox;
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{AppError, AppResult, Ctx};
use store::{Change, Filter, List, NavigatorFilter, Search, StatusFilter, PAGE_SIZE};
use transitions::Access;
use views::{CaseForms, Caseload, Section, SectionKind};

/// The longest note we keep, in characters.
const MAX_NOTE_CHARS: usize = 5000;

/// What the staff case pages need beyond what every route shares.
#[derive(Clone)]
pub struct CasesState {
    pub shared: Shared,
    /// The areas a request may be placed in (the staff request form, the list's filter).
    pub areas: Arc<AreaCache>,
    /// Hands a request a navigator typed in to the placement worker.
    pub placer: Placer,
    /// Wakes the text worker when a navigator sends a text.
    pub outbox: Outbox,
    /// Active navigators with their loads, as the reassignment lists show them.
    pub navigator_choices: Arc<TtlCache<Vec<store::NavigatorChoice>>>,
    /// The programs a household may qualify for, as the case page lists them.
    pub catalog: Arc<CatalogCache>,
    /// Counts of supervisors' case lists, a few seconds old at most.
    pub list_counts: Arc<CountCache>,
}

impl FromRef<CasesState> for Shared {
    fn from_ref(state: &CasesState) -> Shared {
        state.shared.clone()
    }
}

/// A case page's request: the page context, and the case pages' own state.
pub struct CaseCtx {
    pub ctx: Ctx,
    pub cases: CasesState,
}

impl std::ops::Deref for CaseCtx {
    type Target = Ctx;
    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl FromRequestParts<CasesState> for CaseCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &CasesState,
    ) -> Result<Self, Self::Rejection> {
        Ok(CaseCtx {
            ctx: Ctx::from_request_parts(parts, state).await?,
            cases: state.clone(),
        })
    }
}

pub fn router() -> Router<CasesState> {
    Router::new()
        .route("/cases", get(caseload))
        .route("/cases/new", get(intake::form).post(intake::submit))
        .route("/cases/{id}", get(case_page))
        .route("/cases/{id}/take", post(take))
        .route("/cases/{id}/notes", post(add_note))
        .route("/cases/{id}/status", post(change_status))
        .route("/cases/{id}/contacts", post(log_contact))
        .route("/cases/{id}/follow-up", post(set_follow_up))
        .route("/cases/{id}/referrals", post(add_referral))
        .route("/cases/{id}/referrals/{referral}", post(update_referral))
        .route("/cases/{id}/outcome", post(save_outcome))
        .route("/cases/{id}/texts", post(texts::send))
        .route("/cases/{id}/assign", post(assign_one))
        .route("/cases/reassign", post(reassign_many))
}

/// The caseload's query string: the page, and a supervisor's filters and search.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    page: Option<String>,
    status: Option<String>,
    need: Option<String>,
    language: Option<String>,
    area: Option<String>,
    navigator: Option<String>,
    waiting: Option<String>,
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
            search: non_empty(&self.q).and_then(Search::parse),
        }
    }
}

/// Navigators with their loads for the reassignment lists: up to ten seconds old, as a load
/// shown there is only a guide (the change itself reads the database).
async fn cached_navigator_choices(ctx: &CaseCtx) -> AppResult<Vec<store::NavigatorChoice>> {
    let db = &ctx.state.db;
    let choices = ctx
        .cases
        .navigator_choices
        .get(|| store::navigator_choices(db))
        .await?;
    Ok(choices.as_ref().clone())
}

/// The navigators who best fit an unassigned case, with why, for a supervisor to choose from.
async fn suggest_navigators(db: &crate::db::Db, case_id: i64) -> AppResult<Vec<views::Suggestion>> {
    let Some(request) = store::match_request(db, case_id).await? else {
        return Ok(Vec::new());
    };
    let candidates = store::match_candidates(db).await?;
    let names: std::collections::HashMap<i64, String> = candidates
        .iter()
        .map(|c| (c.navigator_id, c.name.clone()))
        .collect();
    let pool = crate::matching::navigators::Pool::new(candidates);
    Ok(pool
        .best(&request, 3)
        .into_iter()
        .map(|m| views::Suggestion {
            name: names.get(&m.navigator_id).cloned().unwrap_or_default(),
            found: m,
        })
        .collect())
}

/// Case ids in paths: anything that is not one is simply not found.
fn case_id(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// One section of a caseload: its page of cases and how many there are in all.
async fn load_section(
    ctx: &CaseCtx,
    kind: SectionKind,
    which: List,
    page: i64,
    now: i64,
    first_contact_secs: i64,
) -> AppResult<Section> {
    let db = &ctx.state.db;
    let lines = store::list(db, &which, page, now, first_contact_secs).await?;
    // A first page that is not full holds the whole list: no need to count it.
    let total = if page == 1 && (lines.len() as i64) < PAGE_SIZE {
        lines.len() as i64
    } else if matches!(which, List::All(_)) {
        let (sql, binds) = store::count_query(&which, now);
        let key = format!("{sql} {binds:?}");
        ctx.cases
            .list_counts
            .get(key, db.changes(), || store::count(db, &which, now))
            .await?
    } else {
        store::count(db, &which, now).await?
    };
    Ok(Section { kind, total, lines })
}

async fn load_caseload(
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
    let lists: Vec<(SectionKind, List)> = if user.role == crate::auth::Role::Navigator {
        match &profile {
            Some(p) => vec![
                (SectionKind::Mine, List::Mine(p.navigator_id)),
                (SectionKind::Queue, List::Queue(p.clone())),
            ],
            None => Vec::new(),
        }
    } else {
        vec![(SectionKind::AllOpen, List::All(filter.clone()))]
    };
    // A navigator's two sections are read at once (each on its own connection).
    let mut lists = lists.into_iter();
    let sections = match (lists.next(), lists.next()) {
        (Some((k1, w1)), Some((k2, w2))) => {
            let (a, b) = tokio::try_join!(
                load_section(ctx, k1, w1, page, now, first_contact_secs),
                load_section(ctx, k2, w2, page, now, first_contact_secs)
            )?;
            vec![a, b]
        }
        (Some((k, w)), None) => vec![load_section(ctx, k, w, page, now, first_contact_secs).await?],
        _ => Vec::new(),
    };
    let largest = sections.iter().map(|s| s.total).max().unwrap_or(0);
    let supervising = user.role != crate::auth::Role::Navigator;
    Ok(Caseload {
        page,
        pages: ((largest + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        now,
        first_contact_secs,
        is_navigator: profile.is_some(),
        sections,
        filter: supervising.then_some(filter),
        query: views::FilterForm {
            status: non_empty(&query.status).unwrap_or("").to_owned(),
            need: non_empty(&query.need).unwrap_or("").to_owned(),
            language: non_empty(&query.language).unwrap_or("").to_owned(),
            area: non_empty(&query.area).unwrap_or("").to_owned(),
            navigator: non_empty(&query.navigator).unwrap_or("").to_owned(),
            waiting: non_empty(&query.waiting).unwrap_or("").to_owned(),
            q: non_empty(&query.q).unwrap_or("").to_owned(),
        },
        reassigned: non_empty(&query.reassigned).and_then(|n| n.parse().ok()),
        errors: Vec::new(),
        navigators: if supervising {
            cached_navigator_choices(ctx).await?
        } else {
            Vec::new()
        },
        areas: if supervising {
            ctx.cases.areas.get(db).await?.to_vec()
        } else {
            Vec::new()
        },
    })
}

async fn caseload(
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

/// A case and what this user may do with it; 404 when they may not see it.
async fn visible_case(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(store::CaseDetail, Access)> {
    let db = &ctx.state.db;
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let profile = user.navigator.as_ref();
    let navigator = profile.map(|p| p.navigator_id);
    let access = match transitions::access(user.role, navigator, case.navigator_id, case.status) {
        // An unassigned case is a navigator's to see only when it is in their queue.
        Access::Take => match profile {
            Some(p) if store::in_queue(db, p, id).await? => Access::Take,
            _ => Access::None,
        },
        access => access,
    };
    if access == Access::None {
        tracing::info!(user_id = user.id, case_id = id, "case not visible to user");
        return Err(AppError::NotFound);
    }
    Ok((case, access))
}

/// A case this user may change: 404 when they may not see it, 403 when they may only take it.
async fn workable_case(ctx: &CaseCtx, user: &CurrentUser, id: i64) -> AppResult<store::CaseDetail> {
    match visible_case(ctx, user, id).await? {
        (case, Access::Full) => Ok(case),
        _ => Err(AppError::Forbidden),
    }
}

async fn render_case(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    forms: &CaseForms<'_>,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let (case, access) = visible_case(ctx, user, id).await?;
    let now = crate::db::now();
    if access == Access::Full && case.unread_reply() && case.navigator_id.is_some() {
        let mine = user.navigator.as_ref().map(|p| p.navigator_id);
        if mine == case.navigator_id {
            store::mark_replies_seen(db, id, now).await?;
        }
    }
    // Every active program, with what it means for this household: navigators see the ones
    // ruled out too, so they can explain why.
    let eligibility = match crate::programs::matches::household_of_resident(db, case.resident_id)
        .await
        .map_err(AppError::Other)?
    {
        Some(household) => ctx
            .cases
            .catalog
            .get(&ctx.state.db)
            .await
            .map_err(AppError::Other)?
            .for_household(&household),
        None => Vec::new(),
    };
    let texts = Some(texts::panel(ctx, &case).await?);
    let page = views::CasePage {
        texts,
        eligibility,
        events: store::timeline(db, id).await?,
        referrals: store::referrals(db, id).await?,
        programs: if access == Access::Full {
            store::program_choices(db).await?
        } else {
            Vec::new()
        },
        outcome: store::outcome(db, id).await?,
        navigators: if access == Access::Full && user.role != crate::auth::Role::Navigator {
            cached_navigator_choices(ctx).await?
        } else {
            Vec::new()
        },
        suggestions: if access == Access::Full
            && user.role != crate::auth::Role::Navigator
            && case.navigator_id.is_none()
            && transitions::is_open(case.status)
        {
            suggest_navigators(db, id).await?
        } else {
            Vec::new()
        },
        case,
        access,
    };
    // Every page that shows a resident's data, also one drawn again after a refused change,
    // is a view the log records; only a case this user may see gets this far.
    ctx.state
        .audit
        .record(user.id, "view_case", id, now)
        .await?;
    Ok(html_response(
        status,
        views::case_page(ctx, user, &page, forms),
        Caching::NoStore,
    ))
}

async fn case_page(ctx: CaseCtx, user: CurrentUser, Path(id): Path<String>) -> AppResult<Response> {
    let id = case_id(&id)?;
    render_case(&ctx, &user, id, StatusCode::OK, &CaseForms::default()).await
}

/// Draws the case again with the user's input and a conflict message: someone changed the
/// case after this user's form was drawn.
async fn conflict(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    mut forms: CaseForms<'_>,
) -> AppResult<Response> {
    tracing::info!(user_id = user.id, case_id = id, "stale form refused");
    forms.conflict = true;
    render_case(ctx, user, id, StatusCode::CONFLICT, &forms).await
}

/// Draws the case again with the user's input and what is wrong with it.
async fn refused(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    forms: CaseForms<'_>,
) -> AppResult<Response> {
    tracing::info!(user_id = user.id, case_id = id, fields = ?forms.errors.iter().map(|e| e.field).collect::<Vec<_>>(), "case change refused");
    render_case(ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await
}

fn to_case(id: i64) -> Response {
    Redirect::to(&format!("/cases/{id}")).into_response()
}

async fn take(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let db = &ctx.state.db;
    let profile = user.navigator.clone().ok_or(AppError::Forbidden)?;
    let navigator = profile.navigator_id;
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if case.navigator_id != Some(navigator) && !store::in_queue(db, &profile, id).await? {
        // Outside this navigator's areas, languages or skills: as if it did not exist. Only a
        // case they could have seen in their queue may answer "someone else took it".
        return Err(AppError::NotFound);
    }
    if store::take(db, id, navigator, user.id, crate::db::now()).await? {
        tracing::info!(user_id = user.id, case_id = id, "case taken");
        return Ok(to_case(id));
    }
    let case = store::case_detail(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if case.navigator_id == Some(navigator) {
        // A second click on the same button.
        return Ok(to_case(id));
    }
    // Say only that it was taken: no reference code, so a guessed id tells nothing more.
    tracing::info!(user_id = user.id, case_id = id, "case already taken");
    let load = load_caseload(&ctx, user, &ListQuery::default()).await?;
    Ok(html_response(
        StatusCode::CONFLICT,
        views::caseload(&ctx, user, &load, true),
        Caching::NoStore,
    ))
}

/// The version the user's form was drawn from; a missing or garbled one counts as stale.
fn form_version(form: &StaffForm) -> Option<i64> {
    form.get("version").parse().ok()
}

async fn add_note(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let note = form.get("note").trim();
    let mut forms = CaseForms {
        note,
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let problem = if note.is_empty() {
        Some("case-note-error-empty")
    } else if note.chars().count() > MAX_NOTE_CHARS {
        Some("case-note-error-too-long")
    } else {
        None
    };
    if let Some(message) = problem {
        forms.errors.push(FieldError {
            field: "note",
            message,
        });
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    }
    match store::add_note(
        &ctx.state.db,
        id,
        case.version,
        user.id,
        note,
        crate::db::now(),
    )
    .await?
    {
        Change::Done => {
            tracing::info!(user_id = user.id, case_id = id, "note added");
            Ok(to_case(id))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

async fn change_status(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let mut forms = CaseForms::default();
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let to = CaseStatus::parse(form.get("status"))
        .filter(|to| transitions::status_choices(case.status).any(|s| s == *to));
    let Some(to) = to else {
        tracing::info!(user_id = user.id, case_id = id, from = %case.status, to = form.get("status"), "status change refused");
        forms.errors.push(FieldError {
            field: "status",
            message: "case-status-error-not-allowed",
        });
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    };
    let close_reason = CloseReason::parse(form.get("close_reason"));
    if to == CaseStatus::Closed && close_reason.is_none() {
        forms.errors.push(FieldError {
            field: "close_reason",
            message: "case-close-reason-error",
        });
        forms.status = to.code();
        return refused(&ctx, user, id, forms).await;
    }
    let now = crate::db::now();
    match store::change_status(
        &ctx.state.db,
        id,
        case.version,
        case.status,
        to,
        close_reason,
        user.id,
        now,
    )
    .await?
    {
        Change::Done => {
            tracing::info!(user_id = user.id, case_id = id, from = %case.status, %to, "status changed");
            Ok(to_case(id))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

async fn log_contact(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let note = form.get("contact_note").trim();
    let mut forms = CaseForms {
        contact_note: note,
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let channel = store::ContactChannel::parse(form.get("channel"));
    if channel.is_none() {
        forms.errors.push(FieldError {
            field: "channel",
            message: "case-contact-error-channel",
        });
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        forms.errors.push(FieldError {
            field: "contact_note",
            message: "case-note-error-too-long",
        });
    }
    let Some(channel) = channel.filter(|_| forms.errors.is_empty()) else {
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    };
    match store::log_contact(
        &ctx.state.db,
        id,
        case.version,
        user.id,
        channel,
        note,
        crate::db::now(),
    )
    .await?
    {
        Change::Done => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                channel = channel.code(),
                "contact logged"
            );
            Ok(to_case(id))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

/// The day a follow-up falls due, as typed in a date field (`YYYY-MM-DD`): the start of that
/// day in the help desk's time zone. From today up to a year ahead.
fn follow_up_day(ctx: &CaseCtx, raw: &str, now: i64) -> Result<Option<(i64, String)>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let tz = ctx.state.config.timezone.clone();
    let day: jiff::civil::Date = raw.parse().map_err(|_| ())?;
    let today = jiff::Timestamp::from_second(now)
        .map_err(|_| ())?
        .to_zoned(tz.clone())
        .date();
    if day < today
        || day
            > today
                .checked_add(jiff::Span::new().days(366))
                .map_err(|_| ())?
    {
        return Err(());
    }
    let start = day.to_zoned(tz).map_err(|_| ())?.timestamp().as_second();
    Ok(Some((start, day.to_string())))
}

async fn set_follow_up(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let raw = form.get("follow_up");
    let mut forms = CaseForms {
        follow_up: Some(raw),
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let now = crate::db::now();
    let Ok(due) = follow_up_day(&ctx, raw, now) else {
        forms.errors.push(FieldError {
            field: "follow_up",
            message: "case-follow-up-error",
        });
        return refused(&ctx, user, id, forms).await;
    };
    let due_ref = due.as_ref().map(|(at, day)| (*at, day.as_str()));
    match store::set_follow_up(&ctx.state.db, id, case.version, user.id, due_ref, now).await? {
        Change::Done => Ok(to_case(id)),
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

async fn add_referral(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let note = form.get("referral_note").trim();
    let mut forms = CaseForms {
        referral_note: note,
        program: form.get("program"),
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let db = &ctx.state.db;
    let programs = store::program_choices(db).await?;
    let program = form
        .get("program")
        .parse::<i64>()
        .ok()
        .and_then(|pid| programs.iter().find(|p| p.id == pid));
    let existing = store::referrals(db, id).await?;
    match program {
        None => forms.errors.push(FieldError {
            field: "program",
            message: "referral-error-program",
        }),
        Some(p) if existing.iter().any(|r| r.program_id == p.id) => forms.errors.push(FieldError {
            field: "program",
            message: "referral-error-already",
        }),
        Some(_) => {}
    }
    let status = ReferralStatus::parse(form.get("referral_status"));
    if status.is_none() {
        forms.errors.push(FieldError {
            field: "referral_status",
            message: "referral-error-status",
        });
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        forms.errors.push(FieldError {
            field: "referral_note",
            message: "case-note-error-too-long",
        });
    }
    let (Some(program), Some(status), true) = (program, status, forms.errors.is_empty()) else {
        return refused(&ctx, user, id, forms).await;
    };
    let now = crate::db::now();
    match store::add_referral(db, id, case.version, user.id, program, status, note, now).await? {
        store::ReferralChange::Done => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                program_id = program.id,
                "referral added"
            );
            Ok(to_case(id))
        }
        store::ReferralChange::Stale => conflict(&ctx, user, id, forms).await,
        store::ReferralChange::Refused => {
            forms.errors.push(FieldError {
                field: "program",
                message: "referral-error-already",
            });
            refused(&ctx, user, id, forms).await
        }
    }
}

async fn update_referral(
    ctx: CaseCtx,
    Path((id, referral)): Path<(String, String)>,
    form: StaffForm,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let referral_id: i64 = referral.parse().map_err(|_| AppError::NotFound)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let db = &ctx.state.db;
    let referral = store::referrals(db, id)
        .await?
        .into_iter()
        .find(|r| r.id == referral_id)
        .ok_or(AppError::NotFound)?;
    let mut forms = CaseForms::default();
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let Some(to) = ReferralStatus::parse(form.get("status")).filter(|to| *to != referral.status)
    else {
        forms.errors.push(FieldError {
            field: "referral_status",
            message: "referral-error-status",
        });
        return refused(&ctx, user, id, forms).await;
    };
    let now = crate::db::now();
    match store::update_referral(db, id, case.version, user.id, &referral, to, "", now).await? {
        store::ReferralChange::Done => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                referral_id,
                to = to.code(),
                "referral updated"
            );
            Ok(to_case(id))
        }
        store::ReferralChange::Stale => conflict(&ctx, user, id, forms).await,
        store::ReferralChange::Refused => Err(AppError::NotFound),
    }
}

async fn save_outcome(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let case = workable_case(&ctx, user, id).await?;
    let input = outcome::OutcomeInput::read(|name| form.get(name));
    let mut forms = CaseForms {
        outcome: Some(input.clone()),
        ..CaseForms::default()
    };
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let outcome = match input.validate() {
        Ok(outcome) => outcome,
        Err(errors) => {
            forms.errors = errors;
            return refused(&ctx, user, id, forms).await;
        }
    };
    let now = crate::db::now();
    match store::save_outcome(&ctx.state.db, id, case.version, user.id, &outcome, now).await? {
        Change::Done => {
            tracing::info!(user_id = user.id, case_id = id, "outcome recorded");
            Ok(to_case(id))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

/// Where a bulk reassignment returns to: the list the supervisor was looking at.
fn back_to_list(form: &StaffForm, changed: usize) -> String {
    let back = form.get("back");
    let query = back
        .strip_prefix("/cases?")
        .filter(|q| !q.contains(['#', '\\']))
        .unwrap_or("");
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .filter(|(k, _)| k != "reassigned")
        .collect();
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.extend_pairs(kept);
    ser.append_pair("reassigned", &changed.to_string());
    format!("/cases?{}", ser.finish())
}

async fn chosen_navigator(
    ctx: &CaseCtx,
    form: &StaffForm,
) -> AppResult<Option<store::NavigatorChoice>> {
    let choices = store::navigator_choices(&ctx.state.db).await?;
    Ok(form
        .get("navigator")
        .parse::<i64>()
        .ok()
        .and_then(|id| choices.into_iter().find(|n| n.id == id)))
}

/// A supervisor gives one case to a navigator.
async fn assign_one(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    user.require_role(&[crate::auth::Role::Supervisor, crate::auth::Role::Admin])?;
    let case = workable_case(&ctx, user, id).await?;
    let mut forms = CaseForms::default();
    if form_version(&form) != Some(case.version) {
        return conflict(&ctx, user, id, forms).await;
    }
    let Some(to) = chosen_navigator(&ctx, &form).await? else {
        forms.errors.push(FieldError {
            field: "navigator",
            message: "reassign-error-navigator",
        });
        return refused(&ctx, user, id, forms).await;
    };
    if !transitions::is_open(case.status) {
        forms.errors.push(FieldError {
            field: "navigator",
            message: "reassign-error-closed",
        });
        return refused(&ctx, user, id, forms).await;
    }
    let changed = store::reassign(&ctx.state.db, &[id], &to, user.id, crate::db::now()).await?;
    ctx.cases.navigator_choices.clear();
    tracing::info!(
        user_id = user.id,
        case_id = id,
        navigator_id = to.id,
        changed,
        "case reassigned"
    );
    Ok(to_case(id))
}

/// A supervisor gives the cases ticked in a list to a navigator.
async fn reassign_many(ctx: CaseCtx, form: StaffForm) -> AppResult<Response> {
    let user = &form.user;
    user.require_role(&[crate::auth::Role::Supervisor, crate::auth::Role::Admin])?;
    let ids: Vec<i64> = form
        .fields
        .iter()
        .filter(|(k, _)| k == "case")
        .filter_map(|(_, v)| v.parse().ok())
        .take(PAGE_SIZE as usize)
        .collect();
    let to = chosen_navigator(&ctx, &form).await?;
    let problem = match (&to, ids.is_empty()) {
        (None, _) => Some("reassign-error-navigator"),
        (_, true) => Some("reassign-error-none-chosen"),
        _ => None,
    };
    if let Some(message) = problem {
        let query: ListQuery = form
            .get("back")
            .parse::<axum::http::Uri>()
            .ok()
            .filter(|uri| uri.path() == "/cases" && uri.host().is_none())
            .and_then(|uri| Query::<ListQuery>::try_from_uri(&uri).ok())
            .map(|Query(q)| q)
            .unwrap_or_default();
        let mut load = load_caseload(&ctx, user, &query).await?;
        load.errors.push(FieldError {
            field: if message == "reassign-error-navigator" {
                "navigator"
            } else {
                "case"
            },
            message,
        });
        return Ok(html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::caseload(&ctx, user, &load, false),
            Caching::NoStore,
        ));
    }
    let Some(to) = to else {
        return Err(AppError::NotFound);
    };
    let changed = store::reassign(&ctx.state.db, &ids, &to, user.id, crate::db::now()).await?;
    ctx.cases.navigator_choices.clear();
    tracing::info!(
        user_id = user.id,
        navigator_id = to.id,
        asked = ids.len(),
        changed,
        "cases reassigned"
    );
    Ok(Redirect::to(&back_to_list(&form, changed)).into_response())
}
