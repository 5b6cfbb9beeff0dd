//! Building the stored sums of ended periods, in the background and at `seed-load`.

use std::collections::{BTreeSet, HashMap};

use super::read::{read_tally, sum_list, Grain, Grouping, Key};
use super::{at, metrics, Cell, Tally, PERIOD_SECS, SETTLE_SECS};
use crate::db::{Backend, Db};

/// A stored row: its grain (`None` for a race/ethnicity, channel or populations row), its key
/// and its sums.
type StoredRow = (Option<i64>, Key, Tally);

/// Builds one period's stored sums if it changed since it was last built. Reads without holding
/// the write lock, then writes only if no change came in meanwhile (the mark is a counter); a
/// period changed during the build is left for the next round. True when it was built.
pub async fn build_period(db: &Db, period: i64, now: i64) -> sqlx::Result<bool> {
    let Some(mark): Option<i64> =
        sqlx::query_scalar("SELECT dirty FROM stats_periods WHERE period = $1")
            .bind(period)
            .fetch_optional(&db.pool)
            .await?
    else {
        return Ok(false);
    };
    if mark == 0 {
        return Ok(false);
    }
    let rows = period_rows(db, period).await?;

    let mut tx = db.pool.begin().await?;
    let claimed = sqlx::query(
        "UPDATE stats_periods SET dirty = 0, built_at = $1 WHERE period = $2 AND dirty = $3",
    )
    .bind(now)
    .bind(period)
    .bind(mark)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    store(&mut tx, db.backend, period, &rows).await?;
    tx.commit().await?;
    Ok(true)
}

/// The period's sums straight from `cases`: by area, language and needs at every grain, by
/// race/ethnicity answer, by channel and by set of covered populations.
async fn period_rows(db: &Db, period: i64) -> sqlx::Result<Vec<StoredRow>> {
    let (from, to) = (period * PERIOD_SECS, (period + 1) * PERIOD_SECS);
    // Stored without a cut-off: any open request without contact is unmet once its period is
    // over long enough to be read from here (see `plan`).
    let unmet_before = i64::MAX;
    let mut rows: Vec<StoredRow> = Vec::new();
    for grouping in [
        Grouping::Cells(Grain::Full),
        Grouping::Race,
        Grouping::Channel,
        Grouping::Populations,
    ] {
        let keys = grouping.raw_keys();
        let sql = format!(
            "SELECT {keys}, {sums} FROM {from_sql} \
             WHERE c.created_at >= $1 AND c.created_at < $2 GROUP BY {group}",
            group = grouping.raw_group_keys(),
            sums = sum_list(at::LEN, true),
            from_sql = grouping.raw_from(db, true),
        );
        let q = sqlx::query(&sql).bind(from).bind(to).bind(unmet_before);
        let found = match grouping.bind_bounds(db, true, (from, to), q).await? {
            Some(q) => q.fetch_all(&db.pool).await?,
            None => Vec::new(),
        };
        let mut grains: Vec<HashMap<Cell, Tally>> = vec![HashMap::new(); Grain::ALL.len()];
        for row in &found {
            let tally = read_tally(row, at::LEN)?;
            match grouping.key(row)? {
                Key::Cell(cell) => {
                    for grain in Grain::ALL {
                        *grains[grain as usize]
                            .entry(grain.coarsen(&cell))
                            .or_default() += &tally;
                    }
                }
                answer => rows.push((None, answer, tally)),
            }
        }
        for grain in Grain::ALL {
            for (cell, tally) in std::mem::take(&mut grains[grain as usize]) {
                rows.push((Some(grain as i64), Key::Cell(cell), tally));
            }
        }
    }
    Ok(rows)
}

/// Replaces the period's stored rows with `rows`, inside the caller's transaction.
async fn store(
    tx: &mut sqlx::AnyConnection,
    backend: Backend,
    period: i64,
    rows: &[StoredRow],
) -> sqlx::Result<()> {
    for (grouping, key_cols) in [
        (
            Grouping::Cells(Grain::Full),
            &["grain", "area_id", "language", "needs"][..],
        ),
        (Grouping::Race, &["race_ethnicity"][..]),
        (Grouping::Channel, &["channel"][..]),
        (Grouping::Populations, &["populations"][..]),
    ] {
        let table = grouping.table();
        sqlx::query(&format!("DELETE FROM {table} WHERE period = $1"))
            .bind(period)
            .execute(&mut *tx)
            .await?;
        let set: Vec<&StoredRow> = rows
            .iter()
            .filter(|(_, key, _)| {
                matches!(
                    (grouping, key),
                    (Grouping::Cells(_), Key::Cell(_))
                        | (Grouping::Race, Key::Race(_))
                        | (Grouping::Channel, Key::Channel(_))
                        | (Grouping::Populations, Key::Populations(_))
                )
            })
            .collect();
        let cols: Vec<&str> = std::iter::once("period")
            .chain(key_cols.iter().copied())
            .chain(metrics().iter().map(|(name, _)| name.as_str()))
            .collect();
        // Rows per INSERT, well under both backends' limits on bound parameters.
        let per_insert = (4_000 / cols.len()).max(1);
        for chunk in set.chunks(per_insert) {
            let sql = crate::db::multi_insert(backend, table, &cols, chunk.len(), "");
            let mut q = sqlx::query(&sql).persistent(false);
            for (grain, key, tally) in chunk {
                q = q.bind(period);
                q = match key {
                    Key::Cell(cell) => q
                        .bind(grain.unwrap_or(0))
                        .bind(cell.area_id)
                        .bind(cell.language.clone())
                        .bind(cell.needs.clone()),
                    Key::Race(answer) | Key::Channel(answer) => q.bind(answer.clone()),
                    Key::Populations(bits) => q.bind(*bits),
                };
                for v in tally.0 {
                    q = q.bind(v);
                }
            }
            q.execute(&mut *tx).await?;
        }
    }
    Ok(())
}

/// Marks the ended periods in `[first, last]` that have requests but were never built (a new
/// database, periods that just ended, data loaded in bulk).
async fn discover(db: &Db, first: i64, last: i64) -> sqlx::Result<()> {
    let known: BTreeSet<i64> =
        sqlx::query_scalar("SELECT period FROM stats_periods WHERE period >= $1 AND period <= $2")
            .bind(first)
            .bind(last)
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    for p in first..=last {
        if known.contains(&p) {
            continue;
        }
        let any: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE created_at >= $1 AND created_at < $2 LIMIT 1",
        )
        .bind(p * PERIOD_SECS)
        .bind((p + 1) * PERIOD_SECS)
        .fetch_optional(&db.pool)
        .await?;
        if any.is_some() {
            sqlx::query(
                "INSERT INTO stats_periods (period, dirty) VALUES ($1, 1) \
                 ON CONFLICT (period) DO NOTHING",
            )
            .bind(p)
            .execute(&db.pool)
            .await?;
        }
    }
    Ok(())
}

/// One round of upkeep: marks ended periods not built yet (all of them when `everything`, else
/// the last few) and builds up to `limit` marked ones, oldest first. Returns how many it built.
pub async fn refresh(db: &Db, now: i64, everything: bool, limit: usize) -> sqlx::Result<usize> {
    // The last period that ended long enough ago.
    let last = (now - SETTLE_SECS).div_euclid(PERIOD_SECS) - 1;
    let first = if everything {
        let oldest: Option<i64> = sqlx::query_scalar("SELECT MIN(created_at) FROM cases")
            .fetch_one(&db.pool)
            .await?;
        match oldest {
            Some(at) => at.div_euclid(PERIOD_SECS),
            None => return Ok(0),
        }
    } else {
        last - 2
    };
    if first <= last {
        discover(db, first, last).await?;
    }
    let marked: Vec<i64> = sqlx::query_scalar(
        "SELECT period FROM stats_periods WHERE dirty <> 0 AND period <= $1 ORDER BY period",
    )
    .bind(last)
    .fetch_all(&db.pool)
    .await?;
    let mut built = 0;
    for period in marked.into_iter().take(limit) {
        if build_period(db, period, now).await? {
            built += 1;
        }
    }
    Ok(built)
}

/// Keeps the stored sums built: everything once at start, then every `every`.
pub fn start(db: Db, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut everything = true;
        loop {
            match refresh(&db, crate::db::now(), everything, 64).await {
                Ok(built) if built > 0 => tracing::info!(built, "map figures built"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "could not build map figures"),
            }
            everything = false;
            tokio::time::sleep(every).await;
        }
    })
}
