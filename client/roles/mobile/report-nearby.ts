// What lies near the reported spot: open issues of the same category (maybe the same problem,
// reported already) and the nearest check point, to link the report to.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import { checkpointsQuery } from '../../features/checkpoints/api.ts'
import { type NearbyIssue, nearbyIssuesQuery } from '../../features/issues/api.ts'
import { type NamedPlace, nearestPlace } from '../../lib/geo.ts'

export const duplicateRadiusMeters = 50 // the same problem is rarely reported farther apart than this
const checkpointWithinMeters = 300 // a check point farther away is rarely the right one

/** Open issues of the category within duplicateRadiusMeters; none until both are known. */
export function useDuplicates(
  lngLat: [number, number] | undefined,
  category: IssueCategory | undefined,
): NearbyIssue[] {
  const nearby = useQuery({
    ...nearbyIssuesQuery(lngLat ?? [0, 0], category ?? 'street-vending', duplicateRadiusMeters),
    enabled: Boolean(lngLat && category),
  })
  return lngLat && category ? (nearby.data?.items ?? []) : []
}

export function useNearestCheckpoint(lngLat: [number, number] | undefined) {
  const checkpoints = useQuery(checkpointsQuery())
  const places = useMemo<NamedPlace[]>(
    () =>
      (checkpoints.data?.features ?? []).map((f) => ({
        id: String(f.id),
        name: f.properties.name,
        lngLat: f.geometry.coordinates as [number, number],
      })),
    [checkpoints.data],
  )
  return lngLat ? nearestPlace(lngLat, places, checkpointWithinMeters) : undefined
}
