-- A snapshot's parts are written one transaction each (a turn of the event loop between: 5M issues
-- are 375 MB), at part numbers no other snapshot uses; the header names the range in force, and the
-- transaction that switches it deletes every part outside it (and a crashed writer's leftovers).
-- A cache: recreated rather than altered (a snapshot stored before this is not read anyway).
DROP TABLE IF EXISTS issue_snapshot_parts;
DROP TABLE IF EXISTS issue_snapshot;
CREATE TABLE issue_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL, -- the last issue event it includes
  first_seq INTEGER, -- the ledger's first event then; NULL: none
  schema_version INTEGER NOT NULL, -- the migrations it was written under
  saved_at TEXT NOT NULL,
  first_part INTEGER NOT NULL, -- its parts are first_part … first_part + part_count - 1
  part_count INTEGER NOT NULL
);
CREATE TABLE issue_snapshot_parts (
  part INTEGER PRIMARY KEY, -- numbered on from every part stored before, in codec order
  bytes BLOB NOT NULL
);
