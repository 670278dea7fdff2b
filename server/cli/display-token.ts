// npm run display-token: makes a new read-only token for the wall display (指挥部大屏) and prints it.
// The old token stops working at once. Only a hash is stored, so a lost token is replaced, not shown.
import { rotateDisplayToken } from '../auth/display-token.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { openStore } from '../storage/open-store.ts'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const store = await openStore(config.databasePath)
  try {
    const token = await rotateDisplayToken(store)
    console.log(token)
    console.error(
      '新的大屏只读令牌已生效（旧令牌作废）。读取数据时附带 ?token=<令牌> 或 Authorization: Bearer <令牌>',
    )
  } finally {
    await store.close()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
