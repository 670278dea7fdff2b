-- 问责 records: an accountability step (提醒谈话, 约谈, 通报批评, 曝光, 移交纪检) taken against a unit
-- or a township, with the issues it concerns (a JSON array of ids), the day and who decided, and
-- optionally its document (a file in the attachments folder; JSON metadata).
CREATE TABLE IF NOT EXISTS accountability_records (
  id TEXT PRIMARY KEY,
  target_kind TEXT NOT NULL,   -- unit | township
  target_code TEXT NOT NULL,
  kind TEXT NOT NULL,          -- domain/accountability accountabilityKinds
  decided_on TEXT NOT NULL,    -- YYYY-MM-DD, Beijing
  decided_by TEXT NOT NULL,    -- 县创建办, 县纪委监委…
  note TEXT NOT NULL DEFAULT '',
  issue_ids TEXT NOT NULL,     -- JSON array
  document TEXT,               -- JSON AccountabilityDocument, none until uploaded
  recorded_by TEXT NOT NULL REFERENCES users (username),
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS accountability_target ON accountability_records (target_code, decided_on);
CREATE INDEX IF NOT EXISTS accountability_day ON accountability_records (decided_on);
