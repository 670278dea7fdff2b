// npm run start:cluster: one port, WORKERS processes (default: one per core) each running main.ts on
// the same database. The primary prepares the store once (first-start load, seeding), forks, and
// replaces a worker that dies; it serves nothing itself. Workers share everything through the store
// (sessions, login limits, display token, ledger) and the attachments folder, and follow each
// other's writes through the store's change feed, so any worker can answer any request.
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import { clockFrom } from './config/clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { prepareStore } from './prepare-store.ts'
import { openStore } from './storage/open-store.ts'

const restartWindowMs = 10_000 // a worker dying more often than once per worker in this is a crash loop
const crashLoopDelayMs = 2000 // wait before replacing a worker during a crash loop

/** WORKERS from the environment: 1–64, empty or unset = the number of cores. */
export function workerCount(value: string | undefined, cores: number): number {
  if (value === undefined || value.trim() === '') return cores
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new ConfigError(
      `WORKERS 应为 1–64 的整数（收到 ${value.slice(0, 20)}）；不设则按核数 ${cores}`,
    )
  }
  return n
}

async function primary(): Promise<void> {
  const config = loadConfig(process.env)
  const workers = workerCount(process.env.WORKERS, availableParallelism())
  const store = await openStore(config.databasePath)
  await prepareStore(store, config, clockFrom(config.clockStartMs)()) // each worker starts its own
  await store.close()

  let stopping = false
  const exits: number[] = []
  const fork = () => cluster.fork()
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    const now = Date.now()
    exits.push(now)
    while ((exits[0] ?? now) < now - restartWindowMs) exits.shift()
    const delay = exits.length > workers ? crashLoopDelayMs : 0
    console.warn(
      `工作进程 ${worker.process.pid} 已退出（${signal ?? `退出码 ${code}`}），${delay ? `${delay / 1000} 秒后` : '立即'}启动替补`,
    )
    setTimeout(fork, delay)
  })
  console.log(`集群：主进程 ${process.pid}，启动 ${workers} 个工作进程，共用端口 ${config.port}`)
  for (let i = 0; i < workers; i++) fork()

  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`收到 ${signal}，正在停止全部工作进程…`)
    setTimeout(() => process.exit(1), 10_000).unref() // a worker that does not stop
    const running = Object.values(cluster.workers ?? {})
    if (running.length === 0) process.exit(0)
    for (const worker of running) worker?.process.kill('SIGTERM')
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

if (cluster.isPrimary) {
  primary().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err)
    process.exit(1)
  })
} else {
  await import('./main.ts')
}
