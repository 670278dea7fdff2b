// Every OGC collection the overview downloads, one query each; shared by the map layers, the layer
// panel, the selection and the name lookups. Not the issues: they come as vector tiles and counts.
import { useQuery } from '@tanstack/react-query'
import {
  countyQuery,
  neighborsQuery,
  riversQuery,
  seatsQuery,
  townshipRadiiQuery,
  townshipsQuery,
  villagesQuery,
} from '../../features/boundaries/api.ts'
import { checkpointsQuery } from '../../features/checkpoints/api.ts'
import { gridsQuery } from '../../features/grids/api.ts'

export function useOverviewCollections() {
  return {
    county: useQuery(countyQuery()),
    neighbors: useQuery(neighborsQuery()),
    rivers: useQuery(riversQuery()),
    seats: useQuery(seatsQuery()),
    townships: useQuery(townshipsQuery()),
    villages: useQuery(villagesQuery()),
    radii: useQuery(townshipRadiiQuery()),
    grids: useQuery(gridsQuery()),
    checkpoints: useQuery(checkpointsQuery()),
  }
}

export type OverviewCollections = ReturnType<typeof useOverviewCollections>
