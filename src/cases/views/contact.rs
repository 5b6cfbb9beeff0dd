//! The contact form's own fields: where the contact happened (a fixed place or one of the open
//! sites) and the minutes it took. Kept apart from the form around them so the case page may
//! arrange its forms as it likes.

use maud::{html, Markup};

use super::CaseForms;
use crate::cases::contact::{Place, MAX_MINUTES};
use crate::cases::store::Site;
use crate::web::form::{Input, Select};
use crate::web::Ctx;

/// The `place` list and the `minutes` field, with what was typed after a refused post.
pub fn contact_fields(ctx: &Ctx, sites: &[Site], forms: &CaseForms<'_>) -> Markup {
    let options: Vec<_> =
        std::iter::once((String::new(), ctx.t("case-contact-place-choose"), None))
            .chain(Place::FIXED.into_iter().map(|p| {
                (
                    p.value(),
                    ctx.t(&format!("case-contact-place-{}", p.code())),
                    None,
                )
            }))
            .chain(sites.iter().map(|s| {
                (
                    Place::Site(s.id).value(),
                    ctx.tr()
                        .ta("case-contact-place-at", &[("site", s.name.clone().into())]),
                    None,
                )
            }))
            .collect();
    let chosen = forms.contact_place.trim();
    html! {
        (Select {
            name: "place",
            label: ctx.t("case-contact-place-label"),
            hint: None,
            options,
            selected: &|v| !v.is_empty() && v == chosen,
        }.render(ctx, &forms.errors))
        (Input::new("minutes", ctx.t("case-contact-minutes-label"), forms.contact_minutes)
            .kind("number")
            .numeric()
            .required()
            .hint(ctx.tr().ta("case-contact-minutes-hint", &[("max", MAX_MINUTES.into())]))
            .render(ctx, &forms.errors))
    }
}
