-- The write check behind /readyz (issue 20): a row of about 8 KB is inserted and deleted
-- in one transaction, so a database that cannot grow (a full disk, a size cap) fails
-- the check as a submission would. Always empty between checks.
CREATE TABLE write_probe (
    id          BIGINT PRIMARY KEY,
    checked_at  BIGINT NOT NULL,
    padding     TEXT NOT NULL
);
