//! Writing iCalendar (RFC 5545) text: content lines ending in CRLF, folded at 75 octets
//! without splitting a character, TEXT values escaped, times in UTC. Pure: the feed's handler
//! gives it what to write.

use std::fmt::Write as _;

/// The longest content line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A TEXT value with backslashes, semicolons, commas and line breaks escaped (§3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            // Other control characters are not allowed in a TEXT value.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: each further part starts with a space on a line of its own, and
/// no line is longer than 75 octets with that space counted.
fn push_line(out: &mut String, line: &str) {
    let mut room = LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // The space starting the continuation takes one octet of the line.
            room = LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A UTC time as a DATE-TIME value (`19970714T173000Z`); an impossible time is the epoch.
pub fn utc(epoch_secs: i64) -> String {
    let ts = jiff::Timestamp::from_second(epoch_secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// One event of the calendar. The texts are written as given (escaped here), so the caller
/// decides what a navigator's calendar may say: no resident's name, phone or address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable for the appointment, whatever changes in it.
    pub uid: String,
    /// When the appointment last changed.
    pub stamp: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub cancelled: bool,
}

/// A whole calendar named `name`, with `zone` (an IANA name) as the time zone calendars
/// should show it in; times themselves are in UTC, so no zone needs describing.
pub fn calendar(name: &str, zone: Option<&str>, events: &[Event]) -> String {
    let mut out = String::with_capacity(256 + events.len() * 400);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//navdesk//appointments//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    if let Some(zone) = zone {
        push_line(&mut out, &format!("X-WR-TIMEZONE:{}", escape(zone)));
    }
    for event in events {
        push_event(&mut out, event);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn push_event(out: &mut String, e: &Event) {
    let mut lines = String::new();
    let _ = write!(
        lines,
        "BEGIN:VEVENT\nUID:{}\nDTSTAMP:{}\nLAST-MODIFIED:{}\nDTSTART:{}\nDTEND:{}\n\
         SUMMARY:{}\nDESCRIPTION:{}\nLOCATION:{}\nSTATUS:{}\nTRANSP:OPAQUE\nEND:VEVENT",
        escape(&e.uid),
        utc(e.stamp),
        utc(e.stamp),
        utc(e.starts_at),
        utc(e.ends_at),
        escape(&e.summary),
        escape(&e.description),
        escape(&e.location),
        if e.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        },
    );
    // Escaped values hold no line break, so each `\n` above ends one content line.
    for line in lines.split('\n') {
        push_line(out, line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        for (raw, want) in [
            ("plain", "plain"),
            ("a, b; c", "a\\, b\\; c"),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines", "two\\nlines"),
            ("two\r\nlines", "two\\nlines"),
            ("bell\u{7}", "bell"),
            ("Biblioteca Pública", "Biblioteca Pública"),
        ] {
            assert_eq!(escape(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let value = "ሰላም ".repeat(40);
        push_line(&mut out, &format!("SUMMARY:{value}"));
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        for (i, line) in lines.iter().enumerate() {
            assert!(line.len() <= 75, "line {i} has {} octets", line.len());
            assert_eq!(i > 0, line.starts_with(' '), "line {i}");
        }
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
    }

    #[test]
    fn a_short_line_stays_whole() {
        let mut out = String::new();
        let line = "X".repeat(75);
        push_line(&mut out, &line);
        assert_eq!(out, format!("{line}\r\n"));
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(utc(0), "19700101T000000Z");
        assert_eq!(utc(1_741_622_400), "20250310T160000Z");
    }

    #[test]
    fn every_line_ends_in_crlf_and_a_cancelled_event_says_so() {
        let event = Event {
            uid: "appointment-7@example.org".into(),
            stamp: 1_700_000_000,
            starts_at: 1_700_003_600,
            ends_at: 1_700_005_400,
            summary: "ABCD2345".into(),
            description: "es".into(),
            location: "Library".into(),
            cancelled: true,
        };
        let text = calendar("Ana's appointments", Some("America/Denver"), &[event]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(text.contains("\r\nUID:appointment-7@example.org\r\n"));
    }
}
