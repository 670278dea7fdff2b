// Reporting periods (本周, 上周, 本月, 上月, custom dates, a round) as half-open instants [startMs, endMs)
// in Asia/Shanghai, and the period before each for 环比. A week starts Monday 00:00 Beijing time.
// China Standard Time is UTC+8 with no daylight saving, so the arithmetic is a fixed offset. Pure.

const offsetMs = 8 * 3_600_000 // Asia/Shanghai, UTC+8
const dayMs = 86_400_000

export const periodKinds = ['this-week', 'last-week', 'this-month', 'last-month', 'custom'] as const
export type PeriodKind = (typeof periodKinds)[number] | 'round'

export const periodKindLabels: Readonly<Record<PeriodKind, string>> = {
  'this-week': '本周',
  'last-week': '上周',
  'this-month': '本月',
  'last-month': '上月',
  custom: '自定义',
  round: '督查轮次',
}

export interface Period {
  kind: PeriodKind
  startMs: number // inclusive
  endMs: number // exclusive
  from: string // first Beijing calendar day, YYYY-MM-DD
  to: string // last Beijing calendar day, YYYY-MM-DD (inclusive)
  label: string // 2026年11月16日至11月22日
}

/** Days since 1970-01-01 on the Beijing calendar. */
function beijingDay(ms: number): number {
  return Math.floor((ms + offsetMs) / dayMs)
}

function dayStartMs(day: number): number {
  return day * dayMs - offsetMs
}

function toDate(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10)
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** The Beijing day number of `YYYY-MM-DD`, or undefined when it is not a real date. */
export function parseDay(date: string): number | undefined {
  const m = datePattern.exec(date)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return toDate(ms / dayMs) === date ? ms / dayMs : undefined
}

/** 2026年11月16日 */
export function toChineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

function labelOf(from: string, to: string): string {
  if (from === to) return toChineseDate(from)
  const [fy] = from.split('-')
  const [ty, tm, td] = to.split('-').map(Number)
  return fy === String(ty)
    ? `${toChineseDate(from)}至${tm}月${td}日`
    : `${toChineseDate(from)}至${toChineseDate(to)}`
}

/** The period of whole Beijing days firstDay … lastDay (inclusive). */
export function periodOfDays(firstDay: number, lastDay: number, kind: PeriodKind): Period {
  const from = toDate(firstDay)
  const to = toDate(lastDay)
  return {
    kind,
    startMs: dayStartMs(firstDay),
    endMs: dayStartMs(lastDay + 1),
    from,
    to,
    label: labelOf(from, to),
  }
}

/** Monday of the Beijing week containing the day (1970-01-01 was a Thursday). */
function mondayOf(day: number): number {
  return day - ((day + 3) % 7)
}

/** First day of the month `monthsBack` months before the Beijing month containing the day. */
function monthStart(day: number, monthsBack: number): number {
  const d = new Date(day * dayMs)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1) / dayMs
}

export type PeriodSpec =
  | { kind: (typeof periodKinds)[number]; from?: string; to?: string }
  | { kind: 'round'; from: string; to: string }

/**
 * The period a spec names at `now`. 本周 and 本月 run to the end of the week or month (not to now), so
 * the same request gives the same period all week. Throws RangeError on a bad custom range.
 */
export function resolvePeriod(spec: PeriodSpec, now: Date): Period {
  const today = beijingDay(now.getTime())
  switch (spec.kind) {
    case 'this-week':
      return periodOfDays(mondayOf(today), mondayOf(today) + 6, spec.kind)
    case 'last-week':
      return periodOfDays(mondayOf(today) - 7, mondayOf(today) - 1, spec.kind)
    case 'this-month':
      return periodOfDays(monthStart(today, 0), monthStart(today, -1) - 1, spec.kind)
    case 'last-month':
      return periodOfDays(monthStart(today, 1), monthStart(today, 0) - 1, spec.kind)
    case 'custom':
    case 'round': {
      const first = spec.from === undefined ? undefined : parseDay(spec.from)
      const last = spec.to === undefined ? undefined : parseDay(spec.to)
      if (first === undefined || last === undefined) {
        throw new RangeError('起止日期须为 YYYY-MM-DD 格式的有效日期')
      }
      if (last < first) throw new RangeError('结束日期不能早于开始日期')
      if (last - first > 366) throw new RangeError('时段最长 367 天')
      return periodOfDays(first, last, spec.kind)
    }
  }
}

/**
 * The period 环比 compares with: the week before a week, the calendar month before a month, and
 * for custom dates and rounds the same number of days just before.
 */
export function previousPeriod(period: Period): Period {
  const first = beijingDay(period.startMs)
  const last = beijingDay(period.endMs) - 1
  if (period.kind === 'this-month' || period.kind === 'last-month') {
    return periodOfDays(monthStart(first, 1), first - 1, period.kind)
  }
  const days = last - first + 1
  return periodOfDays(first - days, first - 1, period.kind)
}

export function isWithin(ms: number, period: Pick<Period, 'startMs' | 'endMs'>): boolean {
  return ms >= period.startMs && ms < period.endMs
}

/** Relative change for 环比: (current − previous) / previous; null when there was nothing before. */
export function relativeChange(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous
}

/** 环比上升 12.5% / 环比下降 3.0% / 环比持平 / 上期无数据 */
export function describeChange(current: number, previous: number): string {
  const change = relativeChange(current, previous)
  if (change === null) return current === 0 ? '环比持平' : '上期为零'
  if (change === 0) return '环比持平'
  return `环比${change > 0 ? '上升' : '下降'}${(Math.abs(change) * 100).toFixed(1)}%`
}
