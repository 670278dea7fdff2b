-- Pages of a bbox over points read straight from one covering index laid out by 0.002° cell
-- rows (the cells of migration 021), so the 1,000 features of a page sit next to each other
-- instead of being 1,000 random lookups in the load-ordered features table (see point-pages.ts).
-- It holds every column such a page reads: the point, the filter columns derived properties use
-- (overdue: status, deadline_ms) and the JSON. Only single-point features are indexed.
CREATE INDEX IF NOT EXISTS features_point_pages ON features (
  collection,
  ((CAST(round(miny * 10000000) AS INTEGER) + 1800000000) / 20000),
  ((CAST(round(minx * 10000000) AS INTEGER) + 1800000000) / 20000),
  fid, minx, miny, maxx, maxy, status, deadline_ms, json
) WHERE minx = maxx AND miny = maxy;
