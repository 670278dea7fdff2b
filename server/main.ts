// Composition root: config → openStore → load the demo data on first start → seed units, demo
// accounts and the display token → createApp → listen. One process; cluster.ts runs it per worker.
import cluster from 'node:cluster'
import { createServer } from 'node:http'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { createApp } from './app.ts'
import { materialPanelSource, materialSettingsOf } from './assessment/material-wiring.ts'
import { BaseMapsConfigError, loadBaseMaps } from './config/base-maps.ts'
import { clockFrom } from './config/clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { LiveLedger } from './live/live-ledger.ts'
import { WallViews } from './live/wall-views.ts'
import { planningServiceOf } from './planning/planning-service.ts'
import { prepareStore } from './prepare-store.ts'
import { startOutboxSender } from './reminders/outbox-sender.ts'
import { channelsInForce } from './reminders/reminder-rules.ts'
import { ReminderScheduler } from './reminders/reminder-scheduler.ts'
import { openStore, StoreUnavailable } from './storage/open-store.ts'
import { openBaseMaps } from './storage/tile-archives/base-maps.ts'
import { TileArchiveError } from './storage/tile-archives/open-tile-archive.ts'

const listenBacklog = 4096 // pending connections; Linux caps it at net.core.somaxconn

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  // BASE_MAPS_FILE: checked and its archives opened before anything else starts (fails fast)
  const baseMaps = await openBaseMaps(loadBaseMaps(process.env))
  const baseMapNames = baseMaps.describe('').map((b) => b.name) // names only: a URL may hold a key
  if (baseMapNames.length) console.log(`可选底图：离线底图（默认）、${baseMapNames.join('、')}`)
  // the system clock, or CLOCK_START's (tests and demos): every part of the server reads this one
  const now = clockFrom(config.clockStartMs)
  if (config.clockStartMs !== undefined)
    console.log(`时钟：从 ${now().toISOString()} 起走（CLOCK_START）`)
  const store = await openStore(config.databasePath)
  // a cluster worker's primary prepared the store before forking (see cluster.ts)
  if (!cluster.isWorker) await prepareStore(store, config, now())
  const loadStarted = performance.now()
  const live = new LiveLedger(store, { frameBatchMs: config.sseBatchMs, now })
  // listen at once: the OGC API and sign-in need no snapshot; stats, events and planning requests
  // wait for it (their routes await live.ready) while the screens show 准备中
  const snapshot = live.ready.then(() =>
    console.log(
      `大屏统计：已载入 ${live.columns.size} 个问题（${(performance.now() - loadStarted).toFixed(0)} ms，` +
        `${live.builtFrom === 'snapshot' ? '读取已存快照并补上其后的事件' : '逐条读取问题，并存下快照'}）`,
    ),
  )
  snapshot.catch(() => {}) // reported by the warm-up below, once listening
  const materials = materialSettingsOf(store, now())
  const views = new WallViews(live, {}, materialPanelSource(store, materials, now))
  // every process runs one: the store's sent-log lets each reminder out once (reminder-scheduler.ts)
  const stopReminders = new ReminderScheduler(live, store, {
    ...(config.digestAt === undefined ? {} : { digestAt: config.digestAt }),
    ...(config.publicBaseUrl === undefined ? {} : { publicBaseUrl: config.publicBaseUrl }),
  }).start(now)
  // and sends the outbox to the 企业微信 / 钉钉 robots: claimed under a lease, so once (outbox-sender.ts)
  const stopOutbox = startOutboxSender(
    store,
    { worker: `${process.pid}`, channels: () => channelsInForce(store) },
    undefined,
    now,
  )
  const server = createServer(createApp({ store, config, live, views, materials, now, baseMaps }))
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      console.error(
        `端口 ${config.port} 已被占用（EADDRINUSE）：关闭占用它的程序，或用 PORT=8081 npm start 换一个端口`,
      )
    } else {
      console.error(`无法监听 ${config.host}:${config.port}：${err.message}`)
    }
    void store.close().finally(() => process.exit(1))
  })
  // hundreds of wall screens reconnect at once after a restart: the default 511 overflows
  server.listen({ port: config.port, host: config.host, backlog: listenBacklog }, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    const worker = cluster.worker ? `（工作进程 ${cluster.worker.id}，pid ${process.pid}）` : ''
    console.log(`巡查督导一张图已启动：http://${host}:${port}/${worker}`)
    if (config.publicBaseUrl) console.log(`对外地址（链接使用）：${config.publicBaseUrl}/`)
    // once listening: the first planning request would otherwise build the copy and index (~0.8 s)
    const warmStarted = performance.now()
    snapshot
      .then(() => planningServiceOf(live).warm(live.columns, now(), nextTurn))
      .then(
        () => console.log(`规划计算已预热（${(performance.now() - warmStarted).toFixed(0)} ms）`),
        (err: unknown) =>
          console.error('大屏统计或规划计算预热失败（首个相关请求将自行准备数据）：', err),
      )
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`收到 ${signal}，正在停止…`)
    const force = setTimeout(() => process.exit(1), 5000).unref() // open keep-alive sockets
    server.close(() => {
      // the next start loads it instead of reading every issue (live-ledger.ts)
      void live
        .storeSnapshot()
        .then(() => store.close())
        .then(() => {
          clearTimeout(force)
          process.exit(0)
        })
    })
    server.closeIdleConnections()
    stopReminders()
    stopOutbox()
    views.close()
    live.close() // event streams never go idle
    baseMaps.close()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  const known = [ConfigError, StoreUnavailable, BaseMapsConfigError, TileArchiveError]
  console.error(known.some((type) => err instanceof type) ? (err as Error).message : err)
  process.exit(1)
})
