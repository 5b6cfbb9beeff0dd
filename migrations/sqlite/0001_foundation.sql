-- The foundation schema. Timestamps are seconds since the Unix epoch (BIGINT) on both backends;
-- lists of codes (languages, benefits, ...) are comma-separated text in a fixed order.
-- Keep this file in step with migrations/postgres/0001_foundation.sql.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE areas (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL UNIQUE,
    external_id             TEXT,
    geometry                TEXT,             -- GeoJSON geometry, WGS84
    centroid_lat            DOUBLE PRECISION,
    centroid_lon            DOUBLE PRECISION,
    households              BIGINT,
    households_no_internet  BIGINT
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT,
    role           TEXT NOT NULL CHECK (role IN ('navigator', 'supervisor', 'admin')),
    language       TEXT NOT NULL DEFAULT 'en',
    disabled       BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);

CREATE TABLE navigators (
    id                INTEGER PRIMARY KEY,
    user_id           BIGINT NOT NULL UNIQUE REFERENCES users (id),
    languages         TEXT NOT NULL,
    skills            TEXT NOT NULL,
    home_lat          DOUBLE PRECISION,
    home_lon          DOUBLE PRECISION,
    travel_radius_km  DOUBLE PRECISION,
    capacity          BIGINT NOT NULL DEFAULT 20,
    active            BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE navigator_areas (
    navigator_id  BIGINT NOT NULL REFERENCES navigators (id),
    area_id       BIGINT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (navigator_id, area_id)
);

CREATE TABLE residents (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    phone                 TEXT,             -- E.164
    email                 TEXT,
    language              TEXT NOT NULL,
    contact_method        TEXT NOT NULL CHECK (contact_method IN ('sms', 'call', 'email')),
    sms_consent_at        BIGINT,
    sms_consent_source    TEXT,
    sms_consent_language  TEXT,
    sms_opted_out_at      BIGINT,
    address               TEXT,
    zip                   TEXT,
    area_id               BIGINT REFERENCES areas (id),
    lat                   DOUBLE PRECISION,
    lon                   DOUBLE PRECISION,
    household_size        BIGINT,
    monthly_income        BIGINT,
    benefits              TEXT NOT NULL DEFAULT '',
    age_band              TEXT,
    race_ethnicity        TEXT NOT NULL DEFAULT '',
    accessibility         TEXT NOT NULL DEFAULT '',
    created_at            BIGINT NOT NULL
);
CREATE INDEX residents_phone ON residents (phone);

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    ref_code          TEXT NOT NULL UNIQUE,
    resident_id       BIGINT NOT NULL REFERENCES residents (id),
    needs             TEXT NOT NULL,
    details           TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'new' CHECK (status IN
                        ('new', 'assigned', 'in_progress', 'waiting_on_resident', 'referred', 'resolved', 'closed')),
    close_reason      TEXT,
    navigator_id      BIGINT REFERENCES navigators (id),
    channel           TEXT NOT NULL CHECK (channel IN ('web', 'phone', 'walk_in', 'sms')),
    language          TEXT NOT NULL,
    area_id           BIGINT REFERENCES areas (id),
    version           BIGINT NOT NULL DEFAULT 1,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    first_contact_at  BIGINT,
    resolved_at       BIGINT,
    closed_at         BIGINT
);
CREATE INDEX cases_status_created ON cases (status, created_at);
CREATE INDEX cases_navigator_status ON cases (navigator_id, status);
CREATE INDEX cases_area_created ON cases (area_id, created_at);
CREATE INDEX cases_resident ON cases (resident_id);

-- The case timeline: rows are only ever added.
CREATE TABLE case_events (
    id             INTEGER PRIMARY KEY,
    case_id        BIGINT NOT NULL REFERENCES cases (id),
    kind           TEXT NOT NULL,
    actor_user_id  BIGINT REFERENCES users (id),
    body           TEXT NOT NULL DEFAULT '',
    data           TEXT NOT NULL DEFAULT '{}',
    created_at     BIGINT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE programs (
    id                   INTEGER PRIMARY KEY,
    organization         TEXT NOT NULL,
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    categories           TEXT NOT NULL,     -- internet_plan, device, training
    max_income_pct_fpg   BIGINT,            -- eligible at or under this % of the poverty guideline
    qualifying_benefits  TEXT NOT NULL DEFAULT '',
    min_age              BIGINT,
    languages            TEXT NOT NULL DEFAULT 'en',
    cost                 TEXT NOT NULL DEFAULT '',
    url                  TEXT,
    phone                TEXT,
    application_process  TEXT NOT NULL DEFAULT '',
    capacity_available   BIGINT,            -- NULL: not limited
    status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    last_verified_at     BIGINT,
    UNIQUE (organization, name)
);

CREATE TABLE program_areas (
    program_id  BIGINT NOT NULL REFERENCES programs (id),
    area_id     BIGINT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (program_id, area_id)
);

CREATE TABLE referrals (
    id          INTEGER PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES cases (id),
    program_id  BIGINT NOT NULL REFERENCES programs (id),
    status      TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'referred', 'applied',
                  'approved', 'denied', 'enrolled', 'no_capacity', 'not_eligible', 'withdrawn')),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (case_id, program_id)
);
