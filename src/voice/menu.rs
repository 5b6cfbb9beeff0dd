//! What a caller hears: the menus and messages of the phone line in each language, and what
//! the keys they press mean. A prompt is played from a recording when the city has put one
//! in `NAVDESK_VOICE_PROMPTS`, else spoken by Twilio's voice for the language, else (Amharic
//! and Lingala, which Twilio has no voice for) spoken in English; those callers' cases ask
//! for an interpreter.

use std::path::PathBuf;

use fluent_bundle::FluentValue;

use super::twiml::{Twiml, Voice};
use crate::domain::Need;
use crate::i18n::{I18n, Lang, LOCALES};

/// The voice English prompts fall back to.
pub const ENGLISH: Voice = Voice {
    name: "Polly.Joanna",
    language: "en-US",
};

/// Twilio's `<Say>` voice for a language, if it has one.
pub fn voice_of(lang: Lang) -> Option<Voice> {
    let (name, language) = match lang.code() {
        "en" => return Some(ENGLISH),
        "es" => ("Polly.Lupe", "es-US"),
        "ar" => ("Polly.Zeina", "arb"),
        "vi" => ("Google.vi-VN-Standard-A", "vi-VN"),
        _ => return None,
    };
    Some(Voice { name, language })
}

/// Whether a caller in this language is called back with an interpreter: Twilio cannot speak
/// it, so nobody can be sure the caller understood a recorded prompt, let alone an English one.
pub fn needs_interpreter(lang: Lang) -> bool {
    voice_of(lang).is_none()
}

/// Every message of the phone line; each may be recorded, as `{lang}/{file}.mp3` (or `.wav`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// This language's line of the language menu ("For English, press 1").
    Language,
    Needs,
    NotOnMenu,
    /// The callback is filed: what happens next, and the voice message.
    Record,
    Goodbye,
    /// Too many answers not on a menu.
    NoChoice,
}

impl Prompt {
    pub const ALL: [Prompt; 6] = [
        Prompt::Language,
        Prompt::Needs,
        Prompt::NotOnMenu,
        Prompt::Record,
        Prompt::Goodbye,
        Prompt::NoChoice,
    ];

    /// Its recording's file name, without the extension.
    pub fn file(self) -> &'static str {
        match self {
            Prompt::Language => "language",
            Prompt::Needs => "needs",
            Prompt::NotOnMenu => "not-on-menu",
            Prompt::Record => "record",
            Prompt::Goodbye => "goodbye",
            Prompt::NoChoice => "no-choice",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Prompt::Language => "voice-language-choice",
            Prompt::Needs => "voice-needs",
            Prompt::NotOnMenu => "voice-not-on-menu",
            Prompt::Record => "voice-record",
            Prompt::Goodbye => "voice-goodbye",
            Prompt::NoChoice => "voice-no-choice",
        }
    }
}

/// Recordings the phone line may play, and their content types.
pub const AUDIO: &[(&str, &str)] = &[("mp3", "audio/mpeg"), ("wav", "audio/wav")];

/// The keys of the language menu: the languages in the order of `LOCALES`, from 1.
pub fn language_of_digits(digits: &str) -> Option<Lang> {
    let n = single_digit(digits)?;
    LOCALES
        .get(n.checked_sub(1)?)
        .and_then(|l| Lang::parse(l.code))
}

/// The keys of the needs menu.
pub fn need_of_digits(digits: &str) -> Option<Need> {
    match single_digit(digits)? {
        1 => Some(Need::Internet),
        2 => Some(Need::Device),
        3 => Some(Need::TechSupport),
        _ => None,
    }
}

fn single_digit(digits: &str) -> Option<usize> {
    match digits.trim().as_bytes() {
        [d @ b'0'..=b'9'] => Some(usize::from(d - b'0')),
        _ => None,
    }
}

/// Builds what callers hear.
#[derive(Clone, Debug)]
pub struct Speaker<'a> {
    pub i18n: &'a I18n,
    /// Where recorded prompts are (`NAVDESK_VOICE_PROMPTS`).
    pub prompts: Option<&'a PathBuf>,
    /// Our public URL, which Twilio fetches recordings from.
    pub public_url: &'a str,
}

impl Speaker<'_> {
    /// The language menu, each line in its own language, then once more if no key comes.
    pub fn language_menu(&self, sorry: bool) -> Twiml {
        let mut lines = Twiml::new();
        if sorry {
            lines = self.speak(lines, Lang::EN, Prompt::NotOnMenu);
        }
        for lang in Lang::all() {
            lines = self.speak(lines, lang, Prompt::Language);
        }
        Twiml::new()
            .gather("/voice/language", 1, lines)
            .redirect("/voice/language")
    }

    pub fn needs_menu(&self, lang: Lang, sorry: bool) -> Twiml {
        let mut lines = Twiml::new();
        if sorry {
            lines = self.speak(lines, lang, Prompt::NotOnMenu);
        }
        lines = self.speak(lines, lang, Prompt::Needs);
        Twiml::new()
            .gather("/voice/need", 1, lines)
            .redirect("/voice/need")
    }

    /// The callback is filed: what happens next, then the voice message.
    pub fn record(&self, lang: Lang) -> Twiml {
        let twiml = self.speak(Twiml::new(), lang, Prompt::Record);
        let twiml = twiml.record("/voice/recorded", MAX_MESSAGE_SECONDS);
        // Reached when the caller records nothing.
        self.goodbye(twiml, lang, Prompt::Goodbye)
    }

    /// A last message, then the line hangs up.
    pub fn goodbye(&self, twiml: Twiml, lang: Lang, prompt: Prompt) -> Twiml {
        self.speak(twiml, lang, prompt).hangup()
    }

    /// Before a language is chosen or when no call is known: English, then hang up.
    pub fn english_goodbye(&self, message: &str) -> Twiml {
        let text = self.i18n.format_sms(Lang::EN, message, &[]);
        Twiml::new().say(ENGLISH, &text).hangup()
    }

    /// `prompt` in `lang`, appended to `twiml`: recorded, else spoken in the language, else
    /// spoken in English.
    fn speak(&self, twiml: Twiml, lang: Lang, prompt: Prompt) -> Twiml {
        if let Some(url) = self.recording(lang, prompt) {
            return twiml.play(&url);
        }
        let digit = lang.index() + 1;
        let args = [("digit", FluentValue::from(digit))];
        match voice_of(lang) {
            Some(voice) => twiml.say(voice, &self.i18n.format_sms(lang, prompt.message(), &args)),
            // The language's own menu line, as English words ("For Amharic, press 4").
            None if prompt == Prompt::Language => {
                let text = self
                    .i18n
                    .format_sms(lang, "voice-language-in-english", &args);
                twiml.say(ENGLISH, &text)
            }
            None => twiml.say(
                ENGLISH,
                &self.i18n.format_sms(Lang::EN, prompt.message(), &args),
            ),
        }
    }

    /// The URL of the recording of `prompt` in `lang`, if the city has put one in the folder.
    /// Looked for on each call, so a recording dropped in is used at once.
    fn recording(&self, lang: Lang, prompt: Prompt) -> Option<String> {
        let dir = self.prompts?.join(lang.code());
        AUDIO.iter().find_map(|(ext, _)| {
            let file = format!("{}.{ext}", prompt.file());
            dir.join(&file).is_file().then(|| {
                format!(
                    "{}/voice/prompts/{}/{file}",
                    self.public_url.trim_end_matches('/'),
                    lang.code()
                )
            })
        })
    }
}

/// The longest voice message, in seconds.
pub const MAX_MESSAGE_SECONDS: u32 = 120;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mean_what_the_menus_say() {
        let langs: Vec<_> = ["1", "2", "3", "4", "5", "6"]
            .iter()
            .map(|d| language_of_digits(d).map(Lang::code))
            .collect();
        assert_eq!(
            langs,
            ["en", "es", "ar", "am", "ln", "vi"].map(Some).to_vec()
        );
        for bad in ["", "0", "7", "12", "#", "*", "a", "\u{0}1", "١", " "] {
            assert_eq!(language_of_digits(bad), None, "{bad:?}");
        }
        assert_eq!(need_of_digits(" 2 "), Some(Need::Device));
        assert_eq!(need_of_digits("3"), Some(Need::TechSupport));
        for bad in ["", "0", "4", "9", "11", "x"] {
            assert_eq!(need_of_digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn twilio_speaks_four_of_the_six() {
        let spoken: Vec<_> = Lang::all()
            .filter(|l| !needs_interpreter(*l))
            .map(Lang::code)
            .collect();
        assert_eq!(spoken, ["en", "es", "ar", "vi"]);
        assert_eq!(
            voice_of(Lang::parse("ar").unwrap()).unwrap().language,
            "arb"
        );
    }

    #[test]
    fn every_prompt_has_a_message_in_every_language() {
        let i18n = I18n::load().unwrap();
        for lang in Lang::all() {
            for prompt in Prompt::ALL {
                assert!(i18n.has(lang, prompt.message()), "{lang:?} {prompt:?}");
            }
            assert!(i18n.has(lang, "voice-language-in-english"));
        }
    }
}
