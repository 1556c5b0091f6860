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
-- INSERT OR REPLACE removes the row it replaces without firing delete triggers (unless
-- recursive triggers are on): an insert may not take an entry's id.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
