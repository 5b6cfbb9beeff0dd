//! The questions of a request by text, one a text, and what each answer does. Pure: the
//! caller reads and stores the conversation, checks ZIP codes against the service region and
//! renders the texts.
//!
//! language → name → needs → where → texts-ok? → filed. The language question is skipped when
//! the first text already reads as one of our languages (`guess_language`). BACK goes one
//! question back, RESTART (or NEW) starts again; a wrong answer gets its question again with a
//! plain reason. Carrier keywords (STOP, HELP, ...) are the caller's, before any of this.

use serde::{Deserialize, Serialize};

use crate::areas::choices::AreaChoice;
use crate::domain::{Need, Zip};
use crate::i18n::{Lang, LOCALES};
use crate::sms::keywords::{fold, Meaning};

/// The longest name we keep; as the form's.
pub const MAX_NAME_CHARS: usize = crate::intake::form::MAX_NAME_CHARS;

/// The question a conversation waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Language,
    Name,
    Needs,
    Place,
    Consent,
}

impl Step {
    pub fn code(self) -> &'static str {
        match self {
            Step::Language => "language",
            Step::Name => "name",
            Step::Needs => "needs",
            Step::Place => "place",
            Step::Consent => "consent",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Step::Language,
            Step::Name,
            Step::Needs,
            Step::Place,
            Step::Consent,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// What the resident has answered so far (stored as JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
}

/// A conversation as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    pub language: Option<Lang>,
    pub step: Step,
    pub answers: Answers,
}

impl Conversation {
    /// A new conversation, opened by `first_text`: in its language when it reads as one of
    /// ours, else at the language menu.
    pub fn open(first_text: &str, commands: &Commands) -> Self {
        let language = commands
            .new_keyword_language(first_text)
            .or_else(|| guess_language(first_text));
        Self {
            language,
            step: if language.is_some() {
                Step::Name
            } else {
                Step::Language
            },
            answers: Answers::default(),
        }
    }

    /// The language texts go out in: English until one is chosen.
    pub fn lang(&self) -> Lang {
        self.language.unwrap_or(Lang::EN)
    }
}

/// The words that steer a conversation, folded like keywords: NEW, BACK and RESTART in every
/// language, from `sms-keywords-new`, `-back` and `-restart`.
#[derive(Clone, Debug, Default)]
pub struct Commands {
    new: Vec<(String, Lang)>,
    back: Vec<String>,
    restart: Vec<String>,
}

/// What a text does to a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Back,
    Restart,
}

impl Commands {
    pub fn from_i18n(i18n: &crate::i18n::I18n) -> Self {
        let mut commands = Self::default();
        for lang in Lang::all() {
            let list = |id: &str| -> Vec<String> {
                i18n.format_sms(lang, id, &[])
                    .split(',')
                    .map(fold)
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            commands
                .new
                .extend(list("sms-keywords-new").into_iter().map(|w| (w, lang)));
            commands.back.extend(list("sms-keywords-back"));
            commands.restart.extend(list("sms-keywords-restart"));
        }
        commands
    }

    pub fn command(&self, text: &str) -> Option<Command> {
        let folded = fold(text);
        if self.new.iter().any(|(w, _)| *w == folded) {
            Some(Command::New)
        } else if self.back.contains(&folded) {
            Some(Command::Back)
        } else if self.restart.contains(&folded) {
            Some(Command::Restart)
        } else {
            None
        }
    }

    /// The language of a NEW keyword, when only one language has that word.
    fn new_keyword_language(&self, text: &str) -> Option<Lang> {
        let folded = fold(text);
        let mut langs = self
            .new
            .iter()
            .filter(|(w, _)| *w == folded)
            .map(|(_, l)| *l);
        let first = langs.next()?;
        langs.all(|l| l == first).then_some(first)
    }
}

/// What the caller knows about the place in an answer, looked up before `answer` runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Places<'a> {
    pub areas: &'a [AreaChoice],
    /// True when the answer holds a ZIP code known to lie outside the service region.
    pub zip_outside: bool,
}

/// Where a conversation goes after one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Turn {
    /// Ask `next.step`'s question; `again` names why the last answer was not taken (the
    /// message that says so and asks again).
    Ask {
        next: Conversation,
        again: Option<&'static str>,
    },
    /// Every question answered: file the request.
    Done(Conversation),
}

/// The conversation after the resident texts `text`, which `meaning` reads (yes and no).
pub fn answer(
    conversation: &Conversation,
    text: &str,
    meaning: &Meaning,
    commands: &Commands,
    places: Places<'_>,
) -> Turn {
    match commands.command(text) {
        Some(Command::New | Command::Restart) => {
            return ask(Conversation {
                language: conversation.language,
                step: Step::Language,
                answers: Answers::default(),
            })
        }
        Some(Command::Back) => return ask(back(conversation)),
        None => {}
    }
    let mut next = conversation.clone();
    let again = |reason| Turn::Ask {
        next: conversation.clone(),
        again: Some(reason),
    };
    match conversation.step {
        Step::Language => match language_choice(text) {
            Some(lang) => {
                next.language = Some(lang);
                next.step = Step::Name;
            }
            None => return again("sms-intake-menu-again"),
        },
        Step::Name => match name(text) {
            Ok(name) => {
                next.answers.name = Some(name);
                next.step = Step::Needs;
            }
            Err(reason) => return again(reason),
        },
        Step::Needs => match needs(text) {
            Some(needs) => {
                next.answers.needs = needs.iter().map(|n| n.code().to_owned()).collect();
                next.step = Step::Place;
            }
            None => return again("sms-intake-needs-again"),
        },
        Step::Place => match place(text, places) {
            Ok((zip, area_id)) => {
                next.answers.zip = zip;
                next.answers.area_id = area_id;
                next.step = Step::Consent;
            }
            Err(reason) => return again(reason),
        },
        Step::Consent => {
            let consent = match (meaning, text.trim()) {
                (Meaning::Yes, _) | (_, "1") => true,
                (Meaning::No, _) | (_, "2") => false,
                _ => return again("sms-intake-consent-again"),
            };
            next.answers.consent = Some(consent);
            return Turn::Done(next);
        }
    }
    ask(next)
}

fn ask(next: Conversation) -> Turn {
    Turn::Ask { next, again: None }
}

/// One question back; the first question (the language, even when the first text chose it)
/// stays where it is.
fn back(c: &Conversation) -> Conversation {
    let step = match c.step {
        Step::Language | Step::Name => Step::Language,
        Step::Needs => Step::Name,
        Step::Place => Step::Needs,
        Step::Consent => Step::Place,
    };
    Conversation { step, ..c.clone() }
}

/// The text that asks `step`'s question, in the conversation's language. The name question
/// also names the program and says how to stop and go back: it is the first text a resident
/// reads in their language.
pub fn question(step: Step) -> &'static str {
    match step {
        Step::Language => "sms-intake-menu",
        Step::Name => "sms-intake-hello",
        Step::Needs => "sms-intake-needs",
        Step::Place => "sms-intake-place",
        Step::Consent => "sms-intake-consent",
    }
}

/// A menu number (1–6, in the order of `LOCALES`) or a language's name in itself or in English.
fn language_choice(text: &str) -> Option<Lang> {
    let folded = fold(text);
    if let Ok(n @ 1..=9) = folded.parse::<usize>() {
        return Lang::all().nth(n - 1);
    }
    const ENGLISH_NAMES: [(&str, &str); 6] = [
        ("ENGLISH", "en"),
        ("SPANISH", "es"),
        ("ARABIC", "ar"),
        ("AMHARIC", "am"),
        ("LINGALA", "ln"),
        ("VIETNAMESE", "vi"),
    ];
    LOCALES
        .iter()
        .find(|l| fold(l.native_name) == folded)
        .map(|l| l.code)
        .or_else(|| {
            ENGLISH_NAMES
                .iter()
                .find(|(n, _)| *n == folded)
                .map(|(_, c)| *c)
        })
        .and_then(Lang::parse)
}

/// Reads the language of a first text, when it plainly is one of ours: by its script (Arabic,
/// Ethiopic, Vietnamese letters) or by a few words people open with. `None` when unsure.
pub fn guess_language(text: &str) -> Option<Lang> {
    let has = |range: std::ops::RangeInclusive<char>| text.chars().any(|c| range.contains(&c));
    if has('\u{0600}'..='\u{06FF}') {
        return Lang::parse("ar");
    }
    if has('\u{1200}'..='\u{139F}') {
        return Lang::parse("am");
    }
    // Letters only Vietnamese uses among our languages (ơ, ư, ă, đ, and the tone marks on top
    // of a circumflex or breve).
    if text.chars().any(|c| {
        matches!(c.to_lowercase().next().unwrap_or(c), 'ơ' | 'ư' | 'ă' | 'đ')
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    }) {
        return Lang::parse("vi");
    }
    const CUES: [(&str, &[&str]); 3] = [
        (
            "es",
            &[
                "HOLA",
                "AYUDA",
                "NECESITO",
                "QUIERO",
                "BUENOS",
                "BUENAS",
                "GRACIAS",
                "POR FAVOR",
                "COMPUTADORA",
                "AYUDENME",
            ],
        ),
        (
            "ln",
            &["MBOTE", "NALINGI", "NAZALI", "LISALISI", "SALISA", "NGAI"],
        ),
        (
            "en",
            &[
                "HI", "HELLO", "HEY", "NEED", "PLEASE", "I", "WANT", "COMPUTER",
            ],
        ),
    ];
    let folded = format!(" {} ", fold(text));
    if text.contains(['¿', '¡', 'ñ', 'Ñ']) {
        return Lang::parse("es");
    }
    let found: Vec<&str> = CUES
        .iter()
        .filter(|(_, words)| words.iter().any(|w| folded.contains(&format!(" {w} "))))
        .map(|(code, _)| *code)
        .collect();
    match found.as_slice() {
        [one] => Lang::parse(one),
        _ => None,
    }
}

/// A name as people text it: control and direction-override characters removed, spaces
/// collapsed; it must have a letter and fit the form's limit.
fn name(text: &str) -> Result<String, &'static str> {
    let cleaned: String = crate::domain::without_control_chars(text)
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .collect();
    let name = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > MAX_NAME_CHARS {
        Err("sms-intake-name-long")
    } else if !name.chars().any(char::is_alphabetic) {
        Err("sms-intake-name-again")
    } else {
        Ok(name)
    }
}

/// Bidirectional embeddings, overrides and isolates, and the directional marks: they can make
/// a name read differently on a navigator's screen than it was typed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Needs by number (1 internet, 2 device, 3 tech support), several at once ("1 3", "1,3",
/// "13"); `None` when there is none or anything else is in the answer.
fn needs(text: &str) -> Option<Vec<Need>> {
    let folded = fold(text);
    let mut found = Vec::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        let word = word.trim_end_matches(['.', ',']);
        if word.is_empty() {
            continue;
        }
        for digit in word.chars() {
            let need = match digit {
                '1' => Need::Internet,
                '2' => Need::Device,
                '3' => Need::TechSupport,
                _ => return None,
            };
            if !found.contains(&need) {
                found.push(need);
            }
        }
    }
    found.sort();
    (!found.is_empty()).then_some(found)
}

/// A ZIP code or an area's name (as the form takes them), or why not.
fn place(text: &str, places: Places<'_>) -> Result<(Option<String>, Option<i64>), &'static str> {
    let folded = fold(text);
    if let Some(zip) = zip_in(text) {
        if places.zip_outside {
            return Err("sms-intake-place-outside");
        }
        return Ok((Some(zip.as_str().to_owned()), None));
    }
    if folded.is_empty() {
        return Err("sms-intake-place-unknown");
    }
    let exact = places.areas.iter().find(|a| fold(&a.name) == folded);
    // "five points denver", "in montbello": a name inside the answer, when only one fits.
    let inside = || {
        let padded = format!(" {folded} ");
        let mut found = places
            .areas
            .iter()
            .filter(|a| padded.contains(&format!(" {} ", fold(&a.name))));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    match exact.or_else(inside) {
        Some(area) => Ok((None, Some(area.id))),
        None => Err("sms-intake-place-unknown"),
    }
}

/// The first ZIP-looking word of `text`, for the caller to check against the service region.
pub fn zip_in(text: &str) -> Option<Zip> {
    fold(text)
        .split(' ')
        .find(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()))
        .and_then(Zip::parse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::I18n;

    fn commands() -> Commands {
        Commands::from_i18n(&I18n::load().unwrap())
    }

    fn areas() -> Vec<AreaChoice> {
        vec![
            AreaChoice {
                id: 7,
                name: "Five Points".into(),
            },
            AreaChoice {
                id: 9,
                name: "Montbello".into(),
            },
            AreaChoice {
                id: 11,
                name: "Cole".into(),
            },
        ]
    }

    fn run(start: &str, texts: &[&str]) -> Turn {
        let commands = commands();
        let areas = areas();
        let mut c = Conversation::open(start, &commands);
        let mut turn = ask(c.clone());
        for text in texts {
            let meaning = match fold(text).as_str() {
                "YES" | "SI" | "CO" => Meaning::Yes,
                "NO" | "KHONG" => Meaning::No,
                _ => Meaning::Other(text.to_string()),
            };
            turn = answer(
                &c,
                text,
                &meaning,
                &commands,
                Places {
                    areas: &areas,
                    zip_outside: false,
                },
            );
            if let Turn::Ask { next, .. } = &turn {
                c = next.clone();
            }
        }
        turn
    }

    fn done(turn: Turn) -> Conversation {
        match turn {
            Turn::Done(c) => c,
            other => panic!("not done: {other:?}"),
        }
    }

    #[test]
    fn a_whole_conversation_from_the_menu() {
        let c = done(run("ok", &["2", "Ana María", "1 3", "80205", "si"]));
        assert_eq!(c.language, Lang::parse("es"));
        assert_eq!(c.answers.name.as_deref(), Some("Ana María"));
        assert_eq!(c.answers.needs, ["internet", "tech_support"]);
        assert_eq!(c.answers.zip.as_deref(), Some("80205"));
        assert_eq!(c.answers.consent, Some(true));
    }

    #[test]
    fn the_first_text_can_set_the_language() {
        let commands = commands();
        for (text, lang) in [
            ("Hola, necesito ayuda con internet", "es"),
            ("¿Me pueden ayudar?", "es"),
            ("مرحبا أحتاج مساعدة", "ar"),
            ("ሰላም እርዳታ እፈልጋለሁ", "am"),
            ("Tôi cần giúp đỡ về internet", "vi"),
            ("Mbote, nalingi lisalisi", "ln"),
            ("Hello I need help with internet", "en"),
            ("NUEVO", "es"),
            ("new", "en"),
        ] {
            let c = Conversation::open(text, &commands);
            assert_eq!(c.language, Lang::parse(lang), "{text}");
            assert_eq!(c.step, Step::Name, "{text}");
        }
        for unsure in ["", "ok", "internet", "80205", "😀", "Hola hello"] {
            let c = Conversation::open(unsure, &commands);
            assert_eq!(c.language, None, "{unsure}");
            assert_eq!(c.step, Step::Language, "{unsure}");
        }
    }

    #[test]
    fn wrong_answers_ask_again_with_a_reason() {
        let commands = commands();
        let areas = areas();
        let places = Places {
            areas: &areas,
            zip_outside: false,
        };
        let at = |step| Conversation {
            language: Some(Lang::EN),
            step,
            answers: Answers::default(),
        };
        let other = |t: &str| Meaning::Other(t.into());
        for (step, text, reason) in [
            (Step::Language, "7", "sms-intake-menu-again"),
            (Step::Language, "klingon", "sms-intake-menu-again"),
            (Step::Name, "12345", "sms-intake-name-again"),
            (Step::Name, "😀😀", "sms-intake-name-again"),
            (Step::Name, "", "sms-intake-name-again"),
            (Step::Name, "\u{202E}\u{202D}", "sms-intake-name-again"),
            (Step::Needs, "4", "sms-intake-needs-again"),
            (Step::Needs, "internet please", "sms-intake-needs-again"),
            (Step::Needs, "", "sms-intake-needs-again"),
            (Step::Place, "the moon", "sms-intake-place-unknown"),
            (Step::Place, "802", "sms-intake-place-unknown"),
            (Step::Consent, "maybe", "sms-intake-consent-again"),
        ] {
            let c = at(step);
            let turn = answer(&c, text, &other(text), &commands, places);
            assert_eq!(
                turn,
                Turn::Ask {
                    next: c.clone(),
                    again: Some(reason)
                },
                "{text:?}"
            );
        }
        let long = "a".repeat(MAX_NAME_CHARS + 1);
        let turn = answer(&at(Step::Name), &long, &other(&long), &commands, places);
        assert!(matches!(
            turn,
            Turn::Ask {
                again: Some("sms-intake-name-long"),
                ..
            }
        ));
        let outside = Places {
            areas: &areas,
            zip_outside: true,
        };
        let turn = answer(
            &at(Step::Place),
            "10001",
            &other("10001"),
            &commands,
            outside,
        );
        assert!(matches!(
            turn,
            Turn::Ask {
                again: Some("sms-intake-place-outside"),
                ..
            }
        ));
    }

    #[test]
    fn names_lose_direction_overrides_and_extra_spaces() {
        assert_eq!(name("  Ana \u{202E}Pérez\u{202C}  ").unwrap(), "Ana Pérez");
        assert_eq!(name("محمد").unwrap(), "محمد");
        assert_eq!(name("O'Brien-Smith").unwrap(), "O'Brien-Smith");
    }

    #[test]
    fn places_by_zip_or_name() {
        let areas = areas();
        let places = Places {
            areas: &areas,
            zip_outside: false,
        };
        assert_eq!(place("80205", places), Ok((Some("80205".into()), None)));
        assert_eq!(
            place("my zip is 80219.", places),
            Ok((Some("80219".into()), None))
        );
        assert_eq!(place("five points", places), Ok((None, Some(7))));
        assert_eq!(place("FIVE POINTS!", places), Ok((None, Some(7))));
        assert_eq!(place("I live in Montbello", places), Ok((None, Some(9))));
        assert_eq!(place("Colfax", places), Err("sms-intake-place-unknown"));
    }

    #[test]
    fn back_and_restart() {
        // BACK from needs returns to the name; RESTART clears every answer.
        let turn = run("hello", &["Ana", "back"]);
        let Turn::Ask { next, again: None } = turn else {
            panic!("{turn:?}")
        };
        assert_eq!(next.step, Step::Name);
        let turn = run("hola", &["Ana", "1", "ATRAS"]);
        let Turn::Ask { next, .. } = turn else {
            panic!()
        };
        assert_eq!(next.step, Step::Needs);
        assert_eq!(next.answers.name.as_deref(), Some("Ana"));
        let turn = run("hola", &["Ana", "1", "reiniciar"]);
        let Turn::Ask { next, .. } = turn else {
            panic!()
        };
        assert_eq!(next.step, Step::Language);
        assert_eq!(next.answers, Answers::default());
        // BACK at the first question stays there.
        let turn = run("ok", &["back"]);
        let Turn::Ask { next, .. } = turn else {
            panic!()
        };
        assert_eq!(next.step, Step::Language);
    }

    #[test]
    fn needs_by_number() {
        assert_eq!(needs("1"), Some(vec![Need::Internet]));
        assert_eq!(needs("3, 1"), Some(vec![Need::Internet, Need::TechSupport]));
        assert_eq!(needs("13"), Some(vec![Need::Internet, Need::TechSupport]));
        assert_eq!(needs("١"), Some(vec![Need::Internet]));
        assert_eq!(needs("0"), None);
        assert_eq!(needs("1 and 2"), None);
    }
}
