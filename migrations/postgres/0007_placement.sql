-- Where each resident is: ZIP centroids for the offline geocoder (`navdesk import-zips`),
-- which areas were generated (a hexagon grid) rather than imported, and each case's placement
-- (located after the request is stored, by a background worker; see src/areas/placement.rs).
-- Keep this file in step with migrations/sqlite/0007_placement.sql.

CREATE TABLE zip_centroids (
    zip  TEXT PRIMARY KEY,
    lat  DOUBLE PRECISION NOT NULL,
    lon  DOUBLE PRECISION NOT NULL
);

-- 1 for a cell of the hexagon grid made when no areas were imported; importing real areas
-- removes such cells (or, when cases refer to one, keeps it without its shape).
ALTER TABLE areas ADD COLUMN generated BIGINT NOT NULL DEFAULT 0;

-- placed_at: when the worker located the case (with or without a point). place_after: not
-- before this time (a claim's lease, or the back-off after a failed attempt).
ALTER TABLE cases ADD COLUMN placed_at BIGINT;
ALTER TABLE cases ADD COLUMN place_after BIGINT;
ALTER TABLE cases ADD COLUMN place_attempts BIGINT NOT NULL DEFAULT 0;

-- Requests stored before placement existed keep the area they had.
UPDATE cases SET placed_at = created_at;

CREATE INDEX cases_unplaced ON cases (place_after, id) WHERE placed_at IS NULL;
