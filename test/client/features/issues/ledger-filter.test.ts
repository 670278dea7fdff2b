import { describe, expect, test } from 'vitest'
import { issueTileQuery } from '../../../../client/features/issues/issue-tiles.ts'
import {
  emptyLedgerFilter,
  exportParams,
  filterIssueCollection,
  isFiltered,
  type LedgerFilter,
  matchesLedgerFilter,
  pageCount,
  parseLedgerFilter,
  toIssueQuery,
  toLedgerSearch,
  withFilter,
} from '../../../../client/features/issues/ledger-filter.ts'
import type { IssueProperties } from '../../../../server/domain/issue.ts'

function buildFilter(overrides: Partial<LedgerFilter> = {}): LedgerFilter {
  return { ...emptyLedgerFilter(), ...overrides }
}

function buildIssue(overrides: Partial<IssueProperties> = {}): IssueProperties {
  return {
    category: 'street-vending',
    description: '南门菜市场门口占道经营',
    status: 'fixing',
    reportedAt: '2026-11-01T02:00:00Z',
    updatedAt: '2026-11-01T02:00:00Z',
    deadlineAt: '2026-11-20T10:00:00Z',
    responsibleUnit: 'urban-management',
    checkpointId: 'cp-0001',
    gridCode: '532927101001001',
    townshipCode: '532927101',
    synthetic: false,
    ...overrides,
  }
}

describe('the ledger filter in the address bar', () => {
  test.each<[string, LedgerFilter]>([
    ['the default (newest first, page 1)', buildFilter()],
    [
      'every field',
      buildFilter({
        status: 'reviewing',
        township: '532927101',
        unit: 'township-532927101',
        category: 'illegal-parking',
        overdue: true,
        source: 'public-report',
        period: 'last-week',
        q: '菜市场 门口',
        sort: 'deadlineAt',
        page: 3,
      }),
    ],
    ['not overdue', buildFilter({ overdue: false })],
    [
      'custom dates and a round',
      buildFilter({ period: 'custom', from: '2026-11-16', to: '2026-11-18', round: 'round-0002' }),
    ],
  ])('round trips %s', (_name, filter) => {
    expect(parseLedgerFilter(toLedgerSearch(filter))).toEqual(filter)
  })

  test('leaves defaults out so a plain ledger keeps a clean URL', () => {
    expect(toLedgerSearch(buildFilter())).toBe('')
    expect(toLedgerSearch(buildFilter({ status: 'pending', page: 2 }))).toBe(
      '?status=pending&page=2',
    )
  })

  test('keeps the map view, layers and role parameters it does not own', () => {
    const previous = '?role=overview&map=13.00/25.23/100.30&status=closed&panel=ledger'
    expect(toLedgerSearch(buildFilter({ unit: 'housing' }), previous)).toBe(
      '?role=overview&map=13.00/25.23/100.30&panel=ledger&unit=housing',
    )
  })

  test.each([
    ['?status=done', {}],
    ['?category=noise', {}],
    ['?township=5329', {}],
    ['?unit=DROP%20TABLE', {}],
    ['?overdue=maybe', {}],
    ['?sort=id', {}],
    ['?page=0', {}],
    ['?page=2.5', {}],
    ['?q=%20%20', {}],
  ])('drops the malformed %s', (search, expected) => {
    expect(parseLedgerFilter(search)).toEqual(buildFilter(expected))
  })

  test('cuts an overlong search text to 100 characters', () => {
    expect(parseLedgerFilter(`?q=${'巍'.repeat(300)}`).q).toHaveLength(100)
  })
})

describe('the ledger filter as an API query', () => {
  test('pages with limit and offset and sends overdue as true/false', () => {
    const query = new URLSearchParams(
      toIssueQuery(buildFilter({ overdue: true, status: 'fixing', page: 3 }), 20),
    )
    expect(Object.fromEntries(query)).toEqual({
      status: 'fixing',
      overdue: 'true',
      sort: '-reportedAt',
      limit: '20',
      offset: '40',
    })
  })

  test('the export links carry the filter and sort but no paging', () => {
    const params = new URLSearchParams(
      exportParams(buildFilter({ township: '532927102', sort: '-updatedAt', page: 4 })),
    )
    expect(Object.fromEntries(params)).toEqual({ township: '532927102', sort: '-updatedAt' })
  })
})

describe('filter edits', () => {
  test('changing a filter goes back to page 1', () => {
    expect(withFilter(buildFilter({ page: 5 }), { status: 'closed' })).toEqual(
      buildFilter({ status: 'closed', page: 1 }),
    )
  })

  test('turning a page keeps the filter', () => {
    expect(withFilter(buildFilter({ unit: 'health' }), { page: 2 })).toEqual(
      buildFilter({ unit: 'health', page: 2 }),
    )
  })

  test('clearing a field removes it rather than storing undefined', () => {
    const next = withFilter(buildFilter({ category: 'graffiti', q: 'x' }), { category: undefined })
    expect(next).toEqual(buildFilter({ q: 'x' }))
    expect('category' in next).toBe(false)
  })

  test('sort and page are not filters', () => {
    expect(isFiltered(buildFilter({ sort: 'deadlineAt', page: 9 }))).toBe(false)
    expect(isFiltered(buildFilter({ overdue: false }))).toBe(true)
  })

  test.each([
    [0, 1],
    [1, 1],
    [20, 1],
    [21, 2],
    [2600, 130],
  ])('%i issues make %i pages of 20', (total, pages) => {
    expect(pageCount(total, 20)).toBe(pages)
  })
})

describe('the same filter on the map', () => {
  const now = new Date('2026-11-23T00:00:00Z')
  test.each<[string, Partial<LedgerFilter>, Partial<IssueProperties>, boolean]>([
    ['no filter keeps everything', {}, {}, true],
    ['status matches', { status: 'fixing' }, {}, true],
    ['status differs', { status: 'closed' }, {}, false],
    ['township differs', { township: '532927102' }, {}, false],
    ['unit matches', { unit: 'urban-management' }, {}, true],
    ['category differs', { category: 'graffiti' }, {}, false],
    ['overdue: past its deadline and open', { overdue: true }, {}, true],
    ['overdue: a closed issue never is', { overdue: true }, { status: 'closed' }, false],
    [
      'not overdue: deadline ahead',
      { overdue: false },
      { deadlineAt: '2026-12-01T00:00:00Z' },
      true,
    ],
    ['text in the description', { q: '菜市场' }, {}, true],
    ['text in the id, any case', { q: 'ISSUE-0004' }, {}, true],
    ['text nowhere', { q: '公厕' }, {}, false],
    ['source matches', { source: 'public-report' }, { source: 'public-report' }, true],
    ['an issue without a source matches no source', { source: 'inspection-team' }, {}, false],
    [
      '本周 starts Monday 00:00 Beijing time',
      { period: 'this-week' },
      { reportedAt: '2026-11-22T16:00:00Z' },
      true,
    ],
    [
      'a second before Monday 00:00 Beijing is not 本周',
      { period: 'this-week' },
      { reportedAt: '2026-11-22T15:59:59Z' },
      false,
    ],
    ['but 上周', { period: 'last-week' }, { reportedAt: '2026-11-22T15:59:59Z' }, true],
  ])('%s', (_name, filter, issue, kept) => {
    expect(matchesLedgerFilter('issue-00042', buildIssue(issue), buildFilter(filter), now)).toBe(
      kept,
    )
  })

  test('an unfiltered collection is passed through as the same object', () => {
    const collection = { features: [{ id: 'a', properties: buildIssue() }] }
    expect(filterIssueCollection(collection, buildFilter({ page: 3 }), now)).toBe(collection)
  })

  test('a filtered collection keeps only the matching features', () => {
    const collection = {
      features: [
        { id: 'a', properties: buildIssue({ status: 'pending' }) },
        { id: 'b', properties: buildIssue({ status: 'closed' }) },
      ],
    }
    const shown = filterIssueCollection(collection, buildFilter({ status: 'closed' }), now)
    expect(shown?.features.map((f) => f.id)).toEqual(['b'])
  })
})

describe('自定义时段 and 督查轮次', () => {
  const now = new Date('2026-11-23T00:00:00Z')
  test('a custom period goes to the API and exports only with both dates in order', () => {
    const full = buildFilter({ period: 'custom', from: '2026-11-16', to: '2026-11-18' })
    expect(exportParams(full)).toBe('period=custom&from=2026-11-16&to=2026-11-18&sort=-reportedAt')
    for (const half of [
      { period: 'custom' as const, from: '2026-11-16' },
      { period: 'custom' as const, from: '2026-11-18', to: '2026-11-16' },
    ]) {
      expect(exportParams(buildFilter(half))).toBe('sort=-reportedAt')
      expect(isFiltered(buildFilter(half))).toBe(false)
    }
  })

  test('from and to are read only with a custom period, and only when they are real days', () => {
    expect(parseLedgerFilter('?period=this-week&from=2026-11-16&to=2026-11-18')).toEqual(
      buildFilter({ period: 'this-week' }),
    )
    expect(parseLedgerFilter('?period=custom&from=2026-02-30&to=2026-03-01')).toEqual(
      buildFilter({ period: 'custom', to: '2026-03-01' }),
    )
    expect(parseLedgerFilter('?round=round-1;drop').round).toBeUndefined()
  })

  test.each<[string, Partial<LedgerFilter>, Partial<IssueProperties>, boolean]>([
    [
      'custom: the first second of the first day, Beijing',
      { period: 'custom', from: '2026-11-16', to: '2026-11-18' },
      { reportedAt: '2026-11-15T16:00:00Z' },
      true,
    ],
    [
      'custom: the last day is inclusive',
      { period: 'custom', from: '2026-11-16', to: '2026-11-18' },
      { reportedAt: '2026-11-18T15:59:59Z' },
      true,
    ],
    [
      'custom: not the day after',
      { period: 'custom', from: '2026-11-16', to: '2026-11-18' },
      { reportedAt: '2026-11-18T16:00:00Z' },
      false,
    ],
    [
      'custom without its end does not narrow yet',
      { period: 'custom', from: '2026-11-16' },
      { reportedAt: '2025-01-01T00:00:00Z' },
      true,
    ],
    [
      'the round the issue was recorded in',
      { round: 'round-0002' },
      { roundId: 'round-0002' },
      true,
    ],
    ['another round', { round: 'round-0002' }, { roundId: 'round-0003' }, false],
    ['no round', { round: 'round-0002' }, {}, false],
  ])('%s', (_name, filter, issue, kept) => {
    expect(matchesLedgerFilter('issue-1', buildIssue(issue), buildFilter(filter), now)).toBe(kept)
  })

  test('the tiles take the round and the custom days', () => {
    const query = new URLSearchParams(
      issueTileQuery(
        buildFilter({
          period: 'custom',
          from: '2026-11-16',
          to: '2026-11-18',
          round: 'round-0002',
        }),
        now,
      ),
    )
    expect(query.get('roundId')).toBe('round-0002')
    expect(query.get('datetime')).toBe('2026-11-16T00:00:00+08:00/2026-11-18T23:59:59+08:00')
  })
})

describe('the same filter on the tiles', () => {
  const now = new Date('2026-11-23T00:00:00Z') // Monday 08:00 Beijing time
  test('source is an items filter; a 时段 is the datetime interval of its Beijing days', () => {
    const query = new URLSearchParams(
      issueTileQuery(buildFilter({ source: 'undercover', period: 'last-week' }), now),
    )
    expect(query.get('source')).toBe('undercover')
    expect(query.get('datetime')).toBe('2026-11-16T00:00:00+08:00/2026-11-22T23:59:59+08:00')
  })

  test('本月 runs to the last second of the month', () => {
    const query = new URLSearchParams(issueTileQuery(buildFilter({ period: 'this-month' }), now))
    expect(query.get('datetime')).toBe('2026-11-01T00:00:00+08:00/2026-11-30T23:59:59+08:00')
  })
})
