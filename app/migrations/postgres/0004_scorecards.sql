-- Scorecards: one per interviewer per interview, autosaved as JSON of
-- app::model::ScorecardContent. `version` grows with every accepted write, so
-- a write based on a stale version is refused instead of overwriting.
-- `candidate_id` is copied from the interview so the independence checks
-- ("has this person submitted for this candidate?") read one index.

CREATE TABLE scorecards (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    interviewer_id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    content_json TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, interview_id, interviewer_id),
    FOREIGN KEY (org_id, interview_id) REFERENCES interviews (org_id, id),
    FOREIGN KEY (org_id, interviewer_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, candidate_id) REFERENCES candidates (org_id, id)
);

CREATE INDEX scorecards_by_candidate ON scorecards (org_id, candidate_id, status);
CREATE INDEX scorecards_by_interviewer ON scorecards (org_id, interviewer_id);

-- Every accepted write by its idempotency key (chosen by the browser, scoped
-- to the account): a retried write finds its key here and gets the same
-- answer without being applied twice. `request_hash` tells a retry from a
-- different write that reuses a key.
CREATE TABLE scorecard_writes (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    result_version BIGINT NOT NULL,
    written_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id, idempotency_key)
);

-- The content of every submission and amendment, never updated: what was
-- submitted stays readable after it is amended.
CREATE TABLE scorecard_versions (
    org_id TEXT NOT NULL,
    scorecard_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('submit', 'amend')),
    content_json TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (org_id, scorecard_id, version),
    FOREIGN KEY (org_id, scorecard_id) REFERENCES scorecards (org_id, id)
);
