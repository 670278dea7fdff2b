-- 催办规则 as data: the administrators' rule set (JSON array of domain/reminders ReminderRule),
-- who saved it and when. No row: the campaign defaults (defaultReminderRules).
CREATE TABLE IF NOT EXISTS reminder_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rules TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
