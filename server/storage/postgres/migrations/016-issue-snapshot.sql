-- The wall's issue snapshot as bytes: the same tables as SQLite's migration 023.
CREATE TABLE issue_snapshot (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL, -- the last issue event it includes
  first_seq bigint, -- the ledger's first event then; NULL: none
  schema_version integer NOT NULL, -- the migrations it was written under
  saved_at text NOT NULL
);
CREATE TABLE issue_snapshot_parts (
  part integer PRIMARY KEY, -- 0, 1, … in the order issue-columns-codec.ts reads them
  bytes bytea NOT NULL
);
