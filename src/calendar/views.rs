//! The navigator's calendar link page: the link to copy into a calendar app, and buttons to
//! make a new one or turn it off.

use maud::{html, Markup};

use crate::auth::CurrentUser;
use crate::web::staff::{csrf_field, staff_page};
use crate::web::Ctx;

fn action_form(user: &CurrentUser, action: &str, label: &str, secondary: bool) -> Markup {
    html! {
        form method="post" action="/account/calendar" {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="action" value=(action);
            @if secondary {
                button.secondary type="submit" { (label) }
            } @else {
                button type="submit" { (label) }
            }
        }
    }
}

pub fn link_page(ctx: &Ctx, user: &CurrentUser, url: Option<&str>) -> Markup {
    let title = ctx.t("calendar-title");
    staff_page(
        ctx,
        user,
        &title,
        &title,
        html! {
            p { (ctx.t("calendar-intro")) }
            @match url {
                Some(url) => {
                    p {
                        label for="calendar-url" { (ctx.t("calendar-url-label")) }
                        input #calendar-url type="text" readonly value=(url) dir="ltr" spellcheck="false" autocomplete="off";
                    }
                    p.hint { (ctx.t("calendar-secret-hint")) }
                    (action_form(user, "make", &ctx.t("calendar-make-new"), false))
                    (action_form(user, "revoke", &ctx.t("calendar-revoke"), true))
                }
                None => {
                    p { (ctx.t("calendar-none")) }
                    (action_form(user, "make", &ctx.t("calendar-make"), false))
                }
            }
            p { a href="/cases" { (ctx.t("account-back")) } }
        },
    )
}
