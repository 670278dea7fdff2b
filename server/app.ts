// createApp: the Express app serving the OGC API and the built client. No listen, no env reads:
// main.ts and the tests hand it a store and settings.
import compression from 'compression'
import express, { type Express } from 'express'
import type { Config } from './config.ts'
import { baseUrlFrom } from './http/context.ts'
import { errorHandler, notFoundHandler } from './http/error-handler.ts'
import { apiPaths, methodNotAllowed } from './http/method-not-allowed.ts'
import { type LogLine, requestLog } from './http/request-log.ts'
import { apiDefinitionRoutes } from './http/routes/api-definition.ts'
import { collectionRoutes } from './http/routes/collections.ts'
import { conformanceRoutes } from './http/routes/conformance.ts'
import { itemRoutes } from './http/routes/items.ts'
import { landingRoutes } from './http/routes/landing.ts'
import { spaIndexOf, spaRoutes } from './http/spa.ts'
import type { Store } from './storage/store.ts'

export interface AppOptions {
  store: Store
  config?: Partial<Pick<Config, 'publicBaseUrl' | 'distDir'>>
  now?: () => Date // clock for timeStamp; tests pin it
  log?: LogLine // request log and server errors; @default console.log
}

export function createApp({
  store,
  config = {},
  now = () => new Date(),
  log = console.log,
}: AppOptions): Express {
  const distDir = config.distDir ?? 'dist'
  const ctx = {
    store,
    now,
    baseUrl: baseUrlFrom(config.publicBaseUrl),
    spaIndex: spaIndexOf(distDir),
  }
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple') // ?a=1&a=2 → array (rejected as repeated), a[b]=1 stays a flat key
  app.use(requestLog(log))
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    next()
  })
  app.use(compression()) // GeoJSON pages shrink ~5–10× with gzip
  app.use(express.json({ limit: '1mb' })) // no write routes yet; a malformed body is still a clean 400
  app.use(
    landingRoutes(ctx),
    conformanceRoutes(),
    apiDefinitionRoutes(ctx),
    collectionRoutes(ctx),
    itemRoutes(ctx),
  )
  app.all(apiPaths, methodNotAllowed)
  app.use(spaRoutes(distDir))
  app.use(notFoundHandler)
  app.use(errorHandler(log))
  return app
}
