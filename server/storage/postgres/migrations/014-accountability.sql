-- 问责 records: the same table as SQLite's migration 019.
CREATE TABLE accountability_records (
  id text PRIMARY KEY,
  target_kind text NOT NULL,
  target_code text NOT NULL,
  kind text NOT NULL,
  decided_on text NOT NULL,
  decided_by text NOT NULL,
  note text NOT NULL DEFAULT '',
  issue_ids jsonb NOT NULL,
  document jsonb,
  recorded_by text NOT NULL REFERENCES users (username),
  recorded_at text NOT NULL
);
CREATE INDEX accountability_target ON accountability_records (target_code, decided_on);
CREATE INDEX accountability_day ON accountability_records (decided_on);
