import { describe, expect, test } from 'vitest'
import {
  catchUpMs,
  defaultReminderRules,
  dueReminders,
  type OpenIssue,
} from '../../server/domain/reminders.ts'

const hour = 3_600_000
const day = 24 * hour
const now = Date.parse('2026-12-05T02:00:00Z') // 10:00 in Beijing

function issue(id: string, deadlineAtMs: number): OpenIssue {
  return { id, category: '暴露垃圾', unitCode: 'um', townshipCode: '532927100', deadlineAtMs }
}

const ruleIds = (issues: OpenIssue[]) =>
  dueReminders(issues, defaultReminderRules, now).map((d) => `${d.issue.id}:${d.rule.id}`)

describe('due reminders', () => {
  test('before the deadline: the reminders whose moment has come, not the stale ones', () => {
    expect(ruleIds([issue('a', now + 3 * hour)])).toEqual(['a:before-24h'])
    expect(ruleIds([issue('a', now + hour)])).toEqual(['a:before-24h', 'a:before-2h'])
  })

  test('a 提醒 whose moment came before the issue was found never applies', () => {
    // found at 10:00 with a 12-hour deadline: the 24-hour 提醒 was never on time
    const found = { ...issue('short', now + 12 * hour), reportedAtMs: now }
    expect(ruleIds([found])).toEqual([])
    const due = dueReminders([found], defaultReminderRules, now + 10 * hour)
    expect(due.map((d) => d.rule.id)).toEqual(['before-2h'])
    // found at its moment exactly: still on time
    expect(ruleIds([{ ...issue('a', now + 24 * hour), reportedAtMs: now }])).toEqual([
      'a:before-24h',
    ])
    // the 催办 and escalations are owed whenever it was found
    const late = { ...issue('late', now - 4 * day), reportedAtMs: now - hour }
    expect(ruleIds([late])).toEqual(['late:overdue', 'late:overdue-3d'])
  })

  test('after it: the 催办 and each escalation as its day comes', () => {
    expect(ruleIds([issue('a', now - 4 * day)])).toEqual(['a:overdue', 'a:overdue-3d'])
    expect(ruleIds([issue('a', now - 14 * day - hour)])).toEqual([
      'a:overdue-3d',
      'a:overdue-7d',
      'a:overdue-14d',
    ]) // the 催办 at the deadline is past the 14-day catch-up limit
  })

  test('a moment older than the catch-up limit is history, not sent', () => {
    expect(catchUpMs).toBe(14 * day)
    expect(ruleIds([issue('a', now - catchUpMs)])).toContain('a:overdue') // exactly at the limit
    expect(ruleIds([issue('a', now - catchUpMs - 1)])).not.toContain('a:overdue')
    // a year-old issue: every rule's moment is long past
    expect(ruleIds([issue('old', now - 365 * day)])).toEqual([])
  })

  test('an imported ledger of years gives only the recent moments', () => {
    const issues = Array.from({ length: 1000 }, (_, i) => issue(`i${i}`, now - i * day))
    const due = dueReminders(issues, defaultReminderRules, now)
    for (const d of due) expect(now - d.atMs).toBeLessThanOrEqual(catchUpMs)
    expect(new Set(due.map((d) => d.issue.id)).size).toBe(29) // deadlines 0–28 days ago
  })
})
