// A ledger app in process with its live view at hand (bus, columns, stream options), for the wall's
// HTTP tests: the real county geodata, the given issues, the demo accounts and a display token.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppOptions } from '../../server/app.ts'
import { LiveLedger, type LiveOptions } from '../../server/live/live-ledger.ts'
import { type WallViewOptions, WallViews } from '../../server/live/wall-views.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { demoPassword, openLedgerStore, pinnedNow, testCost } from '../http/ledger-app.ts'
import { type RunningApp, startApp } from '../http/start-app.ts'

export interface Reply {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: JSON of any shape, checked by assertions
  body: any
}

export interface WallApp {
  app: RunningApp
  url: string
  store: Store // the store under the app (writes here bypass the live view)
  live: LiveLedger
  views: WallViews
  displayToken: string
  clock: { now: Date }
  /** GET with the display token as a Bearer header (unless headers say otherwise). */
  get(path: string, headers?: Record<string, string>): Promise<Reply>
  /** A signed-in user's POST (session cookie and the CSRF header). */
  login(username: string): Promise<{ post(path: string, json: unknown): Promise<Reply> }>
  close(): Promise<void>
}

export async function startWallApp(
  options: {
    issues?: GeoJsonFeature[]
    databasePath?: string
    live?: Partial<LiveOptions>
    views?: Partial<WallViewOptions>
    config?: AppOptions['config']
  } = {},
): Promise<WallApp> {
  const { store, displayToken } = await openLedgerStore(options.issues, options.databasePath)
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'weishan-wall-'))
  const clock = { now: pinnedNow }
  const now = () => clock.now
  const live = new LiveLedger(store, { now, ...options.live })
  const views = new WallViews(live, options.views)
  const app = await startApp({
    store,
    live,
    views,
    now,
    config: { distDir: '/nonexistent-dist', attachmentsDir, ...options.config },
    auth: { passwordCost: testCost },
  })
  const send = async (path: string, init: RequestInit): Promise<Reply> => {
    const res = await fetch(app.url + path, init)
    const text = await res.text()
    const type = res.headers.get('content-type') ?? ''
    return {
      status: res.status,
      headers: res.headers,
      body: /json/.test(type) ? JSON.parse(text) : text,
    }
  }
  const writeHeaders = { 'content-type': 'application/json', 'x-requested-with': 'fetch' }
  return {
    app,
    url: app.url,
    store,
    live,
    views,
    displayToken,
    clock,
    get: (path, headers = { authorization: `Bearer ${displayToken}` }) =>
      send(path, { headers: { accept: 'application/json', ...headers } }),
    async login(username) {
      const reply = await send('/api/session', {
        method: 'POST',
        headers: writeHeaders,
        body: JSON.stringify({ username, password: demoPassword }),
      })
      if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`)
      const cookie = (reply.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
      return {
        post: (path, json) =>
          send(path, {
            method: 'POST',
            headers: { ...writeHeaders, cookie },
            body: JSON.stringify(json),
          }),
      }
    },
    async close() {
      views.close()
      live.close()
      await app.close()
      await store.close()
      rmSync(attachmentsDir, { recursive: true, force: true })
    },
  }
}
