// e2e of the grid managers' workspace (/grids) in headless Chromium against the real server (temp
// database, demo accounts): a visitor sees a read-only map and table; the 南诏镇 grid manager
// lassoes several of their grids on the map, reassigns them to another unit and manager in one
// request, and the table, the map colours and the API agree; then splits one of them with a drawn
// line and finds two new codes in the table and the old one gone; 取消指派 on one of them shows
// in the header count and as red hatching. No console errors or CSP
// violations; screenshots at 1366×768 and 3840×2160 in test/artifacts/e2e/.
// Run: `npm run e2e:grids` (builds first); `-- --short` skips the workload proposal and the 4K
// screen; E2E_BASE_URL=http://… uses a running server instead (its database is changed).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pointOnFeature, bbox as turfBbox } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import {
  artifacts,
  chromiumPath,
  createRun,
  type ExpectedResponse,
  freePort,
  launchBrowser,
  type PageWatch,
  root,
  screenshot,
  settle,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'
import { decodePng } from './png.ts'

const password = 'weishan2026' // every demo account's (README, ledger-api)
const nanzhao = '532927101' // 南诏镇: grid-nanzhao's grids
const countySeat: [number, number] = [100.306, 25.23]
const newUnit = { code: 'housing', name: '县住房和城乡建设局' }
const short = process.argv.includes('--short') || process.env.E2E_SHORT === '1'

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
]

const started = Date.now()
const e2e = createRun(started)
const { log, check, failures } = e2e

interface Row {
  gridCode: string
  townshipCode: string
  unitCode: string
  unitName: string
  managerId: string | null
  managerName: string | null
  editable: boolean
}

type GridFeature = Feature<Polygon | MultiPolygon, { gridCode: string }>

// ---- the server's view ------------------------------------------------------------------------

async function apiRows(page: Page): Promise<Row[]> {
  // from the page, so the answer is for the signed-in user (editable)
  return page.evaluate(async () => {
    const response = await fetch('api/grids', { headers: { Accept: 'application/json' } })
    return ((await response.json()) as { items: Row[] }).items
  })
}

async function gridFeature(base: string, code: string): Promise<GridFeature | undefined> {
  const response = await fetch(`${base}/collections/grids/items/${code}`, {
    headers: { Accept: 'application/geo+json' },
  })
  return response.ok ? ((await response.json()) as GridFeature) : undefined
}

// ---- browser helpers ----------------------------------------------------------------------------

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-button').click()
  const dialog = page.getByTestId('login-dialog')
  await dialog.locator('input[name="username"]').fill(username)
  await dialog.locator('input[name="password"]').fill(password)
  await dialog.locator('button[type="submit"]').click()
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 })
  log(`signed in as ${username}: “${await page.getByTestId('user-menu').textContent()}”`)
}

/** Page coordinates of a longitude/latitude on the map. */
async function toScreen(page: Page, lngLat: [number, number]): Promise<[number, number]> {
  return page.evaluate((p) => {
    const map = window.__inspectionMap
    const box = map?.getCanvas().getBoundingClientRect()
    const xy = map?.project(p)
    return [(xy?.x ?? 0) + (box?.left ?? 0), (xy?.y ?? 0) + (box?.top ?? 0)] as [number, number]
  }, lngLat)
}

async function fitTo(page: Page, box: [number, number, number, number]): Promise<void> {
  await page.evaluate(
    (b) =>
      window.__inspectionMap?.fitBounds(
        [
          [b[0], b[1]],
          [b[2], b[3]],
        ],
        { padding: 60, duration: 0 },
      ),
    box,
  )
  await settle(page)
}

/** The map's colour at a point: the median of a 5×5 patch, so a hatch line or label cannot fool it. */
async function colourAt(page: Page, [x, y]: [number, number]): Promise<[number, number, number]> {
  const png = await page.screenshot({
    type: 'png',
    clip: { x: Math.round(x) - 2, y: Math.round(y) - 2, width: 5, height: 5 },
  })
  const image = decodePng(png)
  const channel = (c: number) => {
    const values: number[] = []
    for (let i = c; i < image.data.length; i += 4) values.push(image.data[i] ?? 0)
    return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  }
  return [channel(0), channel(1), channel(2)]
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0))
}

async function selectedCodes(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="grid-table"] tbody tr[aria-selected="true"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-grid-code') ?? ''))
}

async function rowText(page: Page, code: string): Promise<string> {
  return (await page.locator(`tr[data-grid-code="${code}"]`).textContent()) ?? ''
}

// ---- the scenario -------------------------------------------------------------------------------

async function visitor(page: Page): Promise<void> {
  const note = (await page.locator('.sign-in-note').textContent()) ?? ''
  check(note.includes('只读'), `a visitor is not told the workspace is read-only: “${note}”`)
  const badge = (await page.getByTestId('unassigned-badge').textContent()) ?? ''
  check(/未指派 \d+/.test(badge), `no unassigned count in the header: “${badge}”`)
  check(
    (await page.locator('[data-testid="grid-table"] tbody tr[data-grid-code]').count()) > 100,
    'the visitor’s table does not list the grids',
  )
}

/** Lassoes grids around the county seat; returns their codes (all 南诏镇, editable). */
async function lasso(page: Page, base: string, rows: Row[]): Promise<string[]> {
  const mine = rows.filter((r) => r.townshipCode === nanzhao && r.editable)
  check(mine.length > 5, `grid-nanzhao may edit only ${mine.length} grids`)
  const features = (await Promise.all(mine.map((r) => gridFeature(base, r.gridCode)))).filter(
    (f): f is GridFeature => Boolean(f),
  )
  const [w, s, e, n] = turfBbox({ type: 'FeatureCollection', features })
  // the seat's quarter of the township, so a small lasso holds several grids
  const dx = (e - w) / 5
  const dy = (n - s) / 5
  await fitTo(page, [
    countySeat[0] - dx,
    countySeat[1] - dy,
    countySeat[0] + dx,
    countySeat[1] + dy,
  ])
  await page.locator('[data-tool="lasso"]').click()
  const [cx, cy] = await toScreen(page, countySeat)
  const radius = 110
  await page.mouse.move(cx + radius, cy)
  await page.mouse.down()
  for (let i = 1; i <= 48; i++) {
    const a = (i / 48) * 2 * Math.PI
    await page.mouse.move(cx + radius * Math.cos(a), cy + radius * 0.8 * Math.sin(a), { steps: 2 })
  }
  await page.mouse.up()
  await page.getByTestId('assign-panel').waitFor({ timeout: 10_000 })
  const codes = await selectedCodes(page)
  log(`lasso selected ${codes.length} grids: ${codes.join(', ')}`)
  check(codes.length >= 3, `the lasso selected only ${codes.length} grids`)
  check(
    codes.every((c) => c.startsWith(nanzhao)),
    `the lasso caught grids outside 南诏镇: ${codes.join(', ')}`,
  )
  await page.locator('[data-tool="pick"]').click()
  await settle(page)
  await screenshot(page, 'grids-lasso-1366x768')
  return codes
}

async function assign(page: Page, base: string, codes: string[], rows: Row[]): Promise<void> {
  const before = rows.filter((r) => codes.includes(r.gridCode))
  // another manager of 南诏镇 who holds none of the lassoed grids
  const manager = rows.find(
    (r) =>
      r.townshipCode === nanzhao &&
      r.managerId &&
      !codes.includes(r.gridCode) &&
      !before.some((b) => b.managerId === r.managerId),
  )
  if (!manager?.managerId) throw new Error('no other 南诏镇 manager to assign to')

  // interior points, and the map's colours there before (nothing selected or hovered)
  const anchors = new Map<string, [number, number]>()
  for (const code of codes) {
    const feature = await gridFeature(base, code)
    if (feature) anchors.set(code, pointOnFeature(feature).geometry.coordinates as [number, number])
  }
  const panel = page.getByTestId('assign-panel')
  await page.mouse.move(5, 300) // off the map: no hover outline
  const selection = await selectedCodes(page)
  await panel.getByRole('button', { name: '清空选择' }).click()
  await settle(page)
  const coloursBefore = new Map<string, [number, number, number]>()
  for (const [code, lngLat] of anchors)
    coloursBefore.set(code, await colourAt(page, await toScreen(page, lngLat)))
  // select them again from the table with shift-clicks
  for (const [i, code] of selection.entries())
    await page.locator(`tr[data-grid-code="${code}"]`).click({ modifiers: i ? ['Shift'] : [] })
  check(
    (await selectedCodes(page)).length === codes.length,
    'shift-clicking the table rows did not restore the selection',
  )

  await panel.locator('select[name="unitCode"]').selectOption(newUnit.code)
  await panel.locator('select[name="managerId"]').selectOption(manager.managerId)
  check(
    await panel.locator('input[name="moveOpenIssues"]').isChecked(),
    '「未办结问题随网格转交新责任单位」 is not ticked by default',
  )
  await screenshot(page, 'grids-assign-1366x768')
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/grids/assignments') && r.method() === 'POST'),
    panel.getByTestId('assign-submit').click(),
  ])
  const body = request.postDataJSON() as { assignments: unknown[]; moveOpenIssues: boolean }
  check(
    body.assignments.length === codes.length && body.moveOpenIssues === true,
    `one request for the whole selection expected, got ${JSON.stringify(body)}`,
  )
  const notice = page.getByTestId('grid-notice')
  await notice.getByText('已指派').waitFor({ timeout: 20_000 })
  log(`assign: “${await notice.textContent()}”`)

  // the table
  await page
    .waitForFunction(
      ([cs, unit]) =>
        (cs as string[]).every((c) =>
          document
            .querySelector(`tr[data-grid-code="${c}"]`)
            ?.textContent?.includes(unit as string),
        ),
      [codes, newUnit.name],
      { timeout: 15_000, polling: 200 },
    )
    .catch(() => {})
  for (const code of codes) {
    const text = await rowText(page, code)
    check(
      text.includes(newUnit.name) && text.includes(manager.managerName ?? '—'),
      `row ${code} reads “${text}”, not ${newUnit.name} / ${manager.managerName}`,
    )
  }
  // the API
  const after = await apiRows(page)
  for (const code of codes) {
    const row = after.find((r) => r.gridCode === code)
    check(
      row?.unitCode === newUnit.code && row.managerId === manager.managerId,
      `the API says ${code} is ${row?.unitCode} / ${row?.managerId}`,
    )
  }
  // the map: every reassigned grid changed colour, and now they all wear the same one
  await panel.getByRole('button', { name: '清空选择' }).click()
  await page.mouse.move(5, 300)
  await settle(page)
  const coloursAfter: [number, number, number][] = []
  let changed = 0
  for (const [code, lngLat] of anchors) {
    const colour = await colourAt(page, await toScreen(page, lngLat))
    coloursAfter.push(colour)
    const was = coloursBefore.get(code) ?? [0, 0, 0]
    if (distance(was, colour) > 12) changed++
    log(`  ${code}: rgb(${was.join(',')}) → rgb(${colour.join(',')})`)
  }
  const wasHousing = before.filter((r) => r.unitCode === newUnit.code).length
  check(
    changed >= codes.length - wasHousing,
    `only ${changed} of ${codes.length} grids changed colour on the map`,
  )
  const first = coloursAfter[0] ?? [0, 0, 0]
  check(
    coloursAfter.every((c) => distance(c, first) < 30),
    `the reassigned grids do not share one colour: ${coloursAfter.map((c) => c.join(',')).join(' | ')}`,
  )
  await screenshot(page, 'grids-assigned-1366x768')
  // by manager too: one colour for the one manager
  await page.locator('[data-color-mode="manager"]').click()
  await settle(page)
  const byManager = await Promise.all(
    [...anchors.values()].map(async (p) => colourAt(page, await toScreen(page, p))),
  )
  check(
    byManager.every((c) => distance(c, byManager[0] ?? [0, 0, 0]) < 30),
    'coloured by manager, the reassigned grids differ',
  )
  await screenshot(page, 'grids-by-manager-1366x768')
  await page.locator('[data-color-mode="unit"]').click()
}

async function split(page: Page, base: string, code: string): Promise<string[]> {
  const feature = await gridFeature(base, code)
  if (!feature) throw new Error(`grid ${code} has no shape`)
  await page.locator(`tr[data-grid-code="${code}"]`).click()
  await fitTo(page, turfBbox(feature) as [number, number, number, number])
  await page.locator('[data-tab="edit"]').click()
  await page.getByTestId('draw-split-line').click()
  await page.getByTestId('draw-hint').waitFor()
  // a horizontal line through an interior point, from well outside the grid to well outside
  const [w, , e] = turfBbox(feature)
  const inside = pointOnFeature(feature).geometry.coordinates as [number, number]
  const margin = (e - w) * 0.15
  const [x1, y] = await toScreen(page, [w - margin, inside[1]])
  const [x2] = await toScreen(page, [e + margin, inside[1]])
  const xm = (x1 + x2) / 2
  await page.mouse.click(x1, y)
  await page.mouse.move(xm, y + 3, { steps: 4 })
  await page.mouse.click(xm, y + 3)
  await page.mouse.move(x2, y, { steps: 4 })
  await page.mouse.click(x2, y)
  await page.waitForTimeout(150)
  await page.mouse.click(x2, y) // on the last point again: the line is finished
  const submit = page.getByTestId('split-submit')
  await page
    .waitForFunction(
      () =>
        !(document.querySelector('[data-testid="split-submit"]') as HTMLButtonElement | null)
          ?.disabled,
      null,
      { timeout: 10_000, polling: 100 },
    )
    .catch(() => {})
  await screenshot(page, 'grids-split-line-1366x768')
  check(await submit.isEnabled(), 'the split button stays disabled after drawing the line')
  await submit.click()
  const notice = page.getByTestId('grid-notice')
  await notice.getByText('分割完成').waitFor({ timeout: 20_000 })
  const text = (await notice.textContent()) ?? ''
  log(`split: “${text}”`)
  const created = [...text.matchAll(/\d{15}/g)].map((m) => m[0]).filter((c) => c !== code)
  check(created.length >= 2, `the split did not name two new codes: “${text}”`)

  await page.locator('[data-tab="list"]').click()
  await page.locator(`tr[data-grid-code="${created[0]}"]`).waitFor({ timeout: 15_000 })
  for (const c of created)
    check((await page.locator(`tr[data-grid-code="${c}"]`).count()) === 1, `${c} not in the table`)
  check(
    (await page.locator(`tr[data-grid-code="${code}"]`).count()) === 0,
    `the retired ${code} is still in the table`,
  )
  const rows = await apiRows(page)
  check(!rows.some((r) => r.gridCode === code), `the API still lists ${code}`)
  check(
    created.every((c) => rows.some((r) => r.gridCode === c && r.townshipCode === nanzhao)),
    'the API lacks the new grids',
  )
  check(!(await gridFeature(base, code)), `/collections/grids still has ${code}`)
  await settle(page)
  await screenshot(page, 'grids-split-1366x768')
  return created
}

/** 取消指派 on one grid: the badge counts it, the row says so, the map hatches it red. */
async function unassign(page: Page, base: string, code: string): Promise<void> {
  const badge = page.getByTestId('unassigned-badge')
  const countBefore = Number(/\d+/.exec((await badge.textContent()) ?? '')?.[0])
  await page.locator(`tr[data-grid-code="${code}"]`).click()
  const panel = page.getByTestId('assign-panel')
  await panel.locator('select[name="managerId"]').selectOption('__none__')
  await panel.getByTestId('assign-submit').click()
  await page.getByTestId('grid-notice').getByText('已指派 1 个网格').waitFor({ timeout: 20_000 })
  await badge.getByText(`未指派 ${countBefore + 1}`).waitFor({ timeout: 15_000 })
  check((await rowText(page, code)).includes('未指派'), `row ${code} does not say 未指派`)
  const row = (await apiRows(page)).find((r) => r.gridCode === code) as
    | (Row & { unassigned?: boolean })
    | undefined
  check(row?.unassigned === true && row.managerId === null, `the API says ${code} is assigned`)
  await panel.getByRole('button', { name: '清空选择' }).click()
  await page.mouse.move(5, 300)
  await settle(page)
  const feature = await gridFeature(base, code)
  if (!feature) return void check(false, `grid ${code} has no shape`)
  const [x, y] = await toScreen(
    page,
    pointOnFeature(feature).geometry.coordinates as [number, number],
  )
  const png = await page.screenshot({
    type: 'png',
    clip: { x: Math.round(x) - 20, y: Math.round(y) - 20, width: 41, height: 41 },
  })
  const image = decodePng(png)
  let red = 0
  for (let i = 0; i < image.data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = image.data.subarray(i, i + 3)
    if (r > 170 && g < 110 && b < 110) red++
  }
  log(`unassigned ${code}: badge ${countBefore} → ${countBefore + 1}, ${red} red hatch pixels`)
  check(red > 60, `the unassigned grid ${code} is not hatched red on the map (${red} red pixels)`)
  await screenshot(page, 'grids-unassigned-1366x768')
}

async function proposal(page: Page): Promise<void> {
  await page.locator('[data-tab="workload"]').click()
  const panel = page.getByTestId('workload-panel')
  await panel.locator('.workload__bars li').first().waitFor({ timeout: 15_000 })
  await panel.locator('select').selectOption(nanzhao)
  await panel.locator('.workload__bars li').first().waitFor({ timeout: 15_000 })
  await page.getByTestId('rebalance-button').click()
  const shown = page.getByTestId('proposal')
  await shown.waitFor({ timeout: 20_000 })
  log(`proposal: “${((await shown.locator('p').first().textContent()) ?? '').slice(0, 120)}”`)
  await page.waitForTimeout(900) // the map fits the moved grids
  await settle(page)
  await screenshot(page, 'grids-proposal-1366x768')
  await shown.getByRole('button', { name: '放弃' }).click()
}

async function openPage(browser: Browser, base: string, width: number, height: number) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  await context.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
  const page = await context.newPage()
  const watcher: PageWatch = watch(page, expected)
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text()))
      watcher.problems.push(`CSP: ${m.text()}`)
  })
  await page.goto(`${base}/grids`)
  await waitForMap(page)
  await page.locator('[data-testid="grid-table"] tbody tr[data-grid-code]').first().waitFor()
  return { context, page, watcher }
}

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(artifacts, { recursive: true })
  let base = process.env.E2E_BASE_URL
  if (!base) {
    const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-grids-e2e-'))
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

  const { context, page, watcher } = await openPage(browser, base, 1366, 768)
  log('workspace ready for a visitor')
  await visitor(page)
  await screenshot(page, 'grids-visitor-1366x768')
  await signIn(page, 'grid-nanzhao')
  await page.locator('.sign-in-note.is-info').waitFor({ timeout: 15_000 })
  const rows = await apiRows(page)
  const codes = await lasso(page, base, rows)
  await assign(page, base, codes, rows)
  const created = await split(page, base, codes[0] ?? '')
  await unassign(page, base, created[1] ?? created[0] ?? '')
  if (!short) await proposal(page)
  log(`expected 4xx seen: ${watcher.expected.length}`)
  for (const problem of watcher.problems) check(false, `1366×768: ${problem}`)
  await context.close()

  if (!short) {
    const big = await openPage(browser, base, 3840, 2160)
    await signIn(big.page, 'grid-nanzhao')
    await big.page.locator('.sign-in-note.is-info').waitFor({ timeout: 15_000 })
    await settle(big.page)
    await screenshot(big.page, 'grids-3840x2160')
    const fontPx = await big.page.evaluate(() =>
      Number.parseFloat(
        getComputedStyle(document.querySelector('.grid-table td') ?? document.body).fontSize,
      ),
    )
    log(`3840×2160: table text at ${fontPx} px`)
    check(fontPx >= 18, `table text at 4K is only ${fontPx} px`)
    for (const problem of big.watcher.problems) check(false, `3840×2160: ${problem}`)
    await big.context.close()
  }
}

try {
  await run()
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error))
  log(`✗ ${failures.at(-1)}`)
} finally {
  await e2e.cleanup()
}

const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (failures.length) {
  console.error(
    `\ne2e grids: ${failures.length} failure(s) in ${seconds} s:\n- ${failures.join('\n- ')}`,
  )
  process.exit(1)
}
console.log(`\ne2e grids: passed in ${seconds} s; screenshots in test/artifacts/e2e/`)
