-- Organizations (tenants), accounts and server-side sessions.
-- Times are UTC milliseconds since the Unix epoch; ids are opaque random strings.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

INSERT INTO organizations (id, name, created_at) VALUES ('default', 'Panelkit', 0);

CREATE TABLE users (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'recruiter', 'interviewer', 'hiring-manager')),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, email)
);

-- The cookie carries a random token; only its SHA-256 is stored, so a leaked
-- database dump holds no usable session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE INDEX sessions_by_user ON sessions (org_id, user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Fixed-window counters for rate limits, shared by every app server.
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);

-- Append-only record of who did what.
CREATE TABLE audit_log (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    id TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE INDEX audit_log_by_time ON audit_log (org_id, at);
