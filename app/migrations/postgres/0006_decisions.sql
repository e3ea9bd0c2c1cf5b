-- Hiring decisions on a candidate: hire, no hire or hold, with the
-- rationale, who decided and when. Append-only: a changed mind is a new
-- row, so the history of decisions stays readable; the newest row is the
-- current decision. Every row also has an audit_log entry.

CREATE TABLE decisions (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('hire', 'no_hire', 'hold')),
    rationale TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, candidate_id) REFERENCES candidates (org_id, id),
    FOREIGN KEY (org_id, decided_by) REFERENCES users (org_id, id)
);

CREATE INDEX decisions_by_candidate ON decisions (org_id, candidate_id, decided_at);
