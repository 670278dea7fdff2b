-- Demonstration-point plans (示范点方案). Ids come from seq (plan-0001) and are never reused, so a
-- link to a deleted plan cannot open another one.
CREATE TABLE plans (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,              -- 'plan-' || seq, zero-padded to 4 digits
  name TEXT NOT NULL UNIQUE,            -- 1–50 characters, trimmed
  checkpoint_ids TEXT NOT NULL,         -- JSON array of checkpoints ids
  weights TEXT NOT NULL,                -- JSON object
  constraints TEXT NOT NULL,            -- JSON object
  created_by TEXT NOT NULL,             -- username
  created_at TEXT NOT NULL,             -- ISO 8601 UTC
  updated_at TEXT NOT NULL
);
