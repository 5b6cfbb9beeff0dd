//! What a reply about an appointment asks: confirm it, cancel it, another time, or the number
//! of an offered time. The words come from `sms-keywords-confirm`, `-cancel-appointment` and
//! `-another-time` in every language's `sms.ftl`, folded as the STOP words are
//! (`sms::keywords::fold`), and every language's words work whatever the resident's language.
//! They are read only after STOP, START and HELP: a reply that means one of those never gets
//! here, and no word here may be one of them (a test checks every language).

use std::collections::HashSet;

use crate::i18n::{I18n, Lang};
use crate::sms::keywords::{fold, Meaning};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    Confirm,
    Cancel,
    AnotherTime,
    /// A number, from 1 (any number: one not offered gets its own answer).
    Pick(usize),
}

impl Intent {
    pub fn code(self) -> &'static str {
        match self {
            Intent::Confirm => "appointment_confirm",
            Intent::Cancel => "appointment_cancel",
            Intent::AnotherTime => "appointment_another_time",
            Intent::Pick(_) => "slot_pick",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct AppointmentWords {
    confirm: HashSet<String>,
    cancel: HashSet<String>,
    another: HashSet<String>,
}

impl AppointmentWords {
    pub fn from_i18n(i18n: &I18n) -> Self {
        let mut words = Self::default();
        for lang in Lang::all() {
            for (set, id) in [
                (&mut words.confirm, "sms-keywords-confirm"),
                (&mut words.cancel, "sms-keywords-cancel-appointment"),
                (&mut words.another, "sms-keywords-another-time"),
            ] {
                set.extend(
                    i18n.format_sms(lang, id, &[])
                        .split(',')
                        .map(fold)
                        .filter(|p| !p.is_empty()),
                );
            }
        }
        words
    }

    /// What `text` asks about an appointment, given what the keywords made of it; `None` for a
    /// keyword (STOP, START, HELP) and for anything else.
    pub fn intent(&self, text: &str, meaning: &Meaning) -> Option<Intent> {
        if matches!(meaning, Meaning::OptOut | Meaning::OptIn | Meaning::Help) {
            return None;
        }
        let folded = fold(text);
        if !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Intent::Pick(folded.parse().unwrap_or(usize::MAX)));
        }
        if self.cancel.contains(&folded) {
            Some(Intent::Cancel)
        } else if self.another.contains(&folded) {
            Some(Intent::AnotherTime)
        } else if self.confirm.contains(&folded) {
            Some(Intent::Confirm)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sms::keywords::Keywords;

    #[test]
    fn no_appointment_word_is_a_keyword_and_none_means_two_things() {
        let i18n = I18n::load().unwrap();
        let keywords = Keywords::from_i18n(&i18n);
        let words = AppointmentWords::from_i18n(&i18n);
        for (list, set) in [
            ("confirm", &words.confirm),
            ("cancel", &words.cancel),
            ("another", &words.another),
        ] {
            assert!(set.len() >= 6 * 2, "{list}: words in every language");
            for word in set {
                for opted_out in [false, true] {
                    let m = keywords.meaning(word, opted_out);
                    assert!(
                        !matches!(m, Meaning::OptOut | Meaning::OptIn | Meaning::Help),
                        "{list} word {word:?} reads as {m:?}"
                    );
                }
            }
        }
        assert!(words.confirm.is_disjoint(&words.cancel));
        assert!(words.confirm.is_disjoint(&words.another));
        assert!(words.cancel.is_disjoint(&words.another));
    }

    #[test]
    fn replies_in_every_language() {
        let i18n = I18n::load().unwrap();
        let keywords = Keywords::from_i18n(&i18n);
        let words = AppointmentWords::from_i18n(&i18n);
        let read = |text: &str| words.intent(text, &keywords.meaning(text, false));
        for (text, intent) in [
            ("ok", Some(Intent::Confirm)),
            ("I'll be there", Some(Intent::Confirm)),
            ("not coming", Some(Intent::Cancel)),
            ("Change", Some(Intent::AnotherTime)),
            ("No voy", Some(Intent::Cancel)),
            ("cambiar", Some(Intent::AnotherTime)),
            ("لن أحضر", Some(Intent::Cancel)),
            ("تغيير", Some(Intent::AnotherTime)),
            ("አልመጣም", Some(Intent::Cancel)),
            ("ቀይር", Some(Intent::AnotherTime)),
            ("nakoya te", Some(Intent::Cancel)),
            ("Bongola", Some(Intent::AnotherTime)),
            ("không đến", Some(Intent::Cancel)),
            ("đổi giờ", Some(Intent::AnotherTime)),
            ("xác nhận", Some(Intent::Confirm)),
            ("2", Some(Intent::Pick(2))),
            ("٢", Some(Intent::Pick(2))),
            ("7", Some(Intent::Pick(7))),
            // STOP stays first, in any language; CANCEL is an opt-out word.
            ("STOP", None),
            ("cancel", None),
            ("cancelar", None),
            ("help", None),
            ("what time is it", None),
        ] {
            assert_eq!(read(text), intent, "{text:?}");
        }
    }
}
