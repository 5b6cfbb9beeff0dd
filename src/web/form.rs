//! Form components that show each error beside its field, an error summary that links to the
//! fields, and hints tied to their inputs, so screen readers announce them together.

use maud::{html, Markup};

use super::Ctx;
use crate::intake::form::FieldError;

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
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{}-hint", field_id(name)));
    }
    if error {
        ids.push(format!("{}-error", field_id(name)));
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
        let id = field_id(self.name);
        let error = error_for(errors, self.name);
        let describedby = described_by(self.name, self.hint.is_some(), error.is_some());
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
    pub code: &'static str,
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
                    input type=(kind) id=(option_id) name=(name) value=(option.code) checked[checked(option.code)]
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
