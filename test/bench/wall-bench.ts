// Seeded benchmark of the wall's endpoints (/api/stats/*, /api/events/recent) on a 1,000,000-issue
// SQLite ledger spread like the demo (positions of demo issues with ≈ 50 m jitter, their status, unit,
// grid and times). The app runs in process over loopback; each request is timed server-side (the
// request log's duration: parse, aggregate, JSON) and as a round trip. The clock moves 2 s per request,
// so the stats routes' one-second body cache never answers; one cached line shows what it saves.
// Also times the live view's startup build and a ledger write's path to the counters.
//   npm run bench:wall                      1,000,000 issues (the database takes a few minutes)
//   npm run bench:wall -- --short           100,000 issues (CI)
//   npm run bench:wall -- --db /tmp/w.db    keep the database there and reuse it next time
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createApp } from '../../server/app.ts'
import { rotateDisplayToken } from '../../server/auth/display-token.ts'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import { openSpreadLedger } from './spread-ledger.ts'

const { values } = parseArgs({
  options: { short: { type: 'boolean' }, db: { type: 'string' }, runs: { type: 'string' } },
})
const settings = {
  count: values.short ? 100_000 : 1_000_000, // issues
  runs: Number(values.runs ?? 50), // timed requests per endpoint, after `warmup` untimed ones
  warmup: 5,
  seed: 20261122,
  targetMs: 100, // per aggregate, server-side, on 1,000,000 issues
}
const now0 = new Date('2026-11-22T04:00:00Z') // noon in Beijing on the day the demo was made for
const townBbox = '100.28,25.2,100.33,25.26' // 南诏镇 county seat and its surroundings

const endpoints = [
  '/api/stats/kpis',
  '/api/stats/kpis?township=532927101',
  '/api/stats/townships',
  '/api/stats/units',
  '/api/stats/grids',
  '/api/stats/hexbins?radiusMeters=500',
  '/api/stats/hexbins?radiusMeters=100',
  `/api/stats/hexbins?radiusMeters=200&bbox=${townBbox}`,
  '/api/stats/trend?days=30',
  '/api/stats/trend?days=365',
  '/api/stats/rankings?level=township',
  '/api/stats/rankings?level=unit&by=overdue',
  '/api/stats/completion',
  '/api/stats/completion?township=532927101',
  '/api/events/recent?limit=20',
]

// ---- timing ----------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0))

function get(agent: Agent, port: number, path: string, token: string) {
  return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
      },
      (res) => {
        let bytes = 0
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

async function main(): Promise<void> {
  const dir = values.db ? undefined : mkdtempSync(join(tmpdir(), 'wall-bench-'))
  const path = values.db ?? join(dir as string, 'wall.db')
  const store = await openSpreadLedger(path, settings.count, settings.seed)
  const displayToken = await rotateDisplayToken(store) // a reused database's token is unknown

  let clockMs = now0.getTime()
  const now = () => new Date(clockMs)
  global.gc?.()
  const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
  const heapBefore = memory()
  const loadStarted = performance.now()
  const live = new LiveLedger(store, { now })
  await live.ready
  const loadMs = performance.now() - loadStarted
  global.gc?.()
  const heapAfter = memory()
  console.log(
    `live view: ${live.columns.size.toLocaleString('en')} issues in ${(loadMs / 1000).toFixed(1)} s`,
  )

  const serverMs = new Map<string, number>() // url → last logged duration
  const app = createApp({
    store,
    live,
    now,
    config: { distDir: '/nonexistent', databasePath: path },
    log: (line) => {
      const m = /^GET (\S+) 200 ([\d.]+)ms$/.exec(line)
      if (m) serverMs.set(m[1] as string, Number(m[2]))
    },
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })

  const rows: string[] = []
  for (const path of endpoints) {
    const server: number[] = []
    const roundTrip: number[] = []
    let bytes = 0
    for (let i = 0; i < settings.warmup + settings.runs; i++) {
      clockMs += 2000 // past the body cache
      const started = performance.now()
      const reply = await get(agent, port, path, displayToken)
      const elapsed = performance.now() - started
      if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`)
      if (i < settings.warmup) continue
      roundTrip.push(elapsed)
      server.push(serverMs.get(path) ?? Number.NaN)
      bytes = reply.bytes
    }
    server.sort((a, b) => a - b)
    roundTrip.sort((a, b) => a - b)
    const p50 = percentile(server, 50)
    rows.push(
      `| \`${path}\` | ${fmt(p50)} | ${fmt(percentile(server, 99))} | ${fmt(percentile(roundTrip, 50))} | ${(bytes / 1024).toFixed(1)} | ${p50 <= settings.targetMs ? '✓' : '✗'} |`,
    )
    console.log(`  ${path}: ${fmt(p50)} ms`)
  }

  // the cache: the same request again within a second, nothing written in between
  const cachedPath = '/api/stats/townships'
  const cached: number[] = []
  for (let i = 0; i < settings.runs; i++) {
    await get(agent, port, cachedPath, displayToken)
    cached.push(serverMs.get(cachedPath) ?? Number.NaN)
  }
  cached.sort((a, b) => a - b)

  // a write's path to the counters: the store's transaction, then the columns' upsert and publish
  const ids = live.columns.ids.slice(0, 200)
  const writes: number[] = []
  for (const id of ids) {
    const started = performance.now()
    await live.store.appendIssueEvent(
      {
        issueId: id,
        at: now().toISOString(),
        actor: 'bench',
        actorName: '基准',
        role: 'admin',
        action: 'note',
        note: '基准测试',
      },
      undefined,
    )
    writes.push(performance.now() - started)
  }
  writes.sort((a, b) => a - b)

  const cpu = cpus()
  console.log(
    `\n${settings.count.toLocaleString('en')} issues; ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0]?.toFixed(1)}; ` +
      `${settings.runs} timed requests each (keep-alive, one at a time)\n`,
  )
  console.log(
    '| endpoint | server p50 ms | server p99 ms | round trip p50 ms | body KiB | ≤ 100 ms |',
  )
  console.log('|---|---|---|---|---|---|')
  for (const row of rows) console.log(row)
  console.log(
    `| \`${cachedPath}\` again within 1 s (cached body) | ${fmt(percentile(cached, 50))} | ${fmt(percentile(cached, 99))} | – | – | – |`,
  )
  console.log(
    `\nnote through the live store (SQLite transaction + upsert + publish): p50 ${fmt(percentile(writes, 50))} ms, p99 ${fmt(percentile(writes, 99))} ms`,
  )
  const heap = global.gc
    ? `, heap and typed arrays +${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB`
    : ''
  console.log(`live view startup build: ${(loadMs / 1000).toFixed(1)} s${heap}`)

  agent.destroy()
  server.close()
  await store.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}

await main()
