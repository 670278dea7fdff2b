-- 督查: inspection rounds (督查轮次) and the documents made from the ledger (督查通报, 整改通知书).
-- An issued document keeps its numbered content and its DOCX and PDF bytes unchanged; only a notice's
-- receipt (签收) is written after issuing.
CREATE TABLE IF NOT EXISTS rounds (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,           -- round-0001, never reused
  kind TEXT NOT NULL,                -- inspection | undercover | mock-evaluation | special-campaign
  number INTEGER NOT NULL,           -- 期次 within the year of starts_on
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,           -- YYYY-MM-DD, Beijing calendar day
  ends_on TEXT NOT NULL,             -- YYYY-MM-DD, inclusive
  teams TEXT NOT NULL,               -- JSON: [{ name, leader: Person, members: Person[] }]
  targets TEXT NOT NULL,             -- JSON: [{ kind, code, name }]
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS supervision_documents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,           -- doc-0001
  kind TEXT NOT NULL,                -- bulletin (督查通报) | notice (整改通知书)
  status TEXT NOT NULL,              -- draft | issued
  year INTEGER,                      -- numbering year (Beijing), set when issued
  number INTEGER,                    -- 期号 / 文号 in the year, set when issued
  unit_code TEXT,                    -- notices: the addressed unit
  round_id TEXT,
  content TEXT NOT NULL,             -- JSON: everything the document prints
  docx BLOB,                         -- issued bytes, downloaded again unchanged
  pdf BLOB,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  issued_by TEXT,
  issued_at TEXT,
  received_by TEXT,                  -- notices: the unit operator who signed for it
  received_at TEXT,
  UNIQUE (kind, year, number)
);
CREATE INDEX IF NOT EXISTS supervision_documents_unit ON supervision_documents (unit_code, kind);

CREATE TRIGGER IF NOT EXISTS supervision_documents_issued_frozen BEFORE UPDATE ON supervision_documents
WHEN OLD.status = 'issued' AND (
  NEW.content IS NOT OLD.content OR NEW.docx IS NOT OLD.docx OR NEW.pdf IS NOT OLD.pdf
  OR NEW.number IS NOT OLD.number OR NEW.year IS NOT OLD.year OR NEW.status IS NOT OLD.status)
BEGIN
  SELECT RAISE(ABORT, 'an issued document cannot change');
END;
CREATE TRIGGER IF NOT EXISTS supervision_documents_issued_kept BEFORE DELETE ON supervision_documents
WHEN OLD.status = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'an issued document is archived, never deleted');
END;

-- 督查 settings (报/发 lines, 文号 prefix): one JSON row
CREATE TABLE IF NOT EXISTS supervision_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL
);
