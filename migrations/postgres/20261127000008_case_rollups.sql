-- Monthly case counts (issue 6), kept in the transaction of every change to a case
-- (app/src/reports/case_rollups.rs) so that a month's case figures read these rows and
-- never the cases. month is YYYY-MM in China Standard Time: the month the case was filed
-- in for filed, spam, first_answer, review_dealt and commendation; the month it was
-- resolved in for resolved, feedback and referred. item refines the measure (the kind,
-- tenths of an hour to the first answer, the officer, on_time/late, the resident's
-- answer, the department); '' when it has none.
CREATE TABLE case_rollups (
    month       TEXT NOT NULL,
    station_id  BIGINT NOT NULL,
    measure     TEXT NOT NULL,
    item        TEXT NOT NULL,
    cases       BIGINT NOT NULL,
    PRIMARY KEY (month, station_id, measure, item)
);

-- The cases filed before this table existed, counted as `opendoor rollups rebuild` does.
INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.created_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'filed', c.kind, COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.created_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'spam', '', COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 1
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.created_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'first_answer', CAST(CASE WHEN c.first_answer_at > c.created_at THEN (c.first_answer_at - c.created_at) / 360000 ELSE 0 END AS TEXT), COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.first_answer_at IS NOT NULL
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.created_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'review_dealt', '', COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.kind = 'rating_review' AND c.outcome IS NOT NULL
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.created_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'commendation', CAST(c.named_officer_id AS TEXT), COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.kind = 'commendation' AND c.named_officer_id IS NOT NULL
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.resolved_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'resolved', CASE WHEN to_char(to_timestamp((c.resolved_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM-DD') <= c.due_on THEN 'on_time' ELSE 'late' END, COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.resolved_at IS NOT NULL
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.resolved_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'feedback', COALESCE(c.satisfaction, 'none'), COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.resolved_at IS NOT NULL
GROUP BY 1, 2, 4;

INSERT INTO case_rollups (month, station_id, measure, item, cases)
SELECT to_char(to_timestamp((c.resolved_at / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', 'YYYY-MM'), c.station_id, 'referred', COALESCE(c.referral_department, ''), COUNT(*)
FROM cases c WHERE c.station_id IS NOT NULL AND c.hidden = 0 AND c.resolved_at IS NOT NULL AND c.outcome = 'referred'
GROUP BY 1, 2, 4;

-- Reports no longer read the cases resolved in a month: the rows above count them.
DROP INDEX cases_station_resolved_idx;
