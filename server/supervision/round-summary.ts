// What a round shows on the map and in its panel: its findings (the issues recorded in it), the route
// the inspectors took (findings in the order found), which targets were visited, and its tallies. Pure.
import { type IssueCategory, type IssueState, isOverdue } from '../domain/issue.ts'
import { type Round, type RoundTarget, visitsTarget } from '../domain/supervision.ts'

export interface RoundSummary {
  round: Round
  tallies: {
    found: number
    closed: number
    overdue: number
    closureRate: number | null
    byCategory: Partial<Record<IssueCategory, number>>
  }
  // a target is visited when an issue of the round concerns it or the team registered its visit
  coverage: {
    visited: number
    total: number
    targets: (RoundTarget & { issues: number; visited: boolean })[]
  }
  route: {
    type: 'Feature'
    geometry: { type: 'LineString'; coordinates: [number, number][] } | null
    properties: { roundId: string }
  }
  findings: {
    type: 'FeatureCollection'
    features: {
      type: 'Feature'
      id: string
      geometry: { type: 'Point'; coordinates: [number, number] }
      properties: {
        order: number
        category: IssueCategory
        status: string
        responsibleUnit: string
        reportedAt: string
        overdue: boolean
      }
    }[]
  }
}

export function roundSummary(round: Round, issues: readonly IssueState[], now: Date): RoundSummary {
  const ordered = [...issues].sort(
    (a, b) =>
      Date.parse(a.properties.reportedAt) - Date.parse(b.properties.reportedAt) ||
      (a.id < b.id ? -1 : 1),
  )
  const byCategory: Partial<Record<IssueCategory, number>> = {}
  let closed = 0
  let overdue = 0
  for (const i of ordered) {
    byCategory[i.properties.category] = (byCategory[i.properties.category] ?? 0) + 1
    if (i.properties.status === 'closed') closed++
    else if (isOverdue(i.properties, now)) overdue++
  }
  const targets = round.targets.map((t) => {
    const found = ordered.filter((i) => visitsTarget(i.properties, t)).length
    return { ...t, issues: found, visited: found > 0 || t.visitedOn !== undefined }
  })
  return {
    round,
    tallies: {
      found: ordered.length,
      closed,
      overdue,
      closureRate: ordered.length ? closed / ordered.length : null,
      byCategory,
    },
    coverage: {
      visited: targets.filter((t) => t.visited).length,
      total: targets.length,
      targets,
    },
    route: {
      type: 'Feature',
      geometry:
        ordered.length >= 2
          ? { type: 'LineString', coordinates: ordered.map((i) => [i.lngLat[0], i.lngLat[1]]) }
          : null,
      properties: { roundId: round.id },
    },
    findings: {
      type: 'FeatureCollection',
      features: ordered.map((i, k) => ({
        type: 'Feature',
        id: i.id,
        geometry: { type: 'Point', coordinates: [i.lngLat[0], i.lngLat[1]] },
        properties: {
          order: k + 1,
          category: i.properties.category,
          status: i.properties.status,
          responsibleUnit: i.properties.responsibleUnit,
          reportedAt: i.properties.reportedAt,
          overdue: isOverdue(i.properties, now),
        },
      })),
    },
  }
}
