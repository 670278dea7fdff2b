// Store on SQLite (better-sqlite3): one features table holding serialized GeoJSON, an R*Tree on
// feature bboxes, indexed columns for the filter properties and the temporal property.
// A page is two statements: an exact count, then the page's fids → their JSON text.
// The ledger (sqlite-ledger.ts), the accounts (sqlite-accounts.ts) and the plans (sqlite-plans.ts)
// share the connection.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database, { type Statement } from 'better-sqlite3'
import { type CollectionDef, findCollection } from '../../collections.ts'
import type { IssueEvent, IssueState, NewIssueEvent } from '../../domain/issue.ts'
import type { User } from '../../domain/roles.ts'
import type { Unit } from '../../domain/units.ts'
import type { Bbox, CollectionStats, FeaturePage, FeatureQuery } from '../../ogc/feature-query.ts'
import type { UserRecord } from '../account-store.ts'
import type {
  GridActor,
  GridChangePlan,
  GridChangeResult,
  GridCodeRecord,
  GridEventQuery,
  GridEventRecord,
  GridFeatureRecord,
  GridManagerRecord,
  GridView,
} from '../grid-store.ts'
import { intersectsBbox } from '../intersects-bbox.ts'
import type {
  AttachmentRecord,
  FirstEvent,
  IssueListQuery,
  IssuePage,
  UnitRecord,
} from '../ledger-store.ts'
import type { NewPlan, PlanChanges, PlanRecord } from '../plan-store.ts'
import type { CollectionData, GeoJsonFeature, NewIds, Store } from '../store.ts'
import { DuplicateId } from '../store-errors.ts'
import { CollectionSummary, toCollectionStats } from './collection-summary.ts'
import { derivedColumns, intersectsBboxFunction, matchingFids } from './feature-sql.ts'
import { FeatureTable, issuesCollectionId } from './feature-table.ts'
import { hilbertIndex } from './hilbert.ts'
import { migrate } from './migrate.ts'
import { SqliteAccounts } from './sqlite-accounts.ts'
import { SqliteGrids } from './sqlite-grids.ts'
import { SqliteLedger } from './sqlite-ledger.ts'
import { SqlitePlans } from './sqlite-plans.ts'

export interface SqliteStoreOptions {
  cacheSizeMiB?: number // page cache; raise it for bulk loads of millions of rows
}

const defaults: Required<SqliteStoreOptions> = {
  cacheSizeMiB: 64, // MiB
}

/** Opens (creating and migrating if needed) a SQLite store: a file path or ':memory:'. */
export async function openSqliteStore(
  filename: string,
  options: SqliteStoreOptions = {},
): Promise<Store> {
  const { cacheSizeMiB } = { ...defaults, ...options }
  const inMemory = filename === ':memory:' || filename === ''
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true })
  const db = new Database(filename)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma(`cache_size = ${-cacheSizeMiB * 1024}`) // negative = KiB
  db.pragma('temp_store = MEMORY')
  if (!inMemory) db.pragma('mmap_size = 268435456') // 256 MiB of the file read through the page cache
  db.pragma('foreign_keys = ON') // users → units, sessions → users
  db.pragma('busy_timeout = 5000') // ms; another process (npm run user) may hold the write lock
  migrate(db)
  // the bbox refine step for lines and polygons (feature-sql.ts): R*Tree candidates only
  db.function(intersectsBboxFunction, { deterministic: true }, (json, w, s, e, n) => {
    const { geometry } = JSON.parse(json as string) as Pick<GeoJsonFeature, 'geometry'>
    return intersectsBbox(geometry, [w, s, e, n] as unknown as Bbox) ? 1 : 0
  })
  return new SqliteStore(db)
}

class SqliteStore implements Store {
  private readonly statements = new Map<string, Statement>()
  private readonly db: Database.Database
  private readonly table: FeatureTable
  private readonly ledger: SqliteLedger
  private readonly accounts: SqliteAccounts
  private readonly grids: SqliteGrids
  private readonly plansTable: SqlitePlans

  constructor(db: Database.Database) {
    this.db = db
    const prepare = (sql: string) => this.prepare(sql)
    const transaction = <T>(fn: () => T) => this.transaction(fn)
    this.table = new FeatureTable(prepare)
    this.ledger = new SqliteLedger(prepare, transaction, this.table)
    this.accounts = new SqliteAccounts(prepare, transaction)
    this.grids = new SqliteGrids(prepare, transaction, this.table, this.ledger)
    this.plansTable = new SqlitePlans(prepare, transaction)
  }

  async collectionStats(): Promise<ReadonlyMap<string, CollectionStats>> {
    return new Map([...this.table.stats.all()].map(([id, row]) => [id, toCollectionStats(row)]))
  }

  async features(collectionId: string, query: FeatureQuery): Promise<FeaturePage> {
    const stats = this.table.stats.get(collectionId)
    if (!stats) return { features: [], numberMatched: 0 }
    const refineShapes = findCollection(collectionId)?.geometryType !== 'Point'
    const { sql, params, knownCount, pageOrder } = matchingFids(collectionId, query, stats, {
      refineShapes,
    })
    const numberMatched =
      knownCount ??
      (query.countUpTo === undefined
        ? (this.prepare(`SELECT count(*) FROM (${sql})`)
            .pluck()
            .get(...params) as number)
        : // stop counting past the cap: a bbox over 300k points would otherwise cost ~60 ms here
          (this.prepare(`SELECT count(*) FROM (${sql} LIMIT ?)`)
            .pluck()
            .get(...params, query.countUpTo + 1) as number))
    const countCapped =
      knownCount === undefined && query.countUpTo !== undefined && numberMatched > query.countUpTo
    if (!countCapped && query.cursor === undefined && numberMatched <= query.offset) {
      return { features: [], numberMatched }
    }
    // keyset paging where the page order is fid order (no bbox): the next page starts after the
    // last fid instead of skipping `offset` rows, so a deep page costs what the first one does
    const keyset = pageOrder === ' ORDER BY 1'
    const after = query.cursor === undefined ? undefined : Number(query.cursor)
    const fidSql =
      keyset && after !== undefined
        ? `SELECT fid FROM (${sql}) WHERE fid > ? ORDER BY 1 LIMIT ? OFFSET ?`
        : `${sql}${pageOrder} LIMIT ? OFFSET ?`
    // one row more than the page tells whether another page follows
    const fidParams = [...params, ...(keyset && after !== undefined ? [after] : [])]
    const wanted = query.propertyNames && new Set(query.propertyNames)
    const derived = derivedPropertiesOf(collectionId, query.nowMs).filter(
      (name) => !wanted || wanted.has(name),
    )
    const columns = derivedColumns(derived, query.nowMs ?? 0)
    // properties=…: the others are cut in SQLite (json_remove keeps key order, so the derived
    // properties still splice in before the closing braces)
    const unwanted = wanted
      ? Object.keys(JSON.parse(stats.properties) as object).filter((name) => !wanted.has(name))
      : []
    const jsonColumn =
      unwanted.length > 0 ? `json_remove(f.json${', ?'.repeat(unwanted.length)})` : 'f.json'
    const jsonParams = unwanted.map((name) => `$.properties.${JSON.stringify(name)}`)
    // the page keeps the order of the fid query (see FidQuery.pageOrder), which is fixed for a
    // given query and data, so pages are disjoint and stable
    const rows = this.prepare(
      `SELECT ${jsonColumn}, f.fid${columns.sql} FROM (${fidSql}) p CROSS JOIN features f ON f.fid = p.fid`,
    )
      .raw()
      .all(...jsonParams, ...columns.params, ...fidParams, query.limit + 1, query.offset) as [
      string,
      number,
      ...number[],
    ][]
    const hasMore = rows.length > query.limit
    if (hasMore) rows.pop()
    const page: FeaturePage = {
      features: rows.map(([json, , ...values]) => withDerived(json, values, derived)),
      numberMatched,
      hasMore,
    }
    if (countCapped) page.countCapped = true
    const last = rows.at(-1)
    if (keyset && hasMore && last) page.nextCursor = String(last[1])
    return page
  }

  async feature(
    collectionId: string,
    featureId: string,
    nowMs?: number,
  ): Promise<string | undefined> {
    const derived = derivedPropertiesOf(collectionId, nowMs)
    const columns = derivedColumns(derived, nowMs ?? 0)
    const row = this.prepare(
      `SELECT f.json${columns.sql} FROM features f WHERE f.collection = ? AND f.id = ?`,
    )
      .raw()
      .get(...columns.params, collectionId, featureId) as [string, ...number[]] | undefined
    return row && withDerived(row[0], row.slice(1) as number[], derived)
  }

  async loadCollections(batch: readonly CollectionData[]): Promise<void> {
    const deleteRtree = this.db.prepare(
      'DELETE FROM features_rtree WHERE fid IN (SELECT fid FROM features WHERE collection = ?)',
    )
    const deleteFeatures = this.db.prepare('DELETE FROM features WHERE collection = ?')
    // the issues are gone first, so the append-only trigger lets their history go too
    const deleteEvents = this.db.prepare(
      'DELETE FROM issue_events WHERE issue_id NOT IN (SELECT id FROM features WHERE collection = ?)',
    )
    const loadedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    this.transaction(() => {
      for (const { def, features } of batch) {
        deleteRtree.run(def.id)
        deleteFeatures.run(def.id)
        if (def.id === issuesCollectionId) deleteEvents.run(issuesCollectionId)
        if (def.id === 'grids') this.grids.forget()
        this.table.resetIds(def.id)
        const ordinal = this.table.stats.ordinalFor(def.id)
        const summary = new CollectionSummary(def.id, ordinal)
        const seen = new Set<string>()
        const entries: RtreeEntry[] = []
        const issues: { id: string; json: string }[] = []
        features.forEach((feature, index) => {
          const id =
            feature.id === undefined || feature.id === null ? String(index + 1) : String(feature.id)
          if (seen.has(id)) throw new Error(`集合 ${def.id} 中要素编号重复：${id}`)
          seen.add(id)
          const inserted = this.table.insert(def, id, feature)
          if (inserted.gridBox) entries.push([inserted.fid, ...inserted.gridBox])
          summary.add(inserted.bbox, inserted.onGrid, inserted.t, inserted.properties)
          if (def.id === issuesCollectionId) {
            issues.push({
              id,
              json: JSON.stringify({
                id,
                geometry: feature.geometry,
                properties: inserted.properties,
              }),
            })
          }
        })
        for (const [fid, minx, miny, maxx, maxy] of inHilbertOrder(entries)) {
          this.table.insertRtree(fid, [minx, miny, maxx, maxy], ordinal)
        }
        this.table.stats.save(summary.toRow())
        if (def.id === issuesCollectionId) this.ledger.recordImports(issues, loadedAt)
      }
    })
  }

  async addFeatures(
    def: CollectionDef,
    features: readonly GeoJsonFeature[],
    newIds: NewIds,
  ): Promise<string[]> {
    if (def.id === issuesCollectionId) {
      // issues are born through the ledger, with their first event
      throw new DuplicateId(def.id, 'issues are added with createIssues')
    }
    return this.transaction(() => this.table.add(def, features, newIds))
  }

  async isLoaded(): Promise<boolean> {
    return this.table.stats.all().size > 0
  }

  async close(): Promise<void> {
    this.db.close()
  }

  // ---- ledger ----

  issue(id: string): Promise<IssueState | undefined> {
    return this.ledger.issue(id)
  }
  listIssues(query: IssueListQuery): Promise<IssuePage> {
    return this.ledger.listIssues(query)
  }
  issueEvents(id: string): Promise<IssueEvent[]> {
    return this.ledger.issueEvents(id)
  }
  issueEventsAfter(afterSeq: number, limit: number): Promise<IssueEvent[]> {
    return this.ledger.issueEventsAfter(afterSeq, limit)
  }
  latestIssueEvents(limit: number): Promise<IssueEvent[]> {
    return this.ledger.latestIssueEvents(limit)
  }
  createIssues(events: readonly FirstEvent[]): Promise<{ state: IssueState; event: IssueEvent }[]> {
    return this.ledger.createIssues(events)
  }
  appendIssueEvent(
    event: NewIssueEvent,
    expectedVersion: number | undefined,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.ledger.appendIssueEvent(event, expectedVersion)
  }
  transactIssue(
    issueId: string,
    expectedVersion: number | undefined,
    decide: (current: IssueState) => NewIssueEvent,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.ledger.transactIssue(issueId, expectedVersion, decide)
  }
  addAttachment(attachment: AttachmentRecord): Promise<void> {
    return this.ledger.addAttachment(attachment)
  }
  attachment(id: string): Promise<AttachmentRecord | undefined> {
    return this.ledger.attachment(id)
  }
  issueAttachments(issueId: string): Promise<AttachmentRecord[]> {
    return this.ledger.issueAttachments(issueId)
  }
  units(): Promise<UnitRecord[]> {
    return this.ledger.units()
  }
  seedUnits(units: readonly Unit[]): Promise<number> {
    return this.ledger.seedUnits(units)
  }

  // ---- accounts ----

  user(username: string): Promise<UserRecord | undefined> {
    return this.accounts.user(username)
  }
  users(): Promise<UserRecord[]> {
    return this.accounts.users()
  }
  createUser(user: UserRecord): Promise<void> {
    return this.accounts.createUser(user)
  }
  setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.accounts.setPassword(username, passwordHash)
  }
  createSession(session: {
    idHash: string
    username: string
    createdAtMs: number
    expiresAtMs: number
  }): Promise<void> {
    return this.accounts.createSession(session)
  }
  sessionUser(
    idHash: string,
    nowMs: number,
  ): Promise<{ user: User; expiresAtMs: number } | undefined> {
    return this.accounts.sessionUser(idHash, nowMs)
  }
  extendSession(idHash: string, expiresAtMs: number): Promise<void> {
    return this.accounts.extendSession(idHash, expiresAtMs)
  }
  deleteSession(idHash: string): Promise<void> {
    return this.accounts.deleteSession(idHash)
  }
  deleteExpiredSessions(nowMs: number): Promise<number> {
    return this.accounts.deleteExpiredSessions(nowMs)
  }
  replaceDisplayTokens(token: { hash: string; name: string; createdAt: string }): Promise<void> {
    return this.accounts.replaceDisplayTokens(token)
  }
  hasDisplayToken(hash: string): Promise<boolean> {
    return this.accounts.hasDisplayToken(hash)
  }
  displayTokenCount(): Promise<number> {
    return this.accounts.displayTokenCount()
  }

  // ---- plans ----

  plans(): Promise<PlanRecord[]> {
    return this.plansTable.plans()
  }
  plan(id: string): Promise<PlanRecord | undefined> {
    return this.plansTable.plan(id)
  }
  createPlan(plan: NewPlan): Promise<PlanRecord> {
    return this.plansTable.createPlan(plan)
  }
  updatePlan(id: string, changes: PlanChanges, updatedAt: string): Promise<PlanRecord | undefined> {
    return this.plansTable.updatePlan(id, changes, updatedAt)
  }
  deletePlan(id: string): Promise<boolean> {
    return this.plansTable.deletePlan(id)
  }

  // ---- grids ----

  gridsVersion(): Promise<number> {
    return this.grids.gridsVersion()
  }
  gridFeatures(): Promise<GridFeatureRecord[]> {
    return this.grids.gridFeatures()
  }
  gridManagers(): Promise<GridManagerRecord[]> {
    return this.grids.gridManagers()
  }
  gridCodes(): Promise<GridCodeRecord[]> {
    return this.grids.gridCodes()
  }
  checkpointCounts(): Promise<Map<string, { fixed: number; random: number }>> {
    return this.grids.checkpointCounts()
  }
  gridEvents(query: GridEventQuery): Promise<{ items: GridEventRecord[]; total: number }> {
    return this.grids.gridEvents(query)
  }
  transactGrids<T>(
    actor: GridActor,
    at: string,
    expectedVersion: number | undefined,
    decide: (view: GridView) => { plan: GridChangePlan; value: T },
  ): Promise<GridChangeResult<T>> {
    return this.grids.transactGrids(actor, at, expectedVersion, decide)
  }

  // a failed transaction may leave the stats cache ahead of the database
  private transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn()
    try {
      return this.db.transaction(fn)()
    } catch (error) {
      this.table.stats.invalidate()
      throw error
    }
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

/** Derived properties (overdue) a read adds to the stored JSON; none without a clock. */
function derivedPropertiesOf(collectionId: string, nowMs: number | undefined): string[] {
  if (nowMs === undefined) return []
  return (findCollection(collectionId)?.filters ?? [])
    .filter((f) => f.derived)
    .map((f) => f.property)
}

// The stored JSON ends with its properties object (toIssueJson, FeatureTable.insert), so a derived
// property is spliced in before the last two braces instead of parsing and re-serialising
function withDerived(json: string, values: readonly number[], names: readonly string[]): string {
  if (names.length === 0) return json
  const extra = names.map((name, i) => `"${name}":${values[i] ? 'true' : 'false'}`).join(',')
  const head = json.slice(0, -2)
  return `${head}${head.endsWith('{') ? '' : ','}${extra}}}`
}

/** [fid, minx, miny, maxx, maxy] in R*Tree grid units */
type RtreeEntry = [number, number, number, number, number]

// R*Tree entries sorted along a Hilbert curve over their extent: the tree then groups neighbours
// in the same nodes (a bbox count on 1M random-order points reads ~7× more nodes)
function inHilbertOrder(entries: RtreeEntry[]): RtreeEntry[] {
  if (entries.length < 2) return entries
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [, x0, y0, x1, y1] of entries) {
    minX = Math.min(minX, x0)
    minY = Math.min(minY, y0)
    maxX = Math.max(maxX, x1)
    maxY = Math.max(maxY, y1)
  }
  const cells = 65535 // per side, the 16-bit curve
  const kx = cells / Math.max(1, maxX - minX)
  const ky = cells / Math.max(1, maxY - minY)
  const keys = entries.map(([, x0, y0, x1, y1]) =>
    hilbertIndex(Math.floor(((x0 + x1) / 2 - minX) * kx), Math.floor(((y0 + y1) / 2 - minY) * ky)),
  )
  return entries
    .map((_, i) => i)
    .sort((a, b) => (keys[a] as number) - (keys[b] as number))
    .map((i) => entries[i] as RtreeEntry)
}
