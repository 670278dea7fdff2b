// Our items endpoint on the MapServer anchor's own points (../shared/anchors/mapserver), so the
// two servers can be compared on the same data and the same 32 boxes (issue 16).
//   npm run bench:bbox -- --million            1,000,000 points: load, measure, print the table
//   npm run bench:bbox                          3,000 points (quick check)
//   npm run bench:bbox -- --million --serve    keep serving for the anchor's bench.sh:
//     EXTRA_TARGETS="ours=http://127.0.0.1:18610/collections/issues/items" DATASETS=1m ./bench.sh
//   --ogr2ogr                                   also time `ogr2ogr` of every issue (keyset pages)
//   --processes N                               serve the loaded file as production does: the cluster
//     (server/cluster.ts, WORKERS=N, DATABASE_PATH=the file) in its own processes, not in this one
//   --db PATH                                   keep the database in PATH (loaded once, reused by reruns)
// The anchor's gen-data.mjs makes the points (seed 42, byte-identical CSV per N); rows become
// issues with the anchor's status/category/township mapped to ours.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { createApp } from '../../server/app.ts'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import { issueCategories } from '../../server/domain/issue.ts'
import type { Bbox } from '../../server/ogc/feature-query.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { compareCounts } from './count-by-cells.ts'
import { compareJoined, comparePages } from './page-by-cells.ts'

const argv = process.argv.slice(2)
const args = new Set(argv)
const processesArg = argv[argv.indexOf('--processes') + 1]
const dbArg = args.has('--db') ? argv[argv.indexOf('--db') + 1] : undefined
const processes = args.has('--processes') ? Number(processesArg) : 0 // 0: in this process
if (args.has('--processes') && !(Number.isInteger(processes) && processes >= 1)) {
  throw new Error(`--processes wants a number of worker processes, got ${processesArg}`)
}
const settings = {
  count: args.has('--million') ? 1_000_000 : 3000, // points, as the anchor's 1m / 3k datasets
  seed: 42, // the anchor's seed
  limit: 1000, // features per page, as the anchor's client
  rounds: args.has('--million') ? 3 : 8, // passes over the 32 boxes (after one warm-up pass)
  port: Number(process.env.PORT ?? 18610), // --serve listens here
  anchorDir: process.env.ANCHOR_DIR ?? '/work/shared/anchors/mapserver',
}
const run = promisify(execFile)

// the anchor's 32 small boxes (bench-client.mjs smallBboxes) and its whole extent
const seats: [number, number][] = [
  [100.305, 25.23],
  [100.18, 25.38],
  [100.02, 25.3],
  [100.4, 25.42],
  [100.25, 25.05],
  [100.08, 25.12],
  [100.38, 25.15],
  [99.96, 25.45],
  [100.15, 25.25],
  [100.33, 25.33],
]
function smallBboxes(): string[] {
  let s = 7 // the anchor's fixed LCG seed
  const r = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s / 4294967296
  }
  const centres = [...seats]
  for (let i = 0; i < 22; i++) centres.push([99.925 + r() * 0.5, 24.975 + r() * 0.5])
  return centres.map(([x, y]) =>
    [x - 0.025, y - 0.025, x + 0.025, y + 0.025].map((v) => v.toFixed(3)).join(','),
  )
}
const largeBbox = '99.9,24.95,100.45,25.5'

const statusOf: Record<string, string> = {
  open: 'pending',
  assigned: 'fixing',
  resolved: 'reviewing',
  closed: 'closed',
}

/** The anchor's CSV as our issues, streamed from gen-data.mjs. */
async function anchorIssues(): Promise<GeoJsonFeature[]> {
  const child = spawn('node', [
    join(settings.anchorDir, 'gen-data.mjs'),
    String(settings.count),
    String(settings.seed),
  ])
  const categories = new Map<string, string>()
  const features: GeoJsonFeature[] = []
  let header = true
  for await (const line of createInterface({ input: child.stdout })) {
    if (header) {
      header = false
      continue
    }
    const [id, status, category, township, foundAt, lng, lat] = line.split(',') as string[]
    if (!categories.has(category as string)) {
      categories.set(
        category as string,
        issueCategories[categories.size % issueCategories.length] as string,
      )
    }
    const seat = Number((township as string).slice(1))
    features.push({
      type: 'Feature',
      id: `ms-${id}`,
      geometry: { type: 'Point', coordinates: [Number(lng), Number(lat)] },
      properties: {
        category: categories.get(category as string),
        status: statusOf[status as string] ?? 'pending',
        reportedAt: foundAt,
        updatedAt: foundAt,
        deadlineAt: foundAt,
        townshipCode: `5329271${String(seat).padStart(2, '0')}`,
        synthetic: true,
      },
    })
  }
  return features
}

interface Sample {
  serverMs: number
  cpuMs: number
  bytes: number
  matched?: number
}

function get(agent: Agent, port: number, path: string): Promise<{ body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        res.statusCode === 200
          ? resolve({ body: Buffer.concat(chunks).toString('utf8') })
          : reject(new Error(`${res.statusCode} ${path}`)),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

/** Where the pages come from: this process's app, or the cluster in its own processes. */
interface Served {
  port: number
  serverMs: () => Promise<number> // the request log's time of the page just received
  serverCpuMs?: () => number // all server processes' CPU so far (the cluster only)
  close: () => Promise<void>
}

async function servedHere(store: Store): Promise<Served> {
  let lastServerMs = 0
  const app = createApp({
    store,
    config: { distDir: '/nonexistent' },
    log: (line) => {
      const ms = /(\d+\.\d)ms$/.exec(line)?.[1]
      if (ms) lastServerMs = Number(ms)
    },
  })
  const server = app.listen(args.has('--serve') ? settings.port : 0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  return {
    port: (server.address() as AddressInfo).port,
    serverMs: async () => lastServerMs,
    close: async () => {
      server.close()
      await store.close()
    },
  }
}

/** CPU time of a process and all its descendants, in ms (Linux /proc; clock ticks of 10 ms). */
function treeCpuMs(root: number): number {
  let ticks = 0
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift() as number
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime, stime
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim()
        if (children) queue.push(...children.split(' ').map(Number))
      }
    } catch {
      // exited meanwhile
    }
  }
  return ticks * 10
}

/** `server/cluster.ts` on the database file, as `npm run start:cluster` runs it in production. */
async function servedByCluster(databasePath: string, workers: number): Promise<Served> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../server/cluster.ts')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        DATABASE_PATH: databasePath,
        WORKERS: String(workers),
        HOST: '127.0.0.1',
        PORT: String(args.has('--serve') ? settings.port : 0),
        DIST_DIR: '/nonexistent',
        DIGEST_TIME: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const times: number[] = []
  let wake: (() => void) | undefined
  let output = ''
  const lines = (stream: NodeJS.ReadableStream | null) => {
    if (!stream) return
    createInterface({ input: stream }).on('line', (line) => {
      const ms = /^GET \/collections\/issues\/items\S* 200 (\d+\.\d)ms$/.exec(line)?.[1]
      if (ms) {
        times.push(Number(ms))
        wake?.()
        return
      }
      output += `${line}\n`
      if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD) /.test(line)) console.log(`  [cluster] ${line}`)
    })
  }
  lines(child.stdout)
  lines(child.stderr)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // ready: every worker listening, its snapshot loaded and its planning copy warmed (start-up CPU
  // would otherwise fall into the measurements)
  const started = performance.now()
  for (;;) {
    const warmed = output.match(/规划计算已预热|预热失败/g)?.length ?? 0
    if (warmed >= workers) break
    if (child.exitCode !== null) throw new Error(`the cluster exited:\n${output}`)
    if (performance.now() - started > 600_000) {
      child.kill('SIGTERM')
      throw new Error(`the cluster did not get ready in 10 min:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const port = Number(/已启动：http:\/\/[^:]+:(\d+)\//.exec(output)?.[1])
  console.log(
    `cluster ready: ${workers} workers, pid ${child.pid}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  return {
    port,
    serverMs: async () => {
      const deadline = performance.now() + 5000
      while (times.length === 0 && performance.now() < deadline) {
        await new Promise<void>((r) => {
          wake = r
          setTimeout(r, 100)
        })
      }
      return times.shift() ?? Number.NaN
    },
    serverCpuMs: () => treeCpuMs(child.pid as number),
    close: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-anchor-bench-'))
  try {
    const databasePath = dbArg ?? join(dir, 'anchor.db')
    const store = await openSqliteStore(databasePath, { cacheSizeMiB: 1024 })
    const loaded = (await store.collectionStats()).get('issues')?.count
    if (loaded === settings.count) {
      console.log(`${databasePath}: the ${loaded.toLocaleString('en')} anchor points loaded before`)
    } else {
      const t0 = performance.now()
      const features = await anchorIssues()
      const t1 = performance.now()
      await store.loadCollections([{ def: findCollection('issues') as CollectionDef, features }])
      features.length = 0
      const t2 = performance.now()
      console.log(
        `${settings.count.toLocaleString('en')} anchor points: generated ${((t1 - t0) / 1000).toFixed(1)} s, loaded ${((t2 - t1) / 1000).toFixed(1)} s`,
      )
    }
    const boxes = smallBboxes().map((box) => box.split(',').map(Number) as unknown as Bbox)
    const countLine = compareCounts(databasePath, boxes)
    const pageLine = comparePages(databasePath, boxes)
    const joinedLine = compareJoined(databasePath, boxes)
    let served: Served
    if (processes > 0) {
      await store.close()
      served = await servedByCluster(databasePath, processes)
    } else {
      served = await servedHere(store)
    }
    const { port } = served
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const rows: string[] = []
    for (const [name, boxes] of [
      ['small (32 × 0.05°)', smallBboxes()],
      ['large (whole extent)', [largeBbox]],
    ] as const) {
      const samples: Sample[] = []
      const rounds = name.startsWith('large') ? settings.rounds * 4 : settings.rounds
      let serverCpu0 = 0
      for (let round = -1; round < rounds; round++) {
        if (round === 0) serverCpu0 = served.serverCpuMs?.() ?? 0
        for (const bbox of boxes) {
          const cpu = process.cpuUsage()
          const { body } = await get(
            agent,
            port,
            `/collections/issues/items?f=json&limit=${settings.limit}&bbox=${bbox}`,
          )
          const used = process.cpuUsage(cpu)
          const serverMs = await served.serverMs()
          if (round < 0) continue // warm-up pass
          const matched = /"numberMatched":(\d+)/.exec(body)?.[1]
          samples.push({
            serverMs,
            cpuMs: (used.user + used.system) / 1000,
            bytes: Buffer.byteLength(body),
            ...(matched ? { matched: Number(matched) } : {}),
          })
        }
      }
      // in this process: its CPU per request (client included), p50; the cluster: all its
      // processes' CPU over the measured passes, per request
      const cpuMs = served.serverCpuMs
        ? (served.serverCpuMs() - serverCpu0) / samples.length
        : percentile(
            samples.map((s) => s.cpuMs),
            50,
          )
      const server = samples.map((s) => s.serverMs)
      const counted = samples.filter((s) => s.matched !== undefined).length
      rows.push(
        `| ${name} | ${samples.length} | ${percentile(server, 50).toFixed(2)} | ${percentile(server, 99).toFixed(1)} | ` +
          `${cpuMs.toFixed(2)} | ${percentile(
            samples.map((s) => s.bytes),
            50,
          ).toLocaleString('en')} | ${counted}/${samples.length} |`,
      )
    }
    agent.destroy()
    const cpu = cpus()
    console.log(
      `\nGET /collections/issues/items?f=json&limit=${settings.limit}&bbox=… on the anchor's ${settings.count.toLocaleString('en')} points` +
        `\n${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
        `${new Date().toISOString().slice(0, 16)}Z, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}` +
        (processes > 0
          ? `\nserved by server/cluster.ts with ${processes} workers on the database file` +
            '\nserver = request-log time in ms (p50 / p99 over n); cpu = all cluster processes, ms per request (mean)\n'
          : '\nserved in this process' +
            '\nserver = request-log time in ms (p50 / p99 over n); cpu = this process, client included (p50)\n'),
    )
    console.log(
      '| boxes | n | server p50 ms | server p99 ms | cpu ms | bytes/resp p50 | numberMatched sent |',
    )
    console.log('|---|---|---|---|---|---|---|')
    for (const row of rows) console.log(row)
    console.log(`\n${countLine}\n${pageLine}\n${joinedLine}`)
    if (args.has('--ogr2ogr')) {
      const out = join(dir, 'all.fgb')
      const started = performance.now()
      await run(
        'ogr2ogr',
        [
          '-f',
          'FlatGeobuf',
          out,
          '-oo',
          'PAGE_SIZE=10000',
          `OAPIF:http://127.0.0.1:${port}`,
          'issues',
        ],
        { maxBuffer: 1 << 26 },
      )
      const { stdout } = await run('ogrinfo', ['-so', '-al', out])
      console.log(
        `\nogr2ogr of every issue (PAGE_SIZE=10000): ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
          `${/Feature Count: (\d+)/.exec(stdout)?.[1]} features written`,
      )
    }
    if (args.has('--serve')) {
      console.log(
        `\nserving on http://127.0.0.1:${port}/ — in ${settings.anchorDir}:\n` +
          `  EXTRA_TARGETS="ours=http://127.0.0.1:${port}/collections/issues/items" DATASETS=${settings.count === 1_000_000 ? '1m' : '3k'} ./bench.sh\n` +
          'Ctrl-C stops it.',
      )
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
    }
    await served.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
