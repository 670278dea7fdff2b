-- The grid managers' workspace (网格化管理). Grids stay features of the `grids` collection (their
-- properties gain managerId); beside them: the managers (网格长), every grid code ever allocated (a
-- retired code is never reused), the audit trail of grid changes, and a version counter that every
-- change bumps so a stale edit is refused.
CREATE TABLE grid_managers (
  id TEXT PRIMARY KEY,             -- gm-0001 …
  name TEXT NOT NULL,
  phone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE grid_codes (
  code TEXT PRIMARY KEY,           -- 15 digits: village code (12) + sequence (3)
  status TEXT NOT NULL,            -- active | retired
  created_at TEXT NOT NULL,
  retired_at TEXT,
  parents TEXT NOT NULL DEFAULT '[]',  -- JSON: the codes it was split or merged from
  children TEXT NOT NULL DEFAULT '[]'  -- JSON: the codes that replaced it
);

CREATE TABLE grid_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,                -- ISO 8601 UTC
  actor TEXT NOT NULL,             -- username
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,            -- assign | split | merge | reshape | manager-create | manager-update | unit-create | unit-update
  grid_codes TEXT NOT NULL,        -- JSON array of the grids it touched
  changes TEXT NOT NULL,           -- JSON: field → [old, new], or what was created
  note TEXT
);
CREATE INDEX grid_events_at ON grid_events (at);

CREATE TRIGGER grid_events_no_update BEFORE UPDATE ON grid_events
BEGIN
  SELECT RAISE(ABORT, 'grid_events is append-only');
END;

CREATE TABLE meta (
  name TEXT PRIMARY KEY,           -- grids_version
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('grids_version', 1);
