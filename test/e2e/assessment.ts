// e2e of the 测评体系 in headless Chromium against the real server (temp database, demo data, the 示意
// 测评体系 seeded on first start): the market's unit operator (县市场监督管理局, whose 农贸市场 are its
// own points by 点长制) runs the weekly 自查 of a market on a phone at /m — two failed items, a photo
// on one — and exactly two new issues of that unit appear in the ledger, linked to those items; a unit
// operator on a phone opens /materials, uploads a PDF and a photo to two of their unit's 标准 and
// writes each 说明报告 (five elements), submits both; the 创建办 (督导员) approves one and returns one
// with a reason, records a 问卷 round and enters the 部门评价 result on the 材料审核 page; the planner's
// whole forecast (POST /api/planning/forecast) is read before and after, and the planner's 得分预测 tab
// (/plan?tab=forecast) is screenshotted: all four shares move (实地考察 by the 自查 of a fixed point).
// Screenshots under test/artifacts/assessment/.
// Run: `npm run e2e:assessment` (builds first); `-- --short` is the same scenario (it is short).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { selfCheck } from './assessment-self-check.ts'
import {
  createRun,
  type ExpectedResponse,
  freePort,
  launchBrowser,
  demoPassword as password,
  phone,
  root,
  startServer,
  watch,
} from './harness.ts'

const out = path.join(root, 'test/artifacts/assessment')
const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
]

const e2e = createRun()
const { log, check } = e2e

const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
// a 1×1 PNG
const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const departmentScore = 8.5 // the 部门评价 result entered, of the share's 10 points

const report = {
  responsibility: '本单位主要领导为第一责任人，分管领导具体负责，明确专人落实',
  deployment: '《关于印发文明城市创建工作实施方案的通知》（2026年第5号）',
  measures: '每周开展自查，问题建立台账限期整改，月底通报',
  dataExamples: '全年开展自查 48 次，发现并整改问题 312 个',
  results: '问题整改率 98%，群众满意度较上年提高 6 个百分点',
}

async function shot(page: Page, name: string): Promise<void> {
  const take = () =>
    page.screenshot({ path: path.join(out, `${name}.png`), type: 'png', fullPage: true })
  // headless Chromium now and then refuses a capture of a second tab on a loaded machine
  // ("Unable to capture screenshot"); that is the browser, not the page: try once more
  await take().catch(async (error: Error) => {
    if (!/Unable to capture screenshot/.test(error.message)) throw error
    await page.waitForTimeout(1000)
    await take()
  })
  log(`screenshot ${name}.png`)
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

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click()
  await page.getByTestId('login-button').waitFor({ timeout: 10_000 })
}

/** The 督导员 opens a check point's 点位测评 from the desktop map: its checklist, in a new tab. */
async function desktopInspect(page: Page, base: string): Promise<void> {
  const point = await page.evaluate(async () => {
    const r = await fetch('/collections/checkpoints/items?kind=fixed&limit=1&f=json')
    return String(((await r.json()) as { features: { id: string }[] }).features[0]?.id)
  })
  await page.goto(`${base}/?sel=checkpoints/${encodeURIComponent(point)}`)
  const action = page.getByTestId('feature-panel-action')
  await action.waitFor({ timeout: 20_000 })
  await shot(page, 'desktop-checkpoint-panel-1280x800')
  check((await action.getAttribute('target')) === '_blank', 'the checklist opens in a new tab')
  const sheet = await page.context().newPage() // a popup of its own cannot be screenshotted headless
  await sheet.goto(new URL((await action.getAttribute('href')) ?? '', base).href)
  await sheet.locator('li.m-card[data-item-code]').first().waitFor({ timeout: 20_000 })
  const opened = new URL(sheet.url()).searchParams.get('checkpoint')
  check(opened === point, `the checklist opened is ${point}'s (${opened})`)
  await shot(sheet, 'desktop-checklist-1280x800')
  await sheet.close()
  await page.goto(`${base}/materials`)
  await page.getByTestId('logout-button').waitFor({ timeout: 15_000 })
}

interface Share {
  method: string
  expected: number
  low: number
  high: number
}

/** The whole forecast's four shares, as the planner's screen asks for them. */
async function forecastShares(page: Page): Promise<Share[]> {
  return page.evaluate(async () => {
    const r = await fetch('/api/planning/forecast', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
      body: JSON.stringify({ seed: 7, draws: 50 }),
    })
    const body = (await r.json()) as { assessment?: { shares?: Share[] } }
    return body.assessment?.shares ?? []
  })
}

/** The planner's 得分预测 tab as it shows the four shares: each row's text, and a screenshot. */
async function plannerScreen(page: Page, base: string, name: string): Promise<Map<string, string>> {
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto(`${base}/plan?tab=forecast`)
  const rows = page.locator('[data-testid^="forecast-share-"]')
  await rows.nth(3).waitFor({ timeout: 60_000 }) // the rehearsal draws run first
  const shown = new Map<string, string>()
  for (const row of await rows.all()) {
    const method = (await row.getAttribute('data-testid'))?.replace('forecast-share-', '') ?? ''
    shown.set(method, ((await row.textContent()) ?? '').trim())
  }
  await page.getByTestId('forecast-shares').scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(out, `planner-forecast-${name}-1366x768.png`) })
  log(`screenshot planner-forecast-${name}-1366x768.png`)
  await page.goto(`${base}/materials`)
  await page.setViewportSize({ width: 1280, height: 800 })
  return shown
}

async function run(): Promise<void> {
  await mkdir(out, { recursive: true })
  e2e.tempDir = await mkdtemp(path.join(tmpdir(), 'e2e-assessment-'))
  const files = {
    pdf: path.join(e2e.tempDir, '部署文件.pdf'),
    png: path.join(e2e.tempDir, '现场照片.png'),
  }
  await writeFile(files.pdf, pdfBytes)
  await writeFile(files.png, pngBytes)
  const port = await freePort()
  e2e.server = await startServer(port, path.join(e2e.tempDir, 'e2e.db'))
  const base = e2e.server.base
  e2e.browser = await launchBrowser()

  // the planner's forecast before
  const desktop = await e2e.browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  })
  await desktop.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
  const page = await desktop.newPage()
  const watcher = watch(page, expected)
  await page.goto(`${base}/materials`)
  await signIn(page, 'planner')
  const before = await forecastShares(page)
  log(`forecast before: ${before.map((s) => `${s.method} ${s.expected}`).join(', ')}`)
  check(before.length === 4, `the whole forecast has four shares (got ${before.length})`)
  const shownBefore = await plannerScreen(page, base, 'before')
  check(shownBefore.size === 4, `the planner's screen shows four shares (${shownBefore.size})`)
  await signOut(page)

  // 0. the market's unit operator runs the weekly 自查 of a market on a phone
  await selfCheck(e2e, base, { shot, png: pngBytes })

  // 1. a unit operator on a phone documents two 标准
  const phoneContext = await e2e.browser.newContext({
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  const mobile = await phoneContext.newPage()
  const mobileWatch = watch(mobile, expected)
  await mobile.goto(`${base}/materials`)
  await signIn(mobile, 'unit-um')
  const list = mobile.getByTestId('task-list')
  await list.locator('li button').first().waitFor({ timeout: 20_000 })
  const tasks = list.locator('li button')
  const taskCount = await tasks.count()
  log(`县城市管理局 has ${taskCount} 材料审核 标准 to document`)
  check(taskCount >= 2, 'the unit has at least two 标准 to document')
  await shot(mobile, 'unit-tasks-phone')
  const documented: string[] = []
  for (let i = 0; i < 2; i++) {
    await tasks.nth(i).click()
    const panel = mobile.getByTestId('material-panel')
    await panel.getByTestId('open-material').click()
    await panel.getByTestId('file-input').waitFor()
    await panel.getByTestId('file-input').setInputFiles([files.pdf, files.png])
    await panel.getByTestId('file-list').locator('li').nth(1).waitFor({ timeout: 20_000 })
    for (const [element, text] of Object.entries(report)) {
      await panel.getByTestId(`report-${element}`).fill(text)
    }
    if (i === 0) await shot(mobile, 'unit-material-report-phone')
    await panel.getByTestId('submit-material').click()
    await mobile
      .locator('[data-testid="material-panel"][data-status="submitted"]')
      .waitFor({ timeout: 15_000 })
    documented.push((await tasks.nth(i).getAttribute('data-testid'))?.replace('task-', '') ?? '')
  }
  log(`submitted ${documented.join(', ')}`)
  await shot(mobile, 'unit-submitted-phone')
  for (const problem of mobileWatch.problems) check(false, problem)

  // 2. the 创建办 approves one and returns one
  await page.goto(`${base}/materials`)
  await signIn(page, 'inspector')
  const review = page.getByTestId('task-list')
  await review.locator('li button').first().waitFor({ timeout: 20_000 })
  for (const [i, code] of documented.entries()) {
    await review.getByTestId(`task-${code}`).first().click()
    const panel = page.getByTestId('material-panel')
    if (i === 0) {
      await panel.getByTestId('approve').click()
    } else {
      await panel.getByTestId('return-reason-input').fill('数据实例缺少佐证照片，请补充后重报')
      await panel.getByTestId('return').click()
    }
    const status = i === 0 ? 'approved' : 'returned'
    await page
      .locator(`[data-testid="material-panel"][data-status="${status}"]`)
      .waitFor({ timeout: 15_000 })
  }
  await page.getByTestId('filter-status').selectOption('')
  await page.getByTestId('task-list').locator('li button').first().waitFor()
  await shot(page, 'office-review-1280x800')
  // and records this half-year's 问卷调查 round
  const survey = await page.evaluate(async () => {
    const cell = (township: string, group: string, n: number, a: number, s: number, m: number) => ({
      township,
      group,
      sampleSize: n,
      awareness: a,
      support: s,
      satisfaction: m,
    })
    const r = await fetch('/api/surveys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
      body: JSON.stringify({
        name: 'e2e 下半年群众满意度自测',
        conductedOn: '2026-10-15',
        source: '自测',
        cells: [
          cell('南诏镇', '市民', 400, 368, 380, 352),
          cell('牛街乡', '市民', 200, 150, 170, 120),
        ],
      }),
    })
    return r.status
  })
  check(survey === 201, `the survey round was recorded (${survey})`)
  await page.getByTestId('tab-surveys').click()
  await page.getByTestId('survey-trend').locator('tbody tr').first().waitFor({ timeout: 15_000 })
  await shot(page, 'office-survey-1280x800')
  // and enters the 部门评价 result the 上级主管部门 sent back
  await page.getByTestId('tab-departments').click()
  const departments = page.getByTestId('department-tab')
  await departments.getByTestId('department-score').fill(String(departmentScore))
  await departments.getByTestId('department-department').fill('州文明办')
  await departments
    .getByTestId('department-document')
    .fill('关于反馈2026年度征求上级主管部门意见结果的函（示例）')
  await departments.getByTestId('department-evaluatedOn').fill('2026-11-20')
  await departments.getByTestId('department-submit').click()
  await page
    .getByTestId('department-current')
    .filter({ hasText: `现行结果 ${departmentScore} 分` })
    .waitFor({ timeout: 15_000 })
  await shot(page, 'office-department-1280x800')
  await page.getByTestId('tab-completion').click()
  await page.getByTestId('completion').waitFor({ timeout: 15_000 })
  await shot(page, 'office-completion-1280x800')
  // the 测评体系 of the year, with its XLSX
  await page.getByTestId('tab-system').click()
  const systems = page.getByTestId('system-list')
  await systems.waitFor({ timeout: 15_000 })
  const systemText = (await systems.textContent()) ?? ''
  check(/12 \/ 30 \/ 62/.test(systemText), `the 示意 测评体系 lists 12/30/62: ${systemText}`)
  await shot(page, 'office-system-1280x800')
  await desktopInspect(page, base)
  await signOut(page)

  // 3. the planner sees the forecast move
  await signIn(page, 'planner')
  const after = await forecastShares(page)
  log(`forecast after: ${after.map((s) => `${s.method} ${s.expected}`).join(', ')}`)
  const materialsBefore = before.find((s) => s.method === 'materials')
  const materialsAfter = after.find((s) => s.method === 'materials')
  check(
    materialsBefore && materialsAfter && materialsAfter.high >= materialsBefore.high,
    'the 材料审核 share does not fall',
  )
  check(
    JSON.stringify(before) !== JSON.stringify(after),
    'the whole forecast changed after the review',
  )
  const surveyAfter = after.find((s) => s.method === 'survey')
  check(surveyAfter && surveyAfter.expected !== null, 'the 问卷 share is forecast from the round')
  const departmentsAfter = after.find((s) => s.method === 'departments')
  check(
    departmentsAfter?.expected === departmentScore,
    `the 部门评价 share is the entered ${departmentScore} (${departmentsAfter?.expected})`,
  )
  const fieldBefore = before.find((s) => s.method === 'field')
  const fieldAfter = after.find((s) => s.method === 'field')
  log(`实地考察 ${fieldBefore?.expected} → ${fieldAfter?.expected}`)
  for (const method of ['field', 'materials', 'survey', 'departments']) {
    const b = before.find((s) => s.method === method)
    const a = after.find((s) => s.method === method)
    check(JSON.stringify(a) !== JSON.stringify(b), `the ${method} share changed`)
  }
  // … and the planner sees each of the four rows change on the 得分预测 tab
  const shownAfter = await plannerScreen(page, base, 'after')
  for (const [method, text] of shownBefore) {
    log(`${method}: ${text} → ${shownAfter.get(method)}`)
    check(shownAfter.get(method) !== text, `the planner's screen shows the ${method} share change`)
  }
  await writeFile(
    path.join(out, 'forecast.json'),
    `${JSON.stringify({ before, after }, null, 2)}\n`,
  )
  for (const problem of watcher.problems) check(false, problem)
}

await e2e.finish('assessment', run)
