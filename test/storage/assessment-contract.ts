// The 测评体系 part of every Store: a year's system reads back exactly as saved; saving again
// replaces the whole year and leaves other years alone.
import { describe, expect, test } from 'vitest'
import { demoChecklistItems } from '../../server/assessment/checklist-demo.ts'
import { demoAssessmentSystem } from '../../server/assessment/system-demo.ts'
import { findCollection } from '../../server/collections.ts'
import type { AssessmentSystem } from '../../server/domain/assessment-system.ts'
import type { NewInspection } from '../../server/domain/checklist.ts'
import type { FirstEvent } from '../../server/storage/ledger-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { DuplicateId } from '../../server/storage/store-errors.ts'
import { buildIssue } from '../builders.ts'

const shares = { field: 40, materials: 40, survey: 10, departments: 10 }

export function buildSystem(year = 2026): AssessmentSystem {
  return demoAssessmentSystem(year, shares, '测试来源')
}

const at = '2026-11-22T01:00:00.000Z'

function failure(itemCode: string, issueId?: string): { itemCode: string; event: FirstEvent } {
  return {
    itemCode,
    event: {
      actor: 'inspector',
      actorName: '督导员',
      role: 'inspector',
      at,
      action: 'report',
      to: 'pending',
      ...(issueId ? { issueId } : {}),
      changes: {
        category: 'street-vending',
        description: '点位测评不合格（测试）',
        status: 'pending',
        reportedAt: at,
        updatedAt: at,
        deadlineAt: '2026-11-25T01:00:00Z',
        responsibleUnit: 'market-regulation',
        checkpointId: 'cp-0002',
        gridCode: '532927101001011',
        townshipCode: '532927101',
        synthetic: false,
        lngLat: [100.31, 25.21],
      },
    },
  }
}

function inspectionOf(checkpointId: string, at: string, failed: string[]): NewInspection {
  const codes = ['market-s01', 'market-d01', 'market-d02']
  return {
    checkpointId,
    kind: 'supervision',
    inspector: 'inspector',
    inspectorName: '督导员',
    at,
    score: (codes.length - failed.length) / codes.length,
    passed: codes.length - failed.length,
    failed: failed.length,
    notApplicable: 0,
    results: codes.map((itemCode) =>
      failed.includes(itemCode)
        ? { itemCode, result: 'fail', note: '占道', attachmentIds: ['att-1'] }
        : { itemCode, result: 'pass' },
    ),
  }
}

async function withIssues(store: Store): Promise<Store> {
  const issues = findCollection('issues')
  if (!issues) throw new Error('no issues collection')
  await store.loadCollections([{ def: issues, features: [buildIssue({ id: 'issue-00001' })] }])
  return store
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

  describe(`${name} 点位测评`, () => {
    test('checklist items are seeded once, by code, in order', async () => {
      const store = await open()
      const items = demoChecklistItems()
      expect(await store.seedChecklistItems(items)).toBe(items.length)
      expect(await store.seedChecklistItems(items)).toBe(0)
      const stored = await store.checklistItems()
      expect(stored.filter((i) => i.category === 'market')).toEqual(
        items.filter((i) => i.category === 'market'),
      )
      await store.close()
    })

    test('an inspection and the issues of its failures are written together, linked by item', async () => {
      const store = await withIssues(await open())
      const { inspection, issues } = await store.recordInspection(
        inspectionOf('cp-0002', at, ['market-d01', 'market-d02']),
        [failure('market-d01'), failure('market-d02')],
      )
      expect(issues.map((i) => i.state.id)).toEqual(['issue-00002', 'issue-00003'])
      expect(inspection).toEqual({
        ...inspectionOf('cp-0002', at, ['market-d01', 'market-d02']),
        id: expect.stringMatching(/^insp-\d{5}$/),
        results: [
          { itemCode: 'market-s01', result: 'pass' },
          {
            itemCode: 'market-d01',
            result: 'fail',
            note: '占道',
            attachmentIds: ['att-1'],
            issueId: 'issue-00002',
          },
          {
            itemCode: 'market-d02',
            result: 'fail',
            note: '占道',
            attachmentIds: ['att-1'],
            issueId: 'issue-00003',
          },
        ],
      })
      expect(await store.inspection(inspection.id)).toEqual(inspection)
      expect((await store.issue('issue-00003'))?.properties.checkpointId).toBe('cp-0002')
      await store.close()
    })

    test('all or nothing: an issue that cannot be created leaves no inspection behind', async () => {
      const store = await withIssues(await open())
      await expect(
        store.recordInspection(inspectionOf('cp-0002', at, ['market-d01']), [
          failure('market-d01', 'issue-00001'),
        ]),
      ).rejects.toThrow(DuplicateId)
      expect(await store.inspections({ limit: 10 })).toEqual([])
      expect(await store.latestInspections()).toEqual([])
      await store.close()
    })

    test('the latest inspection of each point, newest by time then by order', async () => {
      const store = await withIssues(await open())
      await store.recordInspection(inspectionOf('cp-0002', '2026-11-20T00:00:00.000Z', []), [])
      await store.recordInspection(inspectionOf('cp-0003', '2026-11-21T00:00:00.000Z', []), [])
      await store.recordInspection(
        inspectionOf('cp-0002', '2026-11-22T00:00:00.000Z', ['market-d01']),
        [failure('market-d01')],
      )
      await store.recordInspection(inspectionOf('cp-0003', '2026-11-19T00:00:00.000Z', []), [])
      expect(await store.latestInspections()).toEqual([
        {
          checkpointId: 'cp-0002',
          inspectionId: 'insp-00003',
          at: '2026-11-22T00:00:00.000Z',
          score: 2 / 3,
          failed: 1,
        },
        {
          checkpointId: 'cp-0003',
          inspectionId: 'insp-00002',
          at: '2026-11-21T00:00:00.000Z',
          score: 1,
          failed: 0,
        },
      ])
      const history = await store.inspections({ checkpointId: 'cp-0002', limit: 10 })
      expect(history.map((i) => i.id)).toEqual(['insp-00003', 'insp-00001'])
      await store.close()
    })
  })
}
