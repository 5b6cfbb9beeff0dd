-- Staff administration: one-time invite links, an audit trail for changes to staff accounts,
-- navigator profiles and resource programs, and version counters that guard those edits
-- against two people saving at once. Timestamps are seconds since the Unix epoch.
-- Keep this file in step with migrations/postgres/0005_invites.sql.

-- One row per invite link. The id is the SHA-256 (hex) of the random token in the link,
-- never the token itself, so a copy of this table lets no one set a password.
CREATE TABLE invites (
    id          TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by  BIGINT REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX invites_user ON invites (user_id);

-- Changes that concern a staff member (an account, a navigator profile) or a program rather
-- than a case: case_id stays NULL and one of these names what changed.
ALTER TABLE audit_log ADD COLUMN target_user_id BIGINT REFERENCES users (id);
ALTER TABLE audit_log ADD COLUMN program_id BIGINT REFERENCES programs (id);

ALTER TABLE navigators ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE programs ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
