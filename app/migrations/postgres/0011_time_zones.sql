-- Time zones and interview ends. Instants stay UTC milliseconds; a person's
-- IANA time zone (e.g. `Europe/Berlin`) only decides how times are entered
-- and shown to them. NULL: not chosen yet, times are shown in UTC.
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- When an interview ends, UTC milliseconds; NULL when not set (older
-- interviews, or no time at all). Always after `scheduled_at` when both are
-- set: the service checks it, and the database keeps it so.
ALTER TABLE interviews ADD COLUMN ends_at BIGINT CHECK (ends_at IS NULL OR (scheduled_at IS NOT NULL AND ends_at > scheduled_at));
