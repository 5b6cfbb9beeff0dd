//! Numbers and money as each language writes them: the digit-group and decimal marks, and
//! where the currency sign goes. Digits stay Western (0-9) in every language, Arabic included:
//! residents read them on their US bills, phone numbers and forms, and a reference code or
//! ZIP mixes them with Latin letters.

use fluent_bundle::FluentValue;
use intl_memoizer::concurrent::IntlLangMemoizer;

/// How one language writes numbers and US dollars.
#[derive(Debug)]
pub struct NumberStyle {
    pub group: char,
    pub decimal: char,
    /// `$1,234.50` (sign first) or `1.234,50 US$` (sign last).
    pub money_prefix: &'static str,
    pub money_suffix: &'static str,
}

pub const COMMA_POINT: NumberStyle = NumberStyle {
    group: ',',
    decimal: '.',
    money_prefix: "$",
    money_suffix: "",
};
pub const POINT_COMMA: NumberStyle = NumberStyle {
    group: '.',
    decimal: ',',
    money_prefix: "",
    money_suffix: "\u{a0}US$",
};
pub const ARABIC: NumberStyle = NumberStyle {
    group: ',',
    decimal: '.',
    money_prefix: "US$\u{a0}",
    money_suffix: "",
};

/// `1234567.5` with 2 fraction digits → `1,234,567.50` (or `1.234.567,50`).
pub fn format_decimal(value: f64, fraction_digits: usize, group: char, decimal: char) -> String {
    let text = format!("{:.*}", fraction_digits, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

impl NumberStyle {
    pub fn number(&self, value: f64, fraction_digits: usize) -> String {
        format_decimal(value, fraction_digits, self.group, self.decimal)
    }

    /// Dollars from cents; whole amounts without cents (`$15`, `$14.95`).
    pub fn money(&self, cents: i64) -> String {
        let digits = if cents % 100 == 0 { 0 } else { 2 };
        let amount = self.number(cents as f64 / 100.0, digits);
        format!("{}{amount}{}", self.money_prefix, self.money_suffix)
    }
}

/// Fluent's number formatting, with `GROUP` and `DECIMAL` marks (one function per style,
/// since Fluent takes a plain function).
pub fn fluent_number<const GROUP: char, const DECIMAL: char>(
    value: &FluentValue,
    _: &IntlLangMemoizer,
) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            let digits = n.options.minimum_fraction_digits.unwrap_or(0);
            Some(format_decimal(n.value, digits, GROUP, DECIMAL))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_money() {
        let cases: &[(&NumberStyle, f64, usize, &str)] = &[
            (&COMMA_POINT, 0.0, 0, "0"),
            (&COMMA_POINT, 999.0, 0, "999"),
            (&COMMA_POINT, 1000.0, 0, "1,000"),
            (&COMMA_POINT, 1234567.5, 2, "1,234,567.50"),
            (&COMMA_POINT, -1234.0, 0, "-1,234"),
            (&POINT_COMMA, 1234567.5, 2, "1.234.567,50"),
            (&POINT_COMMA, 12.0, 0, "12"),
        ];
        for (style, value, digits, want) in cases {
            assert_eq!(style.number(*value, *digits), *want);
        }
        assert_eq!(COMMA_POINT.money(1495), "$14.95");
        assert_eq!(COMMA_POINT.money(150000), "$1,500");
        assert_eq!(POINT_COMMA.money(1495), "14,95\u{a0}US$");
        assert_eq!(ARABIC.money(925), "US$\u{a0}9.25");
    }
}
