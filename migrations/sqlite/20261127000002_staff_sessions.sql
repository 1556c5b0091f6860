-- Staff sign-in sessions, shared by every instance. The cookie holds a random token; only
-- its SHA-256 is stored here, so a copy of the database opens no session.
CREATE TABLE staff_sessions (
    token_hash    TEXT PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    -- 1 once the TOTP code was given (or the account needs none yet).
    second_factor BIGINT NOT NULL DEFAULT 0 CHECK (second_factor IN (0, 1)),
    client        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX staff_sessions_account_idx ON staff_sessions (account_id);
