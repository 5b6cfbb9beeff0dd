-- Maintained aggregates for the service-gap map and the reports. Cases are grouped into fixed
-- periods of 28 days counted from the Unix epoch (period = created_at / 2419200). For each period
-- that has ended, `case_stats` holds sums per (area, language, needs), per (area, language) and
-- per area (`grain` 0, 1, 2), and `race_stats` per
-- race/ethnicity answer, so a year of figures reads a few thousand rows instead of every case.
--
-- A period is used only while its figures are current: `stats_periods.dirty` counts changes made
-- to its cases since it was last built. Triggers bump it inside the transaction that makes the
-- change, so a read never mixes new data with old sums: a dirty period is read from `cases`
-- itself until the background job builds it again. Requests made now land in the current period,
-- which is always read from `cases`, so new requests never touch this table.

CREATE TABLE stats_periods (
    period    BIGINT PRIMARY KEY,
    dirty     BIGINT NOT NULL DEFAULT 1,
    built_at  BIGINT
);

CREATE TABLE case_stats (
    period            BIGINT NOT NULL,
    grain             BIGINT NOT NULL,      -- 0: area, language, needs; 1: area, language; 2: area
    area_id           BIGINT,
    language          TEXT NOT NULL,
    needs             TEXT NOT NULL,
    requests          BIGINT NOT NULL DEFAULT 0,
    open_cases        BIGINT NOT NULL DEFAULT 0,
    unassigned        BIGINT NOT NULL DEFAULT 0,
    unmet             BIGINT NOT NULL DEFAULT 0,
    contacted         BIGINT NOT NULL DEFAULT 0,
    w00               BIGINT NOT NULL DEFAULT 0,
    w01               BIGINT NOT NULL DEFAULT 0,
    w02               BIGINT NOT NULL DEFAULT 0,
    w03               BIGINT NOT NULL DEFAULT 0,
    w04               BIGINT NOT NULL DEFAULT 0,
    w05               BIGINT NOT NULL DEFAULT 0,
    w06               BIGINT NOT NULL DEFAULT 0,
    w07               BIGINT NOT NULL DEFAULT 0,
    w08               BIGINT NOT NULL DEFAULT 0,
    w09               BIGINT NOT NULL DEFAULT 0,
    w10               BIGINT NOT NULL DEFAULT 0,
    w11               BIGINT NOT NULL DEFAULT 0,
    w12               BIGINT NOT NULL DEFAULT 0,
    w13               BIGINT NOT NULL DEFAULT 0,
    w14               BIGINT NOT NULL DEFAULT 0,
    w15               BIGINT NOT NULL DEFAULT 0,
    w16               BIGINT NOT NULL DEFAULT 0,
    w17               BIGINT NOT NULL DEFAULT 0,
    w18               BIGINT NOT NULL DEFAULT 0,
    resolved          BIGINT NOT NULL DEFAULT 0,
    connected         BIGINT NOT NULL DEFAULT 0,
    dev_laptop        BIGINT NOT NULL DEFAULT 0,
    dev_desktop       BIGINT NOT NULL DEFAULT 0,
    dev_tablet        BIGINT NOT NULL DEFAULT 0,
    dev_smartphone    BIGINT NOT NULL DEFAULT 0,
    dev_hotspot       BIGINT NOT NULL DEFAULT 0,
    dev_other         BIGINT NOT NULL DEFAULT 0,
    training_sessions BIGINT NOT NULL DEFAULT 0,
    trained           BIGINT NOT NULL DEFAULT 0,
    skill_pairs       BIGINT NOT NULL DEFAULT 0,
    skill_gain        BIGINT NOT NULL DEFAULT 0,
    c30_answered      BIGINT NOT NULL DEFAULT 0,
    c30_yes           BIGINT NOT NULL DEFAULT 0,
    c90_answered      BIGINT NOT NULL DEFAULT 0,
    c90_yes           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_stats_grain_period ON case_stats (grain, period);

CREATE TABLE race_stats (
    period            BIGINT NOT NULL,
    race_ethnicity    TEXT NOT NULL,
    requests          BIGINT NOT NULL DEFAULT 0,
    open_cases        BIGINT NOT NULL DEFAULT 0,
    unassigned        BIGINT NOT NULL DEFAULT 0,
    unmet             BIGINT NOT NULL DEFAULT 0,
    contacted         BIGINT NOT NULL DEFAULT 0,
    w00               BIGINT NOT NULL DEFAULT 0,
    w01               BIGINT NOT NULL DEFAULT 0,
    w02               BIGINT NOT NULL DEFAULT 0,
    w03               BIGINT NOT NULL DEFAULT 0,
    w04               BIGINT NOT NULL DEFAULT 0,
    w05               BIGINT NOT NULL DEFAULT 0,
    w06               BIGINT NOT NULL DEFAULT 0,
    w07               BIGINT NOT NULL DEFAULT 0,
    w08               BIGINT NOT NULL DEFAULT 0,
    w09               BIGINT NOT NULL DEFAULT 0,
    w10               BIGINT NOT NULL DEFAULT 0,
    w11               BIGINT NOT NULL DEFAULT 0,
    w12               BIGINT NOT NULL DEFAULT 0,
    w13               BIGINT NOT NULL DEFAULT 0,
    w14               BIGINT NOT NULL DEFAULT 0,
    w15               BIGINT NOT NULL DEFAULT 0,
    w16               BIGINT NOT NULL DEFAULT 0,
    w17               BIGINT NOT NULL DEFAULT 0,
    w18               BIGINT NOT NULL DEFAULT 0,
    resolved          BIGINT NOT NULL DEFAULT 0,
    connected         BIGINT NOT NULL DEFAULT 0,
    dev_laptop        BIGINT NOT NULL DEFAULT 0,
    dev_desktop       BIGINT NOT NULL DEFAULT 0,
    dev_tablet        BIGINT NOT NULL DEFAULT 0,
    dev_smartphone    BIGINT NOT NULL DEFAULT 0,
    dev_hotspot       BIGINT NOT NULL DEFAULT 0,
    dev_other         BIGINT NOT NULL DEFAULT 0,
    training_sessions BIGINT NOT NULL DEFAULT 0,
    trained           BIGINT NOT NULL DEFAULT 0,
    skill_pairs       BIGINT NOT NULL DEFAULT 0,
    skill_gain        BIGINT NOT NULL DEFAULT 0,
    c30_answered      BIGINT NOT NULL DEFAULT 0,
    c30_yes           BIGINT NOT NULL DEFAULT 0,
    c90_answered      BIGINT NOT NULL DEFAULT 0,
    c90_yes           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX race_stats_period ON race_stats (period);

-- Reading a stretch of days from `cases` itself (the current period, dirty ones, the days at either
-- end of a range) walks this index alone.
CREATE INDEX cases_stats ON cases
    (created_at, area_id, language, needs, status, navigator_id, first_contact_at, resolved_at);

-- A change to a case of a period that has ended marks that period. The current period is never
-- built (see above), so the requests and changes of today do not write here.
CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases
WHEN NEW.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
BEGIN
    INSERT INTO stats_periods (period, dirty) VALUES (NEW.created_at / 2419200, 1)
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER cases_stats_update AFTER UPDATE OF
    status, navigator_id, first_contact_at, resolved_at, area_id, language, needs, created_at
ON cases
WHEN OLD.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
BEGIN
    INSERT INTO stats_periods (period, dirty) VALUES (OLD.created_at / 2419200, 1)
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER cases_stats_delete AFTER DELETE ON cases
WHEN OLD.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
BEGIN
    INSERT INTO stats_periods (period, dirty) VALUES (OLD.created_at / 2419200, 1)
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER outcomes_stats_insert AFTER INSERT ON outcomes
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT c.created_at / 2419200, 1 FROM cases c
    WHERE c.id = NEW.case_id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER outcomes_stats_update AFTER UPDATE ON outcomes
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT c.created_at / 2419200, 1 FROM cases c
    WHERE c.id = NEW.case_id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER outcomes_stats_delete AFTER DELETE ON outcomes
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT c.created_at / 2419200, 1 FROM cases c
    WHERE c.id = OLD.case_id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER residents_stats_update AFTER UPDATE OF race_ethnicity ON residents
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT DISTINCT c.created_at / 2419200, 1 FROM cases c
    WHERE c.resident_id = NEW.id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

-- Where residents go for a program (optional), so the service-gap map can show program sites.
ALTER TABLE programs ADD COLUMN site_address TEXT;
ALTER TABLE programs ADD COLUMN site_lat DOUBLE PRECISION;
ALTER TABLE programs ADD COLUMN site_lon DOUBLE PRECISION;
