// e2e for another place: `npm run e2e -- --place 411082` starts the server with PLACE=<code> (its
// own database and layers), opens the overview, wall, grids and planning screens in headless
// Chromium and checks that each shows the place's own name and no other place's name.
// Screenshots go to test/artifacts/e2e/place-<code>-<screen>.png.
import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  argValue,
  artifacts,
  createRun,
  freePort,
  launchBrowser,
  root,
  screenshot,
  startServer,
  waitForMap,
} from './harness.ts'

interface PlaceNames {
  code: string
  name: string
  shortName: string
}

const code = argValue('place') ?? ''
const placesDir = path.join(root, 'geodata/places')
const readPlace = (c: string) =>
  JSON.parse(readFileSync(path.join(placesDir, c, 'place.json'), 'utf8')) as PlaceNames
const own = readPlace(code)
const others = readdirSync(placesDir)
  .filter((c) => /^\d{6}$/.test(c) && c !== code)
  .map(readPlace)

// the county's bounding box, from its own county.geojson
const county = JSON.parse(readFileSync(path.join(placesDir, code, 'county.geojson'), 'utf8')) as {
  features: { geometry: { coordinates: number[][][] } }[]
}
const ring = county.features[0]?.geometry.coordinates[0] ?? []
const bbox: [number, number, number, number] = [
  Math.min(...ring.map((p) => p[0] as number)),
  Math.min(...ring.map((p) => p[1] as number)),
  Math.max(...ring.map((p) => p[0] as number)),
  Math.max(...ring.map((p) => p[1] as number)),
]

const e2e = createRun()
const { log, check } = e2e
const screens = [
  ['overview', '/'],
  ['wall', '/wall'],
  ['grids', '/grids'],
  ['planning', '/plan'],
] as const

async function run(): Promise<void> {
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), `inspection-e2e-${code}-`))
  e2e.tempDir = tempDir
  const server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
    PLACE: code,
    ATTACHMENTS_DIR: path.join(tempDir, 'attachments'),
  })
  e2e.server = server
  const browser = await launchBrowser()
  e2e.browser = browser
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  })
  for (const [screen, url] of screens) {
    const page = await context.newPage()
    await page.goto(`${server.base}${url}`)
    await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined)
    // every screen's map (the wall's too: reads are public here) waits for its first full frame,
    // then must be centred on the place's own county
    await waitForMap(page)
    const centre = await page.evaluate(() => window.__inspectionMap?.getCenter().toArray())
    const [w, s, e, n] = bbox
    check(
      !!centre && centre[0] > w && centre[0] < e && centre[1] > s && centre[1] < n,
      `${screen}: the map is not centred on the place (${centre})`,
    )
    const text = `${await page.title()}\n${await page.evaluate(() => document.body.innerText)}`
    check(text.includes(own.shortName), `${screen}: ${own.shortName} is not shown`)
    // the browser tab names the place too (a wall's tab, a bookmark)
    check((await page.title()).includes(own.shortName), `${screen}: the tab title names no place`)
    for (const o of others)
      for (const name of [o.name, o.shortName])
        check(!text.includes(name), `${screen}: mentions ${name} (${o.code})`)
    await screenshot(page, `place-${code}-${screen}`)
    log(`${screen}: “${await page.title()}”, ${text.length} characters, no other place named`)
    await page.close()
  }
}

await e2e.finish(`place ${code}`, run)
