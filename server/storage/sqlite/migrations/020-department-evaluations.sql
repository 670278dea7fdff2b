-- 部门评价 (征求上级主管部门意见): the result the 创建办 records per assessment year, in points out of
-- the year's share. Rows are only added; the newest of a year (highest seq) is in force, the earlier
-- ones are its history.
CREATE TABLE IF NOT EXISTS department_evaluations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,           -- deval-0001
  year INTEGER NOT NULL,
  score REAL NOT NULL,               -- points, 0 ≤ score ≤ points
  points REAL NOT NULL,              -- the share's full points when entered
  department TEXT NOT NULL,          -- 上级主管部门
  document TEXT NOT NULL,            -- the document's title or 文号
  evaluated_on TEXT NOT NULL,        -- YYYY-MM-DD
  note TEXT NOT NULL DEFAULT '',
  entered_by TEXT NOT NULL REFERENCES users (username),
  entered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS department_evaluations_year ON department_evaluations (year, seq);
