//! A small TwiML writer: the few verbs the phone line uses, every text and attribute
//! XML-escaped. Written here rather than taken from a crate: five verbs do not need one, and
//! the escaping, the part that matters, is tested below.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A Twilio `<Say>` voice: its name and the language it speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Voice {
    pub name: &'static str,
    pub language: &'static str,
}

/// The verbs of one answer, in order.
#[derive(Clone, Debug, Default)]
pub struct Twiml {
    xml: String,
}

impl Twiml {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn say(mut self, voice: Voice, text: &str) -> Self {
        self.element(
            "Say",
            &[("voice", voice.name), ("language", voice.language)],
            Some(text),
        );
        self
    }

    pub fn play(mut self, url: &str) -> Self {
        self.element("Play", &[], Some(url));
        self
    }

    /// Waits for `num_digits` key presses while `prompts` play, then posts them to `action`.
    pub fn gather(mut self, action: &str, num_digits: u8, prompts: Twiml) -> Self {
        let digits = num_digits.to_string();
        self.xml.push_str("<Gather");
        attributes(
            &mut self.xml,
            &[
                ("input", "dtmf"),
                ("numDigits", &digits),
                ("timeout", "6"),
                ("action", action),
                ("method", "POST"),
            ],
        );
        self.xml.push('>');
        self.xml.push_str(&prompts.xml);
        self.xml.push_str("</Gather>");
        self
    }

    /// Records a message after a beep, for at most `max_seconds`; `#` ends it.
    pub fn record(mut self, action: &str, max_seconds: u32) -> Self {
        let max = max_seconds.to_string();
        self.element(
            "Record",
            &[
                ("action", action),
                ("method", "POST"),
                ("maxLength", &max),
                ("timeout", "5"),
                ("finishOnKey", "#"),
                ("playBeep", "true"),
            ],
            None,
        );
        self
    }

    pub fn redirect(mut self, url: &str) -> Self {
        self.element("Redirect", &[("method", "POST")], Some(url));
        self
    }

    pub fn hangup(mut self) -> Self {
        self.element("Hangup", &[], None);
        self
    }

    /// The whole document.
    pub fn document(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{}</Response>",
            self.xml
        )
    }

    fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: Option<&str>) {
        self.xml.push('<');
        self.xml.push_str(name);
        attributes(&mut self.xml, attrs);
        match text {
            Some(text) => {
                self.xml.push('>');
                escape_into(&mut self.xml, text);
                self.xml.push_str("</");
                self.xml.push_str(name);
                self.xml.push('>');
            }
            None => self.xml.push_str("/>"),
        }
    }
}

impl IntoResponse for Twiml {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [
                ("content-type", "text/xml; charset=utf-8"),
                ("cache-control", "no-store"),
            ],
            self.document(),
        )
            .into_response()
    }
}

fn attributes(out: &mut String, attrs: &[(&str, &str)]) {
    for (name, value) in attrs {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_into(out, value);
        out.push('"');
    }
}

/// Escapes text for an element or a quoted attribute, and drops the characters XML 1.0 does
/// not allow at all (most control characters), which no escape can carry.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOICE: Voice = Voice {
        name: "Polly.Joanna",
        language: "en-US",
    };

    #[test]
    fn text_and_attributes_are_escaped() {
        let table = [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            ("<Hangup/>", "&lt;Hangup/&gt;"),
            ("say \"hi\" 'there'", "say &quot;hi&quot; &apos;there&apos;"),
            ("bell\u{7}nul\u{0}esc\u{1b}", "bellnulesc"),
            ("line\nbreak", "line\nbreak"),
            ("للعربية، اضغط ٣", "للعربية، اضغط ٣"),
        ];
        for (given, want) in table {
            let mut out = String::new();
            escape_into(&mut out, given);
            assert_eq!(out, want, "{given:?}");
        }
    }

    #[test]
    fn a_menu_is_one_well_formed_document() {
        let doc = Twiml::new()
            .gather(
                "/voice/language?x=1&y=2",
                1,
                Twiml::new()
                    .say(VOICE, "Press 1 & go")
                    .play("https://a.example/p.mp3"),
            )
            .redirect("/voice/language")
            .document();
        assert_eq!(
            doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\
             <Gather input=\"dtmf\" numDigits=\"1\" timeout=\"6\" \
             action=\"/voice/language?x=1&amp;y=2\" method=\"POST\">\
             <Say voice=\"Polly.Joanna\" language=\"en-US\">Press 1 &amp; go</Say>\
             <Play>https://a.example/p.mp3</Play></Gather>\
             <Redirect method=\"POST\">/voice/language</Redirect></Response>"
        );
    }

    #[test]
    fn empty_verbs_close_themselves() {
        let doc = Twiml::new()
            .record("/voice/recorded", 120)
            .hangup()
            .document();
        assert!(doc.contains(
            "<Record action=\"/voice/recorded\" method=\"POST\" maxLength=\"120\" timeout=\"5\" \
             finishOnKey=\"#\" playBeep=\"true\"/><Hangup/>"
        ));
    }
}
