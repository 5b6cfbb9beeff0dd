-- The time and place of each contact with a resident (issue 16): how many minutes it took and
-- where it happened, so reports can give the minutes per resident served. Sites are the places
-- where navigators meet residents (libraries, recreation centers); issue 17 adds their office
-- hours and moves programs' own site columns (migration 0010) into this table.
-- Keep this file in step with migrations/postgres/0016_contacts.sql.

CREATE TABLE sites (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    address     TEXT NOT NULL DEFAULT '',
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    area_id     BIGINT REFERENCES areas (id),
    active      BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- One row per contact, written with the timeline event that shows it. `place` is phone, text,
-- email, video, home_visit or site (then `site_id` names it); in_person only for contacts
-- logged before places had sites. `minutes` is NULL for contacts logged before this migration
-- (and by clients that send only the old `channel`): unknown, never zero.
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES cases (id),
    user_id       BIGINT REFERENCES users (id),
    at            BIGINT NOT NULL,
    place         TEXT NOT NULL,
    site_id       BIGINT REFERENCES sites (id),
    minutes       BIGINT CHECK (minutes BETWEEN 1 AND 480),
    CHECK ((place = 'site') = (site_id IS NOT NULL))
);
CREATE INDEX contacts_case ON contacts (case_id, at);
CREATE INDEX contacts_site ON contacts (site_id, at) WHERE site_id IS NOT NULL;

-- A case's contacts summed, one row per case with any: what the reports' stored sums read
-- (joined like `outcomes`), so a report never reads the contacts themselves.
CREATE TABLE contact_totals (
    case_id   BIGINT PRIMARY KEY REFERENCES cases (id),
    contacts  BIGINT NOT NULL DEFAULT 0,
    untimed   BIGINT NOT NULL DEFAULT 0,   -- contacts whose minutes are unknown
    minutes   BIGINT NOT NULL DEFAULT 0    -- of the contacts whose minutes are known
);

-- Contacts logged before this migration, from their timeline events, with minutes unknown.
INSERT INTO contacts (case_id, user_id, at, place)
SELECT e.case_id, e.actor_user_id, e.created_at, COALESCE(json_extract(e.data, '$.channel'), 'phone')
FROM case_events e WHERE e.kind = 'contact' ORDER BY e.id;
INSERT INTO contact_totals (case_id, contacts, untimed, minutes)
SELECT case_id, COUNT(*), COUNT(*), 0 FROM contacts GROUP BY case_id;

ALTER TABLE case_stats ADD COLUMN served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE race_stats ADD COLUMN served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_stats ADD COLUMN served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE case_stats ADD COLUMN minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE race_stats ADD COLUMN minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_stats ADD COLUMN minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE case_stats ADD COLUMN timed_served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE race_stats ADD COLUMN timed_served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_stats ADD COLUMN timed_served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE case_stats ADD COLUMN timed_minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE race_stats ADD COLUMN timed_minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_stats ADD COLUMN timed_minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE case_stats ADD COLUMN untimed_served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE race_stats ADD COLUMN untimed_served BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_stats ADD COLUMN untimed_served BIGINT NOT NULL DEFAULT 0;

-- A change to a case's contacts marks its period, as one to its outcome does (migration 0010).
CREATE TRIGGER contact_totals_stats_insert AFTER INSERT ON contact_totals
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT c.created_at / 2419200, 1 FROM cases c
    WHERE c.id = NEW.case_id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER contact_totals_stats_update AFTER UPDATE ON contact_totals
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT c.created_at / 2419200, 1 FROM cases c
    WHERE c.id = NEW.case_id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

CREATE TRIGGER contact_totals_stats_delete AFTER DELETE ON contact_totals
BEGIN
    INSERT INTO stats_periods (period, dirty)
    SELECT c.created_at / 2419200, 1 FROM cases c
    WHERE c.id = OLD.case_id
      AND c.created_at < (CAST(strftime('%s', 'now') AS INTEGER) / 2419200) * 2419200
    ON CONFLICT (period) DO UPDATE SET dirty = stats_periods.dirty + 1;
END;

-- Periods built before these sums existed have them as zero: they are read from `cases` until
-- they are built again.
UPDATE stats_periods SET dirty = dirty + 1;
