// The wall's shared views (/api/wall/view, /api/wall/map): one body per scope for every screen,
// fetched with If-None-Match so an unchanged version costs a 304 and no re-render.
import { queryOptions } from '@tanstack/react-query'
import { ApiError, apiUrl } from '../../lib/api-client.ts'
import {
  type AuthOptions,
  type CompletionRow,
  type GridRow,
  type HexCollection,
  jsonBodyOf,
  type Kpis,
  type LiveOptions,
  type RankingBy,
  type RankingLevel,
  type Rankings,
  type StatsFilter,
  type TrendDay,
  toCompletionRows,
  toGridRows,
  toHexCollection,
  toKpis,
  tokenFetch,
  toRankings,
  toTrendDays,
} from './api.ts'
import { counts, num, rateOf, record, str } from './read-body.ts'

export const wallKeys = {
  all: ['wall-view'] as const,
  panels: (f: StatsFilter) => [...wallKeys.all, 'panels', f] as const,
  map: () => [...wallKeys.all, 'map'] as const,
}

/** 台账材料 completion of one unit (材料审核): tasks, reported, approved, overdue and the rates. */
export interface MaterialRow {
  unitCode: string
  unitName?: string
  tasks: number
  reported: number
  approved: number
  overdue: number
  reportRate: number | null // 台账上报率
  photoRate: number | null // 图片资料完成率
}

export interface WallView {
  version: number
  kpis: Kpis
  trend: TrendDay[]
  completion: CompletionRow[]
  materials: MaterialRow[] | null // null without a 测评体系 to document
  rankings: Record<RankingBy, Record<RankingLevel, Rankings>>
  recent: unknown[]
}

export interface WallMapView {
  version: number
  heat: HexCollection
  hexagons: HexCollection
  grids: GridRow[]
}

const viewCache = new Map<string, { etag: string; data: unknown }>() // url → last body, for 304

/**
 * GET a shared view with If-None-Match: a 304 answers with the body already held (same object, so
 * nothing downstream re-renders).
 */
async function getView<T>(
  path: string,
  query: string,
  auth: AuthOptions,
  parse: (b: Record<string, unknown>) => T,
): Promise<T> {
  const url = apiUrl(path, query)
  const held = viewCache.get(url)
  let response: Response
  try {
    response = await tokenFetch(auth.token)(url, {
      cache: 'no-store', // the ETag is ours to send; the HTTP cache would answer 200 from itself
      headers: held ? { 'If-None-Match': held.etag } : {},
    })
  } catch {
    throw new ApiError('无法连接数据服务')
  }
  if (response.status === 304 && held) return held.data as T
  const body = await jsonBodyOf(response)
  if (typeof body !== 'object' || body === null) throw new ApiError('数据服务返回的内容无法解析')
  const data = parse(body as Record<string, unknown>)
  const etag = response.headers.get('ETag')
  if (etag) viewCache.set(url, { etag, data })
  return data
}

export function toWallView(b: Record<string, unknown>): WallView {
  const rankings = record(b.rankings)
  const pair = (by: RankingBy) => {
    const r = record(rankings[by])
    return { township: toRankings(record(r.township), by), unit: toRankings(record(r.unit), by) }
  }
  return {
    version: num(b.version),
    kpis: toKpis(record(b.kpis)),
    trend: toTrendDays(b.trend),
    completion: toCompletionRows(b.completion),
    materials: toMaterialRows(b.materials),
    rankings: { closureRate: pair('closureRate'), overdue: pair('overdue') },
    recent: Array.isArray(b.recent) ? b.recent : [],
  }
}

export function toWallMapView(b: Record<string, unknown>): WallMapView {
  return {
    version: num(b.version),
    heat: toHexCollection(b.heat as HexCollection | undefined),
    hexagons: toHexCollection(b.hexagons as HexCollection | undefined),
    grids: toGridRows(b.grids),
  }
}

/** One scope's panels; refetched when the stream announces a new version (never overlapping). */
export const wallViewQuery = (f: StatsFilter, o: LiveOptions) =>
  queryOptions({
    queryKey: wallKeys.panels(f),
    queryFn: () =>
      getView('api/wall/view', f.township ? `township=${f.township}` : '', o, toWallView),
    refetchInterval: o.refetchInterval,
    staleTime: Number.POSITIVE_INFINITY, // new versions are announced; polling only while down
  })

/** The county map's aggregates. */
export const wallMapQuery = (o: LiveOptions) =>
  queryOptions({
    queryKey: wallKeys.map(),
    queryFn: () => getView('api/wall/map', '', o, toWallMapView),
    refetchInterval: o.refetchInterval,
    staleTime: Number.POSITIVE_INFINITY,
  })

export function toMaterialRows(body: unknown): MaterialRow[] | null {
  const units = record(body).units
  if (!Array.isArray(units)) return null
  return units.map((r): MaterialRow => {
    const row = record(r)
    return {
      unitCode: str(row.unitCode) ?? '',
      unitName: str(row.unitName),
      ...counts(row, 'tasks', 'reported', 'approved', 'overdue'),
      reportRate: rateOf(row.reportRate),
      photoRate: rateOf(row.photoRate),
    }
  })
}
