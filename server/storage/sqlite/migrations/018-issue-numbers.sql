-- 问题编号 (issueNo, YYYY-NNNNNN): counted per county and year of 发现 in Beijing time, allocated
-- by the transaction that creates the issue (sqlite-ledger.ts). A counter row is made on first use
-- from the highest number of its year already stored, so numbers continue whatever loaded them.
CREATE TABLE IF NOT EXISTS issue_numbers (
  county TEXT NOT NULL,   -- 6-digit 县级区划代码 of the place (server/config/place.ts)
  year INTEGER NOT NULL,  -- calendar year of reportedAt in Beijing time
  last INTEGER NOT NULL,  -- the last number given; the next issue gets last + 1
  PRIMARY KEY (county, year)
) WITHOUT ROWID;

-- existing issues are numbered per year in order of 发现时间, then id: the same numbers on every copy
WITH numbered AS (
  SELECT fid, year, row_number() OVER (PARTITION BY year ORDER BY t, id) AS n
  FROM (
    SELECT fid, id, t,
           CAST(strftime('%Y', json_extract(json, '$.properties.reportedAt'), '+8 hours') AS INTEGER) AS year
    FROM features
    WHERE collection = 'issues' AND json_extract(json, '$.properties.issueNo') IS NULL
  )
  WHERE year IS NOT NULL
)
UPDATE features
SET json = json_set(features.json, '$.properties.issueNo', printf('%04d-%06d', numbered.year, numbered.n))
FROM numbered
WHERE features.fid = numbered.fid;

-- one issue, one number
CREATE UNIQUE INDEX IF NOT EXISTS features_issue_no
  ON features (json_extract(json, '$.properties.issueNo'))
  WHERE collection = 'issues';

-- the number is part of the issue from its first event on, so each history still replays to its
-- issue: the first event (report or import) of a numbered issue gets the number added once, here
DROP TRIGGER IF EXISTS issue_events_no_update;
UPDATE issue_events
SET changes = json_set(changes, '$.issueNo',
                       (SELECT json_extract(f.json, '$.properties.issueNo') FROM features f
                        WHERE f.collection = 'issues' AND f.id = issue_events.issue_id))
WHERE action IN ('report', 'import') AND changes IS NOT NULL
  AND json_extract(changes, '$.issueNo') IS NULL
  AND EXISTS (SELECT 1 FROM features f WHERE f.collection = 'issues' AND f.id = issue_events.issue_id
              AND json_extract(f.json, '$.properties.issueNo') IS NOT NULL);
CREATE TRIGGER issue_events_no_update BEFORE UPDATE ON issue_events
BEGIN
  SELECT RAISE(ABORT, 'issue_events is append-only');
END;

-- the collection's property schema (queryables) gains the number
UPDATE collection_stats
SET properties = json_set(properties, '$.issueNo', json('{"type":"string"}'))
WHERE collection = 'issues' AND EXISTS (
  SELECT 1 FROM features WHERE collection = 'issues'
  AND json_extract(json, '$.properties.issueNo') IS NOT NULL);
