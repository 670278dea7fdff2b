-- 材料审核 (台账材料) and 问卷调查. A material is one 测评标准 × unit × year, keyed by the 标准's code
-- string (the 测评体系 is stored on its own); its files' bytes sit in the attachments folder, only
-- their metadata here. Every write to a material adds a material_events row (its seq is the
-- materials' revision, on which the wall's views key their caches).
CREATE TABLE IF NOT EXISTS materials (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,            -- mat-0001
  year INTEGER NOT NULL,              -- 测评年度
  standard_code TEXT NOT NULL,        -- 测评标准编号
  unit_code TEXT NOT NULL,
  status TEXT NOT NULL,               -- draft | submitted | approved | returned
  report TEXT,                        -- JSON 说明报告: the five elements
  submitted_by TEXT,
  submitted_at TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  return_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (year, standard_code, unit_code)
);
CREATE INDEX IF NOT EXISTS materials_unit ON materials (unit_code, year);

CREATE TABLE IF NOT EXISTS material_files (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,            -- mf-<24 hex>
  material_id TEXT NOT NULL REFERENCES materials (id),
  kind TEXT NOT NULL,                 -- document | photo
  content_type TEXT NOT NULL,         -- sniffed from the bytes, never the client's claim
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,            -- ours, in the attachments folder
  title TEXT NOT NULL,                -- the uploader's name for it, display only
  uploaded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS material_files_material ON material_files (material_id);

CREATE TABLE IF NOT EXISTS material_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  material_id TEXT NOT NULL,
  action TEXT NOT NULL,               -- create | report | upload | remove-file | submit | approve | return
  by_user TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT                           -- a return's reason, a file's title
);
CREATE INDEX IF NOT EXISTS material_events_material ON material_events (material_id, seq);

-- 签字移交: approved materials handed over, signed by the unit's principal leader
CREATE TABLE IF NOT EXISTS material_handovers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,            -- handover-0001
  year INTEGER NOT NULL,
  unit_code TEXT NOT NULL,
  material_ids TEXT NOT NULL,         -- JSON array of mat-… ids
  signed_by_name TEXT NOT NULL,
  signed_by_title TEXT NOT NULL,
  signed_on TEXT NOT NULL,            -- YYYY-MM-DD
  handed_over_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_by TEXT,
  received_at TEXT
);

-- 问卷调查 rounds; cells are the strata (township × group) with counts, not rates
CREATE TABLE IF NOT EXISTS survey_rounds (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,            -- survey-0001
  name TEXT NOT NULL,
  conducted_on TEXT NOT NULL,         -- YYYY-MM-DD
  source TEXT NOT NULL,
  cells TEXT NOT NULL,                -- JSON array of SurveyCell
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
