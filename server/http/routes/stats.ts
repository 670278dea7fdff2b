// GET /api/stats/*: the wall's aggregates over the live IssueColumns (server/live/wall-stats.ts), each
// stamped with generatedAt and asOfEventSeq. Reads only: the display token, any session, or anyone
// under READ_ACCESS=public. A body is reused for a second while no write has changed the columns.
import type { Request, Response } from 'express'
import { Router } from 'express'
import type { ZodType } from 'zod'
import { InvalidInput } from '../../domain/errors.ts'
import type { LiveLedger } from '../../live/live-ledger.ts'
import {
  completionRows,
  gridRows,
  hexCollection,
  isKnownTownship,
  kpisBody,
  rankingBody,
  townshipRows,
  trendDays,
  unitRows,
  type WallData,
} from '../../live/wall-stats.ts'
import { parseApiQuery } from '../body.ts'
import type { AppContext } from '../context.ts'
import { hexbinsSchema, rankingsSchema, townshipOnlySchema, trendSchema } from './stats-query.ts'

export interface StatsRouteOptions {
  cacheMs: number // how long a body is reused while the columns are unchanged; 0 = never
}

const maxCached = 256 // bodies; the cache is emptied past it (the wall asks for a handful)

export function statsRoutes(
  { store, now }: AppContext,
  live: LiveLedger,
  { cacheMs }: StatsRouteOptions = { cacheMs: 1000 },
): Router {
  const cache = new Map<string, { columns: object; version: number; atMs: number; body: string }>()

  /** Parses the query, checks the township, and answers from the cache or `build`. */
  function handle<T extends { township?: string }>(
    schema: ZodType<T>,
    build: (data: WallData, params: T) => object,
    mediaType = 'application/json',
  ) {
    return async (req: Request, res: Response) => {
      const params = parseApiQuery(schema, req.query)
      await live.ready
      const at = now()
      const key = req.url
      const hit = cache.get(key)
      const { columns } = live
      const version = columns.version // bumped by every write; a reload replaces the columns
      const fresh = hit && hit.columns === columns && hit.version === version
      if (fresh && Math.abs(at.getTime() - hit.atMs) < cacheMs) {
        res.type(mediaType).send(hit.body)
        return
      }
      const data: WallData = {
        columns,
        townshipNames: live.townshipNames,
        unitNames: new Map((await store.units()).map((u) => [u.code, u.name])),
        now: at,
      }
      if (params.township !== undefined && !isKnownTownship(data, params.township)) {
        throw new InvalidInput([
          { field: 'township', message: `没有代码为 ${params.township} 的乡镇` },
        ])
      }
      const stamp = { generatedAt: at.toISOString(), asOfEventSeq: live.lastSeq }
      const body = JSON.stringify({ ...build(data, params), ...stamp })
      if (cacheMs > 0) {
        if (cache.size >= maxCached) cache.clear()
        cache.set(key, { columns, version, atMs: at.getTime(), body })
      }
      res.type(mediaType).send(body)
    }
  }

  return Router()
    .get(
      '/api/stats/kpis',
      handle(townshipOnlySchema, (d, p) => kpisBody(d, p.township)),
    )
    .get(
      '/api/stats/townships',
      handle(townshipOnlySchema, (d, p) => ({ rows: townshipRows(d, p.township) })),
    )
    .get(
      '/api/stats/units',
      handle(townshipOnlySchema, (d, p) => ({ rows: unitRows(d, p.township) })),
    )
    .get(
      '/api/stats/grids',
      handle(townshipOnlySchema, (d, p) => ({ rows: gridRows(d, p.township) })),
    )
    .get('/api/stats/hexbins', handle(hexbinsSchema, hexbinsOrBadBbox, 'application/geo+json'))
    .get(
      '/api/stats/trend',
      handle(trendSchema, (d, p) => ({ days: trendDays(d, p.days, p.township) })),
    )
    .get('/api/stats/rankings', handle(rankingsSchema, rankingBody))
    .get(
      '/api/stats/completion',
      handle(townshipOnlySchema, (d, p) => ({ rows: completionRows(d, p.township) })),
    )
}

function hexbinsOrBadBbox(
  data: WallData,
  params: Parameters<typeof hexCollection>[1],
): ReturnType<typeof hexCollection> {
  try {
    return hexCollection(data, params)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    const field = params.bbox ? 'bbox' : 'radiusMeters'
    throw new InvalidInput([
      { field, message: '范围内的六边形过多：请缩小范围（bbox）或增大半径（radiusMeters）' },
    ])
  }
}
