//! Staff pages of this module: sign-in, the change-password form, the signed-in line every
//! staff page shows, and the refused-form page. Texts are in `locales/<lang>/staff.ftl`.

use maud::{html, Markup};

use crate::domain::staff::CurrentUser;
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{error_summary, Input};
use crate::web::layout::page;
use crate::web::staff::{csrf_field, signed_in_as};
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
