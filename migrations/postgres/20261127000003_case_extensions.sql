-- An officer's pending extension request (working days and reason), until the leader
-- approves or refuses it; both are kept in the case's timeline.
ALTER TABLE cases ADD COLUMN extension_days BIGINT;
ALTER TABLE cases ADD COLUMN extension_reason TEXT;
CREATE INDEX cases_station_created_idx ON cases (station_id, created_at);
