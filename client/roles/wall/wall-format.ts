// What the wall writes: the Beijing clock, rates, the freshness line and the 红黑榜 rows. Pure.

import { issueNoYear, parseIssueNo } from '../../../server/domain/issue-number.ts'
import { countyFormat, dayParts, minuteParts } from '../../lib/format.ts'

const clockParts = countyFormat({
  ...dayParts,
  weekday: 'long',
  ...minuteParts,
  second: '2-digit',
})

export interface Clock {
  date: string // 2026年05月20日
  weekday: string // 星期三
  time: string // 14:32:05
}

/** The title bar's clock, in Beijing time. */
export function beijingClock(now: Date): Clock {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    clockParts.formatToParts(now).find((p) => p.type === type)?.value ?? ''
  return {
    date: `${part('year')}年${part('month')}月${part('day')}日`,
    weekday: part('weekday'),
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
  }
}

const timeOfDay = countyFormat({ ...minuteParts, second: '2-digit' })
const monthDay = countyFormat({ month: 'numeric', day: 'numeric' })

/** An event's time: 14:32:05 today, 5月19日 14:32 on another day. */
export function feedTime(iso: string, now: Date): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const sameDay = monthDay.format(at) === monthDay.format(now)
  return sameDay
    ? timeOfDay.format(at)
    : `${monthDay.format(at)} ${timeOfDay.format(at).slice(0, 5)}`
}

/**
 * The 问题编号 in a feed row: without the year when it is this Beijing year (the title bar shows the
 * date, and the row has no room for all of 时间 · 动作 · 乡镇 · 类别 · 2026-000123 at 24 px), whole
 * otherwise. The ledger search finds an issue by either form.
 */
export function feedIssueNo(issueNo: string | undefined, now: Date): string {
  const parsed = issueNo === undefined ? undefined : parseIssueNo(issueNo)
  if (!parsed || !issueNo) return ''
  return parsed.year === issueNoYear(now.toISOString()) ? issueNo.slice(5) : issueNo
}

/** 0.8734 → 87.3%; null (nothing to count yet) → —. */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(Math.round(rate * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`
}

/** 12345 → 12,345 (big numbers read at 4 m with their separators). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return Math.round(n).toLocaleString('en-US')
}

/** 'live' while the stream is open; otherwise how long the wall has been cut off. */
export type Freshness =
  | { state: 'live' }
  | { state: 'connecting' }
  | { state: 'stale'; seconds: number }

export function freshnessText(freshness: Freshness): string {
  if (freshness.state === 'live') return '实时'
  if (freshness.state === 'connecting') return '正在连接…'
  return `数据可能已过期：与服务器断开 ${formatDuration(freshness.seconds)}`
}

/** 42 → 42 秒, 125 → 2 分 5 秒, 7260 → 2 小时 1 分. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  if (s < 60) return `${s} 秒`
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`
  return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`
}

export type RankingMetric = 'closureRate' | 'overdue'

export interface RankingEntryInput {
  rank: number
  code: string
  name?: string
  value: number
  tally?: { total?: number; closureRate?: number | null; overdue?: number }
}

export interface RankingRow {
  rank: number
  code: string
  name: string
  value: string // the ranked figure: 87.3% or 12 件
  detail: string // the other figure, for context
}

/** 红黑榜 rows: the ranked figure big, the other one small, names from `nameOf` when missing. */
export function rankingRows(
  entries: readonly RankingEntryInput[],
  by: RankingMetric,
  nameOf: (code: string) => string | undefined,
): RankingRow[] {
  return entries.map((e) => {
    const rate = by === 'closureRate' ? e.value : e.tally?.closureRate
    const overdue = by === 'overdue' ? e.value : e.tally?.overdue
    return {
      rank: e.rank,
      code: e.code,
      name: e.name || nameOf(e.code) || e.code,
      value: by === 'closureRate' ? formatRate(rate) : `${formatCount(overdue)} 件`,
      detail:
        by === 'closureRate' ? `逾期 ${formatCount(overdue)} 件` : `办结率 ${formatRate(rate)}`,
    }
  })
}

export const rankingTitles: Record<RankingMetric, string> = {
  closureRate: '按办结率',
  overdue: '按逾期件数',
}

// the abbreviations a 通报 uses; a unit not listed keeps its name, less 人民 in 人民政府
const unitAbbreviations: Record<string, string> = {
  'urban-management': '县城管局',
  'market-regulation': '县市监局',
  housing: '县住建局',
  'traffic-police': '县交警大队',
  health: '县卫健局',
  education: '县教体局',
  'culture-tourism': '县文旅局',
  transport: '县交通局',
  'civilization-office': '县文明办',
}

/** A responsible unit's short name for the wall: 县住房和城乡建设局 → 县住建局, 紫金乡人民政府 → 紫金乡政府. */
export function shortUnitName(code: string, name: string | undefined): string | undefined {
  return unitAbbreviations[code] ?? name?.replace(/人民政府$/, '政府')
}
