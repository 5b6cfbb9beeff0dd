-- Programs name their site by `site_id` (migration 0018 copied each program's address and
-- point into `sites`), so the program's own site columns go: one place, one row. Sites gain a
-- version, so a supervisor's save made after someone else's is refused rather than lost.
-- Keep this file in step with migrations/postgres/0020_programs_at_sites.sql.

ALTER TABLE programs DROP COLUMN site_address;
ALTER TABLE programs DROP COLUMN site_lat;
ALTER TABLE programs DROP COLUMN site_lon;

ALTER TABLE sites ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
