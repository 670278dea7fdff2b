// GET /api — the OpenAPI 3.0 definition (/req/oas30/oas-definition-1)
import { Router } from 'express'
import { collections } from '../../collections.ts'
import { mediaTypes } from '../../ogc/links.ts'
import { toOpenApi } from '../../ogc/openapi.ts'
import { parseFormatOnly } from '../../ogc/parse-query.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { sendJson } from '../send.ts'

export function apiDefinitionRoutes(ctx: AppContext): Router {
  return Router().get('/api', (req, res) => {
    const type = negotiate(req, [mediaTypes.openapi, mediaTypes.json], parseFormatOnly(req.query))
    sendJson(
      res,
      type,
      toOpenApi(collections, ctx.baseUrl(req), { html: ctx.spaIndex() !== undefined }),
    )
  })
}
