//! `/areas`, for supervisors: which areas count as rural in the covered populations' figures
//! (`populations`). One form ticks the rural areas; saving it sets every area's flag at once
//! (the stored sums of the periods with requests from a changed area are marked by a trigger).

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde::Deserialize;

use crate::auth::{CurrentUser, StaffForm};
use crate::db::Db;
use crate::web::pages::{html_response, Caching};
use crate::web::staff::{csrf_field, staff_page};
use crate::web::{AppResult, Ctx};

/// Every area's id, name and whether it is rural, by name.
pub async fn list(db: &Db) -> sqlx::Result<Vec<(i64, String, bool)>> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, name, rural FROM areas ORDER BY name, id")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, rural)| (id, name, rural != 0))
        .collect())
}

/// Makes exactly the areas of `rural` (ids) rural, in one transaction; ids of no area are
/// ignored. Returns how many areas changed.
pub async fn set_rural(db: &Db, rural: &[i64]) -> sqlx::Result<u64> {
    let mut tx = db.pool.begin().await?;
    let mut changed = 0;
    for (id, _, was) in list(db).await? {
        let now = rural.contains(&id);
        if now != was {
            changed += sqlx::query("UPDATE areas SET rural = $1 WHERE id = $2")
                .bind(i64::from(now))
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
    }
    tx.commit().await?;
    Ok(changed)
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct AreasQuery {
    saved: Option<String>,
}

pub(super) async fn page(
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<AreasQuery>,
) -> AppResult<Response> {
    super::require_supervisor(&user)?;
    let areas = list(&ctx.state.db).await?;
    Ok(html_response(
        StatusCode::OK,
        view(&ctx, &user, &areas, q.saved.is_some()),
        Caching::NoStore,
    ))
}

pub(super) async fn save(ctx: Ctx, form: StaffForm) -> AppResult<Response> {
    super::require_supervisor(&form.user)?;
    let rural: Vec<i64> = form
        .all("rural")
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    let changed = set_rural(&ctx.state.db, &rural).await?;
    tracing::info!(user_id = form.user.id, changed, "rural areas saved");
    Ok(Redirect::to("/areas?saved=1").into_response())
}

fn view(ctx: &Ctx, user: &CurrentUser, areas: &[(i64, String, bool)], saved: bool) -> Markup {
    let title = ctx.t("areas-title");
    staff_page(
        ctx,
        user,
        &title,
        &title,
        html! {
            @if saved {
                p role="status" { (ctx.t("areas-saved")) }
            }
            p { (ctx.t("areas-intro")) }
            @if areas.is_empty() {
                p { (ctx.t("areas-none")) }
            } @else {
                form method="post" action="/areas" {
                    (csrf_field(&user.csrf_token))
                    div.table-wrap tabindex="0" role="region" aria-label=(title) {
                        table {
                            thead {
                                tr {
                                    th scope="col" { (ctx.t("areas-col-name")) }
                                    th scope="col" { (ctx.t("areas-col-rural")) }
                                }
                            }
                            tbody {
                                @for (id, name, rural) in areas {
                                    tr {
                                        th scope="row" { (name) }
                                        td {
                                            input type="checkbox" name="rural" value=(id)
                                                id={ "rural-" (id) } checked[*rural]
                                                aria-label=(ctx.tr().ta("areas-rural-label", &[("name", name.as_str().into())]));
                                        }
                                    }
                                }
                            }
                        }
                    }
                    p { button type="submit" { (ctx.t("areas-save")) } }
                }
            }
        },
    )
}
