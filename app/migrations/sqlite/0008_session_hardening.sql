-- Sessions end after a period of inactivity as well as at their absolute
-- expiry; accounts can be deactivated; a browser that signed in before is
-- remembered so a per-account sign-in throttle cannot lock its owner out;
-- housekeeping runs on one app server at a time under a lease; the audit
-- log records the client address.

ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

ALTER TABLE users ADD COLUMN deactivated_at BIGINT;

-- Only the SHA-256 of the device cookie is stored.
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE INDEX known_devices_by_user ON known_devices (org_id, user_id);
CREATE INDEX known_devices_by_age ON known_devices (created_at);

CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX scorecard_writes_by_age ON scorecard_writes (written_at);
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);

ALTER TABLE audit_log ADD COLUMN client_addr TEXT;
