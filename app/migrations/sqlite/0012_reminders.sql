-- Reminders: a nudge to an interviewer whose scorecard is late, or to a
-- referee who has not answered. One row per reminder, written before the
-- mail is sent; the unique key lets only one app server write (and so send)
-- each reminder, however many run the reminder round at once.
-- Times are UTC milliseconds since the Unix epoch; ids are opaque random strings.

CREATE TABLE reminders (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    -- 'scorecard': subject_id is the interview, interviewer_id the panel
    -- member reminded. 'reference': subject_id is the reference request,
    -- interviewer_id is '' (a referee has no account).
    kind TEXT NOT NULL CHECK (kind IN ('scorecard', 'reference')),
    subject_id TEXT NOT NULL,
    interviewer_id TEXT NOT NULL,
    -- 1 for the first reminder of a subject, 2 for the second.
    seq BIGINT NOT NULL CHECK (seq >= 1),
    -- The address it went (or is to go) to.
    recipient TEXT NOT NULL,
    -- 'sending' while the mail is handed over (left so if the server
    -- stopped meanwhile: never sent twice), 'sent', 'failed' (the mail
    -- server refused it), 'manual' (no mail configured: the recruiter
    -- passes it on).
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'manual')),
    -- The message in the outbox, once recorded.
    outbox_id TEXT,
    due_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, kind, subject_id, interviewer_id, seq)
);

CREATE INDEX reminders_by_subject ON reminders (org_id, subject_id, created_at);
CREATE INDEX reminders_by_status ON reminders (org_id, status, created_at);
