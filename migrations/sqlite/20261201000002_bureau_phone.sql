-- The bureau's phone: a resident's message about a request still in bureau intake ends
-- with it, as one about a placed request ends with its station's.
ALTER TABLE bureau ADD COLUMN phone TEXT NOT NULL DEFAULT '';
