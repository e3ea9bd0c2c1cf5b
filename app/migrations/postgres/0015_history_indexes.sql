-- Indexes that keep pages and sweeps from reading the organisation's whole
-- history (see BENCHMARKS.md, "Growth"; app/src/db/plans.rs checks the
-- plans).

-- The scorecard reminders an interviewer was sent, on every home page.
CREATE INDEX reminders_by_interviewer ON reminders (org_id, interviewer_id, created_at);

-- Reminders to pass on by hand are one kind's manual or failed ones: with
-- the kind first, the status narrows them instead of every reminder of
-- that kind being read.
DROP INDEX reminders_by_status;
CREATE INDEX reminders_by_status ON reminders (org_id, kind, status, created_at);

-- Reference requests still waiting for an answer (recruiters' home page,
-- the reminder sweep): a handful, among every request ever made.
CREATE INDEX reference_requests_open ON reference_requests (org_id, expires_at)
    WHERE submitted_at IS NULL AND declined_at IS NULL;
