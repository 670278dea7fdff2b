// The built client (dist/): static files, and index.html for browser navigations to client routes.
// API-looking paths, file-like paths and non-HTML requests are left to the 404 problem handler.
import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import express, { type Request, type RequestHandler, Router } from 'express'

const apiPrefixes = ['/api', '/collections', '/conformance']

function isHtmlNavigation(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  if (apiPrefixes.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return false
  if (/\.[A-Za-z0-9]+$/.test(req.path)) return false // a missing asset, not a page
  return (
    req.accepts(['application/json', 'text/html']) === 'text/html' &&
    req.get('accept') !== undefined
  )
}

/** Path of dist/index.html if the client is built (checked per call: `vite build` may run later). */
export function spaIndexOf(distDir: string): () => string | undefined {
  const index = join(resolve(distDir), 'index.html')
  return () => (existsSync(index) ? index : undefined)
}

export function spaRoutes(distDir: string): Router {
  const router = Router()
  const assetsDir = join(resolve(distDir), 'assets') + sep
  router.use(
    express.static(resolve(distDir), {
      index: false, // `/` is the landing route's: JSON for API clients, the map for browsers
      setHeaders(res, path) {
        if (path.endsWith('.mjs')) res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
        // Vite puts content hashes in asset names, so they never change
        if (path.startsWith(assetsDir)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
        }
      },
    }),
  )
  router.get('/{*splat}', spaPage(distDir))
  return router
}

/** index.html for a browser navigation (when the client is built); anything else goes on. */
export function spaPage(distDir: string): RequestHandler {
  const spaIndex = spaIndexOf(distDir)
  return (req, res, next) => {
    const index = spaIndex()
    if (!index || !isHtmlNavigation(req)) return next()
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(index)
  }
}
