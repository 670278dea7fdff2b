// Seeded benchmark of the ledger's write path: concurrent keep-alive clients drive issues through
// assign → rectify → approve over loopback HTTP against a copy of the demo database, with a stale
// version now and then (409). The server runs in its own process, as `npm start` would, so client
// and server do not share an event loop. Prints sustained transitions/s and latency percentiles.
//   npm run bench:ledger                 20 s measured, 12 clients
//   npm run bench:ledger -- --short      5 s measured (CI)
//   options: --clients 16  --seconds 30  --dir /dev/shm (database on tmpfs: no disk stalls)
//            --from data/inspection.db (an online backup of that database instead of a fresh demo one;
//            it needs the demo accounts grid-nanzhao, unit-um and inspector with the demo password)
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { createApp } from '../../server/app.ts'
import { demoPassword } from '../../server/auth/demo-accounts.ts'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { seedLedger } from '../../server/ledger/seed-ledger.ts'
import type { FirstEvent } from '../../server/storage/ledger-store.ts'
import { loadGeodata } from '../../server/storage/load-geodata.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { mulberry32 } from '../builders.ts'

const { values } = parseArgs({
  options: {
    short: { type: 'boolean' },
    clients: { type: 'string' },
    seconds: { type: 'string' },
    serve: { type: 'string' }, // internal: run the server on this database
    profile: { type: 'string' }, // write the server's CPU profile into this folder
    dir: { type: 'string' }, // where the database copy goes; default the OS temp folder
    from: { type: 'string' }, // copy this database (e.g. data/inspection.db) instead of building the demo one
  },
})
const settings = {
  clients: Number(values.clients ?? 12), // concurrent keep-alive connections
  measuredMs: Number(values.seconds ?? (values.short ? 5 : 20)) * 1000,
  warmUpMs: values.short ? 1000 : 3000, // not counted
  conflictEvery: 20, // every 20th issue a client first sends a stale version (expects 409)
  seed: 20261122,
}
const poolSize = Math.ceil(((settings.measuredMs + settings.warmUpMs) / 1000) * 1500) // issues; ~4,500 transitions/s would drain it

// ---- the server process ------------------------------------------------------------------------

async function serve(databasePath: string): Promise<void> {
  const store = await openSqliteStore(databasePath)
  const app = createApp({
    store,
    config: {
      distDir: '/nonexistent',
      databasePath,
      attachmentsDir: join(databasePath, '..', 'attachments'),
    },
    log: () => {}, // the request log line costs ~µs; stdout would be a pipe nobody reads
  })
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port })
  })
  // the parent asks for CPU time at the window's edges: server cost per transition, whatever the load
  process.on('message', (m: { cpu?: boolean }) => {
    if (m.cpu) process.send?.({ cpuUsage: process.cpuUsage() })
  })
  process.on('disconnect', () => {
    server.closeAllConnections()
    server.close(() => void store.close().then(() => process.exit(0)))
  })
}

// ---- data --------------------------------------------------------------------------------------

/** A copy of the demo database (first start: geodata, units, demo accounts) plus pending issues to move. */
async function buildDatabase(path: string): Promise<void> {
  if (values.from) {
    // SQLite's online backup: a consistent copy even while a server writes to the original
    const source = new Database(values.from, { readonly: true, fileMustExist: true })
    await source.backup(path)
    source.close()
  }
  const store = await openSqliteStore(path)
  if (!values.from) await loadGeodata(store, { dir: 'geodata', rebaseTo: new Date() })
  await seedLedger(store, { demoAccounts: true })
  // new issues where the demo ledger has them in 南诏镇, the grid manager's township
  const seat = await store.listIssues({
    townshipCode: '532927101',
    sort: { key: 'reportedAt', descending: false },
    limit: 10_000,
    offset: 0,
    now: new Date(),
  })
  const random = mulberry32(settings.seed)
  const at = new Date().toISOString()
  const events: FirstEvent[] = Array.from({ length: poolSize }, () => {
    const model = seat.items[Math.floor(random() * seat.items.length)]
    if (!model) throw new Error('no demo issues in 南诏镇: run npm run geodata first')
    const properties: IssueProperties = {
      ...model.properties,
      status: 'pending',
      reportedAt: at,
      updatedAt: at,
      deadlineAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      synthetic: true,
    }
    delete properties.closedAt
    return {
      actor: 'inspector',
      actorName: '县督导组督导员',
      role: 'inspector',
      at,
      action: 'report',
      to: 'pending',
      changes: { ...properties, lngLat: model.lngLat },
    }
  })
  const created = await store.createIssues(events)
  pool.push(...created.map((c) => c.state.id))
  await store.close()
}

const pool: string[] = []

// ---- clients -----------------------------------------------------------------------------------

interface Reply {
  status: number
  body: string
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body: unknown,
  cookie?: string,
): Promise<Reply & { setCookie?: string[] }> {
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-requested-with': 'fetch',
          accept: 'application/json',
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: res.headers['set-cookie'],
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

async function login(port: number, username: string): Promise<string> {
  const agent = new Agent({ keepAlive: false })
  const reply = await send(agent, port, 'POST', '/api/session', {
    username,
    password: demoPassword,
  })
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status} ${reply.body}`)
  return (reply.setCookie?.[0] ?? '').split(';')[0] as string
}

interface Tally {
  all200: number // every 200 transition, warm-up included
  ok: number // 200 transitions inside the measured window
  conflicts: number // 409s inside the window (all deliberate)
  unexpected: string[]
  latenciesMs: number[] // every transition request inside the window, 200 and 409
}

async function runClient(
  port: number,
  cookies: { grid: string; unit: string; inspector: string },
  window: { start: number; end: number },
  tally: Tally,
  clientIndex: number,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  let issuesDone = 0
  const transition = async (id: string, cookie: string, body: object, expected: number) => {
    const started = performance.now()
    const reply = await send(agent, port, 'POST', `/api/issues/${id}/transitions`, body, cookie)
    const ended = performance.now()
    const inWindow = started >= window.start && ended <= window.end
    if (reply.status !== expected)
      tally.unexpected.push(`${id} ${reply.status} ${reply.body.slice(0, 200)}`)
    if (reply.status === 200) tally.all200++
    if (!inWindow) return
    tally.latenciesMs.push(ended - started)
    if (reply.status === 200) tally.ok++
    if (reply.status === 409) tally.conflicts++
  }
  while (performance.now() < window.end) {
    const id = pool.pop()
    if (!id) break
    issuesDone++
    if ((issuesDone + clientIndex) % settings.conflictEvery === 0) {
      await transition(id, cookies.inspector, { action: 'approve', version: 3 }, 409) // stale: still version 1
    }
    await transition(
      id,
      cookies.grid,
      { action: 'assign', version: 1, responsibleUnit: 'urban-management', deadlineAt: deadline },
      200,
    )
    await transition(
      id,
      cookies.unit,
      { action: 'rectify', version: 2, note: '已整改，见照片' },
      200,
    )
    await transition(
      id,
      cookies.inspector,
      { action: 'approve', version: 3, note: '复查合格' },
      200,
    )
  }
  agent.destroy()
}

const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString()

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function main(): Promise<void> {
  if (values.serve) return serve(values.serve)
  const dir = mkdtempSync(join(values.dir ?? tmpdir(), 'weishan-ledger-bench-'))
  let server: ChildProcess | undefined
  try {
    const databasePath = join(dir, 'inspection.db')
    const built = performance.now()
    await buildDatabase(databasePath)
    console.log(
      `${values.from ? `copy of ${values.from}` : 'demo database'} + ${poolSize.toLocaleString('en')} pending issues in ${((performance.now() - built) / 1000).toFixed(1)} s`,
    )

    server = fork(new URL(import.meta.url).pathname, ['--serve', databasePath], {
      execArgv: [
        '--import',
        'tsx',
        ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      server?.once('message', (m: { port: number }) => resolve(m.port))
      server?.once('exit', (code) => reject(new Error(`server exited ${code}`)))
    })
    const cookies = {
      grid: await login(port, 'grid-nanzhao'),
      unit: await login(port, 'unit-um'),
      inspector: await login(port, 'inspector'),
    }
    const loadBefore = loadavg()
    const start = performance.now() + settings.warmUpMs
    const window = { start, end: start + settings.measuredMs }
    const tally: Tally = { all200: 0, ok: 0, conflicts: 0, unexpected: [], latenciesMs: [] }
    const cpuAt = async (atMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - performance.now())))
      const reply = new Promise<NodeJS.CpuUsage>((resolve) =>
        server?.once('message', (m: { cpuUsage: NodeJS.CpuUsage }) => resolve(m.cpuUsage)),
      )
      server?.send({ cpu: true })
      return reply
    }
    const [, cpuStart, cpuEnd] = await Promise.all([
      Promise.all(
        Array.from({ length: settings.clients }, (_, i) =>
          runClient(port, cookies, window, tally, i),
        ),
      ),
      cpuAt(window.start),
      cpuAt(window.end),
    ])
    const serverCpuMs = (cpuEnd.user + cpuEnd.system - cpuStart.user - cpuStart.system) / 1000
    const measuredMs = Math.min(settings.measuredMs, performance.now() - start)
    server.disconnect()
    await new Promise((resolve) => server?.once('exit', resolve))

    // every 200 left exactly one event, and each issue's history replays to a closed issue
    const db = new Database(databasePath, { readonly: true })
    const events = db
      .prepare("SELECT count(*) FROM issue_events WHERE action IN ('assign', 'rectify', 'approve')")
      .pluck()
      .get() as number
    const closedNew = db
      .prepare(
        "SELECT count(*) FROM features WHERE collection = 'issues' AND status = 'closed' AND version = 4",
      )
      .pluck()
      .get() as number
    db.close()

    const sorted = [...tally.latenciesMs].sort((a, b) => a - b)
    const rate = tally.ok / (measuredMs / 1000)
    const p99 = percentile(sorted, 99)
    const cpu = cpus()
    console.log(
      `\nPOST /api/issues/:id/transitions — ${settings.clients} keep-alive clients, assign → rectify → approve, ` +
        `a stale version every ${settings.conflictEvery}th issue; server in its own process` +
        `\n${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ` +
        `database in ${dir}; load average before the run ${loadBefore.map((l) => l.toFixed(1)).join(' ')}\n`,
    )
    const fmt = (ms: number) => ms.toFixed(2)
    const cpuPerRequest = serverCpuMs / (tally.ok + tally.conflicts)
    console.log(
      '| measured | transitions (200) | conflicts (409) | transitions/s | p50 ms | p90 ms | p99 ms | max ms | server CPU per request |',
    )
    console.log('|---|---|---|---|---|---|---|---|---|')
    console.log(
      `| ${(measuredMs / 1000).toFixed(1)} s | ${tally.ok.toLocaleString('en')} | ${tally.conflicts} | ${rate.toFixed(0)} | ` +
        `${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 90))} | ${fmt(p99)} | ${fmt(sorted.at(-1) ?? Number.NaN)} | ` +
        `${cpuPerRequest.toFixed(3)} ms (one core ≈ ${(1000 / cpuPerRequest).toFixed(0)}/s) |`,
    )
    console.log(
      `\nwhole run: ${tally.all200.toLocaleString('en')} transitions answered 200, ${events.toLocaleString('en')} transition events stored ` +
        `(${events === tally.all200 ? 'equal' : 'MISMATCH'}), ${closedNew.toLocaleString('en')} issues closed; unexpected answers: ${tally.unexpected.length}`,
    )
    for (const line of tally.unexpected.slice(0, 5)) console.log(`  ${line}`)
    if (pool.length === 0) console.log('note: the issue pool ran out before the time was up')
    const ok = rate >= 1000 && p99 < 50 && tally.unexpected.length === 0
    console.log(
      `\ntarget: ≥ 1,000 transitions/s sustained with p99 < 50 ms → ${ok ? 'OK' : 'MISSED'}`,
    )
    if (tally.unexpected.length > 0 || events !== tally.all200) process.exitCode = 1
  } finally {
    if (server?.connected) server.disconnect()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
