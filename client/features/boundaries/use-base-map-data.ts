// The base map's collections (county, neighbours, rivers, seats, townships, villages) and the
// MapLibre sources made of them, loaded the same way by every screen with a map.
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

export function useBaseMapData() {
  const county = useQuery(countyQuery())
  const neighbors = useQuery(neighborsQuery())
  const rivers = useQuery(riversQuery())
  const seats = useQuery(seatsQuery())
  const townships = useQuery(townshipsQuery())
  const villages = useQuery(villagesQuery())
  const baseSources = useMemo(
    () =>
      toBaseSources({
        county: county.data,
        neighbors: neighbors.data,
        rivers: rivers.data,
        seats: seats.data,
        townships: townships.data,
        villages: villages.data,
      }),
    [county.data, neighbors.data, rivers.data, seats.data, townships.data, villages.data],
  )
  const settled = [county, neighbors, rivers, seats, townships, villages].every((q) => !q.isPending)
  return { county, neighbors, rivers, seats, townships, villages, baseSources, settled }
}
