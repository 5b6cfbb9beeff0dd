//! Casework settings read as words: when new requests are assigned by themselves, and how long
//! residents' personal data is kept after their cases close.

use std::fmt;
use std::str::FromStr;

/// When navdesk may assign a new request by itself (`NAVDESK_AUTO_ASSIGN`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AutoAssign {
    /// Never: every request waits in the queue for a navigator to take it.
    #[default]
    Off,
    /// To the best navigator who passes every hard filter (skills, language or interpreter,
    /// room in their caseload, and the area or their travel radius).
    Best,
    /// As `Best`, but only to a navigator whose service areas include the resident's area; a
    /// request with no known area, or near only to navigators' homes, waits in the queue.
    Covering,
}

impl AutoAssign {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "no" | "false" | "0" => Some(Self::Off),
            "best" | "on" | "yes" | "true" | "1" => Some(Self::Best),
            "covering" | "area" => Some(Self::Covering),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Best => "best",
            Self::Covering => "covering",
        }
    }
}

impl FromStr for AutoAssign {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text).ok_or_else(|| format!("{text:?} is not one of off, best, covering"))
    }
}

impl fmt::Display for AutoAssign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `NAVDESK_RETENTION_DAYS`: days after a case is closed before its resident's personal data
/// is removed, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionDays(pub Option<i64>);

impl RetentionDays {
    pub const DEFAULT: RetentionDays = RetentionDays(Some(730));

    /// Cases closed before this moment are old enough.
    pub fn cutoff(self, now: i64) -> Option<i64> {
        self.0.map(|days| now - days * 86_400)
    }
}

impl FromStr for RetentionDays {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("off") {
            return Ok(RetentionDays(None));
        }
        match text.parse::<i64>() {
            Ok(days) if (1..=36_500).contains(&days) => Ok(RetentionDays(Some(days))),
            _ => Err(format!(
                "{text:?} is not a number of days from 1 to 36500, or off"
            )),
        }
    }
}

impl fmt::Display for RetentionDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(days) => write!(f, "{days}"),
            None => f.write_str("off"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_from_the_environment() {
        for (text, rule) in [
            ("off", Some(AutoAssign::Off)),
            (" Best ", Some(AutoAssign::Best)),
            ("on", Some(AutoAssign::Best)),
            ("covering", Some(AutoAssign::Covering)),
            ("sometimes", None),
            ("", None),
        ] {
            assert_eq!(AutoAssign::parse(text), rule, "{text:?}");
        }
        for rule in [AutoAssign::Off, AutoAssign::Best, AutoAssign::Covering] {
            assert_eq!(rule.to_string().parse(), Ok(rule));
        }
    }

    #[test]
    fn retention_days_parse() {
        assert_eq!("730".parse(), Ok(RetentionDays(Some(730))));
        assert_eq!(" OFF ".parse(), Ok(RetentionDays(None)));
        assert!("0".parse::<RetentionDays>().is_err());
        assert!("two years".parse::<RetentionDays>().is_err());
        assert_eq!(
            RetentionDays(Some(2)).cutoff(200_000),
            Some(200_000 - 172_800)
        );
        assert_eq!(RetentionDays(None).cutoff(1), None);
    }
}
