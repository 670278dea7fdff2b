-- 催办规则 as data: the administrators' rule set (JSON array of domain/reminders ReminderRule),
-- who saved it and when. No row: the campaign defaults (defaultReminderRules).
CREATE TABLE reminder_rules (
  id integer PRIMARY KEY CHECK (id = 1),
  rules jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at text NOT NULL
);

-- The outbox of outgoing channel messages (webhooks, SMS): written with what causes them, sent by
-- whichever process claims a row first (claimed_until is a lease: a crashed sender's rows come
-- back), retried at next_at with backoff, given up after the last attempt (status failed).
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  channel_id text NOT NULL,
  message jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_at text NOT NULL,
  claimed_by text,
  claimed_until text,
  last_error text,
  created_at text NOT NULL,
  done_at text
);
CREATE INDEX outbox_due ON outbox (status, next_at);

-- The outgoing channels (企业微信 / 钉钉 robots, generic webhooks) as the administrators set them:
-- a JSON array of reminders/channels WebhookChannel. No row: none.
CREATE TABLE reminder_channels (
  id integer PRIMARY KEY CHECK (id = 1),
  channels jsonb NOT NULL
);
