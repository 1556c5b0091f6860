-- The audit log only grows (issue 14, item 5): the database refuses to change or remove
-- an entry, whoever asks. Whoever can drop these triggers can rewrite the chain too; a
-- chain head kept outside the database is what shows that.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
