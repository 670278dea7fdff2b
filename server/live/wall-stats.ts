// The wall's stats bodies: the analytics core's results with township and unit names joined, in the
// shapes of wall-api.md. Pure: columns, names and the clock in, plain JSON out; counting stays in
// server/analytics, so a body costs one pass over the columns plus work per group, never per issue.
import type { AnalyticsFilter } from '../analytics/analytics-filter.ts'
import { dailyTrend } from '../analytics/daily-trend.ts'
import { hexBins } from '../analytics/hex-bins.ts'
import { type HexFeatureCollection, toHexFeatureCollection } from '../analytics/hex-geojson.ts'
import type { IssueColumns } from '../analytics/issue-columns.ts'
import {
  byGrid,
  byTownship,
  byUnit,
  type GroupTally,
  type IssueTally,
  kpis,
} from '../analytics/issue-tally.ts'
import { type RankedEntry, type RankingMetric, rankings } from '../analytics/rankings.ts'
import { unitCompletion } from '../analytics/unit-completion.ts'
import type { Bbox } from '../ogc/feature-query.ts'

export interface WallData {
  columns: IssueColumns
  townshipNames: ReadonlyMap<string, string> // 乡镇 code → name
  unitNames: ReadonlyMap<string, string> // 责任单位 code → name
  now: Date
}

/** A tally as the API names it: 发现 today is `reportedToday`, like `reportedAt`. */
export interface TallyJson extends Omit<IssueTally, 'foundToday'> {
  reportedToday: number
}

export function toTallyJson({ foundToday, ...rest }: IssueTally): TallyJson {
  return { ...rest, reportedToday: foundToday }
}

const filterOf = (township: string | undefined): AnalyticsFilter =>
  township === undefined ? {} : { township }

/** Whether a township code is known: in the townships layer or on some issue. */
export function isKnownTownship(data: WallData, code: string): boolean {
  return data.townshipNames.has(code) || data.columns.townships.indexOf(code) !== -1
}

export function kpisBody(data: WallData, township?: string): TallyJson {
  return toTallyJson(kpis(data.columns, data.now, filterOf(township)))
}

/** Every township of the layer (zeros where no issue), plus codes only issues carry; by code. */
export function townshipRows(data: WallData, township?: string) {
  const tallies = new Map(
    byTownship(data.columns, data.now, filterOf(township)).map((t) => [t.code, t]),
  )
  const codes =
    township === undefined
      ? [...new Set([...data.townshipNames.keys(), ...tallies.keys()])].sort()
      : [township]
  return codes.map((code) => ({
    code,
    name: data.townshipNames.get(code) ?? code,
    ...toTallyJson(tallies.get(code) ?? emptyTally()),
  }))
}

/** Units with issues (in the township, when given), by code. */
export function unitRows(data: WallData, township?: string) {
  return byUnit(data.columns, data.now, filterOf(township)).map(({ code, ...tally }) => ({
    code,
    name: data.unitNames.get(code) ?? code,
    ...toTallyJson(tally),
  }))
}

/** Grids with issues, by code; the client joins them with the grids layer. */
export function gridRows(data: WallData, township?: string) {
  return byGrid(data.columns, data.now, filterOf(township)).map(({ code, ...tally }) => ({
    gridCode: code,
    ...toTallyJson(tally),
  }))
}

export interface HexQuery {
  radiusMeters: number
  bbox?: Bbox
  status: 'open' | 'overdue' | 'all'
  township?: string
}

/** Throws RangeError when the bbox holds too many hexagons of that radius. */
export function hexCollection(data: WallData, q: HexQuery): HexFeatureCollection {
  const bins = hexBins(data.columns, data.now, {
    radiusMeters: q.radiusMeters,
    status: q.status,
    ...(q.bbox ? { bbox: q.bbox } : {}),
    ...filterOf(q.township),
  })
  return toHexFeatureCollection(bins)
}

export function trendDays(data: WallData, days: number, township?: string) {
  return dailyTrend(data.columns, data.now, { days, ...filterOf(township) })
}

export interface RankingQuery {
  by: RankingMetric
  level: 'township' | 'unit'
  top: number
  minIssues: number
  township?: string
}

export function rankingBody(data: WallData, q: RankingQuery) {
  const filter = filterOf(q.township)
  const tallies =
    q.level === 'township'
      ? byTownship(data.columns, data.now, filter)
      : byUnit(data.columns, data.now, filter)
  const names = q.level === 'township' ? data.townshipNames : data.unitNames
  const ranked = rankings(tallies, { by: q.by, top: q.top, minIssues: q.minIssues })
  const entry = ({ rank, code, value, tally }: RankedEntry) => ({
    rank,
    code,
    name: names.get(code) ?? code,
    value,
    tally: toTallyJson(withoutCode(tally)),
  })
  return {
    by: q.by,
    level: q.level,
    minIssues: q.minIssues,
    red: ranked.red.map(entry),
    black: ranked.black.map(entry),
    ineligible: ranked.ineligible.map((code) => ({ code, name: names.get(code) ?? code })),
    rule: rankingRule(q),
  }
}

/** The 通报's sentence on who is ranked and how, in Chinese. */
export function rankingRule({ by, level, minIssues }: RankingQuery): string {
  const who = level === 'township' ? '乡镇' : '责任单位'
  const order =
    by === 'closureRate'
      ? '按办结率排名（并列时比较办结量、逾期数）；办结率 100% 的不列入黑榜'
      : '按逾期问题数排名（并列时比较办结率、问题总数）；无逾期问题的不列入黑榜'
  return (
    `问题不足 ${minIssues} 件的${who}样本不足，不参加排名；${order}；` +
    `红榜、黑榜各至多取参加排名${who}数的一半，同一${who}不同时上红榜和黑榜。`
  )
}

/** 台账 completion per unit: rate = closedOnTime / due (null when nothing is due yet). */
export function completionRows(data: WallData, township?: string) {
  return unitCompletion(data.columns, data.now, filterOf(township)).map((u) => ({
    unitCode: u.code,
    unitName: data.unitNames.get(u.code) ?? u.code,
    total: u.total,
    due: u.due,
    closedOnTime: u.closedOnTime,
    closedLate: u.closedLate,
    overdue: u.overdue,
    open: u.total - u.closedOnTime - u.closedLate,
    notDue: u.notDue,
    rate: u.completionRate,
  }))
}

function withoutCode({ code: _code, ...tally }: GroupTally): IssueTally {
  return tally
}

function emptyTally(): IssueTally {
  return {
    total: 0,
    open: 0,
    pending: 0,
    fixing: 0,
    reviewing: 0,
    closed: 0,
    overdue: 0,
    foundToday: 0,
    closedToday: 0,
    due: 0,
    closedOnTime: 0,
    closedLate: 0,
    closureRate: null,
    completionRate: null,
  }
}
