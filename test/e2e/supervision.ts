// e2e of 督查 in headless Chromium against the real server (temp database, demo data and accounts):
// an inspector creates a round on /supervision and records three issues into it; the 创建办 (admin)
// drafts the round's 通报, edits the 下步工作建议, issues it (2026年第1期) and downloads DOCX and PDF;
// issues a 整改通知书 to 县城市管理局; that unit's operator signs for it (签收). The issued files go to
// test/artifacts/supervision/ (read back with fflate/xmldom and pdftotext), screenshots at 1280×800.
// Run: `npm run e2e:supervision` (builds first); `-- --short` skips the page renders of the PDFs.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { readDocx, readPdf, squash } from '../supervision/document-text.ts'
import {
  chromiumPath,
  clickMapAt,
  createRun,
  type ExpectedResponse,
  freePort,
  jumpMap,
  launchBrowser,
  demoPassword as password,
  root,
  screenshot,
  settle,
  short,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'

const out = path.join(root, 'test/artifacts/supervision')
const suggestion = '（一）县城市管理局要在3日内完成本轮督查发现问题的整改，并报送整改前后对比照片。'
const checkpointTarget: [number, number] = [100.30639, 25.225701] // cp-0139 古城家属区（示例）
const roundName = `e2e第16期文明城市创建督查-${Date.now().toString(36)}`

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
]

const e2e = createRun()
const { log, check } = e2e

const beijingDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)

const leadAddition = '本轮重点督查农贸市场及周边路段。'
const problemSummary =
  '农贸市场周边垃圾清运不及时、占道经营反复出现，县城市管理局所辖路段问题集中。'
const sendTo = '各乡镇党委、政府，县级各有关部门，县创建文明城市各工作组'

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(out, `${name}.png`), type: 'png' })
  log(`screenshot ${name}.png`)
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-button').click()
  const dialog = page.getByTestId('login-dialog')
  await dialog.locator('input[name="username"]').fill(username)
  await dialog.locator('input[name="password"]').fill(password)
  await dialog.locator('button[type="submit"]').click()
  await page
    .getByTestId('user-menu')
    .waitFor({ timeout: 15_000 })
    .catch(async (error: unknown) => {
      await shot(page, `login-failed-${username}`)
      log(`page state: ${(await page.content()).slice(0, 300)}`)
      throw error
    })
  log(`signed in as ${username}`)
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click()
  await page.getByTestId('login-button').waitFor({ timeout: 10_000 })
}

/** Clicks a download link and saves the file under test/artifacts/supervision/. */
async function download(page: Page, testId: string, name: string): Promise<Uint8Array> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).first().click(),
  ])
  const target = path.join(out, name)
  await file.saveAs(target)
  log(`downloaded ${name} (${file.suggestedFilename()})`)
  return new Uint8Array(await readFile(target))
}

/** Reports through the overview's form: the round in progress is its default 督查轮次. */
async function reportInForm(
  page: Page,
  base: string,
  [lng, lat, category, description]: [number, number, string, string],
  roundId: string,
): Promise<string> {
  await page.goto(`${base}/`)
  await waitForMap(page)
  await jumpMap(page, { center: [lng, lat], zoom: 16 })
  await settle(page)
  await page.getByTestId('report-button').click()
  await page.getByTestId('report-hint').waitFor()
  await clickMapAt(page, [lng, lat])
  const panel = page.getByTestId('report-panel')
  await panel.getByText('位置已选定').waitFor()
  await panel.locator('select[name="category"]').selectOption(category)
  await panel.locator('textarea[name="description"]').fill(description)
  const round = panel.locator('select[name="round"]')
  await round.waitFor()
  check((await round.inputValue()) === roundId, `the form does not offer ${roundId} by default`)
  await screenshot(page, 'supervision-report-form')
  await panel.getByRole('button', { name: '提交上报' }).click()
  const issuePanel = page.getByTestId('issue-panel')
  await issuePanel.waitFor({ timeout: 20_000 })
  // a person reads the 问题编号; the API takes the id
  const kind = (await issuePanel.locator('.feature-panel__kind').textContent()) ?? ''
  check(/问题 · \d{4}-\d{6}$/.test(kind), `the new issue shows no 问题编号: ${kind}`)
  const id = (await issuePanel.getAttribute('data-issue-id')) ?? ''
  const stored = await page.evaluate(async (issueId) => {
    const r = await fetch(`/api/issues/${issueId}`, { headers: { Accept: 'application/json' } })
    return (await r.json()) as { roundId?: string; source?: string }
  }, id)
  check(
    stored.roundId === roundId && stored.source === 'inspection-team',
    `the form's issue is not in the round: ${JSON.stringify(stored)}`,
  )
  await page.goto(`${base}/supervision`)
  return id
}

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(out, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-supervision-e2e-'))
  e2e.tempDir = tempDir
  const server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
    READ_ACCESS: 'public',
  })
  e2e.server = server
  const base = server.base
  log(`server up on ${base}`)
  const browser = await launchBrowser()
  e2e.browser = browser
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  await context.addInitScript('globalThis.__name = (fn) => fn')
  const page = await context.newPage()
  const watcher = watch(page, expected)
  page.on('pageerror', (error) => log(`page error: ${error.message}`))
  await page.goto(`${base}/supervision`)
  await page.getByTestId('login-button').waitFor({ timeout: 30_000 })

  // 1. the inspector creates a round and records three issues into it
  await signIn(page, 'inspector')
  const form = page.getByTestId('round-form')
  await form.locator('input[name="number"]').fill('16')
  await form.locator('input[name="name"]').fill(roundName)
  await form.locator('input[name="startsOn"]').fill(beijingDay(-1))
  await form.locator('input[name="endsOn"]').fill(beijingDay(5))
  // two 督查组, each with a 组长 and members, name and 职务
  await form.locator('input[name="team-0-leader-name"]').fill('李明')
  await form.locator('input[name="team-0-leader-title"]').fill('县委督查室主任')
  await form.getByTestId('add-member-0').click()
  await form.locator('input[name="team-0-member-0-name"]').fill('王芳')
  await form.locator('input[name="team-0-member-0-title"]').fill('县创建办科员')
  await form.getByTestId('add-member-0').click()
  await form.locator('input[name="team-0-member-1-name"]').fill('赵强')
  await form.getByTestId('add-team').click()
  await form.locator('input[name="team-1-leader-name"]').fill('陈静')
  await form.locator('input[name="team-1-leader-title"]').fill('县政府督查室副主任')
  // a check point target, found in the check point layer by a search
  await form.locator('input[name="checkpoint-search"]').fill('古城家属区')
  await form.getByTestId('checkpoint-results').getByText('古城家属区（示例）').click()
  await form.getByTestId('checkpoint-chosen').getByText('古城家属区（示例）').waitFor()
  await form.getByTestId('round-teams').scrollIntoViewIfNeeded()
  await shot(page, 'round-form-1280x800')
  await form.getByLabel('县城市管理局').check()
  await form.getByLabel('县市场监督管理局').check()
  await form.getByLabel('县卫生健康局').check()
  await form.getByLabel('南诏镇', { exact: true }).check() // a township target beside the units
  await form.locator('button[type="submit"]').click()
  await page.getByTestId('round-panel').getByText(roundName).waitFor()
  const roundId = await page.evaluate(async () => {
    const r = await fetch('/api/rounds', { headers: { Accept: 'application/json' } })
    return ((await r.json()) as { items: { id: string }[] }).items[0]?.id ?? ''
  })
  log(`round ${roundId} created`)
  const places: [[number, number, string, string], ...[number, number, string, string][]] = [
    [100.30603, 25.230114, 'exposed-garbage', '文华路口垃圾桶满溢，周边暴露垃圾'],
    [100.3065, 25.2312, 'street-vending', '南诏路占道经营摊点3处'],
    [100.310348, 25.211562, 'illegal-parking', '农贸市场门口电动车乱停乱放'],
  ]
  const ids: string[] = [await reportInForm(page, base, places[0], roundId)]
  for (const [lng, lat, category, description] of places.slice(1)) {
    const reply = await page.evaluate(
      async (body) => {
        const r = await fetch('/api/issues', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Requested-With': 'fetch',
            Accept: 'application/json',
          },
          body: JSON.stringify(body),
        })
        return {
          status: r.status,
          body: (await r.json()) as {
            id: string
            roundId?: string
            source?: string
            responsibleUnit: string
          },
        }
      },
      { lngLat: [lng, lat], category, description, roundId },
    )
    check(reply.status === 201, `recording ${description}: ${reply.status}`)
    check(
      reply.body.roundId === roundId && reply.body.source === 'inspection-team',
      `issue not in the round: ${JSON.stringify(reply.body)}`,
    )
    ids.push(reply.body.id)
  }
  log(`recorded ${ids.join(', ')} into ${roundId}`)
  await page.reload()
  const tallies = page.getByTestId('round-tallies')
  await tallies.waitFor()
  const talliesText = (await tallies.textContent()) ?? ''
  check(talliesText.includes('3发现问题'), `round tallies: ${talliesText}`)
  const coverage = (await page.getByTestId('round-coverage').textContent()) ?? ''
  check(
    coverage.includes('县卫生健康局：尚未到达'),
    `coverage should show a target not yet visited: ${coverage}`,
  )
  check(/县城市管理局：已督查，发现问题 \d 个/.test(coverage), `coverage: ${coverage}`)
  check(/南诏镇：已督查，发现问题 3 个/.test(coverage), `township coverage: ${coverage}`)
  // the team was at the 卫健局 too and found nothing there: 登记到达
  await page.getByTestId('visit-health').click()
  await page
    .getByTestId('round-coverage')
    .getByText(/县卫生健康局：已到达（.*），未发现问题/)
    .waitFor()
  const visited = (await page.getByTestId('round-tallies').textContent()) ?? ''
  check(visited.includes('4/5已到对象'), `four of five targets reached: ${visited}`)
  // coverage on the map: the check point not yet reached is a grey ring where it stands
  await page.getByTestId('round-route').waitFor()
  await waitForMap(page)
  const legend = (await page.getByTestId('coverage-legend').textContent()) ?? ''
  check(legend.includes('已到 4 / 共 5'), `coverage legend: ${legend}`)
  const pickAt = (lngLat: [number, number]) =>
    page.evaluate(([lng, lat]) => {
      const p = window.__inspectionMap?.project([lng, lat])
      const picked = window.__deckOverlay?.pickMultipleObjects({
        x: p?.x ?? -1,
        y: p?.y ?? -1,
        radius: 2,
      })
      return picked?.map((i) => i.layer?.id).join('+') || `nothing at ${p?.x},${p?.y}`
    }, lngLat)
  const atCheckpoint = await pickAt(checkpointTarget)
  check(
    atCheckpoint.includes('round-target-checkpoints'),
    `the check point target is not drawn at its place: ${atCheckpoint}`,
  )
  const atTownship = await pickAt([100.3065, 25.2312])
  check(atTownship.includes('round-target-townships'), `南诏镇's outline: ${atTownship}`)
  await shot(page, 'round-coverage-1280x800')
  await page.getByTestId('visit-cp-0139').click()
  await page.getByTestId('coverage-legend').getByText('已到 5 / 共 5').waitFor()
  await page
    .getByTestId('round-coverage')
    .getByText(/古城家属区（示例）：已到达/)
    .waitFor()
  // the route on the base map: deck.gl draws each finding where MapLibre projects it
  await waitForMap(page)
  const drawn = await page.evaluate(
    (points) => {
      const map = window.__inspectionMap
      const deck = window.__deckOverlay
      return points.map(([lng, lat]) => {
        const p = map?.project([lng, lat])
        const picked = deck?.pickMultipleObjects({ x: p?.x ?? -1, y: p?.y ?? -1, radius: 2 })
        return picked?.map((i) => i.layer?.id).join('+') || `nothing at ${p?.x},${p?.y}`
      })
    },
    places.map(([lng, lat]) => [lng, lat] as [number, number]),
  )
  check(
    drawn.every((ids) => ids.includes('round-findings')),
    `findings not drawn at their places on the route map: ${drawn.join(', ')}`,
  )
  await shot(page, 'round-1280x800')
  // 时段统计 for the round: its three findings, the daily trend
  await page.getByTestId('tab-summary').click()
  const summaryPeriod = page.getByTestId('summary-period')
  await summaryPeriod.getByLabel('时段').selectOption('round')
  await summaryPeriod.locator('select[name="round"]').selectOption(roundId)
  await page.getByTestId('summary-trend').waitFor()
  const kpis = (await page.getByTestId('summary-kpis').textContent()) ?? ''
  check(kpis.startsWith('3发现'), `the round's 时段统计 should count 3 found: ${kpis}`)
  await shot(page, 'summary-round-1280x800')
  await signOut(page)

  // 2. the 创建办 (admin) sets the 发 line, drafts the round's 通报, edits the 建议, issues it and
  // downloads it
  await signIn(page, 'admin')
  await page.getByTestId('tab-settings').click()
  const settings = page.getByTestId('settings-form')
  await settings.locator('textarea[name="sendTo"]').fill(sendTo)
  await settings.getByRole('button', { name: '保存设置' }).click()
  await settings.getByText('已保存').waitFor()
  await page.reload()
  await page.getByTestId('tab-settings').click()
  const kept = await page
    .getByTestId('settings-form')
    .locator('textarea[name="sendTo"]')
    .inputValue()
  check(kept === sendTo, `the 发 line was not kept: 「${kept}」`)
  await shot(page, 'settings-1280x800')
  await page.getByTestId('tab-rounds').click()
  await page.getByTestId('round-list').getByText(roundName).click()
  await page.getByTestId('draft-round-bulletin').click()
  await page.getByText('已起草').waitFor()
  await page.getByTestId('tab-documents').click()
  const panel = page.getByTestId('document-panel')
  await panel.waitFor()
  await panel.getByTestId('suggestions').fill(suggestion)
  // 基本情况 and 存在的问题 come drafted from the data and are edited in place
  const lead = panel.getByTestId('basics-0')
  const draftedLead = await lead.inputValue()
  check(draftedLead.includes('第二督查组'), `the drafted lead names the teams: ${draftedLead}`)
  await lead.fill(`${draftedLead}${leadAddition}`)
  const problem = panel.getByTestId('problem-0')
  check((await problem.inputValue()).length > 0, 'the first 存在的问题 has no drafted summary')
  await problem.fill(problemSummary)
  await shot(page, 'bulletin-draft-1280x800')
  await panel.getByTestId('issue-document').click()
  await panel.getByTestId('issued-note').waitFor()
  const issuedNote = (await panel.getByTestId('issued-note').textContent()) ?? ''
  check(/年第\d+期/.test(issuedNote), `issued note: ${issuedNote}`)
  await shot(page, 'bulletin-issued-1280x800')
  const docx = await download(page, 'download-docx', 'bulletin.docx')
  const pdf = await download(page, 'download-pdf', 'bulletin.pdf')
  const docxText = squash(readDocx(docx).paragraphs.join(''))
  const pdfReading = readPdf(pdf, short ? undefined : path.join(out, 'bulletin-page'))
  const pdfText = squash(pdfReading.text.replace(/—\s*\d+\s*—/g, ''))
  for (const phrase of [
    roundName,
    '一、基本情况',
    '期间共发现问题3个',
    squash(suggestion),
    leadAddition,
    problemSummary,
    '第一督查组（组长：县委督查室主任李明；成员：王芳、赵强）',
    '第二督查组（组长：县政府督查室副主任陈静）',
    sendTo,
  ]) {
    check(docxText.includes(squash(phrase)), `DOCX lacks 「${phrase}」`)
    check(pdfText.includes(squash(phrase)), `PDF lacks 「${phrase}」`)
  }
  check(/NotoSerifCJKsc.*yes\s+yes\s+yes/.test(pdfReading.fonts), `PDF fonts: ${pdfReading.fonts}`)
  const again = await download(page, 'download-pdf', 'bulletin-again.pdf')
  check(Buffer.from(again).equals(Buffer.from(pdf)), 'the issued PDF changed between downloads')

  // 3. a 整改通知书 to 县城市管理局 for the round's issues of that unit
  await page
    .getByTestId('notice-form')
    .locator('select[name="unit"]')
    .selectOption('urban-management')
  const noticeForm = page.getByTestId('notice-form')
  await noticeForm.locator('input[type="checkbox"]').first().waitFor() // the unit's open issues
  let picked = 0
  for (const id of ids) {
    const box = noticeForm.locator(`input[value="${id}"]`)
    if (await box.count()) {
      await box.check()
      picked++
    }
  }
  check(picked >= 1, 'none of the round issues belongs to 县城市管理局')
  await noticeForm.getByRole('button', { name: /起草通知书/ }).click()
  await panel.getByText('整改通知书 · 县城市管理局').waitFor()
  await panel.getByTestId('issue-document').click()
  await panel.getByTestId('issued-note').waitFor()
  const noticeNote = (await panel.getByTestId('issued-note').textContent()) ?? ''
  check(
    noticeNote.includes('巍创整改〔') && noticeNote.includes('待签收'),
    `notice note: ${noticeNote}`,
  )
  await shot(page, 'notice-issued-1280x800')
  const noticePdf = await download(page, 'download-pdf', 'notice.pdf')
  await download(page, 'download-docx', 'notice.docx')
  const noticeText = squash(
    readPdf(noticePdf, short ? undefined : path.join(out, 'notice-page')).text,
  )
  check(noticeText.includes('整改通知书') && noticeText.includes('县城市管理局'), 'notice PDF text')
  await signOut(page)

  // 4. the unit operator sees the notice and signs for it
  await signIn(page, 'unit-um')
  const notices = page.getByTestId('unit-notices')
  await notices.getByTestId('receive-notice').first().waitFor() // the list, not just its heading
  const unitNoticeText = (await notices.textContent()) ?? ''
  check(
    /（\d{4}-\d{6}）/.test(unitNoticeText) && unitNoticeText.includes('查看问题'),
    `the unit's notice names no 问题编号 or link: ${unitNoticeText.slice(0, 200)}`,
  )
  await shot(page, 'unit-notice-1280x800')
  await notices.getByTestId('receive-notice').first().click()
  await notices.getByTestId('received').first().waitFor()
  await shot(page, 'unit-notice-received-1280x800')
  const events = await page.evaluate(async (id) => {
    const r = await fetch(`/api/issues/${id}`, { headers: { Accept: 'application/json' } })
    return ((await r.json()) as { events: { note?: string }[] }).events.map((e) => e.note ?? '')
  }, ids.find(Boolean) ?? '')
  log(`events of the first issue: ${events.filter(Boolean).join(' | ')}`)
  await signOut(page)

  for (const problem of watcher.problems) check(false, problem)
  if (!short) {
    for (const name of ['bulletin-page-1.png', 'notice-page-1.png']) {
      check(existsSync(path.join(out, name)), `${name} was not rendered`)
    }
  }
  log(
    `pdffonts:\n${execFileSync('pdffonts', [path.join(out, 'bulletin.pdf')], { encoding: 'utf8' })}`,
  )
}

await e2e.finish('supervision', run)
