//! The demo's loans (issue 18): a few of the devices in stock lent or given to demo cases that
//! asked for a device, one of them late back and one returned, so the case pages, the reports
//! and the texts have something to show. Runs after the devices are seeded; with none in
//! stock it lends nothing. Everything happened days ago, so the demo's own newest events stay
//! the newest.

use crate::db::Db;
use crate::devices::loans::{self, Ending, Lending};

/// Lends, gives and checks in a few demo devices; how many loans it made.
pub async fn lend_some(db: &Db, tz: &jiff::tz::TimeZone, now: i64) -> anyhow::Result<usize> {
    let devices: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM devices WHERE status = 'available' ORDER BY id LIMIT 5")
            .fetch_all(&db.pool)
            .await?;
    let cases: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT c.id, n.user_id FROM cases c JOIN navigators n ON n.id = c.navigator_id \
         WHERE c.is_open = 1 AND c.needs LIKE '%device%' ORDER BY c.id LIMIT 5",
    )
    .fetch_all(&db.pool)
    .await?;
    let today = loans::today(tz, now);
    let in_days = |days: i64| today.checked_add(jiff::Span::new().days(days));
    let mut made = 0;
    for (i, (&device, &(case, user))) in devices.iter().zip(&cases).enumerate() {
        let how = match i {
            2 => Lending::Gift,
            _ => Lending::Loan {
                due_on: in_days(21)?,
            },
        };
        let loan = match loans::lend(db, case, device, how, user, now - 3 * 86_400).await {
            Ok(loan) => loan,
            Err(loans::LoanError::NotAvailable(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        made += 1;
        match i {
            // Late back: lent a month ago for three weeks.
            1 => {
                sqlx::query("UPDATE loans SET lent_at = $1, due_on = $2 WHERE id = $3")
                    .bind(now - 30 * 86_400)
                    .bind(in_days(-9)?.to_string())
                    .bind(loan.id)
                    .execute(&db.pool)
                    .await?;
            }
            3 => {
                let back = Ending::Returned {
                    condition: crate::devices::model::Condition::Good,
                };
                loans::end(db, case, loan.id, back, user, now - 2 * 86_400).await?;
            }
            _ => {}
        }
    }
    Ok(made)
}
