// e2e at scale: a seeded database of 1,000,000 issues (`--short` or E2E_MILLION_ISSUES: fewer), the
// real server on it, and the overview, grid and planning screens in headless Chromium (SwiftShader).
// Records per screen the time to the first heatmap / ready map, long tasks (loading, panning), bytes
// transferred and screenshots; pans and zooms each screen, then opens the overview again 3 times
// (once with `--short`).
// Fails when a screen asks the issues collection for more than one page of items, on console errors
// or failed requests, or when the overview's data at county zoom exceeds 5 MB. Results:
// test/artifacts/e2e/million.json. `--trace` also saves each screen's Chrome trace, loading and
// panning (million-<screen>-trace.json: DevTools › Performance › Load profile) for its long tasks.
import { mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  artifacts,
  createRun,
  freePort,
  jumpMap,
  launchBrowser,
  readyTimeoutMs,
  root,
  screenshot,
  settle,
  short,
  startServer,
  waitForMap,
  waitForReady,
  watch,
} from './harness.ts'
import { buildMillionDb } from './million-db.ts'

const issueCount = Number(process.env.E2E_MILLION_ISSUES ?? (short ? 200_000 : 1_000_000))
const onePage = 1000 // the items default limit: more in one request, or any offset, is a download
const maxCountyDataBytes = 5 << 20 // the issue's budget at county zoom
const viewport = { width: 1366, height: 768 }
const trace = process.argv.includes('--trace')

const started = Date.now()
const e2e = createRun(started)
const { log, check } = e2e

interface ScreenResult {
  screen: string
  firstDataMs: number // navigation → first heatmap (overview) / ready map
  longTasks: number
  longestTaskMs: number
  longTaskMs: number // sum
  /** Of those, the longest while loading (WebGL context, first shader links) and while panning. */
  longestLoadTaskMs: number
  longestPanTaskMs: number
  bytes: number // response bodies as transferred
  dataBytes: number // of those, not scripts, styles or fonts
  issueItemRequests: number
}

const results: ScreenResult[] = []
/** The overview opened again, in a browser that has drawn maps before (as a user's has): ms. */
const warmOverviewMs: number[] = []
const warmOpens = short ? 1 : 3
const overviewRoute = '/?map=9.6/25.23/100.2' // the county at zoom 9.6

async function openScreen(page: Page, url: string, screen: string) {
  const bytes = { all: 0, data: 0 }
  const issueItems: string[] = []
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => undefined)
    const size = sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0
    bytes.all += size
    if (!/\.(js|mjs|css|woff2?|ttf|png|svg)(\?|$)/.test(request.url())) bytes.data += size
  })
  page.on('request', (request) => {
    const u = new URL(request.url())
    if (!/\/collections\/issues\/items$/.test(u.pathname)) return
    issueItems.push(u.search)
    const limit = Number(u.searchParams.get('limit') ?? onePage)
    const offset = Number(u.searchParams.get('offset') ?? 0)
    check(
      offset === 0 && limit <= onePage,
      `${screen}: asks the issues collection beyond one page (${u.search})`,
    )
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] }
    w.__longTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push([entry.startTime, entry.duration])
    }).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(url)
  return { bytes, issueItems }
}

/** Long tasks as [start, duration]; those starting from `panStart` (page time) are the pan's. */
async function longTasks(page: Page, panStart: number) {
  const all = await page.evaluate(
    () => (window as unknown as { __longTasks: [number, number][] }).__longTasks,
  )
  const longest = (tasks: [number, number][]) =>
    Math.round(Math.max(0, ...tasks.map(([, duration]) => duration)))
  return {
    longTasks: all.length,
    longestTaskMs: longest(all),
    longTaskMs: Math.round(all.reduce((sum, [, duration]) => sum + duration, 0)),
    longestLoadTaskMs: longest(all.filter(([start]) => start < panStart)),
    longestPanTaskMs: longest(all.filter(([start]) => start >= panStart)),
  }
}

async function firstHeatmap(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const map = window.__inspectionMap
      return Boolean(
        map?.getSource('issue-tiles') &&
          map.isSourceLoaded('issue-tiles') &&
          map.areTilesLoaded() &&
          map.queryRenderedFeatures({ layers: ['issue-tiles-heatmap'] }).length > 0,
      )
    },
    null,
    { timeout: readyTimeoutMs, polling: 50 },
  )
  return page.evaluate(() => Math.round(performance.now()))
}

/** The light client: no script chunk over 1 MiB minified except MapLibre's own. */
async function checkChunks() {
  const dir = path.join(root, 'dist/assets')
  for (const name of await readdir(dir)) {
    if (!/\.m?js$/.test(name)) continue
    const { size } = await stat(path.join(dir, name))
    if (size > 1 << 20 && !/^maplibre/.test(name)) {
      check(false, `chunk ${name} is ${(size / 1024).toFixed(0)} kB minified (limit 1,024 kB)`)
    }
  }
}

async function main() {
  await mkdir(artifacts, { recursive: true })
  await checkChunks()
  e2e.tempDir = await mkdtemp(path.join(tmpdir(), 'e2e-million-'))
  const databasePath = path.join(e2e.tempDir, 'million.db')
  log(`building a database of ${issueCount.toLocaleString('en')} issues`)
  const t0 = Date.now()
  await buildMillionDb(databasePath, issueCount)
  log(`database built in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const t1 = Date.now()
  e2e.server = await startServer(await freePort(), databasePath, { DEMO_ACCOUNTS: 'true' })
  log(`server answering after ${((Date.now() - t1) / 1000).toFixed(1)} s`)
  e2e.browser = await launchBrowser()
  // the screens are timed as a user opens them, on a server that has finished starting
  await waitForReady(e2e.server.base)
  log(`server ready after ${((Date.now() - t1) / 1000).toFixed(1)} s`)

  for (const [screen, route] of [
    ['overview', overviewRoute],
    ['grids', '/grids'],
    ['planning', '/plan'],
  ] as const) {
    const context = await e2e.browser.newContext({ viewport })
    const page = await context.newPage()
    const watched = watch(page, [
      { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
    ])
    const tracePath = path.join(artifacts, `million-${screen}-trace.json`)
    if (trace) await e2e.browser.startTracing(page, { path: tracePath, screenshots: false })
    const { bytes, issueItems } = await openScreen(page, `${e2e.server.base}${route}`, screen)
    const firstDataMs =
      screen === 'overview'
        ? await firstHeatmap(page)
        : await waitForMap(page).then(() => page.evaluate(() => Math.round(performance.now())))
    await waitForMap(page)
    log(`${screen}: first ${screen === 'overview' ? 'heatmap' : 'ready map'} at ${firstDataMs} ms`)
    await screenshot(page, `million-${screen}-${viewport.width}x${viewport.height}`)
    const countyDataBytes = bytes.data
    if (screen === 'overview') {
      check(
        countyDataBytes < maxCountyDataBytes,
        `overview: ${(countyDataBytes / 1e6).toFixed(1)} MB of data at county zoom (budget 5 MB)`,
      )
    }
    const panStart = await page.evaluate(() => performance.now())
    for (const [zoom, lng, lat] of [
      [11, 100.3, 25.23],
      [13.5, 100.306, 25.23],
      [15, 100.306, 25.23],
      [10, 100.2, 25.25],
    ] as const) {
      await jumpMap(page, { center: [lng, lat], zoom })
      await settle(page) // every tile of the new view drawn, so the pan's work is all counted
    }
    await screenshot(page, `million-${screen}-pan-${viewport.width}x${viewport.height}`)
    if (trace) await e2e.browser.stopTracing()
    const tasks = await longTasks(page, panStart)
    const result: ScreenResult = {
      screen,
      firstDataMs,
      ...tasks,
      bytes: bytes.all,
      dataBytes: countyDataBytes,
      issueItemRequests: issueItems.length,
    }
    results.push(result)
    log(
      `${screen}: ${tasks.longTasks} long tasks (longest ${tasks.longestLoadTaskMs} ms loading, ` +
        `${tasks.longestPanTaskMs} ms panning), ` +
        `${(bytes.all / 1e6).toFixed(2)} MB transferred, ${issueItems.length} issue items requests`,
    )
    for (const problem of watched.problems) check(false, `${screen}: ${problem}`)
    await context.close()
  }
  // the first screen above paid for the browser's own start (its GPU process, code caches)
  for (let open = 0; open < warmOpens; open++) {
    const context = await e2e.browser.newContext({ viewport })
    const page = await context.newPage()
    await page.goto(`${e2e.server.base}${overviewRoute}`)
    warmOverviewMs.push(await firstHeatmap(page))
    await context.close()
  }
  log(`overview opened again: first heatmap at ${warmOverviewMs.join(', ')} ms`)
  await writeFile(
    path.join(artifacts, 'million.json'),
    `${JSON.stringify({ issues: issueCount, viewport, results, warmOverviewMs }, null, 2)}\n`,
  )
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]

function summary(): string {
  const screens = results.map(
    (r) =>
      `${r.screen} ${r.firstDataMs} ms, longest task ${r.longestLoadTaskMs} / ${r.longestPanTaskMs} ms, ` +
      `${(r.bytes / 1e6).toFixed(1)} MB`,
  )
  if (warmOverviewMs.length) screens.push(`overview again: median ${median(warmOverviewMs)} ms`)
  return screens.join('; ')
}

await e2e.finish('million', main, summary)
