//! What the help achieved, as a navigator records it: the outcome form's fields, checked with
//! no I/O. Every field is optional, since outcomes become known one at a time; a field left
//! blank is "not recorded", which reports tell apart from "no".

use serde::{Deserialize, Serialize};

use crate::domain::DeviceType;
use crate::web::form::FieldError;

/// The longest plan name we keep, in characters.
pub const MAX_PLAN_CHARS: usize = 200;
/// A monthly cost above this (in cents) is a typing mistake, not an internet plan.
pub const MAX_MONTHLY_COST_CENTS: i64 = 100_000;
pub const MAX_TRAINING_SESSIONS: i64 = 200;

/// A case's outcome as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub connected_at_home: Option<bool>,
    pub plan: String,
    pub monthly_cost_cents: Option<i64>,
    pub device_type: Option<DeviceTypeCode>,
    pub training_sessions: Option<i64>,
    pub skill_at_intake: Option<i64>,
    pub skill_at_close: Option<i64>,
}

/// A device type as it is written in an event's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceTypeCode(pub DeviceType);

impl TryFrom<String> for DeviceTypeCode {
    type Error = String;
    fn try_from(code: String) -> Result<Self, String> {
        DeviceType::parse(&code)
            .map(DeviceTypeCode)
            .ok_or_else(|| format!("unknown device type {code:?}"))
    }
}

impl From<DeviceTypeCode> for String {
    fn from(code: DeviceTypeCode) -> String {
        code.0.code().to_owned()
    }
}

/// The outcome form's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct OutcomeInput {
    pub connected_at_home: String,
    pub plan: String,
    pub monthly_cost: String,
    pub device_type: String,
    pub training_sessions: String,
    pub skill_at_intake: String,
    pub skill_at_close: String,
}

impl OutcomeInput {
    /// Reads the form through `get`, which answers "" for a missing field.
    pub fn read<'a>(get: impl Fn(&str) -> &'a str) -> Self {
        Self {
            connected_at_home: get("connected_at_home").to_owned(),
            plan: get("plan").to_owned(),
            monthly_cost: get("monthly_cost").to_owned(),
            device_type: get("device_type").to_owned(),
            training_sessions: get("training_sessions").to_owned(),
            skill_at_intake: get("skill_at_intake").to_owned(),
            skill_at_close: get("skill_at_close").to_owned(),
        }
    }

    /// The form filled in with what is stored.
    pub fn from_outcome(o: &Outcome, money: impl Fn(i64) -> String) -> Self {
        let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        Self {
            connected_at_home: match o.connected_at_home {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            }
            .to_owned(),
            plan: o.plan.clone(),
            monthly_cost: o.monthly_cost_cents.map(money).unwrap_or_default(),
            device_type: o
                .device_type
                .map(|d| d.0.code().to_owned())
                .unwrap_or_default(),
            training_sessions: num(o.training_sessions),
            skill_at_intake: num(o.skill_at_intake),
            skill_at_close: num(o.skill_at_close),
        }
    }

    /// Checks every field; all problems at once.
    pub fn validate(&self) -> Result<Outcome, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |field, message| errors.push(FieldError { field, message });
        let connected_at_home = match self.connected_at_home.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                error("connected_at_home", "outcome-error-connected");
                None
            }
        };
        let plan: String = self
            .plan
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        if plan.chars().count() > MAX_PLAN_CHARS {
            error("plan", "outcome-error-plan");
        }
        let monthly_cost_cents = match parse_cents(&self.monthly_cost) {
            Ok(Some(c)) if c > MAX_MONTHLY_COST_CENTS => {
                error("monthly_cost", "outcome-error-cost");
                None
            }
            Ok(c) => c,
            Err(NotAnAmount) => {
                error("monthly_cost", "outcome-error-cost");
                None
            }
        };
        let device_type = match self.device_type.trim() {
            "" => None,
            code => match DeviceType::parse(code) {
                Some(d) => Some(DeviceTypeCode(d)),
                None => {
                    error("device_type", "outcome-error-device");
                    None
                }
            },
        };
        let training_sessions =
            match small_number(&self.training_sessions, 0..=MAX_TRAINING_SESSIONS) {
                Ok(n) => n,
                Err(()) => {
                    error("training_sessions", "outcome-error-sessions");
                    None
                }
            };
        let mut skill = |field: &'static str, raw: &str| match small_number(raw, 1..=5) {
            Ok(n) => n,
            Err(()) => {
                error(field, "outcome-error-skill");
                None
            }
        };
        let skill_at_intake = skill("skill_at_intake", &self.skill_at_intake);
        let skill_at_close = skill("skill_at_close", &self.skill_at_close);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Outcome {
            connected_at_home,
            plan,
            monthly_cost_cents,
            device_type,
            training_sessions,
            skill_at_intake,
            skill_at_close,
        })
    }
}

/// A whole number in `range`, or blank.
fn small_number(raw: &str, range: std::ops::RangeInclusive<i64>) -> Result<Option<i64>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

/// Money that could not be read as an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAnAmount;

/// An amount of money as people type it (`15`, `$15.99`, `1,200.5`, `19,99`) in cents, or blank.
pub fn parse_cents(raw: &str) -> Result<Option<i64>, NotAnAmount> {
    let s: String = raw
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('$')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    // A comma followed by exactly two digits at the end is a decimal comma (19,99).
    let s = match s.rsplit_once(',') {
        Some((whole, frac)) if frac.len() == 2 && !s.contains('.') => format!("{whole}.{frac}"),
        _ => s,
    };
    let s = s.replace(',', "");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 9
    {
        return Err(NotAnAmount);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| NotAnAmount)?
    };
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| NotAnAmount)? * 10,
        _ => frac.parse().map_err(|_| NotAnAmount)?,
    };
    Ok(Some(whole * 100 + cents))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> OutcomeInput {
        OutcomeInput::read(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, v)| *v)
        })
    }

    #[test]
    fn money_as_people_type_it() {
        let table = [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("15", Ok(Some(1500))),
            ("$15", Ok(Some(1500))),
            ("$15.99", Ok(Some(1599))),
            ("15.5", Ok(Some(1550))),
            ("19,99", Ok(Some(1999))),
            ("1,200", Ok(Some(120_000))),
            ("1,200.50", Ok(Some(120_050))),
            (".50", Ok(Some(50))),
            ("0", Ok(Some(0))),
            ("15.999", Err(NotAnAmount)),
            ("-5", Err(NotAnAmount)),
            ("ten", Err(NotAnAmount)),
            ("1e3", Err(NotAnAmount)),
            (".", Err(NotAnAmount)),
            ("99999999999", Err(NotAnAmount)),
        ];
        for (raw, want) in table {
            assert_eq!(parse_cents(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn a_blank_form_records_nothing() {
        assert_eq!(input(&[]).validate(), Ok(Outcome::default()));
    }

    #[test]
    fn a_full_outcome() {
        let outcome = input(&[
            ("connected_at_home", "yes"),
            ("plan", "  Xfinity Internet Essentials "),
            ("monthly_cost", "$9.95"),
            ("device_type", "laptop"),
            ("training_sessions", "3"),
            ("skill_at_intake", "2"),
            ("skill_at_close", "4"),
        ])
        .validate()
        .unwrap();
        assert_eq!(outcome.connected_at_home, Some(true));
        assert_eq!(outcome.plan, "Xfinity Internet Essentials");
        assert_eq!(outcome.monthly_cost_cents, Some(995));
        assert_eq!(
            outcome.device_type,
            Some(DeviceTypeCode(DeviceType::Laptop))
        );
        assert_eq!(outcome.training_sessions, Some(3));
        assert_eq!(
            (outcome.skill_at_intake, outcome.skill_at_close),
            (Some(2), Some(4))
        );
        // What is stored fills the form in again unchanged.
        let again = OutcomeInput::from_outcome(&outcome, |c| format!("{}.{:02}", c / 100, c % 100));
        assert_eq!(again.validate(), Ok(outcome));
    }

    #[test]
    fn every_bad_field_is_named() {
        let errors = input(&[
            ("connected_at_home", "maybe"),
            ("plan", &"x".repeat(MAX_PLAN_CHARS + 1)),
            ("monthly_cost", "$5000"),
            ("device_type", "toaster"),
            ("training_sessions", "-1"),
            ("skill_at_intake", "0"),
            ("skill_at_close", "6"),
        ])
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "connected_at_home",
                "plan",
                "monthly_cost",
                "device_type",
                "training_sessions",
                "skill_at_intake",
                "skill_at_close"
            ]
        );
    }

    #[test]
    fn skill_ratings_run_from_one_to_five() {
        for (raw, ok) in [
            ("1", true),
            ("5", true),
            ("3", true),
            ("0", false),
            ("6", false),
            ("2.5", false),
        ] {
            let result = input(&[("skill_at_close", raw)]).validate();
            assert_eq!(result.is_ok(), ok, "{raw}");
        }
    }
}
