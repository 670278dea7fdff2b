// The plans row and its mapping, shared by the SQLite and PostGIS stores.
import { jsonColumn } from './json-column.ts'
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

export const planColumns =
  'id, name, checkpoint_ids, weights, constraints, created_by, created_at, updated_at'

export function toPlanRecord(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    name: row.name,
    checkpointIds: jsonColumn<string[]>(row.checkpoint_ids),
    weights: jsonColumn<PlanRecord['weights']>(row.weights),
    constraints: jsonColumn<PlanRecord['constraints']>(row.constraints),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
