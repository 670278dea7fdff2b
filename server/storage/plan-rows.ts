// The plans row, its mapping and the values it is written from, shared by the SQLite and PostGIS stores.
import { columnMap } from './column-map.ts'
import type { PlanRecord } from './plan-store.ts'

export interface PlanRow {
  id: string
  name: string
  checkpoint_ids: unknown
  weights: unknown
  constraints: unknown
  created_by: string
  created_at: string
  updated_at: string
}

const planMap = columnMap<PlanRecord>()(
  'id, name, checkpoint_ids:json, weights:json, constraints:json, created_by, created_at, updated_at',
)
const planListsMap = planMap.omit('id', 'createdBy', 'createdAt', 'updatedAt')

/** A new plan's columns (after seq and id). */
export const newPlans = planMap.omit('id')

export const planColumns = planMap.columns
export const toPlanRecord = (row: PlanRow): PlanRecord => planMap.fromRow(row)

/** A plan's name and lists, as name, checkpoint_ids, weights, constraints are written. */
export const planValues = planListsMap.values
