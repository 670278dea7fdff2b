-- The issue ledger (问题台账). An issue's current state stays its row in `features` (so the OGC API
-- shows every write at once), with a version for optimistic concurrency; its history is the
-- append-only issue_events. Overdue is never stored: it is deadline_ms compared with the clock.
ALTER TABLE features ADD COLUMN version INTEGER;     -- issues: 1 after report/import, +1 per transition
ALTER TABLE features ADD COLUMN deadline_ms INTEGER; -- issues: deadlineAt in epoch ms
ALTER TABLE features ADD COLUMN updated_ms INTEGER;  -- issues: updatedAt in epoch ms, for sorting

UPDATE features
SET version = 1,
    deadline_ms = CAST(round(unixepoch(json_extract(json, '$.properties.deadlineAt'), 'subsec') * 1000) AS INTEGER),
    updated_ms = CAST(round(unixepoch(json_extract(json, '$.properties.updatedAt'), 'subsec') * 1000) AS INTEGER)
WHERE collection = 'issues';

CREATE INDEX features_deadline ON features (collection, deadline_ms);
CREATE INDEX features_updated ON features (collection, updated_ms);

CREATE TABLE issue_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, -- order of all events; never reused
  issue_id TEXT NOT NULL,                -- features.id of the issues collection
  at TEXT NOT NULL,                      -- ISO 8601 UTC
  actor TEXT NOT NULL,                   -- username, 'system' for loaded data
  actor_name TEXT NOT NULL,
  role TEXT NOT NULL,                    -- the actor's role when acting
  action TEXT NOT NULL,                  -- report | import | assign | rectify | approve | reject | reopen | note
  from_status TEXT,
  to_status TEXT,
  note TEXT,
  attachment_ids TEXT,                   -- JSON array of attachments.id
  changes TEXT                           -- JSON: the whole issue for report/import, unit and deadline for assign
);
CREATE INDEX issue_events_issue ON issue_events (issue_id, seq);

-- history is append-only: no edits, and no deletes while the issue exists (a reload of the whole
-- collection deletes the issues first, then their events)
CREATE TRIGGER issue_events_no_update BEFORE UPDATE ON issue_events
BEGIN
  SELECT RAISE(ABORT, 'issue_events is append-only');
END;
CREATE TRIGGER issue_events_no_delete BEFORE DELETE ON issue_events
WHEN EXISTS (SELECT 1 FROM features WHERE collection = 'issues' AND id = OLD.issue_id)
BEGIN
  SELECT RAISE(ABORT, 'the history of an existing issue cannot be deleted');
END;

-- issues loaded before this migration start their history with an import of their state
INSERT INTO issue_events (issue_id, at, actor, actor_name, role, action, to_status, changes)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'system', '系统', 'system', 'import',
       json_extract(json, '$.properties.status'),
       json_set(json_extract(json, '$.properties'), '$.lngLat', json_extract(json, '$.geometry.coordinates'))
FROM features WHERE collection = 'issues' ORDER BY fid;

-- photos; the bytes live in files beside the database (attachments/<file_name>)
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  issue_id TEXT NOT NULL,
  content_type TEXT NOT NULL,  -- image/jpeg | image/png | image/webp, checked by magic bytes
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,     -- generated, never the client's
  uploaded_by TEXT NOT NULL,   -- username
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_issue ON attachments (issue_id, created_at);
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN
  SELECT RAISE(ABORT, 'attachments are append-only');
END;

-- responsible units (责任单位) are data: departments and township governments
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,          -- department | township
  active INTEGER NOT NULL DEFAULT 1,
  ordinal INTEGER NOT NULL     -- display order
);

CREATE TABLE users (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_code TEXT REFERENCES units (code), -- unit operators
  grid_codes TEXT,                        -- JSON array of 15-digit grid codes (grid managers)
  password_hash TEXT NOT NULL,            -- scrypt$N$r$p$salt$hash (base64)
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- the cookie holds 32 random bytes; only their SHA-256 is kept, so a copy of the database opens no session
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at INTEGER NOT NULL, -- epoch ms
  expires_at INTEGER NOT NULL  -- epoch ms
) WITHOUT ROWID;
CREATE INDEX sessions_expires ON sessions (expires_at);

-- read-only tokens for wall displays (指挥部大屏), hashed like sessions
CREATE TABLE display_tokens (
  token_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- counters for generated ids (issue-00001 …, cp-0001 …)
CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
