-- Features of every collection in one table, each kept as its serialized GeoJSON so a page is
-- served by concatenating text. geom (EPSG:4326, GiST) answers bbox queries exactly with
-- ST_Intersects; the other columns exist only to select rows fast.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE features (
  fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- load order; pages are sorted by it
  collection text NOT NULL,         -- collection id, e.g. 'issues'
  id text NOT NULL,                 -- the GeoJSON feature id, as text
  geom geometry(Geometry, 4326),    -- NULL when the feature has no geometry
  t bigint,                         -- the collection's temporal property in epoch ms
  kind text,                        -- filter properties, copied from `properties`
  category text,
  status text,
  township_code text,
  grid_code text,
  responsible_unit text,
  json text NOT NULL,               -- {"type":"Feature","id":…,"geometry":…,"properties":…}
  version integer,                  -- issues: 1 after report/import, +1 per transition
  deadline_ms bigint,               -- issues: deadlineAt in epoch ms
  updated_ms bigint,                -- issues: updatedAt in epoch ms, for sorting
  UNIQUE (collection, id)
);

CREATE INDEX features_geom ON features USING gist (geom);
CREATE INDEX features_collection ON features (collection, fid);
CREATE INDEX features_kind ON features (collection, kind, fid);
CREATE INDEX features_category ON features (collection, category, fid);
CREATE INDEX features_status ON features (collection, status, fid);
CREATE INDEX features_township_code ON features (collection, township_code, fid);
CREATE INDEX features_grid_code ON features (collection, grid_code, fid);
CREATE INDEX features_responsible_unit ON features (collection, responsible_unit, fid);
CREATE INDEX features_t ON features (collection, t);
CREATE INDEX features_deadline ON features (collection, deadline_ms);
CREATE INDEX features_updated ON features (collection, updated_ms);

-- one row per loaded collection: counts, extents and inferred property types, so metadata
-- requests never scan the features
CREATE TABLE collection_stats (
  collection text PRIMARY KEY,
  count bigint NOT NULL,
  without_geometry bigint NOT NULL, -- features with a NULL geometry (they match every bbox)
  without_time bigint NOT NULL,     -- features with no temporal value (they match every datetime)
  minx double precision, miny double precision, maxx double precision, maxy double precision,
  t_min bigint, t_max bigint,
  properties text NOT NULL,         -- JSON: property name → { type, format? }
  loaded_at text NOT NULL
);

-- counters for generated ids (issue-00001 …, cp-0001 …)
CREATE TABLE sequences (
  name text PRIMARY KEY,
  value bigint NOT NULL
);
