//! A resident's reply asking for more time with a lent device, on the text line's transaction
//! (`textline` calls [`answer`] for a text outside a conversation that is no STOP, START or
//! HELP and no reply about an appointment). The words are `sms-keywords-more-time` of every
//! language, folded as the STOP words are; every language's words work whatever the resident's
//! language, and none is a keyword or an appointment word (a test checks every language). The
//! loan is flagged for its navigator, the text lands on the case's timeline as a reply to read,
//! and the resident is answered in the case's language.

use std::collections::HashSet;

use crate::i18n::{I18n, Lang};
use crate::sms::keywords::{fold, Meaning};
use crate::sms::outbox::{self, Kind, NewText};
use crate::sms::webhooks::Inbound;
use crate::web::Shared;

/// Every language's words for "more time".
#[derive(Clone, Debug, Default)]
pub struct MoreTimeWords(HashSet<String>);

impl MoreTimeWords {
    pub fn from_i18n(i18n: &I18n) -> Self {
        Self(
            Lang::all()
                .flat_map(|lang| {
                    i18n.format_sms(lang, "sms-keywords-more-time", &[])
                        .split(',')
                        .map(fold)
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                })
                .collect(),
        )
    }

    /// Whether `text` asks for more time, given what the keywords made of it.
    pub fn asks(&self, text: &str, meaning: &Meaning) -> bool {
        !matches!(meaning, Meaning::OptOut | Meaning::OptIn | Meaning::Help)
            && self.0.contains(&fold(text))
    }
}

type OpenLoan = (i64, i64, i64, i64, String, String);

/// Flags the open loan of `text.from`'s cases that is due first, if `text` asks for more time
/// and there is one, and queues the answer; true when it did (the caller does nothing more).
pub async fn answer(
    tx: &mut sqlx::AnyConnection,
    shared: &Shared,
    words: &MoreTimeWords,
    text: &Inbound<'_>,
    sms_id: i64,
    meaning: &Meaning,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !words.asks(text.text, meaning) {
        return Ok(false);
    }
    let found: Option<OpenLoan> = sqlx::query_as(
        "SELECT l.id, l.device_id, l.case_id, r.id, c.language, d.kind \
         FROM loans l JOIN devices d ON d.id = l.device_id JOIN cases c ON c.id = l.case_id \
         JOIN residents r ON r.id = c.resident_id \
         WHERE r.phone = $1 AND l.kind = 'loan' AND l.ended_at IS NULL \
         ORDER BY l.due_on, l.id LIMIT 1",
    )
    .bind(text.from)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((loan_id, device_id, case_id, resident_id, lang, kind)) = found else {
        return Ok(false);
    };
    let lang = Lang::parse(&lang).unwrap_or(Lang::EN);
    sqlx::query("UPDATE loans SET extension_asked_at = $1 WHERE id = $2")
        .bind(now)
        .bind(loan_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO device_events (device_id, at, user_id, action, loan_id, from_status, \
         to_status, detail) VALUES ($1, $2, NULL, 'more_time_asked', $3, 'on_loan', 'on_loan', '')",
    )
    .bind(device_id)
    .bind(now)
    .bind(loan_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE sms_messages SET case_id = $1, resident_id = $2 WHERE id = $3")
        .bind(case_id)
        .bind(resident_id)
        .bind(sms_id)
        .execute(&mut *tx)
        .await?;
    let data = serde_json::json!({
        "sms_id": sms_id, "meaning": "loan_more_time", "loan_id": loan_id,
    });
    crate::db::events::append_system_event(tx, case_id, "sms_in", text.text, &data, now).await?;
    // For the navigator to read: the case is flagged until they open it.
    sqlx::query("UPDATE cases SET last_reply_at = $1 WHERE id = $2")
        .bind(now)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    let i18n = &shared.i18n;
    let device = i18n.format_sms(lang, &format!("sms-loan-device-{kind}"), &[]);
    let reply = NewText {
        case_id: Some(case_id),
        resident_id: Some(resident_id),
        to: text.from.to_owned(),
        body: i18n.format_sms(lang, "sms-loan-more-time", &[("device", device.into())]),
        kind: Kind::LoanReply,
        immediate: true,
        not_before: now,
        idempotency_key: format!("in-{}-reply", text.sid),
        created_by: None,
    };
    outbox::enqueue_on(tx, &reply, now).await?;
    tracing::info!(
        loan = loan_id,
        case = case_id,
        "resident asked for more time"
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::words::AppointmentWords;
    use crate::sms::keywords::Keywords;

    #[test]
    fn more_time_words_are_no_keyword_nor_appointment_word_in_any_language() {
        let i18n = I18n::load().unwrap();
        let keywords = Keywords::from_i18n(&i18n);
        let appointments = AppointmentWords::from_i18n(&i18n);
        let words = MoreTimeWords::from_i18n(&i18n);
        assert!(words.0.len() >= 6 * 2, "words in every language");
        for word in &words.0 {
            for opted_out in [false, true] {
                let m = keywords.meaning(word, opted_out);
                assert!(
                    !matches!(m, Meaning::OptOut | Meaning::OptIn | Meaning::Help),
                    "{word:?} reads as {m:?}"
                );
                assert_eq!(appointments.intent(word, &m), None, "{word:?}");
            }
        }
    }

    #[test]
    fn replies_in_every_language() {
        let i18n = I18n::load().unwrap();
        let keywords = Keywords::from_i18n(&i18n);
        let words = MoreTimeWords::from_i18n(&i18n);
        let asks = |text: &str| words.asks(text, &keywords.meaning(text, false));
        for text in [
            "more time",
            "Extend",
            "más tiempo",
            "تمديد",
            "ተጨማሪ ጊዜ",
            "Bakisa ntango",
            "gia hạn",
            "thêm thời gian",
        ] {
            assert!(asks(text), "{text:?}");
        }
        for text in ["STOP", "ok", "change", "more time please, I am sick"] {
            assert!(!asks(text), "{text:?}");
        }
    }
}
