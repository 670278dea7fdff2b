-- The issue ledger (问题台账): an issue's current state is its row in `features` (with a version for
-- optimistic concurrency); its history is the append-only issue_events. Events are inserted under a
-- transaction-level advisory lock, so seq order is commit order and a reader after seq N misses none.
CREATE TABLE issue_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- order of all events; never reused
  issue_id text NOT NULL,
  at text NOT NULL,                 -- ISO 8601 UTC
  actor text NOT NULL,              -- username, 'system' for loaded data
  actor_name text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,             -- report | import | assign | rectify | approve | reject | reopen | note | …
  from_status text,
  to_status text,
  note text,
  attachment_ids jsonb,             -- array of attachments.id
  changes jsonb                     -- the whole issue for report/import, unit and deadline for assign
);
CREATE INDEX issue_events_issue ON issue_events (issue_id, seq);

CREATE FUNCTION issue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'issue_events is append-only';
  END IF;
  IF EXISTS (SELECT 1 FROM features WHERE collection = 'issues' AND id = OLD.issue_id) THEN
    RAISE EXCEPTION 'the history of an existing issue cannot be deleted';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER issue_events_append_only BEFORE UPDATE OR DELETE ON issue_events
  FOR EACH ROW EXECUTE FUNCTION issue_events_append_only();

-- photos; the bytes live in files beside the server (attachments/<file_name>)
CREATE TABLE attachments (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  issue_id text NOT NULL,
  content_type text NOT NULL,
  bytes bigint NOT NULL,
  sha256 text NOT NULL,
  file_name text NOT NULL,
  uploaded_by text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX attachments_issue ON attachments (issue_id, created_at, seq);

CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
  FOR EACH ROW EXECUTE FUNCTION refuse_update();

-- responsible units (责任单位)
CREATE TABLE units (
  code text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,               -- department | township
  active boolean NOT NULL DEFAULT true,
  ordinal integer NOT NULL          -- display order
);

CREATE TABLE users (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  role text NOT NULL,
  unit_code text REFERENCES units (code),
  grid_codes jsonb,                 -- array of 15-digit grid codes (grid managers)
  password_hash text NOT NULL,      -- scrypt$N$r$p$salt$hash
  active boolean NOT NULL DEFAULT true,
  created_at text NOT NULL
);

-- only the SHA-256 of the cookie's random bytes is kept
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at bigint NOT NULL,       -- epoch ms
  expires_at bigint NOT NULL        -- epoch ms
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE display_tokens (
  token_hash text PRIMARY KEY,
  name text NOT NULL,
  created_at text NOT NULL
);
