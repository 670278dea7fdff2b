// What both stores derive alike from a feature for its row and its bbox queries: the properties
// with their own indexed column, a column's text, a time's epoch ms, and the bbox tests the query
// planners start from. The SQL around them stays with each dialect.
import type { CollectionDef } from '../collections.ts'
import type { Bbox } from '../ogc/feature-query.ts'
import { bboxOf } from './bbox-of.ts'
import type { GeoJsonFeature } from './store.ts'

export const issuesCollectionId = 'issues'

/** Filter properties with their own indexed column; others are read from the JSON. */
export const propertyColumns: Readonly<Record<string, string>> = {
  kind: 'kind',
  category: 'category',
  status: 'status',
  townshipCode: 'township_code',
  gridCode: 'grid_code',
  responsibleUnit: 'responsible_unit',
}

/** A property's value as its indexed column holds it: scalars as text, anything else NULL. */
export function toColumnValue(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : null
}

/** An ISO time as epoch ms, NULL when it is not one. */
export function epochMs(value: unknown): number | null {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isFinite(ms) ? ms : null
}

/** What a feature's row holds besides its geometry, derived alike by both stores. */
export interface FeatureValues {
  bbox: Bbox | undefined
  t: number | null // epoch ms of the collection's temporal property
  columns: (string | null)[] // in propertyColumns order
  json: string // the stored Feature
  version: number | null // issues only, as deadlineMs and updatedMs
  deadlineMs: number | null
  updatedMs: number | null
  properties: Record<string, unknown>
}

export function toFeatureValues(
  def: CollectionDef,
  id: string,
  feature: GeoJsonFeature,
  version?: number,
): FeatureValues {
  const properties = feature.properties ?? {}
  const timeValue = def.temporalProperty ? properties[def.temporalProperty] : undefined
  const t = typeof timeValue === 'string' ? Date.parse(timeValue) : Number.NaN
  const isIssue = def.id === issuesCollectionId
  return {
    bbox: bboxOf(feature.geometry),
    t: Number.isFinite(t) ? t : null,
    columns: Object.keys(propertyColumns).map((property) => toColumnValue(properties[property])),
    json: JSON.stringify({
      type: 'Feature',
      id: feature.id ?? id,
      geometry: feature.geometry ?? null,
      properties,
    }),
    version: isIssue ? (version ?? 1) : null,
    deadlineMs: isIssue ? epochMs(properties.deadlineAt) : null,
    updatedMs: isIssue ? epochMs(properties.updatedAt) : null,
    properties,
  }
}

/** Whether the box holds a collection's whole extent (an unknown extent counts as held). */
export function coversExtent(
  [w, s, e, n]: Bbox,
  extent: { minx: number | null; miny: number | null; maxx: number | null; maxy: number | null },
): boolean {
  if (extent.minx === null || extent.miny === null || extent.maxx === null || extent.maxy === null)
    return true
  return w <= e && w <= extent.minx && s <= extent.miny && e >= extent.maxx && n >= extent.maxy
}

/** A box as one or two boxes that do not cross the antimeridian. */
export function splitAtAntimeridian([w, s, e, n]: Bbox): Bbox[] {
  return w <= e
    ? [[w, s, e, n]]
    : [
        [w, s, 180, n],
        [-180, s, e, n],
      ]
}
