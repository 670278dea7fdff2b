-- 催办: what the reminder scheduler has sent, so that each rule fires once per issue and deadline,
-- whatever the number of processes and restarts; and every user's notifications (消息中心).
CREATE TABLE IF NOT EXISTS reminder_log (
  rule_id TEXT NOT NULL,
  issue_id TEXT NOT NULL,
  deadline_at TEXT NOT NULL,  -- a new deadline re-arms the rules
  sent_at TEXT NOT NULL,
  PRIMARY KEY (rule_id, issue_id, deadline_at)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS notifications (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users (username),
  kind TEXT NOT NULL,          -- reminder | urge | escalation | digest
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  issue_id TEXT,               -- the issue it is about; none for a digest
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX IF NOT EXISTS notifications_inbox ON notifications (username, read_at, id);
