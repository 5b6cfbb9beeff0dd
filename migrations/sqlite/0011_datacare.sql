-- Data care: residents whose personal data was removed (by the retention job or on request),
-- and audit entries written by the system or a command rather than a signed-in staff member.
-- Keep this file in step with migrations/postgres/0011_datacare.sql.

-- When the resident's personal data was removed (see src/datacare/mod.rs for what is kept).
ALTER TABLE residents ADD COLUMN erased_at BIGINT;

-- audit_log.user_id may now be NULL: `actor` then says who acted (the person a command
-- names with --requested-by, and the operating-system user who ran it; NULL: the system, such
-- as the retention job), and `residents_count` how many residents an entry is about (a
-- retention run). SQLite cannot drop a NOT NULL constraint, so the table is rebuilt with the
-- same rows, ids and indexes.
CREATE TABLE audit_log_new (
    id              INTEGER PRIMARY KEY,
    user_id         BIGINT REFERENCES users (id),
    action          TEXT NOT NULL,
    case_id         BIGINT REFERENCES cases (id),
    resident_id     BIGINT REFERENCES residents (id),
    at              BIGINT NOT NULL,
    target_user_id  BIGINT REFERENCES users (id),
    program_id      BIGINT REFERENCES programs (id),
    actor           TEXT,
    residents_count BIGINT
);
INSERT INTO audit_log_new (id, user_id, action, case_id, resident_id, at, target_user_id, program_id)
SELECT id, user_id, action, case_id, resident_id, at, target_user_id, program_id FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_resident_at ON audit_log (resident_id, at);
CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
CREATE INDEX audit_log_case_at ON audit_log (case_id, at);

-- Clearing a resident finds their texts by resident, and texts tied to no one by number.
CREATE INDEX sms_messages_resident ON sms_messages (resident_id);
CREATE INDEX sms_messages_unlinked_from ON sms_messages (from_number)
    WHERE case_id IS NULL AND resident_id IS NULL;
CREATE INDEX sms_messages_unlinked_to ON sms_messages (to_number)
    WHERE case_id IS NULL AND resident_id IS NULL;
