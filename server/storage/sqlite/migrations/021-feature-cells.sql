-- Point features counted per cell of 0.002° (20,000 R*Tree units, ≈ 200 m), so numberMatched for a
-- bbox sums the cells inside the box and asks the R*Tree only about the thin strips at its edges
-- (see cell-count.ts) instead of walking every match. Kept by triggers, so every writer (bulk
-- loads, the ledger, grid edits) keeps them in step. Only features whose bbox is a single point
-- are counted; feature_cell_totals lets a reader check that a collection has no other kind.
CREATE TABLE IF NOT EXISTS feature_cells (
  collection TEXT NOT NULL,
  cx INTEGER NOT NULL,          -- (round(x · 1e7) + 1,800,000,000) / 20,000, integer division
  cy INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (collection, cx, cy)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS feature_cell_totals (
  collection TEXT PRIMARY KEY,
  n INTEGER NOT NULL            -- sum of the collection's feature_cells
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS feature_cells_insert AFTER INSERT ON features
WHEN NEW.minx IS NOT NULL AND NEW.minx = NEW.maxx AND NEW.miny = NEW.maxy
BEGIN
  INSERT INTO feature_cells (collection, cx, cy, n)
  VALUES (NEW.collection,
          (CAST(round(NEW.minx * 10000000) AS INTEGER) + 1800000000) / 20000,
          (CAST(round(NEW.miny * 10000000) AS INTEGER) + 1800000000) / 20000, 1)
  ON CONFLICT (collection, cx, cy) DO UPDATE SET n = n + 1;
  INSERT INTO feature_cell_totals (collection, n) VALUES (NEW.collection, 1)
  ON CONFLICT (collection) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS feature_cells_delete AFTER DELETE ON features
WHEN OLD.minx IS NOT NULL AND OLD.minx = OLD.maxx AND OLD.miny = OLD.maxy
BEGIN
  UPDATE feature_cells SET n = n - 1
  WHERE collection = OLD.collection
    AND cx = (CAST(round(OLD.minx * 10000000) AS INTEGER) + 1800000000) / 20000
    AND cy = (CAST(round(OLD.miny * 10000000) AS INTEGER) + 1800000000) / 20000;
  UPDATE feature_cell_totals SET n = n - 1 WHERE collection = OLD.collection;
END;

-- a moved feature leaves its old cell and enters the new one
CREATE TRIGGER IF NOT EXISTS feature_cells_move_out AFTER UPDATE OF minx, miny, maxx, maxy ON features
WHEN OLD.minx IS NOT NULL AND OLD.minx = OLD.maxx AND OLD.miny = OLD.maxy
BEGIN
  UPDATE feature_cells SET n = n - 1
  WHERE collection = OLD.collection
    AND cx = (CAST(round(OLD.minx * 10000000) AS INTEGER) + 1800000000) / 20000
    AND cy = (CAST(round(OLD.miny * 10000000) AS INTEGER) + 1800000000) / 20000;
  UPDATE feature_cell_totals SET n = n - 1 WHERE collection = OLD.collection;
END;

CREATE TRIGGER IF NOT EXISTS feature_cells_move_in AFTER UPDATE OF minx, miny, maxx, maxy ON features
WHEN NEW.minx IS NOT NULL AND NEW.minx = NEW.maxx AND NEW.miny = NEW.maxy
BEGIN
  INSERT INTO feature_cells (collection, cx, cy, n)
  VALUES (NEW.collection,
          (CAST(round(NEW.minx * 10000000) AS INTEGER) + 1800000000) / 20000,
          (CAST(round(NEW.miny * 10000000) AS INTEGER) + 1800000000) / 20000, 1)
  ON CONFLICT (collection, cx, cy) DO UPDATE SET n = n + 1;
  INSERT INTO feature_cell_totals (collection, n) VALUES (NEW.collection, 1)
  ON CONFLICT (collection) DO UPDATE SET n = n + 1;
END;

-- counted afresh (a database taken back to an older version runs this again)
DELETE FROM feature_cells;
DELETE FROM feature_cell_totals;
INSERT INTO feature_cells (collection, cx, cy, n)
SELECT collection,
       (CAST(round(minx * 10000000) AS INTEGER) + 1800000000) / 20000,
       (CAST(round(miny * 10000000) AS INTEGER) + 1800000000) / 20000,
       count(*)
FROM features WHERE minx IS NOT NULL AND minx = maxx AND miny = maxy
GROUP BY 1, 2, 3;

INSERT INTO feature_cell_totals (collection, n)
SELECT collection, sum(n) FROM feature_cells GROUP BY collection;
