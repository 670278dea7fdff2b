// The planners' workspace API (/api/planning, /api/plans): demonstration-point scores and plans,
// random-draw rehearsal, score forecast, 1 km radii and corridors.
import { Router } from 'express'
import type { LiveLedger } from '../../live/live-ledger.ts'
import type { AppContext } from '../context.ts'

export function planningRoutes(_ctx: AppContext, _live: LiveLedger): Router {
  return Router()
}
