// Seeded random issues for property-style tests: valid ledger rows (closedAt exactly when closed)
// spread over two townships, a few units and grids, a small area near 南诏镇 and 60 days before now.
import {
  type IssueProperties,
  type IssueStatus,
  issueCategories,
  issueStatuses,
} from '../../server/domain/issue.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildIssue } from '../builders.ts'

export const townshipCodes = ['532927101', '532927102', '532927201'] as const
export const unitCodes = ['urban-management', 'traffic-police', 'township-532927102'] as const
const dayMs = 86_400_000

export function randomIssue(random: () => number, id: string, nowMs: number): GeoJsonFeature {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
  const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString()
  const status: IssueStatus = random() < 0.5 ? 'closed' : pick(issueStatuses)
  const township = pick(townshipCodes)
  const reportedMs = nowMs - random() * 60 * dayMs
  const deadlineMs = reportedMs + random() * 5 * dayMs
  const properties: Partial<IssueProperties> = {
    status,
    category: pick(issueCategories),
    reportedAt: iso(reportedMs),
    deadlineAt: iso(deadlineMs),
    responsibleUnit: pick(unitCodes),
    townshipCode: township,
    gridCode: `${township}001${String(1 + Math.floor(random() * 4)).padStart(3, '0')}`,
  }
  const feature = buildIssue({
    id,
    lngLat: [100.28 + random() * 0.06, 25.2 + random() * 0.06],
    properties,
  })
  const p = feature.properties as unknown as IssueProperties
  if (status === 'closed') p.closedAt = iso(Math.min(nowMs, reportedMs + random() * 8 * dayMs))
  else delete p.closedAt
  return feature
}
