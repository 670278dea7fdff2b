// The weekly 自查 of a market, as e2e:assessment runs it: the 县市场监督管理局's operator signs in to
// 巡查通 (/m) on a phone (390×844), opens the 点位测评 tab, picks a county-town 农贸市场 from the list of
// its own points (its own by 点长制, whatever grid it lies in), marks two items 不合格 with a photo on the first, submits, and
// the ledger holds exactly two new issues of the unit at that point, one per failed item, the photo on
// the first.
import type { Page } from 'playwright-core'
import { type E2eRun, demoPassword as password, phone, watch } from './harness.ts'

const operator = { username: 'unit-market', unitCode: 'market-regulation' }

interface Ledger {
  total: number
  items: { id: string; checkpointId?: string; description: string; responsibleUnit: string }[]
}

/** Reads with the page's session (cookies), as the screens do. */
function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { accept: 'application/json' } })
    return (await r.json()) as T
  }, url)
}

const selfCheckIssues = (page: Page) =>
  getJson<Ledger>(
    page,
    `/api/issues?unit=${operator.unitCode}&source=self-check&sort=-reportedAt&limit=10`,
  )

export async function selfCheck(
  e2e: E2eRun,
  base: string,
  io: { shot: (page: Page, name: string) => Promise<void>; png: Buffer },
): Promise<void> {
  const { log, check } = e2e
  if (!e2e.browser) throw new Error('no browser')
  const context = await e2e.browser.newContext({
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  await context.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
  const page = await context.newPage()
  const watcher = watch(page, [
    { status: 401, method: 'GET', url: /\/api\/session$/, why: 'a visitor has no session' },
  ])
  await page.goto(`${base}/m`)
  const login = page.getByTestId('m-login')
  await login.locator('input[name="username"]').fill(operator.username)
  await login.locator('input[name="password"]').fill(password)
  await login.locator('button[type="submit"]').tap()
  await page.locator('.m-tabs__tab[data-tab="inspect"]').tap({ timeout: 15_000 })
  log(`signed in to 巡查通 as ${operator.username}`)

  // the unit's own points, listed on the screen: tap a 农贸市场 (a county-town market, the unit's by 点长制)
  const own = page.getByTestId('m-own-points')
  const marketButton = own.locator('button[data-point]', { hasText: '农贸市场' }).first()
  await marketButton.waitFor({ timeout: 15_000 })
  const listed = await own.locator('button[data-point]').count()
  const id = (await marketButton.getAttribute('data-point')) ?? ''
  const market = await getJson<{ id: string; properties: { name: string; unitCode?: string } }>(
    page,
    `/collections/checkpoints/items/${id}`,
  )
  log(`本单位点位: ${listed}; 自查 of ${market.id} ${market.properties.name}`)
  check(
    market.properties.unitCode === operator.unitCode,
    `${id} is the 市场监管局's own point (${market.properties.unitCode})`,
  )
  await io.shot(page, 'self-check-own-points-phone')
  const before = await selfCheckIssues(page)
  await marketButton.tap()
  const cards = page.locator('li.m-card[data-item-code]')
  await cards.first().waitFor({ timeout: 15_000 })
  const count = await cards.count()
  check(count >= 4, `the market's checklist has ${count} items`)
  const failing = [1, count - 1] // a 静态 and a 动态 item (静态 come first)
  const failedTexts: string[] = []
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i)
    const fail = failing.includes(i)
    await card.locator(`button[data-result="${fail ? 'fail' : 'pass'}"]`).tap()
    if (fail) {
      const text = (await card.locator('fieldset').getAttribute('aria-label')) ?? ''
      failedTexts.push(text)
      if (failedTexts.length === 1) {
        await card
          .locator('input[type="file"]')
          .setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: io.png })
      }
    }
  }
  await cards.nth(failing[0] ?? 0).scrollIntoViewIfNeeded()
  await io.shot(page, 'self-check-market-phone')
  await page.getByTestId('m-inspect-submit').tap()
  const flash = page.getByTestId('m-flash')
  await flash.waitFor({ timeout: 20_000 })
  const said = (await flash.textContent()) ?? ''
  log(`the screen says: ${said}`)
  check(
    said.includes('2 项不合格') && said.includes('2 条问题'),
    `two failures → two issues (${said})`,
  )
  await flash.scrollIntoViewIfNeeded()
  await io.shot(page, 'self-check-submitted-phone')

  // the ledger: exactly two new self-check issues of the unit, at the market, one per failed item
  const after = await selfCheckIssues(page)
  check(
    after.total - before.total === 2,
    `the ledger gained ${after.total - before.total} self-check issues of ${operator.unitCode}`,
  )
  const known = new Set(before.items.map((i) => i.id))
  const fresh = after.items.filter((i) => !known.has(i.id)).slice(0, 2)
  for (const text of failedTexts) {
    const issue = fresh.find((i) => i.description.includes(`「${text}」`))
    check(
      issue && issue.checkpointId === market.id && issue.responsibleUnit === operator.unitCode,
      `an issue of ${operator.unitCode} at ${market.id} for 「${text}」`,
    )
  }
  const history = await getJson<{
    items: { kind: string; results: { itemCode: string; result: string; issueId?: string }[] }[]
  }>(page, `/api/checkpoints/${market.id}/inspections?limit=1`)
  const latest = history.items[0]
  const linked = latest?.results.filter((r) => r.result === 'fail').map((r) => r.issueId) ?? []
  check(latest?.kind === 'self', `the inspection is a 自查 (${latest?.kind})`)
  check(
    linked.length === 2 && linked.every((id) => fresh.some((i) => i.id === id)),
    `the failed items link to the two new issues (${linked.join(', ')})`,
  )
  const photoIssue = fresh.find((i) => i.description.includes(`「${failedTexts[0]}」`))
  const detail = photoIssue
    ? await getJson<{ attachments: { contentType: string }[] }>(
        page,
        `/api/issues/${photoIssue.id}`,
      )
    : { attachments: [] }
  check(
    detail.attachments.length === 1,
    `the first failure's issue has ${detail.attachments.length} photo(s), not 1`,
  )
  log(`自查 → ${fresh.map((i) => i.id).join(', ')}`)
  for (const problem of watcher.problems) check(false, problem)
  await context.close()
}
