//! The resource program form: what was typed, kept to show again, and the pure check that
//! turns it into values to store or field errors.

use crate::domain::{join_codes, Benefit, PhoneNumber, ProgramCategory};
use crate::i18n::Lang;
use crate::web::form::FieldError;
use crate::web::form::{known_codes, known_ids, optional_number};

pub const MAX_SHORT_CHARS: usize = 200;
pub const MAX_LONG_CHARS: usize = 5000;
pub const MAX_URL_CHARS: usize = 2000;
pub const MAX_INCOME_PCT: i64 = 1000;
pub const MAX_MIN_AGE: i64 = 120;
pub const MAX_CAPACITY: i64 = 1_000_000;

/// The form as sent (or as drawn from the stored program).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramForm {
    pub organization: String,
    pub name: String,
    pub description: String,
    pub categories: Vec<String>,
    pub max_income_pct_fpg: String,
    pub qualifying_benefits: Vec<String>,
    pub min_age: String,
    pub languages: Vec<String>,
    pub cost: String,
    pub url: String,
    pub phone: String,
    pub application_process: String,
    pub capacity_available: String,
    /// The site's id, or blank: none.
    pub site: String,
    pub status: String,
    pub areas: Vec<String>,
}

/// A program that passed the check.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramValues {
    pub organization: String,
    pub name: String,
    pub description: String,
    pub categories: Vec<ProgramCategory>,
    pub max_income_pct_fpg: Option<i64>,
    pub qualifying_benefits: Vec<Benefit>,
    pub min_age: Option<i64>,
    pub languages: Vec<Lang>,
    pub cost: String,
    pub url: Option<String>,
    pub phone: Option<PhoneNumber>,
    pub application_process: String,
    /// `None`: not limited.
    pub capacity_available: Option<i64>,
    /// Where residents go (a site); `None`: no one place.
    pub site_id: Option<i64>,
    pub active: bool,
    pub area_ids: Vec<i64>,
}

impl ProgramValues {
    pub fn categories_text(&self) -> String {
        join_codes(&self.categories)
    }
    pub fn benefits_text(&self) -> String {
        join_codes(&self.qualifying_benefits)
    }
    pub fn languages_text(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(",")
    }
    pub fn status(&self) -> &'static str {
        if self.active {
            "active"
        } else {
            "inactive"
        }
    }
}

/// A web address people may open: `http` or `https`, a host, no spaces or control characters.
pub fn web_address(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let ok = raw.chars().count() <= MAX_URL_CHARS
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || "-.:[]".contains(c))
        && raw.chars().all(|c| !c.is_whitespace() && !c.is_control());
    ok.then(|| raw.to_owned())
}

fn error(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

fn text(
    raw: &str,
    max: usize,
    required: bool,
    field: &'static str,
    message: &'static str,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = raw.trim();
    if (required && value.is_empty())
        || value.chars().count() > max
        || (max == MAX_SHORT_CHARS && value.chars().any(char::is_control))
    {
        errors.push(error(field, message));
    }
    value.to_owned()
}

/// Checks a program against the areas and sites that exist; every problem is reported.
pub fn check(
    form: &ProgramForm,
    known_areas: &[i64],
    known_sites: &[i64],
) -> Result<ProgramValues, Vec<FieldError>> {
    let mut errors = Vec::new();
    let e = &mut errors;
    let organization = text(
        &form.organization,
        MAX_SHORT_CHARS,
        true,
        "organization",
        "program-error-organization",
        e,
    );
    let name = text(
        &form.name,
        MAX_SHORT_CHARS,
        true,
        "name",
        "program-error-name",
        e,
    );
    let description = text(
        &form.description,
        MAX_LONG_CHARS,
        false,
        "description",
        "program-error-too-long",
        e,
    );
    let categories = match known_codes(
        &form.categories,
        ProgramCategory::ALL,
        ProgramCategory::code,
    ) {
        Ok(c) if !c.is_empty() => c,
        _ => {
            e.push(error("categories", "program-error-categories"));
            Vec::new()
        }
    };
    let max_income_pct_fpg = optional_number(&form.max_income_pct_fpg, 0, MAX_INCOME_PCT)
        .unwrap_or_else(|_| {
            e.push(error("max_income_pct_fpg", "program-error-income"));
            None
        });
    let qualifying_benefits = known_codes(&form.qualifying_benefits, Benefit::ALL, Benefit::code)
        .unwrap_or_else(|_| {
            e.push(error("qualifying_benefits", "program-error-benefits"));
            Vec::new()
        });
    let min_age = optional_number(&form.min_age, 0, MAX_MIN_AGE).unwrap_or_else(|_| {
        e.push(error("min_age", "program-error-age"));
        None
    });
    let all_langs: Vec<Lang> = Lang::all().collect();
    let languages = match known_codes(&form.languages, &all_langs, Lang::code) {
        Ok(l) if !l.is_empty() => l,
        _ => {
            e.push(error("languages", "program-error-languages"));
            Vec::new()
        }
    };
    let cost = text(
        &form.cost,
        MAX_SHORT_CHARS,
        false,
        "cost",
        "program-error-too-long",
        e,
    );
    let url = if form.url.trim().is_empty() {
        None
    } else {
        let url = web_address(&form.url);
        if url.is_none() {
            e.push(error("url", "program-error-url"));
        }
        url
    };
    let phone = if form.phone.trim().is_empty() {
        None
    } else {
        let phone = PhoneNumber::parse(&form.phone).ok();
        if phone.is_none() {
            e.push(error("phone", "program-error-phone"));
        }
        phone
    };
    let application_process = text(
        &form.application_process,
        MAX_LONG_CHARS,
        false,
        "application_process",
        "program-error-too-long",
        e,
    );
    let capacity_available = optional_number(&form.capacity_available, 0, MAX_CAPACITY)
        .unwrap_or_else(|_| {
            e.push(error("capacity_available", "program-error-capacity"));
            None
        });
    let site_id = match form.site.trim() {
        "" => None,
        raw => {
            let id = raw
                .parse::<i64>()
                .ok()
                .filter(|id| known_sites.contains(id));
            if id.is_none() {
                e.push(error("site", "program-error-site"));
            }
            id
        }
    };
    let active = match form.status.as_str() {
        "active" => true,
        "inactive" => false,
        _ => {
            e.push(error("status", "program-error-status"));
            false
        }
    };
    let area_ids = known_ids(&form.areas, known_areas).unwrap_or_else(|_| {
        e.push(error("areas", "program-error-areas"));
        Vec::new()
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ProgramValues {
        organization,
        name,
        description,
        categories,
        max_income_pct_fpg,
        qualifying_benefits,
        min_age,
        languages,
        cost,
        url,
        phone,
        application_process,
        capacity_available,
        site_id,
        active,
        area_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn good() -> ProgramForm {
        ProgramForm {
            organization: " Comcast ".into(),
            name: "Internet Essentials".into(),
            description: "Low-cost home internet.".into(),
            categories: strings(&["internet_plan"]),
            max_income_pct_fpg: "200".into(),
            qualifying_benefits: strings(&["snap", "medicaid"]),
            min_age: String::new(),
            languages: strings(&["es", "en"]),
            cost: "$9.95 a month".into(),
            url: "https://www.internetessentials.com/".into(),
            phone: "(303) 555-0123".into(),
            application_process: "Apply online or by phone.".into(),
            capacity_available: String::new(),
            site: String::new(),
            status: "active".into(),
            areas: strings(&["1"]),
        }
    }

    fn problems(form: &ProgramForm) -> Vec<(&'static str, &'static str)> {
        match check(form, &[1], &[4]) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| (e.field, e.message)).collect(),
        }
    }

    #[test]
    fn a_good_program_passes() {
        let v = check(&good(), &[1], &[4]).unwrap();
        assert_eq!(v.organization, "Comcast");
        assert_eq!(v.benefits_text(), "snap,medicaid");
        assert_eq!(v.languages_text(), "en,es");
        assert_eq!(v.phone.as_ref().unwrap().as_str(), "+13035550123");
        assert_eq!(v.capacity_available, None, "blank is not limited");
        assert_eq!(v.status(), "active");
        let blank_optional = ProgramForm {
            url: String::new(),
            phone: String::new(),
            max_income_pct_fpg: String::new(),
            capacity_available: "0".into(),
            ..good()
        };
        let v = check(&blank_optional, &[1], &[4]).unwrap();
        assert_eq!(
            (v.url, v.phone, v.capacity_available),
            (None, None, Some(0))
        );
        assert_eq!(v.site_id, None, "blank is no site");
        let at_site = ProgramForm {
            site: " 4 ".into(),
            ..good()
        };
        assert_eq!(check(&at_site, &[1], &[4]).unwrap().site_id, Some(4));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(ProgramForm, (&str, &str))> = vec![
            (
                ProgramForm {
                    organization: " ".into(),
                    ..good()
                },
                ("organization", "program-error-organization"),
            ),
            (
                ProgramForm {
                    name: String::new(),
                    ..good()
                },
                ("name", "program-error-name"),
            ),
            (
                ProgramForm {
                    name: "x".repeat(201),
                    ..good()
                },
                ("name", "program-error-name"),
            ),
            (
                ProgramForm {
                    categories: vec![],
                    ..good()
                },
                ("categories", "program-error-categories"),
            ),
            (
                ProgramForm {
                    categories: strings(&["food"]),
                    ..good()
                },
                ("categories", "program-error-categories"),
            ),
            (
                ProgramForm {
                    max_income_pct_fpg: "1001".into(),
                    ..good()
                },
                ("max_income_pct_fpg", "program-error-income"),
            ),
            (
                ProgramForm {
                    qualifying_benefits: strings(&["x"]),
                    ..good()
                },
                ("qualifying_benefits", "program-error-benefits"),
            ),
            (
                ProgramForm {
                    min_age: "121".into(),
                    ..good()
                },
                ("min_age", "program-error-age"),
            ),
            (
                ProgramForm {
                    languages: vec![],
                    ..good()
                },
                ("languages", "program-error-languages"),
            ),
            (
                ProgramForm {
                    url: "javascript:alert(1)".into(),
                    ..good()
                },
                ("url", "program-error-url"),
            ),
            (
                ProgramForm {
                    url: "ftp://example.org".into(),
                    ..good()
                },
                ("url", "program-error-url"),
            ),
            (
                ProgramForm {
                    url: "https://".into(),
                    ..good()
                },
                ("url", "program-error-url"),
            ),
            (
                ProgramForm {
                    url: "https://exa mple.org".into(),
                    ..good()
                },
                ("url", "program-error-url"),
            ),
            (
                ProgramForm {
                    phone: "call us".into(),
                    ..good()
                },
                ("phone", "program-error-phone"),
            ),
            (
                ProgramForm {
                    capacity_available: "-1".into(),
                    ..good()
                },
                ("capacity_available", "program-error-capacity"),
            ),
            (
                ProgramForm {
                    status: "closed".into(),
                    ..good()
                },
                ("status", "program-error-status"),
            ),
            (
                ProgramForm {
                    areas: strings(&["2"]),
                    ..good()
                },
                ("areas", "program-error-areas"),
            ),
            (
                ProgramForm {
                    site: "5".into(),
                    ..good()
                },
                ("site", "program-error-site"),
            ),
            (
                ProgramForm {
                    description: "x".repeat(5001),
                    ..good()
                },
                ("description", "program-error-too-long"),
            ),
        ];
        for (form, want) in cases {
            assert_eq!(problems(&form), vec![want], "{form:?}");
        }
    }

    #[test]
    fn web_addresses() {
        for good in [
            "http://example.org",
            "https://example.org/apply?x=1#y",
            "HTTPS://Example.org",
        ] {
            assert_eq!(web_address(good).as_deref(), Some(good), "{good}");
        }
        for bad in [
            "example.org",
            "//example.org",
            "data:text/html,x",
            "https:///x",
            "http://a b",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }
}
