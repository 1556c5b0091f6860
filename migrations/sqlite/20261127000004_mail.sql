-- Email (issue 5). The first outbox table was never written to: it is replaced by one
-- that holds a resident's mail until their address is confirmed, keeps the message as
-- data (rendered when sent, with the configured public URL), leases rows by token so
-- two workers never send the same row, and de-duplicates scheduled mail by key.
DROP TABLE outbox;

-- A resident's address and their consent: mail goes out only after confirmed_at is
-- set by the confirmation link, and never after unsubscribed_at. The tokens only
-- confirm or stop mail to this address, so they are kept as they are, to reuse.
CREATE TABLE mail_addresses (
    id                  INTEGER PRIMARY KEY,
    address             TEXT NOT NULL,
    confirm_token       TEXT,
    confirmed_at        BIGINT,
    unsubscribe_token   TEXT NOT NULL,
    unsubscribed_at     BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    CONSTRAINT mail_addresses_address_key UNIQUE (address),
    CONSTRAINT mail_addresses_unsubscribe_key UNIQUE (unsubscribe_token)
);
CREATE INDEX mail_addresses_confirm_idx ON mail_addresses (confirm_token);

-- held: waiting for the resident to confirm their address; pending: to send;
-- sent; dead: gave up (an admin may retry); dropped: unsubscribed or never confirmed.
-- payload is the message as JSON; it is emptied once the message is sent or dropped.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    address_id       BIGINT REFERENCES mail_addresses (id),
    case_id          BIGINT REFERENCES cases (id),
    lang             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('held', 'pending', 'sent', 'dead', 'dropped')),
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    lease_token      TEXT,
    leased_until     BIGINT,
    last_error       TEXT,
    dedupe_key       TEXT,
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT,
    CONSTRAINT outbox_message_id_key UNIQUE (message_id),
    CONSTRAINT outbox_dedupe_key UNIQUE (dedupe_key)
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_address_idx ON outbox (address_id, status);
CREATE INDEX outbox_lease_idx ON outbox (lease_token);

-- Where a staff member's notifications go (assignments, deadlines, the daily digest).
ALTER TABLE staff_accounts ADD COLUMN email TEXT;
