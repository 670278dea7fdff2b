// The grids part of the Store: grid managers, the registry of every grid code ever allocated, the
// audit trail of grid changes and the grids version. A change is decided from a consistent view
// inside one transaction and applied whole: grid features, codes, audit, check points, issue events
// and grid managers' accounts — or not at all.
import type { IssueEvent, IssueState, LngLat, NewIssueEvent } from '../domain/issue.ts'
import type { UnitRecord } from './ledger-store.ts'
import type { GeoJsonFeature, GeoJsonGeometry } from './store.ts'

export interface GridManagerRecord {
  id: string // gm-0001
  name: string
  phone: string | null
  active: boolean
  createdAt: string
}

export interface GridCodeRecord {
  code: string
  status: 'active' | 'retired'
  createdAt: string
  retiredAt: string | null
  parents: string[]
  children: string[]
}

export const gridEventActions = [
  'assign',
  'split',
  'merge',
  'reshape',
  'manager-create',
  'manager-update',
  'unit-create',
  'unit-update',
  'import', // the county's own grids replaced the layer (grid-import.ts)
] as const
export type GridEventAction = (typeof gridEventActions)[number]

export interface GridEventRecord {
  seq: number
  at: string
  actor: string
  actorName: string
  action: GridEventAction
  gridCodes: string[]
  changes: Record<string, unknown>
  note?: string
}

export type NewGridEvent = Omit<GridEventRecord, 'seq' | 'at' | 'actor' | 'actorName'>

/** A grid's properties as stored; the geodata's other properties ride along. */
export interface GridProperties {
  gridCode: string
  name: string
  townshipCode: string
  villageCode: string
  responsibleUnit: string
  managerId: string | null
  manager?: string | null
  managerPhone?: string | null
  areaKm2: number
  [key: string]: unknown
}

export interface GridFeatureRecord {
  id: string // = gridCode
  geometry: GeoJsonGeometry
  properties: GridProperties
}

export interface LocatedPoint {
  id: string
  lngLat: LngLat
  gridCode: string
  townshipCode?: string
}

/** What a decision may read, consistently, inside the change's transaction. */
export interface GridView {
  version: number
  grids(): GridFeatureRecord[] // every current grid
  managers(): GridManagerRecord[]
  units(): UnitRecord[]
  codes(): GridCodeRecord[] // every code ever allocated
  /** A township's boundary from the townships layer, by 9-digit code. */
  township(code: string): GeoJsonGeometry | undefined
  checkpointsIn(gridCodes: readonly string[]): LocatedPoint[]
  issuesIn(gridCodes: readonly string[]): IssueState[]
}

/** Everything one change writes. Unlisted things stay as they are. */
export interface GridChangePlan {
  upsertGrids?: GridFeatureRecord[] // inserted or replaced, by id
  removeGrids?: string[] // grid codes whose features go
  newCodes?: { code: string; parents: string[] }[]
  retiredCodes?: { code: string; children: string[] }[]
  /** check points re-attributed by location; townshipCode only when it changes too */
  checkpoints?: { id: string; gridCode: string; townshipCode?: string }[]
  /** whole layers replaced by the county's own (townships, check points): all features go, these come */
  replaceLayers?: { collectionId: 'townships' | 'checkpoints'; features: GeoJsonFeature[] }[]
  issueEvents?: NewIssueEvent[] // transfer / regrid, applied with applyEvent
  /** For grid-manager accounts: a retired code → the codes that replace it. */
  userCodes?: Map<string, string[]>
  managers?: GridManagerRecord[] // inserted or replaced, by id
  units?: UnitRecord[] // inserted or replaced, by code
  events: NewGridEvent[]
}

export interface GridActor {
  username: string
  displayName: string
}

export interface GridChangeResult<T> {
  gridsVersion: number
  issues: { state: IssueState; event: IssueEvent }[]
  value: T
}

export interface GridEventQuery {
  gridCode?: string
  limit: number
  offset: number
}

export interface GridStore {
  gridsVersion(): Promise<number>
  gridFeatures(): Promise<GridFeatureRecord[]>
  gridManagers(): Promise<GridManagerRecord[]>
  gridCodes(): Promise<GridCodeRecord[]>
  /** Fixed and random check points per grid code. */
  checkpointCounts(): Promise<Map<string, { fixed: number; random: number }>>
  gridEvents(query: GridEventQuery): Promise<{ items: GridEventRecord[]; total: number }>
  /**
   * Decides a change from the current view and applies it in one transaction. `expectedVersion`
   * (when given) must be the current grids version (GridsVersionConflict otherwise); `decide`
   * throws to write nothing. The grids version goes up by one per change. `decide` must be a pure
   * function of the view: a store whose reads are asynchronous (PostGIS) runs it again, in the same
   * transaction, after loading a read it asked for, and writes only the last run's plan.
   */
  transactGrids<T>(
    actor: GridActor,
    at: string,
    expectedVersion: number | undefined,
    decide: (view: GridView) => { plan: GridChangePlan; value: T },
  ): Promise<GridChangeResult<T>>
}

/** 409: the grids changed since the client read them. */
export class GridsVersionConflict extends Error {
  override name = 'GridsVersionConflict'
  readonly gridsVersion: number
  constructor(gridsVersion: number) {
    super(`网格数据已被他人修改（当前版本 ${gridsVersion}），请刷新后重试`)
    this.gridsVersion = gridsVersion
  }
}
