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

/// A date and time of day, as the timeline and lists show them.
pub fn when(ctx: &Ctx, epoch_secs: i64) -> String {
    let time = jiff::Timestamp::from_second(epoch_secs)
        .map(|ts| {
            ts.to_zoned(ctx.state.config.timezone.clone())
                .strftime("%H:%M")
                .to_string()
        })
        .unwrap_or_default();
    format!("{} {time}", format_date(ctx, epoch_secs))
}
