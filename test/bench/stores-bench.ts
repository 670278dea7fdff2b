import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { copyTables } from '../../server/storage/copy-tables.ts'
import { openStore, openTableRows } from '../../server/storage/open-store.ts'
import { mulberry32 } from '../builders.ts'
import { buildMillionDb } from '../e2e/million-db.ts'
import { cpuSeconds, processTable, startServer, stopServer } from './server-process.ts'

const short = process.argv.includes('--short')
const settings = {
  issues: short ? 50_000 : 1_000_000, // seeded issues on both stores
  seconds: short ? 3 : 10, // timed load per setup and kind, after 1 s of warm-up
  connections: 8, // concurrent keep-alive connections
  pages: 32, // fixed bbox pages, cycled
  sideDeg: 0.05, // bbox side in degrees (≈5 km)
  limit: 1000, // features per page
  seed: 20261205,
}
const wallPaths = [
  '/api/stats/kpis',
  '/api/stats/townships',
  '/api/stats/trend',
  '/api/stats/rankings',
  '/api/events/recent?limit=50',
]

const baseUrl = process.env.TEST_DATABASE_URL
if (!baseUrl) {
  console.error(
    '需要 PostgreSQL：请用 npm run bench:stores（它通过 scripts/with-postgis.sh 建临时集群）',
  )
  process.exit(2)
}

/** The 32 fixed pages: 0.05° squares centred on seeded demo issues. */
function fixedPages(): string[] {
  const demo = JSON.parse(readFileSync('geodata/issues.geojson', 'utf8')) as {
    features: { geometry: { coordinates: [number, number] } }[]
  }
  const random = mulberry32(settings.seed)
  const h = settings.sideDeg / 2
  return Array.from({ length: settings.pages }, () => {
    const f = demo.features[Math.floor(random() * demo.features.length)]
    const [x, y] = f?.geometry.coordinates ?? [100.3, 25.2]
    const bbox = [x - h, y - h, x + h, y + h].map((v) => v.toFixed(6)).join(',')
    return `/collections/issues/items?bbox=${bbox}&limit=${settings.limit}`
  })
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN

async function load(url: string, paths: readonly string[], nodePid: number, pgPid?: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: settings.connections })
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      request(`${url}${path}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${res.statusCode} ${path}`))
        res.resume()
        res.on('end', resolve)
      })
        .on('error', reject)
        .end()
    })
  const run = async (ms: number) => {
    let turn = 0
    const latencies: number[] = []
    const until = performance.now() + ms
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        while (performance.now() < until) {
          const sent = performance.now()
          await get(paths[turn++ % paths.length] as string)
          latencies.push(performance.now() - sent)
        }
      }),
    )
    return latencies
  }
  await run(1000) // warm-up: JIT, caches, connections
  const nodeBefore = cpuSeconds(nodePid)
  const pgBefore = cpuSeconds(pgPid)
  const started = performance.now()
  const latencies = (await run(settings.seconds * 1000)).sort((a, b) => a - b)
  const elapsed = (performance.now() - started) / 1000
  const nodeCpu = cpuSeconds(nodePid) - nodeBefore
  const pgCpu = cpuSeconds(pgPid) - pgBefore
  agent.destroy()
  const n = latencies.length
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    perSecond: n / elapsed,
    nodeMs: (nodeCpu * 1000) / n,
    pgMs: pgPid === undefined ? undefined : (pgCpu * 1000) / n,
  }
}

const dir = mkdtempSync(join(tmpdir(), 'stores-bench-'))
try {
  const sqlitePath = join(dir, 'bench.db')
  let t = performance.now()
  await buildMillionDb(sqlitePath, settings.issues, settings.seed)
  console.error(
    `SQLite：${settings.issues} 个问题，${((performance.now() - t) / 1000).toFixed(0)} s`,
  )

  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe('DROP DATABASE IF EXISTS stores_bench WITH (FORCE)')
  await admin.unsafe('CREATE DATABASE stores_bench')
  const [{ pid: backend }] = (await admin`SELECT pg_backend_pid() AS pid`) as unknown as [
    { pid: number },
  ]
  const postmaster = processTable().get(backend)?.ppid
  const pgUrl = new URL(baseUrl)
  pgUrl.pathname = '/stores_bench'
  t = performance.now()
  await (await openStore(pgUrl.toString())).close() // the schema
  const [source, target] = [openTableRows(sqlitePath), openTableRows(pgUrl.toString())]
  await copyTables(source, target)
  await Promise.all([source.close(), target.close()])
  const analyse = postgres(pgUrl.toString(), { max: 1, onnotice: () => {} })
  await analyse`VACUUM ANALYZE`
  await analyse.end()
  console.error(`PostGIS：复制 ${((performance.now() - t) / 1000).toFixed(0)} s`)

  const pages = fixedPages()
  const rows: string[] = []
  const stores: { name: string; env: Record<string, string>; pg: number | undefined }[] = [
    { name: 'SQLite', env: { DATABASE_PATH: sqlitePath }, pg: undefined },
    { name: 'PostGIS', env: { DATABASE_URL: pgUrl.toString() }, pg: postmaster },
  ]
  const processes: {
    name: string
    script: string
    env: Record<string, string>
    listening: number
  }[] = [
    { name: '1 process', script: 'server/main.ts', env: {}, listening: 1 },
    { name: '2 processes', script: 'server/cluster.ts', env: { WORKERS: '2' }, listening: 2 },
  ]
  for (const store of stores) {
    for (const setup of processes) {
      const env: Record<string, string> = {
        ...store.env,
        ...setup.env,
        DIST_DIR: join(dir, 'no-dist'),
      }
      const { child, url } = await startServer(setup.script, env, setup.listening, true)
      try {
        for (const [kind, paths] of [
          ['32 bbox pages', pages],
          ['wall aggregates', wallPaths],
        ] as const) {
          const r = await load(url, paths, child.pid as number, store.pg)
          rows.push(
            `| ${kind} | ${store.name} | ${setup.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ` +
              `${r.perSecond.toFixed(0)} | ${r.nodeMs.toFixed(2)} | ${r.pgMs === undefined ? '—' : r.pgMs.toFixed(2)} |`,
          )
          console.error(rows.at(-1))
        }
      } finally {
        await stopServer(child)
      }
    }
  }
  await admin.unsafe('DROP DATABASE IF EXISTS stores_bench WITH (FORCE)')
  await admin.end()
  console.log(
    `\n${settings.issues.toLocaleString('en')} issues; ${settings.pages} fixed ${settings.sideDeg}° bbox pages ` +
      `(limit=${settings.limit}) and ${wallPaths.length} wall endpoints in turn; ${settings.connections} connections, ` +
      `${settings.seconds} s each; ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}\n`,
  )
  console.log(
    '| load | store | server | p50 ms | p99 ms | requests/s | Node CPU ms/request | PostgreSQL CPU ms/request |',
  )
  console.log('|---|---|---|---:|---:|---:|---:|---:|')
  for (const row of rows) console.log(row)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
