// CORS on the read-only OGC API (/, /api, /conformance, /collections/…, /tileMatrixSets): web maps on other
// origins (OpenLayers, Leaflet, a QGIS web client) may GET features. No credentials are allowed
// cross-origin, so a session cookie never rides along; the ledger's /api/… stays same-origin.
import type { RequestHandler } from 'express'

/** Paths the OGC read CORS applies to: /api itself but not the application's /api/… */
function isOgcReadPath(path: string): boolean {
  return (
    path === '/' ||
    path === '/api' ||
    path === '/conformance' ||
    path === '/collections' ||
    path.startsWith('/collections/') ||
    path === '/tileMatrixSets' ||
    path.startsWith('/tileMatrixSets/')
  )
}

/** `origins`: ['*'] for any origin, a list of exact origins, or [] for no CORS at all. */
export function corsOnReads(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*')
  return (req, res, next) => {
    const origin = req.headers.origin
    if (origins.length === 0 || !origin || !isOgcReadPath(req.path)) return next()
    if (!any) {
      res.vary('Origin')
      if (!origins.includes(origin)) return next()
    }
    const isPreflight = req.method === 'OPTIONS'
    if (req.method !== 'GET' && req.method !== 'HEAD' && !isPreflight) return next()
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin)
    if (!isPreflight) return next()
    // the display token travels in Authorization; everything else a reader sends is safelisted
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD')
    res.setHeader('Access-Control-Allow-Headers', 'Accept, Authorization')
    res.setHeader('Access-Control-Max-Age', '86400') // seconds
    res.status(204).end()
  }
}
