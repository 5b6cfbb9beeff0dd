//! Staff pages of this module: sign-in, the change-password form, the signed-in line every
//! staff page shows, and the refused-form page. Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use super::session::CurrentUser;
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

/// Who is signed in, a link to change the password, and the sign-out button.
pub fn signed_in_as(ctx: &Ctx, user: &CurrentUser) -> Markup {
    let role = ctx.t(&format!("role-{}", user.role.code()));
    html! {
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
