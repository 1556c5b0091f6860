-- Monthly rating counts (issue 6), added to in the transaction of each rating so that a
-- month's report reads these rows and never the ratings. month is YYYY-MM in China
-- Standard Time; officer_id 0 is the station itself (a key column cannot be NULL).
CREATE TABLE rating_rollups (
    month         TEXT NOT NULL,
    station_id    BIGINT NOT NULL,
    officer_id    BIGINT NOT NULL,
    channel       TEXT NOT NULL,
    verified      BIGINT NOT NULL,
    service_type  TEXT NOT NULL,
    level         BIGINT NOT NULL,
    ratings       BIGINT NOT NULL,
    PRIMARY KEY (month, station_id, officer_id, channel, verified, service_type, level)
);

CREATE TABLE rating_tag_rollups (
    month         TEXT NOT NULL,
    station_id    BIGINT NOT NULL,
    officer_id    BIGINT NOT NULL,
    channel       TEXT NOT NULL,
    verified      BIGINT NOT NULL,
    tag           TEXT NOT NULL,
    ratings       BIGINT NOT NULL,
    PRIMARY KEY (month, station_id, officer_id, channel, verified, tag)
);
