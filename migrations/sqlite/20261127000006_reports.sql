-- Published reports are immutable (issue 6): a correction is a new version, so no row of
-- published_reports may ever change or go. The database refuses it, whoever asks.
CREATE TRIGGER published_reports_no_update BEFORE UPDATE ON published_reports
BEGIN
    SELECT RAISE(ABORT, 'published reports are immutable: publish a correction instead');
END;
CREATE TRIGGER published_reports_no_delete BEFORE DELETE ON published_reports
BEGIN
    SELECT RAISE(ABORT, 'published reports are immutable: publish a correction instead');
END;
CREATE INDEX published_reports_station_idx ON published_reports (station_id, month, version);

-- A month's case figures read one station's cases filed in that month (the index on
-- (station_id, created_at) exists already) and those resolved in it.
CREATE INDEX cases_station_resolved_idx ON cases (station_id, resolved_at);
