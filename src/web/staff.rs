//! The staff chrome every staff page shows: the staff navigation, who is signed in, the
//! sign-out button, and the CSRF field every staff form carries.

use maud::{html, Markup};

use super::layout::page;
use super::Ctx;
use crate::domain::staff::{CurrentUser, Role};

/// The hidden field every staff form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

fn sign_out_form(ctx: &Ctx, user: &CurrentUser) -> Markup {
    html! {
        form method="post" action="/logout" {
            (csrf_field(&user.csrf_token))
            button.secondary type="submit" { (ctx.t("staff-sign-out")) }
        }
    }
}

/// The staff pages this user may open: (path, message id).
pub fn staff_links(role: Role) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![
        ("/cases", "staff-nav-cases"),
        ("/programs", "staff-nav-programs"),
        // Issue 18: everyone reads the inventory; supervisors and admins change it.
        ("/devices", "staff-nav-devices"),
    ];
    if matches!(role, Role::Supervisor | Role::Admin) {
        links.push(("/navigators", "staff-nav-navigators"));
        links.push(("/sites", "staff-nav-sites"));
        links.push(("/map", "staff-nav-map"));
        links.push(("/reports", "staff-nav-reports"));
    }
    if role == Role::Admin {
        links.push(("/users", "staff-nav-users"));
        links.push(("/audit", "staff-nav-audit"));
    }
    links
}

/// Links to the staff pages; the section the page belongs to is marked, not linked.
fn staff_nav(ctx: &Ctx, user: &CurrentUser) -> Markup {
    let in_section = |path: &str| ctx.path == path || ctx.path.starts_with(&format!("{path}/"));
    html! {
        nav.staff-nav aria-label=(ctx.t("staff-nav-label")) {
            ul {
                @for (path, label) in staff_links(user.role) {
                    li {
                        a href=(path) aria-current=[in_section(path).then_some("page")] { (ctx.t(label)) }
                    }
                }
            }
        }
    }
}

/// The staff navigation, who is signed in, a link to change the password, and the sign-out
/// button: one bar, in a line on a desk's screen, so the page's own work starts near the top.
pub fn signed_in_as(ctx: &Ctx, user: &CurrentUser) -> Markup {
    let role = ctx.t(&format!("role-{}", user.role.code()));
    html! {
        div.staff-bar {
            (staff_nav(ctx, user))
            p.signed-in {
                (ctx.tr().ta("staff-signed-in-as", &[("name", user.name.as_str().into()), ("role", role.into())]))
            }
            p { a href="/account/password" { (ctx.t("staff-change-password")) } }
            @if user.navigator.is_some() {
                p { a href="/account/calendar" { (ctx.t("staff-calendar")) } }
            }
            (sign_out_form(ctx, user))
        }
    }
}

/// A staff page: the staff chrome, the heading, then `body`. `title` is the window's title
/// (the heading, or the heading with an error prefix).
pub fn staff_page(
    ctx: &Ctx,
    user: &CurrentUser,
    title: &str,
    heading: &str,
    body: Markup,
) -> Markup {
    page(
        ctx,
        title,
        html! {
            (signed_in_as(ctx, user))
            h1 { (heading) }
            (body)
        },
    )
}
