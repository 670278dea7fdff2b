// The demo accounts' names are Chinese and name the place's seat township (a place-profile edit once
// left 「the seat township网格长」 in the header and the issue timelines).
import { afterEach, expect, test } from 'vitest'
import { place } from '../../server/config/place.ts'
import type { Store } from '../../server/storage/store.ts'
import { openLedgerStore } from '../http/ledger-app.ts'

const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
})

test('the grid accounts are named after the seat township; no demo name has Latin letters', async () => {
  const { store } = await openLedgerStore()
  stores.push(store)
  const names = new Map((await store.users()).map((u) => [u.username, u.displayName]))
  expect(names.get('grid-nanzhao')).toBe(`${place.seatTownship.name}网格长`)
  expect(names.get('member-nanzhao')).toBe(`${place.seatTownship.name}网格员`)
  expect(place.seatTownship.name).toBe('南诏镇') // the default place
  for (const [username, name] of names) expect(name, username).not.toMatch(/[A-Za-z]/)
})
