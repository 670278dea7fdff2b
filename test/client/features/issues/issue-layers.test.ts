import { describe, expect, test } from 'vitest'
import type { IssueFeature } from '../../../../client/features/issues/api.ts'
import { issueDetails } from '../../../../client/features/issues/issue-details.ts'
import {
  draftLayers,
  issueLegend,
  issueStatusColors,
} from '../../../../client/features/issues/layers.ts'
import { issueStatuses } from '../../../../server/domain/issue.ts'
import { buildIssue } from '../../../builders.ts'

const now = new Date('2026-11-10T00:00:00Z')

describe('issue layers', () => {
  test('each status has its own colour', () => {
    const colours = issueStatuses.map((status) => issueStatusColors[status].join())
    expect(new Set(colours).size).toBe(issueStatuses.length)
  })

  test('the reported issue’s marker keeps its ids whether or not there is one', () => {
    const ids = draftLayers([100.3, 25.2]).map((l) => l.id)
    expect(draftLayers(undefined).map((l) => l.id)).toEqual(ids)
    expect(draftLayers(undefined).every((l) => l.props.visible === false)).toBe(true)
  })

  test('the legend names the four statuses and the overdue ring in Chinese', () => {
    expect(issueLegend().map((s) => s.label)).toEqual([
      '待交办',
      '整改中',
      '待复查',
      '已销号',
      '逾期（黑圈）',
    ])
  })
})

describe('issue details', () => {
  test('derive overdue from the deadline and show times in Beijing time', () => {
    const issue = buildIssue({
      id: 'issue-00007',
      properties: { status: 'fixing', deadlineAt: '2026-11-07T00:00:00Z' },
    }) as unknown as IssueFeature
    const details = issueDetails(issue, now, { unit: () => '县城市管理局' })
    const row = (key: string) => details.rows.find((r) => r.key === key)
    expect(details.title).toBe('占道经营')
    expect(details.badge?.text).toBe('整改中')
    expect(row('overdue')).toMatchObject({ value: '是，已超期 3 天', tone: 'warn' })
    expect(row('deadlineAt')?.value).toBe('2026-11-07 08:00')
    expect(row('responsibleUnit')?.value).toBe('县城市管理局')
    expect(row('id')?.value).toBe('issue-00007') // no number yet: the id stands in
  })

  test('the details name the issue by its 问题编号, not its id, once it has one', () => {
    const issue = buildIssue({
      id: 'issue-02601',
      properties: { issueNo: '2026-000123' },
    }) as unknown as IssueFeature
    const rows = issueDetails(issue, now).rows
    expect(rows[0]).toEqual({ key: 'issueNo', label: '问题编号', value: '2026-000123' })
    expect(rows.map((r) => r.value)).not.toContain('issue-02601')
  })

  test('an issue picked from a tile reads its number from the tile’s issueNo tag', () => {
    // what pickIssueTile builds: the tile's tags are the properties
    const tags = {
      id: 'issue-02601',
      issueNo: '2026-000123',
      status: 'fixing',
      category: 'exposed-garbage',
    }
    const picked = { type: 'Feature', id: tags.id, properties: tags } as unknown as IssueFeature
    expect(issueDetails(picked, now).rows[0]?.value).toBe('2026-000123')
  })

  test('the details say where the problem came from, right after the category', () => {
    const issue = buildIssue({
      properties: { category: 'street-vending', source: 'public-report' },
    }) as unknown as IssueFeature
    const rows = issueDetails(issue, now).rows
    const at = rows.findIndex((r) => r.key === 'category')
    expect(rows[at + 1]).toEqual({ key: 'source', label: '问题来源', value: '群众举报/12345' })
    const older = buildIssue({}) as unknown as IssueFeature // recorded before sources existed
    expect(issueDetails(older, now).rows.map((r) => r.key)).not.toContain('source')
  })

  test('a closed issue is never overdue', () => {
    const issue = buildIssue({
      properties: {
        status: 'closed',
        deadlineAt: '2026-11-01T00:00:00Z',
        closedAt: '2026-11-05T00:00:00Z',
      },
    }) as unknown as IssueFeature
    expect(issueDetails(issue, now).rows.find((r) => r.key === 'overdue')?.value).toBe('否')
  })
})
