-- OpenDoor core schema (SQLite). Timestamps are Unix milliseconds (UTC) in BIGINT
-- columns, calendar dates are 'YYYY-MM-DD' text and flags are 0/1 BIGINTs: both backends
-- store them alike, and sqlx's Any driver decodes them alike (it has no SQLite booleans).

CREATE TABLE bureau (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE stations (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    address_zh  TEXT NOT NULL DEFAULT '',
    address_en  TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    active      BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  BIGINT NOT NULL,
    CONSTRAINT stations_slug_key UNIQUE (slug)
);

CREATE TABLE offices (
    id          INTEGER PRIMARY KEY,
    station_id  BIGINT NOT NULL REFERENCES stations (id),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    area_zh     TEXT NOT NULL DEFAULT '',
    area_en     TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    CONSTRAINT offices_station_name_key UNIQUE (station_id, name_zh)
);

CREATE TABLE officers (
    id          INTEGER PRIMARY KEY,
    badge       TEXT NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    station_id  BIGINT NOT NULL REFERENCES stations (id),
    office_id   BIGINT REFERENCES offices (id),
    duty        TEXT NOT NULL CHECK (duty IN ('window', 'community', 'patrol')),
    active      BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  BIGINT NOT NULL,
    CONSTRAINT officers_badge_key UNIQUE (badge)
);
CREATE INDEX officers_station_idx ON officers (station_id);

CREATE TABLE staff_accounts (
    id               INTEGER PRIMARY KEY,
    username         TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    officer_id       BIGINT REFERENCES officers (id),
    totp_secret      TEXT,
    totp_enabled     BIGINT NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    disabled         BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts  BIGINT NOT NULL DEFAULT 0,
    locked_until     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CONSTRAINT staff_accounts_username_key UNIQUE (username)
);

-- A role is held at a station (officer, clerk, leader) or bureau-wide (inspector, admin:
-- station_id NULL).
CREATE TABLE staff_roles (
    id          INTEGER PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('officer', 'clerk', 'leader', 'inspector', 'admin')),
    station_id  BIGINT REFERENCES stations (id),
    created_at  BIGINT NOT NULL,
    CHECK ((role IN ('inspector', 'admin')) = (station_id IS NULL))
);
CREATE UNIQUE INDEX staff_roles_unique_idx ON staff_roles (account_id, role, COALESCE(station_id, 0));

-- Working-day calendar: days off that fall on weekdays and make-up workdays (调休) that
-- fall on weekends. Any other weekday is a workday.
CREATE TABLE holidays (
    day     TEXT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name_zh TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT ''
);

-- Working-day deadlines per case kind; admins may change them.
CREATE TABLE deadline_rules (
    kind          TEXT PRIMARY KEY,
    ack_days      BIGINT NOT NULL,
    resolve_days  BIGINT NOT NULL
);
INSERT INTO deadline_rules (kind, ack_days, resolve_days) VALUES
    ('question', 1, 3), ('help', 1, 5), ('suggestion', 1, 15), ('complaint', 1, 15),
    ('rating_review', 1, 15), ('commendation', 1, 15), ('tip', 1, 15);

CREATE TABLE service_codes (
    id           INTEGER PRIMARY KEY,
    code_hash    TEXT NOT NULL,
    station_id   BIGINT NOT NULL REFERENCES stations (id),
    officer_id   BIGINT REFERENCES officers (id),
    service_type TEXT NOT NULL,
    batch        TEXT,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    redeemed_at  BIGINT,
    CONSTRAINT service_codes_code_hash_key UNIQUE (code_hash)
);

CREATE TABLE ratings (
    id               INTEGER PRIMARY KEY,
    station_id       BIGINT NOT NULL REFERENCES stations (id),
    officer_id       BIGINT REFERENCES officers (id),
    level            BIGINT NOT NULL CHECK (level BETWEEN 1 AND 5),
    service_type     TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('officer_qr', 'station_qr', 'service_code', 'visit')),
    verified         BIGINT NOT NULL CHECK (verified IN (0, 1)),
    service_code_id  BIGINT REFERENCES service_codes (id),
    comment          TEXT NOT NULL DEFAULT '',
    contact          TEXT,
    lang             TEXT NOT NULL DEFAULT 'zh',
    idempotency_key  TEXT,
    created_at       BIGINT NOT NULL,
    CONSTRAINT ratings_service_code_key UNIQUE (service_code_id),
    CONSTRAINT ratings_idempotency_key UNIQUE (idempotency_key)
);
CREATE INDEX ratings_station_created_idx ON ratings (station_id, created_at);
CREATE INDEX ratings_officer_created_idx ON ratings (officer_id, created_at);

-- Tags are either problems (门难进 …) or praise (attitude …), one row each.
CREATE TABLE rating_tags (
    rating_id  BIGINT NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (rating_id, tag)
);

CREATE TABLE reference_counters (
    year  BIGINT PRIMARY KEY,
    last  BIGINT NOT NULL
);

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    reference            TEXT NOT NULL,
    access_code_hash     TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('help', 'complaint', 'suggestion', 'question', 'commendation', 'tip', 'rating_review')),
    status               TEXT NOT NULL,
    station_id           BIGINT REFERENCES stations (id),
    office_id            BIGINT REFERENCES offices (id),
    named_officer_id     BIGINT REFERENCES officers (id),
    assignee_account_id  BIGINT REFERENCES staff_accounts (id),
    rating_id            BIGINT REFERENCES ratings (id),
    merged_into_id       BIGINT REFERENCES cases (id),
    subject              TEXT NOT NULL,
    description          TEXT NOT NULL,
    place                TEXT NOT NULL DEFAULT '',
    contact_name         TEXT,
    contact_phone        TEXT,
    contact_email        TEXT,
    anonymous            BIGINT NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1)),
    lang                 TEXT NOT NULL DEFAULT 'zh',
    hidden               BIGINT NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    ack_due_on           TEXT NOT NULL,
    due_on               TEXT NOT NULL,
    overdue              BIGINT NOT NULL DEFAULT 0 CHECK (overdue IN (0, 1)),
    escalation_level     BIGINT NOT NULL DEFAULT 0,
    reopen_count         BIGINT NOT NULL DEFAULT 0,
    outcome              TEXT,
    outcome_summary      TEXT,
    referral_department  TEXT,
    referral_contact     TEXT,
    satisfaction         TEXT,
    idempotency_key      TEXT,
    first_answer_at      BIGINT,
    resolved_at          BIGINT,
    closed_at            BIGINT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    CONSTRAINT cases_reference_key UNIQUE (reference),
    CONSTRAINT cases_idempotency_key UNIQUE (idempotency_key)
);
CREATE INDEX cases_station_status_idx ON cases (station_id, status);
CREATE INDEX cases_assignee_due_idx ON cases (assignee_account_id, due_on);

CREATE TABLE case_events (
    id                INTEGER PRIMARY KEY,
    case_id           BIGINT NOT NULL REFERENCES cases (id),
    at                BIGINT NOT NULL,
    actor_kind        TEXT NOT NULL CHECK (actor_kind IN ('resident', 'staff', 'system')),
    actor_account_id  BIGINT REFERENCES staff_accounts (id),
    event_type        TEXT NOT NULL,
    public            BIGINT NOT NULL CHECK (public IN (0, 1)),
    body              TEXT NOT NULL DEFAULT '',
    data              TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

CREATE TABLE campaigns (
    id                  INTEGER PRIMARY KEY,
    station_id          BIGINT NOT NULL REFERENCES stations (id),
    title               TEXT NOT NULL,
    starts_on           TEXT NOT NULL,
    ends_on             TEXT NOT NULL,
    target_per_officer  BIGINT NOT NULL,
    created_at          BIGINT NOT NULL
);

CREATE TABLE visits (
    id           INTEGER PRIMARY KEY,
    officer_id   BIGINT NOT NULL REFERENCES officers (id),
    campaign_id  BIGINT REFERENCES campaigns (id),
    visited_on   TEXT NOT NULL,
    household    TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL
);
CREATE INDEX visits_officer_idx ON visits (officer_id, visited_on);

CREATE TABLE visit_opinions (
    id         INTEGER PRIMARY KEY,
    visit_id   BIGINT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    opinion    TEXT NOT NULL,
    case_id    BIGINT REFERENCES cases (id),
    rating_id  BIGINT REFERENCES ratings (id)
);

-- Transactional outbox: written in the same transaction as the event that causes it.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    lang             TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_until      BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    sent_at          BIGINT,
    CONSTRAINT outbox_message_id_key UNIQUE (message_id)
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);

-- Append-only, hash-chained: hash = H(key, prev_hash, entry fields).
CREATE TABLE audit_log (
    id                INTEGER PRIMARY KEY,
    at                BIGINT NOT NULL,
    actor_account_id  BIGINT,
    actor             TEXT NOT NULL,
    action            TEXT NOT NULL,
    object_type       TEXT NOT NULL DEFAULT '',
    object_id         TEXT NOT NULL DEFAULT '',
    detail            TEXT NOT NULL DEFAULT '',
    client            TEXT NOT NULL DEFAULT '',
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL
);

-- Scheduler leases, so several instances run each periodic job once.
CREATE TABLE leases (
    name         TEXT PRIMARY KEY,
    owner        TEXT NOT NULL,
    expires_at   BIGINT NOT NULL
);

-- Immutable published monthly reports; a correction is a new version. scope is a
-- station slug or '_bureau'.
CREATE TABLE published_reports (
    id            INTEGER PRIMARY KEY,
    scope         TEXT NOT NULL,
    station_id    BIGINT REFERENCES stations (id),
    month         TEXT NOT NULL,
    version       BIGINT NOT NULL,
    snapshot      TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    published_by  BIGINT REFERENCES staff_accounts (id),
    published_at  BIGINT NOT NULL,
    CONSTRAINT published_reports_version_key UNIQUE (scope, month, version)
);
