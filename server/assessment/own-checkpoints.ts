// 本单位点位: the check points a unit operator 自查s — those whose own 责任单位 (点长制) is their unit,
// and those without one that lie in a grid of their unit — each with its map status, so the phone
// lists them instead of asking for a number. The same rule as checkpointOr404's, over every point at
// once: the grids are read once and tested in memory.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { MultiPolygon, Polygon } from 'geojson'
import { type Box, boxOfRings } from '../domain/bbox.ts'
import { type CheckStatus, checkStatusOf } from '../domain/checklist.ts'
import type { CheckpointCategory, CheckpointKind } from '../domain/checkpoint.ts'
import { Forbidden } from '../domain/errors.ts'
import type { LngLat } from '../domain/issue.ts'
import type { User } from '../domain/roles.ts'
import type { Store } from '../storage/store.ts'

export interface OwnCheckpoint {
  id: string
  name: string
  kind: CheckpointKind
  category: CheckpointCategory
  status: CheckStatus
  at?: string // the latest inspection's time
}

interface GridShape {
  unit?: string
  bbox: [number, number, number, number]
  geometry: Polygon | MultiPolygon
}

function bboxOf(geometry: Polygon | MultiPolygon): Box {
  return boxOfRings(
    geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat(),
  )
}

const everything = { properties: {}, limit: 1_000_000, offset: 0 }

/** The caller's unit's points, fixed before random, by id; 403 for anyone but a unit operator. */
export async function ownCheckpoints(
  store: Store,
  user: User,
  now: Date,
): Promise<OwnCheckpoint[]> {
  if (user.role !== 'unit-operator' || !user.unitCode) {
    throw new Forbidden('只有责任单位经办人有本单位的自查点位')
  }
  const grids: GridShape[] = (await store.features('grids', everything)).features.map((text) => {
    const g = JSON.parse(text) as {
      geometry: Polygon | MultiPolygon
      properties: { responsibleUnit?: string }
    }
    return {
      ...(g.properties.responsibleUnit ? { unit: g.properties.responsibleUnit } : {}),
      bbox: bboxOf(g.geometry),
      geometry: g.geometry,
    }
  })
  const gridUnitAt = ([x, y]: LngLat) =>
    grids.find(
      (g) =>
        x >= g.bbox[0] &&
        x <= g.bbox[2] &&
        y >= g.bbox[1] &&
        y <= g.bbox[3] &&
        booleanPointInPolygon([x, y], g.geometry),
    )?.unit
  const latest = new Map((await store.latestInspections()).map((l) => [l.checkpointId, l]))
  const found: OwnCheckpoint[] = []
  for (const text of (await store.features('checkpoints', everything)).features) {
    const f = JSON.parse(text) as {
      id: string
      geometry: { coordinates: LngLat }
      properties: {
        name: string
        kind: CheckpointKind
        category: CheckpointCategory
        unitCode?: string
      }
    }
    const unit = f.properties.unitCode ?? gridUnitAt(f.geometry.coordinates)
    if (unit !== user.unitCode) continue
    const last = latest.get(f.id)
    found.push({
      id: f.id,
      name: f.properties.name,
      kind: f.properties.kind,
      category: f.properties.category,
      status: checkStatusOf(last, now.getTime()),
      ...(last ? { at: last.at } : {}),
    })
  }
  return found.sort((a, b) =>
    a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind === 'fixed' ? -1 : 1,
  )
}
