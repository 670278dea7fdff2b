// The phone app's pure decisions: category order, phrases, 我的任务 order and next step, wording.
import { describe, expect, test } from 'vitest'
import type { IssueView } from '../../../../client/features/issues/api.ts'
import {
  appendPhrase,
  commonPhrases,
  compassWord,
  describeAccuracy,
  formatDistance,
  rankCategories,
  toTasks,
} from '../../../../client/roles/mobile/field-helpers.ts'
import { issueCategories } from '../../../../server/domain/issue.ts'

function view(id: string, overrides: Partial<IssueView> = {}): IssueView {
  return {
    id,
    version: 1,
    lngLat: [100.30603, 25.230114],
    category: 'exposed-garbage',
    description: '路边暴露垃圾',
    status: 'fixing',
    reportedAt: '2026-11-20T02:00:00Z',
    updatedAt: '2026-11-20T02:00:00Z',
    deadlineAt: '2026-11-25T02:00:00Z',
    responsibleUnit: 'urban-management',
    gridCode: '532927101001002',
    townshipCode: '532927101',
    synthetic: false,
    overdue: false,
    allowedActions: ['rectify', 'note'],
    ...overrides,
  }
}

describe('category quick-pick', () => {
  test('the most used categories come first, the rest keep the ledger order', () => {
    const ranked = rankCategories({ graffiti: 5, 'dirty-toilet': 2, 'street-vending': 2 })
    expect(ranked.slice(0, 3)).toEqual(['graffiti', 'street-vending', 'dirty-toilet'])
    expect(ranked).toHaveLength(issueCategories.length)
    expect(new Set(ranked)).toEqual(new Set(issueCategories))
  })

  test('with no history the order is the ledger’s', () => {
    expect(rankCategories({})).toEqual([...issueCategories])
  })

  test('every category has at least three common phrases', () => {
    for (const category of issueCategories) {
      expect(commonPhrases[category].length, category).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('appendPhrase', () => {
  test.each([
    ['', '路灯不亮', '路灯不亮'],
    ['文华路口', '路灯不亮', '文华路口，路灯不亮'],
    ['文华路口。', '路灯不亮', '文华路口。路灯不亮'],
    ['文华路口，路灯不亮', '路灯不亮', '文华路口，路灯不亮'],
    ['  文华路口 ', '路灯不亮', '文华路口，路灯不亮'],
  ])('%j + %j → %j', (description, phrase, expected) => {
    expect(appendPhrase(description, phrase)).toBe(expected)
  })
})

describe('我的任务', () => {
  test('overdue first, then the soonest deadline; closed issues and repeats are left out', () => {
    const tasks = toTasks([
      view('late-deadline', { deadlineAt: '2026-11-28T00:00:00Z' }),
      view('closed', { status: 'closed', allowedActions: [] }),
      view('overdue-late', { overdue: true, deadlineAt: '2026-11-21T00:00:00Z' }),
      view('soon', { deadlineAt: '2026-11-23T00:00:00Z' }),
      view('overdue-early', { overdue: true, deadlineAt: '2026-11-19T00:00:00Z' }),
      view('soon'),
    ])
    expect(tasks.map((t) => t.issue.id)).toEqual([
      'overdue-early',
      'overdue-late',
      'soon',
      'late-deadline',
    ])
  })

  test('the next step is the first transition the server allows, else what the issue waits for', () => {
    const [rectify, waiting, pending] = toTasks([
      view('a', { deadlineAt: '2026-11-21T00:00:00Z' }),
      view('b', {
        status: 'reviewing',
        allowedActions: ['note'],
        deadlineAt: '2026-11-22T00:00:00Z',
      }),
      view('c', { status: 'pending', allowedActions: [], deadlineAt: '2026-11-23T00:00:00Z' }),
    ])
    expect(rectify).toMatchObject({ nextAction: 'rectify', nextLabel: '整改上报' })
    expect(waiting?.nextAction).toBeUndefined()
    expect(waiting?.nextLabel).toBe('已上报整改，待复查')
    expect(pending?.nextLabel).toBe('待网格长交办')
  })

  test('with a position each task knows its distance', () => {
    const [task] = toTasks([view('a', { lngLat: [100.30603, 25.231014] })], [100.30603, 25.230114])
    expect(task?.distanceMeters).toBeCloseTo(100, 0)
    expect(toTasks([view('a')])[0]?.distanceMeters).toBeUndefined()
  })
})

describe('wording', () => {
  test.each([
    [0.4, '约 1 米'],
    [35.4, '约 35 米'],
    [999, '约 999 米'],
    [1234, '约 1.2 公里'],
    [23_456, '约 23 公里'],
  ])('%d m → %s', (meters, text) => {
    expect(formatDistance(meters)).toBe(text)
  })

  test('accuracy: within 30 m is good; beyond, the text suggests the map', () => {
    expect(describeAccuracy(12.4)).toEqual({ text: '定位精度 ±12 米', good: true })
    const poor = describeAccuracy(180)
    expect(poor.good).toBe(false)
    expect(poor.text).toMatch(/±180 米.*地图/)
  })

  test.each([
    [[100.3, 25.21], '北'],
    [[100.31, 25.2], '东'],
    [[100.3, 25.19], '南'],
    [[100.29, 25.2], '西'],
    [[100.31, 25.21], '东北'],
  ] as const)('towards %j is %s', (to, word) => {
    expect(compassWord([100.3, 25.2], [...to])).toBe(word)
  })
})
