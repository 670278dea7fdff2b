-- 问题编号 (issueNo, YYYY-NNNNNN): counted per county and year of 发现 in Beijing time, allocated
-- by the transaction that creates the issue (postgres-ledger.ts; an upsert on the counter row, which
-- locks it until commit). A counter row is made on first use from the highest number of its year
-- already stored, so numbers continue whatever loaded them.
CREATE TABLE IF NOT EXISTS issue_numbers (
  county text NOT NULL,    -- 6-digit 县级区划代码 of the place (server/config/place.ts)
  year integer NOT NULL,   -- calendar year of reportedAt in Beijing time
  last bigint NOT NULL,    -- the last number given; the next issue gets last + 1
  PRIMARY KEY (county, year)
);

-- existing issues are numbered per year in order of 发现时间, then id: the same numbers on every copy
WITH years AS (
  SELECT fid, id, t,
         extract(year FROM ((json::jsonb #>> '{properties,reportedAt}')::timestamptz AT TIME ZONE 'Asia/Shanghai'))::int AS year
  FROM features
  WHERE collection = 'issues' AND json::jsonb #>> '{properties,issueNo}' IS NULL
    AND json::jsonb #>> '{properties,reportedAt}' IS NOT NULL
),
numbered AS (
  SELECT fid, year, row_number() OVER (PARTITION BY year ORDER BY t, id) AS n FROM years
)
UPDATE features f
SET json = jsonb_set(f.json::jsonb, '{properties,issueNo}',
                     to_jsonb(lpad(numbered.year::text, 4, '0') || '-' || lpad(numbered.n::text, 6, '0')))::text
FROM numbered
WHERE f.fid = numbered.fid;

-- one issue, one number
CREATE UNIQUE INDEX IF NOT EXISTS features_issue_no
  ON features ((json::jsonb #>> '{properties,issueNo}'))
  WHERE collection = 'issues';

-- the number is part of the issue from its first event on, so each history still replays to its
-- issue: the first event (report or import) of a numbered issue gets the number added once, here
ALTER TABLE issue_events DISABLE TRIGGER issue_events_append_only;
UPDATE issue_events e
SET changes = jsonb_set(e.changes, '{issueNo}', to_jsonb(f.json::jsonb #>> '{properties,issueNo}'))
FROM features f
WHERE f.collection = 'issues' AND f.id = e.issue_id
  AND e.action IN ('report', 'import') AND e.changes IS NOT NULL
  AND NOT (e.changes ? 'issueNo')
  AND f.json::jsonb #>> '{properties,issueNo}' IS NOT NULL;
ALTER TABLE issue_events ENABLE TRIGGER issue_events_append_only;

-- the collection's property schema (queryables) gains the number
UPDATE collection_stats
SET properties = jsonb_set(properties::jsonb, '{issueNo}', '{"type":"string"}'::jsonb)::text
WHERE collection = 'issues' AND EXISTS (
  SELECT 1 FROM features WHERE collection = 'issues' AND json::jsonb #>> '{properties,issueNo}' IS NOT NULL);

-- GIS analysts see the number too (new columns go last in a replaced view)
CREATE OR REPLACE VIEW gis.issues AS
SELECT
  f.fid,
  f.id AS issue_id,
  f.status,
  f.category,
  f.township_code,
  f.grid_code,
  f.responsible_unit,
  p ->> 'description' AS description,
  p ->> 'source' AS source,
  (p ->> 'reportedAt')::timestamptz AS reported_at,
  (p ->> 'deadlineAt')::timestamptz AS deadline_at,
  (p ->> 'updatedAt')::timestamptz AS updated_at,
  (p ->> 'closedAt')::timestamptz AS closed_at,
  f.status <> 'closed' AND f.deadline_ms < (extract(epoch FROM now()) * 1000) AS overdue,
  f.version,
  f.geom::geometry(Point, 4326) AS geom,
  p ->> 'issueNo' AS issue_no
FROM features f, LATERAL (SELECT f.json::jsonb -> 'properties' AS p) AS j
WHERE f.collection = 'issues';

CREATE OR REPLACE VIEW gis.issues_open AS
SELECT * FROM gis.issues WHERE status <> 'closed';
