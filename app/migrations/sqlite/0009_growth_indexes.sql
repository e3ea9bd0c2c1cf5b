-- Indexes the hot queries' plans ask for on a large database (see
-- BENCHMARKS.md, "Growth"). Each replaces an index it extends.
--
-- A role's agreement checks, on every view of a summary page, whether the
-- role's submitted scorecards changed (their count, versions and latest
-- update): with version and updated_at in the index that check never reads
-- a scorecard row, whose content sits before those columns.
DROP INDEX scorecards_by_candidate;
CREATE INDEX scorecards_by_candidate ON scorecards (org_id, candidate_id, status, version, updated_at);

-- "My interviews" pages an interviewer's submitted history by status, and
-- shows each one's status and last save.
DROP INDEX scorecards_by_interviewer;
CREATE INDEX scorecards_by_interviewer ON scorecards (org_id, interviewer_id, status, interview_id, updated_at);
