-- Text messages, both ways, and the outbox they are sent from. Every text is a row before it
-- is sent: a worker claims due rows (status 'scheduled', next_attempt_at passed, or 'sending'
-- with its lease run out), sends, and records the provider's answer. The idempotency key is
-- unique, so asking twice for the same text stores it once, and it goes to the provider with
-- each attempt so a send that succeeded unrecorded is not repeated.
-- Keep this file in step with migrations/postgres/0009_sms_outbox.sql.

CREATE TABLE sms_messages (
    id               INTEGER PRIMARY KEY,
    direction        TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    case_id          BIGINT REFERENCES cases (id),
    resident_id      BIGINT REFERENCES residents (id),
    to_number        TEXT NOT NULL,
    from_number      TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'queued', 'sent',
                         'delivered', 'undelivered', 'failed', 'cancelled', 'received')),
    -- An answer to something the resident just did: sent at once, quiet hours or not.
    immediate        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    -- The last claim ran out while its worker was sending: ask the provider before sending again.
    in_doubt         BIGINT NOT NULL DEFAULT 0,
    lease_until      BIGINT,
    claimed_by       TEXT,
    idempotency_key  TEXT NOT NULL UNIQUE,
    provider_sid     TEXT UNIQUE,
    error_code       BIGINT,
    error_message    TEXT,
    created_by       BIGINT REFERENCES users (id),
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    sent_at          BIGINT
);
-- What the worker claims next; the texts of a case, newest last.
CREATE INDEX sms_messages_due ON sms_messages (status, next_attempt_at);
CREATE INDEX sms_messages_case ON sms_messages (case_id, id);

-- When each sender may next send (milliseconds): the rate limit shared by every app instance.
CREATE TABLE sms_senders (
    sender        TEXT PRIMARY KEY,
    next_free_ms  BIGINT NOT NULL
);

-- Numbers that said STOP (or that the carrier reports as unsubscribed), until they say START.
-- Kept by number, not by resident: a later request from the same phone does not undo a STOP.
CREATE TABLE sms_opt_outs (
    phone         TEXT PRIMARY KEY,
    opted_out_at  BIGINT NOT NULL,
    source        TEXT NOT NULL,
    language      TEXT
);

-- Follow-up texts: how the resident rated the help (1-5, from the text at close); the cases
-- resolved or closed lately, and the referrals waiting for an answer, found by index.
ALTER TABLE outcomes ADD COLUMN satisfaction BIGINT CHECK (satisfaction BETWEEN 1 AND 5);
CREATE INDEX cases_resolved_at ON cases (resolved_at);
CREATE INDEX cases_closed_at ON cases (closed_at);
CREATE INDEX referrals_status_updated ON referrals (status, updated_at);
