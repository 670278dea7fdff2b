-- Views for GIS analysts (QGIS, ogr2ogr) in a schema of their own, `gis`: typed geometry columns in
-- EPSG:4326 so QGIS lists each view with its geometry type, an integer key (fid) for selections, and
-- no personal data (no reporters, no grid managers' names or phones). A read-only role gets SELECT on
-- this schema only (npm run db:reader); the views read the tables with their owner's rights.
CREATE SCHEMA IF NOT EXISTS gis;

-- every issue with its current state; open = not closed
CREATE VIEW gis.issues AS
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
  f.geom::geometry(Point, 4326) AS geom
FROM features f, LATERAL (SELECT f.json::jsonb -> 'properties' AS p) AS j
WHERE f.collection = 'issues';

CREATE VIEW gis.issues_open AS
SELECT * FROM gis.issues WHERE status <> 'closed';

-- per grid: the grid's polygon with its issue counts (grids without issues show zeros)
CREATE VIEW gis.issues_by_grid AS
SELECT
  g.fid,
  g.grid_code,
  g.json::jsonb -> 'properties' ->> 'name' AS name,
  g.township_code,
  count(i.fid) AS issues,
  count(i.fid) FILTER (WHERE i.status <> 'closed') AS open,
  count(i.fid) FILTER (WHERE i.status <> 'closed' AND i.deadline_ms < (extract(epoch FROM now()) * 1000)) AS overdue,
  count(i.fid) FILTER (WHERE i.status = 'closed') AS closed,
  ST_Multi(g.geom)::geometry(MultiPolygon, 4326) AS geom
FROM features g
LEFT JOIN features i ON i.collection = 'issues' AND i.grid_code = g.grid_code
WHERE g.collection = 'grids'
GROUP BY g.fid;

-- per township: its boundary with its issue counts
CREATE VIEW gis.issues_by_township AS
SELECT
  t.fid,
  t.json::jsonb -> 'properties' ->> 'code' AS township_code,
  t.json::jsonb -> 'properties' ->> 'name' AS name,
  count(i.fid) AS issues,
  count(i.fid) FILTER (WHERE i.status <> 'closed') AS open,
  count(i.fid) FILTER (WHERE i.status <> 'closed' AND i.deadline_ms < (extract(epoch FROM now()) * 1000)) AS overdue,
  count(i.fid) FILTER (WHERE i.status = 'closed') AS closed,
  ST_Multi(t.geom)::geometry(MultiPolygon, 4326) AS geom
FROM features t
LEFT JOIN features i ON i.collection = 'issues' AND i.township_code = t.json::jsonb -> 'properties' ->> 'code'
WHERE t.collection = 'townships'
GROUP BY t.fid;

-- per responsible unit (no geometry: a table for charts and joins)
CREATE VIEW gis.issues_by_unit AS
SELECT
  u.code AS unit_code,
  u.name,
  count(i.fid) AS issues,
  count(i.fid) FILTER (WHERE i.status <> 'closed') AS open,
  count(i.fid) FILTER (WHERE i.status <> 'closed' AND i.deadline_ms < (extract(epoch FROM now()) * 1000)) AS overdue
FROM units u
LEFT JOIN features i ON i.collection = 'issues' AND i.responsible_unit = u.code
GROUP BY u.code, u.name;

-- checkpoints (fixed and random inspection points)
CREATE VIEW gis.checkpoints AS
SELECT
  f.fid,
  f.id AS checkpoint_id,
  f.kind,
  f.category,
  f.township_code,
  f.grid_code,
  f.json::jsonb -> 'properties' ->> 'name' AS name,
  f.geom::geometry(Point, 4326) AS geom
FROM features f
WHERE f.collection = 'checkpoints';

-- grids: polygon, code and township (manager names and phones are personal data: not here)
CREATE VIEW gis.grids AS
SELECT
  f.fid,
  f.grid_code,
  f.township_code,
  f.responsible_unit,
  f.json::jsonb -> 'properties' ->> 'name' AS name,
  ST_Multi(f.geom)::geometry(MultiPolygon, 4326) AS geom
FROM features f
WHERE f.collection = 'grids';
