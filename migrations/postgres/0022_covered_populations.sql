-- Funder figures for the covered populations digital equity programs report on (issue 19):
-- two optional questions on the request form and the staff intake, whether an area is rural,
-- and the stored sums of an ended period (see migration 0010) per combination of populations.
-- Keep this file in step with migrations/sqlite/0022_covered_populations.sql.

-- Answers to "are you a veteran?" and "do you have a disability?": yes, no or prefer_not;
-- NULL when not asked or not answered.
ALTER TABLE residents ADD COLUMN veteran TEXT CHECK (veteran IN ('yes', 'no', 'prefer_not'));
ALTER TABLE residents ADD COLUMN disability TEXT CHECK (disability IN ('yes', 'no', 'prefer_not'));

-- An area counted as rural in the funders' figures: set by supervisors on /areas, or read from
-- an optional `rural` property by `navdesk import-areas`.
ALTER TABLE areas ADD COLUMN rural BIGINT NOT NULL DEFAULT 0;

-- The stored sums per combination of covered populations a request's resident belongs to:
-- `populations` is a set of bits (see `maps::stats::populations`), so a period holds at most
-- 128 rows and the report adds each row to every population it names.
CREATE TABLE population_stats (
    period            BIGINT NOT NULL,
    populations       BIGINT NOT NULL,
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
    c90_yes           BIGINT NOT NULL DEFAULT 0,
    served            BIGINT NOT NULL DEFAULT 0,
    minutes           BIGINT NOT NULL DEFAULT 0,
    timed_served      BIGINT NOT NULL DEFAULT 0,
    timed_minutes     BIGINT NOT NULL DEFAULT 0,
    untimed_served    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX population_stats_period ON population_stats (period);

-- A change to what places a resident in a population marks the periods of their requests (the
-- race/ethnicity answer already does, migration 0010; language and area are the case's own).
CREATE TRIGGER residents_populations_update AFTER UPDATE OF
    veteran, disability, household_size, monthly_income, age_band, accessibility
    ON residents FOR EACH ROW EXECUTE FUNCTION residents_mark_stats();

-- An area made rural or not marks the periods with requests from it.
CREATE FUNCTION areas_mark_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stats_periods SET dirty = dirty + 1
    WHERE period IN (SELECT DISTINCT c.created_at / 2419200 FROM cases c WHERE c.area_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER areas_rural_update AFTER UPDATE OF rural ON areas
    FOR EACH ROW WHEN (OLD.rural IS DISTINCT FROM NEW.rural)
    EXECUTE FUNCTION areas_mark_stats();

-- Who is at or below 150% of the poverty guideline is measured against the newest guidelines:
-- a change to them marks every period.
CREATE FUNCTION guidelines_mark_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stats_periods SET dirty = dirty + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER poverty_guidelines_stats AFTER INSERT OR UPDATE OR DELETE ON poverty_guidelines
    FOR EACH STATEMENT EXECUTE FUNCTION guidelines_mark_stats();

-- Periods built before this table existed have no rows in it: they are read from `cases` until
-- they are built again.
UPDATE stats_periods SET dirty = dirty + 1;
