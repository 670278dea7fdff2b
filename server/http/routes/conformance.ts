// GET /conformance (/req/core/conformance-success)
import { Router } from 'express'
import { toConformance } from '../../ogc/conformance.ts'
import { mediaTypes } from '../../ogc/links.ts'
import { parseFormatOnly } from '../../ogc/parse-query.ts'
import { negotiate } from '../negotiate.ts'
import { sendJson } from '../send.ts'

export function conformanceRoutes(): Router {
  return Router().get('/conformance', (req, res) => {
    const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
    sendJson(res, type, toConformance())
  })
}
