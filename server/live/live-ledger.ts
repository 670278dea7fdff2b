// The wall's live view of the ledger: the IssueColumns snapshot the stats endpoints aggregate, the
// last event seq it includes, and the bus its changes go out on. It follows the ledger's event log
// by seq, whichever process wrote: the store's change feed wakes catchUp(), which reads the events
// after lastSeq, applies each issue's current state to the columns, then publishes the event — a
// client told about seq N reads aggregates that include it. observe() wraps this process's writes
// so each one returns only after the view has caught up past it (read your own writes).
// The snapshot is stored as bytes (issue-columns-codec.ts) after a build, every snapshotEvery events
// and at shutdown; a start loads it and replays the events after it instead of reading every issue.

import { setImmediate as nextTurn } from 'node:timers/promises'
import { IssueColumns } from '../analytics/issue-columns.ts'
import { decodeColumns, encodeColumns } from '../analytics/issue-columns-codec.ts'
import {
  type IssueEvent,
  type IssueProperties,
  type IssueState,
  isOverdue,
  type LngLat,
} from '../domain/issue.ts'
import { publicEvent } from '../domain/personal-data.ts'
import type { LedgerStore } from '../storage/ledger-store.ts'
import type { CollectionData, Store } from '../storage/store.ts'
import { IssueBus } from './issue-bus.ts'

export interface LiveOptions {
  heartbeatMs: number // SSE comment so proxies keep an idle stream open
  retryMs: number // the reconnect delay EventSource is told to use
  catchUpLimit: number // missed events replayed on reconnect; more → `event: reset`
  maxBufferedBytes: number // a stream that cannot keep up is closed (it reconnects and catches up)
  frameBatchMs: number // frames of one stream within this window leave in one write
  loadPageSize: number // issues read per page when the snapshot is built
  followPageSize: number // events read per step while catching up with the log
  snapshotEvery: number // events past the stored snapshot before the next one is stored
}

export const liveDefaults: LiveOptions = {
  heartbeatMs: 15_000, // well under the 60 s idle timeout of common proxies
  retryMs: 3000, // ms
  catchUpLimit: 1000, // events
  maxBufferedBytes: 1 << 20, // 1 MiB unsent
  frameBatchMs: 50, // ms: well inside the wall's 1 s event budget
  loadPageSize: 20_000, // issues
  followPageSize: 1000, // events
  // a restart replays at most this many events (≈ 0.3 s); storing costs ≈ 0.4 s at 1M issues
  snapshotEvery: 10_000, // events
}

/** What a pushed event says about the issue as it is now, for the wall's feed and map. */
export interface IssueSummary {
  id: string
  issueNo?: string // 问题编号, what the feed shows
  version: number
  lngLat: [lng: number, lat: number]
  status: string
  category: string
  description: string
  townshipCode: string
  gridCode: string
  responsibleUnit: string
  reportedAt: string
  deadlineAt: string
  closedAt?: string
  overdue: boolean
}

export function toIssueSummary(state: IssueState, now: Date): IssueSummary {
  const p = state.properties
  const summary: IssueSummary = {
    id: state.id,
    version: state.version,
    lngLat: state.lngLat,
    status: p.status,
    category: p.category,
    description: p.description,
    townshipCode: p.townshipCode,
    gridCode: p.gridCode,
    responsibleUnit: p.responsibleUnit,
    reportedAt: p.reportedAt,
    deadlineAt: p.deadlineAt,
    overdue: isOverdue(p, now),
  }
  if (p.closedAt !== undefined) summary.closedAt = p.closedAt
  if (p.issueNo !== undefined) summary.issueNo = p.issueNo
  return summary
}

/** One `event: issue` SSE frame: the event and the issue's current summary (JSON has no raw newline). */
export function toIssueFrame(event: IssueEvent, state: IssueState | undefined, now: Date): string {
  // frames go to every screen, signed in or not: the actor's role, never their name
  const data = { ...publicEvent(event), issue: state ? toIssueSummary(state, now) : null }
  return `id: ${event.seq}\nevent: issue\ndata: ${JSON.stringify(data)}\n\n`
}

export function toResetFrame(seq: number): string {
  return `id: ${seq}\nevent: reset\ndata: ${JSON.stringify({ lastEventSeq: seq })}\n\n`
}

interface StoredIssue {
  id: string
  geometry: { type: string; coordinates: LngLat } | null
  properties: IssueProperties
}

const issuesId = 'issues'
const townshipsId = 'townships'
type Writes = Pick<LedgerStore, 'createIssues' | 'appendIssueEvent' | 'transactIssue'> &
  Pick<Store, 'loadCollections' | 'transactGrids'>

export class LiveLedger {
  columns = new IssueColumns()
  /** Seq of the last issue event the columns include; 0 before any. */
  lastSeq = 0
  /** Where the last build came from: the stored snapshot and the events after it, or every issue. */
  builtFrom: 'snapshot' | 'issues' | undefined
  /** Township code → name (乡镇名称), from the townships layer. */
  townshipNames = new Map<string, string>()
  readonly bus = new IssueBus()
  readonly options: LiveOptions
  /** The store whose ledger writes keep this view current; use it instead of the one given. */
  readonly store: Store
  readonly source: Store
  readonly now: () => Date
  private loading: Promise<void> | undefined
  private readonly closers = new Set<() => void>()
  /** Seq of the ledger's first event when the snapshot was built: another one means a reload. */
  private firstSeq: number | undefined
  private following: (() => void) | undefined
  private catching: Promise<void> | undefined
  private queued: Promise<void> | undefined
  /** Seq of the snapshot stored or loaded for the columns' layer; undefined: none yet. */
  private storedSeq: number | undefined
  private storing: Promise<void> | undefined
  private closed = false

  constructor(source: Store, options: Partial<LiveOptions> & { now?: () => Date } = {}) {
    const { now = () => new Date(), ...rest } = options
    this.source = source
    this.now = now
    this.options = { ...liveDefaults, ...rest }
    this.store = this.observe(source)
  }

  /**
   * Settles when the snapshot is built, building it on first use (a stats request, a write, or
   * main.ts before listening), so an app that serves no wall never reads every issue. Writes wait
   * for it, so none is missed; a failed build is retried by the next caller.
   */
  get ready(): Promise<void> {
    if (!this.loading) {
      const loading = this.reload()
      loading.then(
        () => this.follow(),
        () => {
          if (this.loading === loading) this.loading = undefined
        },
      )
      this.loading = loading
    }
    return this.loading
  }

  /**
   * Reads the events after lastSeq from the log into the columns and onto the bus, until none is
   * left. Calls made while a catch-up runs share one follow-up run, which starts after it and so
   * sees every commit made before the call.
   */
  catchUp(): Promise<void> {
    if (!this.catching) {
      const run = this.catchUpOnce().finally(() => {
        if (this.catching === run) this.catching = undefined
      })
      this.catching = run
      return run
    }
    this.queued ??= this.catching
      .catch(() => {})
      .then(() => {
        this.queued = undefined
        return this.catchUp()
      })
    return this.queued
  }

  /** How many events the log has that the columns do not include yet (0 when caught up). */
  async lag(): Promise<number> {
    await this.ready
    const [latest] = await this.source.latestIssueEvents(1)
    return Math.max(0, (latest?.seq ?? 0) - this.lastSeq)
  }

  /**
   * Builds the snapshot (first start, and after a reload of the issues layer): from the stored one and
   * the events after it when there is one for this layer, else from every stored issue (then stored).
   */
  async reload(): Promise<void> {
    const store = this.source
    // each step below lets the event loop turn, so the server listens and answers what needs no
    // snapshot (the OGC API, sign-in, 准备中) while millions of issues load
    await nextTurn()
    const [first] = await store.issueEventsAfter(0, 1)
    const names = await this.readTownshipNames()
    const restored = await this.restore(first?.seq)
    if (restored) {
      this.columns = restored.columns
      this.lastSeq = restored.seq
    } else {
      const [latest] = await store.latestIssueEvents(1)
      this.columns = await this.readIssues()
      this.lastSeq = latest?.seq ?? 0
    }
    this.townshipNames = names
    this.firstSeq = first?.seq
    this.storedSeq = restored?.seq
    this.builtFrom = restored ? 'snapshot' : 'issues'
    // a build is slow enough to store at once; events replayed are stored by the next catch-up
    if (restored) await this.applyEventsAfter(false)
    else await this.storeSnapshot()
  }

  /**
   * Stores the snapshot as it is now unless the stored one is as new (main.ts at shutdown, and every
   * snapshotEvery events). A failure only costs the next start time: it is logged, never thrown.
   */
  storeSnapshot(): Promise<void> {
    if (this.storing || this.firstSeq === undefined) return this.storing ?? Promise.resolve()
    if (this.storedSeq !== undefined && this.storedSeq >= this.lastSeq) return Promise.resolve()
    const snapshot = { seq: this.lastSeq, firstSeq: this.firstSeq }
    // the rows are copied at once (at this seq); their ids are encoded over several turns
    const storing = encodeColumns(this.columns, { turn: nextTurn })
      .then((parts) => this.source.saveIssueSnapshot({ ...snapshot, parts }))
      .then(
        () => {
          if (this.firstSeq === snapshot.firstSeq) this.storedSeq = snapshot.seq
        },
        (error: unknown) => {
          if (!this.closed) console.error('大屏快照保存失败（下次启动将从问题表重建）：', error)
        },
      )
    this.storing = storing.finally(() => {
      this.storing = undefined
    })
    return this.storing
  }

  /** The stored snapshot when it is of this layer (first event `firstSeq`) and readable. */
  private async restore(
    firstSeq: number | undefined,
  ): Promise<{ columns: IssueColumns; seq: number } | undefined> {
    const stored = await this.source.issueSnapshot()
    if (!stored || stored.firstSeq !== firstSeq) return undefined
    try {
      const columns = await decodeColumns(stored.parts, { turn: nextTurn })
      return columns && { columns, seq: stored.seq }
    } catch (error) {
      console.error('大屏快照无法读取，从问题表重建：', error)
      return undefined
    }
  }

  private async readTownshipNames(): Promise<Map<string, string>> {
    const townships = await this.source.features(townshipsId, {
      properties: {},
      limit: 10_000,
      offset: 0,
    })
    const names = new Map<string, string>()
    for (const text of townships.features) {
      const p = (JSON.parse(text) as { properties: { code?: string; name?: string } }).properties
      if (p.code && p.name) names.set(p.code, p.name)
    }
    return names
  }

  // page by page into the columns, so 1M issues never sit in memory as objects at once; each page
  // starts after the last one's key (`cursor`), so a deep page costs what the first does
  private async readIssues(): Promise<IssueColumns> {
    const columns = new IssueColumns()
    const limit = this.options.loadPageSize
    let cursor: string | undefined
    for (let offset = 0; ; offset += limit) {
      const at = cursor === undefined ? { offset } : { offset: 0, cursor }
      const page = await this.source.features(issuesId, { properties: {}, limit, ...at })
      if (offset === 0) columns.reserve(page.numberMatched + (page.numberMatched >>> 3))
      for (const text of page.features) {
        const f = JSON.parse(text) as StoredIssue
        const point = f.geometry?.type === 'Point' ? f.geometry.coordinates : undefined
        columns.upsert(String(f.id), f.properties, point)
      }
      if (!(page.hasMore ?? offset + limit < page.numberMatched)) return columns
      cursor = page.nextCursor // a store without one goes on by offset
      await nextTurn()
    }
  }

  /** Registers an open stream's closer for close(); returns its removal. */
  track(close: () => void): () => void {
    this.closers.add(close)
    return () => this.closers.delete(close)
  }

  /** Event streams open now. */
  get streamCount(): number {
    return this.closers.size
  }

  /** Ends every open event stream and stops following the log (shutdown), so the server can close. */
  close(): void {
    this.closed = true
    this.following?.()
    this.following = undefined
    for (const close of [...this.closers]) close()
  }

  /** Wakes catchUp() on every change of the store, from now on (once the snapshot is built). */
  private follow(): void {
    if (this.following) return
    this.following = this.source.changes.subscribe(() => {
      this.catchUp().catch(() => {}) // the next change or write tries again
    })
  }

  private async catchUpOnce(): Promise<void> {
    await this.ready
    const store = this.source
    const [first] = await store.issueEventsAfter(0, 1)
    if (this.firstSeq !== undefined && first?.seq !== this.firstSeq) {
      // the history this snapshot began with is gone: another process reloaded the issues layer
      this.loading = this.reload()
      await this.loading
      this.bus.publish({ type: 'reset', seq: this.lastSeq })
      return
    }
    this.firstSeq ??= first?.seq
    await this.applyEventsAfter(true)
    await this.storeWhenBehind()
  }

  /** Stores the snapshot when none is stored for this layer or it is snapshotEvery events behind. */
  private async storeWhenBehind(): Promise<void> {
    if (
      this.storedSeq !== undefined &&
      this.lastSeq - this.storedSeq < this.options.snapshotEvery
    ) {
      return
    }
    await this.storeSnapshot()
  }

  /** Applies the events after lastSeq to the columns, publishing them when `publish`. */
  private async applyEventsAfter(publish: boolean): Promise<void> {
    const store = this.source
    for (;;) {
      const events = await store.issueEventsAfter(this.lastSeq, this.options.followPageSize)
      const states = new Map<string, IssueState | undefined>()
      for (const event of events) {
        if (event.seq <= this.lastSeq) continue
        if (!states.has(event.issueId)) states.set(event.issueId, await store.issue(event.issueId))
        // the issue as it is now, which may be past this event when it changed again since
        this.apply(states.get(event.issueId), event, publish)
      }
      if (events.length < this.options.followPageSize) return
      await nextTurn()
    }
  }

  private apply(state: IssueState | undefined, event: IssueEvent, publish: boolean): void {
    if (state) this.columns.upsert(state.id, state.properties, state.lngLat)
    if (event.seq > this.lastSeq) this.lastSeq = event.seq
    if (!publish || this.bus.listenerCount === 0) return
    const frame = toIssueFrame(event, state, this.now())
    this.bus.publish({ type: 'issue', seq: event.seq, event, frame })
  }

  // a write is stored whatever happens here: a failed catch-up is retried by the next wake-up
  private async caughtUp(): Promise<void> {
    await this.catchUp().catch(() => {})
  }

  private observe(store: Store): Store {
    const settled = () => this.ready.catch(() => {})
    const writes: Writes = {
      createIssues: async (events) => {
        await settled()
        const created = await store.createIssues(events)
        await this.caughtUp()
        return created
      },
      appendIssueEvent: async (event, expectedVersion) => {
        await settled()
        const written = await store.appendIssueEvent(event, expectedVersion)
        await this.caughtUp()
        return written
      },
      transactIssue: async (issueId, expectedVersion, decide) => {
        await settled()
        const written = await store.transactIssue(issueId, expectedVersion, decide)
        await this.caughtUp()
        return written
      },
      // a grid change moves issues between grids and units (transfer, regrid events)
      transactGrids: async (actor, at, expectedVersion, decide) => {
        await settled()
        const written = await store.transactGrids(actor, at, expectedVersion, decide)
        if (written.issues.length > 0) await this.caughtUp()
        return written
      },
      loadCollections: async (batch: readonly CollectionData[]) => {
        await settled()
        await store.loadCollections(batch)
        if (!batch.some((c) => c.def.id === issuesId || c.def.id === townshipsId)) return
        this.loading = this.reload()
        await this.loading
        this.bus.publish({ type: 'reset', seq: this.lastSeq })
      },
    }
    return new Proxy(store, {
      get(target, key) {
        if (Object.hasOwn(writes, key)) return writes[key as keyof Writes]
        const value = Reflect.get(target, key, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  }
}
