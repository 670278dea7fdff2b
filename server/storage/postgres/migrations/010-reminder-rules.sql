-- 催办规则 as data: the administrators' rule set (JSON array of domain/reminders ReminderRule),
-- who saved it and when. No row: the campaign defaults (defaultReminderRules).
CREATE TABLE reminder_rules (
  id integer PRIMARY KEY CHECK (id = 1),
  rules jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at text NOT NULL
);
