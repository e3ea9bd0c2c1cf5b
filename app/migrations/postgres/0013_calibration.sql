-- Calibration exercises: every attempt an interviewer submits (the level
-- they gave each sample beside the experts' level, kept for good), and the
-- roles that require a passed calibration before anyone scores for them.

-- `answers_json` is a JSON array of {sample_id, level, expert}; `bank_hash`
-- the content hash of the competency's bank when the attempt was taken, so
-- an attempt stays readable after the samples change.
CREATE TABLE calibration_attempts (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    bank_hash TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    agreed BIGINT NOT NULL,
    total BIGINT NOT NULL,
    passed BIGINT NOT NULL CHECK (passed IN (0, 1)),
    submitted_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

CREATE INDEX calibration_attempts_by_user ON calibration_attempts (org_id, user_id, competency_id, submitted_at);

-- A role whose interviewers must have passed the exercise of every profile
-- competency that has one before they may open, save or submit a scorecard.
CREATE TABLE role_calibration (
    org_id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    required BIGINT NOT NULL CHECK (required IN (0, 1)),
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, role_id),
    FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id) ON DELETE CASCADE
);
