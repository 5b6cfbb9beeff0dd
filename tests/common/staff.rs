//! Staff in tests: accounts, signed-in browsers (one cookie jar each), page text, hidden
//! fields, and new requests from residents.
#![allow(dead_code)]

use super::TestApp;
use navdesk::auth::{NewUser, Role};
use navdesk::domain::{Accessibility, Channel, ContactMethod, Need, PhoneNumber, Zip};
use navdesk::i18n::Lang;
use navdesk::intake::form::NewRequest;

pub const PASSWORD: &str = "correct horse battery staple";

/// One signed-in staff member with their own browser.
pub struct Staff {
    pub client: reqwest::Client,
    pub base: String,
    pub navigator_id: Option<i64>,
}

impl Staff {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET")
    }

    /// Status and page text (without Fluent's isolation marks).
    pub async fn page(&self, path: &str) -> (u16, String) {
        let resp = self.get(path).await;
        let status = resp.status().as_u16();
        (status, text(&resp.text().await.unwrap()))
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    /// Signs in through `/login` with the test password.
    pub async fn sign_in(&self, email: &str) {
        let status = self.sign_in_with(email, PASSWORD).await;
        assert_eq!(status, 303, "{email} signs in");
    }

    /// Tries to sign in through `/login`; the answer's status.
    pub async fn sign_in_with(&self, email: &str, password: &str) -> u16 {
        let (_, login) = self.page("/login").await;
        let token = hidden(&login, "csrf_token");
        let resp = self
            .post(
                "/login",
                &[
                    ("csrf_token", token.as_str()),
                    ("email", email),
                    ("password", password),
                ],
            )
            .await;
        resp.status().as_u16()
    }

    /// Posts a case form with the case page's current version and CSRF token, as the page's
    /// own form would.
    pub async fn post_case(
        &self,
        case_id: i64,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let (status, body) = self.page(&format!("/cases/{case_id}")).await;
        assert_eq!(status, 200);
        let token = hidden(&body, "csrf_token");
        let version = hidden(&body, "version");
        let mut all = vec![
            ("csrf_token", token.as_str()),
            ("version", version.as_str()),
        ];
        all.extend_from_slice(fields);
        self.post(&format!("/cases/{case_id}/{action}"), &all).await
    }

    /// This session's CSRF token, from a staff page.
    pub async fn csrf(&self) -> String {
        let (_, body) = self.page("/cases").await;
        hidden(&body, "csrf_token")
    }
}

pub fn browser() -> reqwest::Client {
    browser_with(Default::default())
}

/// A browser keeping its cookies in `jar`, where a test can read or add them.
pub fn browser_with(jar: std::sync::Arc<reqwest::cookie::Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_provider(jar)
        .build()
        .unwrap()
}

pub fn text(body: &str) -> String {
    body.replace(['\u{2068}', '\u{2069}'], "")
}

/// The value of the first hidden field `name` on a page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("a {name} field"));
    body[at + marker.len()..]
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

/// A staff account with the test password; its user id.
pub async fn create_staff_in(db: &navdesk::db::Db, email: &str, name: &str, role: Role) -> i64 {
    navdesk::auth::create_user(
        db,
        &NewUser {
            email,
            name,
            role,
            language: Lang::EN,
            password: PASSWORD,
        },
    )
    .await
    .expect("user created")
}

/// Someone on staff as a test knows them: an email to sign in with, a name the pages show,
/// a role.
#[derive(Clone, Copy, Debug)]
pub struct Person<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
}

impl<'a> Person<'a> {
    pub const fn navigator(email: &'a str, name: &'a str) -> Self {
        Self {
            email,
            name,
            role: Role::Navigator,
        }
    }

    pub const fn supervisor(email: &'a str, name: &'a str) -> Self {
        Self {
            email,
            name,
            role: Role::Supervisor,
        }
    }

    pub const fn admin(email: &'a str, name: &'a str) -> Self {
        Self {
            email,
            name,
            role: Role::Admin,
        }
    }
}

/// The people most tests need.
pub const ANA: Person = Person::navigator("ana@navdesk.example", "Ana Navarro");
pub const BEN: Person = Person::navigator("ben@navdesk.example", "Ben Okafor");
pub const DANA: Person = Person::supervisor("dana@navdesk.example", "Dana Brooks");

/// Anyone with the role, when a test cares only about the role: Nia Nav, Sam Sup, Ada Admin.
impl From<Role> for Person<'_> {
    fn from(role: Role) -> Self {
        match role {
            Role::Navigator => Person::navigator("nav@navdesk.example", "Nia Nav"),
            Role::Supervisor => Person::supervisor("sup@navdesk.example", "Sam Sup"),
            Role::Admin => Person::admin("admin@navdesk.example", "Ada Admin"),
        }
    }
}

/// Someone on staff, set up the way a test needs them (in the style of crates.io's
/// `TestApp::init().with_user()`): `app.with_user(ANA).await` or
/// `app.with_user(Role::Supervisor).await` is signed in with a browser of their own; a
/// navigator has a navigator profile (languages en and es; internet, device and tech support;
/// 20 cases). `.create()` makes the account without signing in, for tests that sign in
/// themselves.
#[must_use = "nothing is made until it is awaited"]
pub struct NewStaff<'a> {
    app: &'a TestApp,
    person: Person<'a>,
    profile: bool,
}

/// What `NewStaff::create` made.
pub struct Account {
    pub user_id: i64,
    pub navigator_id: Option<i64>,
}

impl TestApp {
    pub fn with_user<'a>(&'a self, person: impl Into<Person<'a>>) -> NewStaff<'a> {
        let person = person.into();
        NewStaff {
            app: self,
            person,
            profile: person.role == Role::Navigator,
        }
    }

    /// A browser of its own, signed in as nobody.
    pub fn anonymous(&self) -> Staff {
        Staff {
            client: browser(),
            base: self.base.clone(),
            navigator_id: None,
        }
    }
}

impl NewStaff<'_> {
    /// With a navigator profile or without one, whatever the role.
    pub fn profile(self, profile: bool) -> Self {
        Self { profile, ..self }
    }

    /// The account (with the test password), and the profile when asked for; nobody signs in.
    pub async fn create(self) -> Account {
        let Person { email, name, role } = self.person;
        let user_id = create_staff_in(&self.app.db, email, name, role).await;
        let navigator_id = if self.profile {
            let profile = "INSERT INTO navigators (user_id, languages, skills, capacity) \
                           VALUES ($1, 'en,es', 'internet,device,tech_support', 20) RETURNING id";
            Some(self.app.one(profile, (user_id,)).await)
        } else {
            None
        };
        Account {
            user_id,
            navigator_id,
        }
    }
}

impl<'a> std::future::IntoFuture for NewStaff<'a> {
    type Output = Staff;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Staff> + Send + 'a>>;

    /// The account, signed in with a browser of its own.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (app, email) = (self.app, self.person.email);
            let account = self.create().await;
            let who = Staff {
                navigator_id: account.navigator_id,
                ..app.anonymous()
            };
            who.sign_in(email).await;
            who
        })
    }
}

impl TestApp {
    /// The area called `name`, added when it is not there yet.
    pub async fn area(&self, name: &str) -> i64 {
        self.one(
            "INSERT INTO areas (name) VALUES ($1) \
             ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
            (name,),
        )
        .await
    }

    /// A resource program offering devices.
    pub async fn program(&self, organization: &str, name: &str) -> i64 {
        self.one(
            "INSERT INTO programs (organization, name, categories) \
             VALUES ($1, $2, 'device') RETURNING id",
            (organization, name),
        )
        .await
    }

    pub async fn user_id(&self, email: &str) -> i64 {
        self.one("SELECT id FROM users WHERE email = $1", (email,))
            .await
    }

    /// How many events a case's timeline holds.
    pub async fn events(&self, case_id: i64) -> i64 {
        self.one(
            "SELECT COUNT(*) FROM case_events WHERE case_id = $1",
            (case_id,),
        )
        .await
    }

    /// Gives a case to a navigator directly, as if they had taken it, with `status`.
    pub async fn assign(&self, case_id: i64, who: &Staff, status: &str) {
        self.exec(
            "UPDATE cases SET navigator_id = $1, status = $2 WHERE id = $3",
            (who.navigator_id.expect("a navigator"), status, case_id),
        )
        .await;
    }
}

/// A new request from a resident; returns the case's id and reference code.
pub async fn new_case(app: &TestApp, name: &str, created_at: i64) -> (i64, String) {
    new_case_by(app, name, created_at, Channel::Web).await
}

/// A new request as `new_case` makes it, come in by `channel`.
pub async fn new_case_by(
    app: &TestApp,
    name: &str,
    created_at: i64,
    channel: Channel,
) -> (i64, String) {
    let area_id = app.area("Five Points").await;
    let request = NewRequest {
        name: name.to_owned(),
        phone: Some(PhoneNumber::parse("(303) 555-0123").unwrap()),
        email: Some("resident@example.org".into()),
        contact_method: ContactMethod::Sms,
        language: Lang::parse("es").unwrap(),
        address: None,
        zip: Zip::parse("80205"),
        area_id: Some(area_id),
        needs: vec![Need::Internet, Need::Device],
        household_size: Some(3),
        monthly_income: Some(1800),
        benefits: vec![],
        age_band: None,
        race_ethnicity: vec![],
        veteran: None,
        disability: None,
        accessibility: vec![Accessibility::LargePrint],
        details: "Necesito internet para la escuela.".into(),
        sms_consent: true,
    };
    let code = navdesk::intake::store::insert_request(&app.db, &request, channel, created_at)
        .await
        .expect("request stored");
    let id = sqlx::query_scalar("SELECT id FROM cases WHERE ref_code = $1")
        .bind(code.as_str())
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (id, code.to_string())
}
