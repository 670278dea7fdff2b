// PlanningService: the columns snapshot (renewed after the first request of a minute in which they
// changed), the per-minute
// result cache, and the inputs read from the store (reused while their text is unchanged).
import { describe, expect, test, vi } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { findCollection } from '../../server/collections.ts'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { issueIndexOf } from '../../server/planning/issue-index.ts'
import { PlanningService, planningServiceOf } from '../../server/planning/planning-service.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { buildIssue } from '../builders.ts'
import { readLayer } from '../http/planning-app.ts'

const minute = (m: number, s = 0) => new Date(Date.UTC(2026, 10, 22, 8, m, s))

function columnsOf(count: number): IssueColumns {
  return IssueColumns.fromFeatures(
    Array.from({ length: count }, (_, i) =>
      buildIssue({ id: `i-${i}`, lngLat: [100.3, 25.2 + i / 1000] }),
    ),
  )
}

// the real index, wrapped to see which index the service built itself (calls pass through)
vi.mock('../../server/planning/issue-index.ts', async (original) => {
  const actual = await original<typeof import('../../server/planning/issue-index.ts')>()
  return { ...actual, issueIndexOf: vi.fn(actual.issueIndexOf) }
})

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

const noStore = { features: async () => ({ features: [], numberMatched: 0 }) }

describe('the columns snapshot', () => {
  test('is a copy for the whole minute, whatever is written meanwhile', async () => {
    const service = new PlanningService(noStore)
    const live = columnsOf(3)
    const first = service.snapshotOf(live, minute(0, 5))
    expect(first).not.toBe(live)
    expect(first.size).toBe(3)
    live.upsert('i-new', buildIssue().properties as unknown as IssueProperties, [100.31, 25.21])
    const same = service.snapshotOf(live, minute(0, 59))
    await tick()
    expect(same).toBe(first)
    expect(service.snapshotOf(live, minute(0, 59))).toBe(first)
    expect(same.size).toBe(3)
    expect(Array.from(same.lng)).toEqual([100.3, 100.3, 100.3])
  })

  test('is renewed after the first request of a minute in which the columns had changed', async () => {
    const service = new PlanningService(noStore)
    const live = columnsOf(2)
    const first = service.snapshotOf(live, minute(0))
    expect(service.snapshotOf(live, minute(5))).toBe(first) // unchanged: kept
    await tick()
    expect(service.snapshotOf(live, minute(5))).toBe(first)
    live.upsert(
      'i-0',
      { ...(buildIssue().properties as unknown as IssueProperties), status: 'closed' },
      [100.3, 25.2],
    )
    expect(service.snapshotOf(live, minute(5, 30))).toBe(first) // the same minute
    expect(service.snapshotOf(live, minute(6))).toBe(first) // this request is answered from it…
    await tick()
    const next = service.snapshotOf(live, minute(6, 1)) // …and the next from the renewed copy
    expect(next).not.toBe(first)
    expect(next.status[0]).not.toBe(first.status[0])
    expect(next.version).toBe(live.version)
    expect(next.grids).toBe(live.grids)
  })

  test('cached results last the minute and go with it', async () => {
    const service = new PlanningService(noStore)
    const live = columnsOf(1)
    let computed = 0
    const compute = () => ++computed
    const run = async (at: Date) => {
      const inputs = await service.inputs()
      return service.memo(inputs, service.snapshotOf(live, at), at, 'key', compute)
    }
    expect(await run(minute(1, 0))).toBe(1)
    expect(await run(minute(1, 30))).toBe(1)
    expect(await run(minute(2, 0))).toBe(2)
    expect(await run(minute(2, 10))).toBe(2)
  })
})

describe('planning inputs', () => {
  test('come from the stored layers, flags included, and stay the same object until a layer changes', async () => {
    const store = await openSqliteStore(':memory:')
    const load = (ids: string[]) =>
      store.loadCollections(
        ids.map((id) => ({
          def: findCollection(id) as NonNullable<ReturnType<typeof findCollection>>,
          features: readLayer(id),
        })),
      )
    await load([
      'townships',
      'checkpoints',
      'seats',
      'villages',
      'township-radii',
      'rivers',
      'roads',
    ])
    const service = new PlanningService(store)
    const inputs = await service.inputs()
    expect(inputs.checkpoints).toHaveLength(620)
    expect(inputs.townshipNames.size).toBe(10)
    expect(inputs.seats).toHaveLength(11)
    expect(inputs.villages).toHaveLength(83)
    expect(inputs.radii).toHaveLength(10)
    expect(inputs.rivers).toHaveLength(3)
    expect(inputs.roads).toHaveLength(10)
    const flags = service.locationFlags(inputs)
    expect(flags).toHaveLength(620)
    expect(flags.some((f) => f.inRadius)).toBe(true)
    expect(flags.some((f) => f.onCorridor)).toBe(true)
    expect(await service.inputs()).toBe(inputs)
    await load(['roads'])
    expect(await service.inputs()).toBe(inputs) // the same features again: nothing changed
    await store.loadCollections([
      {
        def: findCollection('roads') as NonNullable<ReturnType<typeof findCollection>>,
        features: [],
      },
    ])
    const changed = await service.inputs()
    expect(changed).not.toBe(inputs)
    expect(changed.roads).toEqual([])
    await store.close()
  })
})

describe('freshness and warm-up', () => {
  test('dataAsOf is when the copy was taken, moves on while the ledger is unchanged, and stays after a write until renewed', async () => {
    const service = new PlanningService(noStore)
    const live = columnsOf(2)
    expect(service.dataAsOf()).toBeUndefined()
    service.snapshotOf(live, minute(0, 5))
    expect(service.dataAsOf()).toEqual(minute(0, 5))
    service.snapshotOf(live, minute(3))
    expect(service.dataAsOf()).toEqual(minute(3)) // nothing written: the copy is the ledger now
    live.upsert('i-new', buildIssue().properties as unknown as IssueProperties, [100.31, 25.21])
    service.snapshotOf(live, minute(4))
    expect(service.dataAsOf()).toEqual(minute(3)) // answered from the older copy
    await tick()
    expect(service.dataAsOf()).toEqual(minute(4)) // renewed right after that request
    service.snapshotOf(live, minute(4, 2))
    expect(service.dataAsOf()).toEqual(minute(4, 2))
  })

  test('warm() builds the copy and its index, and the first request is served from them', async () => {
    const built = vi.mocked(issueIndexOf)
    built.mockClear()
    const service = new PlanningService(noStore)
    const live = columnsOf(5)
    await service.warm(live, minute(0))
    expect(built).toHaveBeenCalledTimes(1)
    const warmed = built.mock.results[0]?.value
    const copy = service.snapshotOf(live, minute(0, 30))
    expect(built.mock.calls[0]?.[0]).toBe(copy)
    expect(issueIndexOf(copy)).toBe(warmed)
    expect(warmed.size).toBe(5)
  })

  test('the routes and main.ts share one service per live ledger', () => {
    const live = { store: noStore }
    expect(planningServiceOf(live)).toBe(planningServiceOf(live))
    expect(planningServiceOf({ store: noStore })).not.toBe(planningServiceOf(live))
  })
})
