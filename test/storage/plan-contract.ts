// The plans part of every Store: ids never reused, names unique, lists and JSON kept as given.
import { describe, expect, test } from 'vitest'
import { DuplicatePlanName, type NewPlan } from '../../server/storage/plan-store.ts'
import type { Store } from '../../server/storage/store.ts'

export function buildPlan(overrides: Partial<NewPlan> = {}): NewPlan {
  return {
    name: '城区示范点',
    checkpointIds: ['cp-0001', 'cp-0002'],
    weights: { density: 3, closure: 2, overdue: 2, category: 1, location: 1, spacing: 1 },
    constraints: {
      size: 2,
      minPerTownship: 0,
      requiredCategories: { market: 1 },
      minSpacingM: 300,
    },
    createdBy: 'planner',
    createdAt: '2026-11-22T08:00:00.000Z',
    ...overrides,
  }
}

export function describePlanStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} plans`, () => {
    test('a created plan reads back as given, with the next id and updatedAt = createdAt', async () => {
      const store = await open()
      const plan = buildPlan()
      const created = await store.createPlan(plan)
      expect(created).toEqual({ ...plan, id: 'plan-0001', updatedAt: plan.createdAt })
      expect(await store.plan('plan-0001')).toEqual(created)
      expect((await store.createPlan(buildPlan({ name: '第二个' }))).id).toBe('plan-0002')
      await store.close()
    })

    test('plans are listed oldest first', async () => {
      const store = await open()
      for (const name of ['乙', '甲', '丙']) await store.createPlan(buildPlan({ name }))
      expect((await store.plans()).map((p) => p.name)).toEqual(['乙', '甲', '丙'])
      await store.close()
    })

    test('a taken name is refused on create and on rename, and nothing changes', async () => {
      const store = await open()
      await store.createPlan(buildPlan({ name: '甲' }))
      const other = await store.createPlan(buildPlan({ name: '乙' }))
      await expect(store.createPlan(buildPlan({ name: '甲' }))).rejects.toThrow(DuplicatePlanName)
      await expect(store.updatePlan(other.id, { name: '甲' }, 'later')).rejects.toThrow(
        DuplicatePlanName,
      )
      expect(await store.plan(other.id)).toEqual(other)
      expect(await store.plans()).toHaveLength(2)
      await store.close()
    })

    test('an update changes only the given fields and stamps updatedAt; keeping the name is no clash', async () => {
      const store = await open()
      const created = await store.createPlan(buildPlan())
      const updatedAt = '2026-11-23T00:00:00.000Z'
      const updated = await store.updatePlan(
        created.id,
        { name: created.name, checkpointIds: ['cp-0009'] },
        updatedAt,
      )
      expect(updated).toEqual({ ...created, checkpointIds: ['cp-0009'], updatedAt })
      expect(await store.plan(created.id)).toEqual(updated)
      expect(await store.updatePlan('plan-9999', { name: 'x' }, updatedAt)).toBeUndefined()
      await store.close()
    })

    test('a deleted plan is gone and its id is not given to the next plan', async () => {
      const store = await open()
      const first = await store.createPlan(buildPlan({ name: '甲' }))
      const second = await store.createPlan(buildPlan({ name: '乙' }))
      expect(await store.deletePlan(second.id)).toBe(true)
      expect(await store.deletePlan(second.id)).toBe(false)
      expect(await store.plan(second.id)).toBeUndefined()
      expect((await store.createPlan(buildPlan({ name: '乙' }))).id).toBe('plan-0003')
      expect((await store.plans()).map((p) => p.id)).toEqual([first.id, 'plan-0003'])
      await store.close()
    })
  })
}
