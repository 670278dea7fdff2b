-- Counts from the rows: before writes took the stats row under the write lock, two processes on one
-- file each saved their own cached count over the other's (numberMatched fell short of the rows).
UPDATE collection_stats SET
  count = (SELECT count(*) FROM features f WHERE f.collection = collection_stats.collection),
  without_geometry = (SELECT count(*) FROM features f
                      WHERE f.collection = collection_stats.collection AND f.minx IS NULL),
  without_time = (SELECT count(*) FROM features f
                  WHERE f.collection = collection_stats.collection AND f.t IS NULL);

-- Counters of the rate limits (failed sign-ins), shared by every process on this file: a limit
-- kept in one cluster worker's memory would let each worker allow the full number.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,        -- limiter name | its key (IP, username …)
  hits INTEGER NOT NULL,
  reset_at_ms INTEGER NOT NULL -- epoch ms when the window ends and the count starts over
);
