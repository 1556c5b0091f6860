-- A counter tablet (窗口终端) is a station role held by a device's account.
ALTER TABLE staff_roles DROP CONSTRAINT staff_roles_role_check;
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check
    CHECK (role IN ('officer', 'clerk', 'leader', 'inspector', 'admin', 'intake', 'window'));

-- The daily cap of the codes one account shows (a counter tablet's have no officer).
CREATE INDEX service_codes_issuer_created ON service_codes (issued_by, created_at);
