// e2e of the base-map switch: a local XYZ tile server (this script; every tile a 256 px PNG of one
// colour drawn here) is configured through BASE_MAPS_FILE; the overview opens on the offline map
// without asking it for a tile, the layer panel's 底图来源 switches to it, the map draws its colour
// under the county line, the URL (?base=) and the credits say so, and switching back removes it.
// A county's own MBTiles file (written here, tiles of a second colour) is served by the product and
// drawn the same way. A phone opened on the remembered URL draws the tiles too. Screenshots at
// 1366×768 and 390×844.
// Run: `npm run e2e:basemap` (builds first). `--short` is accepted: the run is short already.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { writeMbtiles } from '../fixtures/tile-archives.ts'
import {
  createRun,
  type ExpectedResponse,
  freePort,
  launchBrowser,
  phoneContext,
  screenshot,
  settle,
  startServer,
  waitForMap,
  watch,
} from './harness.ts'
import { encodeRgbaPng, type Image } from './png.ts'

const tileColour = [208, 32, 122] as const // a magenta no theme of ours uses
const fileColour = [20, 150, 160] as const // the MBTiles file's teal
const fileZoom = 10 // the archive holds this zoom only; MapLibre draws it from zoom 9 (256 px tiles)
const fileBox = [99.5, 24.5, 101.2, 26] as const // around the county, WGS84 west, south, east, north
const tileSizePx = 256
const baseMapId = 'e2e-xyz'
const baseMapName = '测试瓦片服务'
const attribution = 'e2e 本地瓦片服务（测试生成）'
const expected: ExpectedResponse[] = [
  { status: 401, method: 'GET', url: /\/api\/session$/, why: 'the page asks who is signed in' },
]
const e2e = createRun()
const { log, check } = e2e

/** One tile: the colour, with a 2 px darker edge so the tile grid shows in the screenshots. */
function tilePng(colour: readonly [number, number, number] = tileColour): Uint8Array {
  const data = new Uint8Array(tileSizePx * tileSizePx * 4)
  for (let y = 0; y < tileSizePx; y++) {
    for (let x = 0; x < tileSizePx; x++) {
      const edge = x < 2 || y < 2
      const i = (y * tileSizePx + x) * 4
      data.set(edge ? colour.map((c) => c >> 1) : colour, i)
      data[i + 3] = 255
    }
  }
  return encodeRgbaPng({ width: tileSizePx, height: tileSizePx, data })
}

interface TileServer {
  server: Server
  requests: string[] // z/x/y asked for, in order
}

async function startTileServer(port: number): Promise<TileServer> {
  const png = tilePng()
  const requests: string[] = []
  const server = createServer((req, res) => {
    const match = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '')
    // MapLibre fetches tiles cross-origin: a tile server must allow it (as 天地图's does)
    res.setHeader('Access-Control-Allow-Origin', '*')
    if (!match) {
      res.writeHead(404).end()
      return
    }
    requests.push(`${match[1]}/${match[2]}/${match[3]}`)
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' }).end(png)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { server, requests }
}

/** The county's own MBTiles: every z10 tile over `fileBox`, in the file colour. */
function writeCountyMbtiles(file: string): void {
  const n = 2 ** fileZoom
  const x = (lng: number) => Math.floor(((lng + 180) / 360) * n)
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  }
  const png = tilePng(fileColour)
  const tiles = []
  for (let tx = x(fileBox[0]); tx <= x(fileBox[2]); tx++) {
    for (let ty = y(fileBox[3]); ty <= y(fileBox[1]); ty++)
      tiles.push({ z: fileZoom, x: tx, y: ty, data: png })
  }
  writeMbtiles(file, 'png', tiles)
}

/** Share of the map area's pixels (clear of the side panel, above the credits) in a colour. */
async function tileShare(
  page: Page,
  image: Image,
  colour: readonly [number, number, number] = tileColour,
): Promise<number> {
  const box = await page.evaluate(() => {
    const r = window.__inspectionMap?.getCanvas().getBoundingClientRect()
    const panel = document.querySelector('.side-panel')?.getBoundingClientRect()
    const credits = document.querySelector('.map-credits')?.getBoundingClientRect()
    let left = r?.left ?? 0
    let right = r?.right ?? 0
    // the floating panel covers one side of the map on a desktop (folded on a phone)
    if (panel && panel.width > 100 && panel.width < (r?.width ?? 0) / 2) {
      if (panel.left - left < right - panel.right) left = panel.right
      else right = panel.left
    }
    return { left, right, top: r?.top ?? 0, bottom: credits?.top ?? r?.bottom ?? 0 }
  })
  const scale = image.width / (page.viewportSize()?.width ?? image.width)
  let inColour = 0
  let all = 0
  for (let y = Math.ceil(box.top * scale); y < Math.floor(box.bottom * scale); y += 2) {
    for (let x = Math.ceil(box.left * scale); x < Math.floor(box.right * scale); x += 2) {
      const i = (y * image.width + x) * 4
      all++
      if (colour.every((c, k) => Math.abs((image.data[i + k] ?? 0) - c) <= 12)) inColour++
    }
  }
  return all ? inColour / all : 0
}

async function run() {
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-basemap-e2e-'))
  e2e.tempDir = tempDir
  const tiles = await startTileServer(await freePort())
  const tilePort = (tiles.server.address() as { port: number }).port
  const baseMapsFile = path.join(tempDir, 'base-maps.json')
  writeCountyMbtiles(path.join(tempDir, 'county.mbtiles'))
  await writeFile(
    baseMapsFile,
    JSON.stringify({
      baseMaps: [
        {
          id: baseMapId,
          name: baseMapName,
          type: 'raster',
          url: `http://127.0.0.1:${tilePort}/tiles/{z}/{x}/{y}.png`,
          attribution,
        },
        {
          id: 'county-file',
          name: '县自有底图',
          file: 'county.mbtiles',
          attribution: '县测绘院（测试）',
        },
      ],
    }),
  )
  try {
    e2e.server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
      BASE_MAPS_FILE: baseMapsFile,
    })
    const base = e2e.server.base
    check(
      e2e.server.output().includes(`可选底图：离线底图（默认）、${baseMapName}`),
      'the server names the configured base map at start',
    )
    const browser = await launchBrowser()
    e2e.browser = browser

    // desktop: only the county line on top, so the base map shows wherever the line is not
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
    const watcher = watch(page, expected)
    await page.goto(`${base}/?layers=boundaries`)
    await waitForMap(page)
    const offline = await screenshot(page, 'basemap-offline-1366x768')
    check(
      tiles.requests.length === 0,
      `the offline default asks the tile server for nothing (${tiles.requests.length})`,
    )
    check((await tileShare(page, offline)) < 0.01, 'the offline map has no tile colour')

    const switcher = page.getByTestId('basemap-switcher')
    check(await switcher.isVisible(), 'the layer panel offers the base maps')
    const names = await switcher.locator('label').allTextContents()
    check(
      names.join('|') === `离线底图|${baseMapName}|县自有底图`,
      `the switcher lists 离线底图 and ${baseMapName}: ${names.join('|')}`,
    )
    check(
      await switcher.locator('[data-basemap="offline"]').isChecked(),
      '离线底图 is chosen at start',
    )

    await switcher.locator(`[data-basemap="${baseMapId}"]`).check()
    await settle(page)
    const drawn = await screenshot(page, 'basemap-switched-1366x768')
    const share = await tileShare(page, drawn)
    log(
      `tile server: ${tiles.requests.length} tiles asked (${tiles.requests.slice(0, 4).join(', ')} …); tile colour on ${(share * 100).toFixed(1)} % of the map`,
    )
    check(tiles.requests.length > 0, 'switching asks the tile server for tiles')
    check(
      share > 0.2,
      `the map shows the tile colour (${(share * 100).toFixed(1)} % of its pixels)`,
    )
    // MapLibre's zoom counts 512 px tiles: 256 px tiles come one level deeper
    const zooms = [...new Set(tiles.requests.map((r) => Number(r.split('/')[0])))]
    const mapZoom = await page.evaluate(() => window.__inspectionMap?.getZoom() ?? -1)
    check(
      zooms.every((z) => Math.abs(z - (mapZoom + 1)) <= 1),
      `tiles of the map's zoom were asked (map ${mapZoom.toFixed(2)}, tiles ${zooms.join(', ')})`,
    )
    const order = await page.evaluate(() => {
      const ids = window.__inspectionMap?.getStyle().layers.map((l) => l.id) ?? []
      return {
        raster: ids.findIndex((id) => id.startsWith('configured-base-map')),
        county: ids.indexOf('county-line'),
      }
    })
    check(
      order.raster >= 0 && order.raster < order.county,
      `the tiles lie under the county line (style layers ${order.raster} < ${order.county})`,
    )
    await page
      .waitForFunction((id) => location.search.includes(`base=${id}`), baseMapId, { timeout: 5000 })
      .catch(() => undefined)
    check(page.url().includes(`base=${baseMapId}`), `the URL remembers the base map: ${page.url()}`)
    const credit =
      (await page
        .getByTestId('basemap-attribution')
        .textContent()
        .catch(() => '')) ?? ''
    check(credit.includes(attribution), `the credits name the base map's source: “${credit}”`)

    await switcher.locator('[data-basemap="offline"]').check()
    await settle(page)
    const back = await screenshot(page, 'basemap-back-offline-1366x768')
    check((await tileShare(page, back)) < 0.01, 'switching back to 离线底图 removes the tiles')
    check((await page.getByTestId('basemap-attribution').count()) === 0, 'and their credit')

    // the county's own MBTiles, served by the product at /api/basemaps/county-file/{z}/{x}/{y}
    const served: string[] = []
    page.on('response', (response) => {
      const match = /\/api\/basemaps\/county-file\/(\d+\/\d+\/\d+)$/.exec(response.url())
      if (match?.[1] && response.status() === 200) served.push(match[1])
    })
    await switcher.locator('[data-basemap="county-file"]').check()
    await settle(page)
    const fileShot = await screenshot(page, 'basemap-mbtiles-1366x768')
    const fileShare = await tileShare(page, fileShot, fileColour)
    log(
      `MBTiles: ${served.length} tiles served by the product; its colour on ${(fileShare * 100).toFixed(1)} %`,
    )
    check(served.length > 0, 'the product serves the MBTiles file’s tiles')
    check(fileShare > 0.2, `the map shows the MBTiles colour (${(fileShare * 100).toFixed(1)} %)`)
    e2e.failures.push(...watcher.problems)

    // phone, opened on the remembered URL: the base map is drawn from the start
    const asked = tiles.requests.length
    const context = await phoneContext(browser, base, [100.3, 25.22])
    const phonePage = await context.newPage()
    const phoneWatcher = watch(phonePage, expected)
    await phonePage.goto(`${base}/?layers=boundaries&base=${baseMapId}`)
    await waitForMap(phonePage)
    const phoneShot = await screenshot(phonePage, 'basemap-390x844')
    const phoneShare = await tileShare(phonePage, phoneShot)
    log(
      `phone: ${tiles.requests.length - asked} more tiles; tile colour on ${(phoneShare * 100).toFixed(1)} %`,
    )
    check(tiles.requests.length > asked, 'the phone asks the tile server for tiles')
    check(
      phoneShare > 0.2,
      `the phone's map shows the tile colour (${(phoneShare * 100).toFixed(1)} %)`,
    )
    e2e.failures.push(...phoneWatcher.problems)
  } finally {
    tiles.server.closeAllConnections()
    tiles.server.close()
  }
}

await e2e.finish('basemap', run)
