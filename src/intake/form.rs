//! The request form as submitted (`RawRequest`, every value kept as typed so a form with errors
//! can be shown again) and its validation into a `NewRequest`. No I/O here.

use crate::areas::choices::AreaChoice;
use crate::domain::{
    Accessibility, AgeBand, Answer, Benefit, ContactMethod, Need, PhoneError, PhoneNumber,
    RaceEthnicity, Zip,
};
use crate::i18n::Lang;
use crate::web::form::FieldError;

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_ADDRESS_CHARS: usize = 300;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_DETAILS_CHARS: usize = 2000;
pub const MAX_HOUSEHOLD: i64 = 20;
pub const MAX_MONTHLY_INCOME: i64 = 1_000_000;

/// The form's fields exactly as they arrived.
#[derive(Clone, Debug, Default)]
pub struct RawRequest {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub contact_method: String,
    pub language: String,
    pub address: String,
    pub zip: String,
    pub area: String,
    pub needs: Vec<String>,
    pub household_size: String,
    pub monthly_income: String,
    pub benefits: Vec<String>,
    pub age_band: String,
    pub race_ethnicity: Vec<String>,
    /// `yes`, `no` or `prefer_not`; empty when not answered.
    pub veteran: String,
    pub disability: String,
    pub accessibility: Vec<String>,
    pub details: String,
    pub sms_consent: String,
    /// The honeypot: people never see it, so only robots fill it in.
    pub website: String,
}

impl RawRequest {
    /// Reads an `application/x-www-form-urlencoded` body; unknown fields are ignored and
    /// repeated fields collected.
    pub fn from_form(body: &[u8]) -> Self {
        let mut raw = Self::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            match &*key {
                "name" => raw.name = value,
                "phone" => raw.phone = value,
                "email" => raw.email = value,
                "contact_method" => raw.contact_method = value,
                "language" => raw.language = value,
                "address" => raw.address = value,
                "zip" => raw.zip = value,
                "area" => raw.area = value,
                "needs" => raw.needs.push(value),
                "household_size" => raw.household_size = value,
                "monthly_income" => raw.monthly_income = value,
                "benefits" => raw.benefits.push(value),
                "age_band" => raw.age_band = value,
                "race_ethnicity" => raw.race_ethnicity.push(value),
                "veteran" => raw.veteran = value,
                "disability" => raw.disability = value,
                "accessibility" => raw.accessibility.push(value),
                "details" => raw.details = value,
                "sms_consent" => raw.sms_consent = value,
                "website" => raw.website = value,
                _ => {}
            }
        }
        raw
    }

    pub fn is_spam(&self) -> bool {
        !self.website.trim().is_empty()
    }

    pub fn has(&self, list: &[String], code: &str) -> bool {
        list.iter().any(|v| v == code)
    }
}

/// A request that passed validation.
#[derive(Clone, Debug)]
pub struct NewRequest {
    pub name: String,
    pub phone: Option<PhoneNumber>,
    pub email: Option<String>,
    pub contact_method: ContactMethod,
    pub language: Lang,
    pub address: Option<String>,
    pub zip: Option<Zip>,
    pub area_id: Option<i64>,
    pub needs: Vec<Need>,
    pub household_size: Option<i64>,
    pub monthly_income: Option<i64>,
    pub benefits: Vec<Benefit>,
    pub age_band: Option<AgeBand>,
    pub race_ethnicity: Vec<RaceEthnicity>,
    /// Optional answers; `None` when not answered.
    pub veteran: Option<Answer>,
    pub disability: Option<Answer>,
    pub accessibility: Vec<Accessibility>,
    pub details: String,
    pub sms_consent: bool,
}

/// Removes control characters (keeping line breaks where `multiline`), then trims: trimming
/// first would keep the spaces a control character stood between (`"\u{1} \u{1}"` is no name).
fn clean(input: &str, multiline: bool) -> String {
    let kept = crate::domain::without_control_chars(input);
    let kept = if multiline {
        kept
    } else {
        kept.replace('\n', "")
    };
    kept.trim().to_owned()
}

fn optional(input: &str) -> Option<String> {
    let s = clean(input, false);
    (!s.is_empty()).then_some(s)
}

/// Parses each code of a repeated field; any unknown code is an error for the field.
fn codes<T: Ord>(
    values: &[String],
    parse: fn(&str) -> Option<T>,
    field: &'static str,
    message: &'static str,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut out = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match parse(v) {
            Some(code) => out.push(code),
            None => {
                errors.push(FieldError { field, message });
                return Vec::new();
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A whole number in `range`; people may type `$1,200`.
fn whole_number(input: &str, range: std::ops::RangeInclusive<i64>) -> Result<Option<i64>, ()> {
    let digits: String = input
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    match digits.parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

/// Checks every field and returns every problem at once, in the order of the form.
pub fn validate(
    raw: &RawRequest,
    page_lang: Lang,
    areas: &[AreaChoice],
) -> Result<NewRequest, Vec<FieldError>> {
    check(raw, page_lang, areas, true)
}

/// Like `validate`, for a callback asked for on the phone: a caller gives their language and
/// need on the keypad, and the navigator asks where they live when calling back, so no
/// location is required (any given is checked as the form checks it).
pub fn validate_callback(
    raw: &RawRequest,
    page_lang: Lang,
    areas: &[AreaChoice],
) -> Result<NewRequest, Vec<FieldError>> {
    check(raw, page_lang, areas, false)
}

fn check(
    raw: &RawRequest,
    page_lang: Lang,
    areas: &[AreaChoice],
    location_required: bool,
) -> Result<NewRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field, message| errors.push(FieldError { field, message });

    let name = clean(&raw.name, false);
    if name.is_empty() {
        err("name", "error-name-required");
    } else if name.chars().count() > MAX_NAME_CHARS {
        err("name", "error-name-too-long");
    }

    let language = if raw.language.trim().is_empty() {
        Some(page_lang)
    } else {
        Lang::parse(&raw.language)
    };
    if language.is_none() {
        err("language", "error-language-invalid");
    }

    // What is left once cleaned counts as given: a lone control character is no way to reach
    // anyone.
    let phone_text = optional(&raw.phone);
    let phone_given = phone_text.is_some();
    let phone = match phone_text {
        None => None,
        Some(p) => match PhoneNumber::parse(&p) {
            Ok(phone) => Some(phone),
            Err(PhoneError::BadCharacters) => {
                err("phone", "error-phone-letters");
                None
            }
            Err(PhoneError::Invalid) => {
                err("phone", "error-phone-invalid");
                None
            }
        },
    };

    let email_text = optional(&raw.email);
    let email_given = email_text.is_some();
    let email = match email_text {
        None => None,
        Some(e)
            if e.chars().count() <= MAX_EMAIL_CHARS
                && email_address::EmailAddress::is_valid(&e) =>
        {
            Some(e)
        }
        Some(_) => {
            err("email", "error-email-invalid");
            None
        }
    };

    let sms_consent = raw.sms_consent.trim() == "yes";
    let method = match raw.contact_method.trim() {
        "" => None,
        code => match ContactMethod::parse(code) {
            Some(m) => Some(m),
            None => {
                err("contact_method", "error-contact-method-invalid");
                None
            }
        },
    };
    if !phone_given && !email_given {
        err("phone", "error-contact-required");
    }
    match method {
        Some(ContactMethod::Sms | ContactMethod::Call) if !phone_given => {
            err("phone", "error-phone-needed")
        }
        Some(ContactMethod::Email) if !email_given => err("email", "error-email-needed"),
        _ => {}
    }
    // Without a choice, reach people the way they made possible.
    let contact_method = method.unwrap_or(if phone_given && sms_consent {
        ContactMethod::Sms
    } else if phone_given {
        ContactMethod::Call
    } else {
        ContactMethod::Email
    });
    if contact_method == ContactMethod::Sms && !sms_consent {
        err("sms_consent", "error-sms-consent-required");
    }

    let area_input = raw.area.trim();
    let area_id = if area_input.is_empty() {
        None
    } else {
        let found = areas
            .iter()
            .find(|a| a.id.to_string() == area_input || a.name.eq_ignore_ascii_case(area_input));
        if found.is_none() {
            err("area", "error-area-invalid");
        }
        found.map(|a| a.id)
    };
    let zip = match raw.zip.trim() {
        "" => None,
        z => {
            let zip = Zip::parse(z);
            if zip.is_none() {
                err("zip", "error-zip-invalid");
            }
            zip
        }
    };
    let address = optional(&raw.address);
    if address
        .as_ref()
        .is_some_and(|a| a.chars().count() > MAX_ADDRESS_CHARS)
    {
        err("address", "error-address-too-long");
    }
    if location_required && area_input.is_empty() && raw.zip.trim().is_empty() && address.is_none()
    {
        err("area", "error-location-required");
    }

    let needs = codes(
        &raw.needs,
        Need::parse,
        "needs",
        "error-needs-invalid",
        &mut errors,
    );
    if needs.is_empty() && !errors.iter().any(|e| e.field == "needs") {
        errors.push(FieldError {
            field: "needs",
            message: "error-needs-required",
        });
    }
    let details = clean(&raw.details, true);
    if details.chars().count() > MAX_DETAILS_CHARS {
        errors.push(FieldError {
            field: "details",
            message: "error-details-too-long",
        });
    }

    let household_size =
        whole_number(&raw.household_size, 1..=MAX_HOUSEHOLD).unwrap_or_else(|()| {
            errors.push(FieldError {
                field: "household_size",
                message: "error-household-invalid",
            });
            None
        });
    let monthly_income =
        whole_number(&raw.monthly_income, 0..=MAX_MONTHLY_INCOME).unwrap_or_else(|()| {
            errors.push(FieldError {
                field: "monthly_income",
                message: "error-income-invalid",
            });
            None
        });
    let benefits = codes(
        &raw.benefits,
        Benefit::parse,
        "benefits",
        "error-choice-invalid",
        &mut errors,
    );
    let age_band = match raw.age_band.trim() {
        "" => None,
        code => {
            let band = AgeBand::parse(code);
            if band.is_none() {
                errors.push(FieldError {
                    field: "age_band",
                    message: "error-choice-invalid",
                });
            }
            band
        }
    };
    let race_ethnicity = codes(
        &raw.race_ethnicity,
        RaceEthnicity::parse,
        "race_ethnicity",
        "error-choice-invalid",
        &mut errors,
    );
    let mut answer = |value: &str, field: &'static str| match value.trim() {
        "" => None,
        code => {
            let answer = Answer::parse(code);
            if answer.is_none() {
                errors.push(FieldError {
                    field,
                    message: "error-choice-invalid",
                });
            }
            answer
        }
    };
    let veteran = answer(&raw.veteran, "veteran");
    let disability = answer(&raw.disability, "disability");
    let accessibility = codes(
        &raw.accessibility,
        Accessibility::parse,
        "accessibility",
        "error-choice-invalid",
        &mut errors,
    );

    match language {
        Some(language) if errors.is_empty() => Ok(NewRequest {
            name,
            phone,
            email,
            contact_method,
            language,
            address,
            zip,
            area_id,
            needs,
            household_size,
            monthly_income,
            benefits,
            age_band,
            race_ethnicity,
            veteran,
            disability,
            accessibility,
            details,
            sms_consent,
        }),
        _ => Err(errors),
    }
}

/// What eligibility needs to know of a request.
impl From<&NewRequest> for crate::matching::eligibility::Household {
    fn from(r: &NewRequest) -> Self {
        crate::matching::eligibility::Household {
            size: r.household_size,
            monthly_income: r.monthly_income,
            benefits: r.benefits.clone(),
            age_band: r.age_band,
            area_id: r.area_id,
            language: Some(r.language),
        }
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
