// A fixed small ledger for the 督查 golden tests: the week 2026-11-16 … 11-22 (Beijing) and the week
// before, four units, issues with known outcomes. Counted by hand in the comments.
import type { IssueProperties, IssueState } from '../../server/domain/issue.ts'
import type { Names } from '../../server/supervision/bulletin.ts'

let n = 0
function issue(
  properties: Partial<IssueProperties> & Pick<IssueProperties, 'reportedAt' | 'responsibleUnit'>,
): IssueState {
  n++
  const id = `issue-9${String(n).padStart(4, '0')}`
  return {
    id,
    version: 1,
    lngLat: [100.30603, 25.230114],
    properties: {
      category: 'street-vending',
      description: `问题${n}`,
      status: 'fixing',
      updatedAt: properties.reportedAt,
      deadlineAt: '2026-11-30T00:00:00Z',
      gridCode: '532927101001002',
      townshipCode: '532927101',
      synthetic: true,
      source: 'inspection-team',
      ...properties,
    },
  }
}

export const weekNow = new Date('2026-11-23T02:00:00Z') // Monday 10:00 Beijing, the week after
export const week = { from: '2026-11-16', to: '2026-11-22' }

/**
 * This week (found 2026-11-16 … 22 Beijing): 10 issues.
 *   urban-management   4: 3 closed on time, 1 open in time         → rate 3/4 = 75.0%
 *   market-regulation  3: 1 closed on time, 2 open past deadline    → rate 1/3 = 33.3%, overdue 2
 *   housing            2: 2 closed on time                          → 样本不足 (< 3)
 *   traffic-police     1: open past deadline (found Sunday 23:30 Beijing) → 样本不足, overdue 1
 * Last week: 4 issues (so found 10 vs 4: 环比上升150.0%).
 */
export function fixtureIssues(): IssueState[] {
  n = 0
  const closed = (reportedAt: string, closedAt: string, more: Partial<IssueProperties> = {}) => ({
    reportedAt,
    status: 'closed' as const,
    closedAt,
    deadlineAt: '2026-11-21T00:00:00Z',
    ...more,
  })
  return [
    issue({
      ...closed('2026-11-16T01:00:00Z', '2026-11-17T01:00:00Z'),
      responsibleUnit: 'urban-management',
    }),
    issue({
      ...closed('2026-11-16T02:00:00Z', '2026-11-18T01:00:00Z'),
      responsibleUnit: 'urban-management',
      category: 'exposed-garbage',
    }),
    issue({
      ...closed('2026-11-17T02:00:00Z', '2026-11-19T01:00:00Z'),
      responsibleUnit: 'urban-management',
      source: 'undercover',
    }),
    issue({
      reportedAt: '2026-11-20T02:00:00Z',
      responsibleUnit: 'urban-management',
      deadlineAt: '2026-11-30T00:00:00Z',
    }),
    issue({
      ...closed('2026-11-16T03:00:00Z', '2026-11-17T03:00:00Z'),
      responsibleUnit: 'market-regulation',
    }),
    issue({
      reportedAt: '2026-11-16T04:00:00Z',
      responsibleUnit: 'market-regulation',
      deadlineAt: '2026-11-18T00:00:00Z',
      category: 'exposed-garbage',
      description: '菜市场后门垃圾堆积未清运',
      checkpointId: 'cp-0001',
    }),
    issue({
      reportedAt: '2026-11-17T04:00:00Z',
      responsibleUnit: 'market-regulation',
      deadlineAt: '2026-11-19T00:00:00Z',
    }),
    issue({
      ...closed('2026-11-18T01:00:00Z', '2026-11-19T01:00:00Z'),
      responsibleUnit: 'housing',
      category: 'graffiti',
    }),
    issue({
      ...closed('2026-11-18T02:00:00Z', '2026-11-19T02:00:00Z'),
      responsibleUnit: 'housing',
      category: 'graffiti',
    }),
    // Sunday 2026-11-22 23:30 Beijing: still this week
    issue({
      reportedAt: '2026-11-22T15:30:00Z',
      responsibleUnit: 'traffic-police',
      category: 'illegal-parking',
      deadlineAt: '2026-11-22T15:45:00Z',
      source: 'public-report',
    }),
    // Monday 2026-11-23 00:00 Beijing: next week, not counted
    issue({
      reportedAt: '2026-11-22T16:00:00Z',
      responsibleUnit: 'traffic-police',
      category: 'illegal-parking',
    }),
    // last week: 4
    issue({
      ...closed('2026-11-10T02:00:00Z', '2026-11-11T02:00:00Z'),
      responsibleUnit: 'urban-management',
    }),
    issue({
      ...closed('2026-11-11T02:00:00Z', '2026-11-12T02:00:00Z'),
      responsibleUnit: 'urban-management',
    }),
    issue({ reportedAt: '2026-11-12T02:00:00Z', responsibleUnit: 'market-regulation' }),
    issue({ reportedAt: '2026-11-15T15:59:00Z', responsibleUnit: 'market-regulation' }), // Sunday 23:59 Beijing
  ]
}

export const fixtureNames: Names = {
  units: new Map([
    ['urban-management', '县城市管理局'],
    ['market-regulation', '县市场监督管理局'],
    ['housing', '县住房和城乡建设局'],
    ['traffic-police', '县公安局交警大队'],
  ]),
  townships: new Map([['532927101', '南诏镇']]),
  checkpoints: new Map([['cp-0001', '南诏农贸市场']]),
}
