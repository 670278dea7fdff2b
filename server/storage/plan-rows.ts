// The plans row, its mapping and the values it is written from, shared by the SQLite and PostGIS stores.
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

/** A plan's name and lists, as name, checkpoint_ids, weights, constraints are written. */
export const planValues = (
  p: Pick<PlanRecord, 'name' | 'checkpointIds' | 'weights' | 'constraints'>,
) => [
  p.name,
  JSON.stringify(p.checkpointIds),
  JSON.stringify(p.weights),
  JSON.stringify(p.constraints),
]
