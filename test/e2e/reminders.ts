// e2e of 催办 and 问责 in headless Chromium against the real server on a fake clock (CLOCK_START), with
// a local 钉钉 robot (a node http server started here) as the unit's channel:
// 1. the 创建办 (admin) adds the 钉钉 channel (加签, markdown) for 县市场监督管理局 on 督查 → 催办设置,
//    then records an issue and 交办 it to that unit with a deadline two minutes ahead (a moment no
//    other open issue of the unit has a rule near, so the robot hears of this issue only);
// 2. the server restarts with its clock a minute past that deadline: its first tick sends the 逾期催办;
//    the unit operator (unit-market) sees it in the 消息中心 (the 消息 button in the overview header);
//    the robot got exactly one message, 钉钉 markdown, signed with the secret at the fake clock's time;
// 3. the 创建办 records a 约谈 of the unit on 督查 → 问责 and the unit operator sees it on the unit's page.
// Daily digests are off (DIGEST_TIME=off): their moment is the time of day, not the deadline.
// Screenshots at 1366×768 in test/artifacts/e2e/ (reminders-*); `-- --short` skips the 390×844 bell
// and the 约谈 document upload. Run: `npm run e2e:reminders` (builds first).
import { createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
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
  root,
  screenshot,
  short,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'

const unit = { code: 'market-regulation', name: '县市场监督管理局', operator: 'unit-market' }
const robot = { token: 'e2e-market', secret: 'SECe2e0123456789abcdef' }
const minuteMs = 60_000
const leadMs = 2 * minuteMs // the deadline is this far ahead of the real clock when it is set
const pastMs = minuteMs // the restarted server's clock starts this far past the deadline
const desktop = { width: 1366, height: 768 }

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
]

const e2e = createRun()
const { log, check } = e2e
const watchers: PageWatch[] = []

// ---- the 钉钉 robot --------------------------------------------------------------------------

interface Heard {
  path: string
  query: URLSearchParams
  body: unknown
  atMs: number // real clock
}

async function startRobot(): Promise<{ server: Server; url: string; heard: Heard[] }> {
  const heard: Heard[] = []
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  const server = createServer((req, res) => {
    void read(req).then((text) => {
      const url = new URL(req.url ?? '/', 'http://robot')
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // kept as text: the check below names it
      }
      heard.push({ path: url.pathname, query: url.searchParams, body, atMs: Date.now() })
      log(`robot heard ${req.method} ${url.pathname}: ${text.slice(0, 160)}`)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' })) // 钉钉's answer to a good message
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${port}/robot/send?access_token=${robot.token}`, heard }
}

// ---- API and browser steps -------------------------------------------------------------------

async function apiSession(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({ username, password }),
  })
  if (!response.ok) throw new Error(`API login as ${username}: HTTP ${response.status}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

async function api<T>(base: string, cookie: string, url: string, json?: unknown): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: {
      Accept: 'application/json',
      Cookie: cookie,
      'X-Requested-With': 'fetch',
      ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: desktop,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  await context.addInitScript('globalThis.__name = (fn) => fn')
  const page = await context.newPage()
  watchers.push(watch(page, expected))
  return page
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-button').click()
  const dialog = page.getByTestId('login-dialog')
  await dialog.locator('input[name="username"]').fill(username)
  await dialog.locator('input[name="password"]').fill(password)
  await dialog.locator('button[type="submit"]').click()
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 })
  log(`signed in as ${username}`)
}

async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  log(`screenshot ${name}.png`)
}

/** Moments (epoch ms) at which a rule fires for the unit's other open issues. */
async function busyMoments(base: string, cookie: string): Promise<number[]> {
  const { rules } = await api<{ rules: { hoursFromDeadline: number }[] }>(
    base,
    cookie,
    '/api/admin/reminder-rules',
  )
  const moments: number[] = []
  for (const status of ['pending', 'fixing']) {
    const page = await api<{ items: { deadlineAt: string }[] }>(
      base,
      cookie,
      `/api/issues?unit=${unit.code}&status=${status}&limit=500`,
    )
    for (const issue of page.items) {
      for (const rule of rules)
        moments.push(Date.parse(issue.deadlineAt) + rule.hoursFromDeadline * 3_600_000)
    }
  }
  return moments
}

/**
 * Waits, if need be, until no rule fires for the unit's other open issues from 2 minutes ago to 12
 * minutes ahead (a rare wait: the server's own ticks log those moments while no channel is set);
 * answers the end of that quiet window.
 */
async function quietWindow(busy: readonly number[]): Promise<number> {
  for (;;) {
    const now = Date.now()
    const near = busy.filter((m) => m > now - 2 * minuteMs && m <= now + 12 * minuteMs)
    if (near.length === 0) {
      const next = busy.filter((m) => m > now).sort((a, b) => a - b)[0]
      log(
        `no rule fires for ${unit.code}'s ${busy.length} other moments until ${next ? new Date(next).toISOString() : 'never'}`,
      )
      return now + 12 * minuteMs
    }
    const waitMs = Math.max(...near) + 2 * minuteMs + 10_000 - now
    log(
      `a rule fires for another issue of ${unit.code} soon: waiting ${Math.round(waitMs / 1000)} s`,
    )
    await new Promise((r) => setTimeout(r, waitMs))
  }
}

// ---- the scenario ------------------------------------------------------------------------------

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-reminders-e2e-'))
  e2e.tempDir = tempDir
  const databasePath = path.join(tempDir, 'inspection.db')
  const receiver = await startRobot()
  robotServer = receiver.server
  const env = { READ_ACCESS: 'public', DIGEST_TIME: 'off' }

  // 1. the system clock: a quiet moment, the 钉钉 channel, an issue 交办 with a deadline minutes ahead
  let server = await startServer(await freePort(), databasePath, env)
  e2e.server = server
  log(`server up on ${server.base} (system clock)`)
  const adminCookie = await apiSession(server.base, 'admin')
  // the live ledger is loaded: the start's tick (which reads the channels right after) has no channel
  await api(server.base, adminCookie, '/api/stats/kpis')
  const busy = await busyMoments(server.base, adminCookie)
  const quietUntil = await quietWindow(busy)
  const browser = await launchBrowser()
  e2e.browser = browser
  const admin = await desktopPage(browser)
  await admin.goto(`${server.base}/supervision`)
  await signIn(admin, 'admin')
  await admin.getByTestId('tab-reminders').click()
  const channels = admin.getByTestId('reminder-channels')
  await channels.getByRole('button', { name: '添加渠道' }).click()
  const row = channels.locator('fieldset.channel').last()
  await row.getByLabel('渠道编号').fill('market-dingtalk')
  await row.getByLabel('渠道名称').fill('市场监管局创建工作群')
  await row.getByLabel('渠道类型').selectOption('dingtalk')
  await row.getByLabel('网址').fill(receiver.url)
  await row.getByLabel('加签密钥').fill(robot.secret)
  await row.getByLabel('消息格式').selectOption('markdown')
  await row.getByLabel('限定单位').fill(unit.code)
  await channels.getByRole('button', { name: '保存渠道' }).click()
  const savedNote = channels.getByText('已保存。')
  await savedNote.waitFor({ timeout: 15_000 })
  await savedNote.scrollIntoViewIfNeeded()
  await shot(admin, 'reminders-channel-1366x768')
  const saved = await api<{ channels: { id: string; kind: string; unitCodes?: string[] }[] }>(
    server.base,
    adminCookie,
    '/api/admin/reminder-channels',
  )
  check(
    saved.channels.some((c) => c.id === 'market-dingtalk' && c.kind === 'dingtalk'),
    `the channel was not saved: ${JSON.stringify(saved.channels)}`,
  )
  await admin.context().close() // its queries would fail while the server restarts

  // the deadline on a whole minute; the robot, limited to the unit, hears of this issue only if no
  // rule fires for another open issue of the unit until well after it (the quiet window)
  const deadlineMs = Math.ceil((Date.now() + leadMs) / minuteMs) * minuteMs
  check(
    deadlineMs + 5 * minuteMs <= quietUntil,
    `the quiet window ends ${new Date(quietUntil).toISOString()}, before the deadline's +5 min`,
  )
  const reported = await api<{
    id: string
    issueNo: string
    version: number
    responsibleUnit: string
  }>(server.base, adminCookie, '/api/issues', {
    lngLat: [100.3065, 25.2312],
    category: 'street-vending',
    description: 'e2e：南诏路农贸市场门口占道经营，催办测试',
  })
  const issueId = reported.id
  const issueNo = reported.issueNo // what people read: titles name the 问题编号
  check(/^\d{4}-\d{6}$/.test(issueNo), `the new issue has no 问题编号: ${issueNo}`)
  const assigned = await api<{ status: string; deadlineAt: string; responsibleUnit: string }>(
    server.base,
    adminCookie,
    `/api/issues/${issueId}/transitions`,
    {
      action: 'assign',
      version: reported.version,
      responsibleUnit: unit.code,
      deadlineAt: new Date(deadlineMs).toISOString(),
      note: '请于期限内完成整改',
    },
  )
  server.stop() // the issue's next look is on the fake clock
  check(
    assigned.status === 'fixing' && assigned.responsibleUnit === unit.code,
    `交办: ${JSON.stringify(assigned)}`,
  )
  log(`${issueId} 交办 to ${unit.code}, deadline ${assigned.deadlineAt}`)
  await waitForExit(server)
  check(receiver.heard.length === 0, `the robot heard ${receiver.heard.length} messages already`)

  // 2. the fake clock: a minute past the deadline at start; its first tick sends the 逾期催办
  const clockStartMs = deadlineMs + pastMs
  const restarted = Date.now()
  server = await startServer(await freePort(), databasePath, {
    ...env,
    CLOCK_START: new Date(clockStartMs).toISOString(),
  })
  e2e.server = server
  const offsetMs = clockStartMs - restarted // fake minus real, up to the start-up time
  log(`server up on ${server.base}, its clock ${Math.round(offsetMs / 1000)} s ahead`)
  const base = server.base
  const unitCookie = await apiSession(base, unit.operator)
  type Inbox = {
    items: { id: number; kind: string; title: string; issueId?: string }[]
    unread: number
  }
  let inbox: Inbox = { items: [], unread: 0 }
  const urgeTitle = `逾期催办：${issueNo}`
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    inbox = await api<Inbox>(base, unitCookie, '/api/notifications?limit=30')
    if (inbox.items.some((n) => n.title === urgeTitle)) break
    await new Promise((r) => setTimeout(r, 500))
  }
  const urges = inbox.items.filter((n) => n.issueId === issueId)
  log(`the unit's inbox: ${inbox.unread} unread, ${inbox.items.map((n) => n.title).join(' | ')}`)
  check(
    urges.length === 1 && urges[0]?.kind === 'urge' && urges[0].title === urgeTitle,
    `the unit's notifications about ${issueId}: ${JSON.stringify(urges)}`,
  )

  const operator = await desktopPage(browser)
  await operator.goto(`${base}/`)
  await signIn(operator, unit.operator)
  await waitForMap(operator)
  log('the overview is drawn')
  const count = Number((await operator.getByTestId('notification-count').textContent()) ?? 0)
  check(count >= 1, `the bell shows ${count} unread`)
  await operator.getByTestId('notification-bell').click()
  const panel = operator.getByTestId('notification-panel')
  const item = panel.locator('li', { hasText: urgeTitle })
  await item.waitFor({ timeout: 15_000 })
  const itemText = (await item.textContent()) ?? ''
  check(
    itemText.startsWith('催办') &&
      itemText.includes(unit.name) &&
      itemText.includes('已到整改期限'),
    `the 消息中心 item: ${itemText}`,
  )
  await shot(operator, 'reminders-bell-1366x768')

  // the robot: exactly one message, 钉钉 text, signed at the fake clock's time
  for (const until = Date.now() + 40_000; Date.now() < until && receiver.heard.length === 0; ) {
    await new Promise((r) => setTimeout(r, 250))
  }
  checkRobot(receiver.heard, issueNo, deadlineMs, offsetMs)

  // 3. the 创建办 records a 约谈 of the unit over the issue
  const office = await desktopPage(browser)
  await office.goto(`${base}/supervision`)
  await signIn(office, 'admin')
  // the delivery log on 催办设置 says it was sent
  await office.getByTestId('tab-reminders').click()
  const sentRow = office.getByTestId('deliveries').locator('tr[data-status="sent"]', {
    hasText: urgeTitle,
  })
  await sentRow.waitFor({ timeout: 15_000 })
  await sentRow.scrollIntoViewIfNeeded()
  await shot(office, 'reminders-deliveries-1366x768')
  await office.getByTestId('tab-accountability').click()
  const form = office.getByTestId('accountability-form')
  await form.locator('select[name="targetCode"]').selectOption(unit.code)
  await form.locator('select[name="kind"]').selectOption('interview')
  await form.locator('input[name="issueIds"]').fill(issueId)
  const note = `${issueId} 逾期未整改，约谈单位分管负责人`
  await form.locator('textarea[name="note"]').fill(note)
  if (!short) {
    await form.locator('input[name="document"]').setInputFiles({
      name: '约谈通知.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(),
    })
  }
  await form.getByRole('button', { name: '保存问责记录' }).click()
  await form.getByText('已记录。').waitFor({ timeout: 15_000 })
  const list = office.getByTestId('accountability-list')
  const record = list.locator('tr[data-kind="interview"]', { hasText: issueId })
  await record.waitFor({ timeout: 15_000 })
  await shot(office, 'reminders-accountability-1366x768')

  // the unit's page, as its operator sees it
  await operator.goto(`${base}/supervision`)
  const own = operator.getByTestId('accountability')
  await own.getByText(`${unit.name} · 问责记录`).waitFor({ timeout: 15_000 })
  const ownRow = own.locator('tr[data-kind="interview"]', { hasText: issueId })
  await ownRow.waitFor({ timeout: 15_000 })
  const ownText = (await ownRow.textContent()) ?? ''
  check(ownText.includes('约谈') && ownText.includes('县创建办'), `the unit's page row: ${ownText}`)
  if (!short) check(ownText.includes('查看'), `the 约谈 document is not linked: ${ownText}`)
  await shot(operator, 'reminders-unit-page-1366x768')

  if (!short) await phoneBell(browser, base)

  // still one message, and the delivery log agrees
  const deliveries = await api<{
    items: { channelId: string; status: string; message: { title: string } }[]
  }>(base, await apiSession(base, 'admin'), '/api/admin/deliveries')
  const ours = deliveries.items.filter((d) => d.channelId === 'market-dingtalk')
  check(
    ours.length === 1 && ours[0]?.status === 'sent' && ours[0].message.title === urgeTitle,
    `the delivery log of the channel: ${JSON.stringify(ours)}`,
  )
  check(receiver.heard.length === 1, `the robot heard ${receiver.heard.length} messages in all`)
  for (const watcher of watchers) for (const problem of watcher.problems) check(false, problem)
}

/** 钉钉 markdown message (https://open.dingtalk.com/document/robots/custom-robot-access): msgtype
 *  markdown, markdown.title (the chat list's preview) and markdown.text; 加签: timestamp (ms) and
 *  sign = base64 HMAC-SHA256(secret, `timestamp\nsecret`). */
function checkRobot(heard: Heard[], issueNo: string, deadlineMs: number, offsetMs: number): void {
  check(heard.length === 1, `the robot heard ${heard.length} messages, not one`)
  const message = heard[0]
  if (!message) return
  check(message.path === '/robot/send', `robot path ${message.path}`)
  check(message.query.get('access_token') === robot.token, 'the access_token was not kept')
  const timestamp = Number(message.query.get('timestamp'))
  const sign = createHmac('sha256', robot.secret)
    .update(`${timestamp}\n${robot.secret}`)
    .digest('base64')
  check(message.query.get('sign') === sign, `钉钉 sign ${message.query.get('sign')} ≠ ${sign}`)
  // the sender signs with the server's clock: past the deadline, about offsetMs ahead of ours
  const fakeAtSend = message.atMs + offsetMs
  check(
    timestamp > deadlineMs && Math.abs(timestamp - fakeAtSend) < 20_000,
    `the signed timestamp ${new Date(timestamp).toISOString()} is not the fake clock's ${new Date(fakeAtSend).toISOString()}`,
  )
  const body = message.body as { msgtype?: string; markdown?: { title?: unknown; text?: unknown } }
  check(
    body.msgtype === 'markdown' &&
      Object.keys(body).sort().join() === 'markdown,msgtype' &&
      Object.keys(body.markdown ?? {})
        .sort()
        .join() === 'text,title',
    `not a 钉钉 markdown message: ${JSON.stringify(body)}`,
  )
  check(body.markdown?.title === `逾期催办：${issueNo}`, `markdown.title ${body.markdown?.title}`)
  const content = String(body.markdown?.text ?? '')
  check(
    content.startsWith(`### 逾期催办：${issueNo}\n\n`) &&
      content.includes(unit.name) &&
      content.includes('已到整改期限'),
    `the message text: ${content}`,
  )
  log(
    `robot message (${new Date(timestamp).toISOString()} signed): ${content.replaceAll('\n', ' | ')}`,
  )
}

/** The bell on a phone: the overview's header at 390×844 with the 消息中心 open. */
async function phoneBell(browser: Browser, base: string): Promise<void> {
  const context = await browser.newContext({
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  await context.addInitScript('globalThis.__name = (fn) => fn')
  const page = await context.newPage()
  watchers.push(watch(page, expected))
  await page.goto(`${base}/`)
  await signIn(page, unit.operator)
  await waitForMap(page)
  await page.getByTestId('notification-bell').click()
  const panel = page.getByTestId('notification-panel')
  await panel.waitFor()
  const box = await panel.boundingBox()
  check(
    box !== null && box.x >= 0 && box.x + box.width <= phone.width,
    `the 消息中心 leaves the phone screen: ${JSON.stringify(box)}`,
  )
  await shot(page, 'reminders-bell-390x844')
  await context.close()
}

/** A one-page PDF with nothing on it: the document check reads the magic bytes. */
function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  )
}

/** Waits until the stopped server no longer answers, so the next one opens the file alone. */
async function waitForExit(server: { base: string }): Promise<void> {
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    const up = await fetch(`${server.base}/conformance`).then(
      () => true,
      () => false,
    )
    if (!up) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server on ${server.base} did not stop`)
}

let robotServer: Server | undefined
await e2e.finish('reminders', run)
robotServer?.closeAllConnections()
robotServer?.close() // the last handle: the script ends
