-- Personal API tokens (Bearer) for GIS clients such as QGIS and GDAL: read what the user's role
-- may read, never write. Hashed like sessions; a user has as many as they were given.
CREATE TABLE IF NOT EXISTS api_tokens (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users (username),
  label TEXT NOT NULL,       -- what it is for: 「QGIS」
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS api_tokens_user ON api_tokens (username);
