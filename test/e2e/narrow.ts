// e2e of the desktop screens on a phone (390×844, touch): the overview, /grids and /plan keep their
// map visible and their disclaimer readable (not one character wide), /plan opens on the map with its
// panel folded and unfolds it as a bottom sheet, and the wall says in Chinese that it is meant for a
// large screen and links to /m. Screenshots at 390×844. Run: `npm run e2e:narrow` (builds first).
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  artifacts,
  createRun,
  type ExpectedResponse,
  freePort,
  launchBrowser,
  phone,
  phoneContext,
  screenshot,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'

const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'the page asks who is signed in' },
  { status: 401, method: 'GET', url: /\/api\/stats\//, why: 'the wall without its token' },
]
const e2e = createRun()
const { log, check } = e2e

async function box(page: Page, selector: string) {
  return page.locator(selector).first().boundingBox()
}

/** The disclaimer is one line or two across most of the screen, not a column of single characters. */
async function checkDisclaimer(page: Page, where: string) {
  const b = await box(page, '.map-credits__disclaimer')
  check(
    b !== null && b.width >= phone.width * 0.6 && b.height < 60,
    `${where}: the disclaimer is ${Math.round(b?.width ?? 0)}×${Math.round(b?.height ?? 0)} px`,
  )
}

async function run() {
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-narrow-e2e-'))
  e2e.tempDir = tempDir
  e2e.server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'))
  const base = e2e.server.base
  const browser = await launchBrowser()
  e2e.browser = browser
  const context = await phoneContext(browser, base, [100.3, 25.22], 10)
  const page = await context.newPage()
  const watcher = watch(page, expected)

  await page.goto(`${base}/`)
  await waitForMap(page)
  await checkDisclaimer(page, 'overview')
  await screenshot(page, 'narrow-overview-390x844')

  await page.goto(`${base}/grids`)
  await waitForMap(page)
  const gridsMap = await box(page, '.grids-map')
  check(
    gridsMap !== null && gridsMap.width >= phone.width - 2 && gridsMap.height >= 300,
    `/grids: the map is ${Math.round(gridsMap?.width ?? 0)}×${Math.round(gridsMap?.height ?? 0)} px`,
  )
  await checkDisclaimer(page, '/grids')
  await screenshot(page, 'narrow-grids-390x844')

  await page.goto(`${base}/plan`)
  await waitForMap(page)
  check(
    (await page.locator('.side-panel.is-collapsed').count()) === 1,
    '/plan opens on the map, its panel folded',
  )
  await checkDisclaimer(page, '/plan')
  await screenshot(page, 'narrow-plan-390x844')
  await page.locator('.side-panel').getByRole('button', { name: '展开' }).tap()
  const sheet = await box(page, '.side-panel')
  check(
    sheet !== null && sheet.y > phone.height * 0.3 && sheet.width >= phone.width - 30,
    `/plan: the unfolded panel is a bottom sheet at y=${Math.round(sheet?.y ?? 0)}, ${Math.round(sheet?.width ?? 0)} px wide`,
  )
  await screenshot(page, 'narrow-plan-sheet-390x844')

  await page.goto(`${base}/wall`)
  const notice = page.getByTestId('wall-small-screen')
  await notice.waitFor({ timeout: 30_000 }).catch(() => undefined)
  const visible = await notice.isVisible()
  const text = visible ? ((await notice.textContent()) ?? '') : ''
  const href = visible ? await notice.locator('a').getAttribute('href') : null
  log(`wall: “${text.slice(0, 40)}”, link ${href}`)
  check(visible && /大屏幕/.test(text), 'the wall says it is meant for a large screen')
  if (href !== null) {
    check(new URL(href, page.url()).pathname === '/m', `the wall links to /m, not ${href}`)
  }
  await screenshot(page, 'narrow-wall-390x844')
  e2e.failures.push(...watcher.problems)
}

await e2e.finish('narrow', run)
