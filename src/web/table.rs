//! The table of a staff list that comes a page at a time (navigators, programs, users, the
//! audit log): one place for its markup, so every list reads the same to a screen reader and
//! scrolls the same on a narrow screen.

use maud::{html, Markup};

use super::layout::pager;
use super::Ctx;

/// One page of a list: a table captioned with the page number, a heading per column and a row
/// per item, or a sentence instead when the page is empty; then links to the pages around it.
pub struct PagedTable<'a> {
    ctx: &'a Ctx,
    /// Messages naming the columns, in order.
    columns: &'a [&'a str],
    page_no: i64,
    more: bool,
    caption: &'a str,
    caption_id: Option<&'a str>,
    empty: Option<&'a str>,
    /// The message naming the pages (for the `nav` around their links), and page n's address.
    pages: Option<(&'a str, &'a dyn Fn(i64) -> String)>,
}

impl<'a> PagedTable<'a> {
    /// Page `page_no` (from 1) of a list with these `columns`; `more` when another page
    /// follows. The caption is `admin-page` unless `caption` says otherwise.
    pub fn new(ctx: &'a Ctx, columns: &'a [&'a str], page_no: i64, more: bool) -> Self {
        Self {
            ctx,
            columns,
            page_no,
            more,
            caption: "admin-page",
            caption_id: None,
            empty: None,
            pages: None,
        }
    }

    /// Another caption message (it takes the page number as `page`), with an `id` the table is
    /// labelled by.
    pub fn caption(mut self, message: &'a str, id: &'a str) -> Self {
        self.caption = message;
        self.caption_id = Some(id);
        self
    }

    /// The message said instead of a table when the page has no rows (without it, the table is
    /// drawn with its headings only).
    pub fn when_empty(mut self, message: &'a str) -> Self {
        self.empty = Some(message);
        self
    }

    /// The message naming the list's pages, and `link(n)`, the address of page n.
    pub fn pages(mut self, message: &'a str, link: &'a dyn Fn(i64) -> String) -> Self {
        self.pages = Some((message, link));
        self
    }

    /// The table of `items`, one `row` (a `tr`) each.
    pub fn render<T>(&self, items: &[T], row: impl Fn(&T) -> Markup) -> Markup {
        let ctx = self.ctx;
        let caption = ctx.tr().ta(self.caption, &[("page", self.page_no.into())]);
        html! {
            @match self.empty.filter(|_| items.is_empty()) {
                Some(message) => p { (ctx.t(message)) },
                None => div.table-wrap {
                    table aria-labelledby=[self.caption_id] {
                        caption id=[self.caption_id] { (caption) }
                        thead {
                            tr {
                                @for column in self.columns {
                                    th scope="col" { (ctx.t(column)) }
                                }
                            }
                        }
                        tbody {
                            @for item in items {
                                (row(item))
                            }
                        }
                    }
                },
            }
            @if let Some((pages, link)) = self.pages {
                (pager(ctx, &ctx.t(pages), self.page_no, self.more, link))
            }
        }
    }
}

/// A yes-or-no cell.
pub fn yes_no(ctx: &Ctx, yes: bool) -> String {
    ctx.t(if yes { "admin-yes" } else { "admin-no" })
}
