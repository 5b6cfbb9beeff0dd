-- Sites with office hours, and appointments (issue 17). A site is a place where navigators
-- meet residents (HSDS `location` with `schedule`); a program's own site (its address and
-- point, migration 0010) becomes a row here, and the program names it by `site_id`.
-- Keep this file in step with migrations/postgres/0018_sites_appointments.sql.

-- What a resident needs to know about a place, and how long one appointment there lasts.
ALTER TABLE sites ADD COLUMN accessibility TEXT NOT NULL DEFAULT '';
-- Language codes on offer at the site, joined by commas (as `navigators.languages`).
ALTER TABLE sites ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN slot_minutes BIGINT NOT NULL DEFAULT 30
    CHECK (slot_minutes BETWEEN 10 AND 240);

ALTER TABLE programs ADD COLUMN site_id BIGINT REFERENCES sites (id);

-- Each program's site becomes a site, named after the program (and its organization when two
-- programs share a name); a site of that name that exists already is the same place.
INSERT INTO sites (name, address, lat, lon, active, created_at, updated_at)
SELECT CASE WHEN (SELECT COUNT(*) FROM programs q WHERE q.name = p.name) > 1
            THEN p.name || ' (' || p.organization || ')' ELSE p.name END,
       COALESCE(p.site_address, ''), p.site_lat, p.site_lon, 1,
       CAST(strftime('%s', 'now') AS INTEGER), CAST(strftime('%s', 'now') AS INTEGER)
FROM programs p
WHERE COALESCE(p.site_address, '') <> '' OR p.site_lat IS NOT NULL
ORDER BY p.id
ON CONFLICT (name) DO NOTHING;

UPDATE programs SET site_id = (
    SELECT s.id FROM sites s
    WHERE s.name = CASE WHEN (SELECT COUNT(*) FROM programs q WHERE q.name = programs.name) > 1
                        THEN programs.name || ' (' || programs.organization || ')'
                        ELSE programs.name END)
WHERE COALESCE(site_address, '') <> '' OR site_lat IS NOT NULL;

-- A navigator's weekly hours at a site, in the city's local time: `weekday` 1 (Monday) to 7
-- (Sunday), minutes from local midnight. A navigator's hours never overlap (checked when saved).
CREATE TABLE office_hours (
    id            INTEGER PRIMARY KEY,
    site_id       BIGINT NOT NULL REFERENCES sites (id),
    navigator_id  BIGINT NOT NULL REFERENCES navigators (id),
    weekday       BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute  BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    BIGINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (start_minute < end_minute)
);
CREATE INDEX office_hours_navigator ON office_hours (navigator_id, weekday);
CREATE INDEX office_hours_site ON office_hours (site_id, weekday);

-- Days a site is closed (`site_id` NULL: every site, a city holiday), as local dates.
CREATE TABLE site_closures (
    id       INTEGER PRIMARY KEY,
    site_id  BIGINT REFERENCES sites (id),
    day      TEXT NOT NULL,
    reason   TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX site_closures_day ON site_closures (COALESCE(site_id, 0), day);

-- One resident's appointment with a navigator at a site, in UTC seconds. `status`: booked,
-- confirmed, cancelled, attended, no_show; `booked_via`: web, text, staff. A navigator's slot
-- goes to one booking only (the partial unique index decides a race, on every instance).
CREATE TABLE appointments (
    id                      INTEGER PRIMARY KEY,
    case_id                 BIGINT NOT NULL REFERENCES cases (id),
    navigator_id            BIGINT NOT NULL REFERENCES navigators (id),
    site_id                 BIGINT NOT NULL REFERENCES sites (id),
    starts_at               BIGINT NOT NULL,
    ends_at                 BIGINT NOT NULL,
    status                  TEXT NOT NULL DEFAULT 'booked',
    booked_via              TEXT NOT NULL,
    created_at              BIGINT NOT NULL,
    updated_at              BIGINT NOT NULL,
    -- When the resident checked in at the site.
    arrived_at              BIGINT,
    -- When each reminder, and the text after a no-show, was queued.
    reminded_day_before_at  BIGINT,
    reminded_soon_at        BIGINT,
    no_show_texted_at       BIGINT,
    CHECK (starts_at < ends_at)
);
CREATE UNIQUE INDEX appointments_slot ON appointments (navigator_id, starts_at)
    WHERE status <> 'cancelled';
CREATE INDEX appointments_case ON appointments (case_id, starts_at);
CREATE INDEX appointments_site ON appointments (site_id, starts_at);
CREATE INDEX appointments_upcoming ON appointments (starts_at)
    WHERE status IN ('booked', 'confirmed');

-- Residents who came to a site without an appointment: each has a case (channel walk_in).
CREATE TABLE walk_ins (
    id               INTEGER PRIMARY KEY,
    site_id          BIGINT NOT NULL REFERENCES sites (id),
    case_id          BIGINT NOT NULL REFERENCES cases (id),
    arrived_at       BIGINT NOT NULL,
    seen_at          BIGINT,
    seen_by_user_id  BIGINT REFERENCES users (id)
);
CREATE INDEX walk_ins_site ON walk_ins (site_id, arrived_at);

-- Slots offered to a resident by text, in the order offered (their opaque values, joined by
-- spaces), so a reply "2" books the second.
CREATE TABLE slot_offers (
    id           INTEGER PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES cases (id),
    slots        TEXT NOT NULL,
    offered_at   BIGINT NOT NULL,
    answered_at  BIGINT
);
CREATE INDEX slot_offers_case ON slot_offers (case_id, offered_at);

-- A navigator's secret calendar link (`/calendar/{token}.ics`); NULL when none or revoked.
ALTER TABLE navigators ADD COLUMN calendar_token TEXT;
CREATE UNIQUE INDEX navigators_calendar_token ON navigators (calendar_token)
    WHERE calendar_token IS NOT NULL;
