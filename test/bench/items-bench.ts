// Seeded benchmark of GET /collections/issues/items with a bbox and limit=1000: the store call alone,
// the same request through the Express app (server-side time and round trip), and a full-scan
// baseline without the R*Tree — on the demo data and on a generated 1,000,000-issue database.
//   npm run bench              1,000,000 issues (about a minute to build)
//   npm run bench -- --short   100,000 issues, fewer iterations (CI)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createApp } from '../../server/app.ts'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import { issueCategories, issueStatuses } from '../../server/domain/issue.ts'
import { departmentUnits } from '../../server/domain/units.ts'
import type { Bbox } from '../../server/ogc/feature-query.ts'
import { loadGeodata } from '../../server/storage/load-geodata.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { mulberry32 } from '../builders.ts'

const args = new Set(process.argv.slice(2))
const short = args.has('--short')
const settings = {
  bigCount: short ? 100_000 : 1_000_000, // issues in the generated database
  iterations: short ? 60 : 300, // timed requests per scenario (after 10% warm-up)
  limit: 1000, // features per page
  seed: 20261122,
}
const countyBbox: Bbox = [99.925562, 24.943778, 100.423664, 25.539712] // geodata.md §1
const countySeat: [number, number] = [100.30603, 25.230114]
const issuesDef = findCollection('issues') as CollectionDef

interface Scenario {
  name: string
  halfSizeDeg?: number // half the side of a square bbox centred on a random issue; absent = county-wide
}
const scenarios: Scenario[] = [
  { name: 'bbox 0.01° (≈1 km)', halfSizeDeg: 0.005 },
  { name: 'bbox 0.04° (≈4 km)', halfSizeDeg: 0.02 },
  { name: 'county bbox', halfSizeDeg: undefined },
]

// ---- data ------------------------------------------------------------------------------------

function readDemoIssues(): GeoJsonFeature[] | undefined {
  try {
    const fc = JSON.parse(readFileSync('geodata/issues.geojson', 'utf8')) as {
      features: GeoJsonFeature[]
    }
    return fc.features
  } catch {
    return undefined
  }
}

/** Positions to grow issues around: the demo issues, or seeded clusters if geodata is not built. */
function demoSpread(random: () => number): [number, number][] {
  const demo = readDemoIssues()
  if (demo) return demo.map((f) => (f.geometry as { coordinates: [number, number] }).coordinates)
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  return Array.from({ length: 2500 }, () => {
    const core = random() < 0.7
    const [x, y] = core
      ? [countySeat[0] + gauss() * 0.012, countySeat[1] + gauss() * 0.012]
      : [
          countyBbox[0] + random() * (countyBbox[2] - countyBbox[0]),
          countyBbox[1] + random() * (countyBbox[3] - countyBbox[1]),
        ]
    return [x, y]
  })
}

function generateIssues(
  count: number,
  centres: [number, number][],
  random: () => number,
): GeoJsonFeature[] {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
  const seedNow = Date.parse('2026-11-22T00:00:00Z')
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  return Array.from({ length: count }, (_, i) => {
    const [cx, cy] = pick(centres)
    const reported = seedNow - Math.floor(random() * 90 * 86_400_000)
    const status = pick(issueStatuses)
    return {
      type: 'Feature',
      id: `bench-${i + 1}`,
      geometry: {
        type: 'Point',
        // ≈ 50 m jitter around a demo position, 6 decimals like the geodata
        coordinates: [
          Number((cx + gauss() * 0.0005).toFixed(6)),
          Number((cy + gauss() * 0.0005).toFixed(6)),
        ],
      },
      properties: {
        category: pick(issueCategories),
        description: '背街小巷暴露垃圾，需清运并落实门前三包（示意）',
        status,
        reportedAt: iso(reported),
        updatedAt: iso(reported + 86_400_000),
        deadlineAt: iso(reported + 3 * 86_400_000),
        ...(status === 'closed' ? { closedAt: iso(reported + 2 * 86_400_000) } : {}),
        responsibleUnit: pick(departmentUnits).code,
        checkpointId: `cp-${Math.floor(random() * 600)}`,
        gridCode: `532927101001${String(1 + Math.floor(random() * 30)).padStart(3, '0')}`,
        townshipCode: '532927101',
        synthetic: true,
      },
    }
  })
}

// ---- timing ----------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}
function summary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1)

function bboxes(
  scenario: Scenario,
  centres: [number, number][],
  n: number,
  random: () => number,
): Bbox[] {
  return Array.from({ length: n }, () => {
    if (scenario.halfSizeDeg === undefined) return countyBbox
    const [x, y] = centres[Math.floor(random() * centres.length)] as [number, number]
    const h = scenario.halfSizeDeg
    return [x - h, y - h, x + h, y + h]
  })
}

function httpGet(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { accept: 'application/geo+json' } },
      (res) => {
        res.on('data', () => {})
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`${res.statusCode}`)),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

interface Row {
  dataset: string
  scenario: string
  matched: number
  store: { p50: number; p99: number }
  server: { p50: number; p99: number }
  roundTrip: { p50: number; p99: number }
  fullScan: { p50: number; p99: number }
}

async function measure(
  dataset: string,
  store: Store,
  dbFile: string | undefined,
  centres: [number, number][],
): Promise<Row[]> {
  const serverMs: number[] = []
  const app = createApp({
    store,
    config: { distDir: '/nonexistent' },
    log: (line) => {
      const ms = /(\d+\.\d)ms$/.exec(line)?.[1]
      if (ms) serverMs.push(Number(ms))
    },
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  const { port } = server.address() as AddressInfo
  // baseline: the same selection without the R*Tree, on its own connection to the same data
  const scanDb = dbFile ? new Database(dbFile, { readonly: true }) : undefined
  scanDb?.pragma('cache_size = -1048576')
  const scanCount = scanDb?.prepare(
    `SELECT count(*) FROM features NOT INDEXED WHERE collection = 'issues'
     AND minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?`,
  )
  const scanPage = scanDb?.prepare(
    `SELECT json FROM features NOT INDEXED WHERE collection = 'issues'
     AND minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? ORDER BY fid LIMIT ${settings.limit}`,
  )

  const rows: Row[] = []
  for (const scenario of scenarios) {
    const random = mulberry32(settings.seed)
    const warm = Math.ceil(settings.iterations / 10)
    const boxes = bboxes(scenario, centres, settings.iterations + warm, random)
    const storeMs: number[] = []
    const tripMs: number[] = []
    const scanMs: number[] = []
    const matched: number[] = []
    serverMs.length = 0
    // a fresh keep-alive connection per scenario: the full-scan baseline can idle one past its timeout
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    for (const [i, bbox] of boxes.entries()) {
      const t0 = performance.now()
      const page = await store.features('issues', {
        bbox,
        properties: {},
        limit: settings.limit,
        offset: 0,
      })
      const t1 = performance.now()
      const trip = await httpGet(
        agent,
        port,
        `/collections/issues/items?bbox=${bbox.join(',')}&limit=${settings.limit}`,
      )
      if (i < warm) continue
      storeMs.push(t1 - t0)
      tripMs.push(trip)
      matched.push(page.numberMatched)
    }
    agent.destroy()
    const timedServer = serverMs.slice(warm)
    if (scanCount && scanPage) {
      for (const bbox of boxes.slice(0, Math.min(30, boxes.length))) {
        const [w, s, e, n] = bbox
        const t0 = performance.now()
        scanCount.pluck().get(e, w, n, s)
        scanPage.pluck().all(e, w, n, s)
        scanMs.push(performance.now() - t0)
      }
    }
    rows.push({
      dataset,
      scenario: scenario.name,
      matched: summary(matched).p50,
      store: summary(storeMs),
      server: summary(timedServer),
      roundTrip: summary(tripMs),
      fullScan: scanMs.length ? summary(scanMs) : { p50: Number.NaN, p99: Number.NaN },
    })
  }
  server.close()
  scanDb?.close()
  return rows
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const random = mulberry32(settings.seed)
  const dir = mkdtempSync(join(tmpdir(), 'weishan-bench-'))
  const rows: Row[] = []
  try {
    // the demo data, loaded the way the server loads it on first start
    const demoFile = join(dir, 'demo.db')
    const demo = await openSqliteStore(demoFile)
    const hasGeodata = readDemoIssues() !== undefined
    if (hasGeodata) await loadGeodata(demo, { dir: 'geodata', rebaseTo: false })
    const centres = demoSpread(random)
    if (!hasGeodata) {
      await demo.loadCollections([
        { def: issuesDef, features: generateIssues(centres.length, centres, random) },
      ])
    }
    const demoCount = (await demo.collectionStats()).get('issues')?.count ?? 0
    rows.push(
      ...(await measure(
        `demo (${demoCount.toLocaleString('en')} issues)`,
        demo,
        demoFile,
        centres,
      )),
    )
    await demo.close()

    // the big table, built in one transaction with a large page cache
    const bigFile = join(dir, 'big.db')
    const big = await openSqliteStore(bigFile, { cacheSizeMiB: 1024 })
    const t0 = performance.now()
    const features = generateIssues(settings.bigCount, centres, random)
    const t1 = performance.now()
    await big.loadCollections([{ def: issuesDef, features }])
    const t2 = performance.now()
    console.log(
      `generated ${settings.bigCount.toLocaleString('en')} issues in ${((t1 - t0) / 1000).toFixed(1)} s, ` +
        `loaded (one transaction, R*Tree + indexes) in ${((t2 - t1) / 1000).toFixed(1)} s`,
    )
    features.length = 0
    rows.push(
      ...(await measure(`${settings.bigCount.toLocaleString('en')} issues`, big, bigFile, centres)),
    )
    await big.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  const cpu = cpus()
  console.log(
    `\nGET /collections/issues/items?bbox=…&limit=${settings.limit} — ${settings.iterations} requests per row, seed ${settings.seed}` +
      `\n${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}` +
      '\nms per request (p50 / p99); "server" = request log time in the Express app; ' +
      'full scan = the same count + page without the R*Tree\n',
  )
  const header = [
    'dataset',
    'bbox',
    'matched (p50)',
    'store',
    'server',
    'round trip',
    'full scan',
    'speed-up',
  ]
  const lines = rows.map((r) => [
    r.dataset,
    r.scenario,
    r.matched.toLocaleString('en'),
    `${fmt(r.store.p50)} / ${fmt(r.store.p99)}`,
    `${fmt(r.server.p50)} / ${fmt(r.server.p99)}`,
    `${fmt(r.roundTrip.p50)} / ${fmt(r.roundTrip.p99)}`,
    Number.isNaN(r.fullScan.p50) ? '–' : `${fmt(r.fullScan.p50)} / ${fmt(r.fullScan.p99)}`,
    Number.isNaN(r.fullScan.p50) ? '–' : `${(r.fullScan.p50 / r.store.p50).toFixed(1)}×`,
  ])
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`)
  for (const line of lines) console.log(`| ${line.join(' | ')} |`)
  const target = rows.find(
    (r) =>
      r.dataset.startsWith(settings.bigCount.toLocaleString('en')) &&
      r.scenario.startsWith('bbox 0.01'),
  )
  if (target) {
    const ok = target.server.p50 <= 20
    console.log(
      `\ntarget: 1,000-feature bbox page of the big table ≤ 20 ms p50 server-side → ${fmt(target.server.p50)} ms ${ok ? 'OK' : 'MISSED'}`,
    )
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
