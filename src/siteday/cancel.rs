//! When a navigator stops being available (profile made inactive, account disabled), their
//! future bookings are cancelled in the same transaction, and each resident who takes texts
//! is told in their language, with the link to choose a new time. The texts go through the
//! outbox like any other: STOP, quiet hours and the sender's pace hold.

use sqlx::Row;

use crate::i18n::{I18n, Lang};
use crate::sms::outbox::{self, Kind, NewText};

/// What the texts need: translations, and where a resident picks a new time.
#[derive(Clone, Copy)]
pub struct Notice<'a> {
    pub i18n: &'a I18n,
    /// The site's public address (`NAVDESK_PUBLIC_URL`).
    pub public_url: &'a str,
}

impl<'a> Notice<'a> {
    pub fn of(state: &'a crate::web::Shared) -> Self {
        Self {
            i18n: &state.i18n,
            public_url: &state.config.public_url,
        }
    }
}

/// Cancels every booked or confirmed appointment of `navigator_id` that has not started by
/// `now`, inside the caller's transaction, and stores a text for each resident who agreed to
/// texts. Returns how many were cancelled.
pub async fn cancel_future_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    navigator_id: i64,
    notice: Notice<'_>,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.case_id, a.site_id, a.starts_at, a.ends_at, s.name AS site, \
                c.ref_code, c.language, c.resident_id, r.phone, r.sms_consent_at \
         FROM appointments a JOIN cases c ON c.id = a.case_id \
           JOIN residents r ON r.id = c.resident_id JOIN sites s ON s.id = a.site_id \
         WHERE a.navigator_id = $1 AND a.starts_at > $2 AND a.status IN ('booked', 'confirmed') \
         ORDER BY a.starts_at, a.id",
    )
    .bind(navigator_id)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    let status_url = format!("{}/status", notice.public_url.trim_end_matches('/'));
    let mut texts = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let case_id: i64 = r.try_get("case_id")?;
        sqlx::query(
            "UPDATE appointments SET status = 'cancelled', updated_at = $1 \
             WHERE id = $2 AND status IN ('booked', 'confirmed')",
        )
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        // The same event a cancellation from the case page writes, with why.
        let data = serde_json::json!({
            "appointment_id": id,
            "navigator_id": navigator_id,
            "site_id": r.try_get::<i64, _>("site_id")?,
            "site": r.try_get::<String, _>("site")?,
            "starts_at": r.try_get::<i64, _>("starts_at")?,
            "ends_at": r.try_get::<i64, _>("ends_at")?,
            "status": "cancelled",
            "reason": "navigator_unavailable",
        });
        crate::db::events::append_system_event(
            tx,
            case_id,
            "appointment_cancelled",
            "",
            &data,
            now,
        )
        .await?;
        let phone: Option<String> = r.try_get("phone")?;
        let consent: Option<i64> = r.try_get("sms_consent_at")?;
        let Some(phone) = phone.filter(|_| consent.is_some()) else {
            continue;
        };
        let lang = Lang::parse(&r.try_get::<String, _>("language")?).unwrap_or(Lang::EN);
        let body = notice.i18n.format_sms(
            lang,
            "sms-appointment-cancelled-navigator",
            &[
                ("code", r.try_get::<String, _>("ref_code")?.into()),
                ("url", status_url.clone().into()),
            ],
        );
        texts.push(NewText {
            case_id: Some(case_id),
            resident_id: Some(r.try_get("resident_id")?),
            to: phone,
            body,
            kind: Kind::AppointmentCancelled,
            // Not an answer to something the resident did: it waits out quiet hours.
            immediate: false,
            not_before: now,
            idempotency_key: format!("appointment-{id}-cancelled-navigator"),
            created_by: None,
        });
    }
    outbox::enqueue_many_on(tx, &texts, now).await?;
    if !rows.is_empty() {
        tracing::info!(
            navigator_id,
            cancelled = rows.len(),
            texts = texts.len(),
            "future appointments of a navigator no longer available cancelled"
        );
    }
    Ok(rows.len())
}
