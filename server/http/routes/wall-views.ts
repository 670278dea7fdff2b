// GET /api/wall/view?township= (a scope's panels) and GET /api/wall/map (the county map's
// aggregates): the shared, versioned views of server/live/wall-views.ts. Reads only: the display
// token, any session, or anyone under READ_ACCESS=public. Every screen gets the same bytes, gzipped
// once; a screen that already holds them gets 304 by ETag.
import type { Request, Response } from 'express'
import { Router } from 'express'
import { z } from 'zod'
import { InvalidInput } from '../../domain/errors.ts'
import type { ViewBody, WallViews } from '../../live/wall-views.ts'
import { parseApiQuery } from '../body.ts'
import { townshipOnlySchema } from './stats-query.ts'

const noQuerySchema = z.object({}).strict()

export function wallViewRoutes(views: WallViews): Router {
  return Router()
    .get('/api/wall/view', async (req, res) => {
      const { township } = parseApiQuery(townshipOnlySchema, req.query)
      if (township !== undefined && !(await views.isKnownTownship(township))) {
        throw new InvalidInput([{ field: 'township', message: `没有代码为 ${township} 的乡镇` }])
      }
      sendView(req, res, await views.panels(township))
    })
    .get('/api/wall/map', async (req, res) => {
      parseApiQuery(noQuerySchema, req.query)
      sendView(req, res, await views.map())
    })
}

function sendView(req: Request, res: Response, view: ViewBody): void {
  res.setHeader('ETag', view.etag)
  res.setHeader('Cache-Control', 'no-cache') // always revalidate: the next version may be a second away
  res.setHeader('Vary', 'Accept-Encoding')
  const seen = req.get('if-none-match')
  if (seen?.split(/\s*,\s*/).includes(view.etag)) {
    res.status(304).end()
    return
  }
  res.type('application/json')
  if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
    res.setHeader('Content-Encoding', 'gzip') // compression() leaves an encoded body alone
    res.send(view.gzip)
  } else {
    res.send(view.body)
  }
}
