// One demo account per role (README lists them), created on the first start of an empty user table.
// Their password is published: real deployments create their own users (npm run user).

import { place } from '../config/place.ts'
import type { Store } from '../storage/store.ts'
import { createAccount, type NewUser } from './accounts.ts'
import { hashPassword, type ScryptCost } from './password.ts'

export const demoPassword = 'weishan2026'
const nanzhao = place.seatTownship.code // the county seat's township
const memberGrids = 4 // a 网格员 walks a few neighbouring grids, the first ones of the seat township by code

/** The demo accounts; the grid manager gets every grid of the seat township found in the store, the grid member four. */
export async function demoAccounts(store: Store): Promise<NewUser[]> {
  const grids = await store.features('grids', {
    properties: { townshipCode: nanzhao },
    limit: 1000,
    offset: 0,
  })
  const gridCodes = grids.features.map((text) => String((JSON.parse(text) as { id: unknown }).id))
  const accounts: NewUser[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', password: demoPassword },
    {
      username: 'commander',
      displayName: '县创建指挥部指挥长',
      role: 'commander',
      password: demoPassword,
    },
    {
      username: 'inspector',
      displayName: '县督导组督导员',
      role: 'inspector',
      password: demoPassword,
    },
    {
      username: 'unit-um',
      displayName: '县城市管理局经办人',
      role: 'unit-operator',
      unitCode: 'urban-management',
      password: demoPassword,
    },
    {
      username: 'unit-market',
      displayName: '县市场监督管理局经办人',
      role: 'unit-operator',
      unitCode: 'market-regulation',
      password: demoPassword,
    },
    { username: 'planner', displayName: '县规划人员', role: 'planner', password: demoPassword },
  ]
  if (gridCodes.length > 0) {
    accounts.splice(
      5,
      0,
      {
        username: 'grid-nanzhao',
        displayName: `${place.seatTownship.name}网格长`, // 南诏镇网格长
        role: 'grid-manager',
        gridCodes,
        password: demoPassword,
      },
      {
        username: 'member-nanzhao',
        displayName: `${place.seatTownship.name}网格员`,
        role: 'grid-member',
        gridCodes: [...gridCodes].sort().slice(0, memberGrids),
        password: demoPassword,
      },
    )
  }
  return accounts
}

/** Creates the demo accounts when there are no users at all; returns the usernames created. */
export async function seedDemoAccounts(
  store: Store,
  options: { cost?: ScryptCost; now?: Date } = {},
): Promise<string[]> {
  if ((await store.users()).length > 0) return []
  const accounts = await demoAccounts(store)
  // one hash of the published demo password serves every demo account: a first start costs one
  // scrypt (~0.5 s) instead of seven, and equal hashes reveal nothing that is not printed already
  const passwordHash = await hashPassword(demoPassword, options.cost)
  const created = []
  for (const account of accounts) {
    created.push(await createAccount(store, account, { ...options, passwordHash }))
  }
  return created.map((u) => u.username)
}
