import { describe, expect, test } from 'vitest'
import type { IssueCollection, IssueFeature } from '../../client/features/issues/api.ts'
import { issueDetails } from '../../client/features/issues/issue-details.ts'
import {
  issueColor,
  issueLayerIds,
  issueLayers,
  issueLegend,
  issueStatusColors,
  splitIssues,
} from '../../client/features/issues/layers.ts'
import type { IssueStatus } from '../../server/domain/issue.ts'
import { buildIssue } from '../builders.ts'

const now = new Date('2026-11-10T00:00:00Z')

function collection(statuses: IssueStatus[]): IssueCollection {
  const features = statuses.map((status) =>
    buildIssue({
      properties: { status, ...(status === 'closed' ? { closedAt: '2026-11-03T00:00:00Z' } : {}) },
    }),
  )
  return { type: 'FeatureCollection', features } as unknown as IssueCollection
}

const options = { heatmapVisible: true, pointsVisible: true, now }

describe('issue layers', () => {
  test('are a heatmap and a points layer with stable ids', () => {
    const ids = issueLayers(collection(['pending']), options).map((l) => l.id)
    expect(ids).toEqual([issueLayerIds.heatmap, issueLayerIds.points])
    expect(issueLayers(undefined, options).map((l) => l.id)).toEqual(ids)
  })

  test('the heatmap aggregates open issues only; the points show every issue, closed first', () => {
    const issues = collection(['closed', 'pending', 'fixing', 'closed', 'reviewing'])
    const [heatmap, points] = issueLayers(issues, options)
    const heatData = heatmap?.props.data as IssueFeature[]
    const pointData = points?.props.data as IssueFeature[]
    expect(heatData.map((f) => f.properties.status).sort()).toEqual([
      'fixing',
      'pending',
      'reviewing',
    ])
    expect(pointData.map((f) => f.properties.status)).toEqual([
      'closed',
      'closed',
      'pending',
      'fixing',
      'reviewing',
    ])
  })

  test('the split is computed once per collection', () => {
    const issues = collection(['pending'])
    expect(splitIssues(issues)).toBe(splitIssues(issues))
  })

  test('an empty heatmap is hidden rather than drawn blank', () => {
    const [heatmap] = issueLayers(collection(['closed']), options)
    expect(heatmap?.props.visible).toBe(false)
  })

  test('toggles set `visible` instead of removing layers', () => {
    const layers = issueLayers(collection(['pending']), {
      ...options,
      heatmapVisible: false,
      pointsVisible: false,
    })
    expect(layers.map((l) => l.props.visible)).toEqual([false, false])
  })

  test('points are coloured by status, each status its own colour', () => {
    const colours = (['pending', 'fixing', 'reviewing', 'closed'] as const).map((status) =>
      issueColor(buildIssue({ properties: { status } }) as unknown as IssueFeature).join(),
    )
    expect(new Set(colours).size).toBe(4)
    expect(colours[1]).toBe(issueStatusColors.fixing.join())
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
    expect(row('id')?.value).toBe('issue-00007')
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
