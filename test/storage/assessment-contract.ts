// The 测评体系 part of every Store: a year's system reads back exactly as saved; saving again
// replaces the whole year and leaves other years alone.
import { describe, expect, test } from 'vitest'
import { demoAssessmentSystem } from '../../server/assessment/system-demo.ts'
import type { AssessmentSystem } from '../../server/domain/assessment-system.ts'
import type { Store } from '../../server/storage/store.ts'

const shares = { field: 40, materials: 40, survey: 10, departments: 10 }

export function buildSystem(year = 2026): AssessmentSystem {
  return demoAssessmentSystem(year, shares, '测试来源')
}

export function describeAssessmentStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} 测评体系`, () => {
    test('a saved system reads back exactly, with who saved it and when', async () => {
      const store = await open()
      expect(await store.assessmentYears()).toEqual([])
      const system = buildSystem()
      await store.saveAssessmentSystem(system, 'admin', '2026-12-01T00:00:00.000Z')
      expect(await store.assessmentSystem(2026)).toEqual({
        ...system,
        updatedBy: 'admin',
        updatedAt: '2026-12-01T00:00:00.000Z',
      })
      expect(await store.assessmentSystem(2025)).toBeUndefined()
      await store.close()
    })

    test('saving a year again replaces all of it; other years stay', async () => {
      const store = await open()
      await store.saveAssessmentSystem(buildSystem(2025), 'admin', 'a')
      await store.saveAssessmentSystem(buildSystem(2026), 'admin', 'b')
      const smaller: AssessmentSystem = {
        ...buildSystem(2026),
        name: '只有一项',
        illustrative: false,
        items: buildSystem(2026).items.slice(0, 1),
      }
      await store.saveAssessmentSystem(smaller, 'admin2', 'c')
      expect(await store.assessmentYears()).toEqual([2026, 2025])
      expect(await store.assessmentSystem(2026)).toEqual({
        ...smaller,
        updatedBy: 'admin2',
        updatedAt: 'c',
      })
      expect((await store.assessmentSystem(2025))?.items).toEqual(buildSystem(2025).items)
      await store.close()
    })
  })
}
