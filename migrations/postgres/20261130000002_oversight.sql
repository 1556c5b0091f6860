-- Issue 12: complaints stay under oversight, bureau intake owns unplaced requests,
-- approvals, reasons for hiding, residents' objections, the acknowledgement deadline,
-- and accounts tied to their officer.

-- A case that named an officer when it was a complaint or a 差评核实 stays in the
-- inspectors' queue until closed, whatever its later kind, state or hidden flag.
ALTER TABLE cases ADD COLUMN oversight BIGINT NOT NULL DEFAULT 0 CHECK (oversight IN (0, 1));
-- How it reached us: web (the form, Open311), rating (a 差评), visit (a visit opinion).
ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
-- Taken (assigned or answered), and whether the one-working-day deadline passed first.
ALTER TABLE cases ADD COLUMN acknowledged_at BIGINT;
ALTER TABLE cases ADD COLUMN ack_overdue BIGINT NOT NULL DEFAULT 0 CHECK (ack_overdue IN (0, 1));
-- Hidden as not genuine: why, by whom, when; the resident's one objection.
ALTER TABLE cases ADD COLUMN hidden_reason TEXT;
ALTER TABLE cases ADD COLUMN hidden_by BIGINT REFERENCES staff_accounts (id);
ALTER TABLE cases ADD COLUMN hidden_at BIGINT;
ALTER TABLE cases ADD COLUMN objected_at BIGINT;
-- A complaint's or 差评核实's finding: substantiated, partly, unsubstantiated.
ALTER TABLE cases ADD COLUMN finding TEXT;
-- A change waiting for approval (JSON), whose approval it waits for, who proposed it.
ALTER TABLE cases ADD COLUMN pending_action TEXT;
ALTER TABLE cases ADD COLUMN pending_awaiting TEXT CHECK (pending_awaiting IN ('leader', 'inspector'));
ALTER TABLE cases ADD COLUMN pending_by BIGINT REFERENCES staff_accounts (id);
ALTER TABLE cases ADD COLUMN pending_at BIGINT;

UPDATE cases SET oversight = 1
 WHERE named_officer_id IS NOT NULL AND kind IN ('complaint', 'rating_review');
UPDATE cases SET channel = 'rating' WHERE kind = 'rating_review';
UPDATE cases SET channel = 'visit'
 WHERE id IN (SELECT case_id FROM visit_opinions WHERE case_id IS NOT NULL);
UPDATE cases SET acknowledged_at = COALESCE(first_answer_at, updated_at)
 WHERE assignee_account_id IS NOT NULL OR first_answer_at IS NOT NULL;
-- A 差评's call-back contact belongs on its review case, under the same rules as a
-- request's (collected once, kept once).
UPDATE cases SET contact_phone = (SELECT r.contact FROM ratings r WHERE r.id = cases.rating_id)
 WHERE rating_id IS NOT NULL AND contact_phone IS NULL AND contact_email IS NULL;
UPDATE ratings SET contact = NULL
 WHERE id IN (SELECT rating_id FROM cases WHERE rating_id IS NOT NULL);

CREATE INDEX cases_oversight_idx ON cases (oversight, status);

-- Feedback on cases opened from a visit counts apart (feedback_visit): the officer who
-- opened one held its access code.
DELETE FROM case_rollups WHERE measure = 'feedback';
INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.resolved_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id,
       CASE WHEN c.channel = 'visit' THEN 'feedback_visit' ELSE 'feedback' END,
       COALESCE(c.satisfaction, 'none'), COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.resolved_at IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- Every station account is linked to its officer or marked as not a sworn officer; an
-- officer has at most one account.
ALTER TABLE staff_accounts ADD COLUMN not_sworn BIGINT NOT NULL DEFAULT 0 CHECK (not_sworn IN (0, 1));
CREATE UNIQUE INDEX staff_accounts_officer_key ON staff_accounts (officer_id) WHERE officer_id IS NOT NULL;

-- Bureau intake is a bureau-wide role.
ALTER TABLE staff_roles DROP CONSTRAINT staff_roles_role_check;
ALTER TABLE staff_roles DROP CONSTRAINT staff_roles_check;
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check
    CHECK (role IN ('officer', 'clerk', 'leader', 'inspector', 'admin', 'intake'));
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_station_check
    CHECK ((role IN ('inspector', 'admin', 'intake')) = (station_id IS NULL));
