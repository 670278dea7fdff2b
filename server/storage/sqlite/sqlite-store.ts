// Store on SQLite (better-sqlite3): one features table holding serialized GeoJSON, an R*Tree on
// feature bboxes, indexed columns for the filter properties and the temporal property.
// A page is two statements: an exact count, then the page's fids → their JSON text.
// The ledger (sqlite-ledger.ts), the accounts (sqlite-accounts.ts) and the plans (sqlite-plans.ts)
// share the connection.

import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database, { type Statement } from 'better-sqlite3'
import { type CollectionDef, findCollection } from '../../collections.ts'
import type { Bbox, CollectionStats, FeaturePage, FeatureQuery } from '../../ogc/feature-query.ts'
import { ChangeListeners } from '../change-feed.ts'
import type { IdempotentReply } from '../idempotency-store.ts'
import { intersectsBbox } from '../intersects-bbox.ts'
import { withIssueNumbers } from '../issue-numbers.ts'
import type { RateLimitHits } from '../rate-limit-store.ts'
import type { CollectionData, GeoJsonFeature, NewIds, Store } from '../store.ts'
import { refuseIssueAdds, StaleCursor } from '../store-errors.ts'
import { composeParts, PartsBase } from '../store-parts.ts'
import { cellsCoverCollection, countPointsInBox } from './cell-count.ts'
import { CollectionSummary, toCollectionStats } from './collection-summary.ts'
import { derivedPropertiesOf, spliceDerivedSql, withDerived } from './derived-properties.ts'
import {
  derivedColumns,
  type FidQuery,
  intersectsBboxFunction,
  matchingFids,
} from './feature-sql.ts'
import { FeatureTable, issuesCollectionId } from './feature-table.ts'
import { inHilbertOrder, type RtreeEntry } from './hilbert.ts'
import { migrate } from './migrate.ts'
import { loadWithPointPagesRebuilt, readJoinedPointPage, readPointPage } from './point-pages.ts'
import { SqliteAccountability } from './sqlite-accountability.ts'
import { SqliteAccounts } from './sqlite-accounts.ts'
import { SqliteAssessment } from './sqlite-assessment.ts'
import { SqliteDepartmentEvaluations } from './sqlite-department-evaluations.ts'
import { SqliteGrids } from './sqlite-grids.ts'
import { SqliteIssueSnapshot } from './sqlite-issue-snapshot.ts'
import { SqliteLedger } from './sqlite-ledger.ts'
import { SqliteMaterials } from './sqlite-materials.ts'
import { SqliteNotifications } from './sqlite-notifications.ts'
import { SqlitePlans } from './sqlite-plans.ts'
import { SqliteSupervision } from './sqlite-supervision.ts'

export interface SqliteStoreOptions {
  cacheSizeMiB?: number // page cache; raise it for bulk loads of millions of rows
  pollMs?: number // how often another process's commits are looked for while anyone listens
  busyTimeoutMs?: number // how long one attempt waits for another process's write lock
  writeAttempts?: number // a write transaction still refused as busy after this many is an error
}

const defaults: Required<SqliteStoreOptions> = {
  cacheSizeMiB: 64, // MiB
  pollMs: 100, // ms; other processes' writes reach the live views well within 1 s
  busyTimeoutMs: 5000, // ms; a write holds the lock for milliseconds, a bulk load for seconds
  writeAttempts: 3, // BEGIN IMMEDIATE attempts, each waiting up to busyTimeoutMs
}

/** Opens (creating and migrating if needed) a SQLite store: a file path or ':memory:'. */
const mmapBytes = 0x7fff0000 // 2 GiB − 64 KiB: better-sqlite3's SQLITE_MAX_MMAP_SIZE
/** Loads of at least this many features build the point-pages index afterwards (point-pages.ts). */
const bulkLoadRows = 50_000

export async function openSqliteStore(
  filename: string,
  options: SqliteStoreOptions = {},
): Promise<Store> {
  const { cacheSizeMiB, pollMs, busyTimeoutMs, writeAttempts } = { ...defaults, ...options }
  const inMemory = filename === ':memory:' || filename === ''
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true })
  const db = new Database(filename)
  // ms; another process (a cluster worker, npm run user) may hold the write lock — set first, so
  // that two processes opening one new file wait for each other from the first pragma on
  db.pragma(`busy_timeout = ${busyTimeoutMs}`)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL') // an acknowledged write survives power loss, not only a process kill
  db.pragma(`cache_size = ${-cacheSizeMiB * 1024}`) // negative = KiB
  db.pragma('temp_store = MEMORY')
  // reads through a memory map of the file instead of read() into the page cache: a 1,000-feature
  // bbox page of the 1M-issue file (1.2 GB) costs ~25 % less (README, "Items on the MapServer
  // anchor's points"). 2 GiB is the most this SQLite build maps (SQLITE_MAX_MMAP_SIZE); mapped
  // pages count in RSS but are the kernel's file cache, shared by every process on the file
  if (!inMemory) db.pragma(`mmap_size = ${mmapBytes}`)
  db.pragma('foreign_keys = ON') // users → units, sessions → users
  const schemaVersion = migrate(db)
  // the bbox refine step for lines and polygons (feature-sql.ts): R*Tree candidates only
  db.function(intersectsBboxFunction, { deterministic: true }, (json, w, s, e, n) => {
    const { geometry } = JSON.parse(json as string) as Pick<GeoJsonFeature, 'geometry'>
    return intersectsBbox(geometry, [w, s, e, n] as unknown as Bbox) ? 1 : 0
  })
  return new SqliteStore(db, { pollMs, writeAttempts, schemaVersion })
}

// the ledger's, accounts', plans', … methods are the parts' own (composeParts, store-parts.ts)
class SqliteStore extends PartsBase implements Store {
  private readonly statements = new Map<string, Statement>()
  private readonly db: Database.Database
  private readonly table: FeatureTable
  private readonly ledger: SqliteLedger
  private readonly grids: SqliteGrids
  private readonly snapshots: SqliteIssueSnapshot
  private readonly writeAttempts: number
  /** Wakes on every commit: this connection's at once, other processes' within pollMs. */
  readonly changes: ChangeListeners
  private cachesAt = -1 // data_version the cached stats rows and units were read at
  private polledAt = -1 // data_version the change poller last saw

  constructor(
    db: Database.Database,
    options: { pollMs: number; writeAttempts: number; schemaVersion: number },
  ) {
    super()
    this.db = db
    this.writeAttempts = options.writeAttempts
    let timer: NodeJS.Timeout | undefined
    this.changes = new ChangeListeners(
      () => {
        this.polledAt = this.dataVersion()
        timer = setInterval(() => this.poll(), options.pollMs).unref()
      },
      () => clearInterval(timer),
    )
    const prepare = (sql: string) => this.prepare(sql)
    const transaction = <T>(fn: () => T) => this.transaction(fn)
    this.table = new FeatureTable(prepare)
    this.ledger = new SqliteLedger(prepare, transaction, this.table, () => this.syncCaches())
    this.grids = new SqliteGrids(prepare, transaction, this.table, this.ledger)
    this.snapshots = new SqliteIssueSnapshot(prepare, transaction, options.schemaVersion)
    composeParts(this, {
      ledger: this.ledger,
      accounts: new SqliteAccounts(prepare, transaction),
      plans: new SqlitePlans(prepare, transaction),
      grids: this.grids,
      supervision: new SqliteSupervision(prepare, transaction),
      notifications: new SqliteNotifications(prepare, transaction),
      assessment: new SqliteAssessment(prepare, transaction, this.ledger),
      materials: new SqliteMaterials(prepare, transaction),
      accountability: new SqliteAccountability(prepare, transaction),
      departmentEvaluations: new SqliteDepartmentEvaluations(prepare, transaction),
      issueSnapshots: this.snapshots,
    })
  }

  async collectionStats(): Promise<ReadonlyMap<string, CollectionStats>> {
    this.syncCaches()
    return new Map([...this.table.stats.all()].map(([id, row]) => [id, toCollectionStats(row)]))
  }

  async features(collectionId: string, query: FeatureQuery): Promise<FeaturePage> {
    this.syncCaches()
    const stats = this.table.stats.get(collectionId)
    if (!stats) return { features: [], numberMatched: 0 }
    const refineShapes = findCollection(collectionId)?.geometryType !== 'Point'
    const fids = matchingFids(collectionId, query, stats, { refineShapes })
    const { sql, params, knownCount, pageOrder, rtreeBox } = fids
    const prepare = (text: string) => this.prepare(text)
    const withGeometry = stats.count - stats.without_geometry
    // a plain bbox over a collection of points only: counted by cells, paged from their index
    const cells =
      rtreeBox && cellsCoverCollection(prepare, collectionId, withGeometry) ? rtreeBox : undefined
    const numberMatched =
      knownCount ??
      (cells
        ? countPointsInBox(prepare, collectionId, stats.ordinal, cells, query.countUpTo) +
          stats.without_geometry
        : this.countMatches(fids, query.countUpTo))
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
    const json = { sql: jsonColumn, params: jsonParams }
    const position = cells &&
      stats.without_geometry === 0 && {
        collectionId,
        box: cells,
        ...(after === undefined ? {} : { afterFid: after }),
        limit: query.limit + 1,
        offset: query.offset,
      }
    const capped = countCapped ? { countCapped: true } : {}
    if (position && query.joined) {
      const splice = spliceDerivedSql(derived)
      const page = { ...position, limit: query.limit }
      const joined = readJoinedPointPage(prepare, page, { json, derived: columns }, splice)
      if (!joined) throw new StaleCursor()
      const { hasMore, lastFid } = joined
      return {
        features: [],
        joined: { json: joined.json, count: joined.count },
        numberMatched,
        hasMore,
        ...capped,
        ...(hasMore && lastFid !== undefined ? { nextCursor: String(lastFid) } : {}),
      }
    }
    const rows = (
      position
        ? readPointPage(prepare, position, { json, derived: columns })
        : // the page keeps the order of the fid query (see FidQuery.pageOrder), which is fixed
          // for a given query and data, so pages are disjoint and stable
          this.prepare(
            `SELECT ${jsonColumn}, f.fid${columns.sql} FROM (${fidSql}) p CROSS JOIN features f ON f.fid = p.fid`,
          )
            .raw()
            .all(...jsonParams, ...columns.params, ...fidParams, query.limit + 1, query.offset)
    ) as [string, number, ...number[]][] | undefined
    if (!rows) throw new StaleCursor()
    const hasMore = rows.length > query.limit
    if (hasMore) rows.pop()
    const last = rows.at(-1)
    return {
      features: rows.map(([json, , ...values]) => withDerived(json, values, derived)),
      numberMatched,
      hasMore,
      ...capped,
      ...((keyset || position) && hasMore && last ? { nextCursor: String(last[1]) } : {}),
    }
  }

  /** numberMatched in SQL, exact up to `cap + 1`. */
  private countMatches({ sql, params }: FidQuery, cap: number | undefined): number {
    if (cap === undefined) {
      return this.prepare(`SELECT count(*) FROM (${sql})`)
        .pluck()
        .get(...params) as number
    }
    // stop counting past the cap: a bbox over 300k matches would otherwise cost ~60 ms here
    return this.prepare(`SELECT count(*) FROM (${sql} LIMIT ?)`)
      .pluck()
      .get(...params, cap + 1) as number
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
    const loading = batch.reduce((sum, { features }) => sum + features.length, 0)
    const kept = this.db
      .prepare(`SELECT count(*) FROM features WHERE collection NOT IN (${batch.map(() => '?')})`)
      .pluck()
      .get(...batch.map(({ def }) => def.id)) as number
    const loadAll = (load: () => void) =>
      loading >= bulkLoadRows && loading >= kept ? loadWithPointPagesRebuilt(this.db, load) : load()
    this.transaction(() =>
      loadAll(() => {
        for (const { def, features } of batch) {
          deleteRtree.run(def.id)
          deleteFeatures.run(def.id)
          if (def.id === issuesCollectionId) {
            deleteEvents.run(issuesCollectionId)
            this.db.prepare('DELETE FROM issue_numbers').run() // counted again from the loaded numbers
            this.snapshots.forget()
          }
          if (def.id === 'grids') this.grids.forget()
          this.table.resetIds(def.id)
          const ordinal = this.table.stats.ordinalFor(def.id)
          const summary = new CollectionSummary(def.id, ordinal)
          const seen = new Set<string>()
          const entries: RtreeEntry[] = []
          const issues: { id: string; json: string }[] = []
          const loaded = def.id === issuesCollectionId ? withIssueNumbers(features) : features
          loaded.forEach((feature, index) => {
            const id =
              feature.id === undefined || feature.id === null
                ? String(index + 1)
                : String(feature.id)
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
      }),
    )
  }

  async addFeatures(
    def: CollectionDef,
    features: readonly GeoJsonFeature[],
    newIds: NewIds,
  ): Promise<string[]> {
    refuseIssueAdds(def.id)
    return this.transaction(() => this.table.add(def, features, newIds))
  }

  async syntheticCollections(ids: readonly string[]): Promise<Set<string>> {
    const any = this.db.prepare(
      "SELECT 1 FROM features WHERE collection = ? AND json_extract(json, '$.properties.synthetic') = 1 LIMIT 1",
    )
    return new Set(ids.filter((id) => any.get(id) !== undefined))
  }

  async isLoaded(): Promise<boolean> {
    return this.table.stats.all().size > 0
  }

  async close(): Promise<void> {
    this.changes.clear()
    this.db.close()
  }

  // ---- rate limits ----

  async hitRateLimit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHits> {
    return this.transaction(() => {
      // ended windows go as new hits come (failed sign-ins: a few rows, rarely written)
      this.prepare('DELETE FROM rate_limits WHERE reset_at_ms <= ? AND key <> ?').run(nowMs, key)
      return this.prepare(
        `INSERT INTO rate_limits (key, hits, reset_at_ms) VALUES (@key, 1, @now + @window)
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN reset_at_ms <= @now THEN 1 ELSE hits + 1 END,
             reset_at_ms = CASE WHEN reset_at_ms <= @now THEN @now + @window ELSE reset_at_ms END
           RETURNING hits, reset_at_ms AS resetAtMs`,
      ).get({ key, now: nowMs, window: windowMs }) as RateLimitHits
    })
  }
  async unhitRateLimit(key: string): Promise<void> {
    this.transaction(() =>
      this.prepare('UPDATE rate_limits SET hits = max(0, hits - 1) WHERE key = ?').run(key),
    )
  }
  async resetRateLimit(key: string): Promise<void> {
    this.transaction(() => this.prepare('DELETE FROM rate_limits WHERE key = ?').run(key))
  }

  // ---- Idempotency-Key ----

  async claimIdempotencyKey(
    username: string,
    key: string,
    requestHash: string,
    nowMs: number,
    expiresAtMs: number,
  ): Promise<IdempotentReply | undefined> {
    return this.transaction(() => {
      this.prepare('DELETE FROM idempotency_keys WHERE expires_at_ms <= ?').run(nowMs)
      const held = this.prepare(
        'SELECT request_hash, status, body FROM idempotency_keys WHERE username = ? AND key = ?',
      ).get(username, key) as IdempotencyRow | undefined
      if (held) return toIdempotentReply(held)
      this.prepare(
        'INSERT INTO idempotency_keys (username, key, request_hash, expires_at_ms) VALUES (?, ?, ?, ?)',
      ).run(username, key, requestHash, expiresAtMs)
      return undefined
    })
  }
  async completeIdempotencyKey(
    username: string,
    key: string,
    status: number,
    body: string,
  ): Promise<void> {
    this.transaction(() =>
      this.prepare(
        'UPDATE idempotency_keys SET status = ?, body = ? WHERE username = ? AND key = ?',
      ).run(status, body, username, key),
    )
  }
  async releaseIdempotencyKey(username: string, key: string): Promise<void> {
    this.transaction(() =>
      this.prepare(
        'DELETE FROM idempotency_keys WHERE username = ? AND key = ? AND status IS NULL',
      ).run(username, key),
    )
  }

  // BEGIN IMMEDIATE: the write lock is taken first, so a transaction that read never fails to upgrade
  // (SQLITE_BUSY with no wait, under deferred BEGIN); busy_timeout waits for it, a few times over.
  // A failed transaction may leave the stats cache ahead of the database.
  private transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn()
    let entered = false
    const body = this.db.transaction(() => {
      entered = true
      this.syncCaches() // another process may have written since the caches were read
      return fn()
    })
    for (let attempt = 1; ; attempt++) {
      try {
        const result = body.immediate()
        this.changes.wake()
        return result
      } catch (error) {
        this.table.stats.invalidate()
        // only a BEGIN that found the lock taken is tried again: fn never ran
        if (entered || !isBusy(error) || attempt >= this.writeAttempts) throw error
      }
    }
  }

  private dataVersion(): number {
    // changes whenever another connection (any process) commits; never for this connection's own
    return this.prepare('PRAGMA data_version').pluck().get() as number
  }

  /** Drops the cached stats rows and units when another process committed since they were read. */
  private syncCaches(): void {
    const version = this.dataVersion()
    if (version === this.cachesAt) return
    this.cachesAt = version
    this.table.stats.invalidate()
    this.ledger.forgetUnits()
  }

  private poll(): void {
    if (!this.db.open) return
    const version = this.dataVersion()
    if (version === this.polledAt) return
    this.polledAt = version
    this.changes.wake()
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

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

interface IdempotencyRow {
  request_hash: string
  status: number | null
  body: string | null
}

function toIdempotentReply(row: IdempotencyRow): IdempotentReply {
  const reply: IdempotentReply = { requestHash: row.request_hash }
  if (row.status !== null) reply.status = row.status
  if (row.body !== null) reply.body = row.body
  return reply
}
