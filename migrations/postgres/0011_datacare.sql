-- Data care: residents whose personal data was removed (by the retention job or on request),
-- and audit entries written by the system or a command rather than a signed-in staff member.
-- Keep this file in step with migrations/sqlite/0011_datacare.sql.

-- When the resident's personal data was removed (see src/datacare/mod.rs for what is kept).
ALTER TABLE residents ADD COLUMN erased_at BIGINT;

-- audit_log.user_id may now be NULL: `actor` then says who acted (the person a command
-- names with --requested-by, and the operating-system user who ran it; NULL: the system, such
-- as the retention job), and `residents_count` how many residents an entry is about (a
-- retention run).
ALTER TABLE audit_log ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE audit_log ADD COLUMN actor TEXT;
ALTER TABLE audit_log ADD COLUMN residents_count BIGINT;

-- Clearing a resident finds their texts by resident, and texts tied to no one by number.
CREATE INDEX sms_messages_resident ON sms_messages (resident_id);
CREATE INDEX sms_messages_unlinked_from ON sms_messages (from_number)
    WHERE case_id IS NULL AND resident_id IS NULL;
CREATE INDEX sms_messages_unlinked_to ON sms_messages (to_number)
    WHERE case_id IS NULL AND resident_id IS NULL;
