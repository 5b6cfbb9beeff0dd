//! The programs on a case page: what the household may qualify for and why (with a note and a
//! button that refer it in one step), and the case's referrals with the forms that add and
//! move them.

use maud::{html, Markup};

use super::case_form;
use super::case_page::{CaseForms, CasePage};
use crate::auth::CurrentUser;
use crate::cases::store::ProgramChoice;
use crate::cases::transitions::Access;
use crate::domain::ReferralStatus;
use crate::matching::eligibility::{Reason, Verdict};
use crate::programs::matches::reason_text;
use crate::web::form::{Input, Select};
use crate::web::format::format_date;
use crate::web::staff::csrf_field;
use crate::web::Ctx;

fn referral_status_label(ctx: &Ctx, status: ReferralStatus) -> String {
    ctx.t(&format!("referral-status-{}", status.code()))
}

fn program_label(ctx: &Ctx, p: &ProgramChoice) -> String {
    let name = format!("{} ({})", p.name, p.organization);
    if p.no_places_left() {
        format!("{name} · {}", ctx.t("referral-no-capacity"))
    } else {
        name
    }
}

/// The programs this household may qualify for, each with its verdict and why, and for one it
/// qualifies or may qualify for and is not yet referred to, a button that refers it in one
/// step (the add-referral form's fields, filled in). A list rather than a table, so a phone
/// shows it without scrolling sideways.
pub fn eligibility(ctx: &Ctx, user: &CurrentUser, p: &CasePage) -> Markup {
    let case = &p.case;
    let full = p.access == Access::Full;
    let tr = ctx.tr();
    let verdict_label = |v: Verdict| {
        ctx.t(match v {
            Verdict::Eligible => "case-programs-eligible",
            Verdict::MayQualify => "case-programs-may-qualify",
            Verdict::NotEligible => "case-programs-not-eligible",
        })
    };
    html! {
        h3 id="programs-list" { (ctx.t("case-programs-title")) }
        @if p.eligibility.is_empty() {
            p { (ctx.t("case-programs-none")) }
        } @else {
            p { (ctx.t("case-programs-intro")) }
            ul.matches aria-labelledby="programs-list" {
                @for m in &p.eligibility {
                    @let referral = p.referrals.iter().find(|r| r.program_id == m.program_id);
                    li {
                        p { strong { (m.name) } " (" (m.organization) ")" }
                        p {
                            strong { (verdict_label(m.decision.verdict)) }
                            @if m.decision.no_places_left() {
                                " · " strong { (ctx.t("referral-no-capacity")) }
                            }
                        }
                        @let reasons: Vec<String> = m.decision.reasons.iter()
                            .filter(|r| **r != Reason::NoCapacity)
                            .map(|r| reason_text(&tr, *r))
                            .collect();
                        @if !reasons.is_empty() {
                            ul { @for r in &reasons { li { (r) } } }
                        }
                        @if let Some(r) = referral {
                            p { (tr.ta("case-programs-referred", &[("status", referral_status_label(ctx, r.status).into())])) }
                        } @else if full && m.decision.verdict != Verdict::NotEligible {
                            @let note_id = format!("f-referral_note-{}", m.program_id);
                            form.refer method="post" action={ "/cases/" (case.id) "/referrals" } {
                                (csrf_field(&user.csrf_token))
                                input type="hidden" name="version" value=(case.version);
                                input type="hidden" name="program" value=(m.program_id);
                                input type="hidden" name="referral_status" value=(ReferralStatus::Referred.code());
                                div.field {
                                    label for=(note_id) {
                                        (tr.ta("case-programs-refer-note", &[("program", m.name.as_str().into())]))
                                    }
                                    textarea id=(note_id) name="referral_note" rows="2" {}
                                }
                                button type="submit" aria-label=(tr.ta("case-programs-refer-label", &[("program", m.name.as_str().into())])) {
                                    (ctx.t("case-programs-refer"))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn referrals(ctx: &Ctx, user: &CurrentUser, p: &CasePage, forms: &CaseForms<'_>) -> Markup {
    let case = &p.case;
    let full = p.access == Access::Full;
    let offered: Vec<&ProgramChoice> = p
        .programs
        .iter()
        .filter(|pc| !p.referrals.iter().any(|r| r.program_id == pc.id))
        .collect();
    html! {
        h3 id="referrals" { (ctx.t("referral-title")) }
        @if p.referrals.is_empty() {
            p { (ctx.t("referral-none")) }
        } @else {
            div.table-wrap {
                table aria-labelledby="referrals" {
                    thead {
                        tr {
                            th scope="col" { (ctx.t("referral-col-program")) }
                            th scope="col" { (ctx.t("referral-col-status")) }
                            th scope="col" { (ctx.t("referral-col-updated")) }
                            @if full { th scope="col" { (ctx.t("referral-col-change")) } }
                        }
                    }
                    tbody {
                        @for r in &p.referrals {
                            tr {
                                th scope="row" { (r.program) br; small { (r.organization) } }
                                td { (referral_status_label(ctx, r.status)) }
                                td { (format_date(ctx, r.updated_at)) }
                                @if full {
                                    td {
                                        form.inline method="post" action={ "/cases/" (case.id) "/referrals/" (r.id) } {
                                            (csrf_field(&user.csrf_token))
                                            input type="hidden" name="version" value=(case.version);
                                            @let id = format!("f-referral-{}", r.id);
                                            label.visually-hidden for=(id) {
                                                (ctx.tr().ta("referral-change-label", &[("program", r.program.as_str().into())]))
                                            }
                                            select id=(id) name="status" {
                                                @for s in ReferralStatus::ALL {
                                                    option value=(s.code()) selected[*s == r.status] { (referral_status_label(ctx, *s)) }
                                                }
                                            }
                                            " "
                                            button type="submit" { (ctx.t("referral-change-submit")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if full {
            h4 { (ctx.t("referral-add-title")) }
            @if offered.is_empty() {
                p { (ctx.t("referral-no-programs")) }
            } @else {
                (case_form(user, case, "referrals", html! {
                    (Select {
                        name: "program",
                        label: ctx.t("referral-program-label"),
                        hint: Some(ctx.t("referral-program-hint")),
                        options: std::iter::once((String::new(), ctx.t("referral-program-choose"), None))
                            .chain(offered.iter().map(|pc| (pc.id.to_string(), program_label(ctx, pc), None)))
                            .collect(),
                        selected: &|v| !v.is_empty() && v == forms.program,
                    }.render(ctx, &forms.errors))
                    (Select {
                        name: "referral_status",
                        label: ctx.t("referral-status-label"),
                        hint: None,
                        options: [ReferralStatus::Suggested, ReferralStatus::Referred, ReferralStatus::Applied]
                            .iter()
                            .map(|s| (s.code().to_owned(), referral_status_label(ctx, *s), None))
                            .collect(),
                        selected: &|v| v == ReferralStatus::Referred.code(),
                    }.render(ctx, &forms.errors))
                    (Input::new("referral_note", ctx.t("case-contact-note-label"), forms.referral_note)
                        .textarea().render(ctx, &forms.errors))
                    p { button type="submit" { (ctx.t("referral-add-submit")) } }
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{I18n, Lang};

    /// The program list on the case page is worded in every language, not only in the two
    /// that must translate staff pages (elsewhere a missing message would show in English).
    #[test]
    fn the_program_list_is_worded_in_every_language() {
        let i18n = I18n::load().unwrap();
        let en = i18n.tr(Lang::EN);
        let keys = [
            "case-programs-title",
            "case-programs-intro",
            "case-programs-none",
            "case-programs-eligible",
            "case-programs-may-qualify",
            "case-programs-not-eligible",
            "case-programs-refer",
        ];
        for lang in Lang::all().filter(|l| *l != Lang::EN) {
            let tr = i18n.tr(lang);
            for key in keys {
                assert_ne!(tr.t(key), en.t(key), "{} {key}", lang.code());
            }
            // The button's accessible name holds its visible word and names the program.
            let refer = tr.t("case-programs-refer");
            let label = tr.ta(
                "case-programs-refer-label",
                &[("program", "Lifeline Plus".into())],
            );
            assert!(
                label.contains(&refer) && label.contains("Lifeline Plus"),
                "{}: {label}",
                lang.code()
            );
            let referred = tr.ta("case-programs-referred", &[("status", "X".into())]);
            assert_ne!(
                referred,
                en.ta("case-programs-referred", &[("status", "X".into())]),
                "{}",
                lang.code()
            );
        }
    }
}
