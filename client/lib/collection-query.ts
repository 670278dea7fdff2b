// One TanStack Query definition per OGC collection; features wrap it with their own types.
// Keys run generic → specific (`collections` → id → items) so invalidation can hit any level.
import { queryOptions } from '@tanstack/react-query'
import type { Geometry } from 'geojson'
import { fetchCollection } from './api-client.ts'
import { reportProgress } from './load-progress.ts'

export const collectionKeys = {
  all: ['collections'] as const,
  items: (collectionId: string) => [...collectionKeys.all, collectionId, 'items'] as const,
}

const staleTimeMs = 5 * 60_000 // demo layers change rarely; a later issue adds live refresh

export function collectionQuery<G extends Geometry | null, P>(collectionId: string) {
  return queryOptions({
    queryKey: collectionKeys.items(collectionId),
    queryFn: ({ signal }) =>
      fetchCollection<G, P>(collectionId, {
        signal,
        onProgress: (progress) => reportProgress(collectionId, progress),
      }),
    staleTime: staleTimeMs,
  })
}
