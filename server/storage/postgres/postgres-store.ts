// Store on PostgreSQL 15 + PostGIS 3 (driver: postgres, porsager): one pool per process; every write
// is one transaction that NOTIFYs `store_changes` once at commit with the newest event seq; one
// dedicated LISTEN connection per process (reconnecting on its own) wakes the change feed.
// The ledger (postgres-ledger.ts), accounts, plans, grids and 督查 share the pool.

import postgres, { type Sql } from 'postgres'
import type { CollectionDef } from '../../collections.ts'
import type {
  AccountabilityDocument,
  AccountabilityFilter,
  AccountabilityRecord,
  NewAccountabilityRecord,
} from '../../domain/accountability.ts'
import type { AssessmentSystem, AssessmentSystemRecord } from '../../domain/assessment-system.ts'
import type {
  ChecklistItem,
  Inspection,
  LatestInspection,
  NewInspection,
} from '../../domain/checklist.ts'
import type {
  DepartmentEvaluation,
  NewDepartmentEvaluation,
} from '../../domain/department-evaluation.ts'
import type { IssueEvent, IssueState, NewIssueEvent } from '../../domain/issue.ts'
import type { ReminderRule } from '../../domain/reminders.ts'
import type { User } from '../../domain/roles.ts'
import type { NewRound, Round } from '../../domain/supervision.ts'
import type { Unit } from '../../domain/units.ts'
import type { CollectionStats, FeaturePage, FeatureQuery } from '../../ogc/feature-query.ts'
import type { UserRecord } from '../account-store.ts'
import type { FailureIssue } from '../assessment-store.ts'
import { ChangeListeners } from '../change-feed.ts'
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
import type { IdempotentReply } from '../idempotency-store.ts'
import { withIssueNumbers } from '../issue-numbers.ts'
import type {
  AttachmentRecord,
  FirstEvent,
  IssueListQuery,
  IssuePage,
  UnitRecord,
} from '../ledger-store.ts'
import type { MaterialStore } from '../material-store.ts'
import type {
  Deliveries,
  NewNotification,
  NewOutboxItem,
  OutboxAttempt,
  OutboxStatus,
  ReminderDelivery,
  SavedReminderRules,
} from '../notification-store.ts'
import type { NewPlan, PlanChanges, PlanRecord } from '../plan-store.ts'
import type { RateLimitHits } from '../rate-limit-store.ts'
import { CollectionSummary, toCollectionStats } from '../sqlite/collection-summary.ts'
import type { CollectionData, GeoJsonFeature, NewIds, Store } from '../store.ts'
import { DuplicateId } from '../store-errors.ts'
import type {
  DocumentKind,
  DocumentRecord,
  IssuedFiles,
  NewDocument,
  RoundChanges,
} from '../supervision-store.ts'
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
import * as ledger from './postgres-ledger.ts'
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
  try {
    await migratePostgres(sql)
  } catch (error) {
    await sql.end({ timeout: 1 })
    throw error
  }
  return new PostgresStore(sql)
}

class PostgresStore implements Store {
  private readonly sql: Sql
  readonly changes: ChangeListeners
  private readonly accounts: PostgresAccounts
  private readonly inbox: PostgresNotifications
  private readonly accountabilityTable: PostgresAccountability
  private readonly departmentEvaluationsTable: PostgresDepartmentEvaluations
  private readonly plansTable: PostgresPlans
  private readonly supervision: PostgresSupervision
  private readonly assessment: PostgresAssessment
  private readonly grids: PostgresGrids
  private readonly assessmentMaterials: PostgresMaterials
  private listening: Promise<{ unlisten(): Promise<void> }> | undefined
  private closed = false

  constructor(sql: Sql) {
    this.sql = sql
    this.changes = new ChangeListeners(
      () => this.listen(),
      () => this.unlisten(),
    )
    const write: WriteTransaction = (fn, quiet) => this.write(fn, quiet)
    this.accounts = new PostgresAccounts(sql, write)
    this.inbox = new PostgresNotifications(sql, write)
    this.accountabilityTable = new PostgresAccountability(sql, write)
    this.departmentEvaluationsTable = new PostgresDepartmentEvaluations(sql, write)
    this.plansTable = new PostgresPlans(sql, write)
    this.supervision = new PostgresSupervision(sql, write)
    this.assessment = new PostgresAssessment(sql, write)
    this.grids = new PostgresGrids(sql, write)
    this.assessmentMaterials = new PostgresMaterials(sql, write)
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
        if (def.id === issuesCollectionId) await ledger.recordImports(w, rows, loadedAt)
        if (def.id === 'grids') this.grids.forget()
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
    return this.write((w) => addFeatureRows(w, def, features, newIds))
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

  // ---- ledger ----

  issue(id: string): Promise<IssueState | undefined> {
    return ledger.readIssue(this.sql, id)
  }
  listIssues(q: IssueListQuery): Promise<IssuePage> {
    return ledger.listIssues(this.sql, q)
  }
  issueEvents(id: string): Promise<IssueEvent[]> {
    return ledger.issueEvents(this.sql, id)
  }
  issueEventsAfter(afterSeq: number, limit: number): Promise<IssueEvent[]> {
    return ledger.issueEventsAfter(this.sql, afterSeq, limit)
  }
  latestIssueEvents(limit: number): Promise<IssueEvent[]> {
    return ledger.latestIssueEvents(this.sql, limit)
  }
  createIssues(events: readonly FirstEvent[]): Promise<{ state: IssueState; event: IssueEvent }[]> {
    return this.write((w) => ledger.createIssues(w, events))
  }
  appendIssueEvent(
    event: NewIssueEvent,
    expectedVersion: number | undefined,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.transactIssue(event.issueId, expectedVersion, () => event)
  }
  transactIssue(
    issueId: string,
    expectedVersion: number | undefined,
    decide: (current: IssueState) => NewIssueEvent,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.write((w) => ledger.writeIssueEvent(w, issueId, expectedVersion, decide))
  }
  addAttachment(a: AttachmentRecord): Promise<void> {
    return ledger.addAttachment(this.sql, a)
  }
  attachment(id: string): Promise<AttachmentRecord | undefined> {
    return ledger.attachment(this.sql, id)
  }
  issueAttachments(issueId: string): Promise<AttachmentRecord[]> {
    return ledger.issueAttachments(this.sql, issueId)
  }
  units(): Promise<UnitRecord[]> {
    return ledger.units(this.sql)
  }
  seedUnits(units: readonly Unit[]): Promise<number> {
    return this.write((w) => ledger.seedUnits(w, units))
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
  addApiToken(token: { hash: string; username: string; label: string; createdAt: string }) {
    return this.accounts.addApiToken(token)
  }
  apiTokenUser(hash: string): Promise<User | undefined> {
    return this.accounts.apiTokenUser(hash)
  }
  revokeApiTokens(username: string): Promise<number> {
    return this.accounts.revokeApiTokens(username)
  }

  // ---- 部门评价 (postgres-department-evaluations.ts) ----
  addDepartmentEvaluation(entry: NewDepartmentEvaluation): Promise<DepartmentEvaluation> {
    return this.departmentEvaluationsTable.addDepartmentEvaluation(entry)
  }
  departmentEvaluations(year: number): Promise<DepartmentEvaluation[]> {
    return this.departmentEvaluationsTable.departmentEvaluations(year)
  }

  // ---- 问责 (postgres-accountability.ts) ----
  addAccountability(record: NewAccountabilityRecord): Promise<void> {
    return this.accountabilityTable.addAccountability(record)
  }
  accountability(id: string): Promise<AccountabilityRecord | undefined> {
    return this.accountabilityTable.accountability(id)
  }
  accountabilityRecords(filter: AccountabilityFilter): Promise<AccountabilityRecord[]> {
    return this.accountabilityTable.accountabilityRecords(filter)
  }
  setAccountabilityDocument(id: string, document: AccountabilityDocument): Promise<boolean> {
    return this.accountabilityTable.setAccountabilityDocument(id, document)
  }

  // ---- notifications (postgres-notifications.ts) ----
  deliverReminders(
    reminders: readonly ReminderDelivery[],
    notifications: (fresh: readonly ReminderDelivery[]) => Deliveries,
    sentAt: string,
  ): Promise<number> {
    return this.inbox.deliverReminders(reminders, notifications, sentAt)
  }
  addNotifications(notifications: readonly NewNotification[]): Promise<void> {
    return this.inbox.addNotifications(notifications)
  }
  notifications(username: string, options: { unreadOnly?: boolean; limit: number }) {
    return this.inbox.notifications(username, options)
  }
  unreadCount(username: string): Promise<number> {
    return this.inbox.unreadCount(username)
  }
  markRead(username: string, ids: readonly number[] | undefined, at: string): Promise<number> {
    return this.inbox.markRead(username, ids, at)
  }
  reminderRules(): Promise<SavedReminderRules | undefined> {
    return this.inbox.reminderRules()
  }
  saveReminderRules(rules: readonly ReminderRule[], by: string, at: string): Promise<void> {
    return this.inbox.saveReminderRules(rules, by, at)
  }
  reminderChannels(): Promise<unknown[]> {
    return this.inbox.reminderChannels()
  }
  saveReminderChannels(channels: readonly unknown[]): Promise<void> {
    return this.inbox.saveReminderChannels(channels)
  }
  enqueueOutbox(items: readonly NewOutboxItem[], at: string): Promise<void> {
    return this.inbox.enqueueOutbox(items, at)
  }
  claimOutbox(worker: string, at: string, leaseUntil: string, limit: number) {
    return this.inbox.claimOutbox(worker, at, leaseUntil, limit)
  }
  finishOutbox(id: number, attempt: OutboxAttempt, at: string): Promise<void> {
    return this.inbox.finishOutbox(id, attempt, at)
  }
  outbox(options: { status?: OutboxStatus; limit: number }) {
    return this.inbox.outbox(options)
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

  // ---- 测评体系 and 点位测评 (postgres-assessment.ts) ----

  assessmentYears(): Promise<number[]> {
    return this.assessment.assessmentYears()
  }
  assessmentSystem(year: number): Promise<AssessmentSystemRecord | undefined> {
    return this.assessment.assessmentSystem(year)
  }
  saveAssessmentSystem(system: AssessmentSystem, by: string, at: string): Promise<void> {
    return this.assessment.saveAssessmentSystem(system, by, at)
  }
  checklistItems(): Promise<ChecklistItem[]> {
    return this.assessment.checklistItems()
  }
  seedChecklistItems(items: readonly ChecklistItem[]): Promise<number> {
    return this.assessment.seedChecklistItems(items)
  }
  recordInspection(
    inspection: NewInspection,
    failures: readonly FailureIssue[],
  ): Promise<{ inspection: Inspection; issues: { state: IssueState; event: IssueEvent }[] }> {
    return this.assessment.recordInspection(inspection, failures)
  }
  inspection(id: string): Promise<Inspection | undefined> {
    return this.assessment.inspection(id)
  }
  inspections(filter: { checkpointId?: string; limit: number }): Promise<Inspection[]> {
    return this.assessment.inspections(filter)
  }
  latestInspections(): Promise<LatestInspection[]> {
    return this.assessment.latestInspections()
  }

  // ---- 材料审核 and 问卷调查 (postgres-materials.ts) ----

  materials(
    ...args: Parameters<MaterialStore['materials']>
  ): ReturnType<MaterialStore['materials']> {
    return this.assessmentMaterials.materials(...args)
  }
  material(...args: Parameters<MaterialStore['material']>): ReturnType<MaterialStore['material']> {
    return this.assessmentMaterials.material(...args)
  }
  openMaterial(
    ...args: Parameters<MaterialStore['openMaterial']>
  ): ReturnType<MaterialStore['openMaterial']> {
    return this.assessmentMaterials.openMaterial(...args)
  }
  saveReport(
    ...args: Parameters<MaterialStore['saveReport']>
  ): ReturnType<MaterialStore['saveReport']> {
    return this.assessmentMaterials.saveReport(...args)
  }
  addMaterialFile(
    ...args: Parameters<MaterialStore['addMaterialFile']>
  ): ReturnType<MaterialStore['addMaterialFile']> {
    return this.assessmentMaterials.addMaterialFile(...args)
  }
  removeMaterialFile(
    ...args: Parameters<MaterialStore['removeMaterialFile']>
  ): ReturnType<MaterialStore['removeMaterialFile']> {
    return this.assessmentMaterials.removeMaterialFile(...args)
  }
  materialFile(
    ...args: Parameters<MaterialStore['materialFile']>
  ): ReturnType<MaterialStore['materialFile']> {
    return this.assessmentMaterials.materialFile(...args)
  }
  moveMaterial(
    ...args: Parameters<MaterialStore['moveMaterial']>
  ): ReturnType<MaterialStore['moveMaterial']> {
    return this.assessmentMaterials.moveMaterial(...args)
  }
  materialEvents(
    ...args: Parameters<MaterialStore['materialEvents']>
  ): ReturnType<MaterialStore['materialEvents']> {
    return this.assessmentMaterials.materialEvents(...args)
  }
  materialsRevision(
    ...args: Parameters<MaterialStore['materialsRevision']>
  ): ReturnType<MaterialStore['materialsRevision']> {
    return this.assessmentMaterials.materialsRevision(...args)
  }
  handovers(
    ...args: Parameters<MaterialStore['handovers']>
  ): ReturnType<MaterialStore['handovers']> {
    return this.assessmentMaterials.handovers(...args)
  }
  handover(...args: Parameters<MaterialStore['handover']>): ReturnType<MaterialStore['handover']> {
    return this.assessmentMaterials.handover(...args)
  }
  addHandover(
    ...args: Parameters<MaterialStore['addHandover']>
  ): ReturnType<MaterialStore['addHandover']> {
    return this.assessmentMaterials.addHandover(...args)
  }
  receiveHandover(
    ...args: Parameters<MaterialStore['receiveHandover']>
  ): ReturnType<MaterialStore['receiveHandover']> {
    return this.assessmentMaterials.receiveHandover(...args)
  }
  surveyRounds(
    ...args: Parameters<MaterialStore['surveyRounds']>
  ): ReturnType<MaterialStore['surveyRounds']> {
    return this.assessmentMaterials.surveyRounds(...args)
  }
  surveyRound(
    ...args: Parameters<MaterialStore['surveyRound']>
  ): ReturnType<MaterialStore['surveyRound']> {
    return this.assessmentMaterials.surveyRound(...args)
  }
  addSurveyRound(
    ...args: Parameters<MaterialStore['addSurveyRound']>
  ): ReturnType<MaterialStore['addSurveyRound']> {
    return this.assessmentMaterials.addSurveyRound(...args)
  }
  deleteSurveyRound(
    ...args: Parameters<MaterialStore['deleteSurveyRound']>
  ): ReturnType<MaterialStore['deleteSurveyRound']> {
    return this.assessmentMaterials.deleteSurveyRound(...args)
  }

  // ---- 督查 ----

  rounds(): Promise<Round[]> {
    return this.supervision.rounds()
  }
  round(id: string): Promise<Round | undefined> {
    return this.supervision.round(id)
  }
  createRound(round: NewRound, at: string): Promise<Round> {
    return this.supervision.createRound(round, at)
  }
  updateRound(id: string, changes: RoundChanges, at: string): Promise<Round | undefined> {
    return this.supervision.updateRound(id, changes, at)
  }
  documents(filter: { kind?: DocumentKind; unitCode?: string }): Promise<DocumentRecord[]> {
    return this.supervision.documents(filter)
  }
  document(id: string): Promise<DocumentRecord | undefined> {
    return this.supervision.document(id)
  }
  createDraft(doc: NewDocument): Promise<DocumentRecord> {
    return this.supervision.createDraft(doc)
  }
  updateDraft(id: string, content: unknown, at: string): Promise<DocumentRecord | undefined> {
    return this.supervision.updateDraft(id, content, at)
  }
  nextDocumentNumber(kind: DocumentKind, year: number): Promise<number> {
    return this.supervision.nextDocumentNumber(kind, year)
  }
  issueDocument(id: string, files: IssuedFiles): Promise<DocumentRecord> {
    return this.supervision.issueDocument(id, files)
  }
  documentFile(id: string, format: 'docx' | 'pdf'): Promise<Uint8Array | undefined> {
    return this.supervision.documentFile(id, format)
  }
  receiveDocument(id: string, by: string, at: string): Promise<DocumentRecord | undefined> {
    return this.supervision.receiveDocument(id, by, at)
  }
  supervisionSettings(): Promise<Record<string, unknown> | undefined> {
    return this.supervision.supervisionSettings()
  }
  saveSupervisionSettings(settings: Record<string, unknown>): Promise<void> {
    return this.supervision.saveSupervisionSettings(settings)
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
  gridEvents(q: GridEventQuery): Promise<{ items: GridEventRecord[]; total: number }> {
    return this.grids.gridEvents(q)
  }
  transactGrids<T>(
    actor: GridActor,
    at: string,
    expectedVersion: number | undefined,
    decide: (view: GridView) => { plan: GridChangePlan; value: T },
  ): Promise<GridChangeResult<T>> {
    return this.grids.transactGrids(actor, at, expectedVersion, decide)
  }
}
