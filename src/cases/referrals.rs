//! Referring a case to a program, and moving a referral on (applied, enrolled, ...).

use super::CaseCtx;
use axum::extract::Path;
use axum::response::Response;

use super::page::{conflict, posted, refused, to_event};
use super::store;
use super::views::CaseForms;
use super::MAX_NOTE_CHARS;
use crate::auth::StaffForm;
use crate::domain::ReferralStatus;
use crate::web::{AppError, AppResult};

pub async fn add_referral(
    ctx: CaseCtx,
    Path(id): Path<String>,
    form: StaffForm,
) -> AppResult<Response> {
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let note = form.get("referral_note").trim();
    let mut forms = CaseForms {
        referral_note: note,
        program: form.get("program"),
        ..CaseForms::default()
    };
    if stale {
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
        None => forms.add_error("program", "referral-error-program"),
        Some(p) if existing.iter().any(|r| r.program_id == p.id) => {
            forms.add_error("program", "referral-error-already")
        }
        Some(_) => {}
    }
    let status = ReferralStatus::parse(form.get("referral_status"));
    if status.is_none() {
        forms.add_error("referral_status", "referral-error-status");
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        forms.add_error("referral_note", "case-note-error-too-long");
    }
    let (Some(program), Some(status), true) = (program, status, forms.errors.is_empty()) else {
        return refused(&ctx, user, id, forms).await;
    };
    // With no device left now (the last one lent), the referral says so rather than send the
    // resident to a program that cannot take them (issue 18).
    let status = if program.out_of_stock() {
        ReferralStatus::NoCapacity
    } else {
        status
    };
    let now = crate::db::now();
    match store::add_referral(db, id, case.version, user.id, program, status, note, now).await? {
        store::ReferralChange::Done(event) => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                program_id = program.id,
                "referral added"
            );
            Ok(to_event(id, event))
        }
        store::ReferralChange::Stale => conflict(&ctx, user, id, forms).await,
        store::ReferralChange::Refused => {
            forms.add_error("program", "referral-error-already");
            refused(&ctx, user, id, forms).await
        }
    }
}

pub async fn update_referral(
    ctx: CaseCtx,
    Path((id, referral)): Path<(String, String)>,
    form: StaffForm,
) -> AppResult<Response> {
    let referral_id: i64 = referral.parse().map_err(|_| AppError::NotFound)?;
    let (id, user, case, stale) = posted(&ctx, &id, &form).await?;
    let db = &ctx.state.db;
    let referral = store::referrals(db, id)
        .await?
        .into_iter()
        .find(|r| r.id == referral_id)
        .ok_or(AppError::NotFound)?;
    let mut forms = CaseForms::default();
    if stale {
        return conflict(&ctx, user, id, forms).await;
    }
    let Some(to) = ReferralStatus::parse(form.get("status")).filter(|to| *to != referral.status)
    else {
        forms.add_error("referral_status", "referral-error-status");
        return refused(&ctx, user, id, forms).await;
    };
    let now = crate::db::now();
    match store::update_referral(db, id, case.version, user.id, &referral, to, "", now).await? {
        store::ReferralChange::Done(event) => {
            tracing::info!(
                user_id = user.id,
                case_id = id,
                referral_id,
                to = to.code(),
                "referral updated"
            );
            Ok(to_event(id, event))
        }
        store::ReferralChange::Stale => conflict(&ctx, user, id, forms).await,
        store::ReferralChange::Refused => Err(AppError::NotFound),
    }
}
