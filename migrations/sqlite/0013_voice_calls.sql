-- Calls in progress on the phone line (src/voice): one row a call, keyed by the provider's
-- CallSid, so every step of a call may reach any app instance and a step the provider sends
-- again finds what the first one did. A call's row is deleted a day after its last step: the
-- case it filed keeps what a navigator needs.
-- Keep this file in step with migrations/postgres/0013_voice_calls.sql.
CREATE TABLE voice_calls (
    call_sid      TEXT PRIMARY KEY,
    from_number   TEXT NOT NULL,
    -- Chosen on the language menu, then the needs menu; NULL until then.
    language      TEXT,
    need          TEXT,
    -- Answers not on the menu at the current step, so a caller is not asked forever.
    misses        BIGINT NOT NULL DEFAULT 0,
    -- The callback request this call filed; set once, in the transaction that files it.
    case_id       BIGINT REFERENCES cases (id),
    -- The voice message put on the case's timeline (its RecordingSid, else its URL); set once.
    recording     TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX voice_calls_updated ON voice_calls (updated_at);
