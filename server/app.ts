// createApp: the Express app serving the OGC API, the ledger's /api and the built client. No listen,
// no env reads: main.ts and the tests hand it a store and settings.

import compression from 'compression'
import express, { type Express } from 'express'
import {
  type MaterialSettings,
  materialPanelSource,
  materialSettingsOf,
} from './assessment/material-wiring.ts'
import { defaultScryptCost, type ScryptCost } from './auth/password.ts'
import { place } from './config/place.ts'
import { type Config, defaultAttachmentsDir } from './config.ts'
import { authenticate, csrfGuard, readGuard } from './http/auth.ts'
import { authorise } from './http/authorise.ts'
import { type AppContext, baseUrlFrom } from './http/context.ts'
import { corsOnReads } from './http/cors.ts'
import { errorHandler, notFoundHandler } from './http/error-handler.ts'
import { idempotency } from './http/idempotency.ts'
import { apiPaths, methodNotAllowed } from './http/method-not-allowed.ts'
import { type LogLine, requestLog } from './http/request-log.ts'
import { accountabilityRoutes } from './http/routes/accountability.ts'
import { apiDefinitionRoutes } from './http/routes/api-definition.ts'
import { assessmentSystemRoutes } from './http/routes/assessment-system.ts'
import { attachmentRoutes } from './http/routes/attachments.ts'
import { baseMapRoutes } from './http/routes/basemaps.ts'
import { checklistRoutes } from './http/routes/checklists.ts'
import { collectionRoutes } from './http/routes/collections.ts'
import { conformanceRoutes } from './http/routes/conformance.ts'
import { departmentEvaluationRoutes } from './http/routes/department-evaluations.ts'
import { eventRoutes } from './http/routes/events.ts'
import { exchangeRoutes } from './http/routes/exchange.ts'
import { gridRoutes } from './http/routes/grids.ts'
import { healthRoutes } from './http/routes/health.ts'
import { issueActionRoutes } from './http/routes/issue-actions.ts'
import { issueRoutes } from './http/routes/issues.ts'
import { itemRoutes } from './http/routes/items.ts'
import { landingRoutes } from './http/routes/landing.ts'
import { materialRoutes } from './http/routes/materials.ts'
import { notificationRoutes } from './http/routes/notifications.ts'
import { placeRoutes } from './http/routes/place.ts'
import { planningRoutes } from './http/routes/planning.ts'
import { sessionRoutes } from './http/routes/session.ts'
import { statsRoutes } from './http/routes/stats.ts'
import { supervisionRoutes } from './http/routes/supervision.ts'
import { surveyRoutes } from './http/routes/surveys.ts'
import { tileRoutes } from './http/routes/tiles.ts'
import { unitRoutes } from './http/routes/units.ts'
import { wallViewRoutes } from './http/routes/wall-views.ts'
import { securityHeaders } from './http/security-headers.ts'
import { spaIndexOf, spaPage, spaRoutes } from './http/spa.ts'
import { LiveLedger } from './live/live-ledger.ts'
import { WallViews } from './live/wall-views.ts'
import type { Store } from './storage/store.ts'
import { type BaseMaps, noBaseMaps } from './storage/tile-archives/base-maps.ts'
import { TileService } from './tiles/tile-service.ts'

export interface AuthOptions {
  passwordCost: ScryptCost // @default defaultScryptCost; tests pass a cheap one
  sessionTtlMs: number // @default 12 hours
  loginLimit: { max: number; ipMax: number; windowMs: number } // @default 10 per account, 30 per IP, per 15 minutes
}

const authDefaults: AuthOptions = {
  passwordCost: defaultScryptCost,
  sessionTtlMs: 12 * 3_600_000, // a working day
  loginLimit: { max: 10, ipMax: 30, windowMs: 15 * 60_000 }, // failed sign-ins per account; per IP across accounts
}

export interface AppOptions {
  store: Store
  config?: Partial<
    Pick<
      Config,
      | 'publicBaseUrl'
      | 'distDir'
      | 'readAccess'
      | 'attachmentsDir'
      | 'databasePath'
      | 'frameAncestors'
      | 'corsOrigins'
    >
  >
  auth?: Partial<AuthOptions>
  now?: () => Date // clock for timeStamp, overdue, sessions and events; tests pin it
  log?: LogLine // request log and server errors; @default console.log
  live?: LiveLedger // the wall's live view of `store`; @default one built here
  views?: WallViews // the wall's shared views over `live`; @default one built here
  materials?: Partial<MaterialSettings> // 材料审核: @default the store's 测评体系, the place's schedule
  baseMaps?: BaseMaps // configured base maps (BASE_MAPS_FILE), opened; @default none: the offline map only
}

export function createApp({
  store,
  config = {},
  auth = {},
  now = () => new Date(),
  log = console.log,
  live: givenLive,
  views: givenViews,
  materials: givenMaterials,
  baseMaps = noBaseMaps,
}: AppOptions): Express {
  const distDir = config.distDir ?? 'dist'
  const { passwordCost, sessionTtlMs } = { ...authDefaults, ...auth }
  const loginLimit = { ...authDefaults.loginLimit, ...auth.loginLimit }
  // every ledger write goes through the live view's store: it updates the wall's columns, then publishes
  const live = givenLive ?? new LiveLedger(store, { now })
  if (live.source !== store) throw new Error('the live ledger watches another store')
  const materials = materialSettingsOf(store, now(), givenMaterials)
  const views =
    givenViews ?? new WallViews(live, {}, materialPanelSource(live.store, materials, now))
  const ctx: AppContext = {
    store: live.store,
    now,
    baseUrl: baseUrlFrom(config.publicBaseUrl),
    spaIndex: spaIndexOf(distDir),
    readAccess: config.readAccess ?? 'public',
    secureCookies: config.publicBaseUrl?.startsWith('https:') ?? false,
    sessionTtlMs,
    passwordCost,
    attachmentsDir:
      config.attachmentsDir ?? defaultAttachmentsDir(config.databasePath ?? ':memory:'),
    loginLimit,
  }
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple') // ?a=1&a=2 → array (rejected as repeated), a[b]=1 stays a flat key
  // before the request log (probes every few seconds), sign-in and read access (a probe has neither)
  app.use(healthRoutes(ctx, live))
  app.use(requestLog(log))
  app.use(securityHeaders(config.frameAncestors, baseMaps.origins))
  app.use(corsOnReads(config.corsOrigins ?? ['*']))
  // GeoJSON pages shrink ~5–10× with gzip; write answers are small JSON, not worth the wrapping
  app.use(
    compression({ filter: (req, res) => req.method === 'GET' && compression.filter(req, res) }),
  )
  app.use(express.json({ limit: '1mb' })) // ledger bodies are small; a malformed one is a clean 400
  // the wall's page itself needs no token: with a wrong one it must still load and say what to do
  // (its data requests answer 401 and it shows a full-screen page instead of a JSON error)
  app.get(['/wall', '/wall/'], spaPage(distDir))
  app.use(authenticate(ctx))
  app.use('/api', csrfGuard(ctx))
  app.use(authorise()) // who may write what: http/authorise.ts writeRules
  app.use(idempotency(ctx)) // a write retried with its Idempotency-Key is answered, not run, again
  app.use(sessionRoutes(ctx)) // signing in needs no read access
  app.use(placeRoutes(place, ctx.store)) // nor do the place's names, titles and bounds
  app.use(['/api', '/collections', '/conformance'], readGuard(ctx))
  app.use(
    landingRoutes(ctx),
    conformanceRoutes(),
    apiDefinitionRoutes(ctx),
    collectionRoutes(ctx),
    itemRoutes(ctx),
    tileRoutes(ctx, new TileService(live.store, live, now)),
    baseMapRoutes(ctx, baseMaps),
    exchangeRoutes(ctx), // before issueRoutes: /api/issues/export.xlsx is not an issue id
    issueRoutes(ctx),
    issueActionRoutes(ctx),
    attachmentRoutes(ctx),
    unitRoutes(ctx),
    statsRoutes(ctx, live),
    eventRoutes(ctx, live, views),
    wallViewRoutes(views),
    gridRoutes(ctx, live),
    assessmentSystemRoutes(ctx),
    departmentEvaluationRoutes(ctx),
    checklistRoutes(ctx),
    planningRoutes(ctx, live),
    supervisionRoutes(ctx),
    notificationRoutes(ctx),
    materialRoutes(ctx, materials, () => views.touchMaterials()),
    surveyRoutes(ctx),
    accountabilityRoutes(ctx),
  )
  app.all(apiPaths, methodNotAllowed)
  app.use(spaRoutes(distDir))
  app.use(notFoundHandler)
  app.use(errorHandler(log))
  return app
}
