// The planning data the use cases run on: reads the planning inputs (check points, seats, villages,
// 1 km radii, rivers, roads) from the store, takes the live issue columns and the clock. Inputs are
// re-read per request but reused while their text is unchanged; the columns are a snapshot taken at
// most once a minute; results are cached per (inputs, snapshot, minute, parameters), so a repeated
// request costs a map lookup.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { IssueColumns } from '../analytics/issue-columns.ts'
import { type CheckpointCategory, checkpointCategories } from '../domain/checkpoint.ts'
import type { Store } from '../storage/store.ts'
import { issueIndexOf, toLocalMetres } from './issue-index.ts'
import type { CheckpointInput } from './planning-inputs.ts'
import type { SeatInput, VillageInput } from './seat-radius.ts'

export type LngLat = [lng: number, lat: number]

export interface RadiusInput {
  townshipCode: string
  name: string
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
}

export interface LineInput {
  id: string
  name: string
  kind: 'road' | 'river'
  townshipCode?: string // roads: the township the road leads to
  synthetic: boolean
  /** One or more polylines (a MultiLineString's parts). */
  lines: LngLat[][]
}

export interface PlanningInputs {
  checkpoints: CheckpointInput[]
  townshipNames: ReadonlyMap<string, string>
  seats: SeatInput[]
  villages: VillageInput[]
  radii: RadiusInput[]
  rivers: LineInput[]
  roads: LineInput[]
}

/** Where each check point lies: inside a township's 1 km radius, within the corridor width of a line. */
export interface LocationFlags {
  inRadius: boolean
  onCorridor: boolean
}

export interface PlanningServiceOptions {
  corridorWidthM: number // a check point this close to a road or river is "on a corridor"
  maxCached: number // results kept; the cache is emptied past it
}

const defaults: PlanningServiceOptions = {
  corridorWidthM: 200, // metres each side, the default corridor width
  maxCached: 256, // results
}

const services = new WeakMap<object, PlanningService>()

/**
 * The one planning service over a live ledger's store: the routes and the start-up warm-up
 * (main.ts) share it, so the copy and index built at start serve the first request.
 */
export function planningServiceOf(live: { store: Pick<Store, 'features'> }): PlanningService {
  let service = services.get(live)
  if (!service) {
    service = new PlanningService(live.store)
    services.set(live, service)
  }
  return service
}

const inputCollections = [
  'checkpoints',
  'townships',
  'seats',
  'villages',
  'township-radii',
  'rivers',
  'roads',
] as const

type Feature = {
  id?: string | number
  geometry: { type: string; coordinates: unknown } | null
  properties: Record<string, unknown> | null
}

export class PlanningService {
  readonly options: PlanningServiceOptions
  private readonly store: Pick<Store, 'features'>
  private lastText: string[] = []
  private lastInputs: PlanningInputs | undefined
  private flags: { inputs: PlanningInputs; flags: LocationFlags[] } | undefined
  private cacheMinute = Number.NaN
  private renewing = false
  private snapshot:
    | {
        source: IssueColumns
        sourceVersion: number
        minute: number
        columns: IssueColumns
        /** The last instant the copy was known to equal the ledger: when taken, or since unchanged. */
        asOf: Date
      }
    | undefined
  private readonly cache = new Map<
    string,
    { inputs: PlanningInputs; columns: IssueColumns; value: unknown }
  >()

  constructor(store: Pick<Store, 'features'>, options: Partial<PlanningServiceOptions> = {}) {
    this.store = store
    this.options = { ...defaults, ...options }
  }

  /** The inputs as stored now; the same object while no input collection has changed. */
  async inputs(): Promise<PlanningInputs> {
    const text = await Promise.all(inputCollections.map((id) => this.collectionText(id)))
    const last = this.lastInputs
    if (last && text.every((t, i) => t === this.lastText[i])) return last
    const [checkpoints, townships, seats, villages, radii, rivers, roads] = text.map(
      (t) => JSON.parse(`[${t}]`) as Feature[],
    ) as Feature[][] as [
      Feature[],
      Feature[],
      Feature[],
      Feature[],
      Feature[],
      Feature[],
      Feature[],
    ]
    const inputs: PlanningInputs = {
      checkpoints: checkpoints.flatMap(toCheckpointInput),
      townshipNames: new Map(
        townships.flatMap((f) => {
          const p = f.properties ?? {}
          return typeof p.code === 'string' && typeof p.name === 'string' ? [[p.code, p.name]] : []
        }),
      ),
      seats: seats.flatMap((f) => {
        const lngLat = pointOf(f)
        const p = f.properties ?? {}
        return lngLat ? [{ code: String(p.code ?? f.id), name: String(p.name ?? ''), lngLat }] : []
      }),
      villages: villages.flatMap((f) => {
        const lngLat = pointOf(f)
        const p = f.properties ?? {}
        if (!lngLat || typeof p.code !== 'string') return []
        return [
          {
            code: p.code,
            name: String(p.name ?? ''),
            townshipCode: String(p.townshipCode ?? p.code.slice(0, 9)),
            lngLat,
          },
        ]
      }),
      radii: radii.flatMap((f) => {
        const g = f.geometry
        const p = f.properties ?? {}
        if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return []
        return [
          {
            townshipCode: String(p.townshipCode ?? f.id),
            name: String(p.name ?? ''),
            geometry: { type: g.type, coordinates: g.coordinates },
          },
        ]
      }),
      rivers: rivers.flatMap((f) => toLineInput(f, 'river')),
      roads: roads.flatMap((f) => toLineInput(f, 'road')),
    }
    this.lastText = text
    this.lastInputs = inputs
    this.cache.clear()
    return inputs
  }

  /** Location flags of each check point of `inputs`, in their order (computed once per inputs). */
  locationFlags(inputs: PlanningInputs): LocationFlags[] {
    if (this.flags?.inputs === inputs) return this.flags.flags
    const lines = [...inputs.roads, ...inputs.rivers].flatMap((l) => l.lines.map(toLocalLine))
    const widthM = this.options.corridorWidthM
    const flags = inputs.checkpoints.map(({ lngLat }) => ({
      inRadius: inputs.radii.some((r) =>
        booleanPointInPolygon(lngLat, r.geometry as Parameters<typeof booleanPointInPolygon>[1]),
      ),
      onCorridor: lines.some((line) => distanceToLineM(toLocalMetres(...lngLat), line) <= widthM),
    }))
    this.flags = { inputs, flags }
    return flags
  }

  /**
   * A copy of the live columns, renewed at most once a minute and only when they changed: every
   * computation sees one state, and the cores' per-version caches (the spatial index, cell layouts)
   * are built once per copy instead of after every write. A due renewal is made after the current
   * request (copy ~20 ms, index a few hundred ms at a million issues), which is still answered from
   * the previous copy; so results lag the ledger by about a minute. The first copy is made at once.
   */
  snapshotOf(columns: IssueColumns, now: Date): IssueColumns {
    const minute = Math.floor(now.getTime() / 60_000)
    const snap = this.snapshot
    if (!snap || snap.source !== columns) return this.renewSnapshot(columns, now)
    if (snap.sourceVersion === columns.version) {
      // nothing written since the copy: it still equals the ledger now
      if (now > snap.asOf) snap.asOf = now
    } else if (snap.minute !== minute && !this.renewing) {
      this.renewing = true
      setTimeout(() => {
        this.renewing = false
        if (this.snapshot === snap) issueIndexOf(this.renewSnapshot(columns, now))
      }, 0)
    }
    return snap.columns
  }

  /**
   * When the issue data behind `snapshotOf()`'s copy was last known to match the ledger: the time
   * the copy was taken, moved on while the ledger stays unchanged. Undefined before the first copy.
   */
  dataAsOf(): Date | undefined {
    return this.snapshot?.asOf
  }

  /**
   * Reads the inputs, takes the first copy of `columns` and builds its spatial index and the check
   * points' location flags, so the first planning request after a start does not pay for them.
   */
  async warm(
    columns: IssueColumns,
    now: Date,
    turn: () => Promise<unknown> = () => Promise.resolve(), // main.ts: a turn of the event loop
  ): Promise<void> {
    const inputs = await this.inputs()
    this.locationFlags(inputs)
    const copy = this.snapshotOf(columns, now)
    await turn() // the copy and the index each take a second or two at 5M issues
    issueIndexOf(copy)
  }

  private renewSnapshot(columns: IssueColumns, now: Date): IssueColumns {
    this.snapshot = {
      source: columns,
      sourceVersion: columns.version,
      minute: Math.floor(now.getTime() / 60_000),
      columns: copyColumns(columns),
      asOf: now,
    }
    return this.snapshot.columns
  }

  /**
   * `compute()`'s result for these inputs, columns (a snapshot), minute of `now` and key, computed
   * once; the cache is emptied when the minute changes.
   */
  memo<T>(
    inputs: PlanningInputs,
    columns: IssueColumns,
    now: Date,
    key: string,
    compute: () => T,
  ): T {
    const minute = Math.floor(now.getTime() / 60_000)
    if (minute !== this.cacheMinute) {
      this.cache.clear()
      this.cacheMinute = minute
    }
    const hit = this.cache.get(key)
    if (hit && hit.inputs === inputs && hit.columns === columns) return hit.value as T
    const value = compute()
    if (this.cache.size >= this.options.maxCached) this.cache.clear()
    this.cache.set(key, { inputs, columns, value })
    return value
  }

  // the features of one collection as comma-joined JSON text (cheap to compare, parsed on change)
  private async collectionText(collectionId: string): Promise<string> {
    const page = await this.store.features(collectionId, {
      properties: {},
      limit: 1_000_000,
      offset: 0,
    })
    return page.features.join(',')
  }
}

/** The rows in use of every column; the code dictionaries are shared (they only ever grow). */
function copyColumns(from: IssueColumns): IssueColumns {
  const n = from.size
  const to = new IssueColumns()
  Object.assign(to, {
    size: n,
    capacity: n,
    version: from.version,
    ids: from.ids.slice(0, n),
    lng: from.lng.slice(0, n),
    lat: from.lat.slice(0, n),
    status: from.status.slice(0, n),
    category: from.category.slice(0, n),
    township: from.township.slice(0, n),
    unit: from.unit.slice(0, n),
    grid: from.grid.slice(0, n),
    reportedAt: from.reportedAt.slice(0, n),
    deadlineAt: from.deadlineAt.slice(0, n),
    closedAt: from.closedAt.slice(0, n),
    townships: from.townships,
    units: from.units,
    grids: from.grids,
    extent: from.extent,
  })
  return to
}

const categories = new Set<string>(checkpointCategories)

function toCheckpointInput(f: Feature): CheckpointInput[] {
  const lngLat = pointOf(f)
  const p = f.properties ?? {}
  const kind = p.kind
  if (!lngLat || f.id === undefined || (kind !== 'fixed' && kind !== 'random')) return []
  if (typeof p.category !== 'string' || !categories.has(p.category)) return []
  return [
    {
      id: String(f.id),
      name: String(p.name ?? f.id),
      kind,
      category: p.category as CheckpointCategory,
      townshipCode: String(p.townshipCode ?? ''),
      gridCode: String(p.gridCode ?? ''),
      lngLat,
    },
  ]
}

function toLineInput(f: Feature, kind: LineInput['kind']): LineInput[] {
  const g = f.geometry
  if (!g) return []
  const lines =
    g.type === 'LineString'
      ? [g.coordinates as LngLat[]]
      : g.type === 'MultiLineString'
        ? (g.coordinates as LngLat[][])
        : []
  if (lines.length === 0) return []
  const p = f.properties ?? {}
  const line: LineInput = {
    id: String(p.id ?? f.id),
    name: String(p.name ?? f.id),
    kind,
    synthetic: p.synthetic === true,
    lines: lines.map((l) => l.map(([lng, lat]) => [lng, lat] as LngLat)),
  }
  if (typeof p.townshipCode === 'string') line.townshipCode = p.townshipCode
  return [line]
}

function pointOf(f: Feature): LngLat | undefined {
  if (f.geometry?.type !== 'Point') return undefined
  const [lng, lat] = f.geometry.coordinates as number[]
  return typeof lng === 'number' && typeof lat === 'number' ? [lng, lat] : undefined
}

type LocalLine = Float64Array // x0, y0, x1, y1, … in local metres

function toLocalLine(line: readonly LngLat[]): LocalLine {
  const xy = new Float64Array(line.length * 2)
  line.forEach(([lng, lat], i) => {
    const [x, y] = toLocalMetres(lng, lat)
    xy[2 * i] = x
    xy[2 * i + 1] = y
  })
  return xy
}

/** Shortest distance in metres from a local point to a polyline (exact point-to-segment). */
export function distanceToLineM([px, py]: readonly [number, number], xy: LocalLine): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i + 3 < xy.length; i += 2) {
    const ax = xy[i] as number
    const ay = xy[i + 1] as number
    const dx = (xy[i + 2] as number) - ax
    const dy = (xy[i + 3] as number) - ay
    const lengthSq = dx * dx + dy * dy
    const t =
      lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq))
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy))
  }
  if (xy.length === 2) best = Math.hypot(px - (xy[0] as number), py - (xy[1] as number))
  return best
}
