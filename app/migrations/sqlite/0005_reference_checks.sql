-- Reference checks: the referees of a candidate, the one-time links they
-- answer through, recorded phone checks, the mail sent, and recruiters'
-- reviews of fraud signals.
-- Times are UTC milliseconds since the Unix epoch; ids are opaque random strings.

-- One row per referee of a candidate: who they are, the state of their
-- reference and its answers. The link's token is never stored: only the
-- SHA-256 of the current one, which a resend replaces, so an older link
-- stops matching any row.
CREATE TABLE reference_requests (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    referee_name TEXT NOT NULL,
    referee_email TEXT NOT NULL,
    referee_phone TEXT NOT NULL,
    relationship TEXT NOT NULL CHECK (relationship IN ('manager', 'peer', 'direct-report', 'client')),
    months_worked BIGINT NOT NULL CHECK (months_worked >= 0),
    -- 'link' while the referee answers through the link; 'phone' once a
    -- recruiter recorded the reference from a call.
    method TEXT NOT NULL CHECK (method IN ('link', 'phone')),
    -- The published guide whose reference questions are asked.
    guide_version_id TEXT,
    token_hash TEXT UNIQUE,
    invited_by TEXT,
    send_count BIGINT NOT NULL,
    sent_at BIGINT,
    expires_at BIGINT,
    opened_at BIGINT,
    consented_at BIGINT,
    started_at BIGINT,
    draft_saved_at BIGINT,
    submitted_at BIGINT,
    declined_at BIGINT,
    decline_reason TEXT NOT NULL,
    -- JSON array of app::model::ReferenceAnswer: the draft until submitted.
    answers_json TEXT NOT NULL,
    -- SHA-256 of the candidate id and the submitting address: equal for two
    -- referees of one candidate answering from one address, and useless for
    -- matching people across candidates.
    submitted_ip_hash TEXT,
    phone_called_by TEXT,
    phone_called_at BIGINT,
    recorded_by TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, candidate_id) REFERENCES candidates (org_id, id),
    FOREIGN KEY (org_id, guide_version_id) REFERENCES guide_versions (org_id, id)
);

CREATE INDEX reference_requests_by_candidate ON reference_requests (org_id, candidate_id, created_at);

-- Every message the app composed: sent by SMTP ('sent' or 'failed'), or
-- shown to the recruiter to send themselves ('manual'). The one-time link in
-- the body is withheld, so the outbox holds no usable token.
CREATE TABLE outbox (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'failed', 'manual')),
    error TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE INDEX outbox_by_subject ON outbox (org_id, subject_id, created_at);

-- A recruiter's review of one fraud signal of a candidate's references.
-- Append-only: the newest review of a signal is the one shown.
CREATE TABLE reference_signal_reviews (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    signal_key TEXT NOT NULL,
    note TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, candidate_id) REFERENCES candidates (org_id, id),
    FOREIGN KEY (org_id, reviewed_by) REFERENCES users (org_id, id)
);

CREATE INDEX reference_signal_reviews_by_candidate ON reference_signal_reviews (org_id, candidate_id, reviewed_at);
