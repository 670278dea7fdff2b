// The forecast's 材料审核 and 问卷 evidence: a 标准 counts by its weakest unit; the latest survey round
// pooled by counts.
import { describe, expect, test } from 'vitest'
import { latestSurveyRates, standardStatuses } from '../../server/assessment/material-evidence.ts'
import type { MaterialTask } from '../../server/domain/material-completion.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'

const task = (standardCode: string, status: MaterialTask['status']): MaterialTask => ({
  standardCode,
  standardName: standardCode,
  points: 1,
  unitCode: `u-${Math.random()}`,
  part: 'responsible',
  materialId: null,
  status,
  dueOn: '2027-05-16',
  dueAt: '2027-05-16T16:00:00.000Z',
  daysLeft: 10,
  overdue: false,
  photoCount: 0,
  documentCount: 0,
})

describe('standardStatuses', () => {
  test('a 标准 is approved only when every unit’s material is; a draft counts as missing', () => {
    expect(
      standardStatuses([
        task('01', 'approved'),
        task('01', 'approved'),
        task('02', 'approved'),
        task('02', 'submitted'),
        task('03', 'submitted'),
        task('03', 'returned'),
        task('04', 'draft'),
        task('04', 'approved'),
      ]),
    ).toEqual([
      { standardCode: '01', status: 'approved' },
      { standardCode: '02', status: 'submitted' },
      { standardCode: '03', status: 'returned' },
      { standardCode: '04', status: 'missing' },
    ])
  })
})

describe('latestSurveyRates', () => {
  test('none recorded: null; else the latest round by date, pooled', async () => {
    const store = await openSqliteStore(':memory:')
    try {
      expect(await latestSurveyRates(store)).toBeNull()
      const cell = { township: '南诏镇', group: '市民' }
      await store.addSurveyRound(
        {
          name: '下半年',
          conductedOn: '2026-10-15',
          source: '自测',
          cells: [
            { ...cell, sampleSize: 100, awareness: 90, support: 80, satisfaction: 70 },
            {
              ...cell,
              group: '商户',
              sampleSize: 300,
              awareness: 210,
              support: 240,
              satisfaction: 240,
            },
          ],
        },
        'inspector',
        '2026-10-16T00:00:00Z',
      )
      await store.addSurveyRound(
        {
          name: '上半年（后录入）',
          conductedOn: '2026-05-20',
          source: '自测',
          cells: [{ ...cell, sampleSize: 10, awareness: 1, support: 1, satisfaction: 1 }],
        },
        'inspector',
        '2026-10-17T00:00:00Z',
      )
      expect(await latestSurveyRates(store)).toEqual({
        knowledge: 0.75,
        support: 0.8,
        satisfaction: 310 / 400,
        n: 400,
      })
    } finally {
      await store.close()
    }
  })
})
