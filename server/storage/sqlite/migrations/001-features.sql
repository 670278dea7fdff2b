-- Features of every collection in one table, each kept as its serialized GeoJSON so a page is
-- served by concatenating text. The columns beside it exist only to select rows fast.
CREATE TABLE features (
  fid INTEGER PRIMARY KEY,      -- row id, shared with features_rtree
  collection TEXT NOT NULL,     -- collection id, e.g. 'issues'
  id TEXT NOT NULL,             -- the GeoJSON feature id, as text
  minx REAL, miny REAL,         -- geometry bbox in CRS84 degrees; NULL when the feature has no geometry
  maxx REAL, maxy REAL,
  t INTEGER,                    -- the collection's temporal property in epoch ms; NULL without one
  kind TEXT,                    -- filter properties, copied from `properties` (see sqlite-store.ts)
  category TEXT,
  status TEXT,
  township_code TEXT,
  grid_code TEXT,
  responsible_unit TEXT,
  json TEXT NOT NULL            -- {"type":"Feature","id":…,"geometry":…,"properties":…}
);

CREATE UNIQUE INDEX features_collection_id ON features (collection, id);
-- (collection, x) indexes end in fid, so equality lookups come back in page order without a sort
CREATE INDEX features_collection ON features (collection);
CREATE INDEX features_kind ON features (collection, kind);
CREATE INDEX features_category ON features (collection, category);
CREATE INDEX features_status ON features (collection, status);
CREATE INDEX features_township_code ON features (collection, township_code);
CREATE INDEX features_grid_code ON features (collection, grid_code);
CREATE INDEX features_responsible_unit ON features (collection, responsible_unit);
CREATE INDEX features_t ON features (collection, t);

-- bbox of every feature that has a geometry, in integer units of 1e-7 degree (exact for geodata
-- with up to 7 decimals), plus the collection's ordinal as a third dimension, so a bbox query on
-- one collection is answered by the R*Tree alone
CREATE VIRTUAL TABLE features_rtree USING rtree_i32 (fid, minx, maxx, miny, maxy, minc, maxc);

-- one row per loaded collection: counts, extents and inferred property types, so metadata
-- requests never scan the features
CREATE TABLE collection_stats (
  collection TEXT PRIMARY KEY,
  ordinal INTEGER NOT NULL UNIQUE,   -- the collection's coordinate in features_rtree (minc = maxc)
  count INTEGER NOT NULL,
  without_geometry INTEGER NOT NULL, -- features with a NULL geometry (they match every bbox)
  without_time INTEGER NOT NULL,     -- features with no temporal value (they match every datetime)
  on_grid INTEGER NOT NULL,          -- 1 when every bbox coordinate is a multiple of 1e-7 degree
  minx REAL, miny REAL, maxx REAL, maxy REAL,
  t_min INTEGER, t_max INTEGER,
  properties TEXT NOT NULL,          -- JSON: property name → { type, format? }
  loaded_at TEXT NOT NULL
);
