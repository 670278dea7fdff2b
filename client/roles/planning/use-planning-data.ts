// What the planning screen reads: the base map, the 1 km radii and roads, the candidates ranked
// by the (debounced) weights and plan, and, once the 1公里与沿线 tab has been
// opened, the seats' radius and the road corridors.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { LineString, MultiLineString } from 'geojson'
import { useCallback, useMemo } from 'react'
import { syntheticDisclaimer } from '../../../server/domain/layer-status.ts'
import { type PlaceProperties, townshipRadiiQuery } from '../../features/boundaries/api.ts'
import { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import {
  candidatesQuery,
  corridorsQuery,
  seatRadiusQuery,
  type Weights,
} from '../../features/planning/api.ts'
import { weightSum } from '../../features/planning/factors.ts'
import { collectionQuery } from '../../lib/collection-query.ts'
import { useLayerStatus } from '../../lib/place.ts'
import { useDebounced } from '../../lib/use-debounced.ts'
import { useCodeNames } from '../shared/use-code-names.ts'

const weightsDebounceMs = 300 // dragging a slider asks the server once it rests

/** `focus`: whether the 1公里与沿线 tab has been opened, its radius and corridor width. */
export function usePlanningData(
  weights: Weights,
  selection: string[],
  focus: { visited: ReadonlySet<string>; radiusM: number; widthM: number },
) {
  const { radiusM, widthM } = focus
  const focusVisited = focus.visited.has('focus')
  const base = useBaseMapData()
  const radii = useQuery(townshipRadiiQuery())
  const roads = useQuery(collectionQuery<LineString | MultiLineString, PlaceProperties>('roads'))

  const rankWeights = useDebounced(weights, weightsDebounceMs)
  const rankPlan = useDebounced(selection, weightsDebounceMs)
  const candidates = useQuery({
    ...candidatesQuery(rankWeights, rankPlan),
    enabled: weightSum(rankWeights) > 0,
    placeholderData: keepPreviousData,
  })
  const candidateItems = candidates.data?.items ?? []
  const candidatesStale =
    candidates.isPlaceholderData ||
    candidates.isFetching ||
    rankWeights !== weights ||
    rankPlan !== selection

  const seatRadius = useQuery({
    ...seatRadiusQuery(radiusM),
    enabled: focusVisited,
    placeholderData: keepPreviousData,
  })
  const corridors = useQuery({
    ...corridorsQuery(widthM),
    enabled: focusVisited,
    placeholderData: keepPreviousData,
  })

  const townshipNames = useCodeNames(base.townships.data)
  const townshipName = useCallback(
    (code: string) => townshipNames.get(code) ?? code,
    [townshipNames],
  )
  const byId = useMemo(
    () => new Map(candidateItems.map((c) => [c.checkpointId, c])),
    [candidateItems],
  )
  const { county, neighbors, rivers, seats, townships, villages } = base
  const basesSettled = [county, neighbors, rivers, seats, townships, villages, radii, roads].every(
    (q) => !q.isPending,
  )
  const mapError = [county, townships, candidates].find((q) => q.isError)?.error
  const disclaimer = syntheticDisclaimer(useLayerStatus()) // the layers still 示意
  return {
    disclaimer,
    ...base,
    radii,
    roads,
    candidates,
    candidateItems,
    candidatesPending: candidates.isPending && weightSum(rankWeights) > 0,
    candidatesStale,
    seatRadius,
    corridors,
    townshipName,
    byId,
    basesSettled,
    mapError,
  }
}

export type PlanningData = ReturnType<typeof usePlanningData>
