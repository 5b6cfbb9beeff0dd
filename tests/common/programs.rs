//! The programs the HSDS tests start from, and clearing them.

use super::TestApp;

/// Three programs: Comcast's Internet Essentials (active, every field, areas Five Points and
/// Westwood), the library's Laptop loans (inactive, no places) and Tech help for seniors (at
/// the Montbello Branch Library site).
pub async fn seed(app: &TestApp) {
    let pool = &app.db.pool;
    let mut area = std::collections::HashMap::new();
    for name in ["Five Points", "Montbello", "Westwood"] {
        let id: i64 = sqlx::query_scalar("INSERT INTO areas (name) VALUES ($1) RETURNING id")
            .bind(name)
            .fetch_one(pool)
            .await
            .unwrap();
        area.insert(name, id);
    }
    let full: i64 = sqlx::query_scalar(
        "INSERT INTO programs (organization, name, description, categories, max_income_pct_fpg, \
           qualifying_benefits, min_age, languages, cost, url, phone, application_process, \
           capacity_available, status, last_verified_at) \
         VALUES ('Comcast', 'Internet Essentials', 'Home internet for $9.95 a month.', \
           'internet_plan,device', 200, 'snap,medicaid,school_lunch', 18, 'en,es,ar', \
           '$9.95 a month; no contract', 'https://www.internetessentials.com', '+18558468376', \
           'Apply online or by phone; bring proof of a benefit.', 25, 'active', 1750001234) \
         RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    for name in ["Five Points", "Westwood"] {
        sqlx::query("INSERT INTO program_areas (program_id, area_id) VALUES ($1, $2)")
            .bind(full)
            .bind(area[name])
            .execute(pool)
            .await
            .unwrap();
    }
    sqlx::query(
        "INSERT INTO programs (organization, name, categories, languages, capacity_available, \
           status) \
         VALUES ('Denver Public Library', 'Laptop loans', 'device', 'en', 0, 'inactive')",
    )
    .execute(pool)
    .await
    .unwrap();
    let site: i64 = sqlx::query_scalar(
        "INSERT INTO sites (name, address, lat, lon, created_at, updated_at) \
         VALUES ('Montbello Branch Library', '12955 Albrook Dr, Denver, CO 80239', 39.7836, \
           -104.838, 0, 0) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO programs (organization, name, description, categories, languages, \
           min_age, application_process, site_id) \
         VALUES ('Denver Public Library', 'Tech help for seniors', 'Weekly classes.', \
           'training', 'en,es,am,ln,vi', 60, 'Walk in on Tuesdays.', $1)",
    )
    .bind(site)
    .execute(pool)
    .await
    .unwrap();
}

/// Removes every program (and what the audit log says about programs).
pub async fn wipe(app: &TestApp) {
    app.exec("DELETE FROM audit_log WHERE program_id IS NOT NULL", ())
        .await;
    app.exec("DELETE FROM program_areas", ()).await;
    app.exec("DELETE FROM programs", ()).await;
}
