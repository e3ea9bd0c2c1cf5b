-- Candidate data from start to end: one-time links that let a person set
-- their password (an invitation or a reset), legal holds, the
-- organization's retention rule and the text referees read before they
-- consent, and the mark left on an erased candidate. The audit log
-- becomes append-only in the database itself.

-- Only the SHA-256 of a link's token is stored; a link works once, until
-- `expires_at`.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE INDEX account_tokens_by_user ON account_tokens (org_id, user_id);

-- A hold on a candidate or on a whole role: while `lifted_at` is NULL, the
-- candidate (or every candidate of the role) can be neither erased nor
-- anonymised by retention.
CREATE TABLE legal_holds (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    id TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('candidate', 'role')),
    subject_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    placed_by TEXT,
    placed_at BIGINT NOT NULL,
    lifted_by TEXT,
    lifted_at BIGINT,
    lift_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, id)
);

CREATE INDEX legal_holds_by_subject ON legal_holds (org_id, subject_id);

-- 'off', 'after_decision' (N days after a hire or no-hire decision) or
-- 'after_inactivity' (N days without any change to the candidate).
ALTER TABLE organizations ADD COLUMN retention_rule TEXT NOT NULL DEFAULT 'off';
ALTER TABLE organizations ADD COLUMN retention_days BIGINT NOT NULL DEFAULT 365;
-- Shown to referees on the consent page; empty means the built-in text.
ALTER TABLE organizations ADD COLUMN referee_consent_text TEXT NOT NULL DEFAULT '';

-- When the candidate's personal data was erased (by request or retention).
ALTER TABLE candidates ADD COLUMN erased_at BIGINT;
CREATE INDEX candidates_by_erasure ON candidates (org_id, erased_at);

-- Free text stays in the tables it belongs to (decisions, scorecard
-- versions), where an erasure can reach it; the audit log keeps only that
-- the change happened.
UPDATE audit_log SET detail = json_remove(detail, '$.rationale', '$.reason')
WHERE action IN ('candidate.decision', 'scorecard.submit', 'scorecard.amend');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused');
END;
