//! The audit log: who viewed or changed which resident's data, and when. Viewing a case page
//! writes `view_case`; each change to a case writes its own action (`take_case`, `add_note`,
//! `change_status`, `log_contact`) in the transaction of the change. Changes to staff accounts,
//! navigator profiles and programs name their target instead of a case. Admins read the log at
//! `GET /audit`; anyone else signed in gets 403 (the role check every staff page uses; the
//! page's existence is no secret).
//!
//! What no signed-in staff member did has no `user_id`: the retention job (the system) and the
//! data-care commands (`navdesk export-resident`, `erase-resident`), whose entries name the
//! person who asked and the operating-system user in `actor` (see `db::audit::record_actor_in`).

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use serde::Deserialize;
use sqlx::Row;

use crate::auth::{CurrentUser, Role};
use crate::db::{Db, Page};
use crate::web::form::Input;
use crate::web::layout::page;
use crate::web::pages::{html_response, Caching};
use crate::web::staff::signed_in_as;
use crate::web::table::PagedTable;
use crate::web::Shared;
use crate::web::{AppResult, Ctx};

/// Rows on one page of the log.
pub const PAGE_SIZE: i64 = 100;

/// One line of the log as admins see it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// `None`: no signed-in staff member; see `actor`.
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    /// Who acted when no staff member did (`None` with no `user_id`: the system).
    pub actor: Option<String>,
    pub resident_id: Option<i64>,
    /// How many residents the entry is about (a retention run).
    pub residents_count: Option<i64>,
    pub action: String,
    pub case_id: Option<i64>,
    pub ref_code: Option<String>,
    pub target_user_id: Option<i64>,
    pub target_user_name: Option<String>,
    pub program_id: Option<i64>,
    pub program_name: Option<String>,
    pub at: i64,
}

/// Which rows to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub user_id: Option<i64>,
    pub ref_code: Option<String>,
}

/// Newest first, `PAGE_SIZE` a page (`page` counts from 1), plus whether there is more.
pub async fn entries(
    db: &Db,
    filter: &Filter,
    page: i64,
) -> Result<(Vec<Entry>, bool), sqlx::Error> {
    let mut conditions = Vec::new();
    let mut n = 0;
    if filter.user_id.is_some() {
        n += 1;
        conditions.push(format!("a.user_id = ${n}"));
    }
    if filter.ref_code.is_some() {
        n += 1;
        conditions.push(format!(
            "a.case_id = (SELECT id FROM cases WHERE ref_code = ${n})"
        ));
    }
    let where_clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT a.user_id, a.action, a.case_id, a.at, u.name AS user_name, c.ref_code, \
                a.target_user_id, t.name AS target_user_name, a.program_id, p.name AS program_name, \
                a.actor, a.resident_id, a.residents_count \
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
         LEFT JOIN cases c ON c.id = a.case_id \
         LEFT JOIN users t ON t.id = a.target_user_id \
         LEFT JOIN programs p ON p.id = a.program_id \
         {where_clause} ORDER BY a.at DESC, a.id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let mut query = sqlx::query(&sql);
    if let Some(user_id) = filter.user_id {
        query = query.bind(user_id);
    }
    if let Some(ref_code) = &filter.ref_code {
        query = query.bind(ref_code.clone());
    }
    let (rows, more) = Page::new(page, PAGE_SIZE).fetch(db, query).await?;
    let entries = rows
        .iter()
        .map(|r| {
            Ok(Entry {
                user_id: r.try_get("user_id")?,
                user_name: r.try_get("user_name")?,
                actor: r.try_get("actor")?,
                resident_id: r.try_get("resident_id")?,
                residents_count: r.try_get("residents_count")?,
                action: r.try_get("action")?,
                case_id: r.try_get("case_id")?,
                ref_code: r.try_get("ref_code")?,
                target_user_id: r.try_get("target_user_id")?,
                target_user_name: r.try_get("target_user_name")?,
                program_id: r.try_get("program_id")?,
                program_name: r.try_get("program_name")?,
                at: r.try_get("at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok((entries, more))
}

pub fn router() -> Router<Shared> {
    Router::new().route("/audit", get(audit_page))
}

#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    user: Option<String>,
    case: Option<String>,
    page: Option<String>,
}

async fn audit_page(
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    user.require_role(&[Role::Admin])?;
    let user_text = q.user.unwrap_or_default().trim().to_owned();
    let case_text = q.case.unwrap_or_default().trim().to_uppercase();
    let filter = Filter {
        // A user filter that is not a number matches no one rather than everyone.
        user_id: (!user_text.is_empty()).then(|| user_text.parse().unwrap_or(-1)),
        ref_code: (!case_text.is_empty()).then(|| case_text.clone()),
    };
    let page = q
        .page
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let (entries, more) = entries(&ctx.state.db, &filter, page).await?;
    Ok(html_response(
        StatusCode::OK,
        view(&ctx, &user, &entries, &user_text, &case_text, page, more),
        Caching::NoStore,
    ))
}

fn page_link(user: &str, case: &str, page: i64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if !user.is_empty() {
        query.append_pair("user", user);
    }
    if !case.is_empty() {
        query.append_pair("case", case);
    }
    query.append_pair("page", &page.to_string());
    format!("/audit?{}", query.finish())
}

fn view(
    ctx: &Ctx,
    user: &CurrentUser,
    entries: &[Entry],
    user_text: &str,
    case_text: &str,
    page_no: i64,
    more: bool,
) -> Markup {
    let title = ctx.t("audit-title");
    let table = PagedTable::new(ctx, &COLUMNS, page_no, more)
        .caption("audit-page", "audit-heading")
        .when_empty("audit-empty")
        .pages("audit-pages", &|n| page_link(user_text, case_text, n))
        .render(entries, |e| row(ctx, e));
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (signed_in_as(ctx, user))
            form method="get" action="/audit" {
                (Input::new("user", ctx.t("audit-filter-user"), user_text).render(ctx, &[]))
                (Input::new("case", ctx.t("audit-filter-case"), case_text).render(ctx, &[]))
                p { button type="submit" { (ctx.t("audit-filter-submit")) } }
            }
            (table)
        },
    )
}

/// The column headings of the log, in order.
const COLUMNS: [&str; 4] = [
    "audit-col-time",
    "audit-col-user",
    "audit-col-action",
    "audit-col-subject",
];

fn row(ctx: &Ctx, e: &Entry) -> Markup {
    let tr = ctx.tr();
    html! {
        tr {
            td { (crate::web::format::when(ctx, e.at)) }
            td {
                @match (e.user_id, &e.actor) {
                    (Some(id), _) => { (e.user_name.clone().unwrap_or_default()) " (" (id) ")" },
                    (None, Some(actor)) => (actor),
                    (None, None) => (ctx.t("case-event-no-actor")),
                }
            }
            td { (action_label(ctx, &e.action)) }
            td {
                @match (e.case_id, &e.ref_code) {
                    (Some(id), Some(code)) => a href={ "/cases/" (id) } { (code) },
                    _ => "",
                }
                @if let Some(id) = e.target_user_id {
                    (e.target_user_name.clone().unwrap_or_default()) " (" (id) ")"
                }
                @if let (Some(id), Some(name)) = (e.program_id, &e.program_name) {
                    a href={ "/programs/" (id) } { (name) }
                }
                @if e.case_id.is_none() && e.target_user_id.is_none() && e.program_id.is_none() {
                    @if let Some(id) = e.resident_id {
                        (tr.ta("audit-resident", &[("id", id.into())]))
                    }
                }
                @if let Some(n) = e.residents_count {
                    (tr.ta("audit-residents-count", &[("count", n.into())]))
                }
            }
        }
    }
}

fn action_label(ctx: &Ctx, action: &str) -> String {
    match action {
        "view_case"
        | "view_call_back"
        | "take_case"
        | "add_note"
        | "change_status"
        | "log_contact"
        | "create_navigator"
        | "edit_navigator"
        | "create_program"
        | "edit_program"
        | "verify_program"
        | "create_user"
        | "disable_user"
        | "enable_user"
        | "accept_invite"
        | "change_referral"
        | "record_outcome"
        | "set_follow_up"
        | "reassign_case"
        | "release_case"
        | "send_text"
        | "record_request"
        | "change_case"
        | "retention_erase"
        | "erase_resident"
        | "export_resident"
        | "import_program"
        | "import_program_draft" => ctx.t(&format!("audit-action-{action}")),
        other => other.to_owned(),
    }
}
