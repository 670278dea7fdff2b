// Row-level writes to the features table, shared by bulk loads, added features and the ledger: the
// indexed columns, the R*Tree entry and the collection's stats row stay in step with the JSON.
import type { Statement } from 'better-sqlite3'
import type { CollectionDef } from '../../collections.ts'
import type { IssueState } from '../../domain/issue.ts'
import type { Bbox, PropertySchema } from '../../ogc/feature-query.ts'
import {
  epochMs,
  issuesCollectionId,
  propertyColumns,
  toColumnValue,
  toFeatureValues,
} from '../feature-columns.ts'
import type { GeoJsonFeature, NewIds } from '../store.ts'
import { DuplicateId } from '../store-errors.ts'
import { CollectionSummary, jsonTypeOf, type StatsRow } from './collection-summary.ts'
import { toGridBox } from './feature-sql.ts'

/** The collection whose features are the ledger's issues. */
export { issuesCollectionId }

const columnProperties = Object.entries(propertyColumns)

export type Prepare = (sql: string) => Statement

/** What one insert put in the table: enough to index it and count it. */
export interface InsertedFeature {
  fid: number
  gridBox?: [number, number, number, number] // R*Tree box, absent without geometry
  onGrid: boolean
  bbox?: Bbox
  t?: number
  properties: Record<string, unknown>
}

/** The collection_stats rows, cached; writers update them through here. */
export class StatsCache {
  private rows: Map<string, StatsRow> | undefined
  private readonly schemas = new WeakMap<StatsRow, Record<string, PropertySchema>>()
  private readonly prepare: Prepare

  constructor(prepare: Prepare) {
    this.prepare = prepare
  }

  all(): Map<string, StatsRow> {
    this.rows ??= new Map(
      (this.prepare('SELECT * FROM collection_stats').all() as StatsRow[]).map((row) => [
        row.collection,
        row,
      ]),
    )
    return this.rows
  }

  get(collectionId: string): StatsRow | undefined {
    return this.all().get(collectionId)
  }

  /** After a failed transaction the cache may be ahead of the database. */
  invalidate(): void {
    this.rows = undefined
  }

  /** A reloaded collection keeps its ordinal (its R*Tree coordinate); a new one gets the next. */
  ordinalFor(collectionId: string): number {
    return this.prepare(
      `SELECT coalesce((SELECT ordinal FROM collection_stats WHERE collection = ?),
                       (SELECT coalesce(max(ordinal), 0) + 1 FROM collection_stats))`,
    )
      .pluck()
      .get(collectionId) as number
  }

  /** The summary to continue counting from: the stored row, or an empty collection. */
  summary(collectionId: string): CollectionSummary {
    const row = this.get(collectionId)
    return row
      ? CollectionSummary.fromRow(row)
      : new CollectionSummary(collectionId, this.ordinalFor(collectionId))
  }

  save(row: StatsRow): void {
    this.prepare(
      `INSERT OR REPLACE INTO collection_stats
       (collection, ordinal, count, without_geometry, without_time, on_grid, minx, miny, maxx, maxy, t_min, t_max, properties, loaded_at)
       VALUES (@collection, @ordinal, @count, @without_geometry, @without_time, @on_grid, @minx, @miny, @maxx, @maxy, @t_min, @t_max, @properties, @loaded_at)`,
    ).run(row)
    this.all().set(row.collection, row)
  }

  /** Records the property types of a changed feature; writes only when a type is new. */
  noteChangedProperties(collectionId: string, properties: Record<string, unknown>): void {
    const row = this.get(collectionId)
    if (!row) return
    // the usual case, a transition, brings no new property or type: decide without re-serialising
    let schemas = this.schemas.get(row)
    if (!schemas) {
      schemas = JSON.parse(row.properties) as Record<string, PropertySchema>
      this.schemas.set(row, schemas)
    }
    if (Object.entries(properties).every(([name, value]) => covers(schemas[name], value))) return
    const summary = CollectionSummary.fromRow(row)
    summary.addTypes(properties)
    const next = summary.toRow()
    if (next.properties !== row.properties) this.save(next)
  }
}

/** Whether a property's schema already admits the value (merging it would change nothing). */
function covers(schema: PropertySchema | undefined, value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (!schema) return false
  const type = jsonTypeOf(value)
  if (schema.format === 'date-time') return type === 'date-time'
  if (schema.type === 'string') return true // mixed or plain text absorbs any type
  if (schema.type === 'number') return type === 'number' || type === 'integer'
  return schema.type === type
}

export class FeatureTable {
  private readonly prepare: Prepare
  readonly stats: StatsCache

  constructor(prepare: Prepare) {
    this.prepare = prepare
    this.stats = new StatsCache(prepare)
  }

  /** Inserts one feature row (not its R*Tree entry; see insertRtree). */
  insert(
    def: CollectionDef,
    id: string,
    feature: GeoJsonFeature,
    version?: number,
  ): InsertedFeature {
    const { bbox, t, properties, ...row } = toFeatureValues(def, id, feature, version)
    const { lastInsertRowid } = this.prepare(
      `INSERT INTO features (collection, id, minx, miny, maxx, maxy, t, ${columnProperties.map(([, c]) => c).join(', ')}, json, version, deadline_ms, updated_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ${columnProperties.map(() => '?').join(', ')}, ?, ?, ?, ?)`,
    ).run(
      def.id,
      id,
      bbox?.[0] ?? null,
      bbox?.[1] ?? null,
      bbox?.[2] ?? null,
      bbox?.[3] ?? null,
      t,
      ...row.columns,
      row.json,
      row.version,
      row.deadlineMs,
      row.updatedMs,
    )
    const inserted: InsertedFeature = {
      fid: Number(lastInsertRowid),
      onGrid: true,
      properties,
    }
    if (t !== null) inserted.t = t
    if (bbox) {
      const grid = toGridBox(bbox)
      inserted.bbox = bbox
      inserted.gridBox = grid.box
      inserted.onGrid = grid.onGrid
    }
    return inserted
  }

  insertRtree(fid: number, [minx, miny, maxx, maxy]: readonly number[], ordinal: number): void {
    this.prepare(
      'INSERT INTO features_rtree (fid, minx, maxx, miny, maxy, minc, maxc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(fid, minx, maxx, miny, maxy, ordinal, ordinal)
  }

  /** Adds features one by one: row, R*Tree entry, stats. Generates missing ids. */
  add(def: CollectionDef, features: readonly GeoJsonFeature[], newIds: NewIds): string[] {
    const summary = this.stats.summary(def.id)
    const ordinal = summary.toRow().ordinal
    const ids = features.map((feature) => {
      const id =
        feature.id === undefined || feature.id === null
          ? this.nextId(def.id, newIds)
          : String(feature.id)
      if (this.fidOf(def.id, id) !== undefined) throw new DuplicateId(def.id, id)
      const inserted = this.insert(def, id, { ...feature, id })
      if (inserted.gridBox) this.insertRtree(inserted.fid, inserted.gridBox, ordinal)
      summary.add(inserted.bbox, inserted.onGrid, inserted.t, inserted.properties)
      return id
    })
    this.stats.save(summary.toRow())
    return ids
  }

  /** Replaces every feature of a collection other than issues: rows, R*Tree entries, stats. */
  replace(def: CollectionDef, features: readonly GeoJsonFeature[]): void {
    this.prepare(
      'DELETE FROM features_rtree WHERE fid IN (SELECT fid FROM features WHERE collection = ?)',
    ).run(def.id)
    this.prepare('DELETE FROM features WHERE collection = ?').run(def.id)
    const ordinal = this.stats.ordinalFor(def.id)
    const summary = new CollectionSummary(def.id, ordinal)
    for (const [index, feature] of features.entries()) {
      const inserted = this.insert(def, String(feature.id ?? index + 1), feature)
      if (inserted.gridBox) this.insertRtree(inserted.fid, inserted.gridBox, ordinal)
      summary.add(inserted.bbox, inserted.onGrid, inserted.t, inserted.properties)
    }
    this.stats.save(summary.toRow())
  }

  fidOf(collectionId: string, id: string): number | undefined {
    return this.prepare('SELECT fid FROM features WHERE collection = ? AND id = ?')
      .pluck()
      .get(collectionId, id) as number | undefined
  }

  /** The next `<prefix><n>` not yet used in the collection; the counter starts past the largest n. */
  nextId(collectionId: string, { prefix, digits }: NewIds): string {
    const name = `${collectionId}:${prefix}`
    let n =
      (this.prepare('SELECT value FROM sequences WHERE name = ?').pluck().get(name) as
        | number
        | undefined) ??
      (this.prepare(
        `SELECT max(CAST(substr(id, length(?) + 1) AS INTEGER)) FROM features
         WHERE collection = ? AND substr(id, 1, length(?)) = ? AND substr(id, length(?) + 1) GLOB '[0-9]*'`,
      )
        .pluck()
        .get(prefix, collectionId, prefix, prefix, prefix) as number | null) ??
      0
    let id: string
    do {
      n++
      id = `${prefix}${String(n).padStart(digits, '0')}`
    } while (this.fidOf(collectionId, id) !== undefined)
    this.prepare(
      'INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ).run(name, n)
    return id
  }

  /** Forgets a collection's counters (after a reload the largest id may differ). */
  resetIds(collectionId: string): void {
    this.prepare("DELETE FROM sequences WHERE name GLOB ? || ':*'").run(collectionId)
  }

  /** Rewrites an issue's row to a new state; geometry and reportedAt never change. */
  updateIssue(fid: number, state: IssueState): void {
    const p = state.properties as unknown as Record<string, unknown>
    this.prepare(
      `UPDATE features SET ${columnProperties.map(([, c]) => `${c} = ?`).join(', ')},
         json = ?, version = ?, deadline_ms = ?, updated_ms = ? WHERE fid = ?`,
    ).run(
      ...columnProperties.map(([property]) => toColumnValue(p[property])),
      toIssueJson(state),
      state.version,
      epochMs(p.deadlineAt),
      epochMs(p.updatedAt),
      fid,
    )
  }
}

/** An issue state as its GeoJSON Feature. */
export function toIssueFeature(state: IssueState): GeoJsonFeature {
  return {
    type: 'Feature',
    id: state.id,
    geometry: { type: 'Point', coordinates: state.lngLat },
    properties: state.properties as unknown as Record<string, unknown>,
  }
}

function toIssueJson(state: IssueState): string {
  return JSON.stringify(toIssueFeature(state))
}

/** An issue row (json, version) as its state. */
export function toIssueState(json: string, version: number | null): IssueState {
  const feature = JSON.parse(json) as {
    id: string | number
    geometry: { coordinates?: [number, number] } | null
    properties: IssueState['properties']
  }
  return {
    id: String(feature.id),
    version: version ?? 1,
    lngLat: feature.geometry?.coordinates as [number, number],
    properties: feature.properties,
  }
}
