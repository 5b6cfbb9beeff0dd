-- Working a case: follow-up dates, replies not yet read, outcomes, and who records a request
-- taken by phone or in person. Indexes for the audit log filtered by user or case.
-- Keep this file in step with migrations/sqlite/0004_casework.sql.

ALTER TABLE cases ADD COLUMN follow_up_at BIGINT;
-- The last text from the resident, and when their navigator last opened the case after it.
ALTER TABLE cases ADD COLUMN last_reply_at BIGINT;
ALTER TABLE cases ADD COLUMN reply_seen_at BIGINT;
-- The staff member who recorded a request taken by phone or in person.
ALTER TABLE cases ADD COLUMN recorded_by BIGINT REFERENCES users (id);

-- What the help achieved; one row per case, filled in as it becomes known.
CREATE TABLE outcomes (
    case_id             BIGINT PRIMARY KEY REFERENCES cases (id),
    connected_at_home   BIGINT,            -- 1 yes, 0 no, NULL not recorded
    plan                TEXT NOT NULL DEFAULT '',
    monthly_cost_cents  BIGINT,
    device_type         TEXT,              -- laptop, desktop, tablet, smartphone, hotspot, other
    training_sessions   BIGINT,
    skill_at_intake     BIGINT CHECK (skill_at_intake BETWEEN 1 AND 5),
    skill_at_close      BIGINT CHECK (skill_at_close BETWEEN 1 AND 5),
    connected_30_days   BIGINT,
    connected_90_days   BIGINT,
    updated_at          BIGINT NOT NULL
);

ALTER TABLE referrals ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX referrals_program_status ON referrals (program_id, status);

CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
CREATE INDEX audit_log_case_at ON audit_log (case_id, at);

-- Open cases, oldest first: the supervisor's default list and its count read only these.
-- A generated flag (not a partial index: SQLite's planner does not pick a partial index whose
-- condition is an IN list) keeps the query the same on both backends.
ALTER TABLE cases ADD COLUMN is_open BIGINT GENERATED ALWAYS AS
    (CASE WHEN status IN ('new', 'assigned', 'in_progress', 'waiting_on_resident', 'referred')
     THEN 1 ELSE 0 END) STORED;
-- With what the supervisor's filters read, so filtering and counting read the index alone.
CREATE INDEX cases_open_created ON cases
    (is_open, created_at, id, status, language, area_id, navigator_id, needs, resident_id);
CREATE INDEX cases_created ON cases (created_at, id);

-- Cases of one status, oldest first (the navigators' queue of new requests; a supervisor's
-- status filter), carrying what the queue filters on, so counting and filtering read the
-- index alone.
DROP INDEX cases_status_created;
CREATE INDEX cases_status_created ON cases
    (status, created_at, id, navigator_id, language, area_id, needs);
