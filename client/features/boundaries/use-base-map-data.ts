// The base map's collections (county, neighbours, rivers, seats, townships, villages) and the
// MapLibre sources made of them, loaded the same way by every screen with a map (the grids
// workspace leaves out the rivers and villages).
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
import { toBaseSources } from './layers.ts'

/** Which of the optional collections a screen draws; both by default. */
export interface BaseMapLayers {
  rivers?: boolean
  villages?: boolean
}

export function useBaseMapData(layers: BaseMapLayers = {}) {
  const withRivers = layers.rivers ?? true
  const withVillages = layers.villages ?? true
  const county = useQuery(countyQuery())
  const neighbors = useQuery(neighborsQuery())
  const rivers = useQuery({ ...riversQuery(), enabled: withRivers })
  const seats = useQuery(seatsQuery())
  const townships = useQuery(townshipsQuery())
  const villages = useQuery({ ...villagesQuery(), enabled: withVillages })
  // a collection left out is not drawn, even when another screen has it in the cache
  const riverData = withRivers ? rivers.data : undefined
  const villageData = withVillages ? villages.data : undefined
  const baseSources = useMemo(
    () =>
      toBaseSources({
        county: county.data,
        neighbors: neighbors.data,
        rivers: riverData,
        seats: seats.data,
        townships: townships.data,
        villages: villageData,
      }),
    [county.data, neighbors.data, riverData, seats.data, townships.data, villageData],
  )
  // a query left disabled stays pending: it does not hold the map back
  const settled =
    [county, neighbors, seats, townships].every((q) => !q.isPending) &&
    !(withRivers && rivers.isPending) &&
    !(withVillages && villages.isPending)
  return { county, neighbors, rivers, seats, townships, villages, baseSources, settled }
}
