-- The stored sums gain a fourth grain: `case_stats` rows with `grain` 3 hold the sums per
-- combination of needs alone (`area_id` NULL, `language` empty), so the report's lines by need
-- read a few dozen rows a period rather than every area × language × needs.
-- Periods built before have no such rows: they are read from `cases` until they are built again.
UPDATE stats_periods SET dirty = dirty + 1;
