-- A counter tablet (窗口终端) is a station role held by a device's account. SQLite cannot
-- change a CHECK: the table is rebuilt, as for bureau intake.
CREATE TABLE staff_roles_new (
    id          INTEGER PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('officer', 'clerk', 'leader', 'inspector', 'admin', 'intake', 'window')),
    station_id  BIGINT REFERENCES stations (id),
    created_at  BIGINT NOT NULL,
    CHECK ((role IN ('inspector', 'admin', 'intake')) = (station_id IS NULL))
);
INSERT INTO staff_roles_new (id, account_id, role, station_id, created_at)
    SELECT id, account_id, role, station_id, created_at FROM staff_roles;
DROP TABLE staff_roles;
ALTER TABLE staff_roles_new RENAME TO staff_roles;
CREATE UNIQUE INDEX staff_roles_unique_idx ON staff_roles (account_id, role, COALESCE(station_id, 0));

-- The daily cap of the codes one account shows (a counter tablet's have no officer).
CREATE INDEX service_codes_issuer_created ON service_codes (issued_by, created_at);
