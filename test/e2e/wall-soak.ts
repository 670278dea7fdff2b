// e2e soak of the wall (/wall, 1920×1080): push many ledger events through one wall as fast as the
// server takes them (notes on one issue, 8 writers), then hold the page against its state after a
// warm-up: JS heap growth ≤ 10 % (after forced GC), DOM node count flat, exactly one ECharts
// instance, the feed capped, and the wall caught up with the last event.
// Run: `npm run e2e:soak` (builds first): 20,000 events; `-- --short` (CI): 2,000.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import {
  artifacts,
  chromiumPath,
  createRun,
  freePort,
  launchBrowser,
  demoPassword as password,
  root,
  screenshot,
  startServer,
  waitForMap,
} from './harness.ts'

const short = process.argv.includes('--short')
const eventCount = short ? 2000 : 20_000
const warmUpCount = 200
const writers = 8
const heapGrowthLimit = 1.1 // the heap after the events may be at most this × its start
const domSlack = 20 // nodes: a feed row's text may wrap differently, nothing more

const e2e = createRun()
const { log, check } = e2e

async function heapUsed(page: Page, context: BrowserContext): Promise<number> {
  const cdp = await context.newCDPSession(page)
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize
}

const pageState = (page: Page) =>
  page.evaluate(() => ({
    nodes: document.querySelectorAll('*').length,
    charts: document.querySelectorAll('[_echarts_instance_]').length,
    canvases: document.querySelectorAll('canvas').length,
    feedRows: document.querySelectorAll('.wall-feed__row').length,
  }))

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-soak-e2e-'))
  e2e.tempDir = tempDir
  const server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
    READ_ACCESS: 'authenticated',
  })
  e2e.server = server
  const base = server.base
  const token = /大屏只读令牌[^：]*：(\S+)/.exec(server.output())?.[1]
  if (!token) throw new Error(`the server printed no display token:\n${server.output()}`)

  const session = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({ username: 'inspector', password }),
  })
  const cookie = (session.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  const post = (p: string, body: unknown) =>
    fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch', cookie },
      body: JSON.stringify(body),
    })
  const created = await post('/api/issues', {
    lngLat: [100.306, 25.23],
    category: 'exposed-garbage',
    description: '大屏耐久测试',
  })
  check(created.status === 201, `reporting the soak issue: HTTP ${created.status}`)
  const { id } = (await created.json()) as { id: string }

  e2e.browser = await launchBrowser()
  const context = await e2e.browser.newContext({
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  await context.addInitScript('globalThis.__name = (fn) => fn')
  const page = await context.newPage()
  await page.goto(`${base}/wall?token=${token}&layer=heatmap`)
  await waitForMap(page)

  let next = 0
  const drive = async (count: number) => {
    const end = next + count
    let failed = 0
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < end) {
          const response = await post(`/api/issues/${id}/notes`, { note: `耐久 ${next++}` })
          if (response.status !== 201) failed++
        }
      }),
    )
    check(failed === 0, `${failed} of ${count} notes failed`)
  }
  const caughtUp = async () => {
    const recent = await fetch(`${base}/api/events/recent?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const last = ((await recent.json()) as { events: { seq: number }[] }).events[0]?.seq
    await page.waitForFunction(
      (seq) => document.querySelector('.wall-feed__row')?.getAttribute('data-seq') === String(seq),
      last,
      { timeout: 60_000, polling: 200 },
    )
    await page.waitForTimeout(2000) // the last view round lands and is drawn
    return last
  }

  await drive(warmUpCount) // code paths and caches exercised once before the baseline
  await caughtUp()
  const heapBefore = await heapUsed(page, context)
  const before = await pageState(page)
  const t0 = Date.now()
  await drive(eventCount)
  const sentMs = Date.now() - t0
  const lastSeq = await caughtUp()
  const heapAfter = await heapUsed(page, context)
  const after = await pageState(page)
  await screenshot(page, `wall-soak-${short ? 'short' : 'full'}`)
  const mb = (n: number) => (n / 1048576).toFixed(1)
  log(
    `${eventCount} events in ${(sentMs / 1000).toFixed(0)} s (${((eventCount / sentMs) * 1000).toFixed(0)}/s), wall caught up at seq ${lastSeq}: ` +
      `heap ${mb(heapBefore)} → ${mb(heapAfter)} MB (${((heapAfter / heapBefore - 1) * 100).toFixed(1)} %), ` +
      `DOM ${before.nodes} → ${after.nodes} nodes, ECharts ${before.charts} → ${after.charts}, ` +
      `canvases ${before.canvases} → ${after.canvases}, feed ${after.feedRows} rows`,
  )
  check(
    heapAfter <= heapBefore * heapGrowthLimit,
    `the heap grew from ${mb(heapBefore)} to ${mb(heapAfter)} MB`,
  )
  check(
    after.nodes <= before.nodes + domSlack,
    `the DOM grew from ${before.nodes} to ${after.nodes}`,
  )
  check(after.charts === before.charts, `ECharts instances ${before.charts} → ${after.charts}`)
  check(after.canvases === before.canvases, `canvases ${before.canvases} → ${after.canvases}`)
  check(after.feedRows <= 30, `the feed holds ${after.feedRows} rows`)
}

await e2e.finish('wall soak', run, () => `${eventCount} events`)
