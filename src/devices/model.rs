//! What a device is: its kind, condition and status as the schema stores them (a code each),
//! parsed at the edge from forms and spreadsheets, and named on pages by a message each.

/// A closed set of values stored as codes: `ALL` in display order, `code`, a forgiving
/// `parse`, and the message naming each value (`<prefix>-<code>`).
macro_rules! coded {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// A code as stored, or as a spreadsheet may spell it: any case, spaces or
            /// hyphens for underscores ("On loan", "in-repair").
            pub fn parse(raw: &str) -> Option<$name> {
                let wanted = normalized(raw);
                Self::ALL.iter().copied().find(|v| v.code() == wanted)
            }

            /// The message naming this value on pages.
            pub fn label(self) -> String {
                format!(concat!($prefix, "-{}"), self.code())
            }
        }
    };
}

fn normalized(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

coded!(
    /// What sort of device it is.
    Kind, "device-kind", {
        Hotspot => "hotspot",
        Laptop => "laptop",
        Tablet => "tablet",
        Chromebook => "chromebook",
        Other => "other",
    }
);

coded!(
    /// The state it is in, as last checked.
    Condition, "device-condition", {
        New => "new",
        Good => "good",
        Fair => "fair",
        Poor => "poor",
        Broken => "broken",
    }
);

coded!(
    /// Where it is in its life: in stock, out with a resident, or gone.
    Status, "device-status", {
        Available => "available",
        Reserved => "reserved",
        OnLoan => "on_loan",
        Given => "given",
        InRepair => "in_repair",
        Lost => "lost",
        Retired => "retired",
    }
);

impl Status {
    /// The statuses a supervisor sets by hand. A device goes out (`on_loan`, `given`) only by
    /// lending or giving it from a case, which writes the loan with it.
    pub const SET_BY_HAND: &'static [Status] = &[
        Status::Available,
        Status::Reserved,
        Status::InRepair,
        Status::Lost,
        Status::Retired,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_spreadsheet_spellings_parse() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(*k));
        }
        for c in Condition::ALL {
            assert_eq!(Condition::parse(c.code()), Some(*c));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(*s));
        }
        for (raw, want) in [
            ("On loan", Some(Status::OnLoan)),
            (" in-repair ", Some(Status::InRepair)),
            ("IN_REPAIR", Some(Status::InRepair)),
            ("on  loan", Some(Status::OnLoan)),
            ("onloan", None),
            ("", None),
            ("broken", None),
        ] {
            assert_eq!(Status::parse(raw), want, "{raw:?}");
        }
        assert_eq!(Kind::parse("Chromebook"), Some(Kind::Chromebook));
        assert_eq!(Kind::parse("phone"), None);
        assert_eq!(Status::OnLoan.label(), "device-status-on_loan");
        assert_eq!(Kind::Hotspot.label(), "device-kind-hotspot");
    }
}
