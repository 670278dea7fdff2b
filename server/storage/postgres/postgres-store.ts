// Store on PostgreSQL 15 + PostGIS 3 (driver: postgres, porsager): one pool per process; every write
// is one transaction that NOTIFYs `store_changes` once at commit with the newest event seq; one
// dedicated LISTEN connection per process (reconnecting on its own) wakes the change feed.
// The ledger (postgres-ledger.ts), accounts, plans, grids and 督查 share the pool.

import postgres, { type Sql } from 'postgres'
import type { CollectionDef } from '../../collections.ts'
import type { CollectionStats, FeaturePage, FeatureQuery } from '../../ogc/feature-query.ts'
import { ChangeListeners } from '../change-feed.ts'
import type { IdempotentReply } from '../idempotency-store.ts'
import { withIssueNumbers } from '../issue-numbers.ts'
import type { RateLimitHits } from '../rate-limit-store.ts'
import { CollectionSummary, toCollectionStats } from '../sqlite/collection-summary.ts'
import type { CollectionData, GeoJsonFeature, NewIds, Store } from '../store.ts'
import { refuseIssueAdds } from '../store-errors.ts'
import { composeParts, PartsBase } from '../store-parts.ts'
import { migratePostgres } from './migrate-postgres.ts'
import { PostgresAccountability } from './postgres-accountability.ts'
import { PostgresAccounts } from './postgres-accounts.ts'
import { PostgresAssessment } from './postgres-assessment.ts'
import { changesChannel, query, queryOne, Write, type WriteTransaction } from './postgres-db.ts'
import { PostgresDepartmentEvaluations } from './postgres-department-evaluations.ts'
import {
  addFeatureRows,
  allStats,
  type FeatureRow,
  featurePage,
  insertFeatureRows,
  issuesCollectionId,
  saveStats,
  shapedFeature,
  statsOf,
  toFeatureRow,
} from './postgres-features.ts'
import { PostgresGrids } from './postgres-grids.ts'
import { forgetIssueSnapshot, PostgresIssueSnapshot } from './postgres-issue-snapshot.ts'
import { PostgresLedger, recordImports } from './postgres-ledger.ts'
import { PostgresMaterials } from './postgres-materials.ts'
import { PostgresNotifications } from './postgres-notifications.ts'
import { PostgresPlans } from './postgres-plans.ts'
import { PostgresSupervision } from './postgres-supervision.ts'

export interface PostgresStoreOptions {
  maxConnections?: number // pool size, the LISTEN connection not counted
  connectTimeoutS?: number // how long one connection attempt may take
}

const defaults: Required<PostgresStoreOptions> = {
  maxConnections: 10, // connections; PgBouncer (session mode) fronts many processes
  connectTimeoutS: 10, // s
}

/** Opens (migrating if needed) the PostGIS store at a postgres:// URL. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const { maxConnections, connectTimeoutS } = { ...defaults, ...options }
  const sql = postgres(url, {
    max: maxConnections,
    connect_timeout: connectTimeoutS,
    onnotice: () => {}, // "extension already exists, skipping" and the like
    // PostGIS's function costs put every bbox page past jit_above_cost: JIT then spent 15–20 ms
    // compiling a plan that runs in a few, and two parallel workers ~10 ms starting for a 1,000-row
    // page (bench:stores). Pages are short reads from many connections at once: one backend each.
    connection: { jit: 'off', max_parallel_workers_per_gather: '0' },
    // counts, seqs and epoch ms fit a double exactly (< 2^53); the driver would give strings
    types: {
      bigint: {
        to: 20,
        from: [20],
        serialize: (x: number) => String(x),
        parse: (x: string) => Number(x),
      },
    },
  })
  let schemaVersion: number
  try {
    schemaVersion = await migratePostgres(sql)
  } catch (error) {
    await sql.end({ timeout: 1 })
    throw error
  }
  return new PostgresStore(sql, schemaVersion)
}

// the ledger's, accounts', plans', … methods are the parts' own (composeParts, store-parts.ts)
class PostgresStore extends PartsBase implements Store {
  private readonly sql: Sql
  readonly changes: ChangeListeners
  private readonly grids: PostgresGrids
  private listening: Promise<{ unlisten(): Promise<void> }> | undefined
  private closed = false

  constructor(sql: Sql, schemaVersion: number) {
    super()
    this.sql = sql
    this.changes = new ChangeListeners(
      () => this.listen(),
      () => this.unlisten(),
    )
    const write: WriteTransaction = (fn, quiet) => this.write(fn, quiet)
    this.grids = new PostgresGrids(sql, write)
    composeParts(this, {
      ledger: new PostgresLedger(sql, write),
      accounts: new PostgresAccounts(sql, write),
      plans: new PostgresPlans(sql, write),
      grids: this.grids,
      supervision: new PostgresSupervision(sql, write),
      notifications: new PostgresNotifications(sql, write),
      assessment: new PostgresAssessment(sql, write),
      materials: new PostgresMaterials(sql, write),
      accountability: new PostgresAccountability(sql, write),
      departmentEvaluations: new PostgresDepartmentEvaluations(sql, write),
      issueSnapshots: new PostgresIssueSnapshot(sql, write, schemaVersion),
    })
  }

  // ---- change feed ----

  private listen(): void {
    // the driver keeps one dedicated connection for LISTEN and re-issues it after a reconnect; the
    // onlisten callback runs then too, and wakes everyone, since notifications may have been missed
    this.listening = this.sql.listen(
      changesChannel,
      () => this.changes.wake(),
      () => this.changes.wake(),
    )
    this.listening.catch(() => {}) // a failed LISTEN is retried by the driver's reconnect
  }

  private unlisten(): void {
    const listening = this.listening
    this.listening = undefined
    void listening?.then((l) => l.unlisten()).catch(() => {})
  }

  /** One write transaction; NOTIFYs once at commit (unless quiet) and wakes this process at once. */
  private async write<T>(fn: (w: Write) => Promise<T>, quiet = false): Promise<T> {
    const result = (await this.sql.begin(async (tx) => {
      const w = new Write(tx)
      const value = await fn(w)
      if (!quiet) await tx`SELECT pg_notify(${changesChannel}, ${String(w.lastSeq)})`
      return value
    })) as T
    if (!quiet) this.changes.wake()
    return result
  }

  // ---- features ----

  async collectionStats(): Promise<ReadonlyMap<string, CollectionStats>> {
    const rows = await allStats(this.sql)
    return new Map([...rows].map(([id, row]) => [id, toCollectionStats(row)]))
  }

  async features(collectionId: string, q: FeatureQuery): Promise<FeaturePage> {
    const stats = await statsOf(this.sql, collectionId)
    if (!stats) return { features: [], numberMatched: 0 }
    return featurePage(this.sql, collectionId, q, stats)
  }

  async feature(
    collectionId: string,
    featureId: string,
    nowMs?: number,
  ): Promise<string | undefined> {
    const row = await queryOne<{ json: string }>(
      this.sql,
      'SELECT json FROM features WHERE collection = $1 AND id = $2',
      [collectionId, featureId],
    )
    return row && shapedFeature(collectionId, row.json, nowMs)
  }

  async loadCollections(batch: readonly CollectionData[]): Promise<void> {
    const loadedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    await this.write(async (w) => {
      if (batch.some((c) => c.def.id === issuesCollectionId)) await w.lockLedger()
      for (const { def, features } of batch) {
        await query(w.tx, 'DELETE FROM features WHERE collection = $1', [def.id])
        // the issues are gone first, so the append-only trigger lets their history go too
        if (def.id === issuesCollectionId) {
          await query(w.tx, 'DELETE FROM issue_events')
          await query(w.tx, 'DELETE FROM issue_numbers') // counted again from the loaded numbers
          await forgetIssueSnapshot(w.tx)
        }
        await query(w.tx, "DELETE FROM sequences WHERE starts_with(name, $1 || ':')", [def.id])
        const summary = new CollectionSummary(def.id, 0)
        const seen = new Set<string>()
        const loaded = def.id === issuesCollectionId ? withIssueNumbers(features) : features
        const rows: FeatureRow[] = loaded.map((feature, index) => {
          const id =
            feature.id === undefined || feature.id === null ? String(index + 1) : String(feature.id)
          if (seen.has(id)) throw new Error(`集合 ${def.id} 中要素编号重复：${id}`)
          seen.add(id)
          const row = toFeatureRow(def, id, feature)
          summary.add(row.bbox, true, row.t ?? undefined, row.properties)
          return row
        })
        await insertFeatureRows(w.tx, def.id, rows)
        await saveStats(w.tx, summary.toRow())
        if (def.id === issuesCollectionId) await recordImports(w, rows, loadedAt)
        if (def.id === 'grids') this.grids.forget()
      }
    })
  }

  async addFeatures(
    def: CollectionDef,
    features: readonly GeoJsonFeature[],
    newIds: NewIds,
  ): Promise<string[]> {
    refuseIssueAdds(def.id)
    return this.write((w) => addFeatureRows(w, def, features, newIds))
  }

  async syntheticCollections(ids: readonly string[]): Promise<Set<string>> {
    const rows = await query<{ collection: string }>(
      this.sql,
      `SELECT t.c AS collection FROM unnest($1::text[]) AS t(c) WHERE EXISTS (
         SELECT 1 FROM features WHERE collection = t.c AND json::jsonb #>> '{properties,synthetic}' = 'true')`,
      [ids],
    )
    return new Set(rows.map((r) => r.collection))
  }

  async isLoaded(): Promise<boolean> {
    return (await queryOne(this.sql, 'SELECT 1 FROM collection_stats LIMIT 1')) !== undefined
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.changes.clear()
    await this.sql.end({ timeout: 5 })
  }

  // ---- rate limits ----

  hitRateLimit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHits> {
    return this.write(async (w) => {
      // ended windows go as new hits come (failed sign-ins: a few rows, rarely written)
      await query(w.tx, 'DELETE FROM rate_limits WHERE reset_at_ms <= $1 AND key <> $2', [
        nowMs,
        key,
      ])
      const row = await queryOne<RateLimitHits>(
        w.tx,
        `INSERT INTO rate_limits (key, hits, reset_at_ms) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.reset_at_ms <= $2::bigint THEN 1 ELSE rate_limits.hits + 1 END,
           reset_at_ms = CASE WHEN rate_limits.reset_at_ms <= $2::bigint THEN $2::bigint + $3::bigint
                              ELSE rate_limits.reset_at_ms END
         RETURNING hits, reset_at_ms AS "resetAtMs"`,
        [key, nowMs, windowMs],
      )
      return row as RateLimitHits
    }, true)
  }
  async unhitRateLimit(key: string): Promise<void> {
    await query(this.sql, 'UPDATE rate_limits SET hits = greatest(0, hits - 1) WHERE key = $1', [
      key,
    ])
  }
  async resetRateLimit(key: string): Promise<void> {
    await query(this.sql, 'DELETE FROM rate_limits WHERE key = $1', [key])
  }

  // ---- Idempotency-Key ----

  claimIdempotencyKey(
    username: string,
    key: string,
    requestHash: string,
    nowMs: number,
    expiresAtMs: number,
  ): Promise<IdempotentReply | undefined> {
    return this.write(async (w) => {
      await query(w.tx, 'DELETE FROM idempotency_keys WHERE expires_at_ms <= $1', [nowMs])
      // the insert decides between two processes claiming one key at once
      const claimed = await query(
        w.tx,
        `INSERT INTO idempotency_keys (username, key, request_hash, expires_at_ms)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
        [username, key, requestHash, expiresAtMs],
      )
      if (claimed.length > 0) return undefined
      const held = await queryOne<{
        request_hash: string
        status: number | null
        body: string | null
      }>(
        w.tx,
        'SELECT request_hash, status, body FROM idempotency_keys WHERE username = $1 AND key = $2',
        [username, key],
      )
      if (!held) return undefined
      const reply: IdempotentReply = { requestHash: held.request_hash }
      if (held.status !== null) reply.status = held.status
      if (held.body !== null) reply.body = held.body
      return reply
    }, true)
  }
  async completeIdempotencyKey(
    username: string,
    key: string,
    status: number,
    body: string,
  ): Promise<void> {
    await query(
      this.sql,
      'UPDATE idempotency_keys SET status = $1, body = $2 WHERE username = $3 AND key = $4',
      [status, body, username, key],
    )
  }
  async releaseIdempotencyKey(username: string, key: string): Promise<void> {
    await query(
      this.sql,
      'DELETE FROM idempotency_keys WHERE username = $1 AND key = $2 AND status IS NULL',
      [username, key],
    )
  }
}
