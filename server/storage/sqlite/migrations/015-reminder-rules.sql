-- 催办规则 as data: the administrators' rule set (JSON array of domain/reminders ReminderRule),
-- who saved it and when. No row: the campaign defaults (defaultReminderRules).
CREATE TABLE IF NOT EXISTS reminder_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rules TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The outbox of outgoing channel messages (webhooks, SMS): written with what causes them, sent by
-- whichever process claims a row first (claimed_until is a lease: a crashed sender's rows come
-- back), retried at next_at with backoff, given up after the last attempt (status failed).
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  channel_id TEXT NOT NULL,
  message TEXT NOT NULL,          -- JSON ChannelMessage
  status TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_at);

-- The outgoing channels (企业微信 / 钉钉 robots, generic webhooks) as the administrators set them:
-- a JSON array of reminders/channels WebhookChannel. No row: none.
CREATE TABLE IF NOT EXISTS reminder_channels (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  channels TEXT NOT NULL
);
