//! The forms of a case page that record the work: a note, a contact with the resident (with
//! the status and follow-up day it leads to), a new status, the follow-up day, and the outcome
//! (which may close the case). Each is checked as a whole, then written at once, and only if
//! the case is still as the user saw it: a refused form stores nothing.

use super::CaseCtx;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;

use super::page::{conflict, posted, refused, render_case, to_event};
use super::store::{self, Change, StatusMove};
use super::views::{stored_day, CaseForms};
use super::{contact, outcome, transitions, MAX_NOTE_CHARS};
use crate::auth::StaffForm;
use crate::domain::{CaseStatus, CloseReason};
use crate::web::AppResult;

pub async fn add_note(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let note = form.get("note").trim();
    let mut forms = CaseForms {
        note,
        ..CaseForms::default()
    };
    if stale {
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
        forms.add_error("note", message);
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
        Change::Done(event) => {
            tracing::info!(user_id = user.id, case_id = id, "note added");
            Ok(to_event(id, event))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

pub async fn change_status(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let mut forms = CaseForms::default();
    if stale {
        return conflict(&ctx, user, id, forms).await;
    }
    let to = CaseStatus::parse(form.get("status"))
        .filter(|to| transitions::status_choices(case.status).any(|s| s == *to));
    let Some(to) = to else {
        tracing::info!(user_id = user.id, case_id = id, from = %case.status, to = form.get("status"), "status change refused");
        forms.add_error("status", "case-status-error-not-allowed");
        return render_case(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, &forms).await;
    };
    let close_reason = CloseReason::parse(form.get("close_reason"));
    if to == CaseStatus::Closed && close_reason.is_none() {
        forms.add_error("close_reason", "case-close-reason-error");
        forms.status = to.code();
        return refused(&ctx, user, id, forms).await;
    }
    let now = crate::db::now();
    let status = StatusMove {
        from: case.status,
        to,
        close_reason,
    };
    match store::change_status(&ctx.state.db, id, case.version, status, user.id, now).await? {
        Change::Done(event) => {
            tracing::info!(user_id = user.id, case_id = id, from = %case.status, %to, "status changed");
            Ok(to_event(id, event))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

/// A contact with the resident, with the status it leads to and the next follow-up day, in one
/// submission. Only `channel` is required: an empty `next_status` leaves the status, and a
/// `follow_up` left empty or as it was leaves the day.
pub async fn log_contact(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let note = form.get("contact_note").trim();
    let mut forms = CaseForms {
        contact_note: note,
        contact_minutes: form.get("minutes"),
        contact_place: form.get("place"),
        next_status: form.get("next_status"),
        follow_up: Some(form.get("follow_up")),
        ..CaseForms::default()
    };
    if stale {
        return conflict(&ctx, user, id, forms).await;
    }
    let (place, minutes) = contact::read(|name| form.get(name).to_owned());
    // A site must exist and still be open for contacts; its name goes into the timeline.
    let site = match place.map(contact::Place::site_id) {
        Ok(Some(site_id)) => store::active_site(&ctx.state.db, site_id).await?,
        _ => None,
    };
    let place = place.and_then(|p| match p.site_id() {
        Some(_) if site.is_none() => Err("case-contact-error-site"),
        _ => Ok(p),
    });
    let field = if form.get("place").trim().is_empty() && !form.get("channel").is_empty() {
        "channel"
    } else {
        "place"
    };
    if let Err(message) = place {
        forms.add_error(field, message);
    }
    if let Err(message) = minutes {
        forms.add_error("minutes", message);
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        forms.add_error("contact_note", "case-note-error-too-long");
    }
    let moves_to = match form.get("next_status") {
        "" => None,
        raw => {
            let to = CaseStatus::parse(raw)
                .filter(|to| transitions::contact_status_choices(case.status).any(|s| s == *to));
            if to.is_none() {
                forms.add_error("next_status", "case-status-error-not-allowed");
            }
            to.map(|to| StatusMove {
                from: case.status,
                to,
                close_reason: None,
            })
        }
    };
    let now = crate::db::now();
    let raw_day = form.get("follow_up").trim();
    let follow_up = if raw_day.is_empty() || raw_day == stored_day(&ctx, case.follow_up_at) {
        None
    } else {
        match follow_up_day(&ctx, raw_day, now) {
            Ok(day) => day,
            Err(()) => {
                forms.add_error("follow_up", "case-follow-up-error");
                None
            }
        }
    };
    let (Ok(place), Ok(minutes)) = (place, minutes) else {
        return refused(&ctx, user, id, forms).await;
    };
    if !forms.errors.is_empty() {
        return refused(&ctx, user, id, forms).await;
    }
    let contact = store::Contact {
        place,
        site_name: site.as_ref().map(|s| s.name.as_str()),
        minutes,
        note,
        moves_to,
        follow_up: follow_up
            .as_ref()
            .map(|(at, day)| Some((*at, day.as_str()))),
    };
    match store::log_contact(&ctx.state.db, id, case.version, user.id, &contact, now).await? {
        Change::Done(event) => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                place = place.code(),
                minutes,
                to = moves_to.map(|m| m.to.code()),
                follow_up = follow_up.is_some(),
                "contact logged"
            );
            Ok(to_event(id, event))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}

pub async fn set_follow_up(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let raw = form.get("follow_up");
    let mut forms = CaseForms {
        follow_up: Some(raw),
        ..CaseForms::default()
    };
    if stale {
        return conflict(&ctx, user, id, forms).await;
    }
    let now = crate::db::now();
    let Ok(due) = follow_up_day(&ctx, raw, now) else {
        forms.add_error("follow_up", "case-follow-up-error");
        return refused(&ctx, user, id, forms).await;
    };
    let due_ref = due.as_ref().map(|(at, day)| (*at, day.as_str()));
    match store::set_follow_up(&ctx.state.db, id, case.version, user.id, due_ref, now).await? {
        Change::Done(event) => Ok(to_event(id, event)),
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

/// The outcome, and with `close=yes` the close of the case with its reason, in one submission:
/// an open case is resolved and then closed, a resolved one closed.
pub async fn save_outcome(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let input = outcome::OutcomeInput::read(|name| form.get(name));
    let close = form.get("close") == "yes";
    let mut forms = CaseForms {
        outcome: Some(input.clone()),
        close,
        close_reason: form.get("close_reason"),
        ..CaseForms::default()
    };
    if stale {
        return conflict(&ctx, user, id, forms).await;
    }
    let outcome = input.validate();
    let mut closes = Vec::new();
    if close {
        match transitions::closing_path(case.status) {
            Some(path) => {
                let close_reason = CloseReason::parse(form.get("close_reason"));
                if close_reason.is_none() {
                    forms.add_error("close_reason", "case-close-reason-error");
                }
                let mut from = case.status;
                for &to in path {
                    closes.push(StatusMove {
                        from,
                        to,
                        close_reason,
                    });
                    from = to;
                }
            }
            None => forms.add_error("close", "outcome-close-error-not-allowed"),
        }
    }
    let outcome = match outcome {
        Ok(outcome) if forms.errors.is_empty() => outcome,
        Ok(_) => return refused(&ctx, user, id, forms).await,
        Err(errors) => {
            // The outcome's errors first, in the order of the form.
            forms.errors.splice(0..0, errors);
            return refused(&ctx, user, id, forms).await;
        }
    };
    let now = crate::db::now();
    let db = &ctx.state.db;
    match store::save_outcome(db, id, case.version, user.id, &outcome, &closes, now).await? {
        Change::Done(event) => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                closed = close,
                "outcome recorded"
            );
            Ok(to_event(id, event))
        }
        Change::Stale => conflict(&ctx, user, id, forms).await,
    }
}
