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
CREATE FUNCTION navdesk_mark_stats(created BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF created IS NOT NULL
       AND created < (floor(extract(epoch FROM now()))::bigint / 2419200) * 2419200 THEN
        INSERT INTO stats_periods (period, dirty) VALUES (created / 2419200, 1)
        ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
    END IF;
END
$$;

CREATE FUNCTION cases_mark_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM navdesk_mark_stats(NEW.created_at);
    ELSE
        PERFORM navdesk_mark_stats(OLD.created_at);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION outcomes_mark_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM navdesk_mark_stats(c.created_at) FROM cases c
    WHERE c.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
    RETURN NULL;
END
$$;

CREATE FUNCTION residents_mark_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM navdesk_mark_stats(p.created) FROM
        (SELECT DISTINCT (c.created_at / 2419200) * 2419200 AS created FROM cases c
         WHERE c.resident_id = NEW.id) p;
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_mark_stats();
CREATE TRIGGER cases_stats_update AFTER UPDATE OF
    status, navigator_id, first_contact_at, resolved_at, area_id, language, needs, created_at
    ON cases FOR EACH ROW EXECUTE FUNCTION cases_mark_stats();
CREATE TRIGGER cases_stats_delete AFTER DELETE ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_mark_stats();
CREATE TRIGGER outcomes_stats AFTER INSERT OR UPDATE OR DELETE ON outcomes
    FOR EACH ROW EXECUTE FUNCTION outcomes_mark_stats();
CREATE TRIGGER residents_stats_update AFTER UPDATE OF race_ethnicity ON residents
    FOR EACH ROW EXECUTE FUNCTION residents_mark_stats();

-- Where residents go for a program (optional), so the service-gap map can show program sites.
ALTER TABLE programs ADD COLUMN site_address TEXT;
ALTER TABLE programs ADD COLUMN site_lat DOUBLE PRECISION;
ALTER TABLE programs ADD COLUMN site_lon DOUBLE PRECISION;
