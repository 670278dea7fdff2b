-- Idempotency-Key: the first answer to each user's key, replayed when the same request comes again
-- (offline queues and retries); expired keys are deleted as new ones are claimed.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  username TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,   -- sha256 of method, path and body
  status INTEGER,               -- NULL while the first request runs
  body TEXT,
  expires_at_ms INTEGER NOT NULL,
  PRIMARY KEY (username, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at_ms);
