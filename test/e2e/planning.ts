// e2e of the planners' workspace (/plan) in headless Chromium against the real server (fresh temp
// database, demo accounts): the planner signs in, changes a weight and sees the ranking change,
// optimises (beating the random baseline), saves plan A, changes constraints and weights,
// optimises and saves plan B, compares A with B (counts and the map's stars), runs a 1,000-draw
// rehearsal and replays its seed (same result), opens the forecast and the 1 km / corridor tabs,
// and exports a plan (XLSX and GeoJSON downloads that parse). No console errors, no failed
// requests; screenshots at 1366×768 and 3840×2160 in test/artifacts/e2e/.
// Run: `npm run e2e:planning` (builds first); `-- --short` skips the 4K pass;
// E2E_BASE_URL=http://… uses a running server instead.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import {
  artifacts,
  chromiumPath,
  createRun,
  type ExpectedResponse,
  freePort,
  jumpMap,
  launchBrowser,
  type PageWatch,
  demoPassword as password,
  root,
  screenshot,
  settle,
  short,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'

const countySeat: [number, number] = [100.306, 25.23] // 南诏镇
const stepTimeoutMs = 60_000 // a compute endpoint on 2 cores with SwiftShader busy
const freshness = /^问题数据截至 \d{1,2}月\d{1,2}日 \d{2}:\d{2}（每分钟更新）$/

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
]

const started = Date.now()
const e2e = createRun(started)
const { log, check } = e2e

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-button').click()
  const dialog = page.getByTestId('login-dialog')
  await dialog.locator('input[name="username"]').fill(username)
  await dialog.locator('input[name="password"]').fill(password)
  await dialog.locator('button[type="submit"]').click()
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 })
  log(`signed in as ${username}: “${await page.getByTestId('user-menu').textContent()}”`)
}

/** The ids of the first n ranked candidates, once no newer ranking is on its way. */
async function ranking(page: Page, n = 10): Promise<string[]> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="candidate-list"]') &&
      !document.querySelector('[data-testid="candidate-list"].is-stale'),
    null,
    { timeout: stepTimeoutMs, polling: 100 },
  )
  return page.evaluate(
    (count) =>
      [...document.querySelectorAll('[data-testid="candidate-row"]')]
        .slice(0, count)
        .map((row) => row.getAttribute('data-id') ?? ''),
    n,
  )
}

/** The open tab's line saying how fresh its issue data is, once a result is shown. */
async function dataAsOf(page: Page, tab: string): Promise<void> {
  const line = page.getByTestId('data-as-of')
  await page
    .waitForFunction(
      (re) =>
        new RegExp(re).test(
          document.querySelector('[data-testid="data-as-of"]')?.textContent ?? '',
        ),
      freshness.source,
      { timeout: stepTimeoutMs, polling: 100 },
    )
    .catch(() => undefined)
  const text = ((await line.textContent()) ?? '').trim()
  log(`${tab}: “${text}”`)
  check(freshness.test(text), `${tab}: the data time line reads “${text}”`)
}

async function setRange(page: Page, selector: string, value: number): Promise<void> {
  await page.locator(selector).evaluate((input, v) => {
    const el = input as HTMLInputElement
    // React tracks the value property: set it through the prototype so onChange sees a change
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, String(v))
    el.dispatchEvent(new Event('input', { bubbles: true }))
  }, value)
}

async function optimise(page: Page): Promise<{ ours: number; baseline: number }> {
  // wait for this click's answer: the previous plan's result is on screen until it arrives
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/planning/optimise') && r.request().method() === 'POST',
    { timeout: stepTimeoutMs },
  )
  await page.getByTestId('optimise-button').click()
  await answered
  const result = page.getByTestId('optimise-result')
  await page
    .locator('[data-testid="optimise-result"], [data-testid="optimise-error"]')
    .first()
    .waitFor({ timeout: stepTimeoutMs })
  if (await page.getByTestId('optimise-error').count()) {
    throw new Error(`optimise failed: ${await page.getByTestId('optimise-error').textContent()}`)
  }
  const ours = Number(await result.getByTestId('optimised-mean').textContent())
  const baseline = Number(await result.getByTestId('baseline-mean').textContent())
  const count = Number(await page.getByTestId('selection-count').textContent())
  log(`optimised: ${count} points, mean ${ours} vs random baseline ${baseline}`)
  check(
    ours > baseline,
    `the optimised plan (${ours}) does not beat the random baseline (${baseline})`,
  )
  return { ours, baseline }
}

async function savePlan(page: Page, name: string): Promise<void> {
  await page.getByTestId('plan-name').fill(name)
  await page.getByTestId('save-plan').click()
  await page.getByTestId('save-result').getByText(name).waitFor({ timeout: stepTimeoutMs })
  await page.locator(`[data-testid="plan-list"] tr[data-plan="${name}"]`).waitFor()
  log(`saved “${name}”`)
}

async function demoPoints(page: Page): Promise<void> {
  const before = await ranking(page)
  await dataAsOf(page, '示范点')
  // density 3 → 0 and location 1 → 10: the ranking must reorder
  await setRange(page, 'input[data-factor="density"]', 0)
  await setRange(page, 'input[data-factor="location"]', 10)
  await page.waitForTimeout(400) // the debounce
  const after = await ranking(page)
  log(`top 3 before: ${before.slice(0, 3).join(', ')}; after: ${after.slice(0, 3).join(', ')}`)
  check(before.join() !== after.join(), 'changing the weights left the top 10 unchanged')

  const a = await optimise(page)
  await savePlan(page, '示范点方案A')
  await settle(page)
  await screenshot(page, 'planning-demo-1366x768')

  // plan B: more points, two per township, wider spacing, other weights
  await page.getByTestId('constraint-size').fill('30')
  await page.getByTestId('constraint-per-township').fill('2')
  await page.getByTestId('constraint-spacing').fill('500')
  await setRange(page, 'input[data-factor="density"]', 6)
  await setRange(page, 'input[data-factor="category"]', 4)
  await page.waitForTimeout(400)
  const b = await optimise(page)
  check(
    Number(await page.getByTestId('selection-count').textContent()) === 30,
    'plan B does not have the 30 points asked for',
  )
  await savePlan(page, '示范点方案B')
  log(`A mean ${a.ours}, B mean ${b.ours}`)

  await page.locator('tr[data-plan="示范点方案A"] [data-testid="compare-a"]').check()
  await page.locator('tr[data-plan="示范点方案B"] [data-testid="compare-b"]').check()
  const counts = page.getByTestId('compare-counts')
  await counts.waitFor({ timeout: stepTimeoutMs })
  const text = (await counts.textContent()) ?? ''
  const [onlyA, both, onlyB] = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]))
  log(`compare: only A ${onlyA}, both ${both}, only B ${onlyB}`)
  check(
    (onlyA ?? 0) + (both ?? 0) === 20 && (onlyB ?? 0) + (both ?? 0) === 30,
    `compare counts do not add up to the plans' sizes: ${text}`,
  )
  // zoomed to the county seat, where both plans cluster: the three star colours apart
  await jumpMap(page, { center: countySeat, zoom: 13 })
  await page.getByTestId('plan-compare').scrollIntoViewIfNeeded()
  await settle(page)
  await screenshot(page, 'planning-compare-1366x768')
}

async function exportPlan(page: Page): Promise<void> {
  const row = page.locator('tr[data-plan="示范点方案A"]')
  for (const format of ['geojson', 'xlsx'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: stepTimeoutMs }),
      row.getByTestId(`export-${format}`).click(),
    ])
    const file = await download.path()
    const bytes = file ? await readFile(file) : Buffer.alloc(0)
    log(`export ${format}: ${download.suggestedFilename()}, ${bytes.length} bytes`)
    if (format === 'geojson') {
      let features = -1
      try {
        features = (JSON.parse(bytes.toString('utf8')) as { features: unknown[] }).features.length
      } catch {
        // features stays -1
      }
      check(features === 20, `the GeoJSON export holds ${features} features, not plan A's 20`)
    } else {
      // an XLSX is a zip: it starts PK and names its first sheet in the workbook part
      const isZip = bytes.subarray(0, 2).toString('latin1') === 'PK'
      check(
        isZip && bytes.includes(Buffer.from('xl/workbook.xml')),
        'the XLSX export is not a workbook',
      )
    }
  }
}

async function rehearsal(page: Page): Promise<void> {
  await page.locator('[data-tab="rehearsal"]').click()
  await page.getByTestId('rehearsal-seed').fill('20260301')
  await page.getByTestId('rehearsal-draws').fill('1000')
  await page.getByTestId('rehearsal-run').click()
  const sawProgress = await page
    .getByTestId('plan-progress')
    .waitFor({ timeout: 2000 })
    .then(() => true)
    .catch(() => false)
  await page.getByTestId('rehearsal-stats').waitFor({ timeout: stepTimeoutMs })
  log(`rehearsal: progress ${sawProgress ? 'shown' : 'too quick to see'}`)
  await dataAsOf(page, '模拟抽检')
  const first = await page.getByTestId('rehearsal-stats').textContent()
  const worst = await page.locator('[data-testid="worst-list"] tbody tr').count()
  log(`rehearsal stats: ${first}; 先整改 ${worst} rows`)
  check(await page.getByTestId('rehearsal-histogram').count(), 'no histogram after a rehearsal')
  await settle(page)
  await screenshot(page, 'planning-rehearsal-1366x768')

  await page.getByTestId('rehearsal-replay').click()
  await page.getByTestId('replay-result').waitFor({ timeout: stepTimeoutMs })
  const replay = (await page.getByTestId('replay-result').textContent()) ?? ''
  check(replay.includes('完全一致'), `replaying the seed did not match: ${replay}`)
  check(
    (await page.getByTestId('rehearsal-stats').textContent()) === first,
    'replayed stats differ',
  )
}

async function forecastAndFocus(page: Page): Promise<void> {
  await page.locator('[data-tab="forecast"]').click()
  await page.getByTestId('forecast-expected').waitFor({ timeout: stepTimeoutMs })
  const expectedScore = Number(await page.getByTestId('forecast-expected').textContent())
  const assumptions = await page.locator('[data-testid="forecast-assumptions"] li').count()
  const townships = await page.locator('[data-testid="forecast-townships"] tbody tr').count()
  log(`forecast: ${expectedScore} / 46.3, ${assumptions} assumptions, ${townships} townships`)
  check(
    expectedScore > 0 && expectedScore <= 46.3,
    `forecast ${expectedScore} is not within 0–46.3`,
  )
  check(assumptions > 0, 'the forecast shows no assumptions')
  check(townships === 10, `the forecast lists ${townships} townships, not 10`)
  await dataAsOf(page, '得分预测')
  const note = (await page.getByTestId('forecast-map-note').textContent()) ?? ''
  log(`forecast map: “${note}”`)
  check(note.includes('共 10 个'), `the map does not colour the 10 townships: “${note}”`)
  // hovering a township (南诏镇, at its seat) shows its expected score and range
  await jumpMap(page, { center: [100.306, 25.23], zoom: 10 })
  await settle(page)
  const at = await page.evaluate(
    ([lng, lat]) => {
      const p = window.__inspectionMap?.project([lng, lat])
      const box = window.__inspectionMap?.getCanvas().getBoundingClientRect()
      return p && box ? { x: box.left + p.x, y: box.top + p.y } : undefined
    },
    [100.33, 25.25] as [number, number],
  )
  if (at) {
    await page.mouse.move(at.x - 5, at.y - 5)
    await page.mouse.move(at.x, at.y, { steps: 3 })
  }
  const tooltip = await page
    .getByTestId('forecast-tooltip')
    .textContent({ timeout: 10_000 })
    .catch(() => '')
  log(`forecast hover: “${tooltip}”`)
  check(
    /预期 \d+\.\d 分（p5–p95：\d+\.\d – \d+\.\d）/.test(tooltip ?? ''),
    'no township tooltip on hover',
  )
  await screenshot(page, 'planning-forecast-1366x768')
  await page.mouse.move(5, 300)

  // the legend folds away and remembers it
  await page.getByTestId('legend-toggle').click()
  check(!(await page.getByTestId('legend-items').count()), 'the legend did not fold')
  const stored = await page.evaluate(() => localStorage.getItem('planning.legendOpen'))
  check(stored === 'false', `the folded legend is not remembered (${stored})`)
  await page.getByTestId('legend-toggle').click()
  check(await page.getByTestId('legend-items').count(), 'the legend did not open again')

  await page.locator('[data-tab="focus"]').click()
  await page
    .locator('[data-testid="seat-radius-list"] > li')
    .first()
    .waitFor({ timeout: stepTimeoutMs })
  await page
    .locator('[data-testid="corridor-table"] tbody tr')
    .first()
    .waitFor({ timeout: stepTimeoutMs })
  const corridors = await page.locator('[data-testid="corridor-table"] tbody tr').count()
  const seats = await page.locator('[data-testid="seat-radius-list"] > li').count()
  log(`1 km: ${seats} townships; corridors: ${corridors} rows at 200 m`)
  await dataAsOf(page, '1公里与沿线')
  await jumpMap(page, { center: [100.28, 25.2], zoom: 10 })
  await settle(page)
  await screenshot(page, 'planning-focus-roads-1366x768')
  check(seats === 10, `the 1 km list has ${seats} townships, not 10`)
  check(corridors >= 10, `only ${corridors} corridors (9 示意道路 + rivers expected)`)
  await page.locator('[data-testid="corridor-table"] tbody tr button').first().click()
  await page.getByTestId('corridor-width').selectOption('500')
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="corridor-table"] tbody tr').length > 0,
    null,
    { timeout: stepTimeoutMs },
  )
  await settle(page)
  await screenshot(page, 'planning-focus-1366x768')
}

async function newPage(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; watcher: PageWatch }> {
  const page = await context.newPage()
  const watcher = watch(page, expected)
  await page.goto(url)
  await waitForMap(page)
  return { page, watcher }
}

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(artifacts, { recursive: true })
  let base = process.env.E2E_BASE_URL
  if (!base) {
    const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-planning-e2e-'))
    e2e.tempDir = tempDir
    const server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
      READ_ACCESS: 'public',
    })
    e2e.server = server
    base = server.base
  }
  log(`server up on ${base}`)
  const browser = await launchBrowser()
  e2e.browser = browser

  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  await context.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
  const { page, watcher } = await newPage(context, `${base}/plan`)
  log('planning map ready')
  check(await page.getByText('示意数据').first().count(), 'the screen is not labelled 示意数据')
  await signIn(page, 'planner')
  await demoPoints(page)
  await exportPlan(page)
  await rehearsal(page)
  await forecastAndFocus(page)
  log(`expected 4xx seen: ${watcher.expected.length}`)
  for (const problem of watcher.problems) check(false, `1366×768: ${problem}`)
  await context.close()

  if (short) return
  const wall = await browser.newContext({
    viewport: { width: 3840, height: 2160 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  await wall.addInitScript('globalThis.__name = (fn) => fn')
  const big = await newPage(wall, `${base}/plan`)
  await ranking(big.page)
  await big.page.locator('tr[data-plan="示范点方案A"] [data-testid="compare-a"]').check()
  await big.page.locator('tr[data-plan="示范点方案B"] [data-testid="compare-b"]').check()
  await big.page.getByTestId('compare-counts').waitFor({ timeout: stepTimeoutMs })
  await settle(big.page)
  await screenshot(big.page, 'planning-demo-3840x2160')
  const fontPx = await big.page.evaluate(() =>
    Number.parseFloat(
      getComputedStyle(document.querySelector('.plan-candidate__name') ?? document.body).fontSize,
    ),
  )
  log(`3840×2160: candidate names at ${fontPx} px`)
  check(fontPx >= 20, `candidate names at 4K are only ${fontPx} px`)
  await big.page.locator('[data-tab="rehearsal"]').click()
  await big.page.getByTestId('rehearsal-run').click()
  await big.page.getByTestId('rehearsal-stats').waitFor({ timeout: stepTimeoutMs })
  await settle(big.page)
  await screenshot(big.page, 'planning-rehearsal-3840x2160')
  await big.page.locator('[data-tab="forecast"]').click()
  await big.page.getByTestId('forecast-map-note').waitFor({ timeout: stepTimeoutMs })
  await settle(big.page)
  await screenshot(big.page, 'planning-forecast-3840x2160')
  await big.page.locator('[data-tab="focus"]').click()
  await big.page
    .locator('[data-testid="corridor-table"] tbody tr')
    .first()
    .waitFor({ timeout: stepTimeoutMs })
  await settle(big.page)
  await screenshot(big.page, 'planning-focus-3840x2160')
  for (const problem of big.watcher.problems) check(false, `3840×2160: ${problem}`)
  await wall.close()
}

await e2e.finish('planning', run)
