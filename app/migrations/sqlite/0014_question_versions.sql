-- The history of bank questions acted on from the question-health notes:
-- every revision is a new version (version 1 is the text as imported, kept
-- when the first revision is made), and a retired question is left out of
-- future guide versions. Kept apart from `bank_questions`, which an import
-- rewrites, so the history survives re-importing the bank.

CREATE TABLE question_versions (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    question_id TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    competency_id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    -- JSON arrays of strings.
    probes_json TEXT NOT NULL,
    listen_for_json TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- NULL for version 1, which came from the bank file.
    created_by TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, question_id, version)
);

CREATE INDEX question_versions_by_competency ON question_versions (org_id, competency_id);

CREATE TABLE question_retirements (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    question_id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    retired_by TEXT NOT NULL,
    retired_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, question_id)
);
