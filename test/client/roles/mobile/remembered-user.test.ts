// The phone remembers who signed in, so 巡查通 opens offline: only the fields the screens need,
// forgotten on sign-out, and a value it cannot read counts as nobody; with them the rounds they
// record into, for reports made offline.
import { expect, test } from 'vitest'
import {
  rememberedRounds,
  rememberedUser,
  rememberRounds,
  rememberUser,
} from '../../../../client/roles/mobile/remembered-user.ts'

function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  }
}

const member = {
  username: 'member-nanzhao',
  displayName: '南诏镇网格员',
  role: 'grid-member',
  gridCodes: ['532927101001001'],
  permissions: ['issue_report', 'issue_rectify', 'issue_note'],
}

test('a signed-in user is remembered with what the screens need, and nothing else', () => {
  const storage = memoryStorage()
  rememberUser({ ...member, extra: 'not kept' } as typeof member, storage)
  expect(rememberedUser(storage)).toEqual(member)
  expect(storage.getItem('weishan.mobile.user')).not.toContain('not kept')
})

test('signing out (null) forgets the user', () => {
  const storage = memoryStorage()
  rememberUser(member, storage)
  rememberUser(null, storage)
  expect(rememberedUser(storage)).toBeUndefined()
})

test('nothing, broken JSON or a value of another shape is nobody', () => {
  const storage = memoryStorage()
  expect(rememberedUser(storage)).toBeUndefined()
  storage.setItem('weishan.mobile.user', '{broken')
  expect(rememberedUser(storage)).toBeUndefined()
  storage.setItem('weishan.mobile.user', JSON.stringify({ ...member, permissions: 'all' }))
  expect(rememberedUser(storage)).toBeUndefined()
  storage.setItem('weishan.mobile.user', JSON.stringify({ ...member, gridCodes: [1] }))
  expect(rememberedUser(storage)).toBeUndefined()
})

test('a unit operator keeps the unit code', () => {
  const storage = memoryStorage()
  const operator = {
    username: 'unit-um',
    displayName: '县城市管理局经办人',
    role: 'unit-operator',
    unitCode: 'urban-management',
    permissions: ['issue_rectify'],
  }
  rememberUser(operator, storage)
  expect(rememberedUser(storage)).toEqual(operator)
})

const round = {
  id: 'round-0001',
  kind: 'inspection',
  name: '第16期督查',
  startsOn: '2026-12-01',
  endsOn: '2026-12-07',
  teams: [{ leader: '张三', members: ['李四'] }],
}

test('the rounds are kept for the remembered user (names and dates only), not for another', () => {
  const storage = memoryStorage()
  rememberRounds([round], storage)
  expect(rememberedRounds(storage)).toBeUndefined() // nobody remembered: nothing kept
  rememberUser({ ...member, username: 'inspector' }, storage)
  rememberRounds([round], storage)
  expect(rememberedRounds(storage)).toEqual([
    { id: 'round-0001', name: '第16期督查', startsOn: '2026-12-01', endsOn: '2026-12-07' },
  ])
  rememberUser(member, storage) // another user on this phone
  expect(rememberedRounds(storage)).toBeUndefined()
})

test('signing out forgets the rounds; an unreadable value counts as none', () => {
  const storage = memoryStorage()
  rememberUser(member, storage)
  rememberRounds([round], storage)
  storage.setItem(
    'weishan.mobile.rounds',
    JSON.stringify({ username: member.username, rounds: [{ id: 1 }] }),
  )
  expect(rememberedRounds(storage)).toBeUndefined()
  rememberRounds([round], storage)
  expect(rememberedRounds(storage)).toHaveLength(1)
  rememberUser(null, storage)
  expect(storage.getItem('weishan.mobile.rounds')).toBeNull()
})
