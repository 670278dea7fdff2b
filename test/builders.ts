// Builders for test features: valid defaults, override what the test is about.
// Positions default to the county seat of 巍山 (南诏镇); ids are unique per call.
import type { CheckpointProperties } from '../server/domain/checkpoint.ts'
import type { IssueProperties } from '../server/domain/issue.ts'
import type { GeoJsonFeature } from '../server/storage/store.ts'

type LngLat = [lng: number, lat: number]

export const countySeat: LngLat = [100.30603, 25.230114]

let sequence = 0
const nextId = (prefix: string) => `${prefix}-${String(++sequence).padStart(5, '0')}`

export interface FeatureOverrides<P> {
  id?: string
  lngLat?: LngLat
  properties?: Partial<P>
}

export function buildIssue(overrides: FeatureOverrides<IssueProperties> = {}): GeoJsonFeature {
  const properties: IssueProperties = {
    category: 'street-vending',
    description: '农贸市场门口占道经营（示例）',
    status: 'fixing',
    reportedAt: '2026-11-01T02:00:00Z',
    updatedAt: '2026-11-02T03:00:00Z',
    deadlineAt: '2026-11-04T02:00:00Z',
    responsibleUnit: 'urban-management',
    checkpointId: 'cp-0001',
    gridCode: '532927101001001',
    townshipCode: '532927101',
    synthetic: true,
    ...overrides.properties,
  }
  return point(overrides.id ?? nextId('issue'), overrides.lngLat ?? countySeat, properties)
}

export function buildCheckpoint(
  overrides: FeatureOverrides<CheckpointProperties> = {},
): GeoJsonFeature {
  const properties: CheckpointProperties = {
    name: '农贸市场（示例）',
    kind: 'fixed',
    category: 'market',
    townshipCode: '532927101',
    villageCode: '532927101001',
    gridCode: '532927101001001',
    synthetic: true,
    ...overrides.properties,
  }
  return point(overrides.id ?? nextId('cp'), overrides.lngLat ?? countySeat, properties)
}

export interface GridOverrides {
  id?: string
  /** [west, south, east, north] of the square grid cell */
  bbox?: [number, number, number, number]
  properties?: Record<string, unknown>
}

export function buildGrid(overrides: GridOverrides = {}): GeoJsonFeature {
  const [w, s, e, n] = overrides.bbox ?? [100.3, 25.22, 100.31, 25.23]
  const id = overrides.id ?? nextId('532927101001')
  return {
    type: 'Feature',
    id,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
    properties: {
      gridCode: id,
      name: '南诏镇-城区第1网格',
      townshipCode: '532927101',
      villageCode: '532927101001',
      responsibleUnit: 'township-532927101',
      synthetic: true,
      ...overrides.properties,
    },
  }
}

function point(id: string, lngLat: LngLat, properties: object): GeoJsonFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: lngLat },
    properties: properties as Record<string, unknown>,
  }
}

/** Deterministic PRNG (mulberry32) for generated fixtures. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
