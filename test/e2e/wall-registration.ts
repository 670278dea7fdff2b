// e2e: the wall's deck.gl layers line up with the MapLibre base map at every screen size. For each
// of the 11 seats (10 township seats and the county seat) the script projects its coordinates through
// MapLibre's map.project(), then (1) asks deck.gl what it drew at that pixel (pickMultipleObjects on
// the seat dots: the seat itself must be there), and (2) finds the seat's dot in a screenshot by its
// colour and measures its centre against the projected pixel: ≤ 2 px. It also checks the shared
// canvas is drawn at the size it is shown, that the heatmap's hottest pixels centre on the county
// seat (where the demo's open issues are densest), and that the route loaded no other screen's code.
// Screenshots in test/artifacts/e2e/wall-registration-*.png.
// Dots a neighbour would merge with are measured again in a close-up (the map zoomed in on them).
// Each size is a fresh page load, timed: figures and map with its data (first paint).
// Run: `npm run e2e:registration` (builds first): 1366×768, 1920×1080, 2560×1440, 3840×2160 and
// 1080×1920. `-- --short` (CI): one load at 1920×1080, then the same page resized to 1366×768 and
// 1080×1920 (the resize path: the canvas, luma.gl's buffer and deck.gl must follow). `-- --size WxH`.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  argValue,
  artifacts,
  chromiumPath,
  createRun,
  freePort,
  jumpMap,
  launchBrowser,
  root,
  screenshot,
  settle,
  startServer,
} from './harness.ts'
import type { Image } from './png.ts'

const short = process.argv.includes('--short')
// `-- --size 2560x1440`: one size only, to look into it
const only = /^(\d+)x(\d+)$/.exec(argValue('size') ?? '')
const sizes: [number, number][] = only
  ? [[Number(only[1]), Number(only[2])]]
  : short
    ? [
        [1920, 1080], // the first load: first paint is measured at this size
        [1366, 768],
        [1080, 1920],
      ]
    : [
        [1366, 768],
        [1920, 1080],
        [2560, 1440],
        [3840, 2160],
        [1080, 1920],
      ]
const maxErrorPx = 2
const seatDotColor = [255, 72, 176] // client/roles/wall/wall-map.tsx seatDotColor
const colorTolerance = 24 // per channel: the dot's core, not its anti-aliased rim
const seatDotRadiusDesignPx = 6
const seatDotOutlineDesignPx = 1.5 // wall-map.tsx: getLineWidth 1.5 * scale

const e2e = createRun()
const { log, check } = e2e

interface Seat {
  code: string
  name: string
  lngLat: [number, number]
}

interface Probe {
  canvas: {
    drawn: [number, number]
    shown: [number, number]
    box: [number, number, number, number]
  }
  legend: [number, number, number, number] // page px; its colour bar holds the heat ramp
  scale: number
  seats: { code: string; x: number; y: number; picked: string[] }[]
}

/** Centre of the dot-coloured pixels in a box around (x, y), or undefined when there are few. */
function dotCentre(image: Image, x: number, y: number, half: number) {
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  let count = 0
  const [r0, g0, b0] = seatDotColor as [number, number, number]
  for (
    let py = Math.max(0, Math.floor(y - half));
    py <= Math.min(image.height - 1, y + half);
    py++
  ) {
    for (
      let px = Math.max(0, Math.floor(x - half));
      px <= Math.min(image.width - 1, x + half);
      px++
    ) {
      const i = (py * image.width + px) * 4
      const d = image.data
      if (
        Math.abs((d[i] ?? 0) - r0) <= colorTolerance &&
        Math.abs((d[i + 1] ?? 0) - g0) <= colorTolerance &&
        Math.abs((d[i + 2] ?? 0) - b0) <= colorTolerance
      ) {
        count++
        minX = Math.min(minX, px)
        maxX = Math.max(maxX, px)
        minY = Math.min(minY, py)
        maxY = Math.max(maxY, py)
      }
    }
  }
  if (count < 4) return undefined
  // pixel centres: a dot covering columns 10..20 is centred on 15.5
  return { x: (minX + maxX + 1) / 2, y: (minY + maxY + 1) / 2, count }
}

/** A fresh page at this size: first paint, the route's code, then the registration. */
async function checkSize(
  base: string,
  token: string,
  seats: Seat[],
  [width, height]: [number, number],
): Promise<Page> {
  const browser = e2e.browser
  if (!browser) throw new Error('no browser')
  const label = `${width}×${height}`
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 })
  await context.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
  // first paint timed by the page itself (ms since navigation), not by when a poll noticed it
  await context.addInitScript(() => {
    const times: { figures?: number; map?: number } = {}
    ;(window as unknown as { __firstPaint: typeof times }).__firstPaint = times
    new MutationObserver(() => {
      const at = performance.now()
      if (!times.figures && document.querySelector('.wall-kpis__grid[data-ready="true"]'))
        times.figures = at
      if (!times.map && document.querySelector('.map-view[data-ready="true"]')) times.map = at
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] })
  })
  const page = await context.newPage()
  const scripts: { url: string; body: Promise<string> }[] = []
  page.on('response', (response) => {
    if (/\.m?js$/.test(new URL(response.url()).pathname)) {
      scripts.push({ url: response.url(), body: response.text().catch(() => '') })
    }
  })
  await page.goto(`${base}/wall?token=${token}&layer=heatmap`)
  // first paint: the figures (KPIs drawn), then the map with its data
  await page.waitForSelector('.wall-kpis__grid[data-ready="true"]', { timeout: 120_000 })
  // SwiftShader on a shared 2-core machine: a 2560×1440 or 4K first frame can take minutes
  await page.waitForFunction(() => window.__mapReady === true, null, {
    timeout: 400_000,
    polling: 250,
  })
  const { figures: figuresMs = Number.NaN, map: mapMs = Number.NaN } = await page.evaluate(
    () => (window as unknown as { __firstPaint: { figures?: number; map?: number } }).__firstPaint,
  )
  // the wall's route loads the wall's code only: no other screen, no terra-draw
  const others = scripts.filter((s) => /(overview|grids|planning)-screen/.test(s.url))
  check(others.length === 0, `${label}: the wall loaded ${others.map((s) => s.url).join(', ')}`)
  for (const s of scripts) {
    if ((await s.body).includes('TerraDraw')) check(false, `${label}: ${s.url} holds terra-draw`)
  }
  log(
    `${label}: figures after ${(figuresMs / 1000).toFixed(1)} s, map with its data after ${(mapMs / 1000).toFixed(1)} s (load average ${loadavg()[0]?.toFixed(2)})`,
  )
  await measure(page, label, seats)
  return page
}

/** The same page resized: the wall re-fits, the map and deck.gl follow. */
async function resizeTo(page: Page, seats: Seat[], [width, height]: [number, number]) {
  const label = `${width}×${height} (resized)`
  const t0 = Date.now()
  await page.setViewportSize({ width, height })
  // the wall's box re-fitted, then MapLibre's canvas sized to its new box
  await page.waitForFunction(
    ({ w, h }) => {
      const wall = document.querySelector<HTMLElement>('[data-testid="wall"]')
      const canvas = window.__inspectionMap?.getCanvas()
      if (!wall || !canvas?.parentElement) return false
      const scale = Math.min(w / 1920, h / 1080)
      return (
        Math.abs(wall.getBoundingClientRect().width - 1920 * scale) < 1 &&
        canvas.width === Math.round(canvas.parentElement.clientWidth)
      )
    },
    { w: width, h: height },
    { timeout: 120_000, polling: 100 },
  )
  await settle(page)
  log(`${label}: redrawn after ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  await measure(page, label, seats, false) // CI time: the crowded seats are picked, not measured
}

/**
 * Projects every seat, picks it through deck.gl and finds its dot in a screenshot: ≤ 2 px. Dots
 * too close to a neighbour to be told apart (the county seat and 南诏镇) are measured again with
 * the map zoomed in on them, then the view is put back.
 */
async function measure(page: Page, label: string, seats: Seat[], closeUps = true) {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 }
  const name = (code: string) => seats.find((s) => s.code === code)?.name ?? code
  const file = `wall-registration-${width}x${height}${label.includes('resized') ? '-resized' : ''}`
  const probe = await probeSeats(page, seats)
  const [dw, dh] = probe.canvas.drawn
  const [sw, sh] = probe.canvas.shown
  check(
    dw === sw && dh === sh,
    `${label}: the map canvas is drawn ${dw}×${dh} but shown ${sw}×${sh}`,
  )
  for (const seat of probe.seats) {
    check(
      seat.picked.includes(seat.code),
      `${label}: deck.gl drew no ${name(seat.code)} dot at its projected pixel (${seat.x.toFixed(1)}, ${seat.y.toFixed(1)}); picked ${seat.picked.join(',') || 'nothing'}`,
    )
  }
  // the overdue pulses are DOM markers over the canvas, not deck.gl's: their animated red glow
  // can cover a dot's rim and shift its measured centre, so they are hidden while measuring
  await showPulses(page, false)
  const errors = new Map<string, number>() // seat code → px
  const image = await screenshot(page, file)
  measureDots(image, probe, label, name, errors)
  checkHeat(image, probe, label, !label.includes('resized'))
  const crowded = probe.seats.filter((s) => !errors.has(s.code))
  if (crowded.length && closeUps) {
    const view = await page.evaluate(() => {
      const map = window.__inspectionMap
      if (!map) throw new Error('no map')
      return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() }
    })
    for (const seat of crowded) {
      if (errors.has(seat.code)) continue // measured in an earlier close-up
      const lngLat = seats.find((s) => s.code === seat.code)?.lngLat
      if (lngLat) await jumpMap(page, { center: lngLat, zoom: view.zoom + closeUpZoomIn })
      await settle(page)
      const close = await probeSeats(page, seats)
      const image = await screenshot(page, `${file}-close-up-${seat.code}`)
      measureDots(image, close, `${label}, close-up`, name, errors)
      check(errors.has(seat.code), `${label}: the ${name(seat.code)} dot is crowded even close up`)
    }
    await jumpMap(page, view)
    await settle(page)
  }
  await showPulses(page, true)
  const worst = Math.max(0, ...errors.values())
  log(
    `${label}: canvas drawn ${dw}×${dh}, shown ${sw}×${sh}; ${probe.seats.length} seats picked at their pixels; ` +
      `${errors.size} dots measured in the screenshots (${closeUps ? crowded.length : 0} close up), worst ${worst.toFixed(2)} px`,
  )
}

async function showPulses(page: Page, shown: boolean) {
  await page.evaluate(
    (visibility) => {
      for (const el of document.querySelectorAll<HTMLElement>('.wall-pulse')) {
        el.style.visibility = visibility
      }
    },
    shown ? '' : 'hidden',
  )
}

const closeUpZoomIn = 2 // zoom levels: neighbours 4× further apart, the dots the same size

async function probeSeats(page: Page, seats: Seat[]): Promise<Probe> {
  return page.evaluate((list) => {
    const map = window.__inspectionMap
    const overlay = window.__deckOverlay
    if (!map || !overlay) throw new Error('the map or its deck.gl overlay is not exposed')
    const canvas = map.getCanvas()
    const box = canvas.getBoundingClientRect()
    const wall = document.querySelector<HTMLElement>('[data-testid="wall"]')
    const scale = wall ? wall.getBoundingClientRect().width / 1920 : 1
    const legend = document.querySelector('[data-testid="map-legend"]')?.getBoundingClientRect()
    return {
      legend: legend
        ? ([legend.left, legend.top, legend.right, legend.bottom] as [
            number,
            number,
            number,
            number,
          ])
        : ([0, 0, 0, 0] as [number, number, number, number]),
      canvas: {
        drawn: [canvas.width, canvas.height] as [number, number],
        shown: [canvas.clientWidth, canvas.clientHeight] as [number, number],
        box: [box.left, box.top, box.right, box.bottom] as [number, number, number, number],
      },
      scale,
      seats: list.map((seat) => {
        const p = map.project(seat.lngLat)
        const rect = canvas.getBoundingClientRect()
        const picks = overlay.pickMultipleObjects({
          x: p.x,
          y: p.y,
          radius: 0,
          depth: 4,
          layerIds: ['wall-seats'],
        })
        return {
          code: seat.code,
          x: p.x + rect.left, // page px, as in the screenshot
          y: p.y + rect.top,
          picked: picks.map((info) => String((info.object as { code?: string })?.code ?? '')),
        }
      }),
    }
  }, seats)
}

const heatCore = [
  [254, 176, 120], // the heat ramp's two hottest stops (client/features/stats/layers.ts heatmapRamp)
  [252, 253, 191],
] as const
const heatTolerance = 28
const heatToSeatMaxDesignPx = 60 // the demo's densest open issues are in and around the county seat

/**
 * The heatmap is drawn where its issues are: its hottest pixels on the map centre on the county
 * seat, where the demo's open issues are densest (a weights texture mapped to the wrong box puts
 * them over another township).
 */
function checkHeat(image: Image, probe: Probe, label: string, firstLoad: boolean) {
  const [left, top, right, bottom] = probe.canvas.box.map(Math.round) as [
    number,
    number,
    number,
    number,
  ]
  const [lx0, ly0, lx1, ly1] = probe.legend
  let count = 0
  let sumX = 0
  let sumY = 0
  for (let y = Math.max(0, top); y < Math.min(image.height, bottom); y++) {
    for (let x = Math.max(0, left); x < Math.min(image.width, right); x++) {
      if (x >= lx0 && x <= lx1 && y >= ly0 && y <= ly1) continue // the legend's ramp
      const i = (y * image.width + x) * 4
      const d = image.data
      const hot = heatCore.some(
        ([r, g, b]) =>
          Math.abs((d[i] ?? 0) - r) <= heatTolerance &&
          Math.abs((d[i + 1] ?? 0) - g) <= heatTolerance &&
          Math.abs((d[i + 2] ?? 0) - b) <= heatTolerance,
      )
      if (!hot) continue
      count++
      sumX += x + 0.5
      sumY += y + 0.5
    }
  }
  // a small screen's heat is faint (its radius shrinks with the screen): the first load must show
  // the hot core; a resized portrait screen may not reach the hottest colours at all
  check(
    count >= 20 || !firstLoad,
    `${label}: the heatmap's hottest colours cover only ${count} pixels of the map`,
  )
  const seat = probe.seats.find((s) => s.code.length === 6) // the county seat (6-digit code)
  if (!seat) throw new Error('no county seat among the seats')
  if (count < 20) {
    log(`${label}: the heatmap does not reach its hottest colours at this size (${count} px)`)
    return
  }
  const off = Math.hypot(sumX / count - seat.x, sumY / count - seat.y)
  check(
    off <= heatToSeatMaxDesignPx * probe.scale,
    `${label}: the heatmap's hot core is ${off.toFixed(0)} px from the county seat`,
  )
  log(`${label}: heatmap hot core ${off.toFixed(0)} px from the county seat (${count} px)`)
}

/** Measures each dot on the map with no neighbour close enough to merge with it. */
function measureDots(
  image: Image,
  probe: Probe,
  label: string,
  name: (code: string) => string,
  errors: Map<string, number>,
) {
  const radius = seatDotRadiusDesignPx * probe.scale
  const outline = seatDotOutlineDesignPx * probe.scale
  const [left, top, right, bottom] = probe.canvas.box
  const margin = radius + 3
  for (const seat of probe.seats) {
    if (errors.has(seat.code)) continue
    const inside =
      seat.x >= left + margin &&
      seat.x <= right - margin &&
      seat.y >= top + margin &&
      seat.y <= bottom - margin
    if (!inside) continue // off the map in a close-up (its pick, in the full view, is checked)
    // a neighbour's dot (radius plus its outline) reaching into this one's search box
    const crowded = probe.seats.some(
      (o) => o !== seat && Math.hypot(o.x - seat.x, o.y - seat.y) < 2 * radius + outline + 6,
    )
    if (crowded) continue
    const centre = dotCentre(image, seat.x, seat.y, radius + 3) // the dot, a registration error of a few px, no neighbour
    if (!centre) {
      check(
        false,
        `${label}: no ${name(seat.code)} dot in the screenshot near (${seat.x.toFixed(1)}, ${seat.y.toFixed(1)})`,
      )
      errors.set(seat.code, Number.POSITIVE_INFINITY)
      continue
    }
    const error = Math.hypot(centre.x - seat.x, centre.y - seat.y)
    errors.set(seat.code, error)
    check(
      error <= maxErrorPx,
      `${label}: the ${name(seat.code)} dot is centred ${error.toFixed(1)} px from its projected pixel`,
    )
  }
}

async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npx vite build` first')
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found (set CHROMIUM_PATH)`)
  await mkdir(artifacts, { recursive: true })
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-registration-e2e-'))
  e2e.tempDir = tempDir
  const server = await startServer(await freePort(), path.join(tempDir, 'inspection.db'), {
    READ_ACCESS: 'authenticated',
  })
  e2e.server = server
  const token = /大屏只读令牌[^：]*：(\S+)/.exec(server.output())?.[1]
  if (!token) throw new Error(`the server printed no display token:\n${server.output()}`)
  const response = await fetch(`${server.base}/collections/seats/items?limit=100`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/geo+json' },
  })
  const body = (await response.json()) as {
    features: { properties: { code: string; name: string }; geometry: { coordinates: number[] } }[]
  }
  const seats: Seat[] = body.features.map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
    lngLat: [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0],
  }))
  check(
    seats.length === 11,
    `expected 11 seats (10 townships and the county seat), got ${seats.length}`,
  )
  e2e.browser = await launchBrowser()
  if (short) {
    // one fresh load, then the same page resized: each size costs a few frames, not a first load
    const [first, ...rest] = sizes
    if (!first) throw new Error('no sizes')
    const page = await checkSize(server.base, token, seats, first)
    for (const size of rest) await resizeTo(page, seats, size)
    await page.context().close()
  } else {
    for (const size of sizes)
      await (await checkSize(server.base, token, seats, size)).context().close()
  }
  await tokenPage(server.base) // after the wall: the bundle is cached by then
}

/** A wrong or missing token: one full-screen Chinese page that says what to do. */
async function tokenPage(base: string): Promise<void> {
  const context = await e2e.browser?.newContext({ viewport: { width: 1920, height: 1080 } })
  if (!context) throw new Error('no browser')
  const page = await context.newPage()
  for (const [query, title] of [
    ['?token=wrongwrongwrongwrongwrongwrongwrongwrong123', '大屏令牌无效或已更换'],
    ['', '缺少大屏令牌'],
  ] as const) {
    await page.goto(`${base}/wall${query}`)
    const shown = await page
      .getByTestId('wall-token-page')
      .waitFor({ timeout: 180_000 }) // first load of the bundle on a loaded machine
      .then(() => true)
      .catch(() => false)
    check(shown, `/wall${query ? ' with a wrong token' : ' without a token'}: no token page`)
    if (!shown) continue
    const text = (await page.getByTestId('wall-token-page').textContent()) ?? ''
    check(
      text.includes(title) && text.includes('npm run display-token'),
      `the token page reads “${text.slice(0, 80)}”`,
    )
    const smallest = await page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll('[data-testid="wall-token-page"] *')].map((el) =>
          Number.parseFloat(getComputedStyle(el).fontSize),
        ),
      ),
    )
    check(smallest >= 24, `the token page has text of ${smallest} px`)
  }
  await screenshot(page, 'wall-token-page-1920x1080')
  log('a wrong and a missing token each show the full-screen token page')
  await context.close()
}

await e2e.finish('wall registration', run, () => `${sizes.length} sizes`)
