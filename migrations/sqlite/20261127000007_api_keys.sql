-- Keys for Open311 clients that file requests (issue 6). Only the key's SHA-256 is kept;
-- a revoked key stays listed.
CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT,
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);
