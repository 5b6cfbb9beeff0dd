//! Intake's queries: storing a request (resident, case and first event in one transaction) and
//! reading back what a resident may see of it.

use sqlx::Row;

use super::form::NewRequest;
use crate::db::Db;
use crate::domain::{join_codes, split_codes, CaseStatus, Channel, ContactMethod, Need, RefCode};
use crate::i18n::Lang;

/// Stores a request in its own transaction and returns its new reference code, once the
/// commit is durable. The web form goes through `IntakeWriter`, which commits many at once.
pub async fn insert_request(
    db: &Db,
    req: &NewRequest,
    channel: Channel,
    created_at: i64,
) -> Result<RefCode, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let (_, code) = insert_request_in(&mut tx, req, channel, created_at).await?;
    tx.commit().await?;
    Ok(code)
}

/// The inserts of one request (resident, case, first event) on a connection already inside a
/// transaction; the caller commits. Returns the case's id and reference code.
pub async fn insert_request_in(
    conn: &mut sqlx::AnyConnection,
    req: &NewRequest,
    channel: Channel,
    created_at: i64,
) -> Result<(i64, RefCode), sqlx::Error> {
    let stored = insert_requests_in(
        conn,
        &[Pending {
            request: req,
            channel,
            created_at,
        }],
    )
    .await?;
    stored
        .into_iter()
        .next()
        .ok_or_else(|| sqlx::Error::Protocol("request not stored".into()))
}

/// One request waiting to be stored: what the resident gave, how it came and when.
#[derive(Clone, Copy, Debug)]
pub struct Pending<'a> {
    pub request: &'a NewRequest,
    pub channel: Channel,
    pub created_at: i64,
}

const RESIDENT_COLUMNS: &[&str] = &[
    "name",
    "phone",
    "email",
    "language",
    "contact_method",
    "sms_consent_at",
    "sms_consent_source",
    "sms_consent_language",
    "address",
    "zip",
    "area_id",
    "household_size",
    "monthly_income",
    "benefits",
    "age_band",
    "race_ethnicity",
    "veteran",
    "disability",
    "accessibility",
    "created_at",
];

const CASE_COLUMNS: &[&str] = &[
    "ref_code",
    "resident_id",
    "needs",
    "details",
    "status",
    "channel",
    "language",
    "area_id",
    "created_at",
    "updated_at",
];

const EVENT_COLUMNS: &[&str] = &["case_id", "kind", "body", "data", "created_at"];

/// Stores many requests with one statement per table (residents, cases, first events) on a
/// connection already inside a transaction; the caller commits. Returns each request's case id
/// and reference code, in order. One statement a table instead of one a row is what lets one
/// writer keep up with a sign-up campaign: each statement is a round trip to the database.
pub async fn insert_requests_in(
    conn: &mut sqlx::AnyConnection,
    batch: &[Pending<'_>],
) -> Result<Vec<(i64, RefCode)>, sqlx::Error> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let backend = crate::db::backend_of(conn);
    let sql = crate::db::multi_insert(
        backend,
        "residents",
        RESIDENT_COLUMNS,
        batch.len(),
        " RETURNING id",
    );
    let mut insert = sqlx::query_scalar::<_, i64>(&sql).persistent(false);
    for p in batch {
        let req = p.request;
        let consent = req.sms_consent;
        insert = insert
            .bind(&req.name)
            .bind(req.phone.as_ref().map(|p| p.as_str().to_owned()))
            .bind(req.email.clone())
            .bind(req.language.code())
            .bind(req.contact_method.code())
            .bind(consent.then_some(p.created_at))
            .bind(consent.then(|| format!("{}_form", p.channel.code())))
            .bind(consent.then(|| req.language.code().to_owned()))
            .bind(req.address.clone())
            .bind(req.zip.as_ref().map(|z| z.as_str().to_owned()))
            .bind(req.area_id)
            .bind(req.household_size)
            .bind(req.monthly_income)
            .bind(join_codes(&req.benefits))
            .bind(req.age_band.map(|a| a.code()))
            .bind(join_codes(&req.race_ethnicity))
            .bind(req.veteran.map(|a| a.code()))
            .bind(req.disability.map(|a| a.code()))
            .bind(join_codes(&req.accessibility))
            .bind(p.created_at);
    }
    let mut resident_ids = insert.fetch_all(&mut *conn).await?;
    if resident_ids.len() != batch.len() {
        return Err(sqlx::Error::Protocol(format!(
            "{} residents stored for {} requests",
            resident_ids.len(),
            batch.len()
        )));
    }
    // Both databases number the rows of one INSERT in the order of its VALUES, whatever order
    // RETURNING lists them in.
    resident_ids.sort_unstable();

    // A clash among 32^8 codes is rare; those that clash get a fresh code and go again rather
    // than fail the resident.
    let mut stored: Vec<Option<(i64, RefCode)>> = vec![None; batch.len()];
    for _attempt in 0..6 {
        let todo: Vec<usize> = (0..batch.len()).filter(|&i| stored[i].is_none()).collect();
        if todo.is_empty() {
            break;
        }
        let codes: Vec<RefCode> = todo.iter().map(|_| RefCode::generate()).collect();
        let sql = crate::db::multi_insert(
            backend,
            "cases",
            CASE_COLUMNS,
            todo.len(),
            " ON CONFLICT (ref_code) DO NOTHING RETURNING id, ref_code",
        );
        let mut insert = sqlx::query_as::<_, (i64, String)>(&sql).persistent(false);
        for (&i, code) in todo.iter().zip(&codes) {
            let p = &batch[i];
            insert = insert
                .bind(code.as_str())
                .bind(resident_ids[i])
                .bind(join_codes(&p.request.needs))
                .bind(&p.request.details)
                .bind(crate::domain::CaseStatus::New.code())
                .bind(p.channel.code())
                .bind(p.request.language.code())
                .bind(p.request.area_id)
                .bind(p.created_at)
                .bind(p.created_at);
        }
        for (id, code) in insert.fetch_all(&mut *conn).await? {
            let slot = todo
                .iter()
                .zip(&codes)
                .find(|(&i, c)| stored[i].is_none() && c.as_str() == code);
            if let Some((&i, c)) = slot {
                stored[i] = Some((id, c.clone()));
            }
        }
    }
    let stored: Vec<(i64, RefCode)> = stored
        .into_iter()
        .collect::<Option<_>>()
        .ok_or_else(|| sqlx::Error::Protocol("no free reference code".into()))?;

    let sql = crate::db::multi_insert(backend, "case_events", EVENT_COLUMNS, batch.len(), "");
    let mut insert = sqlx::query(&sql).persistent(false);
    for (p, (case_id, _)) in batch.iter().zip(&stored) {
        insert = insert
            .bind(*case_id)
            .bind("created")
            .bind("")
            .bind(serde_json::json!({ "channel": p.channel.code() }).to_string())
            .bind(p.created_at);
    }
    insert.execute(&mut *conn).await?;
    Ok(stored)
}

/// What a resident sees about their own request.
#[derive(Clone, Debug)]
pub struct CaseSummary {
    pub code: RefCode,
    pub needs: Vec<Need>,
    pub status: CaseStatus,
    pub contact_method: ContactMethod,
    pub language: Lang,
    pub created_at: i64,
    pub first_contact_at: Option<i64>,
    pub assigned: bool,
    pub resident_id: i64,
    phone: Option<String>,
}

impl CaseSummary {
    /// The resident's phone number (E.164), if they gave one.
    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }

    pub fn phone_last4(&self) -> Option<&str> {
        self.phone
            .as_deref()
            .map(|p| &p[p.len().saturating_sub(4)..])
    }
}

pub async fn case_by_code(db: &Db, code: &RefCode) -> Result<Option<CaseSummary>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.needs, c.status, c.language, c.created_at, c.first_contact_at, c.navigator_id, \
         r.contact_method, r.phone, r.id AS resident_id \
         FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.ref_code = $1",
    )
    .bind(code.as_str())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    let method: String = row.try_get("contact_method")?;
    let language: String = row.try_get("language")?;
    Ok(Some(CaseSummary {
        code: code.clone(),
        needs: split_codes(&row.try_get::<String, _>("needs")?, Need::parse),
        status: CaseStatus::parse(&status).unwrap_or(CaseStatus::New),
        contact_method: ContactMethod::parse(&method).unwrap_or(ContactMethod::Call),
        language: Lang::parse(&language).unwrap_or(Lang::EN),
        created_at: row.try_get("created_at")?,
        first_contact_at: row.try_get("first_contact_at")?,
        assigned: row.try_get::<Option<i64>, _>("navigator_id")?.is_some(),
        resident_id: row.try_get("resident_id")?,
        phone: row.try_get("phone")?,
    }))
}

/// A case by code and the last four digits of the resident's phone; `None` when either is
/// wrong, so a caller cannot tell which.
pub async fn status_lookup(
    db: &Db,
    code: &RefCode,
    last4: &str,
) -> Result<Option<CaseSummary>, sqlx::Error> {
    let found = case_by_code(db, code).await?;
    Ok(found.filter(|c| {
        c.phone_last4()
            .is_some_and(|have| constant_time_eq(have.as_bytes(), last4.as_bytes()))
    }))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
