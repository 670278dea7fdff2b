// A ledger app in process for HTTP tests: the real county, townships, grids and check points, a few
// issues placed in known grids, the demo accounts (at a cheap scrypt cost) and a display token; plus a
// small client that keeps a session cookie and sends the CSRF header on writes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppOptions } from '../../server/app.ts'
import { seedAssessmentSystem, seedChecklists } from '../../server/assessment/system-seed.ts'
import type { ScryptCost } from '../../server/auth/password.ts'
import { findCollection } from '../../server/collections.ts'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { seedLedger } from '../../server/ledger/seed-ledger.ts'
import type { FirstEvent } from '../../server/storage/ledger-store.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildIssue } from '../builders.ts'
import { createTestDatabase } from '../storage/postgis-database.ts'
import { type RunningApp, startApp } from './start-app.ts'

export const testCost: ScryptCost = { N: 2 ** 10, r: 8, p: 1 } // ~1 ms instead of ~400 ms
export const demoPassword = 'weishan2026'

/** Positions in known grids of the real geodata. */
export const places = {
  // 南诏镇 county seat, a grid of 县城市管理局
  seat: {
    lngLat: [100.30603, 25.230114],
    gridCode: '532927101001002',
    townshipCode: '532927101',
    unit: 'urban-management',
  },
  // 南诏镇, a grid of 县市场监督管理局
  market: {
    lngLat: [100.310348, 25.211562],
    gridCode: '532927101001011',
    townshipCode: '532927101',
    unit: 'market-regulation',
  },
  // 庙街镇: outside grid-nanzhao's grids
  miaojie: {
    lngLat: [100.251844, 25.30168],
    gridCode: '532927102201001',
    townshipCode: '532927102',
    unit: 'township-532927102',
  },
} as const satisfies Record<
  string,
  { lngLat: readonly [number, number]; gridCode: string; townshipCode: string; unit: string }
>
export type Place = keyof typeof places

export const outsideCounty: [number, number] = [100.6, 25.8]

export const pinnedNow = new Date('2026-11-22T08:00:00Z')

/** An issue at a known place; the place sets grid, township and unit. */
export function issueAt(
  place: Place,
  id: string,
  properties: Partial<IssueProperties> = {},
): GeoJsonFeature {
  const p = places[place]
  return buildIssue({
    id,
    lngLat: [...p.lngLat],
    properties: {
      gridCode: p.gridCode,
      townshipCode: p.townshipCode,
      responsibleUnit: p.unit,
      reportedAt: '2026-11-20T02:00:00Z',
      updatedAt: '2026-11-20T02:00:00Z',
      deadlineAt: '2026-11-25T02:00:00Z',
      ...properties,
    },
  })
}

/** The event that creates `id` at `place`, as the 系统管理员's import writes it (another process's write). */
export function importedAt(
  place: Place,
  id: string,
  status: 'pending' | 'fixing' = 'fixing',
): FirstEvent {
  return {
    actor: 'admin',
    actorName: '系统管理员',
    role: 'admin',
    issueId: id,
    at: '2026-11-22T08:00:00Z',
    action: 'import',
    to: status,
    changes: {
      ...(issueAt(place, id, { status }).properties as object),
      lngLat: [...places[place].lngLat],
    },
  }
}

/** The standard set: one issue per status at the seat, plus one at the market and one in 庙街镇. */
export function standardIssues(): GeoJsonFeature[] {
  return [
    issueAt('seat', 'i-pending', { status: 'pending', statusNotes: '已发现，待交办责任单位' }),
    issueAt('seat', 'i-fixing', { status: 'fixing' }),
    issueAt('seat', 'i-reviewing', { status: 'reviewing' }),
    issueAt('seat', 'i-closed', { status: 'closed', closedAt: '2026-11-21T02:00:00Z' }),
    issueAt('market', 'i-market', { status: 'fixing', deadlineAt: '2026-11-21T00:00:00Z' }), // overdue
    issueAt('miaojie', 'i-miaojie', { status: 'pending' }),
  ]
}

/** A layer from geodata/ (Weishan), or from another place's folder (geodata/places/<code>/). */
const readGeodata = (id: string, dir = '../../geodata/'): GeoJsonFeature[] =>
  (
    JSON.parse(readFileSync(new URL(`${dir}${id}.geojson`, import.meta.url), 'utf8')) as {
      features: GeoJsonFeature[]
    }
  ).features

// TEST_STORE=postgis (with TEST_DATABASE_URL, see scripts/with-postgis.sh) runs these HTTP tests on
// PostGIS: a database of its own per app, as each SQLite app has its own :memory: (a file that starts
// a second app expects separate counters and sessions); the throwaway cluster takes them all away
let postgisApps = 0

export async function openTestStore(databasePath: string): Promise<Store> {
  const url = process.env.TEST_DATABASE_URL
  if (process.env.TEST_STORE !== 'postgis' || databasePath !== ':memory:') {
    return openSqliteStore(databasePath)
  }
  if (!url) throw new Error('TEST_STORE=postgis needs TEST_DATABASE_URL')
  const database = await createTestDatabase(url, `http_${postgisApps++}`)
  return database.openEmpty()
}

export async function openLedgerStore(
  issues: GeoJsonFeature[] = standardIssues(),
  databasePath = ':memory:',
  geodataDir?: string,
): Promise<{ store: Store; displayToken: string }> {
  const store = await openTestStore(databasePath)
  const def = (id: string) => {
    const found = findCollection(id)
    if (!found) throw new Error(`no collection ${id}`)
    return found
  }
  await store.loadCollections([
    ...['county', 'townships', 'grids', 'checkpoints'].map((id) => ({
      def: def(id),
      features: readGeodata(id, geodataDir),
    })),
    { def: def('issues'), features: issues },
  ])
  const seed = await seedLedger(store, { demoAccounts: true, cost: testCost, now: pinnedNow })
  if (!seed.displayToken) throw new Error('no display token')
  await seedAssessmentSystem(store, pinnedNow) // the 示意 测评体系 of 2026
  await seedChecklists(store)
  return { store, displayToken: seed.displayToken }
}

export interface Reply {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: JSON of any shape, checked by assertions
  body: any
  bytes: Buffer
}

export interface Client {
  cookie?: string
  get(path: string, headers?: Record<string, string>): Promise<Reply>
  post(path: string, json?: unknown, headers?: Record<string, string>): Promise<Reply>
  send(
    path: string,
    init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<Reply>
}

export interface LedgerApp {
  app: RunningApp
  store: Store
  displayToken: string
  attachmentsDir: string
  clock: { now: Date }
  anonymous: Client
  /** Reads with the display token (a caller that may read personal data, see http/personal-data.ts). */
  display: Client
  login(username: string, password?: string): Promise<Client>
  close(): Promise<void>
}

export async function startLedgerApp(
  options: {
    issues?: GeoJsonFeature[]
    databasePath?: string // a file, to inspect the database from outside; default in memory
    config?: AppOptions['config']
    auth?: AppOptions['auth']
    materials?: AppOptions['materials'] // 材料审核 标准 and schedule; @default the store's (none)
    /** another place's layers, relative to this file: '../../geodata/places/411082/' */
    geodataDir?: string
  } = {},
): Promise<LedgerApp> {
  const { store, displayToken } = await openLedgerStore(
    options.issues,
    options.databasePath,
    options.geodataDir,
  )
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'weishan-attachments-'))
  const clock = { now: pinnedNow }
  const app = await startApp({
    store,
    now: () => clock.now,
    config: { distDir: '/nonexistent-dist', attachmentsDir, ...options.config },
    auth: { passwordCost: testCost, ...options.auth },
    ...(options.materials ? { materials: options.materials } : {}),
  })
  const client = (cookie?: string, bearer?: string): Client => {
    const self: Client = {
      cookie,
      send: async (path, init) => {
        const headers: Record<string, string> = {
          accept: 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...init.headers,
        }
        if (self.cookie) headers.cookie = self.cookie
        const sent =
          typeof init.body === 'string' ? init.body : init.body && new Uint8Array(init.body)
        const res = await fetch(app.url + path, {
          method: init.method ?? 'GET',
          body: sent,
          headers,
        })
        const bytes = Buffer.from(await res.arrayBuffer())
        const type = res.headers.get('content-type') ?? ''
        const text = bytes.toString('utf8')
        const body = /json/.test(type) && text ? JSON.parse(text) : text
        return { status: res.status, headers: res.headers, body, bytes }
      },
      get: (path, headers = {}) => self.send(path, { headers }),
      post: (path, json, headers = {}) =>
        self.send(path, {
          method: 'POST',
          body: json === undefined ? undefined : JSON.stringify(json),
          headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch', ...headers },
        }),
    }
    return self
  }
  return {
    app,
    store,
    displayToken,
    attachmentsDir,
    clock,
    anonymous: client(),
    display: client(undefined, displayToken),
    async login(username, password = demoPassword) {
      const reply = await client().post('/api/session', { username, password })
      if (reply.status !== 200)
        throw new Error(`login ${username}: ${reply.status} ${JSON.stringify(reply.body)}`)
      const setCookie = reply.headers.getSetCookie()[0] ?? ''
      return client(setCookie.split(';')[0])
    },
    async close() {
      await app.close()
      await store.close()
      rmSync(attachmentsDir, { recursive: true, force: true })
    },
  }
}
