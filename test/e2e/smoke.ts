// e2e smoke test: the built client (dist/) served by the real server (tsx server/main.ts, temp
// SQLite file, free port) in headless Debian Chromium. Loads the map at 1366×768 and 3840×2160,
// toggles every layer off and on (each must change the map's pixels), clicks a check point and an
// issue and reads the Chinese side panel, and fails on console errors or failed requests.
// Screenshots go to test/artifacts/e2e/. Run: `npm run e2e` (builds first); `-- --short` for CI;
// `-- --place 411082` checks another place's screens instead (test/e2e/place.ts); `-- --size 1366x768`
// only that size (the PostGIS run: the store does not change how a wall-sized screen draws).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import {
  attributionZh,
  checkpointCategoryLabels,
  checkpointKindLabels,
  disclaimerZh,
  issueStatusLabels,
} from '../../server/domain/labels-zh.ts'
import {
  argValue,
  artifacts,
  chromiumPath,
  createRun,
  type ExpectedResponse,
  freePort,
  jumpMap,
  launchBrowser,
  root,
  screenshot,
  settle,
  short,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'
import { diffShare, type Image, imageStats, type Region } from './png.ts'

const zoomedView = [100.305, 25.235, 13.3] as const // county seat: every layer has something in view

// A visitor asks for the session first; the contract answers 401 (not signed in)
const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
]

const started = Date.now()
const e2e = createRun(started)
const { log, check } = e2e

/** The map area not covered by the header, panels or credits strip. */
async function openMapRegion(page: Page): Promise<Region> {
  return page.evaluate(() => {
    const map = document.querySelector('.map-area')?.getBoundingClientRect()
    const panel = document.querySelector('[data-testid="side-panel"]')?.getBoundingClientRect()
    const credits = document.querySelector('.map-credits')?.getBoundingClientRect()
    const x = Math.ceil(Math.max(map?.left ?? 0, (panel?.right ?? 0) + 8))
    const y = Math.ceil(map?.top ?? 0)
    const right = Math.floor((map?.right ?? 0) - 60) // zoom buttons
    const bottom = Math.floor(credits?.top ?? map?.bottom ?? 0)
    return { x, y, width: right - x, height: bottom - y }
  })
}

function checkNotBlank(image: Image, region: Region, what: string): void {
  const stats = imageStats(image, region)
  log(
    `${what}: ${stats.distinctColors} colours, dominant ${(stats.dominantShare * 100).toFixed(0)} %, ` +
      `mean luma ${stats.meanLuma.toFixed(0)}`,
  )
  check(
    stats.distinctColors >= 40,
    `${what}: only ${stats.distinctColors} distinct colours (blank map?)`,
  )
  check(
    stats.dominantShare < 0.6,
    `${what}: one colour covers ${(stats.dominantShare * 100).toFixed(0)} %`,
  )
  check(
    stats.meanLuma > 40 && stats.meanLuma < 250,
    `${what}: mean luma ${stats.meanLuma.toFixed(0)}`,
  )
}

async function checkChrome(page: Page, what: string): Promise<void> {
  // the headings come from the served place (GET /api/place), not from the client
  const place = (await (await page.request.get(new URL('/api/place', page.url()).href)).json()) as {
    titles: { overview: string; page: string }
  }
  await page.locator('h1', { hasText: place.titles.overview }).first().waitFor({ timeout: 20_000 })
  const title = await page.title()
  check(title === place.titles.page, `${what}: page title is not the place's: ${title}`)
  const disclaimer = page.getByTestId('disclaimer')
  check(await disclaimer.isVisible(), `${what}: disclaimer not visible`)
  check(
    (await disclaimer.textContent())?.includes(disclaimerZh),
    `${what}: disclaimer text differs`,
  )
  const attribution = (await page.getByTestId('attribution').textContent()) ?? ''
  for (const line of attributionZh)
    check(attribution.includes(line), `${what}: attribution lacks ${line}`)
  const rows = await page.$$eval('[data-layer]', (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-layer'),
      status: item.getAttribute('data-status'),
      text: item.textContent ?? '',
    })),
  )
  check(rows.length === 10, `${what}: expected 10 layer rows, got ${rows.length}`)
  for (const row of rows)
    check(row.status === 'ready', `${what}: layer ${row.id} is ${row.status}: ${row.text}`)
  const fontSizePx = await page.evaluate(() =>
    Number.parseFloat(
      getComputedStyle(document.querySelector('.layer-row') ?? document.body).fontSize,
    ),
  )
  log(`${what}: title “${title}”, layer panel text ${fontSizePx} px`)
}

interface Point {
  id: string
  lngLat: [number, number]
  properties: Record<string, unknown>
}

async function features(base: string, collection: string, query = ''): Promise<Point[]> {
  const response = await fetch(`${base}/collections/${collection}/items?limit=10000${query}`, {
    headers: { Accept: 'application/geo+json' },
  })
  const body = (await response.json()) as {
    features: {
      id: string
      geometry: { coordinates: [number, number] }
      properties: Record<string, unknown>
    }[]
  }
  return body.features.map((f) => ({
    id: String(f.id),
    lngLat: f.geometry.coordinates,
    properties: f.properties,
  }))
}

/** Screen positions of points, and the first one in the open region with nothing else close by. */
async function isolatedPoint(
  page: Page,
  targets: Point[],
  others: Point[],
  region: Region,
  clearancePx: number,
): Promise<{ point: Point; x: number; y: number } | undefined> {
  const project = (points: Point[]) =>
    page.evaluate(
      (lngLats) => {
        const map = window.__inspectionMap
        const box = map?.getCanvas().getBoundingClientRect()
        return lngLats.map((lngLat) => {
          const p = map?.project(lngLat)
          return [(p?.x ?? -1) + (box?.left ?? 0), (p?.y ?? -1) + (box?.top ?? 0)] as [
            number,
            number,
          ]
        })
      },
      points.map((p) => p.lngLat),
    )
  const targetXy = await project(targets)
  const otherXy = await project(others)
  const margin = 40
  for (const [i, [x, y]] of targetXy.entries()) {
    const inside =
      x > region.x + margin &&
      x < region.x + region.width - margin &&
      y > region.y + margin &&
      y < region.y + region.height - margin
    if (!inside) continue
    const crowded = otherXy.some(
      ([ox, oy], j) => others[j]?.id !== targets[i]?.id && Math.hypot(ox - x, oy - y) < clearancePx,
    )
    const point = targets[i]
    if (!crowded && point) return { point, x, y }
  }
  return undefined
}

async function panelText(page: Page, testId = 'feature-panel'): Promise<string> {
  const panel = page.getByTestId(testId)
  await panel.waitFor({ state: 'visible', timeout: 10_000 })
  return (await panel.textContent()) ?? ''
}

async function toggleEveryLayer(page: Page): Promise<void> {
  const region = await openMapRegion(page)
  const baseline = await screenshot(page, 'toggle-baseline-1366x768')
  const ids = await page.$$eval('[data-layer-toggle]', (inputs) =>
    inputs.map((input) => input.getAttribute('data-layer-toggle') ?? ''),
  )
  for (const id of ids) {
    const box = page.locator(`[data-layer-toggle="${id}"]`)
    await box.uncheck()
    await settle(page)
    const changed = diffShare(baseline, await screenshot(page, `toggle-${id}-off`), region)
    log(`toggle ${id.padEnd(10)} off: ${(changed * 100).toFixed(2)} % of the open map changed`)
    check(changed > 0.0005, `toggling ${id} off changed no pixels`)
    check(await urlListsLayer(page, id, false), `the URL still lists ${id} after turning it off`)
    await box.check()
    await settle(page)
    check(await urlListsLayer(page, id, true), `the URL does not list ${id} after turning it on`)
  }
  const restored = diffShare(baseline, await screenshot(page, 'toggle-all-on-again'), region)
  log(`all layers on again: ${(restored * 100).toFixed(2)} % differs from the first screenshot`)
  check(restored < 0.002, 'turning every layer back on did not restore the map')
}

/** Waits (briefly: the URL is written 300 ms after a change) for `layers=` to (not) list an id. */
async function urlListsLayer(page: Page, id: string, listed: boolean): Promise<boolean> {
  return page
    .waitForFunction(
      ([layer, want]) => {
        const param = new URL(location.href).searchParams.get('layers')
        const has = param === null || param.split(',').includes(layer as string)
        return has === want
      },
      [id, listed] as const,
      { timeout: 3000, polling: 50 },
    )
    .then(() => true)
    .catch(() => false)
}

async function clickCheckpoint(page: Page, base: string): Promise<void> {
  const region = await openMapRegion(page)
  const fixed = await features(base, 'checkpoints', '&kind=fixed')
  const all = await features(base, 'checkpoints')
  const target = await isolatedPoint(page, fixed, all, region, 24)
  check(target, 'no isolated fixed check point in view to click')
  if (!target) return
  await page.mouse.click(target.x, target.y)
  const text = await panelText(page)
  const category =
    checkpointCategoryLabels[
      target.point.properties.category as keyof typeof checkpointCategoryLabels
    ]
  log(`clicked check point ${target.point.id}: panel says “${text.slice(0, 80)}…”`)
  check(text.includes(String(target.point.properties.name)), `panel lacks the check point name`)
  check(text.includes(checkpointKindLabels.fixed), 'panel lacks 固定点位')
  check(category && text.includes(category), `panel lacks the category ${category}`)
  check(
    text.includes('所属乡镇') && text.includes('网格编码'),
    'panel lacks Chinese property labels',
  )
  await page.waitForTimeout(350)
  const selected = await page.evaluate(() => new URL(location.href).searchParams.get('sel'))
  check(
    selected === `checkpoints/${target.point.id}`,
    `URL sel is ${selected}, not the check point`,
  )
}

/** A base-map feature: picked through MapLibre, not deck.gl. */
async function clickVillage(page: Page, base: string): Promise<void> {
  const region = await openMapRegion(page)
  const villages = await features(base, 'villages')
  const markers = [...(await features(base, 'checkpoints')), ...(await features(base, 'issues'))]
  const target = await isolatedPoint(page, villages, markers, region, 20)
  check(target, 'no isolated village in view to click')
  if (!target) return
  await page.mouse.click(target.x, target.y)
  const text = await panelText(page)
  log(`clicked village ${target.point.id}: panel says “${text.slice(0, 60)}…”`)
  check(text.includes(String(target.point.properties.name)), 'panel lacks the village name')
  check(
    text.includes('村（社区）') && text.includes('城乡分类'),
    'panel lacks 村（社区） / 城乡分类',
  )
}

async function clickIssue(page: Page, base: string): Promise<void> {
  const issues = await features(base, 'issues')
  const open = issues.filter((i) => i.properties.status !== 'closed')
  const checkpoints = await features(base, 'checkpoints')
  const first = open[0]
  if (!first) return void check(false, 'no open issue to click')
  // zoom in on the densest part so issues stand apart from their check points
  await jumpMap(page, { center: first.lngLat, zoom: 16.5 })
  await settle(page)
  const region = await openMapRegion(page)
  const target = await isolatedPoint(page, open, [...issues, ...checkpoints], region, 18)
  check(target, 'no isolated open issue in view to click')
  if (!target) return
  await page.mouse.click(target.x, target.y)
  // an issue opens the ledger's detail (status, properties, timeline, actions)
  await page
    .locator('[data-testid="timeline"] .timeline__item')
    .first()
    .waitFor({ timeout: 15_000 })
  const text = await panelText(page, 'issue-panel')
  const status = issueStatusLabels[target.point.properties.status as keyof typeof issueStatusLabels]
  log(`clicked issue ${target.point.id}: panel says “${text.slice(0, 80)}…”`)
  check(text.includes(target.point.id), 'panel lacks the issue id')
  check(text.includes(status), `panel lacks the status ${status}`)
  check(text.includes('逾期') && text.includes('整改期限'), 'panel lacks 逾期 / 整改期限')
  check(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text), 'panel shows no formatted time')
  check(text.includes('办理问题请先登录'), 'a visitor is not told to sign in to act on the issue')
}

async function openPage(context: BrowserContext, url: string, what: string) {
  const page = await context.newPage()
  const watcher = watch(page, expected)
  const t0 = Date.now()
  await page.goto(url)
  await waitForMap(page)
  log(`${what}: map ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return { page, watcher }
}

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} not found: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`,
    )
  }
  await rm(artifacts, { recursive: true, force: true }) // only this run's screenshots
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-e2e-'))
  e2e.tempDir = tempDir
  const port = await freePort()
  const server = await startServer(port, path.join(tempDir, 'inspection.db'))
  e2e.server = server
  const base = server.base
  log(`server up on ${base}`)

  const browser = await launchBrowser()
  e2e.browser = browser
  const onlySize = argValue('size')
  const sizes = [
    { width: 1366, height: 768, interact: true },
    { width: 3840, height: 2160, interact: false },
  ].filter(
    (size) => !process.argv.includes('--size') || onlySize === `${size.width}x${size.height}`,
  )
  if (!sizes.length) throw new Error(`--size ${onlySize}: 1366x768 or 3840x2160`)
  for (const size of sizes) {
    const what = `${size.width}×${size.height}`
    const context = await browser.newContext({
      viewport: size,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
    })
    await context.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
    const { page, watcher } = await openPage(context, `${base}/`, what)
    await checkChrome(page, what)
    const image = await screenshot(page, `overview-${size.width}x${size.height}`)
    checkNotBlank(image, await openMapRegion(page), what)

    if (size.interact) {
      await page.evaluate(([lng, lat, zoom]) => {
        window.__inspectionMap?.jumpTo({ center: [lng, lat], zoom })
      }, zoomedView)
      await settle(page)
      log(`${what}: zoomed in on the county seat`)
      await toggleEveryLayer(page)
      await clickVillage(page, base)
      await clickCheckpoint(page, base)
      await screenshot(page, `checkpoint-panel-${size.width}x${size.height}`)
      if (!short) {
        await clickIssue(page, base)
        await settle(page)
        await screenshot(page, `issue-panel-${size.width}x${size.height}`)
      }
    }
    for (const problem of watcher.problems) check(false, `${what}: ${problem}`)
    await context.close()
  }
}

// `-- --place <code>`: the place run (test/e2e/place.ts) instead of the Weishan smoke test
if (process.argv.includes('--place')) await import('./place.ts')
else await e2e.finish('smoke', run)
