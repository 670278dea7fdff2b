// What the ledger needs on every start: the responsible units (departments + township governments,
// from the townships layer), and on a store without users the demo accounts and a display token.
import { seedDemoAccounts } from '../auth/demo-accounts.ts'
import { rotateDisplayToken } from '../auth/display-token.ts'
import type { ScryptCost } from '../auth/password.ts'
import { seedUnits } from '../domain/units.ts'
import type { Store } from '../storage/store.ts'

export interface SeedReport {
  unitsAdded: number
  usersCreated: string[]
  displayToken?: string // set when a token was created now (it cannot be shown later)
}

export async function seedLedger(
  store: Store,
  options: { demoAccounts: boolean; cost?: ScryptCost; now?: Date },
): Promise<SeedReport> {
  const townships = await store.features('townships', { properties: {}, limit: 1000, offset: 0 })
  const unitsAdded = await store.seedUnits(
    seedUnits(
      townships.features.map((text) => {
        const p = (JSON.parse(text) as { properties: { code: string; name: string } }).properties
        return { code: p.code, name: p.name }
      }),
    ),
  )
  const report: SeedReport = { unitsAdded, usersCreated: [] }
  if (options.demoAccounts) report.usersCreated = await seedDemoAccounts(store, options)
  if ((await store.displayTokenCount()) === 0) {
    report.displayToken = await rotateDisplayToken(store, options.now)
  }
  return report
}
