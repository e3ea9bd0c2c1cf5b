-- A panel seat knows when its scorecard was submitted (NULL while it is
-- still owed), so an interviewer's open seats and a page of their history
-- are index reads, however many panels they sat on (see BENCHMARKS.md,
-- "Growth"; app/src/db/plans.rs checks the plans). The scorecard write
-- that submits sets it, in the same transaction.
ALTER TABLE interview_panel ADD COLUMN submitted_at BIGINT;

UPDATE interview_panel SET submitted_at = (
    SELECT COALESCE(s.submitted_at, s.updated_at) FROM scorecards s
    WHERE s.org_id = interview_panel.org_id AND s.interview_id = interview_panel.interview_id
      AND s.interviewer_id = interview_panel.user_id AND s.status = 'submitted');

-- Open seats are `submitted_at IS NULL`; the history, latest first, is the
-- same index read backwards. Not covering the interview on purpose: SQLite,
-- planning without statistics, took a covering index read by organisation
-- alone over the primary key for "the seats of this interview".
DROP INDEX interview_panel_by_user;
CREATE INDEX interview_panel_by_user ON interview_panel (org_id, user_id, submitted_at);

-- Seats still owed a scorecard, across the organisation: the overdue
-- scorecards on the recruiters' home page. Seats are submitted as
-- interviews end, so this holds the work in hand, not the history.
CREATE INDEX interview_panel_open ON interview_panel (org_id, interview_id)
    WHERE submitted_at IS NULL;
