// 部门评价 entries on either store: SQLite in memory, or with TEST_STORE=postgis (npm run
// test:postgis) a PostgreSQL database. Entries read back as written, newest first per year; a new one
// supersedes without removing the old; years do not mix.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { NewDepartmentEvaluation } from '../../server/domain/department-evaluation.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { createTestDatabase, type TestDatabase } from './postgis-database.ts'

const onPostgis = process.env.TEST_STORE === 'postgis'
let database: TestDatabase | undefined
let store: Store

beforeAll(async () => {
  if (!onPostgis) return
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_STORE=postgis needs TEST_DATABASE_URL')
  database = await createTestDatabase(url, 'department_evaluations')
}, 60_000)
afterAll(async () => {
  await database?.drop()
})
beforeEach(async () => {
  store = database ? await database.openEmpty() : await openSqliteStore(':memory:')
  await store.createUser({
    username: 'inspector',
    displayName: '督导员',
    role: 'inspector',
    passwordHash: 'scrypt$1$1$1$00$00',
    active: true,
    createdAt: '2026-01-01T00:00:00Z',
  })
})
afterEach(async () => {
  await store.close()
})

function entry(over: Partial<NewDepartmentEvaluation> = {}): NewDepartmentEvaluation {
  return {
    year: 2026,
    score: 8.5,
    points: 10,
    department: '省文明办',
    document: '关于征求上级主管部门意见结果的函（示例）',
    evaluatedOn: '2026-11-20',
    note: '',
    enteredBy: 'inspector',
    enteredAt: '2026-11-21T02:00:00.000Z',
    ...over,
  }
}

describe(`部门评价 on ${onPostgis ? 'PostGIS' : 'SQLite'}`, () => {
  test('an entry reads back exactly as written, with the first id', async () => {
    const added = await store.addDepartmentEvaluation(entry({ note: '扣分项：未成年人工作' }))
    expect(added).toEqual({ id: 'deval-0001', ...entry({ note: '扣分项：未成年人工作' }) })
    expect(await store.departmentEvaluations(2026)).toEqual([added])
  })

  test('a new entry comes first and the one it supersedes stays readable', async () => {
    const first = await store.addDepartmentEvaluation(entry())
    const second = await store.addDepartmentEvaluation(
      entry({ score: 9.25, department: '市文明办', enteredAt: '2026-11-22T02:00:00.000Z' }),
    )
    expect(second.id).toBe('deval-0002')
    expect(await store.departmentEvaluations(2026)).toEqual([second, first])
  })

  test('years do not mix; a year without entries has none', async () => {
    await store.addDepartmentEvaluation(entry({ year: 2025, score: 7 }))
    await store.addDepartmentEvaluation(entry())
    expect((await store.departmentEvaluations(2025)).map((e) => e.score)).toEqual([7])
    expect((await store.departmentEvaluations(2026)).map((e) => e.score)).toEqual([8.5])
    expect(await store.departmentEvaluations(2024)).toEqual([])
  })
})
