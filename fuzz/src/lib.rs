//! What each fuzz target checks, one function a target, over the library's own entry points.
//! Each takes the fuzzer's bytes, must not panic on any of them, and asserts properties a
//! caller relies on, not only that nothing panicked.
//!
//! The main crate's `tests/fuzz_seeds.rs` includes this file and runs every seed in
//! `fuzz/seeds/<target>/` through the same functions on stable, so a seed (or a crash
//! reproducer added as one) keeps being checked in CI.

use std::collections::HashSet;
use std::sync::OnceLock;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use geo::{Validation, Winding};
use navdesk::areas::choices::AreaChoice;
use navdesk::areas::{parse_areas, ImportOptions, NewArea};
use navdesk::domain::{Need, PhoneError, PhoneNumber};
use navdesk::i18n::{I18n, Lang};
use navdesk::intake::form::{validate, NewRequest, RawRequest};
use navdesk::sms::keywords::{Keywords, Meaning};
use navdesk::sms::signature::{sign, verify_form, verify_json};
use navdesk::web::form::{known_codes, optional_number};
use sha2::{Digest, Sha256};
use unicode_normalization::char::is_combining_mark;

fn i18n() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(|| I18n::load().expect("the built-in translations load"))
}

// --- form -------------------------------------------------------------------------------------

/// The request form's field names (the public contract), which every error must name.
const FORM_FIELDS: &[&str] = &[
    "name",
    "phone",
    "email",
    "contact_method",
    "language",
    "address",
    "zip",
    "area",
    "needs",
    "household_size",
    "monthly_income",
    "benefits",
    "age_band",
    "race_ethnicity",
    "veteran",
    "disability",
    "accessibility",
    "details",
    "sms_consent",
    "website",
];

fn form_areas() -> Vec<AreaChoice> {
    [(7, "Five Points"), (12, "Montbello"), (31, "Cole")]
        .into_iter()
        .map(|(id, name)| AreaChoice {
            id,
            name: name.to_owned(),
        })
        .collect()
}

/// The body a browser would send for these fields.
fn to_form(raw: &RawRequest) -> String {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [
        ("name", &raw.name),
        ("phone", &raw.phone),
        ("email", &raw.email),
        ("contact_method", &raw.contact_method),
        ("language", &raw.language),
        ("address", &raw.address),
        ("zip", &raw.zip),
        ("area", &raw.area),
        ("household_size", &raw.household_size),
        ("monthly_income", &raw.monthly_income),
        ("age_band", &raw.age_band),
        ("veteran", &raw.veteran),
        ("disability", &raw.disability),
        ("details", &raw.details),
        ("sms_consent", &raw.sms_consent),
        ("website", &raw.website),
    ] {
        body.append_pair(key, value);
    }
    for (key, values) in [
        ("needs", &raw.needs),
        ("benefits", &raw.benefits),
        ("race_ethnicity", &raw.race_ethnicity),
        ("accessibility", &raw.accessibility),
    ] {
        for value in values {
            body.append_pair(key, value);
        }
    }
    body.finish()
}

/// The form as it would be filled in again from an accepted request (a stored request shown
/// for editing, or a resident who submits the same answers twice).
fn refilled(req: &NewRequest) -> RawRequest {
    fn codes<T: std::fmt::Display>(items: &[T]) -> Vec<String> {
        items.iter().map(T::to_string).collect()
    }
    RawRequest {
        name: req.name.clone(),
        phone: req
            .phone
            .as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        email: req.email.clone().unwrap_or_default(),
        contact_method: req.contact_method.to_string(),
        language: req.language.code().to_owned(),
        address: req.address.clone().unwrap_or_default(),
        zip: req
            .zip
            .as_ref()
            .map(|z| z.as_str().to_owned())
            .unwrap_or_default(),
        area: req.area_id.map(|id| id.to_string()).unwrap_or_default(),
        needs: codes(&req.needs),
        household_size: req
            .household_size
            .map(|n| n.to_string())
            .unwrap_or_default(),
        monthly_income: req
            .monthly_income
            .map(|n| n.to_string())
            .unwrap_or_default(),
        benefits: codes(&req.benefits),
        age_band: req.age_band.map(|a| a.to_string()).unwrap_or_default(),
        race_ethnicity: codes(&req.race_ethnicity),
        veteran: req.veteran.map(|a| a.to_string()).unwrap_or_default(),
        disability: req.disability.map(|a| a.to_string()).unwrap_or_default(),
        accessibility: codes(&req.accessibility),
        details: req.details.clone(),
        sms_consent: if req.sms_consent { "yes" } else { "" }.to_owned(),
        website: String::new(),
    }
}

fn assert_clean(field: &str, value: &str, multiline: bool) {
    assert_eq!(value, value.trim(), "{field} is not trimmed: {value:?}");
    assert!(
        value
            .chars()
            .all(|c| !c.is_control() || (multiline && c == '\n')),
        "{field} keeps a control character: {value:?}"
    );
}

/// The resident's request form: the body parser (`RawRequest::from_form`), its validation, and
/// the shared form helpers of `web::form`.
pub fn form(data: &[u8]) {
    let raw = RawRequest::from_form(data);
    // The fields, sent again as a form, read back the same.
    let resent = RawRequest::from_form(to_form(&raw).as_bytes());
    assert_eq!(format!("{raw:?}"), format!("{resent:?}"));

    let langs: Vec<Lang> = Lang::all().collect();
    let page_lang = langs[data.len() % langs.len()];
    let areas = form_areas();
    match validate(&raw, page_lang, &areas) {
        Ok(req) => {
            assert!(!req.name.is_empty());
            assert!(req.name.chars().count() <= navdesk::intake::form::MAX_NAME_CHARS);
            assert_clean("name", &req.name, false);
            assert_clean("details", &req.details, true);
            assert!(req.details.chars().count() <= navdesk::intake::form::MAX_DETAILS_CHARS);
            for (field, value) in [("email", &req.email), ("address", &req.address)] {
                if let Some(value) = value {
                    assert!(!value.is_empty(), "{field} is Some but empty");
                    assert_clean(field, value, false);
                }
            }
            if let Some(phone) = &req.phone {
                assert_eq!(PhoneNumber::parse(phone.as_str()).as_ref(), Ok(phone));
            }
            // Every accepted request can be answered the way it asks to be.
            assert!(
                req.phone.is_some() || req.email.is_some(),
                "accepted with no way to reach the resident: {req:?}"
            );
            match req.contact_method.code() {
                "sms" => assert!(req.phone.is_some() && req.sms_consent, "{req:?}"),
                "call" => assert!(req.phone.is_some(), "{req:?}"),
                _ => assert!(req.email.is_some(), "{req:?}"),
            }
            assert!(!req.needs.is_empty());
            if let Some(id) = req.area_id {
                assert!(areas.iter().any(|a| a.id == id));
            }
            // What was accepted is accepted again, unchanged.
            let again = validate(&refilled(&req), page_lang, &areas)
                .unwrap_or_else(|e| panic!("{req:?} is refused when sent again: {e:?}"));
            assert_eq!(format!("{req:?}"), format!("{again:?}"));
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(FORM_FIELDS.contains(&e.field), "{e:?}");
                assert!(i18n().has(Lang::EN, e.message), "no text for {e:?}");
            }
        }
    }

    // The shared helpers other staff forms use, on every value of this one.
    for value in [
        &raw.household_size,
        &raw.monthly_income,
        &raw.zip,
        &raw.area,
        &raw.name,
    ] {
        if let Ok(Some(n)) = optional_number::<i64>(value, 0, 20) {
            assert!((0..=20).contains(&n));
        }
        if let Ok(Some(x)) = optional_number::<f64>(value, -90.0, 90.0) {
            assert!(
                x.is_finite() && (-90.0..=90.0).contains(&x),
                "{value:?}: {x}"
            );
        }
    }
    match known_codes(&raw.needs, Need::ALL, Need::code) {
        Ok(needs) => {
            assert!(raw
                .needs
                .iter()
                .all(|n| needs.iter().any(|k| k.code() == n)));
            assert_eq!(needs.len(), needs.iter().collect::<HashSet<_>>().len());
        }
        Err(_) => assert!(raw.needs.iter().any(|n| Need::parse(n).is_none())),
    }
}

// --- phone ------------------------------------------------------------------------------------

/// What `PhoneNumber::parse` allows besides digits.
const PHONE_PUNCTUATION: &str = " +-().";

/// Phone numbers as people type them: an accepted one is E.164 and reads back as itself.
pub fn phone(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let result = PhoneNumber::parse(&input);
    let allowed = input
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || PHONE_PUNCTUATION.contains(c));
    match &result {
        Ok(phone) => {
            let e164 = phone.as_str();
            let digits = e164.strip_prefix('+').expect("E.164 starts with +");
            assert!(
                !digits.is_empty()
                    && digits.len() <= 15
                    && digits.bytes().all(|b| b.is_ascii_digit()),
                "{input:?} gave {e164:?}"
            );
            assert_eq!(phone.last4(), &e164[e164.len() - 4..]);
            assert_eq!(PhoneNumber::parse(e164).as_ref(), Ok(phone), "{input:?}");
        }
        Err(PhoneError::BadCharacters) => assert!(!allowed, "{input:?}"),
        Err(PhoneError::Invalid) => assert!(allowed, "{input:?}"),
    }
    // Space around what was typed changes nothing.
    assert_eq!(PhoneNumber::parse(&format!(" {input}\t")), result);
}

// --- keywords ---------------------------------------------------------------------------------

fn keyword_lists() -> &'static Keywords {
    static KEYWORDS: OnceLock<Keywords> = OnceLock::new();
    KEYWORDS.get_or_init(|| Keywords::from_i18n(i18n()))
}

/// The meaning without the text an `Other` carries.
fn kind(meaning: &Meaning) -> Meaning {
    match meaning {
        Meaning::Other(_) => Meaning::Other(String::new()),
        m => m.clone(),
    }
}

/// `text` in other capitals. Combining marks stay as they are: the classifier drops them, and
/// one of them (U+0345, the Greek iota subscript) has a capital that is a letter (`Ι`), which
/// would add a word rather than change a case.
fn recased<I: Iterator<Item = char>>(text: &str, case: fn(char) -> I) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_combining_mark(c) {
            out.push(c);
        } else {
            out.extend(case(c));
        }
    }
    out
}

/// A resident's reply to a text: what it means does not depend on capitals or on spacing, and
/// being opted out changes only whether a YES opts in.
pub fn keywords(data: &[u8]) {
    let keywords = keyword_lists();
    let text = String::from_utf8_lossy(data);
    let subscribed = keywords.meaning(&text, false);
    let opted_out = keywords.meaning(&text, true);
    if subscribed != opted_out {
        assert_eq!(
            (&subscribed, &opted_out),
            (&Meaning::Yes, &Meaning::OptIn),
            "{text:?}"
        );
    }
    match &subscribed {
        Meaning::Other(kept) => assert_eq!(kept, text.trim()),
        Meaning::Digit(n) => assert!((1..=5).contains(n), "{text:?}"),
        _ => {}
    }
    let spaced = text.replace(' ', "  \t");
    for variant in [
        recased(&text, char::to_uppercase),
        recased(&text, char::to_lowercase),
        format!("  {text}\n "),
        spaced,
    ] {
        for opted in [false, true] {
            assert_eq!(
                kind(&keywords.meaning(&variant, opted)),
                kind(&keywords.meaning(&text, opted)),
                "{text:?} and {variant:?} (opted out: {opted})"
            );
        }
    }
}

// --- signature --------------------------------------------------------------------------------

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signature with one bit flipped.
fn flipped(signature: &str, bit: usize) -> String {
    let mut raw = BASE64
        .decode(signature)
        .expect("a computed signature is base64");
    assert_eq!(raw.len(), 20, "an HMAC-SHA1 is 20 bytes");
    let bit = bit % (raw.len() * 8);
    raw[bit / 8] ^= 1 << (bit % 8);
    BASE64.encode(raw)
}

/// `X-Twilio-Signature`. The input is lines: auth token, URL, header value, then the body (a
/// form-encoded body's parameters; the same bytes as a JSON body). Any header is checked
/// without panicking; the signature the library computes verifies, and any change does not.
pub fn signature(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.splitn(4, '\n');
    let mut next = || lines.next().unwrap_or_default();
    let (token, url, header, body) = (next(), next(), next(), next());
    let params: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let no_params: &[(&str, &str)] = &[];

    // Whatever the header holds.
    let _ = verify_form(token, url, &params, header);
    let _ = verify_json(token, url, body.as_bytes(), header);

    let signed = sign(token, url, &params);
    assert!(verify_form(token, url, &params, &signed), "{text:?}");
    assert!(verify_form(token, url, &params, &format!(" {signed}\r\n")));
    let mut reordered = params.clone();
    reordered.reverse();
    assert!(verify_form(token, url, &reordered, &signed), "{text:?}");
    assert!(!verify_form(
        token,
        url,
        &params,
        &flipped(&signed, data.len())
    ));
    assert!(!verify_form(&format!("{token}x"), url, &params, &signed));
    let mut more = params.clone();
    more.push(("Body".into(), "STOP".into()));
    assert!(!verify_form(token, url, &more, &signed));
    if let Some((_, value)) = reordered.first_mut() {
        value.push('x');
        assert!(!verify_form(token, url, &reordered, &signed));
    }

    // A JSON body: the URL carries its hash and the signature covers the URL.
    let has_hash = url.split_once('?').is_some_and(|(_, query)| {
        form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "bodySHA256")
    });
    if !url.contains('#') && !has_hash {
        let separator = if url.contains('?') { '&' } else { '?' };
        let hashed = format!(
            "{url}{separator}bodySHA256={}",
            hex(&Sha256::digest(body.as_bytes()))
        );
        let signed = sign(token, &hashed, no_params);
        assert!(
            verify_json(token, &hashed, body.as_bytes(), &signed),
            "{text:?}"
        );
        let changed = format!("{body}x");
        assert!(!verify_json(token, &hashed, changed.as_bytes(), &signed));
        let bad = flipped(&signed, data.len());
        assert!(!verify_json(token, &hashed, body.as_bytes(), &bad));
    }
}

// --- geojson ----------------------------------------------------------------------------------

fn import_options(id_property: Option<&str>) -> ImportOptions {
    ImportOptions {
        name_property: "name".into(),
        id_property: id_property.map(str::to_owned),
    }
}

fn check_areas(areas: &[NewArea], input: &str) {
    assert!(!areas.is_empty());
    let mut names = HashSet::new();
    for area in areas {
        assert!(!area.name.is_empty() && area.name == area.name.trim());
        assert!(names.insert(&area.name), "two areas named {:?}", area.name);
        assert!(!area.shape.0.is_empty());
        for polygon in &area.shape.0 {
            assert!(polygon.exterior().is_ccw(), "{input}");
            for hole in polygon.interiors() {
                assert!(hole.is_cw(), "{input}");
            }
        }
        assert!(area.shape.is_valid(), "{input}");
        let centroid = area.centroid.expect("an area has a centroid");
        assert!(
            (-180.0..=180.0).contains(&centroid.x()) && (-90.0..=90.0).contains(&centroid.y()),
            "{centroid:?} from {input}"
        );
    }
    // The stored geometry imports again as the same areas.
    let features: Vec<String> = areas
        .iter()
        .map(|a| {
            format!(
                r#"{{"type":"Feature","properties":{{"name":{}}},"geometry":{}}}"#,
                serde_json::Value::String(a.name.clone()),
                a.geometry_json()
            )
        })
        .collect();
    let stored = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let again = parse_areas(&stored, &import_options(None))
        .unwrap_or_else(|e| panic!("stored areas do not import again: {e}\n{stored}"));
    assert_eq!(again.len(), areas.len());
    for (a, b) in areas.iter().zip(&again) {
        assert_eq!(
            (&a.name, &a.shape, a.multi, a.centroid),
            (&b.name, &b.shape, b.multi, b.centroid)
        );
    }
}

/// Area import from a GeoJSON FeatureCollection (the checking part, before anything is
/// stored): either a clear error, or valid, oriented areas that import again unchanged.
pub fn geojson(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for options in [import_options(None), import_options(Some("id"))] {
        match parse_areas(&text, &options) {
            Ok(areas) => check_areas(&areas, &text),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

// --- conversation -----------------------------------------------------------------------------

/// A text-line conversation: the bytes are the resident's texts, one a line. Whatever they
/// text, the conversation never panics, a refused answer changes nothing, every question it
/// asks exists in the resident's language, what it stores reads back the same, and what it
/// finishes with passes the request form's own validation.
pub fn conversation(data: &[u8]) {
    use navdesk::textline::dialogue::{
        answer, question, Answers, Commands, Conversation, Places, Turn,
    };
    static COMMANDS: OnceLock<Commands> = OnceLock::new();
    let commands = COMMANDS.get_or_init(|| Commands::from_i18n(i18n()));
    let keywords = keyword_lists();
    let areas = form_areas();
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let mut current = Conversation::open(lines.next().unwrap_or_default(), commands);
    for line in lines {
        let meaning = keywords.meaning(line, false);
        let zip_outside = line.contains("00000");
        let places = Places {
            areas: &areas,
            zip_outside,
        };
        match answer(&current, line, &meaning, commands, places) {
            Turn::Ask { next, again } => {
                if let Some(reason) = again {
                    assert_eq!(
                        next, current,
                        "{line:?} was refused ({reason}) yet changed it"
                    );
                    assert!(i18n().has(next.lang(), reason), "{reason}");
                }
                assert!(i18n().has(next.lang(), question(next.step)));
                let stored = serde_json::to_string(&next.answers).unwrap();
                let read: Answers = serde_json::from_str(&stored).unwrap();
                assert_eq!(read, next.answers);
                current = next;
            }
            Turn::Done(done) => {
                let a = &done.answers;
                let name = a.name.clone().expect("a name");
                assert!(name.chars().any(char::is_alphabetic), "{name:?}");
                assert!(
                    !name.contains(['\u{202E}', '\u{2066}', '\u{200F}']),
                    "{name:?}"
                );
                let consent = a.consent.expect("an answer about texts");
                let raw = RawRequest {
                    name,
                    phone: "+13035550123".into(),
                    contact_method: if consent { "sms" } else { "call" }.into(),
                    language: done.lang().code().into(),
                    zip: a.zip.clone().unwrap_or_default(),
                    area: a.area_id.map(|id| id.to_string()).unwrap_or_default(),
                    needs: a.needs.clone(),
                    sms_consent: if consent { "yes" } else { "" }.into(),
                    ..RawRequest::default()
                };
                if let Err(errors) = validate(&raw, done.lang(), &areas) {
                    panic!("the form refuses a finished conversation: {errors:?} {done:?}");
                }
                return;
            }
        }
    }
}
