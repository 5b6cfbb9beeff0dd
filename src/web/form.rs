//! Form components that show each error beside its field, an error summary that links to the
//! fields, and hints tied to their inputs, so screen readers announce them together.

use std::borrow::Cow;

use maud::{html, Markup};

use super::Ctx;

/// A validation error: the field it belongs to and the message that explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: &'static str,
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

pub fn field_id(name: &str) -> String {
    format!("f-{name}")
}

fn error_for<'e>(errors: &'e [FieldError], name: &str) -> Option<&'e FieldError> {
    errors.iter().find(|e| e.field == name)
}

/// A summary at the top of a form that failed: focusable, announced, each error a link.
pub fn error_summary(ctx: &Ctx, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
                h2 #error-summary-title { (ctx.t("error-summary-title")) }
                ul {
                    @for e in errors {
                        li { a href={ "#" (field_id(e.field)) } { (ctx.t(e.message)) } }
                    }
                }
            }
        }
    }
}

fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    described_by_id(&field_id(name), hint, error)
}

fn described_by_id(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// One text-like input with its label, hint and error.
pub struct Input<'a> {
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub value: &'a str,
    pub kind: &'static str,
    pub autocomplete: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    /// Phone numbers, ZIPs and codes read left to right even on a right-to-left page.
    pub ltr: bool,
    pub required: bool,
    pub textarea: bool,
}

impl<'a> Input<'a> {
    pub fn new(name: &'static str, label: String, value: &'a str) -> Self {
        Self {
            name,
            label,
            hint: None,
            value,
            kind: "text",
            autocomplete: None,
            inputmode: None,
            ltr: false,
            required: false,
            textarea: false,
        }
    }
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
    pub fn autocomplete(mut self, value: &'static str) -> Self {
        self.autocomplete = Some(value);
        self
    }
    pub fn numeric(mut self) -> Self {
        self.inputmode = Some("numeric");
        self
    }
    pub fn ltr(mut self) -> Self {
        self.ltr = true;
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn textarea(mut self) -> Self {
        self.textarea = true;
        self
    }

    pub fn render(&self, ctx: &Ctx, errors: &[FieldError]) -> Markup {
        let id = field_id(self.name);
        let error = error_for(errors, self.name);
        let describedby = described_by(self.name, self.hint.is_some(), error.is_some());
        let dir = self.ltr.then_some("ltr");
        html! {
            div.field.has-error[error.is_some()] {
                label for=(id) {
                    (self.label)
                    @if self.required { " " span.req { (ctx.t("form-required")) } }
                }
                @if let Some(hint) = &self.hint {
                    p.hint id={ (id) "-hint" } { (hint) }
                }
                @if let Some(e) = error {
                    p.error id={ (id) "-error" } { (ctx.t(e.message)) }
                }
                @if self.textarea {
                    textarea id=(id) name=(self.name) rows="5"
                        aria-invalid=[error.map(|_| "true")] aria-describedby=[describedby.as_deref()] { (self.value) }
                } @else {
                    input id=(id) name=(self.name) type=(self.kind) value=(self.value) dir=[dir]
                        autocomplete=[self.autocomplete] inputmode=[self.inputmode]
                        aria-invalid=[error.map(|_| "true")] aria-describedby=[describedby.as_deref()];
                }
            }
        }
    }
}

/// A drop-down list with its label, hint and error; `options` are (value, text, lang).
pub struct Select<'a> {
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub options: Vec<(String, String, Option<&'static str>)>,
    pub selected: &'a dyn Fn(&str) -> bool,
}

impl Select<'_> {
    pub fn render(&self, ctx: &Ctx, errors: &[FieldError]) -> Markup {
        self.render_with_id(ctx, errors, &field_id(self.name))
    }

    /// Like `render`, with an id other than `f-<name>`: for a second field of that name on
    /// the page (ids must be unique, and each label must name its own field).
    pub fn render_with_id(&self, ctx: &Ctx, errors: &[FieldError], id: &str) -> Markup {
        let error = error_for(errors, self.name);
        let describedby = described_by_id(id, self.hint.is_some(), error.is_some());
        html! {
            div.field.has-error[error.is_some()] {
                label for=(id) { (self.label) }
                @if let Some(hint) = &self.hint {
                    p.hint id={ (id) "-hint" } { (hint) }
                }
                @if let Some(e) = error {
                    p.error id={ (id) "-error" } { (ctx.t(e.message)) }
                }
                select id=(id) name=(self.name)
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[describedby.as_deref()] {
                    @for (value, text, lang) in &self.options {
                        option value=(value) lang=[*lang] selected[(self.selected)(value)] { (text) }
                    }
                }
            }
        }
    }
}

/// One option of a checkbox or radio group: its code, label and an optional hint.
pub struct Choice {
    /// A fixed code, or a row id for a list from the database.
    pub code: Cow<'static, str>,
    pub label: String,
    pub hint: Option<String>,
}

/// A group of checkboxes or radios in a fieldset whose legend asks the question.
#[allow(clippy::too_many_arguments)]
pub fn choices(
    ctx: &Ctx,
    errors: &[FieldError],
    name: &'static str,
    kind: &'static str,
    legend: &str,
    hint: Option<&str>,
    options: &[Choice],
    checked: impl Fn(&str) -> bool,
) -> Markup {
    let id = field_id(name);
    let error = error_for(errors, name);
    let describedby = described_by(name, hint.is_some(), error.is_some());
    html! {
        fieldset.field.choices.has-error[error.is_some()] id={ (id) "-group" } aria-describedby=[describedby.as_deref()] {
            legend { (legend) }
            @if let Some(hint) = hint {
                p.hint id={ (id) "-hint" } { (hint) }
            }
            @if let Some(e) = error {
                p.error id={ (id) "-error" } { (ctx.t(e.message)) }
            }
            @for (i, option) in options.iter().enumerate() {
                // The first input takes the field's id, so the error summary's link focuses it.
                @let option_id = if i == 0 { id.clone() } else { format!("{id}-{}", option.code) };
                @let hint_id = format!("{id}-{}-hint", option.code);
                div.choice {
                    input type=(kind) id=(option_id) name=(name) value=(option.code) checked[checked(&option.code)]
                        aria-describedby=[option.hint.as_ref().map(|_| hint_id.as_str())];
                    label for=(option_id) { (option.label) }
                    @if let Some(h) = &option.hint {
                        p.hint id=(hint_id) { (h) }
                    }
                }
            }
        }
    }
}

/// A value typed or checked in a form that is not one the field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadValue;

/// A number typed into a form, blank meaning none: `Err` when it is not a number of that kind
/// (or not finite) or lies outside `min..=max`.
pub fn optional_number<T>(raw: &str, min: T, max: T) -> Result<Option<T>, BadValue>
where
    T: std::str::FromStr + PartialOrd + Copy,
{
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    // `f64` reads "NaN" and "inf"; no person means those.
    if raw.chars().any(char::is_alphabetic) {
        return Err(BadValue);
    }
    match raw.parse::<T>() {
        Ok(n) if n >= min && n <= max => Ok(Some(n)),
        _ => Err(BadValue),
    }
}

/// Checked codes that are all known, kept in the order of `all` and without repeats; `Err`
/// when one is unknown (a forged form).
pub fn known_codes<T: Copy + PartialEq>(
    sent: &[String],
    all: &[T],
    code: fn(T) -> &'static str,
) -> Result<Vec<T>, BadValue> {
    if sent.iter().any(|s| !all.iter().any(|a| code(*a) == s)) {
        return Err(BadValue);
    }
    Ok(all
        .iter()
        .copied()
        .filter(|a| sent.iter().any(|s| s == code(*a)))
        .collect())
}

/// Checked row ids that are all in `known`, sorted and without repeats; `Err` otherwise.
pub fn known_ids(sent: &[String], known: &[i64]) -> Result<Vec<i64>, BadValue> {
    let mut ids = sent
        .iter()
        .map(|s| s.trim().parse::<i64>().ok().filter(|id| known.contains(id)))
        .collect::<Option<Vec<i64>>>()
        .ok_or(BadValue)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Need;

    #[test]
    fn optional_numbers() {
        assert_eq!(optional_number::<i64>("", 0, 10), Ok(None));
        assert_eq!(optional_number::<i64>(" 7 ", 0, 10), Ok(Some(7)));
        assert_eq!(optional_number::<i64>("0", 0, 10), Ok(Some(0)));
        assert_eq!(optional_number::<i64>("10", 0, 10), Ok(Some(10)));
        assert_eq!(optional_number::<i64>("11", 0, 10), Err(BadValue));
        assert_eq!(optional_number::<i64>("-1", 0, 10), Err(BadValue));
        assert_eq!(optional_number::<i64>("2.5", 0, 10), Err(BadValue));
        assert_eq!(optional_number::<i64>("ten", 0, 10), Err(BadValue));
        assert_eq!(
            optional_number::<f64>("39.74", -90.0, 90.0),
            Ok(Some(39.74))
        );
        assert_eq!(
            optional_number::<f64>("-104.99", -180.0, 180.0),
            Ok(Some(-104.99))
        );
        assert_eq!(optional_number::<f64>("90.5", -90.0, 90.0), Err(BadValue));
        for bad in ["NaN", "inf", "-inf", "1e400"] {
            assert_eq!(
                optional_number::<f64>(bad, -1e300, 1e300),
                Err(BadValue),
                "{bad}"
            );
        }
    }

    #[test]
    fn codes_and_ids_from_checkboxes() {
        let sent = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            known_codes(
                &sent(&["tech_support", "internet", "internet"]),
                Need::ALL,
                Need::code
            ),
            Ok(vec![Need::Internet, Need::TechSupport])
        );
        assert_eq!(
            known_codes(&sent(&["root"]), Need::ALL, Need::code),
            Err(BadValue)
        );
        assert_eq!(known_codes(&sent(&[]), Need::ALL, Need::code), Ok(vec![]));
        assert_eq!(
            known_ids(&sent(&["3", "1", "3"]), &[1, 2, 3]),
            Ok(vec![1, 3])
        );
        assert_eq!(known_ids(&sent(&["4"]), &[1, 2, 3]), Err(BadValue));
        assert_eq!(known_ids(&sent(&["x"]), &[1]), Err(BadValue));
    }
}
