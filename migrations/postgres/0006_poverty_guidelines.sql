-- The federal poverty guidelines that program income limits are measured against, as data
-- with their year: `navdesk import-poverty-guidelines FILE.csv --year Y` replaces a year, and
-- eligibility uses the newest year present. household_size 0 holds the amount added for each
-- person beyond the largest size listed. Amounts are whole cents per year.
-- Keep this file in step with migrations/sqlite/0006_poverty_guidelines.sql.

CREATE TABLE poverty_guidelines (
    year                 BIGINT NOT NULL,
    household_size       BIGINT NOT NULL CHECK (household_size >= 0),
    annual_income_cents  BIGINT NOT NULL CHECK (annual_income_cents > 0),
    PRIMARY KEY (year, household_size)
);

-- HHS poverty guidelines for 2025, the 48 contiguous states and the District of Columbia
-- (published by HHS in January 2025).
INSERT INTO poverty_guidelines (year, household_size, annual_income_cents) VALUES
    (2025, 1, 1565000),
    (2025, 2, 2115000),
    (2025, 3, 2665000),
    (2025, 4, 3215000),
    (2025, 5, 3765000),
    (2025, 6, 4315000),
    (2025, 7, 4865000),
    (2025, 8, 5415000),
    (2025, 0, 550000);
