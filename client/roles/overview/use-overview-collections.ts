// Every OGC collection the overview draws, one query each; shared by the map layers, the layer
// panel, the selection and the name lookups.
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
import { issuesQuery } from '../../features/issues/api.ts'

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
    issues: useQuery(issuesQuery()),
  }
}

export type OverviewCollections = ReturnType<typeof useOverviewCollections>
