// e2e of field work offline (/m) in headless Chromium at 390×844 with touch and a mocked GPS: the
// 网格员 member-nanzhao reports with GPS and a photo; offline (context.setOffline), reports two more
// and rectifies one from 我的任务, and sees them in 待发送; back online exactly those writes land
// once each, and sending the same requests (with their Idempotency-Keys) twice more changes nothing.
// A 督导员 then reviews the rectification in 复查 (before and after photos side by side) and approves.
// Last, /m opens offline after the first visit (the service worker's shell) for the member this phone
// remembers, who reports once more; the report is queued and lands when the network returns. Screenshots at 390×844
// and 360×740. Run: `npm run e2e:field` (builds first); `-- --short` skips the 360×740 pass;
// `-- --in-app` runs it as WeChat's in-app browser without a service worker (harness.ts).
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page, Request } from 'playwright-core'
import {
  artifacts,
  createRun,
  type ExpectedResponse,
  freePort,
  inAppBrowser,
  launchBrowser,
  demoPassword as password,
  phone,
  phoneContext,
  screenshot,
  short,
  startServer,
  watch,
} from './harness.ts'
import { encodeRgbaPng } from './png.ts'

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'the app asks who is signed in' },
]
const e2e = createRun()
const { log, check } = e2e

function makePhoto(shade: number): Buffer {
  const width = 320
  const height = 240
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) data.set([shade, 120, 255 - shade, 255], i * 4)
  return Buffer.from(encodeRgbaPng({ width, height, data }))
}

async function api(base: string, cookie: string, url: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${url}`, {
    ...init,
    headers: {
      Cookie: cookie,
      Accept: 'application/json',
      'X-Requested-With': 'fetch',
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  })
  return { status: response.status, body: await response.json().catch(() => undefined) }
}

async function session(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({ username, password }),
  })
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** A point inside the member's first grid: the mean of its outer ring. */
async function inMyGrid(base: string, gridCode: string): Promise<[number, number]> {
  const grid = (await (
    await fetch(`${base}/collections/grids/items/${gridCode}?f=json`)
  ).json()) as {
    geometry: { type: string; coordinates: number[][][] | number[][][][] }
  }
  const ring = (
    grid.geometry.type === 'MultiPolygon'
      ? (grid.geometry.coordinates as number[][][][])[0]?.[0]
      : (grid.geometry.coordinates as number[][][])[0]
  ) as number[][]
  const n = ring.length - 1
  let [lng, lat] = [0, 0]
  for (const p of ring.slice(0, n)) {
    lng += p[0] ?? 0
    lat += p[1] ?? 0
  }
  return [lng / n, lat / n]
}

async function reportOnce(page: Page, category: string, text: string, photo?: Buffer) {
  await page.locator(`[data-category="${category}"]`).tap()
  await page.locator('textarea[name="description"]').fill(text)
  if (photo) {
    await page.getByTestId('camera-input').setInputFiles({
      name: '现场.png',
      mimeType: 'image/png',
      buffer: photo,
    })
    await page.locator('.m-photos img').first().waitFor()
  }
  await page.getByRole('button', { name: /提交上报|仍然上报/ }).tap()
  await page.getByTestId('m-done').waitFor({ timeout: 20_000 })
}

async function total(base: string): Promise<number> {
  return (await api(base, '', '/api/issues?limit=1')).body.total as number
}

/** Waits (up to 30 s) for the queue to deliver: the ledger holds `count` issues. */
async function expectTotal(base: string, count: number): Promise<void> {
  for (let i = 0; i < 60 && (await total(base)) !== count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  check((await total(base)) === count, `the ledger holds ${await total(base)} issues, not ${count}`)
}

async function run() {
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-field-e2e-'))
  e2e.tempDir = tempDir
  e2e.server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'))
  const base = e2e.server.base
  const browser = await launchBrowser()
  e2e.browser = browser
  const member = await session(base, 'member-nanzhao')
  const me = (await api(base, member, '/api/session')).body.user as { gridCodes: string[] }
  const here = await inMyGrid(base, me.gridCodes[0] ?? '')
  log(`member-nanzhao's first grid ${me.gridCodes[0]}; standing at ${here.join(',')}`)

  const context = await phoneContext(browser, base, here, 10)
  const page = await context.newPage()
  const watcher = watch(page, expected)
  await page.goto(`${base}/m`)
  const form = page.getByTestId('m-login')
  await form.waitFor({ timeout: 30_000 })
  await form.locator('input[name="username"]').fill('member-nanzhao')
  await form.locator('input[name="password"]').fill(password)
  await form.getByRole('button', { name: '登录' }).tap()
  await page.getByTestId('m-user').waitFor({ timeout: 15_000 })
  await page.getByTestId('m-accuracy').waitFor({ timeout: 15_000 })

  // online: one report with GPS and a photo
  await reportOnce(page, 'exposed-garbage', '网格巡查：路口垃圾堆放（在线）', makePhoto(40))
  const firstNo = ((await page.getByTestId('m-issue-id').textContent()) ?? '').trim()
  check(/^\d{4}-\d{6}$/.test(firstNo), `the first report shows its 问题编号 “${firstNo}”`)
  const firstId = (await page.getByTestId('m-issue-id').getAttribute('data-issue-id')) ?? ''
  check(/^issue-\d+$/.test(firstId), `the first report answered “${firstId}”`)
  await screenshot(page, 'field-reported-390x844')

  // the grid manager assigns it to the grid's unit (API), so the member can rectify it
  const manager = await session(base, 'grid-nanzhao')
  const first = (await api(base, manager, `/api/issues/${firstId}`)).body
  const assigned = await api(base, manager, `/api/issues/${firstId}/transitions`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'assign',
      version: first.version,
      responsibleUnit: first.responsibleUnit,
      deadlineAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    }),
  })
  check(assigned.status === 200, `assigning ${firstId}: HTTP ${assigned.status}`)
  await page.locator('[data-tab="tasks"]').tap()
  await page.locator(`[data-issue-id="${firstId}"]`).waitFor({ timeout: 15_000 })

  // offline: two reports and one rectification go to the queue
  const before = await total(base)
  const sent: Request[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.headers()['idempotency-key']) sent.push(r)
  })
  await context.setOffline(true)
  await page.locator(`[data-issue-id="${firstId}"] button`).tap()
  const sheet = page.getByTestId('m-rectify')
  await sheet.locator('textarea').fill('已清运垃圾，增设垃圾桶 1 个（离线）')
  await sheet.getByTestId('camera-input').setInputFiles({
    name: '整改后.png',
    mimeType: 'image/png',
    buffer: makePhoto(200),
  })
  await sheet.getByRole('button', { name: '提交整改' }).tap()
  await page.getByTestId('m-flash').waitFor({ timeout: 15_000 })
  log(`rectify offline: “${await page.getByTestId('m-flash').textContent()}”`)
  await page.locator('[data-tab="report"]').tap() // a fresh form: the tab was left
  await page.getByTestId('m-accuracy').waitFor({ timeout: 15_000 })
  await reportOnce(page, 'graffiti', '网格巡查：墙面小广告（离线一）', makePhoto(90))
  check(await page.getByTestId('m-queued').isVisible(), 'the offline report says it is queued')
  await page.getByRole('button', { name: '继续上报' }).tap()
  await reportOnce(page, 'illegal-parking', '网格巡查：车辆占用人行道（离线二）')
  await page.locator('[data-tab="queue"]').tap()
  await page.getByTestId('m-queue').waitFor()
  const states = await page
    .getByTestId('m-job')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-job-state')))
  check(
    states.length === 3 && states.every((s) => s === 'waiting'),
    `the queue shows ${states.join(', ')}`,
  )
  await screenshot(page, 'field-queue-offline-390x844')
  check((await total(base)) === before, 'nothing reached the server while offline')

  // online again: the queue sends itself, each write once
  await context.setOffline(false)
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="m-job"]')].every(
        (el) => el.getAttribute('data-job-state') === 'sent',
      ),
    undefined,
    { timeout: 60_000 },
  )
  await screenshot(page, 'field-queue-sent-390x844')
  check(
    (await total(base)) === before + 2,
    `after the replay ${await total(base)} issues, not ${before + 2}`,
  )
  const rectified = (await api(base, member, `/api/issues/${firstId}`)).body
  const rectifies = rectified.events.filter((e: { action: string }) => e.action === 'rectify')
  check(rectified.status === 'reviewing', `${firstId} is ${rectified.status}, not reviewing`)
  check(rectifies.length === 1, `${firstId} has ${rectifies.length} rectify events`)
  check(
    (rectifies[0]?.attachmentIds ?? []).length === 1,
    'the rectification carries its after photo',
  )

  // the same requests twice more, with their keys: answered again, nothing new. JSON bodies are
  // resent from what the browser sent; photo bodies (Blobs, which Playwright does not expose) from
  // the jobs in IndexedDB, inside the page, under the keys the queue used
  const json = sent.filter((r) => r.postDataBuffer())
  log(`replaying ${json.length} JSON requests and the queued photos twice`)
  let replayed = 0
  let replays = 0
  for (let round = 0; round < 2; round++) {
    for (const r of json) {
      const headers = Object.entries(await r.allHeaders()).filter(([name]) =>
        ['content-type', 'idempotency-key', 'x-requested-with', 'accept'].includes(name),
      )
      const response = await fetch(r.url(), {
        method: 'POST',
        headers: { ...Object.fromEntries(headers), cookie: member },
        body: new Uint8Array(r.postDataBuffer() as Buffer),
      })
      replays++
      if (response.headers.get('idempotent-replayed') === 'true') replayed++
      else log(`not replayed: ${r.url()} ${response.status}`)
    }
    const photos = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('weishan-m-queue')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const jobs = await new Promise<
        { id: string; issueId?: string; write: { issueId?: string; photos: Blob[] } }[]
      >((resolve) => {
        const all = db.transaction('jobs').objectStore('jobs').getAll()
        all.onsuccess = () => resolve(all.result)
      })
      let answered = 0
      let tried = 0
      for (const job of jobs) {
        for (const [i, photo] of job.write.photos.entries()) {
          const issueId = job.write.issueId ?? job.issueId
          const response = await fetch(`api/issues/${issueId}/attachments`, {
            method: 'POST',
            body: photo,
            headers: {
              'Content-Type': photo.type,
              'X-Requested-With': 'fetch',
              'Idempotency-Key': `${job.id}.photo-${i}`,
            },
          })
          // read the answer to its end: a body left unread keeps the request open, and the reload
          // below would abort it (net::ERR_ABORTED, a failed request in the page's log)
          await response.arrayBuffer()
          tried++
          if (response.headers.get('idempotent-replayed') === 'true') answered++
        }
      }
      return { answered, tried }
    })
    replays += photos.tried
    replayed += photos.answered
  }
  check(replays === 10, `${replays} replays, not 10 (3 JSON requests and 2 photos, twice)`)
  check(replayed === replays, `${replayed} of ${replays} replays were answered from the keys`)
  check((await total(base)) === before + 2, 'replaying created no issue')
  const again = (await api(base, member, `/api/issues/${firstId}`)).body
  check(again.version === rectified.version, `${firstId} moved on to version ${again.version}`)

  if (!short) {
    await page.setViewportSize({ width: 360, height: 740 })
    await screenshot(page, 'field-queue-sent-360x740')
    await page.locator('[data-tab="report"]').tap()
    await screenshot(page, 'field-report-360x740')
    await page.setViewportSize(phone)
  }

  // a 督导员 reviews it in 复查: the photos before and after side by side, then 通过
  const reviewerContext = await phoneContext(browser, base, here, 10)
  const reviewer = await reviewerContext.newPage()
  const reviewerWatch = watch(reviewer, expected)
  await reviewer.goto(`${base}/m?tab=review`)
  const reviewLogin = reviewer.getByTestId('m-login')
  await reviewLogin.waitFor({ timeout: 30_000 })
  await reviewLogin.locator('input[name="username"]').fill('inspector')
  await reviewLogin.locator('input[name="password"]').fill(password)
  await reviewLogin.getByRole('button', { name: '登录' }).tap()
  await reviewer.locator('[data-tab="review"]').tap()
  await reviewer.locator(`[data-testid="m-review"] [data-issue-id="${firstId}"] button`).tap()
  const compare = reviewer.getByTestId('m-before-after')
  await compare.locator('img').nth(1).waitFor({ timeout: 15_000 })
  const sides = await compare.locator('figure').evaluateAll((figures) =>
    figures.map((f) => ({
      label: f.querySelector('figcaption')?.textContent,
      photos: f.querySelectorAll('img').length,
      left: Math.round(f.getBoundingClientRect().left),
      top: Math.round(f.getBoundingClientRect().top),
    })),
  )
  check(
    sides.length === 2 &&
      sides[0]?.label === '整改前' &&
      sides[1]?.label === '整改后' &&
      sides.every((s) => s.photos === 1) &&
      sides[0].top === sides[1].top &&
      sides[0].left < sides[1].left,
    `复查 shows before and after side by side: ${JSON.stringify(sides)}`,
  )
  await reviewer.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="m-before-after"] img')].every(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    ),
  )
  await screenshot(reviewer, 'field-review-390x844')
  await reviewer.getByTestId('m-review-sheet').getByRole('button', { name: '通过' }).tap()
  await reviewer.getByTestId('m-flash').waitFor({ timeout: 15_000 })
  const approved = (await api(base, member, `/api/issues/${firstId}`)).body
  check(approved.status === 'closed', `${firstId} is ${approved.status} after 通过, not closed`)
  e2e.failures.push(...reviewerWatch.problems)
  await reviewerContext.close()

  if (inAppBrowser) {
    // no service worker here: the app worked without one (the queue above is IndexedDB); an offline
    // start needs one, so it is not tried
    const [worker, agent] = await page.evaluate(() => [
      'serviceWorker' in navigator,
      navigator.userAgent,
    ])
    check(!worker, 'the in-app browser runs without a service worker')
    check(/MicroMessenger/.test(String(agent)), `the phone says it is WeChat: ${agent}`)
    e2e.failures.push(...watcher.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p)))
    return
  }
  // /m opens offline after the first visit, for the member this phone remembers, and a report made
  // then waits in the queue until the network is back
  await context.setOffline(true)
  await page.reload()
  const banner = page.getByTestId('m-offline-banner')
  await banner.waitFor({ timeout: 20_000 })
  log(`offline start: “${await banner.textContent()}”`)
  await page.locator('[data-tab="report"]').tap()
  await page.getByTestId('m-accuracy').waitFor({ timeout: 15_000 })
  await reportOnce(page, 'facility-damage', '网格巡查：路灯灯罩破损（离线启动后）')
  check(
    await page.getByTestId('m-queued').isVisible(),
    'the report after an offline start is queued',
  )
  await screenshot(page, 'field-offline-start-390x844')
  check((await total(base)) === before + 2, 'the offline start sent something while offline')
  await context.setOffline(false)
  await page.getByTestId('m-offline-banner').waitFor({ state: 'detached', timeout: 30_000 })
  await expectTotal(base, before + 3)
  e2e.failures.push(...watcher.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p)))
}

await e2e.finish('field', run)
