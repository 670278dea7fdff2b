// e2e of the phone app (/m) in headless Chromium at 390×844 with touch and a mocked GPS, against the
// real server (temp database, demo accounts): the inspector reports an issue with a camera photo into
// the 督查轮次 in progress (offered by default); a
// second report of the same category 20 m away is offered that issue by the duplicate check and adds
// a note and photo to it instead; after the grid manager assigns it (via the API) the unit operator
// finds it in 我的任务 with its distance and reports the fix with an after photo. Then the manifest
// and icons are checked, and /m opens again with the server gone (the service worker's app shell,
// for the user this phone remembers).
// Run: `npm run e2e:mobile` (builds first); `-- --short` skips the map picker and the 360×740 pass.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  artifacts,
  chromiumPath,
  createRun,
  type ExpectedResponse,
  freePort,
  launchBrowser,
  type PageWatch,
  demoPassword as password,
  phone,
  phoneContext,
  root,
  screenshot,
  short,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'
import { decodePng, encodeRgbaPng } from './png.ts'

const here: [number, number] = [100.3075, 25.2312] // 南诏镇, a grid of 县城市管理局 (grid-nanzhao's)
const metersPerDegree = (6_371_008.8 * Math.PI) / 180
const twentyMetresNorth: [number, number] = [here[0], here[1] + 20 / metersPerDegree]
const tag = `e2e-${Date.now().toString(36)}`

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'the app asks who is signed in' },
]

const e2e = createRun()
const { log, check } = e2e

/** A 640×480 "street photo": sky, a road and a stripe, made here. */
function makePhoto(stripe: [number, number, number]): Buffer {
  const width = 640
  const height = 480
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sky = y < height / 2
      const band = Math.abs(y - (height * 2) / 3) < 18
      const rgb = band ? stripe : sky ? [120 + (y >> 2), 170, 230] : [90, 90 + (x >> 4), 96]
      data.set([...rgb, 255], (y * width + x) * 4)
    }
  }
  return Buffer.from(encodeRgbaPng({ width, height, data }))
}

async function openApp(
  context: BrowserContext,
  base: string,
  username: string,
): Promise<{ page: Page; watcher: PageWatch }> {
  const page = await context.newPage()
  const watcher = watch(page, expected)
  await page.goto(`${base}/m`)
  const form = page.getByTestId('m-login')
  await form.waitFor({ timeout: 30_000 })
  if (username === 'inspector') {
    await checkLayout(page, 'login')
    await screenshot(page, 'mobile-login-390x844')
  }
  await form.locator('input[name="username"]').fill(username)
  await form.locator('input[name="password"]').fill(password)
  await form.getByRole('button', { name: '登录' }).tap()
  await page.getByTestId('m-user').waitFor({ timeout: 15_000 })
  log(`${username} signed in: “${await page.getByTestId('m-user').textContent()}”`)
  return { page, watcher }
}

/** Every control a thumb must hit is at least 44 px high and wide, and nothing scrolls sideways. */
async function checkLayout(page: Page, screen: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('.m-app button, .m-app label.m-button, .m-app input, .m-app a')]
      .filter((el) => (el as HTMLElement).offsetParent !== null && !el.closest('.m-photos'))
      .map((el) => ({
        text: el.textContent?.trim() || el.getAttribute('name') || el.tagName,
        box: el.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .filter(({ box }) => box.width > 0) // visually hidden file inputs
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
  )
  const tooSmall = small.filter((s) => !/INPUT/.test(s))
  check(tooSmall.length === 0, `${screen}: touch targets under 44 px: ${tooSmall.join(', ')}`)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)
  check(overflow <= 0, `${screen}: the page scrolls sideways by ${overflow} px`)
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

interface Detail {
  id: string
  version: number
  status: string
  allowedActions: string[]
  attachments: { contentType: string }[]
  roundId?: string
  source?: string
  events: { action: string; note?: string; actor: string; attachmentIds?: string[] }[]
}

async function detail(base: string, cookie: string, id: string): Promise<Detail> {
  const response = await fetch(`${base}/api/issues/${id}`, {
    headers: { Cookie: cookie, Accept: 'application/json' },
  })
  return (await response.json()) as Detail
}

async function issueTotal(base: string): Promise<number> {
  const response = await fetch(`${base}/api/issues?limit=1`, {
    headers: { Accept: 'application/json' },
  })
  return ((await response.json()) as { total: number }).total
}

// ---- the scenario ---------------------------------------------------------------------------

/** A 督查轮次 in progress (yesterday to five days on, Beijing days), created through the API. */
async function roundInProgress(base: string, inspector: string): Promise<string> {
  const day = (offset: number) =>
    new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
  const response = await fetch(`${base}/api/rounds`, {
    method: 'POST',
    headers: {
      Cookie: inspector,
      'Content-Type': 'application/json',
      'X-Requested-With': 'fetch',
      Accept: 'application/json',
    },
    body: JSON.stringify({
      kind: 'undercover',
      number: 3,
      name: `明察暗访第3期（${tag}）`,
      startsOn: day(-1),
      endsOn: day(5),
      teams: [],
      targets: [],
    }),
  })
  check(response.status === 201, `creating a round: HTTP ${response.status}`)
  return ((await response.json()) as { id: string }).id
}

async function report(
  page: Page,
  base: string,
  inspector: string,
  roundId: string,
): Promise<string> {
  const position = page.getByTestId('m-position')
  await page.getByTestId('m-accuracy').waitFor({ timeout: 15_000 })
  const accuracy = (await page.getByTestId('m-accuracy').textContent()) ?? ''
  log(`position: “${(await position.textContent()) ?? ''}”`)
  check(accuracy.includes('±12 米'), `the GPS accuracy reads “${accuracy}”`)
  await checkLayout(page, 'report (empty)')
  await screenshot(page, 'mobile-report-390x844')

  await page.locator('[data-category="exposed-garbage"]').tap()
  const before = await page.getByTestId('duplicates').count()
  log(
    `first report: ${before ? 'the duplicate check shows older issues here' : 'no open 暴露垃圾 within 50 m'}`,
  )
  await page.locator('.m-phrase', { hasText: '垃圾桶满溢未清运' }).tap()
  const description = page.locator('textarea[name="description"]')
  await description.fill(`${await description.inputValue()}，文华路菜市场东口（${tag}）`)
  await page.getByTestId('camera-input').setInputFiles({
    name: '现场.png',
    mimeType: 'image/png',
    buffer: makePhoto([214, 51, 108]),
  })
  await page.locator('.m-photos img').first().waitFor()
  // the round in progress is offered by default; the source follows it (明察暗访)
  const round = page.locator('select[name="round"]')
  await round.locator(`option[value="${roundId}"]`).waitFor({ state: 'attached' })
  check((await round.inputValue()) === roundId, `the phone does not offer ${roundId} by default`)
  await checkLayout(page, 'report (filled)')
  await page.locator('.m-photos').scrollIntoViewIfNeeded()
  await screenshot(page, 'mobile-report-filled-390x844')
  await page.getByRole('button', { name: /提交上报|仍然上报/ }).tap()
  await page.getByTestId('m-done').waitFor({ timeout: 20_000 })
  const shown = ((await page.getByTestId('m-issue-id').textContent()) ?? '').trim()
  check(/^\d{4}-\d{6}$/.test(shown), `the confirmation shows “${shown}” as the issue number`)
  const id = (await page.getByTestId('m-issue-id').getAttribute('data-issue-id')) ?? ''
  await screenshot(page, 'mobile-reported-390x844')
  const reported = await detail(base, inspector, id)
  log(`reported ${id}: ${reported.status}, ${reported.attachments.length} photo(s)`)
  check(reported.status === 'pending', `${id} is ${reported.status}, not pending`)
  check(
    reported.roundId === roundId && reported.source === 'undercover',
    `${id} is not in the round as 明察暗访: ${reported.roundId} ${reported.source}`,
  )
  check(reported.attachments.length === 1, `${id} has ${reported.attachments.length} photos, not 1`)
  check(
    reported.attachments[0]?.contentType === 'image/jpeg',
    `the photo was sent as ${reported.attachments[0]?.contentType}, not shrunk to JPEG`,
  )
  return id
}

async function duplicate(
  page: Page,
  context: BrowserContext,
  base: string,
  inspector: string,
  id: string,
) {
  const total = await issueTotal(base)
  await page.getByRole('button', { name: '继续上报' }).tap()
  await context.setGeolocation({
    longitude: twentyMetresNorth[0],
    latitude: twentyMetresNorth[1],
    accuracy: 8,
  })
  await page.getByText('±8 米').waitFor({ timeout: 15_000 })
  await page.locator('[data-category="exposed-garbage"]').tap()
  const card = page.locator(`[data-testid="duplicates"] [data-issue-id="${id}"]`)
  await card.waitFor({ timeout: 15_000 })
  const text = (await card.textContent()) ?? ''
  log(`duplicate check offers ${id}: “${text.slice(0, 60)}…”`)
  check(/约 (19|20|21) 米/.test(text), `the duplicate card does not say about 20 m: “${text}”`)
  check(
    (await page.getByRole('button', { name: '不是同一问题，仍然上报' }).count()) === 1,
    'with a duplicate shown the send button does not ask “仍然上报”',
  )
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'mobile-duplicate-390x844')

  // the reporter adds a note and a photo to it instead of a new issue
  await page.getByTestId('camera-input').setInputFiles({
    name: '复查.png',
    mimeType: 'image/png',
    buffer: makePhoto([47, 158, 68]),
  })
  await card.getByRole('button', { name: '补充到此问题' }).tap()
  const sheet = page.getByTestId('m-supplement')
  await sheet.waitFor()
  await sheet.locator('textarea').fill('下午复查仍有垃圾堆放，已拍照')
  await screenshot(page, 'mobile-supplement-390x844')
  await sheet.getByRole('button', { name: '提交补充' }).tap()
  await page.getByTestId('m-done').getByText('已补充到已有问题').waitFor({ timeout: 20_000 })
  const after = await detail(base, inspector, id)
  const note = after.events.find((e) => e.action === 'note')
  check(note?.note === '下午复查仍有垃圾堆放，已拍照', `${id} has no note from the supplement`)
  check(note?.attachmentIds?.length === 1, 'the supplement note carries no photo')
  check((await issueTotal(base)) === total, 'adding to an existing issue created a new one')
}

async function tasks(browser: Browser, base: string, id: string): Promise<void> {
  const context = await phoneContext(browser, base, here)
  const { page, watcher } = await openApp(context, base, 'unit-um')
  const card = page.locator(`[data-testid="m-tasks"] [data-issue-id="${id}"]`)
  await card.waitFor({ timeout: 20_000 })
  await page.getByTestId('m-distance').first().waitFor({ timeout: 15_000 })
  const text = (await card.textContent()) ?? ''
  log(`我的任务 shows ${id}: “${text.slice(0, 80)}…”`)
  check(text.includes('整改上报'), `the task card does not offer 整改上报: “${text}”`)
  check(/距我约 \d+ 米|就在附近/.test(text), `the task card shows no distance: “${text}”`)
  const first = await page.locator('[data-testid="m-tasks"] .m-card').first().getAttribute('class')
  const overdue = await page.locator('[data-testid="m-tasks"] .m-card.is-overdue').count()
  check(!overdue || first?.includes('is-overdue'), 'an overdue task is not first')
  await checkLayout(page, 'tasks')
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'mobile-tasks-390x844')

  await card.getByRole('button', { name: '整改上报' }).tap()
  const sheet = page.getByTestId('m-rectify')
  await sheet.waitFor()
  await sheet.locator('textarea').fill('已清运暴露垃圾，增设垃圾桶 2 个')
  await sheet.getByTestId('camera-input').setInputFiles({
    name: '整改后.png',
    mimeType: 'image/png',
    buffer: makePhoto([255, 255, 255]),
  })
  await sheet.locator('.m-photos img').waitFor()
  await screenshot(page, 'mobile-rectify-390x844')
  await sheet.getByRole('button', { name: '提交整改' }).tap()
  await page.getByTestId('m-flash').waitFor({ timeout: 20_000 })
  const unit = await apiSession(base, 'unit-um')
  const after = await detail(base, unit, id)
  check(after.status === 'reviewing', `after 整改上报 ${id} is ${after.status}`)
  const rectify = after.events.find((e) => e.action === 'rectify')
  check(rectify?.attachmentIds?.length === 1, 'the rectification carries no after photo')
  await card.getByText('已上报整改，待复查').waitFor({ timeout: 15_000 })
  await screenshot(page, 'mobile-rectified-390x844')
  e2e.failures.push(...watcher.problems.map((p) => `unit operator: ${p}`))
  await context.close()
}

async function manifest(base: string): Promise<void> {
  const response = await fetch(`${base}/manifest.webmanifest`)
  const body = (await response.json()) as {
    name?: string
    start_url?: string
    display?: string
    icons?: { src: string; sizes: string; purpose?: string }[]
  }
  check(response.ok, `manifest: HTTP ${response.status}`)
  check(
    body.display === 'standalone' && body.start_url === 'm',
    'the manifest does not start /m standalone',
  )
  for (const size of [192, 512]) {
    const icon = body.icons?.find((i) => i.sizes === `${size}x${size}`)
    const png = icon && (await fetch(new URL(icon.src, `${base}/`)))
    const image = png?.ok ? decodePng(new Uint8Array(await png.arrayBuffer())) : undefined
    check(image?.width === size && image.height === size, `no ${size}×${size} PNG icon`)
  }
  log(`manifest: “${body.name}”, ${body.icons?.length} icon entries`)
}

async function offline(page: Page): Promise<void> {
  const controlled = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return registration.active?.scriptURL ?? ''
  })
  log(`service worker active: ${controlled}`)
  check(controlled.endsWith('/sw.js'), 'no active service worker for /m')
  await page.reload() // now under the worker's control
  await page.getByTestId('m-user').waitFor({ timeout: 15_000 })
  await page.waitForTimeout(500) // let the page hand its loaded files to the worker
  e2e.server?.stop() // the network is gone for real, not just emulated
  await page.context().setOffline(true)
  await page.reload()
  // the phone remembers who signed in: the app itself opens, saying there is no network
  const shell = await page
    .getByTestId('m-offline-banner')
    .waitFor({ timeout: 20_000 })
    .then(() => true)
    .catch(() => false)
  check(shell, '/m does not open for the remembered user without the server')
  const said = (await page.locator('.m-app').textContent()) ?? ''
  log(`offline start: “${said}”`)
  check(said.includes('当前没有网络'), 'the offline start does not say there is no network')
  await screenshot(page, 'mobile-offline-390x844')
}

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/sw.js')))
    throw new Error('dist/ is missing or old: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-mobile-e2e-'))
  e2e.tempDir = tempDir
  e2e.server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
    READ_ACCESS: 'public',
  })
  const base = e2e.server.base
  log(`server up on ${base}`)
  const browser = await launchBrowser()
  e2e.browser = browser
  const inspectorCookie = await apiSession(base, 'inspector')

  const roundId = await roundInProgress(base, inspectorCookie)

  const context = await phoneContext(browser, base, here)
  const { page, watcher } = await openApp(context, base, 'inspector')
  const id = await report(page, base, inspectorCookie, roundId)
  await duplicate(page, context, base, inspectorCookie, id)

  if (!short) {
    await page.getByRole('button', { name: '继续上报' }).tap()
    await page.getByRole('button', { name: '在地图上调整' }).tap()
    await waitForMap(page)
    await screenshot(page, 'mobile-map-390x844')
    await page.getByRole('button', { name: '确定此位置' }).tap()
    await page.getByText('已在地图上选定位置').waitFor()
    await page.setViewportSize({ width: 360, height: 740 })
    await page.locator('[data-category="graffiti"]').tap()
    await checkLayout(page, 'report at 360×740')
    await screenshot(page, 'mobile-report-360x740')
    await page.setViewportSize(phone)
  }

  // 交办 by the grid manager, through the API as the brief of this scenario says
  const manager = await apiSession(base, 'grid-nanzhao')
  const current = await detail(base, manager, id)
  const deadlineAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
  const assigned = await fetch(`${base}/api/issues/${id}/transitions`, {
    method: 'POST',
    headers: { Cookie: manager, 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({
      action: 'assign',
      version: current.version,
      responsibleUnit: 'urban-management',
      deadlineAt,
    }),
  })
  check(assigned.ok, `assigning ${id}: HTTP ${assigned.status}`)
  log(`grid-nanzhao assigned ${id} to 县城市管理局`)

  await tasks(browser, base, id)
  await manifest(base)
  e2e.failures.push(...watcher.problems.map((p) => `inspector: ${p}`))
  await offline(page) // last: it stops the server
}

await e2e.finish('mobile', run)
