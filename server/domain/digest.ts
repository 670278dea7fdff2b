// Daily digests per unit (pure): at a set Beijing time, each unit hears what is 今日到期, 已逾期 and
// 新交办 among its open issues. A digest belongs to a Beijing day; it is due from its moment to the end
// of that day, so a server that was down all day does not send yesterday's the next morning (the
// next digest covers the same issues, as they are then).
import { issueLabel } from './issue-number.ts'
import type { OpenIssue } from './reminders.ts'

const beijingOffsetMs = 8 * 3_600_000 // Asia/Shanghai has no daylight saving time
const dayMs = 86_400_000

/** 'HH:MM' (24 h) → minutes after Beijing midnight; undefined when malformed. */
export function parseDigestTime(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined
}

/** The Beijing day of an instant: its date ('2026-11-25') and its midnight in ms since the epoch. */
export function beijingDay(nowMs: number): { date: string; startMs: number } {
  const local = nowMs + beijingOffsetMs
  const startMs = local - (((local % dayMs) + dayMs) % dayMs) - beijingOffsetMs
  return { date: new Date(startMs + beijingOffsetMs).toISOString().slice(0, 10), startMs }
}

/** The day whose digest is due at `nowMs` (its moment has come, its day has not ended), if any. */
export function digestDue(
  nowMs: number,
  minutesAfterMidnight: number,
): { date: string; startMs: number } | undefined {
  const day = beijingDay(nowMs)
  return nowMs >= day.startMs + minutesAfterMidnight * 60_000 ? day : undefined
}

export interface UnitDigest {
  unitCode: string
  dueToday: OpenIssue[] // deadline later today (Beijing)
  overdue: OpenIssue[] // deadline passed
  newlyAssigned: OpenIssue[] // reported in the 24 hours before the digest, still open
}

export interface DigestIssue extends OpenIssue {
  reportedAtMs: number
}

/** One digest per unit with anything to say, in unit-code order. */
export function unitDigests(
  issues: Iterable<DigestIssue>,
  nowMs: number,
  dayStartMs: number,
): UnitDigest[] {
  const byUnit = new Map<string, UnitDigest>()
  const digestOf = (unitCode: string) => {
    let digest = byUnit.get(unitCode)
    if (!digest) {
      digest = { unitCode, dueToday: [], overdue: [], newlyAssigned: [] }
      byUnit.set(unitCode, digest)
    }
    return digest
  }
  for (const issue of issues) {
    if (!issue.unitCode) continue
    if (issue.deadlineAtMs < nowMs) digestOf(issue.unitCode).overdue.push(issue)
    else if (issue.deadlineAtMs < dayStartMs + dayMs) digestOf(issue.unitCode).dueToday.push(issue)
    if (issue.reportedAtMs > nowMs - dayMs && issue.reportedAtMs <= nowMs) {
      digestOf(issue.unitCode).newlyAssigned.push(issue)
    }
  }
  return [...byUnit.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode))
}

/** The digest's message: a title and one line per heading, with up to `listed` 问题编号 each. */
export function digestMessage(
  digest: UnitDigest,
  unitName: string,
  date: string,
  listed = 10,
): { title: string; body: string } {
  const line = (heading: string, list: readonly OpenIssue[]) => {
    const ids = list.slice(0, listed).map((i) => issueLabel(i))
    const more = list.length > listed ? ` 等` : ''
    return `${heading} ${list.length} 件${ids.length ? `：${ids.join('、')}${more}` : ''}`
  }
  return {
    title: `每日汇总（${date}）：${unitName}`,
    body: [
      line('今日到期', digest.dueToday),
      line('已逾期', digest.overdue),
      line('新交办', digest.newlyAssigned),
    ].join('\n'),
  }
}
