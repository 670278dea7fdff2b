// A columnar in-memory snapshot of the issue ledger for the wall screen's aggregates: one typed array
// per field, one row per issue, so an aggregate is a single pass over numbers with no per-row objects.
// Kept current by upsert/remove from write events; it never reads the store itself.

import {
  type IssueProperties,
  issueCategories,
  issueStatuses,
  type LngLat,
} from '../domain/issue.ts'
import { issueNoCode } from '../domain/issue-number.ts'
import { issueSources } from '../domain/supervision.ts'
import { CodeDictionary } from './code-dictionary.ts'
import { IdIndex } from './id-index.ts'

/** The properties the columns keep; an IssueProperties object fits. */
export type IssueColumnProperties = Pick<
  IssueProperties,
  | 'status'
  | 'category'
  | 'reportedAt'
  | 'deadlineAt'
  | 'closedAt'
  | 'responsibleUnit'
  | 'gridCode'
  | 'townshipCode'
  | 'source'
  | 'roundId'
  | 'issueNo'
>

/** A GeoJSON issue feature as the store or the geodata file gives it. */
export interface IssueFeatureLike {
  id?: string | number
  geometry: { type: string } | null
  properties: object | null
}

/** Status codes are indexes into issueStatuses. */
export const closedStatusCode = issueStatuses.indexOf('closed')
export const unknownCategoryCode = 255
/** Source code of an issue recorded before sources existed (or with an unknown one). */
export const noSourceCode = 255
/** Round code of an issue recorded outside any 督查 round. */
export const noRoundCode = 0xffffffff

/** `build` of the columns as they are now, reused until an upsert or remove changes them. */
export function perColumnsVersion<T>(
  build: (columns: IssueColumns) => T,
): (columns: IssueColumns) => T {
  const built = new WeakMap<IssueColumns, { version: number; size: number; value: T }>()
  return (columns) => {
    const cached = built.get(columns)
    if (cached && cached.version === columns.version && cached.size === columns.size) {
      return cached.value
    }
    const value = build(columns)
    built.set(columns, { version: columns.version, size: columns.size, value })
    return value
  }
}

/** The typed array behind each numeric column: one value per row. */
const numericColumnTypes = {
  lng: Float64Array,
  lat: Float64Array,
  status: Uint8Array,
  category: Uint8Array,
  township: Uint16Array,
  unit: Uint16Array,
  grid: Uint32Array,
  reportedAt: Float64Array,
  deadlineAt: Float64Array,
  closedAt: Float64Array,
  source: Uint8Array,
  round: Uint32Array,
  issueNo: Uint32Array,
} as const
export type NumericColumnName = keyof typeof numericColumnTypes
type NumericColumn = Float64Array | Uint8Array | Uint16Array | Uint32Array
export const numericColumnNames = Object.keys(numericColumnTypes) as NumericColumnName[]
/** The interned codes' dictionaries. */
export const dictionaryNames = ['townships', 'units', 'grids', 'rounds'] as const
export type DictionaryName = (typeof dictionaryNames)[number]

const initialCapacity = 1024 // rows; capacity doubles when full
const restoreSlice = 250_000 // ids indexed between two turns of restore()

const statusCodes = new Map<string, number>(issueStatuses.map((s, i) => [s, i]))
const categoryCodes = new Map<string, number>(issueCategories.map((c, i) => [c, i]))
const sourceCodes = new Map<string, number>(issueSources.map((s, i) => [s, i]))

export class IssueColumns {
  size = 0 // rows in use; rows ≥ size hold garbage
  capacity = 0
  /** Bumped by every upsert and remove, for cache keys and ETags. */
  version = 0
  /** Issue id of each row. */
  ids: string[] = []
  lng = new Float64Array(0) // WGS84 degrees; NaN without a point geometry
  lat = new Float64Array(0)
  status = new Uint8Array(0) // index into issueStatuses
  category = new Uint8Array(0) // index into issueCategories; 255 unknown
  township = new Uint16Array(0) // index into townships
  unit = new Uint16Array(0) // index into units (responsibleUnit)
  grid = new Uint32Array(0) // index into grids
  reportedAt = new Float64Array(0) // ms since the epoch; NaN when absent
  deadlineAt = new Float64Array(0)
  closedAt = new Float64Array(0)
  source = new Uint8Array(0) // index into issueSources; noSourceCode when absent
  round = new Uint32Array(0) // index into rounds (roundId); noRoundCode when absent
  issueNo = new Uint32Array(0) // 问题编号 as issueNoCode(); 0 when absent
  readonly townships = new CodeDictionary(0xffff)
  readonly units = new CodeDictionary(0xffff)
  readonly grids = new CodeDictionary(0xffffffff)
  readonly rounds = new CodeDictionary(noRoundCode) // codes 0 … noRoundCode - 1
  /** [west, south, east, north] of every point ever held; it grows and never shrinks. */
  readonly extent: [number, number, number, number] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ]
  private readonly rows = new IdIndex((row) => this.ids[row])

  /** Columns holding the given issue features (ids must be unique; a repeated id keeps the last). */
  static fromFeatures(features: readonly IssueFeatureLike[]): IssueColumns {
    const columns = new IssueColumns()
    // room for the ledger to grow by an eighth before the first doubling copies every column
    columns.reserve(features.length + Math.max(initialCapacity, features.length >>> 3))
    for (const [i, feature] of features.entries()) {
      if (feature.id === undefined || !feature.properties) {
        throw new TypeError(`issue feature ${i} has no id or no properties`)
      }
      const geometry = feature.geometry as { type: string; coordinates?: unknown } | null
      const lngLat = geometry?.type === 'Point' ? (geometry.coordinates as LngLat) : undefined
      columns.upsert(
        String(feature.id),
        feature.properties as unknown as IssueColumnProperties,
        lngLat,
      )
    }
    return columns
  }

  has(id: string): boolean {
    return this.rows.get(id) >= 0
  }

  /** The row of an issue, or -1. Rows move when others are removed. */
  rowOf(id: string): number {
    return this.rows.get(id)
  }

  /** Adds the issue or overwrites its row; returns the row. Throws RangeError on an unknown status. */
  upsert(id: string, properties: IssueColumnProperties, lngLat?: LngLat): number {
    const status = statusCodes.get(properties.status)
    if (status === undefined) throw new RangeError(`unknown issue status: ${properties.status}`)
    let row = this.rows.get(id)
    if (row < 0) {
      if (this.size === this.capacity) this.reserve(Math.max(initialCapacity, this.capacity * 2))
      row = this.size++
      this.ids[row] = id
      this.rows.set(id, row)
    }
    const lng = lngLat ? lngLat[0] : Number.NaN
    const lat = lngLat ? lngLat[1] : Number.NaN
    this.lng[row] = lng
    this.lat[row] = lat
    if (!Number.isNaN(lng) && !Number.isNaN(lat)) this.include(lng, lat)
    this.status[row] = status
    this.category[row] = categoryCodes.get(properties.category) ?? unknownCategoryCode
    this.township[row] = this.townships.intern(properties.townshipCode)
    this.unit[row] = this.units.intern(properties.responsibleUnit)
    this.grid[row] = this.grids.intern(properties.gridCode)
    this.reportedAt[row] = toMs(properties.reportedAt)
    this.deadlineAt[row] = toMs(properties.deadlineAt)
    this.closedAt[row] = toMs(properties.closedAt)
    this.source[row] =
      properties.source === undefined
        ? noSourceCode
        : (sourceCodes.get(properties.source) ?? noSourceCode)
    this.round[row] =
      properties.roundId === undefined ? noRoundCode : this.rounds.intern(properties.roundId)
    this.issueNo[row] = issueNoCode(properties.issueNo)
    this.version++
    return row
  }

  /** Drops the issue; the last row moves into its place. False when the id is unknown. */
  remove(id: string): boolean {
    const row = this.rows.get(id)
    if (row < 0) return false
    // the index reads ids from the rows: drop and re-point entries before the ids move
    this.rows.delete(id)
    const last = this.size - 1
    if (row !== last) {
      const movedId = this.ids[last] as string
      this.rows.set(movedId, row)
      this.ids[row] = movedId
      for (const column of this.numericColumns()) column[row] = column[last] as number
    }
    this.ids.length = last
    this.size = last
    this.version++
    return true
  }

  /** Makes room for at least `rows` rows without further allocation. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return
    for (const name of numericColumnNames) {
      const next = new numericColumnTypes[name](rows)
      next.set(this[name].subarray(0, this.size))
      this.setColumn(name, next)
    }
    this.capacity = rows
    this.rows.reserve(rows)
  }

  /**
   * Fills empty columns with the given rows (a stored snapshot: see issue-columns-codec.ts): each
   * column's values as bytes, the dictionaries' codes in index order and the extent (null: none).
   */
  async restore(
    ids: string[],
    values: Readonly<Record<NumericColumnName, Uint8Array>>,
    dictionaries: Readonly<Record<DictionaryName, readonly string[]>>,
    extent: readonly number[] | null,
    turn: () => Promise<unknown> = () => Promise.resolve(), // between slices of the id index
  ): Promise<void> {
    if (this.size > 0) throw new Error('restore wants empty columns')
    const size = ids.length
    this.reserve(size + Math.max(initialCapacity, size >>> 3))
    for (const name of numericColumnNames) {
      const column = this[name]
      const bytes = values[name]
      if (bytes.byteLength !== size * column.BYTES_PER_ELEMENT) {
        throw new RangeError(`column ${name}: ${bytes.byteLength} bytes for ${size} rows`)
      }
      // a store's bytes need not be aligned for the typed array: copy them as bytes
      new Uint8Array(column.buffer, column.byteOffset, bytes.byteLength).set(bytes)
    }
    for (const name of dictionaryNames) {
      for (const code of dictionaries[name]) this[name].intern(code)
    }
    // in slices, so the event loop turns meanwhile (5M ids: ≈ 1 s)
    this.ids = ids
    for (let from = 0; from < size; from += restoreSlice) {
      if (from > 0) await turn()
      const to = Math.min(size, from + restoreSlice)
      for (let row = from; row < to; row++) this.rows.set(ids[row] as string, row)
    }
    if (this.rows.size !== size) throw new RangeError('repeated issue ids')
    this.size = size
    if (extent) for (let i = 0; i < 4; i++) this.extent[i] = extent[i] as number
    this.version++
  }

  private setColumn(name: NumericColumnName, column: NumericColumn): void {
    ;(this as unknown as Record<NumericColumnName, NumericColumn>)[name] = column
  }

  private numericColumns(): NumericColumn[] {
    return numericColumnNames.map((name) => this[name])
  }

  private include(lng: number, lat: number): void {
    const e = this.extent
    if (lng < e[0]) e[0] = lng
    if (lat < e[1]) e[1] = lat
    if (lng > e[2]) e[2] = lng
    if (lat > e[3]) e[3] = lat
  }
}

function toMs(iso: string | undefined): number {
  return iso === undefined ? Number.NaN : Date.parse(iso)
}
