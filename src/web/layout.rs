//! The page frame every HTML answer shares, and small components.

use maud::{html, Markup, DOCTYPE};

use super::Ctx;
use crate::i18n::Lang;

/// A whole page: `title` names it (the site name follows), `body` fills `<main>`.
pub fn page(ctx: &Ctx, title: &str, body: Markup) -> Markup {
    let lang = ctx.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (ctx.t("site-name")) }
                link rel="stylesheet" href=(ctx.state.assets.css_path);
                link rel="icon" href="data:,";
            }
            body {
                a.skip href="#main" { (ctx.t("skip-to-content")) }
                header.site {
                    a.brand href="/" { (ctx.t("site-name")) }
                    (language_chooser(ctx))
                }
                main #main tabindex="-1" { (body) }
                footer.site {
                    p { (ctx.t("footer-privacy")) }
                    p { a href="/status" { (ctx.t("nav-check-status")) } }
                    p { a href="/equity" { (ctx.t("equity-footer-link")) } }
                }
            }
        }
    }
}

/// Each language named in itself; the current one is marked, not linked.
pub fn language_chooser(ctx: &Ctx) -> Markup {
    html! {
        nav.langs aria-label=(ctx.t("language-chooser")) {
            ul {
                @for lang in Lang::all() {
                    li {
                        @if lang == ctx.lang {
                            span lang=(lang.code()) aria-current="true" { (lang.info().native_name) }
                        } @else {
                            a href={ (ctx.path) "?lang=" (lang.code()) } lang=(lang.code()) hreflang=(lang.code()) {
                                (lang.info().native_name)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Previous and next links under a list that comes a page at a time; `link(n)` is page n.
pub fn pager(
    ctx: &Ctx,
    label: &str,
    page_no: i64,
    more: bool,
    link: impl Fn(i64) -> String,
) -> Markup {
    html! {
        @if page_no > 1 || more {
            nav.pages aria-label=(label) {
                p {
                    @if page_no > 1 {
                        a href=(link(page_no - 1)) rel="prev" { (ctx.t("cases-previous")) }
                        " "
                    }
                    @if more {
                        a href=(link(page_no + 1)) rel="next" { (ctx.t("cases-next")) }
                    }
                }
            }
        }
    }
}
