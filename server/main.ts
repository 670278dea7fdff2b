// Composition root: config → openStore → load the demo data on first start → seed units, demo
// accounts and the display token → createApp → listen.
import { createServer } from 'node:http'
import { createApp } from './app.ts'
import { demoPassword } from './auth/demo-accounts.ts'
import { ConfigError, loadConfig } from './config.ts'
import { seedLedger } from './ledger/seed-ledger.ts'
import { LiveLedger } from './live/live-ledger.ts'
import { planningServiceOf } from './planning/planning-service.ts'
import { loadGeodata } from './storage/load-geodata.ts'
import { openStore } from './storage/open-store.ts'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const store = await openStore(config.databasePath)
  if (!(await store.isLoaded())) {
    const started = performance.now()
    const report = await loadGeodata(store, { dir: config.geodataDir, rebaseTo: new Date() })
    const total = report.loaded.reduce((sum, c) => sum + c.count, 0)
    console.log(
      `首次启动：从 ${config.geodataDir}/ 载入 ${report.loaded.length} 个图层、${total} 个要素` +
        `（问题时间平移 ${report.shiftDays} 天，${(performance.now() - started).toFixed(0)} ms）`,
    )
    if (report.missing.length > 0) {
      console.warn(
        `缺少 ${report.missing.map((id) => `${id}.geojson`).join('、')}：这些图层暂为空，补齐后删除数据库重启即可载入`,
      )
    }
  }
  const seed = await seedLedger(store, { demoAccounts: config.demoAccounts })
  if (seed.unitsAdded > 0) console.log(`责任单位：新增 ${seed.unitsAdded} 个`)
  if (seed.usersCreated.length > 0) {
    console.log(
      `已创建演示账号 ${seed.usersCreated.join('、')}（密码均为 ${demoPassword}，仅供演示；` +
        '正式使用请用 npm run user -- create 建立账号）',
    )
  }
  if (seed.displayToken) {
    console.log(
      `大屏只读令牌（只显示这一次，用 npm run display-token 更换）：${seed.displayToken}\n` +
        '  读取数据时附带 ?token=<令牌> 或请求头 Authorization: Bearer <令牌>',
    )
  }
  const loadStarted = performance.now()
  const live = new LiveLedger(store)
  // listen at once: the OGC API and sign-in need no snapshot; stats, events and planning requests
  // wait for it (their routes await live.ready) while the screens show 准备中
  const snapshot = live.ready.then(() =>
    console.log(
      `大屏统计：已载入 ${live.columns.size} 个问题（${(performance.now() - loadStarted).toFixed(0)} ms）`,
    ),
  )
  snapshot.catch(() => {}) // reported by the warm-up below, once listening
  const server = createServer(createApp({ store, config, live }))
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
  server.listen(config.port, config.host, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    console.log(`巡查督导一张图已启动：http://${host}:${port}/`)
    if (config.publicBaseUrl) console.log(`对外地址（链接使用）：${config.publicBaseUrl}/`)
    // once listening: the first planning request would otherwise build the copy and index (~0.8 s)
    const warmStarted = performance.now()
    snapshot
      .then(() => planningServiceOf(live).warm(live.columns, new Date()))
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
      void store.close().then(() => {
        clearTimeout(force)
        process.exit(0)
      })
    })
    server.closeIdleConnections()
    live.close() // event streams never go idle
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
