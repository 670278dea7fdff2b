// Many wall screens against one real server process (tsx server/main.ts) on loopback, while writers
// take issues through assign → rectify → approve. Each wall does what the wall page does live: one
// event stream (?views=1) and, per announced view version, one round of GET /api/wall/view and
// /api/wall/map with If-None-Match, never two rounds at once (plus /api/units and a first round at
// start). Checks that every stream opens and every event reaches every wall; prints event → last
// wall, write and wall-read percentiles and the server's RSS and CPU.
//   npm run bench:walls                  500 walls, 20 writers, 60 s
//   npm run bench:walls -- --short       100 walls, 15 s (CI): exits 1 on an unopened stream or a dropped event
//   options: --walls 200 --writers 10 --seconds 30 --write-interval 1000 (ms between one writer's writes)
//            --context (also load the map's OGC collections once per wall at start, as the page does)
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, type IncomingMessage, request } from 'node:http'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
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
    walls: { type: 'string' },
    writers: { type: 'string' },
    seconds: { type: 'string' },
    'write-interval': { type: 'string' },
    context: { type: 'boolean' },
    profile: { type: 'string' }, // write the server's CPU profile into this folder
  },
})
const settings = {
  walls: Number(values.walls ?? (values.short ? 100 : 500)), // screens
  writers: Number(values.writers ?? 20), // signed-in people writing at once
  measuredMs: Number(values.seconds ?? (values.short ? 15 : 60)) * 1000,
  writeIntervalMs: Number(values['write-interval'] ?? 1000), // ms between one writer's transitions
  drainMs: 3000, // after the last write, time for the last events to arrive
  townshipShare: 0.2, // walls showing one township (tour), the rest the county
  seed: 20261204,
}
const townshipCodes = [101, 102, 103, 104, 201, 202, 203, 204, 205, 206].map((n) => `532927${n}`)
const contextCollections = [
  'county',
  'neighbors',
  'townships',
  'seats',
  'rivers',
  'villages',
  'township-radii',
  'grids',
]

// ---- data --------------------------------------------------------------------------------------

/** The demo database (first start) plus pending issues in 南诏镇 for the writers; the display token. */
async function buildDatabase(
  path: string,
  poolSize: number,
): Promise<{ token: string; pool: string[] }> {
  const store = await openSqliteStore(path)
  await loadGeodata(store, { dir: 'geodata', rebaseTo: new Date() })
  const seed = await seedLedger(store, { demoAccounts: true })
  if (!seed.displayToken) throw new Error('no display token was created')
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
      action: 'import',
      to: 'pending',
      changes: { ...properties, lngLat: model.lngLat },
    }
  })
  const created = await store.createIssues(events)
  await store.close()
  return { token: seed.displayToken, pool: created.map((c) => c.state.id) }
}

// ---- HTTP --------------------------------------------------------------------------------------

interface Reply {
  status: number
  body: string
  headers: IncomingMessage['headers']
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          accept: 'application/json',
          ...(payload
            ? {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
                'x-requested-with': 'fetch',
              }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
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
  const reply = await send(
    new Agent(),
    port,
    'POST',
    '/api/session',
    {},
    {
      username,
      password: demoPassword,
    },
  )
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status} ${reply.body}`)
  return (reply.headers['set-cookie']?.[0] ?? '').split(';')[0] as string
}

// ---- walls -------------------------------------------------------------------------------------

interface Delivery {
  sentAtMs: number // the writer's request start
  arrivals: number
  lastArrivalMs: number
}

interface Shared {
  deliveries: Map<string, Delivery> // `${issueId}:${version}` → delivery
  readLatenciesMs: number[]
  readErrors: string[]
  retries: number // reads sent again after a reset keep-alive socket
  window: { start: number; end: number }
}

class Wall {
  opened = false
  ended = false
  firstSeq = Number.POSITIVE_INFINITY
  received = 0 // issue events
  outOfOrder = 0
  lastSeq = 0
  startSeq = 0 // asOfEventSeq of the first view frame
  private wanted = 0
  private have = 0
  private running = false
  private readonly etags = new Map<string, string>()
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 2 })
  private stream: IncomingMessage | undefined

  private readonly port: number
  private readonly token: string
  private readonly township: string | undefined
  private readonly shared: Shared
  private readonly random: () => number // when within the spread this wall starts its round

  constructor(
    port: number,
    token: string,
    township: string | undefined,
    shared: Shared,
    random: () => number,
  ) {
    this.port = port
    this.token = token
    this.township = township
    this.shared = shared
    this.random = random
  }

  private get auth() {
    return { authorization: `Bearer ${this.token}` }
  }

  async start(context: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: '/api/events/stream?views=1',
          headers: { ...this.auth, accept: 'text/event-stream' },
        },
        (res) => {
          this.stream = res
          this.opened = res.statusCode === 200
          resolve()
          res.setEncoding('utf8')
          let buffer = ''
          res.on('data', (chunk: string) => {
            buffer += chunk
            for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
              this.onFrame(buffer.slice(0, end))
              buffer = buffer.slice(end + 2)
            }
          })
          res.on('close', () => {
            this.ended = true
          })
        },
      )
      req.on('error', () => {
        this.ended = true
        resolve()
      })
      req.end()
    })
    await send(this.agent, this.port, 'GET', '/api/units', this.auth)
    if (context) {
      for (const id of contextCollections) {
        await send(this.agent, this.port, 'GET', `/collections/${id}/items?limit=10000`, {
          ...this.auth,
          'accept-encoding': 'gzip',
          accept: 'application/geo+json',
        })
      }
    }
  }

  close(): void {
    this.stream?.destroy()
    this.agent.destroy()
  }

  private onFrame(text: string): void {
    let event = ''
    let data = ''
    for (const line of text.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7)
      else if (line.startsWith('data: ')) data = line.slice(6)
    }
    if (event === 'view') {
      const view = JSON.parse(data) as { version: number; asOfEventSeq: number; spreadMs: number }
      if (this.startSeq === 0) this.startSeq = view.asOfEventSeq
      this.follow(view.version, view.spreadMs)
    } else if (event === 'issue') {
      const now = performance.now()
      const e = JSON.parse(data) as { seq: number; issueId: string; issue: { version: number } }
      if (e.seq <= this.lastSeq) this.outOfOrder++
      this.lastSeq = e.seq
      this.firstSeq = Math.min(this.firstSeq, e.seq)
      this.received++
      const d = this.shared.deliveries.get(`${e.issueId}:${e.issue.version}`)
      if (d) {
        d.arrivals++
        d.lastArrivalMs = Math.max(d.lastArrivalMs, now)
      }
    }
  }

  /**
   * The wall page's follower: one round per announced version, never two at once, started at a
   * random moment within the announced spread (client/roles/wall/view-follower.ts).
   */
  private follow(version: number, spreadMs: number): void {
    if (version <= this.have) return
    this.wanted = Math.max(this.wanted, version)
    if (this.running) return
    this.running = true
    void (async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * spreadMs)))
      try {
        while (this.have < this.wanted) {
          const target = this.wanted
          const scope = this.township ? `?township=${this.township}` : ''
          await Promise.all([this.get(`/api/wall/view${scope}`), this.get('/api/wall/map')])
          this.have = target
        }
      } finally {
        this.running = false
      }
    })()
  }

  private async get(path: string): Promise<void> {
    const started = performance.now()
    const etag = this.etags.get(path)
    const attempt = () =>
      send(this.agent, this.port, 'GET', path, {
        ...this.auth,
        'accept-encoding': 'gzip',
        ...(etag ? { 'if-none-match': etag } : {}),
      }).catch((error: Error) => ({ status: 0, body: error.message, headers: {} }) as Reply)
    // a keep-alive socket the server closed as it was reused: a browser retries such a GET once
    let reply = await attempt()
    if (reply.status === 0) {
      this.shared.retries++
      reply = await attempt()
    }
    const ended = performance.now()
    if (reply.status === 200) {
      const tag = reply.headers.etag
      if (typeof tag === 'string') this.etags.set(path, tag)
    } else if (reply.status !== 304) {
      this.shared.readErrors.push(`${path} ${reply.status} ${reply.body.slice(0, 120)}`)
    }
    const { window } = this.shared
    if (started >= window.start && ended <= window.end) {
      this.shared.readLatenciesMs.push(ended - started)
    }
  }
}

// ---- writers -----------------------------------------------------------------------------------

interface WriteTally {
  ok: number
  unexpected: string[]
  latenciesMs: number[]
}

async function runWriter(
  port: number,
  cookies: { grid: string; unit: string; inspector: string },
  pool: string[],
  shared: Shared,
  tally: WriteTally,
  offsetMs: number,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString()
  let next = shared.window.start + offsetMs
  const transition = async (id: string, version: number, cookie: string, body: object) => {
    const wait = next - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    next += settings.writeIntervalMs
    if (performance.now() >= shared.window.end) return false
    const started = performance.now()
    // the event will say version + 1
    shared.deliveries.set(`${id}:${version + 1}`, {
      sentAtMs: started,
      arrivals: 0,
      lastArrivalMs: 0,
    })
    const reply = await send(
      agent,
      port,
      'POST',
      `/api/issues/${id}/transitions`,
      { cookie },
      {
        ...body,
        version,
      },
    )
    tally.latenciesMs.push(performance.now() - started)
    if (reply.status === 200) tally.ok++
    else {
      shared.deliveries.delete(`${id}:${version + 1}`)
      tally.unexpected.push(`${id} ${reply.status} ${reply.body.slice(0, 160)}`)
    }
    return true
  }
  for (;;) {
    const id = pool.pop()
    if (!id) break
    const steps: [number, string, object][] = [
      [
        1,
        cookies.grid,
        { action: 'assign', responsibleUnit: 'urban-management', deadlineAt: deadline },
      ],
      [2, cookies.unit, { action: 'rectify', note: '已整改' }],
      [3, cookies.inspector, { action: 'approve', note: '复查合格' }],
    ]
    let going = true
    for (const [version, cookie, body] of steps) {
      going = await transition(id, version, cookie, body)
      if (!going) break
    }
    if (!going) break
  }
  agent.destroy()
}

// ---- the run -----------------------------------------------------------------------------------

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

function listenOverflows(): number {
  const text = readFileSync('/proc/net/netstat', 'utf8').split('\n')
  const names = text[0]?.split(/\s+/) ?? []
  const nums = text[1]?.split(/\s+/) ?? []
  return Number(nums[names.indexOf('ListenOverflows')] ?? Number.NaN)
}

function processStats(pid: number): { rssMb: number; peakMb: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) =>
    Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN)
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  const ticks = Number(stat[11]) + Number(stat[12]) // utime + stime, in clock ticks (100/s)
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, cpuMs: ticks * 10 }
}

async function startServer(
  dir: string,
  databasePath: string,
): Promise<{ child: ChildProcess; port: number; pid: number }> {
  // node with tsx's loader, not the tsx CLI: the pid we measure is then the server itself
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      DIST_DIR: join(dir, 'no-dist'),
      ATTACHMENTS_DIR: join(dir, 'attachments'),
      DEMO_ACCOUNTS: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let text = ''
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8')
      const match = /已启动：http:\/\/[^:]+:(\d+)\//.exec(text)
      if (match) resolve(Number(match[1]))
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)))
  })
  child.stdout?.resume() // the request log: read and dropped, so the pipe never fills
  child.stdout?.removeAllListeners('data')
  child.stdout?.on('data', () => {})
  return { child, port, pid: child.pid ?? 0 }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-walls-bench-'))
  let server: ChildProcess | undefined
  const walls: Wall[] = []
  try {
    const databasePath = join(dir, 'inspection.db')
    const poolSize =
      Math.ceil((settings.writers * settings.measuredMs) / settings.writeIntervalMs / 3) + 100
    const built = performance.now()
    const { token, pool } = await buildDatabase(databasePath, poolSize)
    console.log(
      `demo database + ${pool.length} pending issues in ${((performance.now() - built) / 1000).toFixed(1)} s`,
    )
    const started = await startServer(dir, databasePath)
    server = started.child
    const { port, pid } = started
    const cookies = {
      grid: await login(port, 'grid-nanzhao'),
      unit: await login(port, 'unit-um'),
      inspector: await login(port, 'inspector'),
    }
    const loadBefore = loadavg()
    const overflowsBefore = listenOverflows()
    const shared: Shared = {
      deliveries: new Map(),
      readLatenciesMs: [],
      readErrors: [],
      retries: 0,
      window: { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY },
    }
    // every wall connects at once, as after a power cut
    const random = mulberry32(settings.seed)
    const connectStarted = performance.now()
    for (let i = 0; i < settings.walls; i++) {
      const township =
        random() < settings.townshipShare
          ? townshipCodes[Math.floor(random() * townshipCodes.length)]
          : undefined
      walls.push(new Wall(port, token, township, shared, mulberry32(settings.seed + i)))
    }
    await Promise.all(walls.map((w) => w.start(values.context ?? false)))
    const connectMs = performance.now() - connectStarted
    const opened = walls.filter((w) => w.opened).length
    console.log(
      `${opened} of ${settings.walls} streams open in ${(connectMs / 1000).toFixed(1)} s` +
        (values.context ? ' (with the map context)' : ''),
    )
    await new Promise((resolve) => setTimeout(resolve, 1000)) // first rounds settle

    const statsStart = processStats(pid)
    const start = performance.now() + 200
    shared.window = { start, end: start + settings.measuredMs }
    const tally: WriteTally = { ok: 0, unexpected: [], latenciesMs: [] }
    await Promise.all(
      Array.from({ length: settings.writers }, (_, i) =>
        runWriter(
          port,
          cookies,
          pool,
          shared,
          tally,
          (i * settings.writeIntervalMs) / settings.writers, // spread evenly
        ),
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, settings.drainMs))
    const statsEnd = processStats(pid)
    const overflows = listenOverflows() - overflowsBefore

    const db = new Database(databasePath, { readonly: true })
    const endSeq = db.prepare('SELECT max(seq) FROM issue_events').pluck().get() as number
    db.close()

    // every event after a wall's first view frame must have reached it, in order, exactly once
    let dropped = 0
    let closedEarly = 0
    let disorder = 0
    for (const w of walls) {
      if (!w.opened) continue
      const expected = endSeq - w.startSeq
      dropped += Math.max(0, expected - w.received)
      if (w.ended) closedEarly++
      disorder += w.outOfOrder
    }
    const deliveries = [...shared.deliveries.values()]
    const incomplete = deliveries.filter((d) => d.arrivals < opened).length
    const eventLatencies = deliveries
      .filter((d) => d.arrivals > 0)
      .map((d) => Math.max(0, d.lastArrivalMs - d.sentAtMs))
      .sort((a, b) => a - b)
    const writes = [...tally.latenciesMs].sort((a, b) => a - b)
    const reads = [...shared.readLatenciesMs].sort((a, b) => a - b)
    const seconds = settings.measuredMs / 1000
    const cpu = cpus()
    const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—')
    console.log(
      `\n${settings.walls} walls (stream + /api/wall/view + /api/wall/map), ${settings.writers} writers ` +
        `(one transition every ${settings.writeIntervalMs} ms each), ${seconds} s; server: tsx server/main.ts` +
        `\n${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
        `${new Date().toISOString().slice(0, 10)}; load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, ` +
        `after ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
    )
    console.log('| metric | value |\n|---|---|')
    const rows: [string, string][] = [
      ['streams opened', `${opened} / ${settings.walls}`],
      ['streams closed early', String(closedEarly)],
      ['writes (200)', `${tally.ok} (${(tally.ok / seconds).toFixed(1)}/s)`],
      ['events dropped (all walls)', String(dropped)],
      ['events out of order', String(disorder)],
      ['events not at every wall', String(incomplete)],
      [
        'event → last wall p50 / p99 ms',
        `${fmt(percentile(eventLatencies, 50))} / ${fmt(percentile(eventLatencies, 99))}`,
      ],
      ['write p50 / p99 ms', `${fmt(percentile(writes, 50))} / ${fmt(percentile(writes, 99))}`],
      [
        'wall reads (retried after a reset keep-alive socket)',
        `${reads.length} (${(reads.length / seconds).toFixed(0)}/s; ${shared.retries} retried)`,
      ],
      ['wall read p50 / p99 ms', `${fmt(percentile(reads, 50))} / ${fmt(percentile(reads, 99))}`],
      ['server RSS end / peak MB', `${fmt(statsEnd.rssMb)} / ${fmt(statsEnd.peakMb)}`],
      [
        'server CPU during the run',
        `${(((statsEnd.cpuMs - statsStart.cpuMs) / (settings.measuredMs + settings.drainMs)) * 100).toFixed(0)} %`,
      ],
      ['listen queue overflows (whole machine)', String(overflows)],
    ]
    for (const [name, value] of rows) console.log(`| ${name} | ${value} |`)
    const failures: string[] = []
    if (opened < settings.walls) failures.push(`${settings.walls - opened} streams never opened`)
    if (closedEarly > 0) failures.push(`${closedEarly} streams closed during the run`)
    if (dropped > 0) failures.push(`${dropped} events dropped`)
    if (incomplete > 0) failures.push(`${incomplete} events did not reach every wall`)
    if (tally.unexpected.length)
      failures.push(`unexpected write answers: ${tally.unexpected.slice(0, 3).join('; ')}`)
    if (shared.readErrors.length)
      failures.push(
        `${shared.readErrors.length} failed reads: ${shared.readErrors.slice(0, 3).join('; ')}`,
      )
    if (tally.ok === 0) failures.push('no write succeeded')
    if (failures.length) {
      console.error(`\nFAILED: ${failures.join('\n')}`)
      process.exitCode = 1
    } else {
      console.log('\nevery stream opened and every event reached every wall')
    }
  } finally {
    for (const w of walls) w.close()
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((resolve) => server?.once('exit', resolve))
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
