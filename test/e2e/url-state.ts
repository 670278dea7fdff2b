// e2e of the role screens' URL state (issue #22 item 2): a pasted link opens the overview, /grids
// and /plan on its tab and selection, and back/forward step through tab and selection changes; a
// pasted `?plan=` link brings the saved plan's weights and constraints.
// No map pixels: it waits for the panels, not the map. Run: `vite build && tsx test/e2e/url-state.ts`.
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  artifacts,
  createRun,
  demoPassword,
  type ExpectedResponse,
  freePort,
  launchBrowser,
  screenshot,
  startServer,
  watch,
} from './harness.ts'

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'the page asks who is signed in' },
  {
    status: 401,
    method: 'GET',
    url: /\/api\/grids\/history/,
    why: 'the audit history is for signed-in readers',
  },
]
const e2e = createRun()
const { log, check } = e2e
const timeout = 60_000

async function activeTab(page: Page): Promise<string | null> {
  const tab = page.locator('[role="tab"][aria-selected="true"]').first()
  await tab.waitFor({ timeout })
  return tab.getAttribute('data-tab')
}

/** Waits until the active tab is `want` (a history step re-renders after popstate). */
async function expectTab(page: Page, want: string, where: string) {
  await page
    .locator(`[role="tab"][aria-selected="true"][data-tab="${want}"]`)
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined)
  const got = await activeTab(page)
  log(`${where}: tab ${got}, ${new URL(page.url()).search || '(no query)'}`)
  check(got === want, `${where}: the ${want} tab is open, not ${got}`)
}

async function run() {
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-url-state-e2e-'))
  e2e.tempDir = tempDir
  e2e.server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
    DEMO_ACCOUNTS: 'true', // the planner saves the plan whose link is pasted
  })
  const base = e2e.server.base
  const browser = await launchBrowser()
  e2e.browser = browser
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  const watcher = watch(page, expected)

  // the overview: ?panel= and ?sel=
  await page.goto(`${base}/?panel=ledger`)
  await expectTab(page, 'ledger', 'overview, pasted ?panel=ledger')
  await page.locator('[data-tab="layers"]').click()
  await expectTab(page, 'layers', 'overview, after a click on 图层与图例')
  await page.goBack()
  await expectTab(page, 'ledger', 'overview, back')
  await page.goForward()
  await expectTab(page, 'layers', 'overview, forward')
  await page.goto(`${base}/?sel=villages/532927101207`)
  const feature = page.getByTestId('feature-panel')
  await feature.waitFor({ timeout }).catch(() => undefined)
  check(
    /532927101207/.test((await feature.textContent().catch(() => '')) ?? ''),
    'overview: a pasted ?sel= opens the village’s panel',
  )
  await feature
    .getByRole('button', { name: /关闭|×/ })
    .first()
    .click()
  await feature.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined)
  check(!new URL(page.url()).searchParams.has('sel'), 'overview: closing the panel drops ?sel=')
  await page.goBack()
  await feature.waitFor({ timeout: 10_000 }).catch(() => undefined)
  check(await feature.isVisible(), 'overview: back opens the village’s panel again')
  await screenshot(page, 'url-state-overview-back-1366x768')

  // /grids: ?tab= and ?grids=
  await page.goto(`${base}/grids?tab=history`)
  await expectTab(page, 'history', '/grids, pasted ?tab=history')
  await page.locator('[data-tab="list"]').click()
  await expectTab(page, 'list', '/grids, after a click on 网格列表')
  await page.goBack()
  await expectTab(page, 'history', '/grids, back')
  await page.goto(`${base}/grids`)
  const firstRow = page.locator('[data-grid-code]').first()
  await firstRow.waitFor({ timeout })
  const code = (await firstRow.getAttribute('data-grid-code')) ?? ''
  await page.goto(`${base}/grids?grids=${code}`)
  const row = page.locator(`[data-grid-code="${code}"][aria-selected="true"]`)
  await row.waitFor({ timeout }).catch(() => undefined)
  check(await row.isVisible(), `/grids: a pasted ?grids=${code} selects its row`)
  const second = page.locator('[data-grid-code]').nth(1)
  const secondCode = (await second.getAttribute('data-grid-code')) ?? ''
  await second.click()
  await page
    .locator(`[data-grid-code="${secondCode}"][aria-selected="true"]`)
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined)
  check(
    new URL(page.url()).searchParams.get('grids') === secondCode,
    `/grids: a row click writes ?grids=${secondCode}, the URL says ${page.url()}`,
  )
  await page.goBack()
  await row.waitFor({ timeout: 10_000 }).catch(() => undefined)
  check(await row.isVisible(), `/grids: back selects ${code} again`)
  await screenshot(page, 'url-state-grids-back-1366x768')

  // /plan: ?tab= and ?points=
  await page.goto(`${base}/plan?tab=forecast`)
  await expectTab(page, 'forecast', '/plan, pasted ?tab=forecast')
  await page.locator('[data-tab="demo"]').click()
  await expectTab(page, 'demo', '/plan, after a click on 示范点')
  await page.goBack()
  await expectTab(page, 'forecast', '/plan, back')
  await page.goto(`${base}/plan?points=cp-0036,cp-0001`)
  const count = page.getByTestId('selection-count')
  await count.waitFor({ timeout })
  await page
    .waitForFunction(
      () => document.querySelector('[data-testid="selection-count"]')?.textContent === '2',
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined)
  check((await count.textContent()) === '2', '/plan: a pasted ?points= holds its two points')
  await screenshot(page, 'url-state-plan-1366x768')

  // /plan?plan=: the saved plan's weights and constraints come with its link
  const planner = await browser.newContext()
  const headers = { 'x-requested-with': 'fetch' }
  await planner.request.post(`${base}/api/session`, {
    data: { username: 'planner', password: demoPassword },
    headers,
  })
  const saved = await planner.request.post(`${base}/api/plans`, {
    data: {
      name: '链接方案',
      checkpointIds: ['cp-0036', 'cp-0001'],
      weights: { density: 0, location: 9 },
      constraints: { size: 17 },
    },
    headers,
  })
  check(saved.ok(), `/plan: the planner saved a plan (${saved.status()})`)
  const { id } = (await saved.json()) as { id: string }
  await planner.close()
  await page.goto(`${base}/plan?plan=${id}&points=cp-0036,cp-0001`)
  const density = page.locator('input[data-factor="density"]')
  await density.waitFor({ timeout })
  await page
    .waitForFunction(
      () =>
        (document.querySelector('input[data-factor="location"]') as HTMLInputElement | null)
          ?.value === '9',
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined)
  const weights = [
    await density.inputValue(),
    await page.locator('input[data-factor="location"]').inputValue(),
  ]
  const size = await page.getByTestId('constraint-size').inputValue()
  log(`/plan?plan=: density ${weights[0]}, location ${weights[1]}, size ${size}`)
  check(
    weights.join() === '0,9' && size === '17',
    `/plan: a pasted ?plan= link restores the saved weights (0, 9) and size (17), got ${weights.join()} / ${size}`,
  )
  e2e.failures.push(...watcher.problems)
}

await e2e.finish('url-state', run)
