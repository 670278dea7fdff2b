// e2e of the issue ledger's close-out loop (问题台账) in headless Chromium against the real server
// (temp database, demo accounts): the inspector reports an issue by clicking the map near the
// county seat; the 南诏镇 grid manager assigns it to 县城市管理局 with a deadline; that unit's
// operator reports the fix with a note and a photo; the inspector approves it (销号); the commander
// finds it closed in the ledger, with every step in the detail's timeline. Along the way: a wrong
// password, a rejected import with row errors, a stale approval (409), the CSV export of the
// filter, and screenshots at 1366×768 and 3840×2160 in test/artifacts/e2e/.
// Run: `npm run e2e:ledger` (builds first); E2E_BASE_URL=http://… uses a running server instead.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { issueStatusLabels } from '../../server/domain/labels-zh.ts'
import {
  artifacts,
  chromiumPath,
  clickMapAt,
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
  startServer,
  waitForMap,
  watch,
} from './harness.ts'
import { decodePng, encodeRgbaPng } from './png.ts'

const countySeat: [number, number] = [100.306, 25.23] // 南诏镇: its grids are grid-nanzhao's
const description = `文华路与南诏路口垃圾桶满溢，周边有暴露垃圾（e2e-${Date.now().toString(36)}）`
const rectifyNote = '已清运暴露垃圾，增设分类垃圾桶 2 个，安排保洁员每日巡查'

// Responses the test provokes on purpose, or that the contract promises a visitor
const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
  { status: 401, method: 'POST', url: /\/api\/session$/, why: 'the wrong password, on purpose' },
  { status: 400, method: 'POST', url: /\/api\/issues\/import$/, why: 'a CSV with bad rows' },
  { status: 409, method: 'POST', url: /\/transitions$/, why: 'approving an issue someone closed' },
]

const started = Date.now()
const e2e = createRun(started)
const { log, check } = e2e

/** A small photo of a "fixed" street corner: a 96×72 gradient with a stripe, made here. */
function makePhoto(): Buffer {
  const width = 96
  const height = 72
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const stripe = Math.abs(y - height / 2) < 6
      data.set(stripe ? [47, 158, 68, 255] : [90 + x, 140 + (y >> 1), 200 - x, 255], i)
    }
  }
  return Buffer.from(encodeRgbaPng({ width, height, data }))
}

// ---- browser steps ---------------------------------------------------------------------------

async function signIn(page: Page, username: string, secret = password): Promise<void> {
  await page.getByTestId('login-button').click()
  const dialog = page.getByTestId('login-dialog')
  await dialog.locator('input[name="username"]').fill(username)
  await dialog.locator('input[name="password"]').fill(secret)
  await dialog.locator('button[type="submit"]').click()
  if (secret !== password) return
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 })
  const who = (await page.getByTestId('user-menu').textContent()) ?? ''
  log(`signed in as ${username}: header says “${who}”`)
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click()
  await page.getByTestId('login-button').waitFor({ timeout: 10_000 })
}

async function openLedger(page: Page): Promise<void> {
  await page.locator('[data-tab="ledger"]').click()
  await page.getByTestId('ledger-panel').waitFor()
}

/** An issue as the scenario knows it: the id for URLs and the API, the 问题编号 people read. */
interface Numbered {
  id: string
  issueNo: string
}

/** Finds the issue by its 问题编号 in the ledger search and opens it; waits for the timeline. */
async function openIssue(page: Page, issue: Numbered): Promise<void> {
  await openLedger(page)
  const search = page.locator('.ledger__search')
  await search.fill(issue.issueNo)
  await search.press('Enter')
  const row = page.locator(`.ledger-row[data-issue-id="${issue.id}"]`)
  await row.waitFor({ timeout: 15_000 })
  await row.click()
  await page.getByTestId('issue-panel').getByText(`问题 · ${issue.issueNo}`).waitFor()
  await page
    .locator('[data-testid="timeline"] .timeline__item')
    .first()
    .waitFor({ timeout: 15_000 })
}

async function actionButtons(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="issue-panel"] .issue-actions__buttons button')
    .allTextContents()
}

/** Clicks an action button, lets `fill` complete its form, submits, waits for the success note. */
async function act(
  page: Page,
  action: string,
  fill: (form: ReturnType<Page['locator']>) => Promise<void>,
  status: string,
): Promise<void> {
  await page.locator(`[data-testid="issue-panel"] button[data-action="${action}"]`).click()
  const form = page.getByTestId('action-form')
  await form.waitFor()
  await fill(form)
  await screenshot(page, `${action}-form-1366x768`)
  await form.locator('button[type="submit"]').click()
  await page.getByTestId('action-flash').waitFor({ timeout: 20_000 })
  await page.getByTestId('issue-status').getByText(status).waitFor({ timeout: 15_000 })
  log(`${action}: “${await page.getByTestId('action-flash').textContent()}”, status ${status}`)
}

// ---- the server's view, for cross-checks ------------------------------------------------------

async function ogcStatus(base: string, id: string): Promise<string | undefined> {
  const response = await fetch(`${base}/collections/issues/items/${id}`, {
    headers: { Accept: 'application/geo+json' },
  })
  if (!response.ok) return undefined
  const body = (await response.json()) as { properties?: { status?: string } }
  return body.properties?.status
}

async function apiSession(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({ username, password }),
  })
  if (!response.ok) throw new Error(`API login as ${username}: HTTP ${response.status}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

// ---- the scenario ---------------------------------------------------------------------------

async function report(page: Page, base: string): Promise<Numbered> {
  await jumpMap(page, { center: countySeat, zoom: 16 })
  await settle(page)
  await page.getByTestId('report-button').click()
  await page.getByTestId('report-hint').waitFor()
  const cursor = await page.evaluate(() => window.__inspectionMap?.getCanvas().style.cursor ?? '')
  check(cursor === 'crosshair', `placing an issue shows a ${cursor || 'default'} cursor`)
  await clickMapAt(page, countySeat)
  const panel = page.getByTestId('report-panel')
  await panel.getByText('位置已选定').waitFor()
  await panel.locator('select[name="category"]').selectOption('exposed-garbage')
  await panel.locator('textarea[name="description"]').fill(description)
  const suggestion =
    (await panel
      .locator('.checkbox-line')
      .textContent()
      .catch(() => null)) ?? ''
  log(`report form: ${suggestion || 'no check point nearby'}`)
  await settle(page)
  await screenshot(page, 'report-form-1366x768')
  await panel.getByRole('button', { name: '提交上报' }).click()

  const issuePanel = page.getByTestId('issue-panel')
  await issuePanel.waitFor({ timeout: 20_000 })
  const kind = (await issuePanel.locator('.feature-panel__kind').textContent()) ?? ''
  const issueNo = /问题 · (\S+)/.exec(kind)?.[1] ?? ''
  check(/^\d{4}-\d{6}$/.test(issueNo), `the detail header names no 问题编号: “${kind}”`)
  // the id stays in the URL (sel=issues/<id>)
  const id = await page
    .waitForFunction(
      () => new URLSearchParams(location.search).get('sel')?.replace(/^issues\//, '') || undefined,
      undefined,
      { timeout: 5000, polling: 100 },
    )
    .then((handle) => handle.jsonValue() as Promise<string>)
    .catch(() => '')
  check(id && id !== issueNo, `the URL does not select the new issue by id: “${id}”`)
  await page.getByTestId('issue-status').getByText(issueStatusLabels.pending).waitFor()
  log(`reported ${issueNo} (${id}) at ${countySeat.join(', ')}`)

  // the ledger lists it first (newest first), and the map draws it
  // the list refetches after the write; wait for that rather than read the page it replaces
  const firstRow = page.locator('.ledger-row').first()
  const onTop = await page
    .waitForFunction(
      (issueId) => document.querySelector('.ledger-row')?.getAttribute('data-issue-id') === issueId,
      id,
      { timeout: 15_000, polling: 100 },
    )
    .then(() => true)
    .catch(() => false)
  if (!onTop) {
    const topId = await firstRow.getAttribute('data-issue-id')
    const top = (await (await fetch(`${base}/api/issues/${topId}`)).json()) as {
      reportedAt?: string
    }
    const future = top.reportedAt && Date.parse(top.reportedAt) > Date.now()
    check(
      false,
      future
        ? `the new issue is not at the top of the ledger: ${topId} was reported at ${top.reportedAt}, in the future (demo time rebasing)`
        : `the new issue is not at the top of the ledger (${topId} is)`,
    )
  }
  const rowText = (await firstRow.textContent()) ?? ''
  check(rowText.includes('待交办'), 'the ledger row does not say 待交办')
  check(
    rowText.includes(issueNo) && !rowText.includes(id),
    `the ledger row names the issue by “${rowText.slice(0, 40)}”, not ${issueNo}`,
  )
  check((await ogcStatus(base, id)) === 'pending', 'the OGC collection does not have the issue')
  await settle(page)
  check(await issueDrawnAt(page, countySeat), 'the new issue is not drawn on the map')
  return { id, issueNo }
}

/** A pending-coloured (#d6336c) pixel close to where the issue is: the issue layer drew it. */
async function issueDrawnAt(page: Page, lngLat: [number, number]): Promise<boolean> {
  const [x, y] = await page.evaluate((p) => {
    const map = window.__inspectionMap
    const box = map?.getCanvas().getBoundingClientRect()
    const xy = map?.project(p)
    return [Math.round((xy?.x ?? 0) + (box?.left ?? 0)), Math.round((xy?.y ?? 0) + (box?.top ?? 0))]
  }, lngLat)
  const clip = { x: x - 4, y: y - 4, width: 9, height: 9 }
  const png = await page.screenshot({ type: 'png', clip })
  const image = decodePng(png)
  for (let i = 0; i < image.data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = image.data.subarray(i, i + 3)
    if (Math.abs(r - 214) < 30 && Math.abs(g - 51) < 30 && Math.abs(b - 108) < 30) return true
  }
  return false
}

async function rejectedImport(page: Page): Promise<void> {
  await openLedger(page)
  await page.getByRole('button', { name: '导入台账' }).click()
  const box = page.getByTestId('import-box')
  const csv = '\uFEFF问题类别,问题描述,经度,纬度\n乱扔,,100.3,25.2\n暴露垃圾,路口垃圾,200,25.2\n'
  await box.locator('input[type="file"]').setInputFiles({
    name: '问题台账-错误示例.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  })
  const table = box.locator('.import-box__errors table')
  await table.waitFor({ timeout: 15_000 })
  const rows = await table.locator('tbody tr').count()
  log(
    `rejected import: ${rows} row errors shown, e.g. “${await table.locator('tbody tr').first().textContent()}”`,
  )
  check(rows >= 2, `a CSV with two bad rows showed ${rows} errors`)
  await page.getByRole('button', { name: '导入台账' }).click() // fold it away again
}

async function staleApproval(page: Page, base: string): Promise<void> {
  // an issue waiting for review that the inspector has open while an administrator closes it
  const response = await fetch(`${base}/collections/issues/items?status=reviewing&limit=1`, {
    headers: { Accept: 'application/geo+json' },
  })
  const body = (await response.json()) as {
    features: { id: string; properties: { issueNo: string } }[]
  }
  const [feature] = body.features
  const id = feature?.id
  if (!feature || !id)
    return void check(false, 'no issue under review in the demo data for the 409 check')
  await openIssue(page, { id, issueNo: feature.properties.issueNo })
  const admin = await apiSession(base, 'admin')
  const detail = (await (
    await fetch(`${base}/api/issues/${id}`, { headers: { Cookie: admin } })
  ).json()) as { version: number }
  const closed = await fetch(`${base}/api/issues/${id}/transitions`, {
    method: 'POST',
    headers: { Cookie: admin, 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({ action: 'approve', version: detail.version, note: '管理员已复查' }),
  })
  check(closed.ok, `the administrator’s approval of ${id} failed: HTTP ${closed.status}`)
  await page.locator('[data-testid="issue-panel"] button[data-action="approve"]').click()
  await page.getByTestId('action-form').locator('button[type="submit"]').click()
  const error = page.getByTestId('action-error')
  await error.waitFor({ timeout: 15_000 })
  const text = (await error.textContent()) ?? ''
  log(`stale approval: “${text}”`)
  check(/已重新加载/.test(text), 'a 409 does not say the issue was reloaded')
  await screenshot(page, 'conflict-1366x768')
  await page.getByTestId('issue-status').getByText(issueStatusLabels.closed).waitFor({
    timeout: 15_000,
  })
  check(
    !(await actionButtons(page)).some((b) => b.includes('复查')),
    'after the reload the review buttons are still there',
  )
}

async function commanderView(page: Page, base: string, issue: Numbered): Promise<void> {
  const { id, issueNo } = issue
  await openLedger(page)
  await page.locator('select[name="status"]').selectOption('closed')
  const search = page.locator('.ledger__search')
  await search.fill(issueNo)
  await search.press('Enter')
  const row = page.locator(`[data-issue-id="${id}"]`)
  await row.waitFor({ timeout: 15_000 })
  check((await row.textContent())?.includes('已销号'), 'the commander’s ledger row is not 已销号')
  const total = (await page.getByTestId('ledger-total').textContent()) ?? ''
  check(/共 1 条/.test(total), `the closed-and-number filter shows “${total}”`)
  const inUrl = await page
    .waitForFunction(
      (issueId) => {
        const params = new URLSearchParams(location.search)
        return params.get('status') === 'closed' && params.get('q') === issueId
      },
      issueNo,
      { timeout: 5000, polling: 100 },
    )
    .then(() => true)
    .catch(() => false)
  check(inUrl, `the URL lacks the ledger filter: ${await page.evaluate(() => location.search)}`)

  // the CSV export of this filter holds exactly this issue
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV' }).click(),
  ])
  const file = await download.path()
  const csv = file ? await readFile(file, 'utf8') : ''
  log(`export: ${download.suggestedFilename()}, ${csv.split('\n').filter(Boolean).length} lines`)
  check(
    csv.includes(issueNo) && csv.includes(id) && csv.includes('已销号'),
    'the CSV export lacks the closed issue (问题编号, 编号, 已销号)',
  )

  await row.click()
  await page.getByTestId('issue-panel').getByText(`问题 · ${issueNo}`).waitFor()
  const items = page.locator('[data-testid="timeline"] .timeline__item')
  await items.nth(3).waitFor({ timeout: 15_000 })
  const timeline = (await items.allTextContents()).join('\n')
  for (const [step, who] of [
    ['上报', '督导员'],
    ['交办', '网格长'],
    ['整改上报', '责任单位经办人'],
    ['复查通过（销号）', '督导员'],
  ] as const) {
    check(timeline.includes(step), `the timeline lacks ${step}`)
    check(timeline.includes(who), `the timeline lacks the role ${who}`)
  }
  check(timeline.includes(rectifyNote), 'the timeline lacks the rectification note')
  check(timeline.includes('待复查 → 已销号'), 'the timeline lacks 待复查 → 已销号')
  check(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(timeline), 'the timeline shows no Beijing times')
  check((await actionButtons(page)).length === 0, 'the commander sees action buttons')
  check((await ogcStatus(base, id)) === 'closed', 'the OGC collection does not say closed')

  // the rectification photo: a thumbnail that opens full size
  const thumb = page.locator('.thumbnails img').first()
  await thumb.waitFor()
  await thumb.evaluate((img: HTMLImageElement) => img.decode())
  await screenshot(page, 'timeline-1366x768')
  await page.locator('.thumbnails__button').first().click()
  const viewer = page.getByTestId('photo-viewer')
  await viewer.waitFor()
  const width = await viewer.locator('img').evaluate(async (img: HTMLImageElement) => {
    await img.decode()
    return img.naturalWidth
  })
  check(width === 96, `the full-size photo is ${width} px wide, not 96`)
  await screenshot(page, 'photo-1366x768')
  await page.keyboard.press('Escape')
  await viewer.waitFor({ state: 'detached' })

  // the whole ledger, every status, for the screenshot
  await page.locator('select[name="status"]').selectOption('')
  await page.locator('.ledger__search').fill('')
  await page.locator('.ledger__search').press('Enter')
  await page.locator('.ledger-row').nth(5).waitFor()
  await settle(page)
  await screenshot(page, 'ledger-1366x768')
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
  let base = process.env.E2E_BASE_URL // a server already running, e.g. while building the UI
  if (!base) {
    const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-ledger-e2e-'))
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
  const { page, watcher } = await newPage(context, `${base}/`)
  log('map ready for a visitor')
  check(
    (await page.locator('.user-menu').textContent())?.includes('访客'),
    'a visitor is not told they browse read-only',
  )
  check((await page.getByTestId('report-button').count()) === 0, 'a visitor sees 上报问题')

  await signIn(page, 'inspector', 'not-the-password')
  const loginError = page.getByTestId('login-error')
  await loginError.waitFor({ timeout: 15_000 })
  check(
    (await loginError.textContent())?.includes('用户名或密码错误'),
    'a wrong password is not explained',
  )
  await page.getByTestId('login-dialog').getByRole('button', { name: '取消' }).click()

  await signIn(page, 'inspector')
  check(
    (await page.getByTestId('user-menu').textContent())?.includes('督导员'),
    'the header does not show the 督导员 role',
  )
  const issue = await report(page, base)
  const { id } = issue
  await rejectedImport(page)
  await signOut(page)

  await signIn(page, 'grid-nanzhao')
  await openIssue(page, issue)
  check(
    JSON.stringify(await actionButtons(page)) === JSON.stringify(['交办', '添加备注']),
    `the grid manager sees ${JSON.stringify(await actionButtons(page))}`,
  )
  await act(
    page,
    'assign',
    async (form) => {
      await form.locator('select[name="responsibleUnit"]').selectOption('urban-management')
      await form.getByRole('button', { name: '3 天' }).click()
      await form.locator('textarea[name="note"]').fill('请 3 天内清运并反馈照片')
    },
    issueStatusLabels.fixing,
  )
  check((await ogcStatus(base, id)) === 'fixing', 'the OGC collection does not say fixing')
  await signOut(page)

  await signIn(page, 'unit-um')
  await openIssue(page, issue)
  await act(
    page,
    'rectify',
    async (form) => {
      await form.locator('textarea[name="note"]').fill(rectifyNote)
      await form.getByTestId('photo-input').setInputFiles({
        name: '整改后.png',
        mimeType: 'image/png',
        buffer: makePhoto(),
      })
      await form.locator('.photo-picker__item img').waitFor()
    },
    issueStatusLabels.reviewing,
  )
  // the operator sees the uploaded photo in the issue (and it has loaded before signing out)
  const uploaded = page.locator('.thumbnails img').first()
  await uploaded.waitFor({ timeout: 15_000 })
  await uploaded.evaluate((img: HTMLImageElement) => img.decode())
  await signOut(page)

  await signIn(page, 'inspector')
  await openIssue(page, issue)
  await act(
    page,
    'approve',
    async (form) => {
      await form.locator('textarea[name="note"]').fill('现场复查，整改到位')
    },
    issueStatusLabels.closed,
  )
  await staleApproval(page, base)
  await signOut(page)

  await signIn(page, 'commander')
  check(
    (await page.getByTestId('report-button').count()) === 0,
    'the commander (read only) sees 上报问题',
  )
  await commanderView(page, base, issue)
  log(`expected 4xx seen: ${watcher.expected.length}`)
  for (const line of watcher.expected) log(`  ${line}`)
  for (const problem of watcher.problems) check(false, `1366×768: ${problem}`)
  await context.close()

  // a wall screen: the commander's ledger and the closed issue at 3840×2160
  const wall = await browser.newContext({
    viewport: { width: 3840, height: 2160 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  await wall.addInitScript('globalThis.__name = (fn) => fn')
  const big = await newPage(wall, `${base}/?panel=ledger&status=closed&sel=issues/${id}`)
  await signIn(big.page, 'commander')
  await big.page.locator('[data-testid="timeline"] .timeline__item').nth(3).waitFor()
  await big.page.locator('.ledger-row').first().waitFor()
  await settle(big.page)
  await screenshot(big.page, 'ledger-3840x2160')
  const fontPx = await big.page.evaluate(() =>
    Number.parseFloat(
      getComputedStyle(document.querySelector('.ledger-row') ?? document.body).fontSize,
    ),
  )
  log(`3840×2160: ledger rows at ${fontPx} px`)
  check(fontPx >= 20, `ledger text at 4K is only ${fontPx} px`)
  for (const problem of big.watcher.problems) check(false, `3840×2160: ${problem}`)
  await wall.close()
}

await e2e.finish('ledger', run)
