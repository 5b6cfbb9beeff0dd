-- Staff sign-in: sessions and failed sign-ins, both in the database so that several app
-- instances share them. Timestamps are seconds since the Unix epoch.
-- Keep this file in step with migrations/postgres/0002_sessions.sql.

-- One row per signed-in browser. The id is the SHA-256 (hex) of the random token in the
-- browser's cookie, never the token itself, so a copy of this table signs no one in.
CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- Failed sign-ins, counted per account and per client address over a short window.
-- account_key is the SHA-256 (hex) of the lower-cased email as typed, so addresses people
-- mistype are not kept in clear.
CREATE TABLE login_failures (
    id           INTEGER PRIMARY KEY,
    account_key  TEXT NOT NULL,
    client_ip    TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account_key, created_at);
CREATE INDEX login_failures_ip ON login_failures (client_ip, created_at);
CREATE INDEX login_failures_created ON login_failures (created_at);
