-- Honest figures (issue 13).
--
-- A commendation names its officer in public only with the resident's consent, asked on
-- the form; those filed before the question existed were never asked and stay internal.
ALTER TABLE cases ADD COLUMN publish_consent BIGINT NOT NULL DEFAULT 0 CHECK (publish_consent IN (0, 1));

-- 差评整改率 counts what the review found: review_dealt's item becomes
-- '{finding}:{outcome}' (finding 'none' for reviews closed before findings were
-- required), recounted here as `opendoor rollups rebuild` does.
DELETE FROM case_rollups WHERE measure = 'review_dealt';
INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT strftime('%Y-%m', c.created_at / 1000 + 28800, 'unixepoch'), c.station_id, 'review_dealt',
       COALESCE(c.finding, 'none') || ':' || c.outcome, COUNT(*)
FROM cases c
WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.kind = 'rating_review' AND c.outcome IS NOT NULL
GROUP BY 1, 2, 4;

-- Codes shown on an officer's phone, one per service (app/src/ratings/show_code.rs):
-- channel is the channel of the rating the code makes ('visit' for a household visit,
-- counted apart), issued_by the staff account that showed it.
ALTER TABLE service_codes ADD COLUMN channel TEXT NOT NULL DEFAULT 'service_code'
    CHECK (channel IN ('service_code', 'visit'));
ALTER TABLE service_codes ADD COLUMN issued_by BIGINT REFERENCES staff_accounts (id);
-- Unused printed slips for a community visit are visit codes from now on; the ratings
-- such slips already made stay as they were counted.
UPDATE service_codes SET channel = 'visit' WHERE service_type = 'community_visit' AND redeemed_at IS NULL;

-- A month's codes per station (issued, redeemed) for its report.
CREATE INDEX service_codes_station_created ON service_codes (station_id, created_at);
-- The same per officer, for their own figures.
CREATE INDEX service_codes_officer_created ON service_codes (officer_id, created_at);
