//! Domain values parsed at the edge: once a value has one of these types it is known good.

use std::fmt;

use rand::Rng;

pub mod staff;

/// Declares an enum of fixed codes as they appear in forms and the database.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

codes!(
    /// What a resident asks for help with.
    Need { Internet = "internet", Device = "device", TechSupport = "tech_support" }
);
codes!(
    /// What a resource program offers (an HSDS service's categories).
    ProgramCategory { InternetPlan = "internet_plan", Device = "device", Training = "training" }
);
codes!(
    ContactMethod { Sms = "sms", Call = "call", Email = "email" }
);
codes!(
    /// Benefits that often qualify a household for discount programs.
    Benefit {
        Snap = "snap", Medicaid = "medicaid", Wic = "wic", Ssi = "ssi", Lifeline = "lifeline",
        PublicHousing = "public_housing", SchoolLunch = "school_lunch", Pell = "pell", Va = "va",
    }
);
codes!(
    /// A resident's age, asked in bands. `45_64` is an answer given before the form split it at
    /// 60 (so the funder report can count residents aged 60 and over); it is still read, and
    /// still accepted from a form, but no longer offered (`AgeBand::ASKED`).
    AgeBand {
        Under18 = "under_18", A18To24 = "18_24", A25To44 = "25_44", A45To59 = "45_59",
        A60To64 = "60_64", A65Plus = "65_plus", A45To64 = "45_64",
    }
);

impl AgeBand {
    /// The bands the form offers, youngest first.
    pub const ASKED: &'static [AgeBand] = &[
        AgeBand::Under18,
        AgeBand::A18To24,
        AgeBand::A25To44,
        AgeBand::A45To59,
        AgeBand::A60To64,
        AgeBand::A65Plus,
    ];

    /// True when everyone in the band is 60 or over.
    pub fn sixty_or_over(self) -> bool {
        matches!(self, AgeBand::A60To64 | AgeBand::A65Plus)
    }
}
codes!(
    /// Self-described race or ethnicity; used only in aggregate reports.
    RaceEthnicity {
        AmericanIndian = "american_indian", Asian = "asian", Black = "black", Hispanic = "hispanic",
        MiddleEastern = "middle_eastern", PacificIslander = "pacific_islander", White = "white",
        Other = "other", PreferNotToSay = "prefer_not_to_say",
    }
);
codes!(
    /// An answer to an optional yes-or-no question about oneself (veteran, disability); not
    /// answering is no answer at all. Used only in aggregate reports.
    Answer { Yes = "yes", No = "no", PreferNot = "prefer_not" }
);
codes!(
    Accessibility { Interpreter = "interpreter", LargePrint = "large_print", Hearing = "hearing", ScreenReader = "screen_reader" }
);
codes!(
    CaseStatus {
        New = "new", Assigned = "assigned", InProgress = "in_progress",
        WaitingOnResident = "waiting_on_resident", Referred = "referred", Resolved = "resolved", Closed = "closed",
    }
);
codes!(
    Channel { Web = "web", Phone = "phone", WalkIn = "walk_in", Sms = "sms" }
);
codes!(
    /// Where a referral to a program stands: the loop closes when the program answers.
    ReferralStatus {
        Suggested = "suggested", Referred = "referred", Applied = "applied", Approved = "approved",
        Denied = "denied", Enrolled = "enrolled", NoCapacity = "no_capacity",
        NotEligible = "not_eligible", Withdrawn = "withdrawn",
    }
);
codes!(
    /// The kind of device a resident received.
    DeviceType {
        Laptop = "laptop", Desktop = "desktop", Tablet = "tablet", Smartphone = "smartphone",
        Hotspot = "hotspot", Other = "other",
    }
);
codes!(
    /// Why a case was closed.
    CloseReason {
        Helped = "helped", ReferredOut = "referred_out", Unreachable = "unreachable",
        Declined = "declined", NotEligible = "not_eligible", Duplicate = "duplicate",
        MovedAway = "moved_away", Other = "other",
    }
);
codes!(
    /// How a resident gave consent to texts when staff recorded their request.
    ConsentHow { SaidYesOnPhone = "verbal_phone", SaidYesInPerson = "verbal_in_person", Signed = "written" }
);

/// Text as typed, without control characters other than line breaks (`\r\n` becomes `\n`).
pub fn without_control_chars(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// Joins codes into the comma-separated text stored in the database.
pub fn join_codes<T: Copy + fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Splits stored comma-separated codes, skipping any this version does not know.
pub fn split_codes<T>(text: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
    text.split(',').filter_map(|c| parse(c.trim())).collect()
}

/// A phone number in E.164 form (`+13035550123`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

#[derive(Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// Letters or other characters no phone number has.
    BadCharacters,
    Invalid,
}

impl PhoneNumber {
    /// Parses what a person types (US numbers by default): `(303) 555-0123`, `303.555.0123`,
    /// `+52 55 1234 5678`. Letters are refused rather than read as a vanity number.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let input = input.trim();
        if !input
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        {
            return Err(PhoneError::BadCharacters);
        }
        let digits = input.chars().filter(char::is_ascii_digit).count();
        if !(7..=15).contains(&digits) {
            return Err(PhoneError::Invalid);
        }
        let e164 = Self::e164(input)?;
        // phonenumber can take digits for a prefix and drop them (`+25- 21 ( 1119338` came out
        // as `+252119338`, not a valid number): keep only a number that reads back as itself.
        if Self::e164(&e164)? != e164 {
            return Err(PhoneError::Invalid);
        }
        Ok(Self(e164))
    }

    fn e164(input: &str) -> Result<String, PhoneError> {
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::US), input)
            .map_err(|_| PhoneError::Invalid)?;
        if !phonenumber::is_valid(&parsed) {
            return Err(PhoneError::Invalid);
        }
        Ok(parsed.format().mode(phonenumber::Mode::E164).to_string())
    }

    /// Wraps a number already stored in E.164 form.
    pub fn from_e164(stored: String) -> Self {
        Self(stored)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn last4(&self) -> &str {
        &self.0[self.0.len().saturating_sub(4)..]
    }
}

/// A case's reference code: 8 characters from an alphabet without 0, O, 1 or I, so it can be
/// read aloud and typed without confusion.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RefCode(String);

impl RefCode {
    pub const ALPHABET: &'static [u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    pub const LEN: usize = 8;

    pub fn generate() -> Self {
        Self::generate_with(&mut rand::rng())
    }

    /// A code drawn from `rng`: the load-test seeder passes its seeded generator so one seed
    /// always makes the same codes.
    pub fn generate_with(rng: &mut impl Rng) -> Self {
        let code = (0..Self::LEN)
            .map(|_| Self::ALPHABET[rng.random_range(0..Self::ALPHABET.len())] as char)
            .collect();
        Self(code)
    }

    /// Accepts what a person types: lower case, spaces and dashes are fine.
    pub fn parse(input: &str) -> Option<Self> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (code.len() == Self::LEN && code.bytes().all(|b| Self::ALPHABET.contains(&b)))
            .then_some(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `ABCD EFGH`: easier to read aloud and copy.
    pub fn grouped(&self) -> String {
        format!("{} {}", &self.0[..4], &self.0[4..])
    }
}

impl fmt::Display for RefCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A five-digit US ZIP code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zip(String);

impl Zip {
    pub fn parse(input: &str) -> Option<Self> {
        let input = input.trim();
        (input.len() == 5 && input.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Self(input.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        let good = [
            ("(303) 555-0123", "+13035550123"),
            ("303.555.0123", "+13035550123"),
            ("720 555 0199", "+17205550199"),
            ("+1 303 555 0123", "+13035550123"),
            ("1-303-555-0123", "+13035550123"),
            ("+52 55 1234 5678", "+525512345678"),
        ];
        for (input, want) in good {
            assert_eq!(PhoneNumber::parse(input).unwrap().as_str(), want, "{input}");
            assert_eq!(PhoneNumber::parse(want).unwrap().as_str(), want, "{want}");
        }
        // Found by the phone fuzz target: read as +252119338, two digits lost, and that number
        // is not valid when read again.
        assert_eq!(
            PhoneNumber::parse("+25- 21 ( 1119338"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(PhoneNumber::parse("12"), Err(PhoneError::Invalid));
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::Invalid));
        assert_eq!(
            PhoneNumber::parse("303-555-CALL"),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(
            PhoneNumber::parse("call me"),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(PhoneNumber::parse("123 456 7890"), Err(PhoneError::Invalid));
        assert_eq!(
            PhoneNumber::parse("9999999999999999999"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(
            PhoneNumber::parse("(303) 555-0123").unwrap().last4(),
            "0123"
        );
    }

    #[test]
    fn reference_codes() {
        for _ in 0..200 {
            let code = RefCode::generate();
            assert_eq!(code.as_str().len(), 8);
            assert!(!code.as_str().contains(['0', 'O', '1', 'I']));
            assert_eq!(RefCode::parse(code.as_str()), Some(code.clone()));
        }
        assert_eq!(RefCode::parse("abcd-2345").unwrap().as_str(), "ABCD2345");
        assert_eq!(RefCode::parse(" ABCD 2345 ").unwrap().as_str(), "ABCD2345");
        assert_eq!(RefCode::parse("ABCD2345").unwrap().grouped(), "ABCD 2345");
        for bad in [
            "",
            "ABCD234",
            "ABCD23456",
            "ABCD0345",
            "ABCDO345",
            "ABCD1345",
            "ABCDI345",
            "ABCD234é",
        ] {
            assert_eq!(RefCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn zips() {
        assert_eq!(Zip::parse(" 80205 ").unwrap().as_str(), "80205");
        for bad in ["8020", "802055", "8020a", "", "80205-1234"] {
            assert_eq!(Zip::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for need in Need::ALL {
            assert_eq!(Need::parse(need.code()), Some(*need));
        }
        assert_eq!(Need::parse("root"), None);
        let stored = join_codes(&[Benefit::Snap, Benefit::Va]);
        assert_eq!(stored, "snap,va");
        assert_eq!(
            split_codes(&stored, Benefit::parse),
            vec![Benefit::Snap, Benefit::Va]
        );
        assert_eq!(split_codes("", Benefit::parse), vec![]);
    }
}
