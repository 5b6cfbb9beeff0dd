-- Devices a program lends or gives (hotspots, laptops, tablets, Chromebooks), their loans and
-- their history (issue 18). Keep this file in step with migrations/postgres/0021_devices.sql.

-- One inventoried device. `kind`: hotspot, laptop, tablet, chromebook, other. `condition`:
-- new, good, fair, poor, broken. `status`: available, reserved, on_loan, given, in_repair, lost,
-- retired. A device moves out only by a conditional UPDATE from `available` (or `reserved`), in
-- the same transaction as its loan row, so two navigators pressing at once on two instances
-- lend it once; `loans_open` below is the database's own guard.
CREATE TABLE devices (
    id           INTEGER PRIMARY KEY,
    asset_tag    TEXT NOT NULL,
    kind         TEXT NOT NULL
        CHECK (kind IN ('hotspot', 'laptop', 'tablet', 'chromebook', 'other')),
    serial       TEXT NOT NULL DEFAULT '',
    program_id   BIGINT NOT NULL REFERENCES programs (id),
    site_id      BIGINT REFERENCES sites (id),
    condition    TEXT NOT NULL DEFAULT 'good'
        CHECK (condition IN ('new', 'good', 'fair', 'poor', 'broken')),
    status       TEXT NOT NULL DEFAULT 'available'
        CHECK (status IN ('available', 'reserved', 'on_loan', 'given', 'in_repair', 'lost',
                          'retired')),
    notes        TEXT NOT NULL DEFAULT '',
    -- Bumped by every change, so an edit made after someone else's is refused, not lost.
    version      BIGINT NOT NULL DEFAULT 1,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
-- Asset tags are unique whatever their case ("hs-0001" is "HS-0001").
CREATE UNIQUE INDEX devices_asset_tag ON devices (LOWER(asset_tag));
CREATE INDEX devices_program_status ON devices (program_id, status);
CREATE INDEX devices_site_status ON devices (site_id, status);
CREATE INDEX devices_status_kind ON devices (status, kind);

-- A device lent (`kind` loan, with a local due date) or given (`kind` gift) to a resident's case.
-- `case_id` becomes NULL when retention or erasure removes the resident: the loan stays as an
-- anonymous one, with the language and area copied at lending, so the figures do not change.
-- A loan ends when returned or lost (`ended_how`); a gift never ends.
CREATE TABLE loans (
    id                   INTEGER PRIMARY KEY,
    device_id            BIGINT NOT NULL REFERENCES devices (id),
    case_id              BIGINT REFERENCES cases (id),
    kind                 TEXT NOT NULL CHECK (kind IN ('loan', 'gift')),
    language             TEXT NOT NULL,
    area_id              BIGINT,
    lent_by_user_id      BIGINT REFERENCES users (id),
    lent_at              BIGINT NOT NULL,
    -- The day it is due back, in the city's time zone ('YYYY-MM-DD'); NULL for a gift.
    due_on               TEXT,
    extensions           BIGINT NOT NULL DEFAULT 0,
    ended_at             BIGINT,
    ended_how            TEXT CHECK (ended_how IN ('returned', 'lost')),
    return_condition     TEXT
        CHECK (return_condition IN ('new', 'good', 'fair', 'poor', 'broken')),
    -- When the text before the due date was queued; how many overdue texts went, the last when.
    reminded_due_at      BIGINT,
    overdue_texts        BIGINT NOT NULL DEFAULT 0,
    overdue_texted_at    BIGINT,
    -- The resident asked by text for more time, and the navigator has not answered yet.
    extension_asked_at   BIGINT,
    CHECK ((kind = 'gift') = (due_on IS NULL)),
    CHECK ((ended_at IS NULL) = (ended_how IS NULL))
);
CREATE UNIQUE INDEX loans_open ON loans (device_id) WHERE ended_at IS NULL;
CREATE INDEX loans_case ON loans (case_id);
CREATE INDEX loans_due ON loans (due_on) WHERE ended_at IS NULL AND kind = 'loan';

-- Everything that happened to a device, oldest first. No resident's name or phone: a loan is
-- named by its id.
CREATE TABLE device_events (
    id           INTEGER PRIMARY KEY,
    device_id    BIGINT NOT NULL REFERENCES devices (id),
    at           BIGINT NOT NULL,
    user_id      BIGINT REFERENCES users (id),
    action       TEXT NOT NULL,
    loan_id      BIGINT REFERENCES loans (id),
    from_status  TEXT,
    to_status    TEXT,
    detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX device_events_device ON device_events (device_id, at);
