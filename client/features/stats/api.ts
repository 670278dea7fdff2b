// The wall's aggregates (/api/stats/*) and events (/api/events/*), read with the display token.
// Keys run generic → specific (`stats` → endpoint → params) so one pushed event can invalidate all.
// The responses are read tolerantly: a field the server names differently is looked up both ways.
import { queryOptions } from '@tanstack/react-query'
import type { Geometry, Polygon } from 'geojson'
import {
  ApiError,
  apiUrl,
  describeApiError,
  fetchCollection,
  parseJsonText,
  problemOf,
} from '../../lib/api-client.ts'
import { collectionKeys } from '../../lib/collection-query.ts'
import { counts, num, rateOf, str } from './read-body.ts'

export interface StatsFilter {
  township?: string // 9-digit code (tour mode); absent: the whole county
}

export interface Stamp {
  generatedAt?: string
  asOfEventSeq?: number
}

export interface Kpis extends Stamp {
  open: number
  overdue: number
  closedToday: number
  closureRate: number | null
  total: number
  reportedToday?: number
  foundToday?: number
}

export interface TallyRow {
  code: string
  name?: string
  total: number
  open: number
  overdue: number
  closed: number
  closureRate: number | null
}

export interface GridRow {
  gridCode: string
  open: number
  overdue: number
}

export interface TrendDay {
  date: string // YYYY-MM-DD, Asia/Shanghai
  found: number
  closed: number
}

export interface RankingEntry {
  rank: number
  code: string
  name?: string
  value: number
  tally?: { total?: number; closureRate?: number | null; overdue?: number }
}

export interface Rankings extends Stamp {
  by: RankingBy
  red: RankingEntry[]
  black: RankingEntry[]
  rule?: string
  minIssues?: number // fewer issues than this: not ranked
}

export type RankingBy = 'closureRate' | 'overdue'
export type RankingLevel = 'township' | 'unit'

export interface CompletionRow {
  unitCode: string
  unitName?: string
  due: number
  closedOnTime: number
  closedLate: number
  overdue: number
  rate: number | null
}

export interface HexProperties {
  count: number
  overdue: number
}

export interface HexFeature {
  type: 'Feature'
  id?: string | number
  geometry: Polygon
  properties: HexProperties
}

export interface HexCollection extends Stamp {
  type: 'FeatureCollection'
  features: HexFeature[]
}

export interface RawEvent {
  seq: number
  [key: string]: unknown
}

export interface AuthOptions {
  token?: string
}

/**
 * GET a JSON endpoint with the display token (as a header: it stays out of logs and history). No
 * abort signal on purpose: the bodies are small, and a refetch that supersedes one in flight (an
 * event burst, a tour step) then lets the old request finish instead of tearing it down.
 */
export async function getJson<T>(
  path: string,
  query: { [key: string]: string | number | undefined } | StatsFilter,
  auth: AuthOptions,
): Promise<T> {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value !== undefined && value !== '') search.set(key, String(value))
  }
  let response: Response
  try {
    response = await tokenFetch(auth.token)(apiUrl(path, search.toString()))
  } catch {
    throw new ApiError('无法连接数据服务')
  }
  return (await jsonBodyOf(response)) as T
}

/** The JSON body of a response; an ApiError in plain Chinese for an error status or no JSON. */
export async function jsonBodyOf(response: Response): Promise<unknown> {
  const body = parseJsonText(await response.text())
  if (!response.ok) {
    throw new ApiError(describeApiError(response.status, problemOf(body), '读取'), response.status)
  }
  if (body === undefined) throw new ApiError('数据服务返回的内容无法解析')
  return body
}

/** fetch with `Authorization: Bearer <token>` when there is a token. */
export function tokenFetch(token: string | undefined): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers)
    headers.set('Accept', headers.get('Accept') ?? 'application/json')
    if (token) headers.set('Authorization', `Bearer ${token}`)
    return globalThis.fetch(input, { ...init, headers, credentials: 'same-origin' })
  }
}

export const statsKeys = {
  all: ['stats'] as const,
  kpis: (f: StatsFilter) => [...statsKeys.all, 'kpis', f] as const,
  townships: () => [...statsKeys.all, 'townships'] as const,
  grids: () => [...statsKeys.all, 'grids'] as const,
  hexbins: (radiusMeters: number) => [...statsKeys.all, 'hexbins', radiusMeters] as const,
  trend: (f: StatsFilter, days: number) => [...statsKeys.all, 'trend', f, days] as const,
  rankings: (f: StatsFilter, level: RankingLevel, by: RankingBy, top: number) =>
    [...statsKeys.all, 'rankings', f, level, by, top] as const,
  completion: (f: StatsFilter) => [...statsKeys.all, 'completion', f] as const,
  recent: (limit: number) => [...statsKeys.all, 'recent', limit] as const,
}

export interface LiveOptions extends AuthOptions {
  refetchInterval: number | false // polling while the stream is down
}

function live(options: LiveOptions) {
  return { refetchInterval: options.refetchInterval, staleTime: 1000 }
}

export const kpisQuery = (f: StatsFilter, o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.kpis(f),
    queryFn: async () => toKpis(await getJson<Record<string, unknown>>('api/stats/kpis', f, o)),
    ...live(o),
  })

export const townshipStatsQuery = (o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.townships(),
    queryFn: async () => {
      const b = await getJson<{ rows?: unknown[] }>('api/stats/townships', {}, o)
      return (b.rows ?? []).map(toTallyRow)
    },
    ...live(o),
  })

export const gridStatsQuery = (o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.grids(),
    queryFn: async () =>
      toGridRows((await getJson<{ rows?: unknown[] }>('api/stats/grids', {}, o)).rows),
    ...live(o),
  })

export const hexbinsQuery = (radiusMeters: number, o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.hexbins(radiusMeters),
    queryFn: async () =>
      toHexCollection(await getJson<HexCollection>('api/stats/hexbins', { radiusMeters }, o)),
    ...live(o),
  })

export const trendQuery = (f: StatsFilter, days: number, o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.trend(f, days),
    queryFn: async () =>
      toTrendDays((await getJson<{ days?: unknown[] }>('api/stats/trend', { ...f, days }, o)).days),
    ...live(o),
  })

export const rankingsQuery = (
  f: StatsFilter,
  level: RankingLevel,
  by: RankingBy,
  top: number,
  o: LiveOptions,
) =>
  queryOptions({
    queryKey: statsKeys.rankings(f, level, by, top),
    queryFn: async () => {
      const b = await getJson<Record<string, unknown>>(
        'api/stats/rankings',
        { ...f, level, by, top },
        o,
      )
      return toRankings(b, by)
    },
    ...live(o),
  })

export const completionQuery = (f: StatsFilter, o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.completion(f),
    queryFn: async () =>
      toCompletionRows((await getJson<{ rows?: unknown[] }>('api/stats/completion', f, o)).rows),
    ...live(o),
  })

export const recentEventsQuery = (limit: number, o: LiveOptions) =>
  queryOptions({
    queryKey: statsKeys.recent(limit),
    queryFn: async () => {
      const b = await getJson<{ events?: unknown[] }>('api/events/recent', { limit }, o)
      return (b.events ?? []) as unknown[]
    },
    ...live(o),
  })

/** An OGC collection read with the token (READ_ACCESS=authenticated needs it). */
export function tokenCollectionQuery<G extends Geometry | null, P>(
  collectionId: string,
  auth: AuthOptions,
) {
  return queryOptions({
    queryKey: collectionKeys.items(collectionId),
    queryFn: ({ signal }) =>
      fetchCollection<G, P>(collectionId, { signal, fetchImpl: tokenFetch(auth.token) }),
    staleTime: 30 * 60_000, // boundaries and grids do not change while the wall is on
  })
}

/** The stream's URL: EventSource cannot send headers, so the token rides in the query. */
export function eventStreamUrl(auth: AuthOptions): string {
  const token = auth.token ? `&token=${encodeURIComponent(auth.token)}` : ''
  return apiUrl('api/events/stream', `views=1${token}`) // views=1: also `event: view`
}

export function toKpis(b: Record<string, unknown>): Kpis {
  return {
    ...stampOf(b),
    ...counts(b, 'open', 'overdue', 'closedToday', 'total'),
    closureRate: rateOf(b.closureRate),
    reportedToday: num(b.reportedToday ?? b.foundToday),
  }
}

export function toGridRows(rows: unknown): GridRow[] {
  return (Array.isArray(rows) ? rows : []).map((r): GridRow => {
    const row = r as Record<string, unknown>
    return {
      gridCode: str(row.gridCode) ?? str(row.code) ?? '',
      open: num(row.open),
      overdue: num(row.overdue),
    }
  })
}

export function toHexCollection(b: HexCollection | undefined): HexCollection {
  const features = (Array.isArray(b?.features) ? b.features : []).filter(
    (f) => f?.geometry?.type === 'Polygon',
  )
  return {
    ...stampOf((b ?? {}) as unknown as Record<string, unknown>),
    type: 'FeatureCollection',
    features: features.map((f) => ({
      ...f,
      properties: { count: num(f.properties?.count), overdue: num(f.properties?.overdue) },
    })),
  }
}

export function toTrendDays(days: unknown): TrendDay[] {
  return (Array.isArray(days) ? days : []).map((d): TrendDay => {
    const day = d as Record<string, unknown>
    return { date: str(day.date) ?? '', found: num(day.found), closed: num(day.closed) }
  })
}

export function toRankings(b: Record<string, unknown>, by: RankingBy): Rankings {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(toRankingEntry) : [])
  const minIssues = typeof b.minIssues === 'number' ? { minIssues: b.minIssues } : {}
  return {
    ...stampOf(b),
    by,
    red: list(b.red),
    black: list(b.black),
    rule: str(b.rule),
    ...minIssues,
  }
}

export function toCompletionRows(rows: unknown): CompletionRow[] {
  return (Array.isArray(rows) ? rows : []).map((r): CompletionRow => {
    const row = r as Record<string, unknown>
    return {
      unitCode: str(row.unitCode) ?? str(row.code) ?? '',
      unitName: str(row.unitName) ?? str(row.name),
      ...counts(row, 'due', 'closedOnTime', 'closedLate'),
      overdue: num(row.overdue ?? row.open),
      rate: rateOf(row.rate ?? row.completionRate),
    }
  })
}

function stampOf(b: Record<string, unknown>): Stamp {
  return {
    generatedAt: str(b.generatedAt),
    asOfEventSeq: typeof b.asOfEventSeq === 'number' ? b.asOfEventSeq : undefined,
  }
}

function toTallyRow(r: unknown): TallyRow {
  const row = r as Record<string, unknown>
  return {
    code: str(row.code) ?? '',
    name: str(row.name),
    ...counts(row, 'total', 'open', 'overdue', 'closed'),
    closureRate: rateOf(row.closureRate),
  }
}

function toRankingEntry(r: unknown, i: number): RankingEntry {
  const row = r as Record<string, unknown>
  const tally = (typeof row.tally === 'object' && row.tally !== null ? row.tally : row) as Record<
    string,
    unknown
  >
  return {
    rank: typeof row.rank === 'number' ? row.rank : i + 1,
    code: str(row.code) ?? '',
    name: str(row.name) ?? str(tally.name),
    value: num(row.value),
    tally: {
      total: num(tally.total),
      closureRate: rateOf(tally.closureRate),
      overdue: num(tally.overdue),
    },
  }
}
