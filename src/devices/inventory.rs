//! The inventory's pages. Every signed-in staff member reads the list at `GET /devices` (with
//! filters by kind, status, program, site and a search by asset tag or serial) and a device
//! with its history at `GET /devices/{id}`; supervisors and admins also add one (`GET/POST
//! /devices/new`), edit one (`POST /devices/{id}`, refused with 409 when someone saved it
//! meanwhile), change its status by hand or retire it (`POST /devices/{id}/status`), download
//! the inventory (`GET /devices/export.csv`) and upload a spreadsheet (`POST
//! /devices/import`). A bad form or file answers 422 and stores nothing.

use axum::extract::{Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::form::{self, DeviceForm};
use super::model::{Kind, Status};
use super::spreadsheet::{self as sheet, ImportError};
use super::store::{self, Filter, SaveError, StatusChange};
use super::upload::Upload;
use super::views::{self, Choices, ListPage, Notice};
use crate::auth::{CurrentUser, Role, StaffForm};
use crate::web::form::FieldError;
use crate::web::pages::{html_response, Caching};
use crate::web::Shared;
use crate::web::{page_number, AppError, AppResult, Ctx};

/// Who changes the inventory; everyone signed in reads it.
pub const MANAGERS: &[Role] = &[Role::Supervisor, Role::Admin];

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/devices", get(list))
        .route("/devices/export.csv", get(export))
        .route("/devices/import", post(import))
        .route("/devices/new", get(new_form).post(create))
        .route("/devices/{id}", get(device_page).post(update))
        .route("/devices/{id}/status", post(change_status))
}

/// The list's filters as typed, and the notices a redirect asks for.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub program: String,
    #[serde(default)]
    pub site: String,
    pub page: Option<String>,
    pub imported: Option<String>,
}

impl ListQuery {
    /// The filter to read with: a value that names nothing matches nothing, rather than
    /// everything (an id that is not a number finds no program).
    fn filter(&self) -> Filter {
        let id = |raw: &str| (!raw.trim().is_empty()).then(|| raw.trim().parse().unwrap_or(-1));
        Filter {
            kind: Kind::parse(&self.kind),
            status: Status::parse(&self.status),
            program_id: id(&self.program),
            site_id: id(&self.site),
            search: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
        }
    }

    /// This list's address on page `n`, its filters kept.
    pub fn link(&self, n: i64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", &self.q),
            ("kind", &self.kind),
            ("status", &self.status),
            ("program", &self.program),
            ("site", &self.site),
        ] {
            if !value.trim().is_empty() {
                query.append_pair(key, value.trim());
            }
        }
        query.append_pair("page", &n.to_string());
        format!("/devices?{}", query.finish())
    }
}

fn id_in_path(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn choices(ctx: &Ctx) -> AppResult<Choices> {
    let db = &ctx.state.db;
    let programs: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM programs ORDER BY name, id")
            .fetch_all(&db.pool)
            .await?;
    let sites = crate::sites::store::all_sites(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(Choices { programs, sites })
}

async fn list_response(
    ctx: &Ctx,
    user: &CurrentUser,
    q: &ListQuery,
    status: StatusCode,
    problems: &[sheet::Problem],
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let page = page_number(q.page.as_deref());
    let (devices, more) = store::list(db, &q.filter(), page).await?;
    let counts = store::counts_by_status(db).await?;
    let choices = choices(ctx).await?;
    let imported = q.imported.as_deref().and_then(|n| n.parse::<i64>().ok());
    let view = ListPage {
        query: q,
        devices: &devices,
        page,
        more,
        counts: &counts,
        choices: &choices,
        manager: user.has_role(MANAGERS),
        imported,
        problems,
    };
    Ok(html_response(
        status,
        views::list(ctx, user, &view),
        Caching::NoStore,
    ))
}

async fn list(ctx: Ctx, user: CurrentUser, Query(q): Query<ListQuery>) -> AppResult<Response> {
    list_response(&ctx, &user, &q, StatusCode::OK, &[]).await
}

async fn export(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let body = sheet::export(&ctx.state.db).await?;
    tracing::info!(user_id = user.id, bytes = body.len(), "devices exported");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"devices.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

async fn import(ctx: Ctx, sent: Upload) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    match sheet::import(&ctx.state.db, &sent.file, Some(user.id), crate::db::now()).await {
        Ok(n) => {
            tracing::info!(user_id = user.id, devices = n, "devices imported");
            Ok(Redirect::to(&format!("/devices?imported={n}")).into_response())
        }
        Err(ImportError::Problems(problems)) => {
            tracing::info!(
                user_id = user.id,
                problems = problems.len(),
                "devices file refused"
            );
            let q = ListQuery::default();
            list_response(&ctx, user, &q, StatusCode::UNPROCESSABLE_ENTITY, &problems).await
        }
        Err(ImportError::Db(err)) if crate::db::is_unique_violation(&err) => {
            // Another upload added one of these tags after this one was checked.
            let problems = [sheet::Problem {
                line: 1,
                column: None,
                what: sheet::What::ChangedMeanwhile,
            }];
            let q = ListQuery::default();
            list_response(&ctx, user, &q, StatusCode::CONFLICT, &problems).await
        }
        Err(ImportError::Db(err)) => Err(err.into()),
    }
}

fn posted(form: &StaffForm) -> DeviceForm {
    let text = |name: &str| form.get(name).trim().to_owned();
    DeviceForm {
        asset_tag: text("asset_tag"),
        kind: text("kind"),
        serial: text("serial"),
        program: text("program"),
        site: text("site"),
        condition: text("condition"),
        notes: text("notes"),
    }
}

fn checked(form: &DeviceForm, choices: &Choices) -> Result<form::DeviceValues, Vec<FieldError>> {
    let programs: Vec<i64> = choices.programs.iter().map(|p| p.0).collect();
    let sites: Vec<i64> = choices.sites.iter().map(|s| s.0).collect();
    form::check(form, &programs, &sites)
}

fn duplicate() -> Vec<FieldError> {
    vec![FieldError {
        field: "asset_tag",
        message: "device-error-duplicate",
    }]
}

async fn new_form(ctx: Ctx, user: CurrentUser) -> AppResult<Response> {
    user.require_role(MANAGERS)?;
    let choices = choices(&ctx).await?;
    let form = DeviceForm {
        kind: Kind::Hotspot.code().into(),
        condition: "good".into(),
        ..DeviceForm::default()
    };
    Ok(html_response(
        StatusCode::OK,
        views::new_page(&ctx, &user, &form, &choices, &[]),
        Caching::NoStore,
    ))
}

async fn create(ctx: Ctx, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let choices = choices(&ctx).await?;
    let form = posted(&sent);
    let errors = match checked(&form, &choices) {
        Err(errors) => errors,
        Ok(values) => {
            match store::add(&ctx.state.db, &values, Some(user.id), crate::db::now()).await {
                Ok(id) => {
                    tracing::info!(user_id = user.id, device_id = id, "device added");
                    return Ok(Redirect::to(&format!("/devices/{id}?saved=1")).into_response());
                }
                Err(SaveError::Duplicate) => duplicate(),
                Err(SaveError::Stale) => {
                    return Err(AppError::Other(anyhow::anyhow!("insert returned no id")))
                }
                Err(SaveError::Db(err)) => return Err(err.into()),
            }
        }
    };
    Ok(html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::new_page(&ctx, user, &form, &choices, &errors),
        Caching::NoStore,
    ))
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    saved: Option<String>,
    status: Option<String>,
}

/// What a device's page shows besides the stored device.
#[derive(Default)]
struct Extras<'a> {
    notice: Notice,
    errors: Vec<FieldError>,
    /// The form as sent, with the version it was drawn at, instead of the stored device.
    sent: Option<(&'a DeviceForm, i64)>,
}

fn form_of(d: &store::Device) -> DeviceForm {
    DeviceForm {
        asset_tag: d.asset_tag.clone(),
        kind: d.kind.code().into(),
        serial: d.serial.clone(),
        program: d.program_id.to_string(),
        site: d.site_id.map(|s| s.to_string()).unwrap_or_default(),
        condition: d.condition.code().into(),
        notes: d.notes.clone(),
    }
}

async fn device_response(
    ctx: &Ctx,
    user: &CurrentUser,
    id: i64,
    status: StatusCode,
    extras: Extras<'_>,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let device = store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let history = store::history(db, id).await?;
    let manager = user.has_role(MANAGERS);
    let stored = form_of(&device);
    let (form, version) = extras.sent.unwrap_or((&stored, device.version));
    let choices = if manager {
        choices(ctx).await?
    } else {
        Choices::default()
    };
    let page = views::DevicePage {
        device: &device,
        history: &history,
        manager,
        form,
        version,
        choices: &choices,
        errors: &extras.errors,
        notice: extras.notice,
    };
    Ok(html_response(
        status,
        views::device_page(ctx, user, &page),
        Caching::NoStore,
    ))
}

async fn device_page(
    ctx: Ctx,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let id = id_in_path(&id)?;
    let notice = if q.status.is_some() {
        Notice::StatusChanged
    } else if q.saved.is_some() {
        Notice::Saved
    } else {
        Notice::None
    };
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    device_response(&ctx, &user, id, StatusCode::OK, extras).await
}

/// The version a form was drawn at; a missing or garbled one counts as stale.
fn version_sent(sent: &StaffForm) -> i64 {
    sent.get("version").trim().parse().unwrap_or(-1)
}

async fn update(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let db = &ctx.state.db;
    store::detail(db, id).await?.ok_or(AppError::NotFound)?;
    let choices = choices(&ctx).await?;
    let form = posted(&sent);
    let version = version_sent(&sent);
    let errors = match checked(&form, &choices) {
        Err(errors) => errors,
        Ok(values) => {
            match store::edit(db, id, version, &values, Some(user.id), crate::db::now()).await {
                Ok(()) => {
                    tracing::info!(user_id = user.id, device_id = id, "device saved");
                    return Ok(Redirect::to(&format!("/devices/{id}?saved=1")).into_response());
                }
                Err(SaveError::Duplicate) => duplicate(),
                Err(SaveError::Stale) => {
                    tracing::info!(
                        user_id = user.id,
                        device_id = id,
                        "device changed meanwhile"
                    );
                    let extras = Extras {
                        notice: Notice::Conflict,
                        ..Extras::default()
                    };
                    return device_response(&ctx, user, id, StatusCode::CONFLICT, extras).await;
                }
                Err(SaveError::Db(err)) => return Err(err.into()),
            }
        }
    };
    let extras = Extras {
        errors,
        sent: Some((&form, version)),
        ..Extras::default()
    };
    device_response(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, extras).await
}

async fn change_status(ctx: Ctx, Path(id): Path<String>, sent: StaffForm) -> AppResult<Response> {
    let user = &sent.user;
    user.require_role(MANAGERS)?;
    let id = id_in_path(&id)?;
    let Some(to) = Status::parse(sent.get("status")) else {
        let extras = Extras {
            notice: Notice::NotByHand,
            ..Extras::default()
        };
        return device_response(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, extras).await;
    };
    let note = sent.get("note").trim();
    if note.chars().count() > form::MAX_NOTES_CHARS {
        let extras = Extras {
            notice: Notice::NoteTooLong,
            ..Extras::default()
        };
        return device_response(&ctx, user, id, StatusCode::UNPROCESSABLE_ENTITY, extras).await;
    }
    let version = version_sent(&sent);
    let db = &ctx.state.db;
    let outcome =
        store::set_status(db, id, version, to, note, Some(user.id), crate::db::now()).await?;
    let (code, notice) = match outcome {
        StatusChange::Done | StatusChange::Unchanged => {
            tracing::info!(
                user_id = user.id,
                device_id = id,
                status = to.code(),
                "device status set"
            );
            return Ok(Redirect::to(&format!("/devices/{id}?status=1")).into_response());
        }
        StatusChange::NotFound => return Err(AppError::NotFound),
        StatusChange::Stale => (StatusCode::CONFLICT, Notice::Conflict),
        StatusChange::OnLoan => (StatusCode::CONFLICT, Notice::OnLoan),
        StatusChange::NotByHand => (StatusCode::UNPROCESSABLE_ENTITY, Notice::NotByHand),
    };
    tracing::info!(
        user_id = user.id,
        device_id = id,
        ?outcome,
        "device status not set"
    );
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    device_response(&ctx, user, id, code, extras).await
}
