//! Correcting a resident's answers after the request came in (`/cases/{id}/answers`), on
//! SQLite and PostgreSQL: a caller's case completed on the call back (the form filled in with
//! what is stored, consent to texts asked how it was given, the timeline naming the questions
//! and never the answers), a stale form, an unchanged form, consent taken back or given for a
//! new number, a new address placed again, and who may do it.

mod common;

use common::staff::{new_case, Person};
use common::TestApp;
use navdesk::domain::{Channel, ContactMethod, Need, PhoneNumber};
use navdesk::i18n::Lang;
use navdesk::intake::form::NewRequest;

const ANA: Person = Person::navigator("ana@navdesk.example", "Ana Navarro");
const BEN: Person = Person::navigator("ben@navdesk.example", "Ben Okafor");
const SUE: Person = Person::supervisor("sue@navdesk.example", "Sue Visor");

/// A caller's request as the phone line stores it: their number for a name, a language and a
/// need from the keypad, nowhere, no consent to texts.
async fn caller_case(app: &TestApp) -> i64 {
    let phone = PhoneNumber::parse("(303) 555-0177").unwrap();
    let request = NewRequest {
        name: phone.as_str().to_owned(),
        phone: Some(phone),
        email: None,
        contact_method: ContactMethod::Call,
        language: Lang::parse("es").unwrap(),
        address: None,
        zip: None,
        area_id: None,
        needs: vec![Need::Internet],
        household_size: None,
        monthly_income: None,
        benefits: vec![],
        age_band: None,
        race_ethnicity: vec![],
        veteran: None,
        disability: None,
        accessibility: vec![],
        details: String::new(),
        sms_consent: false,
    };
    let code = navdesk::intake::store::insert_request(
        &app.db,
        &request,
        Channel::Phone,
        navdesk::db::now(),
    )
    .await
    .unwrap();
    app.one(
        "SELECT id FROM cases WHERE ref_code = $1",
        (code.as_str().to_owned(),),
    )
    .await
}

type Stored = (
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
);

/// The answers stored for the resident of `case`: name, the resident's and the case's area,
/// household size, benefits, age band and veteran.
async fn stored(app: &TestApp, case: i64) -> Stored {
    app.row(
        "SELECT r.name, r.area_id, c.area_id, r.household_size, r.benefits, r.age_band, \
         r.veteran FROM residents r JOIN cases c ON c.resident_id = r.id WHERE c.id = $1",
        (case,),
    )
    .await
}

async fn consent(app: &TestApp, case: i64) -> (Option<i64>, Option<String>) {
    app.row(
        "SELECT r.sms_consent_at, r.sms_consent_source FROM residents r \
         JOIN cases c ON c.resident_id = r.id WHERE c.id = $1",
        (case,),
    )
    .await
}

/// What a browser would send from the answers form as drawn: every text field and textarea,
/// every ticked box and chosen radio, and each select's chosen option (its first when none is).
fn fields_of(page: &str) -> Vec<(String, String)> {
    let start = page.find("/answers\"").expect("the answers form");
    let form = &page[start
        ..page[start..]
            .find("</form>")
            .map_or(page.len(), |e| start + e)];
    let mut out = Vec::new();
    let mut select: Option<(String, Option<String>, bool)> = None;
    let mut rest = form;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        rest = &rest[close + 1..];
        let kind = tag.split_whitespace().next().unwrap_or_default();
        let attrs = attributes(tag);
        let attr = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        match kind {
            "input" => {
                let Some(name) = attr("name") else { continue };
                let ticked = attr("checked").is_some();
                if matches!(attr("type").as_deref(), Some("checkbox" | "radio")) && !ticked {
                    continue;
                }
                out.push((name, attr("value").unwrap_or_default()));
            }
            "textarea" => {
                let end = rest.find("</textarea>").unwrap_or(0);
                out.push((attr("name").unwrap_or_default(), unescape(&rest[..end])));
            }
            "select" => select = attr("name").map(|name| (name, None, false)),
            "option" => {
                if let Some((_, first, chosen)) = select.as_mut() {
                    let value = attr("value").unwrap_or_default();
                    if first.is_none() {
                        *first = Some(value.clone());
                    }
                    if attr("selected").is_some() && !*chosen {
                        *chosen = true;
                        *first = Some(value);
                    }
                }
            }
            "/select" => {
                if let Some((name, value, _)) = select.take() {
                    out.push((name, value.unwrap_or_default()));
                }
            }
            _ => {}
        }
    }
    out
}

/// The attributes of a tag's inside (`input type="text" name="x" checked`), values unescaped.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_owned();
        rest = &rest[key_end..];
        if let Some(value) = rest.strip_prefix("=\"") {
            let end = value.find('"').unwrap_or(value.len());
            out.push((key, unescape(&value[..end])));
            rest = &value[(end + 1).min(value.len())..];
        } else {
            out.push((key, String::new()));
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let changed: Vec<&str> = changes.iter().map(|(k, _)| *k).collect();
    fields
        .iter()
        .filter(|(k, _)| !changed.contains(&k.as_str()))
        .cloned()
        .chain(
            changes
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string())),
        )
        .collect()
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

async fn a_callers_answers_are_completed_on_the_call_back(app: TestApp) {
    let case = caller_case(&app).await;
    let ana = app.with_user(ANA).await;
    app.assign(case, &ana, "in_progress").await;
    let area = app.area("Five Points").await;
    let before = app.events(case).await;

    let (status, page) = ana.page(&format!("/cases/{case}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("href=\"/cases/{case}/answers\"")),
        "{page}"
    );
    // Nowhere yet: the next steps say so, and lead to the form.
    let nowhere = "Where the resident lives is not known yet";
    assert!(common::staff::text(&page).contains(nowhere));

    // The form holds what is stored: the number for a name, Spanish, the one need.
    let (status, form) = ana.page(&format!("/cases/{case}/answers")).await;
    assert_eq!(status, 200);
    let fields = fields_of(&form);
    let get = |name: &str| {
        fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(get("name"), ["+13035550177"]);
    assert_eq!(get("phone"), ["+13035550177"]);
    assert_eq!(get("language"), ["es"]);
    assert_eq!(get("needs"), ["internet"]);
    assert_eq!(get("contact_method"), ["call"]);
    assert!(get("sms_consent").is_empty());
    assert!(
        get("channel").is_empty(),
        "no new request is being recorded"
    );
    // The answers the resident is promised are never shown with their name are not on it.
    for private in ["race_ethnicity", "veteran", "disability"] {
        assert!(!form.contains(&format!("name=\"{private}\"")), "{private}");
    }
    assert!(form.contains("are never shown with their name"));

    // What the caller said on the call back; they agree to texts, but how is not said yet.
    let answered = with(
        &fields,
        &[
            ("name", "Rosa Díaz"),
            ("area", &area.to_string()),
            ("household_size", "4"),
            ("monthly_income", "1800"),
            ("benefits", "snap"),
            ("age_band", "60_64"),
            // Not on the form; posted anyway, it changes nothing.
            ("veteran", "yes"),
            ("sms_consent", "yes"),
        ],
    );
    let resp = ana
        .post(&format!("/cases/{case}/answers"), &pairs(&answered))
        .await;
    assert_eq!(resp.status(), 422);
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("Say how the resident agreed to texts"),
        "{body}"
    );
    assert!(body.contains("value=\"Rosa Díaz\""), "the answers are kept");
    assert_eq!(stored(&app, case).await.0, "+13035550177", "nothing stored");
    assert_eq!(app.events(case).await, before);

    let answered = with(&answered, &[("consent_how", "verbal_phone")]);
    let resp = ana
        .post(&format!("/cases/{case}/answers"), &pairs(&answered))
        .await;
    assert_eq!(resp.status(), 303);
    let location = common::location(&resp);
    assert!(
        location.starts_with(&format!("/cases/{case}#event-")),
        "{location}"
    );
    assert_eq!(
        stored(&app, case).await,
        (
            "Rosa Díaz".to_owned(),
            Some(area),
            Some(area),
            Some(4),
            "snap".to_owned(),
            Some("60_64".to_owned()),
            None
        )
    );
    let (given, source) = consent(&app, case).await;
    assert!(given.is_some());
    assert_eq!(source.as_deref(), Some("staff_verbal_phone"));

    // The timeline names the questions, not the answers.
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    let text = common::staff::text(&page);
    assert!(
        text.contains(
            "Corrected the resident's answers: name, consent to texts, neighborhood, household \
             size, monthly income, benefits, age"
        ),
        "{text}"
    );
    assert!(
        !text.contains("age, veteran"),
        "the veteran answer posted is not taken"
    );
    assert!(text.contains("Rosa Díaz"));
    assert!(!text.contains(nowhere), "the neighborhood is known now");
    assert_eq!(app.events(case).await, before + 1);
    let audit: i64 = app
        .one(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'correct_answers' AND case_id = $1",
            (case,),
        )
        .await;
    assert_eq!(audit, 1);

    // The form drawn before that change is stale now: refused, nothing written.
    let stale = with(&answered, &[("name", "Someone Else")]);
    let resp = ana
        .post(&format!("/cases/{case}/answers"), &pairs(&stale))
        .await;
    assert_eq!(resp.status(), 409);
    let body = resp.text().await.unwrap();
    assert!(body.contains("Someone else changed this case after you opened this form"));
    assert!(
        body.contains("value=\"Someone Else\""),
        "the answers are kept"
    );
    assert_eq!(stored(&app, case).await.0, "Rosa Díaz");

    // Saved again as it stands: nothing to record.
    let (_, form) = ana.page(&format!("/cases/{case}/answers")).await;
    let unchanged = fields_of(&form);
    let resp = ana
        .post(&format!("/cases/{case}/answers"), &pairs(&unchanged))
        .await;
    assert_eq!(resp.status(), 303);
    assert_eq!(common::location(&resp), format!("/cases/{case}"));
    assert_eq!(app.events(case).await, before + 1);

    // A bad answer: 422, the error by its field, nothing stored.
    let bad = with(&unchanged, &[("household_size", "lots")]);
    let resp = ana
        .post(&format!("/cases/{case}/answers"), &pairs(&bad))
        .await;
    assert_eq!(resp.status(), 422);
    assert_eq!(stored(&app, case).await.3, Some(4));
    app.stop().await;
}

async fn consent_a_new_number_and_a_new_address(app: TestApp) {
    // A request from the form, with consent to texts, a ZIP code and private answers.
    let (case, _) = new_case(&app, "Lupe Ortiz", navdesk::db::now()).await;
    app.exec(
        "UPDATE residents SET race_ethnicity = 'black,hispanic', veteran = 'yes', \
         disability = 'no' WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
        (case,),
    )
    .await;
    let ana = app.with_user(ANA).await;
    app.assign(case, &ana, "in_progress").await;
    let url = format!("/cases/{case}/answers");
    let (_, form) = ana.page(&url).await;
    let fields = fields_of(&form);
    assert!(fields.contains(&("sms_consent".into(), "yes".into())));
    let (given, _) = consent(&app, case).await;
    assert!(given.is_some());

    // A new number, the box still ticked: how they agreed for it is asked.
    let moved = with(&fields, &[("phone", "(720) 555-0142")]);
    let resp = ana.post(&url, &pairs(&moved)).await;
    assert_eq!(resp.status(), 422);
    let moved = with(&moved, &[("consent_how", "verbal_phone")]);
    let changed_at = navdesk::db::now();
    let resp = ana.post(&url, &pairs(&moved)).await;
    assert_eq!(resp.status(), 303);
    let (given, source) = consent(&app, case).await;
    assert!(
        given.unwrap() >= changed_at,
        "given again, for the new number"
    );
    assert_eq!(source.as_deref(), Some("staff_verbal_phone"));
    let phone: Option<String> = app
        .one(
            "SELECT r.phone FROM residents r JOIN cases c ON c.resident_id = r.id WHERE c.id = $1",
            (case,),
        )
        .await;
    assert_eq!(phone.as_deref(), Some("+17205550142"));

    // No more texts, and a new address: consent is taken back, and the case placed again.
    let (_, form) = ana.page(&url).await;
    let fields = fields_of(&form);
    let changed_at = navdesk::db::now();
    let withdrawn = with(
        &fields,
        &[
            ("sms_consent", ""),
            ("contact_method", "call"),
            ("address", "3401 Franklin St"),
        ],
    );
    let resp = ana.post(&url, &pairs(&withdrawn)).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(consent(&app, case).await, (None, None));
    let placed: Option<i64> = app
        .one("SELECT placed_at FROM cases WHERE id = $1", (case,))
        .await;
    assert!(
        placed.is_none_or(|at| at >= changed_at),
        "placed again after the change, or waiting to be"
    );
    let (_, page) = ana.page(&format!("/cases/{case}")).await;
    assert!(common::staff::text(&page).contains(
        "Corrected the resident's answers: how to reach them, consent to texts, address"
    ));
    // Never shown, never changed.
    assert!(!form.contains("black") && !form.contains("name=\"veteran\""));
    let private: (String, Option<String>, Option<String>) = app
        .row(
            "SELECT r.race_ethnicity, r.veteran, r.disability FROM residents r \
             JOIN cases c ON c.resident_id = r.id WHERE c.id = $1",
            (case,),
        )
        .await;
    assert_eq!(
        private,
        (
            "black,hispanic".to_owned(),
            Some("yes".into()),
            Some("no".into())
        )
    );
    app.stop().await;
}

async fn only_those_who_may_change_the_case_may_correct_it(app: TestApp) {
    let (case, _) = new_case(&app, "Lupe Ortiz", navdesk::db::now()).await;
    let ana = app.with_user(ANA).await;
    let ben = app.with_user(BEN).await;
    let sue = app.with_user(SUE).await;
    app.assign(case, &ana, "in_progress").await;
    let url = format!("/cases/{case}/answers");

    // Another navigator's case is not theirs to see.
    assert_eq!(ben.page(&url).await.0, 404);
    let (_, form) = ana.page(&url).await;
    let fields = with(&fields_of(&form), &[("name", "Changed By Ben")]);
    let token = ben.csrf().await;
    let by_ben = with(&fields, &[("csrf_token", &token)]);
    assert_eq!(ben.post(&url, &pairs(&by_ben)).await.status(), 404);
    // Without the CSRF token nothing changes either.
    let without = with(&fields, &[("csrf_token", "")]);
    assert_eq!(ana.post(&url, &pairs(&without)).await.status(), 403);
    assert_eq!(stored(&app, case).await.0, "Lupe Ortiz");

    // A supervisor may.
    let (status, form) = sue.page(&url).await;
    assert_eq!(status, 200);
    let by_sue = with(&fields_of(&form), &[("household_size", "5")]);
    assert_eq!(sue.post(&url, &pairs(&by_sue)).await.status(), 303);
    assert_eq!(stored(&app, case).await.3, Some(5));

    // A resident whose data was cleared has nothing to correct, and no link offers it.
    app.exec(
        "UPDATE residents SET erased_at = $1 WHERE id = (SELECT resident_id FROM cases WHERE id = $2)",
        (navdesk::db::now(), case),
    )
    .await;
    assert_eq!(sue.page(&url).await.0, 403);
    let (_, page) = sue.page(&format!("/cases/{case}")).await;
    assert!(!page.contains(&url));
    assert_eq!(sue.post(&url, &pairs(&by_sue)).await.status(), 403);
    app.stop().await;
}

on_both_backends!(
    a_callers_answers_are_completed_on_the_call_back,
    consent_a_new_number_and_a_new_address,
    only_those_who_may_change_the_case_may_correct_it,
);
