-- Question banks as imported: one row per competency holding its full model
-- (JSON of question_bank::Competency) and the hash of the file it came from,
-- plus one searchable row per interview or reference question.

CREATE TABLE competencies (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source TEXT NOT NULL,
    model_json TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE bank_questions (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('behavioral', 'situational', 'reference')),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    -- Targeted key element ids, space-separated with a space at each end,
    -- so a filter can match ' id ' exactly.
    targets TEXT NOT NULL,
    -- Lower-cased title, text, probes and listen-for points, for search.
    search_text TEXT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, competency_id) REFERENCES competencies (org_id, id) ON DELETE CASCADE
);

CREATE INDEX bank_questions_by_competency ON bank_questions (org_id, competency_id, position);
