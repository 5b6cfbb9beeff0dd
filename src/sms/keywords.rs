//! What a resident's text back means: opt out, opt in, help, a digit answer, yes, no, or words for
//! the navigator. The words come from `sms-keywords-*` in `locales/<lang>/sms.ftl`, so translators
//! keep them; every language's words work whatever the resident's language (a STOP is a STOP).
//!
//! Matching folds both sides the same way: compatibility decomposition with the accents dropped
//! (`dừng` reads `DUNG`, `Sí` reads `SI`, `إلغاء` reads `الغاء`), `đ` read as `d`, capitals,
//! Arabic tatweel dropped and `ى`/`ة` read as `ي`/`ه`, digits of any of our scripts read as
//! ASCII digits; apostrophes vanish, hyphens and spaces separate words, other punctuation ends a
//! clause. Then, in order:
//!
//! 1. A reply that is exactly one listed phrase means that phrase: opt-out, opt-in, help, yes, no;
//!    a reply that is one digit 1–5 is `Digit`.
//! 2. A reply of at most [`SHORT_REPLY_WORDS`] words containing an opt-out phrase inside one
//!    clause opts out ("Stop. Thank you", "please stop texting me"). A longer reply that merely
//!    mentions "stop" does not: it goes to the navigator. This errs towards silence — a resident
//!    silenced by mistake gets the opt-out confirmation that says how to text START, and the
//!    navigator sees the words.
//! 3. Anything else is `Other`, for the case timeline.
//!
//! Some opt-out words are also everyday words and count only when they are the whole reply:
//! see [`WHOLE_REPLY_ONLY`]. A bare "đúng" ("right") reads like "dừng" ("stop") once its accent is
//! gone, so it opts out; "đúng rồi" is a listed yes and means yes.
//!
//! YES and its equivalents are both an answer and an opt-in word: a word listed as opt-in *and*
//! yes opts in only when the resident is opted out, and is a plain yes otherwise. START, UNSTOP
//! and other opt-in-only words always opt in.

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{I18n, Lang};

/// What a reply means for navdesk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// Send nothing more (after the one opt-out confirmation) until the resident opts in.
    OptOut,
    /// The resident wants texts again.
    OptIn,
    /// Answer with the program's contact text.
    Help,
    /// An answer 1–5 (a menu choice or a satisfaction score).
    Digit(u8),
    Yes,
    No,
    /// Anything else, trimmed, for the navigator.
    Other(String),
}

/// Replies of at most this many words that contain an opt-out phrase opt out.
pub const SHORT_REPLY_WORDS: usize = 5;

/// Opt-out words that are also common words, folded: they opt out only as the whole reply.
/// Spanish PARA ("for"), ALTO ("high, tall"), BAJA ("low": "la señal es baja"); Vietnamese DUNG
/// ("đúng", right, folds to the same letters as "dừng") and HUY (a common given name).
pub const WHOLE_REPLY_ONLY: &[&str] = &["PARA", "ALTO", "BAJA", "DUNG", "HUY"];

/// The keyword lists of every language, folded for matching. Build once; cheap to share.
#[derive(Clone, Debug, Default)]
pub struct Keywords {
    stop: HashSet<String>,
    start: HashSet<String>,
    help: HashSet<String>,
    yes: HashSet<String>,
    no: HashSet<String>,
    /// The most words in one opt-out phrase, to bound the search inside a reply.
    longest_stop: usize,
}

impl Keywords {
    /// The lists from every language's `sms.ftl`.
    pub fn from_i18n(i18n: &I18n) -> Self {
        let mut keywords = Keywords::default();
        for lang in Lang::all() {
            let list = |id: &str| i18n.format_sms(lang, id, &[]);
            keywords.add(
                &list("sms-keywords-stop"),
                &list("sms-keywords-start"),
                &list("sms-keywords-help"),
                &list("sms-keywords-yes"),
                &list("sms-keywords-no"),
            );
        }
        keywords
    }

    /// Adds comma-separated phrases to each list.
    fn add(&mut self, stop: &str, start: &str, help: &str, yes: &str, no: &str) {
        for (set, list) in [
            (&mut self.stop, stop),
            (&mut self.start, start),
            (&mut self.help, help),
            (&mut self.yes, yes),
            (&mut self.no, no),
        ] {
            set.extend(
                list.split(',')
                    .map(|phrase| words(phrase).join(" "))
                    .filter(|p| !p.is_empty()),
            );
        }
        self.longest_stop = self
            .stop
            .iter()
            .map(|p| p.split(' ').count())
            .max()
            .unwrap_or(0);
    }

    /// What `text` means from a resident who is (or is not) opted out now.
    pub fn meaning(&self, text: &str, opted_out: bool) -> Meaning {
        let clauses = clauses(text);
        let all: Vec<&str> = clauses.iter().flatten().map(String::as_str).collect();
        let whole = all.join(" ");
        if let [word] = all.as_slice() {
            if let Ok(n @ 1..=5) = word.parse::<u8>() {
                return Meaning::Digit(n);
            }
        }
        if self.stop.contains(&whole) {
            return Meaning::OptOut;
        }
        if self.start.contains(&whole) {
            return if self.yes.contains(&whole) && !opted_out {
                Meaning::Yes
            } else {
                Meaning::OptIn
            };
        }
        if self.help.contains(&whole) {
            return Meaning::Help;
        }
        if self.yes.contains(&whole) {
            return Meaning::Yes;
        }
        if self.no.contains(&whole) {
            return Meaning::No;
        }
        if (1..=SHORT_REPLY_WORDS).contains(&all.len()) && self.has_stop_phrase(&clauses) {
            return Meaning::OptOut;
        }
        Meaning::Other(text.trim().to_owned())
    }

    fn has_stop_phrase(&self, clauses: &[Vec<String>]) -> bool {
        clauses.iter().any(|clause| {
            (0..clause.len()).any(|start| {
                (1..=self.longest_stop.min(clause.len() - start)).any(|len| {
                    let phrase = clause[start..start + len].join(" ");
                    self.stop.contains(&phrase) && !WHOLE_REPLY_ONLY.contains(&phrase.as_str())
                })
            })
        })
    }
}

/// `text` folded as keywords are matched (accents dropped, capitals, digits of any of our
/// scripts as ASCII), its words joined by one space: what other word lists compare against.
pub fn fold(text: &str) -> String {
    words(text).join(" ")
}

/// True when `text` opts out only because it is a whole-reply-only word (`HUY`, `DUNG`, ...),
/// which is also a common name or word.
pub fn is_whole_reply_only(text: &str) -> bool {
    WHOLE_REPLY_ONLY.contains(&fold(text).as_str())
}

/// The folded words of `text`, ignoring clause breaks.
fn words(text: &str) -> Vec<String> {
    clauses(text).into_iter().flatten().collect()
}

/// The folded words of `text`, grouped into clauses at punctuation.
fn clauses(text: &str) -> Vec<Vec<String>> {
    let mut clauses = vec![];
    let mut clause: Vec<String> = vec![];
    let mut word = String::new();
    let end_word = |word: &mut String, clause: &mut Vec<String>| {
        if !word.is_empty() {
            clause.push(std::mem::take(word));
        }
    };
    for c in text.chars().map(ascii_digit).nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | 'ʼ' | '\u{640}') {
            continue;
        }
        if c.is_alphanumeric() {
            match c {
                'đ' | 'Đ' => word.push('D'),
                'ى' => word.push('ي'),
                'ة' => word.push('ه'),
                _ => word.extend(c.to_uppercase()),
            }
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '\u{1361}') {
            // U+1361 is the Ethiopic word space.
            end_word(&mut word, &mut clause);
        } else {
            end_word(&mut word, &mut clause);
            if !clause.is_empty() {
                clauses.push(std::mem::take(&mut clause));
            }
        }
    }
    end_word(&mut word, &mut clause);
    if !clause.is_empty() {
        clauses.push(clause);
    }
    clauses
}

/// Arabic-Indic, Eastern Arabic-Indic and Ethiopic digits as ASCII digits (full-width digits are
/// folded by NFKD).
fn ascii_digit(c: char) -> char {
    let from = |zero: char| char::from(b'0' + (c as u32 - zero as u32) as u8);
    match c {
        '\u{660}'..='\u{669}' => from('\u{660}'),
        '\u{6f0}'..='\u{6f9}' => from('\u{6f0}'),
        // Ethiopic has no zero: ፩ is 1.
        '\u{1369}'..='\u{1371}' => from('\u{1368}'),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Meaning::*;

    fn keywords() -> Keywords {
        Keywords::from_i18n(&I18n::load().unwrap())
    }

    /// (reply, meaning when not opted out, meaning when opted out); `Other` keeps the reply.
    fn check(cases: &[(&str, Meaning, Meaning)]) {
        let k = keywords();
        for (text, subscribed, opted_out) in cases {
            assert_eq!(&k.meaning(text, false), subscribed, "{text:?} (subscribed)");
            assert_eq!(&k.meaning(text, true), opted_out, "{text:?} (opted out)");
        }
    }

    fn same(text: &str, m: Meaning) -> (&str, Meaning, Meaning) {
        (text, m.clone(), m)
    }

    fn other(text: &str) -> (&str, Meaning, Meaning) {
        same(text, Other(text.trim().to_owned()))
    }

    #[test]
    fn english() {
        check(&[
            same("STOP", OptOut),
            same(" stop ", OptOut),
            same("Stop!", OptOut),
            same("STOPALL", OptOut),
            same("Unsubscribe", OptOut),
            same("cancel", OptOut),
            same("END", OptOut),
            same("quit", OptOut),
            same("Revoke", OptOut),
            same("OPTOUT", OptOut),
            same("opt out", OptOut),
            same("Opt-Out.", OptOut),
            same("ＳＴＯＰ", OptOut),
            // Short replies containing an opt-out word opt out...
            same("Stop. Thank you", OptOut),
            same("please stop texting me", OptOut),
            same("Thanks, but stop", OptOut),
            same("yes stop", OptOut),
            // ...a longer one that mentions the word goes to the navigator.
            other("I tried to stop by the library but it was closed"),
            other("please stop texting me, I already got my laptop"),
            same("START", OptIn),
            same("unstop", OptIn),
            ("YES", Yes, OptIn),
            ("yes.", Yes, OptIn),
            // Y is a yes but not an opt-in word.
            same("y", Yes),
            same("HELP", Help),
            same("info", Help),
            same("No", No),
            same("n", No),
            other("my router is still blinking"),
            other("Yes thank you so much"),
        ]);
    }

    #[test]
    fn spanish() {
        check(&[
            same("PARAR", OptOut),
            same("alto", OptOut),
            same("Detener", OptOut),
            same("cancelar", OptOut),
            same("BAJA", OptOut),
            same("No más", OptOut),
            same("no mas mensajes por favor", OptOut),
            same("¡Para!", OptOut),
            // Everyday words that are opt-out words only alone.
            other("Es para mi hijo"),
            other("La señal es baja"),
            // A comma between "no" and "más" is not the phrase.
            other("No, más tarde"),
            ("Sí", Yes, OptIn),
            ("si", Yes, OptIn),
            same("S", Yes),
            same("COMENZAR", OptIn),
            same("Ayuda", Help),
            same("Información", Help),
            same("no", No),
        ]);
    }

    #[test]
    fn vietnamese() {
        check(&[
            same("Dừng", OptOut),
            same("dung", OptOut),
            same("HỦY", OptOut),
            same("Hủy đăng ký", OptOut),
            same("Ngừng", OptOut),
            same("Ngừng nhận tin nhắn", OptOut),
            same("dừng lại", OptOut),
            // "Right" reads like "stop" once unaccented: alone it opts out (towards silence)...
            same("đúng", OptOut),
            // ...but "that's right" is a listed yes, and inside a longer reply it is not an
            // opt-out word.
            same("Đúng rồi", Yes),
            other("Dạ đúng vậy"),
            other("Con là Huy"),
            ("Có", Yes, OptIn),
            ("co", Yes, OptIn),
            same("Vâng", Yes),
            same("không", No),
            same("khong", No),
            same("Chưa", No),
            same("bắt đầu", OptIn),
            same("Giúp", Help),
            same("hỗ trợ", Help),
        ]);
    }

    #[test]
    fn arabic() {
        check(&[
            same("توقف", OptOut),
            same("إلغاء", OptOut),
            same("الغاء", OptOut),
            same("إلغاء الاشتراك", OptOut),
            same("توقف من فضلك", OptOut),
            same("ـتوقفـ", OptOut),
            ("نعم", Yes, OptIn),
            same("أجل", Yes),
            same("لا", No),
            same("لأ", No),
            same("ابدأ", OptIn),
            same("مساعدة", Help),
            same("٣", Digit(3)),
            same("۵", Digit(5)),
            other("شكرا جزيلا"),
        ]);
    }

    #[test]
    fn amharic() {
        check(&[
            same("አቁም", OptOut),
            same("አቁም።", OptOut),
            same("akum", OptOut),
            ("አዎ", Yes, OptIn),
            same("እሺ", Yes),
            same("አይ", No),
            same("የለም", No),
            same("ጀምር", OptIn),
            same("እርዳታ", Help),
            same("፪", Digit(2)),
            other("አመሰግናለሁ"),
        ]);
    }

    #[test]
    fn lingala() {
        check(&[
            same("KOTIKA", OptOut),
            same("tika", OptOut),
            same("Telema", OptOut),
            same("Arrêter", OptOut),
            ("Iyo", Yes, OptIn),
            same("Ee", Yes),
            same("Oui", Yes),
            same("te", No),
            same("Non", No),
            same("Kobanda", OptIn),
            same("Lisalisi", Help),
            same("salisa ngai", Help),
            other("Matondi mingi"),
        ]);
    }

    #[test]
    fn digits() {
        check(&[
            same("1", Digit(1)),
            same(" 4. ", Digit(4)),
            same("５", Digit(5)),
            same("١", Digit(1)),
            other("0"),
            other("6"),
            other("12"),
            other("1 2"),
            other(""),
            other("   "),
            other("👍"),
        ]);
    }

    #[test]
    fn no_word_means_two_things() {
        let k = keywords();
        let lists = [
            ("stop", &k.stop),
            ("start", &k.start),
            ("help", &k.help),
            ("no", &k.no),
        ];
        for (i, (a, x)) in lists.iter().enumerate() {
            for (b, y) in &lists[i + 1..] {
                let both: Vec<_> = x.intersection(y).collect();
                assert!(both.is_empty(), "in {a} and {b}: {both:?}");
            }
        }
        // Yes may share words with start (that is the opt-in rule), with nothing else.
        for (name, list) in [("stop", &k.stop), ("help", &k.help), ("no", &k.no)] {
            let both: Vec<_> = k.yes.intersection(list).collect();
            assert!(both.is_empty(), "in yes and {name}: {both:?}");
        }
        for word in WHOLE_REPLY_ONLY {
            assert!(k.stop.contains(*word), "{word} is not an opt-out word");
        }
    }
}
