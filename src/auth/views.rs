//! Staff pages of this module: sign-in, the change-password form, the signed-in line every
//! staff page shows, and the refused-form page. Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::session::CurrentUser;
use super::Role;
use crate::intake::form::FieldError;
use crate::web::form::{error_summary, Input};
use crate::web::layout::page;
use crate::web::Ctx;

/// What the sign-in page says above the form, besides field errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginNotice {
    /// Wrong email or password: one message for both, so it tells no one which accounts exist.
    Failed,
    /// The form's CSRF token was missing or wrong (often: the page was open too long).
    Expired,
    TooMany {
        minutes: u64,
    },
}

#[derive(Clone, Copy, Debug, Default)]
pub struct LoginForm<'a> {
    pub email: &'a str,
    pub next: &'a str,
    pub errors: &'a [FieldError],
    pub notice: Option<LoginNotice>,
}

/// A problem shown above a page's content: focused and announced.
pub fn alert(title: &str, body: &str) -> Markup {
    html! {
        div.error-summary role="alert" tabindex="-1" autofocus {
            h2 { (title) }
            p { (body) }
        }
    }
}

/// The hidden field every staff form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

pub fn login(ctx: &Ctx, csrf_token: &str, form: &LoginForm<'_>) -> Markup {
    let title = ctx.t("login-title");
    let title_with_error = if form.errors.is_empty() && form.notice.is_none() {
        title.clone()
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    page(
        ctx,
        &title_with_error,
        html! {
            h1 { (title) }
            p { (ctx.t("login-intro")) }
            @match form.notice {
                Some(LoginNotice::Failed) => (alert(&ctx.t("login-failed-title"), &ctx.t("login-failed"))),
                Some(LoginNotice::Expired) => (alert(&ctx.t("login-expired-title"), &ctx.t("login-expired"))),
                Some(LoginNotice::TooMany { minutes }) => (alert(
                    &ctx.t("login-too-many-title"),
                    &ctx.tr().ta("login-too-many", &[("minutes", minutes.into())]),
                )),
                None => {}
            }
            (error_summary(ctx, form.errors))
            form method="post" action="/login" novalidate {
                (csrf_field(csrf_token))
                input type="hidden" name="next" value=(form.next);
                (Input::new("email", ctx.t("login-email"), form.email)
                    .kind("email").autocomplete("username").ltr().required().render(ctx, form.errors))
                (Input::new("password", ctx.t("login-password"), "")
                    .kind("password").autocomplete("current-password").ltr().required().render(ctx, form.errors))
                p { button type="submit" { (ctx.t("login-submit")) } }
            }
        },
    )
}

fn sign_out_form(ctx: &Ctx, user: &CurrentUser) -> Markup {
    html! {
        form method="post" action="/logout" {
            (csrf_field(&user.csrf_token))
            button type="submit" { (ctx.t("staff-sign-out")) }
        }
    }
}

/// The staff pages this user may open: (path, message id).
pub fn staff_links(role: Role) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![
        ("/cases", "staff-nav-cases"),
        ("/programs", "staff-nav-programs"),
    ];
    if matches!(role, Role::Supervisor | Role::Admin) {
        links.push(("/navigators", "staff-nav-navigators"));
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
/// button.
pub fn signed_in_as(ctx: &Ctx, user: &CurrentUser) -> Markup {
    let role = ctx.t(&format!("role-{}", user.role.code()));
    html! {
        (staff_nav(ctx, user))
        p.signed-in {
            (ctx.tr().ta("staff-signed-in-as", &[("name", user.name.as_str().into()), ("role", role.into())]))
        }
        p { a href="/account/password" { (ctx.t("staff-change-password")) } }
        (sign_out_form(ctx, user))
    }
}

pub fn password_form(
    ctx: &Ctx,
    user: &CurrentUser,
    errors: &[FieldError],
    changed: bool,
) -> Markup {
    let title = ctx.t("account-password-title");
    let title_with_error = if errors.is_empty() {
        title.clone()
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    page(
        ctx,
        &title_with_error,
        html! {
            h1 { (title) }
            (signed_in_as(ctx, user))
            @if changed {
                div.notice role="status" { p { (ctx.t("account-password-changed")) } }
            }
            (error_summary(ctx, errors))
            form method="post" action="/account/password" novalidate {
                (csrf_field(&user.csrf_token))
                (Input::new("current_password", ctx.t("account-current-password"), "")
                    .kind("password").autocomplete("current-password").ltr().required().render(ctx, errors))
                (Input::new("new_password", ctx.t("account-new-password"), "")
                    .hint(ctx.t("account-new-password-hint"))
                    .kind("password").autocomplete("new-password").ltr().required().render(ctx, errors))
                (Input::new("new_password_confirm", ctx.t("account-confirm-password"), "")
                    .kind("password").autocomplete("new-password").ltr().required().render(ctx, errors))
                p { button type="submit" { (ctx.t("account-password-submit")) } }
            }
            p { a href="/cases" { (ctx.t("account-back")) } }
        },
    )
}

/// A staff form whose CSRF token was missing or wrong: nothing was done.
pub fn csrf_failed(ctx: &Ctx) -> Markup {
    let title = ctx.t("csrf-failed-title");
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p { (ctx.t("csrf-failed-body")) }
            p { a href="/cases" { (ctx.t("account-back")) } }
        },
    )
}

/// The page an invite link opens: choose a password, then be signed in.
#[allow(clippy::too_many_arguments)]
pub fn invite_form(
    ctx: &Ctx,
    token: &str,
    csrf_token: &str,
    name: &str,
    email: &str,
    errors: &[FieldError],
    expired_form: bool,
) -> Markup {
    let title = ctx.t("invite-title");
    let title_with_error = if errors.is_empty() && !expired_form {
        title.clone()
    } else {
        format!("{}: {title}", ctx.t("error-title-prefix"))
    };
    page(
        ctx,
        &title_with_error,
        html! {
            h1 { (title) }
            p { (ctx.tr().ta("invite-intro", &[("name", name.into()), ("email", email.into())])) }
            @if expired_form {
                (alert(&ctx.t("login-expired-title"), &ctx.t("invite-form-expired")))
            }
            (error_summary(ctx, errors))
            form method="post" action={ "/invite/" (token) } novalidate {
                (csrf_field(csrf_token))
                // Lets password managers file the new password under the right account.
                input type="hidden" name="username" autocomplete="username" value=(email);
                (Input::new("new_password", ctx.t("account-new-password"), "")
                    .hint(ctx.t("account-new-password-hint"))
                    .kind("password").autocomplete("new-password").ltr().required().render(ctx, errors))
                (Input::new("new_password_confirm", ctx.t("account-confirm-password"), "")
                    .kind("password").autocomplete("new-password").ltr().required().render(ctx, errors))
                p { button type="submit" { (ctx.t("invite-submit")) } }
            }
        },
    )
}

/// A used, expired or unknown invite link: one page for all three.
pub fn invite_invalid(ctx: &Ctx) -> Markup {
    let title = ctx.t("invite-invalid-title");
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p { (ctx.t("invite-invalid-body")) }
            p { a href="/login" { (ctx.t("invite-sign-in")) } }
        },
    )
}
