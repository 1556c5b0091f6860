-- The 12345 hotline's work-order number of a request it passed on, recorded by staff
-- (app/src/cases/details.rs). Not unique: the hotline sends a work order again when the
-- resident calls again; the index finds the cases that carry one number.
ALTER TABLE cases ADD COLUMN hotline_order_no TEXT;
CREATE INDEX cases_hotline_order_no ON cases (hotline_order_no) WHERE hotline_order_no IS NOT NULL;
