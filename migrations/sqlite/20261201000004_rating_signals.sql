-- Fraud signals and inspectors' exclusions (issue 13, item 6).
--
-- Where a rating came from, as a keyed hash of the client's address (an IPv6 client by
-- its /64): signals compare sources, nobody can read an address back. NULL before this.
ALTER TABLE ratings ADD COLUMN source TEXT;
-- Where a service code was issued from (the printing computer, the officer's phone).
ALTER TABLE service_codes ADD COLUMN issued_source TEXT;
-- The signals job reads ratings by time, a day at a time.
CREATE INDEX ratings_created_idx ON ratings (created_at);

-- A pattern the signals job found (app/src/signals): flagged, never deleted. `key` makes
-- a second run find the same signal instead of adding one.
CREATE TABLE rating_signals (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    signal_key   TEXT NOT NULL UNIQUE,
    -- Kind, station, officer and source: a burst that goes on joins the signal it grew
    -- from instead of starting another.
    group_key    TEXT NOT NULL,
    station_id   BIGINT NOT NULL REFERENCES stations (id),
    officer_id   BIGINT REFERENCES officers (id),
    month        TEXT NOT NULL,
    first_at     BIGINT NOT NULL,
    last_at      BIGINT NOT NULL,
    -- Figures behind the signal (codes issued and redeemed, rates), as JSON.
    detail       TEXT NOT NULL DEFAULT '{}',
    created_at   BIGINT NOT NULL,
    -- An inspector looked at it and decided (excluded its ratings, or left them).
    reviewed_by  BIGINT REFERENCES staff_accounts (id),
    reviewed_at  BIGINT,
    review_note  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rating_signals_open ON rating_signals (reviewed_at, created_at);
CREATE INDEX rating_signals_group ON rating_signals (group_key, last_at);

-- The ratings a signal is about.
CREATE TABLE rating_signal_members (
    signal_id  BIGINT NOT NULL REFERENCES rating_signals (id),
    rating_id  BIGINT NOT NULL REFERENCES ratings (id),
    PRIMARY KEY (signal_id, rating_id)
);

-- A rating an inspector took out of the published figures, why, and through which
-- signal; deleting the row restores it (both audited), until its month is published.
CREATE TABLE rating_exclusions (
    rating_id    BIGINT PRIMARY KEY REFERENCES ratings (id),
    signal_id    BIGINT NOT NULL REFERENCES rating_signals (id),
    reason       TEXT NOT NULL,
    note         TEXT NOT NULL,
    excluded_by  BIGINT NOT NULL REFERENCES staff_accounts (id),
    excluded_at  BIGINT NOT NULL
);
CREATE INDEX rating_exclusions_signal ON rating_exclusions (signal_id);

-- Where a job left off.
CREATE TABLE job_cursors (
    name      TEXT PRIMARY KEY,
    position  BIGINT NOT NULL
);

-- The rollups count an excluded rating under its reason ('' for none), so that no figure
-- reads it as counted: a new key column, and a new primary key (SQLite: a new table).
CREATE TABLE rating_rollups_new (
    month         TEXT NOT NULL,
    station_id    BIGINT NOT NULL,
    officer_id    BIGINT NOT NULL,
    channel       TEXT NOT NULL,
    verified      BIGINT NOT NULL,
    service_type  TEXT NOT NULL,
    level         BIGINT NOT NULL,
    excluded      TEXT NOT NULL DEFAULT '',
    ratings       BIGINT NOT NULL,
    PRIMARY KEY (month, station_id, officer_id, channel, verified, service_type, level, excluded)
);
INSERT INTO rating_rollups_new (month, station_id, officer_id, channel, verified, service_type, level, excluded, ratings)
SELECT month, station_id, officer_id, channel, verified, service_type, level, '', ratings FROM rating_rollups;
DROP TABLE rating_rollups;
ALTER TABLE rating_rollups_new RENAME TO rating_rollups;

CREATE TABLE rating_tag_rollups_new (
    month         TEXT NOT NULL,
    station_id    BIGINT NOT NULL,
    officer_id    BIGINT NOT NULL,
    channel       TEXT NOT NULL,
    verified      BIGINT NOT NULL,
    tag           TEXT NOT NULL,
    excluded      TEXT NOT NULL DEFAULT '',
    ratings       BIGINT NOT NULL,
    PRIMARY KEY (month, station_id, officer_id, channel, verified, tag, excluded)
);
INSERT INTO rating_tag_rollups_new (month, station_id, officer_id, channel, verified, tag, excluded, ratings)
SELECT month, station_id, officer_id, channel, verified, tag, '', ratings FROM rating_tag_rollups;
DROP TABLE rating_tag_rollups;
ALTER TABLE rating_tag_rollups_new RENAME TO rating_tag_rollups;
