//! A resident's answers corrected by staff after the request came in: a caller's name and
//! neighborhood learned on the call back, a mistyped phone number, a household's income. The
//! resident and the case are written in one change, guarded by the case's version, with an
//! event that names the questions changed (never their answers) and its audit row.

use std::collections::BTreeSet;

use sqlx::Row;

use super::change::{begin_change, bump_version, finish_change, Change, NewEvent};
use crate::db::Db;
use crate::domain::{join_codes, ConsentHow};
use crate::intake::form::{NewRequest, RawRequest};

/// The answers as they stand, in the form's own fields.
#[derive(Clone, Debug)]
pub struct StoredAnswers {
    pub raw: RawRequest,
    /// The resident's data was cleared (on request or by the retention): nothing to correct.
    pub erased: bool,
}

/// What happens to the resident's consent to texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// As it was.
    Keep,
    /// Given now (or again, for a new number), and how.
    Given(ConsentHow),
    /// Taken back: no texts from now on but those the resident asks for.
    Withdrawn,
}

/// The answers of `case_id`'s resident, or `None` when there is no such case.
pub async fn answers(db: &Db, case_id: i64) -> Result<Option<StoredAnswers>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT r.name, r.phone, r.email, r.contact_method, r.language, r.address, r.zip, \
         c.area_id, c.needs, c.details, r.household_size, r.monthly_income, r.benefits, \
         r.age_band, r.race_ethnicity, r.veteran, r.disability, r.accessibility, \
         r.sms_consent_at, r.erased_at \
         FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let text = |col: &str| -> Result<String, sqlx::Error> {
        Ok(row.try_get::<Option<String>, _>(col)?.unwrap_or_default())
    };
    let number = |col: &str| -> Result<String, sqlx::Error> {
        Ok(row
            .try_get::<Option<i64>, _>(col)?
            .map(|n| n.to_string())
            .unwrap_or_default())
    };
    let list = |col: &str| -> Result<Vec<String>, sqlx::Error> {
        Ok(text(col)?
            .split(',')
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect())
    };
    let raw = RawRequest {
        name: text("name")?,
        phone: text("phone")?,
        email: text("email")?,
        contact_method: text("contact_method")?,
        language: text("language")?,
        address: text("address")?,
        zip: text("zip")?,
        area: number("area_id")?,
        needs: list("needs")?,
        household_size: number("household_size")?,
        monthly_income: number("monthly_income")?,
        benefits: list("benefits")?,
        age_band: text("age_band")?,
        race_ethnicity: list("race_ethnicity")?,
        veteran: text("veteran")?,
        disability: text("disability")?,
        accessibility: list("accessibility")?,
        details: text("details")?,
        sms_consent: if row.try_get::<Option<i64>, _>("sms_consent_at")?.is_some() {
            "yes".into()
        } else {
            String::new()
        },
        website: String::new(),
    };
    Ok(Some(StoredAnswers {
        raw,
        erased: row.try_get::<Option<i64>, _>("erased_at")?.is_some(),
    }))
}

/// The questions whose answers differ between `before` and `after`, by field name, in the
/// form's order. The same codes in another order are the same answer.
pub fn changed_fields(before: &RawRequest, after: &RawRequest) -> Vec<&'static str> {
    fn set(list: &[String]) -> BTreeSet<&str> {
        list.iter().map(String::as_str).collect()
    }
    let (b, a) = (before, after);
    [
        ("name", b.name != a.name),
        ("language", b.language != a.language),
        ("phone", b.phone != a.phone),
        ("email", b.email != a.email),
        ("contact_method", b.contact_method != a.contact_method),
        ("sms_consent", b.sms_consent != a.sms_consent),
        ("area", b.area != a.area),
        ("zip", b.zip != a.zip),
        ("address", b.address != a.address),
        ("needs", set(&b.needs) != set(&a.needs)),
        ("details", b.details != a.details),
        ("household_size", b.household_size != a.household_size),
        ("monthly_income", b.monthly_income != a.monthly_income),
        ("benefits", set(&b.benefits) != set(&a.benefits)),
        ("age_band", b.age_band != a.age_band),
        (
            "accessibility",
            set(&b.accessibility) != set(&a.accessibility),
        ),
        (
            "race_ethnicity",
            set(&b.race_ethnicity) != set(&a.race_ethnicity),
        ),
        ("veteran", b.veteran != a.veteran),
        ("disability", b.disability != a.disability),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(field, _)| field)
    .collect()
}

/// Writes `request` over the answers of `case_id`'s resident and the case's own (needs,
/// details, language, neighborhood), if the case is still at `version` and the resident's data
/// has not been cleared; the event records the names of `changed` questions.
#[allow(clippy::too_many_arguments)]
pub async fn correct(
    db: &Db,
    case_id: i64,
    version: i64,
    user_id: i64,
    request: &NewRequest,
    consent: Consent,
    changed: &[&str],
    now: i64,
) -> Result<Change, sqlx::Error> {
    let Some(mut tx) = begin_change(db, bump_version(case_id, version, now)).await? else {
        return Ok(Change::Stale);
    };
    let updated = sqlx::query(
        "UPDATE residents SET name = $1, phone = $2, email = $3, language = $4, \
         contact_method = $5, address = $6, zip = $7, area_id = $8, household_size = $9, \
         monthly_income = $10, benefits = $11, age_band = $12, race_ethnicity = $13, \
         veteran = $14, disability = $15, accessibility = $16 \
         WHERE id = (SELECT resident_id FROM cases WHERE id = $17) AND erased_at IS NULL",
    )
    .bind(&request.name)
    .bind(request.phone.as_ref().map(|p| p.as_str().to_owned()))
    .bind(request.email.clone())
    .bind(request.language.code())
    .bind(request.contact_method.code())
    .bind(request.address.clone())
    .bind(request.zip.as_ref().map(|z| z.as_str().to_owned()))
    .bind(request.area_id)
    .bind(request.household_size)
    .bind(request.monthly_income)
    .bind(join_codes(&request.benefits))
    .bind(request.age_band.map(|a| a.code()))
    .bind(join_codes(&request.race_ethnicity))
    .bind(request.veteran.map(|a| a.code()))
    .bind(request.disability.map(|a| a.code()))
    .bind(join_codes(&request.accessibility))
    .bind(case_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        // Cleared meanwhile: nothing is written.
        tx.rollback().await?;
        return Ok(Change::Stale);
    }
    match consent {
        Consent::Keep => {}
        Consent::Given(how) => {
            sqlx::query(
                "UPDATE residents SET sms_consent_at = $1, sms_consent_source = $2, \
                 sms_consent_language = $3 WHERE id = (SELECT resident_id FROM cases WHERE id = $4)",
            )
            .bind(now)
            .bind(format!("staff_{}", how.code()))
            .bind(request.language.code())
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
        }
        Consent::Withdrawn => {
            sqlx::query(
                "UPDATE residents SET sms_consent_at = NULL, sms_consent_source = NULL, \
                 sms_consent_language = NULL \
                 WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
            )
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    sqlx::query(
        "UPDATE cases SET needs = $1, details = $2, language = $3, area_id = $4 WHERE id = $5",
    )
    .bind(join_codes(&request.needs))
    .bind(&request.details)
    .bind(request.language.code())
    .bind(request.area_id)
    .bind(case_id)
    .execute(&mut *tx)
    .await?;
    if changed.iter().any(|f| matches!(*f, "address" | "zip")) {
        // Moved, or a mistyped address: the point found for the old one is forgotten and the
        // case placed again (a neighborhood chosen on the form still wins).
        sqlx::query(
            "UPDATE residents SET lat = NULL, lon = NULL \
             WHERE id = (SELECT resident_id FROM cases WHERE id = $1)",
        )
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE cases SET placed_at = NULL, place_after = NULL, place_attempts = 0 \
             WHERE id = $1",
        )
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    }
    let event = NewEvent::new(case_id, "answers", user_id, now)
        .with_data(serde_json::json!({ "fields": changed }));
    Ok(Change::Done(finish_change(tx, event).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_questions_answered_differently_are_named() {
        let before = RawRequest {
            name: "+17205550100".into(),
            needs: vec!["internet".into(), "device".into()],
            benefits: vec!["snap".into()],
            ..RawRequest::default()
        };
        let mut after = before.clone();
        assert!(changed_fields(&before, &after).is_empty());
        // The same codes in another order are the same answer.
        after.needs = vec!["device".into(), "internet".into()];
        assert!(changed_fields(&before, &after).is_empty());
        after.name = "Ana Pérez".into();
        after.area = "7".into();
        after.benefits.clear();
        after.veteran = "prefer_not".into();
        assert_eq!(
            changed_fields(&before, &after),
            vec!["name", "area", "benefits", "veteran"]
        );
    }
}
