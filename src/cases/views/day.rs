//! The day at a glance on the caseload: a navigator's counts of what needs them today, each
//! followed by its cases; a supervisor's table of each navigator's load.

use maud::{html, Markup};

use super::caseload::{case_table, Caseload, Columns};
use crate::auth::CurrentUser;
use crate::cases::store::{CaseLine, DayCounts, Due};
use crate::web::Ctx;

/// A state of the day, in the order the page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    FirstContactOverdue,
    FollowUp,
    UnreadReply,
    CallBack,
}

impl DayKind {
    pub const ALL: [DayKind; 4] = [
        DayKind::FirstContactOverdue,
        DayKind::FollowUp,
        DayKind::UnreadReply,
        DayKind::CallBack,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DayKind::FirstContactOverdue => "first_contact_overdue",
            DayKind::FollowUp => "follow_up",
            DayKind::UnreadReply => "unread_reply",
            DayKind::CallBack => "call_back",
        }
    }
}

/// The cases of one state: how many there are, and those shown (most urgent first).
pub struct DayGroup {
    pub kind: DayKind,
    pub count: i64,
    pub lines: Vec<CaseLine>,
}

/// A navigator's day: each state with its count and cases.
pub struct Day {
    pub groups: Vec<DayGroup>,
}

impl Day {
    /// The day from a navigator's counts and due cases (`due`, most urgent first), and the
    /// call-backs among their own cases and in their queue.
    pub fn new(
        counts: DayCounts,
        due: Vec<CaseLine>,
        own_call_backs: Vec<CaseLine>,
        queue_call_backs: Vec<CaseLine>,
        now: i64,
        first_contact_secs: i64,
    ) -> Day {
        let of = |due_now: Due| {
            due.iter()
                .filter(|l| Due::of(l, now, first_contact_secs) == due_now)
                .cloned()
                .collect::<Vec<_>>()
        };
        let queue_waiting = queue_call_backs.len() as i64;
        let groups = vec![
            DayGroup {
                kind: DayKind::FirstContactOverdue,
                count: counts.first_contacts_overdue,
                lines: of(Due::FirstContactOverdue),
            },
            DayGroup {
                kind: DayKind::FollowUp,
                count: counts.follow_ups_due,
                lines: of(Due::FollowUp),
            },
            DayGroup {
                kind: DayKind::UnreadReply,
                count: counts.unread_replies,
                lines: due.iter().filter(|l| l.unread_reply).cloned().collect(),
            },
            DayGroup {
                kind: DayKind::CallBack,
                count: counts.call_backs + queue_waiting,
                lines: own_call_backs.into_iter().chain(queue_call_backs).collect(),
            },
        ];
        Day { groups }
    }
}

/// The navigator's day: a line of counts, each linking to its cases below.
pub fn navigator_day(ctx: &Ctx, user: &CurrentUser, load: &Caseload, day: &Day) -> Markup {
    let tr = ctx.tr();
    let nothing = day.groups.iter().all(|g| g.count == 0);
    html! {
        section.day aria-labelledby="day-title" {
            h2 #day-title { (ctx.t("cases-day-title")) }
            @if nothing {
                p { (ctx.t("cases-day-nothing")) }
            } @else {
                ul.day-counts {
                    @for g in &day.groups {
                        @let count = tr.ta(&format!("cases-day-count-{}", g.kind.code()), &[("count", g.count.into())]);
                        li {
                            @if g.lines.is_empty() {
                                (count)
                            } @else {
                                a href={ "#day-" (g.kind.code()) } { (count) }
                            }
                        }
                    }
                }
                @for g in day.groups.iter().filter(|g| !g.lines.is_empty()) {
                    @let id = format!("day-{}", g.kind.code());
                    section aria-labelledby=(id) {
                        h3 id=(id) { (ctx.t(&format!("cases-day-{}-title", g.kind.code()))) }
                        (case_table(ctx, user, load, &id, &g.lines, Columns::default()))
                        @if (g.lines.len() as i64) < g.count {
                            p.small {
                                (tr.ta("cases-day-more", &[("shown", (g.lines.len() as i64).into()), ("count", g.count.into())]))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A supervisor's table of each active navigator's load and overdue work, each name a link
/// that filters the list below to that navigator's cases.
pub fn navigator_loads(ctx: &Ctx, load: &Caseload) -> Markup {
    let tr = ctx.tr();
    let none = ctx.t("cases-loads-none-open");
    html! {
        section.loads aria-labelledby="cases-loads" {
            h2 #cases-loads { (ctx.t("cases-loads-title")) }
            div.table-wrap {
                table aria-labelledby="cases-loads" {
                    thead {
                        tr {
                            th scope="col" { (ctx.t("cases-col-navigator")) }
                            th scope="col" { (ctx.t("cases-loads-col-open")) }
                            th scope="col" { (ctx.t("cases-loads-col-overdue")) }
                            th scope="col" { (ctx.t("cases-loads-col-follow-ups")) }
                            th scope="col" { (ctx.t("cases-loads-col-unread")) }
                            th scope="col" { (ctx.t("cases-loads-col-oldest")) }
                        }
                    }
                    tbody {
                        @for n in &load.loads {
                            tr {
                                th scope="row" { a href={ "/cases?navigator=" (n.id) } { (n.name) } }
                                td {
                                    (tr.ta("cases-loads-open", &[("open", n.open_cases.into()), ("capacity", n.capacity.into())]))
                                    @if n.open_cases > n.capacity {
                                        " " strong.due { (ctx.t("cases-loads-over")) }
                                    } @else if n.open_cases == n.capacity {
                                        " " strong { (ctx.t("cases-loads-full")) }
                                    }
                                }
                                (figure(n.first_contacts_overdue))
                                (figure(n.follow_ups_due))
                                (figure(n.unread_replies))
                                td {
                                    @match n.oldest_created_at {
                                        Some(at) => (tr.ta("cases-days", &[("days", ((load.now - at).max(0) / 86_400).into())])),
                                        None => (none),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A count of work waiting: bold when there is some.
fn figure(count: i64) -> Markup {
    html! {
        @if count > 0 { td.due { (count) } } @else { td { (count) } }
    }
}
