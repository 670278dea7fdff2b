// GET / — the landing page (/req/core/root-success); browsers asking for HTML get the map app.
import { Router } from 'express'
import { mediaTypes } from '../../ogc/links.ts'
import { toLandingPage } from '../../ogc/metadata.ts'
import { parseFormatOnly } from '../../ogc/parse-query.ts'
import { assertCanRead } from '../auth.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { sendJson } from '../send.ts'

export function landingRoutes(ctx: AppContext): Router {
  return Router().get('/', (req, res) => {
    const index = ctx.spaIndex()
    // the map owns its query string (URL state), so an HTML navigation is not validated as API input
    const htmlWanted =
      req.query.f === 'html' ||
      (req.query.f === undefined && req.accepts(['application/json', 'text/html']) === 'text/html')
    if (index && htmlWanted)
      return res.vary('Accept').sendFile(index, { headers: { 'Cache-Control': 'no-cache' } })
    assertCanRead(ctx, res) // the map page stays open (it has the login); its data does not
    const f = parseFormatOnly(req.query, index ? ['json', 'html'] : ['json'])
    const type = negotiate(req, [mediaTypes.json], f)
    sendJson(res, type, toLandingPage(ctx.baseUrl(req), { html: index !== undefined }))
  })
}
