// The grid managers' workspace API (/api/grids, /api/grid-managers): assignments, workload and
// rebalance, geometry edits, people, history and exports.
import { Router } from 'express'
import type { LiveLedger } from '../../live/live-ledger.ts'
import type { AppContext } from '../context.ts'

export function gridRoutes(_ctx: AppContext, _live: LiveLedger): Router {
  return Router()
}
