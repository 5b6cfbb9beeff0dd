//! Correcting a resident's answers after the request came in (`GET/POST /cases/{id}/answers`):
//! the request form, filled in with the answers as they stand and checked as staff intake checks
//! it, except that no neighborhood is required (a caller may not say where they live). A caller
//! on the keypad gave only a language and a need; the navigator who calls back records the rest
//! here, so matching, eligibility and the map can use it.
//!
//! The answers the form promises are never shown with the resident's name (race or ethnicity,
//! veteran, disability) are neither shown here nor changed: they stay as the resident gave them.
//!
//! Consent to texts is kept as it was unless it changes: given now, or for a new number, staff
//! say how the resident agreed (as at intake); unticked, it is taken back. A STOP from the
//! number still wins over any consent recorded here.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;

use super::page::{case_id, form_version, to_case, to_event, workable_case};
use super::{store, CaseCtx};
use crate::areas::choices::AreaChoice;
use crate::auth::{CurrentUser, StaffForm};
use crate::domain::ConsentHow;
use crate::intake::form::{NewRequest, RawRequest};
use crate::intake::views::{request_form, Correcting, StaffIntake};
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::{AppError, AppResult};

/// The form, filled in with the answers as they stand.
pub async fn form(ctx: CaseCtx, user: CurrentUser, Path(id): Path<String>) -> AppResult<Response> {
    let id = case_id(&id)?;
    let case = workable_case(&ctx, &user, id).await?;
    let stored = correctable(&ctx, id).await?;
    let areas = ctx.cases.areas.get(&ctx.state.db).await?;
    let drawn = Drawn {
        raw: &stored.raw,
        errors: &[],
        consent_how: "",
        version: case.version,
        conflict: false,
    };
    Ok(draw(&ctx, &user, id, &areas, drawn, StatusCode::OK))
}

pub async fn submit(ctx: CaseCtx, Path(id): Path<String>, form: StaffForm) -> AppResult<Response> {
    let id = case_id(&id)?;
    let user = &form.user;
    let db = &ctx.state.db;
    let case = workable_case(&ctx, user, id).await?;
    let stored = correctable(&ctx, id).await?;
    let areas = ctx.cases.areas.get(db).await?;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.fields.iter().filter(|(k, _)| k != "website"))
        .finish();
    let mut raw = RawRequest::from_form(body.as_bytes());
    // Never shown on this form (the resident was told they never would be with their name),
    // so never changed by it either, whatever is posted.
    raw.race_ethnicity = stored.raw.race_ethnicity.clone();
    raw.veteran = stored.raw.veteran.clone();
    raw.disability = stored.raw.disability.clone();
    let consent_how = form.get("consent_how");
    let refuse = |errors: &[FieldError], conflict: bool, status| {
        let drawn = Drawn {
            raw: &raw,
            errors,
            consent_how,
            version: case.version,
            conflict,
        };
        Ok(draw(&ctx, user, id, &areas, drawn, status))
    };
    if form_version(&form) != Some(case.version) {
        tracing::info!(
            user_id = user.id,
            case_id = id,
            "stale answers form refused"
        );
        return refuse(&[], true, StatusCode::CONFLICT);
    }
    let (request, consent) = match checked(&raw, &stored.raw, consent_how, &ctx, &areas) {
        Ok(checked) => checked,
        Err(errors) => {
            tracing::info!(user_id = user.id, case_id = id, fields = ?errors.iter().map(|e| e.field).collect::<Vec<_>>(), "answers refused");
            return refuse(&errors, false, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let changed = store::changed_fields(&stored.raw, &as_stored(&request));
    if changed.is_empty() && consent == store::Consent::Keep {
        return Ok(to_case(id));
    }
    let now = crate::db::now();
    match store::correct(
        db,
        id,
        case.version,
        user.id,
        &request,
        consent,
        &changed,
        now,
    )
    .await?
    {
        store::Change::Done(event) => {
            tracing::info!(user_id = user.id, case_id = id, fields = ?changed, "answers corrected");
            if changed.iter().any(|f| matches!(*f, "address" | "zip")) {
                ctx.cases.placer.notify(id);
            }
            Ok(to_event(id, event))
        }
        store::Change::Stale => refuse(&[], true, StatusCode::CONFLICT),
    }
}

/// The stored answers, unless the resident's data was cleared: then there is nothing to
/// correct, and the case page says why.
async fn correctable(ctx: &CaseCtx, id: i64) -> AppResult<store::StoredAnswers> {
    let stored = store::answers(&ctx.state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.erased {
        return Err(AppError::Forbidden);
    }
    Ok(stored)
}

/// The answers checked, and what happens to consent to texts; or every error at once.
fn checked(
    raw: &RawRequest,
    before: &RawRequest,
    consent_how: &str,
    ctx: &CaseCtx,
    areas: &[AreaChoice],
) -> Result<(NewRequest, store::Consent), Vec<FieldError>> {
    let request = crate::intake::form::validate_callback(raw, ctx.lang, areas);
    let had_consent = before.sms_consent == "yes";
    let wants = raw.sms_consent == "yes";
    let same_number = request
        .as_ref()
        .is_ok_and(|r| r.phone.as_ref().map(|p| p.as_str()) == Some(before.phone.as_str()));
    let how = ConsentHow::parse(consent_how);
    let consent = match (wants, had_consent && same_number, how) {
        (true, true, _) => Ok(store::Consent::Keep),
        (true, false, Some(how)) => Ok(store::Consent::Given(how)),
        (true, false, None) => Err(FieldError {
            field: "consent_how",
            message: "intake-staff-consent-how-error",
        }),
        (false, _, _) if had_consent => Ok(store::Consent::Withdrawn),
        (false, _, _) => Ok(store::Consent::Keep),
    };
    match (request, consent) {
        (Ok(request), Ok(consent)) => Ok((request, consent)),
        (request, consent) => {
            let mut errors = request.err().unwrap_or_default();
            errors.extend(consent.err());
            Err(errors)
        }
    }
}

/// `request` as the stored answers read (`store::answers`), to tell what changed.
fn as_stored(request: &NewRequest) -> RawRequest {
    let codes = |list: Vec<&str>| list.into_iter().map(str::to_owned).collect::<Vec<_>>();
    RawRequest {
        name: request.name.clone(),
        phone: request
            .phone
            .as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        email: request.email.clone().unwrap_or_default(),
        contact_method: request.contact_method.code().to_owned(),
        language: request.language.code().to_owned(),
        address: request.address.clone().unwrap_or_default(),
        zip: request
            .zip
            .as_ref()
            .map(|z| z.as_str().to_owned())
            .unwrap_or_default(),
        area: request.area_id.map(|a| a.to_string()).unwrap_or_default(),
        needs: codes(request.needs.iter().map(|n| n.code()).collect()),
        household_size: request
            .household_size
            .map(|n| n.to_string())
            .unwrap_or_default(),
        monthly_income: request
            .monthly_income
            .map(|n| n.to_string())
            .unwrap_or_default(),
        benefits: codes(request.benefits.iter().map(|b| b.code()).collect()),
        age_band: request
            .age_band
            .map(|a| a.code().to_owned())
            .unwrap_or_default(),
        race_ethnicity: codes(request.race_ethnicity.iter().map(|r| r.code()).collect()),
        veteran: request
            .veteran
            .map(|a| a.code().to_owned())
            .unwrap_or_default(),
        disability: request
            .disability
            .map(|a| a.code().to_owned())
            .unwrap_or_default(),
        accessibility: codes(request.accessibility.iter().map(|a| a.code()).collect()),
        details: request.details.clone(),
        sms_consent: if request.sms_consent {
            "yes".into()
        } else {
            String::new()
        },
        website: String::new(),
    }
}

/// What the form is drawn with.
struct Drawn<'a> {
    raw: &'a RawRequest,
    errors: &'a [FieldError],
    consent_how: &'a str,
    version: i64,
    conflict: bool,
}

fn draw(
    ctx: &CaseCtx,
    user: &CurrentUser,
    id: i64,
    areas: &[AreaChoice],
    drawn: Drawn<'_>,
    status: StatusCode,
) -> Response {
    let staff = StaffIntake {
        csrf_token: &user.csrf_token,
        channel: "",
        consent_how: drawn.consent_how,
        assign_me: None,
        correcting: Some(Correcting {
            case_id: id,
            version: drawn.version,
            conflict: drawn.conflict,
        }),
    };
    let page = request_form(ctx, drawn.raw, drawn.errors, areas, Some(&staff));
    html_response(status, page, Caching::NoStore)
}
