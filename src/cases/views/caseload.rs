//! The caseload page: a navigator's own cases and queue, or a supervisor's filtered list of
//! every case with the form that gives ticked cases to a navigator.

use maud::{html, Markup};

use super::day::{navigator_day, navigator_loads, Day};
use super::{language_name, navigator_options, status_label};
use crate::areas::choices::AreaChoice;
use crate::auth::CurrentUser;
use crate::cases::store::{CaseLine, Due, Filter, NavigatorChoice, NavigatorLoad};
use crate::domain::CaseStatus;
use crate::i18n::Lang;
use crate::web::form::alert;
use crate::web::form::FieldError;
use crate::web::form::{error_summary, Input, Select};
use crate::web::layout::page;
use crate::web::staff::{csrf_field, signed_in_as};
use crate::web::Ctx;

/// Which list a caseload section shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Mine,
    Queue,
    AllOpen,
}

impl SectionKind {
    fn code(self) -> &'static str {
        match self {
            SectionKind::Mine => "mine",
            SectionKind::Queue => "queue",
            SectionKind::AllOpen => "all",
        }
    }
}

pub struct Section {
    pub kind: SectionKind,
    pub total: i64,
    pub lines: Vec<CaseLine>,
}

pub struct Caseload {
    pub page: i64,
    pub pages: i64,
    pub now: i64,
    pub first_contact_secs: i64,
    /// Whether this user has a navigator row (and so may take cases).
    pub is_navigator: bool,
    pub sections: Vec<Section>,
    /// A navigator's day at a glance (first page only).
    pub day: Option<Day>,
    /// Each active navigator's load, for a supervisor (first page only).
    pub loads: Vec<NavigatorLoad>,
    /// A supervisor's filters (`None` for navigators, who have no filter form).
    pub filter: Option<Filter>,
    /// The filter form as typed.
    pub query: FilterForm,
    /// How many cases a bulk reassignment just changed.
    pub reassigned: Option<i64>,
    /// Navigators cases may be given to (supervisors only).
    pub navigators: Vec<NavigatorChoice>,
    pub areas: Vec<AreaChoice>,
    /// What was wrong with a bulk reassignment.
    pub errors: Vec<FieldError>,
    /// A navigator's appointments today (first page only).
    pub visits: Vec<crate::cases::visits::Visit>,
    /// Their appointments of the coming days (first page only).
    pub coming: Vec<crate::cases::visits::Visit>,
}

/// The supervisor's filter form as typed.
#[derive(Clone, Debug, Default)]
pub struct FilterForm {
    pub status: String,
    pub need: String,
    pub language: String,
    pub area: String,
    pub navigator: String,
    pub waiting: String,
    pub channel: String,
    pub q: String,
}

impl FilterForm {
    /// The query string that draws the same list (without the page).
    pub fn query_string(&self) -> String {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &self.status),
            ("need", &self.need),
            ("language", &self.language),
            ("area", &self.area),
            ("navigator", &self.navigator),
            ("waiting", &self.waiting),
            ("channel", &self.channel),
            ("q", &self.q),
        ] {
            if !v.is_empty() {
                ser.append_pair(k, v);
            }
        }
        ser.finish()
    }

    fn page_link(&self, page: i64) -> String {
        let q = self.query_string();
        if q.is_empty() {
            format!("/cases?page={page}")
        } else {
            format!("/cases?{q}&page={page}")
        }
    }
}

/// The caseload; `take_conflict` when someone else took a case first.
pub fn caseload(ctx: &Ctx, user: &CurrentUser, load: &Caseload, take_conflict: bool) -> Markup {
    let title = ctx.t("cases-title");
    let tr = ctx.tr();
    page(
        ctx,
        &title,
        html! {
            // Marks the page for the stylesheet, which gives the lists a desk screen's width.
            div.caseload {
            (signed_in_as(ctx, user))
            h1 { (title) }
            @if take_conflict {
                (alert(&ctx.t("cases-take-conflict-title"), &ctx.t("cases-take-conflict")))
            }
            (error_summary(ctx, &load.errors))
            @if let Some(n) = load.reassigned {
                div.flag role="status" { p { (tr.ta("reassign-done", &[("count", n.into())])) } }
            }
            @if load.filter.is_some() {
                p { a href="/cases/new" { (ctx.t("intake-staff-link")) } }
                @if !load.loads.is_empty() {
                    (navigator_loads(ctx, load))
                }
                (filter_form(ctx, load))
            } @else if load.is_navigator {
                p { a href="/cases/new" { (ctx.t("intake-staff-link")) } }
            }
            (crate::cases::visits::today_block(ctx, &load.visits, &load.coming))
            @if let Some(day) = &load.day {
                (navigator_day(ctx, user, load, day))
            }
            @if load.sections.is_empty() {
                p { (ctx.t("cases-no-navigator-profile")) }
            }
            ul.counts {
                @for s in &load.sections {
                    li { (tr.ta(&format!("cases-count-{}", s.kind.code()), &[("count", s.total.into())])) }
                }
            }
            @for s in &load.sections {
                section aria-labelledby={ "cases-" (s.kind.code()) } {
                    h2 id={ "cases-" (s.kind.code()) } { (ctx.t(&format!("cases-{}-title", s.kind.code()))) }
                    @if s.lines.is_empty() {
                        p { (ctx.t(&format!("cases-{}-empty", s.kind.code()))) }
                    } @else if s.kind == SectionKind::AllOpen && !load.navigators.is_empty() {
                        form method="post" action="/cases/reassign" novalidate {
                            (csrf_field(&user.csrf_token))
                            input type="hidden" name="back" value={ "/cases?" (load.query.query_string()) };
                            (section_table(ctx, user, load, s))
                            (Select {
                                name: "navigator",
                                label: ctx.t("reassign-navigator-label"),
                                hint: Some(ctx.t("reassign-hint")),
                                options: navigator_options(ctx, &load.navigators),
                                selected: &|_| false,
                            }.render(ctx, &load.errors))
                            p { button type="submit" { (ctx.t("reassign-submit")) } }
                        }
                    } @else {
                        (section_table(ctx, user, load, s))
                    }
                }
            }
            @if load.pages > 1 {
                nav.pages aria-label=(ctx.t("cases-pages")) {
                    p { (tr.ta("cases-page", &[("page", load.page.into()), ("pages", load.pages.into())])) }
                    p {
                        @if load.page > 1 {
                            a href=(load.query.page_link(load.page - 1)) rel="prev" { (ctx.t("cases-previous")) }
                            " "
                        }
                        @if load.page < load.pages {
                            a href=(load.query.page_link(load.page + 1)) rel="next" { (ctx.t("cases-next")) }
                        }
                    }
                }
            }
            }
        },
    )
}

/// The columns a table of cases shows beyond every table's own.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Columns {
    /// A box to tick each case for reassignment.
    pub select: bool,
    /// A button to take the case.
    pub take: bool,
    /// What is due on it.
    pub due: bool,
    pub navigator: bool,
}

fn section_table(ctx: &Ctx, user: &CurrentUser, load: &Caseload, s: &Section) -> Markup {
    let navigator = s.kind == SectionKind::AllOpen;
    let columns = Columns {
        select: navigator && !load.navigators.is_empty(),
        take: s.kind == SectionKind::Queue && load.is_navigator,
        due: s.kind == SectionKind::Mine,
        navigator,
    };
    let labelled_by = format!("cases-{}", s.kind.code());
    case_table(ctx, user, load, &labelled_by, &s.lines, columns)
}

/// A table of cases, labelled by the heading with the id `labelled_by`.
pub(super) fn case_table(
    ctx: &Ctx,
    user: &CurrentUser,
    load: &Caseload,
    labelled_by: &str,
    lines: &[CaseLine],
    columns: Columns,
) -> Markup {
    let Columns {
        select: show_select,
        take: show_take,
        due: show_due,
        navigator: show_navigator,
    } = columns;
    let tr = ctx.tr();
    // Each label is made once per table, not once per row: fifty rows would otherwise format
    // the same few messages hundreds of times.
    let need_labels: Vec<(crate::domain::Need, String)> = crate::domain::Need::ALL
        .iter()
        .map(|n| (*n, ctx.t(&format!("need-{}", n.code()))))
        .collect();
    let needs_of = |needs: &[crate::domain::Need]| {
        needs
            .iter()
            .filter_map(|n| {
                need_labels
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let status_labels: Vec<(CaseStatus, String)> = CaseStatus::ALL
        .iter()
        .map(|st| (*st, status_label(ctx, *st)))
        .collect();
    let status_of = |st: CaseStatus| {
        status_labels
            .iter()
            .find(|(k, _)| *k == st)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut day_labels: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    for line in lines {
        let days = (load.now - line.created_at).max(0) / 86_400;
        day_labels
            .entry(days)
            .or_insert_with(|| tr.ta("cases-days", &[("days", days.into())]));
    }
    let not_given = ctx.t("case-not-given");
    let unassigned = ctx.t("case-unassigned");
    let call_back = ctx.t("cases-call-back");
    // Labels that name the row's reference code: formatted once around a placeholder, which
    // each row replaces with its code.
    const REF: &str = "\u{E000}";
    let take_label = tr.ta("cases-take", &[("ref", REF.into())]);
    let select_label = tr.ta("cases-select-label", &[("ref", REF.into())]);
    let due_labels: Vec<(Due, String)> = [
        Due::FirstContactOverdue,
        Due::FollowUp,
        Due::New,
        Due::Nothing,
    ]
    .into_iter()
    .map(|d| (d, ctx.t(&format!("cases-due-{}", d.code()))))
    .collect();
    html! {
        div.table-wrap {
            table aria-labelledby=(labelled_by) {
                thead {
                    tr {
                        @if show_select { th scope="col" { (ctx.t("cases-col-select")) } }
                        th scope="col" { (ctx.t("cases-col-ref")) }
                        // The button first, so a phone shows it without scrolling the table.
                        @if show_take { th scope="col" { (ctx.t("cases-col-action")) } }
                        @if show_due { th scope="col" { (ctx.t("cases-col-due")) } }
                        th scope="col" { (ctx.t("cases-col-area")) }
                        th scope="col" { (ctx.t("cases-col-needs")) }
                        th scope="col" { (ctx.t("cases-col-language")) }
                        th scope="col" { (ctx.t("cases-col-status")) }
                        th scope="col" { (ctx.t("cases-col-waiting")) }
                        @if show_navigator { th scope="col" { (ctx.t("cases-col-navigator")) } }
                    }
                }
                tbody {
                    @for line in lines {
                        tr {
                            @if show_select {
                                td {
                                    input type="checkbox" name="case" value=(line.id) id={ "f-case-" (line.id) };
                                    label.visually-hidden for={ "f-case-" (line.id) } {
                                        (select_label.replace(REF, &line.ref_code))
                                    }
                                }
                            }
                            th scope="row" {
                                a href={ "/cases/" (line.id) } { (line.ref_code) }
                                @if line.unread_reply { br; strong.due { (ctx.t("cases-unread-reply")) } }
                                @if let Some(phone) = &line.call_back {
                                    br; strong.due { (call_back) } " "
                                    a href={ "tel:" (phone) } dir="ltr" { (phone) }
                                }
                            }
                            @if show_take {
                                td {
                                    form.inline method="post" action={ "/cases/" (line.id) "/take" } {
                                        (csrf_field(&user.csrf_token))
                                        button type="submit" { (take_label.replace(REF, &line.ref_code)) }
                                    }
                                }
                            }
                            @if show_due {
                                @let due = Due::of(line, load.now, load.first_contact_secs);
                                td.due[due < Due::New] {
                                    (due_labels.iter().find(|(d, _)| *d == due).map_or("", |(_, l)| l.as_str()))
                                }
                            }
                            td { (line.area.as_deref().unwrap_or(&not_given)) }
                            td { (needs_of(&line.needs)) }
                            td { (language_name(&line.language)) }
                            td { (status_of(line.status)) }
                            td { (day_labels.get(&((load.now - line.created_at).max(0) / 86_400)).map_or("", String::as_str)) }
                            @if show_navigator {
                                td { (line.navigator.as_deref().unwrap_or(&unassigned)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A supervisor's filters and search, as a form that reloads the list (GET).
fn filter_form(ctx: &Ctx, load: &Caseload) -> Markup {
    let q = &load.query;
    let any = || (String::new(), ctx.t("cases-filter-any"), None);
    let statuses: Vec<_> = std::iter::once((String::new(), ctx.t("cases-filter-open"), None))
        .chain(
            CaseStatus::ALL
                .iter()
                .map(|s| (s.code().to_owned(), status_label(ctx, *s), None)),
        )
        .chain(std::iter::once((
            "all".to_owned(),
            ctx.t("cases-filter-all-statuses"),
            None,
        )))
        .collect();
    // "Any", then each code with its message (`{prefix}-{code}`).
    let coded = |prefix: &str, codes: &mut dyn Iterator<Item = &'static str>| {
        std::iter::once(any())
            .chain(codes.map(|c| (c.to_owned(), ctx.t(&format!("{prefix}-{c}")), None)))
            .collect::<Vec<_>>()
    };
    let needs = coded(
        "need",
        &mut crate::domain::Need::ALL.iter().map(|n| n.code()),
    );
    let channels = coded(
        "channel",
        &mut crate::domain::Channel::ALL.iter().map(|c| c.code()),
    );
    let languages: Vec<_> = std::iter::once(any())
        .chain(Lang::all().map(|l| {
            (
                l.code().to_owned(),
                l.info().native_name.to_owned(),
                Some(l.code()),
            )
        }))
        .collect();
    let areas: Vec<_> = std::iter::once(any())
        .chain(
            load.areas
                .iter()
                .map(|a| (a.id.to_string(), a.name.clone(), None)),
        )
        .collect();
    let navigators: Vec<_> = std::iter::once(any())
        .chain(std::iter::once((
            "none".to_owned(),
            ctx.t("case-unassigned"),
            None,
        )))
        .chain(
            load.navigators
                .iter()
                .map(|n| (n.id.to_string(), n.name.clone(), None)),
        )
        .collect();
    html! {
        form.filters method="get" action="/cases" role="search" aria-label=(ctx.t("cases-filter-title")) {
            (Input::new("q", ctx.t("cases-search-label"), &q.q).hint(ctx.t("cases-search-hint")).kind("search").render(ctx, &[]))
            (Select { name: "status", label: ctx.t("cases-col-status"), hint: None, options: statuses, selected: &|v| v == q.status }.render(ctx, &[]))
            (Select { name: "need", label: ctx.t("cases-col-needs"), hint: None, options: needs, selected: &|v| v == q.need }.render(ctx, &[]))
            (Select { name: "language", label: ctx.t("cases-col-language"), hint: None, options: languages, selected: &|v| v == q.language }.render(ctx, &[]))
            (Select { name: "area", label: ctx.t("cases-col-area"), hint: None, options: areas, selected: &|v| v == q.area }.render(ctx, &[]))
            // The reassign form below has its own `navigator` field, which errors link to.
            (Select { name: "navigator", label: ctx.t("cases-col-navigator"), hint: None, options: navigators, selected: &|v| v == q.navigator }
                .render_with_id(ctx, &[], "f-filter-navigator"))
            (Select { name: "channel", label: ctx.t("cases-filter-channel"), hint: None, options: channels, selected: &|v| v == q.channel }.render(ctx, &[]))
            (Input::new("waiting", ctx.t("cases-filter-waiting"), &q.waiting).numeric().render(ctx, &[]))
            p {
                button type="submit" { (ctx.t("cases-filter-submit")) }
                " "
                a href="/cases" { (ctx.t("cases-filter-clear")) }
            }
        }
    }
}
