// The grid_managers, grid_codes and grid_events rows and their mapping, shared by the SQLite and
// PostGIS stores (JSON columns arrive as text from SQLite and parsed from PostGIS; active as 0/1
// from SQLite, a boolean from PostGIS).
import type { GridCodeRecord, GridEventRecord, GridManagerRecord } from './grid-store.ts'
import { jsonColumn } from './json-column.ts'

export interface ManagerRow {
  id: string
  name: string
  phone: string | null
  active: number | boolean
  created_at: string
}

export interface CodeRow {
  code: string
  status: 'active' | 'retired'
  created_at: string
  retired_at: string | null
  parents: unknown
  children: unknown
}

export interface GridEventRow {
  seq: number
  at: string
  actor: string
  actor_name: string
  action: GridEventRecord['action']
  grid_codes: unknown
  changes: unknown
  note: string | null
}

export function toManager(row: ManagerRow): GridManagerRecord {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    active: row.active === true || row.active === 1,
    createdAt: row.created_at,
  }
}

export function toCode(row: CodeRow): GridCodeRecord {
  return {
    code: row.code,
    status: row.status,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    parents: jsonColumn<string[]>(row.parents),
    children: jsonColumn<string[]>(row.children),
  }
}

export function toEventRecord(row: GridEventRow): GridEventRecord {
  const record: GridEventRecord = {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    gridCodes: jsonColumn<string[]>(row.grid_codes),
    changes: jsonColumn<Record<string, unknown>>(row.changes),
  }
  if (row.note !== null) record.note = row.note
  return record
}
