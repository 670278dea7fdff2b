-- The 测评体系 per year (domain/assessment-system.ts): the system's header, its 项目 and 内容 (groups:
-- code '03' or '03-02') and its 标准 (code '03-02-01'). Saving a year replaces all of its rows.
CREATE TABLE IF NOT EXISTS assessment_systems (
  year INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  illustrative INTEGER NOT NULL,        -- 1: 示意, not the official text
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL              -- ISO 8601 UTC
);
CREATE TABLE IF NOT EXISTS assessment_groups (
  year INTEGER NOT NULL REFERENCES assessment_systems (year) ON DELETE CASCADE,
  code TEXT NOT NULL,                   -- 03 (测评项目) or 03-02 (测评内容)
  name TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (year, code)
);
CREATE TABLE IF NOT EXISTS assessment_standards (
  year INTEGER NOT NULL REFERENCES assessment_systems (year) ON DELETE CASCADE,
  code TEXT NOT NULL,                   -- 03-02-01
  text TEXT NOT NULL,
  method TEXT NOT NULL,                 -- field | materials | survey | departments
  points REAL NOT NULL,
  veto INTEGER NOT NULL,                -- 1: 一票否决
  lead_units TEXT NOT NULL,             -- JSON arrays of unit codes
  responsible_units TEXT NOT NULL,
  support_units TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (year, code)
);

-- 点位测评 checklists: the items of each check-point category's checklist, linked to a 标准 code.
CREATE TABLE IF NOT EXISTS checklist_items (
  code TEXT PRIMARY KEY,                -- market-d01
  category TEXT NOT NULL,               -- check-point category
  kind TEXT NOT NULL,                   -- static (静态指标) | dynamic (动态指标)
  text TEXT NOT NULL,
  standard_code TEXT NOT NULL,
  issue_category TEXT NOT NULL,         -- the ledger category a failure is reported under
  ordinal INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS checklist_items_category ON checklist_items (category, ordinal);

-- An inspection of one check point: who walked the checklist (督查 or the unit's weekly 自查), when,
-- and one result per item; a failed item carries the ledger issue it became.
CREATE TABLE IF NOT EXISTS inspections (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,              -- insp-00001
  checkpoint_id TEXT NOT NULL,
  kind TEXT NOT NULL,                   -- supervision | self
  inspector TEXT NOT NULL,              -- username
  inspector_name TEXT NOT NULL,
  unit_code TEXT,                       -- the unit of a 自查
  at TEXT NOT NULL,                     -- ISO 8601 UTC
  score REAL NOT NULL,                  -- 0–1, passed / applicable
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  not_applicable INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inspections_checkpoint ON inspections (checkpoint_id, at);
CREATE TABLE IF NOT EXISTS inspection_results (
  inspection_id TEXT NOT NULL REFERENCES inspections (id),
  item_code TEXT NOT NULL,
  result TEXT NOT NULL,                 -- pass | fail | na
  note TEXT,
  attachment_ids TEXT,                  -- JSON array of attachment ids
  issue_id TEXT,                        -- the issue a failure became
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, item_code)
);
