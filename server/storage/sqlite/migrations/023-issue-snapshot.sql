-- The wall's issue snapshot as bytes (issue-snapshot-store.ts): one at a time, a cache that db:copy
-- leaves out and loading the issues layer deletes.
CREATE TABLE IF NOT EXISTS issue_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL, -- the last issue event it includes
  first_seq INTEGER, -- the ledger's first event then; NULL: none
  schema_version INTEGER NOT NULL, -- the migrations it was written under
  saved_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS issue_snapshot_parts (
  part INTEGER PRIMARY KEY, -- 0, 1, … in the order issue-columns-codec.ts reads them
  bytes BLOB NOT NULL
);
