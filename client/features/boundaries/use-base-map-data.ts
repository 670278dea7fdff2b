// The base map's collections (county, neighbours, rivers, seats, townships, villages) and the
// MapLibre sources made of them, loaded the same way by every screen with a map. A screen may
// leave some out: the grids workspace the rivers and villages, the phone's map all but the county,
// townships and villages.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import {
  countyQuery,
  neighborsQuery,
  riversQuery,
  seatsQuery,
  townshipsQuery,
  villagesQuery,
} from './api.ts'
import { type BoundaryData, toBaseSources } from './layers.ts'

/** Which of the optional collections a screen draws; all by default. */
export interface BaseMapLayers {
  neighbors?: boolean
  rivers?: boolean
  seats?: boolean
  villages?: boolean
}

export function useBaseMapData(layers: BaseMapLayers = {}) {
  const on = { neighbors: true, rivers: true, seats: true, villages: true, ...layers }
  const county = useQuery(countyQuery())
  const neighbors = useQuery({ ...neighborsQuery(), enabled: on.neighbors })
  const rivers = useQuery({ ...riversQuery(), enabled: on.rivers })
  const seats = useQuery({ ...seatsQuery(), enabled: on.seats })
  const townships = useQuery(townshipsQuery())
  const villages = useQuery({ ...villagesQuery(), enabled: on.villages })
  // a collection left out is not drawn, even when another screen has it in the cache
  const neighborData = on.neighbors ? neighbors.data : undefined
  const riverData = on.rivers ? rivers.data : undefined
  const seatData = on.seats ? seats.data : undefined
  const villageData = on.villages ? villages.data : undefined
  const baseSources = useBaseSources({
    county: county.data,
    neighbors: neighborData,
    rivers: riverData,
    seats: seatData,
    townships: townships.data,
    villages: villageData,
  })
  // a query left disabled stays pending: it does not hold the map back
  const settled =
    !county.isPending &&
    !townships.isPending &&
    !(on.neighbors && neighbors.isPending) &&
    !(on.rivers && rivers.isPending) &&
    !(on.seats && seats.isPending) &&
    !(on.villages && villages.isPending)
  return { county, neighbors, rivers, seats, townships, villages, baseSources, settled }
}

/**
 * The base map's sources, one memo per collection: a collection that arrives late leaves the
 * others' sources as they were, so the map does not cut them again (a round of frames each under
 * software GL).
 */
export function useBaseSources(data: BoundaryData) {
  const { county, neighbors, rivers, seats, townships, villages } = data
  const countySources = useMemo(
    () => toBaseSources({ county, neighbors }), // the neighbours' labels sit around the county
    [county, neighbors],
  )
  const riverSources = useMemo(() => toBaseSources({ rivers }), [rivers])
  const seatSources = useMemo(() => toBaseSources({ seats }), [seats])
  const townshipSources = useMemo(() => toBaseSources({ townships }), [townships])
  const villageSources = useMemo(() => toBaseSources({ villages }), [villages])
  return useMemo(
    () => ({
      ...countySources,
      ...riverSources,
      ...seatSources,
      ...townshipSources,
      ...villageSources,
    }),
    [countySources, riverSources, seatSources, townshipSources, villageSources],
  )
}
