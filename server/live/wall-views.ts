// The wall's views, computed once per batch of ledger changes and shared by every screen (fan-out):
// the panels of a scope (county or one township) and the county map's aggregates. Writes only mark
// the views dirty; at most once per `coalesceMs` the version is bumped and one small `event: view`
// frame goes to every open stream; the first request for a view at a version computes it, every
// other screen gets the same bytes (or 304 by ETag). Server work per write does not grow with the
// number of screens. Built on LiveLedger's public surface (columns, bus, lastSeq) only.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { type IssueEvent, issueCategories } from '../domain/issue.ts'
import { issueNoOfCode } from '../domain/issue-number.ts'
import type { LiveLedger } from './live-ledger.ts'
import {
  completionRows,
  gridRows,
  hexCollection,
  isKnownTownship,
  kpisBody,
  rankingBody,
  trendDays,
  type WallData,
} from './wall-stats.ts'

/**
 * The 台账材料 completion the 台账 panel shows (material-completion.ts), and its revision: any write
 * to materials moves it, and the panels' cache is keyed on it.
 */
export interface MaterialPanelSource {
  revision(): Promise<number>
  rows(): Promise<object | null>
}

export interface WallViewOptions {
  coalesceMs: number // at most one new version per this many ms
  firstDelayMs: number // a lone change waits this long for company before it is pushed
  recentLimit: number // feed rows in a panels view
  heatRadiusMeters: number // hexagons behind the heatmap and the overdue rings
  hexRadiusMeters: number // the hexagon layer
  trendDays: number // days in the found/closed trend
  rankingTop: number // rows per 红榜 / 黑榜
  spreadPerScreenMs: number // each screen widens the window its refetch rounds are spread over
  maxSpreadMs: number // the widest window; below coalesceMs, so rounds end before the next version
}

export const wallViewDefaults: WallViewOptions = {
  coalesceMs: 1000, // ms: a write burst costs one computation per view per second
  firstDelayMs: 50, // ms
  recentLimit: 20, // events
  heatRadiusMeters: 300, // m, centre to corner
  hexRadiusMeters: 1500, // m; a cell ≈ 40 design px across county-wide
  trendDays: 30, // days
  rankingTop: 3, // rows, as the wall shows them
  // a screen's round is two requests of ~0.5 ms of server time at 500 screens (bench:walls): 1.6 ms
  // per screen keeps the server about half busy while the round of all screens lasts
  spreadPerScreenMs: 1.6, // ms
  maxSpreadMs: 800, // ms
}

/** One computed view: its bytes, gzipped once, and a content ETag. */
export interface ViewBody {
  version: number
  etag: string // strong, quoted: a hash of `body`
  body: Buffer
  gzip: Buffer
}

/** A feed row: a real ledger event (imports are not news) with what it concerns. */
export interface FeedRow {
  seq: number
  issueId: string
  issueNo: string | null // 问题编号, what the feed shows; null while the issue has none
  at: string
  action: string
  category: string | null
  townshipCode: string | null
  description: string | null
}

type ViewListener = (frame: string) => void

/**
 * The `event: view` frame: no `id:` line, so it never moves the client's Last-Event-ID. `spreadMs`:
 * each screen starts its refetch round at a random moment within it, so a version announced to
 * every screen at once does not arrive back as one burst of requests.
 */
export function toViewFrame(version: number, asOfEventSeq: number, spreadMs = 0): string {
  return `event: view\ndata: {"version":${version},"asOfEventSeq":${asOfEventSeq},"spreadMs":${spreadMs}}\n\n`
}

export class WallViews {
  /** Bumped once per coalesced batch of changes. */
  version = 1
  /** Views computed so far (for tests and the benchmark: it must not follow the screen count). */
  computations = 0
  readonly options: WallViewOptions
  private readonly live: LiveLedger
  private readonly cache = new Map<string, Promise<ViewBody>>()
  private readonly recentCache = new Map<string, Promise<FeedRow[]>>()
  private readonly listeners = new Set<ViewListener>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private lastTickMs = Number.NEGATIVE_INFINITY
  private seen: { columns: object; version: number }
  private frame: string
  private unsubscribeBus: (() => void) | undefined
  private readonly materials: MaterialPanelSource | undefined
  private materialsTouched = false

  constructor(
    live: LiveLedger,
    options: Partial<WallViewOptions> = {},
    materials?: MaterialPanelSource,
  ) {
    this.live = live
    this.options = { ...wallViewDefaults, ...options }
    this.materials = materials
    this.seen = { columns: live.columns, version: live.columns.version }
    this.frame = toViewFrame(this.version, live.lastSeq)
  }

  /** The current `event: view` frame (a new stream gets it first). */
  get currentFrame(): string {
    return this.frame
  }

  /**
   * Adds a stream's listener for view frames; the returned function removes it. The views listen
   * to the ledger's bus only while some stream listens to them.
   */
  subscribe(listener: ViewListener): () => void {
    const entry: ViewListener = (frame) => listener(frame)
    this.listeners.add(entry)
    this.unsubscribeBus ??= this.live.bus.subscribe(() => this.schedule())
    return () => {
      this.listeners.delete(entry)
      if (this.listeners.size === 0) {
        this.unsubscribeBus?.()
        this.unsubscribeBus = undefined
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  /** A change arrived (or may have): schedule one tick, at most one per coalesceMs. */
  schedule(): void {
    if (this.timer) return
    const nowMs = performance.now()
    const wait = Math.max(
      this.options.firstDelayMs,
      this.lastTickMs + this.options.coalesceMs - nowMs,
    )
    this.timer = setTimeout(() => this.tick(), wait)
    this.timer.unref?.()
  }

  /**
   * The 台账材料 changed (a write in this process): a new version goes out as for a ledger change.
   * Another process's write reaches the panels at the next version, whose cache keys on the
   * materials' revision.
   */
  touchMaterials(): void {
    this.materialsTouched = true
    this.schedule()
  }

  /** Starts a new version now if the ledger changed: drops the computed views, tells every stream. */
  tick(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.changed()) return
    this.materialsTouched = false
    const { columns } = this.live
    this.seen = { columns, version: columns.version }
    this.lastTickMs = performance.now()
    this.version++
    this.cache.clear()
    this.recentCache.clear()
    this.frame = toViewFrame(this.version, this.live.lastSeq, this.spreadMs())
    for (const listener of this.listeners) listener(this.frame)
  }

  /** The window the screens' refetch rounds are spread over: grows with the number of screens. */
  private spreadMs(): number {
    const { spreadPerScreenMs, maxSpreadMs } = this.options
    return Math.min(maxSpreadMs, Math.round(this.listeners.size * spreadPerScreenMs))
  }

  /** Stops the timer (shutdown, tests). */
  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  // every write bumps the columns' version; a reload replaces the columns
  private changed(): boolean {
    const { columns } = this.live
    return (
      this.materialsTouched ||
      columns !== this.seen.columns ||
      columns.version !== this.seen.version
    )
  }

  /** Whether `code` is a township the wall knows (the layer or some issue). */
  async isKnownTownship(code: string): Promise<boolean> {
    await this.live.ready
    return isKnownTownship(this.wallData(new Map()), code)
  }

  /**
   * The panels of one scope: KPIs, trend, completion, both rankings by both metrics, the feed, and
   * the 台账材料 completion per unit (county-wide: departments document for the whole county).
   */
  async panels(township?: string): Promise<ViewBody> {
    const revision = (await this.materials?.revision()) ?? 0
    return this.cached(`panels:${township ?? ''}:${revision}`, async (data) => {
      const { trendDays: days, rankingTop: top } = this.options
      const ranking = (level: 'township' | 'unit', by: 'closureRate' | 'overdue') =>
        rankingBody(data, {
          level,
          by,
          top,
          minIssues: 10,
          // townships are ranked county-wide (a tour highlights its stop); units within the scope
          ...(level === 'unit' && township !== undefined ? { township } : {}),
        })
      return {
        township: township ?? null,
        kpis: kpisBody(data, township),
        trend: trendDays(data, days, township),
        completion: completionRows(data, township),
        materials: (await this.materials?.rows()) ?? null,
        rankings: {
          closureRate: {
            township: ranking('township', 'closureRate'),
            unit: ranking('unit', 'closureRate'),
          },
          overdue: { township: ranking('township', 'overdue'), unit: ranking('unit', 'overdue') },
        },
        recent: await this.recent(data),
      }
    })
  }

  /** The county map's aggregates: fine hexagons (heatmap, overdue rings), hexagons, grid counts. */
  map(): Promise<ViewBody> {
    return this.cached('map', async (data) => ({
      heat: hexCollection(data, { radiusMeters: this.options.heatRadiusMeters, status: 'open' }),
      hexagons: hexCollection(data, { radiusMeters: this.options.hexRadiusMeters, status: 'open' }),
      grids: gridRows(data),
    }))
  }

  // the feed is county-wide: one read of the event log per version, whatever the scopes
  private recent(data: WallData): Promise<FeedRow[]> {
    const key = 'recent'
    const hit = this.recentCache.get(key)
    if (hit) return hit
    const promise = this.recentEvents(data)
    this.recentCache.set(key, promise)
    promise.catch(() => this.recentCache.delete(key))
    return promise
  }

  private cached(key: string, build: (data: WallData) => Promise<object>): Promise<ViewBody> {
    // screens that only poll (no stream) still move the version on, within the same coalescing
    if (this.changed()) this.schedule()
    const hit = this.cache.get(key)
    if (hit) return hit
    const version = this.version
    const promise = (async () => {
      await this.live.ready
      const units = await this.live.source.units()
      const data = this.wallData(new Map(units.map((u) => [u.code, u.name])))
      const stamp = {
        version,
        generatedAt: data.now.toISOString(),
        asOfEventSeq: this.live.lastSeq,
      }
      const body = Buffer.from(JSON.stringify({ ...(await build(data)), ...stamp }))
      this.computations++
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
      return { version, etag, body, gzip: gzipSync(body, { level: 6 }) }
    })()
    this.cache.set(key, promise)
    // a failed computation is not kept: the next request tries again
    promise.catch(() => {
      if (this.cache.get(key) === promise) this.cache.delete(key)
    })
    return promise
  }

  private wallData(unitNames: ReadonlyMap<string, string>): WallData {
    return {
      columns: this.live.columns,
      townshipNames: this.live.townshipNames,
      unitNames,
      now: this.live.now(),
    }
  }

  /**
   * The latest real events, newest first. Imports are not news: when the ledger holds fewer real
   * events than the feed shows, it is filled from the issues' own times (发现 at reportedAt, 销号 at
   * closedAt), which is what the imported history says happened.
   */
  private async recentEvents(data: WallData): Promise<FeedRow[]> {
    const limit = this.options.recentLimit
    const events = (await this.live.source.latestIssueEvents(limit * 10)).filter(
      (e) => e.action !== 'import',
    )
    const rows: FeedRow[] = []
    for (const event of events.slice(0, limit)) rows.push(await this.toFeedRow(event))
    if (rows.length < limit) rows.push(...historyRows(data, limit - rows.length, rows))
    return rows
  }

  private async toFeedRow(event: IssueEvent): Promise<FeedRow> {
    const p = (await this.live.source.issue(event.issueId))?.properties
    return {
      seq: event.seq,
      issueId: event.issueId,
      issueNo: p?.issueNo ?? null,
      at: event.at,
      action: event.action,
      category: p?.category ?? null,
      townshipCode: p?.townshipCode ?? null,
      description: p?.description ?? null,
    }
  }
}

/**
 * The newest reports and close-outs recorded on the issues themselves, as feed rows with negative
 * seqs (they are not events; a real event always sorts above them). Pure over the columns.
 */
export function historyRows(
  data: Pick<WallData, 'columns' | 'now'>,
  limit: number,
  after: readonly FeedRow[] = [],
): FeedRow[] {
  const { columns } = data
  const nowMs = data.now.getTime()
  const oldest = after.length ? Date.parse(after[after.length - 1]?.at ?? '') : nowMs
  const bound = Number.isFinite(oldest) ? Math.min(oldest, nowMs) : nowMs
  const picked: { atMs: number; row: number; action: 'report' | 'approve' }[] = []
  const consider = (atMs: number, row: number, action: 'report' | 'approve') => {
    if (!(atMs <= bound)) return // NaN and the future are skipped
    if (picked.length === limit && atMs <= (picked[picked.length - 1]?.atMs ?? 0)) return
    picked.push({ atMs, row, action })
    picked.sort((a, b) => b.atMs - a.atMs)
    if (picked.length > limit) picked.pop()
  }
  for (let row = 0; row < columns.size; row++) {
    consider(columns.reportedAt[row] as number, row, 'report')
    consider(columns.closedAt[row] as number, row, 'approve')
  }
  return picked.map(({ atMs, row, action }, i) => ({
    seq: -1 - i,
    issueId: columns.ids[row] ?? '',
    issueNo: issueNoOfCode(columns.issueNo[row] as number) ?? null,
    at: new Date(atMs).toISOString(),
    action,
    category: issueCategories[columns.category[row] as number] ?? null,
    townshipCode: columns.townships.codes[columns.township[row] as number] ?? null,
    description: null,
  }))
}
