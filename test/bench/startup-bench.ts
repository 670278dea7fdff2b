// Seeded benchmark of the server's start-up on a large SQLite ledger (spread-ledger.ts): the time from
// spawning `server/main.ts` until it listens (巡查督导一张图已启动) and until the wall's snapshot is
// ready (大屏统计：已载入), the slowest GET /healthz from listening until 3 s after ready (how long a
// request waits while millions of issues load and the first 催办 tick runs), and the process's
// memory then, for three starts —
//   build    no stored snapshot: every issue read and parsed (the first start, or after a layer load)
//   load     the snapshot the previous run stored (at shutdown): no issue read
//   replay   the stored snapshot plus `replayEvents` events written after it (≤ snapshotEvery)
// `build` is the baseline of the same run: the table gives load and replay as a ratio of it.
//   npm run bench:startup                          1,000,000 issues (the file takes a few minutes)
//   npm run bench:startup -- --issues 5000000      5,000,000 (about 15 min and 12 GB of memory to build)
//   npm run bench:startup -- --short               100,000 (CI)
//   npm run bench:startup -- --db /tmp/s1m.db      keep the file there and reuse it next time
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { liveDefaults } from '../../server/live/live-ledger.ts'
import { openSpreadLedger } from './spread-ledger.ts'

const { values } = parseArgs({
  options: {
    short: { type: 'boolean' },
    issues: { type: 'string' },
    db: { type: 'string' },
    runs: { type: 'string' },
  },
})
const settings = {
  count: Number(values.issues ?? (values.short ? 100_000 : 1_000_000)),
  seed: 20261122, // the wall bench's
  runs: Number(values.runs ?? (values.short ? 1 : 3)), // starts of each kind; the median is shown
  replayEvents: liveDefaults.snapshotEvery, // the most a start replays when the last store was on time
  settleMs: 3000, // kept running after ready: the work that follows it is measured too
}
const mib = (kib: number) => (kib / 1024).toFixed(0)

interface Start {
  listeningMs: number // spawn → 巡查督导一张图已启动 (the OGC API and sign-in answer from here)
  readyMs: number // spawn → 大屏统计：已载入
  loadMs: number // what main.ts reports: LiveLedger created → ready
  worstAnswerMs: number // the slowest GET /healthz from listening until settleMs after ready
  rssKiB: number
  anonKiB: number // RSS without the file's mapped pages (the database is memory-mapped)
  peakKiB: number
}

/** Spawns the server on the file, waits for the wall's snapshot, reads its memory, stops it. */
async function startOnce(databasePath: string, from: 'snapshot' | 'issues'): Promise<Start> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: databasePath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let listenedAt: number | undefined
  let loadedAt: number | undefined
  const probe: Probe = { port: 0, worstMs: 0, stop: false }
  let probing: Promise<void> = Promise.resolve()
  // both lines, in either order: the time each appeared
  const ready = new Promise<{ listeningMs: number; readyMs: number; loadMs: number }>(
    (resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString()
        const at = performance.now() - started
        const listening = /巡查督导一张图已启动：http:\/\/[^:]+:(\d+)\//.exec(output)
        if (listenedAt === undefined && listening) {
          listenedAt = at
          probe.port = Number(listening[1])
          probing = probeAnswers(probe)
        }
        const loaded = /大屏统计：已载入 \d+ 个问题（(\d+) ms，(.)/.exec(output)
        if (!loaded) return
        loadedAt ??= at
        // the start this run is for, or the table would compare the wrong ones
        const came = loaded[2] === '读' ? 'snapshot' : 'issues'
        if (came !== from)
          reject(new Error(`expected a start from ${from}, got ${came}:\n${output}`))
        if (listenedAt !== undefined) {
          resolve({ listeningMs: listenedAt, readyMs: loadedAt, loadMs: Number(loaded[1]) })
        }
      }
      child.stdout.on('data', read)
      child.stderr.on('data', read)
      child.once('exit', () =>
        reject(new Error(`the server stopped before it was ready:\n${output}`)),
      )
    },
  )
  const { listeningMs, readyMs, loadMs } = await ready
  await delay(settings.settleMs) // what runs once the snapshot is ready (催办, planning warm-up)
  probe.stop = true
  await probing.catch((error: unknown) => {
    child.kill('SIGKILL')
    throw error
  })
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1])
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM') // stores the snapshot as it stops (main.ts)
  await exited
  return {
    listeningMs,
    readyMs,
    loadMs,
    worstAnswerMs: probe.worstMs,
    rssKiB: kib('VmRSS'),
    anonKiB: kib('RssAnon'),
    peakKiB: kib('VmHWM'),
  }
}

/** Asks GET /healthz over and over, one at a time, keeping the slowest answer: how long a user waits. */
interface Probe {
  port: number
  worstMs: number
  stop: boolean
}

async function probeAnswers(probe: Probe): Promise<void> {
  while (!probe.stop) {
    const asked = performance.now()
    // a connection each: no keep-alive socket the server may close as a request goes out
    const answered = await fetch(`http://127.0.0.1:${probe.port}/healthz`, {
      headers: { connection: 'close' },
    }).then(
      (r) => r.ok,
      () => false,
    )
    if (answered) probe.worstMs = Math.max(probe.worstMs, performance.now() - asked)
    else if (!probe.stop) throw new Error('GET /healthz failed while the server was starting')
    await delay(50)
  }
}

function forgetSnapshot(databasePath: string): void {
  const db = new Database(databasePath)
  db.exec('DELETE FROM issue_snapshot_parts; DELETE FROM issue_snapshot')
  db.close()
}

/** Writes `count` 备注 events after the stored snapshot, as a day of work would. */
async function writeEvents(databasePath: string, count: number): Promise<void> {
  const store = await openSpreadLedger(databasePath, settings.count, settings.seed)
  const page = await store.features('issues', { properties: {}, limit: 1000, offset: 0 })
  const ids = page.features.map((f) => (JSON.parse(f) as { id: string }).id)
  for (let i = 0; i < count; i++) {
    await store.appendIssueEvent(
      {
        issueId: ids[i % ids.length] as string,
        at: new Date().toISOString(),
        actor: 'bench',
        actorName: '基准',
        role: 'admin',
        action: 'note',
        note: `启动基准 ${i}`,
      },
      undefined,
    )
  }
  await store.close()
}

const median = (starts: Start[], key: keyof Start) => {
  const sorted = starts.map((s) => s[key]).sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] as number
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-startup-bench-'))
  try {
    const databasePath = values.db ?? join(dir, 'startup.db')
    const store = await openSpreadLedger(databasePath, settings.count, settings.seed)
    const loaded = (await store.collectionStats()).get('issues')?.count
    await store.close()
    if (loaded !== settings.count) {
      throw new Error(
        `${databasePath} holds ${loaded} issues, not ${settings.count}: use another --db`,
      )
    }
    const kinds: [string, Start[]][] = [
      ['build', []],
      ['load', []],
      ['replay', []],
    ]
    for (let run = 0; run < settings.runs; run++) {
      forgetSnapshot(databasePath)
      kinds[0]?.[1].push(await startOnce(databasePath, 'issues')) // stores the snapshot
      kinds[1]?.[1].push(await startOnce(databasePath, 'snapshot'))
      await writeEvents(databasePath, settings.replayEvents)
      kinds[2]?.[1].push(await startOnce(databasePath, 'snapshot'))
      console.log(`run ${run + 1}/${settings.runs} done`)
    }
    const baseline = median(kinds[0]?.[1] ?? [], 'readyMs')
    const cpu = cpus()
    console.log(
      `\n${settings.count.toLocaleString('en')} issues; ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
        `${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0]?.toFixed(1)}; ` +
        `median of ${settings.runs} start(s) each; replay = ${settings.replayEvents.toLocaleString('en')} events\n`,
    )
    console.log(
      '| start | spawn → listening s | spawn → ready s | snapshot s | vs build | slowest answer meanwhile s | RSS MiB | RSS without mapped file MiB | peak RSS MiB |',
    )
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    for (const [kind, starts] of kinds) {
      const ready = median(starts, 'readyMs')
      console.log(
        `| ${kind} | ${(median(starts, 'listeningMs') / 1000).toFixed(2)} | ${(ready / 1000).toFixed(2)} | ${(median(starts, 'loadMs') / 1000).toFixed(2)} | ` +
          `${kind === 'build' ? '1×' : `${(baseline / ready).toFixed(1)}× faster`} | ` +
          `${(median(starts, 'worstAnswerMs') / 1000).toFixed(2)} | ` +
          `${mib(median(starts, 'rssKiB'))} | ${mib(median(starts, 'anonKiB'))} | ${mib(median(starts, 'peakKiB'))} |`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
