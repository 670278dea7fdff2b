// A collection's row of collection_stats (count, extents, property types), built while a collection
// is loaded and kept current feature by feature afterwards, so metadata never rescans the features.
import type { Bbox, CollectionStats, PropertySchema } from '../../ogc/feature-query.ts'
import type { CollectionShape } from './feature-sql.ts'

export interface StatsRow extends CollectionShape {
  collection: string
  t_min: number | null
  t_max: number | null
  properties: string // JSON: property name → PropertySchema
  loaded_at: string
}

// ISO 8601 date-time with a zone, as the geodata writes instants
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** Accumulates a collection's stats row: from nothing while loading, or from its stored row. */
export class CollectionSummary {
  private count = 0
  private onGrid = true
  private withoutGeometry = 0
  private withoutTime = 0
  private box = [Infinity, Infinity, -Infinity, -Infinity]
  private tMin = Infinity
  private tMax = -Infinity
  private readonly types = new Map<string, Set<string>>()
  private loadedAt = new Date().toISOString()

  private readonly collection: string
  private readonly ordinal: number

  constructor(collection: string, ordinal: number) {
    this.collection = collection
    this.ordinal = ordinal
  }

  /** A summary that continues from a stored row. */
  static fromRow(row: StatsRow): CollectionSummary {
    const summary = new CollectionSummary(row.collection, row.ordinal)
    summary.count = row.count
    summary.onGrid = row.on_grid === 1
    summary.withoutGeometry = row.without_geometry
    summary.withoutTime = row.without_time
    if (row.minx !== null && row.miny !== null && row.maxx !== null && row.maxy !== null) {
      summary.box = [row.minx, row.miny, row.maxx, row.maxy]
    }
    if (row.t_min !== null && row.t_max !== null) {
      summary.tMin = row.t_min
      summary.tMax = row.t_max
    }
    const properties = JSON.parse(row.properties) as Record<string, PropertySchema>
    for (const [name, schema] of Object.entries(properties)) {
      summary.types.set(name, new Set([typeNameOf(schema)]))
    }
    summary.loadedAt = row.loaded_at
    return summary
  }

  /** Counts one more feature. */
  add(
    bbox: Bbox | undefined,
    onGrid: boolean,
    t: number | undefined,
    properties: Record<string, unknown>,
  ): void {
    this.count++
    this.onGrid &&= onGrid
    if (bbox) {
      this.box = [
        Math.min(this.box[0] as number, bbox[0]),
        Math.min(this.box[1] as number, bbox[1]),
        Math.max(this.box[2] as number, bbox[2]),
        Math.max(this.box[3] as number, bbox[3]),
      ]
    } else {
      this.withoutGeometry++
    }
    if (t === undefined) this.withoutTime++
    else {
      this.tMin = Math.min(this.tMin, t)
      this.tMax = Math.max(this.tMax, t)
    }
    this.addTypes(properties)
  }

  /** Notes the property types of a changed feature (geometry and time unchanged). */
  addTypes(properties: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(properties)) {
      if (value === null || value === undefined) continue
      let seen = this.types.get(name)
      if (!seen) {
        seen = new Set()
        this.types.set(name, seen)
      }
      seen.add(jsonTypeOf(value))
    }
  }

  toRow(): StatsRow {
    const hasBox = this.count > this.withoutGeometry
    const hasTime = this.count > this.withoutTime
    const properties: Record<string, PropertySchema> = {}
    for (const [name, types] of this.types) properties[name] = toPropertySchema(types)
    return {
      collection: this.collection,
      ordinal: this.ordinal,
      count: this.count,
      on_grid: this.onGrid ? 1 : 0,
      without_geometry: this.withoutGeometry,
      without_time: this.withoutTime,
      minx: hasBox ? (this.box[0] as number) : null,
      miny: hasBox ? (this.box[1] as number) : null,
      maxx: hasBox ? (this.box[2] as number) : null,
      maxy: hasBox ? (this.box[3] as number) : null,
      t_min: hasTime ? this.tMin : null,
      t_max: hasTime ? this.tMax : null,
      properties: JSON.stringify(properties),
      loaded_at: this.loadedAt,
    }
  }
}

export function jsonTypeOf(value: unknown): string {
  if (typeof value === 'string') return dateTimePattern.test(value) ? 'date-time' : 'string'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'boolean') return 'boolean'
  return Array.isArray(value) ? 'array' : 'object'
}

// the inverse of toPropertySchema, enough to merge: a mixed 'string' stays string, 'number' absorbs integers
function typeNameOf(schema: PropertySchema): string {
  return schema.format === 'date-time' ? 'date-time' : schema.type
}

function toPropertySchema(types: Set<string>): PropertySchema {
  if (types.size === 1) {
    const [only] = types
    if (only === 'date-time') return { type: 'string', format: 'date-time' }
    return { type: only as PropertySchema['type'] }
  }
  if ([...types].every((t) => t === 'integer' || t === 'number')) return { type: 'number' }
  return { type: 'string' } // mixed: clients get it as text
}

export function toCollectionStats(row: StatsRow): CollectionStats {
  const stats: CollectionStats = {
    count: row.count,
    properties: JSON.parse(row.properties) as Record<string, PropertySchema>,
  }
  if (row.minx !== null && row.miny !== null && row.maxx !== null && row.maxy !== null) {
    stats.bbox = [row.minx, row.miny, row.maxx, row.maxy]
  }
  if (row.t_min !== null && row.t_max !== null) stats.temporal = [row.t_min, row.t_max]
  return stats
}
