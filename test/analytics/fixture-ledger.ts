// A hand-made ledger of eight issues whose every figure is worked out in the tests by hand.
// now = 2026-11-22T04:00Z = 12:00 in Beijing; "today" runs from 2026-11-21T16:00Z to 2026-11-22T16:00Z.
import type { IssueProperties } from '../../server/domain/issue.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildIssue } from '../builders.ts'

export const now = new Date('2026-11-22T04:00:00Z')
export const t1 = '532927101' // 南诏镇
export const t2 = '532927102' // 庙街镇

type Row = Partial<IssueProperties> & { id: string; lngLat?: [number, number] }

// biome-ignore format: one issue per line reads as a table
const rows: Row[] = [
  // a: found today (09:00 Beijing), deadline tomorrow → open, not overdue
  row('a', t1, 'urban-management', '532927101001001', 'pending', '2026-11-22T01:00:00Z', '2026-11-23T01:00:00Z'),
  // b: past its deadline → overdue
  row('b', t1, 'urban-management', '532927101001001', 'fixing', '2026-11-18T02:00:00Z', '2026-11-20T02:00:00Z'),
  // c: deadline exactly now → not overdue (deadlineAt < now is strict)
  row('c', t1, 'traffic-police', '532927101001002', 'reviewing', '2026-11-19T02:00:00Z', '2026-11-22T04:00:00Z'),
  // d: closed before its deadline, days ago
  row('d', t1, 'traffic-police', '532927101001002', 'closed', '2026-11-10T02:00:00Z', '2026-11-11T02:00:00Z', '2026-11-10T20:00:00Z'),
  // e: closed late, at 00:30 Beijing today (2026-11-21T16:30Z) → closed today
  row('e', t1, 'urban-management', '532927101001001', 'closed', '2026-11-20T02:00:00Z', '2026-11-21T02:00:00Z', '2026-11-21T16:30:00Z'),
  // f: found and closed at 23:00 and 23:59 Beijing yesterday → neither today
  row('f', t2, 'township-532927102', '532927102001001', 'closed', '2026-11-21T15:00:00Z', '2026-11-22T15:00:00Z', '2026-11-21T15:59:00Z'),
  // g: found at 00:00 Beijing today, deadline passed at 04:00 Beijing → found today, overdue
  row('g', t2, 'township-532927102', '532927102001001', 'fixing', '2026-11-21T16:00:00Z', '2026-11-21T20:00:00Z'),
  // h: closed exactly at its deadline → on time
  row('h', t2, 'urban-management', '532927102001001', 'closed', '2026-11-15T00:00:00Z', '2026-11-16T00:00:00Z', '2026-11-16T00:00:00Z'),
]

export function fixtureIssues(): GeoJsonFeature[] {
  return rows.map(({ id, lngLat, ...properties }) => buildIssue({ id, lngLat, properties }))
}

function row(
  id: string,
  townshipCode: string,
  responsibleUnit: string,
  gridCode: string,
  status: IssueProperties['status'],
  reportedAt: string,
  deadlineAt: string,
  closedAt?: string,
): Row {
  return {
    id,
    townshipCode,
    responsibleUnit,
    gridCode,
    status,
    reportedAt,
    deadlineAt,
    ...(closedAt ? { closedAt } : {}),
  }
}
