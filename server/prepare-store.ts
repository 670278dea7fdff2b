// First start and every start before serving: load the demo data into an empty store, seed units,
// demo accounts and the display token, and say so on the console. Run once per database — by
// main.ts, or by the cluster's primary before it forks the workers (so they never race to load).
import { seedAssessmentSystem, seedChecklists } from './assessment/system-seed.ts'
import { demoPassword } from './auth/demo-accounts.ts'
import type { Config } from './config.ts'
import { seedLedger } from './ledger/seed-ledger.ts'
import { loadGeodata } from './storage/load-geodata.ts'
import type { Store } from './storage/store.ts'

export async function prepareStore(
  store: Store,
  config: Pick<Config, 'geodataDir' | 'demoAccounts'>,
  now: Date = new Date(), // the server's clock (CLOCK_START): the demo data is rebased to it
): Promise<void> {
  if (!(await store.isLoaded())) {
    const started = performance.now()
    const report = await loadGeodata(store, { dir: config.geodataDir, rebaseTo: now })
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
  const seededYear = await seedAssessmentSystem(store, now)
  if (seededYear !== undefined) {
    console.log(
      `测评体系：载入 ${seededYear} 年度示意测评体系（非官方文本，可导入本地 Excel 替换）`,
    )
  }
  const checklistItems = await seedChecklists(store)
  if (checklistItems > 0) console.log(`点位测评清单：新增 ${checklistItems} 个检查项（示意）`)
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
}
