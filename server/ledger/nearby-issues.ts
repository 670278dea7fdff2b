// 重复上报检查: the open issues (not 已销号) within a radius of a position, nearest first, optionally of
// one category. R*Tree candidates from the store's issues collection, then the exact distance.
import { bboxAround, distanceMeters } from '../domain/distance.ts'
import type { IssueCategory, LngLat } from '../domain/issue.ts'
import type { User } from '../domain/roles.ts'
import type { Store } from '../storage/store.ts'
import { type IssueView, toIssueView } from './issue-view.ts'

export interface NearbyQuery {
  lngLat: LngLat
  radiusMeters: number
  category?: IssueCategory
  limit: number // nearest first; the rest are left out
}

export type NearbyIssue = IssueView & { distanceMeters: number }

const maxCandidates = 1000 // a 200 m box in the county seat holds a few dozen issues

export async function nearbyIssues(
  store: Store,
  query: NearbyQuery,
  user: User | undefined,
  now: Date,
): Promise<NearbyIssue[]> {
  const page = await store.features('issues', {
    bbox: bboxAround(query.lngLat, query.radiusMeters),
    properties: query.category ? { category: query.category } : {},
    limit: maxCandidates,
    offset: 0,
  })
  const near: { id: string; meters: number }[] = []
  for (const text of page.features) {
    const feature = JSON.parse(text) as {
      id: string
      geometry: { coordinates: LngLat } | null
      properties: { status?: string }
    }
    if (!feature.geometry || feature.properties.status === 'closed') continue
    const meters = distanceMeters(query.lngLat, feature.geometry.coordinates)
    if (meters <= query.radiusMeters) near.push({ id: String(feature.id), meters })
  }
  near.sort((a, b) => a.meters - b.meters || (a.id < b.id ? -1 : 1))
  const states = await Promise.all(near.slice(0, query.limit).map(({ id }) => store.issue(id)))
  return states.flatMap((state, i) =>
    state
      ? [{ ...toIssueView(state, user, now), distanceMeters: Math.round(near[i]?.meters ?? 0) }]
      : [],
  )
}
