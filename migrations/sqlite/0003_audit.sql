-- The audit log: who viewed or changed which resident's data, and when. Rows are only ever
-- added. A change writes its row in the same transaction as the change.
-- Keep this file in step with migrations/postgres/0003_audit.sql.

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    action       TEXT NOT NULL,
    case_id      BIGINT REFERENCES cases (id),
    resident_id  BIGINT REFERENCES residents (id),
    at           BIGINT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_resident_at ON audit_log (resident_id, at);
