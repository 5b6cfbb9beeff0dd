//! Dates and times as people read them: in the page's language and the city's time zone.

use super::Ctx;

/// A date in the resident's language and the configured time zone.
pub fn format_date(ctx: &Ctx, epoch_secs: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_second(epoch_secs) else {
        return String::new();
    };
    let zoned = ts.to_zoned(ctx.state.config.timezone.clone());
    let pattern = ctx.t("date-format");
    jiff::fmt::strtime::format(pattern.as_str(), &zoned)
        .unwrap_or_else(|_| zoned.date().to_string())
}
