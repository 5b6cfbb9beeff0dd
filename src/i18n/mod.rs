//! Translations (Fluent) and language negotiation. Every visible word comes from a message in
//! `locales/<lang>/*.ftl`; the files are built into the binary.

pub mod catalog;
pub mod numbers;
pub mod segments;

use std::borrow::Cow;

use anyhow::Context;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "locales/"]
#[include = "*.ftl"]
struct LocaleFiles;

/// Which translations a fluent speaker has reviewed, and which are drafts.
pub const STATUS_MD: &str = include_str!("../../locales/STATUS.md");

/// A language navdesk speaks.
#[derive(Debug)]
pub struct LocaleInfo {
    pub code: &'static str,
    /// The language's name in itself, for the language chooser.
    pub native_name: &'static str,
    pub rtl: bool,
    pub numbers: &'static numbers::NumberStyle,
}

/// The languages residents can use: Denver's six, English first (the fallback).
pub const LOCALES: &[LocaleInfo] = &[
    LocaleInfo {
        code: "en",
        native_name: "English",
        rtl: false,
        numbers: &numbers::COMMA_POINT,
    },
    LocaleInfo {
        code: "es",
        native_name: "Español",
        rtl: false,
        numbers: &numbers::COMMA_POINT,
    },
    LocaleInfo {
        code: "ar",
        native_name: "العربية",
        rtl: true,
        numbers: &numbers::ARABIC,
    },
    LocaleInfo {
        code: "am",
        native_name: "አማርኛ",
        rtl: false,
        numbers: &numbers::COMMA_POINT,
    },
    LocaleInfo {
        code: "ln",
        native_name: "Lingála",
        rtl: false,
        numbers: &numbers::POINT_COMMA,
    },
    LocaleInfo {
        code: "vi",
        native_name: "Tiếng Việt",
        rtl: false,
        numbers: &numbers::POINT_COMMA,
    },
];

/// The languages as a texted menu, each named in itself: "1 English, 2 Español, ...". The
/// numbers are positions in `LOCALES`, which is how a reply is read.
pub fn language_menu() -> String {
    LOCALES
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {}", i + 1, l.native_name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A supported language, as an index into `LOCALES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    pub const EN: Lang = Lang(0);

    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim();
        LOCALES
            .iter()
            .position(|l| l.code.eq_ignore_ascii_case(code))
            .map(Lang)
    }
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LOCALES.len()).map(Lang)
    }
    pub fn info(self) -> &'static LocaleInfo {
        &LOCALES[self.0]
    }
    pub fn code(self) -> &'static str {
        self.info().code
    }
    pub fn dir(self) -> &'static str {
        if self.info().rtl {
            "rtl"
        } else {
            "ltr"
        }
    }
    pub fn index(self) -> usize {
        self.0
    }
}

/// How the language of a request was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangSource {
    Query,
    Cookie,
    AcceptLanguage,
    Default,
}

/// `?lang=` → `lang` cookie → `Accept-Language` (q-values honored) → English.
pub fn negotiate(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
) -> (Lang, LangSource) {
    if let Some(lang) = query.and_then(Lang::parse) {
        return (lang, LangSource::Query);
    }
    if let Some(lang) = cookie.and_then(Lang::parse) {
        return (lang, LangSource::Cookie);
    }
    if let Some(lang) = accept_language.and_then(best_accepted) {
        return (lang, LangSource::AcceptLanguage);
    }
    (Lang::EN, LangSource::Default)
}

/// The supported language with the highest q-value in an `Accept-Language` header; a region
/// (`es-MX`) matches its language. Ties keep the header's order.
fn best_accepted(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|v| v.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if !(q > 0.0 && q <= 1.0) {
            continue;
        }
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if let Some(lang) = Lang::parse(primary) {
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
    }
    best.map(|(_, lang)| lang)
}

/// All translations, one Fluent bundle per language, and a second set for text messages,
/// which must not carry the Unicode isolation marks that keep variables apart in HTML.
pub struct I18n {
    bundles: Vec<FluentBundle<FluentResource>>,
    sms_bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

/// The Fluent sources of one language, by file name.
pub fn sources(lang: Lang) -> Vec<(String, String)> {
    let prefix = format!("{}/", lang.code());
    let mut files: Vec<(String, String)> = LocaleFiles::iter()
        .filter(|name| name.starts_with(&prefix))
        .filter_map(|name| {
            let file = LocaleFiles::get(&name)?;
            let text = String::from_utf8_lossy(&file.data).into_owned();
            Some((name.into_owned(), text))
        })
        .collect();
    files.sort();
    files
}

impl I18n {
    /// Loads every language; a Fluent syntax error is an error here, not a blank on a page.
    pub fn load() -> anyhow::Result<Self> {
        Ok(Self {
            bundles: Self::bundles(true)?,
            sms_bundles: Self::bundles(false)?,
        })
    }

    fn bundles(isolating: bool) -> anyhow::Result<Vec<FluentBundle<FluentResource>>> {
        Lang::all()
            .map(|lang| {
                let langid: LanguageIdentifier = lang
                    .code()
                    .parse()
                    .with_context(|| format!("bad language code {}", lang.code()))?;
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                bundle.set_use_isolating(isolating);
                let style = lang.info().numbers;
                bundle.set_formatter(Some(match (style.group, style.decimal) {
                    ('.', _) => numbers::fluent_number::<'.', ','>,
                    _ => numbers::fluent_number::<',', '.'>,
                }));
                for (name, text) in sources(lang) {
                    let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
                        anyhow::anyhow!("{name}: Fluent syntax errors: {errors:?}")
                    })?;
                    bundle
                        .add_resource(resource)
                        .map_err(|errors| anyhow::anyhow!("{name}: {errors:?}"))?;
                }
                Ok(bundle)
            })
            .collect()
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles[lang.index()].has_message(id)
    }

    /// The message `id` in `lang`, falling back to English (and logging it) if it is missing.
    pub fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        Self::format_in(&self.bundles, lang, id, args)
    }

    /// A text message body: like `format`, without isolation marks.
    pub fn format_sms(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        Self::format_in(&self.sms_bundles, lang, id, Some(&to_args(args)))
    }

    fn format_in(
        bundles: &[FluentBundle<FluentResource>],
        lang: Lang,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> String {
        for lang in [lang, Lang::EN] {
            let bundle = &bundles[lang.index()];
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(
                        id,
                        lang = lang.code(),
                        ?errors,
                        "translation formatting error"
                    );
                }
                return text.into_owned();
            }
            tracing::warn!(id, lang = lang.code(), "missing translation");
        }
        id.to_owned()
    }

    pub fn tr(&self, lang: Lang) -> Tr<'_> {
        Tr { i18n: self, lang }
    }
}

/// Translations bound to one language: what views use.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub i18n: &'a I18n,
    pub lang: Lang,
}

/// Sample values that messages show as examples of what to type. They are passed as
/// variables, not written into translations, so that on a right-to-left page they are isolated
/// and read left to right (a phone number written inside Arabic text would otherwise be
/// displayed with its groups reversed).
const EXAMPLES: &[(&str, &str)] = &[
    // Non-breaking hyphens keep the number on one line on a narrow screen.
    ("example_phone", "303\u{2011}555\u{2011}0123"),
    ("example_last4", "0123"),
    ("example_zip", "80205"),
    ("example_income", "1800"),
    ("example_code", "K7QM 4XPR"),
    ("example_address", "1234 Main St"),
];

impl<'a> Tr<'a> {
    pub fn t(&self, id: &str) -> String {
        self.i18n.format(self.lang, id, Some(&to_args(&[])))
    }

    /// A message with variables: `tr.ta("greeting", &[("name", name.into())])`.
    pub fn ta(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.i18n.format(self.lang, id, Some(&to_args(args)))
    }

    /// A whole number as this language writes it (`1,234` or `1.234`).
    pub fn number(&self, value: i64) -> String {
        self.lang.info().numbers.number(value as f64, 0)
    }

    /// US dollars from cents as this language writes them (`$14.95`, `14,95 US$`).
    pub fn money(&self, cents: i64) -> String {
        self.lang.info().numbers.money(cents)
    }
}

fn to_args<'a>(args: &[(&str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut fargs = FluentArgs::new();
    for (k, v) in EXAMPLES {
        fargs.set(*k, *v);
    }
    for (k, v) in args {
        fargs.set(Cow::Owned(k.to_string()), v.clone());
    }
    fargs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Lang {
        Lang::parse("es").unwrap()
    }

    #[test]
    fn negotiation_order() {
        type Case<'a> = (
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            &'a str,
            LangSource,
        );
        let cases: &[Case] = &[
            (Some("es"), Some("en"), Some("en"), "es", LangSource::Query),
            (Some("xx"), Some("es"), None, "es", LangSource::Cookie),
            (
                None,
                Some("zz"),
                Some("es-MX,en;q=0.5"),
                "es",
                LangSource::AcceptLanguage,
            ),
            (
                None,
                None,
                Some("en;q=0.4, es;q=0.9"),
                "es",
                LangSource::AcceptLanguage,
            ),
            (
                None,
                None,
                Some("es;q=0, en;q=0.1"),
                "en",
                LangSource::AcceptLanguage,
            ),
            (None, None, Some("fr, de;q=0.8"), "en", LangSource::Default),
            (None, None, Some("garbage;;q=x"), "en", LangSource::Default),
            (None, None, None, "en", LangSource::Default),
            (Some("ES"), None, None, "es", LangSource::Query),
        ];
        for (q, c, a, want, source) in cases {
            let (lang, got_source) = negotiate(*q, *c, *a);
            assert_eq!(lang.code(), *want, "{q:?} {c:?} {a:?}");
            assert_eq!(got_source, *source, "{q:?} {c:?} {a:?}");
        }
    }

    #[test]
    fn every_language_loads() {
        // Completeness against English is `catalog::check`'s test.
        let i18n = I18n::load().unwrap();
        for lang in Lang::all() {
            assert!(i18n.has(lang, "site-name"), "{}", lang.code());
        }
    }

    /// Every text in every language, with realistic values, fits in two SMS segments and has
    /// no isolation marks.
    #[test]
    fn sms_templates_fit_two_segments() {
        use crate::i18n::segments;
        let i18n = I18n::load().unwrap();
        let values: [(&str, FluentValue); 15] = [
            ("menu", language_menu().into()),
            ("code", "K7QM4XPR".into()),
            ("url", "https://help.denvergov.org/status".into()),
            ("program", "Internet Essentials by Comcast".into()),
            ("phone", "(720) 555-0100".into()),
            // Appointment texts (`reminders`).
            ("day", 6.into()),
            ("weekday", "Wednesday".into()),
            ("date", "September 30".into()),
            ("time", "10:30 AM".into()),
            ("when", "Wednesday, September 30, 10:30 AM".into()),
            ("site", "Montbello Branch Library Meeting Room".into()),
            ("address", "12955 Albrook Dr, Denver, CO 80239".into()),
            ("count", 3.into()),
            // Texts about a lent device (`devices::loan_texts`).
            ("device", "mobile hotspot".into()),
            ("tag", "HS-0042".into()),
        ];
        // Appointment texts name a place and list times: up to 4 segments in scripts outside
        // the GSM alphabet (see the note above them in sms.ftl).
        let slots = "\n1) Wednesday 30/09, 10:30, Montbello Branch Library\n2) Wednesday \
                     30/09, 11:00, Montbello Branch Library\n3) Thursday 01/10, 09:00, Central \
                     Library";
        let ids: Vec<String> = sources(Lang::EN)
            .iter()
            .filter(|(name, _)| name.ends_with("sms.ftl"))
            .flat_map(|(_, text)| {
                FluentResource::try_new(text.clone())
                    .unwrap()
                    .entries()
                    .filter_map(|e| match e {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|id| !id.starts_with("sms-keywords-"))
            .collect();
        assert!(ids.len() >= 8, "{ids:?}");
        for lang in Lang::all() {
            for id in &ids {
                let appointment = id.starts_with("sms-reminder-")
                    || id.starts_with("sms-appointment-")
                    || id.starts_with("sms-slot-")
                    || id.starts_with("sms-no-show")
                    // A lent device's texts name it, its tag and a day, as appointment texts do.
                    || id.starts_with("sms-loan-");
                let mut args = values.to_vec();
                args.push(("slots", slots.into()));
                let text = i18n.format_sms(lang, id, &args);
                let count = segments::count(&text);
                assert!(
                    count.segments <= if appointment { 4 } else { 2 },
                    "{} {id}: {} units in {:?} = {} segments: {text}",
                    lang.code(),
                    count.units,
                    count.encoding,
                    count.segments
                );
                assert!(
                    !text.contains(['\u{2068}', '\u{2069}']),
                    "{} {id} has isolation marks",
                    lang.code()
                );
                assert!(
                    !text.contains('{'),
                    "{} {id} has an unfilled variable: {text}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn numbers_in_messages_follow_the_language() {
        let i18n = I18n::load().unwrap();
        let days = |code: &str| {
            i18n.tr(Lang::parse(code).unwrap())
                .ta("status-age", &[("days", 1234.into())])
        };
        assert!(days("en").contains("1,234"), "{}", days("en"));
        assert!(days("vi").contains("1.234"), "{}", days("vi"));
        assert!(days("ln").contains("1.234"), "{}", days("ln"));
        assert_eq!(
            i18n.tr(Lang::parse("vi").unwrap()).money(1495),
            "14,95\u{a0}US$"
        );
        assert_eq!(i18n.tr(Lang::EN).number(20000), "20,000");
    }

    #[test]
    fn messages_format_with_variables() {
        let i18n = I18n::load().unwrap();
        let text = i18n
            .tr(es())
            .ta("error-request-id", &[("id", "abc-123".into())]);
        assert!(text.contains("abc-123"), "{text}");
        assert!(!text.is_empty());
        assert_eq!(i18n.tr(Lang::EN).t("no-such-message"), "no-such-message");
    }
}
