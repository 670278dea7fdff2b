// 问题编号 (issueNo): the number a person reads, YYYY-NNNNNN, counted per county and per year of
// 发现 in Beijing time, gap-free. The internal id (issue-NNNNN) stays for URLs and APIs. Pure: the
// stores allocate numbers inside the transaction that creates the issue.

/** Beijing time is UTC+8 all year (no daylight saving since 1991). */
const beijingOffsetMs = 8 * 3600_000

export const issueNoDigits = 6 // 2026-000123
export const issueNoPattern = /^(\d{4})-(\d{6})$/

/** The calendar year in Beijing of an ISO 8601 instant: 2026-12-31T16:00:00Z is already 2027. */
export function issueNoYear(reportedAt: string): number {
  const ms = Date.parse(reportedAt)
  if (!Number.isFinite(ms)) throw new RangeError(`发现时间无效：${reportedAt}`)
  return new Date(ms + beijingOffsetMs).getUTCFullYear()
}

export function formatIssueNo(year: number, n: number): string {
  return `${year}-${String(n).padStart(issueNoDigits, '0')}`
}

/** The year and ordinal of a well-formed number, or undefined. */
export function parseIssueNo(text: string): { year: number; n: number } | undefined {
  const match = issueNoPattern.exec(text)
  if (!match) return undefined
  return { year: Number(match[1]), n: Number(match[2]) }
}

/** A number as one integer (year·10⁶ + ordinal, below 2³²), for columns; 0 when absent or malformed. */
export function issueNoCode(text: string | undefined): number {
  const parsed = text === undefined ? undefined : parseIssueNo(text)
  return parsed ? parsed.year * 10 ** issueNoDigits + parsed.n : 0
}

/** The number behind a column code (issueNoCode); undefined for 0 or a code no number gives. */
export function issueNoOfCode(code: number): string | undefined {
  if (!Number.isInteger(code) || code <= 0) return undefined
  const n = code % 10 ** issueNoDigits
  const year = (code - n) / 10 ** issueNoDigits
  return n > 0 && year <= 9999 ? formatIssueNo(year, n) : undefined
}

/**
 * What a person reads for an issue: its number, or the internal id while it has none. Takes a
 * feature or stored state (number under `properties`) as well as a flat view (`issueNo` beside `id`).
 */
export function issueLabel(issue: {
  id: string
  issueNo?: string | null | undefined
  properties?: { issueNo?: string | undefined }
}): string {
  return issue.properties?.issueNo ?? issue.issueNo ?? issue.id
}

export interface NumberedItem {
  id: string
  reportedAt: string
  issueNo?: string
}

/**
 * Numbers a whole set of issues at once (a bulk load): a well-formed number already given is
 * kept, the others get the next free numbers of their year in order of 发现时间, then id.
 * Items without a valid 发现时间 get none. Returns every numbered item's number and the last number used per year (the counters to store).
 */
export function numberIssues(items: readonly NumberedItem[]): {
  numbers: Map<string, string>
  lastByYear: Map<number, number>
} {
  const numbers = new Map<string, string>()
  const lastByYear = new Map<number, number>()
  const taken = new Set<string>()
  for (const item of items) {
    const parsed = item.issueNo === undefined ? undefined : parseIssueNo(item.issueNo)
    if (!parsed || !item.issueNo || taken.has(item.issueNo)) continue
    taken.add(item.issueNo)
    numbers.set(item.id, item.issueNo)
    lastByYear.set(parsed.year, Math.max(lastByYear.get(parsed.year) ?? 0, parsed.n))
  }
  const rest = items
    .filter((item) => !numbers.has(item.id))
    .map((item) => ({ item, ms: Date.parse(item.reportedAt) }))
    .filter(({ ms }) => Number.isFinite(ms)) // without a 发现时间 there is no year to count in
    .sort((a, b) => a.ms - b.ms || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0))
  for (const { item } of rest) {
    const year = issueNoYear(item.reportedAt)
    const n = (lastByYear.get(year) ?? 0) + 1
    lastByYear.set(year, n)
    numbers.set(item.id, formatIssueNo(year, n))
  }
  return { numbers, lastByYear }
}
