// The side-panel view of one issue: status badge, Chinese rows, derived overdue. Pure.
import { isOverdue } from '../../../server/domain/issue.ts'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { issueSourceLabels } from '../../../server/domain/supervision.ts'
import {
  type FeatureDetails,
  formatOverdue,
  type NameLookup,
  toDetailRows,
} from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import type { IssueFeature } from './api.ts'
import { issueStatusColors } from './layers.ts'

const order = [
  'status',
  'category',
  'description',
  'reportedAt',
  'deadlineAt',
  'updatedAt',
  'closedAt',
  'responsibleUnit',
  'townshipCode',
  'gridCode',
  'checkpointId',
  'statusNotes',
  'synthetic',
]

export function issueDetails(
  feature: IssueFeature,
  now: Date,
  lookup: NameLookup = {},
): FeatureDetails {
  const p = feature.properties
  const rows = toDetailRows(p as unknown as Record<string, unknown>, order, lookup)
  const overdue = isOverdue(p, now)
  const at = rows.findIndex((row) => row.key === 'deadlineAt')
  rows.splice(at < 0 ? rows.length : at + 1, 0, {
    key: 'overdue',
    label: '逾期',
    value: overdue ? `是，已超期 ${formatOverdue(p.deadlineAt, now)}` : '否',
    tone: overdue ? 'warn' : undefined,
  })
  // 问题来源 after the category (issues recorded before sources existed have none); a county
  // feature's `source` is its data provenance, so the label is not a general property label
  if (p.source) {
    const at = rows.findIndex((row) => row.key === 'category')
    rows.splice(at + 1, 0, {
      key: 'source',
      label: '问题来源',
      value: issueSourceLabels[p.source] ?? p.source,
    })
  }
  // people read the 问题编号; the internal id only while an issue has none
  if (p.issueNo) rows.unshift({ key: 'issueNo', label: '问题编号', value: p.issueNo })
  else if (feature.id !== undefined)
    rows.unshift({ key: 'id', label: '编号', value: String(feature.id) })
  return {
    kind: '问题',
    title: issueCategoryLabels[p.category] ?? p.category,
    badge: {
      text: issueStatusLabels[p.status] ?? p.status,
      color: toCssColor(issueStatusColors[p.status] ?? [134, 142, 150, 255]),
    },
    rows,
  }
}
