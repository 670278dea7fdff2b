-- Idempotency-Key: the same table as SQLite's migration 014.
CREATE TABLE idempotency_keys (
  username text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,   -- sha256 of method, path and body
  status integer,               -- NULL while the first request runs
  body text,
  expires_at_ms bigint NOT NULL,
  PRIMARY KEY (username, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at_ms);
