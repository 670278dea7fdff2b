// What the SQLite and PostGIS grids parts share beyond the rows (grid-rows.ts): reading features'
// JSON into grid records and located check points, counting check points, remapping accounts' grid
// codes, and the first-use seeding of grid managers. Each dialect keeps its SQL and driver calls.
import type { LngLat } from '../domain/issue.ts'
import {
  type GridActor,
  type GridFeatureRecord,
  type GridManagerRecord,
  GridsVersionConflict,
  type LocatedPoint,
  type NewGridEvent,
} from './grid-store.ts'
import { seqId } from './seq-id.ts'

export type CheckpointCounts = Map<string, { fixed: number; random: number }>

/** Fixed and random check points per grid code, from `grid_code, kind, count(*)` rows. */
export function checkpointCounts(
  rows: readonly { grid_code: string; kind: string | null; n: number }[],
): CheckpointCounts {
  const counts: CheckpointCounts = new Map()
  for (const row of rows) {
    let count = counts.get(row.grid_code)
    if (!count) {
      count = { fixed: 0, random: 0 }
      counts.set(row.grid_code, count)
    }
    if (row.kind === 'fixed') count.fixed += row.n
    else if (row.kind === 'random') count.random += row.n
  }
  return counts
}

/** A grids feature's stored JSON as a grid record. */
export function toGridFeature(json: string): GridFeatureRecord {
  const f = JSON.parse(json) as GridFeatureRecord
  return { id: String(f.id), geometry: f.geometry, properties: f.properties }
}

/** A check point feature's stored JSON as a located point (none without a point or a grid). */
export function toLocatedPoints(json: string): LocatedPoint[] {
  const f = JSON.parse(json) as {
    id: string | number
    geometry: { type: string; coordinates: LngLat } | null
    properties: { gridCode?: string; townshipCode?: string }
  }
  if (f.geometry?.type !== 'Point' || !f.properties.gridCode) return []
  return [
    {
      id: String(f.id),
      lngLat: f.geometry.coordinates,
      gridCode: f.properties.gridCode,
      townshipCode: f.properties.townshipCode,
    },
  ]
}

/** An account's grid codes with retired codes replaced, or undefined when none of them changes. */
export function remapGridCodes(
  before: readonly string[],
  codes: Map<string, string[]>,
): string[] | undefined {
  if (!before.some((code) => codes.has(code))) return undefined
  return [...new Set(before.flatMap((code) => codes.get(code) ?? [code]))]
}

/** The seeding time: now, to the second. */
export const seedTime = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * The managers to create and the grids to save for first use: a grid's managerId that names no
 * manager creates it; for geodata without managerId, one manager per distinct (manager,
 * managerPhone), numbered after the highest gm-NNNN, and the grid gets its managerId.
 */
export function seedManagers(
  grids: readonly GridFeatureRecord[],
  existing: readonly GridManagerRecord[],
  at: string,
): { managers: GridManagerRecord[]; grids: GridFeatureRecord[] } {
  const managers = new Map(existing.map((m) => [m.id, m]))
  const byName = new Map([...managers.values()].map((m) => [`${m.name}|${m.phone ?? ''}`, m.id]))
  let next =
    Math.max(0, ...[...managers.keys()].map((id) => Number(/^gm-(\d+)$/.exec(id)?.[1] ?? 0))) + 1
  const created: GridManagerRecord[] = []
  const changed: GridFeatureRecord[] = []
  const create = (m: GridManagerRecord, key: string) => {
    managers.set(m.id, m)
    byName.set(key, m.id)
    created.push(m)
  }
  for (const grid of grids) {
    const p = grid.properties
    const name = typeof p.manager === 'string' ? p.manager.trim() : ''
    const phone = typeof p.managerPhone === 'string' ? p.managerPhone : null
    let id: string | null = typeof p.managerId === 'string' ? p.managerId : null
    if (id && !managers.has(id)) {
      const m = { id, name: name || id, phone, active: true, createdAt: at }
      create(m, `${m.name}|${phone ?? ''}`)
    }
    if (Object.hasOwn(p, 'managerId')) continue
    if (name) {
      const key = `${name}|${phone ?? ''}`
      id = byName.get(key) ?? null
      if (!id) {
        id = seqId('gm', next++)
        create({ id, name, phone, active: true, createdAt: at }, key)
      }
    }
    changed.push({ ...grid, properties: { ...p, managerId: id } })
  }
  return { managers: created, grids: changed }
}

/** A change may only go on from the version its client read (when it names one). */
export function checkGridsVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw new GridsVersionConflict(current)
}

/** The grid_events columns, in the order of `gridEventValues`. */
export const gridEventColumns = 'at, actor, actor_name, action, grid_codes, changes, note'
export const gridEventValues = (event: NewGridEvent, actor: GridActor, at: string): unknown[] => [
  at,
  actor.username,
  actor.displayName,
  event.action,
  JSON.stringify(event.gridCodes),
  JSON.stringify(event.changes),
  event.note ?? null,
]
